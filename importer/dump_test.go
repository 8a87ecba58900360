package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/dump"
	"github.com/foliowiki/folio/importer"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
)

// wikiOf is a store with its save path, for the dump tests.
type wikiOf struct {
	st    store.Store
	pages *pageinfo.Cache
	saver *pageinfo.Saver
}

func newWiki(t *testing.T) wikiOf {
	t.Helper()
	st := openStore(t)
	pages, err := pageinfo.NewCache(st, pageinfo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pages.Close)
	return wikiOf{st: st, pages: pages, saver: pageinfo.NewSaver(st, pages, 1<<20)}
}

// save saves text as title's next revision.
func (w wikiOf) save(t *testing.T, title, text, user, summary string) {
	t.Helper()
	base, err := store.LatestRevID(context.Background(), w.st, title)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.saver.Save(context.Background(), pageinfo.Edit{Title: title, Text: text, BaseRevID: base,
		UserName: user, Summary: summary}); err != nil {
		t.Fatalf("save %s: %v", title, err)
	}
}

func (w wikiOf) export(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if _, _, err := dump.Export(context.Background(), w.st, &b, "test"); err != nil {
		t.Fatal(err)
	}
	_, body, _ := strings.Cut(b.String(), "\n") // the header has the time
	return body
}

func (w wikiOf) load(t *testing.T, d string, opts importer.DumpOptions) importer.Report {
	t.Helper()
	rep, err := importer.ImportDump(context.Background(), w.saver, w.st, strings.NewReader(d), opts)
	if err != nil {
		t.Fatalf("ImportDump: %v", err)
	}
	return rep
}

// sample is a small wiki with histories, a redirect, a category, a
// template and its user, a talk page and a title outside ASCII.
func sample(t *testing.T) wikiOf {
	w := newWiki(t)
	w.save(t, "Page", "First text.", "Ann", "new")
	w.save(t, "Page", "First text, longer. [[Other]]", "Bob", "more")
	w.save(t, "Page", "Final text about aardvarks. [[Other]] {{Box}}\n\n[[Category:Animals]]", "Ann", "final")
	w.save(t, "Template:Box", "**boxed**", "Ann", "")
	w.save(t, "Other", "The other page.", "Cy", "")
	w.save(t, "Alias", "#REDIRECT [[Page]]", "Cy", "")
	w.save(t, "Talk:Page", "Talk about it.", "Bob", "")
	w.save(t, "Zürich", "Grüezi. [[Page]]", "Ann", "")
	return w
}

// TestDumpRoundTrip: a wiki exported and loaded into an empty store exports
// the same, and its pages read the same: history, links, categories,
// templates, search, rendering.
func TestDumpRoundTrip(t *testing.T) {
	a := sample(t)
	d := a.export(t)
	if !strings.Contains(d, `"summary":"more"`) || strings.Count(d, "\n") != 6 {
		t.Fatalf("export:\n%s", d)
	}
	b := newWiki(t)
	rep := b.load(t, "{\"format\":\"folio-dump\",\"version\":1}\n"+d, importer.DumpOptions{Jobs: 3, Batch: 2})
	if rep.Created != 6 || rep.Updated != 0 || len(rep.Skipped) != 0 {
		t.Fatalf("load: %+v", rep)
	}
	if got := b.export(t); got != d {
		t.Fatalf("the loaded wiki exports differently:\n%s\nwant:\n%s", got, d)
	}
	ctx := context.Background()
	for _, title := range []string{"Page", "Template:Box", "Other", "Alias", "Talk:Page", "Zürich"} {
		pa, _ := a.st.PageByTitle(ctx, title)
		pb, err := b.st.PageByTitle(ctx, title)
		if err != nil || pa.Redirect != pb.Redirect || pa.Size != pb.Size {
			t.Fatalf("%s: page %+v, want %+v (%v)", title, pb, pa, err)
		}
		for name, read := range map[string]func(store.Store, int64) ([]string, error){
			"links":      func(s store.Store, id int64) ([]string, error) { return s.OutgoingLinks(ctx, id) },
			"categories": func(s store.Store, id int64) ([]string, error) { return s.PageCategories(ctx, id) },
			"templates":  func(s store.Store, id int64) ([]string, error) { return s.PageTemplates(ctx, id) },
		} {
			la, _ := read(a.st, pa.ID)
			lb, err := read(b.st, pb.ID)
			if err != nil || !reflect.DeepEqual(la, lb) {
				t.Fatalf("%s: %s %v, want %v (%v)", title, name, lb, la, err)
			}
		}
		ia, err := a.pages.Latest(ctx, title)
		if err != nil {
			t.Fatal(err)
		}
		ib, err := b.pages.Latest(ctx, title)
		if err != nil || ia.HTML != ib.HTML {
			t.Fatalf("%s renders\n%s\nwant\n%s (%v)", title, ib.HTML, ia.HTML, err)
		}
	}
	if hits, _, err := b.st.SearchPages(ctx, "aardvarks", 0, 10); err != nil || len(hits) != 1 || hits[0].Title != "Page" {
		t.Fatalf("search after load = %+v, %v", hits, err)
	}
	if m, _ := b.st.CategoryMembers(ctx, "Animals", "", 10); !reflect.DeepEqual(m, []string{"Page"}) {
		t.Fatalf("category members after load = %v", m)
	}

	// A second load writes nothing.
	rep = b.load(t, "{\"format\":\"folio-dump\",\"version\":1}\n"+d, importer.DumpOptions{})
	if rep.Created != 0 || rep.Updated != 0 || rep.Unchanged != 6 {
		t.Fatalf("second load: %+v, want 6 unchanged", rep)
	}
	if got := b.export(t); got != d {
		t.Fatalf("the second load changed the wiki:\n%s", got)
	}
}

// TestDumpOntoExistingPage: a title the wiki has gets the dump's last
// revision saved on top, through the save path; its history stays.
func TestDumpOntoExistingPage(t *testing.T) {
	w := newWiki(t)
	w.save(t, "Page", "Local text.", "Local", "")
	d := `{"format":"folio-dump","version":1}
{"title":"Page","revisions":[{"user":"Ann","text":"old"},{"user":"Ann","summary":"from the dump","text":"Dump text."}]}
`
	rep := w.load(t, d, importer.DumpOptions{})
	if rep.Created != 0 || rep.Updated != 1 {
		t.Fatalf("load: %+v, want 1 updated", rep)
	}
	p, _ := w.st.PageByTitle(context.Background(), "Page")
	hist, _ := w.st.History(context.Background(), p.ID, 0, 10)
	if len(hist) != 2 || hist[0].Text != "Dump text." || hist[0].Summary != "from the dump" || hist[1].Text != "Local text." {
		t.Fatalf("history = %+v", hist)
	}
}

// TestDumpLinksTurnBlue: a page viewed while its link was red shows it blue
// once the dump loads the target.
func TestDumpLinksTurnBlue(t *testing.T) {
	w := newWiki(t)
	w.save(t, "Linker", "See [[Later]].", "Ann", "")
	before, err := w.pages.Latest(context.Background(), "Linker")
	if err != nil || !strings.Contains(before.HTML, "new") {
		t.Fatalf("before: %v %s", err, before.HTML)
	}
	w.load(t, "{\"format\":\"folio-dump\",\"version\":1}\n{\"title\":\"Later\",\"revisions\":[{\"text\":\"here\"}]}\n", importer.DumpOptions{})
	after, err := w.pages.Latest(context.Background(), "Linker")
	if err != nil || after.HTML == before.HTML || strings.Contains(after.HTML, `class="new"`) {
		t.Fatalf("after the load Linker still renders\n%s", after.HTML)
	}
}

// TestDumpBadInput: a dump that is not one is refused; pages that cannot be
// loaded are skipped with their line and why; the others load.
func TestDumpBadInput(t *testing.T) {
	for _, d := range []string{"", "not json\n", `{"format":"other"}` + "\n", `{"format":"folio-dump","version":9}` + "\n"} {
		w := newWiki(t)
		_, err := importer.ImportDump(context.Background(), w.saver, w.st, strings.NewReader(d), importer.DumpOptions{})
		if !errors.Is(err, dump.ErrFormat) {
			t.Fatalf("%q: err = %v, want dump.ErrFormat", d, err)
		}
	}
	w := newWiki(t)
	d := strings.Join([]string{
		`{"format":"folio-dump","version":1}`,
		`{"title":"Good","revisions":[{"text":"fine","timestamp":"2020-01-01T00:00:00Z"}]}`,
		`not json`,
		`{"title":"NoRevisions","revisions":[]}`,
		`{"title":"Bad<title>","revisions":[{"text":"x"}]}`,
		`{"title":"Control","revisions":[{"text":"bell \u0007"}]}`,
		`{"title":"Special:Thing","revisions":[{"text":"x"}]}`,
		fmt.Sprintf(`{"title":"Huge","revisions":[{"text":"%s"}]}`, strings.Repeat("x", 1<<20+1)),
		`{"title":"LongSummary","revisions":[{"text":"x","summary":"` + strings.Repeat("s", 2000) + `"}]}`,
		`{"title":"Good2","revisions":[{"text":"also fine"}]}`,
	}, "\n")
	rep := w.load(t, d, importer.DumpOptions{Batch: 1})
	if rep.Created != 2 || len(rep.Skipped) != 7 {
		t.Fatalf("load: %+v, want 2 created and 7 skipped", rep)
	}
	reasons := skipReasons(rep)
	for line, want := range map[string]string{"line 3": "invalid character", "line 4": "at least one revision",
		"line 5 (Bad<title>)": "", "line 6 (Control)": "control character", "line 7 (Special:Thing)": "",
		"line 8 (Huge)": "limit", "line 9 (LongSummary)": "summary"} {
		got, ok := reasons[line]
		if !ok {
			t.Logf("skipped: %q", reasons)
		}
		if !ok || !strings.Contains(got, want) {
			t.Fatalf("skipped %q: %q (listed: %v), want it to say %q", line, got, ok, want)
		}
	}
	r, err := w.st.LatestRevision(context.Background(), "Good")
	if err != nil || !r.Timestamp.Equal(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) || r.UserName != store.ImportUserName {
		t.Fatalf("Good = %+v, %v; want the dump's timestamp and the import user", r, err)
	}
}
