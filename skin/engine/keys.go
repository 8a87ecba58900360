package engine

import (
	"reflect"
	"strings"
	"sync"
)

// The keys of a struct are those of its JSON form: a field's json tag
// names it (the Go name without one; "-" hides it), and the keys of an
// embedded struct without a tag sit at the top level, as encoding/json
// flattens them. A map[string]string field tagged mustache:"PREFIX"
// (json:"-") is inline: its entries are keys of the struct itself, each
// starting with PREFIX ("msg-"), as the struct's MarshalJSON must put
// them; a name with the prefix that no field has is looked up in it. Compile resolves names by these keys; Map builds them,
// for engines that look names up in maps: cbroglie/mustache finds struct
// fields by their Go names, never by json tags, and "html-body" cannot be
// a Go name.

// Map returns data (a struct, or a pointer to one) as nested maps, slices
// and scalars, keyed as its JSON: what cbroglie renders the same template
// over. An empty slice becomes nil: a false section.
func Map(data any) map[string]any {
	v := reflect.ValueOf(data)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	m := make(map[string]any, fieldsOf(v.Type()).keys)
	fillMap(m, v)
	return m
}

// field is one field of a struct type, as Mustache sees it.
type field struct {
	index    int
	key      string // json key; "" for an embedded struct, flattened
	embedded bool
	inline   string // the key prefix of an inline map; "" for other fields
}

// structFields are the fields of a struct type and the number of keys it
// has, embedded structs included.
type structFields struct {
	fields []field
	keys   int
	byKey  map[string]keyField // every key, embedded structs' included
}

// keyField is where a key's field is: its index path from the struct (as
// reflect.Value.FieldByIndex takes it), and its type.
type keyField struct {
	path []int
	typ  reflect.Type
}

var fieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	sf := &structFields{byKey: map[string]keyField{}}
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Tag.Get("mustache") != "" && f.Type.Kind() == reflect.Map && f.Type.Key().Kind() == reflect.String && f.Type.Elem().Kind() == reflect.String:
			sf.fields = append(sf.fields, field{index: i, inline: f.Tag.Get("mustache")})
		case f.Anonymous && f.Tag.Get("json") == "":
			sf.fields = append(sf.fields, field{index: i, embedded: true})
			inner := fieldsOf(f.Type)
			sf.keys += inner.keys
			for k, kf := range inner.byKey {
				if _, ok := sf.byKey[k]; !ok { // the first field with the key wins, as in Map
					sf.byKey[k] = keyField{path: append([]int{i}, kf.path...), typ: kf.typ}
				}
			}
		case f.IsExported() && jsonKey(f) != "-":
			sf.fields = append(sf.fields, field{index: i, key: jsonKey(f)})
			sf.keys++
			if _, ok := sf.byKey[jsonKey(f)]; !ok {
				sf.byKey[jsonKey(f)] = keyField{path: []int{i}, typ: f.Type}
			}
		}
	}
	fieldCache.Store(t, sf)
	return sf
}

// jsonKey returns the key of struct field f: its json tag's name.
func jsonKey(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func fillMap(m map[string]any, v reflect.Value) {
	for _, f := range fieldsOf(v.Type()).fields {
		fv := v.Field(f.index)
		switch {
		case f.embedded:
			fillMap(m, fv)
		case f.inline != "":
			for it := fv.MapRange(); it.Next(); {
				m[it.Key().String()] = it.Value().String()
			}
		default:
			m[f.key] = value(fv)
		}
	}
}

// value converts one field: scalars as they are, an empty slice as nil (a
// false section), slices item by item, structs as maps.
func value(v reflect.Value) any {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	case reflect.Int, reflect.Int64:
		return v.Int()
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = value(v.Index(i))
		}
		return out
	case reflect.Struct:
		m := make(map[string]any, fieldsOf(v.Type()).keys)
		fillMap(m, v)
		return m
	}
	return v.Interface()
}
