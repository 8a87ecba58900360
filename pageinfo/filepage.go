package pageinfo

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/foliowiki/folio/internal/media"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// File pages. The PageInfo of a page in the File namespace whose file
// exists shows the file above the description (a preview sized from the
// thumbnail ladder, linking to the original, and a line of facts) and its
// upload history below it, then its "File usage" (the pages embedding
// it, MaxFileUsage at most), in the HTML itself: the view stays a page
// view on the fast path, with nothing read at view time. Every upload
// drops the File page's current PageInfo (Saver.Upload), and so does every
// change to the pages embedding the file (Saver.listsChanged, as a
// category page's members), so the next view renders these again.

// MaxFileUsage bounds the pages a File page's usage section lists, as
// MediaWiki's File pages do (100); beyond it, the section says there are
// more.
const MaxFileUsage = 100

// previewWidth is the widest preview a File page shows, as MediaWiki's
// default 800 px.
const previewWidth = 800

// filePage adds the file's preview and history to pi, a File page's
// PageInfo; a title without a file is left as it is.
func (b *builder) filePage(ctx context.Context, pi *PageInfo) error {
	name, ok := router.CutNamespace(pi.Title, router.FileNamespace)
	files, isFiles := b.st.(interface {
		store.Files
		store.FileLinks
	})
	if !ok || !isFiles {
		return nil
	}
	f, err := files.File(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("pageinfo: file of %q: %w", pi.Title, err)
	}
	versions, err := files.FileVersions(ctx, name)
	if err != nil {
		return fmt.Errorf("pageinfo: versions of %q: %w", pi.Title, err)
	}
	using, err := files.PagesEmbedding(ctx, name, MaxFileUsage+1)
	if err != nil {
		return fmt.Errorf("pageinfo: pages using %q: %w", pi.Title, err)
	}
	head := filePreview(f.Current)
	pi.HTML = head + pi.HTML + fileHistory(versions) + fileUsage(using)
	for i := range pi.Sections {
		pi.Sections[i].Start += len(head)
		pi.Sections[i].End += len(head)
	}
	return nil
}

// FileURL is the path of a version's bytes.
func FileURL(v store.FileVersion) string {
	return router.Default().Path("file.original", "sha", v.SHA, "name", v.Name)
}

// filePreview is the preview and facts line above the description.
func filePreview(v store.FileVersion) string {
	orig := html.EscapeString(FileURL(v))
	var b strings.Builder
	b.WriteString(`<div class="file-preview">`)
	t, _ := media.ByMime(v.Mime)
	switch {
	case t.Raster && v.Width > 0:
		w, h, src := v.Width, v.Height, FileURL(v)
		if v.Width > previewWidth {
			w, h = previewWidth, max(1, v.Height*previewWidth/v.Width)
			src = router.Default().Path("file.thumb", "sha", v.SHA, "width", strconv.Itoa(previewWidth), "name", v.Name)
		}
		fmt.Fprintf(&b, `<a href="%s"><img src="%s" width="%d" height="%d" alt="%s"></a>`,
			orig, html.EscapeString(src), w, h, html.EscapeString(router.DisplayTitle(v.Name)))
	case t.Image:
		fmt.Fprintf(&b, `<a href="%s"><img src="%s" alt="%s" style="max-width:100%%"></a>`,
			orig, orig, html.EscapeString(router.DisplayTitle(v.Name)))
	}
	fmt.Fprintf(&b, `<p class="file-facts"><a href="%s">%s</a> (%s%s, MIME type: %s)</p></div>`,
		orig, html.EscapeString(router.DisplayTitle(v.Name)), dimensions(v, " pixels, file size: "), humanSize(v.Size), html.EscapeString(v.Mime))
	return b.String()
}

func dimensions(v store.FileVersion, after string) string {
	if v.Width == 0 {
		return ""
	}
	return fmt.Sprintf("%d × %d%s", v.Width, v.Height, after)
}

// humanSize is n bytes as MediaWiki shows it: "12 KB", "3.4 MB".
func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// fileHistory is the upload history table: every version, newest first,
// each linking to its bytes, with a revert link on the older ones (the
// upload form checks the reupload right).
func fileHistory(vs []store.FileVersion) string {
	var b strings.Builder
	b.WriteString(`<h2 id="filehistory">File history</h2><table class="filehistory"><thead><tr>` +
		`<th scope="col">Version</th><th scope="col">Date/Time</th><th scope="col">Dimensions</th><th scope="col">Size</th>` +
		`<th scope="col">User</th><th scope="col">Comment</th></tr></thead><tbody>`)
	for i, v := range vs {
		state := "current"
		if i > 0 {
			q := url.Values{"name": {v.Name}, "revert": {strconv.FormatInt(v.ID, 10)}}
			state = `<a href="` + html.EscapeString(router.Default().Path("file.upload")+"?"+q.Encode()) + `">revert</a>`
		}
		dims := dimensions(v, "")
		if dims == "" {
			dims = "—"
		}
		fmt.Fprintf(&b, `<tr><td>%s</td><td><a href="%s">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
			state, html.EscapeString(FileURL(v)), v.Timestamp.UTC().Format("2006-01-02 15:04 MST"), dims, humanSize(v.Size),
			html.EscapeString(v.UserName), html.EscapeString(v.Comment))
	}
	b.WriteString(`</tbody></table>`)
	return b.String()
}

// fileUsage is the "File usage" section: the pages embedding the file (by
// title, MaxFileUsage at most; using holds one more when there are more),
// as MediaWiki's.
func fileUsage(using []string) string {
	var b strings.Builder
	b.WriteString(`<h2 id="filelinks">File usage</h2><div id="mw-imagepage-section-linkstoimage">`)
	switch n := len(using); {
	case n == 0:
		b.WriteString(`<p id="mw-imagepage-nolinkstoimage">There are no pages that use this file.</p></div>`)
		return b.String()
	case n > MaxFileUsage:
		using = using[:MaxFileUsage]
		fmt.Fprintf(&b, `<p>More than %d pages use this file. The following list shows the first %d pages only.</p>`, MaxFileUsage, MaxFileUsage)
	case n == 1:
		b.WriteString(`<p>The following page uses this file:</p>`)
	default:
		fmt.Fprintf(&b, `<p>The following %d pages use this file:</p>`, n)
	}
	b.WriteString(`<ul class="mw-imagepage-linkstoimage">`)
	for _, t := range using {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, html.EscapeString(router.TitleURL(t)), html.EscapeString(router.DisplayTitle(t)))
	}
	b.WriteString(`</ul></div>`)
	return b.String()
}
