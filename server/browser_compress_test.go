package server_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
	"github.com/foliowiki/folio/internal/compression"
)

// TestBrowserEncodings loads a page view in Chromium in each encoding —
// for a logged-in reader (spliced: gzip and zstd; Brotli compressed per
// request) and an anonymous one (compressed whole) — and checks that the
// browser decodes the whole page: its heading, the reader's name, the
// footer at the very end, no console error. The server is made to answer
// in one encoding at a time by narrowing the request's Accept-Encoding.
func TestBrowserEncodings(t *testing.T) {
	t.Parallel()
	srv, _ := newServer(t)
	ada := createUser(t, srv, "Ada")
	session, err := srv.Users.OpenSession(t.Context(), ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../testdata/corpus/rustc-dev-guide/pages/building/suggested.md")
	if err != nil {
		t.Fatal(err)
	}
	put(t, srv, "Suggested", string(src))
	var mu sync.Mutex
	var accept string
	sent := map[string]string{} // path → Content-Encoding of its last answer
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		if r.Header.Get("Accept-Encoding") != "" {
			r.Header.Set("Accept-Encoding", accept)
		}
		mu.Unlock()
		srv.ServeHTTP(w, r)
		mu.Lock()
		sent[r.URL.Path] = w.Header().Get("Content-Encoding")
		mu.Unlock()
	}))
	defer hs.Close()
	b := browsertest.New(t)
	for _, loggedIn := range []bool{true, false} {
		for _, e := range []compression.Encoding{compression.Gzip, compression.Zstd, compression.Brotli} {
			mu.Lock()
			accept = e.Token()
			mu.Unlock()
			b.ClearCookies()
			if loggedIn {
				b.SetCookie(hs.URL, "folio_session", session)
			}
			b.Navigate(hs.URL + "/wiki/Suggested")
			var got struct {
				H1, User, Powered string
				Length            int
			}
			b.Eval(`({
				H1: document.querySelector("h1")?.textContent.trim() || "",
				User: document.querySelector("#pt-userpage")?.textContent.trim() || "",
				Powered: document.querySelector("footer .powered")?.textContent.trim() || "",
				Length: document.documentElement.outerHTML.length,
			})`, &got)
			mu.Lock()
			enc := sent["/wiki/Suggested"]
			mu.Unlock()
			who := map[bool]string{true: "logged-in", false: "anonymous"}[loggedIn]
			if enc != e.Token() {
				t.Errorf("%s, %v: the view was sent with Content-Encoding %q", who, e, enc)
			}
			if got.H1 != "Suggested" || got.Powered == "" || got.Length < len(src) {
				t.Errorf("%s, %v: the page did not decode whole: h1 %q, footer %q, %d characters", who, e, got.H1, got.Powered, got.Length)
			}
			if (got.User == "Ada") != loggedIn {
				t.Errorf("%s, %v: the user's name shows %q", who, e, got.User)
			}
			if strings.Contains(b.Location(), "chrome-error") {
				t.Errorf("%s, %v: Chromium could not decode the page", who, e)
			}
			b.CheckClean()
		}
	}
}
