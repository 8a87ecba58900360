package main

import (
	"fmt"
	"io"
	"time"

	"github.com/foliowiki/folio/dump"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A synthesized wiki for bench-scale: n pages made of the corpus's pages,
// page k a copy of corpus page k mod len(corpus) titled "<its title> <copy>",
// its [[links]] pointing at other synthesized titles (as many as the
// corpus page has, so the link density is the corpus's), drawn from a Zipf
// law so that page 0 (the hub) is linked from a large share of the wiki.
// Page k has 1 to 5 revisions (3 on average): pass r of the build saves the
// pages with at least r, each revision adding a paragraph.

// synthCorpus is the corpus's pages, read once.
type synthCorpus struct {
	rels  []string // slash-separated path without ".md"
	texts []string
}

func readCorpus(dir string) (*synthCorpus, error) {
	c := &synthCorpus{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		c.rels = append(c.rels, strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
		c.texts = append(c.texts, string(b))
		return nil
	})
	if err == nil && len(c.rels) == 0 {
		err = fmt.Errorf("no Markdown pages under %s", dir)
	}
	return c, err
}

// The words searched for: common is in most corpus pages; rare is put in
// one page of rareEvery (page 0 among them).
const (
	scaleCommonWord = "page"
	scaleRareWord   = "xylophonic"
	rareEvery       = 10_007
	maxRevisions    = 5
)

// title is page k's title as a path (underscores are the import's).
func (c *synthCorpus) title(k int) string {
	return fmt.Sprintf("%s %d", c.rels[k%len(c.rels)], k/len(c.rels)+1)
}

// revisions is how many revisions page k has: 1 to 5, 3 on average.
func revisions(k int) int { return 1 + int(uint64(k)*2654435761%maxRevisions) }

var wikiLinkRE = regexp.MustCompile(`\[\[([^\]|]+)(\|[^\]]*)?\]\]`)

// text is page k's text at revision r (from 1).
func (c *synthCorpus) text(k, r, n int) string {
	rng := rand.New(rand.NewPCG(uint64(k), 17))
	zipf := rand.NewZipf(rng, 1.2, 4, uint64(n-1))
	body := wikiLinkRE.ReplaceAllStringFunc(c.texts[k%len(c.texts)], func(m string) string {
		label := wikiLinkRE.FindStringSubmatch(m)[2]
		return "[[" + c.title(int(zipf.Uint64())) + label + "]]"
	})
	var b strings.Builder
	b.WriteString(body)
	if k%rareEvery == 0 {
		b.WriteString("\n\nA " + scaleRareWord + " note.\n")
	}
	for i := 2; i <= r; i++ {
		fmt.Fprintf(&b, "\n\nRevision %d of this page adds a line and a link to [[%s]].\n", i, c.title(int(zipf.Uint64())))
	}
	return b.String()
}

// writeDump writes an n-page wiki as a dump (package dump) on w, each
// page with its revisions, and returns the number of revisions. Revision r
// of page k is dated as if the wiki had been written in passes: every
// page's first revision, then every second one, and so on, a second apart,
// ending now.
func (c *synthCorpus) writeDump(w io.Writer, n int) (int, error) {
	dw, err := dump.NewWriter(w, dump.Header{Generator: "bench-scale"})
	if err != nil {
		return 0, err
	}
	t0 := time.Now().UTC().Add(-time.Duration(maxRevisions*n) * time.Second).Truncate(time.Second)
	revs := 0
	for k := range n {
		p := dump.Page{Title: c.title(k)}
		for r := 1; r <= revisions(k); r++ {
			p.Revisions = append(p.Revisions, dump.Revision{
				Timestamp: t0.Add(time.Duration((r-1)*n+k) * time.Second), User: "Bench",
				Summary: fmt.Sprintf("revision %d", r), Text: c.text(k, r, n)})
		}
		if err := dw.WritePage(p); err != nil {
			return revs, err
		}
		revs += len(p.Revisions)
	}
	return revs, dw.Flush()
}
