package main

import (
	"context"
	"flag"
	"fmt"
)

// runToken makes API tokens: folio token create [--name N] USER.
func runToken(ctx context.Context, args []string, sio stdio) error {
	return subcommand(ctx, "token", "usage: folio token create [--name N] USER", args, sio,
		map[string]func(context.Context, []string, stdio) error{"create": runTokenCreate})
}

// runTokenCreate makes a token and prints it once.
func runTokenCreate(ctx context.Context, args []string, sio stdio) error {
	var name string
	extra := func(fs *flag.FlagSet) { fs.StringVar(&name, "name", "", "what the token is for") }
	cfg, rest, err := parseFlags("token create", "USER", args, sio, extra, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("token create takes one USER, got %d arguments: %w", len(rest), errUsage)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	u, err := w.users.User(ctx, rest[0])
	if err != nil {
		return err
	}
	secret, err := w.users.CreateToken(ctx, u.ID, name)
	if err != nil {
		return err
	}
	fmt.Fprintf(sio.err, "API token for %s (shown once; send it as \"Authorization: Bearer <token>\"):\n", u.Name)
	_, err = fmt.Fprintln(sio.out, secret)
	return err
}
