package readingtime

import (
	"encoding/json"
	"strconv"

	"github.com/foliowiki/folio/skin"
)

func init() {
	skin.DataHook.Register("readingtime.skin", 100, indicator)
}

// indicator shows "N min read" next to a view's heading, from the data the
// PageInfo hook stored: a pure function of the template data.
func indicator(d skin.Data) skin.Data {
	raw, ok := d.PageExt[ID]
	if !ok {
		return d
	}
	var info Info
	if json.Unmarshal(raw, &info) != nil || info.Minutes == 0 {
		return d
	}
	d.Indicators = append(append([]skin.Link(nil), d.Indicators...), skin.Link{ID: "readingtime", Text: strconv.Itoa(info.Minutes) + " min read"})
	return d
}
