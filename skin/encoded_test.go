package skin_test

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/foliowiki/folio/internal/compression"
	"github.com/foliowiki/folio/userinfo"
)

// TestRenderInDecodes checks that every encoding of a view decodes to its
// identity bytes, in both skins, for a logged-in and an anonymous reader
// and for two logged-in readers of different name lengths (the bridged
// gzip pieces depend on the lengths of the reader's parts), across
// repeated views (the pieces kept), and for more readers of different
// lengths than bridged variants are kept (the pieces on their own).
func TestRenderInDecodes(t *testing.T) {
	pi := corpusPageInfo(t)
	v := loadSet(t).WithSite(testSite())
	readers := []*userinfo.UserInfo{alice(), anonymousUser()}
	for i, name := range []string{"Bartholomew the Long-Named", "B", "Bo", "Bob", "Bobby", "Roberta"} {
		u := alice()
		u.Name, u.ID = name, u.ID+int64(i)+1
		readers = append(readers, u)
	}
	readers = append(readers, alice())
	for _, sk := range []string{"desktop", "minimal"} {
		for _, u := range readers {
			view := v.View(pi, u, viewMeta(pi.Title), sk)
			var plain bytes.Buffer
			if err := view.Render(&plain); err != nil {
				t.Fatal(err)
			}
			for _, e := range []compression.Encoding{compression.Gzip, compression.Zstd, compression.Brotli} {
				var b bytes.Buffer
				if err := view.RenderIn(&b, e); err != nil {
					t.Fatal(err)
				}
				got, err := compression.Decompress(e, b.Bytes(), 1<<24)
				if err != nil {
					t.Fatalf("%s, %s, %v: %v", sk, u.Name, e, err)
				}
				if !bytes.Equal(got, plain.Bytes()) {
					t.Fatalf("%s, %s, %v: decodes to %d bytes, not the view's %d", sk, u.Name, e, len(got), plain.Len())
				}
				if view.ETagIn(e) == view.ETag() {
					t.Errorf("%v: the ETag of the identity view", e)
				}
			}
		}
	}
}

// BenchmarkViewSplicedLoggedIn is BenchmarkViewSpecializedLoggedIn sent
// in gzip: the reader's parts filled, their pieces found kept, spliced
// with the page's precompressed text.
func BenchmarkViewSplicedLoggedIn(b *testing.B) {
	benchmarkEncoded(b, alice(), compression.Gzip)
}

// BenchmarkViewSplicedLoggedInZstd is the same in zstd.
func BenchmarkViewSplicedLoggedInZstd(b *testing.B) {
	benchmarkEncoded(b, alice(), compression.Zstd)
}

// BenchmarkViewCompressedAnonymous is the anonymous view in Brotli: the
// page compressed whole once and kept.
func BenchmarkViewCompressedAnonymous(b *testing.B) {
	benchmarkEncoded(b, anonymousUser(), compression.Brotli)
}

func benchmarkEncoded(b *testing.B, u *userinfo.UserInfo, e compression.Encoding) {
	pi := corpusPageInfo(b)
	v := loadSet(b).WithSite(testSite())
	var buf bytes.Buffer
	b.SetBytes(int64(len(pi.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		view := v.View(pi, u, viewMeta(pi.Title), "desktop")
		_ = view.ETagIn(e)
		if err := view.RenderIn(&buf, e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "wire-bytes")
}

// BenchmarkViewFirstByReader is a warm page's view by a reader who has
// not read it yet, in identity: the reader's keys are built (a new
// UserInfo each time).
func BenchmarkViewFirstByReader(b *testing.B) {
	benchmarkNewReaders(b, compression.Identity)
}

// BenchmarkViewSplicedFirstByReader is the same in gzip: the reader's
// pieces of this page are compressed (after the page's masked text) and
// kept — what splicing costs a reader's first view of each page.
func BenchmarkViewSplicedFirstByReader(b *testing.B) {
	benchmarkNewReaders(b, compression.Gzip)
}

func benchmarkNewReaders(b *testing.B, e compression.Encoding) {
	pi := corpusPageInfo(b)
	v := loadSet(b).WithSite(testSite())
	var buf bytes.Buffer
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		u := alice()
		i++
		u.ID, u.CSRF = u.ID+int64(i), "csrf-token-"+strconv.Itoa(i)
		buf.Reset()
		view := v.View(pi, u, viewMeta(pi.Title), "desktop")
		_ = view.ETagIn(e)
		if err := view.RenderIn(&buf, e); err != nil {
			b.Fatal(err)
		}
	}
}
