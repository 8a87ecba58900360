package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// apiPageJSON is a page as the API shows it.
type apiPageJSON struct {
	Title      string    `json:"title"`
	Revision   int64     `json:"revision"`
	Timestamp  time.Time `json:"timestamp"`
	User       string    `json:"user"`
	Size       int       `json:"size"`
	Text       string    `json:"text"`
	Links      []string  `json:"links"`
	Categories []string  `json:"categories"`
	Files      []string  `json:"files"` // the files it embeds, without "File:"
	Redirect   string    `json:"redirect,omitempty"`
}

// apiPage answers GET /api/v1/pages/T: Markdown and metadata.
func (s *Server) apiPage(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx := r.Context()
	rev, err := s.Store.LatestRevision(ctx, m.Title())
	if err != nil {
		return err
	}
	pi, err := s.Pages.Revision(ctx, rev.ID)
	if err != nil {
		return err
	}
	links := make([]string, len(pi.Links))
	for i, l := range pi.Links {
		links[i] = l.Title
	}
	return writeJSON(w, r, http.StatusOK, apiPageJSON{Title: rev.Title, Revision: rev.ID, Timestamp: rev.Timestamp,
		User: rev.UserName, Size: rev.Size, Text: rev.Text, Links: links, Categories: nonNil(pi.Categories), Files: nonNil(pi.Files), Redirect: pi.Redirect})
}

// apiPut is the body of PUT /api/v1/pages/T.
type apiPut struct {
	Text    *string `json:"text"`
	Summary string  `json:"summary"`
	Base    int64   `json:"base"` // the revision the client started from; 0 creates
	Minor   bool    `json:"minor"`
}

// apiPagePut saves a page from JSON: 200 (or 201 when created) with the new
// revision, 409 with the current revision when base is not current.
func (s *Server) apiPagePut(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, title, u := r.Context(), m.Title(), userOf(r)
	var req apiPut
	if err := s.readJSON(w, r, int64(s.Config.MaxPageBytes)*2+64<<10, &req); err != nil {
		return err
	}
	if req.Text == nil {
		return errorf(http.StatusBadRequest, `the body needs a "text"`)
	}
	if req.Base == 0 && !u.Can(router.RightCreate) {
		return forbidden(u, router.RightCreate)
	}
	if err := s.checkProtection(ctx, title, u, protectEdit); err != nil {
		return err
	}
	res, err := s.Saver.Save(ctx, pageinfo.Edit{Title: title, Text: *req.Text, BaseRevID: req.Base, Summary: req.Summary,
		UserID: u.ID, UserName: editorName(r, u), Minor: req.Minor, Watch: toWatch(u, title, u.Preferences.WatchesEdits())})
	var ce *store.ConflictError
	if errors.As(err, &ce) {
		return writeJSON(w, r, http.StatusConflict, map[string]any{
			"error": "edit conflict: the page changed since your base revision", "current": ce.LatestRev, "base": ce.BaseRevID})
	}
	if err != nil {
		return err
	}
	status := http.StatusOK
	if res.Created {
		status = http.StatusCreated
	}
	return writeJSON(w, r, status, map[string]any{"title": res.Page.Title, "revision": res.Revision.ID, "unchanged": res.Unchanged})
}

// readJSON decodes the request's body, at most limit bytes of UTF-8 with
// one JSON value and no unknown fields, into v; what is wrong is a 4xx.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errorf(http.StatusRequestEntityTooLarge, "the request body is larger than %d bytes", tooBig.Limit)
	}
	if err != nil {
		return errorf(http.StatusBadRequest, "reading the body: %v", err)
	}
	// encoding/json would turn invalid UTF-8 into U+FFFD and save it.
	if !utf8.Valid(raw) {
		return errorf(http.StatusBadRequest, "the body is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errorf(http.StatusBadRequest, "malformed JSON: %v", err)
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		return errorf(http.StatusBadRequest, "malformed JSON: more than one value")
	}
	return nil
}

// apiHistory answers GET /api/v1/history/T.
func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx := r.Context()
	p, err := s.Store.PageByTitle(ctx, m.Title())
	if err != nil {
		return err
	}
	revs, err := s.Store.History(ctx, p.ID, m.Params.Int("before"), int(m.Params.Int("limit")))
	if err != nil {
		return err
	}
	type entry struct {
		Revision  int64     `json:"revision"`
		Parent    int64     `json:"parent"`
		Timestamp time.Time `json:"timestamp"`
		User      string    `json:"user"`
		Summary   string    `json:"summary"`
		Minor     bool      `json:"minor"`
		Size      int       `json:"size"`
	}
	out := make([]entry, len(revs))
	for i, rev := range revs {
		out[i] = entry{rev.ID, rev.ParentID, rev.Timestamp, rev.UserName, rev.Summary, rev.Minor, rev.Size}
	}
	return writeJSON(w, r, http.StatusOK, map[string]any{"title": p.Title, "revisions": out})
}

// apiSearch answers GET /api/v1/search?q=: total is the number of matches
// (with more, a lower bound: the count stopped at store.SearchCountCap),
// ranked how many of them can be paged through (store.SearchWindow).
// The store's work is bounded as for the HTML search (searchContext).
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, cancel := searchContext(r)
	defer cancel()
	hits, total, err := s.Store.SearchPages(ctx, m.Params.Get("q"), int(m.Params.Int("offset")), int(m.Params.Int("limit")))
	if err != nil {
		return searchError(err)
	}
	type hit struct {
		Title   string `json:"title"`
		Snippet string `json:"snippet"`
	}
	out := make([]hit, len(hits))
	for i, h := range hits {
		out[i] = hit{h.Title, h.Snippet}
	}
	return writeJSON(w, r, http.StatusOK, map[string]any{"query": m.Params.Get("q"), "total": total.Count, "more": total.More,
		"ranked": total.Ranked, "results": out})
}

// apiTitles answers GET /api/v1/titles?prefix=&limit=: the titles of the
// pages that start with prefix, in title order, at most limit (≤ 50), for
// search suggestions. The prefix is normalized as a title is ("foo b" →
// "Foo_b", "help:x" → "Help:X"), keeping a trailing space or underscore;
// one that no title can start with finds nothing.
func (s *Server) apiTitles(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, cancel := searchContext(r)
	defer cancel()
	raw := m.Params.Get("prefix")
	type entry struct {
		Title string `json:"title"` // DB key
		Text  string `json:"text"`  // as readers see it
		URL   string `json:"url"`
	}
	out := []entry{}
	if prefix, ok := titlePrefix(raw); ok {
		titles, err := s.Store.TitlesWithPrefix(ctx, prefix, int(m.Params.Int("limit")))
		if err != nil {
			return searchError(err)
		}
		for _, t := range titles {
			out = append(out, entry{Title: t, Text: router.DisplayTitle(t), URL: router.TitleURL(t)})
		}
	}
	return writeJSON(w, r, http.StatusOK, map[string]any{"prefix": raw, "titles": out})
}

// titlePrefix normalizes the start of a title as router.NormalizeTitle
// would the whole title: it normalizes prefix+"0" and takes the "0" off, so
// that a trailing space stays (as "_") and a bare namespace ("help:")
// normalizes. ok is false when no title starts with prefix; "" is every
// title's start.
func titlePrefix(prefix string) (string, bool) {
	if strings.TrimSpace(prefix) == "" {
		return "", true
	}
	if t, err := router.NormalizeTitle(prefix + "0"); err == nil && strings.HasSuffix(t, "0") {
		return strings.TrimSuffix(t, "0"), true
	}
	t, err := router.NormalizeTitle(prefix)
	return t, err == nil
}

// apiRoutes answers GET /api/v1/routes with routes.json.
func (s *Server) apiRoutes(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	b, err := s.Routes.ExportJSON()
	if err != nil {
		return err
	}
	return writeBytes(w, r, http.StatusOK, "application/json", b)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return writeBytes(w, r, status, "application/json", append(b, '\n'))
}

func writeBytes(w http.ResponseWriter, r *http.Request, status int, contentType string, b []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return nil
	}
	_, err := w.Write(b)
	return err
}
