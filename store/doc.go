// Package store defines what Folio keeps and the errors it reports, as small
// interfaces composed into Store. The backends are subpackages: store/sqlite
// (embedded, the default) and store/postgres (for several nodes). Both pass
// the same conformance suite, store/storetest.
//
//	st, err := sqlite.Open(ctx, "data/folio.db")
//	if err != nil { … }
//	defer st.Close()
//	res, err := st.SaveRevision(ctx, store.SaveRequest{Title: "Main_Page", Text: "Hello"})
//	var ce *store.ConflictError
//	if errors.As(err, &ce) { … the page moved on since the editor's base revision … }
//
// Deleting, undeleting and moving pages (PageActions) keep every revision and
// write the log (Log). The callers then tell every node which cached PageInfo
// went stale (Events):
//
//	go st.Subscribe(ctx, func(ev store.Event) { … drop ev.Keys, or everything on store.EventReset … })
//	p, err := st.DeletePage(ctx, store.DeleteRequest{Title: "Old", Reason: "spam", UserName: "Admin"})
//	back, err := st.Backlinks(ctx, "Old", "", 1000)
//	err = st.Publish(ctx, store.Event{Kind: "pageinfo", Keys: back})
//
// Titles are canonical DB keys (router.NormalizeTitle); the store does not
// normalize them itself, since it imports nothing of Folio's but package blob.
package store
