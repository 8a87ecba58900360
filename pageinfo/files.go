package pageinfo

import (
	"context"
	"fmt"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/pageinfo/markdown"
)

// FileLookup finds uploaded files by name (without "File:", in DB-key
// form): the current version of each that exists. The store implements it.
type FileLookup interface {
	FilesByName(ctx context.Context, names []string) (map[string]blob.FileInfo, error)
}

// lookupFiles gives doc the files it embeds that exist, in one query.
func (b *builder) lookupFiles(ctx context.Context, doc *markdown.Parsed) error {
	names := doc.FileNames()
	if b.files == nil || len(names) == 0 {
		return nil
	}
	files, err := b.files.FilesByName(ctx, names)
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	doc.SetFiles(files)
	return nil
}
