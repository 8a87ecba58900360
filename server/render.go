package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"sync"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
)

// Every HTML answer goes through the skin: views, dynamic views, actions,
// errors. Bodies of pages other than views are built by the handlers with
// html/template (views/*.html) and drawn by the skin around them.

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// skins returns the current skin set (reloaded in --dev).
func (s *Server) skins() (*skin.Set, error) {
	set, err := s.Skins.Current()
	if err != nil && set == nil {
		return nil, err
	}
	if err != nil {
		s.Log.Warn("skin reload failed; serving the last good skins", "err", err)
	}
	return set, nil
}

// skinName picks the skin of a request: ?useskin=, the user's preference,
// the site default.
func (s *Server) skinName(set *skin.Set, r *http.Request, m router.Match) string {
	return set.Choose(m.Params.Get("useskin"), userOf(r))
}

// writeSkinned renders d and writes it with status and the HTML headers.
func (s *Server) writeSkinned(w http.ResponseWriter, r *http.Request, set *skin.Set, status int, d *skin.Data) error {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := set.Render(buf, d); err != nil {
		return err
	}
	return s.writeHTML(w, r, status, buf)
}

// writeHTML writes the page in buf with status and the HTML headers.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, status int, buf *bytes.Buffer) error {
	h := w.Header()
	h["Content-Type"] = htmlType
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	setSecurityHeaders(h)
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return nil
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// The values of the headers every HTML answer carries, built once and
// shared by every response (never modified: Set replaces a value).
var (
	htmlType = []string{"text/html; charset=utf-8"}
	// The Content-Security-Policy of every HTML page: scripts only from
	// this origin and the skins' one hashed inline snippet (dark mode
	// before first paint), no inline styles, no framing.
	cspValue       = []string{skin.ContentSecurityPolicy()}
	nosniff        = []string{"nosniff"}
	referrerPolicy = []string{"strict-origin-when-cross-origin"}
	frameDeny      = []string{"DENY"}
)

// setSecurityHeaders sets the headers every HTML answer carries.
func setSecurityHeaders(h http.Header) {
	h["Content-Security-Policy"] = cspValue
	h["X-Content-Type-Options"] = nosniff
	h["Referrer-Policy"] = referrerPolicy
	h["X-Frame-Options"] = frameDeny
}

// page is one HTML answer other than a page view.
type page struct {
	Status  int
	Title   string // shown as the heading
	Message string // a notice above the body
	Body    template.HTML
	ErrorID string
}

// render writes p through the skin.
func (s *Server) render(w http.ResponseWriter, r *http.Request, m router.Match, p page) error {
	if p.Status == 0 {
		p.Status = http.StatusOK
	}
	set, err := s.skins()
	if err != nil {
		return err
	}
	meta := skin.MatchMeta(m)
	meta.Status = p.Status
	if p.Status >= 400 && meta.Class == "" {
		meta.Class = router.ClassError
	}
	content := p.Body
	if p.Message != "" || p.ErrorID != "" {
		notice, err := body("notice", p)
		if err != nil {
			return err
		}
		content = notice + content
	}
	d := set.PageData(p.Title, string(content), s.reader(r), meta, s.site, s.skinName(set, r, m))
	return s.writeSkinned(w, r, set, p.Status, d)
}
