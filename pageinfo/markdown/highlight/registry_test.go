package highlight_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromalexers "github.com/alecthomas/chroma/v2/lexers"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight/internal/lexers"
)

// TestRegistryIsChromas: the copy of chroma's lexers whose files are read
// on first use finds, for every name and alias chroma knows, for file
// extensions and names (every seventh: each costs a scan of every lexer's
// file patterns) and for a few it does not know, the lexer chroma's own
// registry finds.
func TestRegistryIsChromas(t *testing.T) {
	names := map[string]bool{"nosuchlanguage": true, "Makefile": true, "CMakeLists.txt": true, "PYTHON": true, "c++": true, "yml": true, "tsx": true}
	var files []string
	for _, l := range chromalexers.GlobalLexerRegistry.Lexers {
		c := l.Config()
		names[c.Name], names[strings.ToLower(c.Name)] = true, true
		for _, a := range c.Aliases {
			names[a] = true
		}
		for _, g := range append(c.Filenames, c.AliasFilenames...) {
			if ext := strings.TrimPrefix(filepath.Ext(g), "."); ext != "" && !strings.ContainsAny(ext, "*?[") {
				files = append(files, ext)
			} else if !strings.ContainsAny(g, "*?[") {
				files = append(files, g)
			}
		}
	}
	slices.Sort(files)
	for i, f := range slices.Compact(files) {
		if i%7 == 0 {
			names[f] = true
		}
	}
	if len(names) < 700 {
		t.Fatalf("only %d names to look up", len(names))
	}
	for name := range names {
		want, got := chromalexers.Get(name), lexers.Get(name)
		if (want == nil) != (got == nil) || want != nil && got.Config().Name != want.Config().Name {
			t.Errorf("Get(%q) = %v, chroma's = %v", name, nameOf(got), nameOf(want))
		}
	}
	if a, b := len(lexers.GlobalLexerRegistry.Lexers), len(chromalexers.GlobalLexerRegistry.Lexers); a != b {
		t.Errorf("%d lexers registered, chroma %d", a, b)
	}
}

func nameOf(l chroma.Lexer) string {
	if l == nil {
		return "nil"
	}
	return l.Config().Name
}
