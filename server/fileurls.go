package server

import (
	"net/url"
	"strconv"

	"github.com/foliowiki/folio/router"
)

// FileURLs returns the URLs the Markdown renderer puts in file embeds
// (pageinfo.Options.FileURL and UploadURL), built by reg: a file's bytes
// (width 0, route file.original), a thumbnail of the ladder (file.thumb),
// and the upload form with the name filled in (file.upload, MediaWiki's
// wpDestFile). Where reg declares no such route the func returns "", and
// embeds are red links to the File page.
func FileURLs(reg *router.Registry) (fileURL func(sha, name string, width int) string, uploadURL func(name string) string) {
	original, thumb, upload := reg.Route("file.original") != nil, reg.Route("file.thumb") != nil, reg.Route("file.upload") != nil
	fileURL = func(sha, name string, width int) string {
		switch {
		case width == 0 && original:
			return reg.Path("file.original", "sha", sha, "name", name)
		case width > 0 && thumb:
			return reg.Path("file.thumb", "sha", sha, "width", strconv.Itoa(width), "name", name)
		}
		return ""
	}
	uploadURL = func(name string) string {
		if !upload {
			return ""
		}
		return reg.Path("file.upload") + "?" + url.Values{"wpDestFile": {name}}.Encode()
	}
	return fileURL, uploadURL
}
