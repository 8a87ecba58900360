// Package readingtime is an example extension: at parse time it computes a
// page's reading time from its word count, stored in PageInfo.Ext under
// "readingtime.info"; the skins show "N min read".
//
// It shows the rule for extensions: the work happens once per revision,
// behind the caches, so page views pay nothing for it.
package readingtime

import (
	"context"

	"github.com/foliowiki/folio/hooks"
	"github.com/foliowiki/folio/pageinfo"
)

// WordsPerMinute is the reading speed assumed.
const WordsPerMinute = 200

// Info is what the extension stores for a revision.
type Info struct {
	Words   int `json:"words"`
	Minutes int `json:"minutes"` // at least 1 for a page with words
}

// ID is the hook id, and the key of Info in PageInfo.Ext.
const ID = "readingtime.info"

func init() {
	hooks.RegisterExtension(hooks.Extension{ID: "readingtime", Doc: "reading time of each page (PageInfo hook; skins show “N min read”)"})
	pageinfo.InfoHook.Register(ID, 100, info)
}

// Of computes the reading time of a number of words.
func Of(words int) Info {
	if words <= 0 {
		return Info{}
	}
	return Info{Words: words, Minutes: (words + WordsPerMinute - 1) / WordsPerMinute}
}

func info(_ context.Context, _ pageinfo.ReadOnly, pi pageinfo.PageInfo) (any, error) {
	return Of(pi.Words), nil
}
