package i18n

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Lang is one shipped language: its messages, numbers and dates. A Lang
// is safe for concurrent use.
type Lang struct {
	Code string       // BCP 47 code, as the catalog files name it ("de")
	Tag  language.Tag // parsed
	Dir  string       // "ltr" or "rtl": the direction of text in it
	Name string       // the language's name in itself ("Deutsch"), for a language menu

	cat    *Catalog
	source *Lang                    // the source language, for a message this one lacks
	texts  map[string]any           // this language's messages, as parsed
	loc    func() *goi18n.Localizer // made on first use from the tables (the source language)
	// pluralOf is the CLDR plural form of a count when it is known
	// without go-i18n (English, from the tables); nil: go-i18n chooses.
	pluralOf func(n int) string
	plain    map[string]string // messages without parameters, fallback applied
	printer  *message.Printer
	digits   [10]string
	groups   map[string]map[string]string // group → msg-KEY → text (messages without parameters)
}

// rtl are the base languages written right to left.
var rtl = map[string]bool{"ar": true, "arc": true, "ckb": true, "dv": true, "fa": true, "he": true, "ks": true, "ps": true, "sd": true, "ug": true, "ur": true, "yi": true}

func newLang(c *Catalog, code string, tag language.Tag, loc func() *goi18n.Localizer, texts map[string]any) *Lang {
	base, _ := tag.Base()
	l := &Lang{
		Code:    code,
		Tag:     tag,
		Dir:     "ltr",
		Name:    nameOf(code, base.String()),
		cat:     c,
		texts:   texts,
		loc:     loc,
		plain:   map[string]string{},
		printer: message.NewPrinter(tag),
		groups:  map[string]map[string]string{},
	}
	if rtl[base.String()] {
		l.Dir = "rtl"
	}
	if l.Name == "" {
		l.Name = code
	}
	for i := range l.digits {
		l.digits[i] = l.printer.Sprint(number.Decimal(i))
	}
	if code == Source {
		l.source = l
	} else {
		l.source = c.Lang(Source)
	}
	for id, k := range c.keys {
		if len(k.Params) > 0 || k.Plural {
			continue
		}
		text, ok := texts[id].(string)
		if !ok {
			text = k.Text // not translated: English
		}
		l.plain[id] = text
		if l.groups[k.Group] == nil {
			l.groups[k.Group] = map[string]string{}
		}
		l.groups[k.Group]["msg-"+id] = text
	}
	return l
}

// T returns message key in l as plain text, its parameters given as
// name, value pairs: T("history-title", "Title", "Main Page"). A Count
// parameter (an int) chooses the plural form and is shown in l's digits.
// A key no catalog has comes back as ⧼key⧽, as MediaWiki shows it.
func (l *Lang) T(key string, kv ...any) string {
	if len(kv) == 0 {
		if s, ok := l.plain[key]; ok {
			return s
		}
	}
	s, err := l.localize(key, kv, nil)
	if err != nil && s == "" {
		return "⧼" + key + "⧽"
	}
	return s
}

// HTML returns message key in l as HTML: its text escaped, and its
// parameters put in escaped — but for template.HTML values, which go in
// as they are (a link inside a sentence).
func (l *Lang) HTML(key string, kv ...any) template.HTML {
	if len(kv) == 0 {
		return template.HTML(html.EscapeString(l.T(key)))
	}
	vals := make([]string, 0, len(kv)/2)
	subst := make([]any, len(kv))
	copy(subst, kv)
	for i := 1; i < len(subst); i += 2 {
		if _, isCount := subst[i].(int); isCount && subst[i-1] == "Count" {
			continue
		}
		var v string
		switch x := subst[i].(type) {
		case template.HTML:
			v = string(x)
		default:
			v = html.EscapeString(fmt.Sprint(x))
		}
		subst[i] = "\x00" + strconv.Itoa(len(vals)) + "\x00"
		vals = append(vals, v)
	}
	s, err := l.localize(key, subst, nil)
	if err != nil && s == "" {
		return template.HTML(html.EscapeString("⧼" + key + "⧽"))
	}
	s = html.EscapeString(s)
	if len(vals) > 0 {
		var b strings.Builder
		for {
			i := strings.IndexByte(s, 0)
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i+1:], 0)
			if j < 0 {
				break
			}
			n, _ := strconv.Atoi(s[i+1 : i+1+j])
			b.WriteString(s[:i])
			if n < len(vals) {
				b.WriteString(vals[n])
			}
			s = s[i+1+j+1:]
		}
		b.WriteString(s)
		s = b.String()
	}
	return template.HTML(s)
}

// localize runs the message template of key with the parameters kv, in
// the source language when l lacks the message.
func (l *Lang) localize(key string, kv []any, _ any) (string, error) {
	v, ok := l.texts[key]
	if !ok && l.source != l {
		return l.source.localize(key, kv, nil)
	}
	if text, ok := l.textFor(v, kv); ok {
		if s, ok := l.fill(text, kv); ok {
			return s, nil
		}
	}
	data := make(map[string]any, len(kv)/2)
	var count any
	for i := 0; i+1 < len(kv); i += 2 {
		name, _ := kv[i].(string)
		v := kv[i+1]
		if name == "Count" {
			if n, ok := v.(int); ok {
				count = n
				v = l.Number(n)
			}
		}
		data[name] = v
	}
	return l.loc().Localize(&goi18n.LocalizeConfig{MessageID: key, TemplateData: data, PluralCount: count})
}

// textFor returns the text of message v (a text, or plural forms) for the
// parameters kv, when l chooses it without go-i18n: a plural message's
// form for an int Count, the "other" form when it lacks that one, as
// go-i18n falls back.
func (l *Lang) textFor(v any, kv []any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case map[string]any:
		if l.pluralOf == nil {
			return "", false
		}
		for i := len(kv) - 2; i >= 0; i -= 2 {
			if kv[i] == "Count" {
				n, ok := kv[i+1].(int)
				if !ok {
					return "", false
				}
				if text, ok := v[l.pluralOf(n)].(string); ok {
					return text, true
				}
				text, ok := v["other"].(string)
				return text, ok
			}
		}
	}
	return "", false
}

// englishPlural is the CLDR plural form of an integer in English: "one"
// for 1, "other" for every other.
func englishPlural(n int) string {
	if n == 1 {
		return "one"
	}
	return "other"
}

// Has reports whether key is a message.
func (l *Lang) Has(key string) bool { return l.cat.keys[key] != nil }

// Messages returns the messages of group without parameters, keyed
// msg-KEY, as skins get them. The map is shared: do not modify it.
func (l *Lang) Messages(group string) map[string]string { return l.groups[group] }

// Number returns n with l's digits and group separators ("1.234" in
// German).
func (l *Lang) Number(n int) string {
	if n >= 0 && n < 10 {
		return l.digits[n]
	}
	return l.printer.Sprint(number.Decimal(n))
}

// Digits returns the decimal digits of n in l's digits, without group
// separators (years, days, times).
func (l *Lang) Digits(n int) string {
	s := strconv.Itoa(n)
	if l.digits[0] == "0" {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteString(l.digits[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Date returns the day of t as people of l write it ("6 December 2026",
// "6. Dezember 2026", "2026年12月6日"), in t's location.
func (l *Lang) Date(t time.Time) string {
	return l.T("date-format", "Day", l.Digits(t.Day()), "Month", l.T(monthKeys[t.Month()-1]), "Year", l.Digits(t.Year()))
}

// Time returns the time of day of t, to the minute ("10:01").
func (l *Lang) Time(t time.Time) string {
	return l.T("time-format", "Hour", l.Digits2(t.Hour()), "Minute", l.Digits2(t.Minute()))
}

// DateTime returns t's time and day, in l's order ("10:01, 6 December
// 2026", as MediaWiki's lists show them).
func (l *Lang) DateTime(t time.Time) string {
	return l.T("datetime-format", "Date", l.Date(t), "Time", l.Time(t))
}

// Digits2 returns n (0–99) in two of l's digits ("07").
func (l *Lang) Digits2(n int) string {
	if n < 10 {
		return l.digits[0] + l.digits[n]
	}
	return l.Digits(n)
}

var monthKeys = [12]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

// Text returns message key of l as written, its {{.Name}} parameters
// unfilled: l's text, else the source language's; "" for a plural
// message or an unknown key. A renderer outside Go fills it
// (skin/js/folio-render.js, from the skin bundle).
func (l *Lang) Text(key string) string {
	if s, ok := l.plain[key]; ok {
		return s
	}
	if s, ok := l.texts[key].(string); ok {
		return s
	}
	if l.source != l {
		return l.source.Text(key)
	}
	return ""
}

// Forms returns the plural forms of message key as l has them (the
// source language's when l lacks it), by CLDR form; nil for a message
// without plural forms.
func (l *Lang) Forms(key string) map[string]string {
	v, ok := l.texts[key]
	if !ok && l.source != l {
		return l.source.Forms(key)
	}
	forms, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := make(map[string]string, len(forms))
	for f, t := range forms {
		if s, ok := t.(string); ok {
			out[f] = s
		}
	}
	return out
}
