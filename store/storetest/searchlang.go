package storetest

import (
	"slices"
	"testing"

	"github.com/foliowiki/folio/store"
)

// langCase is one query and the titles it finds on each backend, best first
// order aside (sorted). PostgreSQL stems in the content language; SQLite
// matches whole words.
type langCase struct {
	q                string
	sqlite, postgres []string
}

// searchTitles returns the titles q finds, sorted.
func searchTitles(t *testing.T, s store.Store, q string) []string {
	t.Helper()
	hits, total, err := s.SearchPages(ctx(t), q, 0, 20)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if total != exact(len(hits)) {
		t.Errorf("search %q: total %+v, %d hits", q, total, len(hits))
	}
	var titles []string
	for _, h := range hits {
		titles = append(titles, h.Title)
	}
	slices.Sort(titles)
	return titles
}

// checkLangCases runs cases on s.
func checkLangCases(t *testing.T, s store.Store, lang string, cases []langCase) {
	t.Helper()
	for _, c := range cases {
		want := c.sqlite
		if s.Backend() == "postgres" {
			want = c.postgres
		}
		if got := searchTitles(t, s, c.q); !slices.Equal(got, want) {
			t.Errorf("%s, --lang %s: search %q = %q, want %q", s.Backend(), lang, c.q, got, want)
		}
	}
}

// setLang sets the index's language and fails the test on error.
func setLang(t *testing.T, s store.Store, lang string) {
	t.Helper()
	if err := s.SetSearchLanguage(ctx(t), lang); err != nil {
		t.Fatalf("SetSearchLanguage(%q): %v", lang, err)
	}
}

// testSearchGerman: umlauts and ß fold (Häuser is found by hauser, groß by
// gross) on both backends; PostgreSQL's german configuration also stems
// (Haus finds Häuser).
func testSearchGerman(t *testing.T, s store.Store) {
	setLang(t, s, "de")
	save(t, s, "Häuser", "Die Häuser am Fluss sind groß und alt.", 0)
	save(t, s, "Straße", "Eine Straße führt über die Brücke.", 0)
	checkLangCases(t, s, "de", []langCase{
		{"Häuser", []string{"Häuser"}, []string{"Häuser"}},
		{"hauser", []string{"Häuser"}, []string{"Häuser"}},
		{"HÄUSER", []string{"Häuser"}, []string{"Häuser"}},
		{"gross", []string{"Häuser"}, []string{"Häuser"}},
		{"strasse brucke", []string{"Straße"}, []string{"Straße"}},
		{"Haus", nil, []string{"Häuser"}},    // stemmed on PostgreSQL only
		{"Brücken", nil, []string{"Straße"}}, // stemmed on PostgreSQL only
		{"und", []string{"Häuser"}, nil},     // a German stop word on PostgreSQL
		{"häuserfluss", nil, nil},            // no decompounding anywhere
	})
}

// testSearchFrench: accents fold both ways (ete finds été, Café finds café).
func testSearchFrench(t *testing.T, s store.Store) {
	setLang(t, s, "fr")
	save(t, s, "Été", "Un café crème en été, à la fenêtre.", 0)
	save(t, s, "Élèves", "Les élèves étudient la géographie.", 0)
	checkLangCases(t, s, "fr", []langCase{
		{"ete", []string{"Été"}, []string{"Été"}},
		{"Café crème", []string{"Été"}, []string{"Été"}},
		{"fenetre", []string{"Été"}, []string{"Été"}},
		{"eleve", nil, []string{"Élèves"}}, // stemmed on PostgreSQL only
		{"élèves géographie", []string{"Élèves"}, []string{"Élèves"}},
		{"étudiant", nil, nil},
	})
}

// testSearchSpanish: ñ and accents fold.
func testSearchSpanish(t *testing.T, s store.Store) {
	setLang(t, s, "es")
	save(t, s, "Niños", "Los niños comían canciones de España.", 0)
	checkLangCases(t, s, "es", []langCase{
		{"ninos", []string{"Niños"}, []string{"Niños"}},
		{"espana", []string{"Niños"}, []string{"Niños"}},
		{"niño", nil, []string{"Niños"}},    // stemmed on PostgreSQL only
		{"canción", nil, []string{"Niños"}}, // stemmed on PostgreSQL only
	})
}

// testSearchArabic: the short vowels and the hamza fold away (محمد finds
// مُحَمَّد, احمد finds أحمد); PostgreSQL's arabic configuration also strips the
// article (كتاب finds الكتاب).
func testSearchArabic(t *testing.T, s store.Store) {
	setLang(t, s, "ar")
	save(t, s, "محمد", "قرأ مُحَمَّد الكتاب مع أحمد في المكتبة.", 0)
	checkLangCases(t, s, "ar", []langCase{
		{"مُحَمَّد", []string{"محمد"}, []string{"محمد"}},
		{"محمد", []string{"محمد"}, []string{"محمد"}},
		{"احمد", []string{"محمد"}, []string{"محمد"}},
		{"الكتاب", []string{"محمد"}, []string{"محمد"}},
		{"كتاب", nil, []string{"محمد"}}, // the article stripped on PostgreSQL only
		{"مدرسة", nil, nil},
	})
}

// testSearchJapanese: text without spaces is found by any part of it, as
// pairs of characters: a page with 日本語の文章 by 日本 or 文章 (two-character
// words), by 語の文 (a phrase: its pairs in order), by a single character;
// not by characters that are not next to each other.
func testSearchJapanese(t *testing.T, s store.Store) {
	setLang(t, s, "ja")
	save(t, s, "文章", "これは日本語の文章です。", 0)
	save(t, s, "東京", "東京タワーは高い。ｶﾀｶﾅも書く。", 0)
	all := []string{"文章", "東京"}
	checkLangCases(t, s, "ja", []langCase{
		{"日本", []string{"文章"}, []string{"文章"}},
		{"文章", []string{"文章"}, []string{"文章"}},
		{"日本語の文章", []string{"文章"}, []string{"文章"}},
		{"語の文", []string{"文章"}, []string{"文章"}},
		{"東京", []string{"東京"}, []string{"東京"}},
		{"タワー", []string{"東京"}, []string{"東京"}},
		{"カタカナ", []string{"東京"}, []string{"東京"}}, // half-width kana fold to full-width
		{"京", []string{"東京"}, []string{"東京"}},    // a single character: a pair's start
		{"章", []string{"文章"}, []string{"文章"}},    // a single character ending its run
		{"日本 東京", nil, nil},                      // every word must match
		{"本日", nil, nil},                         // the pair is not in the text
		{"日文", nil, nil},
		{"は", all, all},
	})
}

// testSearchLanguageChange: the index follows SetSearchLanguage; pages
// saved in one language are found in the next (PostgreSQL rewrites the
// index in the new configuration).
func testSearchLanguageChange(t *testing.T, s store.Store) {
	setLang(t, s, "de")
	save(t, s, "Häuser", "Die Häuser am Fluss.", 0)
	save(t, s, "Flowers", "Running with the flowers.", 0)
	checkLangCases(t, s, "de", []langCase{
		{"haus", nil, []string{"Häuser"}},
		{"run", nil, nil},
	})
	setLang(t, s, "en")
	checkLangCases(t, s, "en", []langCase{
		{"hauser", []string{"Häuser"}, []string{"Häuser"}},
		{"haus", nil, nil},
		{"run flower", nil, []string{"Flowers"}},
		{"running flowers", []string{"Flowers"}, []string{"Flowers"}},
	})
	setLang(t, s, "ja")
	save(t, s, "日本", "日本語の文章", 0)
	checkLangCases(t, s, "ja", []langCase{
		{"日本", []string{"日本"}, []string{"日本"}},
		{"hauser", []string{"Häuser"}, []string{"Häuser"}},
		{"flowers", []string{"Flowers"}, []string{"Flowers"}},
		{"flower", nil, nil},
	})
	setLang(t, s, "ja") // again: nothing to do
	if got := searchTitles(t, s, "文章"); !slices.Equal(got, []string{"日本"}) {
		t.Errorf("search after setting the same language again = %q", got)
	}
}
