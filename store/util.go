package store

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Dedupe returns the distinct non-empty values of in, sorted. Backends use it
// for the link and category sets of a save.
func Dedupe(in []string) []string {
	seen := make(map[string]struct{}, len(in))
	out := make([]string, 0, len(in))
	for _, v := range in {
		if _, ok := seen[v]; ok || v == "" {
			continue
		}
		seen[v] = struct{}{}
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// SearchTitle is the form of a title the full-text index holds: underscores
// as spaces, so words in titles match.
func SearchTitle(title string) string { return strings.ReplaceAll(title, "_", " ") }

// SearchTerms splits a free-text query into its words as typed: runs of
// letters, digits and the marks on them (Arabic vowels), lower-cased, for
// Snippet to show. The index's form of them is SearchQuery's.
func SearchTerms(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// LatestRevID returns the page's current revision id, or 0 when the page does
// not exist: the base revision for a save that replaces whatever is there.
func LatestRevID(ctx context.Context, pages Pages, title string) (int64, error) {
	p, err := pages.PageByTitle(ctx, title)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	return p.LatestRev, err
}

// Now is the current time as both backends keep times (StoredTime).
func Now() time.Time { return StoredTime(time.Now()) }

// StoredTime is t as both backends keep it, and so return it: in UTC,
// truncated to the microsecond. The zero time stays zero.
func StoredTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// OrNow is StoredTime(t), or Now when t is zero: the time a write stamps
// when its request leaves Timestamp (or Created) zero.
func OrNow(t time.Time) time.Time {
	if t.IsZero() {
		return Now()
	}
	return StoredTime(t)
}
