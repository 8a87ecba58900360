package router_test

import (
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
)

func TestPath(t *testing.T) {
	reg := router.Default()
	tests := []struct {
		name string
		kv   []string
		want string
	}{
		{"page.view", []string{"title", "Main_Page"}, "/wiki/Main_Page"},
		{"page.edit", []string{"title", "Café/Menu?"}, "/-/edit/Caf%C3%A9/Menu%3F"},
		{"page.history", []string{"title", "User:Ada"}, "/-/history/User:Ada"},
		{"page.feed", []string{"title", "A&B"}, "/-/feed/history/A%26B"},
		{"page.diff", []string{"b", "9", "a", "7"}, "/-/diff/7/9"},
		{"page.revision", []string{"id", "42"}, "/-/revision/42"},
		{"static", []string{"hash", "abc", "file", "css/main.css"}, "/static/abc/css/main.css"},
		{"file.original", []string{"sha", "ab12", "name", "Cat.png"}, "/files/ab12/Cat.png"},
		{"file.thumb", []string{"width", "250", "sha", "ab12", "name", "Cat.png"}, "/files/ab12/250px-Cat.png"},
		{"recent", nil, "/-/recent"},
		{"recent.feed", nil, "/-/feed/recent.atom"},
		{"user.tokens", nil, "/-/tokens"},
		{"user.contributions", []string{"user", "Ada_Lovelace"}, "/-/contributions/Ada_Lovelace"},
		{"page.info", []string{"title", "A&B"}, "/-/info/A%26B"},
		{"random", nil, "/-/random"},
		{"mw.root", nil, "/"},
	}
	for _, tt := range tests {
		if got := reg.Path(tt.name, tt.kv...); got != tt.want {
			t.Errorf("Path(%q, %q) = %q, want %q", tt.name, tt.kv, got, tt.want)
		}
	}
}

// TestPathIsCanonical: every path Path builds for a GET route classifies
// to that route with the same parameters and status 200.
func TestPathIsCanonical(t *testing.T) {
	reg := router.Default()
	values := map[string]string{"title": "Foo_bar/Ba%z", "id": "12", "a": "3", "b": "4", "hash": "h1", "file": "a/b c.css", "user": "Ada Lovelace", "sha": "ab12", "name": "Cat photo.png", "part": "2.xml", "hole": "3"}
	for _, rt := range reg.Routes() {
		if !rt.Allows("GET") || rt.Class == router.ClassRedirect {
			continue
		}
		var kv []string
		for _, name := range []string{"title", "id", "a", "b", "hash", "file", "user", "sha", "name", "part", "hole"} {
			if strings.Contains(rt.Pattern, ":"+name) || strings.Contains(rt.Pattern, "*"+name) {
				kv = append(kv, name, values[name])
			}
		}
		p := reg.Path(rt.Name, kv...)
		m := reg.Classify("GET", p)
		if m.Status != 200 || m.Name != rt.Name {
			t.Errorf("%s: Path = %q classifies as %d %s, want 200 %s", rt.Name, p, m.Status, m.Name, rt.Name)
			continue
		}
		for i := 0; i < len(kv); i += 2 {
			if got := m.Params.Get(kv[i]); got != kv[i+1] {
				t.Errorf("%s: Path = %q gives %s=%q, want %q", rt.Name, p, kv[i], got, kv[i+1])
			}
		}
		if want := rt.URL(router.MakeParams(kv...)); p != want {
			t.Errorf("%s: Path = %q, Route.URL = %q", rt.Name, p, want)
		}
	}
}

func TestPathPanics(t *testing.T) {
	reg := router.Default()
	tests := []struct {
		name string
		kv   []string
		want string
	}{
		{"page.edti", []string{"title", "Foo"}, `no route named "page.edti"`},
		{"page.edit", nil, "got 0 parameters, want [title]"},
		{"page.edit", []string{"title"}, "odd number"},
		{"page.edit", []string{"page", "Foo"}, `parameter "title" given 0 times`},
		{"page.diff", []string{"a", "1", "a", "2"}, `parameter "a" given 2 times`},
		{"recent", []string{"limit", "10"}, "got 1 parameters, want []"},
	}
	for _, tt := range tests {
		func() {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tt.want) {
					t.Errorf("Path(%q, %q) panicked with %q, want %q", tt.name, tt.kv, msg, tt.want)
				}
			}()
			reg.Path(tt.name, tt.kv...)
		}()
	}
}

// TestTitleURLIsPageViewPath: TitleURL, which needs no registry, is the
// path of the page.view route.
func TestTitleURLIsPageViewPath(t *testing.T) {
	for _, key := range []string{"Main_Page", "Café", "A/b?c#d", "User:Ada", "100%", ""} {
		if got, want := router.TitleURL(key), router.Default().Path("page.view", "title", key); got != want {
			t.Errorf("TitleURL(%q) = %q, Path(page.view) = %q", key, got, want)
		}
	}
}

func TestNamespaces(t *testing.T) {
	for _, tt := range []struct {
		title, ns, rest string
		ok              bool
	}{
		{"Category:Birds", router.CategoryNamespace, "Birds", true},
		{"Category_talk:Birds", router.CategoryNamespace, "Category_talk:Birds", false},
		{"User:Ada/Notes", router.UserNamespace, "Ada/Notes", true},
		{"User_talk:Ada", router.UserNamespace, "User_talk:Ada", false},
		{"Special:RecentChanges", router.SpecialNamespace, "RecentChanges", true},
		{"Talk:Foo", router.TalkNamespace, "Foo", true},
		{"Usermanual", router.UserNamespace, "Usermanual", false},
		{"Foo:Bar", "", "Foo:Bar", true},
		{"User:Ada", "", "User:Ada", false},
	} {
		rest, ok := router.CutNamespace(tt.title, tt.ns)
		if rest != tt.rest || ok != tt.ok || router.InNamespace(tt.title, tt.ns) != tt.ok {
			t.Errorf("CutNamespace(%q, %q) = %q, %v; want %q, %v", tt.title, tt.ns, rest, ok, tt.rest, tt.ok)
		}
	}
	if got := router.CategoryTitle("Go_tools"); got != "Category:Go_tools" {
		t.Errorf("CategoryTitle = %q", got)
	}
	if got := router.UserTitle("Ada Lovelace"); got != "User:Ada_Lovelace" {
		t.Errorf("UserTitle = %q", got)
	}
	if got := router.NamespaceTitle("", "Foo"); got != "Foo" {
		t.Errorf("NamespaceTitle main = %q", got)
	}
	// The constants are namespaces the title rules know, canonically spelt.
	for _, ns := range []string{router.UserNamespace, router.CategoryNamespace, router.SpecialNamespace, router.TalkNamespace} {
		if key, err := router.NormalizeTitle(strings.ToLower(ns) + ":x"); err != nil || !router.InNamespace(key, ns) {
			t.Errorf("%s: NormalizeTitle gives %q, %v", ns, key, err)
		}
	}
}
