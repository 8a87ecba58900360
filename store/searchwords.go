package store

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// SearchConfig returns the PostgreSQL text search configuration for a content
// language: the built-in Snowball configuration of that language, or "simple"
// (no stemming, no stop words) for the languages PostgreSQL has none for
// (Japanese) and for unknown codes. "" is English.
func SearchConfig(lang string) string {
	switch lang {
	case "", "en":
		return "english"
	case "de":
		return "german"
	case "fr":
		return "french"
	case "es":
		return "spanish"
	case "ar":
		return "arabic"
	}
	return "simple"
}

// SearchWordsForm names the form SearchWords gives a text. A backend records
// it beside its index and rewrites the index when it changes.
const SearchWordsForm = "words-2"

// SearchWords is the form of a text the full-text index holds and a query is
// matched in, the same on both backends: the words of the text (runs of
// letters, digits and the marks that belong to them) lower-cased, folded and
// joined by spaces. Folding makes a query find a word written with or
// without its accents:
//
//   - compatibility forms become their plain form (full-width ＡＢＣ is abc,
//     half-width ｶﾀｶﾅ is カタカナ, the ligature ﬁ is fi);
//   - accents and other combining marks go (é is e, ü is u, ç is c, and the
//     Arabic short vowels and shadda go, أ إ آ are ا), except the kana voicing
//     marks (が stays が, not か);
//   - ß is ss.
//
// Text in a script written without spaces between words (Han, Hiragana,
// Katakana) has no words to split at, so each run of it becomes its
// overlapping pairs of characters, and its last character alone: 日本語の文章
// is "日本 本語 語の の文 文章 章". A query is made the same way (SearchQuery),
// so any part of such a run is found: a part of two characters or more as
// the phrase of its pairs, a single character as the start of a token.
func SearchWords(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	walkWords(fold(s), func(w string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}, func(run []rune) {
		for i := 0; i+1 < len(run); i++ {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(run[i])
			b.WriteRune(run[i+1])
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(run[len(run)-1])
	})
	return b.String()
}

// SearchQueryWord is one word of a query: the tokens of SearchWords it stands
// for. A word of a spaced script is one token; a run of Han or kana is its
// pairs of characters, to be matched as a phrase (adjacent, in order), or
// when it is a single character, Prefix: one token that a pair in the index
// starts with.
type SearchQueryWord struct {
	Tokens []string
	Prefix bool
}

// SearchQuery splits a free-text query into its words as the index holds
// them (see SearchWords). A page matches when it holds every one.
func SearchQuery(q string) []SearchQueryWord {
	var out []SearchQueryWord
	for _, w := range searchWords(q) {
		unspacedRun := isUnspaced(firstRune(w[0]))
		if unspacedRun && len(w) > 1 {
			w = w[:len(w)-1] // the pairs hold the last character already
		}
		out = append(out, SearchQueryWord{Tokens: w, Prefix: unspacedRun && len(w) == 1 && len([]rune(w[0])) == 1})
	}
	return out
}

// searchWords returns the folded words of s, each as its tokens: a word of a
// spaced script is one token, a run of an unspaced script its pairs and its
// last character.
func searchWords(s string) [][]string {
	var out [][]string
	walkWords(fold(s), func(w string) { out = append(out, []string{w}) }, func(run []rune) {
		toks := make([]string, 0, len(run))
		for i := 0; i+1 < len(run); i++ {
			toks = append(toks, string(run[i:i+2]))
		}
		out = append(out, append(toks, string(run[len(run)-1])))
	})
	return out
}

// walkWords calls word with each word of a spaced script in folded (a
// folded text), and run with each run of an unspaced script, in order.
// run's slice is reused: copy what is kept.
func walkWords(folded string, word func(string), run func([]rune)) {
	var rs []rune // the current run of an unspaced script
	flush := func() {
		if len(rs) > 0 {
			run(rs)
			rs = rs[:0]
		}
	}
	start := -1 // start of the current spaced word in folded, or -1
	for i, r := range folded {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'): // the common case, folded
			flush()
			if start < 0 {
				start = i
			}
		case r < utf8.RuneSelf || !isUnspaced(r) && !isSearchWordRune(r):
			flush()
			if start >= 0 {
				word(folded[start:i])
				start = -1
			}
		case isUnspaced(r):
			if start >= 0 {
				word(folded[start:i])
				start = -1
			}
			rs = append(rs, r)
		default: // a word rune of a spaced script
			flush()
			if start < 0 {
				start = i
			}
		}
	}
	flush()
	if start >= 0 {
		word(folded[start:])
	}
}

// fold lower-cases s and folds it as SearchWords says. ASCII text, the
// most common, only needs lower case; so does every ASCII stretch of s
// between spaces (a space never combines with what follows): only the
// others are decomposed (NFKD), and the whole composed again (NFC) once.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	out := make([]byte, 0, len(s)+len(s)/8)
	var dec []byte // one chunk, decomposed; reused
	for len(s) > 0 {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			i = len(s) - 1
		}
		chunk := s[:i+1]
		s = s[i+1:]
		if isASCII(chunk) {
			for j := 0; j < len(chunk); j++ {
				c := chunk[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				out = append(out, c)
			}
			continue
		}
		dec = norm.NFKD.AppendString(dec[:0], chunk)
		for _, r := range string(dec) {
			switch {
			case r == 'ß' || r == 'ẞ':
				out = append(out, "ss"...)
			case r == '\u3099' || r == '\u309A': // kana voicing marks
				out = utf8.AppendRune(out, r)
			case unicode.Is(unicode.Mn, r):
			default:
				out = utf8.AppendRune(out, unicode.ToLower(r))
			}
		}
	}
	return string(norm.NFC.Bytes(out))
}

// isSearchWordRune reports whether r belongs to a word: a letter, a digit, or a
// spacing mark (the vowel signs of Indic scripts).
func isSearchWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r)
}

// unspaced are the scripts written without spaces between words.
var unspaced = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana}

// isUnspaced reports whether r is a letter of a script written without
// spaces between words. The prolonged sound mark ー counts, as does the
// iteration mark 々.
func isUnspaced(r rune) bool {
	return r == 'ー' || r == '々' || (unicode.IsLetter(r) && unicode.In(r, unspaced...))
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
