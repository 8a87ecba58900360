package blob

import "slices"

// WatchSet is a set of canonical titles kept as their sorted 64-bit
// hashes (TitleHash): a user's watched pages in 8 bytes each, asked about
// on every page view with a binary search and no allocation. Two titles
// sharing a hash (odds about n²/2⁶⁵: 10⁻¹² for 5,000 titles) would show
// one's star on the other.
type WatchSet []uint64

// TitleHash is the hash a WatchSet keeps of a canonical title: FNV-1a,
// 64 bits.
func TitleHash(title string) uint64 {
	// hash/fnv's, written over the string: a page view asks for one, and
	// the hash.Hash would need the title copied to bytes.
	const offset64, prime64 = 14695981039346656037, 1099511628211
	h := uint64(offset64)
	for i := 0; i < len(title); i++ {
		h ^= uint64(title[i])
		h *= prime64
	}
	return h
}

// NewWatchSet returns the set of titles.
func NewWatchSet(titles []string) WatchSet {
	w := make(WatchSet, len(titles))
	for i, t := range titles {
		w[i] = TitleHash(t)
	}
	slices.Sort(w)
	return slices.Compact(w)
}

// Has reports whether title is in the set.
func (w WatchSet) Has(title string) bool {
	if len(w) == 0 {
		return false
	}
	_, ok := slices.BinarySearch(w, TitleHash(title))
	return ok
}
