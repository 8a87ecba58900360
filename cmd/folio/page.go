package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

const pageUsage = `usage: folio page <subcommand> [flags] TITLE

  get [flags] TITLE             print the page's current Markdown
  put [flags] TITLE < page.md   save stdin as the page's next revision

Run "folio page get -h" or "folio page put -h" for the flags.`

func runPage(ctx context.Context, args []string, sio stdio) error {
	return subcommand(ctx, "page", pageUsage, args, sio, map[string]func(context.Context, []string, stdio) error{
		"get": runPageGet, "put": runPagePut,
	})
}

// runPageGet prints a page's current Markdown.
func runPageGet(ctx context.Context, args []string, sio stdio) error {
	cfg, rest, err := parseFlags("page get", "TITLE", args, sio, nil, storeOptions...)
	if err != nil {
		return err
	}
	title, err := oneTitle("page get", rest)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	rev, err := st.LatestRevision(ctx, title)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("page get: there is no page %q", title)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(sio.out, rev.Text)
	return err
}

// runPagePut saves Markdown from stdin as a new revision of a page.
func runPagePut(ctx context.Context, args []string, sio stdio) error {
	var summary, user string
	var minor bool
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&summary, "summary", "", "edit summary")
		fs.StringVar(&user, "user", "Folio script", "name recorded as the author")
		fs.BoolVar(&minor, "minor", false, "mark the edit minor")
	}
	cfg, rest, err := parseFlags("page put", "TITLE < page.md", args, sio, extra, append(storeOptions, "max-page-bytes")...)
	if err != nil {
		return err
	}
	title, err := oneTitle("page put", rest)
	if err != nil {
		return err
	}
	text, err := readLimited(sio.in, cfg.MaxPageBytes)
	if err != nil {
		return fmt.Errorf("page put %q: %w", title, err)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	base, err := store.LatestRevID(ctx, w, title)
	if err != nil {
		return err
	}
	res, err := w.saver.Save(ctx, pageinfo.Edit{
		Title: title, Text: text, BaseRevID: base, Summary: summary, UserName: user, Minor: minor,
	})
	if err != nil {
		return err
	}
	switch {
	case res.Unchanged:
		fmt.Fprintf(sio.out, "%s: no change (revision %d)\n", title, res.Revision.ID)
	case res.Created:
		fmt.Fprintf(sio.out, "%s: created, revision %d\n", title, res.Revision.ID)
	default:
		fmt.Fprintf(sio.out, "%s: saved revision %d\n", title, res.Revision.ID)
	}
	return nil
}

func oneTitle(cmd string, args []string) (string, error) {
	if len(args) != 1 {
		return "", fmt.Errorf("%s takes one TITLE, got %d arguments: %w", cmd, len(args), errUsage)
	}
	title, err := router.NormalizeTitle(args[0])
	if err != nil {
		return "", fmt.Errorf("%s: %w", cmd, err)
	}
	return title, nil
}

// readLimited reads all of r, failing with pageinfo.ErrTooLarge past limit
// bytes rather than reading an endless input.
func readLimited(r io.Reader, limit int) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return "", err
	}
	if len(b) > limit {
		return "", fmt.Errorf("%w: more than %d bytes", pageinfo.ErrTooLarge, limit)
	}
	return string(b), nil
}
