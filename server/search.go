package server

import (
	"context"
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// searchTimeout bounds the store's work for one search request (the HTML
// page and the API alike): past it the store stops and the client gets a 503
// that says so (searchError). The request's context is the parent, so a
// client that leaves stops the search as well.
var searchTimeout = 2 * time.Second

// searchContext returns the context a search handler gives the store: the
// request's, with the deadline searchTimeout.
func searchContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), searchTimeout)
}

// searchError maps a search's error to what the client sees: a search that
// ran out of time (or whose client left) is a 503 that says so, not a 500.
func searchError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &httpError{Status: http.StatusServiceUnavailable, Safe: "the search took too long; try a more specific query", Err: err}
	}
	return err
}

type hitRow struct {
	URL, Title string
	Snippet    template.HTML
}

// isFulltext reports a fulltext parameter that asks for results rather
// than the page: "1", or any value but "0" (MediaWiki's forms send
// fulltext=Search).
func isFulltext(v string) bool { return v != "" && v != "0" }

// search answers /-/search?q=. As MediaWiki's "Go" does, a query that is a
// page's title (router.NormalizeTitle: "foo bar" finds Foo_bar), or a
// special page Folio has, is a 302 to the page, unless fulltext=1. Otherwise it shows full-text results with
// the query's words marked in their snippets, a "There is a page named"
// line when a page has that title, a link to the full-text results when
// the query is a title, and, when nothing matches, a link that creates the
// page for readers who may create it. When more pages match than the store
// ranks (store.SearchWindow), the total says "more than" past the count's
// cap, and the last page of the window says that no result lies beyond it
// (an offset past it shows none, as MediaWiki's capped offset does).
func (s *Server) search(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, cancel := searchContext(r)
	defer cancel()
	q := m.Params.Get("q")
	fulltext := isFulltext(m.Params.Get("fulltext"))
	offset, limit := int(m.Params.Int("offset")), int(m.Params.Int("limit"))
	d := map[string]any{"Query": q, "Action": s.Routes.Path("search"), "Suggest": s.Routes.Path("api.titles")}
	if q != "" {
		title, terr := router.NormalizeTitle(q)
		if terr == nil && !fulltext && router.IsSpecial(title) && s.Routes.HasSpecial(title) {
			// "Special:RecentChanges" goes there, as in MediaWiki (the
			// page view's URL redirects to the route).
			w.Header().Set("Location", router.TitleURL(title))
			w.WriteHeader(http.StatusFound)
			return nil
		}
		if terr == nil && !router.IsSpecial(title) {
			if _, err := s.Store.PageByTitle(ctx, title); err == nil {
				if !fulltext {
					w.Header().Set("Location", router.TitleURL(title))
					w.WriteHeader(http.StatusFound)
					return nil
				}
				d["GoTo"] = titleLink(title)
			} else if !errors.Is(err, store.ErrNotFound) {
				return searchError(err)
			}
		}
		hits, total, err := s.Store.SearchPages(ctx, q, offset, limit)
		if err != nil {
			return searchError(err)
		}
		terms := store.SearchTerms(q)
		rows := make([]hitRow, len(hits))
		for i, h := range hits {
			rows[i] = hitRow{URL: router.TitleURL(h.Title), Title: router.DisplayTitle(h.Title), Snippet: highlight(h.Snippet, terms)}
		}
		d["Hits"], d["Total"], d["TotalMore"] = rows, total.Count, total.More
		if offset+limit < total.Ranked {
			d["Next"] = s.Routes.Path("search") + "?" + url.Values{"q": {q}, "fulltext": {"1"}, "offset": {strconv.Itoa(offset + limit)}, "limit": {strconv.Itoa(limit)}}.Encode()
		} else if total.Ranked < total.Count || total.More {
			d["WindowEnd"] = total.Ranked // the end of the ranked window: nothing lies past it
		}
		if !fulltext {
			d["Containing"] = s.Routes.Path("search") + "?" + url.Values{"q": {q}, "fulltext": {"1"}}.Encode()
		}
		if terr == nil && !router.IsSpecial(title) && d["GoTo"] == nil {
			if u := userOf(r); u != nil && u.Can(router.RightEdit) && u.Can(router.RightCreate) {
				d["Create"] = link{URL: s.Routes.Path("page.edit", "title", title), Text: router.DisplayTitle(title)}
			}
		}
	}
	l := s.lang(r, m)
	heading := l.T("search-title")
	if q != "" {
		heading = l.T("search-results-title", "Query", q)
	}
	for _, k := range []string{"GoTo", "Create"} { // links inside sentences
		if t, ok := d[k].(link); ok {
			d[k+"Link"] = anchor(t.URL, t.Text)
		}
	}
	return s.view(w, r, m, http.StatusOK, heading, "search", d)
}

// highlight escapes a plain-text snippet and wraps the words that match a
// search term in <mark>, as search matches them: folded (case, accents,
// store.SearchWords), and inside a run of a script written without spaces
// (Japanese) wherever the term occurs in it.
func highlight(snippet string, terms []string) template.HTML {
	want := make(map[string]bool, len(terms))
	var inRuns []string // terms of unspaced scripts, matched inside runs
	for _, t := range terms {
		f := store.SearchWords(t)
		if strings.ContainsRune(f, ' ') || f != "" && !isSpaced(t) {
			inRuns = append(inRuns, strings.ToLower(t))
			continue
		}
		want[f] = true
	}
	var b strings.Builder
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for len(snippet) > 0 {
		i := strings.IndexFunc(snippet, func(r rune) bool { return !word(r) })
		if i == 0 { // a run of non-word characters
			j := strings.IndexFunc(snippet, word)
			if j < 0 {
				j = len(snippet)
			}
			b.WriteString(html.EscapeString(snippet[:j]))
			snippet = snippet[j:]
			continue
		}
		if i < 0 {
			i = len(snippet)
		}
		w := snippet[:i]
		switch {
		case want[store.SearchWords(w)]:
			b.WriteString("<mark>" + html.EscapeString(w) + "</mark>")
		case len(inRuns) > 0 && !isSpaced(w):
			markInRun(&b, w, inRuns)
		default:
			b.WriteString(html.EscapeString(w))
		}
		snippet = snippet[i:]
	}
	return template.HTML(b.String())
}

// isSpaced reports whether s has no letter of a script written without
// spaces (store.SearchWords splits those into pairs).
func isSpaced(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return false
		}
	}
	return true
}

// markInRun writes run, escaped, with each occurrence of a term marked.
func markInRun(b *strings.Builder, run string, terms []string) {
	for len(run) > 0 {
		at, n := -1, 0
		for _, t := range terms {
			if i := strings.Index(run, t); i >= 0 && (at < 0 || i < at || i == at && len(t) > n) {
				at, n = i, len(t)
			}
		}
		if at < 0 || n == 0 {
			b.WriteString(html.EscapeString(run))
			return
		}
		b.WriteString(html.EscapeString(run[:at]) + "<mark>" + html.EscapeString(run[at:at+n]) + "</mark>")
		run = run[at+n:]
	}
}
