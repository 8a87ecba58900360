package pageinfo_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// wantTemplatesOf checks the template links of the page title.
func wantTemplatesOf(t *testing.T, st store.Store, title string, want ...string) {
	t.Helper()
	p, err := st.PageByTitle(context.Background(), title)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.PageTemplates(context.Background(), p.ID)
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("PageTemplates(%s) = %q, %v; want %q", title, got, err, want)
	}
}

// wantPending checks how many re-renders wait in the queue.
func wantPending(t *testing.T, st store.Store, n int) {
	t.Helper()
	qs, err := st.RenderQueueStats(context.Background())
	if err != nil || qs.Pending != n {
		t.Fatalf("RenderQueueStats = %+v, %v; want %d pending", qs, err, n)
	}
}

func drain(t *testing.T, s *pageinfo.Saver, want int) {
	t.Helper()
	n, err := s.DrainRerenders(context.Background(), 2)
	if err != nil || n != want {
		t.Fatalf("DrainRerenders = %d, %v; want %d", n, err, want)
	}
}

// TestTemplateRerender: a save expands templates and records them, also
// those used through other templates; editing a template queues the pages
// using it in the save, which keep their rendering until the runner swaps
// the new one in, on this node and on another (reading the new parse-cache
// row), reported to OnChange; a re-render that uses other templates
// updates the page's template links; deleting a template turns its calls
// into red links.
func TestTemplateRerender(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		c1, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c1.Close)
		s1 := pageinfo.NewSaver(st, c1, 2<<20)
		c2, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c2.Close)
		listen(t, c2)
		var mu sync.Mutex
		var purged []string
		s1.OnChange = func(titles []string) {
			mu.Lock()
			defer mu.Unlock()
			purged = append(purged, titles...)
		}

		save(t, s1, st, "Template:Notice", "Notice: {{{1|none}}}!")
		save(t, s1, st, "Template:Box", "Box [{{Notice|boxed}}]")
		save(t, s1, st, "A", "{{Notice|alpha}}")
		save(t, s1, st, "B", "{{Box}}")
		if html := latest(t, c1, "A").HTML; !strings.Contains(html, "Notice: alpha!") {
			t.Fatalf("A: %s", html)
		}
		if html := latest(t, c1, "B").HTML; !strings.Contains(html, "Box [Notice: boxed!]") {
			t.Fatalf("B: %s", html)
		}
		wantTemplatesOf(t, st, "A", "Template:Notice")
		wantTemplatesOf(t, st, "B", "Template:Box", "Template:Notice")
		wantPending(t, st, 0)
		latest(t, c2, "A") // node 2 holds the old rendering

		save(t, s1, st, "Template:Notice", "Warning: {{{1|none}}}!")
		wantPending(t, st, 3) // A, B, Template:Box
		if html := latest(t, c1, "A").HTML; !strings.Contains(html, "Notice: alpha!") {
			t.Fatalf("A before the re-render: %s; want the previous rendering", html)
		}
		mu.Lock()
		purged = nil
		mu.Unlock()
		drain(t, s1, 3)
		if html := latest(t, c1, "A").HTML; !strings.Contains(html, "Warning: alpha!") {
			t.Fatalf("A after the re-render: %s", html)
		}
		if html := latest(t, c1, "B").HTML; !strings.Contains(html, "Box [Warning: boxed!]") {
			t.Fatalf("B after the re-render: %s", html)
		}
		within(t, "node 2 drops A", func() bool { return strings.Contains(latest(t, c2, "A").HTML, "Warning: alpha!") })
		mu.Lock()
		got := slices.Clone(purged)
		mu.Unlock()
		slices.Sort(got)
		if !slices.Equal(got, []string{"A", "B", "Template:Box"}) {
			t.Errorf("purged %q, want A, B, Template:Box", got)
		}
		p, _ := st.PageByTitle(ctx, "A")
		if blob, err := st.GetParse(ctx, p.LatestRev, pageinfo.Version); err != nil || !strings.Contains(string(blob), "Warning: alpha!") {
			t.Fatalf("A's parse-cache row after the re-render: %s, %v", blob, err)
		}

		// Box now uses another template: B's links follow on re-render.
		save(t, s1, st, "Template:Box", "Box [{{Other}}]")
		drain(t, s1, 1)
		wantTemplatesOf(t, st, "B", "Template:Box", "Template:Other")
		if html := latest(t, c1, "B").HTML; !strings.Contains(html, `/Template:Other`) {
			t.Fatalf("B with a missing template: %s; want a red link", html)
		}

		// Deleting a template re-renders its users: a red link.
		if _, err := s1.Delete(ctx, "Template:Notice", pageinfo.Action{UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		drain(t, s1, 1)
		if html := latest(t, c1, "A").HTML; strings.Contains(html, "Warning") || !strings.Contains(html, "Template:Notice") {
			t.Fatalf("A after Template:Notice was deleted: %s", html)
		}
		wantPending(t, st, 0)
	})
}

// TestTemplateRerenderOnMove: moving a template re-renders the pages that
// called it (they call a redirect now, and still show it) and those that
// called its new title (a red link before).
func TestTemplateRerenderOnMove(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Close)
		s := pageinfo.NewSaver(st, c, 2<<20)
		save(t, s, st, "Template:Old", "old text")
		save(t, s, st, "A", "{{Old}}")
		save(t, s, st, "B", "{{New}}")
		if _, err := s.Move(context.Background(), "Template:Old", "Template:New", true, pageinfo.Action{UserName: "Admin"}); err != nil {
			t.Fatal(err)
		}
		wantPending(t, st, 2)
		drain(t, s, 2)
		if html := latest(t, c, "B").HTML; !strings.Contains(html, "old text") {
			t.Fatalf("B after the move: %s", html)
		}
		wantTemplatesOf(t, st, "A", "Template:New", "Template:Old")
	})
}

// TestTemplateSections: a heading a template brings in gets no edit link,
// and the page's own headings keep the numbers ?section=N gives them.
func TestTemplateSections(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Close)
		s := pageinfo.NewSaver(st, c, 2<<20)
		save(t, s, st, "Template:Heads", "## From template\n\ntext")
		text := "## Own\n\n{{Heads}}\n\n## Second\n\nmore"
		save(t, s, st, "Page", text)
		pi := latest(t, c, "Page")
		var got []string
		for _, m := range pi.Sections {
			got = append(got, strconv.Itoa(m.N)+":"+m.Text)
			if h := pi.HTML[m.Start:m.End]; !strings.Contains(h, m.Text) {
				t.Errorf("mark %d covers %q", m.N, h)
			}
		}
		if want := []string{"1:Own", "2:Second"}; !slices.Equal(got, want) {
			t.Fatalf("sections %q, want %q", got, want)
		}
		if !strings.Contains(pi.HTML, "From template") {
			t.Fatalf("the template's heading is missing: %s", pi.HTML)
		}
		doc := s.Sections("Page", text)
		if len(doc.Headings) != 2 || doc.Headings[1].Text != "Second" {
			t.Fatalf("?section=N of the page's text: %+v", doc.Headings)
		}
	})
}

// TestRerenderKeepsItsRowOnOtherNodes: a node that wrote a page's
// parse-cache row lately (a lazy render) drops its copy when another
// node's re-render replaces the row, and reads the new row: it does not
// delete it (redrop deletes only the row a node wrote itself).
func TestRerenderKeepsItsRowOnOtherNodes(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		c1, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c1.Close)
		s1 := pageinfo.NewSaver(st, c1, 2<<20)
		cnt := &renderCounting{Store: st}
		c2, err := pageinfo.NewCache(cnt, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c2.Close)
		listen(t, c2)

		// Node 2 holds Probe: an edit of it then reaches node 2 through
		// its event only, after every event published before it.
		save(t, s1, st, "Probe", "0")
		for before := int64(-1); before != cnt.renders.Load(); {
			before = cnt.renders.Load()
			latest(t, c2, "Probe")
		}
		save(t, s1, st, "Template:Notice", "Notice")
		res := save(t, s1, st, "P", "{{Notice}}")
		if err := st.DeleteParse(ctx, res.Revision.ID); err != nil {
			t.Fatal(err)
		}
		// Node 2 has heard the saves (an event heard after its render
		// would rightly drop the row it wrote before it) …
		save(t, s1, st, "Probe", "1")
		within(t, "node 2 hears the edit of Probe", func() bool { return latest(t, c2, "Probe").Summary == "1" })
		// … then renders P and writes its row. An invalidation of P heard
		// after the render (the saves' events are published behind their
		// transactions, so one may still be on its way) rightly drops the
		// row: node 2 renders again and writes it, as a reader's next view
		// would.
		within(t, "node 2 renders P and keeps its row", func() bool {
			latest(t, c2, "P")
			c2.Flush()
			_, err := st.GetParse(ctx, res.Revision.ID, pageinfo.Version)
			return err == nil
		})

		save(t, s1, st, "Template:Notice", "Warning")
		drain(t, s1, 1)
		before := cnt.renders.Load()
		within(t, "node 2 shows the re-render", func() bool { return strings.Contains(latest(t, c2, "P").HTML, "Warning") })
		c2.Flush()
		if n := cnt.renders.Load() - before; n != 0 {
			t.Errorf("node 2 read %d revisions to show the re-render: it rendered again instead of reading the new row", n)
		}
		if blob, err := st.GetParse(ctx, res.Revision.ID, pageinfo.Version); err != nil || !strings.Contains(string(blob), "Warning") {
			t.Fatalf("P's row after node 2 heard of the re-render: %s, %v", blob, err)
		}
	})
}

// renderCounting counts the revisions read by id: one per render.
type renderCounting struct {
	store.Store
	renders atomic.Int64
}

func (c *renderCounting) RevisionByID(ctx context.Context, id int64) (store.Revision, error) {
	c.renders.Add(1)
	return c.Store.RevisionByID(ctx, id)
}
