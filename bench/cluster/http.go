package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"time"
)

// client is what every request of the benchmark goes through: keep-alive
// connections enough for the load, no redirects followed, no cookies
// (requests carry the session cookie themselves when they are logged in),
// and no transparent decompression (the load asks for gzip as a browser
// does and reads the bytes as they come).
var client = &http.Client{
	Timeout: 30 * time.Second,
	Transport: &http.Transport{
		MaxIdleConns:        512,
		MaxIdleConnsPerHost: 128,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// get sends a GET with optional header pairs and returns the status and
// the body, decompressed when it came gzipped.
func get(u string, header ...string) (int, []byte, error) {
	return send("GET", u, nil, header...)
}

func send(method, u string, body io.Reader, header ...string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(context.Background(), method, u, body)
	if err != nil {
		return 0, nil, err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.Header.Get("Content-Encoding") == "gzip" {
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(bytes.NewReader(b)); err == nil {
			b, err = io.ReadAll(zr)
		}
	}
	if err != nil {
		return resp.StatusCode, nil, fmt.Errorf("%s %s: %w", method, u, err)
	}
	return resp.StatusCode, b, nil
}

// discard sends a GET and reads the answer without keeping it: the load's
// request. It returns the status.
func discard(u string, header ...string) (int, error) {
	req, err := http.NewRequestWithContext(context.Background(), "GET", u, nil)
	if err != nil {
		return 0, err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, nil
}

// login logs in through the login form, as a browser does, and returns the
// session cookie's value. Sessions live in the store: one login serves on
// every node.
func login(base, name, password string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: client.CheckRedirect}
	resp, err := c.Get(base + "/-/login")
	if err != nil {
		return "", err
	}
	form, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(form)
	if resp.StatusCode != http.StatusOK || m == nil {
		return "", fmt.Errorf("GET /-/login = %d, no CSRF token in the form", resp.StatusCode)
	}
	resp, err = c.PostForm(base+"/-/login", url.Values{"name": {name}, "password": {password}, "csrf": {string(m[1])}})
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("POST /-/login = %d, want 303", resp.StatusCode)
	}
	u, _ := url.Parse(base + "/")
	for _, ck := range jar.Cookies(u) {
		if ck.Name == sessionCookie {
			return ck.Value, nil
		}
	}
	return "", errors.New("POST /-/login set no session cookie")
}

var locRE = regexp.MustCompile(`<loc>([^<]+)</loc>`)

// titles lists the URL path of every page from the sitemap, following a
// sitemap index when there is one.
func titles(base string) ([]string, error) {
	status, body, err := get(base + "/sitemap.xml")
	if err != nil || status != http.StatusOK {
		return nil, fmt.Errorf("GET /sitemap.xml = %d, %v", status, err)
	}
	maps := [][]byte{body}
	if bytes.Contains(body, []byte("<sitemapindex")) {
		maps = nil
		for _, m := range locRE.FindAllSubmatch(body, -1) {
			u, err := url.Parse(string(m[1]))
			if err != nil {
				return nil, err
			}
			status, b, err := get(base + u.RequestURI())
			if err != nil || status != http.StatusOK {
				return nil, fmt.Errorf("GET %s = %d, %v", u.RequestURI(), status, err)
			}
			maps = append(maps, b)
		}
	}
	var paths []string
	for _, b := range maps {
		for _, m := range locRE.FindAllSubmatch(b, -1) {
			u, err := url.Parse(string(m[1]))
			if err != nil {
				return nil, err
			}
			paths = append(paths, u.EscapedPath())
		}
	}
	if len(paths) == 0 {
		return nil, errors.New("the sitemap lists no page")
	}
	return paths, nil
}

// apiPage reads a page's text and revision through the API.
func apiPage(base, token, title string) (text string, rev int64, err error) {
	status, body, err := get(base+"/api/v1/pages/"+title, "Authorization", "Bearer "+token)
	if err != nil || status != http.StatusOK {
		return "", 0, fmt.Errorf("GET /api/v1/pages/%s = %d, %v: %.200s", title, status, err, body)
	}
	var v struct {
		Text     string `json:"text"`
		Revision int64  `json:"revision"`
	}
	err = json.Unmarshal(body, &v)
	return v.Text, v.Revision, err
}

// errConflict is a 409 from the API: the page moved on.
var errConflict = errors.New("edit conflict")

// apiPut saves a page through the API on top of base and returns the new
// revision.
func apiPut(base, token, title, text string, parent int64) (int64, error) {
	body, _ := json.Marshal(map[string]any{"text": text, "base": parent, "summary": "bench-cluster edit"})
	status, resp, err := send("PUT", base+"/api/v1/pages/"+title, bytes.NewReader(body),
		"Authorization", "Bearer "+token, "Content-Type", "application/json")
	if err != nil {
		return 0, err
	}
	if status == http.StatusConflict {
		return 0, errConflict
	}
	if status != http.StatusOK && status != http.StatusCreated {
		return 0, fmt.Errorf("PUT /api/v1/pages/%s = %d: %.200s", title, status, resp)
	}
	var v struct {
		Revision int64 `json:"revision"`
	}
	if err := json.Unmarshal(resp, &v); err != nil {
		return 0, fmt.Errorf("PUT /api/v1/pages/%s: %w", title, err)
	}
	return v.Revision, nil
}
