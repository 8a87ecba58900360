package pageinfo

import (
	"fmt"
	"strings"
	"testing"
)

// TestFileUsageSection: the File page's usage section says when nothing
// uses the file, counts the pages, escapes their titles, and lists
// MaxFileUsage at most with a note when there are more.
func TestFileUsageSection(t *testing.T) {
	if got := fileUsage(nil); !strings.Contains(got, "There are no pages that use this file.") || strings.Contains(got, "<ul") {
		t.Errorf("no pages: %s", got)
	}
	if got := fileUsage([]string{`A_&_"B"`}); !strings.Contains(got, "The following page uses this file:") ||
		!strings.Contains(got, `<li><a href="/wiki/A_%26_%22B%22">A &amp; &#34;B&#34;</a></li>`) {
		t.Errorf("one page: %s", got)
	}
	if got := fileUsage([]string{"A", "B"}); !strings.Contains(got, "The following 2 pages use this file:") {
		t.Errorf("two pages: %s", got)
	}
	many := make([]string, MaxFileUsage+1)
	for i := range many {
		many[i] = fmt.Sprintf("P%03d", i)
	}
	got := fileUsage(many)
	if n := strings.Count(got, "<li>"); n != MaxFileUsage || strings.Contains(got, "P100") ||
		!strings.Contains(got, fmt.Sprintf("More than %d pages use this file.", MaxFileUsage)) {
		t.Errorf("more than %d pages: %d listed\n%s", MaxFileUsage, n, got)
	}
}
