package skin_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/i18n"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/skins"
)

// TestDataDoc regenerates DATA.md from the types and doc comments of
// data.go and fails when the checked-in file differs; -update rewrites it.
func TestDataDoc(t *testing.T) {
	compareGolden(t, "DATA.md", []byte(dataDoc(t)))
}

// typeDoc is one struct type of data.go.
type typeDoc struct {
	doc    string
	fields []*ast.Field
}

func dataDoc(t *testing.T) string {
	f, err := parser.ParseFile(token.NewFileSet(), "data.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]typeDoc{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			if st, ok := ts.Type.(*ast.StructType); ok {
				types[ts.Name.Name] = typeDoc{doc: gd.Doc.Text(), fields: st.Fields.List}
			}
		}
	}
	var b strings.Builder
	b.WriteString("# Skin template data\n\n")
	b.WriteString("<!-- Generated from skin/data.go by `go test ./skin -update`. Do not edit. -->\n\n")
	b.WriteString(paragraph(types["Data"].doc) + "\n")
	var items []string // item types, in order of first use
	top := types["Data"]
	b.WriteString("## Top level\n\n")
	var groups []string
	var rows []*ast.Field
	for _, fld := range top.fields {
		if len(fld.Names) == 0 {
			groups = append(groups, typeName(fld.Type))
			continue
		}
		rows = append(rows, fld)
	}
	writeTable(&b, rows, &items)
	for _, g := range groups {
		fmt.Fprintf(&b, "## %s\n\n%s\n", g, paragraph(types[g].doc))
		writeTable(&b, types[g].fields, &items)
	}
	writeMessages(t, &b)
	b.WriteString("## Items of lists\n\n")
	for i := 0; i < len(items); i++ {
		name := items[i]
		fmt.Fprintf(&b, "### %s\n\n%s\n", name, paragraph(types[name].doc))
		writeTable(&b, types[name].fields, &items)
	}
	return b.String()
}

// writeMessages lists the msg-* keys: the catalogs' skin group (messages
// without parameters) and the bundled skins' own messages, with their
// English texts.
func writeMessages(t *testing.T, b *strings.Builder) {
	b.WriteString("## Messages\n\n")
	b.WriteString("Every message of the skin group without parameters (i18n/messages/skin.LANG.json) is a key of its own, `msg-KEY`, plain text in the interface language (`interface-lang`); a skin's own messages (`NAME/messages/skin-NAME.LANG.json`) are keys beside them, in that skin only. A message a language lacks is in English. Messages with parameters are composed in Go into the keys above (search-label, html-last-edited …).\n\n")
	b.WriteString("| key | skin | English text |\n| --- | --- | --- |\n")
	row := func(id, skin, text string) {
		text = strings.NewReplacer("|", "\\|", "<", "&lt;").Replace(text)
		fmt.Fprintf(b, "| `msg-%s` | %s | %s |\n", id, skin, text)
	}
	base := i18n.Default()
	for _, k := range base.Keys() {
		if k.Group == "skin" && !k.Plural && len(k.Params) == 0 {
			row(k.ID, "all", k.Text)
		}
	}
	dirs, err := fs.Glob(skins.FS, "*/"+skin.MessagesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		sub, err := fs.Sub(skins.FS, dir)
		if err != nil {
			t.Fatal(err)
		}
		cat, err := base.Extend(sub, ".")
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range cat.Keys() {
			if base.Key(k.ID) == nil && !k.Plural && len(k.Params) == 0 {
				row(k.ID, path.Dir(dir), k.Text)
			}
		}
	}
	b.WriteString("\n")
}

func writeTable(b *strings.Builder, fields []*ast.Field, items *[]string) {
	b.WriteString("| key | type | meaning |\n| --- | --- | --- |\n")
	for _, f := range fields {
		tag, _ := strconv.Unquote(f.Tag.Value)
		key, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
		if key == "-" {
			continue // for hooks, not templates
		}
		typ := describe(f.Type, items)
		if strings.HasPrefix(key, "html-") {
			typ = "HTML: `{{{" + key + "}}}`"
		}
		meaning := strings.NewReplacer("|", "\\|", "<", "&lt;").Replace(strings.TrimSpace(f.Comment.Text()))
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", key, typ, meaning)
	}
	b.WriteString("\n")
}

// describe names a field type for template authors, and records item types.
func describe(e ast.Expr, items *[]string) string {
	switch e := e.(type) {
	case *ast.ArrayType:
		elem := typeName(e.Elt)
		if isScalar(elem) {
			return "list of " + describe(e.Elt, items)
		}
		if !slices.Contains(*items, elem) {
			*items = append(*items, elem)
		}
		return fmt.Sprintf("list of [%s](#%s)", elem, strings.ToLower(elem))
	case *ast.Ident:
		switch e.Name {
		case "string":
			return "text"
		case "bool":
			return "boolean"
		case "int", "int64":
			return "number"
		}
	}
	return typeName(e)
}

func isScalar(name string) bool {
	return name == "string" || name == "bool" || name == "int" || name == "int64"
}

func typeName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return fmt.Sprintf("%T", e)
}

// paragraph turns a doc comment into Markdown text: as it is, with its Go
// code lines dropped.
func paragraph(doc string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(doc), "\n") {
		if !strings.HasPrefix(l, "\t") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}
