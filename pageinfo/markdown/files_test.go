package markdown

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/blob"
	"github.com/foliowiki/folio/router"
)

// fileRenderer has fake file URLs: /files/SHA/NAME and
// /files/SHA/Wpx-NAME, and the upload form at /up?wpDestFile=NAME.
var fileRenderer = New(Default, Options{
	NormalizeTitle: router.NormalizeTitle,
	TitleURL:       router.TitleURL,
	EditURL:        func(t string) string { return "/-/edit/" + router.EscapeTitle(t) },
	FileURL: func(sha, name string, width int) string {
		if width == 0 {
			return "/files/" + sha + "/" + url.PathEscape(name)
		}
		return "/files/" + sha + "/" + strconv.Itoa(width) + "px-" + url.PathEscape(name)
	},
	UploadURL: func(name string) string { return "/up?wpDestFile=" + url.QueryEscape(name) },
})

var testFiles = map[string]blob.FileInfo{
	"Cat.png":   {Name: "Cat.png", SHA: "abc", Size: 1000, Width: 1000, Height: 800, Mime: "image/png"},
	"Small.gif": {Name: "Small.gif", SHA: "def", Size: 10, Width: 100, Height: 50, Mime: "image/gif"},
	"Doc.pdf":   {Name: "Doc.pdf", SHA: "123", Size: 5000, Mime: "application/pdf"},
}

func renderFiles(t *testing.T, r *Renderer, src string) Result {
	t.Helper()
	res, err := r.Render([]byte(src), DocContext{Title: "Page", Exists: existing, CanCreate: true, Files: testFiles})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestFileEmbeds(t *testing.T) {
	const img250 = `<img src="/files/abc/250px-Cat.png" alt="%s" width="250" height="200" srcset="/files/abc/400px-Cat.png 1.5x, /files/abc/800px-Cat.png 2x" loading="lazy" decoding="async"/>`
	for _, c := range []struct{ src, want string }{
		// A thumb: a figure at the default width, right, with its caption.
		{"[[File:Cat.png|thumb|A cat]]", `<figure class="thumb tright"><a class="image" href="/wiki/File:Cat.png">` +
			strings.Replace(img250, "%s", "A cat", 1) + `</a><figcaption>A cat</figcaption></figure>`},
		// Image: is File:, the name is normalized, the width snaps up to the ladder.
		{"[[image:cat.png|thumb|300px|left|alt=Tabby|Caption <b>]]", `<figure class="thumb tleft"><a class="image" href="/wiki/File:Cat.png"><img src="/files/abc/400px-Cat.png" alt="Tabby" width="300" height="240" srcset="/files/abc/800px-Cat.png 1.5x" loading="lazy" decoding="async"/></a><figcaption>Caption &lt;b&gt;</figcaption></figure>`},
		// Plain: natural size, the original, no srcset; inline in its paragraph.
		{"Look [[File:Small.gif]] here", `<p>Look <a class="image" href="/wiki/File:Small.gif"><img src="/files/def/Small.gif" alt="Small.gif" width="100" height="50" loading="lazy" decoding="async"/></a> here</p>`},
		// Never upscaled.
		{"[[File:Small.gif|500px]]", `<p><a class="image" href="/wiki/File:Small.gif"><img src="/files/def/Small.gif" alt="Small.gif" width="100" height="50" loading="lazy" decoding="async"/></a></p>`},
		// Frameless, centered, a box, link= to a page, a caption as title.
		{"[[File:Cat.png|frameless|center|x100px|link=Foo#Sec|Hi]]", `<p><span class="center"><a class="image" href="/wiki/Foo#sec" title="Hi"><img src="/files/abc/250px-Cat.png" alt="Hi" width="125" height="100" loading="lazy" decoding="async"/></a></span></p>`},
		// link= alone: no link; right float.
		{"[[File:Cat.png|120px|right|link=]]", `<p><span class="floatright"><img src="/files/abc/120px-Cat.png" alt="Cat.png" width="120" height="96" srcset="/files/abc/250px-Cat.png 1.5x" loading="lazy" decoding="async"/></span></p>`},
		// A missing file: a red link to the upload form, the caption kept.
		{"[[File:Gone.png|thumb|Lost]]", `<figure class="thumb tright"><a class="new" href="/up?wpDestFile=Gone.png" title="File:Gone.png">File:Gone.png</a><figcaption>Lost</figcaption></figure>`},
		// A non-image file: a link to its File page.
		{"[[File:Doc.pdf]]", `<p><a href="/wiki/File:Doc.pdf" title="File:Doc.pdf">Doc.pdf</a></p>`},
		// Media: the bytes.
		{"[[Media:Doc.pdf|the doc]] [[Media:Nope.pdf]]", `<p><a class="internal" href="/files/123/Doc.pdf" title="Doc.pdf">the doc</a> <a class="new" href="/up?wpDestFile=Nope.pdf" title="File:Nope.pdf">File:Nope.pdf</a></p>`},
		// A leading colon links to the File page, a wiki link.
		{"[[:File:Cat.png]]", `<p><a class="new" href="/-/edit/File:Cat.png" title="File:Cat.png (page does not exist)">File:Cat.png</a></p>`},
		// Markdown's image syntax: inline, the original, natural size.
		{"![A cat](File:Cat.png)", `<p><a class="image" href="/wiki/File:Cat.png"><img src="/files/abc/Cat.png" alt="A cat" width="1000" height="800" loading="lazy" decoding="async"/></a></p>`},
		// Frame: natural size; external link=.
		{"[[File:Small.gif|frame|link=https://example.org/|C]]", `<figure class="thumb tright"><a class="external image" href="https://example.org/" rel="nofollow"><img src="/files/def/Small.gif" alt="C" width="100" height="50" loading="lazy" decoding="async"/></a><figcaption>C</figcaption></figure>`},
	} {
		res := renderFiles(t, fileRenderer, c.src)
		if got := strings.TrimSpace(res.HTML); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

func TestFileEmbedNames(t *testing.T) {
	res := renderFiles(t, fileRenderer, "[[File:Cat.png]] [[Image:Gone.png|thumb|x]] [[Media:Doc.pdf]] [[:File:Linked.png]] ![a](File:Cat.png) [[File:Cat.png|thumb]] [[Foo]]")
	if got, want := strings.Join(res.Files, " "), "Cat.png Gone.png Doc.pdf"; got != want {
		t.Errorf("Files = %q, want %q", got, want)
	}
	if got, want := strings.Join(res.Links, " "), "File:Linked.png Foo"; got != want {
		t.Errorf("Links = %q, want %q (embeds are not page links)", got, want)
	}
}

// TestFileEmbedNoURLs: without FileURL and UploadURL (the routes are not
// declared) every embed is a red link to the File page, never an image.
func TestFileEmbedNoURLs(t *testing.T) {
	res := renderFiles(t, testRenderer, "[[File:Cat.png|thumb|Cap]] ![a](File:Cat.png) [[Media:Doc.pdf]]")
	want := `<figure class="thumb tright"><a class="new" href="/wiki/File:Cat.png" title="File:Cat.png">File:Cat.png</a><figcaption>Cap</figcaption></figure>`
	if !strings.Contains(res.HTML, want) || strings.Contains(res.HTML, "<img") {
		t.Errorf("got %s\nwant it to hold %s and no image", res.HTML, want)
	}
}

// TestFileEmbedFigureInText: a thumb amid text still makes valid HTML.
func TestFileEmbedFigureInText(t *testing.T) {
	res := renderFiles(t, fileRenderer, "Before [[File:Cat.png|thumb|C]] after")
	if strings.Contains(res.HTML, "<p><figure") || !strings.Contains(res.HTML, `<figure class="thumb tright">`) {
		t.Errorf("got %s", res.HTML)
	}
}

// TestSrcsetSanitized: raw HTML may not put other URLs in a srcset, nor
// sizes out of range.
func TestSrcsetSanitized(t *testing.T) {
	for src, want := range map[string]string{
		`<img src="/x.png" srcset="https://evil.example/a.png 2x" width="9" loading="eager">`: `<img src="/x.png" width="9"/>`,
		`<img src="/x.png" srcset="/files/a/b.png 2x, //evil/c 3x" height="1e9">`:             `<img src="/x.png"/>`,
		`<img src="/x.png" srcset="/files/a/250px-b,c.png 1.5x" decoding="async">`:            `<img src="/x.png" srcset="/files/a/250px-b,c.png 1.5x" decoding="async"/>`,
	} {
		res := renderFiles(t, fileRenderer, src)
		if got := strings.TrimSpace(res.HTML); got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
}

// TestFileEmbedNoThumbnails: with the originals' route but no thumbnails'
// the image is the original, at the size asked for.
func TestFileEmbedNoThumbnails(t *testing.T) {
	r := New(Default, Options{
		NormalizeTitle: router.NormalizeTitle,
		TitleURL:       router.TitleURL,
		FileURL: func(sha, name string, width int) string {
			if width > 0 {
				return ""
			}
			return "/files/" + sha + "/" + name
		},
	})
	res := renderFiles(t, r, "[[File:Cat.png|thumb|C]]")
	want := `<img src="/files/abc/Cat.png" alt="C" width="250" height="200" loading="lazy" decoding="async"/>`
	if !strings.Contains(res.HTML, want) {
		t.Errorf("got %s\nwant it to hold %s", res.HTML, want)
	}
}
