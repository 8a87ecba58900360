package main

import (
	"context"
	"fmt"
	"time"
)

const jobsUsage = `usage: folio jobs [run] [flags]

  (no subcommand)   print the render queue: pages waiting to render again, leased, the oldest
  run               render the queued pages now, until the queue is empty (after an import)`

// runJobs prints the render queue's figures, or drains it ("run").
func runJobs(ctx context.Context, args []string, sio stdio) error {
	if len(args) > 0 && args[0] == "run" {
		return runJobsRun(ctx, args[1:], sio)
	}
	cfg, rest, err := parseFlags("jobs", "", args, sio, nil, storeOptions...)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintln(sio.err, jobsUsage)
		return fmt.Errorf("jobs: unknown subcommand %q: %w", rest[0], errUsage)
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	qs, err := st.RenderQueueStats(ctx)
	if err != nil {
		return err
	}
	oldest := "-"
	if !qs.Oldest.IsZero() {
		oldest = qs.Oldest.UTC().Format("2006-01-02 15:04:05 UTC") + " (" + time.Since(qs.Oldest).Round(time.Second).String() + " ago)"
	}
	fmt.Fprintf(sio.out, "render queue: %d pending, %d leased, oldest %s\n", qs.Pending, qs.Leased, oldest)
	return nil
}

// runJobsRun renders the queued pages until none is left that no node
// holds.
func runJobsRun(ctx context.Context, args []string, sio stdio) error {
	cfg, rest, err := parseFlags("jobs run", "", args, sio, nil, append(storeOptions, "rerender-workers")...)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("jobs run takes no arguments, got %q: %w", rest, errUsage)
	}
	w, err := openWiki(ctx, cfg, newLogger(cfg, sio.err))
	if err != nil {
		return err
	}
	defer w.Close()
	start := time.Now()
	n, err := w.saver.DrainRerenders(ctx, cfg.RerenderWorkers)
	fmt.Fprintf(sio.out, "re-rendered %d pages in %s\n", n, time.Since(start).Round(time.Millisecond))
	return err
}
