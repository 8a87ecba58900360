// Package skins holds Folio's bundled skins, as data: each directory is one
// skin, with skin.json, templates/*.mustache, static/ and, for a skin
// with messages of its own, messages/*.json (see docs/skins.md). They are embedded in the binary; skin.Load reads them:
//
//	set, err := skin.Load(skins.FS)
//
// desktop is the default skin: header with search, sidebar navigation and
// table of contents, tabs, personal tools. minimal is a mobile-first,
// single-column skin.
package skins

import "embed"

// FS holds the bundled skins: desktop/ and minimal/, with each static
// file's precompressed .br, .zst and .gz (`make assets`).
//
//go:embed */skin.json */templates/*.mustache */static/* */messages/*.json
var FS embed.FS
