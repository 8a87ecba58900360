package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestJobsCommands: a template's edit through folio page put queues the
// page using it; folio jobs shows it, folio jobs run renders it and
// empties the queue.
func TestJobsCommands(t *testing.T) {
	data := t.TempDir()
	for _, p := range []struct{ title, text string }{
		{"Template:Notice", "Notice {{{1}}}"},
		{"Uses", "{{Notice|here}}"},
		{"Template:Notice", "Warning {{{1}}}"},
	} {
		if _, _, err := folio(t, p.text, nil, "page", "put", "--data", data, p.title); err != nil {
			t.Fatalf("page put %s: %v", p.title, err)
		}
	}
	out, _, err := folio(t, "", nil, "jobs", "--data", data)
	if err != nil || !strings.Contains(out, "render queue: 1 pending, 0 leased, oldest 2") {
		t.Fatalf("folio jobs = %q, %v", out, err)
	}
	out, _, err = folio(t, "", nil, "jobs", "run", "--data", data, "--rerender-workers", "1")
	if err != nil || !strings.HasPrefix(out, "re-rendered 1 pages in ") {
		t.Fatalf("folio jobs run = %q, %v", out, err)
	}
	out, _, err = folio(t, "", nil, "jobs", "--data", data)
	if err != nil || out != "render queue: 0 pending, 0 leased, oldest -\n" {
		t.Fatalf("folio jobs after run = %q, %v", out, err)
	}
	if _, _, err := folio(t, "", nil, "jobs", "nope", "--data", data); err == nil {
		t.Fatal("folio jobs nope: no error")
	}
}

// TestServeRunsQueuedRerenders: re-renders queued while no server ran (the
// work of a stopped node) are done once folio serve starts.
func TestServeRunsQueuedRerenders(t *testing.T) {
	data := t.TempDir()
	for _, p := range []struct{ title, text string }{
		{"Template:Notice", "Notice {{{1}}}"},
		{"Uses", "{{Notice|here}}"},
		{"Template:Notice", "Warning {{{1}}}"}, // queues Uses
	} {
		if _, _, err := folio(t, p.text, nil, "page", "put", "--data", data, p.title); err != nil {
			t.Fatalf("page put %s: %v", p.title, err)
		}
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := folioCtx(ctx, "", nil, "serve", "--addr", addr, "--data", data, "--log-level", "warn", "--rerender-workers", "1")
		done <- err
	}()
	defer func() { cancel(); <-done }()
	c := &http.Client{}
	waitUp(t, c, "http://"+addr+"/wiki/Main_Page", done)
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := c.Get("http://" + addr + "/wiki/Uses")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "Warning here") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after folio serve started, Uses still shows:\n%s", body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
