package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/server"
)

// mwClient is a MediaWiki API client over a client's cookies.
type mwClient struct {
	*client
	path string
}

func newMW(t *testing.T, srv *server.Server) *mwClient {
	return &mwClient{client: newClient(t, srv), path: "/api.php"}
}

// call sends params (format=json added) by GET, or by POST when post, and
// returns the decoded answer; every answer must be a 200 with JSON.
func (c *mwClient) call(post bool, params ...string) map[string]any {
	c.t.Helper()
	v := url.Values{"format": {"json"}}
	for i := 0; i+1 < len(params); i += 2 {
		v.Set(params[i], params[i+1])
	}
	var rec interface {
		Result() *http.Response
	}
	var body string
	if post {
		r := c.do("POST", c.path, v)
		rec, body = r, r.Body.String()
	} else {
		r := c.do("GET", c.path+"?"+v.Encode(), nil)
		rec, body = r, r.Body.String()
	}
	res := rec.Result()
	if res.StatusCode != http.StatusOK {
		c.t.Fatalf("api.php %v: status %d, want 200\n%s", params, res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		c.t.Fatalf("api.php %v: Content-Type %q", params, ct)
	}
	var out map[string]any
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		c.t.Fatalf("api.php %v: %v\n%s", params, err, body)
	}
	if e, ok := out["error"].(map[string]any); ok && res.Header.Get("MediaWiki-API-Error") != e["code"] {
		c.t.Errorf("api.php %v: MediaWiki-API-Error %q, error code %v", params, res.Header.Get("MediaWiki-API-Error"), e["code"])
	}
	return out
}

// ok calls and fails on an error answer.
func (c *mwClient) ok(post bool, params ...string) map[string]any {
	c.t.Helper()
	out := c.call(post, params...)
	if e, ok := out["error"]; ok {
		c.t.Fatalf("api.php %v: error %v", params, e)
	}
	return out
}

// fail calls and wants the error code.
func (c *mwClient) fail(code string, post bool, params ...string) map[string]any {
	c.t.Helper()
	out := c.call(post, params...)
	e, _ := out["error"].(map[string]any)
	if e == nil || e["code"] != code {
		c.t.Fatalf("api.php %v: %v, want error %q", params, out, code)
	}
	if e["info"] == "" {
		c.t.Errorf("api.php %v: error without info", params)
	}
	return out
}

// login logs in through the API.
func (c *mwClient) login(name string) {
	c.t.Helper()
	tok := dig(c.ok(false, "action", "query", "meta", "tokens", "type", "login", "formatversion", "2"), "query", "tokens", "logintoken").(string)
	res := c.ok(true, "action", "login", "lgname", name, "lgpassword", password, "lgtoken", tok, "formatversion", "2")
	if r := dig(res, "login", "result"); r != "Success" {
		c.t.Fatalf("login: %v", res)
	}
}

func (c *mwClient) csrf() string {
	c.t.Helper()
	return dig(c.ok(false, "action", "query", "meta", "tokens", "formatversion", "2"), "query", "tokens", "csrftoken").(string)
}

// dig walks a decoded JSON value by keys (and list indexes as "0", "1" …).
func dig(v any, path ...string) any {
	for _, k := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := 0
			for _, c := range k {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func TestMWAPISiteInfoTokensUserInfo(t *testing.T) {
	srv, _ := newServer(t)
	c := newMW(t, srv)
	out := c.ok(false, "action", "query", "meta", "siteinfo|tokens|userinfo", "siprop", "general|namespaces|namespacealiases|statistics",
		"type", "csrf|login|watch|createaccount|patrol", "uiprop", "rights|groups|blockinfo", "formatversion", "2")
	q := out["query"]
	if g := dig(q, "general", "generator").(string); !strings.HasPrefix(g, "MediaWiki 1.") {
		t.Errorf("generator %q: clients read MediaWiki's version from it", g)
	}
	if dig(q, "general", "mainpage") != "Main Page" || dig(q, "general", "case") != "first-letter" || dig(q, "general", "articlepath") != "/wiki/$1" {
		t.Errorf("general = %v", dig(q, "general"))
	}
	if dig(q, "namespaces", "2", "name") != "User" || dig(q, "namespaces", "14", "canonical") != "Category" || dig(q, "namespaces", "0", "name") != "" {
		t.Errorf("namespaces = %v", dig(q, "namespaces"))
	}
	if dig(q, "namespacealiases", "0", "alias") != "Image" {
		t.Errorf("namespacealiases = %v", dig(q, "namespacealiases"))
	}
	if n, _ := dig(q, "statistics", "pages").(float64); n < 1 {
		t.Errorf("statistics = %v", dig(q, "statistics"))
	}
	for _, k := range []string{"csrftoken", "logintoken", "watchtoken", "createaccounttoken", "patroltoken"} {
		if tok, _ := dig(q, "tokens", k).(string); !strings.HasSuffix(tok, `+\`) || len(tok) < 10 {
			t.Errorf("%s = %q, want a token ending in +\\", k, tok)
		}
	}
	if dig(q, "userinfo", "anon") != true || dig(q, "userinfo", "id") != 0.0 {
		t.Errorf("userinfo = %v", dig(q, "userinfo"))
	}
	if r := dig(q, "userinfo", "rights").([]any); len(r) == 0 || r[0] != "read" {
		t.Errorf("anonymous rights = %v", r)
	}
	// Version 1: names under "*", booleans as "".
	out = c.ok(false, "action", "query", "meta", "siteinfo|userinfo", "siprop", "namespaces")
	if dig(out, "query", "namespaces", "2", "*") != "User" || dig(out, "query", "userinfo", "anon") != "" {
		t.Errorf("formatversion 1 = %v", out)
	}
	if out["batchcomplete"] != "" {
		t.Errorf("batchcomplete = %v", out["batchcomplete"])
	}
	// /w/api.php is the same API.
	c.path = "/w/api.php"
	c.ok(false, "action", "query", "meta", "siteinfo")
}

func TestMWAPILoginEditRead(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newMW(t, srv)
	c.fail("assertuserfailed", false, "action", "query", "meta", "userinfo", "assert", "user")
	// A wrong password, a wrong token.
	tok := dig(c.ok(false, "action", "query", "meta", "tokens", "type", "login"), "query", "tokens", "logintoken").(string)
	if r := c.ok(true, "action", "login", "lgname", "Alice", "lgpassword", "nope", "lgtoken", tok); dig(r, "login", "result") != "Failed" {
		t.Errorf("wrong password: %v", r)
	}
	if r := c.ok(true, "action", "login", "lgname", "Alice", "lgpassword", password, "lgtoken", "x+\\"); dig(r, "login", "result") != "WrongToken" {
		t.Errorf("wrong token: %v", r)
	}
	// The old way: action=login without a token answers NeedToken.
	r := c.ok(true, "action", "login", "lgname", "Alice", "lgpassword", password)
	if dig(r, "login", "result") != "NeedToken" {
		t.Fatalf("login without lgtoken: %v", r)
	}
	c.login("Alice")
	ui := c.ok(false, "action", "query", "meta", "userinfo", "uiprop", "rights|groups", "assert", "user", "formatversion", "2")
	if dig(ui, "query", "userinfo", "name") != "Alice" {
		t.Fatalf("userinfo after login: %v", ui)
	}
	csrf := c.csrf()
	c.fail("mustbeposted", false, "action", "edit", "title", "Fresh", "text", "x", "token", csrf)
	c.fail("missingparam", true, "action", "edit", "title", "Fresh", "text", "x")
	c.fail("badtoken", true, "action", "edit", "title", "Fresh", "text", "x", "token", "nope+\\")
	c.fail("missingtitle", true, "action", "edit", "title", "Fresh", "text", "x", "nocreate", "1", "token", csrf)

	ed := c.ok(true, "action", "edit", "title", "fresh page", "text", "one\n\ntwo\n\nthree\n", "summary", "new", "token", csrf, "formatversion", "2")
	if dig(ed, "edit", "result") != "Success" || dig(ed, "edit", "new") != true || dig(ed, "edit", "title") != "Fresh page" || dig(ed, "edit", "contentmodel") != "markdown" {
		t.Fatalf("create: %v", ed)
	}
	first := int64(dig(ed, "edit", "newrevid").(float64))
	c.fail("articleexists", true, "action", "edit", "title", "Fresh page", "text", "x", "createonly", "1", "token", csrf)
	// A second edit from the current revision.
	ed = c.ok(true, "action", "edit", "title", "Fresh page", "text", "one\n\ntwo\n\nTHREE\n", "baserevid", itoa64(first), "token", csrf, "formatversion", "2")
	second := int64(dig(ed, "edit", "newrevid").(float64))
	if dig(ed, "edit", "oldrevid").(float64) != float64(first) {
		t.Errorf("second edit: %v", ed)
	}
	// From the first revision again: an overlapping change conflicts, one
	// elsewhere merges (the web's merge).
	c.fail("editconflict", true, "action", "edit", "title", "Fresh page", "text", "one\n\ntwo\n\nthree!\n", "baserevid", itoa64(first), "token", csrf)
	ed = c.ok(true, "action", "edit", "title", "Fresh page", "text", "ONE\n\ntwo\n\nthree\n", "baserevid", itoa64(first), "token", csrf, "formatversion", "2")
	if dig(ed, "edit", "result") != "Success" {
		t.Fatalf("merged edit: %v", ed)
	}
	c.ok(true, "action", "edit", "title", "Fresh page", "appendtext", "\nfour\n", "token", csrf)
	c.ok(true, "action", "edit", "title", "Fresh page", "section", "new", "sectiontitle", "Talk", "text", "hello", "token", csrf)
	nc := c.ok(true, "action", "edit", "title", "Fresh page", "appendtext", "", "token", csrf, "formatversion", "2")
	if dig(nc, "edit", "nochange") != true {
		t.Errorf("null edit: %v", nc)
	}
	c.fail("badmd5", true, "action", "edit", "title", "Fresh page", "text", "x", "md5", "0123", "token", csrf)
	// basetimestamp older than the second revision: a conflict.
	c.fail("editconflict", true, "action", "edit", "title", "Fresh page", "text", "one\n\ntwo\n\nthree?\n", "basetimestamp", "2001-01-01T00:00:00Z", "token", csrf)

	// Reading: version 2 with slots, version 1 with "*".
	rd := c.ok(false, "action", "query", "prop", "revisions", "titles", "fresh_page", "rvprop", "content|ids|timestamp|user|comment|size|sha1", "rvslots", "main", "formatversion", "2")
	page := dig(rd, "query", "pages", "0")
	text, _ := dig(page, "revisions", "0", "slots", "main", "content").(string)
	if !strings.HasPrefix(text, "ONE\n\ntwo\n\nTHREE\n") || !strings.Contains(text, "## Talk") || dig(page, "revisions", "0", "slots", "main", "contentmodel") != "markdown" {
		t.Errorf("read: %v", rd)
	}
	if dig(rd, "query", "normalized", "0", "to") != "Fresh page" || dig(page, "revisions", "0", "user") != "Alice" {
		t.Errorf("normalized, user: %v", rd)
	}
	rd = c.ok(false, "action", "query", "prop", "revisions|info", "titles", "Fresh page|Nothing here", "rvprop", "content")
	pages := dig(rd, "query", "pages").(map[string]any)
	if len(pages) != 2 || dig(pages, "-1", "missing") != "" {
		t.Errorf("version 1 pages: %v", pages)
	}
	for _, p := range pages {
		if s, ok := dig(p, "revisions", "0", "*").(string); ok && !strings.HasPrefix(s, "ONE") {
			t.Errorf("version 1 content: %v", p)
		}
	}
	// Enumerating revisions, with continuation.
	seen := 0
	params := []string{"action", "query", "prop", "revisions", "titles", "Fresh page", "rvlimit", "2", "rvprop", "ids", "formatversion", "2"}
	for range 10 {
		rd = c.ok(false, params...)
		seen += len(dig(rd, "query", "pages", "0", "revisions").([]any))
		cont, ok := rd["continue"].(map[string]any)
		if !ok {
			break
		}
		params = append(params[:12:12], "rvcontinue", cont["rvcontinue"].(string), "continue", cont["continue"].(string))
	}
	if seen != 5 {
		t.Errorf("enumerated %d revisions, want 5", seen)
	}
	rd = c.ok(false, "action", "query", "prop", "revisions", "revids", itoa64(second), "rvprop", "ids|content", "rvslots", "main", "formatversion", "2")
	if dig(rd, "query", "pages", "0", "revisions", "0", "revid") != float64(second) {
		t.Errorf("revids: %v", rd)
	}
	c.ok(true, "action", "logout", "token", csrf)
	c.fail("assertuserfailed", false, "action", "query", "meta", "userinfo", "assert", "user")
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func TestMWAPIErrors(t *testing.T) {
	srv, _ := newServer(t)
	c := newMW(t, srv)
	c.fail("badvalue", false, "action", "nosuchaction")
	c.fail("missingparam", false)
	c.fail("badvalue", false, "action", "query", "format", "xml")
	c.fail("badinteger", false, "action", "query", "pageids", "abc")
	c.fail("badinteger", false, "action", "query", "maxlag", "soon")
	c.fail("invalidparammix", false, "action", "query", "titles", "A", "pageids", "1")
	c.fail("toomanyvalues", false, "action", "query", "titles", strings.Repeat("A|", 60)+"A")
	c.fail("mustbeposted", false, "action", "login", "lgname", "x")
	c.fail("missingparam", true, "action", "edit", "title", "A", "text", "x")
	c.fail("assertbotfailed", false, "action", "query", "assert", "bot")
	c.fail("badvalue", false, "action", "query", "assert", "nobody")
	// An anonymous reader may not edit on a default wiki.
	csrf := c.csrf()
	c.fail("permissiondenied", true, "action", "edit", "title", "A", "text", "x", "token", csrf)
	c.fail("permissiondenied", true, "action", "delete", "title", "Main Page", "token", csrf)
	// Bad titles are marked, not fatal; huge limits are capped with a warning.
	out := c.ok(false, "action", "query", "titles", "A|B[x]|Special:Foo", "formatversion", "2")
	if dig(out, "query", "pages", "1", "invalid") != true || dig(out, "query", "pages", "2", "invalid") != true {
		t.Errorf("invalid titles: %v", out)
	}
	out = c.ok(false, "action", "query", "list", "allpages", "aplimit", "99999999999999999999", "formatversion", "2")
	if w := dig(out, "warnings", "allpages", "warnings"); w == nil || !strings.Contains(w.(string), "may not be over 500") {
		t.Errorf("huge limit: %v", out)
	}
	// Unknown parameters and values are warnings.
	out = c.ok(false, "action", "query", "meta", "siteinfo|nosuchmeta", "bogus", "1", "formatversion", "2")
	if w, _ := dig(out, "warnings", "main", "warnings").(string); !strings.Contains(w, "bogus") {
		t.Errorf("unknown parameter: %v", out)
	}
	if w, _ := dig(out, "warnings", "query", "warnings").(string); !strings.Contains(w, "nosuchmeta") {
		t.Errorf("unknown value: %v", out)
	}
	// errorformat=plaintext: a list of errors with their text.
	out = c.call(false, "action", "nosuch", "errorformat", "plaintext", "formatversion", "2")
	if dig(out, "errors", "0", "code") != "badvalue" || dig(out, "errors", "0", "text") == nil {
		t.Errorf("errorformat=plaintext: %v", out)
	}
	// paraminfo says which token a module takes (mwn asks after a badtoken).
	out = c.ok(false, "action", "paraminfo", "modules", "edit|login|nosuch", "formatversion", "2")
	if dig(out, "paraminfo", "modules", "0", "parameters", "0", "tokentype") != "csrf" || dig(out, "paraminfo", "modules", "1", "parameters", "0", "name") != "lgtoken" ||
		dig(out, "paraminfo", "modules", "2", "missing") != true {
		t.Errorf("paraminfo: %v", out)
	}
	// A token in the URL is refused, as MediaWiki's.
	rec := c.do("POST", "/api.php?token="+url.QueryEscape(csrf), url.Values{"action": {"edit"}, "title": {"A"}, "text": {"x"}, "format": {"json"}})
	if !strings.Contains(rec.Body.String(), `"mustpostparams"`) {
		t.Errorf("token in the URL: %s", rec.Body.String())
	}
	// Invalid UTF-8.
	rec = c.do("GET", "/api.php?action=query&titles=%FF&format=json", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"badutf8"`) {
		t.Errorf("invalid UTF-8: %d %s", rec.Code, rec.Body.String())
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
}

func TestMWAPIListsParseMoveDelete(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Admin", "sysop")
	c := newMW(t, srv)
	c.login("Admin")
	csrf := c.csrf()
	for _, p := range []string{"Apple", "Banana", "Cherry", "Help:Fruit"} {
		c.ok(true, "action", "edit", "title", p, "text", "# "+p+"\n\nA fruit called "+p+", see [[Banana]].\n\n[[Category:Fruit]]\n", "token", csrf)
	}
	// allpages in the main namespace, two at a time.
	var titles []string
	params := []string{"action", "query", "list", "allpages", "aplimit", "2", "formatversion", "2"}
	for range 10 {
		out := c.ok(false, params...)
		for _, p := range dig(out, "query", "allpages").([]any) {
			titles = append(titles, dig(p, "title").(string))
		}
		cont, ok := out["continue"].(map[string]any)
		if !ok {
			break
		}
		params = append(params[:8:8], "apcontinue", cont["apcontinue"].(string), "continue", cont["continue"].(string))
	}
	if strings.Join(titles, ",") != "Apple,Banana,Cherry,Main Page" {
		t.Errorf("allpages: %v", titles)
	}
	out := c.ok(false, "action", "query", "list", "allpages", "apnamespace", "12", "formatversion", "2")
	if dig(out, "query", "allpages", "0", "title") != "Help:Fruit" {
		t.Errorf("allpages in Help: %v", out)
	}
	// recentchanges, continued.
	n := 0
	params = []string{"action", "query", "list", "recentchanges", "rclimit", "3", "rcprop", "title|ids|user|timestamp|sizes|flags|comment", "formatversion", "2"}
	for range 10 {
		out := c.ok(false, params...)
		n += len(dig(out, "query", "recentchanges").([]any))
		cont, ok := out["continue"].(map[string]any)
		if !ok {
			break
		}
		params = append(params[:10:10], "rccontinue", cont["rccontinue"].(string))
	}
	if n < 5 {
		t.Errorf("recentchanges: %d changes", n)
	}
	// search.
	out = c.ok(false, "action", "query", "list", "search", "srsearch", "fruit", "srlimit", "2", "formatversion", "2")
	if len(dig(out, "query", "search").([]any)) != 2 || dig(out, "continue", "sroffset") != "2" {
		t.Errorf("search: %v", out)
	}
	c.fail("missingparam", false, "action", "query", "list", "search")
	// parse a page and a text.
	out = c.ok(false, "action", "parse", "page", "Apple", "formatversion", "2")
	if h, _ := dig(out, "parse", "text").(string); !strings.Contains(h, `href="/wiki/Banana"`) ||
		dig(out, "parse", "categories", "0", "category") != "Fruit" || dig(out, "parse", "links", "0", "title") != "Banana" {
		t.Errorf("parse page: %v", out)
	}
	out = c.ok(true, "action", "parse", "text", "## Hi\n\n*there*", "contentmodel", "wikitext", "prop", "text|sections", "formatversion", "2")
	if h, _ := dig(out, "parse", "text").(string); !strings.Contains(h, "<em>there</em>") || dig(out, "parse", "sections", "0", "line") != "Hi" {
		t.Errorf("parse text: %v", out)
	}
	c.fail("missingtitle", false, "action", "parse", "page", "No such page")
	// move and delete.
	mv := c.ok(true, "action", "move", "from", "Cherry", "to", "Sour cherry", "reason", "more precise", "token", csrf, "formatversion", "2")
	if dig(mv, "move", "to") != "Sour cherry" || dig(mv, "move", "redirectcreated") != true {
		t.Errorf("move: %v", mv)
	}
	c.fail("articleexists", true, "action", "move", "from", "Apple", "to", "Banana", "token", csrf)
	c.fail("missingtitle", true, "action", "move", "from", "Nope", "to", "Nope2", "token", csrf)
	del := c.ok(true, "action", "delete", "title", "Apple", "reason", "gone", "token", csrf, "formatversion", "2")
	if dig(del, "delete", "title") != "Apple" {
		t.Errorf("delete: %v", del)
	}
	c.fail("missingtitle", true, "action", "delete", "title", "Apple", "token", csrf)
	out = c.ok(false, "action", "query", "titles", "Apple|Sour cherry|Cherry", "redirects", "1", "prop", "info", "formatversion", "2")
	if dig(out, "query", "pages", "0", "missing") != true || dig(out, "query", "redirects", "0", "to") != "Sour cherry" {
		t.Errorf("after move and delete: %v", out)
	}
}

func TestMWAPILinksGeneratorsAndPageActions(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Admin", "sysop")
	c := newMW(t, srv)
	c.login("Admin")
	csrf := c.csrf()
	c.ok(true, "action", "edit", "title", "Template:Note", "text", "A note.", "token", csrf)
	for _, p := range []string{"Apple", "Banana", "Cherry"} {
		c.ok(true, "action", "edit", "title", p, "text", "{{Note}} "+p+" links to [[Banana]] and [[Date]].\n\n[[Category:Fruit]] [[Category:Food]]", "token", csrf)
	}
	// Props over the page set, continued.
	out := c.ok(false, "action", "query", "titles", "Apple", "prop", "categories|links|templates", "formatversion", "2")
	p := dig(out, "query", "pages", "0")
	if dig(p, "categories", "0", "title") != "Category:Food" || dig(p, "categories", "1", "title") != "Category:Fruit" ||
		dig(p, "links", "0", "title") != "Banana" || dig(p, "templates", "0", "title") != "Template:Note" {
		t.Errorf("props: %v", out)
	}
	out = c.ok(false, "action", "query", "titles", "Apple|Banana", "prop", "links", "pllimit", "1", "formatversion", "2")
	if dig(out, "continue", "plcontinue") == nil || out["batchcomplete"] != nil {
		t.Errorf("links continue: %v", out)
	}
	// Lists.
	out = c.ok(false, "action", "query", "list", "backlinks|categorymembers", "bltitle", "Banana", "cmtitle", "Category:Fruit", "cmlimit", "2", "formatversion", "2")
	if len(dig(out, "query", "backlinks").([]any)) != 2 || dig(out, "query", "categorymembers", "1", "title") != "Banana" ||
		dig(out, "continue", "cmcontinue") != "Cherry" {
		t.Errorf("backlinks, categorymembers: %v", out)
	}
	c.fail("invalidcategory", false, "action", "query", "list", "categorymembers", "cmtitle", "Fruit")
	c.fail("missingparam", false, "action", "query", "list", "backlinks")
	out = c.ok(false, "action", "query", "list", "usercontribs", "ucuser", "Admin", "uclimit", "2", "formatversion", "2")
	if dig(out, "query", "usercontribs", "0", "title") != "Cherry" || dig(out, "continue", "uccontinue") == nil {
		t.Errorf("usercontribs: %v", out)
	}
	// Generators: the list's titles are the page set.
	out = c.ok(false, "action", "query", "generator", "allpages", "gaplimit", "2", "prop", "revisions", "rvprop", "content", "rvslots", "main", "formatversion", "2")
	if dig(out, "query", "pages", "0", "title") != "Apple" || dig(out, "continue", "gapcontinue") != "Cherry" ||
		!strings.Contains(dig(out, "query", "pages", "0", "revisions", "0", "slots", "main", "content").(string), "Apple links") {
		t.Errorf("generator=allpages: %v", out)
	}
	out = c.ok(false, "action", "query", "generator", "categorymembers", "gcmtitle", "Category:Food", "prop", "info", "formatversion", "2")
	if len(dig(out, "query", "pages").([]any)) != 3 {
		t.Errorf("generator=categorymembers: %v", out)
	}
	out = c.ok(false, "action", "query", "generator", "search", "gsrsearch", "cherry", "formatversion", "2")
	if dig(out, "query", "pages", "0", "title") != "Cherry" {
		t.Errorf("generator=search: %v", out)
	}
	c.fail("badvalue", false, "action", "query", "generator", "nosuch")
	c.fail("invalidparammix", false, "action", "query", "generator", "allpages", "titles", "A")
	// Page actions: delete, undelete, protect, watch.
	c.ok(true, "action", "delete", "title", "Cherry", "reason", "test", "token", csrf)
	c.fail("cantundelete", true, "action", "undelete", "title", "Apple", "token", csrf)
	und := c.ok(true, "action", "undelete", "title", "Cherry", "reason", "back", "token", csrf, "formatversion", "2")
	if dig(und, "undelete", "title") != "Cherry" {
		t.Errorf("undelete: %v", und)
	}
	out = c.ok(false, "action", "query", "list", "logevents", "letype", "delete", "formatversion", "2")
	if dig(out, "query", "logevents", "0", "action") != "restore" || dig(out, "query", "logevents", "1", "action") != "delete" {
		t.Errorf("logevents: %v", out)
	}
	pr := c.ok(true, "action", "protect", "title", "Apple", "protections", "edit=sysop|move=sysop", "reason", "vandals", "token", csrf, "formatversion", "2")
	if dig(pr, "protect", "protections", "0", "edit") != "sysop" {
		t.Errorf("protect: %v", pr)
	}
	c.fail("protect-invalidlevel", true, "action", "protect", "title", "Apple", "protections", "edit=god", "token", csrf)
	out = c.ok(false, "action", "query", "titles", "Apple", "prop", "info", "inprop", "protection|watched", "formatversion", "2")
	if dig(out, "query", "pages", "0", "protection", "0", "level") != "sysop" {
		t.Errorf("protection: %v", out)
	}
	wt := dig(c.ok(false, "action", "query", "meta", "tokens", "type", "watch", "formatversion", "2"), "query", "tokens", "watchtoken").(string)
	c.ok(true, "action", "watch", "titles", "Banana", "unwatch", "1", "token", wt)
	out = c.ok(false, "action", "query", "titles", "Banana", "prop", "info", "inprop", "watched", "formatversion", "2")
	if dig(out, "query", "pages", "0", "watched") != nil {
		t.Errorf("unwatched: %v", out)
	}
	w := c.ok(true, "action", "watch", "titles", "Banana", "token", wt, "formatversion", "2")
	out = c.ok(false, "action", "query", "titles", "Banana", "prop", "info", "inprop", "watched", "formatversion", "2")
	if dig(w, "watch", "0", "watched") != true || dig(out, "query", "pages", "0", "watched") != true {
		t.Errorf("watch: %v %v", w, out)
	}
	anon := newMW(t, srv)
	anon.fail("notloggedin", true, "action", "watch", "titles", "Banana", "token", anon.csrf())
}

func TestMWAPIClientLoginWatchlist(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	alice, bob := newMW(t, srv), newMW(t, srv)
	tok := dig(alice.ok(false, "action", "query", "meta", "tokens", "type", "login", "formatversion", "2"), "query", "tokens", "logintoken").(string)
	alice.fail("missingparam", true, "action", "clientlogin", "username", "Alice", "password", password, "logintoken", tok)
	alice.fail("badtoken", true, "action", "clientlogin", "username", "Alice", "password", password, "logintoken", "x+\\", "loginreturnurl", "http://x/")
	out := alice.ok(true, "action", "clientlogin", "username", "Alice", "password", "wrong", "logintoken", tok, "loginreturnurl", "http://x/", "formatversion", "2")
	if dig(out, "clientlogin", "status") != "FAIL" || dig(out, "clientlogin", "messagecode") != "wrongpassword" {
		t.Errorf("clientlogin with a wrong password: %v", out)
	}
	out = alice.ok(true, "action", "clientlogin", "username", "Alice", "password", password, "logintoken", tok, "loginreturnurl", "http://x/", "formatversion", "2")
	if dig(out, "clientlogin", "status") != "PASS" || dig(out, "clientlogin", "username") != "Alice" {
		t.Fatalf("clientlogin: %v", out)
	}
	bob.login("Bob")
	newMW(t, srv).fail("notloggedin", false, "action", "query", "list", "watchlist")
	csrf := alice.csrf()
	alice.ok(true, "action", "edit", "title", "Shared", "text", "Alice's text.", "watchlist", "watch", "token", csrf)
	alice.ok(true, "action", "edit", "title", "Unwatched", "text", "x", "watchlist", "nochange", "token", csrf)
	bob.ok(true, "action", "edit", "title", "Shared", "text", "Bob's text.", "minor", "1", "token", bob.csrf())
	bob.ok(true, "action", "edit", "title", "Unwatched", "text", "y", "token", bob.csrf())
	out = alice.ok(false, "action", "query", "list", "watchlist", "wlprop", "ids|title|user|flags|timestamp|comment|sizes", "formatversion", "2")
	wl := dig(out, "query", "watchlist").([]any)
	if len(wl) != 2 || dig(wl, "0", "user") != "Bob" || dig(wl, "0", "minor") != true || dig(wl, "1", "user") != "Alice" {
		t.Errorf("watchlist: %v", out)
	}
	out = alice.ok(false, "action", "query", "list", "watchlist", "wlshow", "!minor", "wlexcludeuser", "Alice", "formatversion", "2")
	if len(dig(out, "query", "watchlist").([]any)) != 0 {
		t.Errorf("watchlist without minor edits and Alice's: %v", out)
	}
}

// mwParamRE finds the parameters the modules read, in their source.
var mwParamRE = regexp.MustCompile(`q\.(?:get|has|list|integer|timestamp|titleParam|pageParam)\("([a-z]\w*)"|q\.(?:values|limit)\("\w+", "([a-z]\w*)"`)

// TestMWAPIHostileParameters sends each parameter the modules read, with
// hostile values, to the modules of the file that reads it, logged in as
// an administrator with a valid token: every answer is a 200 with JSON,
// never an internal error (nor a panic).
func TestMWAPIHostileParameters(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Admin", "sysop")
	c := newMW(t, srv)
	c.login("Admin")
	csrf := c.csrf()
	c.ok(true, "action", "edit", "title", "Fuzz", "text", "# A\n\n[[B]] [[Category:C]]", "token", csrf)
	// The request of a query parameter, by its module's prefix; the
	// others (titles, prop, generator …) go with a plain one.
	query := func(p string) [][]string {
		q := []string{"action", "query", "titles", "Fuzz|Nope"}
		for prefix, extra := range map[string][]string{
			"rv": {"prop", "revisions"}, "in": {"prop", "info"}, "cl": {"prop", "categories"}, "pl": {"prop", "links"}, "tl": {"prop", "templates"},
			"ap": {"list", "allpages"}, "rc": {"list", "recentchanges"}, "sr": {"list", "search", "srsearch", "a"}, "bl": {"list", "backlinks", "bltitle", "Fuzz"},
			"cm": {"list", "categorymembers", "cmtitle", "Category:C"}, "uc": {"list", "usercontribs", "ucuser", "Admin"}, "le": {"list", "logevents"},
			"wl": {"list", "watchlist"}, "si": {"meta", "siteinfo"}, "ui": {"meta", "userinfo"}, "ty": {"meta", "tokens"},
		} {
			if strings.HasPrefix(p, prefix) {
				return [][]string{append(q, extra...), {"action", "query", "generator", "allpages", "prop", "revisions", "rvprop", "content"}}
			}
		}
		return [][]string{append(q, "prop", "revisions|info|categories|links|templates"), {"action", "query", "generator", "allpages", "list", "search", "srsearch", "a"}}
	}
	edit := [][]string{
		{"action", "edit", "title", "Fuzz", "text", "# A\n\n[[B]] [[Category:C]]"},
		{"action", "move", "from", "Fuzz", "to", "Fuzz2"},
		{"action", "delete", "title", "Nope"},
	}
	// The requests of the modules of each file (nil: query's).
	bases := map[string][][]string{
		"mwapi.go": edit[:1], "mwapi_query.go": nil, "mwapi_revisions.go": nil, "mwapi_meta.go": nil,
		"mwapi_lists.go": nil, "mwapi_links.go": nil, "mwapi_parse.go": {{"action", "parse", "page", "Fuzz"}, {"action", "parse", "text", "x"}},
		"mwapi_edit.go": edit, "mwapi_login.go": {{"action", "clientlogin", "loginreturnurl", "http://x/"}, {"action", "login"}},
		"mwapi_actions.go":   {{"action", "undelete", "title", "Fuzz"}, {"action", "protect", "title", "Fuzz", "protections", "edit=all"}, {"action", "watch", "titles", "Fuzz"}},
		"mwapi_paraminfo.go": {{"action", "paraminfo", "modules", "edit"}},
	}
	values := []string{"", "|", "\x1fa\x1f", "max", "-1", "99999999999999999999", "Special:X|<b>&", "new", "*", "1e3"}
	files, _ := filepath.Glob("mwapi*.go")
	n, params := 0, 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		fileBases, ok := bases[f]
		if !ok {
			t.Fatalf("%s: no requests for its modules", f)
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{"action": true, "format": true, "token": true, "callback": true}
		for i, m := range mwParamRE.FindAllStringSubmatch(string(src), -1) {
			p := m[1] + m[2]
			if seen[p] {
				continue
			}
			seen[p] = true
			params++
			pBases := fileBases
			if pBases == nil {
				pBases = query(p)
			}
			for j, base := range pBases {
				// One value of the list for each, in turn: short, and
				// deterministic.
				args := append(slices.Clone(base), p, values[(i+j)%len(values)], "token", csrf, "logintoken", csrf)
				out := c.call(true, args...)
				if e, _ := out["error"].(map[string]any); e != nil && strings.HasPrefix(e["code"].(string), "internal") {
					t.Errorf("%v: %v", args, e)
				}
				n++
			}
		}
	}
	if params < 100 {
		t.Fatalf("found %d parameters in the modules' source", params)
	}
	t.Logf("%d requests, %d parameters", n, params)
}

func TestMWAPIBearerPrivateAnonymous(t *testing.T) {
	t.Run("bearer token", func(t *testing.T) {
		srv, _ := newServer(t)
		u := createUser(t, srv, "Robot")
		secret, err := srv.Users.CreateToken(context.Background(), u.ID, "bot")
		if err != nil {
			t.Fatal(err)
		}
		c := newMW(t, srv)
		call := func(params ...string) map[string]any {
			v := url.Values{"format": {"json"}, "formatversion": {"2"}}
			for i := 0; i+1 < len(params); i += 2 {
				v.Set(params[i], params[i+1])
			}
			req := httptest.NewRequest("POST", "/api.php", strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Authorization", "Bearer "+secret)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			var out map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &out); rec.Code != 200 || err != nil {
				t.Fatalf("%v: %d %s", params, rec.Code, rec.Body.String())
			}
			return out
		}
		tok := dig(call("action", "query", "meta", "tokens|userinfo"), "query", "tokens", "csrftoken")
		if tok != `+\` {
			t.Fatalf("a bearer token's csrf token = %v, want +\\", tok)
		}
		out := call("action", "edit", "title", "By token", "text", "Saved with a bearer token.", "token", `+\`, "assert", "user")
		if dig(out, "edit", "result") != "Success" {
			t.Fatalf("edit with a bearer token: %v", out)
		}
		if out := call("action", "edit", "title", "By token", "text", "x", "token", "other+\\"); dig(out, "error", "code") != "badtoken" {
			t.Errorf("bearer edit with a wrong token: %v", out)
		}
		if out := call("action", "login", "lgname", "Robot", "lgpassword", password, "lgtoken", "x"); dig(out, "login", "result") != "Aborted" {
			t.Errorf("login with a bearer token: %v", out)
		}
		rd := c.ok(false, "action", "query", "prop", "revisions", "titles", "By token", "rvprop", "user|content", "rvslots", "main", "formatversion", "2")
		if dig(rd, "query", "pages", "0", "revisions", "0", "user") != "Robot" {
			t.Errorf("read: %v", rd)
		}
	})
	t.Run("private wiki", func(t *testing.T) {
		srv := newServerWith(t, func(c *config.Config) { c.Private = true })
		createUser(t, srv, "Alice")
		c := newMW(t, srv)
		c.fail("readapidenied", false, "action", "query", "titles", "Main Page", "prop", "revisions")
		c.fail("readapidenied", false, "action", "parse", "page", "Main Page")
		if out := c.ok(false, "action", "query", "meta", "siteinfo|tokens|userinfo", "siprop", "general|statistics"); dig(out, "query", "statistics") != nil {
			t.Errorf("a private wiki's statistics to an anonymous reader: %v", out)
		}
		c.login("Alice")
		c.ok(false, "action", "query", "titles", "Main Page", "prop", "revisions")
	})
	t.Run("anonymous editing", func(t *testing.T) {
		srv := newServerWith(t, func(c *config.Config) { c.AnonymousEdit = true })
		c := newMW(t, srv)
		csrf := c.csrf()
		if csrf == `+\` || !strings.HasSuffix(csrf, `+\`) {
			t.Fatalf("anonymous csrf token %q: want one of the client's own", csrf)
		}
		c.fail("badtoken", true, "action", "edit", "title", "Anon", "text", "x", "token", `+\`)
		out := c.ok(true, "action", "edit", "title", "Anon", "text", "By an address.", "token", csrf, "formatversion", "2")
		if dig(out, "edit", "new") != true {
			t.Fatalf("anonymous edit: %v", out)
		}
		// Another client (another cookie) may not use that token.
		newMW(t, srv).fail("badtoken", true, "action", "edit", "title", "Anon", "text", "y", "token", csrf)
	})
}

func TestMWAPIEditUndo(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newMW(t, srv)
	c.login("Alice")
	csrf := c.csrf()
	rev := func(text string) string {
		out := c.ok(true, "action", "edit", "title", "U", "text", text, "token", csrf, "formatversion", "2")
		return itoa64(int64(dig(out, "edit", "newrevid").(float64)))
	}
	rev("a\n\nb\n\nc")
	second := rev("a\n\nB\n\nc")
	rev("A\n\nB\n\nc")
	out := c.ok(true, "action", "edit", "title", "U", "undo", second, "token", csrf, "formatversion", "2")
	text := dig(c.ok(false, "action", "query", "prop", "revisions", "titles", "U", "rvprop", "content|comment", "rvslots", "main", "formatversion", "2"),
		"query", "pages", "0", "revisions", "0")
	if dig(out, "edit", "result") != "Success" || dig(text, "slots", "main", "content") != "A\n\nb\n\nc" ||
		!strings.HasPrefix(dig(text, "comment").(string), "Undo revision "+second) {
		t.Errorf("undo: %v %v", out, text)
	}
	c.fail("undofailure", true, "action", "edit", "title", "U", "undo", "1", "token", csrf) // the Main Page's
	// A change of the line the undo would restore: a conflict.
	rev("A\n\nbb\n\nc")
	c.fail("undofailure", true, "action", "edit", "title", "U", "undo", second, "undoafter", itoa64(mustAtoi(second)-1), "token", csrf)
}

func mustAtoi(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

func TestMWAPIEditSection(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newMW(t, srv)
	c.login("Alice")
	csrf := c.csrf()
	c.ok(true, "action", "edit", "title", "S", "text", "Intro.\n\n## One\n\nOld.\n\n## Two\n\nKept.", "token", csrf)
	c.ok(true, "action", "edit", "title", "S", "section", "1", "text", "## One\n\nNew.", "token", csrf)
	c.ok(true, "action", "edit", "title", "S", "section", "2", "appendtext", "\n\nMore.", "token", csrf)
	c.fail("nosuchsection", true, "action", "edit", "title", "S", "section", "9", "text", "x", "token", csrf)
	got := dig(c.ok(false, "action", "query", "prop", "revisions", "titles", "S", "rvprop", "content", "rvslots", "main", "formatversion", "2"),
		"query", "pages", "0", "revisions", "0", "slots", "main", "content")
	if got != "Intro.\n\n## One\n\nNew.\n\n## Two\n\nKept.\n\nMore." {
		t.Errorf("after section edits: %q", got)
	}
	sec := dig(c.ok(false, "action", "query", "prop", "revisions", "titles", "S", "rvprop", "content", "rvsection", "2", "rvslots", "main", "formatversion", "2"),
		"query", "pages", "0", "revisions", "0", "slots", "main", "content")
	if sec != "## Two\n\nKept.\n\nMore." {
		t.Errorf("rvsection=2: %q", sec)
	}
}
