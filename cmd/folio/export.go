package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/foliowiki/folio/dump"
)

// runExport is folio export: every live page with its history, as a dump
// (package dump) on standard output or in --output.
func runExport(ctx context.Context, args []string, sio stdio) error {
	var output string
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&output, "output", "", "write the dump to this file (default: standard output); it is written whole or removed")
	}
	cfg, rest, err := parseFlags("export", "", args, sio, extra, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("export takes no arguments, got %q: %w", rest, errUsage)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	var out io.Writer = sio.out
	var f *os.File
	if output != "" {
		// Written beside its final name and renamed at the end: a failed
		// export never leaves half a dump under that name.
		if f, err = os.CreateTemp(filepath.Dir(output), ".folio-export-*"); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(f.Name())
		defer f.Close()
		out = f
	}
	pages, revs, err := dump.Export(ctx, st, out, "folio "+version)
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(f.Name(), output); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	fmt.Fprintf(sio.err, "exported %d pages, %d revisions\n", pages, revs)
	return nil
}
