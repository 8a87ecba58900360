package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/foliowiki/folio/hooks"
)

// This binary links every package that declares a hook point, so the tests
// of every point as a whole live here.

var update = flag.Bool("update", false, "rewrite docs/hooks.md")

// hooksDocFile is the generated list of every hook point.
const hooksDocFile = "../../docs/hooks.md"

// TestHooksDoc regenerates docs/hooks.md from the hooks.Describe calls
// and fails when the checked-in file differs; -update rewrites it.
func TestHooksDoc(t *testing.T) {
	got := []byte(hooksDoc(t))
	if *update {
		if err := os.WriteFile(hooksDocFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(hooksDocFile)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/folio -run TestHooksDoc -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/hooks.md is stale (run go test ./cmd/folio -run TestHooksDoc -update); got:\n%s", got)
	}
}

func hooksDoc(t *testing.T) string {
	vars := declaredPoints(t)
	var b strings.Builder
	b.WriteString("# Hook points\n\n")
	b.WriteString("<!-- Generated from the hooks.Describe calls by `go test ./cmd/folio -run TestHooksDoc -update`. Do not edit. -->\n\n")
	b.WriteString("Every extension point of Folio, by name: when it runs, what a hook receives and what it may touch. " +
		"An extension registers into a point from `init()`; `hooks.FreezeAll`, when `folio` starts, ends registration " +
		"(registering later panics). Hooks run by priority, then ID. `folio hooks list` prints the same, with the order " +
		"resolved in the running binary. How to write an extension: [extensions.md](extensions.md).\n\n")
	b.WriteString("| point | Go variable |\n| --- | --- |\n")
	points := hooks.Points()
	for _, p := range points {
		fmt.Fprintf(&b, "| [%s](#%s) | `%s` |\n", p.Name, strings.ReplaceAll(p.Name, ".", ""), vars[pointType(p.Point)].name)
	}
	for _, p := range points {
		fmt.Fprintf(&b, "\n## %s\n\n", p.Name)
		fmt.Fprintf(&b, "`%s`, a `%s`.\n\n", vars[pointType(p.Point)].name, pointType(p.Point))
		fmt.Fprintf(&b, "- **When:** %s\n- **Receives:** %s\n- **Touches:** %s\n", p.When, p.Receives, p.Touches)
		bundled := "none"
		if len(p.IDs) > 0 {
			bundled = "`" + strings.Join(p.IDs, "`, `") + "`"
		}
		fmt.Fprintf(&b, "- **Bundled hooks, in order:** %s\n", bundled)
	}
	return b.String()
}

// TestEveryPointDescribed: every hooks.Point variable declared in Folio's
// packages is described (hooks.Describe), so hooks.FreezeAll reaches it,
// docs/hooks.md lists it, and this binary links it.
func TestEveryPointDescribed(t *testing.T) {
	vars := declaredPoints(t)
	described := map[string]string{} // type → point name
	for _, p := range hooks.Points() {
		typ := pointType(p.Point)
		v, ok := vars[typ]
		switch {
		case !ok:
			t.Errorf("point %s (%s) matches no declared hooks.Point variable", p.Name, typ)
		case v.ambiguous:
			t.Errorf("point %s: several hooks.Point variables have its type %s; give each point its own type", p.Name, typ)
		case described[typ] != "":
			t.Errorf("%s is described twice, as %s and %s", v.name, described[typ], p.Name)
		}
		described[typ] = p.Name
	}
	for typ, v := range vars {
		if described[typ] == "" {
			t.Errorf("%s (%s) is not described: call hooks.Describe for it from its package's init(), "+
				"and make sure cmd/folio links that package", v.name, typ)
		}
	}
}

// TestRunFreezesHooks: once folio has started (run), registering into any
// described point panics, for the freeze and not for anything else.
func TestRunFreezesHooks(t *testing.T) {
	if _, _, err := folio(t, "", nil, "version"); err != nil {
		t.Fatal(err)
	}
	points := hooks.Points()
	if len(points) == 0 {
		t.Fatal("no hook points described")
	}
	for _, p := range points {
		if msg := registerLate(t, p.Point); !strings.Contains(msg, "after Freeze") {
			t.Errorf("registering into %s after start: panic %q, want one saying \"after Freeze\"", p.Name, msg)
		}
	}
}

// registerLate calls p.Register with a non-nil function of the point's type
// and returns what it panicked with, or "no panic".
func registerLate(t *testing.T, p hooks.Lister) (msg string) {
	register := reflect.ValueOf(p).MethodByName("Register")
	if !register.IsValid() {
		t.Fatalf("%T has no Register method", p)
	}
	fnType := register.Type().In(2)
	if fnType.Kind() != reflect.Func {
		t.Fatalf("%T: registers a %s, not a function; extend registerLate", p, fnType)
	}
	fn := reflect.MakeFunc(fnType, func([]reflect.Value) []reflect.Value {
		out := make([]reflect.Value, fnType.NumOut())
		for i := range out {
			out[i] = reflect.Zero(fnType.Out(i))
		}
		return out
	})
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	register.Call([]reflect.Value{reflect.ValueOf("late.registration"), reflect.ValueOf(0), fn})
	return "no panic"
}

// declaredVar is a package-level hooks.Point variable found in the source.
type declaredVar struct {
	name      string // "pageinfo.InfoHook"
	ambiguous bool   // another variable has the same type
}

// declaredPoints finds the package-level hooks.Point variables of every
// non-test Go file of the module, by their type as pointType prints it.
func declaredPoints(t *testing.T) map[string]declaredVar {
	t.Helper()
	out := map[string]declaredVar{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != "../.." && (n == "testdata" || n == "vendor" || n == "node_modules" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				ix, ok := vs.Type.(*ast.IndexExpr)
				if !ok || exprString(fset, ix.X) != "hooks.Point" {
					continue
				}
				typ := "hooks.Point[" + qualify(f.Name.Name, exprString(fset, ix.Index)) + "]"
				for _, n := range vs.Names {
					v, dup := out[typ]
					out[typ] = declaredVar{name: f.Name.Name + "." + n.Name, ambiguous: dup || v.ambiguous}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("found no hooks.Point variable in the module")
	}
	return out
}

func exprString(fset *token.FileSet, e ast.Expr) string {
	var b strings.Builder
	if err := printer.Fprint(&b, fset, e); err != nil {
		panic(err)
	}
	return b.String()
}

// exportedIdent is an exported identifier that is not already qualified.
var exportedIdent = regexp.MustCompile(`(^|[^.\w])([A-Z]\w*)`)

// qualify prefixes the exported identifiers of a type expression written in
// package pkg with pkg, as reflection names them.
func qualify(pkg, typ string) string {
	return exportedIdent.ReplaceAllString(typ, "${1}"+pkg+".${2}")
}

// importPath matches the import path reflection writes before a package's
// name: "github.com/foliowiki/folio/" of "github.com/foliowiki/folio/pageinfo.InfoFilter".
var importPath = regexp.MustCompile(`[\w.-]+(/[\w.-]+)*/`)

// pointType is the type of a point without its pointer and import paths, as
// declared: "hooks.Point[pageinfo.InfoFilter]".
func pointType(p hooks.Lister) string {
	s := strings.TrimPrefix(reflect.TypeOf(p).String(), "*")
	return importPath.ReplaceAllString(s, "")
}
