// Package config holds Folio's one configuration struct and binds it to
// command-line flags and their environment twins. A flag beats its
// environment variable, which beats the default:
//
//	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
//	cfg := config.Default()
//	cfg.Bind(fs, "addr", "data", "db")
//	if err := fs.Parse(args); err != nil { … }
//	if err := config.ApplyEnv(fs, os.LookupEnv); err != nil { … }
//	if err := cfg.Validate(); err != nil { … }
//
// Environment names derive from flag names: --skins-dir → FOLIO_SKINS_DIR.
// A secret option also reads FOLIO_<NAME>_FILE (the file's contents, trimmed).
package config

import (
	"errors"
	"flag"
	"fmt"
	"github.com/foliowiki/folio/i18n"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is every setting of the folio binary.
type Config struct {
	Addr            string        // address folio serve listens on
	Data            string        // directory of the embedded store
	DB              string        // PostgreSQL DSN; empty means the embedded SQLite store
	MaxPageBytes    int           // largest page text accepted
	LogFormat       string        // text or json
	LogLevel        string        // debug, info, warn, error
	SiteName        string        // the wiki's name
	Lang            string        // the wiki's content language and default interface language (BCP 47, a shipped one)
	ShutdownTimeout time.Duration // how long in-flight requests may take at shutdown
	CacheMB         int           // memory budget of the PageInfo cache, MiB
	RerenderWorkers int           // pages re-rendered at once after a template changed
	Private         bool          // only logged-in users read
	AnonymousEdit   bool          // anonymous readers may edit and create
	SecureCookies   bool          // mark cookies Secure even over http (behind a TLS proxy)
	Rights          string        // group rights on top of the defaults: "group=right,right;…"
	BaseURL         string        // the wiki's public URL, for feeds and the sitemap
	Skin            string        // default skin
	SkinsDir        string        // directory of skins that add to or override the bundled ones
	Dev             bool          // reload skins when their files change
	PprofAddr       string        // address of the profiler's own listener (/debug/pprof/); empty: off
	MetricsAddr     string        // address of the metrics' own listener (/metrics); empty: off
	TrustedProxies  string        // comma-separated CIDRs whose X-Forwarded-For/Forwarded name the client
	ViewTTL         time.Duration // how long shared caches keep an anonymous view (s-maxage); 0 keeps the registry's
	PurgeURLs       string        // comma-separated caches (Varnish) to send PURGE to when views change
	ESI             bool          // serve ESI bodies of views to an ESI cache, and keep logged-in readers' class cookie
	MainPage        string        // title of the front page ("/" and the "Main page" link); MediaWiki's Mainpage
	Registration    string        // closed (an administrator creates accounts) or open (anyone registers at /-/register)
	MaxUploadBytes  int64         // largest upload accepted, in bytes
	UploadTypes     string        // comma-separated file extensions uploads may have
	NoServiceWorker bool          // pages register no service worker (no offline reading, no in-browser views)
}

// Default returns the defaults.
func Default() Config {
	return Config{
		Addr:            "127.0.0.1:8080",
		Data:            "./data",
		MaxPageBytes:    2 << 20,
		LogFormat:       "text",
		LogLevel:        "info",
		SiteName:        "Folio",
		Lang:            "en",
		ShutdownTimeout: 10 * time.Second,
		CacheMB:         64,
		RerenderWorkers: 2,
		Skin:            "desktop",
		MainPage:        "Main_Page",
		Registration:    "closed",
		MaxUploadBytes:  25 << 20,
		UploadTypes:     "png,jpeg,jpg,gif,webp,avif,svg,pdf,txt,csv,zip",
	}
}

// Option describes one setting: its flag, what it means, and whether it is a
// secret (masked in dumps, readable from FOLIO_<NAME>_FILE).
type Option struct {
	Name   string
	Usage  string
	Secret bool
	bind   func(fs *flag.FlagSet, c *Config, name, usage string)
}

// Options lists every setting, in the order the README's table shows them.
var Options = []Option{
	{Name: "addr", Usage: "address to listen on (host:port)", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.Addr, n, c.Addr, u) }},
	{Name: "data", Usage: "directory of the embedded SQLite store", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.Data, n, c.Data, u) }},
	{Name: "db", Usage: "PostgreSQL DSN (postgres://…); empty for the embedded store", Secret: true, bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.DB, n, c.DB, u) }},
	{Name: "max-page-bytes", Usage: "largest page text accepted, in bytes", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.IntVar(&c.MaxPageBytes, n, c.MaxPageBytes, u) }},
	{Name: "log-format", Usage: "log format: text or json", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.LogFormat, n, c.LogFormat, u) }},
	{Name: "log-level", Usage: "log level: debug, info, warn or error", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.LogLevel, n, c.LogLevel, u) }},
	{Name: "site-name", Usage: "the wiki's name", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.SiteName, n, c.SiteName, u) }},
	{Name: "lang", Usage: "the wiki's language: of its content, and of the interface for anonymous readers, feeds and the sitemap (en, ar, de, es, fr, ja); each user may choose their own interface language", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.Lang, n, c.Lang, u)
	}},
	{Name: "rerender-workers", Usage: "how many pages folio serve renders again at once after a template they use changed", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.IntVar(&c.RerenderWorkers, n, c.RerenderWorkers, u) }},
	{Name: "cache-mb", Usage: "memory budget of the rendered-page cache, in MiB", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.IntVar(&c.CacheMB, n, c.CacheMB, u) }},
	{Name: "private", Usage: "only logged-in users may read; views are never cached publicly", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.BoolVar(&c.Private, n, c.Private, u) }},
	{Name: "anonymous-edit", Usage: "let anonymous readers edit and create pages", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.BoolVar(&c.AnonymousEdit, n, c.AnonymousEdit, u) }},
	{Name: "secure-cookies", Usage: "mark cookies Secure even over plain http (behind a TLS-terminating proxy or CDN)", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.BoolVar(&c.SecureCookies, n, c.SecureCookies, u) }},
	{Name: "rights", Usage: `group rights replacing the defaults of the groups named, e.g. "editor=read,edit,create,move"`, bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.Rights, n, c.Rights, u) }},
	{Name: "base-url", Usage: "the wiki's public URL (https://wiki.example.org), for feeds and the sitemap; default: the request's host", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.BaseURL, n, c.BaseURL, u) }},
	{Name: "skin", Usage: "the default skin (folio skin list shows them)", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.Skin, n, c.Skin, u) }},
	{Name: "skins-dir", Usage: "a directory of skins that add to or override the bundled ones", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.StringVar(&c.SkinsDir, n, c.SkinsDir, u) }},
	{Name: "dev", Usage: "development mode: reload skin templates when they change", bind: func(fs *flag.FlagSet, c *Config, n, u string) { fs.BoolVar(&c.Dev, n, c.Dev, u) }},
	{Name: "pprof-addr", Usage: "serve the Go profiler at /debug/pprof/ on this address of its own (e.g. 127.0.0.1:6060); empty: off", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.PprofAddr, n, c.PprofAddr, u)
	}},
	{Name: "metrics-addr", Usage: "serve Prometheus metrics at /metrics on this address of its own (e.g. 127.0.0.1:9090; may equal --pprof-addr); empty: off", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.MetricsAddr, n, c.MetricsAddr, u)
	}},
	{Name: "trusted-proxies", Usage: "comma-separated addresses or CIDR blocks of proxies (CDN, Varnish) whose X-Forwarded-For or Forwarded header names the client; empty: the peer address is the client", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.TrustedProxies, n, c.TrustedProxies, u)
	}},
	{Name: "view-ttl", Usage: "how long a CDN may keep an anonymous page view (s-maxage); 0 keeps the route's default (5m)", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.DurationVar(&c.ViewTTL, n, c.ViewTTL, u)
	}},
	{Name: "purge-url", Usage: "comma-separated HTTP caches (e.g. Varnish at http://127.0.0.1:6081) that get a PURGE for every view an edit changes", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.PurgeURLs, n, c.PurgeURLs, u)
	}},
	{Name: "esi", Usage: "behind folio cdn varnish --esi: answer the cache's requests for the shared body of a logged-in view (X-Folio-ESI) and its reader's fragments, and keep each logged-in reader's folio_class cookie", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.BoolVar(&c.ESI, n, c.ESI, u)
	}},
	{Name: "main-page", Usage: "title of the front page: where / and the \"Main page\" link lead (MediaWiki's Mainpage)", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.MainPage, n, c.MainPage, u)
	}},
	{Name: "registration", Usage: "closed: an administrator creates accounts (folio user create); open: anyone may register at /-/register", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.Registration, n, c.Registration, u)
	}},
	{Name: "max-upload-bytes", Usage: "largest file accepted by the upload form and API, in bytes (a larger one gets a 413)", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.Int64Var(&c.MaxUploadBytes, n, c.MaxUploadBytes, u)
	}},
	{Name: "upload-types", Usage: "comma-separated extensions of the files uploads may be (each also sniffed from its bytes): png, jpeg, jpg, gif, webp, avif, svg, pdf, txt, csv, zip", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.StringVar(&c.UploadTypes, n, c.UploadTypes, u)
	}},
	{Name: "no-service-worker", Usage: "pages register no service worker: no offline reading or in-browser page views (a browser that has it removes it)", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.BoolVar(&c.NoServiceWorker, n, c.NoServiceWorker, u)
	}},
	{Name: "shutdown-timeout", Usage: "time in-flight requests get to finish at shutdown", bind: func(fs *flag.FlagSet, c *Config, n, u string) {
		fs.DurationVar(&c.ShutdownTimeout, n, c.ShutdownTimeout, u)
	}},
}

// Bind defines the named options as flags of fs, writing into c. Bind panics
// on an unknown name: that is a programming error.
func (c *Config) Bind(fs *flag.FlagSet, names ...string) {
	for _, name := range names {
		o, ok := option(name)
		if !ok {
			panic(fmt.Sprintf("config: unknown option %q", name))
		}
		o.bind(fs, c, o.Name, o.Usage+" (env "+EnvName(o.Name)+")")
	}
}

func option(name string) (Option, bool) {
	for _, o := range Options {
		if o.Name == name {
			return o, true
		}
	}
	return Option{}, false
}

// EnvName returns the environment twin of a flag: "skins-dir" → "FOLIO_SKINS_DIR".
func EnvName(flagName string) string {
	return "FOLIO_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// ApplyEnv sets every flag of fs that was not given on the command line from
// its environment twin, when that is set. Secrets may come from
// FOLIO_<NAME>_FILE instead.
func ApplyEnv(fs *flag.FlagSet, lookup func(string) (string, bool)) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] {
			return
		}
		v, ok, err := envValue(f.Name, lookup)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if !ok {
			return
		}
		if err := f.Value.Set(v); err != nil {
			errs = append(errs, fmt.Errorf("config: %s=%q: %w", EnvName(f.Name), v, err))
		}
	})
	return errors.Join(errs...)
}

func envValue(name string, lookup func(string) (string, bool)) (string, bool, error) {
	env := EnvName(name)
	if v, ok := lookup(env); ok {
		return v, true, nil
	}
	if o, known := option(name); !known || !o.Secret {
		return "", false, nil
	}
	path, ok := lookup(env + "_FILE")
	if !ok {
		return "", false, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false, fmt.Errorf("config: %s_FILE: %w", env, err)
	}
	return strings.TrimSpace(string(b)), true, nil
}

// Validate checks the settings before anything starts.
func (c Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("--addr %q: %w", c.Addr, err))
	}
	if c.DB == "" && c.Data == "" {
		errs = append(errs, errors.New("--data must not be empty when --db is not set"))
	}
	if c.DB != "" && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		errs = append(errs, errors.New("--db must be a postgres:// or postgresql:// URL"))
	}
	if c.MaxPageBytes <= 0 {
		errs = append(errs, fmt.Errorf("--max-page-bytes must be positive, got %d", c.MaxPageBytes))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format must be text or json, got %q", c.LogFormat))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("--log-level must be debug, info, warn or error, got %q", c.LogLevel))
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			errs = append(errs, fmt.Errorf("--base-url %q: want http(s)://host[:port] without a path", c.BaseURL))
		}
	}
	for _, a := range []struct{ flag, addr string }{{"--pprof-addr", c.PprofAddr}, {"--metrics-addr", c.MetricsAddr}} {
		if a.addr == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(a.addr); err != nil {
			errs = append(errs, fmt.Errorf("%s %q: %w", a.flag, a.addr, err))
		} else if a.addr == c.Addr {
			errs = append(errs, fmt.Errorf("%s must differ from --addr: the public listener never serves it", a.flag))
		}
	}
	if _, err := ParseCIDRs(c.TrustedProxies); err != nil {
		errs = append(errs, fmt.Errorf("--trusted-proxies: %w", err))
	}
	if c.ViewTTL < 0 {
		errs = append(errs, fmt.Errorf("--view-ttl must not be negative, got %s", c.ViewTTL))
	}
	if c.RerenderWorkers <= 0 {
		errs = append(errs, fmt.Errorf("--rerender-workers must be positive, got %d", c.RerenderWorkers))
	}
	if c.CacheMB <= 0 {
		errs = append(errs, fmt.Errorf("--cache-mb must be positive, got %d", c.CacheMB))
	}
	if c.MaxUploadBytes <= 0 {
		errs = append(errs, fmt.Errorf("--max-upload-bytes must be positive, got %d", c.MaxUploadBytes))
	}
	if c.Registration != "closed" && c.Registration != "open" {
		errs = append(errs, fmt.Errorf("--registration must be closed or open, got %q", c.Registration))
	}
	if l := i18n.Default().Lang(c.Lang); l == nil || l.Code != c.Lang {
		errs = append(errs, fmt.Errorf("--lang must be a shipped language (%s), got %q", strings.Join(i18n.Default().Codes(), ", "), c.Lang))
	}
	if strings.TrimSpace(c.MainPage) == "" {
		errs = append(errs, errors.New("--main-page must not be empty"))
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, fmt.Errorf("--shutdown-timeout must be positive, got %s", c.ShutdownTimeout))
	}
	return errors.Join(errs...)
}

// ParseCIDRs reads a comma-separated list of addresses and CIDR blocks
// (--trusted-proxies); a bare address is a block of one.
func ParseCIDRs(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an address nor a CIDR block", item)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

// Masked returns a copy with secrets replaced, for logs and dumps.
func (c Config) Masked() Config {
	if c.DB != "" {
		c.DB = "****"
	}
	return c
}
