package lexers

import (
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// lazyXML is the lexer of one file of embedded/: its configuration is known
// from xmlConfigs, its rules are read from the file when it first
// tokenises or analyses text.
type lazyXML struct {
	path   string
	config *chroma.Config

	mu       sync.Mutex
	registry *chroma.LexerRegistry
	analyser func(text string) float32
	lexer    *chroma.RegexLexer // nil until read
}

// load reads the lexer from its file once; the registry and an analyser
// set before are applied to it.
func (l *lazyXML) load() *chroma.RegexLexer {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lexer == nil {
		lex := chroma.MustNewXMLLexer(embedded, l.path)
		if l.registry != nil {
			lex.SetRegistry(l.registry)
		}
		if l.analyser != nil {
			lex.SetAnalyser(l.analyser)
		}
		l.lexer = lex
	}
	return l.lexer
}

// Config implements chroma.Lexer: the file's configuration, without its
// analyser's regexps (Analyse), which only the read lexer uses.
func (l *lazyXML) Config() *chroma.Config { return l.config }

// Tokenise implements chroma.Lexer.
func (l *lazyXML) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	return l.load().Tokenise(options, text)
}

// SetRegistry implements chroma.Lexer.
func (l *lazyXML) SetRegistry(registry *chroma.LexerRegistry) chroma.Lexer {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.registry = registry
	if l.lexer != nil {
		l.lexer.SetRegistry(registry)
	}
	return l
}

// SetAnalyser implements chroma.Lexer.
func (l *lazyXML) SetAnalyser(analyser func(text string) float32) chroma.Lexer {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.analyser = analyser
	if l.lexer != nil {
		l.lexer.SetAnalyser(analyser)
	}
	return l
}

// AnalyseText implements chroma.Lexer.
func (l *lazyXML) AnalyseText(text string) float32 { return l.load().AnalyseText(text) }

// lazyLexer is a lexer made by its make function when it first tokenises
// or analyses text, registered meanwhile under its configuration: the
// lexers of this package's Go files that chroma builds at package init
// from XML files (HTML, the Lisps, the template languages), in every
// process.
type lazyLexer struct {
	config *chroma.Config
	make   func() chroma.Lexer

	mu       sync.Mutex
	registry *chroma.LexerRegistry
	analyser func(text string) float32
	lexer    chroma.Lexer // nil until made
}

// lazy returns the lexer make makes, made on first use; config is the
// configuration it has.
func lazy(config *chroma.Config, make func() chroma.Lexer) *lazyLexer {
	return &lazyLexer{config: config, make: make}
}

// configOf returns the configuration xmlConfigs has for the file path of
// embedded/.
func configOf(path string) *chroma.Config {
	for i := range xmlConfigs {
		if xmlConfigs[i].path == path {
			return &xmlConfigs[i].config
		}
	}
	panic("lexers: no configuration for " + path) // TestLazyLexersAreChromas
}

// get makes the lexer once; the registry and an analyser set before are
// applied to it.
func (l *lazyLexer) get() chroma.Lexer {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lexer == nil {
		lex := l.make()
		if l.registry != nil {
			lex = lex.SetRegistry(l.registry)
		}
		if l.analyser != nil {
			lex = lex.SetAnalyser(l.analyser)
		}
		l.lexer = lex
	}
	return l.lexer
}

// Config implements chroma.Lexer.
func (l *lazyLexer) Config() *chroma.Config { return l.config }

// Tokenise implements chroma.Lexer.
func (l *lazyLexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	return l.get().Tokenise(options, text)
}

// SetRegistry implements chroma.Lexer.
func (l *lazyLexer) SetRegistry(registry *chroma.LexerRegistry) chroma.Lexer {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.registry = registry
	if l.lexer != nil {
		l.lexer = l.lexer.SetRegistry(registry)
	}
	return l
}

// SetAnalyser implements chroma.Lexer.
func (l *lazyLexer) SetAnalyser(analyser func(text string) float32) chroma.Lexer {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.analyser = analyser
	if l.lexer != nil {
		l.lexer = l.lexer.SetAnalyser(analyser)
	}
	return l
}

// AnalyseText implements chroma.Lexer.
func (l *lazyLexer) AnalyseText(text string) float32 { return l.get().AnalyseText(text) }
