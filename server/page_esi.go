package server

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/internal/cookie"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
)

// Views at the edge (docs/cdn.md, "Views at the edge"): with --esi, an
// ESI cache (folio cdn varnish --esi) asks for a page view's body with
// the header X-Folio-ESI and the reader's class in X-Folio-Class, and
// without the session: Folio answers the view of that class with each of
// the reader's holes as an ESI include of user.fragment, cacheable like
// the anonymous view. The cache then fetches each hole with the reader's
// session. Folio keeps the class in the folio_class cookie of every
// logged-in reader (readerClassCookie).

const (
	// esiHeader asks for a view's ESI body ("1"); on a response, "off"
	// says there is none: the cache asks again, with the session.
	esiHeader = "X-Folio-ESI"
	// classHeader is the reader class an ESI body is asked for, copied by
	// the cache from classCookie; ESI bodies vary on it.
	classHeader = "X-Folio-Class"
	// classCookie holds a logged-in reader's class (skin.Set.ReaderClass).
	classCookie = "folio_class"
)

// The headers of an ESI body, shared by every response (never modified).
var (
	esiSurrogate = []string{`content="ESI/1.0"`}
	esiVary      = []string{"Accept-Encoding, " + classHeader}
	noStore      = []string{"private, no-store"}
)

// esiRequested reports whether r asks for a view's ESI body.
func (s *Server) esiRequested(r *http.Request) bool {
	return s.Config.ESI && r.Header.Get(esiHeader) != ""
}

// esiBody answers an ESI cache's request for the body of the view of pi
// (m, meta as pageView has them) for the class in X-Folio-Class: the
// view's finished text with an include of each of the reader's holes.
// A view that has no such body — shown with ?useskin= or ?uselang=, in a
// skin without a program, for a class that does not parse — is refused
// (refuseESI).
func (s *Server) esiBody(w http.ResponseWriter, r *http.Request, m router.Match, set *skin.Set, pi *pageinfo.PageInfo, meta skin.Meta) error {
	if m.Params.Get("useskin") != "" || meta.UseLang != "" {
		return refuseESI(w)
	}
	view, ok := set.ESIView(pi, r.Header.Get(classHeader), meta)
	if !ok {
		return refuseESI(w)
	}
	title, redirect := m.Title(), m.Params.Get("redirect")
	fragment := s.Routes.Route("user.fragment")
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := view.RenderESI(buf, func(n int) string {
		return fragment.URL(router.MakeParams("hole", strconv.Itoa(n), "title", title, "redirect", redirect))
	}); err != nil {
		return err
	}
	h := w.Header()
	h["Surrogate-Control"] = esiSurrogate
	// Whatever the cache in front, the body is never served as the
	// anonymous view: only to requests of its class.
	h["Vary"] = esiVary
	if link := view.Link(); len(link) > 0 {
		h["Link"] = link
	}
	return s.writeHTML(w, r, http.StatusOK, buf)
}

// refuseESI answers a request for an ESI body there is none of: 406,
// never stored, X-Folio-ESI: off. The cache asks again, with the
// reader's session, and passes Folio's answer on.
func refuseESI(w http.ResponseWriter) error {
	h := w.Header()
	h.Set(esiHeader, "off")
	h["Cache-Control"] = noStore
	http.Error(w, "this view has no ESI body: ask without "+esiHeader, http.StatusNotAcceptable)
	return nil
}

// userFragment answers GET /-/userfragment/N/T: hole N of the view of T
// (with ?redirect= as the view had it) in the ESI body of the class in
// the folio_class cookie, filled for the request's reader. It is never
// stored. Its failures are short plain-text answers, as they end up
// inside a page.
func (s *Server) userFragment(w http.ResponseWriter, r *http.Request, m router.Match) error {
	hole, err := strconv.Atoi(m.Params.Get("hole"))
	if err != nil || hole < 0 {
		return fragmentError(w, http.StatusBadRequest, "the hole must be a number from 0")
	}
	class, _ := cookie.Value(r.Header, classCookie)
	title := m.Title()
	vm := s.Routes.Classify(http.MethodGet, s.Routes.Route("page.view").URL(router.MakeParams("title", title, "redirect", m.Params.Get("redirect"))))
	if vm.Status != http.StatusOK {
		return fragmentError(w, http.StatusNotFound, "no page view of that title")
	}
	pi, err := s.Pages.Latest(r.Context(), title)
	if errors.Is(err, store.ErrNotFound) {
		return fragmentError(w, http.StatusNotFound, "no such page")
	}
	if err != nil {
		return err
	}
	set, err := s.skins()
	if err != nil {
		return err
	}
	meta := skin.MatchMeta(vm)
	if pi, err = s.followRedirect(r, vm, pi, &meta); err != nil {
		return err
	}
	view, ok := set.FragmentView(pi, class, s.seen(r, title, pi.Title), meta)
	if !ok {
		return fragmentError(w, http.StatusBadRequest, "no reader class (the "+classCookie+" cookie)")
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if !view.RenderHole(buf, hole) {
		return fragmentError(w, http.StatusNotFound, "the view has no hole "+strconv.Itoa(hole))
	}
	return s.writeHTML(w, r, http.StatusOK, buf)
}

// fragmentError answers a fragment request with status and msg, as plain
// text.
func fragmentError(w http.ResponseWriter, status int, msg string) error {
	http.Error(w, msg, status)
	return nil
}

// readerClassCookie keeps the folio_class cookie of a logged-in reader
// current, with --esi: every HTML answer Folio gives a session (a view
// passed by the cache, any page under /-/) sets it when it is missing or
// stale (new rights, a new skin, language or time zone), and removes it
// from an anonymous reader. Fragments are left alone: a cache does not
// pass their headers on.
func (s *Server) readerClassCookie(rt *router.Route, next router.HandlerFunc) router.HandlerFunc {
	html := rt.Class == router.ClassView && rt.Cache.Session || rt.Class == router.ClassDynamic || rt.Class == router.ClassAction
	if !s.Config.ESI || !html || rt.Name == "user.fragment" {
		return next
	}
	return func(w http.ResponseWriter, r *http.Request, m router.Match) error {
		have, _ := cookie.Value(r.Header, classCookie)
		want := ""
		if u := userOf(r); !u.Anonymous {
			if set, err := s.skins(); err == nil {
				want = set.ReaderClass(u)
			}
		}
		if have != want {
			http.SetCookie(w, s.classCookieOf(r, want))
		}
		return next(w, r, m)
	}
}

// classCookieOf returns the cookie that sets the reader class to class,
// or removes it when class is "". Like the session's, it lasts the
// browser's session at most and is HttpOnly and SameSite=Lax.
func (s *Server) classCookieOf(r *http.Request, class string) *http.Cookie {
	c := &http.Cookie{Name: classCookie, Value: class, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.Config.SecureCookies || r.TLS != nil}
	if class == "" {
		c.MaxAge = -1
	}
	return c
}
