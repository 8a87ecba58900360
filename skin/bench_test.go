package skin_test

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

// corpusPage is a ~20 KB page of the rustc-dev-guide corpus.
const corpusPage = "../testdata/corpus/rustc-dev-guide/pages/building/suggested.md"

func corpusPageInfo(b testing.TB) *pageinfo.PageInfo {
	b.Helper()
	src, err := os.ReadFile(corpusPage)
	if err != nil {
		b.Fatal(err)
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

// BenchmarkViewSpecializedLoggedIn is what a server's page view asks of
// the skin once the page is specialized: pick the view, its ETag, write
// it, for a logged-in reader of the 20 KB page.
func BenchmarkViewSpecializedLoggedIn(b *testing.B) {
	pi := corpusPageInfo(b)
	v := loadSet(b).WithSite(testSite())
	u := alice()
	var buf bytes.Buffer
	b.SetBytes(int64(len(pi.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		view := v.View(pi, u, viewMeta(pi.Title), "desktop")
		_ = view.ETag()
		if err := view.Render(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkViewSpecializedLoggedInGerman is the same view by a reader
// whose interface language is German on an English wiki: the page's
// German specialization, the reader's German keys, the same fill.
func BenchmarkViewSpecializedLoggedInGerman(b *testing.B) {
	pi := corpusPageInfo(b)
	v := loadSet(b).WithSite(testSite())
	u := alice()
	u.Preferences.Language = "de"
	var buf bytes.Buffer
	b.SetBytes(int64(len(pi.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		view := v.View(pi, u, viewMeta(pi.Title), "desktop")
		_ = view.ETag()
		if err := view.Render(&buf); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte(`<html lang="de"`)) {
		b.Fatal("the view is not German")
	}
}

// BenchmarkViewSpecializedLoggedInWatching5000 is the same view by a
// reader who watches 5,000 pages, this one among them: the watch star
// costs a binary search of the reader's WatchSet, and the reader's
// watched variant of its keys is built once.
func BenchmarkViewSpecializedLoggedInWatching5000(b *testing.B) {
	pi := corpusPageInfo(b)
	v := loadSet(b).WithSite(testSite())
	u := alice()
	titles := make([]string, 0, 5000)
	for i := range 4999 {
		titles = append(titles, "Watched_page_"+strconv.Itoa(i))
	}
	u.Watched = blob.NewWatchSet(append(titles, pi.Title))
	var buf bytes.Buffer
	b.SetBytes(int64(len(pi.HTML)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		view := v.View(pi, u, viewMeta(pi.Title), "desktop")
		_ = view.ETag()
		if err := view.Render(&buf); err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Contains(buf.Bytes(), []byte(`action="/-/unwatch/`)) {
		b.Fatal("the view has no filled watch star")
	}
}

// BenchmarkViewSpecialize is the first view of a revision: the page's data
// built, filtered and specialized. It also reports what a specialization
// keeps in memory (retained-B/spec, measured over 100 of them).
func BenchmarkViewSpecialize(b *testing.B) {
	base := corpusPageInfo(b)
	v := loadSet(b).WithSite(testSite())
	fresh := func() *pageinfo.PageInfo { // a new blob: an empty memo
		return &pageinfo.PageInfo{Version: base.Version, Title: base.Title, DisplayTitle: base.DisplayTitle, RevID: base.RevID,
			Timestamp: base.Timestamp, Author: base.Author, HTML: base.HTML, TOC: base.TOC, Summary: base.Summary, Needs: base.Needs}
	}
	pis := make([]*pageinfo.PageInfo, 100)
	for i := range pis {
		pis[i] = fresh()
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, pi := range pis {
		v.View(pi, nil, viewMeta(pi.Title), "desktop")
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(pis)
	retained := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(pis))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		pi := fresh()
		b.StartTimer()
		v.View(pi, nil, viewMeta(pi.Title), "desktop")
	}
	b.ReportMetric(retained, "retained-B/spec")
}

var _ = skin.MinTOC
