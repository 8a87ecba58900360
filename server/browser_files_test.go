package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
)

// TestBrowserSVGScriptDoesNotRun opens an uploaded SVG that holds a script
// at its own URL in Chromium: the script does not run. The same SVG served
// without Folio's headers runs it, so the check would see a script that ran.
func TestBrowserSVGScriptDoesNotRun(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	token, err := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">` +
		`<script>document.documentElement.setAttribute("data-ran", "yes")</script>` +
		`<rect width="100" height="100" fill="red"/></svg>`)
	if rec := apiUpload(t, srv, token, "Evil.svg", svg); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	mux := http.NewServeMux()
	mux.Handle("/", srv)
	mux.HandleFunc("/plain.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write(svg)
	})
	hs := httptest.NewServer(mux)
	defer hs.Close()
	b := browsertest.New(t)

	ran := func(path string) string {
		b.Navigate(hs.URL + path)
		var v string
		b.Eval(`document.documentElement.getAttribute("data-ran") || ""`, &v)
		return v
	}
	if got := ran("/plain.svg"); got != "yes" {
		t.Fatalf("the control SVG's script did not run (%q): the check sees nothing", got)
	}
	if got := ran(srv.Routes.Path("file.original", "sha", shaOf(svg), "name", "Evil.svg")); got != "" {
		t.Errorf("the uploaded SVG's script ran at its URL")
	}
}
