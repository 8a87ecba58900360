package skin

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/foliowiki/folio/pageinfo/markdown/highlight/style"
)

// Asset is a static file, served at /static/<hash>/<file> with
// Cache-Control "public, max-age=31536000, immutable": the hash changes
// whenever the file (or any file of its skin) does.
type Asset struct {
	Body        []byte
	ContentType string
	ETag        string // strong, quoted: the hash of Body

	enc *encodedBodies // nil: not compressible (see Encode)
}

// HighlightFile is the generated stylesheet for code highlighted by chroma
// (style.CSS), light and dark, shared by every skin: ViewData
// links it on pages whose PageInfo needs it.
const HighlightFile = "highlight.css"

// assetKey is how Set.assets is keyed.
func assetKey(hash, file string) string { return hash + "/" + file }

// staticURL is the URL of file under hash.
func staticURL(hash, file string) string { return "/static/" + hash + "/" + file }

// fingerprint is a short content hash: 16 hex digits of SHA-256.
func fingerprint(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

func newAsset(name string, body []byte) Asset {
	return Asset{Body: body, ContentType: contentType(name, body), ETag: `"` + fingerprint(body) + `"`}
}

// contentTypes are the types of the files skins ship; others go through
// mime and content sniffing.
var contentTypes = map[string]string{
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/vnd.microsoft.icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
}

func contentType(name string, body []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return http.DetectContentType(body)
}

// staticNameRE is what a static file's path may look like: safe in a URL
// as it is, and a valid router "file" parameter.
var staticNameRE = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$`)

// highlightCSS is the generated highlight stylesheet, built once.
var highlightCSS = sync.OnceValue(func() []byte { return []byte(themedHighlightCSS(style.CSS())) })

// darkMedia opens the dark half of style.CSS.
const darkMedia = "@media (prefers-color-scheme: dark) {\n"

// themedHighlightCSS makes chroma's stylesheet follow the page's theme
// rather than only the system's: its dark rules apply under
// html[data-theme=dark], and under prefers-color-scheme: dark unless
// html[data-theme=light]. CSS it does not recognize is returned as it is.
func themedHighlightCSS(css string) string {
	light, dark, ok := strings.Cut(css, darkMedia)
	if !ok {
		return css
	}
	dark = strings.TrimSuffix(strings.TrimSpace(dark), "}")
	var b strings.Builder
	b.WriteString(light)
	dark += unsetColours(light, dark)
	b.WriteString("/* dark theme, chosen */\n")
	writeScoped(&b, dark, `:root[data-theme="dark"]`)
	b.WriteString("/* dark theme, from the system */\n")
	b.WriteString(darkMedia)
	writeScoped(&b, dark, `:root:not([data-theme="light"])`)
	b.WriteString("}\n")
	return b.String()
}

// unsetColours returns rules that reset, in the dark theme, the colour of
// each selector the light theme colours and the dark one does not (chroma's
// github sets .nx, github-dark leaves it to the block's text colour): else
// the light colour shows on the dark background.
func unsetColours(light, dark string) string {
	colours := func(css string) map[string]bool {
		m := map[string]bool{}
		for line := range strings.Lines(css) {
			if i := strings.Index(line, "*/"); strings.HasPrefix(strings.TrimSpace(line), "/*") && i >= 0 {
				line = line[i+2:]
			}
			sel, decl, ok := strings.Cut(line, "{")
			if ok && strings.Contains(decl, " color:") || ok && strings.HasPrefix(strings.TrimSpace(decl), "color:") {
				m[strings.TrimSpace(sel)] = true
			}
		}
		return m
	}
	l, d := colours(light), colours(dark)
	var sels []string
	for sel := range l {
		if !d[sel] && strings.HasPrefix(sel, ".chroma .") {
			sels = append(sels, sel)
		}
	}
	slices.Sort(sels)
	var b strings.Builder
	for _, sel := range sels {
		b.WriteString(sel + " { color: inherit }\n")
	}
	return b.String()
}

// writeScoped writes the rules of css (one per line, as chroma writes
// them) with each selector prefixed by scope.
func writeScoped(b *strings.Builder, css, scope string) {
	for line := range strings.Lines(css) {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "*/"); strings.HasPrefix(line, "/*") && i >= 0 {
			line = strings.TrimSpace(line[i+2:])
		}
		sel, decl, ok := strings.Cut(line, "{")
		if !ok {
			continue
		}
		sels := strings.Split(sel, ",")
		for i, s := range sels {
			sels[i] = scope + " " + strings.TrimSpace(s)
		}
		b.WriteString(strings.Join(sels, ", ") + " {" + decl + "\n")
	}
}
