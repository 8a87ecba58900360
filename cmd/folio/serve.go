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
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/internal/purge"
	"github.com/foliowiki/folio/internal/startgc"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
)

// startGCHold is how long after it listens serve keeps the collector held
// back (startgc), and holds back its maintenance (afterStart).
const startGCHold = time.Second

// afterStart waits startGCHold and reports whether ctx is still going:
// maintenance that scans tables (the search re-index queue, the watchlist's
// expired entries) begins once the first requests had the machine, not
// while serve starts.
func afterStart(ctx context.Context) bool {
	t := time.NewTimer(startGCHold)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func runServe(ctx context.Context, args []string, sio stdio) error {
	cfg, rest, err := parseFlags("serve", "", args, sio, nil,
		"addr", "data", "db", "max-page-bytes", "log-format", "log-level", "site-name", "lang", "shutdown-timeout", "cache-mb",
		"rerender-workers", "private", "anonymous-edit", "secure-cookies", "rights", "base-url",
		"skin", "skins-dir", "dev", "pprof-addr", "metrics-addr", "trusted-proxies", "view-ttl", "purge-url", "esi", "main-page", "registration", "max-upload-bytes", "upload-types", "no-service-worker")
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("serve takes no arguments, got %q: %w", rest, errUsage)
	}
	log := newLogger(cfg, sio.err)
	// The skins load on the other core while the store opens.
	skins := skinsAhead(cfg)
	w, err := openWiki(ctx, cfg, log)
	if err != nil {
		skins()
		return err
	}
	defer func() {
		w.Close()
		log.Debug("caches and store closed")
	}()
	// Other nodes' invalidations (PostgreSQL) reach this node's caches. The
	// listeners start first: their subscription's first Reset then finds
	// the caches unused and has nothing to clear (clearing them costs
	// milliseconds), where after the first view it would clear them.
	lctx, stopListening := context.WithCancel(ctx)
	listening := make(chan error, 2)
	go func() { listening <- w.pages.Listen(lctx) }()
	go func() { listening <- w.users.Listen(lctx) }()
	defer func() {
		stopListening()
		for range 2 {
			if lerr := <-listening; lerr != nil {
				log.Warn("cache invalidation listener stopped", "err", lerr)
			}
		}
		log.Debug("cache invalidation listener stopped")
	}()
	// The search index follows --lang (rewritten when it changed); other
	// commands leave it as it is.
	if err := w.SetSearchLanguage(ctx, cfg.Lang); err != nil {
		return err
	}
	routes, err := registry(cfg)
	if err != nil {
		return err
	}
	if cfg.BaseURL == "" {
		// On loopback (make run, a proxy on the same host) it is a note;
		// on a public address a warning.
		level := slog.LevelWarn
		if host, _, err := net.SplitHostPort(cfg.Addr); err == nil && (host == "localhost" || isLoopback(host)) {
			level = slog.LevelInfo
		}
		log.Log(ctx, level, "--base-url is not set: the sitemap and feeds take their absolute URLs from each request's Host header, so shared caches may not keep them; set it behind a CDN or proxy")
	}
	if err := hooks.Provision(ctx, log, sio.lookup); err != nil {
		return err
	}
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
		purger := purge.NewWithOptions(targets, log, purge.Options{Again: purgeAgain})
		defer purger.Close() // after the server drained, before the store closes
		w.saver.OnChange = func(titles []string) {
			// Every change moves a lastmod in the sitemap.
			paths := []string{"/sitemap.xml"}
			for _, t := range titles {
				paths = append(paths, changedPaths(routes, t)...)
			}
			purger.Purge(paths...)
		}
		// Another node's change: purge again once this node dropped its
		// copy, or the CDN may refetch the old view from here and keep it.
		w.pages.OnApplied = func(titles []string) {
			var paths []string
			for _, t := range titles {
				paths = append(paths, changedPaths(routes, t)...)
			}
			purger.Purge(paths...)
		}
	}
	set, err := skins()
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
	stopDebug, err := serveDebug(ctx, cfg, srv, log)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopDebug()
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

	// Pages indexed before the search index held plain text get it now
	// (migration 0007_search_plain_text queued them), in the background.
	reindexed := make(chan struct{})
	go func() {
		defer close(reindexed)
		if !afterStart(lctx) {
			return
		}
		if n, err := w.saver.Reindex(lctx, w); err != nil && lctx.Err() == nil {
			log.Warn("search re-index stopped; the next start goes on", "pages", n, "err", err)
		} else if n > 0 {
			log.Info("search index: pages re-indexed as plain text", "pages", n)
		}
	}()

	// Pages using a template that changed render again, from the queue in
	// the store (work left at the last stop too), once the first requests
	// had the machine: claiming work takes the write lock.
	rerendered := make(chan struct{})
	go func() {
		defer close(rerendered)
		if !afterStart(lctx) {
			return
		}
		if err := w.saver.RunRerenders(lctx, cfg.RerenderWorkers); err != nil {
			log.Warn("re-render runner stopped", "err", err)
		}
	}()

	// Expired watchlist entries go every hour.
	purged := make(chan struct{})
	go func() {
		defer close(purged)
		if afterStart(lctx) {
			srv.RunWatchPurge(lctx, server.WatchPurgeInterval)
		}
	}()

	log.Info("serving", "url", "http://"+ln.Addr().String()+router.TitleURL(routes.Config().MainPage), "store", w.Backend(), "version", version)
	// The greeting asks the store (the front page, whether an account
	// exists) while the first requests are answered.
	greeted := make(chan struct{})
	go func() {
		defer close(greeted)
		if err := greet(ctx, sio.err, w, cfg, ln.Addr().String(), routes); err != nil {
			log.Warn("could not tell how to begin", "err", err)
		}
	}()
	// The collector held back since package init (startgc) gets its pace
	// back a little after the first requests: given back now, the heap of
	// the start would be collected at once, during the first view.
	gcBack := time.AfterFunc(startGCHold, startgc.Done)
	defer gcBack.Stop()
	err = server.Serve(ctx, ln, srv, cfg.ShutdownTimeout, log)
	stopListening()
	<-greeted
	<-reindexed
	<-rerendered
	<-purged
	return err
}

// purgeAgain is when every PURGE is sent a second time: a fetch the proxy
// started before the first, from a node that had not heard of the change,
// stores the old view after it. Longer than a slow render.
const purgeAgain = 2 * time.Second

// serveDebug starts the listeners of --pprof-addr and --metrics-addr (one
// when they are equal), apart from the public one, and returns what stops
// them.
func serveDebug(ctx context.Context, cfg config.Config, srv *server.Server, log *slog.Logger) (func(), error) {
	wants := map[string][2]bool{} // address → pprof, metrics
	if cfg.PprofAddr != "" {
		w := wants[cfg.PprofAddr]
		w[0] = true
		wants[cfg.PprofAddr] = w
	}
	if cfg.MetricsAddr != "" {
		w := wants[cfg.MetricsAddr]
		w[1] = true
		wants[cfg.MetricsAddr] = w
	}
	dctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{}, len(wants))
	stop := func() {
		cancel()
		for range len(wants) {
			<-done
		}
	}
	started := 0
	for addr, w := range wants {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			cancel()
			for range started {
				<-done
			}
			return nil, fmt.Errorf("serve: debug listener: %w", err)
		}
		started++
		log.Info("serving operator endpoints on their own listener", "addr", ln.Addr().String(), "pprof", w[0], "metrics", w[1])
		go func() {
			if err := server.Serve(dctx, ln, srv.DebugHandler(w[0], w[1]), time.Second, log); err != nil {
				log.Warn("debug listener stopped", "addr", addr, "err", err)
			}
			done <- struct{}{}
		}()
	}
	return stop, nil
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

// isLoopback reports whether host is a loopback IP address.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// changedPaths are the URLs a CDN keeps of a changed title: its view, its
// PageInfo payload and its article alone (docs/cdn.md, Staleness).
func changedPaths(reg *router.Registry, title string) []string {
	return []string{router.TitleURL(title), reg.Path("api.pageinfo", "title", title), reg.Path("page.render", "title", title)}
}
