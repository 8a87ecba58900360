package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/store/sqlite"
)

// TestLanguageFlow is issue 25's "done when": a logged-in user who sets
// German in the preferences gets the tabs, personal tools, history and
// footer in German, with German month names, on the fast path (a warm
// view reads nothing from the store); an anonymous view of the same page
// stays English and publicly cacheable, byte for byte the same whatever
// Accept-Language says.
func TestLanguageFlow(t *testing.T) {
	ctx := context.Background()
	sq, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	cs := &counting{Store: sq}
	srv := newServerOn(t, cs, config.Default())
	createUser(t, srv, "Greta")
	c := newClient(t, srv)
	c.mustLogin("Greta")
	c.edit("Rhein", "Der **Rhein** ist ein Strom in Mitteleuropa.", nil)
	c.setLanguage("de")

	rev, err := sq.LatestRevision(ctx, "Rhein")
	if err != nil {
		t.Fatal(err)
	}
	de := i18n.Default().Lang("de")
	view := mustStatus(t, c.do("GET", "/wiki/Rhein", nil), http.StatusOK, "German view")
	for _, want := range []string{
		`<html lang="de" dir="ltr"`,
		`>Lesen</a>`, `>Bearbeiten</a>`, `>Versionsgeschichte</a>`, // tabs
		`>Einstellungen</a>`, `>Beobachtungsliste</a>`, `>Abmelden</button>`, // personal tools
		`Diese Seite wurde zuletzt am <time datetime="` + rev.Timestamp.UTC().Format(time.RFC3339) + `">` + de.Date(rev.Timestamp.UTC()) + `</time> um`, // footer
		`lang="en" dir="ltr">`, // the content (div.page-body) stays the wiki's language
	} {
		mustContain(t, view, want, "the German view")
	}
	if !strings.Contains(de.Date(rev.Timestamp.UTC()), de.T([...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}[rev.Timestamp.UTC().Month()-1])) {
		t.Fatalf("German date %q has no German month name", de.Date(rev.Timestamp.UTC()))
	}
	for _, english := range []string{">Read</a>", ">Edit</a>", ">View history</a>", ">Preferences</a>", "This page was last edited"} {
		if strings.Contains(view, english) {
			t.Errorf("the German view still says %q", english)
		}
	}

	hist := mustStatus(t, c.do("GET", "/-/history/Rhein", nil), http.StatusOK, "German history")
	mustContain(t, hist, "Versionsgeschichte von „Rhein“", "the history's heading")
	mustContain(t, hist, de.DateTime(rev.Timestamp.UTC()), "the revision's time with a German month")

	// The text being edited is in the wiki's language and direction,
	// whatever the interface's (MediaWiki does the same).
	form := mustStatus(t, c.do("GET", "/-/edit/Rhein?uselang=ar", nil), http.StatusOK, "the edit form in Arabic")
	mustContain(t, form, `<html lang="ar" dir="rtl"`, "the edit form's interface")
	mustContain(t, form, `id="editor-text" rows="25" cols="80" lang="en" dir="ltr"`, "the edit box")

	// Warm: the German reader's next view reads nothing from the store.
	cs.calls.Store(0)
	again := mustStatus(t, c.do("GET", "/wiki/Rhein", nil), http.StatusOK, "warm German view")
	if n := cs.calls.Load(); n != 0 {
		t.Errorf("a warm German view made %d store calls, want 0", n)
	}
	if again != view {
		t.Error("two warm German views differ")
	}

	// Anonymous: English, public, the same bytes for every Accept-Language.
	var first *httptest.ResponseRecorder
	for _, al := range []string{"", "de", "de-DE,de;q=0.9,en;q=0.5", "ar", "ja"} {
		req := httptest.NewRequest("GET", "/wiki/Rhein", nil)
		if al != "" {
			req.Header.Set("Accept-Language", al)
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		body := mustStatus(t, rec, http.StatusOK, "anonymous view, Accept-Language "+al)
		if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "public") {
			t.Errorf("Accept-Language %q: Cache-Control %q, want public", al, cc)
		}
		if v := rec.Header().Get("Vary"); strings.Contains(strings.ToLower(v), "accept-language") {
			t.Errorf("Accept-Language %q: Vary %q", al, v)
		}
		if first == nil {
			first = rec
			mustContain(t, body, `<html lang="en" dir="ltr"`, "the anonymous view")
			mustContain(t, body, `>Read</a>`, "the anonymous view's tabs")
			continue
		}
		if body != first.Body.String() || rec.Header().Get("ETag") != first.Header().Get("ETag") {
			t.Errorf("Accept-Language %q changed the anonymous view", al)
		}
	}

	// ?uselang=de: German for that view alone, and never shared.
	req := httptest.NewRequest("GET", "/wiki/Rhein?uselang=de", nil)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	body := mustStatus(t, rec, http.StatusOK, "?uselang=de")
	mustContain(t, body, `>Lesen</a>`, "?uselang=de")
	mustContain(t, body, `<html lang="de" dir="ltr"`, "?uselang=de")
	if cc := rec.Header().Get("Cache-Control"); strings.Contains(cc, "public") {
		t.Errorf("?uselang=de: Cache-Control %q, want private", cc)
	}
}

// TestArabicWiki: --lang ar makes anonymous views Arabic, right to left,
// with the page's content marked Arabic too.
func TestArabicWiki(t *testing.T) {
	ctx := context.Background()
	sq, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer sq.Close()
	cfg := config.Default()
	cfg.Lang = "ar"
	srv := newServerOn(t, sq, cfg)
	for _, skinName := range []string{"desktop", "minimal"} {
		req := httptest.NewRequest("GET", "/wiki/Main_Page?useskin="+skinName, nil)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		body := mustStatus(t, rec, http.StatusOK, skinName)
		mustContain(t, body, `<html lang="ar" dir="rtl"`, skinName)
		mustContain(t, body, `" lang="ar" dir="rtl">`, skinName+": the content (div.page-body)")
	}
}
