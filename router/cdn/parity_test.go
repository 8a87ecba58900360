package cdn

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/router/routertest"
)

// fnCase is one request given to the function under Node.
type fnCase struct {
	Method string `json:"method"`
	URI    string `json:"uri"`
	Query  string `json:"query"`
}

// fnResult is what testdata/driver.js reports for a case.
type fnResult struct {
	Decision struct {
		L *string  `json:"l"`
		K []string `json:"k"`
		U int      `json:"u"`
	} `json:"decision"`
	Status       int    `json:"status"`
	Location     string `json:"location"`
	CacheControl string `json:"cacheControl"`
	URI          string `json:"uri"`
	Query        string `json:"query"`
	Before       string `json:"before"`
}

// runtime is a JavaScript engine the parity tests run the function on.
type runtime struct {
	name string
	bin  string
	// prelude runs before the function: under Node it removes what
	// CloudFront's runtime lacks, so the function cannot lean on it.
	prelude string
	// batch is the most cases one process runs: njs, made for short-lived
	// virtual machines, never frees memory.
	batch int
}

// nodeRuntime returns Node, or skips the test (fails it when
// FOLIO_REQUIRE_NODE=1).
func nodeRuntime(t *testing.T) runtime {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("FOLIO_REQUIRE_NODE") == "1" {
			t.Fatalf("node is required (FOLIO_REQUIRE_NODE=1) but not found: %v", err)
		}
		t.Skipf("SKIP: the CloudFront function parity test needs node on PATH (set FOLIO_REQUIRE_NODE=1 to make this a failure): %v", err)
	}
	return runtime{name: "node", bin: path, prelude: "delete String.prototype.normalize;\n", batch: 1 << 20}
}

// njsRuntime returns njs, the engine CloudFront Functions are built on
// (Debian package njs), or skips the test.
func njsRuntime(t *testing.T) runtime {
	t.Helper()
	path, err := exec.LookPath("njs")
	if err != nil {
		t.Skipf("SKIP: no njs on PATH (apt-get install njs) to run the CloudFront function on CloudFront's engine: %v", err)
	}
	return runtime{name: "njs", bin: path, batch: 200}
}

// run runs the function src on every case.
func (rt runtime) run(t *testing.T, src []byte, cases []fnCase) []fnResult {
	t.Helper()
	var out []fnResult
	for len(cases) > 0 {
		n := min(len(cases), rt.batch)
		out = append(out, rt.runBatch(t, src, cases[:n])...)
		cases = cases[n:]
	}
	return out
}

func (rt runtime) runBatch(t *testing.T, src []byte, cases []fnCase) []fnResult {
	t.Helper()
	driver, err := os.ReadFile(filepath.Join("testdata", "driver.js"))
	if err != nil {
		t.Fatal(err)
	}
	cs, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(t.TempDir(), "parity.js")
	code := rt.prelude + string(src) + "\nvar CASES = " + string(cs) + ";\n" + string(driver)
	if err := os.WriteFile(script, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(rt.bin, script)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s%s", rt.name, err, stderr.String(), tail(stdout.String()))
	}
	var out []fnResult
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		var r fnResult
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("%s: %v", rt.name, err)
		}
		out = append(out, r)
	}
	if len(out) != len(cases) {
		t.Fatalf("%s gave %d results for %d cases", rt.name, len(out), len(cases))
	}
	return out
}

func tail(s string) string {
	if len(s) > 2000 {
		return "…" + s[len(s)-2000:]
	}
	return s
}

func defaultSpec(t testing.TB) *Spec {
	t.Helper()
	s, err := FromRegistry(router.Default())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// requestTarget splits a URL of the table into what CloudFront hands the
// function: the path and the raw query, without scheme, host or fragment.
func requestTarget(raw string) (path, query string, ok bool) {
	raw, _, _ = strings.Cut(raw, "#")
	for _, scheme := range []string{"http://", "https://"} {
		if rest, found := strings.CutPrefix(raw, scheme); found {
			i := strings.IndexAny(rest, "/?")
			if i < 0 {
				return "/", "", true
			}
			raw = rest[i:]
		}
	}
	path, query, _ = strings.Cut(raw, "?")
	return path, query, strings.HasPrefix(path, "/")
}

// TestFunctionParity runs the generated function under Node over the
// router's URL table: it answers exactly the 301s router.Classify answers,
// with the same Location, passes everything else through, and strips from
// page views the query parameters the registry does not declare. The 301s
// of paths under /-/, and those leading there, are the origin's: the
// function does not run on /-/, and passes on undecided a request whose
// 301 leads there (see checkParity).
func TestFunctionParity(t *testing.T) { tableParity(t, nodeRuntime(t)) }

// TestFunctionParityGenerated does the same over generated requests.
func TestFunctionParityGenerated(t *testing.T) { generatedParity(t, nodeRuntime(t)) }

// TestFunctionParityNJS runs both parity tests on njs, the JavaScript
// engine CloudFront Functions are built on, when it is installed.
func TestFunctionParityNJS(t *testing.T) {
	rt := njsRuntime(t)
	t.Run("table", func(t *testing.T) { tableParity(t, rt) })
	t.Run("generated", func(t *testing.T) { generatedParity(t, rt) })
}

func tableParity(t *testing.T, rt runtime) {
	s := defaultSpec(t)
	src, err := ViewerRequestFunction(s)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := s.behaviors()
	if err != nil {
		t.Fatal(err)
	}
	var cases []fnCase
	var table []routertest.Case
	for _, c := range routertest.Cases {
		path, query, ok := requestTarget(c.URL)
		if !ok {
			continue // not a request CloudFront can receive
		}
		cases = append(cases, fnCase{c.Method, path, query})
		table = append(table, c)
	}
	results := rt.run(t, src, cases)
	redirects := 0
	for i, c := range table {
		m := router.Classify(c.Method, c.URL)
		if m.Status == 301 {
			redirects++
		}
		if withoutFunction(t, bs, c.Method+" "+c.URL, cases[i].URI, m) {
			continue
		}
		checkParity(t, bs, c.Method+" "+c.URL, m, cases[i], results[i], beyondKnown(cases[i]))
	}
	if redirects < 50 {
		t.Fatalf("only %d redirects in the table", redirects)
	}
}

// beyondKnown reports whether a request holds a character the function
// does not know (see knownRunes): it may then leave the answer to the
// origin, even where Classify redirects.
func beyondKnown(c fnCase) bool {
	for _, part := range []string{c.URI, c.Query} {
		dec, err := url.PathUnescape(part)
		if err != nil || !utf8.ValidString(dec) {
			continue
		}
		for _, r := range dec {
			if !knownSet()[r] {
				return true
			}
		}
	}
	return false
}

var knownSet = sync.OnceValue(func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range knownRunes() {
		m[r] = true
	}
	return m
})

// withoutFunction reports whether CloudFront sends a request to the
// origin without running the function: its behaviour has none. That
// behaviour must keep nothing in a cache (/-/, /api/), where the origin
// answers every request, its 301s included; or Classify must never
// redirect there (/files/).
func withoutFunction(t *testing.T, bs []behavior, name, uri string, m router.Match) bool {
	t.Helper()
	b := behaviorFor(bs, uri)
	if b.Function {
		return false
	}
	// Under /-/ the origin answers every redirect, cached paths
	// (/-/render/*) included: the function knows no route there.
	if m.Status == 301 && b.Treat != treatOrigin && !strings.HasPrefix(b.Path, "/-/") {
		t.Errorf("%s: Classify redirects but behaviour %s, which caches, has no function", name, b.Path)
	}
	return true
}

// toOrigin reports whether a Location leads to a path where the function
// does not run (/-/, cached there or not): the function leaves such a 301
// to the origin, which answers it (cached at the edge like its other
// 301s).
func toOrigin(bs []behavior, location string) bool {
	path, _, _ := strings.Cut(location, "#")
	path, _, _ = strings.Cut(path, "?")
	b := behaviorFor(bs, path)
	return b.Treat == treatOrigin || !b.Function
}

// checkParity compares the function's answer to a request with Classify's.
// The function may give up (decision u) and pass a request on to the
// origin, which then answers itself; with mayGiveUp that includes requests
// Classify redirects. A request Classify redirects under /-/ it must give
// up: it answers no 301 there.
func checkParity(t *testing.T, bs []behavior, name string, m router.Match, c fnCase, r fnResult, mayGiveUp bool) {
	t.Helper()
	undecided := r.Decision.U == 1
	if m.Status == 301 && toOrigin(bs, m.Location) {
		mayGiveUp = true // and must: the first case fails a decided answer
	}
	switch {
	case m.Status == 301 && !(undecided && mayGiveUp):
		if r.Status != 301 || r.Location != m.Location {
			t.Errorf("%s: function gives %d %q (decision %+v), Classify 301 %q", name, r.Status, r.Location, r.Decision, m.Location)
		}
		if want := router.RedirectCache.HeaderValue(false); r.Status == 301 && r.CacheControl != want {
			t.Errorf("%s: 301 Cache-Control %q, want %q", name, r.CacheControl, want)
		}
	case r.Status != 0:
		t.Errorf("%s: function answers %d %q, Classify %d", name, r.Status, r.Location, m.Status)
	case r.URI != c.URI:
		t.Errorf("%s: function rewrote the path to %q", name, r.URI)
	case undecided && r.Decision.K != nil:
		// Passed on with the query keys the origin may read.
		if legacy := defaultSpec(t).legacyKeys(); !subset(legacy, r.Decision.K) {
			t.Errorf("%s: undecided view keeps %q, not all of %q", name, r.Decision.K, legacy)
		}
		checkKept(t, name, r, r.Decision.K)
	case !undecided && m.Status == 200 && m.Class == router.ClassView && (c.Method == "GET" || c.Method == "HEAD"):
		var keep []string
		for _, q := range m.Route.Query {
			keep = append(keep, q.Name)
		}
		checkKept(t, name, r, keep)
	case r.Query != r.Before:
		t.Errorf("%s (Classify %d %s): query changed from %q to %q", name, m.Status, m.Class, r.Before, r.Query)
	}
}

// checkKept: the query passed on is the one that came in, less the keys not
// in keep.
func checkKept(t *testing.T, name string, r fnResult, keep []string) {
	t.Helper()
	if got, want := pairs(r.Query), filterPairs(r.Before, keep); !slices.Equal(got, want) {
		t.Errorf("%s: view query %q became %q, want %q", name, r.Before, got, want)
	}
}

func pairs(raw string) []string {
	var ps []string
	for p := range strings.SplitSeq(raw, "&") {
		if p != "" {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return ps
}

func filterPairs(raw string, keep []string) []string {
	var ps []string
	for _, p := range pairs(raw) {
		k, _, _ := strings.Cut(p, "=")
		if dk, err := url.QueryUnescape(k); err == nil && slices.Contains(keep, dk) {
			ps = append(ps, p)
		}
	}
	return ps
}

// generatedParity runs the function over thousands of URLs built from
// tricky pieces (case, spaces, namespaces, Unicode the function does and
// does not know, MediaWiki query keys, bad escapes). The function may give
// up and pass a request to the origin, but whatever it decides must be what
// router.Classify decides. Requests under /-/ reach the origin without it
// (withoutFunction).
func generatedParity(t *testing.T, rt runtime) {
	s := defaultSpec(t)
	src, err := ViewerRequestFunction(s)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := s.behaviors()
	if err != nil {
		t.Fatal(err)
	}
	cases := generatedCases(4000)
	results := rt.run(t, src, cases)
	through, undecided, redirected := 0, 0, 0
	for i, c := range cases {
		target := c.URI
		if c.Query != "" {
			target += "?" + c.Query
		}
		m := router.Classify(c.Method, target)
		if withoutFunction(t, bs, c.Method+" "+target, c.URI, m) {
			continue
		}
		through++
		checkParity(t, bs, c.Method+" "+target, m, c, results[i], true)
		if results[i].Decision.U == 1 {
			undecided++
		}
		if results[i].Status == 301 {
			redirected++
		}
	}
	t.Logf("%s: %d requests, %d through the function: %d answered with a 301 at the edge, %d passed to the origin undecided", rt.name, len(cases), through, redirected, undecided)
	if redirected < through/8 {
		t.Errorf("only %d of %d generated requests through the function redirected: the generator is too gentle", redirected, through)
	}
}

var (
	genPrefixes = []string{"/wiki/", "/wiki/", "/wiki/", "/index.php", "/index.php/", "/", "/wiki", "/-/history/",
		"/-/edit/", "/-/revision/", "/-/diff/", "/static/ab/", "/-/all", "/-/search", "/-/backlinks/", "/sitemap.xml", "/-/raw/",
		"//wiki/", "/./wiki/", "/x/../wiki/", "//-/history/", "/a//b/../../wiki/", "//index.php", "/wiki/../"}
	genPieces = []string{"foo", "Foo", "Main_Page", " ", "%20", "_", "__", "/", "//", "user:", "User_talk:", "special:",
		"Special:Search", "Special:AllPages/", "special:whatlinkshere/", "Special:RecentChanges", "Special:Nope", "go",
		"%C3%A9", "%C3%89", "é", "e%CC%81", "E%CC%8C", "k%CC%81", "x%CC%81", "_%CC%81", "%CC%81", "%E2%80%8E", "%C2%A0",
		"%E3%80%80", "%E6%97%A5", "%EF%BC%A1", ".", "..", "%2F", "%23", "%25", "%2541", "%FF", "%C3", "C++", "(x)", "%28",
		"%C3%9F", "%C5%BF", "%C2%B5", "%C3%BF", "%C4%B1", "%C4%B0", "%C5%89", ":", "x%3A", "007", "0", "42", "a", "b",
		"%C2%85", "%7F", "%09", "Talk:", "TALK_:_x", "category:go_tools", "%E2%84%AA", "%CD%BE",
		"%23", "%23x", "%23%20a_b%20", "%23%C3%A9", "x%23y%23", "&eacute;", "%26eacute;", "%26%23233;", "&%23x41;", "&amp",
		"%E1%A0%8E", "::", ":x", "image:", "Media:", "Image_talk:", "talk:user:", "Talk:Special:", "user:..", "/./", "/../",
		"...", "Special:Random", "special:login", "~~~", "Special:WhatLinksHere/", "%E2%81%A6"}
	genQueries = []string{"action=edit", "action=view", "action=", "action=history&limit=10", "oldid=5", "diff=6&oldid=5",
		"diff=5", "search=go", "search=+x+", "title=foo", "title=", "title=special:search", "title=%C3%A9t%C3%A9",
		"limit=20", "limit=abc", "limit=-5", "limit=+0007", "limit=99999999999999999999", "utm=1", "target=bar",
		"target=%C3%A9", "from=b", "from=%C3%A9", "returnto=x", "q=hello+world", "q=%C3%A9", "hideminor=1",
		"ac%74ion=edit", "action=edit;x", "oldid=1;x", "%zz=1", "title=%FF", "action=%FF", "search=%E6%97%A5",
		"oldid=007", "oldid=abc", "action=raw", "action=unprotect", "before=3", "fulltext=1", "search=e%CC%81",
		"useskin=minimal", "useskin=%01", "useskin=+a++b+", "user=%C3%A9+x", "namespace=Talk", "before=+4611686018427387904",
		"action=delete", "title=Foo%23bar", "title=%23x", "title=image:x", "title=%26%23233;", "title=Talk:User:x", "title=::x"}
)

// generatedCases builds n requests from the pieces, always the same ones,
// and a title for each letter the function knows, which it capitalizes.
func generatedCases(n int) []fnCase {
	rnd := rand.New(rand.NewPCG(9, 2026))
	pick := func(list []string) string { return list[rnd.IntN(len(list))] }
	var cases []fnCase
	for range n {
		path := pick(genPrefixes)
		for range rnd.IntN(4) {
			path += pick(genPieces)
		}
		var qs []string
		for range rnd.IntN(3) {
			qs = append(qs, pick(genQueries))
		}
		method := "GET"
		if rnd.IntN(10) == 0 {
			method = "HEAD"
		}
		cases = append(cases, fnCase{method, path, strings.Join(qs, "&")})
	}
	for _, r := range knownRunes() {
		if unicode.IsLetter(r) {
			cases = append(cases, fnCase{"GET", "/wiki/" + url.PathEscape(string(r)+"x"), ""}, fnCase{"GET", "/wiki/User:" + url.PathEscape(string(r)), ""})
		}
	}
	return cases
}
