package server

import (
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/router"
)

// FileURLs returns the URLs the Markdown renderer puts in file embeds
// (pageinfo.Options.FileURL and UploadURL), built by reg: a file's bytes
// (width 0), a thumbnail of the ladder, and the upload form with the name
// filled in (as MediaWiki's wpDestFile).
func FileURLs(reg *router.Registry) (fileURL func(sha, name string, width int) string, uploadURL func(name string) string) {
	fileURL = func(sha, name string, width int) string {
		if width == 0 {
			return reg.Path("file.original", "sha", sha, "name", name)
		}
		return reg.Path("file.thumb", "sha", sha, "width", strconv.Itoa(width), "name", name)
	}
	uploadURL = func(name string) string {
		return reg.Path("file.upload") + "?" + url.Values{"name": {name}}.Encode()
	}
	return fileURL, uploadURL
}
