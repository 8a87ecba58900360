package main

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestTokenCommands: create (with and without an expiry, saying which),
// list (never a secret), revoke by id and by account.
func TestTokenCommands(t *testing.T) {
	data := t.TempDir()
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("correct horse battery\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Bot", "Ann"} {
		if _, _, err := folio(t, "", nil, "user", "create", "--data", data, "--password-file", pw, name); err != nil {
			t.Fatal(err)
		}
	}
	forever, errOut, err := folio(t, "", nil, "token", "create", "--data", data, "--name", "ci", "Bot")
	if err != nil || !strings.HasPrefix(forever, "folio_") || !strings.Contains(errOut, "never expires") ||
		!strings.Contains(errOut, "folio token revoke 1") {
		t.Fatalf("token create = %q, %q, %v", forever, errOut, err)
	}
	monthly, errOut, err := folio(t, "", nil, "token", "create", "--data", data, "--name", "deploy bot", "--expires", "720h", "Bot")
	if err != nil || !strings.HasPrefix(monthly, "folio_") || !strings.Contains(errOut, "expires "+time.Now().Add(720*time.Hour).UTC().Format("2006-01-02")) {
		t.Fatalf("token create --expires = %q, %q, %v", monthly, errOut, err)
	}
	if _, _, err := folio(t, "", nil, "token", "create", "--data", data, "Ann"); err != nil {
		t.Fatal(err)
	}

	out, _, err := folio(t, "", nil, "token", "list", "--data", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^ID +NAME +OWNER +CREATED +EXPIRES +LAST USED$`),
		regexp.MustCompile(`(?m)^1 +"ci" +Bot +\d{4}-\d\d-\d\d \d\d:\d\d UTC +never +-$`),
		regexp.MustCompile(`(?m)^2 +"deploy bot" +Bot +\S+ \S+ UTC +\d{4}-\d\d-\d\d \d\d:\d\d UTC +-$`),
		regexp.MustCompile(`(?m)^3 +- +Ann `),
	} {
		if !want.MatchString(out) {
			t.Errorf("token list lacks %v:\n%s", want, out)
		}
	}
	if strings.Contains(out, strings.TrimSpace(forever)) || strings.Contains(out, "folio_") {
		t.Fatalf("token list shows a secret:\n%s", out)
	}
	out, _, err = folio(t, "", nil, "token", "list", "--data", data, "--user", "ann")
	if err != nil || strings.Count(out, "\n") != 2 || !strings.Contains(out, "Ann") || strings.Contains(out, "Bot") {
		t.Fatalf("token list --user ann = %q, %v", out, err)
	}

	out, _, err = folio(t, "", nil, "token", "revoke", "--data", data, "2")
	if err != nil || out != "revoked token 2 (\"deploy bot\") of Bot\n" {
		t.Fatalf("token revoke 2 = %q, %v", out, err)
	}
	if _, _, err := folio(t, "", nil, "token", "revoke", "--data", data, "2"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("revoking twice: %v, want not found", err)
	}
	out, _, err = folio(t, "", nil, "token", "revoke", "--data", data, "--user", "Bot")
	if err != nil || out != "revoked 1 token of Bot\n" {
		t.Fatalf("token revoke --user Bot = %q, %v", out, err)
	}
	out, errOut, err = folio(t, "", nil, "token", "list", "--data", data, "--user", "Bot")
	if err != nil || out != "" || !strings.Contains(errOut, "no API tokens") {
		t.Fatalf("token list after revoking = %q, %q, %v", out, errOut, err)
	}

	for _, args := range [][]string{
		{"token", "revoke", "--data", data},
		{"token", "revoke", "--data", data, "x"},
		{"token", "revoke", "--data", data, "0"},
		{"token", "revoke", "--data", data, "--user", "Bot", "3"},
		{"token", "revoke", "--data", data, "1", "3"},
		{"token", "list", "--data", data, "Bot"},
		{"token", "create", "--data", data, "--expires", "-1h", "Bot"},
		{"token", "create", "--data", data, "--expires", "30d", "Bot"},
	} {
		if _, _, err := folio(t, "", nil, args...); !errors.Is(err, errUsage) {
			t.Errorf("folio %q: %v, want a usage error", args, err)
		}
	}
}

// TestTokenRevokedWhileServing: "folio token revoke", another process on
// the same data, ends a token that a running server has cached within a
// second; an expired token is refused from the start.
func TestTokenRevokedWhileServing(t *testing.T) {
	data := t.TempDir()
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("correct horse battery\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := folio(t, "", nil, "user", "create", "--data", data, "--password-file", pw, "Bot"); err != nil {
		t.Fatal(err)
	}
	token, _, err := folio(t, "", nil, "token", "create", "--data", data, "Bot")
	if err != nil {
		t.Fatal(err)
	}
	token = strings.TrimSpace(token)
	expired, _, err := folio(t, "", nil, "token", "create", "--data", data, "--expires", "1ns", "Bot")
	if err != nil {
		t.Fatal(err)
	}
	expired = strings.TrimSpace(expired)

	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, _, err := folioCtx(ctx, "", nil, "serve", "--addr", addr, "--data", data, "--log-level", "warn")
		done <- err
	}()
	defer func() { cancel(); <-done }()
	c := &http.Client{}
	waitUp(t, c, "http://"+addr+"/wiki/Main_Page", done)

	status := func(secret string) int {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/pages/Main_Page", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status(expired); got != http.StatusUnauthorized {
		t.Fatalf("an expired token = %d, want 401", got)
	}
	for range 3 { // cached by the server
		if got := status(token); got != http.StatusOK {
			t.Fatalf("token = %d, want 200", got)
		}
	}
	if _, _, err := folio(t, "", nil, "token", "revoke", "--data", data, "1"); err != nil {
		t.Fatal(err)
	}
	start := time.Now() // the revocation committed just before
	for status(token) != http.StatusUnauthorized {
		if time.Since(start) > time.Second {
			t.Fatal("the server still accepts the revoked token a second later")
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("refused %v after folio token revoke", time.Since(start))
}
