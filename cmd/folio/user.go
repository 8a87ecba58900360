package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/foliowiki/folio/userinfo"
)

const userUsage = `usage: folio user <subcommand> [flags] NAME [GROUP]

  create [--password-file F] [--group G]... NAME   make an account (prompts for the password on a terminal)
  grant NAME GROUP                                 add to a group (e.g. sysop)
  revoke NAME GROUP                                remove from a group
  block [--expires 24h] [--reason R] NAME          stop an account from editing
  unblock NAME                                     lift a block
  password [--password-file F] NAME                set a new password and end the account's sessions
  watch [--expires 168h] NAME < TITLES             add the titles on standard input (one per line) and their
                                                   talk pages to the account's watchlist`

func runUser(ctx context.Context, args []string, sio stdio) error {
	subs := map[string]func(context.Context, []string, stdio) error{}
	for _, sub := range []string{"create", "grant", "revoke", "block", "unblock", "password", "watch"} {
		subs[sub] = func(ctx context.Context, args []string, sio stdio) error { return runUserSub(ctx, sub, args, sio) }
	}
	return subcommand(ctx, "user", userUsage, args, sio, subs)
}

// runUserSub runs one "folio user" subcommand.
func runUserSub(ctx context.Context, sub string, args []string, sio stdio) error {
	var passwordFile, reason string
	var expires time.Duration
	var groups []string
	extra := func(fs *flag.FlagSet) {
		switch sub {
		case "create", "password":
			fs.StringVar(&passwordFile, "password-file", "", "read the password from this file (first line)")
		case "block":
			fs.DurationVar(&expires, "expires", 0, "how long the block lasts (0: indefinitely)")
			fs.StringVar(&reason, "reason", "", "why, shown to the blocked user")
		case "watch":
			fs.DurationVar(&expires, "expires", 0, "how long the titles stay watched (0: permanently)")
		}
		if sub == "create" {
			fs.Func("group", "add the account to this group (repeatable), e.g. sysop", func(g string) error {
				groups = append(groups, g)
				return nil
			})
		}
	}
	n := map[string]int{"create": 1, "grant": 2, "revoke": 2, "block": 1, "unblock": 1, "password": 1, "watch": 1}[sub]
	argsUsage := "NAME"
	if n == 2 {
		argsUsage = "NAME GROUP"
	}
	cfg, rest, err := parseFlags("user "+sub, argsUsage, args, sio, extra, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) != n {
		return fmt.Errorf("user %s takes %d arguments, got %d: %w", sub, n, len(rest), errUsage)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	op := userOp{ctx: ctx, users: w.users, sio: sio}
	switch sub {
	case "watch":
		return op.watch(w, rest[0], expires)
	case "create":
		return op.create(rest[0], passwordFile, groups)
	case "password":
		return op.password(rest[0], passwordFile)
	case "block":
		return op.block(rest[0], reason, expires)
	}
	return op.change(sub, rest)
}

type userOp struct {
	ctx   context.Context
	users *userinfo.Manager
	sio   stdio
}

func (o userOp) create(name, passwordFile string, groups []string) error {
	pw, err := readPassword(o.sio, passwordFile)
	if err != nil {
		return err
	}
	u, err := o.users.CreateUser(o.ctx, name, pw, groups...)
	if err != nil {
		return err
	}
	fmt.Fprintf(o.sio.out, "created user %s (id %d)%s\n", u.Name, u.ID, groupsNote(groups))
	return nil
}

func (o userOp) password(name, passwordFile string) error {
	u, err := o.users.User(o.ctx, name)
	if err != nil {
		return err
	}
	pw, err := readPassword(o.sio, passwordFile)
	if err != nil {
		return err
	}
	if err := o.users.SetPassword(o.ctx, u.ID, pw, ""); err != nil {
		return err
	}
	fmt.Fprintf(o.sio.out, "set the password of %s and ended its sessions\n", u.Name)
	return nil
}

func (o userOp) block(name, reason string, expires time.Duration) error {
	u, err := o.users.User(o.ctx, name)
	if err != nil {
		return err
	}
	var until time.Time
	if expires > 0 {
		until = time.Now().Add(expires)
	}
	if err := o.users.Block(o.ctx, u.ID, reason, "folio user block", until); err != nil {
		return err
	}
	fmt.Fprintf(o.sio.out, "blocked %s\n", u.Name)
	return nil
}

// change runs grant, revoke and unblock.
func (o userOp) change(sub string, args []string) error {
	u, err := o.users.User(o.ctx, args[0])
	if err != nil {
		return err
	}
	switch sub {
	case "grant":
		err = o.users.Grant(o.ctx, u.ID, args[1])
	case "revoke":
		err = o.users.Revoke(o.ctx, u.ID, args[1])
	case "unblock":
		err = o.users.Unblock(o.ctx, u.ID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(o.sio.out, "%s %s %s\n", sub, u.Name, strings.Join(args[1:], " "))
	return nil
}

// readPassword reads the first line of file, or asks twice on a terminal.
// There is no default password.
func readPassword(sio stdio, file string) (string, error) {
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", fmt.Errorf("password file: %w", err)
		}
		defer f.Close()
		line, err := bufio.NewReader(io.LimitReader(f, userinfo.MaxPasswordBytes+2)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("password file: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	in, ok := sio.in.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return "", errors.New("no password: give --password-file or run on a terminal")
	}
	fmt.Fprint(sio.err, "Password: ")
	a, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprint(sio.err, "\nAgain: ")
	if err == nil {
		var b []byte
		b, err = term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(sio.err)
		if err == nil && string(a) != string(b) {
			err = errors.New("the passwords differ")
		}
	}
	return string(a), err
}

func groupsNote(groups []string) string {
	if len(groups) == 0 {
		return ""
	}
	return " in " + strings.Join(groups, ", ")
}
