package router_test

import (
	"testing"

	"github.com/foliowiki/folio/router"
)

func TestTalkPairs(t *testing.T) {
	for _, c := range []struct {
		title, talk, subject string
		isTalk               bool
	}{
		{"Foo", "Talk:Foo", "Foo", false},
		{"Talk:Foo", "Talk:Foo", "Foo", true},
		{"User:Ada_Lovelace", "User_talk:Ada_Lovelace", "User:Ada_Lovelace", false},
		{"User_talk:Ada", "User_talk:Ada", "User:Ada", true},
		{"Category:Birds", "Category_talk:Birds", "Category:Birds", false},
		{"Category_talk:Birds", "Category_talk:Birds", "Category:Birds", true},
		{"File:A.png", "File_talk:A.png", "File:A.png", false},
		{"Help:Contents/Sub", "Help_talk:Contents/Sub", "Help:Contents/Sub", false},
		{"Not_a_namespace:X", "Talk:Not_a_namespace:X", "Not_a_namespace:X", false},
	} {
		if got := router.IsTalk(c.title); got != c.isTalk {
			t.Errorf("IsTalk(%q) = %v, want %v", c.title, got, c.isTalk)
		}
		if got, ok := router.TalkTitle(c.title); !ok || got != c.talk {
			t.Errorf("TalkTitle(%q) = %q, %v; want %q", c.title, got, ok, c.talk)
		}
		if got := router.SubjectTitle(c.title); got != c.subject {
			t.Errorf("SubjectTitle(%q) = %q, want %q", c.title, got, c.subject)
		}
		want := c.talk
		if c.isTalk {
			want = c.subject
		}
		if got, ok := router.PairTitle(c.title); !ok || got != want {
			t.Errorf("PairTitle(%q) = %q, %v; want %q", c.title, got, ok, want)
		}
		// Every pair is canonical: normalizing changes nothing.
		if n, err := router.NormalizeTitle(c.talk); err != nil || n != c.talk {
			t.Errorf("NormalizeTitle(%q) = %q, %v", c.talk, n, err)
		}
	}
	if got := router.PairTitles("User:Ada"); len(got) != 2 || got[0] != "User:Ada" || got[1] != "User_talk:Ada" {
		t.Errorf("PairTitles(User:Ada) = %q", got)
	}
	if got := router.PairTitles("Special:Watchlist"); len(got) != 1 {
		t.Errorf("PairTitles(Special:Watchlist) = %q, want the title alone", got)
	}
	if _, ok := router.TalkTitle("Special:Watchlist"); ok {
		t.Error("Special:Watchlist has a talk page")
	}
	if _, ok := router.PairTitle("Special:Watchlist"); ok {
		t.Error("Special:Watchlist has a pair")
	}
}
