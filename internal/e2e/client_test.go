package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// newHTTPClient returns a client that does not follow redirects, with a
// transport of its own (closed when the test ends).
func newHTTPClient(t testing.TB, timeout time.Duration) *http.Client {
	tr := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConns:        100,
		MaxIdleConnsPerHost: 100,
		IdleConnTimeout:     30 * time.Second,
	}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{
		Transport:     tr,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// response is a whole HTTP response.
type response struct {
	Status int
	Header http.Header
	Body   string
}

func (r response) String() string {
	return fmt.Sprintf("%d %s", r.Status, tail(r.Body, 400))
}

// api is a client of the JSON API with a bearer token.
type api struct {
	base  string
	token string
	hc    *http.Client
}

func newAPI(t testing.TB, n *node, token string) *api {
	return &api{base: n.base, token: token, hc: newHTTPClient(t, 60*time.Second)}
}

// pageJSON is GET /api/v1/pages/T.
type pageJSON struct {
	Title    string `json:"title"`
	Revision int64  `json:"revision"`
	Text     string `json:"text"`
}

func (a *api) do(ctx context.Context, method, path string, body io.Reader) (response, error) {
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, body)
	if err != nil {
		return response{}, err
	}
	if a.token != "" {
		req.Header.Set("Authorization", "Bearer "+a.token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.hc.Do(req)
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

// get returns the current revision of title; Revision 0 when there is none.
func (a *api) get(ctx context.Context, title string) (pageJSON, error) {
	r, err := a.do(ctx, "GET", "/api/v1/pages/"+title, nil)
	if err != nil {
		return pageJSON{}, err
	}
	var p pageJSON
	switch r.Status {
	case http.StatusNotFound:
		return p, nil
	case http.StatusOK:
		if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
			return p, fmt.Errorf("GET %s: %v in %q (header %v)", title, err, r.Body, r.Header)
		}
		return p, nil
	}
	return p, fmt.Errorf("GET /api/v1/pages/%s: %s", title, r)
}

// putResult is the answer to a PUT.
type putResult struct {
	Status   int
	Revision int64 // 200, 201
	Current  int64 // 409
	Body     string
}

// put saves text on base.
func (a *api) put(ctx context.Context, title, text string, base int64) (putResult, error) {
	b, _ := json.Marshal(map[string]any{"text": text, "base": base, "summary": "e2e"})
	r, err := a.do(ctx, "PUT", "/api/v1/pages/"+title, bytes.NewReader(b))
	if err != nil {
		return putResult{}, err
	}
	res := putResult{Status: r.Status, Body: r.Body}
	var v struct {
		Revision int64 `json:"revision"`
		Current  int64 `json:"current"`
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		_ = json.Unmarshal([]byte(r.Body), &v)
	}
	res.Revision, res.Current = v.Revision, v.Current
	return res, nil
}

// mustPut saves and requires success.
func (a *api) mustPut(t testing.TB, title, text string, base int64) int64 {
	t.Helper()
	res, err := a.put(context.Background(), title, text, base)
	if err != nil {
		t.Fatalf("PUT %s: %v", title, err)
	}
	if res.Status != http.StatusOK && res.Status != http.StatusCreated || res.Revision == 0 {
		t.Fatalf("PUT %s on base %d = %d %s", title, base, res.Status, res.Body)
	}
	return res.Revision
}

// historyEntry is one revision in GET /api/v1/history/T.
type historyEntry struct {
	Revision int64 `json:"revision"`
	Parent   int64 `json:"parent"`
}

// history returns every revision of title, newest first.
func (a *api) history(t testing.TB, title string) []historyEntry {
	t.Helper()
	var all []historyEntry
	before := int64(0)
	for {
		path := fmt.Sprintf("/api/v1/history/%s?limit=500", title)
		if before > 0 {
			path += fmt.Sprintf("&before=%d", before)
		}
		r, err := a.do(context.Background(), "GET", path, nil)
		if err != nil || r.Status != http.StatusOK {
			t.Fatalf("GET %s: %v %s", path, err, r)
		}
		var h struct {
			Revisions []historyEntry `json:"revisions"`
		}
		if err := json.Unmarshal([]byte(r.Body), &h); err != nil {
			t.Fatal(err)
		}
		all = append(all, h.Revisions...)
		if len(h.Revisions) < 500 {
			return all
		}
		before = h.Revisions[len(h.Revisions)-1].Revision
	}
}

// browser keeps cookies and posts forms, like the server package's test
// client, but over the network.
type browser struct {
	t       testing.TB
	base    string
	hc      *http.Client
	cookies map[string]*http.Cookie
}

func newBrowser(t testing.TB, n *node) *browser {
	return &browser{t: t, base: n.base, hc: newHTTPClient(t, 30*time.Second), cookies: map[string]*http.Cookie{}}
}

// on returns a browser with the same cookies on another node.
func (b *browser) on(n *node) *browser {
	c := newBrowser(b.t, n)
	for k, v := range b.cookies {
		c.cookies[k] = v
	}
	return c
}

// do sends a request; form, when not nil, is posted url-encoded; header
// holds name/value pairs.
func (b *browser) do(method, path string, form url.Values, header ...string) response {
	b.t.Helper()
	r, err := b.try(method, path, form, header...)
	if err != nil {
		b.t.Fatalf("%s %s: %v", method, path, err)
	}
	return r
}

func (b *browser) try(method, path string, form url.Values, header ...string) (response, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		return response{}, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	resp, err := b.hc.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return response{}, err
	}
	for _, c := range resp.Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: string(data)}, nil
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf fetches a form page and returns its token.
func (b *browser) csrf(path string) string {
	b.t.Helper()
	r := b.do("GET", path, nil)
	m := csrfField.FindStringSubmatch(r.Body)
	if m == nil {
		b.t.Fatalf("GET %s = %d: no csrf field in\n%s", path, r.Status, tail(r.Body, 2000))
	}
	return m[1]
}

// login logs in through the form and requires success.
func (b *browser) login(a account) {
	b.t.Helper()
	token := b.csrf("/-/login")
	r := b.do("POST", "/-/login", url.Values{"name": {a.name}, "password": {a.password}, "csrf": {token}})
	if r.Status != http.StatusSeeOther || b.cookies["folio_session"] == nil {
		b.t.Fatalf("login as %s = %s", a.name, r)
	}
}

// session returns the session cookie's value.
func (b *browser) session() string {
	if c := b.cookies["folio_session"]; c != nil {
		return c.Value
	}
	return ""
}

// raw sends req (a whole HTTP/1.1 request, bytes as given) on a new TCP
// connection and reads one response.
func raw(addr, req string, timeout time.Duration) (response, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return response{}, err
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	// Write while reading, as HTTP clients do: a server may answer a body it
	// refuses (413) before it has all of it, and close the connection; the
	// answer is read even if the rest of the body could not be written.
	written := make(chan error, 1)
	go func() {
		_, err := io.WriteString(conn, req)
		written <- err
	}()
	defer func() {
		conn.Close()
		<-written
	}()
	method, _, _ := strings.Cut(req, " ")
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		select {
		case werr := <-written:
			written <- werr // for the deferred wait
			if werr != nil {
				return response{}, fmt.Errorf("write: %w (read: %v)", werr, err)
			}
		default:
		}
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return response{}, err
	}
	return response{Status: resp.StatusCode, Header: resp.Header, Body: string(b)}, nil
}

// rawGet sends "METHOD target HTTP/1.1" with Host and Connection: close
// and extra header lines.
func rawGet(addr, method, target string, headers ...string) (response, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n", method, target, addr)
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	return raw(addr, b.String(), 30*time.Second)
}

// waitUntil polls cond every 10ms for up to d and returns how long it took,
// and whether cond became true.
func waitUntil(d time.Duration, cond func() bool) (time.Duration, bool) {
	start := time.Now()
	for {
		if cond() {
			return time.Since(start), true
		}
		if time.Since(start) > d {
			return time.Since(start), false
		}
		time.Sleep(10 * time.Millisecond)
	}
}
