// Package dump reads and writes Folio's dump format: a wiki's pages with
// their whole histories, as JSON lines. "folio export" writes it and
// "folio import --dump" loads it, on either store: it is how a wiki moves
// from SQLite to PostgreSQL, and how page histories are backed up apart
// from the database (users, files, logs and watchlists are not in it, as
// they are not in MediaWiki's XML page dumps).
//
// The first line is a Header; each following line is a Page, its revisions
// oldest first. A page with a long history spans several consecutive lines
// of the same title, each continuing the one before (a line stays under
// MaxLineBytes):
//
//	{"format":"folio-dump","version":1,"generator":"folio","exported":"2026-12-06T16:00:00Z"}
//	{"title":"Main_Page","revisions":[{"timestamp":"2026-12-01T10:00:00Z","user":"Ann","summary":"new","text":"# Welcome"}]}
package dump

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Format and Version identify the format in a dump's header.
const (
	Format  = "folio-dump"
	Version = 1
)

// MaxLineBytes bounds one line of a dump: a reader refuses longer lines, a
// writer starts a new line for the same page before reaching it.
const MaxLineBytes = 64 << 20

// Header is a dump's first line.
type Header struct {
	Format    string    `json:"format"`
	Version   int       `json:"version"`
	Generator string    `json:"generator,omitempty"`
	Exported  time.Time `json:"exported,omitzero"`
}

// Page is one line: a page's revisions, oldest first.
type Page struct {
	Title     string     `json:"title"`
	Revisions []Revision `json:"revisions"`
}

// Revision is one revision of a Page.
type Revision struct {
	Timestamp time.Time `json:"timestamp,omitzero"`
	User      string    `json:"user,omitempty"`
	Summary   string    `json:"summary,omitempty"`
	Minor     bool      `json:"minor,omitempty"`
	Text      string    `json:"text"`
}

// ErrFormat wraps every error about a dump's content (not its reading).
var ErrFormat = errors.New("not a valid Folio dump")

// LineError is a line of a dump that is not a page; reading can go on
// after it. It wraps ErrFormat.
type LineError struct {
	Line   int
	Reason string
}

func (e *LineError) Error() string {
	return fmt.Sprintf("%v: line %d: %s", ErrFormat, e.Line, e.Reason)
}

func (e *LineError) Unwrap() error { return ErrFormat }

// Writer writes a dump.
type Writer struct {
	w    *bufio.Writer
	line bytes.Buffer
	max  int // MaxLineBytes; smaller in tests
}

// NewWriter writes h as the header of a dump on w.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	h.Format, h.Version = Format, Version
	dw := &Writer{w: bufio.NewWriterSize(w, 1<<16), max: MaxLineBytes}
	if err := dw.writeLine(h); err != nil {
		return nil, err
	}
	return dw, nil
}

// WritePage writes p, on several lines when its revisions would make a line
// longer than MaxLineBytes. A single revision too long for a line is an
// error.
func (w *Writer) WritePage(p Page) error {
	start, size := 0, 0
	for i, r := range p.Revisions {
		n := len(r.Text) + len(r.Summary) + len(r.User) + 256 // JSON's quoting may grow text: checked below
		if i > start && size+n > w.max/2 {
			if err := w.writeLine(Page{Title: p.Title, Revisions: p.Revisions[start:i]}); err != nil {
				return err
			}
			start, size = i, 0
		}
		size += n
	}
	return w.writeLine(Page{Title: p.Title, Revisions: p.Revisions[start:]})
}

func (w *Writer) writeLine(v any) error {
	w.line.Reset()
	enc := json.NewEncoder(&w.line)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	if w.line.Len() > w.max {
		return fmt.Errorf("dump: a line of %d bytes is over the limit of %d", w.line.Len(), w.max)
	}
	if _, err := w.w.Write(w.line.Bytes()); err != nil {
		return fmt.Errorf("dump: write: %w", err)
	}
	return nil
}

// Flush writes what is buffered.
func (w *Writer) Flush() error {
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("dump: write: %w", err)
	}
	return nil
}

// Reader reads a dump, one page at a time, joining the lines that continue
// a page.
type Reader struct {
	r      *bufio.Reader
	max    int // MaxLineBytes; smaller in tests
	Header Header
	line   int   // lines read
	start  int   // the first line of the page Next returned
	next   *Page // read ahead: the line after the page returned
	nextAt int   // its line
	err    error
}

// NewReader reads the header of the dump on r.
func NewReader(r io.Reader) (*Reader, error) {
	dr := &Reader{r: bufio.NewReaderSize(r, 1<<16), max: MaxLineBytes}
	b, err := dr.readLine()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: empty", ErrFormat)
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &dr.Header); err != nil || dr.Header.Format != Format {
		return nil, fmt.Errorf("%w: the first line is not a header {\"format\":%q,…}", ErrFormat, Format)
	}
	if dr.Header.Version != Version {
		return nil, fmt.Errorf("%w: version %d, this Folio reads version %d", ErrFormat, dr.Header.Version, Version)
	}
	return dr, nil
}

// Line is the number of the first line of the page Next returned last (1
// is the header).
func (r *Reader) Line() int { return r.start }

// Next returns the next page with all its revisions, io.EOF at the end. A
// line that is not a page is an error wrapping ErrFormat, with its number;
// reading can go on after it (a *LineError).
func (r *Reader) Next() (Page, error) {
	p, at, err := r.take()
	if err != nil {
		return Page{}, err
	}
	r.start = at
	for {
		q, qat, err := r.take()
		if err == io.EOF {
			return p, nil
		}
		if err != nil {
			r.err = err // after p
			return p, nil
		}
		if q.Title != p.Title {
			r.next, r.nextAt = &q, qat
			return p, nil
		}
		p.Revisions = append(p.Revisions, q.Revisions...)
	}
}

// take returns the page read ahead, or reads one line, and its line's
// number.
func (r *Reader) take() (Page, int, error) {
	if r.next != nil {
		p := *r.next
		r.next = nil
		return p, r.nextAt, nil
	}
	if r.err != nil {
		err := r.err
		r.err = nil
		return Page{}, 0, err
	}
	b, err := r.readLine()
	if err != nil {
		return Page{}, 0, err
	}
	var p Page
	if err := json.Unmarshal(b, &p); err != nil {
		return Page{}, 0, &LineError{r.line, err.Error()}
	}
	if p.Title == "" || len(p.Revisions) == 0 {
		return Page{}, 0, &LineError{r.line, "a page needs a title and at least one revision"}
	}
	return p, r.line, nil
}

// readLine returns the next non-empty line without its newline.
func (r *Reader) readLine() ([]byte, error) {
	for {
		var line []byte
		for {
			chunk, err := r.r.ReadSlice('\n')
			if len(line)+len(chunk) > r.max {
				r.line++
				r.skipLine(err)
				return nil, &LineError{r.line, fmt.Sprintf("over %d bytes", r.max)}
			}
			line = append(line, chunk...)
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil && (err != io.EOF || len(line) == 0) {
				if err == io.EOF {
					return nil, io.EOF
				}
				return nil, fmt.Errorf("dump: read: %w", err)
			}
			break
		}
		r.line++
		if b := bytes.TrimSpace(line); len(b) > 0 {
			return b, nil
		}
	}
}

// skipLine reads to the end of a line too long to keep.
func (r *Reader) skipLine(err error) {
	for err == bufio.ErrBufferFull {
		_, err = r.r.ReadSlice('\n')
	}
}
