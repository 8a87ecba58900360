package wikidoc

import (
	"bytes"
	"strings"
)

// MaxLinkBytes bounds the inside of a [[…]] link. Scanning for the closing
// "]]" stops there, which keeps a line of 100k "[[" linear to parse.
const MaxLinkBytes = 1024

// Target is the parsed inside of a [[…]] link: [[:Page#Fragment|Label]].
// Offsets are relative to the start of the inside.
type Target struct {
	// Page is the trimmed text before the first '#', without a leading ':',
	// its character references decoded; "" for [[#Section]].
	Page string
	// Fragment is the trimmed text after the first '#', its character
	// references decoded; "" if none.
	Fragment string
	Colon    bool // the target started with ':' ([[:Category:X]] links instead of categorizing)
	Piped    bool // a '|' (or "\|") gave an explicit label
	// LabelStart and LabelEnd delimit the label in the inside: the text after
	// '|', or else the target itself (without a leading ':').
	LabelStart, LabelEnd int
}

// Scan reports whether line starts with a wiki link "[[inside]]", returning
// the inside and the length of the whole link. The inside must not hold
// "[[" (the inner link wins, as in MediaWiki) and is at most MaxLinkBytes.
func Scan(line []byte) (inside []byte, n int, ok bool) {
	if len(line) < 4 || line[0] != '[' || line[1] != '[' {
		return nil, 0, false
	}
	rest := line[2:]
	if len(rest) > MaxLinkBytes+2 {
		rest = rest[:MaxLinkBytes+2]
	}
	end := bytes.Index(rest, []byte("]]"))
	if end < 0 || bytes.Contains(rest[:end], []byte("[[")) {
		return nil, 0, false
	}
	return rest[:end], end + 4, true
}

// ParseTarget splits the inside of a wiki link into target and label. It
// reports false when there is no target at all ("[[]]", "[[|x]]", "[[#]]").
//
// The label starts after the first '|'. A backslash right before that '|'
// belongs to the separator: "[[Foo\|label]]" is Foo labelled "label", as
// GitHub-flavoured Markdown tables make people write it. As in MediaWiki,
// the character references of the target ("&eacute;", "&#233;", "&#xE9;")
// are decoded before the fragment is split off at the first '#', so
// "[[Caf&#233;]]" names Café and "[[Foo&#35;Bar]]" the section Bar of Foo.
func ParseTarget(inside []byte) (Target, bool) {
	target, labelStart, labelEnd := inside, -1, -1
	if i := bytes.IndexByte(inside, '|'); i >= 0 {
		target = inside[:i]
		if i > 0 && inside[i-1] == '\\' {
			target = inside[:i-1]
		}
		labelStart, labelEnd = trimmed(inside, i+1, len(inside))
	}
	ts, te := trimmed(inside, 0, len(target))
	var t Target
	if ts < te && inside[ts] == ':' {
		t.Colon = true
		ts, te = trimmed(inside, ts+1, te)
	}
	page := DecodeEntities(string(inside[ts:te]))
	if j := strings.IndexByte(page, '#'); j >= 0 {
		t.Fragment = strings.TrimSpace(page[j+1:])
		page = page[:j]
	}
	t.Page = strings.TrimSpace(page)
	if t.Page == "" && t.Fragment == "" {
		return Target{}, false
	}
	t.Piped = labelStart >= 0 && labelStart < labelEnd
	if t.Piped {
		t.LabelStart, t.LabelEnd = labelStart, labelEnd
	} else {
		t.LabelStart, t.LabelEnd = ts, te
	}
	return t, true
}

// trimmed returns the bounds of b[start:end] without surrounding spaces.
func trimmed(b []byte, start, end int) (int, int) {
	for start < end && isSpace(b[start]) {
		start++
	}
	for end > start && isSpace(b[end-1]) {
		end--
	}
	return start, end
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
