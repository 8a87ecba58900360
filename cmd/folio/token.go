package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/foliowiki/folio/userinfo"
)

const tokenUsage = `usage: folio token <subcommand> [flags] [args]

  create [--name N] [--expires 720h] USER   make an API token (0 or no --expires: it never expires)
  list [--user NAME]                        list tokens (never their secrets), an account's or everyone's
  revoke ID | revoke --user NAME            end one token, or every token of an account, on every node`

// runToken makes, lists and revokes API tokens.
func runToken(ctx context.Context, args []string, sio stdio) error {
	return subcommand(ctx, "token", tokenUsage, args, sio, map[string]func(context.Context, []string, stdio) error{
		"create": runTokenCreate, "list": runTokenList, "revoke": runTokenRevoke,
	})
}

// runTokenCreate makes a token and prints it once.
func runTokenCreate(ctx context.Context, args []string, sio stdio) error {
	var name string
	var expires time.Duration
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "what the token is for")
		fs.DurationVar(&expires, "expires", 0, "how long the token lasts, e.g. 720h (0: until revoked)")
	}
	cfg, rest, err := parseFlags("token create", "USER", args, sio, extra, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return fmt.Errorf("token create takes one USER, got %d arguments: %w", len(rest), errUsage)
	}
	if expires < 0 {
		return fmt.Errorf("token create: --expires %v is negative: %w", expires, errUsage)
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
	secret, info, err := w.users.IssueToken(ctx, u.ID, name, expires)
	if err != nil {
		return err
	}
	until := "it never expires (--expires 720h makes one that does)"
	if !info.Expires.IsZero() {
		until = "it expires " + tokenTime(info.Expires)
	}
	fmt.Fprintf(sio.err, "API token %d for %s; %s; \"folio token revoke %d\" ends it.\n", info.ID, u.Name, until, info.ID)
	fmt.Fprintln(sio.err, "Shown once; send it as \"Authorization: Bearer <token>\":")
	_, err = fmt.Fprintln(sio.out, secret)
	return err
}

// runTokenList prints the tokens of one account, or of all.
func runTokenList(ctx context.Context, args []string, sio stdio) error {
	var user string
	extra := func(fs *flag.FlagSet) { fs.StringVar(&user, "user", "", "only this account's tokens") }
	cfg, rest, err := parseFlags("token list", "", args, sio, extra, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return fmt.Errorf("token list takes no arguments (--user NAME picks an account): %w", errUsage)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	var id int64
	if user != "" {
		u, err := w.users.User(ctx, user)
		if err != nil {
			return err
		}
		id = u.ID
	}
	toks, err := w.users.Tokens(ctx, id)
	if err != nil {
		return err
	}
	if len(toks) == 0 {
		fmt.Fprintln(sio.err, "no API tokens")
		return nil
	}
	tw := tabwriter.NewWriter(sio.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tOWNER\tCREATED\tEXPIRES\tLAST USED")
	now := time.Now()
	for _, t := range toks {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, tokenDash(strconv.Quote(t.Name), t.Name == ""), t.Owner,
			tokenTime(t.Created), tokenExpiry(t, now), tokenDash(tokenTime(t.LastUsed), t.LastUsed.IsZero()))
	}
	return tw.Flush()
}

// runTokenRevoke ends one token by id, or every token of an account.
func runTokenRevoke(ctx context.Context, args []string, sio stdio) error {
	var user string
	extra := func(fs *flag.FlagSet) { fs.StringVar(&user, "user", "", "revoke every token of this account") }
	cfg, rest, err := parseFlags("token revoke", "ID", args, sio, extra, storeOptions...)
	if err != nil {
		return err
	}
	var id int64
	switch {
	case user == "" && len(rest) == 1:
		if id, err = strconv.ParseInt(rest[0], 10, 64); err != nil || id <= 0 {
			return fmt.Errorf("token revoke: %q is not a token id (folio token list shows them): %w", rest[0], errUsage)
		}
	case user != "" && len(rest) == 0:
	default:
		return fmt.Errorf("token revoke takes one ID, or --user NAME alone: %w", errUsage)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	if user != "" {
		u, err := w.users.User(ctx, user)
		if err != nil {
			return err
		}
		n, err := w.users.RevokeUserTokens(ctx, u.ID)
		if err != nil {
			return err
		}
		word := "tokens"
		if n == 1 {
			word = "token"
		}
		_, err = fmt.Fprintf(sio.out, "revoked %d %s of %s\n", n, word, u.Name)
		return err
	}
	t, err := w.users.RevokeToken(ctx, id, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(sio.out, "revoked token %d (%s) of %s\n", t.ID, tokenDash(strconv.Quote(t.Name), t.Name == ""), t.Owner)
	return err
}

func tokenTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

func tokenExpiry(t userinfo.TokenInfo, now time.Time) string {
	switch {
	case t.Expires.IsZero():
		return "never"
	case t.Expired(now):
		return tokenTime(t.Expires) + " (expired)"
	}
	return tokenTime(t.Expires)
}

// tokenDash is s, or "-" when empty says so.
func tokenDash(s string, empty bool) string {
	if empty {
		return "-"
	}
	return s
}
