package server_test

import (
	"bytes"
	"image/color"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/server"
)

// TestEmbedFollowsUploads is issue 22's walk on the embedded store: a page
// embeds a file before it exists (a red link), the upload makes it a
// 250 px thumbnail with its caption, the File page shows the image and
// its history, the thumbnail decodes 250 px wide, and a new version
// changes the embedding page.
func TestEmbedFollowsUploads(t *testing.T) {
	srv, _ := newServer(t)
	embedWalk(t, srv, srv)
}

// TestEmbedFollowsUploadsAcrossNodes is the same walk on PostgreSQL with
// two nodes: A takes the edits and uploads, B serves the File page, the
// bytes and the embedding page, and sees each new version.
func TestEmbedFollowsUploadsAcrossNodes(t *testing.T) {
	a, b := twoNodes(t)
	embedWalk(t, a, b)
}

// embedWalk edits and uploads on a and reads on b (the same server on one
// node). A reader on another node sees a change once the store's event
// reaches it: reads on b are retried for a few seconds.
func embedWalk(t *testing.T, a, b *server.Server) {
	createUser(t, a, "Alice")
	c := newClient(t, a)
	c.mustLogin("Alice")
	saveAs(t, a, "Gallery", "Alice", "Intro.\n\n[[File:Cat.png|thumb|250px|A cat]]\n", "")
	if body := waitBody(t, b, "/wiki/Gallery", `<figcaption>A cat</figcaption>`); !strings.Contains(body, `class="new"`) {
		t.Fatalf("before the upload the embed is not a red link:\n%s", body)
	}

	img := pngOf(t, 1000, 500, color.RGBA{R: 255, A: 255})
	if rec := c.upload("cat.png", img, "name", "Cat.png", "description", "A **red** cat.", "comment", "first"); rec.Code != http.StatusSeeOther {
		t.Fatalf("upload = %d\n%s", rec.Code, rec.Body.String())
	}
	sha := shaOf(img)
	file := waitBody(t, b, "/wiki/File:Cat.png", "1000 × 500 pixels")
	if !strings.Contains(file, "<strong>red</strong> cat") || !strings.Contains(file, "<td>first</td>") {
		t.Fatalf("File page lacks the description or the history:\n%s", file)
	}
	thumb := b.Routes.Path("file.thumb", "sha", sha, "width", "250", "name", "Cat.png")
	view := waitBody(t, b, "/wiki/Gallery", `src="`+thumb+`"`)
	for _, want := range []string{`width="250" height="125"`, `loading="lazy"`, `<figcaption>A cat</figcaption>`, `<figure class="thumb tright">`} {
		if !strings.Contains(view, want) {
			t.Errorf("the embedding page lacks %s", want)
		}
	}
	rec := get(t, b, "GET", thumb)
	th, err := png.Decode(bytes.NewReader(rec.Body.Bytes()))
	if rec.Code != http.StatusOK || err != nil || th.Bounds().Dx() != 250 || th.Bounds().Dy() != 125 {
		t.Fatalf("thumbnail = %d, %v; want a 250 × 125 PNG", rec.Code, err)
	}

	img2 := pngOf(t, 400, 400, color.RGBA{B: 255, A: 255})
	if rec := c.upload("cat.png", img2, "name", "Cat.png", "comment", "square"); rec.Code != http.StatusSeeOther {
		t.Fatalf("second upload = %d\n%s", rec.Code, rec.Body.String())
	}
	thumb2 := b.Routes.Path("file.thumb", "sha", shaOf(img2), "width", "250", "name", "Cat.png")
	view = waitBody(t, b, "/wiki/Gallery", `src="`+thumb2+`"`)
	if strings.Contains(view, sha) || !strings.Contains(view, `width="250" height="250"`) {
		t.Errorf("after the new version the page still shows the old one, or the wrong size:\n%s", view)
	}
	if file := waitBody(t, b, "/wiki/File:Cat.png", "400 × 400 pixels"); !strings.Contains(file, "<td>square</td>") {
		t.Errorf("the File page's history lacks the new version:\n%s", file)
	}
}

// waitBody gets path from srv until its body contains want (a few seconds
// at most, for another node to hear of a change) and returns the body.
func waitBody(t *testing.T, srv *server.Server, path, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec := get(t, srv, "GET", path)
		body := rec.Body.String()
		if rec.Code == http.StatusOK && strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s = %d without %q\n%s", path, rec.Code, want, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
