package engine

import "testing"

// TestReadsOnly: a dynamic segment reads only the keys its holes name —
// variables and sections over scalars, nested — and a section evaluated
// on each fill counts as reading them all.
func TestReadsOnly(t *testing.T) {
	tests := []struct {
		src  string
		keys []string
		want bool
	}{
		{`<p>{{user-name}}</p>`, []string{"user-name"}, true},
		{`<p>{{user-name}}</p>`, []string{"csrf-token"}, false},
		// Reading only hole keys, it is evaluated on each fill: counted as reading all.
		{`{{#is-anon}}in {{csrf-token}}{{/is-anon}}`, []string{"is-anon", "csrf-token"}, false},
		{`{{#is-anon}}in {{title}} {{user-name}}{{/is-anon}}`, []string{"is-anon", "user-name"}, true},
		{`{{#is-anon}}in {{csrf-token}}{{/is-anon}}`, []string{"is-anon"}, false},
		{`{{^is-anon}}{{title}}{{/is-anon}}`, []string{"is-anon"}, true},
		{`{{#data-groups}}{{.}}{{/data-groups}}`, []string{"data-groups"}, false},
		{`{{user-name}}`, []string{"no-such-key"}, false},
	}
	for _, tt := range tests {
		tmpl, err := ParseString("<html>" + tt.src + "</html>")
		if err != nil {
			t.Fatal(err)
		}
		prog, err := tmpl.Compile(typeOfRoot, "Reader")
		if err != nil {
			t.Fatal(err)
		}
		sp := prog.Specialize(sample())
		var dyn []Segment
		for _, sg := range sp.Segments() {
			if !sg.Static() {
				dyn = append(dyn, sg)
			}
		}
		if len(dyn) != 1 {
			t.Fatalf("%s: %d dynamic segments", tt.src, len(dyn))
		}
		if got := sp.ReadsOnly(&dyn[0], tt.keys...); got != tt.want {
			t.Errorf("%s: ReadsOnly(%q) = %v, want %v", tt.src, tt.keys, got, tt.want)
		}
	}
}
