package blob

// FileInfo is the current version of an uploaded file, as a page that
// embeds it or the File page that shows it needs it: its name (the File
// page's title without the namespace, in DB-key form), the SHA-256 of its
// bytes (hex, the key of its URL), its size, pixel dimensions (0 for what
// is not an image) and media type.
type FileInfo struct {
	Name   string `json:"name"`
	SHA    string `json:"sha"`
	Size   int64  `json:"size"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Mime   string `json:"mime"`
}
