package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var assetHref = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// assetPath returns the path of a fingerprinted asset linked from the main
// page (a stylesheet of the default skin).
func assetPath(t testing.TB, n *node) string {
	t.Helper()
	r := newBrowser(t, n).do("GET", "/wiki/Main_Page", nil)
	m := assetHref.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no /static/ asset linked from the main page:\n%s", tail(r.Body, 2000))
	}
	return m[1]
}

// tableCounts are the rows a bad request must not add, by table.
var tableCounts = []string{"page", "revision", "recent_change", "users", "user_group", "session", "api_token",
	"log_entry", "page_protection", "user_block", "link", "category", "file", "file_version"}

func snapshot(t testing.TB, b backend) map[string]int {
	t.Helper()
	db := b.db(t)
	m := map[string]int{}
	for _, table := range tableCounts {
		m[table] = count(t, db, "SELECT count(*) FROM "+table)
	}
	return m
}

// badCase is one hostile request and the statuses it may get.
type badCase struct {
	name string
	send func() (response, error)
	want []int
	// check, when set, looks at the response further.
	check func(t *testing.T, r response)
	// bug, when set, skips the case: it fails until the bug is fixed.
	bug string
}

// TestBadInput sends hostile requests to one server, each of which must get
// a clear 4xx (never a 5xx, never a hang), write nothing (row counts of
// every table and the target page are unchanged at the end) and leave the
// server serving (/-/healthz after each). The wiki runs with
// --max-page-bytes 65536 so that bodies over the limit stay small.
func TestBadInput(t *testing.T) {
	t.Parallel()
	const maxPage = 65536
	b := sqliteBackend(t)
	alice := b.createUser(t, "Alice", "sysop")
	n := startNode(t, "serve", b.with("--max-page-bytes", fmt.Sprint(maxPage))...)
	a := newAPI(t, n, alice.token)
	rev := a.mustPut(t, "Target", "The target of every bad request.", 0)
	br := newBrowser(t, n)
	br.login(alice)
	csrf := br.csrf("/-/edit/Target")
	anon := newBrowser(t, n)
	anonCSRF := anon.csrf("/-/login")
	asset := assetPath(t, n)
	assetResp := anon.do("GET", asset, nil)
	if assetResp.Status != http.StatusOK {
		t.Fatalf("GET %s = %d", asset, assetResp.Status)
	}
	hash := strings.Split(asset, "/")[2]
	before := snapshot(t, b)

	put := func(body string, header ...string) func() (response, error) {
		return func() (response, error) {
			req, _ := http.NewRequest("PUT", n.url("/api/v1/pages/Target"), strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+alice.token)
			req.Header.Set("Content-Type", "application/json")
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			return doReq(a.hc, req)
		}
	}
	putJSON := func(fields string) func() (response, error) {
		return put(fmt.Sprintf(`{"base": %d, %s}`, rev, fields))
	}
	edit := func(form url.Values) func() (response, error) {
		return func() (response, error) {
			if form.Get("csrf") == "" {
				form.Set("csrf", csrf)
			}
			if !form.Has("base") {
				form.Set("base", fmt.Sprint(rev))
			}
			form.Set("save", "1")
			return br.try("POST", "/-/edit/Target", form)
		}
	}
	rawBody := func(method, path, body string, header ...string) func() (response, error) {
		return func() (response, error) {
			var h strings.Builder
			fmt.Fprintf(&h, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Length: %d\r\n", method, path, n.addr, len(body))
			for _, x := range header {
				h.WriteString(x + "\r\n")
			}
			h.WriteString("\r\n")
			return raw(n.addr, h.String()+body, 30*time.Second)
		}
	}
	get := func(target string, header ...string) func() (response, error) {
		return func() (response, error) { return rawGet(n.addr, "GET", target, header...) }
	}
	method := func(m, target string, header ...string) func() (response, error) {
		return func() (response, error) { return rawGet(n.addr, m, target, header...) }
	}
	session := "Cookie: folio_session=" + br.session()
	big := strings.Repeat("a", 3*maxPage+(64<<10))
	noPasswd := func(t *testing.T, r response) {
		if strings.Contains(r.Body, "root:") || strings.Contains(r.Body, "/bin/") {
			t.Errorf("the answer holds a system file:\n%s", tail(r.Body, 500))
		}
	}
	bodyAtMost := func(max int) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			if len(r.Body) > max {
				t.Errorf("answer of %d bytes, want at most %d", len(r.Body), max)
			}
		}
	}
	noSession := func(t *testing.T, r response) {
		for _, c := range r.Header.Values("Set-Cookie") {
			if strings.HasPrefix(c, "folio_session=") {
				t.Errorf("a session cookie was set: %s", c)
			}
		}
	}
	bad, tooBig := []int{400}, []int{413}
	// MediaWiki's Action API answers every error with a 200 and a
	// MediaWiki error ({"error": {"code": …}}), as MediaWiki does.
	var apiTokens struct {
		Query struct{ Tokens struct{ CSRFToken string } }
	}
	if err := json.Unmarshal([]byte(br.do("GET", "/api.php?action=query&meta=tokens&format=json&formatversion=2", nil).Body), &apiTokens); err != nil {
		t.Fatal(err)
	}
	apiCSRF, mwOK := apiTokens.Query.Tokens.CSRFToken, []int{200}
	mwError := func(code string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			var e struct{ Error struct{ Code, Info string } }
			if err := json.Unmarshal([]byte(r.Body), &e); err != nil || e.Error.Code != code || e.Error.Info == "" {
				t.Errorf("want a MediaWiki error %q, got %s", code, tail(r.Body, 300))
			}
		}
	}
	mwPost := func(c *browser, form url.Values) func() (response, error) {
		return func() (response, error) {
			form.Set("format", "json")
			return c.try("POST", "/api.php", form)
		}
	}
	mwEdit := func(form url.Values) func() (response, error) {
		form.Set("action", "edit")
		if !form.Has("title") {
			form.Set("title", "Target")
		}
		if !form.Has("token") {
			form.Set("token", apiCSRF)
		}
		return mwPost(br, form)
	}

	cases := []badCase{
		// Bodies over the limit.
		{name: "api body over the limit", send: putJSON(`"text": "` + big + `"`), want: tooBig},
		{name: "api page over the limit", send: putJSON(`"text": "` + strings.Repeat("b", maxPage+1) + `"`), want: tooBig},
		{name: "api chunked body over the limit", send: func() (response, error) {
			body := fmt.Sprintf(`{"base": %d, "text": "%s"}`, rev, big)
			req, _ := http.NewRequest("PUT", n.url("/api/v1/pages/Target"), io.MultiReader(strings.NewReader(body))) // no length: chunked
			req.Header.Set("Authorization", "Bearer "+alice.token)
			return doReq(a.hc, req)
		}, want: tooBig},
		{name: "form page over the limit", send: edit(url.Values{"text": {strings.Repeat("c", maxPage+1)}}), want: tooBig},
		{name: "form body over the limit", send: edit(url.Values{"text": {big}}), want: tooBig},
		{name: "login body over the limit", send: func() (response, error) {
			return anon.try("POST", "/-/login", url.Values{"name": {big}, "password": {"x"}, "csrf": {anonCSRF}})
		}, want: tooBig, check: noSession},
		// Headers and queries.
		{name: "one header over 64 KiB", send: get("/wiki/Target", "X-Big: "+strings.Repeat("h", 70<<10)), want: []int{431}},
		{name: "many headers over 64 KiB", send: get("/wiki/Target", slices.Repeat([]string{"X-Many: " + strings.Repeat("m", 60)}, 2000)...), want: []int{431}},
		{name: "url over 64 KiB", send: get("/-/search?q=" + strings.Repeat("q", 70<<10)), want: []int{414, 431}},
		{name: "long query value", send: get("/-/search?q=" + strings.Repeat("q+", 4<<10)), want: []int{200, 400}},
		{name: "many query parameters", send: get("/-/search?" + strings.Repeat("x=1&", 5000) + "q=target&fulltext=1"), want: []int{200, 400}},
		{name: "query int overflow", send: get("/-/history/Target?before=99999999999999999999999"), want: []int{200, 400}},
		{name: "over-long title", send: get("/wiki/" + strings.Repeat("T", 1000)), want: bad},
		{name: "api over-long title", send: func() (response, error) {
			return a.do(context.Background(), "PUT", "/api/v1/pages/"+strings.Repeat("T", 1000), strings.NewReader(`{"base":0,"text":"x"}`))
		}, want: bad},
		// Invalid UTF-8 and control characters in URLs.
		{name: "title %FF", send: get("/wiki/%FF"), want: bad},
		{name: "title raw 0xFF", send: get("/wiki/A\xffB"), want: bad},
		{name: "title overlong UTF-8", send: get("/wiki/%C0%AF"), want: bad},
		{name: "title surrogate UTF-8", send: get("/wiki/%ED%A0%80"), want: bad},
		{name: "title %00", send: get("/wiki/A%00B"), want: bad},
		{name: "title %0A", send: get("/wiki/A%0AB"), want: bad},
		{name: "title %7F", send: get("/wiki/A%7FB"), want: bad},
		{name: "title %C2%85 (NEL)", send: get("/wiki/A%C2%85B"), want: bad},
		{name: "title raw control byte", send: get("/wiki/A\x01B"), want: bad},
		{name: "query %FF", send: get("/-/search?q=%FF"), want: bad},
		{name: "query %00", send: get("/-/search?q=a%00b"), want: bad},
		{name: "query title %FF", send: get("/-/all?from=%FF"), want: bad},
		{name: "legacy title %FF", send: get("/index.php?title=%FF&action=edit"), want: bad},
		{name: "api title %FF", send: rawBody("PUT", "/api/v1/pages/%FF", `{"base":0,"text":"x"}`, "Authorization: Bearer "+alice.token), want: bad},
		{name: "revision id not a number", send: get("/-/revision/1%FF"), want: []int{400, 404}},
		// Forms.
		{name: "form text invalid UTF-8", send: rawBody("POST", "/-/edit/Target",
			fmt.Sprintf("csrf=%s&base=%d&save=1&text=A%%FFB", url.QueryEscape(csrf), rev), session, "Content-Type: application/x-www-form-urlencoded"), want: bad},
		{name: "form text NUL", send: edit(url.Values{"text": {"A\x00B"}}), want: bad},
		{name: "form text ESC", send: edit(url.Values{"text": {"A\x1b[31mB"}}), want: bad},
		{name: "form summary invalid UTF-8", send: rawBody("POST", "/-/edit/Target",
			fmt.Sprintf("csrf=%s&base=%d&save=1&text=new&summary=%%FF", url.QueryEscape(csrf), rev), session, "Content-Type: application/x-www-form-urlencoded"), want: bad},
		{name: "form bad percent-encoding", send: rawBody("POST", "/-/edit/Target", "csrf=%zz&text=x", session, "Content-Type: application/x-www-form-urlencoded"), want: bad},
		{name: "form base not a number", send: edit(url.Values{"text": {"new"}, "base": {"1e3"}}), want: bad},
		{name: "form move target invalid UTF-8", send: rawBody("POST", "/-/move/Target",
			fmt.Sprintf("csrf=%s&target=%%FF&reason=x", url.QueryEscape(csrf)), session, "Content-Type: application/x-www-form-urlencoded"), want: bad},
		{name: "login name invalid UTF-8", send: rawBody("POST", "/-/login",
			fmt.Sprintf("csrf=%s&name=%%FF&password=xxxxxxxxxxxx", url.QueryEscape(anonCSRF)), "Cookie: folio_form="+anon.cookies["folio_form"].Value,
			"Content-Type: application/x-www-form-urlencoded"), want: []int{400, 403}, check: noSession},
		// JSON.
		{name: "json text invalid UTF-8", send: putJSON("\"text\": \"A\xffB\""), want: bad},
		{name: "json text NUL", send: putJSON(`"text": "A\u0000B"`), want: bad},
		{name: "json text ESC", send: putJSON(`"text": "A\u001bB"`), want: bad},
		{name: "json malformed", send: put(`{"base": 1, "text": `), want: bad},
		{name: "json unknown field", send: putJSON(`"text": "x", "admin": true`), want: bad},
		{name: "json text not a string", send: putJSON(`"text": ["x"]`), want: bad},
		{name: "json two values", send: put(fmt.Sprintf(`{"base": %d, "text": "x"} {}`, rev)), want: bad},
		{name: "json deeply nested", send: put(`{"text": "x", "summary": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`), want: []int{400, 413}}, // over the body limit too
		{name: "json base huge", send: put(`{"base": 1e400, "text": "x"}`), want: bad},
		{name: "json no text", send: putJSON(`"summary": "x"`), want: bad},
		// MediaWiki's Action API.
		{name: "api.php unknown action", send: get("/api.php?action=nosuch&format=json"), want: mwOK, check: mwError("badvalue")},
		{name: "api.php no action", send: get("/api.php"), want: mwOK, check: mwError("missingparam")},
		{name: "api.php edit by GET", send: get("/api.php?action=edit&title=Target&text=x&format=json&token="+url.QueryEscape(apiCSRF), session),
			want: mwOK, check: mwError("mustbeposted")},
		{name: "api.php edit without a token", send: mwEdit(url.Values{"text": {"x"}, "token": {""}}), want: mwOK, check: mwError("badtoken")},
		{name: "api.php edit with a bad token", send: mwEdit(url.Values{"text": {"x"}, "token": {"forged+\\"}}), want: mwOK, check: mwError("badtoken")},
		{name: "api.php edit with the web's token", send: mwEdit(url.Values{"text": {"x"}, "token": {csrf}}), want: mwOK, check: mwError("badtoken")},
		{name: "api.php edit anonymous", send: mwPost(anon, url.Values{"action": {"edit"}, "title": {"Target"}, "text": {"x"}, "token": {"+\\"}}),
			want: mwOK, check: mwError("badtoken")},
		{name: "api.php edit text NUL", send: mwEdit(url.Values{"text": {"A\x00B"}}), want: mwOK, check: mwError("badtext")},
		{name: "api.php edit text over the limit", send: mwEdit(url.Values{"text": {strings.Repeat("c", maxPage+1)}}), want: mwOK, check: mwError("contenttoobig")},
		{name: "api.php body over the limit", send: mwEdit(url.Values{"text": {big}}), want: mwOK, check: mwError("toobig")},
		{name: "api.php edit text invalid UTF-8", send: rawBody("POST", "/api.php",
			"action=edit&format=json&title=Target&text=A%FFB&token="+url.QueryEscape(apiCSRF), session, "Content-Type: application/x-www-form-urlencoded"),
			want: mwOK, check: mwError("badutf8")},
		{name: "api.php edit bad title", send: mwEdit(url.Values{"text": {"x"}, "title": {"A[b]"}}), want: mwOK, check: mwError("invalidtitle")},
		{name: "api.php edit special title", send: mwEdit(url.Values{"text": {"x"}, "title": {"Special:Foo"}}), want: mwOK, check: mwError("invalidtitle")},
		{name: "api.php edit bad section", send: mwEdit(url.Values{"text": {"x"}, "section": {"-1"}}), want: mwOK, check: mwError("invalidsection")},
		{name: "api.php edit baserevid of another page", send: mwEdit(url.Values{"text": {"x"}, "baserevid": {"1"}}), want: mwOK, check: mwError("nosuchrevid")},
		{name: "api.php edit baserevid overflow", send: mwEdit(url.Values{"text": {"x"}, "baserevid": {"99999999999999999999999"}}), want: mwOK, check: mwError("badinteger")},
		{name: "api.php edit bad basetimestamp", send: mwEdit(url.Values{"text": {"x"}, "basetimestamp": {"yesterday"}}), want: mwOK, check: mwError("badtimestamp")},
		{name: "api.php move onto a special page", send: mwPost(br, url.Values{"action": {"move"}, "from": {"Target"}, "to": {"Special:X"}, "token": {apiCSRF}}),
			want: mwOK, check: mwError("invalidtitle")},
		{name: "api.php delete without a token", send: mwPost(br, url.Values{"action": {"delete"}, "title": {"Target"}}), want: mwOK, check: mwError("missingparam")},
		{name: "api.php login over the limit", send: mwPost(anon, url.Values{"action": {"login"}, "lgname": {big}, "lgpassword": {"x"}, "lgtoken": {"x"}}),
			want: mwOK, check: func(t *testing.T, r response) { mwError("toobig")(t, r); noSession(t, r) }},
		{name: "api.php login with a forged token", send: mwPost(anon, url.Values{"action": {"login"}, "lgname": {alice.name}, "lgpassword": {alice.password}, "lgtoken": {"x+\\"}}),
			want: mwOK, check: noSession},
		{name: "api.php titles %FF", send: get("/api.php?action=query&titles=%FF&format=json"), want: mwOK, check: mwError("badutf8")},
		{name: "api.php too many titles", send: get("/api.php?action=query&format=json&titles=" + strings.Repeat("A%7C", 600)), want: mwOK, check: mwError("toomanyvalues")},
		{name: "api.php huge limit", send: get("/api.php?action=query&list=allpages|recentchanges&aplimit=99999999999999999999&rclimit=-5&format=json"), want: mwOK},
		{name: "api.php huge offset", send: get("/api.php?action=query&list=search&srsearch=target&sroffset=99999999999&format=json"), want: mwOK},
		{name: "api.php bad continue", send: get("/api.php?action=query&list=recentchanges&rccontinue=x|y&format=json"), want: mwOK, check: mwError("badcontinue")},
		{name: "api.php revids of nothing", send: get("/api.php?action=query&prop=revisions&revids=0&format=json"), want: mwOK, check: mwError("badinteger")},
		{name: "api.php unknown format", send: get("/api.php?action=query&format=php"), want: mwOK, check: mwError("badvalue")},
		{name: "api.php JSONP", send: get("/api.php?action=query&meta=tokens&format=json&callback=steal", session), want: mwOK, check: mwError("badvalue")},
		{name: "api.php malformed multipart", send: rawBody("POST", "/api.php", "--b\r\nnonsense", session, "Content-Type: multipart/form-data; boundary=b"),
			want: mwOK, check: mwError("badrequest")},
		{name: "api.php PUT", send: rawBody("PUT", "/api.php", "x"), want: []int{405}},
		// Odd methods.
		{name: "PROPFIND", send: method("PROPFIND", "/wiki/Target"), want: []int{405}},
		{name: "TRACE", send: method("TRACE", "/wiki/Target", session), want: []int{405}, check: func(t *testing.T, r response) {
			if strings.Contains(r.Body, br.session()) {
				t.Error("TRACE echoed the session cookie")
			}
		}},
		{name: "OPTIONS", send: method("OPTIONS", "/wiki/Target"), want: []int{204, 405}},
		{name: "DELETE", send: method("DELETE", "/api/v1/pages/Target", "Authorization: Bearer "+alice.token), want: []int{405}},
		{name: "PATCH", send: method("PATCH", "/api/v1/pages/Target", "Authorization: Bearer "+alice.token), want: []int{405}},
		{name: "unknown method", send: method("FOO", "/wiki/Target"), want: []int{405}},
		{name: "lower-case get", send: method("get", "/wiki/Target"), want: []int{400, 405}},
		{name: "CONNECT", send: method("CONNECT", "127.0.0.1:22"), want: []int{400, 404, 405}},
		{name: "PUT on a view", send: rawBody("PUT", "/wiki/Target", "x"), want: []int{405}},
		// Range.
		{name: "many ranges on an asset", send: get(asset, "Range: bytes="+strings.Repeat("0-,", 2000)+"0-"), want: []int{200, 206, 416},
			check: bodyAtMost(2*len(assetResp.Body) + 4096)},
		{name: "overlapping ranges on a page", send: get("/wiki/Target", "Range: bytes=0-,0-,0-,0-,0-,0-,0-,0-,0-,0-"), want: []int{200, 206, 416},
			check: bodyAtMost(1 << 20)},
		{name: "range overflow", send: get("/-/raw/Target", "Range: bytes=99999999999999999999999-"), want: []int{200, 206, 416}},
		{name: "range garbage", send: get("/-/raw/Target", "Range: bytes=-0,-,x-y,5-1"), want: []int{200, 206, 416}},
		// Cookies.
		{name: "huge session cookie", send: get("/wiki/Target", "Cookie: folio_session="+strings.Repeat("s", 60<<10)), want: []int{200}},
		{name: "cookie header over 64 KiB", send: get("/wiki/Target", "Cookie: folio_session="+strings.Repeat("s", 70<<10)), want: []int{431}},
		{name: "thousands of cookies", send: get("/wiki/Target", "Cookie: "+strings.Repeat("a=b; ", 5000)), want: []int{200}},
		{name: "session cookie with control bytes", send: get("/wiki/Target", "Cookie: folio_session=\x01\x02\x7f"), want: []int{200, 400}},
		{name: "session cookie invalid UTF-8", send: get("/wiki/Target", "Cookie: folio_session=\xff\xfe"), want: []int{200, 400}},
		{name: "two session cookies", send: get("/-/preferences", "Cookie: folio_session=forged; "+session[len("Cookie: "):]), want: []int{200, 403}},
		{name: "forged form cookie", send: rawBody("POST", "/-/login", "csrf=x&name=Alice&password="+url.QueryEscape(alice.password),
			"Cookie: folio_form="+strings.Repeat("A", 43), "Content-Type: application/x-www-form-urlencoded"), want: []int{403}, check: noSession},
		// Path traversal on /static.
		{name: "static dot segments", send: get("/static/x/../../etc/passwd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "static dot segments after hash", send: get("/static/" + hash + "/../../../../etc/passwd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "static encoded dots", send: get("/static/" + hash + "/%2e%2e/%2e%2e/%2e%2e/etc/passwd"), want: []int{400, 404}, check: noPasswd},
		{name: "static encoded slashes", send: get("/static/" + hash + "/..%2f..%2f..%2fetc%2fpasswd"), want: []int{400, 404}, check: noPasswd},
		{name: "static encoded dots and slashes", send: get("/static/" + hash + "/%2e%2e%2f%2e%2e%2fetc%2fpasswd"), want: []int{400, 404}, check: noPasswd},
		{name: "static backslashes", send: get("/static/" + hash + "/..%5c..%5c..%5cetc%5cpasswd"), want: []int{400, 404}, check: noPasswd},
		{name: "static double encoding", send: get("/static/" + hash + "/%252e%252e/%252e%252e/etc/passwd"), want: []int{400, 404}, check: noPasswd},
		{name: "static absolute path", send: get("/static/" + hash + "//etc/passwd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "static NUL", send: get(asset + "%00.txt"), want: []int{400, 404}, check: noPasswd},
		{name: "static bad hash", send: get("/static/..%2f..%2f/etc/passwd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "static skin manifest", send: get("/static/" + hash + "/skin.json"), want: []int{404}},
		{name: "static template", send: get("/static/" + hash + "/templates/page.mustache"), want: []int{404}},
		// Uploads and files.
		{name: "upload over the limit", send: rawBody("POST", "/api/v1/files/Big.png", "\x89PNG\r\n\x1a\n"+strings.Repeat("x", 26<<20),
			"Authorization: Bearer "+alice.token), want: tooBig},
		{name: "upload name with a bidi override", send: rawBody("POST", "/api/v1/files/Evil%E2%80%AEgnp.exe.png", "\x89PNG\r\n\x1a\n",
			"Authorization: Bearer "+alice.token), want: bad},
		{name: "upload of a type not allowed", send: rawBody("POST", "/api/v1/files/Tool.exe", "MZ\x90\x00", "Authorization: Bearer "+alice.token),
			want: []int{415}},
		{name: "upload form without a file", send: rawBody("POST", "/-/upload", "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"+csrf+"\r\n--b--\r\n",
			session, "Content-Type: multipart/form-data; boundary=b"), want: bad},
		{name: "upload form malformed multipart", send: rawBody("POST", "/-/upload", "--b\r\nnonsense", session, "Content-Type: multipart/form-data; boundary=b"),
			want: bad},
		{name: "files dot segments", send: get("/files/x/../../etc/passwd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "files encoded slashes", send: get("/files/" + strings.Repeat("a", 64) + "/..%2f..%2fetc%2fpasswd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "files bad hash", send: get("/files/..%2f..%2f/passwd"), want: []int{301, 400, 404}, check: noPasswd},
		{name: "thumbnail width off the ladder", send: get("/files/" + strings.Repeat("a", 64) + "/99999999px-x.png"), want: []int{404}},
		{name: "static go source", send: get("/static/" + hash + "/../skins.go"), want: []int{301, 400, 404}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.bug != "" {
				skipBug(t, c.bug)
			}
			start := time.Now()
			r, err := c.send()
			if err != nil {
				t.Fatalf("no answer (%v): %v", time.Since(start), err)
			}
			t.Logf("%d in %v", r.Status, time.Since(start).Round(time.Microsecond))
			if !slices.Contains(c.want, r.Status) {
				t.Errorf("status %d, want one of %v: %s", r.Status, c.want, tail(r.Body, 300))
			}
			if r.Status == 301 && strings.HasPrefix(r.Header.Get("Location"), "/") {
				// Follow a clean-path redirect once: what it leads to is
				// checked too.
				r2, err := rawGet(n.addr, "GET", r.Header.Get("Location"))
				if err != nil || r2.Status != 404 && r2.Status != 400 {
					t.Errorf("301 to %s, which answers %v %v, want 4xx", r.Header.Get("Location"), r2.Status, err)
				}
				if c.check != nil {
					c.check(t, r2)
				}
			}
			if c.check != nil {
				c.check(t, r)
			}
			if r.Status >= 400 && r.Status < 500 && strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") &&
				r.Header.Get("Cache-Control") != "private, no-store" && r.Status != 404 {
				t.Errorf("error page with Cache-Control %q", r.Header.Get("Cache-Control"))
			}
			if h, err := rawGet(n.addr, "GET", "/-/healthz"); err != nil || h.Status != 200 {
				t.Fatalf("server not serving after the request: %v %v", h.Status, err)
			}
		})
	}
	// Nothing was written.
	if after := snapshot(t, b); !mapsEqual(before, after) {
		t.Errorf("bad requests wrote to the store: rows before %v, after %v", before, after)
	}
	if p, err := a.get(context.Background(), "Target"); err != nil || p.Revision != rev {
		t.Errorf("Target after the bad requests: revision %d (%v), want %d", p.Revision, err, rev)
	}
	if strings.Contains(n.log.String(), "level=ERROR") {
		t.Errorf("bad requests made the server log errors:\n%s", tail(n.log.String(), 4000))
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func doReq(c *http.Client, req *http.Request) (response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}, nil
}
