// Command folio is the Folio wiki server and its tools, one binary with
// subcommands. Run "folio help" for the list.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/internal/startgc"
)

// version is stamped by the Makefile with -ldflags "-X main.version=…".
var version = "dev"

// stdio is what a subcommand reads and writes, so tests can run them.
type stdio struct {
	in       io.Reader
	out, err io.Writer
	lookup   func(string) (string, bool) // environment
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, io stdio) error
}

func commands() []command {
	return []command{
		{"serve", "serve the wiki over HTTP", runServe},
		{"import", "import a tree of Markdown files, or a dump (--dump)", runImport},
		{"export", "write every page with its history as a dump (folio import --dump reads it)", runExport},
		{"page", "read (get) or write (put) one page", runPage},
		{"user", "create accounts, grant and revoke groups, block, set passwords", runUser},
		{"token", "create, list and revoke API tokens", runToken},
		{"skin", "list skins, or print the data a skin receives for a URL", runSkin},
		{"extensions", "list the compiled-in extensions", runExtensions},
		{"hooks", "list hook points and their resolved order", runHooks},
		{"migrate", "apply pending store migrations", runMigrate},
		{"jobs", "show the render queue, or run it (jobs run)", runJobs},
		{"cdn", "export CDN configurations (CloudFront, Varnish)", runCDN},
		{"routes", "export the route registry or classify a URL", func(ctx context.Context, args []string, io stdio) error {
			return runRoutes(ctx, args, io.out, io.err)
		}},
		{"version", "print the version", func(_ context.Context, args []string, io stdio) error {
			if _, rest, err := parseFlags("version", "", args, io, nil); err != nil {
				return err
			} else if len(rest) > 0 {
				return fmt.Errorf("version takes no arguments: %w", errUsage)
			}
			_, err := fmt.Fprintln(io.out, version)
			return err
		}},
	}
}

// errUsage marks a usage error: exit status 2.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr, lookup: os.LookupEnv})
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "folio:", err)
		}
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run runs the command args name. Asking for help (-h, --help, help) is
// not an error: the usage goes to stderr and run returns nil.
func run(ctx context.Context, args []string, io stdio) error {
	// Every init() has run: registration into hook points ends here, the
	// one place Folio freezes them, before any command reads one.
	hooks.FreezeAll()
	if len(args) == 0 || isHelp(args[0]) {
		usage(io.err)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	if args[0] != "serve" {
		startgc.Done() // serve gives it back once it listens
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], io)
			if errors.Is(err, flag.ErrHelp) { // -h printed the flags
				return nil
			}
			return err
		}
	}
	usage(io.err)
	return fmt.Errorf("unknown command %q: %w", args[0], errUsage)
}

// isHelp reports whether arg asks for usage.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// subcommand runs the subcommand args[0] of a command with subcommands
// (folio page get, folio user create): usage text answers a request for
// help (success), a missing or unknown subcommand (a usage error).
func subcommand(ctx context.Context, name, usageText string, args []string, sio stdio, subs map[string]func(context.Context, []string, stdio) error) error {
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprintln(sio.err, usageText)
		return nil
	}
	if len(args) == 0 {
		fmt.Fprintln(sio.err, usageText)
		return fmt.Errorf("%s: missing subcommand: %w", name, errUsage)
	}
	run, ok := subs[args[0]]
	if !ok {
		fmt.Fprintln(sio.err, usageText)
		return fmt.Errorf("%s: unknown subcommand %q: %w", name, args[0], errUsage)
	}
	return run(ctx, args[1:], sio)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: folio <command> [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun \"folio <command> -h\" for a command's flags. Every flag has an environment twin: --data is FOLIO_DATA.")
}
