package store

import (
	"context"
	"errors"
	"sort"
	"strings"
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

// SearchTerms splits a free-text query into its words: runs of letters and
// digits, lower-cased. Both backends search for all of them.
func SearchTerms(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
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
