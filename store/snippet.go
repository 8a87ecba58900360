package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippets are made in Go, the same on every backend, from a bounded window
// of a hit's text, so that a hit costs the same whatever the size of its page
// and the number of its matches. (SQLite's FTS5 snippet() costs time
// quadratic in the matches inside a document, and PostgreSQL's ts_headline
// parses the whole document.)
const (
	// SnippetScanBytes is how much of a text, from its start, Snippet looks
	// at: a match further in is not looked for, and the snippet is then the
	// text's opening. A backend need only read this much of a hit's text:
	// its first SnippetScanBytes+1 characters.
	SnippetScanBytes = 64 << 10

	// SnippetMaxBytes bounds a snippet's text, not counting the ellipsis
	// (…) that marks a cut at either end.
	SnippetMaxBytes = 240

	// snippetBefore is how much text, at most, a snippet shows before the
	// first match it holds.
	snippetBefore = 60

	// snippetSpan is the widest stretch of matches Snippet tries to show
	// together.
	snippetSpan = SnippetMaxBytes - snippetBefore
)

// Snippet returns a short plain-text excerpt of text around the matches of
// terms (words as SearchTerms makes them: lower-cased runs of letters and
// digits), matched as the index matches them: folded (SearchWords: "cafe"
// matches "Café"), a term of Han or kana also inside a longer run (日本 in
// 日本語の文章); not stemmed. It is the stretch of the text's first
// SnippetScanBytes that holds the most distinct terms within a few words
// (the earliest such stretch), with a little context before it; or, when no term occurs there, the text's
// opening. Runs of white space become one space, and an ellipsis (…) marks
// where the excerpt cuts the text. Its work is linear in
// min(len(text), SnippetScanBytes), whatever the number of matches.
func Snippet(text string, terms []string) string {
	scan, cut := text, false
	if len(scan) > SnippetScanBytes {
		end := SnippetScanBytes
		for end > 0 && !utf8.RuneStart(scan[end]) {
			end--
		}
		scan, cut = scan[:end], true
	}
	anchor := firstBestMatch(scan, terms, cut)
	start := max(anchor-snippetBefore, 0)
	if start > 0 {
		start = nextWordStart(scan, start, anchor)
	}
	end := min(start+SnippetMaxBytes, len(scan))
	if end < len(scan) {
		end = wordEnd(scan, start, anchor, end)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	b.WriteString(strings.Join(strings.Fields(scan[start:end]), " "))
	if cut || strings.IndexFunc(scan[end:], notSpace) >= 0 {
		b.WriteString("…")
	}
	return b.String()
}

// snippetMatch is one occurrence of a term: its byte offset and the term's
// index.
type snippetMatch struct{ off, term int }

// firstBestMatch returns the offset of the first match of the earliest
// stretch of at most snippetSpan bytes of text that holds the most distinct
// terms, or 0 when no term occurs. When cut, text is the start of a longer
// text, and its last word may be the start of a longer word.
func firstBestMatch(text string, terms []string, cut bool) int {
	index := make(map[string]int, len(terms))
	longest := 0
	var unspaced []string // the terms of Han and kana, found inside longer runs
	for _, t := range terms {
		t = fold(t)
		if _, ok := index[t]; !ok && t != "" {
			index[t] = len(index)
			longest = max(longest, len(t))
			if isUnspaced(firstRune(t)) {
				unspaced = append(unspaced, t)
			}
		}
	}
	if len(index) == 0 {
		return 0
	}
	var (
		window []snippetMatch // the matches of the current stretch, oldest first, from window[head]
		head   int
		count  = make([]int, len(index))
		have   int // distinct terms in window
		best   = -1
		most   int
		buf    []byte
	)
	for off := 0; off < len(text); {
		w, next := nextWord(text, off)
		if w < 0 {
			break
		}
		off = next
		if cut && next == len(text) {
			break
		}
		// Lower-casing shrinks a word by at most a factor of 3 (the Kelvin
		// sign's 3 bytes become k), so longer words cannot be a term.
		i, at, ok := 0, w, false
		if next-w <= 3*longest {
			buf = appendLower(buf[:0], text[w:next])
			i, ok = index[string(buf)]
		}
		if !ok && !isASCII(text[w:next]) {
			i, at, ok = foldedMatch(text, w, next, longest, index, unspaced)
		}
		if !ok {
			continue
		}
		if head > 0 && head == len(window) { // reuse the array: the stretch is bounded, the matches are not
			window, head = window[:0], 0
		} else if head >= 64 && 2*head >= len(window) {
			window, head = window[:copy(window, window[head:])], 0
		}
		window = append(window, snippetMatch{at, i})
		if count[i]++; count[i] == 1 {
			have++
		}
		for len(window)-head > 1 && next-window[head].off > snippetSpan {
			old := window[head]
			head++
			if count[old.term]--; count[old.term] == 0 {
				have--
			}
		}
		if have > most {
			best, most = window[head].off, have
			if most == len(index) {
				break
			}
		}
	}
	return max(best, 0)
}

// foldedMatch matches the word text[w:next], not ASCII, as the index does
// (SearchWords): folded ("Café" is the term cafe), or, for a term of Han or
// kana, anywhere inside the word (日本 in これは日本語の文章です). It returns
// the term's index and the offset of the match.
func foldedMatch(text string, w, next, longest int, index map[string]int, unspaced []string) (int, int, bool) {
	// Folding drops marks: an Arabic letter with two of them is three times
	// its folded length, as is a Vietnamese one.
	if next-w <= 4*longest {
		if i, ok := index[fold(text[w:next])]; ok {
			return i, w, true
		}
	}
	word := text[w:next]
	at, term := -1, ""
	for _, u := range unspaced {
		if j := strings.Index(word, u); j >= 0 && (at < 0 || j < at) {
			at, term = j, u
		}
	}
	if at < 0 {
		return 0, 0, false
	}
	return index[term], w + at, true
}

// isASCII reports whether s is ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// nextWord returns the bounds of the first word (a run of letters and
// digits) at or after off, or -1 when there is none.
func nextWord(text string, off int) (start, end int) {
	start = -1
	for off < len(text) {
		r, n := rune(text[off]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[off:])
		}
		if isWordRune(r) {
			if start < 0 {
				start = off
			}
		} else if start >= 0 {
			return start, off
		}
		off += n
	}
	return start, off
}

func notSpace(r rune) bool { return !unicode.IsSpace(r) }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) // marks belong to their letter (Arabic vowels)
}

// appendLower appends s lower-cased as strings.ToLower does.
func appendLower(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
			return buf
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// nextWordStart moves off forward to the start of the first whole word at or
// after it, so the snippet does not open with the end of a cut word; limit
// (> off) is where a word starts.
func nextWordStart(text string, off, limit int) int {
	for off < limit && !utf8.RuneStart(text[off]) {
		off++
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:off])
	inCutWord := isWordRune(prev)
	for off < limit {
		r, n := utf8.DecodeRuneInString(text[off:])
		if isWordRune(r) && !inCutWord {
			break
		}
		inCutWord = inCutWord && isWordRune(r)
		off += n
	}
	return off
}

// wordEnd moves end (> start, < len(text)) back so the snippet does not close
// with the start of a cut word: to the start of the word it cuts, unless that
// would lose the match at anchor or the word is the whole snippet, then just
// to a rune boundary.
func wordEnd(text string, start, anchor, end int) int {
	for end > start && !utf8.RuneStart(text[end]) {
		end--
	}
	r, _ := utf8.DecodeRuneInString(text[end:])
	if !isWordRune(r) {
		return end
	}
	e := end
	for e > start {
		r, n := utf8.DecodeLastRuneInString(text[:e])
		if !isWordRune(r) {
			break
		}
		e -= n
	}
	if e <= anchor || e == start {
		return end
	}
	return e
}
