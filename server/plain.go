package server

import (
	"bytes"
	"html/template"
	"net/http"
	"strconv"
)

// plainPage is the stand-in page template until the skin framework lands
// (issue 6): every HTML answer goes through it, so swapping in skins touches
// one place.
var plainPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Heading}} – {{.Site}}</title>
{{- if .Description}}
<meta name="description" content="{{.Description}}">{{end}}
{{- if .Canonical}}
<link rel="canonical" href="{{.Canonical}}">{{end}}
</head>
<body>
<header><a href="/wiki/Main_Page">{{.Site}}</a></header>
<main>
<h1>{{.Heading}}</h1>
{{- if .Message}}
<p class="message">{{.Message}}</p>{{end}}
{{- if .Body}}
{{.Body}}{{end}}
{{- if .ErrorID}}
<p class="error-id">Error ID: <code>{{.ErrorID}}</code></p>{{end}}
</main>
{{- if .Footer}}
<footer>{{.Footer}}</footer>{{end}}
</body>
</html>
`))

// plainData is what plainPage shows.
type plainData struct {
	Site        string
	Heading     string
	Canonical   string
	Description string
	Message     string
	Body        template.HTML
	Footer      string
	ErrorID     string
}

// writeHTML renders d with status and returns the bytes written, so callers
// can set Content-Length and ETag.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, d plainData) error {
	var buf bytes.Buffer
	if err := plainPage.Execute(&buf, d); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return nil
	}
	_, err := w.Write(buf.Bytes())
	return err
}
