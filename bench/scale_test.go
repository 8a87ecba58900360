package main

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/foliowiki/folio/dump"
)

// TestSynthesizedWiki: the synthesized wiki has n distinct titles, 3
// revisions a page on average, the corpus's link density with every link
// to a synthesized title, the hub linked most, and the rare word in page
// 0 only among the first rareEvery pages.
func TestSynthesizedWiki(t *testing.T) {
	c, err := readCorpus(filepath.Join("..", "testdata", "corpus", "silverbullet-docs", "pages"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000
	titles := map[string]bool{}
	revs, links, corpusLinks := 0, 0, 0
	linked := map[string]int{}
	for k := range n {
		titles[c.title(k)] = true
		revs += revisions(k)
		text := c.text(k, 1, n)
		for _, m := range wikiLinkRE.FindAllStringSubmatch(text, -1) {
			links++
			linked[m[1]]++
		}
		corpusLinks += len(wikiLinkRE.FindAllString(c.texts[k%len(c.texts)], -1))
		if has := strings.Contains(text, scaleRareWord); has != (k%rareEvery == 0) {
			t.Errorf("page %d: rare word present = %v", k, has)
		}
	}
	if len(titles) != n {
		t.Errorf("%d distinct titles of %d pages", len(titles), n)
	}
	if avg := float64(revs) / n; avg < 2.9 || avg > 3.1 {
		t.Errorf("%.2f revisions a page on average, want 3", avg)
	}
	if links != corpusLinks {
		t.Errorf("%d links, the corpus pages copied hold %d", links, corpusLinks)
	}
	for target := range linked {
		if !titles[target] {
			t.Fatalf("a link to %q, not a synthesized title", target)
		}
	}
	hub := c.title(0)
	for target, k := range linked {
		if k > linked[hub] {
			t.Errorf("%q is linked %d times, more than the hub %q (%d)", target, k, hub, linked[hub])
		}
	}
	if linked[hub] < links/50 {
		t.Errorf("the hub has %d of %d links, want a heavily linked page", linked[hub], links)
	}
	if r3 := c.text(7, 3, n); strings.Count(r3, "Revision ") < 2 || !strings.HasPrefix(r3, c.text(7, 1, n)) {
		t.Errorf("revision 3 of page 7 does not extend revision 1")
	}
	var b bytes.Buffer
	nrev, err := c.writeDump(&b, 50)
	if err != nil {
		t.Fatal(err)
	}
	r, err := dump.NewReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	got, last := 0, time.Time{}
	for k := 0; ; k++ {
		p, err := r.Next()
		if err == io.EOF {
			if k != 50 {
				t.Fatalf("the dump has %d pages, want 50", k)
			}
			break
		}
		if err != nil || p.Title != c.title(k) || len(p.Revisions) != revisions(k) {
			t.Fatalf("page %d: %q with %d revisions, %v; want %q with %d", k, p.Title, len(p.Revisions), err, c.title(k), revisions(k))
		}
		for i, rev := range p.Revisions {
			if rev.Text != c.text(k, i+1, 50) || (i > 0 && !rev.Timestamp.After(p.Revisions[i-1].Timestamp)) {
				t.Fatalf("page %d revision %d: not the synthesized text, or not after the one before", k, i+1)
			}
			if rev.Timestamp.After(last) {
				last = rev.Timestamp
			}
		}
		got += len(p.Revisions)
	}
	if got != nrev || time.Since(last) > time.Minute {
		t.Fatalf("%d revisions read, %d written; the last dated %s", got, nrev, last)
	}
}
