package diff

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/foliowiki/folio/internal/diff/lcs"
)

const (
	// wordBudget bounds the work of word highlighting in one Lines call:
	// bytes tokenized, tokens compared for similarity, and Myers steps.
	wordBudget = 1 << 22
	// pairThreshold is the least similarity (see similarity) at which a
	// deleted and an inserted line are shown as one edited line.
	pairThreshold = 0.4
	// maxAlignCells bounds the pairing table of a change block; larger
	// blocks pair their lines by position.
	maxAlignCells = 4096
)

// worder adds word-level Words to the changed lines of a diff. It interns
// tokens to dense ids.
type worder struct {
	budget int
	ids    map[string]int
	weight []int   // byte length of each token id
	cnt    []int32 // scratch counts per id, zero between uses
}

// tokens is one tokenized line.
type tokens struct {
	ids  []int
	ends []int // ends[k] is the end offset of token k
}

// addWords pairs the lines of each change block and diffs their words.
func addWords(lines []Line) {
	w := worder{budget: wordBudget, ids: make(map[string]int)}
	for i := 0; i < len(lines) && w.budget > 0; {
		if lines[i].Op == Equal {
			i++
			continue
		}
		start := i
		for i < len(lines) && lines[i].Op == Delete {
			i++
		}
		mid := i
		for i < len(lines) && lines[i].Op == Insert {
			i++
		}
		w.block(lines[start:mid], lines[mid:i])
	}
}

// block pairs similar lines of dels and ins, keeping their order, and gives
// each pair Words. Lines are tokenized lazily; small blocks keep their tokens
// for the pairing table, big ones drop them after each positional pair.
func (w *worder) block(dels, ins []Line) {
	if len(dels) == 0 || len(ins) == 0 {
		return
	}
	ta, tb := make([]*tokens, len(dels)), make([]*tokens, len(ins))
	tok := func(cache []*tokens, lines []Line, i int) *tokens {
		if cache[i] == nil {
			cache[i] = w.tokenize(lines[i].Text)
		}
		return cache[i]
	}
	sim := func(i, j int) float64 {
		a, b := dels[i].Text, ins[j].Text
		if strings.TrimRight(a, "\r\n") == strings.TrimRight(b, "\r\n") {
			return 1
		}
		if w.budget <= 0 {
			return 0
		}
		return w.similarity(tok(ta, dels, i), tok(tb, ins, j), len(a)+len(b))
	}
	if len(dels)*len(ins) > maxAlignCells {
		for i := range min(len(dels), len(ins)) {
			if w.budget <= 0 {
				return
			}
			if sim(i, i) >= pairThreshold {
				dels[i].Words, ins[i].Words = w.words(dels[i].Text, ins[i].Text, tok(ta, dels, i), tok(tb, ins, i))
			}
			ta[i], tb[i] = nil, nil
		}
		return
	}
	for _, p := range align(len(dels), len(ins), sim) {
		if w.budget <= 0 {
			return
		}
		dels[p.A].Words, ins[p.B].Words = w.words(dels[p.A].Text, ins[p.B].Text, tok(ta, dels, p.A), tok(tb, ins, p.B))
	}
}

// align pairs lines i of one side with lines j of the other, in increasing
// order on both sides, maximising the total similarity of the pairs. Pairs
// less similar than pairThreshold are never made.
func align(n, m int, sim func(i, j int) float64) []lcs.Pair {
	w := m + 1
	score := make([]float64, (n+1)*w)
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			best := max(score[(i-1)*w+j], score[i*w+j-1])
			if s := sim(i-1, j-1); s >= pairThreshold {
				best = max(best, score[(i-1)*w+j-1]+s)
			}
			score[i*w+j] = best
		}
	}
	var out []lcs.Pair
	for i, j := n, m; i > 0 && j > 0; {
		switch s := score[i*w+j]; {
		case s == score[(i-1)*w+j]:
			i--
		case s == score[i*w+j-1]:
			j--
		default:
			out = append(out, lcs.Pair{A: i - 1, B: j - 1})
			i, j = i-1, j-1
		}
	}
	slices.Reverse(out)
	return out
}

// tokenize splits s into tokens (see tokenEnd) and interns them.
func (w *worder) tokenize(s string) *tokens {
	w.budget -= len(s)
	// Prose averages about one token per 2.5 bytes.
	t := &tokens{ids: make([]int, 0, len(s)/2+1), ends: make([]int, 0, len(s)/2+1)}
	for i := 0; i < len(s); {
		j := tokenEnd(s, i)
		id, ok := w.ids[s[i:j]]
		if !ok {
			id = len(w.weight)
			w.ids[s[i:j]] = id
			w.weight = append(w.weight, j-i)
			w.cnt = append(w.cnt, 0)
		}
		t.ids = append(t.ids, id)
		t.ends = append(t.ends, j)
		i = j
	}
	return t
}

// similarity is the Dice coefficient of two lines' token multisets,
// weighted by token length: 1 for the same tokens in any order, 0 for none
// in common. size is the total length of both lines.
func (w *worder) similarity(a, b *tokens, size int) float64 {
	w.budget -= len(a.ids) + len(b.ids)
	for _, id := range a.ids {
		w.cnt[id]++
	}
	common := 0
	for _, id := range b.ids {
		if w.cnt[id] > 0 {
			w.cnt[id]--
			common += w.weight[id]
		}
	}
	for _, id := range a.ids {
		w.cnt[id] = 0
	}
	return 2 * float64(common) / float64(size)
}

// words diffs the tokens ta of the deleted line a and tb of the inserted
// line b, and returns the spans of each.
func (w *worder) words(a, b string, ta, tb *tokens) (del, ins []Span) {
	pairs, work := lcs.Match(ta.ids, tb.ids, w.budget)
	w.budget -= work
	i, j := 0, 0 // next tokens of a and b
	changes := func(ai, bj int) bool {
		if ai > i {
			del = appendSpan(del, Delete, a, ta.start(i), ta.ends[ai-1])
		}
		if bj > j {
			ins = appendSpan(ins, Insert, b, tb.start(j), tb.ends[bj-1])
		}
		return ai > i || bj > j
	}
	for k, p := range pairs {
		changedBefore := changes(p.A, p.B)
		nextA, nextB := len(ta.ids), len(tb.ids)
		if k+1 < len(pairs) {
			nextA, nextB = pairs[k+1].A, pairs[k+1].B
		}
		// A lone blank between two changes joins them: "<del>a b</del>"
		// reads better than "<del>a</del> <del>b</del>".
		op := Equal
		if changedBefore && (nextA > p.A+1 || nextB > p.B+1) && isBlank(ta.token(a, p.A)) {
			op = Delete
		}
		del = appendSpan(del, op, a, ta.start(p.A), ta.ends[p.A])
		if op == Delete {
			op = Insert
		}
		ins = appendSpan(ins, op, b, tb.start(p.B), tb.ends[p.B])
		i, j = p.A+1, p.B+1
	}
	changes(len(ta.ids), len(tb.ids))
	return del, ins
}

// start returns the start offset of token k.
func (t *tokens) start(k int) int {
	if k == 0 {
		return 0
	}
	return t.ends[k-1]
}

// token returns token k of s.
func (t *tokens) token(s string, k int) string { return s[t.start(k):t.ends[k]] }

// appendSpan appends s[start:end], which follows the last span, to spans,
// extending the last span if it has the same op. Spans stay substrings of s.
func appendSpan(spans []Span, op Op, s string, start, end int) []Span {
	if n := len(spans); n > 0 && spans[n-1].Op == op {
		spans[n-1].Text = s[start-len(spans[n-1].Text) : end]
		return spans
	}
	return append(spans, Span{op, s[start:end]})
}

// tokenEnd returns the end of the token of s that starts at i. Tokens are
// runs of word characters, runs of blanks, line terminators ("\n", "\r\n",
// lone "\r"), and single other characters. Han, Hiragana and Katakana
// characters are tokens on their own, since those scripts do not separate
// words. Each invalid UTF-8 byte is a token.
func tokenEnd(s string, i int) int {
	r, n := utf8.DecodeRuneInString(s[i:])
	j := i + n
	switch {
	case r == '\r':
		if j < len(s) && s[j] == '\n' {
			j++
		}
	case isSpace(r):
		j = runEnd(s, j, isSpace)
	case isWord(r):
		j = runEnd(s, j, isWord)
	}
	return j
}

// runEnd returns the end of the run of runes satisfying f that starts at j.
func runEnd(s string, j int, f func(rune) bool) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !f(r) || (r == utf8.RuneError && n == 1) {
			break
		}
		j += n
	}
	return j
}

func isSpace(r rune) bool { return r != '\n' && r != '\r' && unicode.IsSpace(r) }

func isBlank(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
