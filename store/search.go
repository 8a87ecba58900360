package store

import (
	"context"
	"unicode/utf8"
)

// SearchHit is one full-text search result.
type SearchHit struct {
	Title   string
	Snippet string // plain text around the matched terms
	Rank    float64
}

// MaxPrefixTitles bounds the limit of TitlesWithPrefix.
const MaxPrefixTitles = 50

// The bounds of one search's work, so that a word most pages hold costs
// about what a rarer one does, whatever the size of the wiki (issue 26:
// ranking and counting every match took a second at 10^5 pages).
//
// SearchWindow is how many matches a search ranks at most. When more pages
// match, the store ranks a window of them: first the pages whose title
// holds every word of the query (up to SearchWindow, found through an index
// of the titles alone, so they are never lost however many pages hold the
// words in their text), then other matches, from the first ones the index
// yields in its own order (so the scan stops early), oldest page first. The
// window is ranked as every match would be (titles weigh more), and paged
// through with offset and limit; as on MediaWiki, whose search caps the
// offset, no result lies beyond it.
//
// SearchCountCap is how many matches a search counts at most: the count
// stops there and says "more than SearchCountCap" (SearchTotal.More). It is
// at least SearchWindow, so that whether the window is needed is known from
// the count, and a query that matches fewer pages than the window (a rare
// word) is counted and ranked exactly, as before.
const (
	SearchWindow   = 1000
	SearchCountCap = 10000
)

// SearchLimits are the bounds the stores search with: SearchWindow and
// SearchCountCap. Only tests change them (so that a few hundred pages
// overflow the window), before they search and never while a search runs.
var SearchLimits = struct{ Window, CountCap int }{SearchWindow, SearchCountCap}

// SearchTotal is how many pages a search matches, and how many of them it
// ranks.
type SearchTotal struct {
	// Count is the number of matches, or, when More, the cap at which the
	// count stopped (SearchCountCap).
	Count int
	// More says that more than Count pages match.
	More bool
	// Ranked is how many of the matches are ranked and can be paged
	// through: all of them, or, when more than SearchWindow match, the
	// window. An offset of Ranked or more finds nothing.
	Ranked int
}

// SearchBounds returns the window and the count cap a search uses now:
// those of SearchLimits, the window at least 1 and the cap at least the
// window.
func SearchBounds() (window, countCap int) {
	window = max(SearchLimits.Window, 1)
	return window, max(SearchLimits.CountCap, window)
}

// CountedTotal is the SearchTotal of a count that stopped after countCap+1
// matches (n of them), for a search that ranks up to window of them.
func CountedTotal(n, window, countCap int) SearchTotal {
	t := SearchTotal{Count: n, Ranked: min(n, window)}
	if n > countCap {
		t.Count, t.More = countCap, true
	}
	return t
}

// Search finds pages by their current text and title. A query has no
// syntax: it is split into words (store.SearchQuery) and a page matches when
// it holds every word, in its title or its text, case-insensitively and
// without regard to accents ("cafe" finds "café", "Muller" finds "Müller"),
// Japanese and Chinese by their pairs of characters (SearchWords: "日本"
// finds "日本語の文章"). PostgreSQL also stems the words and drops the stop
// words of the wiki's content language (SetSearchLanguage, SearchConfig);
// SQLite matches whole words in every language. A query without words (or,
// on PostgreSQL, with only stop words) matches nothing and is not an error.
// Deleted pages are not indexed.
//
// The text indexed is SaveRequest.IndexText: the plain text of the page's
// rendering. Pages indexed before plain text was (their Markdown source) are
// listed by ReindexQueue until ReindexPage replaces their row.
type Search interface {
	// SearchPages returns up to limit hits, best first, skipping offset, and
	// how many pages match. When more than SearchWindow pages match, only a
	// window of them is ranked (SearchWindow tells which), and the count
	// stops at SearchCountCap: the time a search takes does not grow with
	// the number of matches.
	SearchPages(ctx context.Context, query string, offset, limit int) ([]SearchHit, SearchTotal, error)
	// TitlesWithPrefix returns up to limit titles of live pages that start
	// with prefix (a canonical title's start, compared byte for byte), in
	// title order (byte order). limit is at most MaxPrefixTitles; <= 0
	// returns nothing.
	TitlesWithPrefix(ctx context.Context, prefix string, limit int) ([]string, error)
	// ReindexQueue returns up to limit ids of pages whose search row still
	// holds their Markdown source (rows written before the index held plain
	// text), lowest first. A save, an undeletion or a deletion takes a page
	// off the queue.
	ReindexQueue(ctx context.Context, limit int) ([]int64, error)
	// ReindexPage takes the page off the queue and, when the page is live
	// and revID is still its current revision, replaces its indexed text
	// with text. Otherwise (a save came first, or the page is gone) it only
	// takes it off the queue.
	ReindexPage(ctx context.Context, pageID, revID int64, text string) error
	// SetSearchLanguage makes lang (a content language code, as --lang
	// takes; "" is "en") the language of the index and of queries. When
	// the index was built in another one, the backend rewrites it first, every
	// page's row in one transaction. folio serve calls it at start with --lang; other commands
	// leave the index's language as it is. On SQLite the index is the same
	// in every language, and it does nothing.
	SetSearchLanguage(ctx context.Context, lang string) error
}

// PrefixEnd returns the least string greater than every string that starts
// with prefix, in byte order, or "" when there is none (prefix is empty or
// only U+10FFFF): the exclusive upper bound of a range scan for prefix. It is
// valid UTF-8 when prefix is.
func PrefixEnd(prefix string) string {
	for prefix != "" {
		r, n := utf8.DecodeLastRuneInString(prefix)
		prefix = prefix[:len(prefix)-n]
		switch {
		case r == utf8.RuneError && n == 1:
			continue // not UTF-8: drop the byte, a shorter bound still holds
		case r == utf8.MaxRune:
			continue
		case r == 0xD7FF:
			return prefix + "\uE000" // past the surrogates
		default:
			return prefix + string(r+1)
		}
	}
	return ""
}
