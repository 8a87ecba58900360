package toc

import (
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestIDs(t *testing.T) {
	ids := NewIDs()
	ids.Put([]byte("taken"))
	var got []string
	for _, v := range []string{"Hello", "hello", "Hello", "hello-1", "", "", "Taken"} {
		got = append(got, string(ids.Generate([]byte(v), ast.KindHeading)))
	}
	want := []string{"hello", "hello-1", "hello-2", "hello-1-1", "section", "section-1", "taken-1"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("ids = %q, want %q", got, want)
			break
		}
	}
}
