package router_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/foliowiki/folio/router"
)

func TestNormalizeTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Main_Page", "Main_Page"},
		{"main page", "Main_page"},
		{"  Foo   Bar  ", "Foo_Bar"},
		{"Foo__Bar", "Foo_Bar"},
		{"Foo/Bar Baz", "Foo/Bar_Baz"}, // folio import: Foo/Bar Baz.md
		{"foo/bar baz", "Foo/bar_baz"},
		{"Foo//Bar/", "Foo//Bar/"}, // MediaWiki keeps every slash
		{"/Foo", "/Foo"},
		{".hack//SIGN", ".hack//SIGN"},
		{".../", ".../"},
		{"user:/", "User:/"},
		{"user:alice", "User:Alice"},
		{"USER : alice", "User:Alice"},
		{"user talk:bob", "User_talk:Bob"},
		{"Category:go tools", "Category:Go_tools"},
		{"special:recentchanges", "Special:Recentchanges"},
		{":Foo", "Foo"},
		{" : foo", "Foo"},
		{":user:x", "User:X"},
		{"image:foo.jpg", "File:Foo.jpg"},
		{"Media:Foo.jpg", "File:Foo.jpg"},
		{"Image_talk:x", "File_talk:X"},
		{"template:foo", "Template:Foo"},
		{"Talk:Foo:Sandbox", "Talk:Foo:Sandbox"},
		{"User:Talk:Test", "User:Talk:Test"},
		{"Foo\u180ebar", "Foo_bar"},
		{"A &amp B", "A_&amp_B"},
		{"AT&T", "AT&T"},
		{"~~~", "~~~"}, // signatures are wikitext; a Markdown wiki has none
		{"Special:" + strings.Repeat("a", 500), "Special:A" + strings.Repeat("a", 499)},
		{"Nota:foo", "Nota:foo"},
		{"café", "Café"},
		{"cafe\u0301", "Café"},
		{"été", "Été"},
		{"ǆemal", "Ǆemal"},
		{"A\u00a0B", "A_B"},
		{"A\u3000B", "A_B"},
		{"\u200eAB\u200f", "AB"},
		{"100%", "100%"},
		{"C++", "C++"},
		{"Why?", "Why?"},
		{"1 in 2", "1_in_2"},
		{"...", "..."},
		{".htaccess", ".htaccess"},
		{"日本語", "日本語"},
	}
	for _, tt := range tests {
		got, err := router.NormalizeTitle(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizeTitle(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if again, _ := router.NormalizeTitle(got); again != got {
			t.Errorf("NormalizeTitle(%q) = %q, not idempotent", got, again)
		}
	}
}

func TestNormalizeTitleRejects(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{"_", "empty"},
		{"\xff", "invalid UTF-8"},
		{"A\x00B", "control"},
		{"A\tB", "control"},
		{"A\u0085B", "control"},
		{"A\ufffdB", "U+FFFD"},
		{"A#B", "'#'"}, {"A<B", "'<'"}, {"A>B", "'>'"}, {"A[B", "'['"}, {"A]B", "']'"},
		{"A{B", "'{'"}, {"A}B", "'}'"}, {"A|B", "'|'"},
		{"A%20B", "percent-encoding %20"},
		{"Foo/../Bar", "path segment"},
		{"./Foo", "path segment"},
		{"Foo/.", "path segment"},
		{"..", "path segment"},
		{"User:../Test", "path segment"},
		{"User:./Test", "path segment"},
		{"User:..", "path segment"},
		{"User:", "with no title"},
		{"user: ", "with no title"},
		{":", "empty"},
		{"::xx", "starts with ':'"},
		{"::1", "starts with ':'"},
		{" :: x", "starts with ':'"},
		{"User::x", "starts with ':'"},
		{"Talk:User:Test", "namespace Talk cannot hold a title of namespace User"},
		{"Talk:Talk:Test", "namespace Talk cannot hold a title of namespace Talk"},
		{"Talk:File:Foo.jpg", "namespace File"},
		{"talk:image:Foo.jpg", "namespace File"},
		{"A &eacute; B", "character reference &eacute;"},
		{"A &#233; B", "character reference &#233;"},
		{"A &#x00E9; B", "character reference &#x00E9;"},
		{"Caf&é;", "character reference &é;"},
		{"User:" + strings.Repeat("a", 251), "longer than 255"},
		{"Special:" + strings.Repeat("a", 513), "longer than 512 bytes after Special:"},
		{strings.Repeat("a", 256), "longer than 255"},
		{strings.Repeat("é", 128), "longer than 255"},
	}
	for _, tt := range tests {
		got, err := router.NormalizeTitle(tt.in)
		var te *router.TitleError
		if !errors.Is(err, router.ErrBadTitle) || !errors.As(err, &te) {
			t.Errorf("NormalizeTitle(%q) = %q, %v; want an ErrBadTitle", tt.in, got, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.reason) || te.Title != tt.in {
			t.Errorf("NormalizeTitle(%q) error %q, want it to say %q about the input", tt.in, err, tt.reason)
		}
	}
	if _, err := router.NormalizeTitle(strings.Repeat("a", 255)); err != nil {
		t.Errorf("255 bytes: %v", err)
	}
}

func TestSplitTitle(t *testing.T) {
	tests := []struct{ in, title, fragment, err string }{
		{"Foo", "Foo", "", ""},
		{"foo bar#Intro", "Foo_bar", "Intro", ""},
		{"Foo#bar   bar", "Foo", "bar_bar", ""},
		{"Foo# bar bar ", "Foo", "_bar_bar", ""}, // leading kept, trailing dropped, as MediaWiki
		{"X#", "X", "", ""},
		{"X##", "X", "#", ""},
		{"X#z#z", "X", "z#z", ""},
		{"X#z%z", "X", "z%z", ""},
		{"X#z&z", "X", "z&z", ""},
		{"#Intro", "", "Intro", ""},
		{":#Intro", "", "Intro", ""},
		{"#", "", "", ""},
		{"Foo#b\u200eär", "Foo", "bär", ""},
		{"User:#", "", "", "with no title"},
		{"Category: #bar", "", "", "with no title"},
		{"::##", "", "", "starts with ':'"},
		{"Foo#a\tb", "", "", "control"},
		{"Caf&#233;", "", "", "character reference &#233;"},
		{"A[b]#c", "", "", "'['"},
	}
	for _, tt := range tests {
		title, frag, err := router.SplitTitle(tt.in)
		if title != tt.title || frag != tt.fragment || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("SplitTitle(%q) = %q, %q, %v; want %q, %q, %q", tt.in, title, frag, err, tt.title, tt.fragment, tt.err)
		}
	}
}

func TestCleanPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/wiki/Foo", "/wiki/Foo"},
		{"//wiki/Foo", "/wiki/Foo"},
		{"///wiki/Foo", "/wiki/Foo"},
		{"/./wiki/Foo", "/wiki/Foo"},
		{"/x/../wiki/Foo", "/wiki/Foo"},
		{"/a//b/../../wiki/Foo", "/a/wiki/Foo"}, // ".." removes one segment, an empty one too (RFC 3986)
		{"/a//b/../../../wiki/Foo", "/wiki/Foo"},
		{"/wiki/..", "/"},
		{"/..", "/"},
		{"/wiki/.hack", "/wiki/.hack"},
	}
	for _, tt := range tests {
		if got := router.CleanPath(tt.in); got != tt.want {
			t.Errorf("CleanPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleFromPath(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"Foo%20Bar", "Foo_Bar", ""},
		{"Caf%C3%A9", "Café", ""},
		{"caf%c3%a9", "Café", ""},
		{"A+B", "A+B", ""},
		{"100%", "100%", ""},
		{"100%25", "100%", ""},
		{"AC%2FDC", "AC/DC", ""},
		{"A%2541", "", "percent-encoding %41"},
		{"A%23B", "", "'#'"},
		{"%FF", "", "invalid UTF-8"},
	}
	for _, tt := range tests {
		got, err := router.TitleFromPath(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("TitleFromPath(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestTitleRules(t *testing.T) {
	lower := router.TitleRules{CapitalLinks: false}
	for in, want := range map[string]string{"iPod": "iPod", "user:bob smith": "User:bob_smith", "foo": "foo"} {
		if got, err := lower.Normalize(in); err != nil || got != want {
			t.Errorf("CapitalLinks=false: Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, _ := router.NormalizeTitle("iPod"); got != "IPod" {
		t.Errorf("CapitalLinks=true: %q", got)
	}
}

func TestTitleURL(t *testing.T) {
	tests := []struct{ key, url, display string }{
		{"Main_Page", "/wiki/Main_Page", "Main Page"},
		{"Foo/Bar_(baz)", "/wiki/Foo/Bar_(baz)", "Foo/Bar (baz)"},
		{"User:Alice", "/wiki/User:Alice", "User:Alice"},
		{"Café", "/wiki/Caf%C3%A9", "Café"},
		{"C++_&_Go?", "/wiki/C%2B%2B_%26_Go%3F", "C++ & Go?"},
		{"100%", "/wiki/100%25", "100%"},
		{"Don't", "/wiki/Don%27t", "Don't"},
		{"A;B=C", "/wiki/A;B%3DC", "A;B=C"},
	}
	for _, tt := range tests {
		if got := router.TitleURL(tt.key); got != tt.url {
			t.Errorf("TitleURL(%q) = %q, want %q", tt.key, got, tt.url)
		}
		if got := router.DisplayTitle(tt.key); got != tt.display {
			t.Errorf("DisplayTitle(%q) = %q, want %q", tt.key, got, tt.display)
		}
		if back, err := router.TitleFromPath(strings.TrimPrefix(tt.url, "/wiki/")); err != nil || back != tt.key {
			t.Errorf("TitleFromPath(TitleURL(%q)) = %q, %v", tt.key, back, err)
		}
	}
}

// TestCorpusTitles: every page of the corpora in testdata/corpus imports under a valid
// title, as folio import derives it from the file name.
func TestCorpusTitles(t *testing.T) {
	root := filepath.Join("..", "testdata", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		parts := strings.SplitN(filepath.ToSlash(rel), "/", 3)
		if len(parts) < 3 || parts[1] != "pages" {
			return nil
		}
		n++
		title, err := router.NormalizeTitle(strings.TrimSuffix(parts[2], ".md"))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		} else if m := router.Classify("GET", router.TitleURL(title)); m.Status != 200 || m.Title() != title {
			t.Errorf("%s: %s classifies to %d %q", rel, router.TitleURL(title), m.Status, m.Title())
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("walked %d pages: %v", n, err)
	}
}
