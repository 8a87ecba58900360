// Package webhook is an example extension: after every committed change it
// POSTs a JSON event to the URLs in FOLIO_WEBHOOK_URLS (comma-separated),
// with retries and back-off, off the request: a slow or failing receiver
// never delays nor fails a save.
package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/pageinfo"
)

// Env is the environment variable listing the receivers.
const Env = "FOLIO_WEBHOOK_URLS"

// Delivery settings: attempts per receiver and the first back-off, doubled
// after each failure (0.5 s, 1 s, 2 s …); each attempt times out.
var (
	Attempts = 4
	Backoff  = 500 * time.Millisecond
	Timeout  = 5 * time.Second
)

// Event is the JSON body POSTed.
type Event struct {
	Kind      string    `json:"kind"`
	Title     string    `json:"title"`
	Target    string    `json:"target,omitempty"`
	Revision  int64     `json:"revision,omitempty"`
	User      string    `json:"user"`
	Summary   string    `json:"summary,omitempty"`
	Timestamp time.Time `json:"timestamp"`
}

var state struct {
	sync.Mutex
	urls   []string
	log    *slog.Logger
	client *http.Client
}

func init() {
	hooks.RegisterExtension(hooks.Extension{ID: "webhook", Doc: "POST each change as JSON to " + Env + " (PageSaved hook)", Provision: provision})
	pageinfo.SavedHook.Register("webhook.post", 100, deliver)
}

func provision(_ context.Context, env hooks.Env) error {
	raw, _ := env.Getenv(Env)
	var urls []string
	for _, u := range strings.Split(raw, ",") {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("%s: %q is not an http(s) URL", Env, u)
		}
		urls = append(urls, u)
	}
	Configure(urls, env.Log)
	return nil
}

// Configure sets the receivers (tests and embedders call it directly).
func Configure(urls []string, log *slog.Logger) {
	state.Lock()
	defer state.Unlock()
	state.urls, state.log, state.client = urls, log, &http.Client{Timeout: Timeout}
}

func deliver(ctx context.Context, ev pageinfo.SavedEvent) error {
	state.Lock()
	urls, log, client := state.urls, state.log, state.client
	state.Unlock()
	if len(urls) == 0 {
		return nil
	}
	body, err := json.Marshal(Event{Kind: ev.Kind, Title: ev.Title, Target: ev.Target, Revision: ev.RevID,
		User: ev.UserName, Summary: ev.Summary, Timestamp: ev.Timestamp})
	if err != nil {
		return err
	}
	var failed []string
	for _, u := range urls {
		if err := post(ctx, client, u, body); err != nil {
			log.Warn("webhook: giving up", "url", u, "title", ev.Title, "err", err)
			failed = append(failed, u)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("webhook: %d of %d receivers failed", len(failed), len(urls))
	}
	return nil
}

// post delivers body to u, retrying with back-off on errors and 5xx.
func post(ctx context.Context, client *http.Client, u string, body []byte) error {
	wait := Backoff
	var err error
	for attempt := 1; attempt <= Attempts; attempt++ {
		if err = postOnce(ctx, client, u, body); err == nil {
			return nil
		}
		if attempt == Attempts {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
	return err
}

func postOnce(ctx context.Context, client *http.Client, u string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Folio-webhook/1")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s answered %s", u, resp.Status)
	}
	return nil
}
