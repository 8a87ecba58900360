package server_test

import (
	"testing"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/server"
)

// TestFileURLsWithoutRoutes: without the file routes, no URL is made up,
// and the renderer makes embeds red links to the File page.
func TestFileURLsWithoutRoutes(t *testing.T) {
	reg := router.Default()
	if reg.Route("file.original") != nil {
		t.Skip("the file routes are declared: the server tests of embeds cover them")
	}
	fileURL, uploadURL := server.FileURLs(reg)
	if got := fileURL("abc", "Cat.png", 0); got != "" {
		t.Errorf("fileURL(original) = %q", got)
	}
	if got := fileURL("abc", "Cat.png", 250); got != "" {
		t.Errorf("fileURL(250) = %q", got)
	}
	if got := uploadURL("Cat.png"); got != "" {
		t.Errorf("uploadURL = %q", got)
	}
}
