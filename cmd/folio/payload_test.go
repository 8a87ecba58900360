package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/skin"
)

// TestPayloadsAreSkinData: for a page of a served wiki, with the bundled
// extensions (readingtime's indicator comes from the PageInfo's ext), the
// three payloads fetched from "folio serve" and merged by
// skin.Set.PayloadData are what "folio skin data URL" prints, byte for
// byte (anonymous; logged-in readers: server's TestPayloadsMakeTheSkinData).
func TestPayloadsAreSkinData(t *testing.T) {
	data := t.TempDir()
	text := "Intro with [[Main Page]].\n\n## One\n\n" + strings.Repeat("word ", 400) + "\n\n## Two\n\n```go\npackage main\n```\n\n## Three\n\n[[Category:Docs]]\n"
	if _, _, err := folio(t, text, nil, "page", "put", "--data", data, "--summary", "s", "Guide"); err != nil {
		t.Fatal(err)
	}
	want, _, err := folio(t, "", nil, "skin", "data", "--data", data, "/wiki/Guide")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(want, "min read") {
		t.Fatalf("no readingtime indicator in folio skin data:\n%s", want)
	}

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() {
		_, _, err := folioCtx(ctx, "", nil, "serve", "--addr", addr, "--data", data, "--log-level", "warn")
		served <- err
	}()
	defer func() { cancel(); <-served }()
	c := &http.Client{}
	base := "http://" + addr
	waitUp(t, c, base+"/wiki/Main_Page", served)
	fetch := func(path string, v any) {
		t.Helper()
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, b)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatal(err)
		}
	}
	var up skin.UserPayload
	var pp skin.PagePayload
	var b skin.Bundle
	fetch("/api/v1/userinfo", &up)
	fetch("/api/v1/pageinfo/Guide", &pp)
	fetch(up.LinkSkin, &b)

	cfg := config.Default()
	r, err := loadSkins(cfg)
	if err != nil {
		t.Fatal(err)
	}
	routes, err := registry(cfg)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := r.Current()
	set = set.WithSite(skin.Site{Name: cfg.SiteName, Lang: cfg.Lang, Routes: routes, MainPage: routes.Config().MainPage, OpenRegistration: cfg.Registration == "open"})
	m := routes.Classify("GET", "/wiki/Guide")
	d, err := set.PayloadData(&pp, &up, &b, skin.MatchMeta(m))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := skin.WriteJSON(&got, d); err != nil {
		t.Fatal(err)
	}
	if got.String() != want {
		gl, wl := strings.Split(got.String(), "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("the payloads' data differ from folio skin data's at line %d:\ngot:  %s\nwant: %s", i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("the payloads' data differ from folio skin data's: %d lines, want %d", len(gl), len(wl))
	}
}
