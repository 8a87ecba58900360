package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/foliowiki/folio/hooks"

	_ "github.com/foliowiki/folio/extensions/standard" // the bundled extensions
)

// runExtensions prints the compiled-in extensions, one per line, ID first.
func runExtensions(_ context.Context, args []string, sio stdio) error {
	if len(args) > 0 {
		return fmt.Errorf("extensions takes no arguments: %w", errUsage)
	}
	for _, e := range hooks.Extensions() {
		fmt.Fprintf(sio.out, "%s\t%s\n", e.ID, e.Doc)
	}
	return nil
}

// runHooks prints every hook point with its resolved order: "folio hooks list".
func runHooks(_ context.Context, args []string, sio stdio) error {
	if len(args) != 1 || args[0] != "list" {
		return fmt.Errorf("usage: folio hooks list: %w", errUsage)
	}
	for _, p := range hooks.Points() {
		fmt.Fprintf(sio.out, "%s\t%s\n", p.Name, strings.Join(p.IDs, " "))
		fmt.Fprintf(sio.out, "\twhen: %s\n\treceives: %s\n\ttouches: %s\n", p.When, p.Receives, p.Touches)
	}
	return nil
}
