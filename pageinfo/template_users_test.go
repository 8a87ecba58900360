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
