package server

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/foliowiki/folio/internal/media"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/blobdir"
)

// svgCSP sandboxes an SVG opened at its own URL: no script runs, nothing
// loads from elsewhere, and it is a sandboxed document of its own origin.
const svgCSP = "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"

// fileOriginal answers /files/<sha>/<name> with the bytes of an uploaded
// file, and /files/<sha>/<width>px-<name> with a thumbnail of it from the
// ladder of widths: immutable, cached a year by the route's policy; the
// ETag is the SHA-256. Types come from the allow-list, never from the
// name alone; what is not an image or a PDF is a download.
func (s *Server) fileOriginal(w http.ResponseWriter, r *http.Request, m router.Match) error {
	sha, name := m.Params.Get("sha"), m.Params.Get("name")
	if !blobdir.ValidSHA(sha) {
		return errorMsg(http.StatusNotFound, "file-missing")
	}
	v, err := s.Store.FileBySHA(r.Context(), sha)
	if errors.Is(err, store.ErrNotFound) {
		return errorMsg(http.StatusNotFound, "file-missing")
	}
	if err != nil {
		return err
	}
	t, ok := media.ByMime(v.Mime)
	if !ok {
		return errorMsg(http.StatusNotFound, "file-missing")
	}
	if width, rest, isThumb := thumbName(name); isThumb {
		return s.fileThumb(w, r, v, t, width, rest)
	}
	b, err := s.Store.OpenBlob(r.Context(), sha)
	if err != nil {
		return fmt.Errorf("serve file %s: %w", sha, err)
	}
	defer b.Close()
	fileHeaders(w, t, name, `"`+sha+`"`)
	http.ServeContent(w, r, "", time.Time{}, b)
	return nil
}

// thumbName splits "250px-Cat.png" into 250 and "Cat.png".
func thumbName(name string) (int, string, bool) {
	num, rest, ok := strings.Cut(name, router.ThumbPrefix)
	if !ok || num == "" || rest == "" {
		return 0, "", false
	}
	w, err := strconv.Atoi(num)
	if err != nil || num[0] == '0' {
		return 0, "", false
	}
	return w, rest, true
}

// fileThumb serves the thumbnail of width pixels, made on its first
// request and kept in the blob store under "<sha>/<width>". Widths off the
// ladder are a 404, so no one makes the server draw arbitrary sizes.
func (s *Server) fileThumb(w http.ResponseWriter, r *http.Request, v store.FileVersion, t media.Type, width int, name string) error {
	if !media.InLadder(width) {
		return errorf(http.StatusNotFound, "no thumbnail of %d pixels: widths are %v", width, media.Ladder)
	}
	if !t.Raster {
		return errorf(http.StatusNotFound, "%s files have no thumbnails", t.Ext)
	}
	key := v.SHA + "/" + strconv.Itoa(width)
	b, err := s.Store.OpenBlob(r.Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		if err := s.makeThumb(r, v, t, width, key); err != nil {
			return err
		}
		b, err = s.Store.OpenBlob(r.Context(), key)
	}
	if err != nil {
		return fmt.Errorf("serve thumbnail %s: %w", key, err)
	}
	defer b.Close()
	tt := t
	if t.Ext != "jpeg" {
		tt, _ = media.ByMime("image/png")
	}
	fileHeaders(w, tt, name, `"`+v.SHA+"-"+strconv.Itoa(width)+`"`)
	http.ServeContent(w, r, "", time.Time{}, b)
	return nil
}

// thumbSlots bounds the thumbnails rendered at once on a node: a 50
// megapixel image takes some 200 MB to decode, and requests for new
// thumbnails could otherwise stack up.
var thumbSlots = make(chan struct{}, 2)

// makeThumb renders and stores one thumbnail.
func (s *Server) makeThumb(r *http.Request, v store.FileVersion, t media.Type, width int, key string) error {
	select {
	case thumbSlots <- struct{}{}:
		defer func() { <-thumbSlots }()
	case <-r.Context().Done():
		return r.Context().Err()
	}
	src, err := s.Store.OpenBlob(r.Context(), v.SHA)
	if err != nil {
		return fmt.Errorf("thumbnail %s: %w", key, err)
	}
	data, err := io.ReadAll(src)
	src.Close()
	if err != nil {
		return fmt.Errorf("thumbnail %s: %w", key, err)
	}
	out, _, err := media.Thumbnail(t, data, width)
	if err != nil {
		return errorf(http.StatusUnprocessableEntity, "cannot make a thumbnail of this file: %v", err)
	}
	return s.Store.PutBlob(r.Context(), key, bytes.NewReader(out))
}

// fileHeaders sets what every file response carries.
func fileHeaders(w http.ResponseWriter, t media.Type, name, etag string) {
	h := w.Header()
	h.Set("Content-Type", t.Mime)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", etag)
	if !t.Image && t.Ext != "pdf" {
		h.Set("Content-Disposition", "attachment; filename*=UTF-8''"+pathEscapeName(name))
	}
	if t.Ext == "svg" || !t.Image && t.Ext != "pdf" {
		// PDFs go without: a sandboxed document gets no PDF viewer.
		h.Set("Content-Security-Policy", svgCSP)
	}
}

// pathEscapeName escapes a file name for Content-Disposition's filename*.
func pathEscapeName(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
