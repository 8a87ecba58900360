package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestFileEmbedView: a page embedding a file that is not uploaded shows
// the thumb's frame and caption around a red link for the file, with no
// image, and the page records the embed (the File page's "File usage").
func TestFileEmbedView(t *testing.T) {
	srv, st := newServer(t)
	saveAs(t, srv, "Gallery", "Alice", "Intro.\n\n[[File:Cat.png|thumb|250px|A cat]]\n\nMore [[:File:Cat.png|the file page]].", "")
	rec := get(t, srv, http.MethodGet, "/wiki/Gallery")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /wiki/Gallery: %d", rec.Code)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`<figure class="thumb tright"><a class="new" href="`,
		`title="File:Cat.png">File:Cat.png</a><figcaption>A cat</figcaption></figure>`,
		`<p>Intro.</p>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the view lacks %s", want)
		}
	}
	if strings.Contains(body, `alt="A cat"`) {
		t.Errorf("a missing file shows an image")
	}
	got, err := st.PagesEmbedding(context.Background(), "Cat.png", 10)
	if err != nil || !slices.Equal(got, []string{"Gallery"}) {
		t.Fatalf("PagesEmbedding(Cat.png) = %q, %v", got, err)
	}
	pi, err := srv.Pages.Latest(context.Background(), "Gallery")
	if err != nil || !slices.Equal(pi.Files, []string{"Cat.png"}) {
		t.Fatalf("PageInfo.Files = %q, %v", pi.Files, err)
	}
	api := get(t, srv, http.MethodGet, "/api/v1/pages/Gallery")
	var page struct{ Files []string }
	if err := json.Unmarshal(api.Body.Bytes(), &page); err != nil || !slices.Equal(page.Files, []string{"Cat.png"}) {
		t.Fatalf("API files = %q, %v (%d %s)", page.Files, err, api.Code, api.Body)
	}
}
