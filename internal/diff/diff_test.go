package diff

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// show renders lines compactly: an op marker, then the text, with changed
// words as [-old-] and {+new+}.
func show(lines []Line) []string {
	var out []string
	for _, l := range lines {
		var sb strings.Builder
		sb.WriteString(marker[l.Op])
		if l.Words == nil {
			sb.WriteString(l.Text)
		}
		for _, s := range l.Words {
			switch s.Op {
			case Equal:
				sb.WriteString(s.Text)
			case Delete:
				sb.WriteString("[-" + s.Text + "-]")
			case Insert:
				sb.WriteString("{+" + s.Text + "+}")
			}
		}
		out = append(out, sb.String())
	}
	return out
}

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want []string
	}{
		{"empty", "", "", nil},
		{"identical", "a\nb\n", "a\nb\n", []string{" a\n", " b\n"}},
		{"from empty", "", "a\nb", []string{"+a\n", "+b"}},
		{"to empty", "a\nb\n", "", []string{"-a\n", "-b\n"}},
		{"insert", "a\nc\n", "a\nb\nc\n", []string{" a\n", "+b\n", " c\n"}},
		{"delete", "a\nb\nc\n", "a\nc\n", []string{" a\n", "-b\n", " c\n"}},
		{
			"replace in middle",
			"first\nthe quick brown fox\nlast\n",
			"first\nthe quick red fox jumps\nlast\n",
			[]string{" first\n", "-the quick [-brown-] fox\n", "+the quick {+red+} fox{+ jumps+}\n", " last\n"},
		},
		{
			"adjacent changed words join",
			"one two three four\n", "one 2 3 four\n",
			[]string{"-one [-two three-] four\n", "+one {+2 3+} four\n"},
		},
		{
			"unrelated lines are not paired",
			"a\nthe cat sat on the mat\nz\n", "a\nquantum flux 42\nz\n",
			[]string{" a\n", "-the cat sat on the mat\n", "+quantum flux 42\n", " z\n"},
		},
		{
			"pairing skips an inserted line",
			"x\nLorem ipsum dolor sit amet\n",
			"x\nBrand new line here\nLorem ipsum dolor sat amet\n",
			[]string{" x\n", "-Lorem ipsum dolor [-sit-] amet\n", "+Brand new line here\n", "+Lorem ipsum dolor {+sat+} amet\n"},
		},
		{"newline added at end", "a\nb", "a\nb\n", []string{" a\n", "-b", "+b{+\n+}"}},
		{"newline removed at end", "a\nb\n", "a\nb", []string{" a\n", "-b[-\n-]", "+b"}},
		{"only newline", "", "\n", []string{"+\n"}},
		{
			"crlf to lf",
			"a b\r\nc d\r\n", "a b\nc d\n",
			[]string{"-a b[-\r\n-]", "-c d[-\r\n-]", "+a b{+\n+}", "+c d{+\n+}"},
		},
		{"blank crlf line pairs", "\r\n", "\n", []string{"-[-\r\n-]", "+{+\n+}"}},
		{
			"unicode words",
			"Grüße aus Köln!\n", "Grüße aus Zürich!\n",
			[]string{"-Grüße aus [-Köln-]!\n", "+Grüße aus {+Zürich+}!\n"},
		},
		{
			"cjk characters are words",
			"日本語のテキスト\n", "日本語の文章テキスト\n",
			[]string{"-日本語のテキスト\n", "+日本語の{+文章+}テキスト\n"},
		},
		{
			"invalid utf-8",
			"ab\xffcd x\n", "ab\xfecd x\n",
			[]string{"-ab[-\xff-]cd x\n", "+ab{+\xfe+}cd x\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := show(Lines(tt.a, tt.b))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Lines(%q, %q)\n got %q\nwant %q", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestLineNumbers(t *testing.T) {
	lines := Lines("a\nb\nc\nd\n", "a\nx\nc\nd\ne\n")
	want := []struct {
		op       Op
		old, new int
	}{{Equal, 1, 1}, {Delete, 2, 0}, {Insert, 0, 2}, {Equal, 3, 3}, {Equal, 4, 4}, {Insert, 0, 5}}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d: %q", len(lines), len(want), show(lines))
	}
	for i, w := range want {
		if l := lines[i]; l.Op != w.op || l.OldNo != w.old || l.NewNo != w.new {
			t.Errorf("line %d = %v %d/%d, want %v %d/%d", i, l.Op, l.OldNo, l.NewNo, w.op, w.old, w.new)
		}
	}
	if added, removed := Stats(lines); added != 2 || removed != 1 {
		t.Errorf("Stats = %d, %d, want 2, 1", added, removed)
	}
}

func TestHunks(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	tests := []struct {
		name    string
		b       string
		context int
		want    []string // headers
	}{
		{"identical", a, 3, nil},
		{"one change", strings.Replace(a, "6\n", "six\n", 1), 2, []string{"@@ -4,5 +4,5 @@"}},
		{"at start", "0\n" + a, 0, []string{"@@ -0,0 +1 @@"}},
		{"at start with context", "0\n" + a, 1, []string{"@@ -1 +1,2 @@"}},
		{"delete at end", strings.TrimSuffix(a, "12\n"), 0, []string{"@@ -12 +11,0 @@"}},
		{"merged", strings.NewReplacer("3\n", "x\n", "7\n", "y\n").Replace(a), 2, []string{"@@ -1,9 +1,9 @@"}},
		{"gap of 2*context merges", strings.NewReplacer("3\n", "x\n", "8\n", "y\n").Replace(a), 2, []string{"@@ -1,10 +1,10 @@"}},
		{"split", strings.NewReplacer("3\n", "x\n", "9\n", "y\n").Replace(a), 2, []string{"@@ -1,5 +1,5 @@", "@@ -7,5 +7,5 @@"}},
		{"negative context", strings.Replace(a, "6\n", "six\n", 1), -1, []string{"@@ -6 +6 @@"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, h := range Hunks(Lines(a, tt.b), tt.context) {
				got = append(got, h.header())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("headers %q, want %q", got, tt.want)
			}
			if p := Unified(a, tt.b, tt.context, "a", "b"); applyUnified(t, a, p) != tt.b {
				t.Errorf("patch does not apply:\n%s", p)
			}
		})
	}
}

func TestUnified(t *testing.T) {
	got := Unified("a\nb\nc\nd", "a\nB\nc\nd\n", 1, "old/Page", "new/Page")
	want := `--- old/Page
+++ new/Page
@@ -1,4 +1,4 @@
 a
-b
+B
 c
-d
\ No newline at end of file
+d
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Unified("same\n", "same\n", 3, "a", "b"); got != "" {
		t.Errorf("identical texts: got %q", got)
	}
}

func TestHTML(t *testing.T) {
	got := HTML(Hunks(Lines("<b>x</b> & y\nkeep\n", "<b>z</b> & y\nkeep\n"), 1))
	want := `<table class="diff">
<tbody class="diff-hunk">
<tr class="diff-header"><td colspan="4">@@ -1,2 +1,2 @@</td></tr>
<tr class="diff-deleted"><td class="diff-ln diff-ln-old">1</td><td class="diff-ln diff-ln-new"></td><td class="diff-marker">-</td><td class="diff-text">&lt;b&gt;<del>x</del>&lt;/b&gt; &amp; y</td></tr>
<tr class="diff-added"><td class="diff-ln diff-ln-old"></td><td class="diff-ln diff-ln-new">1</td><td class="diff-marker">+</td><td class="diff-text">&lt;b&gt;<ins>z</ins>&lt;/b&gt; &amp; y</td></tr>
<tr class="diff-context"><td class="diff-ln diff-ln-old">2</td><td class="diff-ln diff-ln-new">2</td><td class="diff-marker"> </td><td class="diff-text">keep</td></tr>
</tbody>
</table>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := HTML(nil); got != "<table class=\"diff\">\n</table>\n" {
		t.Errorf("HTML(nil) = %q", got)
	}
	got = HTML(Hunks(Lines("a\r\n", "a\n\xff"), 0))
	for _, want := range []string{`a<del><span class="diff-eol">␍↵</span></del>`, `a<ins><span class="diff-eol">↵</span></ins>`, "\uFFFD"} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
}

// applyUnified applies a unified diff made by Unified to a.
func applyUnified(t *testing.T, a, patch string) string {
	t.Helper()
	if patch == "" {
		return a
	}
	old := splitLines(a)
	var out []string
	pos := 0 // next line of old to copy
	pl := splitLines(patch)[2:]
	for len(pl) > 0 {
		var os, ol, ns, nl int
		h := strings.TrimSuffix(pl[0], "\n")
		if _, err := fmt.Sscanf(normRange(h), "@@ -%d,%d +%d,%d @@", &os, &ol, &ns, &nl); err != nil {
			t.Fatalf("bad header %q: %v", h, err)
		}
		pl = pl[1:]
		start := os - 1
		if ol == 0 {
			start = os
		}
		if start < pos || start > len(old) {
			t.Fatalf("hunk %q starts at %d, at %d of %d", h, start, pos, len(old))
		}
		out = append(out, old[pos:start]...)
		pos = start
		for len(pl) > 0 && !strings.HasPrefix(pl[0], "@@") {
			l := pl[0]
			pl = pl[1:]
			text := l[1:]
			if len(pl) > 0 && pl[0] == "\\ No newline at end of file\n" {
				text = strings.TrimSuffix(text, "\n")
				pl = pl[1:]
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(old) || old[pos] != text {
					t.Fatalf("hunk %q: line %d is %q, patch says %q", h, pos+1, old[min(pos, len(old)-1)], text)
				}
				if l[0] == ' ' {
					out = append(out, text)
				}
				pos++
			case '+':
				out = append(out, text)
			default:
				t.Fatalf("bad patch line %q", l)
			}
		}
	}
	return strings.Join(append(out, old[pos:]...), "")
}

// normRange adds the ",1" that Unified leaves out of hunk ranges.
func normRange(h string) string {
	f := strings.Fields(h)
	for i := 1; i <= 2 && i < len(f); i++ {
		if !strings.Contains(f[i], ",") {
			f[i] += ",1"
		}
	}
	return strings.Join(f, " ")
}
