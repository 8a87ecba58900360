// Package renderjs runs skin/js/folio-render.js under Node for the tests:
// a Run holds payloads as the API sends them (PageInfo, UserInfo, skin
// bundles) and views of them, sends them all to one node process (run.js)
// and compares what FolioRender.data and FolioRender.render give with
// what the Go recipe and the server give.
package renderjs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// Node returns the path of node, or skips the test (fails it when
// FOLIO_REQUIRE_NODE=1).
func Node(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("FOLIO_REQUIRE_NODE") == "1" {
			t.Fatalf("node is required (FOLIO_REQUIRE_NODE=1) but not found: %v", err)
		}
		t.Skipf("SKIP: the folio-render.js tests need node on PATH (set FOLIO_REQUIRE_NODE=1 to make this a failure): %v", err)
	}
	return path
}

// Run is one node process's work: the payloads, and the cases.
type Run struct {
	Pages   []json.RawMessage          `json:"pages"`
	Users   []json.RawMessage          `json:"users"`
	Bundles map[string]json.RawMessage `json:"bundles"`
	// Scripts are the sources of a bundle's render-scripts, which run.js
	// loads in order as a page does; none: it requires folio-render.js
	// from skin/js, as a Node program does.
	Scripts []string `json:"scripts,omitempty"`
	// Twins are more scripts run after those, such as the JavaScript
	// twins of a test's own skin.data hooks.
	Twins []string `json:"twins,omitempty"`
	Order []string `json:"order"` // the data's keys in Go's order, but the messages (msg-*), which come last, sorted
	Full  bool     `json:"full"`  // answer with the data and the HTML themselves, not their hashes
	Cases []Case   `json:"cases"`

	want []want
}

// Case is a view from payloads (Page and User index Pages and Users),
// whose data run.js hashes and, with Render, renders; or, with Data, data
// to render with the bundle's templates.
type Case struct {
	Bundle string          `json:"bundle"`
	Page   int             `json:"page"`
	User   int             `json:"user"`
	Meta   map[string]any  `json:"meta,omitempty"`
	Render bool            `json:"render,omitempty"`
	Data   json.RawMessage `json:"data,omitempty"`
}

type want struct {
	name string
	data []byte // json.Marshal of the Go recipe's skin.Data; nil: not compared
	html string
}

// result is run.js's answer to a case.
type result struct {
	DataHash string          `json:"data-hash"`
	HTMLHash string          `json:"html-hash"`
	Data     json.RawMessage `json:"data"`
	DataText string          `json:"data-text"` // the data's JSON as hashed
	HTML     string          `json:"html"`
	Error    string          `json:"error"`
}

// New returns an empty Run.
func New() *Run {
	return &Run{Pages: []json.RawMessage{}, Users: []json.RawMessage{}, Bundles: map[string]json.RawMessage{}}
}

// Page adds a PageInfo payload and returns its index.
func (r *Run) Page(raw []byte) int {
	r.Pages = append(r.Pages, raw)
	return len(r.Pages) - 1
}

// User adds a UserInfo payload and returns its index.
func (r *Run) User(raw []byte) int {
	r.Users = append(r.Users, raw)
	return len(r.Users) - 1
}

// Bundle adds a skin bundle under key.
func (r *Run) Bundle(key string, raw []byte) { r.Bundles[key] = raw }

// View adds the view of page by user with the bundle under key, for
// meta: its data must be wantData (json.Marshal of a skin.Data), and, when
// wantHTML is not nil, FolioRender.render must give *wantHTML.
func (r *Run) View(name, bundle string, page, user int, meta map[string]any, wantData []byte, wantHTML *string) {
	c := Case{Bundle: bundle, Page: page, User: user, Meta: meta, Render: wantHTML != nil}
	w := want{name: name, data: wantData}
	if wantHTML != nil {
		w.html = *wantHTML
	}
	if r.Order == nil && wantData != nil {
		r.Order = keyOrder(wantData)
	}
	r.Cases = append(r.Cases, c)
	r.want = append(r.want, w)
}

// Rendered adds data (the JSON of a skin.Data) that mustache.js, with the
// bundle's templates and escapes, must render to wantHTML.
func (r *Run) Rendered(name, bundle string, data []byte, wantHTML string) {
	r.Cases = append(r.Cases, Case{Bundle: bundle, Data: data, Render: true})
	r.want = append(r.want, want{name: name, html: wantHTML})
}

// keyOrder returns the keys of the JSON object b in order, but msg-*.
func keyOrder(b []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(b))
	keys := []string{}
	if _, err := dec.Token(); err != nil {
		return keys
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return keys
		}
		if s, _ := k.(string); !strings.HasPrefix(s, "msg-") {
			keys = append(keys, s)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return keys
		}
	}
	return keys
}

// script is run.js, beside this file.
func script() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "run.js")
}

func (r *Run) run(t testing.TB) []result {
	t.Helper()
	node := Node(t)
	in, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(node, script())
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(in), &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node run.js: %v\n%s", err, stderr.String())
	}
	var out []result
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("node run.js: output: %v", err)
	}
	if len(out) != len(r.Cases) {
		t.Fatalf("node answered %d cases, want %d", len(out), len(r.Cases))
	}
	return out
}

func sha(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Check runs the cases in one node process and fails t for each that
// differs from what it should give; those run again, in full, to say how
// (the first differing key of the data, the first differing bytes of the
// HTML).
func (r *Run) Check(t testing.TB) {
	t.Helper()
	got := r.run(t)
	var bad []int
	for i, res := range got {
		w := r.want[i]
		dataOK := w.data == nil || res.DataHash == sha(w.data)
		htmlOK := !r.Cases[i].Render || res.HTMLHash == sha([]byte(w.html))
		if res.Error != "" || !dataOK || !htmlOK {
			bad = append(bad, i)
		}
	}
	if len(bad) == 0 {
		return
	}
	again := *r
	again.Full, again.Cases, again.want = true, nil, nil
	for _, i := range bad[:min(len(bad), 5)] {
		again.Cases = append(again.Cases, r.Cases[i])
	}
	full := again.run(t)
	for j, i := range bad[:len(again.Cases)] {
		res, w := full[j], r.want[i]
		switch {
		case res.Error != "":
			t.Errorf("%s: folio-render.js: %s", w.name, res.Error)
		case w.data != nil && got[i].DataHash != sha(w.data):
			diff := jsonDiff(res.Data, w.data)
			if diff == "" {
				diff = "the same values, encoded differently:\n" + firstDiff(res.DataText, string(w.data))
			}
			t.Errorf("%s: FolioRender.data differs from the Go recipe's: %s", w.name, diff)
		default:
			t.Errorf("%s: the HTML differs from the server's:\n%s", w.name, firstDiff(res.HTML, w.html))
		}
	}
	t.Fatalf("%d of %d cases differ", len(bad), len(r.Cases))
}

// jsonDiff returns "" when the JSON texts a and b hold the same values,
// else where they first differ (keys in sorted order, depth first).
func jsonDiff(a, b []byte) string {
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		return "got: " + err.Error()
	}
	if err := json.Unmarshal(b, &y); err != nil {
		return "want: " + err.Error()
	}
	return valueDiff("", x, y)
}

func valueDiff(path string, x, y any) string {
	switch xv := x.(type) {
	case map[string]any:
		yv, ok := y.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(xv)+len(yv))
		for k := range xv {
			keys = append(keys, k)
		}
		for k := range yv {
			if _, ok := xv[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			xe, xok := xv[k]
			ye, yok := yv[k]
			switch {
			case !xok:
				return fmt.Sprintf("%s.%s: missing, want %s", path, k, short(ye))
			case !yok:
				return fmt.Sprintf("%s.%s: got %s, want no such key", path, k, short(xe))
			}
			if d := valueDiff(path+"."+k, xe, ye); d != "" {
				return d
			}
		}
		return ""
	case []any:
		yv, ok := y.([]any)
		if !ok || len(xv) != len(yv) {
			break
		}
		for i := range xv {
			if d := valueDiff(fmt.Sprintf("%s[%d]", path, i), xv[i], yv[i]); d != "" {
				return d
			}
		}
		return ""
	}
	if reflect.DeepEqual(x, y) {
		return ""
	}
	if xs, ok := x.(string); ok {
		if ys, ok := y.(string); ok {
			return path + ":\n" + firstDiff(xs, ys)
		}
	}
	return fmt.Sprintf("%s: got %s, want %s", path, short(x), short(y))
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// firstDiff shows a and b around their first difference.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-80)
	return "got:  …" + a[lo:min(len(a), i+80)] + "\nwant: …" + b[lo:min(len(b), i+80)]
}
