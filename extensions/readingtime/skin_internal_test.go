package readingtime

import (
	"encoding/json"
	"testing"

	"github.com/foliowiki/folio/skin"
)

// TestIndicatorInTheInterfaceLanguage: the indicator speaks the view's
// interface language, with its plural and digits.
func TestIndicatorInTheInterfaceLanguage(t *testing.T) {
	raw, _ := json.Marshal(Info{Minutes: 3})
	for lang, want := range map[string]string{"en": "3 min read", "de": "3 Min. Lesezeit", "ja": "読了時間 3 分", "ar": "٣ دقائق قراءة", "xx": "3 min read"} {
		var d skin.Data
		d.InterfaceLang = lang
		d.PageExt = map[string]json.RawMessage{ID: raw}
		got := indicator(d).Indicators
		if len(got) != 1 || got[0].Text != want {
			t.Errorf("%s: indicators %+v, want %q", lang, got, want)
		}
	}
}
