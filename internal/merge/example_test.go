package merge_test

import (
	"fmt"

	"github.com/foliowiki/folio/internal/merge"
)

func ExampleMerge() {
	base := "intro\n\nbody\n\noutro\n"
	ours := "Intro.\n\nbody\n\noutro\n"
	theirs := "intro\n\nbody\n\nOutro.\n"
	fmt.Printf("%q\n", must(merge.Merge(base, ours, theirs)))

	_, conflict := merge.Merge(base, "intro\n\nours\n\noutro\n", "intro\n\ntheirs\n\noutro\n")
	fmt.Println(conflict)
	// Output:
	// "Intro.\n\nbody\n\nOutro.\n"
	// true
}

func must(s string, conflict bool) string {
	if conflict {
		panic("conflict")
	}
	return s
}
