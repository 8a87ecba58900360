// Package lcs finds a longest common subsequence of two sequences of
// interned symbols, using Myers' O(ND) algorithm in linear space. It is the
// engine shared by package diff (lines and words) and package merge.
//
// Callers intern their elements first, so that equal elements have equal
// ints:
//
//	var in lcs.Interner
//	a := in.IDs([]string{"a\n", "b\n", "c\n"})
//	b := in.IDs([]string{"a\n", "c\n"})
//	pairs, _ := lcs.Match(a, b, lcs.DefaultBudget)
//	for _, p := range pairs {
//		fmt.Println(p.A, p.B) // 0 0, then 2 1
//	}
//
// Work is bounded: once the budget is spent, the regions not yet aligned are
// left unmatched (a coarse replacement), so the result is still a common
// subsequence, just not necessarily a longest one.
package lcs
