// Package diff computes line diffs between two revisions of a page, with
// word-level highlighting inside edited lines, and renders them as an HTML
// table or as a unified diff.
//
// Lines does the work; Hunks cuts its result into hunks with context; HTML
// and Unified render hunks; Stats counts the changes:
//
//	lines := diff.Lines(oldText, newText)
//	added, removed := diff.Stats(lines)
//	table := diff.HTML(diff.Hunks(lines, 3))
//	patch := diff.Unified(oldText, newText, 3, "a/Main_Page", "b/Main_Page")
//
// The line diff is Myers' O(ND) algorithm, with a bounded worst case (see
// Lines). An edit block of deleted and inserted lines is paired up line by
// line where the lines are similar, and each pair is diffed again on words,
// blanks and punctuation to find the changed words.
//
// The package is pure, allocation-conscious and safe on any input, including
// invalid UTF-8.
package diff
