package lcs

import (
	"math/rand/v2"
	"testing"
)

// lcsLen is the textbook O(NM) dynamic programme, the oracle for Match.
func lcsLen(a, b []int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func checkPairs(t *testing.T, a, b []int, ps []Pair) {
	t.Helper()
	for i, p := range ps {
		if p.A < 0 || p.A >= len(a) || p.B < 0 || p.B >= len(b) {
			t.Fatalf("pair %d = %v out of range", i, p)
		}
		if a[p.A] != b[p.B] {
			t.Fatalf("pair %d = %v matches %d with %d", i, p, a[p.A], b[p.B])
		}
		if i > 0 && (p.A <= ps[i-1].A || p.B <= ps[i-1].B) {
			t.Fatalf("pairs %v, %v not increasing", ps[i-1], p)
		}
	}
}

func randSeq(r *rand.Rand, n, alphabet int) []int {
	s := make([]int, r.IntN(n+1))
	for i := range s {
		s[i] = r.IntN(alphabet)
	}
	return s
}

func TestMatchIsLongest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		alphabet := 1 + i%8
		a, b := randSeq(r, 40, alphabet), randSeq(r, 40, alphabet)
		ps, _ := Match(a, b, DefaultBudget)
		checkPairs(t, a, b, ps)
		if want := lcsLen(a, b); len(ps) != want {
			t.Fatalf("Match(%v, %v) found %d pairs, LCS is %d", a, b, len(ps), want)
		}
	}
}

func TestMatchBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, budget := range []int{0, 1, 10, 100, 1000} {
		for range 500 {
			a, b := randSeq(r, 200, 3), randSeq(r, 200, 3)
			ps, work := Match(a, b, budget)
			checkPairs(t, a, b, ps)
			if work > budget {
				t.Fatalf("work %d over budget %d", work, budget)
			}
		}
	}
}

func TestMatchEdges(t *testing.T) {
	tests := []struct {
		a, b []int
		want int
	}{
		{nil, nil, 0},
		{[]int{1}, nil, 0},
		{nil, []int{1}, 0},
		{[]int{1, 2, 3}, []int{1, 2, 3}, 3},
		{[]int{1, 2, 3}, []int{4, 5, 6}, 0},
		{[]int{1, 2, 3}, []int{3, 2, 1}, 1},
		{[]int{1, 1, 1, 1}, []int{1, 1}, 2},
	}
	for _, tt := range tests {
		ps, _ := Match(tt.a, tt.b, DefaultBudget)
		checkPairs(t, tt.a, tt.b, ps)
		if len(ps) != tt.want {
			t.Errorf("Match(%v, %v) = %v, want %d pairs", tt.a, tt.b, ps, tt.want)
		}
	}
}

func TestInterner(t *testing.T) {
	var in Interner
	a := in.IDs([]string{"x", "y", "x"})
	b := in.IDs([]string{"y", "z"})
	if a[0] != a[2] || a[0] == a[1] || b[0] != a[1] || b[1] == a[0] || b[1] == a[1] {
		t.Errorf("ids %v %v", a, b)
	}
}
