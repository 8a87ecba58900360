//go:build folio_bench

package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/server"
)

// In benchmark builds (go build -tags folio_bench) "folio serve" also serves,
// on the loopback address in FOLIO_BENCH_REFERENCE_ADDR, in the same
// process beside the wiki:
//
//   - /bytes/N: server.Reference, precomputed bytes that bench/ compares
//     page views with;
//   - /debug/pprof/: the process's profiles (net/http/pprof), which bench/
//     reads while it loads the wiki.
//
// The registry cannot carry them (every route needs a handler in
// server.New's table), so this is an extension that opens its own listener
// when provisioned. Without the variable it does nothing.

const benchReferenceEnv = "FOLIO_BENCH_REFERENCE_ADDR"

func init() {
	var stop context.CancelFunc
	done := make(chan error, 1)
	hooks.RegisterExtension(hooks.Extension{
		ID:  "bench.reference",
		Doc: "benchmark builds only: precomputed bytes on " + benchReferenceEnv,
		Provision: func(ctx context.Context, env hooks.Env) error {
			addr, _ := env.Getenv(benchReferenceEnv)
			if addr == "" {
				return nil
			}
			if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
				return fmt.Errorf("%s=%q: want a loopback host:port", benchReferenceEnv, addr)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return err
			}
			var rctx context.Context
			rctx, stop = context.WithCancel(ctx)
			mux := http.NewServeMux()
			mux.Handle("/bytes/", server.Reference())
			mux.HandleFunc("/debug/pprof/", pprof.Index)
			mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
			go func() { done <- server.Serve(rctx, ln, mux, time.Second, env.Log) }()
			env.Log.Info("serving the benchmark reference", "url", "http://"+ln.Addr().String()+"/bytes/N",
				"pprof", "http://"+ln.Addr().String()+"/debug/pprof/")
			return nil
		},
		Close: func() error {
			if stop == nil {
				return nil
			}
			stop()
			return <-done
		},
	})
}
