package dump

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestLongHistorySpansLines: a history too long for one line is written on
// several lines of the same title and read back as one page.
func TestLongHistorySpansLines(t *testing.T) {
	const max = 1 << 20
	big := strings.Repeat("a", max/5)
	p := Page{Title: "Long", Revisions: []Revision{{Text: big}, {Text: big + "b"}, {Text: big + "c"}, {Text: "d"}}}
	var b bytes.Buffer
	w, err := NewWriter(&b, Header{Generator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	w.max = max
	if err := w.WritePage(p); err != nil {
		t.Fatal(err)
	}
	if err := w.WritePage(Page{Title: "Short", Revisions: []Revision{{Text: "s", User: "Ann", Minor: true}}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b.Bytes(), []byte("\n")); n != 4 {
		t.Fatalf("%d lines, want 4: a header, Long on two lines, Short", n)
	}
	r, err := NewReader(&b)
	if err != nil || r.Header.Generator != "test" {
		t.Fatalf("NewReader: %+v, %v", r, err)
	}
	got, err := r.Next()
	if err != nil || got.Title != "Long" || len(got.Revisions) != 4 || got.Revisions[2].Text != big+"c" || r.Line() != 2 {
		t.Fatalf("Next = %q with %d revisions at line %d, %v", got.Title, len(got.Revisions), r.Line(), err)
	}
	got, err = r.Next()
	if err != nil || got.Title != "Short" || !got.Revisions[0].Minor || got.Revisions[0].User != "Ann" || r.Line() != 4 {
		t.Fatalf("Next = %+v at line %d, %v", got, r.Line(), err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("at the end: %v, want io.EOF", err)
	}
}

// TestReaderBadLines: lines that are not pages are errors with their line,
// and reading goes on after them; a line over MaxLineBytes is one of them.
func TestReaderBadLines(t *testing.T) {
	d := `{"format":"folio-dump","version":1}` + "\n" +
		`{"title":"A","revisions":[{"text":"a"}]}` + "\n" +
		"\n" + // blank lines are nothing
		`{"title":"A","revisions":[{"text":"a2"}]}` + "\n" +
		`[1,2]` + "\n" +
		`{"title":"` + strings.Repeat("x", 1<<20) + `"}` + "\n" +
		`{"title":"B","revisions":[{"text":"b"}]}`
	r, err := NewReader(strings.NewReader(d))
	if err != nil {
		t.Fatal(err)
	}
	r.max = 1 << 20
	p, err := r.Next()
	if err != nil || p.Title != "A" || len(p.Revisions) != 2 {
		t.Fatalf("Next = %+v, %v; want A with two revisions", p, err)
	}
	for _, line := range []int{5, 6} {
		_, err := r.Next()
		var le *LineError
		if !errors.As(err, &le) || le.Line != line || !errors.Is(err, ErrFormat) {
			t.Fatalf("Next = %v, want a LineError at line %d", err, line)
		}
	}
	if p, err := r.Next(); err != nil || p.Title != "B" || r.Line() != 7 {
		t.Fatalf("Next = %+v at line %d, %v; want B at line 7", p, r.Line(), err)
	}
}

// FuzzReader: whatever the bytes, reading a dump ends (io.EOF or an error)
// without a panic, and every page it returns has a title and revisions.
func FuzzReader(f *testing.F) {
	f.Add([]byte(`{"format":"folio-dump","version":1}` + "\n" + `{"title":"A","revisions":[{"text":"a"}]}` + "\n"))
	f.Add([]byte(`{"format":"folio-dump","version":1}` + "\n" + `{"title":"A"}` + "\n[]\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := NewReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		r.max = 1 << 12
		for range len(b) + 2 {
			p, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil && !errors.Is(err, ErrFormat) {
				t.Fatalf("Next: %v", err)
			}
			if err == nil && (p.Title == "" || len(p.Revisions) == 0) {
				t.Fatalf("Next returned %+v", p)
			}
		}
		t.Fatal("Next never reached the end")
	})
}
