package pageinfo

import (
	"context"
	"errors"
	"fmt"

	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// FileUpload is one upload of a file's bytes, already stored in the blob
// store under Version.SHA.
type FileUpload struct {
	Version store.FileVersion // Name is the file's canonical name, without "File:"
	// Description is the File page's text when the upload creates it (a
	// file's first upload to a title without a page); "" saves a page
	// that says only who uploaded the file.
	Description string
}

// Upload records a version of a file and makes it current, with the File
// page's first revision in the same transaction when the page does not
// exist (the description as its text, the upload comment as its
// summary). It then does what a save does for that page, and calls
// FileChanged for the pages that embed the file.
func (s *Saver) Upload(ctx context.Context, up FileUpload) (store.UploadResult, error) {
	files, ok := s.revs.(store.Files)
	if !ok {
		return store.UploadResult{}, errors.New("upload: the store keeps no files")
	}
	title := router.NamespaceTitle(router.FileNamespace, up.Version.Name)
	var page *prepared
	if _, err := s.revs.LatestRevision(ctx, title); errors.Is(err, store.ErrNotFound) {
		text := up.Description
		if text == "" {
			text = up.Version.Comment
		}
		if text == "" {
			text = "Uploaded by " + up.Version.UserName + "."
		}
		p, err := s.prepare(ctx, Edit{Title: title, Text: text, Summary: up.Version.Comment,
			UserID: up.Version.UserID, UserName: up.Version.UserName})
		if err != nil {
			return store.UploadResult{}, fmt.Errorf("upload %q: description: %w", up.Version.Name, err)
		}
		page = &p
	}
	rec := store.Upload{Version: up.Version}
	if page != nil {
		rec.Page = &page.req
	}
	res, err := files.RecordUpload(ctx, rec)
	if err != nil {
		return res, fmt.Errorf("upload %q: %w", up.Version.Name, err)
	}
	if res.Page != nil {
		s.saved1(ctx, *page, *res.Page)
	} else if p, err := s.cache.st.PageByTitle(ctx, title); err == nil {
		// The File page shows the versions in its PageInfo: render it again.
		s.cache.forgetRevisions(ctx, p.LatestRev)
		s.changed([]string{title})
	}
	if err := s.FileChanged(ctx, up.Version.Name); err != nil {
		s.cache.log.Warn("re-rendering the pages that embed a file failed", "file", up.Version.Name, "err", err)
	}
	return res, nil
}
