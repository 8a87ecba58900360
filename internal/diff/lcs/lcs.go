package lcs

// DefaultBudget is a work budget that keeps Match under about 50 ms on
// current hardware, whatever the input, and is far more than real edits of
// even 2 MiB texts need.
const DefaultBudget = 1 << 23

// Pair is one matched pair of positions: a[A] == b[B].
type Pair struct{ A, B int }

// Interner maps strings to small dense ints. The zero value is ready to use.
// Share one Interner between the sequences that are compared.
type Interner struct{ ids map[string]int }

// IDs returns the ids of ss, allocating new ids for strings not seen before.
func (in *Interner) IDs(ss []string) []int {
	if in.ids == nil {
		in.ids = make(map[string]int, len(ss))
	}
	out := make([]int, len(ss))
	for i, s := range ss {
		id, ok := in.ids[s]
		if !ok {
			id = len(in.ids)
			in.ids[s] = id
		}
		out[i] = id
	}
	return out
}

// Match returns the matched positions of a common subsequence of a and b, in
// increasing order of both A and B, and the work it spent. The subsequence is
// a longest one unless the work, counted in Myers diagonal steps and element
// comparisons, would exceed budget; then the regions not yet aligned are left
// unmatched, which reads as a coarse replacement of those regions. Work that
// is linear in the input (common prefix and suffix, setting aside elements
// found on one side only) is not counted. Match never fails and uses
// O(len(a)+len(b)) memory.
func Match(a, b []int, budget int) (pairs []Pair, work int) {
	// Common prefix and suffix are matched without further ado.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	out := make([]Pair, 0, min(len(a), len(b)))
	for i := range pre {
		out = append(out, Pair{i, i})
	}
	am, bm := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(am) > 0 && len(bm) > 0 {
		out, work = matchMiddle(out, am, bm, pre, budget)
	}
	for i := range suf {
		out = append(out, Pair{len(a) - suf + i, len(b) - suf + i})
	}
	return out, work
}

// matchMiddle aligns a and b, whose first elements differ, appending pairs
// shifted by off to out. Elements that occur on one side only can never be
// matched, so they are dropped before running Myers and mapped back after.
// This keeps rewrites of a page cheap: their D shrinks to the moved or
// repeated lines.
func matchMiddle(out []Pair, a, b []int, off, budget int) ([]Pair, int) {
	inA := make(map[int]struct{}, len(a))
	for _, x := range a {
		inA[x] = struct{}{}
	}
	inB := make(map[int]struct{}, len(b))
	for _, x := range b {
		inB[x] = struct{}{}
	}
	ra, ia := keep(a, inB)
	rb, ib := keep(b, inA)
	if len(ra) == 0 || len(rb) == 0 {
		return out, 0
	}
	m := matcher{a: ra, b: rb, budget: budget, out: make([]Pair, 0, min(len(ra), len(rb)))}
	m.compare(0, len(ra), 0, len(rb))
	for _, p := range m.out {
		out = append(out, Pair{off + ia[p.A], off + ib[p.B]})
	}
	return out, budget - max(m.budget, 0)
}

// keep returns the elements of s that are in set, and their positions in s.
func keep(s []int, set map[int]struct{}) (kept, pos []int) {
	kept = make([]int, 0, len(s))
	pos = make([]int, 0, len(s))
	for i, x := range s {
		if _, ok := set[x]; ok {
			kept = append(kept, x)
			pos = append(pos, i)
		}
	}
	return kept, pos
}

// matcher is the linear-space divide-and-conquer form of Myers' algorithm
// (Myers 1986, section 4b), in the shape popularised by diff-match-patch.
type matcher struct {
	a, b   []int
	vf, vb []int // forward and reverse furthest-reaching x per diagonal
	budget int
	out    []Pair
}

// compare appends the matches of a[aLo:aHi] and b[bLo:bHi] in order.
func (m *matcher) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
		m.out = append(m.out, Pair{aLo, bLo})
		aLo, bLo = aLo+1, bLo+1
	}
	suf := 0
	for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
		aHi, bHi, suf = aHi-1, bHi-1, suf+1
	}
	if aLo < aHi && bLo < bHi && m.budget > 0 {
		x, y, ok := m.split(aLo, aHi, bLo, bHi)
		// A split at either corner would recurse forever; it cannot happen
		// once prefix and suffix are stripped, but stay safe.
		if ok && (x != aLo || y != bLo) && (x != aHi || y != bHi) {
			m.compare(aLo, x, bLo, y)
			m.compare(x, aHi, y, bHi)
		}
	}
	for i := range suf {
		m.out = append(m.out, Pair{aHi + i, bHi + i})
	}
}

// split finds the middle snake of a[aLo:aHi] and b[bLo:bHi] and returns the
// point where the forward path leaves it. It reports false when the budget
// runs out, leaving the region unmatched.
func (m *matcher) split(aLo, aHi, bLo, bHi int) (x, y int, ok bool) {
	a, b := m.a[aLo:aHi], m.b[bLo:bHi]
	n, mm := len(a), len(b)
	maxD := (n + mm + 1) / 2
	off := maxD
	size := 2*maxD + 2
	if cap(m.vf) < size {
		m.vf = make([]int, size)
		m.vb = make([]int, size)
	}
	vf, vb := m.vf[:size], m.vb[:size]
	for i := range vf {
		vf[i], vb[i] = -1, -1
	}
	vf[off+1], vb[off+1] = 0, 0
	delta := n - mm
	front := delta&1 != 0 // odd delta: paths meet during a forward step
	var kfStart, kfEnd, kbStart, kbEnd int
	for d := range maxD {
		if m.budget <= 0 {
			return 0, 0, false
		}
		for k := -d + kfStart; k <= d-kfEnd; k += 2 {
			i := off + k
			var x1 int
			if k == -d || (k != d && vf[i-1] < vf[i+1]) {
				x1 = vf[i+1]
			} else {
				x1 = vf[i-1] + 1
			}
			y1 := x1 - k
			x0 := x1
			for x1 < n && y1 < mm && a[x1] == b[y1] {
				x1, y1 = x1+1, y1+1
			}
			m.budget -= 1 + x1 - x0
			vf[i] = x1
			switch {
			case x1 > n:
				kfEnd += 2 // ran off the right edge
			case y1 > mm:
				kfStart += 2 // ran off the bottom edge
			case front:
				j := off + delta - k
				if j >= 0 && j < size && vb[j] != -1 && x1 >= n-vb[j] {
					return aLo + x1, bLo + y1, true
				}
			}
		}
		for k := -d + kbStart; k <= d-kbEnd; k += 2 {
			i := off + k
			var x2 int
			if k == -d || (k != d && vb[i-1] < vb[i+1]) {
				x2 = vb[i+1]
			} else {
				x2 = vb[i-1] + 1
			}
			y2 := x2 - k
			x0 := x2
			for x2 < n && y2 < mm && a[n-x2-1] == b[mm-y2-1] {
				x2, y2 = x2+1, y2+1
			}
			m.budget -= 1 + x2 - x0
			vb[i] = x2
			switch {
			case x2 > n:
				kbEnd += 2
			case y2 > mm:
				kbStart += 2
			case !front:
				j := off + delta - k
				if j >= 0 && j < size && vf[j] != -1 {
					x1 := vf[j]
					y1 := off + x1 - j
					if x1 >= n-x2 {
						return aLo + x1, bLo + y1, true
					}
				}
			}
		}
	}
	return 0, 0, false
}
