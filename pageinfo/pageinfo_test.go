package pageinfo_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/foliowiki/folio/internal/pgtest"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/postgres"
	"github.com/foliowiki/folio/store/sqlite"
)

func init() {
	// Hooks register before the first cache freezes them, as extensions do
	// from init().
	pageinfo.InfoHook.Register("test.words", 10, func(_ context.Context, _ pageinfo.ReadOnly, pi pageinfo.PageInfo) (any, error) {
		return map[string]int{"words": pi.Words}, nil
	})
	pageinfo.InfoHook.Register("test.broken", 20, func(context.Context, pageinfo.ReadOnly, pageinfo.PageInfo) (any, error) {
		return nil, errors.New("this hook always fails")
	})
}

// quiet discards the log: a test hook fails on purpose.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// backends runs fn on a fresh SQLite store and a fresh PostgreSQL schema.
func backends(t *testing.T, fn func(t *testing.T, st store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, st)
	})
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.Schema(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		fn(t, st)
	})
}

// counting wraps a store and counts the reads a page view could make.
type counting struct {
	store.Store
	reads atomic.Int64
}

func (c *counting) PageByTitle(ctx context.Context, t string) (store.Page, error) {
	c.reads.Add(1)
	return c.Store.PageByTitle(ctx, t)
}

func (c *counting) RevisionByID(ctx context.Context, id int64) (store.Revision, error) {
	c.reads.Add(1)
	return c.Store.RevisionByID(ctx, id)
}

func (c *counting) GetParse(ctx context.Context, id int64, v string) ([]byte, error) {
	c.reads.Add(1)
	return c.Store.GetParse(ctx, id, v)
}

func newCache(t *testing.T, st store.Store) (*pageinfo.Cache, *pageinfo.Saver) {
	t.Helper()
	c, err := pageinfo.NewCache(st, pageinfo.Options{Log: quiet})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c, pageinfo.NewSaver(st, c, 2<<20)
}

func save(t *testing.T, s *pageinfo.Saver, st store.Pages, title, text string) store.SaveResult {
	t.Helper()
	base, err := store.LatestRevID(context.Background(), st, title)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Save(context.Background(), pageinfo.Edit{Title: title, Text: text, BaseRevID: base, UserName: "Tester"})
	if err != nil {
		t.Fatalf("save %s: %v", title, err)
	}
	return res
}

func latest(t *testing.T, c *pageinfo.Cache, title string) *pageinfo.PageInfo {
	t.Helper()
	pi, err := c.Latest(context.Background(), title)
	if err != nil {
		t.Fatalf("Latest(%s): %v", title, err)
	}
	return pi
}

// linkTo reports how page pi links to target: "red", "blue" or "none".
func linkTo(pi *pageinfo.PageInfo, target string) string {
	for _, l := range pi.Links {
		if l.Title == target {
			if l.Exists {
				return "blue"
			}
			return "red"
		}
	}
	return "none"
}

func TestSaveBuildsPageInfo(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		res := save(t, s, st, "Alpha", "# Alpha\n\nFirst para with [[Beta]] and [[Gamma|g]].\n\n## Part\n\n[[Category:Greek]]")
		pi := latest(t, c, "Alpha")
		if pi.RevID != res.Revision.ID || pi.Title != "Alpha" || pi.DisplayTitle != "Alpha" || pi.Version != pageinfo.Version {
			t.Fatalf("PageInfo = %+v", pi)
		}
		if pi.Summary != "First para with Beta and g." {
			t.Errorf("Summary = %q", pi.Summary)
		}
		if len(pi.TOC) != 2 || pi.TOC[1].Anchor != "part" {
			t.Errorf("TOC = %+v", pi.TOC)
		}
		if len(pi.Categories) != 1 || pi.Categories[0] != "Greek" {
			t.Errorf("Categories = %v", pi.Categories)
		}
		if linkTo(pi, "Beta") != "red" || !strings.Contains(pi.HTML, `class="new"`) {
			t.Errorf("Beta should be a red link: %v\n%s", pi.Links, pi.HTML)
		}
		if string(pi.Ext["test.words"]) == "" || pi.Ext["test.broken"] != nil {
			t.Errorf("Ext = %v: want the working hook's data and nothing from the failing one", pi.Ext)
		}
		// The save recorded links and categories in the store.
		out, _ := st.OutgoingLinks(context.Background(), res.Page.ID)
		if strings.Join(out, ",") != "Beta,Gamma" {
			t.Errorf("stored links = %v", out)
		}
		members, _ := st.CategoryMembers(context.Background(), "Greek", "", 10)
		if len(members) != 1 || members[0] != "Alpha" {
			t.Errorf("category members = %v", members)
		}
	})
}

// TestRedLinkTurnsBlue: creating B through the save path turns A's red link
// to B blue on A's next view, without editing A.
func TestRedLinkTurnsBlue(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, s := newCache(t, st)
		save(t, s, st, "A", "See [[B]].")
		before := latest(t, c, "A")
		if linkTo(before, "B") != "red" {
			t.Fatalf("before B exists: link is %s", linkTo(before, "B"))
		}
		save(t, s, st, "B", "Now I exist.")
		after := latest(t, c, "A")
		if after.RevID != before.RevID {
			t.Fatalf("A was edited: revision %d → %d", before.RevID, after.RevID)
		}
		if linkTo(after, "B") != "blue" || strings.Contains(after.HTML, `class="new"`) {
			t.Fatalf("after B was created: link is %s\n%s", linkTo(after, "B"), after.HTML)
		}
		// A second cache on the same store (another process, a restart)
		// reads the refreshed parse cache, not a stale red copy.
		c2, _ := newCache(t, st)
		if linkTo(latest(t, c2, "A"), "B") != "blue" {
			t.Fatal("the parse cache kept A's red link")
		}
	})
}

// TestFirstViewAfterSaveIsAHit: the save stored the PageInfo, so viewing the
// new revision reads nothing from the store.
func TestFirstViewAfterSaveIsAHit(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		cs := &counting{Store: st}
		c, s := newCache(t, cs)
		save(t, s, cs, "Hot", "v1")
		save(t, s, cs, "Hot", "v2 with [[Link]]")
		cs.reads.Store(0)
		pi := latest(t, c, "Hot")
		if !strings.Contains(pi.HTML, "v2") {
			t.Fatalf("Latest served %q", pi.HTML)
		}
		if n := cs.reads.Load(); n != 0 {
			t.Fatalf("first view after a save made %d store reads, want 0", n)
		}
	})
}

func TestMissingPage(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		c, _ := newCache(t, st)
		if _, err := c.Latest(context.Background(), "Nowhere"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Latest(missing) err = %v, want ErrNotFound", err)
		}
	})
}

// TestStaleParseCacheRerenders: a parse-cache row of another renderer
// version is ignored; the revision renders again.
func TestStaleParseCacheRerenders(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	res, err := st.SaveRevision(context.Background(), store.SaveRequest{Title: "Old", Text: "**bold**"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutParse(context.Background(), res.Revision.ID, "pi0+md0", []byte(`{"html":"stale"}`)); err != nil {
		t.Fatal(err)
	}
	c, _ := newCache(t, st)
	pi := latest(t, c, "Old")
	if !strings.Contains(pi.HTML, "<strong>bold</strong>") {
		t.Fatalf("HTML = %q, want a fresh render", pi.HTML)
	}
	c.Flush() // the parse cache is written behind the request
	if _, err := st.GetParse(context.Background(), res.Revision.ID, pageinfo.Version); err != nil {
		t.Fatalf("the fresh render was not stored: %v", err)
	}
}

// TestHugeRenderFallsBack: Markdown that would render to many times its
// size shows its escaped source instead.
func TestHugeRenderFallsBack(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, s := newCache(t, st)
	// 9,000 references: under the renderer's budget of footnotes, but
	// 1.5 MB of HTML.
	save(t, s, st, "Notes", strings.Repeat("[^a] ", 9000)+"\n\n[^a]: <b>note</b> [[Linked]]\n")
	pi := latest(t, c, "Notes")
	if len(pi.HTML) > 2<<20 || !strings.HasPrefix(pi.HTML, `<pre class="render-fallback">`) || strings.Contains(pi.HTML, "<b>") {
		t.Fatalf("HTML of %d bytes starting %q", len(pi.HTML), pi.HTML[:min(80, len(pi.HTML))])
	}
	if linkTo(pi, "Linked") != "red" {
		t.Fatalf("links lost in the fallback: %v", pi.Links)
	}
}

// invalidating makes an invalidation of revision rev arrive while a page
// is being rendered: in the middle of its existence lookup.
type invalidating struct {
	store.Store
	c   *pageinfo.Cache
	rev int64
	on  atomic.Bool
}

func (s *invalidating) PagesExist(ctx context.Context, titles []string) (map[string]bool, error) {
	if s.on.Load() {
		s.c.Apply([]string{"r:" + strconv.FormatInt(s.rev, 10)})
	}
	return s.Store.PagesExist(ctx, titles)
}

// TestRenderRacingAnInvalidationIsNotKept: a render during which a
// revision was dropped (a linked page created) may hold a stale link
// colour: it is returned, but kept neither in memory nor in the parse
// cache, so the next view renders again.
func TestRenderRacingAnInvalidationIsNotKept(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		res, err := st.SaveRevision(context.Background(), store.SaveRequest{Title: "Racer", Text: "See [[Elsewhere]]."})
		if err != nil {
			t.Fatal(err)
		}
		rev := res.Revision.ID
		inv := &invalidating{Store: st, rev: rev}
		c, err := pageinfo.NewCache(inv, pageinfo.Options{Log: quiet})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Close)
		inv.c = c
		inv.on.Store(true)
		if _, err := c.Revision(context.Background(), rev); err != nil {
			t.Fatal(err)
		}
		c.Flush()
		if _, err := st.GetParse(context.Background(), rev, pageinfo.Version); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the racing render was written to the parse cache (err %v)", err)
		}
		inv.on.Store(false)
		if _, err := c.Revision(context.Background(), rev); err != nil {
			t.Fatal(err)
		}
		c.Flush()
		if _, err := st.GetParse(context.Background(), rev, pageinfo.Version); err != nil {
			t.Fatalf("a quiet render was not written: %v", err)
		}
	})
}

// TestResetBeforeAndAfterUse: a Reset of fresh caches (the subscription's
// first, at start) skips clearing them, and what is read after it is
// kept; a Reset after use drops what memory holds, so the next view
// reads the store again.
func TestResetBeforeAndAfterUse(t *testing.T) {
	backends(t, func(t *testing.T, st store.Store) {
		cs := &counting{Store: st}
		c, s := newCache(t, cs)
		c.Reset() // nothing cached yet
		save(t, s, cs, "Hot", "v1")
		latest(t, c, "Hot")
		cs.reads.Store(0)
		latest(t, c, "Hot")
		if n := cs.reads.Load(); n != 0 {
			t.Fatalf("a view after the first Reset made %d store reads, want 0", n)
		}
		c.Reset()
		if pi := latest(t, c, "Hot"); !strings.Contains(pi.HTML, "v1") || cs.reads.Load() == 0 {
			t.Fatalf("after a Reset of used caches: %q with %d store reads, want v1 read from the store", pi.HTML, cs.reads.Load())
		}
	})
}
