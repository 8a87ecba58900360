package main

import (
	"context"
	"fmt"
)

func runMigrate(ctx context.Context, args []string, io stdio) error {
	cfg, rest, err := parseFlags("migrate", "", args, io, nil, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("migrate takes no arguments, got %q: %w", rest, errUsage)
	}
	st, err := openStore(ctx, cfg) // opening applies pending steps
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(io.out, "%s store is at migration %s (%d steps)\n", st.Backend(), last(st.Migrations()), len(st.Migrations()))
	return nil
}

func last(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return s[len(s)-1]
}
