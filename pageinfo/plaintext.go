package pageinfo

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PlainText returns the text a reader sees in a rendered page body: tags
// stripped, entities decoded, the content of script, style and template
// elements left out, a space between blocks (and at <br>), and runs of white
// space collapsed to one space. It is what the full-text index holds
// (store.SaveRequest.SearchText), so that search snippets show no Markdown
// nor HTML.
func PlainText(body string) string {
	z := html.NewTokenizer(strings.NewReader(body))
	var b strings.Builder
	skip := 0 // depth inside elements whose content is not text
	space := func() { b.WriteByte(' ') }
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hiddenContent(a) && tt == html.StartTagToken {
				skip++
			}
			if breaksText(a) {
				space()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hiddenContent(a) && skip > 0 {
				skip--
			}
			if breaksText(a) {
				space()
			}
		}
	}
}

// hiddenContent reports elements whose content a reader does not see as
// text.
func hiddenContent(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Noscript:
		return true
	}
	return false
}

// breaksText reports elements that separate words: blocks, line breaks,
// cells.
func breaksText(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Hr, atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Blockquote,
		atom.Table, atom.Tr, atom.Td, atom.Th, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption,
		atom.Section, atom.Article, atom.Aside, atom.Header, atom.Footer, atom.Nav, atom.Figure,
		atom.Figcaption, atom.Details, atom.Summary, atom.Img, atom.Sup, atom.Sub:
		return true
	}
	return false
}
