package skin_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/pageinfo/markdown"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/userinfo"
)

// The page views of every page of the two real wikis in testdata/corpus,
// in both bundled skins, for an anonymous and a logged-in reader: what the
// server sends (Set.View, from a specialization) must be what cbroglie
// renders from the page's whole data (Set.Render of ViewData).

var corpusWikis = []string{"silverbullet-docs", "rustc-dev-guide"}

var (
	corpusOnce sync.Once
	corpusPIs  []*pageinfo.PageInfo
	corpusErr  error
)

// corpusPages returns every corpus page as the PageInfo of its current
// revision, rendered as pageinfo renders it (Folio's title rules, links
// blue when the corpus has the page), in title order per wiki.
func corpusPages(t testing.TB) []*pageinfo.PageInfo {
	t.Helper()
	corpusOnce.Do(func() { corpusPIs, corpusErr = loadCorpus() })
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusPIs
}

func loadCorpus() ([]*pageinfo.PageInfo, error) {
	r := markdown.New(markdown.Default, markdown.Options{
		NormalizeTitle: router.NormalizeTitle,
		TitleURL:       router.TitleURL,
		EditURL:        func(t string) string { return "/-/edit/" + router.EscapeTitle(t) },
	})
	var out []*pageinfo.PageInfo
	for _, wiki := range corpusWikis {
		srcs, err := readCorpus(filepath.Join("..", "testdata", "corpus", wiki, "pages"))
		if err != nil {
			return nil, err
		}
		exists := func(t string) bool { _, ok := srcs[t]; return ok }
		for _, title := range sortedKeys(srcs) {
			res, err := r.Render(srcs[title], markdown.DocContext{Title: title, CanCreate: true, Exists: exists})
			if err != nil {
				return nil, err
			}
			out = append(out, &pageinfo.PageInfo{
				Version: pageinfo.Version, Title: title, DisplayTitle: router.DisplayTitle(title),
				PageID: int64(len(out) + 1), RevID: int64(1000 + len(out)), Timestamp: editedAt, Author: "Alice",
				Size: len(srcs[title]), HTML: res.HTML, TOC: res.TOC, Sections: res.Sections, Categories: res.Categories, Redirect: res.Redirect,
				Summary: res.Summary, Words: res.Words, Needs: res.Needs,
			})
		}
	}
	return out, nil
}

// readCorpus reads the Markdown pages under dir by title.
func readCorpus(dir string) (map[string][]byte, error) {
	srcs := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		title, err := router.NormalizeTitle(strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
		if err != nil {
			return err
		}
		srcs[title], err = os.ReadFile(p)
		return err
	})
	return srcs, err
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// corpusSample returns the corpus pages the tests go through: all of
// them, or every fourth under the race detector (raceEnabled), which
// makes each render several times slower and has little to find in a
// loop of renders.
func corpusSample(t testing.TB) []*pageinfo.PageInfo {
	pages := corpusPages(t)
	if !raceEnabled {
		return pages
	}
	var out []*pageinfo.PageInfo
	for i := 0; i < len(pages); i += 4 {
		out = append(out, pages[i])
	}
	return out
}

// corpusReaders are the readers of the corpus tests.
func corpusReaders() map[string]*userinfo.UserInfo {
	return map[string]*userinfo.UserInfo{"anonymous": anonymousUser(), "alice": alice()}
}

func TestViewMatchesRenderOnCorpus(t *testing.T) {
	if n := len(corpusPages(t)); n < 400 {
		t.Fatalf("only %d corpus pages", n)
	}
	pages := corpusSample(t)
	set := loadSet(t).WithSite(testSite())
	var want, got bytes.Buffer
	for _, name := range set.Names() {
		for who, u := range corpusReaders() {
			for _, pi := range pages {
				want.Reset()
				if err := set.Render(&want, set.ViewData(pi, u, viewMeta(pi.Title), testSite(), name)); err != nil {
					t.Fatal(err)
				}
				got.Reset()
				if err := set.View(pi, u, viewMeta(pi.Title), name).Render(&got); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("%s, %s, %s: the view differs from ViewData + Render:\n%s", name, who, pi.Title, firstDiff(got.String(), want.String()))
				}
			}
		}
	}
}
