// Package feed writes Atom 1.0 feeds (RFC 4287), for recent changes and page
// histories.
//
//	f := feed.Feed{
//		ID:      "https://wiki.example.org/-/recent",
//		Title:   "Recent changes – Example Wiki",
//		Link:    "https://wiki.example.org/-/recent",
//		Self:    "https://wiki.example.org/-/recent.atom",
//		Updated: latest,
//		Entries: []feed.Entry{{
//			ID:      "https://wiki.example.org/-/revision/42",
//			Title:   "Main Page",
//			Link:    "https://wiki.example.org/-/revision/42",
//			Updated: latest,
//			Author:  "Alice",
//			Summary: "fix typo",
//			Content: diffHTML,
//		}},
//	}
//	w.Header().Set("Content-Type", feed.ContentType)
//	_, err := f.WriteTo(w)
package feed
