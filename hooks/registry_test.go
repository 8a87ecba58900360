package hooks

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"
)

func TestObserve(t *testing.T) {
	Observe("test.point", "b", 2*time.Millisecond, false)
	Observe("test.point", "a", time.Millisecond, true)
	Observe("test.point", "a", time.Millisecond, false)
	var got []Stat
	for _, s := range Stats() {
		if s.Point == "test.point" {
			got = append(got, s)
		}
	}
	if len(got) != 2 || got[0].ID != "a" || got[0].Calls != 2 || got[0].Fails != 1 || got[0].Total != 2*time.Millisecond {
		t.Fatalf("Stats = %+v", got)
	}
}

func TestDescribeAndFreezeAll(t *testing.T) {
	var p Point[func()]
	Describe(Doc{Name: "test.described", When: "never"}, &p)
	p.Register("x.one", 2, func() {})
	p.Register("x.two", 1, func() {})
	var found bool
	for _, d := range Points() {
		if d.Name == "test.described" {
			found = true
			if len(d.IDs) != 2 || d.IDs[0] != "x.two" {
				t.Fatalf("resolved order = %v", d.IDs)
			}
		}
	}
	if !found {
		t.Fatal("described point not listed")
	}
	FreezeAll()
	defer func() {
		if recover() == nil {
			t.Fatal("Register after FreezeAll did not panic")
		}
	}()
	p.Register("x.late", 0, func() {})
}

func TestDescribeTwicePanics(t *testing.T) {
	var p Point[func()]
	Describe(Doc{Name: "test.twice"}, &p)
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	Describe(Doc{Name: "test.twice"}, &p)
}

func TestExtensionsProvision(t *testing.T) {
	var got string
	RegisterExtension(Extension{ID: "test.ext", Provision: func(_ context.Context, env Env) error {
		got, _ = env.Getenv("K")
		return nil
	}})
	RegisterExtension(Extension{ID: "test.failing", Close: func() error { return errors.New("boom") }})
	err := Provision(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), func(k string) (string, bool) { return "v-" + k, true })
	if err != nil || got != "v-K" {
		t.Fatalf("Provision = %v, got %q", err, got)
	}
	if err := CloseExtensions(); err == nil {
		t.Fatal("CloseExtensions hid a failing Close")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("duplicate extension id did not panic")
		}
	}()
	RegisterExtension(Extension{ID: "test.ext"})
}
