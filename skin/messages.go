package skin

import (
	"errors"
	"fmt"
	"html"
	htmpl "html/template"
	"io/fs"
	"maps"
	"time"

	"github.com/foliowiki/folio/i18n"
)

// MessagesDir is the directory of a skin's own messages:
// <name>/messages/GROUP.LANG.json, catalogs as package i18n reads them
// (skin-NAME.en.json, skin-NAME.de.json …). Their messages without
// parameters reach the skin's templates as msg-* keys, beside the skin
// group's; a language a skin's messages lack shows the English text.
const MessagesDir = "messages"

// skinMessages reads the own messages of the skin in dir, if it has any,
// and returns its msg-* keys by language code: the skin group's and its
// own, one map per language, built once and shared by every view. It
// returns nil for a skin without messages/ (its views get the skin
// group's maps as they are) and the files' bytes, for the skin's version.
func skinMessages(fsys fs.FS, dir string) (map[string]map[string]string, []byte, error) {
	root := dir + "/" + MessagesDir
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	sub, err := fs.Sub(fsys, root)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", root, err)
	}
	base := i18n.Default()
	cat, err := base.Extend(sub, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", root, err)
	}
	var own []string // the skin's keys without parameters
	for _, k := range cat.Keys() {
		if base.Key(k.ID) == nil && !k.Plural && len(k.Params) == 0 {
			own = append(own, k.ID)
		}
	}
	var raw []byte
	names, _ := fs.Glob(sub, "*.json")
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			return nil, nil, fmt.Errorf("%s/%s: %w", root, n, err)
		}
		raw = append(append(raw, n...), b...)
	}
	out := map[string]map[string]string{}
	for _, l := range base.Languages() {
		m := maps.Clone(l.Messages("skin"))
		if m == nil {
			m = map[string]string{}
		}
		ext := cat.Lang(l.Code)
		for _, id := range own {
			m["msg-"+id] = ext.T(id)
		}
		out[l.Code] = m
	}
	return out, raw, nil
}

// messagesIn returns the msg-* keys of a skin in the language code: its
// own (msgs, from skinMessages) when it has them, else the skin group's.
func messagesIn(msgs map[string]map[string]string, code string) map[string]string {
	if m := msgs[code]; m != nil {
		return m
	}
	if l := i18n.Default().Lang(code); l != nil {
		return l.Messages("skin")
	}
	return nil
}

// messages returns the msg-* keys of skin sk in lang: the catalogs' skin
// group and the skin's own messages. Shared by every view: never
// modified.
func (s *Set) messages(lang *i18n.Lang, sk *skin) map[string]string {
	if m := sk.messages[lang.Code]; m != nil {
		return m
	}
	return lang.Messages("skin")
}

// tooltip is a title attribute in lang: what a link does (message what)
// and its access key, as MediaWiki shows it ("Edit this page
// [alt-shift-e]").
func tooltip(lang *i18n.Lang, what, key string) string {
	if key == "" {
		return lang.T(what)
	}
	return lang.T("tooltip-accesskey", "Tooltip", lang.T(what), "Key", key)
}

// formatTime is how the skins show a time to people: its day and time
// in lang, in the reader's zone, the zone named ("15:04, 2 January 2006
// (UTC)").
func formatTime(lang *i18n.Lang, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return lang.T("time-with-zone", "Time", lang.DateTime(t), "Zone", t.Format("MST"))
}

// link is an <a> element: href and text escaped.
func link(href, text string) htmpl.HTML {
	return htmpl.HTML(`<a href="` + html.EscapeString(href) + `">` + html.EscapeString(text) + `</a>`)
}
