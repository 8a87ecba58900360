package hooks

import (
	"slices"
	"strings"
	"testing"
)

func TestPointOrder(t *testing.T) {
	var p Point[func() string]
	p.Register("b.second", 10, func() string { return "b" })
	p.Register("a.first", 10, func() string { return "a" })
	p.Register("z.early", -5, func() string { return "z" })
	p.Register("c.late", 20, func() string { return "c" })
	var got []string
	for _, fn := range p.All() {
		got = append(got, fn())
	}
	if want := []string{"z", "a", "b", "c"}; !slices.Equal(got, want) {
		t.Fatalf("All() order = %v, want %v", got, want)
	}
	es := p.Entries()
	if es[0].ID != "z.early" || es[0].Priority != -5 {
		t.Fatalf("Entries()[0] = %+v", es[0])
	}
}

func TestPointPanics(t *testing.T) {
	fn := func() {}
	tests := []struct {
		name string
		do   func(p *Point[func()])
		want string
	}{
		{"empty id", func(p *Point[func()]) { p.Register("", 0, fn) }, "empty id"},
		{"bad id", func(p *Point[func()]) { p.Register("Cite Footnotes", 0, fn) }, "lowercase and dotted"},
		{"nil fn", func(p *Point[func()]) { p.Register("x.nil", 0, nil) }, "nil function"},
		{"duplicate", func(p *Point[func()]) {
			p.Register("x.dup", 0, fn)
			p.Register("x.dup", 1, fn)
		}, "duplicate id"},
		{"after freeze", func(p *Point[func()]) {
			p.Freeze()
			p.Register("x.late", 0, fn)
		}, "after Freeze"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("no panic")
				}
				if s, _ := r.(string); !strings.Contains(s, tt.want) {
					t.Fatalf("panic %q, want it to mention %q", s, tt.want)
				}
			}()
			var p Point[func()]
			tt.do(&p)
		})
	}
}

func TestPointFreeze(t *testing.T) {
	var p Point[int]
	p.Register("x.zero", 0, 0) // a non-nillable T is never nil
	if p.Frozen() {
		t.Fatal("frozen before Freeze")
	}
	p.Freeze()
	p.Freeze()
	if !p.Frozen() || len(p.All()) != 1 {
		t.Fatalf("after Freeze: frozen=%v all=%v", p.Frozen(), p.All())
	}
}
