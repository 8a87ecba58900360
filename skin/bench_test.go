package skin_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

// corpusPage is a ~20 KB page of the rustc-dev-guide corpus.
const corpusPage = "../../shared/corpus/rustc-dev-guide/pages/building/suggested.md"

func corpusPageInfo(b *testing.B) *pageinfo.PageInfo {
	b.Helper()
	src, err := os.ReadFile(corpusPage)
	if err != nil {
		b.Skipf("corpus page not found: %v", err)
	}
	return renderPage(b, "Building/suggested", string(src))
}

// BenchmarkRenderDesktop20KB is a page view's skin work for a 20 KB corpus
// page and a logged-in reader: building the data (ViewData) and rendering
// it in the desktop skin.
func BenchmarkRenderDesktop20KB(b *testing.B) {
	benchmarkView(b, "desktop", alice())
}

// BenchmarkRenderDesktop20KBAnonymous is the same for an anonymous reader.
func BenchmarkRenderDesktop20KBAnonymous(b *testing.B) {
	benchmarkView(b, "desktop", anonymousUser())
}

// BenchmarkRenderMinimal20KB is the view in the minimal skin.
func BenchmarkRenderMinimal20KB(b *testing.B) {
	benchmarkView(b, "minimal", alice())
}

func benchmarkView(b *testing.B, name string, u *userinfo.UserInfo) {
	pi := corpusPageInfo(b)
	set := loadSet(b)
	site := testSite()
	var buf bytes.Buffer
	b.SetBytes(int64(len(pi.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		d := set.ViewData(pi, u, viewMeta(pi.Title), site, name)
		if err := set.Render(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewData is the data half of a view alone.
func BenchmarkViewData(b *testing.B) {
	pi := corpusPageInfo(b)
	set := loadSet(b)
	u, site := alice(), testSite()
	b.ReportAllocs()
	for b.Loop() {
		_ = set.ViewData(pi, u, viewMeta(pi.Title), site, "desktop")
	}
}

var _ = skin.MinTOC
