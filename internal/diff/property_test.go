package diff

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkLines checks everything Lines promises about its result for a and b,
// and that Unified and HTML render it correctly.
func checkLines(t *testing.T, a, b string, lines []Line) {
	t.Helper()
	checkCore(t, a, b, lines)
	for _, context := range []int{0, 3} {
		if got := applyUnified(t, a, Unified(a, b, context, "a", "b")); got != b {
			t.Fatalf("applying Unified(context %d) gives %q, want %q", context, got, b)
		}
	}
	checkHTML(t, HTML(Hunks(lines, 2)))
}

// checkCore checks the lines themselves: they rebuild both texts, are
// numbered right, and their words cover them.
func checkCore(t *testing.T, a, b string, lines []Line) {
	t.Helper()
	var olds, news strings.Builder
	oldNo, newNo := 0, 0
	for i, l := range lines {
		if l.Text == "" {
			t.Fatalf("line %d is empty", i)
		}
		wantOld, wantNew := 0, 0
		if l.Op != Insert {
			olds.WriteString(l.Text)
			oldNo++
			wantOld = oldNo
		}
		if l.Op != Delete {
			news.WriteString(l.Text)
			newNo++
			wantNew = newNo
		}
		if l.OldNo != wantOld || l.NewNo != wantNew {
			t.Fatalf("line %d (%v) numbered %d/%d, want %d/%d", i, l.Op, l.OldNo, l.NewNo, wantOld, wantNew)
		}
		if i > 0 && l.Op == Delete && lines[i-1].Op == Insert {
			t.Fatalf("line %d: delete after insert in one block", i)
		}
		checkWords(t, i, l)
	}
	if olds.String() != a {
		t.Fatalf("Equal+Delete lines give %q, want %q", olds.String(), a)
	}
	if news.String() != b {
		t.Fatalf("Equal+Insert lines give %q, want %q", news.String(), b)
	}
	added, removed := Stats(lines)
	if len(lines)-added != oldNo || len(lines)-removed != newNo {
		t.Fatalf("Stats = %d, %d for %d lines", added, removed, len(lines))
	}
}

func checkWords(t *testing.T, i int, l Line) {
	t.Helper()
	if l.Words == nil {
		return
	}
	if l.Op == Equal {
		t.Fatalf("line %d: equal line has words", i)
	}
	var sb strings.Builder
	for j, s := range l.Words {
		if s.Text == "" || (s.Op != Equal && s.Op != l.Op) || (j > 0 && l.Words[j-1].Op == s.Op) {
			t.Fatalf("line %d (%v): bad spans %q", i, l.Op, l.Words)
		}
		sb.WriteString(s.Text)
	}
	if sb.String() != l.Text {
		t.Fatalf("line %d: spans %q do not cover %q", i, l.Words, l.Text)
	}
}

// ourTags are the only tags HTML writes.
var ourTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`<table_class="diff"> </table> <tbody_class="diff-hunk"> </tbody>
		<tr_class="diff-header"> <tr_class="diff-context"> <tr_class="diff-deleted"> <tr_class="diff-added"> </tr>
		<td_colspan="4"> <td_class="diff-ln_diff-ln-old"> <td_class="diff-ln_diff-ln-new"> <td_class="diff-marker">
		<td_class="diff-text"> </td> <del> </del> <ins> </ins> <span_class="diff-eol"> </span>`) {
		ourTags[strings.ReplaceAll(t, "_", " ")] = true
	}
}

// checkHTML checks that the only markup in s is ours, so that no "<" or ">"
// of the input got through unescaped, and that s is valid UTF-8.
func checkHTML(t *testing.T, s string) {
	t.Helper()
	if p := htmlProblem(s); p != "" {
		t.Fatalf("%s in HTML:\n%s", p, s)
	}
}

func htmlProblem(s string) string {
	for rest := s; ; {
		i := strings.IndexAny(rest, "<>")
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '>')
		if rest[i] != '<' || j < 0 || !ourTags[rest[i:i+j+1]] {
			return "unescaped markup at " + strconv.Quote(rest[i:min(len(rest), i+40)])
		}
		rest = rest[i+j+1:]
	}
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	return ""
}

func TestHTMLProblem(t *testing.T) {
	for _, s := range []string{"<b>", "a > b", `<td class="diff-text"><`, `<del>x</del`, "\xff"} {
		if htmlProblem(s) == "" {
			t.Errorf("htmlProblem(%q) found nothing", s)
		}
	}
	if p := htmlProblem(`<table class="diff"><del>&lt;b&gt;</del></table>`); p != "" {
		t.Errorf("good HTML: %s", p)
	}
}

// randText builds a text from a small vocabulary, so that random pairs of
// texts share lines and words.
func randText(r *rand.Rand) string {
	words := []string{"a", "b", "the", "Grüße", "日本", "<i>", "&", " ", "  ", "\t", "\xff", "\r", "x"}
	eols := []string{"\n", "\n", "\n", "\r\n"}
	var sb strings.Builder
	for range r.IntN(12) {
		for range r.IntN(4) {
			sb.WriteString(words[r.IntN(len(words))])
		}
		sb.WriteString(eols[r.IntN(len(eols))])
	}
	if r.IntN(3) == 0 {
		sb.WriteString(words[r.IntN(len(words))])
	}
	return sb.String()
}

// mutate edits a few lines of s.
func mutate(r *rand.Rand, s string) string {
	lines := splitLines(s)
	for range r.IntN(4) {
		i := r.IntN(len(lines) + 1)
		switch r.IntN(3) {
		case 0:
			lines = append(lines[:i], append([]string{randText(r)}, lines[i:]...)...)
		case 1:
			if i < len(lines) {
				lines = append(lines[:i], lines[i+1:]...)
			}
		case 2:
			if i < len(lines) {
				lines[i] = strings.Replace(lines[i], "a", "b", 1) + "z\n"
			}
		}
	}
	return strings.Join(lines, "")
}

func TestLinesProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 3000 {
		a := randText(r)
		b := randText(r)
		if r.IntN(2) == 0 {
			b = mutate(r, a)
		}
		checkLines(t, a, b, Lines(a, b))
	}
}

// TestLinesWorstCase diffs two 2 MiB texts made of a handful of distinct
// lines, which defeats every shortcut, and checks that the bounded result is
// still a correct diff.
func TestLinesWorstCase(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	a, b := worstCase(2 << 20)
	lines := Lines(a, b)
	checkCore(t, a, b, lines)
	checkHTML(t, HTML(Hunks(lines, 0)))
	added, removed := Stats(lines)
	t.Logf("%d lines, +%d -%d", len(lines), added, removed)
}

// worstCase returns two unrelated texts of about size bytes, each made of
// random lines from the same small set, and with long lines too.
func worstCase(size int) (string, string) {
	r := rand.New(rand.NewPCG(9, 10))
	gen := func() string {
		var sb strings.Builder
		for sb.Len() < size {
			switch r.IntN(40) {
			case 0:
				for range 2000 {
					sb.WriteString([]string{"a ", "b ", "c "}[r.IntN(3)])
				}
				sb.WriteString("\n")
			default:
				sb.WriteString([]string{"a\n", "b\n", "c d\n", "\n"}[r.IntN(4)])
			}
		}
		return sb.String()
	}
	return gen(), gen()
}

func FuzzLines(f *testing.F) {
	f.Add("", "")
	f.Add("a\nb\nc\n", "a\nc\nd")
	f.Add("the quick brown fox\r\n", "the quick <b>red</b> fox\n")
	f.Add("Grüße\n日本語\n", "Grüsse\n日本人\n\xff")
	f.Add("x\n\ny\n", "<script>\n\ny\n")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkLines(t, a, b, Lines(a, b))
	})
}
