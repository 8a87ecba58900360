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
	"github.com/foliowiki/folio/internal/config"
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
	var prefix, dumpFile string
	var jobs int
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&prefix, "prefix", "", `put this before every title: "Guide" imports a/b.md as Guide/a/b ("Help:" as Help:a/b)`)
		fs.StringVar(&dumpFile, "dump", "", "load the dump FILE (from folio export; - reads standard input) instead of a tree: whole histories, in bulk")
		fs.IntVar(&jobs, "jobs", 0, "--dump: pages rendered side by side (default: the number of CPUs)")
	}
	cfg, rest, err := parseFlags("import", "SRC | --dump FILE", args, sio, extra, append(storeOptions, "max-page-bytes")...)
	if err != nil {
		return err
	}
	if dumpFile != "" {
		if len(rest) != 0 || prefix != "" {
			return fmt.Errorf("import --dump takes no SRC directory nor --prefix: %w", errUsage)
		}
		return importDump(ctx, cfg, dumpFile, jobs, sio)
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

// importDump is folio import --dump.
func importDump(ctx context.Context, cfg config.Config, file string, jobs int, sio stdio) error {
	in := sio.in
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		in = f
	}
	log := newLogger(cfg, sio.err)
	w, err := openUnseeded(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer w.Close()
	opts := importer.DumpOptions{Jobs: jobs}
	if f, ok := sio.err.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("loading pages"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
		opts.Progress = func(done int) { bar.Set(done) }
	}
	rep, err := importer.ImportDump(ctx, w.saver, w, in, opts)
	printReport(sio, rep)
	if err != nil {
		return err
	}
	return w.seed(ctx, cfg, log) // a dump without pages leaves an empty store
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
