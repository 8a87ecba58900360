package skin

import (
	"reflect"
	"sync"
)

// cbroglie/mustache finds struct fields by their Go names, never by json
// tags, and "html-body" cannot be a Go name. So Render hands it the data as
// maps keyed by the json tags: exactly the keys of the JSON form (folio skin
// data), built by reflection over field lists computed once per type.

// toMap returns d as nested maps, slices and scalars, keyed as its JSON.
func toMap(d *Data) map[string]any {
	v := reflect.ValueOf(d).Elem()
	m := make(map[string]any, fieldsOf(v.Type()).keys)
	fillMap(m, v)
	return m
}

// field is one field of a struct type, as Mustache sees it.
type field struct {
	index    int
	key      string // json key; "" for an embedded struct, flattened
	embedded bool
}

// structFields are the fields of a struct type and the number of keys it
// has, embedded structs included.
type structFields struct {
	fields []field
	keys   int
}

var fieldCache sync.Map // reflect.Type → *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	sf := &structFields{}
	for i := range t.NumField() {
		f := t.Field(i)
		switch {
		case f.Anonymous && f.Tag.Get("json") == "":
			sf.fields = append(sf.fields, field{index: i, embedded: true})
			sf.keys += fieldsOf(f.Type).keys
		case f.IsExported() && jsonKey(f) != "-":
			sf.fields = append(sf.fields, field{index: i, key: jsonKey(f)})
			sf.keys++
		}
	}
	fieldCache.Store(t, sf)
	return sf
}

func fillMap(m map[string]any, v reflect.Value) {
	for _, f := range fieldsOf(v.Type()).fields {
		fv := v.Field(f.index)
		if f.embedded {
			fillMap(m, fv)
			continue
		}
		m[f.key] = value(fv)
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
