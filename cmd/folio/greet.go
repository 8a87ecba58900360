package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// greet tells the person who started folio serve where the wiki is and,
// while the wiki has no account, how to make the first administrator.
func greet(ctx context.Context, w io.Writer, st store.Store, cfg config.Config, addr string, routes *router.Registry) error {
	main := routes.Config().MainPage
	fmt.Fprintf(w, "\nFolio is serving http://%s%s\n", addr, router.TitleURL(main))
	if _, err := st.PageByTitle(ctx, main); errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(w, "  The front page %q does not exist yet: create it, or choose another with --main-page.\n", main)
	} else if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	n, err := st.CountUsers(ctx)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if n == 0 {
		fmt.Fprintf(w, "  No account exists yet. Create the first administrator (it asks for a password) with:\n\n    %s\n\n", firstAdminCommand(cfg))
	}
	if cfg.Registration == "open" {
		fmt.Fprintf(w, "  Registration is open: anyone may create an account at http://%s%s\n", addr, routes.Path("user.register"))
	}
	fmt.Fprintln(w, "  Stop with Ctrl-C.")
	return nil
}

// firstAdminCommand is the command line that makes the first sysop on the
// store cfg names.
func firstAdminCommand(cfg config.Config) string {
	where := "--data " + shellQuote(cfg.Data)
	if cfg.DB != "" {
		where = `--db "$FOLIO_DB"` // the DSN is a secret: never printed
	}
	return fmt.Sprintf("%s user create %s --group sysop Admin", programName(), where)
}

// programName is how the person ran folio: bin/folio from make run.
func programName() string {
	if p := os.Args[0]; strings.HasSuffix(p, "/folio") || p == "folio" {
		return p
	}
	return "folio"
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
