package server

import (
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/router"
)

// The file routes, declared with the file storage. Until they are, the
// funcs of FileURLs check that a route exists before building its path
// (so Registry.Path cannot panic); internal/urlcheck checks literal names
// only, which is why these are constants.
const (
	routeFileOriginal = "file.original" // a file's bytes: sha, name
	routeFileThumb    = "file.thumb"    // a thumbnail of the ladder: sha, width, name
	routeFileUpload   = "file.upload"   // the upload form
)

// FileURLs returns the URLs the Markdown renderer puts in file embeds
// (pageinfo.Options.FileURL and UploadURL), built by reg: a file's bytes
// (width 0), a thumbnail of the ladder, and the upload form with the name
// filled in (MediaWiki's wpDestFile). Where reg declares no such route
// the func returns "", and embeds are red links to the File page.
func FileURLs(reg *router.Registry) (fileURL func(sha, name string, width int) string, uploadURL func(name string) string) {
	original := reg.Route(routeFileOriginal) != nil
	thumb := reg.Route(routeFileThumb) != nil
	upload := reg.Route(routeFileUpload) != nil
	fileURL = func(sha, name string, width int) string {
		switch {
		case width == 0 && original:
			return reg.Path(routeFileOriginal, "sha", sha, "name", name)
		case width > 0 && thumb:
			return reg.Path(routeFileThumb, "sha", sha, "width", strconv.Itoa(width), "name", name)
		}
		return ""
	}
	uploadURL = func(name string) string {
		if !upload {
			return ""
		}
		return reg.Path(routeFileUpload) + "?" + url.Values{"wpDestFile": {name}}.Encode()
	}
	return fileURL, uploadURL
}
