package skin

import (
	"html"
	htmpl "html/template"
	"net/http"
	"time"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/router"
)

// MinTOC is the fewest headings a page needs for a table of contents.
const MinTOC = 3

// ViewData returns the template data of a page view: the revision pi, seen
// by u (nil means an anonymous reader), in the named skin (an unknown name
// means the default skin). It reads nothing but its arguments, so anonymous
// and logged-in views take the same path, and runs the DataHook filters.
// (A server's page views go through Set.View, which renders the same bytes
// from a specialization of this data kept per revision.)
func (s *Set) ViewData(pi *blob.PageInfo, u *blob.UserInfo, m Meta, site Site, skin string) *Data {
	if m.Page == "" {
		m.Page = pi.Title
	}
	sk := s.skin(skin)
	heading := pi.DisplayTitle
	if heading == "" {
		heading = router.DisplayTitle(pi.Title)
	}
	d, lang := s.base(sk, heading, u, m, site)
	contentLanguage(d, site)
	d.PageRobots = ""
	if d.IsError {
		d.PageRobots = "noindex"
	}
	d.HTMLBody = pi.HTML
	if may(u, router.RightEdit) {
		d.HTMLBody = editSections(pi, site.registry(), lang)
	}
	d.PageExt = pi.Ext
	d.PageSummary = pi.Summary
	d.PageRevisionID = pi.RevID
	setLastEdited(d, pi, u, lang)
	if m.RedirectedFrom != "" {
		d.PageRedirectedFrom = router.DisplayTitle(m.RedirectedFrom)
		d.LinkRedirectedFrom = routeURL(site.registry(), "page.view", "title", m.RedirectedFrom) + "?redirect=no"
		d.RedirectFragment = m.RedirectFragment
		d.HTMLRedirectedFrom = string(lang.HTML("redirectedfrom", "Link", link(d.LinkRedirectedFrom, d.PageRedirectedFrom)))
	}
	setOutline(d, sk, pi)
	setMembers(d, pi.Title, pi.Members, lang)
	setTemplateUsers(d, pi, site, lang)
	if pi.Redirect != "" {
		d.IsRedirect = true
		d.PageRedirectTarget = router.DisplayTitle(pi.Redirect)
		d.LinkRedirectTarget = router.TitleURL(pi.Redirect)
		d.IsRedirectLoop = m.RedirectLoop
	}
	if pi.Pair.Title != "" && pi.Title == m.Page {
		m.PairExists = pi.Pair.Exists
	}
	d.setNav(u, site, m, true, lang)
	s.addAssets(sk, d, pi.Needs)
	return s.withReader(filter(d), u, site)
}

// PageData returns the template data of any HTML page that is not a view
// of a revision: a dynamic view (history, diff, search …), an action's form,
// or an error. heading is the page heading as text; body is HTML the server
// built and escaped (html/template), shown where a view shows the page.
// Tabs appear when m.Page names a page. It runs the DataHook filters.
func (s *Set) PageData(heading, body string, u *blob.UserInfo, m Meta, site Site, skin string) *Data {
	sk := s.skin(skin)
	d, lang := s.base(sk, heading, u, m, site)
	d.HTMLBody = body
	d.setNav(u, site, m, true, lang)
	s.addAssets(sk, d, blob.Needs{})
	s.addEditor(d, m, lang)
	return s.withReader(filter(d), u, site)
}

// PreviewData returns the template data of an edit form's preview (the
// "Show preview" button): the page around body as PageData's, with the
// article keys a view of the previewed revision pi has — its table of
// contents, its category bar and the stylesheets it needs — so the preview
// looks as the saved page will. body is HTML the server built: the notice,
// pi's HTML and the form. It runs the DataHook filters.
func (s *Set) PreviewData(heading, body string, pi *blob.PageInfo, u *blob.UserInfo, m Meta, site Site, skin string) *Data {
	sk := s.skin(skin)
	d, lang := s.base(sk, heading, u, m, site)
	contentLanguage(d, site)
	d.HTMLBody = body
	d.PageExt = pi.Ext
	setOutline(d, sk, pi)
	d.setNav(u, site, m, true, lang)
	s.addAssets(sk, d, pi.Needs)
	s.addEditor(d, m, lang)
	return s.withReader(filter(d), u, site)
}

// contentLanguage marks d's body as a page's content: in the wiki's
// language (--lang), whatever the interface's.
func contentLanguage(d *Data, site Site) {
	cl := site.ContentLanguage()
	d.PageLang, d.PageDir = cl.Code, cl.Dir
}

// setOutline fills the table of contents (in skins that show one) and the
// category bar of a view of pi.
func setOutline(d *Data, sk *skin, pi *blob.PageInfo) {
	if sk.man.Capabilities.TOC {
		d.TOC = tocEntries(pi.TOC)
		d.HasTOC = len(d.TOC) >= MinTOC
		if !d.HasTOC {
			d.TOC = nil
		}
	}
	d.Categories = categoryLinks(pi.Categories)
	d.HasCategories = len(d.Categories) > 0
}

// MissingData returns the template data of the view of a page that does
// not exist (title is its DB key): a 404 whose skin says so, with a link to
// create the page for readers who may. A category without a page lists
// members, its pages (pageinfo.Cache.Members). It runs the DataHook
// filters.
func (s *Set) MissingData(title string, members []string, u *blob.UserInfo, m Meta, site Site, skin string) *Data {
	if m.Page == "" {
		m.Page = title
	}
	if m.Status == 0 {
		m.Status = http.StatusNotFound
	}
	sk := s.skin(skin)
	d, lang := s.base(sk, router.DisplayTitle(m.Page), u, m, site)
	d.IsMissing = true
	setMembers(d, title, members, lang)
	if may(u, router.RightEdit) && may(u, router.RightCreate) {
		d.LinkCreate = routeURL(site.registry(), "page.edit", "title", m.Page)
	} else if d.LinkLogin != "" {
		d.HTMLLoginToCreate = string(lang.HTML("login-to-create", "Link", link(d.LinkLogin, lang.T("pt-login"))))
	}
	d.setNav(u, site, m, false, lang)
	s.addAssets(sk, d, blob.Needs{})
	return s.withReader(filter(d), u, site)
}

// withReader fills d's UserKeys: the reader's, built once per UserInfo
// (and per watched state of the page shown).
func (s *Set) withReader(d *Data, u *blob.UserInfo, site Site) *Data {
	d.UserKeys = s.reader(u, site, d.Skin, watches(u, d.PageTitle), site.Language(d.InterfaceLang, u)).keys
	return d
}

// base fills what every page has: site, user, route and status, in the
// interface language of the request, which it returns.
func (s *Set) base(sk *skin, heading string, u *blob.UserInfo, m Meta, site Site) (*Data, *i18n.Lang) {
	status := m.Status
	if status == 0 {
		status = http.StatusOK
	}
	d := &Data{Skin: sk.man.Name}
	lang := site.Language(m.UseLang, u)
	d.SiteKeys = siteKeys(site, m, lang)
	d.InterfaceLang, d.InterfaceDir = lang.Code, lang.Dir
	d.PageLang, d.PageDir = lang.Code, lang.Dir // the server's own pages; a page's content sets contentLanguage
	d.Messages = s.messages(lang, sk)
	d.PageTitle = m.Page
	d.PageHeading = heading
	d.DocumentTitle = lang.T("pagetitle", "Title", heading, "Site", d.SiteName)
	d.LinkCanonical = m.CanonicalURL
	d.PageRobots = "noindex"
	d.IsView = m.Class == router.ClassView
	d.IsError = status >= 400
	d.HTTPStatus = status
	d.RouteName = m.RouteName
	d.RouteClass = string(m.Class)
	d.LinkLogin = loginURL(site.registry(), m.Page)
	if site.OpenRegistration {
		d.LinkRegister = returnURL(site.registry(), "user.register", m.Page)
	}
	d.LoginTip = tooltip(lang, "tooltip-pt-login", "o")
	d.UserPageTip = tooltip(lang, "tooltip-pt-userpage", ".")
	d.WatchTip = tooltip(lang, "tooltip-ca-watch", "w")
	d.UnwatchTip = tooltip(lang, "tooltip-ca-unwatch", "w")
	return d, lang
}

func siteKeys(site Site, m Meta, lang *i18n.Lang) SiteKeys {
	sidebar := site.Sidebar
	if sidebar == nil {
		sidebar = DefaultSidebar(site, lang)
	}
	search := lang.T("searchsuggest-search", "Site", site.WikiName())
	return SiteKeys{
		SiteName:     site.WikiName(),
		SiteLang:     site.lang(),
		SiteDir:      site.ContentLanguage().Dir,
		SiteLogo:     site.Logo,
		LinkMainPage: router.TitleURL(site.mainPage()),
		LinkSearch:   routeURL(site.registry(), "search"),
		LinkSuggest:  routeURL(site.registry(), "api.titles"),
		LinkManifest: routeURL(site.registry(), "webmanifest"),
		LinkWorker:   site.workerURL(),
		SearchQuery:  m.SearchQuery,
		SearchLabel:  search,
		SearchTip:    lang.T("tooltip-accesskey", "Tooltip", search, "Key", "f"),
		Sidebar:      cloneLinks(sidebar),
		FooterLinks:  cloneLinks(site.Footer),
	}
}

// setLastEdited fills the revision's time and author, and the footer's
// sentence about them in lang (MediaWiki's lastmodifiedat, lastmodifiedatby).
func setLastEdited(d *Data, pi *blob.PageInfo, u *blob.UserInfo, lang *i18n.Lang) {
	if pi.Author != "" {
		d.PageLastAuthor = pi.Author
		d.LinkLastAuthor = userPageURL(pi.Author)
	}
	if pi.Timestamp.IsZero() {
		return
	}
	d.PageLastEdited = pi.Timestamp.UTC().Format(time.RFC3339)
	loc := timezone(u)
	t := pi.Timestamp.In(loc)
	d.PageLastEditedText = formatTime(lang, t, loc)
	date := htmpl.HTML(`<time datetime="` + html.EscapeString(d.PageLastEdited) + `">` + html.EscapeString(lang.Date(t)) + `</time>`)
	at := lang.T("time-with-zone", "Time", lang.Time(t), "Zone", t.Format("MST"))
	if d.PageLastAuthor == "" {
		d.HTMLLastEdited = string(lang.HTML("lastmodifiedat", "Date", date, "Time", at))
		return
	}
	d.HTMLLastEdited = string(lang.HTML("lastmodifiedatby", "Date", date, "Time", at, "Author", link(d.LinkLastAuthor, d.PageLastAuthor)))
}

// tocEntries numbers the headings and makes their levels relative to the
// page's top level.
func tocEntries(hs []blob.TOCEntry) []TOCEntry {
	if len(hs) == 0 {
		return nil
	}
	top := hs[0].Level
	for _, h := range hs {
		top = min(top, h.Level)
	}
	out := make([]TOCEntry, len(hs))
	var counters [7]int
	depth := 0
	for i, h := range hs {
		// A heading never nests more than one level below the previous one.
		depth = min(h.Level-top+1, depth+1)
		counters[depth]++
		for j := depth + 1; j < len(counters); j++ {
			counters[j] = 0
		}
		out[i] = TOCEntry{Level: depth, Number: outline(counters[1 : depth+1]), Anchor: h.Anchor, Text: h.Text, Href: "#" + h.Anchor}
	}
	return out
}

// outline joins counters with dots: "1.2.1".
func outline(cs []int) string {
	b := make([]byte, 0, 2*len(cs))
	for i, c := range cs {
		if i > 0 {
			b = append(b, '.')
		}
		b = appendInt(b, c)
	}
	return string(b)
}

func appendInt(b []byte, n int) []byte {
	if n >= 10 {
		b = appendInt(b, n/10)
	}
	return append(b, byte('0'+n%10))
}

func categoryLinks(cats []string) []Link {
	if len(cats) == 0 {
		return nil
	}
	out := make([]Link, len(cats))
	for i, c := range cats {
		out[i] = Link{Text: router.DisplayTitle(c), Href: router.TitleURL(router.CategoryTitle(c))}
	}
	return out
}

// setMembers fills the keys of a category page: its name, the heading of
// its members in lang, and its members.
func setMembers(d *Data, title string, members []string, lang *i18n.Lang) {
	name, ok := router.CutNamespace(title, router.CategoryNamespace)
	if !ok {
		return
	}
	d.IsCategory = true
	d.CategoryName = router.DisplayTitle(name)
	d.CategoryHeading = lang.T("category-header", "Category", d.CategoryName)
	d.HasCategoryMembers = len(members) > 0
	if d.HasCategoryMembers {
		d.CategoryMembers = make([]Link, len(members))
		for i, t := range members {
			d.CategoryMembers[i] = Link{Text: router.DisplayTitle(t), Href: router.TitleURL(t)}
		}
	}
}

// setTemplateUsers fills the keys of a template's page: the pages using
// it, and where to find all of them when it lists only the first (a
// sentence in lang).
func setTemplateUsers(d *Data, pi *blob.PageInfo, site Site, lang *i18n.Lang) {
	if !router.InNamespace(pi.Title, router.TemplateNamespace) {
		return
	}
	d.IsTemplate = true
	d.TemplateUsers = titleLinks(pi.UsedBy)
	d.HasTemplateUsers = len(d.TemplateUsers) > 0
	if pi.UsedByMore {
		d.LinkTemplateUsersMore = routeURL(site.registry(), "page.backlinks", "title", pi.Title)
	}
	if d.LinkTemplateUsersMore != "" {
		d.HTMLTemplateUsersMore = string(lang.HTML("template-users-more", "Link", link(d.LinkTemplateUsersMore, lang.T("whatlinkshere"))))
	}
}

// titleLinks links titles to their pages.
func titleLinks(titles []string) []Link {
	if len(titles) == 0 {
		return nil
	}
	out := make([]Link, len(titles))
	for i, t := range titles {
		out[i] = Link{Text: router.DisplayTitle(t), Href: router.TitleURL(t)}
	}
	return out
}

func cloneLinks(ls []Link) []Link {
	if len(ls) == 0 {
		return nil
	}
	return append([]Link(nil), ls...)
}
