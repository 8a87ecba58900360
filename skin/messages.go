package skin

import (
	"errors"
	"fmt"
	"html"
	htmpl "html/template"
	"io/fs"
	"maps"
	"sync"
	"time"

	"github.com/foliowiki/folio/i18n"
)

// MessagesDir is the directory of a skin's own messages:
// <name>/messages/GROUP.LANG.json, catalogs as package i18n reads them
// (skin-NAME.en.json, skin-NAME.de.json …). Their messages without
// parameters reach the skin's templates as msg-* keys, beside the skin
// group's; a language a skin's messages lack shows the English text.
const MessagesDir = "messages"

// skinMessages reads the own messages of the skin in dir, if it has any
// (i18n.Catalog.Plain: texts without parameters, checked now), and
// returns them — each language's msg-* keys built the first time a view
// asks for it — and the files' bytes, for the skin's version. It returns
// nil for a skin without messages/: its views get the skin group's maps
// as they are.
func skinMessages(fsys fs.FS, dir string) (*ownMessages, []byte, error) {
	root := dir + "/" + MessagesDir
	if _, err := fs.Stat(fsys, root); errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	texts, err := i18n.Default().Plain(fsys, root)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", root, err)
	}
	var raw []byte
	names, _ := fs.Glob(fsys, root+"/*.json")
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", n, err)
		}
		raw = append(append(raw, n...), b...)
	}
	return &ownMessages{texts: texts}, raw, nil
}

// ownMessages are a skin's own messages, by language code and key.
type ownMessages struct {
	texts  map[string]map[string]string
	byLang sync.Map // code → map[string]string: the skin group's msg-* keys and the skin's own
}

// in returns the msg-* keys of the skin in the language code (shipped),
// built once and shared by every view: a message the language lacks is
// English.
func (o *ownMessages) in(code string) map[string]string {
	if m, ok := o.byLang.Load(code); ok {
		return m.(map[string]string)
	}
	l := i18n.Default().Lang(code)
	if l == nil {
		return nil
	}
	m := maps.Clone(l.Messages("skin"))
	if m == nil {
		m = map[string]string{}
	}
	for id, text := range o.texts[i18n.Source] {
		if t, ok := o.texts[code][id]; ok {
			text = t
		}
		m["msg-"+id] = text
	}
	got, _ := o.byLang.LoadOrStore(code, m)
	return got.(map[string]string)
}

// messagesIn returns the msg-* keys of a skin in the language code: its
// own (from skinMessages) when it has them, else the skin group's.
func messagesIn(own *ownMessages, code string) map[string]string {
	if own != nil {
		return own.in(code)
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
	if sk.messages != nil {
		return sk.messages.in(lang.Code)
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
