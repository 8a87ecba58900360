package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
)

// folio runs the binary's entry point in-process with the given stdin and
// environment, returning stdout, stderr and the error.
func folio(t *testing.T, stdin string, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	return folioCtx(context.Background(), stdin, env, args...)
}

func folioCtx(ctx context.Context, stdin string, env map[string]string, args ...string) (string, string, error) {
	var out, errOut bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	err := run(ctx, args, stdio{in: strings.NewReader(stdin), out: &out, err: &errOut, lookup: lookup})
	return out.String(), errOut.String(), err
}

func TestPagePutGet(t *testing.T) {
	data := t.TempDir()
	out, _, err := folio(t, "Hello **world**\r\n", nil, "page", "put", "--data", data, "--summary", "hi", "sandbox page")
	if err != nil || !strings.Contains(out, "Sandbox_page: created") {
		t.Fatalf("put = %q, %v", out, err)
	}
	out, _, err = folio(t, "", map[string]string{"FOLIO_DATA": data}, "page", "get", "Sandbox_page")
	if err != nil || out != "Hello **world**\n" {
		t.Fatalf("get = %q, %v", out, err)
	}
	// Putting back what get printed is a null edit.
	out, _, err = folio(t, out, nil, "page", "put", "--data", data, "Sandbox page")
	if err != nil || !strings.Contains(out, "no change") {
		t.Fatalf("put again = %q, %v", out, err)
	}
}

func TestPageBadInput(t *testing.T) {
	data := t.TempDir()
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"empty title", "x", []string{"page", "put", "--data", data, " _ "}, "title"},
		{"bad title char", "x", []string{"page", "put", "--data", data, "a|b"}, "title"},
		{"not utf-8", "ok \xff", []string{"page", "put", "--data", data, "T"}, "UTF-8"},
		{"control char", "a\x00b", []string{"page", "put", "--data", data, "T"}, "control character"},
		{"too large", strings.Repeat("x", 101), []string{"page", "put", "--data", data, "--max-page-bytes", "100", "T"}, "too large"},
		{"missing page", "", []string{"page", "get", "--data", data, "Nowhere"}, "no page"},
		{"flag after arg", "x", []string{"page", "put", "T", "--data", data}, "one TITLE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := folio(t, c.stdin, nil, c.args...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
	out, _, err := folio(t, "", nil, "import", "--data", data, filepath.Join(data, "nope"))
	if err == nil {
		t.Fatalf("import of a missing dir: %q, want an error", out)
	}
	if _, err := os.Stat(filepath.Join(data, "folio.db")); err == nil {
		// The store may exist (commands open it), but it must hold no page.
		out, _, _ := folio(t, "", nil, "page", "get", "--data", data, "T")
		if out != "" {
			t.Fatalf("bad input wrote a page: %q", out)
		}
	}
}

func TestImportTwice(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "Foo"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "Foo", "Bar Baz.md"), []byte("text"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := folio(t, "", nil, "import", "--data", data, src)
	if err != nil || !strings.Contains(out, "1 created") {
		t.Fatalf("import = %q, %v", out, err)
	}
	out, _, err = folio(t, "", nil, "import", "--data", data, src)
	if err != nil || !strings.HasPrefix(out, "0 changes") {
		t.Fatalf("second import = %q, %v; want 0 changes", out, err)
	}
	out, _, err = folio(t, "", nil, "page", "get", "--data", data, "Foo/Bar_Baz")
	if err != nil || out != "text\n" {
		t.Fatalf("get = %q, %v", out, err)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"page"}, {"page", "delete"}, {"serve", "--no-such-flag"}} {
		if _, _, err := folio(t, "", nil, args...); !errors.Is(err, errUsage) {
			t.Errorf("folio %q: err = %v, want a usage error", args, err)
		}
	}
	if _, _, err := folio(t, "", map[string]string{"FOLIO_LOG_LEVEL": "loud"}, "migrate"); err == nil {
		t.Error("a bad FOLIO_LOG_LEVEL was accepted")
	}
}

// TestReadmeConfigTable keeps README's configuration table in step with the
// options the binary defines.
func TestReadmeConfigTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile("(?m)^\\| `--([a-z-]+)` \\| `(FOLIO_[A-Z_]+)`").FindAllStringSubmatch(string(b), -1)
	inReadme := map[string]string{}
	for _, r := range rows {
		inReadme[r[1]] = r[2]
	}
	for _, o := range config.Options {
		env, ok := inReadme[o.Name]
		if !ok {
			t.Errorf("README's configuration table lacks --%s", o.Name)
			continue
		}
		if env != config.EnvName(o.Name) {
			t.Errorf("README gives %s for --%s, want %s", env, o.Name, config.EnvName(o.Name))
		}
		delete(inReadme, o.Name)
	}
	for name := range inReadme {
		t.Errorf("README documents --%s, which folio does not define", name)
	}
}
