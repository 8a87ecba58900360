package skin

import "encoding/json"

// Data is the template data of one HTML page: the one contract between
// Folio and its skins. Each json tag is the Mustache key a template uses,
// after MediaWiki's SkinMustache conventions: html-* keys hold HTML and are
// the only keys a template may render raw ({{{html-body}}}); data-* keys hold
// lists and objects; is-* and has-* keys are booleans; link-* keys are URLs;
// every other key is plain text or a number, which Mustache escapes.
//
// Data is plain data: no methods, no funcs, no pointers into caches. It is
// built by Set.ViewData, Set.PageData or Set.MissingData, passed through the
// DataHook filters, and rendered by Set.Render, which neither changes nor
// keeps it. "folio skin data URL" prints it as JSON, with the same keys.
// The groups below (SiteKeys, PageKeys, …) are embedded: their keys sit at
// the top level, as in the JSON. skin/DATA.md lists every key.
//
// PageExt is not a key: it carries the extension data of the PageInfo (its
// Ext map, by hook id) to DataHook filters, which turn it into keys
// (data-indicators …). The UserInfo's extension data goes to UserDataHook
// filters, which fill UserKeys.
type Data struct {
	Skin string `json:"skin"` // name of the skin rendering the page
	SiteKeys
	PageKeys
	UserKeys
	ActionKeys
	AssetKeys

	PageExt map[string]json.RawMessage `json:"-"` // PageInfo.Ext of a view, for DataHook filters; shared, do not modify

	// Messages are the interface messages a skin shows, in the view's
	// interface language (interface-lang): msg-KEY keys at the top level,
	// plain text ("msg-search": "Search"), from the skin group of the
	// catalogs (package i18n) and the skin's own messages/. skin/DATA.md
	// lists them. Shared between views: do not modify.
	Messages map[string]string `json:"-" mustache:"msg-"`
}

// MarshalJSON writes d as the skin sees it: its keys, and each message as
// a key of its own (msg-KEY) after them, sorted.
func (d Data) MarshalJSON() ([]byte, error) {
	type plain Data // without this method
	b, err := json.Marshal(plain(d))
	if err != nil || len(d.Messages) == 0 {
		return b, err
	}
	msgs, err := json.Marshal(d.Messages)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(b)+len(msgs))
	out = append(out, b[:len(b)-1]...)
	out = append(out, ',')
	return append(out, msgs[1:]...), nil
}

// SiteKeys describe the wiki: from the site configuration (Site), the same
// on every page.
type SiteKeys struct {
	SiteName     string `json:"site-name"`           // the wiki's name
	SiteLang     string `json:"site-lang"`           // BCP 47 code of the wiki's content language (--lang), for the lang attribute of the page's content
	SiteDir      string `json:"site-dir"`            // the direction of the content language, "ltr" or "rtl", for the dir attribute of the page's content
	SiteLogo     string `json:"site-logo"`           // URL of the logo image; "" for none
	LinkMainPage string `json:"link-mainpage"`       // URL of the main page
	LinkSearch   string `json:"link-search"`         // action of the search form (GET, parameter q)
	LinkSuggest  string `json:"link-suggest"`        // URL of the title-suggestions API (GET, ?prefix=&limit=), for the search box's data-suggest; "" for none
	LinkManifest string `json:"link-manifest"`       // URL of the web app manifest, for <link rel=manifest>; "" for none
	LinkWorker   string `json:"link-service-worker"` // URL of the service worker offline.js registers, for <meta name=folio-service-worker>; "" when the wiki has none
	SearchQuery  string `json:"search-query"`        // the query being searched, to fill the search box; "" elsewhere
	SearchLabel  string `json:"search-label"`        // the search box's label and placeholder, in the interface language: "Search Folio" (MediaWiki's searchsuggest-search)
	SearchTip    string `json:"search-tooltip"`      // the search box's title, with its access key: "Search Folio [alt-shift-f]"
	Sidebar      []Link `json:"data-sidebar"`        // site navigation links, in order
	FooterLinks  []Link `json:"data-footer-links"`   // links in the footer (about, privacy …), in order
}

// PageKeys describe the page shown: the revision (from PageInfo) for a view,
// or what the server built for any other page.
type PageKeys struct {
	InterfaceLang string `json:"interface-lang"`  // BCP 47 code of the view's interface language (?uselang=, the reader's preference, the wiki's --lang), which the msg-* keys are in: for <html lang>
	InterfaceDir  string `json:"interface-dir"`   // its direction, "ltr" or "rtl": for <html dir>
	PageLang      string `json:"page-lang"`       // BCP 47 code of the language html-body is in: the wiki's (site-lang) for a page's content (views, previews), the interface's for pages the server builds (history, forms …) — MediaWiki's page language, for the body's lang attribute
	PageDir       string `json:"page-dir"`        // its direction, "ltr" or "rtl", for the body's dir attribute
	PageTitle     string `json:"page-title"`      // DB key of the page the URL is about ("Foo_bar"); "" for none
	PageHeading   string `json:"page-heading"`    // the heading of the page, as text ("Foo bar", "History of Foo bar", "Not Found")
	HasIndicators bool   `json:"has-indicators"`  // data-indicators is not empty
	Indicators    []Link `json:"data-indicators"` // short status items next to the heading, from extensions ("3 min read"); href may be ""

	DocumentTitle         string     `json:"document-title"`           // the text of <title>: heading and site name
	LinkCanonical         string     `json:"link-canonical"`           // canonical URL of the page, for <link rel=canonical>; "" for none
	PageRobots            string     `json:"page-robots"`              // content of <meta name=robots>: "noindex" for pages crawlers should skip; "" otherwise
	PageSummary           string     `json:"page-summary"`             // first paragraph as plain text, for <meta name=description>; "" for none
	PageRevisionID        int64      `json:"page-revision-id"`         // revision shown; 0 when the page is not a revision
	PageLastEdited        string     `json:"page-last-edited"`         // time of that revision, RFC 3339 in UTC, for <time datetime>; "" for none
	PageLastEditedText    string     `json:"page-last-edited-text"`    // the same time for people, in the interface language and the reader's time zone: "15:04, 2 January 2006 (UTC)"
	HTMLLastEdited        string     `json:"html-last-edited"`         // the footer's sentence about that revision, in the interface language: "This page was last edited on <time datetime=…>2 January 2006</time>, at 15:04 (UTC) by <a href=…>Author</a>." (MediaWiki's lastmodifiedatby); "" without page-last-edited
	PageLastAuthor        string     `json:"page-last-author"`         // user name of that revision's author
	LinkLastAuthor        string     `json:"link-last-author"`         // URL of the author's user page
	HTMLBody              string     `json:"html-body"`                // the body: the rendered, sanitized page for views (for readers who may edit, each section heading wrapped in div.mw-heading with its span.mw-editsection link); server-built HTML otherwise
	HasTOC                bool       `json:"has-toc"`                  // the page is long enough for a table of contents (at least MinTOC headings)
	TOC                   []TOCEntry `json:"data-toc"`                 // the headings of the body, in order; empty without has-toc
	HasCategories         bool       `json:"has-categories"`           // the page is in at least one category
	Categories            []Link     `json:"data-categories"`          // the page's categories, linked to their category pages
	IsCategory            bool       `json:"is-category"`              // the page is a category page (its title is in the Category namespace), existing or not
	CategoryName          string     `json:"category-name"`            // category pages: the category's name, as text ("Docs")
	CategoryHeading       string     `json:"category-heading"`         // category pages: the heading of its members, in the interface language: "Pages in category “Docs”" (MediaWiki's category_header)
	HasCategoryMembers    bool       `json:"has-category-members"`     // category pages: data-category-members is not empty
	CategoryMembers       []Link     `json:"data-category-members"`    // category pages: the pages in the category, by title, linked (500 at most)
	IsTemplate            bool       `json:"is-template"`              // the page is a template's page (its title is in the Template namespace) and exists
	HasTemplateUsers      bool       `json:"has-template-users"`       // template pages: data-template-users is not empty
	TemplateUsers         []Link     `json:"data-template-users"`      // template pages: "Pages using this template", those transcluding it (directly or through other templates), by title, linked (200 at most)
	LinkTemplateUsersMore string     `json:"link-template-users-more"` // template pages using more pages than data-template-users lists: URL of "What links here", which lists them all; "" otherwise
	HTMLTemplateUsersMore string     `json:"html-template-users-more"` // with link-template-users-more: the sentence that links it, in the interface language: "More pages use this template: see <a href=…>What links here</a>."
	PageRedirectedFrom    string     `json:"page-redirected-from"`     // a redirect's target shown at the redirect's URL: the redirect's title, as text; "" otherwise
	LinkRedirectedFrom    string     `json:"link-redirected-from"`     // with page-redirected-from: the URL of the redirect page itself (?redirect=no)
	RedirectFragment      string     `json:"redirect-fragment"`        // with page-redirected-from: the id of the section the redirect names, to scroll to; "" for none
	HTMLRedirectedFrom    string     `json:"html-redirected-from"`     // with page-redirected-from: "(Redirected from <a href=…>Title</a>)" in the interface language (MediaWiki's redirectedfrom)
	IsRedirect            bool       `json:"is-redirect"`              // the page is a redirect
	IsRedirectLoop        bool       `json:"is-redirect-loop"`         // the redirect leads back to itself (directly or through its target): shown, with a warning, instead of followed
	PageRedirectTarget    string     `json:"page-redirect-target"`     // redirects: the target's title, as text
	LinkRedirectTarget    string     `json:"link-redirect-target"`     // redirects: the target's URL
	IsMissing             bool       `json:"is-missing"`               // the page does not exist (the 404 of a page view)
	LinkCreate            string     `json:"link-create"`              // missing pages: URL of the form that creates it, if the reader may; "" otherwise
	HTMLLoginToCreate     string     `json:"html-login-to-create"`     // missing pages the reader may not create: "<a href=…>Log in</a> to create it." in the interface language, for anonymous readers (link-login); "" otherwise
	IsView                bool       `json:"is-view"`                  // the route is a page view (route class "view"), cacheable for anonymous readers
	IsError               bool       `json:"is-error"`                 // the response is an error (status 400 or more)
	HTTPStatus            int        `json:"http-status"`              // the response's HTTP status
	RouteName             string     `json:"route-name"`               // name of the route ("page.view", "page.history" …); "" for router errors
	RouteClass            string     `json:"route-class"`              // class of the route: view, dynamic, action, error …
}

// UserKeys describe the reader: from UserInfo, through the UserDataHook
// filters, and nothing else — the same on every page the reader views, so
// they are built once per session and are the only holes a specialized
// page view fills per request. For anonymous readers they are the same for
// everyone, so anonymous views stay cacheable.
type UserKeys struct {
	IsAnon            bool     `json:"is-anon"`                 // the reader is not logged in
	UserName          string   `json:"user-name"`               // the logged-in user's name; "" for anonymous readers
	LinkUserPage      string   `json:"link-user-page"`          // URL of the user's page; "" for anonymous readers
	UserGroups        []string `json:"data-user-groups"`        // the user's groups ("sysop" …), beyond everyone's
	UserRights        []string `json:"data-user-rights"`        // the rights the reader has now ("read", "edit" …), sorted
	UserEditCount     int      `json:"user-edit-count"`         // number of edits the user has made
	IsBlocked         bool     `json:"is-blocked"`              // a block is in force: the user may read and nothing else
	UserBlockReason   string   `json:"user-block-reason"`       // why the user is blocked
	UserBlockBy       string   `json:"user-block-by"`           // who blocked the user
	UserBlockExpiry   string   `json:"user-block-expiry"`       // when the block ends, for people, in the interface language and the user's zone; "" for an indefinite block
	HTMLBlockNotice   string   `json:"html-user-block-notice"`  // with is-blocked: the notice of the block in the interface language — that the user is blocked (in <strong>), the reason, who blocked, when it ends, that reading still works; "" otherwise
	HasNotifications  bool     `json:"has-notifications"`       // user-notification-count is more than zero
	NotificationCount int      `json:"user-notification-count"` // the user's unread notifications (the bell's count); 0 for anonymous readers
	NotificationText  string   `json:"user-notification-text"`  // the same count as a phrase in the interface language, for screen readers: "3 unread notifications" (plural forms); "" without notifications
	LinkNotifications string   `json:"link-notifications"`      // URL of the user's notifications (/-/notifications); "" for anonymous readers
	HasNewMessages    bool     `json:"has-new-messages"`        // someone else edited the user's talk page since they last viewed it: show "You have new messages" (MediaWiki's orange bar)
	LinkUserTalk      string   `json:"link-user-talk"`          // URL of the user's talk page (User_talk:Name); "" for anonymous readers
	HTMLNewMessages   string   `json:"html-new-messages"`       // with has-new-messages: "You have <a href=…>new messages</a> on your talk page." in the interface language (MediaWiki's youhavenewmessages); "" otherwise
	IsWatched         bool     `json:"is-watched"`              // the logged-in reader watches the page shown: the watch star is filled and its form posts to link-unwatch; false for anonymous readers and pages without a title
	CSRFToken         string   `json:"csrf-token"`              // the session's CSRF token, for POST forms (field "csrf"); "" for anonymous readers
	UserTheme         string   `json:"user-theme"`              // the user's colour preference, "auto", "light" or "dark": the initial data-theme of <html> (the folio_theme cookie overrides it)
	LinkLogout        string   `json:"link-logout"`             // action of the logout form (POST with csrf)
	LinkPreferences   string   `json:"link-preferences"`        // URL of the user's preferences
	Personal          []Link   `json:"data-personal"`           // more personal links for logged-in users, in MediaWiki's order: talk (pt-mytalk), preferences (pt-preferences), watchlist (pt-watchlist), then extensions' links
}

// ActionKeys are what the reader can do with the page: tabs and actions,
// only those the reader's rights allow, and the ways to log in (or create
// an account) and return.
type ActionKeys struct {
	HasNamespaceTabs bool   `json:"has-namespace-tabs"`  // the page has namespace tabs (its title is not a Special page's)
	NamespaceTabs    []Tab  `json:"data-namespace-tabs"` // the subject page's tab ("Page", "User page", "Category" …: id "subject") and the talk page's ("Discussion": id "talk"), each is-new when its page does not exist and is-selected for the one shown
	HasTabs          bool   `json:"has-tabs"`            // the page has tabs (it is about a page title)
	Tabs             []Tab  `json:"data-tabs"`           // read, edit (or create, or view source), add topic (on an existing talk page, for readers who may edit) and history
	HasPageActions   bool   `json:"has-page-actions"`    // data-page-actions is not empty
	PageActions      []Tab  `json:"data-page-actions"`   // what links here, and move, delete, protect for those with the right
	LinkLogin        string `json:"link-login"`          // URL of the login form, returning to this page
	LinkRegister     string `json:"link-register"`       // URL of the form that creates an account, returning to this page, when anyone may register (--registration open); "" otherwise
	LinkWatch        string `json:"link-watch"`          // action of the watch star's form when the page is not watched (POST with csrf): adds it to the reader's watchlist; "" without a page title
	LinkUnwatch      string `json:"link-unwatch"`        // action of the watch star's form when it is (is-watched); "" without a page title
	LoginTip         string `json:"login-tooltip"`       // the login link's title, in the interface language, with its access key: "You are encouraged to log in; however, it is not mandatory [alt-shift-o]"
	UserPageTip      string `json:"userpage-tooltip"`    // the user page link's title, with its access key: "Your user page [alt-shift-.]"
	WatchTip         string `json:"watch-tooltip"`       // the watch star's title when the page is not watched, with its access key: "Add this page to your watchlist [alt-shift-w]"
	UnwatchTip       string `json:"unwatch-tooltip"`     // the watch star's title when it is: "Remove this page from your watchlist [alt-shift-w]"
}

// AssetKeys are the skin's stylesheets and scripts, with fingerprinted URLs
// (/static/<hash>/<file>), and the inline colour-theme script.
type AssetKeys struct {
	Stylesheets     []URL  `json:"data-stylesheets"`  // stylesheets for <link rel=stylesheet>, the skin's and those the page needs
	Scripts         []URL  `json:"data-scripts"`      // scripts for <script defer>, the skin's and those the page needs
	EditorMessages  string `json:"editor-messages"`   // the edit form's page: the words of the editor's script (EditorFile) in the interface language, a JSON object by message key, for <body data-editor-messages>; "" elsewhere
	HTMLThemeScript string `json:"html-theme-script"` // the inline <script> that applies the folio_theme cookie before first paint (see CSPScriptHash); "" when the skin has no dark mode
}

// Link is one link of a list: text and URL.
type Link struct {
	ID        string `json:"id"`        // a stable identifier for styling and scripts ("n-mainpage"); may be ""
	Text      string `json:"text"`      // link text
	Href      string `json:"href"`      // URL
	AccessKey string `json:"accesskey"` // MediaWiki's access key of the link, for the accesskey attribute ("z" for the main page); "" for none
	Tooltip   string `json:"tooltip"`   // what the link does, with its access key as MediaWiki shows it ("Visit the main page [alt-shift-z]"), for the title attribute; "" for none
}

// Tab is one page tab or page action.
type Tab struct {
	ID         string `json:"id"`          // "subject", "talk" (namespace tabs); "read", "edit", "create", "source", "addsection", "history" (tabs); "backlinks", "info", "move", "delete" or "protect" (page actions)
	Text       string `json:"text"`        // label
	Href       string `json:"href"`        // URL
	IsSelected bool   `json:"is-selected"` // the current page is this tab
	IsNew      bool   `json:"is-new"`      // the tab leads to a page that does not exist yet (style it as a red link)
	AccessKey  string `json:"accesskey"`   // MediaWiki's access key of the tab, for the accesskey attribute: c subject page, t talk page, e edit/create/source, + add topic, h history, j what links here, m move, d delete, = protect; "" for none
	Tooltip    string `json:"tooltip"`     // what the tab does, with its access key as MediaWiki shows it ("Edit this page [alt-shift-e]"), for the title attribute
}

// TOCEntry is one heading in the table of contents.
type TOCEntry struct {
	Level  int    `json:"level"`  // nesting depth, 1 for the top level of this page's headings
	Number string `json:"number"` // outline number: "1", "1.2" …
	Anchor string `json:"anchor"` // id of the heading element
	Text   string `json:"text"`   // heading text
	Href   string `json:"href"`   // "#" and the anchor
}

// URL is one asset reference.
type URL struct {
	URL string `json:"url"` // fingerprinted URL of the asset
}
