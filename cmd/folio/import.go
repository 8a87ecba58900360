package main

import (
	"context"
	"fmt"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/foliowiki/folio/internal/importer"
)

func runImport(ctx context.Context, args []string, sio stdio) error {
	cfg, rest, err := parseFlags("import", "SRC", args, sio, nil, append(storeOptions, "max-page-bytes")...)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("import takes one SRC directory, got %d arguments: %w", len(rest), errUsage)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	opts := importer.Options{Source: rest[0], UserName: "Folio import", MaxPageBytes: cfg.MaxPageBytes}
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
		fmt.Fprintf(sio.out, "skipped %s: %s\n", s.Path, s.Reason)
	}
	if rep.Changed() == 0 {
		fmt.Fprintf(sio.out, "0 changes: %d pages already up to date, %d skipped\n", rep.Unchanged, len(rep.Skipped))
		return
	}
	fmt.Fprintf(sio.out, "%d changes: %d created, %d updated, %d unchanged, %d skipped in %s\n",
		rep.Changed(), rep.Created, rep.Updated, rep.Unchanged, len(rep.Skipped), rep.Elapsed.Round(1e6))
}
