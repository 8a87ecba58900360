// Package standard compiles in the bundled extensions: cmd/folio imports it
// for its side effects. To add an extension to your build, add a blank
// import of its package here (or in your own copy of cmd/folio), as Caddy's
// modules/standard does.
package standard

import (
	_ "github.com/foliowiki/folio/extensions/readingtime"     // "N min read" from PageInfo
	_ "github.com/foliowiki/folio/extensions/stringfunctions" // {{#len:}}, {{#sub:}}, {{#lc:}}, {{#uc:}}, {{#urlencode:}} in templates
	_ "github.com/foliowiki/folio/extensions/webhook"         // POST changes to FOLIO_WEBHOOK_URLS
)
