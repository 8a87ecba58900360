package server_test

import (
	"context"
	"encoding/base64"
	"image/color"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/foliowiki/folio/internal/browsertest"
)

// TestBrowserSVGScriptDoesNotRun opens an uploaded SVG that holds a script
// at its own URL in Chromium: the script does not run. The same SVG served
// without Folio's headers runs it, so the check would see a script that ran.
func TestBrowserSVGScriptDoesNotRun(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	token, err := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">` +
		`<script>document.documentElement.setAttribute("data-ran", "yes");` +
		`try { parent.document.documentElement.setAttribute("data-ran", "yes") } catch (e) {}</script>` +
		`<rect width="100" height="100" fill="red"/></svg>`)
	if rec := apiUpload(t, srv, token, "Evil.svg", svg); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	mux := http.NewServeMux()
	mux.Handle("/", srv)
	mux.HandleFunc("/plain.svg", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Write(svg)
	})
	hs := httptest.NewServer(mux)
	defer hs.Close()
	b := browsertest.New(t)

	ran := func(path string) string {
		b.Navigate(hs.URL + path)
		var v string
		b.Eval(`document.documentElement.getAttribute("data-ran") || ""`, &v)
		return v
	}
	if got := ran("/plain.svg"); got != "yes" {
		t.Fatalf("the control SVG's script did not run (%q): the check sees nothing", got)
	}
	if got := ran(srv.Routes.Path("file.original", "sha", shaOf(svg), "name", "Evil.svg")); got != "" {
		t.Errorf("the uploaded SVG's script ran at its URL")
	}

	// Embedded in a page, the SVG shows as an image and its script does
	// not run there either.
	saveAs(t, srv, "Gallery", "Alice", "[[File:Evil.svg|thumb|100px|Evil]]\n", "")
	if got := ran("/wiki/Gallery"); got != "" {
		t.Errorf("the embedded SVG's script ran in the page")
	}
	var shown bool
	b.Eval(`(async () => { const img = document.querySelector("figure.thumb img");
		if (!img) return false; await img.decode().catch(() => {}); return img.complete && img.naturalWidth > 0 })()`, &shown)
	if !shown {
		var html string
		b.Eval(`document.querySelector("figure") ? document.querySelector("figure").outerHTML : document.body.innerHTML.slice(0, 3000)`, &html)
		t.Errorf("the embedded SVG is not shown as an image: %s", html)
	}
}

// TestBrowserDropUpload drops a PNG on the editor's text in Chromium: it
// is uploaded through the upload form and linked where it fell.
func TestBrowserDropUpload(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	session, err := srv.Users.OpenSession(t.Context(), alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	img := pngOf(t, 40, 20, color.Black)
	b := browsertest.New(t)
	b.SetCookie(hs.URL, "folio_session", session)
	b.Navigate(hs.URL + srv.Routes.Path("page.edit", "title", "Gallery"))
	b.WaitFor(`document.querySelector("form.edit.editor-ready") !== null`)
	b.Eval(`(() => {
		const bytes = Uint8Array.from(atob("`+base64.StdEncoding.EncodeToString(img)+`"), (c) => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], "dropped cat.png", {type: "image/png"}));
		const area = document.querySelector("textarea[name=text]");
		area.value = "Before ";
		area.setSelectionRange(7, 7);
		area.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`, new(bool))
	b.WaitFor(`document.querySelector("textarea[name=text]").value.includes("]]")`)
	var text string
	b.Eval(`document.querySelector("textarea[name=text]").value`, &text)
	if text != "Before [[File:Dropped cat.png]]" {
		t.Errorf("text after the drop = %q", text)
	}
	f, err := srv.Store.File(context.Background(), "Dropped_cat.png")
	if err != nil || f.Current.SHA != shaOf(img) || f.Current.UserName != "Alice" {
		t.Fatalf("the dropped file was not uploaded: %+v, %v", f, err)
	}
	b.CheckClean()
}
