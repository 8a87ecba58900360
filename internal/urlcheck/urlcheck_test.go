package urlcheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	_ "github.com/foliowiki/folio/extensions/standard" // the extensions' routes
	"github.com/foliowiki/folio/router"
)

// allowed are the hand-written URLs outside router/ that stay, and why.
// Path is a file, or a directory ending in "/"; Contains is a substring of
// the literal as strconv.Quote spells it, so that `"/-/"` is that literal
// exactly ("" allows any literal in Path).
var allowed = []struct{ Path, Contains, Why string }{
	{"bench/", "", "the load generator is an HTTP client of a separately started folio process: " +
		"it requests and reports the public URLs, as any client would, and must notice when they change"},
	{"pageinfo/markdown/wikidoc/site.go", "/wiki/", "DefaultTitleURL, the standalone renderer's default: " +
		"pageinfo/markdown imports nothing of Folio's, and Folio passes router.TitleURL instead"},
	{"pageinfo/markdown/wikidoc/site.go", "/-/edit/", "DefaultEditURL, the standalone renderer's default: " +
		"Folio passes a Registry.Path(\"page.edit\") function instead (pageinfo/build.go)"},
	{"internal/config/config.go", "/-/register", "the --registration flag's help text, for people; " +
		"flags are declared before any registry exists"},
	{"userinfo/login.go", `"/-/"`, "the Path of the anonymous form cookie, a cookie scope and not a URL: " +
		"every form is under /-/ (login, register, the edit form of an anonymous editor), the prefix " +
		"the router and the CDN configs reserve for dynamic views and actions; no route has that path"},
}

// root returns the module root: the nearest parent directory with go.mod.
func root(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// sources returns the slash-separated paths, relative to the module root,
// of the non-test .go files and the .html files outside router/, testdata
// and hidden directories.
func sources(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				name == "testdata" || name == "vendor" || name == "node_modules" || rel == "router") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, ".html") {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// literal is a string literal of a source file (or a line of a template).
type literal struct {
	pos   string // file:line
	file  string
	value string
}

// handBuilt returns the literals of a file that hold "/-/" or "/wiki/". In
// .go files only string literals count, so comments do not.
func handBuilt(fset *token.FileSet, file string, src []byte) ([]literal, error) {
	var out []literal
	check := func(line int, v string) {
		if strings.Contains(v, "/-/") || strings.Contains(v, "/wiki/") {
			out = append(out, literal{pos: fmt.Sprintf("%s:%d", file, line), file: file, value: v})
		}
	}
	if !strings.HasSuffix(file, ".go") {
		for i, line := range strings.Split(string(src), "\n") {
			check(i+1, line)
		}
		return out, nil
	}
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			v, err := strconv.Unquote(lit.Value)
			if err != nil {
				v = lit.Value
			}
			check(fset.Position(lit.Pos()).Line, v)
		}
		return true
	})
	return out, nil
}

// allowedBy returns the index of the allow-list entry that covers l, or -1.
func allowedBy(l literal) int {
	for i, a := range allowed {
		inPath := a.Path == l.file || strings.HasSuffix(a.Path, "/") && strings.HasPrefix(l.file, a.Path)
		if inPath && strings.Contains(strconv.Quote(l.value), a.Contains) {
			return i
		}
	}
	return -1
}

func TestNoHandBuiltURLs(t *testing.T) {
	root := root(t)
	fset := token.NewFileSet()
	used := make([]bool, len(allowed))
	var bad []string
	for _, file := range sources(t, root) {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		lits, err := handBuilt(fset, file, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lits {
			if i := allowedBy(l); i >= 0 {
				used[i] = true
				continue
			}
			bad = append(bad, fmt.Sprintf("%s: %q", l.pos, l.value))
		}
	}
	if len(bad) > 0 {
		t.Errorf("hand-built URLs; build them with Registry.Path(route name, params…) or router.TitleURL, "+
			"or add a justified entry to the allow-list in internal/urlcheck:\n\t%s", strings.Join(bad, "\n\t"))
	}
	for i, a := range allowed {
		if !used[i] {
			t.Errorf("allow-list entry %s %q matches nothing any more: remove it", a.Path, a.Contains)
		}
	}
}

// TestHandBuiltScanner: string literals count, comments do not, and raw
// strings and templates are scanned too.
func TestHandBuiltScanner(t *testing.T) {
	src := "package p\n" +
		"// Comments may say /-/edit/Foo and /wiki/Foo.\n" +
		"var a = \"/-/edit/\" + t /* or \"/wiki/\" */\n" +
		"var b = `<form action=\"/-/login\">`\n" +
		"var c = \"/-\" + \"/wiki\" // no slash after: fine\n"
	lits, err := handBuilt(token.NewFileSet(), "p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lits {
		got = append(got, l.pos+" "+l.value)
	}
	want := []string{"p.go:3 /-/edit/", `p.go:4 <form action="/-/login">`}
	if !slices.Equal(got, want) {
		t.Errorf("scanner found %q, want %q", got, want)
	}
	lits, _ = handBuilt(token.NewFileSet(), "v.html", []byte("<p>\n<a href=\"/-/recent\">"))
	if len(lits) != 1 || lits[0].pos != "v.html:2" {
		t.Errorf("template scan: %v", lits)
	}
}

// nameArg says which argument of a call to a function or method of that
// name is a route name: Registry.Path and Registry.Route, and the server's
// and skin's helpers around them.
var nameArg = map[string]int{"Path": 0, "Route": 0, "formURL": 0, "routeURL": 1, "returnURL": 1}

// routeNames returns the literal route names the calls of a Go file pass,
// with their positions.
func routeNames(fset *token.FileSet, file string, src []byte) (map[string][]string, error) {
	f, err := parser.ParseFile(fset, file, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	names := map[string][]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var fn string
		switch f := call.Fun.(type) {
		case *ast.Ident:
			fn = f.Name
		case *ast.SelectorExpr:
			fn = f.Sel.Name
		}
		i, ok := nameArg[fn]
		if !ok || len(call.Args) <= i {
			return true
		}
		if lit, ok := call.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if v, err := strconv.Unquote(lit.Value); err == nil {
				names[v] = append(names[v], fset.Position(lit.Pos()).String())
			}
		}
		return true
	})
	return names, nil
}

func TestRouteNamesExist(t *testing.T) {
	root := root(t)
	reg := router.Default()
	fset := token.NewFileSet()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		names, err := routeNames(fset, filepath.ToSlash(rel), src)
		if err != nil {
			t.Fatal(err)
		}
		for name, at := range names {
			checked += len(at)
			if reg.Route(name) == nil {
				t.Errorf("%s: no route named %q (Registry.Path would panic)", strings.Join(at, ", "), name)
			}
		}
	}
	t.Logf("checked %d literal route names in calls", checked)
	// The server alone passes some thirty names: far fewer means the
	// scanner lost track of the calls.
	if checked < 30 {
		t.Errorf("found only %d literal route names in calls; the scanner is broken", checked)
	}
}
