package embed

import (
	"reflect"
	"strings"
	"testing"

	"github.com/foliowiki/folio/pageinfo/markdown/wikidoc"
)

func TestParseSpec(t *testing.T) {
	for in, want := range map[string]Spec{
		"thumb|250px|left|Caption":            {Type: Thumb, Width: 250, Align: "left", Caption: "Caption"},
		"thumbnail|centre|alt=A cat|link=":    {Type: Thumb, Align: "center", Alt: "A cat", HasAlt: true, HasLink: true},
		"frameless|x100px|upright|a|b":        {Type: Frameless, Height: 100, Upright: 0.75, Caption: "b"},
		"frame|200x100px|border|top|link=Foo": {Type: Frame, Width: 200, Height: 100, Border: true, Link: "Foo", HasLink: true},
		"upright=1.5|0px|12345678px|px":       {Upright: 1.5, Caption: "px"},
		"100 px|page=2":                       {Width: 100},
	} {
		if got := ParseSpec(strings.Split(in, "|")); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseSpec(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestSize(t *testing.T) {
	for _, c := range []struct {
		s      Spec
		nw, nh int
		w, h   int
	}{
		{Spec{}, 1000, 800, 1000, 800},
		{Spec{Type: Thumb}, 1000, 800, 250, 200},
		{Spec{Type: Thumb}, 100, 80, 100, 80},
		{Spec{Type: Thumb, Upright: 0.75}, 1000, 800, 190, 152},
		{Spec{Type: Frame, Width: 100}, 1000, 800, 1000, 800},
		{Spec{Width: 300, Height: 100}, 1000, 800, 125, 100},
		{Spec{Width: 5000}, 1000, 800, 1000, 800},
		{Spec{}, 0, 0, 0, 0},
	} {
		if w, h := c.s.Size(c.nw, c.nh); w != c.w || h != c.h {
			t.Errorf("%+v.Size(%d, %d) = %d×%d, want %d×%d", c.s, c.nw, c.nh, w, h, c.w, c.h)
		}
	}
}

func TestServed(t *testing.T) {
	for _, c := range []struct {
		w       int
		density float64
		nw, out int
	}{
		{250, 1, 1000, 250}, {250, 1.5, 1000, 400}, {250, 2, 1000, 800}, {300, 1, 1000, 400},
		{250, 2, 500, 0}, {2001, 1, 5000, 0}, {100, 1, 100, 0}, {1, 1, 4000, 120},
	} {
		if got := Served(c.w, c.density, c.nw); got != c.out {
			t.Errorf("Served(%d, %v, %d) = %d, want %d", c.w, c.density, c.nw, got, c.out)
		}
	}
}

var parseSeeds = []string{
	"File:Cat.png", "Image:cat.png|thumb|250px|left|Caption", "Media:Doc.pdf|label",
	":File:Cat.png", "File:|thumb", "File:Cat.png\\|thumb", "file : a b.png|link=https://x|alt=|",
	"Category:X", "File:A#b.png|x", "File:<bad>|thumb", "File:Cat.png|99999999px|x0px|0x0px",
}

// FuzzParse: Parse never panics, a name it accepts is canonical (without
// its File: title), and the spec's sizes are bounded.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	site := wikidoc.Site{}.WithDefaults()
	f.Fuzz(func(t *testing.T, inside string) {
		e, ok := Parse(site, []byte(inside))
		if !ok {
			return
		}
		if e.Name == "" {
			t.Fatalf("Parse(%q) name %q", inside, e.Name)
		}
		if n, err := site.NormalizeTitle(Prefix + e.Name); err != nil || n != Prefix+e.Name {
			t.Fatalf("Parse(%q) name %q not canonical", inside, e.Name)
		}
		s := e.Spec
		if s.Width < 0 || s.Width > MaxWidth || s.Height < 0 || s.Height > MaxWidth {
			t.Fatalf("Parse(%q) size %d×%d", inside, s.Width, s.Height)
		}
		if w, h := s.Size(1000, 1000); w < 1 || w > 1000 || h < 1 || h > 1000 {
			t.Fatalf("Parse(%q) shows 1000×1000 at %d×%d", inside, w, h)
		}
	})
}
