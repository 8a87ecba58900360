package server

import (
	"errors"
	"strconv"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// action=parse: a page (page=, pageid=, oldid=) or a text (text=, with
// title=) rendered as the article's HTML, with its sections, links and
// categories, as a view shows them. The text is Markdown, whatever
// contentmodel says (wikitext is accepted as a name for it).

var parseProps = []string{"text", "langlinks", "categories", "links", "templates", "images", "externallinks", "sections", "revid", "displaytitle", "iwlinks", "properties", "parsewarnings", "wikitext", "categorieshtml", "headhtml", "modules", "jsconfigvars", "encodedjsconfigvars", "indicators", "limitreportdata", "limitreporthtml", "parsetree", "subtitle", "headitems", "tocdata"}

func (q *apiRequest) parseAction() (map[string]any, error) {
	ctx := q.r.Context()
	props := map[string]bool{}
	for _, p := range q.values("parse", "prop", parseProps, "text", "langlinks", "categories", "links", "templates", "images", "externallinks", "sections", "revid", "displaytitle", "iwlinks", "properties", "parsewarnings") {
		props[p] = true
	}
	for _, p := range []string{"disablelimitreport", "disableeditsection", "disabletoc", "disablestylededuplication", "preview", "sectionpreview", "pst", "onlypst", "effectivelanglinks", "wrapoutputclass", "mobileformat", "useskin", "contentformat", "summary", "section", "sectiontitle", "parsoid", "usearticle", "showstrategykeys"} {
		q.get(p)
	}
	if cm := q.get("contentmodel"); cm != "" && cm != contentModel && cm != "wikitext" && cm != "text" {
		return nil, badValue("contentmodel", cm)
	}
	var pi *pageinfo.PageInfo
	var err error
	_, hasText := q.params["text"]
	oldid, err := q.integer("oldid")
	if err != nil {
		return nil, err
	}
	page, pageid := q.get("page"), q.get("pageid")
	n := 0
	for _, set := range []bool{hasText, page != "", pageid != "", oldid > 0} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return nil, apiErr("invalidparammix", `The parameters "text", "page", "pageid" and "oldid" can not be used together.`)
	case hasText || n == 0:
		title := "API"
		if raw := q.get("title"); raw != "" {
			if title, err = router.NormalizeTitle(raw); err != nil {
				return nil, apiErr("invalidtitle", `Bad title "`+raw+`".`)
			}
		}
		if pi, err = q.s.Saver.Preview(ctx, title, q.get("text")); err != nil {
			return nil, q.saveError(err)
		}
	case oldid > 0:
		rev, err := q.s.visibleRevision(q.r, oldid)
		if err != nil || rev.Deleted {
			if err != nil && classify(err).Status >= 500 {
				return nil, err
			}
			return nil, apiErr("nosuchrevid", "There is no revision with ID "+strconv.FormatInt(oldid, 10)+".")
		}
		if pi, err = q.s.Pages.Revision(ctx, oldid); err != nil {
			return nil, err
		}
	default:
		title := page
		if pageid != "" {
			title, err = q.pageParam("page", "pageid")
		} else {
			title, err = q.pageParam("page", "")
		}
		if err != nil {
			return nil, err
		}
		if q.has("redirects") {
			run := &queryRun{q: q}
			if title, _, err = run.followRedirect(title); err != nil {
				return nil, err
			}
		}
		pi, err = q.s.Pages.Latest(ctx, title)
		if errors.Is(err, store.ErrNotFound) {
			return nil, apiErr("missingtitle", "The page you specified doesn't exist.")
		}
		if err != nil {
			return nil, err
		}
	}
	return map[string]any{"parse": q.parseResult(pi, props)}, nil
}

// parseResult is a PageInfo as action=parse shows it.
func (q *apiRequest) parseResult(pi *pageinfo.PageInfo, props map[string]bool) map[string]any {
	out := map[string]any{"title": router.DisplayTitle(pi.Title), "pageid": pi.PageID}
	if props["revid"] {
		out["revid"] = pi.RevID
	}
	if props["displaytitle"] {
		out["displaytitle"] = pi.DisplayTitle
	}
	if props["text"] {
		q.textOut(out, "text", pi.HTML)
	}
	if props["sections"] {
		sections := []any{}
		counters := [7]int{}
		for i, e := range pi.TOC {
			level := max(min(e.Level, 6), 1)
			counters[level]++
			for l := level + 1; l < len(counters); l++ {
				counters[l] = 0
			}
			number := ""
			for l := 1; l <= level; l++ {
				if counters[l] > 0 {
					if number != "" {
						number += "."
					}
					number += strconv.Itoa(counters[l])
				}
			}
			sections = append(sections, map[string]any{"toclevel": level, "level": strconv.Itoa(level), "line": escapeHTML(e.Text),
				"number": number, "index": strconv.Itoa(i + 1), "fromtitle": pi.Title, "byteoffset": nil, "anchor": e.Anchor, "linkanchor": e.Anchor})
		}
		out["sections"] = sections
	}
	if props["links"] {
		links := []any{}
		for _, l := range pi.Links {
			e := map[string]any{"ns": nsID(l.Title)}
			if q.fv2 {
				e["title"], e["exists"] = router.DisplayTitle(l.Title), l.Exists
			} else {
				e["*"] = router.DisplayTitle(l.Title)
				q.setFlag(e, "exists", l.Exists)
			}
			links = append(links, e)
		}
		out["links"] = links
	}
	if props["categories"] {
		cats := []any{}
		for _, c := range pi.Categories {
			e := map[string]any{"sortkey": ""}
			if q.fv2 {
				e["category"] = c
			} else {
				e["*"] = c
			}
			cats = append(cats, e)
		}
		out["categories"] = cats
	}
	for _, empty := range []string{"langlinks", "templates", "images", "externallinks", "iwlinks", "properties", "parsewarnings"} {
		if props[empty] {
			out[empty] = []any{}
		}
	}
	if props["images"] {
		files := []any{}
		for _, f := range pi.Files {
			files = append(files, f)
		}
		out["images"] = files
	}
	return out
}

// textOut sets an HTML text: a string in version 2, {"*": text} in 1.
func (q *apiRequest) textOut(out map[string]any, key, text string) {
	if q.fv2 {
		out[key] = text
	} else {
		out[key] = map[string]any{"*": text}
	}
}
