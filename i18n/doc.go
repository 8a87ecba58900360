// Package i18n holds Folio's interface messages and the languages they are
// shipped in: message catalogs with keys, CLDR plural rules and named
// parameters (github.com/nicksnyder/go-i18n/v2, whose templates are
// text/template: "Revision history of {{.Title}}"), numbers in each
// language's digits and separators (golang.org/x/text), and dates with
// each language's month names and order.
//
// Catalogs are JSON files in messages/, one per group and language:
// messages/GROUP.LANG.json ("skin.de.json"). A message is a string, or an
// object of CLDR plural forms ("one", "other"; Arabic also "zero", "two",
// "few", "many") for a message with a Count parameter. English (en) is
// the reference: every shipped language has every English key with the
// same parameters (Catalog.Check, tested), and a message missing in a
// language falls back to English at run time.
//
// The English files are compiled in as well (tables.go, which TestTables
// checks and `go test ./i18n -run TestTables -update` or `make golden`
// rewrites), so that a process starts without parsing them; while
// tables.go is stale the files are parsed, as before.
//
// Groups say who uses a message: "skin" messages go to every skin's
// template data as msg-KEY (plain text, no parameters); the others are
// used from Go and html/template (Lang.T, Lang.HTML).
//
// The interface language of a request is chosen by the server: ?uselang=
// for one view, the user's preference, the wiki's --lang. Message text is
// plain text, never HTML: Lang.HTML escapes it and puts parameters in
// (escaped, or as they are when they are template.HTML).
package i18n
