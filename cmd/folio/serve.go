package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/purge"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
)

func runServe(ctx context.Context, args []string, sio stdio) error {
	cfg, rest, err := parseFlags("serve", "", args, sio, nil,
		"addr", "data", "db", "max-page-bytes", "log-format", "log-level", "site-name", "shutdown-timeout", "cache-mb",
		"private", "anonymous-edit", "secure-cookies", "rights", "base-url",
		"skin", "skins-dir", "dev", "pprof", "view-ttl", "purge-url", "main-page", "registration")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("serve takes no arguments, got %q: %w", rest, errUsage)
	}
	log := newLogger(cfg, sio.err)
	w, err := openWiki(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer func() {
		w.Close()
		log.Debug("caches and store closed")
	}()
	routes, err := registry(cfg)
	if err != nil {
		return err
	}
	if err := hooks.Provision(ctx, log, sio.lookup); err != nil {
		return err
	}
	hooks.FreezeAll()
	defer func() {
		dctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
		defer cancel()
		w.saver.Close(dctx)
		if err := hooks.CloseExtensions(); err != nil {
			log.Warn("closing extensions", "err", err)
		}
	}()
	if cfg.PurgeURLs != "" {
		targets := strings.Split(cfg.PurgeURLs, ",")
		if err := purge.CheckTargets(targets); err != nil {
			return fmt.Errorf("--purge-url: %w", err)
		}
		purger := purge.New(targets, log)
		defer purger.Close() // after the server drained, before the store closes
		w.saver.OnChange = func(titles []string) {
			// Every change moves a lastmod in the sitemap.
			paths := []string{"/sitemap.xml"}
			for _, t := range titles {
				paths = append(paths, router.TitleURL(t))
			}
			purger.Purge(paths...)
		}
	}
	set, err := loadSkins(cfg)
	if err != nil {
		return err
	}
	srv, err := server.New(server.Deps{Store: w, Pages: w.pages, Saver: w.saver, Users: w.users, Skins: set, Log: log, Config: cfg, Routes: routes})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// SIGHUP reloads the skins from disk.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			if err := set.Reload(); err != nil {
				log.Warn("skin reload failed; keeping the loaded skins", "err", err)
			} else {
				log.Info("skins reloaded")
			}
		}
	}()

	// Other nodes' invalidations (PostgreSQL) reach this node's caches.
	lctx, stopListening := context.WithCancel(ctx)
	listening := make(chan error, 1)
	go func() { listening <- w.pages.Listen(lctx) }()
	go func() { listening <- w.users.Listen(lctx) }()

	log.Info("serving", "url", "http://"+ln.Addr().String()+router.TitleURL(routes.Config().MainPage), "store", w.Backend(), "version", version)
	if err := greet(ctx, sio.err, w, cfg, ln.Addr().String(), routes); err != nil {
		log.Warn("could not tell how to begin", "err", err)
	}
	err = server.Serve(ctx, ln, srv, cfg.ShutdownTimeout, log)
	stopListening()
	for range 2 {
		if lerr := <-listening; lerr != nil {
			log.Warn("cache invalidation listener stopped", "err", lerr)
		}
	}
	log.Debug("cache invalidation listener stopped")
	return err
}

// newLogger builds the slog logger from --log-format and --log-level.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel)) // validated by Config.Validate
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
