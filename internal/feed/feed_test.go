package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	t1 = time.Date(2026, 3, 1, 12, 30, 0, 0, time.UTC)
	t2 = time.Date(2026, 3, 2, 8, 0, 5, 999, time.FixedZone("CET", 3600))
)

func sample() Feed {
	return Feed{
		ID:       "https://wiki.example.org/-/recent",
		Title:    "Recent changes – Example & Co",
		Subtitle: "Track the most recent changes to the wiki.",
		Link:     "https://wiki.example.org/-/recent",
		Self:     "https://wiki.example.org/-/recent.atom?limit=2&days=7",
		Entries: []Entry{
			{
				ID:      "https://wiki.example.org/-/revision/42",
				Title:   "Main Page",
				Link:    "https://wiki.example.org/wiki/Main_Page?oldid=42",
				Updated: t2,
				Author:  "Alice",
				Summary: "fix <typo> & tidy",
				Content: `<table class="diff"><tr><td>a <del>b</del></td></tr></table>`,
			},
			{
				ID:      "https://wiki.example.org/-/revision/41",
				Title:   "Help:Editing",
				Link:    "https://wiki.example.org/wiki/Help:Editing?oldid=41",
				Updated: t1,
			},
		},
	}
}

func write(t *testing.T, f Feed) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := f.WriteTo(&buf)
	if err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	if n != int64(buf.Len()) {
		t.Errorf("WriteTo returned %d, wrote %d bytes", n, buf.Len())
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	got := write(t, sample())
	path := filepath.Join("testdata", "recent.golden.xml")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update):\n%s", path, got)
	}
}

// parsed is what a feed reader sees.
type parsed struct {
	XMLName  xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID       string   `xml:"http://www.w3.org/2005/Atom id"`
	Title    string   `xml:"http://www.w3.org/2005/Atom title"`
	Subtitle string   `xml:"http://www.w3.org/2005/Atom subtitle"`
	Updated  string   `xml:"http://www.w3.org/2005/Atom updated"`
	Author   string   `xml:"http://www.w3.org/2005/Atom author>name"`
	Links    []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Author  string `xml:"http://www.w3.org/2005/Atom author>name"`
		Summary string `xml:"http://www.w3.org/2005/Atom summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"http://www.w3.org/2005/Atom content"`
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	// A strict token pass first: Unmarshal alone skips some errors.
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("not well-formed: %v\n%s", err, data)
			}
			break
		}
	}
	var p parsed
	if err := xml.Unmarshal(data, &p); err != nil {
		t.Fatalf("Unmarshal: %v\n%s", err, data)
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	f := sample()
	p := parse(t, write(t, f))
	if p.ID != f.ID || p.Title != f.Title || p.Subtitle != f.Subtitle {
		t.Errorf("feed head = %q %q %q", p.ID, p.Title, p.Subtitle)
	}
	if want := "2026-03-02T07:00:05Z"; p.Updated != want {
		t.Errorf("feed updated = %q, want latest entry's %q", p.Updated, want)
	}
	if p.Author != f.Title {
		t.Errorf("feed author = %q, want the title, as an entry has none", p.Author)
	}
	if len(p.Links) != 2 || p.Links[1].Rel != "self" || p.Links[1].Href != f.Self {
		t.Errorf("links = %+v", p.Links)
	}
	if len(p.Entries) != 2 {
		t.Fatalf("got %d entries", len(p.Entries))
	}
	for i, e := range p.Entries {
		w := f.Entries[i]
		if e.ID != w.ID || e.Title != w.Title || e.Author != w.Author || e.Summary != w.Summary ||
			e.Content.Body != w.Content || e.Link.Href != w.Link {
			t.Errorf("entry %d = %+v, want %+v", i, e, w)
		}
		if got, err := time.Parse(time.RFC3339, e.Updated); err != nil || !got.Equal(w.Updated.Truncate(time.Second)) {
			t.Errorf("entry %d updated = %q, want %v", i, e.Updated, w.Updated)
		}
	}
	if got := p.Entries[0].Content.Type; got != "html" {
		t.Errorf("content type = %q", got)
	}
}

func TestInvalidCharacters(t *testing.T) {
	bad := "a\x00b\x01c\x1bd\ufffee\uffff\tf\r\ng\xffh"
	f := Feed{
		ID: "urn:x", Title: bad, Subtitle: bad, Author: bad, Updated: t1,
		Entries: []Entry{{ID: "urn:" + bad, Title: bad, Updated: t1, Summary: bad, Content: bad, Link: "http://x/" + bad}},
	}
	data := write(t, f)
	p := parse(t, data)
	want := "abcde\tf\r\ng\ufffdh"
	if p.Title != want || p.Subtitle != want || p.Author != want {
		t.Errorf("feed = %q %q %q, want %q", p.Title, p.Subtitle, p.Author, want)
	}
	e := p.Entries[0]
	if e.Title != want || e.Summary != want || e.Content.Body != want || e.ID != "urn:"+want {
		t.Errorf("entry = %+v, want %q", e, want)
	}
}

func TestEmptyFeed(t *testing.T) {
	f := Feed{ID: "urn:empty", Title: "Nothing yet", Updated: t1}
	p := parse(t, write(t, f))
	if p.ID != "urn:empty" || p.Updated != "2026-03-01T12:30:00Z" || len(p.Entries) != 0 {
		t.Errorf("empty feed = %+v", p)
	}
	if p.Author != f.Title {
		t.Errorf("empty feed author = %q, want the title", p.Author)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		f    Feed
		want string
	}{
		{"no id", Feed{Updated: t1}, "feed id required"},
		{"no updated", Feed{ID: "urn:x"}, "updated time required"},
		{"entry without id", Feed{ID: "urn:x", Updated: t1, Entries: []Entry{{Updated: t1}}}, "entry 0: id required"},
		{"entry without updated", Feed{ID: "urn:x", Updated: t1, Entries: []Entry{{ID: "urn:e"}}}, "updated time required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			n, err := tt.f.WriteTo(&buf)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if n != 0 || buf.Len() != 0 {
				t.Errorf("wrote %d bytes on error", buf.Len())
			}
		})
	}
}

func FuzzWriteTo(f *testing.F) {
	f.Add("urn:x", "title", "<b>html</b>", "\x00\xff\ufffe")
	f.Fuzz(func(t *testing.T, id, title, content, author string) {
		fd := Feed{ID: "urn:" + id, Title: title, Updated: t1, Entries: []Entry{
			{ID: "urn:" + id, Title: title, Content: content, Author: author, Summary: content, Updated: t2, Link: id},
		}}
		p := parse(t, write(t, fd))
		if len(p.Entries) != 1 || p.Entries[0].Content.Body != clean(content) {
			t.Fatalf("entry = %+v, want content %q", p.Entries, clean(content))
		}
	})
}
