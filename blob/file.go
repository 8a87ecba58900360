package blob

// FileInfo is an uploaded file's current version, as pages embedding it need it.
type FileInfo struct {
	Name   string `json:"name"`
	SHA    string `json:"sha"`
	Size   int64  `json:"size"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Mime   string `json:"mime"`
}
