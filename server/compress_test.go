package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/server"
)

// encodings are the encodings a test asks for, and identity.
var encodings = []compression.Encoding{compression.Identity, compression.Gzip, compression.Brotli, compression.Zstd}

// decoded returns rec's body decoded from its Content-Encoding, failing t
// when it is not the one of e.
func decoded(t *testing.T, rec *httptest.ResponseRecorder, e compression.Encoding) []byte {
	t.Helper()
	if got := rec.Header().Get("Content-Encoding"); got != e.Token() {
		t.Fatalf("Content-Encoding = %q, want %q", got, e.Token())
	}
	b, err := compression.Decompress(e, rec.Body.Bytes(), 10<<20)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assetURLs returns the static URLs of the main page's stylesheets and
// scripts.
var assetURLs = regexp.MustCompile(`/static/[0-9a-f]+/[A-Za-z0-9/_.-]+\.(?:css|js)`)

// compressServer is a seeded server with a dozen pages, and another with
// an SVG and a PNG uploaded.
func compressServer(t *testing.T) (*server.Server, *server.Server, string, string) {
	t.Helper()
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	token, err := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		body := fmt.Sprintf(`{"text":"Page %d of the compression test, linking [[Main Page]].","summary":"page %d"}`, i, i)
		if rec, _ := apiDo(t, srv, "PUT", fmt.Sprintf("/api/v1/pages/Compressed_page_%d", i), token, body); rec.Code != 200 && rec.Code != 201 {
			t.Fatalf("save = %d %s", rec.Code, rec.Body.String())
		}
	}
	files, _ := newServer(t)
	alice = createUser(t, files, "Alice")
	if token, err = files.Users.CreateToken(context.Background(), alice.ID, "test"); err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">` +
		strings.Repeat(`<rect x="1" y="1" width="2" height="2" fill="red"/>`, 60) + `</svg>`)
	png := pngOf(t, 300, 300, color.RGBA{G: 255, A: 255})
	for name, data := range map[string][]byte{"Shape.svg": svg, "Green.png": png} {
		if rec := apiUpload(t, files, token, name, data); rec.Code != http.StatusCreated {
			t.Fatalf("upload %s = %d %s", name, rec.Code, rec.Body.String())
		}
	}
	return srv, files, files.Routes.Path("file.original", "sha", shaOf(svg), "name", "Shape.svg"),
		files.Routes.Path("file.original", "sha", shaOf(png), "name", "Green.png")
}

// TestCompressedResponses: lists, the JSON API, the Atom feed, the
// sitemap, static assets and an SVG upload decode, in each encoding, to
// the identity response byte for byte, with Vary once and an ETag per
// encoding; a PNG is never compressed.
func TestCompressedResponses(t *testing.T) {
	srv, files, svgURL, pngURL := compressServer(t)
	main := get(t, srv, "GET", "/wiki/Main_Page")
	assets := assetURLs.FindAllString(main.Body.String(), -1)
	var css, js string
	for _, u := range assets {
		switch {
		case css == "" && strings.HasSuffix(u, ".css"):
			css = u
		case js == "" && strings.HasSuffix(u, ".js"):
			js = u
		}
	}
	if css == "" || js == "" {
		t.Fatalf("no stylesheet or script on the main page: %v", assets)
	}
	for _, target := range []string{"/-/recent", "/-/all", "/api/v1/routes", "/-/feed/recent.atom", "/sitemap-1.xml", css, js, svgURL} {
		srv := srv
		if target == svgURL {
			srv = files
		}
		t.Run(target, func(t *testing.T) {
			ident := get(t, srv, "GET", target)
			if ident.Code != 200 || ident.Header().Get("Content-Encoding") != "" || ident.Body.Len() < 1024 {
				t.Fatalf("identity = %d %q, %d bytes", ident.Code, ident.Header().Get("Content-Encoding"), ident.Body.Len())
			}
			if vary := ident.Header().Values("Vary"); strings.Count(strings.Join(vary, ","), "Accept-Encoding") != 1 {
				t.Errorf("identity Vary = %q, want Accept-Encoding once", vary)
			}
			tags := map[string]bool{}
			for _, e := range encodings[1:] {
				rec := get(t, srv, "GET", target, "Accept-Encoding", e.Token())
				if body := decoded(t, rec, e); !bytes.Equal(body, ident.Body.Bytes()) {
					t.Fatalf("%s: decoded body differs from identity's (%d, %d bytes)", e, len(body), ident.Body.Len())
				}
				if rec.Body.Len() >= ident.Body.Len() {
					t.Errorf("%s: %d bytes, identity %d", e, rec.Body.Len(), ident.Body.Len())
				}
				if vary := rec.Header().Values("Vary"); strings.Count(strings.Join(vary, ","), "Accept-Encoding") != 1 {
					t.Errorf("%s: Vary = %q, want Accept-Encoding once", e, vary)
				}
				if cl := rec.Header().Get("Content-Length"); cl != "" && cl != fmt.Sprint(rec.Body.Len()) {
					t.Errorf("%s: Content-Length %s of %d bytes", e, cl, rec.Body.Len())
				}
				if etag := rec.Header().Get("ETag"); etag != "" {
					if base := ident.Header().Get("ETag"); etag != e.ETag(base) || tags[etag] {
						t.Errorf("%s: ETag %s, identity's %s", e, etag, base)
					}
					tags[etag] = true
					nm := get(t, srv, "GET", target, "Accept-Encoding", e.Token(), "If-None-Match", etag)
					if nm.Code != http.StatusNotModified || nm.Body.Len() != 0 || nm.Header().Get("ETag") != etag {
						t.Errorf("%s: If-None-Match %s = %d, ETag %q; want 304 with the tag", e, etag, nm.Code, nm.Header().Get("ETag"))
					}
				}
			}
		})
	}
	t.Run("png", func(t *testing.T) {
		ident := get(t, files, "GET", pngURL)
		rec := get(t, files, "GET", pngURL, "Accept-Encoding", "gzip, br, zstd")
		if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || !bytes.Equal(rec.Body.Bytes(), ident.Body.Bytes()) ||
			rec.Header().Get("ETag") != ident.Header().Get("ETag") || len(rec.Header().Values("Vary")) > 1 {
			t.Errorf("PNG = %d %v", rec.Code, rec.Header())
		}
	})
	t.Run("range", func(t *testing.T) {
		rec := get(t, files, "GET", svgURL, "Accept-Encoding", "gzip", "Range", "bytes=0-9")
		if rec.Code != http.StatusPartialContent || rec.Header().Get("Content-Encoding") != "" || rec.Body.Len() != 10 {
			t.Errorf("range = %d %v, %d bytes", rec.Code, rec.Header(), rec.Body.Len())
		}
	})
}

// TestCompressNegotiation: q=0 refuses an encoding; identity, no header
// and a tiny response go out as they are; a HEAD has the headers of its
// GET and no body.
func TestCompressNegotiation(t *testing.T) {
	srv, _ := newServer(t)
	for _, c := range []struct{ ae, want string }{
		{"zstd;q=0, br;q=0, gzip", "gzip"},
		{"gzip;q=0, br", "br"},
		{"*;q=0.5, zstd;q=0", "br"},
		{"gzip;q=0, br;q=0, zstd;q=0", ""},
		{"identity", ""},
		{"", ""},
		{"deflate, compress", ""},
	} {
		rec := get(t, srv, "GET", "/-/all", "Accept-Encoding", c.ae)
		if got := rec.Header().Get("Content-Encoding"); rec.Code != 200 || got != c.want {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want %q", c.ae, rec.Code, got, c.want)
		}
		if c.want == "" && !strings.Contains(rec.Body.String(), "</html>") {
			t.Errorf("Accept-Encoding %q: body is not the page", c.ae)
		}
	}

	tiny := get(t, srv, "GET", "/-/healthz", "Accept-Encoding", "gzip")
	if tiny.Body.Len() >= 1024 || tiny.Header().Get("Content-Encoding") != "" {
		t.Errorf("tiny response: %d bytes, Content-Encoding %q", tiny.Body.Len(), tiny.Header().Get("Content-Encoding"))
	}

	get1 := get(t, srv, "GET", "/-/all", "Accept-Encoding", "br")
	head := get(t, srv, "HEAD", "/-/all", "Accept-Encoding", "br")
	if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Encoding") != get1.Header().Get("Content-Encoding") ||
		head.Header().Get("Vary") != get1.Header().Get("Vary") {
		t.Errorf("HEAD = %d, %d bytes, %v; GET %v", head.Code, head.Body.Len(), head.Header(), get1.Header())
	}
}

// BenchmarkCompressedList is a list page through the compression
// middleware, in zstd and gzip.
func BenchmarkCompressedList(b *testing.B) {
	srv, _ := newServer(b)
	for _, ae := range []string{"zstd", "gzip", ""} {
		b.Run("ae="+ae, func(b *testing.B) {
			b.ReportAllocs()
			req := httptest.NewRequest("GET", "/-/all", nil)
			if ae != "" {
				req.Header.Set("Accept-Encoding", ae)
			}
			for b.Loop() {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
