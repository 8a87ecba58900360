package router

import "testing"

// FuzzCanonical: the allocation-free check Normalize starts with agrees
// with the full parse: a title it calls canonical parses to itself, and a
// title that parses to itself is called canonical.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{
		"Main_Page", "User:Alice", "user:alice", "Talk:User:X", "Foo//Bar/", "/Foo", "A_&eacute;_B", "AT&T",
		"Caf\u00e9", "Cafe\u0301", "Special:Search/x", "Image:X", "User_:x", "User:_x", "::x", "..", "A\u180eB",
		"File:Foo.jpg", "Talk:Foo:Bar", "100%", "100%25", "\u01c6", "ß", "\u0345x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tr := range []TitleRules{DefaultTitleRules, {}} {
			key, err := tr.parse(s)
			canon := tr.canonical(s)
			if canon && (err != nil || key != s) {
				t.Fatalf("%+v: canonical(%q) but parse gives %q, %v", tr, s, key, err)
			}
			if err == nil && key == s && !canon {
				t.Fatalf("%+v: parse(%q) is itself but canonical says no", tr, s)
			}
			if err == nil {
				if again, err := tr.parse(key); err != nil || again != key {
					t.Fatalf("%+v: parse(%q) = %q, parse(%q) = %q, %v: not idempotent", tr, s, key, key, again, err)
				}
			}
		}
	})
}
