package diff_test

import (
	"fmt"

	"github.com/foliowiki/folio/internal/diff"
)

func ExampleLines() {
	lines := diff.Lines("a\nthe quick brown fox\nc\n", "a\nthe quick red fox\nc\n")
	for _, l := range lines {
		fmt.Printf("%d %d %-6v %q", l.OldNo, l.NewNo, l.Op, l.Text)
		for _, w := range l.Words {
			if w.Op != diff.Equal {
				fmt.Printf(" %v %q", w.Op, w.Text)
			}
		}
		fmt.Println()
	}
	added, removed := diff.Stats(lines)
	fmt.Println(added, removed)
	// Output:
	// 1 1 equal  "a\n"
	// 2 0 delete "the quick brown fox\n" delete "brown"
	// 0 2 insert "the quick red fox\n" insert "red"
	// 3 3 equal  "c\n"
	// 1 1
}

func ExampleUnified() {
	fmt.Print(diff.Unified("a\nb\nc\n", "a\nB\nc", 1, "a/Page", "b/Page"))
	// Output:
	// --- a/Page
	// +++ b/Page
	// @@ -1,3 +1,3 @@
	//  a
	// -b
	// -c
	// +B
	// +c
	// \ No newline at end of file
}
