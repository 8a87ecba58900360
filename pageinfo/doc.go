// Package pageinfo owns the per-revision PageInfo blob: Markdown rendered once,
// at save time, and cached. The type itself is blob.PageInfo (PageInfo
// here is an alias): what only reads a blob, like the skin, imports package
// blob and not this package, its cache or its store. For now it holds the one save path, Saver, which
// every writer goes through:
//
//	pages, err := pageinfo.NewCache(st, pageinfo.Options{MaxBytes: 64 << 20})
//	saver := pageinfo.NewSaver(st, pages, cfg.MaxPageBytes)
//	res, err := saver.Save(ctx, pageinfo.Edit{Title: "Main page", Text: md, BaseRevID: base})
//	var ce *store.ConflictError
//	if errors.As(err, &ce) { … the page moved on; nothing was written … }
package pageinfo
