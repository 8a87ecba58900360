package server_test

import (
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
)

// TestFileURLs: the renderer's file URLs are the registry's file routes —
// the bytes, a thumbnail of the ladder, the upload form with the name —
// and each routes back to its route.
func TestFileURLs(t *testing.T) {
	reg := router.Default()
	fileURL, uploadURL := server.FileURLs(reg)
	sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	for _, c := range []struct{ got, want string }{
		{fileURL(sha, "Cat_photo.png", 0), "/files/" + sha + "/Cat_photo.png"},
		{fileURL(sha, "Cat_photo.png", 250), "/files/" + sha + "/250px-Cat_photo.png"},
		{uploadURL("Cat photo.png"), "/-/upload?name=Cat+photo.png"},
	} {
		if c.got != c.want {
			t.Errorf("URL = %q, want %q", c.got, c.want)
		}
	}
}
