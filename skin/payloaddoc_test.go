package skin_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/skin"
)

// The payloads' schemas in docs/api.md, between these markers, are
// generated from the types and doc comments of payload.go and bundle.go.
const (
	payloadDocBegin = "<!-- BEGIN payload schemas: generated from skin/payload.go, skin/bundle.go and skin/recipe.go by `go test ./skin -run PayloadDoc -update`. Do not edit. -->\n"
	payloadDocEnd   = "<!-- END payload schemas -->\n"
)

// TestPayloadDoc regenerates the payload schemas of docs/api.md and fails
// when the checked-in text differs; -update rewrites it.
func TestPayloadDoc(t *testing.T) {
	const file = "../docs/api.md"
	doc, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok := strings.Cut(string(doc), payloadDocBegin)
	_, after, ok2 := strings.Cut(rest, payloadDocEnd)
	if !ok || !ok2 {
		t.Fatalf("%s lacks the markers %q and %q", file, payloadDocBegin, payloadDocEnd)
	}
	compareGolden(t, file, []byte(before+payloadDocBegin+payloadDoc(t)+payloadDocEnd+after))
}

// TestPayloadSchemaVersions: each payload's schema field holds its
// version, which the documentation names.
func TestPayloadSchemaVersions(t *testing.T) {
	set := loadSkins(t)
	p := skin.NewPagePayload(fixturePage())
	u := set.UserPayload(nil)
	b := set.Bundle("desktop", "en")
	if p.Schema != skin.PageInfoSchema || u.Schema != skin.UserInfoSchema || b.Schema != skin.BundleSchema {
		t.Fatalf("schemas %q %q %q", p.Schema, u.Schema, b.Schema)
	}
	doc := payloadDoc(t)
	for _, v := range []string{skin.PageInfoSchema, skin.UserInfoSchema, skin.BundleSchema} {
		if !strings.Contains(doc, "`"+v+"`") {
			t.Errorf("the documentation does not name %s", v)
		}
	}
}

// payloadTypes are the struct types of the files the schemas come from.
func payloadTypes(t *testing.T) map[string]typeDoc {
	types := map[string]typeDoc{}
	for _, name := range []string{"payload.go", "bundle.go", "recipe.go", "data.go"} {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
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
	}
	return types
}

func payloadDoc(t *testing.T) string {
	types := payloadTypes(t)
	var b strings.Builder
	for _, p := range []struct{ typ, schema, route string }{
		{"PagePayload", skin.PageInfoSchema, "GET /api/v1/pageinfo/{title}"},
		{"UserPayload", skin.UserInfoSchema, "GET /api/v1/userinfo"},
		{"Bundle", skin.BundleSchema, "GET /api/v1/skins/{name}"},
	} {
		fmt.Fprintf(&b, "\n### `%s`: %s\n\n%s\n", p.schema, p.route, paragraph(types[p.typ].doc))
		var items []string
		writePayloadTable(&b, types[p.typ].fields, &items)
		for i := 0; i < len(items); i++ {
			name := items[i]
			fmt.Fprintf(&b, "#### %s\n\n%s\n", name, paragraph(types[name].doc))
			writePayloadTable(&b, types[name].fields, &items)
		}
	}
	b.WriteString("\n")
	return b.String()
}

func writePayloadTable(b *strings.Builder, fields []*ast.Field, items *[]string) {
	b.WriteString("| key | type | meaning |\n| --- | --- | --- |\n")
	for _, f := range fields {
		tag, _ := strconv.Unquote(f.Tag.Value)
		key, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
		if key == "-" {
			continue
		}
		meaning := strings.NewReplacer("|", "\\|", "<", "&lt;").Replace(strings.TrimSpace(f.Comment.Text()))
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", key, payloadType(f.Type, items), meaning)
	}
	b.WriteString("\n")
}

// payloadType names a field's JSON type, and records the object types it
// uses (SiteKeys is DATA.md's).
func payloadType(e ast.Expr, items *[]string) string {
	switch e := e.(type) {
	case *ast.ArrayType:
		return "list of " + payloadType(e.Elt, items)
	case *ast.StarExpr:
		return payloadType(e.X, items) + " or null"
	case *ast.MapType:
		return "object of " + payloadType(e.Value, items) + " by key"
	case *ast.SelectorExpr:
		if e.Sel.Name == "RawMessage" {
			return "object"
		}
	case *ast.Ident:
		switch e.Name {
		case "string":
			return "text"
		case "bool":
			return "boolean"
		case "int", "int64":
			return "number"
		case "SiteKeys":
			return "object: the [SiteKeys](../skin/DATA.md#sitekeys) of the skin data"
		}
		if !slices.Contains(*items, e.Name) {
			*items = append(*items, e.Name)
		}
		return fmt.Sprintf("[%s](#%s)", e.Name, strings.ToLower(e.Name))
	}
	return fmt.Sprintf("%T", e)
}

// TestPayloadJSONSchemas regenerates the JSON Schemas of the payloads
// (docs/schemas/NAME.json, draft 2020-12) from the Go types and their
// comments and fails when a checked-in one differs; -update rewrites them.
func TestPayloadJSONSchemas(t *testing.T) {
	docs := payloadTypes(t)
	for _, p := range []struct {
		schema string
		typ    reflect.Type
	}{
		{skin.PageInfoSchema, reflect.TypeFor[skin.PagePayload]()},
		{skin.UserInfoSchema, reflect.TypeFor[skin.UserPayload]()},
		{skin.BundleSchema, reflect.TypeFor[skin.Bundle]()},
	} {
		defs := map[string]any{}
		root := objectSchema(p.typ, docs, defs)
		root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
		root["$id"] = p.schema
		root["title"] = p.typ.Name() + " (" + p.schema + ")"
		root["properties"].(map[string]any)["schema"] = map[string]any{"const": p.schema, "description": "the payload's schema version"}
		if len(defs) > 0 {
			root["$defs"] = defs
		}
		b, err := json.MarshalIndent(root, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		compareGolden(t, "../docs/schemas/"+p.schema+".json", append(b, '\n'))
	}
}

// objectSchema is the JSON Schema of struct t, its struct types as $defs.
func objectSchema(t reflect.Type, docs map[string]typeDoc, defs map[string]any) map[string]any {
	comments := map[string]string{}
	for _, f := range docs[t.Name()].fields {
		tag, _ := strconv.Unquote(f.Tag.Value)
		key, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
		comments[key] = strings.TrimSpace(f.Comment.Text())
	}
	props := map[string]any{}
	var required []string
	for f := range t.Fields() {
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if key == "-" || !f.IsExported() {
			continue
		}
		s := typeSchema(f.Type, docs, defs)
		if c := comments[key]; c != "" {
			s["description"] = c
		}
		props[key] = s
		required = append(required, key)
	}
	return map[string]any{"type": "object", "description": paragraphText(docs[t.Name()].doc), "properties": props, "required": required}
}

func typeSchema(t reflect.Type, docs map[string]typeDoc, defs map[string]any) map[string]any {
	switch {
	case t == reflect.TypeFor[json.RawMessage]():
		return map[string]any{"type": "object"}
	case t.Kind() == reflect.Pointer:
		s := typeSchema(t.Elem(), docs, defs)
		return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
	case t.Kind() == reflect.Slice:
		return map[string]any{"type": "array", "items": typeSchema(t.Elem(), docs, defs)}
	case t.Kind() == reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": typeSchema(t.Elem(), docs, defs)}
	case t.Kind() == reflect.Struct:
		if _, ok := defs[t.Name()]; !ok {
			defs[t.Name()] = map[string]any{} // recursion guard
			defs[t.Name()] = structDef(t, docs, defs)
		}
		return map[string]any{"$ref": "#/$defs/" + t.Name()}
	case t.Kind() == reflect.String:
		return map[string]any{"type": "string"}
	case t.Kind() == reflect.Bool:
		return map[string]any{"type": "boolean"}
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		return map[string]any{"type": "integer"}
	}
	panic("payload schema: type " + t.String())
}

// structDef is a struct's schema, embedded structs' keys flattened (the
// skin data's SiteKeys and its Links).
func structDef(t reflect.Type, docs map[string]typeDoc, defs map[string]any) map[string]any {
	return objectSchema(t, docs, defs)
}

// paragraphText is a doc comment as one paragraph of text.
func paragraphText(doc string) string {
	return strings.Join(strings.Fields(paragraph(doc)), " ")
}

// TestPayloadsFollowTheirSchemas: every key a payload has is in its JSON
// Schema, and every key its schema requires is in the payload.
func TestPayloadsFollowTheirSchemas(t *testing.T) {
	set := loadSkins(t)
	for schema, v := range map[string]any{
		skin.PageInfoSchema: skin.NewPagePayload(sectionedPage()),
		skin.UserInfoSchema: set.UserPayload(blockedUser()),
		skin.BundleSchema:   set.Bundle("desktop", "de"),
	} {
		raw, err := os.ReadFile("../docs/schemas/" + schema + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var sch struct {
			Properties map[string]any `json:"properties"`
			Required   []string       `json:"required"`
		}
		if err := json.Unmarshal(raw, &sch); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(v)
		var got map[string]any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		for k := range got {
			if _, ok := sch.Properties[k]; !ok {
				t.Errorf("%s: key %q is not in the schema", schema, k)
			}
		}
		for _, k := range sch.Required {
			if _, ok := got[k]; !ok {
				t.Errorf("%s: required key %q missing", schema, k)
			}
		}
		if got["schema"] != schema {
			t.Errorf("%s: schema %v", schema, got["schema"])
		}
	}
}
