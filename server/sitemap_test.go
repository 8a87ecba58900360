package server_test

import (
	"context"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/server"
)

// sitemapIndex and sitemapURLs are the two documents of the sitemaps.org
// protocol.
type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

type sitemapURLs struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

// TestSitemapIndex: with files of 3 URLs, 8 pages make an index of 3
// files that together list every page once, in title order, each file's
// lastmod its newest page's; past the last file is a 404. Titles with & and
// ' come back whole from the parsed XML.
func TestSitemapIndex(t *testing.T) {
	server.SetSitemapMax(t, 3)
	server.SetSitemapChunk(t, 2) // reads cross files' ends
	onBackends(t, func(t *testing.T, srv *server.Server) {
		for _, title := range []string{"Apple", "Banana", "Cherry", "Fish_&_Chips", "O'Brien", "Elder", "Fig"} {
			put(t, srv, title, "text of "+title)
		}
		put(t, srv, "Banana", "newer text") // the first file's newest change
		pages, err := srv.Store.ListPages(context.Background(), "", 100)
		if err != nil || len(pages) != 8 {
			t.Fatalf("ListPages = %d pages, %v; want 8 (7 and the Main Page)", len(pages), err)
		}
		c := newClient(t, srv)
		rec := c.do("GET", "/sitemap.xml", nil)
		body := mustStatus(t, rec, 200, "sitemap index")
		if cc := rec.Header().Get("Cache-Control"); cc != "private, max-age=300" { // no --base-url: built from Host
			t.Errorf("index Cache-Control = %q", cc)
		}
		var idx sitemapIndex
		if err := xml.Unmarshal([]byte(body), &idx); err != nil {
			t.Fatalf("index: %v\n%s", err, body)
		}
		var want []string
		for i := range 3 {
			want = append(want, "http://example.com/sitemap-"+string(rune('1'+i))+".xml")
		}
		var got []string
		for _, s := range idx.Sitemaps {
			got = append(got, s.Loc)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("index lists %q, want %q\n%s", got, want, body)
		}
		var listed []string
		escaped := false
		for _, s := range idx.Sitemaps {
			u, _ := url.Parse(s.Loc)
			rec := c.do("GET", u.Path, nil)
			body := mustStatus(t, rec, 200, u.Path)
			if ct, cc := rec.Header().Get("Content-Type"), rec.Header().Get("Cache-Control"); !strings.HasPrefix(ct, "application/xml") || cc != "private, max-age=300" {
				t.Errorf("%s: Content-Type %q, Cache-Control %q", u.Path, ct, cc)
			}
			var f sitemapURLs
			if err := xml.Unmarshal([]byte(body), &f); err != nil {
				t.Fatalf("%s: %v\n%s", u.Path, err, body)
			}
			if len(f.URLs) == 0 || len(f.URLs) > 3 {
				t.Errorf("%s lists %d URLs, want 1 to 3", u.Path, len(f.URLs))
			}
			newest := ""
			for _, x := range f.URLs {
				title, _ := url.PathUnescape(strings.TrimPrefix(x.Loc, "http://example.com/wiki/"))
				listed = append(listed, title)
				newest = max(newest, x.Lastmod)
			}
			if s.Lastmod != newest {
				t.Errorf("index: lastmod of %s = %q, want its newest page's %q", u.Path, s.Lastmod, newest)
			}
			// & and ' reach the XML escaped (by the URL or the XML): no raw & but entities.
			escaped = escaped || strings.Contains(body, "Fish_%26_Chips")
			if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(body, "&amp;", ""), "&#39;", ""), "&") {
				t.Errorf("%s: a raw &\n%s", u.Path, body)
			}
		}
		if !escaped {
			t.Error("no file holds Fish_&_Chips's URL, escaped")
		}
		var all []string
		for _, p := range pages {
			all = append(all, strings.ReplaceAll(p.Title, " ", "_"))
		}
		if !slices.Equal(listed, all) {
			t.Errorf("the files list %q, want every page once in title order: %q", listed, all)
		}
		for _, p := range []string{"/sitemap-4.xml", "/sitemap-0.xml", "/sitemap-01.xml", "/sitemap-1", "/sitemap-x.xml", "/sitemap-99999999999.xml"} {
			mustStatus(t, c.do("GET", p, nil), 404, p)
		}
	})
}

// TestSitemapShared: with --base-url the index and a file are kept by
// shared caches and list the base URL's absolute URLs.
func TestSitemapShared(t *testing.T) {
	srv := newServerWith(t, func(c *config.Config) { c.BaseURL = "https://wiki.example.org" })
	for _, p := range []string{"/sitemap.xml", "/sitemap-1.xml"} {
		rec := getHost(srv, p, "evil.example")
		if cc := rec.Header().Get("Cache-Control"); rec.Code != 200 || !strings.Contains(cc, "public") || !strings.Contains(cc, "s-maxage=300") {
			t.Errorf("%s: %d, Cache-Control %q, want shared", p, rec.Code, cc)
		}
		if body := rec.Body.String(); !strings.Contains(body, "<loc>https://wiki.example.org/") || strings.Contains(body, "evil.example") {
			t.Errorf("%s:\n%s", p, body)
		}
	}
}

// TestSitemapWalkKept: the walk is kept for sitemapLayoutAge, so a page
// made since shows in the index once it is older.
func TestSitemapWalkKept(t *testing.T) {
	server.SetSitemapMax(t, 2)
	srv, _ := newServer(t) // the Main Page
	put(t, srv, "Apple", "a")
	c := newClient(t, srv)
	files := func() int {
		return strings.Count(mustStatus(t, c.do("GET", "/sitemap.xml", nil), 200, "index"), "<sitemap>")
	}
	if n := files(); n != 1 {
		t.Fatalf("2 pages in files of 2: %d files", n)
	}
	put(t, srv, "Banana", "b")
	if n := files(); n != 1 {
		t.Errorf("a page made after the walk: %d files within the minute, want the walk kept (1)", n)
	}
	mustStatus(t, c.do("GET", "/sitemap-2.xml", nil), 404, "file 2 before the next walk")
	server.SetSitemapLayoutAge(t, 0)
	if n := files(); n != 2 {
		t.Errorf("after the walk's age: %d files, want 2", n)
	}
	mustStatus(t, c.do("GET", "/sitemap-2.xml", nil), 200, "file 2")
}
