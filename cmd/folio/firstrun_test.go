package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNewStoreFrontPage: whichever command makes the store — import, page
// put, user create — the wiki has its front page.
func TestNewStoreFrontPage(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "Home.md"), "home")
	pw := filepath.Join(t.TempDir(), "pw")
	writeFile(t, pw, "a long password\n")
	for name, args := range map[string][]string{
		"import":      {"import", "--data", "DATA", src},
		"page put":    {"page", "put", "--data", "DATA", "Sandbox"},
		"user create": {"user", "create", "--data", "DATA", "--password-file", pw, "Admin"},
	} {
		t.Run(name, func(t *testing.T) {
			data := t.TempDir()
			for i := range args {
				if args[i] == "DATA" {
					args[i] = data
				}
			}
			if out, errOut, err := folio(t, "text", nil, args...); err != nil {
				t.Fatalf("%v: %v\n%s%s", args, err, out, errOut)
			}
			out, _, err := folio(t, "", nil, "page", "get", "--data", data, "Main Page")
			if err != nil || !strings.Contains(out, "Welcome to Folio") || !strings.Contains(out, "folio user create") {
				t.Fatalf("Main Page after %s = %q, %v", name, out, err)
			}
		})
	}
}

// TestImportRepositoryRoot: importing a repository's root rather than its
// pages folder warns and names the folder meant; --prefix puts a prefix
// before every title; control characters in skipped file names are quoted.
func TestImportRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "README.md"), "readme")
	writeFile(t, filepath.Join(root, "pages", "A b.md"), "a")
	writeFile(t, filepath.Join(root, "pages", "bad\x1b[31m.txt"), "not markdown")
	_, errOut, err := folio(t, "", nil, "import", "--data", t.TempDir(), root)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut, "looks like a repository's root") || !strings.Contains(errOut, "folio import "+filepath.Join(root, "pages")) {
		t.Errorf("no warning naming %s/pages:\n%s", root, errOut)
	}

	data := t.TempDir()
	out, errOut, err := folio(t, "", nil, "import", "--data", data, "--prefix", "Guide", filepath.Join(root, "pages"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(errOut, "warning") {
		t.Errorf("importing the pages folder warned:\n%s", errOut)
	}
	if strings.Contains(out, "\x1b") || !strings.Contains(out, `"bad\x1b[31m.txt"`) {
		t.Errorf("the skipped file's name is not quoted: %q", out)
	}
	if got, _, err := folio(t, "", nil, "page", "get", "--data", data, "Guide/A b"); err != nil || got != "a\n" {
		t.Errorf("Guide/A_b = %q, %v", got, err)
	}
	if _, _, err := folio(t, "", nil, "import", "--data", data, "--prefix", "a|b", root); err == nil {
		t.Error("a prefix that makes no title was accepted")
	}
}

// TestServeMainPageAndGreeting: --main-page makes an existing page the
// front page ("/" and the Main page link); serve prints where the wiki is
// and, while no account exists, the command that makes the first
// administrator.
func TestServeMainPageAndGreeting(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(src, "Home.md"), "home page")
	if _, _, err := folio(t, "", nil, "import", "--data", data, src); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		stderr string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		_, errOut, err := folioCtx(ctx, "", nil, "serve", "--addr", addr, "--data", data, "--log-level", "warn", "--main-page", "home")
		done <- result{errOut, err}
	}()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var resp *http.Response
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err = client.Get("http://" + addr + "/"); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/wiki/Home" {
		t.Errorf("GET / = %d to %q, want 301 to /wiki/Home", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = client.Get("http://" + addr + "/wiki/Home")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `href="/wiki/Home"`) || strings.Contains(string(body), `href="/wiki/Main_Page"`) {
		t.Errorf("GET /wiki/Home = %d; the Main page link does not lead to Home", resp.StatusCode)
	}
	cancel()
	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, want := range []string{"Folio is serving http://" + addr + "/wiki/Home", "No account exists yet", "user create --data " + data + " --group sysop Admin"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("serve's output lacks %q:\n%s", want, r.stderr)
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
