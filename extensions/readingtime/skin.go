package readingtime

import (
	_ "embed"
	"encoding/json"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/skin"
)

// script is indicator's JavaScript twin, for folio-render.js.
//
//go:embed readingtime.js
var script []byte

func init() {
	skin.DataHook.Register("readingtime.skin", 100, indicator)
	skin.RegisterRenderScript("readingtime.js", script)
}

// indicator shows "N min read" next to a view's heading, in the view's
// interface language (message readingtime-minutes, group extensions),
// from the data the PageInfo hook stored: a pure function of the template
// data.
func indicator(d skin.Data) skin.Data {
	raw, ok := d.PageExt[ID]
	if !ok {
		return d
	}
	var info Info
	if json.Unmarshal(raw, &info) != nil || info.Minutes == 0 {
		return d
	}
	d.Indicators = append(append([]skin.Link(nil), d.Indicators...), skin.Link{ID: "readingtime", Text: minutes(d.InterfaceLang, info.Minutes)})
	return d
}

// minutes is "N min read" in the language code (English when it is not
// shipped).
func minutes(code string, n int) string {
	l := i18n.Default().Lang(code)
	if l == nil {
		l = i18n.Default().Lang(i18n.Source)
	}
	return l.T("readingtime-minutes", "Count", n)
}
