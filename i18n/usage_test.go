package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Patterns of a message used by its key: in Go (Lang.T, Lang.HTML), in
// html/template views ({{msg "key"}}, {{msgHTML "key"}}) and in Mustache
// skins ({{msg-key}}, any tag).
var (
	goUse       = regexp.MustCompile(`\.(?:T|HTML)\("([a-z0-9-]+)"`)
	viewUse     = regexp.MustCompile(`\bmsg(?:HTML)?\s+"([a-z0-9-]+)"`)
	mustacheUse = regexp.MustCompile(`\{\{[#^/&{]?\s*msg-([a-z0-9-]+)`)
)

// TestUsedKeysExist: every message key the code, the views and the skins
// name literally is in the source catalog (the skins' in the skin group
// or their own messages/), so no page shows ⧼key⧽.
func TestUsedKeysExist(t *testing.T) {
	root := ".."
	cat := Default()
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "node_modules", "bin", "out":
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		var re *regexp.Regexp
		switch {
		case strings.HasSuffix(name, "_test.go"):
			return nil
		case strings.HasSuffix(name, ".go"):
			re = goUse
		case strings.HasSuffix(name, ".html") && strings.Contains(path, "views"):
			re = viewUse
		case strings.HasSuffix(name, ".mustache"):
			re = mustacheUse
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		c := cat
		if re == mustacheUse {
			c = skinCatalog(t, cat, path)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			checked++
			k := c.Key(m[1])
			switch {
			case k == nil:
				t.Errorf("%s: message %q is in no catalog", path, m[1])
			case re == mustacheUse && !strings.HasPrefix(k.Group, "skin"):
				t.Errorf("%s: msg-%s: skins get the skin group's messages, %q is in %q", path, m[1], m[1], k.Group)
			case re == mustacheUse && (len(k.Params) > 0 || k.Plural):
				t.Errorf("%s: msg-%s has parameters: skins get messages without", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d uses of messages checked", checked)
}

// skinCatalog returns cat with the own messages of the skin whose
// template is at path (skins/NAME/templates/x.mustache), if it has any.
func skinCatalog(t *testing.T, cat *Catalog, path string) *Catalog {
	dir := filepath.Join(filepath.Dir(filepath.Dir(path)), "messages")
	if _, err := os.Stat(dir); err != nil {
		return cat
	}
	c, err := cat.Extend(os.DirFS(dir), ".")
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return c
}
