package server_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	rootRule = regexp.MustCompile(`(:root(?:\[data-theme="dark"\]|:not\(\[data-theme="light"\]\))?)\s*\{([^}]*)\}`)
	cssVar   = regexp.MustCompile(`(--[a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;`)
)

// TestDiffColoursContrast: in both bundled skins, light and dark (chosen or
// from the system's preference), the diff's text stays readable on its
// colours: a contrast ratio of at least 4.5:1, WCAG AA for normal text.
func TestDiffColoursContrast(t *testing.T) {
	for _, css := range []string{"../skins/desktop/static/desktop.css", "../skins/minimal/static/minimal.css"} {
		b, err := os.ReadFile(css)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "/* diff") || !strings.Contains(string(b), "/* end diff */") {
			t.Errorf("%s has no diff block", css)
		}
		themes := map[string]map[string]string{}
		for _, m := range rootRule.FindAllStringSubmatch(string(b), -1) {
			theme := map[string]string{`:root`: "light", `:root[data-theme="dark"]`: "dark", `:root:not([data-theme="light"])`: "auto-dark"}[m[1]]
			if themes[theme] == nil {
				themes[theme] = map[string]string{}
			}
			for _, v := range cssVar.FindAllStringSubmatch(m[2], -1) {
				themes[theme][v[1]] = v[2]
			}
		}
		for _, theme := range []string{"light", "dark", "auto-dark"} {
			vars := themes[theme]
			for _, p := range [][2]string{
				{"--fg", "--diff-del-bg"}, {"--fg", "--diff-del-word"}, {"--fg", "--diff-ins-bg"}, {"--fg", "--diff-ins-word"},
				{"--diff-del-fg", "--diff-del-bg"}, {"--diff-ins-fg", "--diff-ins-bg"},
				{"--muted", "--surface"}, {"--muted", "--diff-del-bg"}, {"--muted", "--diff-ins-bg"}, {"--fg", "--notice-bg"},
			} {
				fg, bg := vars[p[0]], vars[p[1]]
				if fg == "" || bg == "" {
					t.Errorf("%s (%s): %s or %s is not set", filepath.Base(css), theme, p[0], p[1])
					continue
				}
				if r := contrast(fg, bg); r < 4.5 {
					t.Errorf("%s (%s): %s %s on %s %s has contrast %.2f, want ≥ 4.5", filepath.Base(css), theme, p[0], fg, p[1], bg, r)
				}
			}
		}
		for k, v := range themes["dark"] {
			if strings.HasPrefix(k, "--diff-") && themes["auto-dark"][k] != v {
				t.Errorf("%s: %s is %s in the dark theme but %s in the system's dark", filepath.Base(css), k, v, themes["auto-dark"][k])
			}
		}
	}
}

// contrast is the WCAG 2 contrast ratio of two #rrggbb colours.
func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		n, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			panic(fmt.Sprintf("bad colour %q", hex))
		}
		v := float64(n) / 255
		if v <= 0.03928 {
			c[i] = v / 12.92
		} else {
			c[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}
