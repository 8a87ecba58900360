package pageinfo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/store"
	"github.com/foliowiki/folio/store/sqlite"
)

// TestTemplateUsers: a Template page's PageInfo lists the first
// MaxTemplateUsers pages using it, by title, and says there are more; a
// save that stops using it reports the Template page as changed (the
// server purges it from CDNs), and not a main-namespace page it also
// transcluded, which lists no users; a page outside the Template
// namespace lists none.
func TestTemplateUsers(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for i := range pageinfo.MaxTemplateUsers + 1 {
		if _, err := st.SaveRevision(ctx, store.SaveRequest{Title: fmt.Sprintf("P%03d", i), Text: "{{Big}} {{:Other}}", UserName: "Tester",
			Templates: []string{"Other", "Template:Big"}}); err != nil {
			t.Fatal(err)
		}
	}
	c, s := newCache(t, st)
	var mu sync.Mutex
	var got []string
	s.OnChange = func(titles []string) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, titles...)
	}
	save(t, s, st, "Template:Big", "Big")
	save(t, s, st, "Other", "Other")
	pi := latest(t, c, "Template:Big")
	if len(pi.UsedBy) != pageinfo.MaxTemplateUsers || pi.UsedBy[0] != "P000" || pi.UsedBy[len(pi.UsedBy)-1] != "P199" || !pi.UsedByMore {
		t.Errorf("Template:Big used by %d pages (%v …), more %v; want P000 … P199 and more", len(pi.UsedBy), pi.UsedBy[:min(3, len(pi.UsedBy))], pi.UsedByMore)
	}
	if pi := latest(t, c, "Other"); pi.UsedBy != nil || pi.UsedByMore {
		t.Errorf("a main-namespace page lists its users: %v", pi.UsedBy)
	}

	mu.Lock()
	got = nil
	mu.Unlock()
	save(t, s, st, "P000", "No templates.")
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(got, "Template:Big") || slices.Contains(got, "Other") {
		t.Errorf("a save that stops transcluding reported %v, want Template:Big and not Other", got)
	}
	if pi := latest(t, c, "Template:Big"); pi.UsedBy[0] != "P001" || len(pi.UsedBy) != pageinfo.MaxTemplateUsers || pi.UsedByMore {
		t.Errorf("after P000 stopped using it, Template:Big used by %v …, more %v; want P001 … P200, no more", pi.UsedBy[:3], pi.UsedByMore)
	}
}

// TestTemplateUsersStart: a page saved with a template call joins the
// template page's "Pages using this template" — the save records what it
// transcludes and drops the template page's rendering — and a page whose
// re-render leaves that template (through another template's edit) leaves
// it.
func TestTemplateUsersStart(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "folio.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, s := newCache(t, st)
	save(t, s, st, "Template:Inner", "inner")
	save(t, s, st, "Template:Outer", "outer {{Inner}}")
	if pi := latest(t, c, "Template:Inner"); !slices.Equal(pi.UsedBy, []string{"Template:Outer"}) {
		t.Fatalf("Template:Inner used by %v, want Template:Outer", pi.UsedBy)
	}
	save(t, s, st, "Page", "uses {{Outer}}")
	if pi := latest(t, c, "Template:Inner"); !slices.Equal(pi.UsedBy, []string{"Page", "Template:Outer"}) {
		t.Fatalf("after Page started using Outer (and through it Inner), Template:Inner used by %v", pi.UsedBy)
	}
	// Outer stops using Inner: Page's re-render leaves Inner's list too.
	save(t, s, st, "Template:Outer", "outer, alone")
	// Until Page renders again, it still transcludes Inner as far as
	// anyone knows (the view keeps its previous rendering).
	if pi := latest(t, c, "Template:Inner"); !slices.Equal(pi.UsedBy, []string{"Page"}) {
		t.Fatalf("before Page re-rendered, Template:Inner used by %v, want Page", pi.UsedBy)
	}
	if _, err := s.DrainRerenders(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if pi := latest(t, c, "Template:Inner"); len(pi.UsedBy) != 0 {
		t.Fatalf("after Outer stopped using Inner and Page re-rendered, Template:Inner used by %v", pi.UsedBy)
	}
}
