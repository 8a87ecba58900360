// Package server answers Folio's HTTP requests: one handler per route of the
// registry (router.Registry), in files named after what they answer
// (page_view.go, page_edit.go, user_login.go …), behind the middleware the
// route declarations drive (middleware.go: the route's class, the access
// log, the reader's UserInfo, Cache-Control, rights, CSRF).
//
// cmd/folio wires it (Deps: the store, the PageInfo cache and save path, the
// account manager, the skins) and serves it:
//
//	srv, err := server.New(server.Deps{Store: st, Pages: pages, Saver: saver, Users: users, Skins: set, Config: cfg})
//	…
//	err = server.Serve(ctx, ln, srv, cfg.ShutdownTimeout, log)
//
// Every HTML page goes through the skin (render.go); a page view takes the
// fast path of a skin view specialized per revision (page_view.go), so a warm
// view reads nothing from the store, logged in or not. Errors become
// responses in one place (errors.go): a handler returns an error, and
// handlerError picks the status, the page and the log line; an error made
// with errorMsg names a message of the forms catalog, which the page shows
// in the reader's language (logs and the JSON API keep English). The operator's
// endpoints that are not for readers — metrics and the profiler — are on
// DebugHandler, which folio serve puts on listeners of their own.
package server
