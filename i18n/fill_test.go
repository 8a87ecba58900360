package i18n

import (
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestFillAsGoI18n: every message without plural forms, in every shipped
// language, comes out of fill as go-i18n's template renders it, with its
// parameters given as strings and ints, one left out, one nil.
func TestFillAsGoI18n(t *testing.T) {
	for _, l := range Default().Languages() {
		for _, k := range Default().Keys() {
			if k.Plural {
				continue
			}
			text, ok := l.texts[k.ID].(string)
			if !ok {
				continue // not translated: the source's
			}
			for _, kv := range paramCases(k.Params) {
				got, ok := l.fill(text, kv)
				if !ok {
					t.Errorf("%s: %s: %q does not fill", l.Code, k.ID, text)
					continue
				}
				data := map[string]any{}
				for i := 0; i+1 < len(kv); i += 2 {
					data[kv[i].(string)] = kv[i+1]
				}
				want, err := l.loc().Localize(&goi18n.LocalizeConfig{MessageID: k.ID, TemplateData: data})
				if err != nil {
					t.Fatalf("%s: %s: %v", l.Code, k.ID, err)
				}
				if got != want {
					t.Errorf("%s: %s %v: fill %q, go-i18n %q", l.Code, k.ID, kv, got, want)
				}
			}
		}
	}
	en := Default().Lang(Source)
	for _, text := range []string{"{{if .A}}x{{end}}", "{{ .A }}", "{{.A | printf}}", "{{.A", "{{-.A}}", "{{.}}"} {
		if _, ok := en.fill(text, []any{"A", "a"}); ok {
			t.Errorf("fill took %q, which is not a plain field", text)
		}
	}
	if _, ok := en.fill("{{.A}}", []any{"A", 1.5}); ok {
		t.Error("fill took a float, which go-i18n prints")
	}
}

// paramCases are parameter lists for params: strings; ints; the first
// left out; the first nil.
func paramCases(params []string) [][]any {
	var strs, ints, missing, nils []any
	for i, p := range params {
		strs = append(strs, p, "<"+p+"> & co")
		ints = append(ints, p, 1234+i)
		if i > 0 {
			missing = append(missing, p, "v")
			nils = append(nils, p, "v")
		} else {
			nils = append(nils, p, nil)
		}
	}
	return [][]any{strs, ints, missing, nils}
}
