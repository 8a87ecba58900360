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
	_, rest, err := parseFlags("extensions", "", args, sio, nil)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("extensions takes no arguments: %w", errUsage)
	}
	for _, e := range hooks.Extensions() {
		fmt.Fprintf(sio.out, "%s\t%s\n", e.ID, e.Doc)
	}
	return nil
}

// runHooks prints every hook point with its resolved order: "folio hooks list".
func runHooks(ctx context.Context, args []string, sio stdio) error {
	return subcommand(ctx, "hooks", "usage: folio hooks list    print every hook point, when it runs and its resolved order", args, sio,
		map[string]func(context.Context, []string, stdio) error{"list": runHooksList})
}

func runHooksList(_ context.Context, args []string, sio stdio) error {
	_, rest, err := parseFlags("hooks list", "", args, sio, nil)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("hooks list takes no arguments: %w", errUsage)
	}
	for _, p := range hooks.Points() {
		fmt.Fprintf(sio.out, "%s\t%s\n", p.Name, strings.Join(p.IDs, " "))
		fmt.Fprintf(sio.out, "\twhen: %s\n\treceives: %s\n\ttouches: %s\n", p.When, p.Receives, p.Touches)
	}
	return nil
}
