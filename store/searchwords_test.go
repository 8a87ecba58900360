package store

import (
	"reflect"
	"testing"
)

func TestSearchWords(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Hello, World!", "hello world"},
		{"Café crème", "cafe creme"},
		{"Müller Straße Häuser", "muller strasse hauser"},
		{"ＡＢＣ ｶﾞｷﾞ", "abc ガギ ギ"},
		{"日本語の文章", "日本 本語 語の の文 文章 章"},
		{"東京", "東京 京"},
		{"Go言語 v2", "go 言語 語 v2"},
		{"مُحَمَّد أحمد", "محمد احمد"},
		{"がか", "がか か"},
	} {
		if got := SearchWords(c.in); got != c.want {
			t.Errorf("SearchWords(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSearchQuery(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []SearchQueryWord
	}{
		{"Straße", []SearchQueryWord{{Tokens: []string{"strasse"}}}},
		{"日本", []SearchQueryWord{{Tokens: []string{"日本"}}}},
		{"日本語", []SearchQueryWord{{Tokens: []string{"日本", "本語"}}}},
		{"京", []SearchQueryWord{{Tokens: []string{"京"}, Prefix: true}}},
		{"go 言語", []SearchQueryWord{{Tokens: []string{"go"}}, {Tokens: []string{"言語"}}}},
		{"!!", nil},
	} {
		if got := SearchQuery(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SearchQuery(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}
