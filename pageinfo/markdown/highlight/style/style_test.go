package style

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every colour of the highlighting meets WCAG AA (4.5:1) against the code
// block's background, in the light and in the dark theme — but spaces and
// line numbers, which carry no text to read.
func TestColoursPassAA(t *testing.T) {
	light, dark, ok := strings.Cut(CSS(), "@media (prefers-color-scheme: dark) {\n")
	if !ok {
		t.Fatal("no dark half in the stylesheet")
	}
	rule := regexp.MustCompile(`(?m)^(?:/\* (\w+) \*/ )?([^{]+)\{([^}]*)\}`)
	colour := regexp.MustCompile(`(?:^|[;\s])color: (#[0-9a-fA-F]{6})`)
	bgRe := regexp.MustCompile(`background-color: (#[0-9a-fA-F]{6})`)
	skip := map[string]bool{"TextWhitespace": true, "LineNumbers": true, "LineNumbersTable": true, "LineHighlight": true, "Background": true, "PreWrapper": true, "LineLink": true}
	for _, theme := range []struct{ name, css string }{{"light", light}, {"dark", dark}} {
		bg := ""
		for _, m := range rule.FindAllStringSubmatch(theme.css, -1) {
			if m[1] == "PreWrapper" {
				if b := bgRe.FindStringSubmatch(m[3]); b != nil {
					bg = b[1]
				}
			}
		}
		if bg == "" {
			t.Fatalf("%s: no background for code blocks", theme.name)
		}
		n := 0
		for _, m := range rule.FindAllStringSubmatch(theme.css, -1) {
			c := colour.FindStringSubmatch(m[3])
			if c == nil || skip[m[1]] {
				continue
			}
			back := bg
			if b := bgRe.FindStringSubmatch(m[3]); b != nil {
				back = b[1]
			}
			n++
			if r := contrast(c[1], back); r < 4.5 {
				t.Errorf("%s: %s (%s) %s on %s is %.2f:1, want 4.5:1", theme.name, strings.TrimSpace(m[2]), m[1], c[1], back, r)
			}
		}
		if n < 10 {
			t.Errorf("%s: only %d coloured rules found; the stylesheet's format changed?", theme.name, n)
		}
	}
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	var ch [3]float64
	for i := range ch {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			ch[i] = c / 12.92
		} else {
			ch[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2]
}
