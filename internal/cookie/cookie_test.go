package cookie_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/cookie"
)

// Value must agree with net/http's Request.Cookie on every header.

func check(t *testing.T, name string, lines ...string) {
	t.Helper()
	r := &http.Request{Header: http.Header{"Cookie": lines}}
	want, err := r.Cookie(name)
	got, ok := cookie.Value(r.Header, name)
	switch {
	case ok != (err == nil):
		t.Fatalf("Value(%q, %q) found=%v, net/http err=%v", lines, name, ok, err)
	case ok && got != want.Value:
		t.Fatalf("Value(%q, %q) = %q, net/http %q", lines, name, got, want.Value)
	}
	if cookie.Has(r.Header, name) != ok {
		t.Fatal("Has disagrees with Value")
	}
}

func TestValueAgreesWithNetHTTP(t *testing.T) {
	for _, lines := range [][]string{
		nil,
		{""},
		{"folio_session=abc"},
		{" folio_session = abc ; x=1"},
		{"x=1; folio_session=\"quoted\""},
		{"folio_session=bad\\value; folio_session=good"},
		{"folio_session=\"; folio_session=second"},
		{"a=1", "folio_session=two-lines"},
		{"folio_session"},
		{"folio_session="},
		{";;; folio_session=v;;"},
		{"bad name=1; folio_session=v"},
		{"folio_session=v w"},
		{"folio_session=é"},
		{"\tfolio_session=tab\t"},
		{strings.Repeat("a=1;", 3001) + "folio_session=v"},
	} {
		check(t, "folio_session", lines...)
	}
}

func FuzzValue(f *testing.F) {
	f.Add("folio_session=abc; x=\"y\"", "x")
	f.Add(" a = 1 ;b=2", "b")
	f.Fuzz(func(t *testing.T, line, name string) {
		check(t, name, line)
	})
}

func BenchmarkValue(b *testing.B) {
	h := http.Header{"Cookie": {"folio_theme=dark; folio_session=QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU2Nzg5"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := cookie.Value(h, "folio_session"); !ok {
			b.Fatal("not found")
		}
	}
}
