package pageinfo_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// corpusPage is a ~20 KB page of the rustc-dev-guide corpus.
const corpusPage = "../testdata/corpus/rustc-dev-guide/pages/building/suggested.md"

func benchStore(b *testing.B) (*sqlite.Store, string) {
	b.Helper()
	src, err := os.ReadFile(corpusPage)
	if err != nil {
		b.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "folio.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, string(src)
}

// BenchmarkRevisionMiss renders a 20 KB page with nothing cached: memory
// and the parse cache are emptied before each lookup. It times what a
// reader waits for: the parse-cache write happens behind the request
// (Cache.load), and each iteration waits for the last one's outside the
// timer, so every lookup is a miss.
func BenchmarkRevisionMiss(b *testing.B) {
	st, src := benchStore(b)
	res, err := st.SaveRevision(context.Background(), store.SaveRequest{Title: "Building/suggested", Text: src})
	if err != nil {
		b.Fatal(err)
	}
	// quiet: the failing test hook would log a warning on every render.
	c, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c.Flush() // the previous iteration's parse-cache write, behind its request
		c.Reset()
		if err := st.DeleteParse(ctx, res.Revision.ID); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := c.Revision(ctx, res.Revision.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLatestHit looks up the current PageInfo of a 20 KB page that is
// in memory: the cost of a warm page view's data, whatever the page's size.
func BenchmarkLatestHit(b *testing.B) {
	st, src := benchStore(b)
	c, err := pageinfo.NewCache(st, pageinfo.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	saver := pageinfo.NewSaver(st, c, 2<<20)
	ctx := context.Background()
	if _, err := saver.Save(ctx, pageinfo.Edit{Title: "Building/suggested", Text: src}); err != nil {
		b.Fatal(err)
	}
	if _, err := c.Latest(ctx, "Building/suggested"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		pi, err := c.Latest(ctx, "Building/suggested")
		if err != nil || len(pi.HTML) < len(src)/2 {
			b.Fatalf("Latest = %d bytes, %v", len(pi.HTML), err)
		}
	}
}

// BenchmarkTemplateRerender2000 re-renders 2,000 pages using one template,
// as editing the template does (all of them queued), with the default 2
// workers: the time to drain the queue, and pages/s.
func BenchmarkTemplateRerender2000(b *testing.B) {
	const pages = 2000
	st, _ := benchStore(b)
	ctx := context.Background()
	c, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	saver := pageinfo.NewSaver(st, c, 2<<20)
	if _, err := saver.Save(ctx, pageinfo.Edit{Title: "Template:Notice", Text: "> **Notice:** {{{1|}}} — see [[Help:Notices]]."}); err != nil {
		b.Fatal(err)
	}
	titles := make([]string, pages)
	for i := range titles {
		titles[i] = fmt.Sprintf("Page_%04d", i)
		text := fmt.Sprintf("{{Notice|page %d}}\n\n## About\n\n%s\n\nSee [[Page_%04d]] and [[Other]].\n", i, strings.Repeat("Some words of the page. ", 40), (i+1)%pages)
		if _, err := st.SaveRevision(ctx, store.SaveRequest{Title: titles[i], Text: text, Templates: []string{"Template:Notice"}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := st.EnqueueRenders(ctx, titles, "Template:Notice changed"); err != nil {
			b.Fatal(err)
		}
		n, err := saver.DrainRerenders(ctx, pageinfo.DefaultRerenderWorkers)
		if err != nil || n != pages {
			b.Fatalf("DrainRerenders = %d, %v", n, err)
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
