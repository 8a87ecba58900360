// Package media knows what uploaded files are: which types Folio accepts
// (an allow-list of extensions, each checked against the bytes sniffed),
// the pixel size of an image read from its header alone, and thumbnails
// from a fixed ladder of widths. It imports nothing of Folio's.
package media

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Type is one kind of file uploads may be.
type Type struct {
	Ext    string // canonical extension, lower case: "png"
	Mime   string // the Content-Type it is served with
	Image  bool   // shown inline (an <img>); others are downloads
	Raster bool   // decodable into pixels: has dimensions and thumbnails
}

// known are the types Folio can check; --upload-types picks among them.
var known = map[string]Type{
	"png":  {Ext: "png", Mime: "image/png", Image: true, Raster: true},
	"jpeg": {Ext: "jpeg", Mime: "image/jpeg", Image: true, Raster: true},
	"jpg":  {Ext: "jpeg", Mime: "image/jpeg", Image: true, Raster: true},
	"gif":  {Ext: "gif", Mime: "image/gif", Image: true, Raster: true},
	"webp": {Ext: "webp", Mime: "image/webp", Image: true, Raster: true},
	"avif": {Ext: "avif", Mime: "image/avif", Image: true},
	"svg":  {Ext: "svg", Mime: "image/svg+xml", Image: true},
	"pdf":  {Ext: "pdf", Mime: "application/pdf"},
	"txt":  {Ext: "txt", Mime: "text/plain; charset=utf-8"},
	"csv":  {Ext: "csv", Mime: "text/csv; charset=utf-8"},
	"zip":  {Ext: "zip", Mime: "application/zip"},
}

// Allowed is the set of extensions uploads may have.
type Allowed map[string]Type

// ParseAllowed reads --upload-types: comma-separated extensions, each one
// Folio knows.
func ParseAllowed(list string) (Allowed, error) {
	a := Allowed{}
	for _, e := range strings.Split(list, ",") {
		e = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(e), ".")))
		if e == "" {
			continue
		}
		t, ok := known[e]
		if !ok {
			return nil, fmt.Errorf("upload types: unknown type %q", e)
		}
		a[e] = t
	}
	return a, nil
}

// Extensions lists the allowed extensions, for messages.
func (a Allowed) Extensions() []string {
	var out []string
	for e := range a {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// ByMime returns the type served as mime, whatever the extensions allowed:
// what a stored file is served as.
func ByMime(mime string) (Type, bool) {
	for _, t := range known {
		if t.Mime == mime {
			return t, true
		}
	}
	return Type{}, false
}

// Check returns the type of a file named name whose first bytes are head
// (512 are enough): its extension must be allowed and the bytes must be
// what it says. A mismatch is an error that says what the bytes look like.
func (a Allowed) Check(name string, head []byte) (Type, error) {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 {
		return Type{}, fmt.Errorf("%q has no extension; allowed: %s", name, strings.Join(a.Extensions(), ", "))
	}
	t, ok := a[strings.ToLower(name[dot+1:])]
	if !ok {
		return Type{}, fmt.Errorf("files of type .%s are not allowed; allowed: %s", strings.ToLower(name[dot+1:]), strings.Join(a.Extensions(), ", "))
	}
	if got := Sniff(head); got != t.Ext && !(got == "txt" && t.Ext == "csv") {
		return Type{}, fmt.Errorf("the file is named .%s but its contents are %s", t.Ext, describe(got))
	}
	return t, nil
}

func describe(ext string) string {
	if ext == "" {
		return "of an unknown type"
	}
	return "those of a ." + ext + " file"
}

// Sniff names the type the bytes are ("png", "svg" …), or "" when none of
// the known ones. Text that holds an <svg element is svg, other UTF-8
// text txt.
func Sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return "gif"
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "webp"
	case len(head) >= 12 && string(head[4:8]) == "ftyp" && (string(head[8:12]) == "avif" || string(head[8:12]) == "avis"):
		return "avif"
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return "zip"
	}
	ct := http.DetectContentType(head)
	if strings.HasPrefix(ct, "text/") {
		if bytes.Contains(bytes.ToLower(head), []byte("<svg")) || strings.HasPrefix(ct, "text/xml") {
			return "svg"
		}
		if strings.HasPrefix(ct, "text/plain") {
			return "txt"
		}
	}
	return ""
}
