package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/router/cdn"
)

const cdnUsage = `usage:
  folio cdn cloudfront --origin-domain HOST [--format cloudformation|terraform] [--session-cookie NAME] [--routes FILE]
  folio cdn varnish --backend HOST:PORT [--purge-acl CIDR]... [--esi] [--session-cookie NAME] [--routes FILE]

Both print a configuration generated from the route registry: the one compiled
in (with its extensions), or routes.json from --routes FILE. See docs/cdn.md.`

// runCDN implements "folio cdn cloudfront" and "folio cdn varnish".
func runCDN(_ context.Context, args []string, io stdio) error {
	if len(args) == 0 {
		fmt.Fprintln(io.err, cdnUsage)
		return fmt.Errorf("cdn: missing cloudfront or varnish: %w", errUsage)
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintln(io.out, cdnUsage)
		return nil
	case "cloudfront":
		return runCDNCloudFront(args[1:], io)
	case "varnish":
		return runCDNVarnish(args[1:], io)
	}
	fmt.Fprintln(io.err, cdnUsage)
	return fmt.Errorf("cdn: unknown target %q: %w", args[0], errUsage)
}

func runCDNCloudFront(args []string, io stdio) error {
	var o cdn.CloudFrontOptions
	var routes, mainPage string
	fs := cdnFlags("cloudfront", io, &routes, &o.SessionCookie, &mainPage)
	fs.StringVar(&o.OriginDomain, "origin-domain", "", "host name CloudFront fetches from: Folio or the proxy in front of it (required)")
	fs.StringVar(&o.Format, "format", "cloudformation", "output format: cloudformation (JSON template) or terraform (HCL)")
	if err := parseCDNFlags(fs, args, io); err != nil {
		return helpIsNoError(err)
	}
	if o.OriginDomain == "" {
		fs.Usage()
		return fmt.Errorf("cdn cloudfront: --origin-domain is required: %w", errUsage)
	}
	if o.Format != "cloudformation" && o.Format != "terraform" {
		return fmt.Errorf("cdn cloudfront: --format %q: want cloudformation or terraform: %w", o.Format, errUsage)
	}
	spec, err := cdnSpec(routes, mainPage)
	if err != nil {
		return err
	}
	out, err := cdn.CloudFront(spec, o)
	if err != nil {
		return err
	}
	_, err = io.out.Write(out)
	return err
}

func runCDNVarnish(args []string, io stdio) error {
	var o cdn.VarnishOptions
	var routes, mainPage string
	fs := cdnFlags("varnish", io, &routes, &o.SessionCookie, &mainPage)
	fs.StringVar(&o.Backend, "backend", "", "Folio's address, host:port (required)")
	fs.Var((*listFlag)(&o.PurgeACL), "purge-acl", "address or CIDR block allowed to PURGE (repeatable, or comma-separated; default loopback)")
	fs.BoolVar(&o.ESI, "esi", false, "serve logged-in views from the cache too: their reader class's shared body, the reader's own parts included by ESI (with folio serve --esi)")
	if err := parseCDNFlags(fs, args, io); err != nil {
		return helpIsNoError(err)
	}
	if o.Backend == "" {
		fs.Usage()
		return fmt.Errorf("cdn varnish: --backend is required: %w", errUsage)
	}
	spec, err := cdnSpec(routes, mainPage)
	if err != nil {
		return err
	}
	out, err := cdn.Varnish(spec, o)
	if err != nil {
		return err
	}
	_, err = io.out.Write(out)
	return err
}

// cdnFlags returns the flag set of "folio cdn NAME" with the flags both
// targets take.
func cdnFlags(name string, io stdio, routes, cookie, mainPage *string) *flag.FlagSet {
	fs := flag.NewFlagSet("folio cdn "+name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	fs.Usage = func() {
		fmt.Fprintf(io.err, "usage: folio cdn %s [flags]\n\nflags:\n", name)
		fs.PrintDefaults()
	}
	fs.StringVar(routes, "routes", "", "read the registry from this routes.json instead of the compiled one")
	fs.StringVar(cookie, "session-cookie", "", "name of the session cookie (default: the registry's)")
	fs.StringVar(mainPage, "main-page", "", "the wiki's front page, where / redirects, as folio serve --main-page (default: Main_Page; not with --routes)")
	return fs
}

// parseCDNFlags parses args, then fills unset flags from their environment
// twins (--origin-domain is FOLIO_ORIGIN_DOMAIN). It returns flag.ErrHelp
// after -h.
func parseCDNFlags(fs *flag.FlagSet, args []string, io stdio) error {
	fs.VisitAll(func(f *flag.Flag) { f.Usage += " (env " + config.EnvName(f.Name) + ")" })
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%s: %w", fs.Name(), errUsage)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%s: unexpected arguments %q: %w", fs.Name(), fs.Args(), errUsage)
	}
	return config.ApplyEnv(fs, io.lookup)
}

// helpIsNoError turns flag.ErrHelp (usage was asked for, and printed) into
// success.
func helpIsNoError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// cdnSpec reads the registry from a routes.json file, or takes the
// compiled one (with mainPage, when set, as its front page).
func cdnSpec(file, mainPage string) (*cdn.Spec, error) {
	if file == "" {
		cfg := config.Default()
		if mainPage != "" {
			cfg.MainPage = mainPage
		}
		reg, err := registry(cfg)
		if err != nil {
			return nil, fmt.Errorf("cdn: %w", err)
		}
		return cdn.FromRegistry(reg)
	}
	if mainPage != "" {
		return nil, fmt.Errorf("cdn: --main-page and --routes: the front page comes from routes.json: %w", errUsage)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cdn: --routes: %w", err)
	}
	return cdn.Parse(b)
}

// listFlag is a repeatable flag; each value may hold several, comma
// separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for item := range strings.SplitSeq(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			*l = append(*l, item)
		}
	}
	return nil
}
