package lexers

import (
	"github.com/alecthomas/chroma/v2"
)

// HTML lexer.
//
// Changed from chroma: read from its file on first use (lazy).
var HTML chroma.Lexer = lazy(configOf("embedded/html.xml"), func() chroma.Lexer {
	return chroma.MustNewXMLLexer(embedded, "embedded/html.xml")
})
