package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/foliowiki/folio/importer"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// quoteName prints a file name safely on a terminal: as it is when it holds
// only printable characters and no spaces at its ends, Go-quoted otherwise
// (so a control character in a name cannot drive the terminal).
func quoteName(s string) string {
	if strings.TrimSpace(s) == s && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) < 0 {
		return s
	}
	return strconv.Quote(s)
}

func runImport(ctx context.Context, args []string, sio stdio) error {
	var prefix string
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&prefix, "prefix", "", `put this before every title: "Guide" imports a/b.md as Guide/a/b ("Help:" as Help:a/b)`)
	}
	cfg, rest, err := parseFlags("import", "SRC", args, sio, extra, append(storeOptions, "max-page-bytes")...)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("import takes one SRC directory, got %d arguments: %w", len(rest), errUsage)
	}
	if prefix != "" {
		if _, err := router.NormalizeTitle(prefix + "x"); err != nil {
			return fmt.Errorf("import: --prefix %q: %w", prefix, err)
		}
	}
	if meant, ok := importer.LikelySource(rest[0]); ok {
		fmt.Fprintf(sio.err, "warning: %s looks like a repository's root (a README.md beside %s/): every title will start with a folder name and README.md becomes a page.\n"+
			"         To import the pages themselves, run: folio import %s\n", quoteName(rest[0]), filepath.Base(meant), quoteName(meant))
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	opts := importer.Options{Source: rest[0], UserName: store.ImportUserName, MaxPageBytes: cfg.MaxPageBytes, Prefix: prefix}
	if f, ok := sio.err.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var bar *progressbar.ProgressBar
		opts.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(f),
					progressbar.OptionSetDescription("importing"), progressbar.OptionShowCount(),
					progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
		}
	}
	rep, err := importer.Import(ctx, w.saver, w, opts)
	printReport(sio, rep)
	return err
}

func printReport(sio stdio, rep importer.Report) {
	for _, s := range rep.Skipped {
		fmt.Fprintf(sio.out, "skipped %s: %s\n", quoteName(s.Path), s.Reason)
	}
	if rep.Changed() == 0 {
		fmt.Fprintf(sio.out, "0 changes: %d pages already up to date, %d skipped\n", rep.Unchanged, len(rep.Skipped))
		return
	}
	fmt.Fprintf(sio.out, "%d changes: %d created, %d updated, %d unchanged, %d skipped in %s\n",
		rep.Changed(), rep.Created, rep.Updated, rep.Unchanged, len(rep.Skipped), rep.Elapsed.Round(1e6))
}
