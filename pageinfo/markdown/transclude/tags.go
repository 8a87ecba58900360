package transclude

import "strings"

// The inclusion tags, MediaWiki's: <noinclude>…</noinclude> shows on the
// page itself only, <includeonly>…</includeonly> when transcluded only,
// and <onlyinclude>…</onlyinclude>, when present, marks the only parts
// transcluded. An unclosed section runs to the end of the text. Tags in
// code are text.

type tagKind uint8

const (
	noinclude tagKind = iota
	includeonly
	onlyinclude
)

var tagNames = [...]string{noinclude: "noinclude", includeonly: "includeonly", onlyinclude: "onlyinclude"}

// tag is one inclusion tag found in a source.
type tag struct {
	kind       tagKind
	close      bool
	start, end int
}

// findTags returns the inclusion tags of src outside the code regions rs.
func findTags(src string, rs []span) []tag {
	var ts []tag
	r := 0
	for i := 0; i < len(src); {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		for r < len(rs) && rs[r].end <= i {
			r++
		}
		if r < len(rs) && rs[r].start <= i {
			i = rs[r].end
			continue
		}
		if t, ok := tagAt(src, i); ok {
			ts = append(ts, t)
			i = t.end
			continue
		}
		i++
	}
	return ts
}

// tagAt reads an inclusion tag at src[i] ('<'): "<name>", "</name>" or
// "<name/>", the name in any case, spaces allowed before '>'.
func tagAt(src string, i int) (tag, bool) {
	j := i + 1
	t := tag{start: i}
	if j < len(src) && src[j] == '/' {
		t.close = true
		j++
	}
	for k, name := range tagNames {
		if len(src)-j < len(name) || !strings.EqualFold(src[j:j+len(name)], name) {
			continue
		}
		e := j + len(name)
		for e < len(src) && (src[e] == ' ' || src[e] == '\t') {
			e++
		}
		if e < len(src) && src[e] == '/' && !t.close {
			e++ // <noinclude/>: an empty section
			if e < len(src) && src[e] == '>' {
				t.kind, t.end = tagKind(k), e+1
				t.close = true // opens and closes: nothing between
				return t, true
			}
			return tag{}, false
		}
		if e < len(src) && src[e] == '>' {
			t.kind, t.end = tagKind(k), e+1
			return t, true
		}
	}
	return tag{}, false
}

// hasTagText reports whether s may hold an inclusion tag: all three names
// contain "include".
func hasTagText(s string) bool {
	for i := 0; i+7 <= len(s); i++ {
		if (s[i] == 'i' || s[i] == 'I') && strings.EqualFold(s[i:i+7], "include") {
			return true
		}
	}
	return false
}

// applyTags returns src as it is transcluded (include) or as it shows on
// its own page (!include).
func applyTags(src string, rs []span, include bool) string {
	ts := findTags(src, rs)
	if len(ts) == 0 {
		return src
	}
	only := false
	if include {
		for _, t := range ts {
			if t.kind == onlyinclude && !t.close {
				only = true
				break
			}
		}
	}
	var b strings.Builder
	b.Grow(len(src))
	// in[k]: inside a section of kind k.
	var in [3]bool
	pos := 0
	visible := func() bool {
		if only && !in[onlyinclude] {
			return false
		}
		if include {
			return !in[noinclude]
		}
		return !in[includeonly]
	}
	for _, t := range ts {
		if visible() {
			b.WriteString(src[pos:t.start])
		}
		pos = t.end
		in[t.kind] = !t.close
	}
	if visible() {
		b.WriteString(src[pos:])
	}
	return b.String()
}
