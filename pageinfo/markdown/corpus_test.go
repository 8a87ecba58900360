package markdown

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/foliowiki/folio/pageinfo/markdown/wikilink"
)

// corpusDir returns testdata/corpus/name/pages of the repository, located
// from this file.
func corpusDir(tb testing.TB, name string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "corpus", name, "pages")
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("corpus %s: %v", name, err)
	}
	return dir
}

// corpus is a set of pages read from disk, keyed by canonical title.
type corpus struct {
	pages map[string][]byte
}

func loadCorpus(tb testing.TB, name string) *corpus {
	dir := corpusDir(tb, name)
	c := &corpus{pages: make(map[string][]byte)}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		title, err := testOptions.NormalizeTitle(strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
		if err != nil {
			tb.Errorf("%s: %v", rel, err)
			return nil
		}
		src, err := os.ReadFile(path)
		c.pages[title] = src
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func (c *corpus) exists(title string) bool { _, ok := c.pages[title]; return ok }

func (c *corpus) titles() []string {
	ts := make([]string, 0, len(c.pages))
	for t := range c.pages {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// linkStats are the README's link statistics, measured on our output.
type linkStats struct {
	occurrences int // internal link nodes ([[…]] and resolved .md links), same-page ones excluded
	red         int // of which to missing pages
	samePage    int // [[#…]] links
	distinct    int // sum over pages of len(Result.Links)
	linking     int // pages with at least one outgoing link
	linkedTo    int // pages at least one link points to
}

// measure renders every page of c and counts its links.
func measure(t *testing.T, c *corpus) linkStats {
	var st linkStats
	targets := make(map[string]bool)
	for _, title := range c.titles() {
		src := c.pages[title]
		res, err := testRenderer.Render(src, DocContext{Title: title, Exists: c.exists})
		if err != nil {
			t.Errorf("%s: %v", title, err)
			continue
		}
		st.distinct += len(res.Links)
		if len(res.Links) > 0 {
			st.linking++
		}
		for _, l := range res.Links {
			if c.exists(l) {
				targets[l] = true
			}
		}
		countNodes(&st, c, title, src)
	}
	st.linkedTo = len(targets)
	return st
}

// countNodes counts link occurrences in the parsed page.
func countNodes(st *linkStats, c *corpus, title string, src []byte) {
	p := testRenderer.Parse(src, title)
	p.d.Resolve(nil) // every link blue: internal ones all point at /wiki/
	root := p.root
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		target, internal := "", false
		switch n := n.(type) {
		case *wikilink.Link:
			if n.Title == "" {
				st.samePage++
				return ast.WalkContinue, nil
			}
			target, internal = n.Title, true
		case *ast.Link:
			d := string(n.Destination)
			if rest, ok := strings.CutPrefix(d, "/wiki/"); ok {
				target, _, _ = strings.Cut(rest, "#")
				target, internal = unescapeTitle(target), true
			}
		}
		if internal {
			st.occurrences++
			if target != title && !c.exists(target) {
				st.red++
			}
		}
		return ast.WalkContinue, nil
	})
}

func unescapeTitle(s string) string {
	t, err := testOptions.NormalizeTitle(strings.ReplaceAll(s, "%20", " "))
	if err != nil {
		return s
	}
	if u, err := pathUnescape(t); err == nil {
		return u
	}
	return t
}

// near reports whether got is within pct percent of want.
func near(got, want int, pct float64) bool {
	d := float64(got - want)
	return d*d <= (pct/100*float64(want))*(pct/100*float64(want))
}

// TestCorpusSilverbullet renders the silverbullet docs ([[wiki links]])
// and compares link counts with the corpus README: 1,250 internal links
// (1,189 resolving, 61 not), 27 same-page, 181/225 pages linking, 203/225
// linked to. Differences come from SilverBullet syntax MediaWiki lacks
// (see the log).
func TestCorpusSilverbullet(t *testing.T) {
	c := loadCorpus(t, "silverbullet-docs")
	st := measure(t, c)
	t.Logf("silverbullet: %d pages; links %d (README 1250), red %d (61), same-page %d (27), distinct per page %d, linking pages %d (181), linked-to pages %d (203)",
		len(c.pages), st.occurrences, st.red, st.samePage, st.distinct, st.linking, st.linkedTo)
	checkNear(t, "links", st.occurrences, 1250, 5)
	checkNear(t, "same-page links", st.samePage, 27, 10)
	checkNear(t, "linking pages", st.linking, 181, 5)
	checkNear(t, "linked-to pages", st.linkedTo, 203, 5)
}

// TestCorpusRustc renders the rustc-dev-guide (relative .md links) and
// compares with the README: 756 internal links counted as 530 inline links
// plus 226 reference definitions (we count reference uses instead), 755
// resolving, 143/242 pages linking, 241/242 linked to.
func TestCorpusRustc(t *testing.T) {
	c := loadCorpus(t, "rustc-dev-guide")
	st := measure(t, c)
	t.Logf("rustc-dev-guide: %d pages; links %d (README 756, uses of references counted), red %d (1, a .svg: not a page link here), distinct per page %d, linking pages %d (143), linked-to pages %d (241)",
		len(c.pages), st.occurrences, st.red, st.distinct, st.linking, st.linkedTo)
	checkNear(t, "links", st.occurrences, 756, 10)
	checkNear(t, "linking pages", st.linking, 143, 5)
	checkNear(t, "linked-to pages", st.linkedTo, 241, 2)
	if st.red > 1 {
		t.Errorf("%d red links, want at most 1", st.red)
	}
}

func checkNear(t *testing.T, what string, got, want int, pct float64) {
	t.Helper()
	if !near(got, want, pct) {
		t.Errorf("%s: got %d, want %d ± %.0f%%", what, got, want, pct)
	}
}
