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

// ErrFileMove is the error of a File page with a file moved out of the
// File namespace, or onto another file's name.
var ErrFileMove = errors.New("a file's page moves only to a free name in the File namespace")

// movingFile returns the name of the file whose File page from is, when
// it has one ("" otherwise), after checking that to can take it: a title
// in the File namespace that no file has.
func (s *Saver) movingFile(ctx context.Context, from, to string) (string, error) {
	name, ok := router.CutNamespace(from, router.FileNamespace)
	files, isFiles := s.revs.(store.Files)
	if !ok || !isFiles {
		return "", nil
	}
	if _, err := files.File(ctx, name); errors.Is(err, store.ErrNotFound) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("move %q: %w", from, err)
	}
	toName, ok := router.CutNamespace(to, router.FileNamespace)
	if !ok {
		return "", fmt.Errorf("move %q to %q: %w", from, to, ErrFileMove)
	}
	if _, err := files.File(ctx, toName); err == nil {
		return "", fmt.Errorf("move %q to %q: File:%s exists: %w", from, to, toName, ErrFileMove)
	}
	return name, nil
}

// moveFile renames the file of a moved File page (its blobs stay where
// they are: their URLs name their hash). A failure is logged: the page
// moved, and the file keeps its old name until it is moved again.
func (s *Saver) moveFile(ctx context.Context, name, to string) {
	if name == "" {
		return
	}
	toName, _ := router.CutNamespace(to, router.FileNamespace)
	if err := s.revs.(store.Files).RenameFile(ctx, name, toName); err != nil {
		s.cache.log.Error("pageinfo: renaming the file of a moved File page failed", "file", name, "to", toName, "err", err)
		return
	}
	if err := s.FileChanged(ctx, name); err != nil {
		s.cache.log.Warn("re-rendering the pages that embed a file failed", "file", name, "err", err)
	}
}

// fileDeleted hides or shows again the file of the File page title, just
// deleted or undeleted, and re-renders the pages that embed it. A title
// without a file is left alone; a failure is logged (the page action
// stands).
func (s *Saver) fileDeleted(ctx context.Context, title string, deleted bool) {
	name, ok := router.CutNamespace(title, router.FileNamespace)
	files, isFiles := s.revs.(store.Files)
	if !ok || !isFiles {
		return
	}
	err := files.SetFileDeleted(ctx, name, deleted)
	if errors.Is(err, store.ErrNotFound) {
		return
	}
	if err != nil {
		s.cache.log.Error("pageinfo: hiding or showing the file of a File page failed", "file", name, "deleted", deleted, "err", err)
		return
	}
	if err := s.FileChanged(ctx, name); err != nil {
		s.cache.log.Warn("re-rendering the pages that embed a file failed", "file", name, "err", err)
	}
}
