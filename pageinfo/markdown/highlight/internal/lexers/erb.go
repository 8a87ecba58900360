package lexers

import (
	"strings"

	. "github.com/alecthomas/chroma/v2" // nolint
)

// ERB lexer is Ruby embedded in HTML.
//
// Changed from chroma: made on first use (lazy).
var ERB = Register(lazy(erbConfig, func() Lexer {
	return DelegatingLexer(HTML, MustNewXMLLexer(
		embedded,
		"embedded/erb.xml",
	).SetConfig(erbConfig).SetAnalyser(func(text string) float32 {
		if strings.Contains(text, "<%=") && strings.Contains(text, "%>") {
			return 0.4
		}
		if strings.Contains(text, "<%") {
			return 0.1
		}
		return 0.0
	}))
}))

var erbConfig = &Config{
	Name:      "ERB",
	Aliases:   []string{"erb", "html+erb", "html+ruby", "rhtml"},
	Filenames: []string{"*.erb", "*.html.erb", "*.xml.erb", "*.rhtml"},
	MimeTypes: []string{"application/x-ruby-templating"},
	DotAll:    true,
}
