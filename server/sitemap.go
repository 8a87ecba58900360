package server

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// sitemapMax is the most URLs one sitemap file lists: the sitemaps.org
// limit (a variable, so that tests page with a small one).
var sitemapMax = 50_000

// sitemapLayoutAge is how long the index and the files trust the layout
// (where each file starts, and its newest change) walked last: a walk reads
// every page's title (seconds at 10^6 pages on a busy machine), so it runs
// at most once a minute, and one at a time.
var sitemapLayoutAge = time.Minute

// sitemapLayout is where each sitemap file starts: file i+1 lists the pages
// from Starts[i] (inclusive) to Starts[i+1] (exclusive), at most sitemapMax
// of them; Lastmod[i] is the newest touched of its pages.
type sitemapLayout struct {
	Starts  []string
	Lastmod []time.Time
	Max     int       // the sitemapMax it was walked with
	Built   time.Time // when it was walked
}

// sitemapMemo keeps the last layout walked; walking is held while a walk
// runs, so that concurrent requests wait for it rather than walk too.
type sitemapMemo struct {
	walking sync.Mutex
	layout  *sitemapLayout
}

// sitemap answers /sitemap.xml: a sitemap index (sitemaps.org) listing
// /sitemap-N.xml, each with the newest change among its pages.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	l, err := s.sitemapLayout(r.Context())
	if err != nil {
		return err
	}
	base := s.baseURL(r)
	var b bytes.Buffer
	b.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range l.Starts {
		b.WriteString("<sitemap><loc>")
		_ = xml.EscapeText(&b, []byte(base+s.Routes.Path("sitemap.file", "part", sitemapPart(i+1))))
		b.WriteString("</loc>")
		if !l.Lastmod[i].IsZero() {
			b.WriteString("<lastmod>" + l.Lastmod[i].UTC().Format(sitemapTime) + "</lastmod>")
		}
		b.WriteString("</sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return writeBytes(w, r, http.StatusOK, "application/xml; charset=utf-8", b.Bytes())
}

// sitemapFile answers /sitemap-N.xml: the canonical URL of each page of
// file N and when it last changed. Past the last file is a 404.
func (s *Server) sitemapFile(w http.ResponseWriter, r *http.Request, m router.Match) error {
	n, ok := parseSitemapPart(m.Params.Get("part"))
	if !ok {
		return errorf(http.StatusNotFound, "no sitemap file %q: want N.xml, N from 1", m.Params.Get("part"))
	}
	l, err := s.sitemapLayout(r.Context())
	if err != nil {
		return err
	}
	if n > len(l.Starts) {
		return errorf(http.StatusNotFound, "no sitemap file %d: the sitemap has %d", n, len(l.Starts))
	}
	end := "" // pages created since the walk belong to the next file
	if n < len(l.Starts) {
		end = l.Starts[n]
	}
	base := s.baseURL(r)
	var b bytes.Buffer
	b.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	err = s.eachSitemapPage(r.Context(), l.Starts[n-1], end, l.Max, func(p store.Page) {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(base+router.TitleURL(p.Title)))
		b.WriteString("</loc><lastmod>" + p.Touched.UTC().Format(sitemapTime) + "</lastmod></url>\n")
	})
	if err != nil {
		return fmt.Errorf("sitemap file %d: %w", n, err)
	}
	b.WriteString("</urlset>\n")
	return writeBytes(w, r, http.StatusOK, "application/xml; charset=utf-8", b.Bytes())
}

const sitemapTime = "2006-01-02T15:04:05Z"

// sitemapPart is the part parameter of file n: "n.xml".
func sitemapPart(n int) string { return strconv.Itoa(n) + ".xml" }

// parseSitemapPart reads "N.xml", N a positive decimal without leading
// zeros (one URL per file).
func parseSitemapPart(part string) (int, bool) {
	num, ok := strings.CutSuffix(part, ".xml")
	if !ok || num == "" || num[0] == '0' || len(num) > 9 {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 1 || num[0] == '+' {
		return 0, false
	}
	return n, true
}

// sitemapLayout returns the layout walked last, or walks the pages again
// when it is older than sitemapLayoutAge (or from another sitemapMax).
func (s *Server) sitemapLayout(ctx context.Context) (*sitemapLayout, error) {
	s.sitemaps.walking.Lock()
	defer s.sitemaps.walking.Unlock()
	if l := s.sitemaps.layout; l != nil && l.Max == sitemapMax && time.Since(l.Built) < sitemapLayoutAge {
		return l, nil
	}
	l, err := s.walkSitemap(ctx)
	if err != nil {
		return nil, err
	}
	s.sitemaps.layout = l
	return l, nil
}

// walkSitemap walks every page in title order by keyset (each run of
// sitemapMax starts at the title after the last run's end, never at an
// offset) and returns where each file starts and its newest change. The
// first file exists even in an empty wiki.
func (s *Server) walkSitemap(ctx context.Context) (*sitemapLayout, error) {
	l := &sitemapLayout{Max: sitemapMax, Built: time.Now()}
	l.Starts, l.Lastmod = []string{""}, []time.Time{{}}
	count := 0
	err := s.eachSitemapPage(ctx, "", "", -1, func(p store.Page) {
		if count == l.Max { // p starts the next file
			l.Starts, l.Lastmod, count = append(l.Starts, p.Title), append(l.Lastmod, time.Time{}), 0
		}
		count++
		if last := &l.Lastmod[len(l.Lastmod)-1]; p.Touched.After(*last) {
			*last = p.Touched
		}
	})
	if err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	return l, nil
}

// sitemapChunk is how many pages the sitemap reads from the store at a
// time: a file of 50,000 URLs, or a walk of a million pages, holds no more
// than this many rows at once (a variable, so that tests cross chunks).
var sitemapChunk = 2000

// eachSitemapPage calls fn with the pages from the title from (inclusive)
// to end (exclusive; "" for no end), at most limit of them (< 0 for no
// limit), in title order, read by keyset in chunks.
func (s *Server) eachSitemapPage(ctx context.Context, from, end string, limit int, fn func(store.Page)) error {
	for limit != 0 {
		n := sitemapChunk
		if limit > 0 {
			n = min(n, limit)
		}
		pages, err := s.Store.ListPages(ctx, from, n)
		if err != nil {
			return fmt.Errorf("list pages from %q: %w", from, err)
		}
		for _, p := range pages {
			if end != "" && p.Title >= end {
				return nil
			}
			fn(p)
		}
		if len(pages) < n {
			return nil
		}
		limit -= len(pages)
		from = pages[len(pages)-1].Title + "\x01" // the next title after it (no title holds a control character; PostgreSQL text no NUL)
	}
	return nil
}
