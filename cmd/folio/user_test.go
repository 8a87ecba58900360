package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestUserCommandsBesideServe: accounts made and changed with folio user,
// a separate store client on the same SQLite file, take effect on a running
// folio serve: the grant on the user's next requests, within a second.
func TestUserCommandsBesideServe(t *testing.T) {
	data := t.TempDir()
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte("correct horse battery\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _, err := folio(t, "", nil, "user", "create", "--data", data, "--password-file", pwFile, "alice")
	if err != nil || !strings.Contains(out, "created user Alice") {
		t.Fatalf("user create = %q, %v", out, err)
	}
	if _, _, err := folio(t, "", nil, "user", "create", "--data", data, "--password-file", pwFile, "Alice"); err == nil {
		t.Fatal("a second account named Alice was created")
	}
	if _, _, err := folio(t, "", nil, "user", "create", "--data", data, "Bob"); err == nil || !strings.Contains(err.Error(), "no password") {
		t.Fatalf("create without a password source: %v", err)
	}

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := folioCtx(ctx, "", nil, "serve", "--addr", addr, "--data", data, "--log-level", "warn")
		done <- err
	}()
	defer func() { cancel(); <-done }()
	base := "http://" + addr
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	waitUp(t, c, base+"/wiki/Main_Page", done)

	token := formToken(t, c, base+"/-/login")
	resp, err := c.PostForm(base+"/-/login", url.Values{"name": {"Alice"}, "password": {"correct horse battery"}, "csrf": {token}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %v, %v", resp, err)
	}
	resp.Body.Close()
	if code := status(t, c, base+"/-/delete/Main_Page"); code != http.StatusForbidden {
		t.Fatalf("before the grant: %d", code)
	}
	if out, _, err := folio(t, "", nil, "user", "grant", "--data", data, "Alice", "sysop"); err != nil {
		t.Fatalf("grant = %q, %v", out, err)
	}
	deadline := time.Now().Add(time.Second)
	for status(t, c, base+"/-/delete/Main_Page") == http.StatusForbidden {
		if time.Now().After(deadline) {
			t.Fatal("the running server did not see the grant within 1 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitUp waits for the server at u, failing at once if serve returned.
func waitUp(t *testing.T, c *http.Client, u string, served chan error) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := c.Get(u)
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not up: %v", err)
		}
		select {
		case err := <-served:
			served <- err
			t.Fatalf("serve stopped: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func status(t *testing.T, c *http.Client, u string) int {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func formToken(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := csrfField.FindSubmatch(b)
	if m == nil {
		t.Fatalf("no csrf field at %s", u)
	}
	return string(m[1])
}
