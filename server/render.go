package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
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

// skinName picks the skin of a request by its reader u: ?useskin=, u's
// preference, the site default.
func (s *Server) skinName(set *skin.Set, r *http.Request, m router.Match, u *userinfo.UserInfo) string {
	return set.Choose(useSkin(r, m), u)
}

// useSkin is the request's ?useskin=, on every HTML page as in MediaWiki
// (useParam).
func useSkin(r *http.Request, m router.Match) string { return useParam(r, m, "useskin") }

// useLang is the request's ?uselang=, as useSkin (a code, at most 35
// bytes; one not shipped is ignored).
func useLang(r *http.Request, m router.Match) string { return useParam(r, m, "uselang") }

// lang is the interface language of a request: ?uselang=, the reader's
// preference, the wiki's --lang (skin.Site.Language).
func (s *Server) lang(r *http.Request, m router.Match) *i18n.Lang {
	return s.site.Language(useLang(r, m), s.reader(r))
}

// useParam is one of the parameters every HTML page takes (useskin,
// uselang).
// Page views declare it (the CDN strips their undeclared parameters and
// must keep it); elsewhere — /-/ routes, whose query reaches the origin
// untouched and which are never shared-cached, and the router's error
// pages — it is read from the raw query, so the CloudFront function, near
// its size limit, carries no copy of it per route. A canonical or legacy
// redirect does not carry it over, like any parameter its target does not
// declare.
func useParam(r *http.Request, m router.Match, name string) string {
	if v := m.Params.Get(name); v != "" || m.Route != nil && m.Route.Class == router.ClassView {
		return v
	}
	if !strings.Contains(r.URL.RawQuery, name) {
		return ""
	}
	v := r.URL.Query().Get(name)
	if len(v) > 64 { // as the view's declaration: no skin or language has a longer name
		return ""
	}
	return v
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
	// Preview is the revision an edit form previews: the page shows its
	// table of contents, category bar and stylesheets as its view would
	// (skin.Set.PreviewData).
	Preview *blob.PageInfo
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
	meta.UseLang = useLang(r, m)
	if p.Status >= 400 && meta.Class == "" {
		meta.Class = router.ClassError
	}
	if p.Status < http.StatusInternalServerError { // the store may be what failed
		s.setPairExists(r.Context(), &meta)
	}
	content := p.Body
	if p.Message != "" || p.ErrorID != "" {
		notice, err := s.body(r, m, "notice", p)
		if err != nil {
			return err
		}
		content = notice + content
	}
	u := s.reader(r)
	var d *skin.Data
	if p.Preview != nil {
		d = set.PreviewData(p.Title, string(content), p.Preview, u, meta, s.site, s.skinName(set, r, m, u))
	} else {
		d = set.PageData(p.Title, string(content), u, meta, s.site, s.skinName(set, r, m, u))
	}
	return s.writeSkinned(w, r, set, p.Status, d)
}

// ErrorIDHTML is the error ID as the notice shows it, in a code element.
func (p page) ErrorIDHTML() template.HTML {
	return template.HTML("<code>" + template.HTMLEscapeString(p.ErrorID) + "</code>")
}
