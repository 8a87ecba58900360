package style

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

var update = flag.Bool("update", false, "rewrite themes.css from chroma's styles")

// lightFixes darkens the light theme's colours that miss WCAG AA (4.5:1)
// on its background: github's NameBuiltinPseudo #6a737d is 4.49:1 on
// #f7f7f7; #57606a is its comment colour (5.9:1). TestColoursPassAA checks
// every colour of both themes.
var lightFixes = strings.NewReplacer("color: #6a737d", "color: #57606a")

// chromaCSS builds the stylesheet from chroma's styles: LightTheme (with
// lightFixes), then DarkTheme inside @media (prefers-color-scheme: dark).
func chromaCSS() string {
	f := html.New(html.WithClasses(true))
	var b, light strings.Builder
	_ = f.WriteCSS(&light, styles.Get(LightTheme))
	b.WriteString(lightFixes.Replace(light.String()))
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	_ = f.WriteCSS(&b, styles.Get(DarkTheme))
	b.WriteString("}\n")
	return b.String()
}

// TestThemesAreChromas: themes.css is what chroma's styles give (after an
// upgrade of chroma, go test ./pageinfo/markdown/highlight/style -update).
func TestThemesAreChromas(t *testing.T) {
	want := chromaCSS()
	if *update {
		if err := os.WriteFile("themes.css", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if CSS() != want {
		t.Fatal("themes.css is not chroma's stylesheet of the themes: run go test ./pageinfo/markdown/highlight/style -update")
	}
}
