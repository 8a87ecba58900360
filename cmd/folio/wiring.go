package main

// This file wires the binary: flags into a config.Config, the config into
// the store, the caches, the save path, the account manager and the skins
// every subcommand uses.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/notify"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
	"github.com/foliowiki/folio/userinfo"
)

// parseFlags parses a subcommand's flags, applies their environment twins
// and validates the result. Flags come before positional arguments; extra,
// when not nil, defines the command's own flags.
func parseFlags(name, argsUsage string, args []string, io stdio, extra func(*flag.FlagSet), opts ...string) (config.Config, []string, error) {
	fs := flag.NewFlagSet("folio "+name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	fs.Usage = func() {
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n == 0 {
			fmt.Fprintf(io.err, "usage: folio %s %s\n", name, argsUsage)
			return
		}
		fmt.Fprintf(io.err, "usage: folio %s [flags] %s\n\nflags:\n", name, argsUsage)
		fs.PrintDefaults()
	}
	cfg := config.Default()
	cfg.Bind(fs, opts...)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, nil, err
		}
		return cfg, nil, fmt.Errorf("%s: %w", name, errUsage)
	}
	if err := config.ApplyEnv(fs, io.lookup); err != nil {
		return cfg, nil, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, nil, err
	}
	return cfg, fs.Args(), nil
}

// storeOptions are the flags every command that opens the store takes.
var storeOptions = []string{"data", "db", "log-level", "log-format"}

// wiki is an open store with its caches and save path.
type wiki struct {
	store.Store
	pages *pageinfo.Cache
	saver *pageinfo.Saver
	users *userinfo.Manager
}

// openWiki opens the store and builds the PageInfo cache and the save path
// on it. A new, empty store gets its front page (cfg.MainPage) here, so the
// wiki has one whichever command made the store. Close it when done.
func openWiki(ctx context.Context, cfg config.Config, log *slog.Logger) (*wiki, error) {
	w, err := openUnseeded(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	if err := w.seed(ctx, cfg, log); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// openUnseeded is openWiki without the front page: folio import --dump
// loads a wiki's own front page, with its history, into an empty store.
func openUnseeded(ctx context.Context, cfg config.Config, log *slog.Logger) (*wiki, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	fileURL, uploadURL := server.FileURLs(router.Default())
	pages, err := pageinfo.NewCache(st, pageinfo.Options{MaxBytes: int64(cfg.CacheMB) << 20, Log: log,
		FileURL: fileURL, UploadURL: uploadURL, Files: st})
	if err != nil {
		st.Close()
		return nil, err
	}
	users, err := newUsers(st, cfg, log)
	if err != nil {
		pages.Close()
		st.Close()
		return nil, err
	}
	w := &wiki{Store: st, pages: pages, saver: pageinfo.NewSaver(st, pages, cfg.MaxPageBytes), users: users}
	// Every save path (edits, folio import, folio page put) notifies.
	w.saver.Notifier = notify.New(st, users, log)
	return w, nil
}

// seed writes the front page into an empty store.
func (w *wiki) seed(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	main, err := mainPage(cfg)
	if err != nil {
		return err
	}
	seeded, err := server.Seed(ctx, w, w.saver, main)
	if err != nil {
		return err
	}
	if seeded {
		log.Info("new wiki: wrote its front page", "title", main)
	}
	return nil
}

// mainPage is the canonical title of --main-page.
func mainPage(cfg config.Config) (string, error) {
	t, err := router.NormalizeTitle(cfg.MainPage)
	if err != nil {
		return "", fmt.Errorf("--main-page: %w", err)
	}
	return t, nil
}

// registry is the route registry for cfg: the default one, or one built
// with another --main-page.
func registry(cfg config.Config) (*router.Registry, error) {
	main, err := mainPage(cfg)
	if err != nil {
		return nil, err
	}
	def := router.Default()
	if main == def.Config().MainPage {
		return def, nil
	}
	rc := def.Config()
	rc.MainPage = main
	return router.Build(rc), nil
}

// newUsers builds the account manager with the configured rights.
func newUsers(st store.Store, cfg config.Config, log *slog.Logger) (*userinfo.Manager, error) {
	rights, err := userinfo.ParseGroupRights(cfg.Rights)
	if err != nil {
		return nil, fmt.Errorf("--rights: %w", err)
	}
	if cfg.AnonymousEdit {
		rights[userinfo.GroupAll] = append(rights[userinfo.GroupAll], router.RightEdit, router.RightCreate)
	}
	return userinfo.New(st, userinfo.Config{
		Rights: rights, CookieName: router.DefaultConfig().SessionCookie, SecureCookie: cfg.SecureCookies, Log: log,
	})
}

// loadSkins loads the bundled skins, overlaid by --skins-dir, reloading in
// --dev. The bundled skins alone compile their templates on first use
// (their tests check them); with --skins-dir every template is checked
// now, and a fault stops the start.
func loadSkins(cfg config.Config) (*skin.Reloader, error) {
	if cfg.SkinsDir == "" {
		r, err := skin.NewLazyReloader(skins.FS, cfg.Skin, cfg.Dev)
		if err != nil {
			return nil, fmt.Errorf("skins: %w", err)
		}
		return r, nil
	}
	// An os.Root, not os.DirFS: a symlink that leaves the directory
	// (static/passwd.css -> /etc/passwd) is refused, not served.
	root, err := os.OpenRoot(cfg.SkinsDir)
	if err != nil {
		return nil, fmt.Errorf("--skins-dir: %w", err)
	}
	r, err := skin.NewReloader(skin.Overlay(root.FS(), skins.FS), cfg.Skin, cfg.Dev)
	if err != nil {
		return nil, fmt.Errorf("skins: %w", err)
	}
	return r, nil
}

// skinsAhead loads the skins (loadSkins) on another goroutine, and
// compiles the default skin's view program there: serve opens the store
// meanwhile, and its first view finds the program made. The function it
// returns waits for them.
func skinsAhead(cfg config.Config) func() (*skin.Reloader, error) {
	type loaded struct {
		r   *skin.Reloader
		err error
	}
	c := make(chan loaded, 1)
	go func() {
		r, err := loadSkins(cfg)
		if err == nil {
			if set, _ := r.Current(); set != nil {
				set.Prepare(set.Default())
			}
		}
		c <- loaded{r, err}
	}()
	return sync.OnceValues(func() (*skin.Reloader, error) {
		l := <-c
		return l.r, l.err
	})
}

// Close closes the caches and the store.
func (w *wiki) Close() error {
	w.users.Close()
	w.pages.Close()
	return w.Store.Close()
}

// openStore opens PostgreSQL when --db is set, the embedded store otherwise.
// Both migrate on open.
func openStore(ctx context.Context, cfg config.Config) (store.Store, error) {
	if cfg.DB != "" {
		return postgres.Open(ctx, cfg.DB)
	}
	return sqlite.Open(ctx, filepath.Join(cfg.Data, "folio.db"))
}
