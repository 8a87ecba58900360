// Package blob holds the two immutable blobs a page view is made of, as
// plain data: PageInfo, one revision of a page rendered (HTML, contents,
// links, categories …), and UserInfo, one reader (name, groups, rights,
// preferences, the block in force …), with the types they are made of
// (Link, TOCEntry, Needs, Preferences, Block, Right) and the methods that
// need nothing but the blob (Can, Blocked, InGroup, Derived).
//
// Who builds them: package pageinfo renders a PageInfo at save time (or
// lazily) and caches it per revision, in memory and in the store's parse
// cache; package userinfo builds a UserInfo at login (or on a cache miss)
// and caches it per session. Both keep type aliases (pageinfo.PageInfo,
// userinfo.UserInfo …), so their callers need not name this package.
//
// Who reads them: the skin, which turns them into template data and asks
// nothing else; extensions, through the hooks that receive a blob; the
// server's handlers. Those readers import this package, not the caches.
//
// Why it imports nothing heavy: what reads a blob must not depend on what
// builds it. This package imports the standard library and internal/memo
// only — no store, no cache (ristretto), no Markdown renderer (goldmark),
// no router — so the skin (`go list -deps ./skin`, checked by a test in
// package skin) depends on data, not on storage or rendering. That is why
// Right is declared here, and router.Right is an alias of it, and why
// pageinfo/markdown's TOCEntry and Needs (the renderer fills them) are
// aliases of this package's types rather than the other way round.
//
// Behaviour that needs the store, a cache or the clock of a session stays
// with the builders: encoding for the parse cache, cache costs and the
// PageInfo Version (pageinfo), sessions, expiry and rights from groups
// (userinfo).
//
// The JSON shapes are those of the parse cache (pageinfo.Version) and of
// `folio skin data --user`: pinned by golden tests in pageinfo and
// userinfo; a change needs a new pageinfo.Version.
package blob
