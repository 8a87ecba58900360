package blob

// FileInfo is the current version of an uploaded file, as a page that
// embeds it or the File page that shows it needs it: its name (the File
// page's title without the namespace), the SHA-256 of its bytes (hex, the
// key of its URL), its size, pixel dimensions (0 for what is not an image)
// and media type.
type FileInfo struct {
	Name   string
	SHA    string
	Size   int64
	Width  int
	Height int
	Mime   string
}
