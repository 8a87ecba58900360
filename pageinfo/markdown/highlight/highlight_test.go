package highlight

import (
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		lang string
		size int
		want Kind
	}{
		{"go", 10, Chroma},
		{"Rust", 10, Chroma},
		{"go", MaxBytes + 1, Plain},
		{"text", 10, Plain},
		{"nosuchlanguage", 10, Plain},
		{"", 10, Plain},
		{"mermaid", 10, Mermaid},
		{"MATH", 10, Math},
	} {
		if got, _ := Classify(c.lang, c.size); got != c.want {
			t.Errorf("Classify(%q, %d) = %v, want %v", c.lang, c.size, got, c.want)
		}
	}
}

func TestSafeClass(t *testing.T) {
	for s, want := range map[string]bool{
		"go": true, "c++": true, "c#": true, "objective-c": true, "x.y_z": true,
		"": false, `"><script>`: false, "a b": false, "go\"": false, strings.Repeat("a", 33): false,
	} {
		if got := SafeClass(s); got != want {
			t.Errorf("SafeClass(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestCSS(t *testing.T) {
	css := CSS()
	if !strings.Contains(css, ".chroma .kd") || !strings.Contains(css, "@media (prefers-color-scheme: dark)") {
		t.Errorf("CSS lacks the light or the dark theme:\n%.300s", css)
	}
}
