// Package userinfo owns accounts, sessions, rights and the per-session
// UserInfo blob. A page view asks it once for the reader:
//
//	u, err := users.FromRequest(r) // warm: no store query
//	if !u.Can(router.RightEdit) { … }
//
// The anonymous reader is one constant UserInfo. A logged-in reader's blob
// is built at login (or on a cache miss) from the account's groups, state
// and the UserInfo hooks, and cached by session; any change to the account
// (Grant, Block, SetPreferences, SetPassword) drops it here and, through a
// store event, on every node, so the change shows on the next request.
//
// The type itself is blob.UserInfo (UserInfo here is an alias), with its
// Preferences and Block: what only reads a blob, like the skin, imports
// package blob and not this package, its cache or its store.
package userinfo
