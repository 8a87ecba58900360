package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/foliowiki/folio/internal/config"
	"github.com/foliowiki/folio/pageinfo"
)

// pngOf encodes a w × h PNG whose first pixel row is c.
func pngOf(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, 0, c)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG is a valid PNG header claiming w × h pixels and no pixel data:
// 57 bytes that would decode into w·h·4 bytes.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// upload posts the upload form as c, with its CSRF token.
func (c *client) upload(filename string, data []byte, fields ...string) *httptest.ResponseRecorder {
	c.t.Helper()
	token := c.csrf("/-/upload")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", token)
	for i := 0; i+1 < len(fields); i += 2 {
		mw.WriteField(fields[i], fields[i+1])
	}
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(data)
	mw.Close()
	req := httptest.NewRequest("POST", "/-/upload", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.RemoteAddr = c.addr
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)
	return rec
}

// apiUpload posts data as the body of POST /api/v1/files/name.
func apiUpload(t *testing.T, h http.Handler, token, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("POST", "/api/v1/files/"+name, bytes.NewReader(data))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestUploadServeThumbnail(t *testing.T) {
	srv, _ := newServer(t)
	createUser(t, srv, "Alice")
	c := newClient(t, srv)
	c.mustLogin("Alice")

	form := c.do("GET", "/-/upload?name=Red+cat.png", nil)
	if form.Code != 200 || !strings.Contains(form.Body.String(), `value="Red cat.png"`) || !strings.Contains(form.Body.String(), `enctype="multipart/form-data"`) {
		t.Fatalf("upload form = %d, want the name filled in\n%s", form.Code, form.Body.String())
	}
	img := pngOf(t, 1000, 500, color.RGBA{R: 255, A: 255})
	rec := c.upload("cat photo.png", img, "name", "image:red cat.png", "description", "A **red** cat.", "comment", "first")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/wiki/File:Red_cat.png" {
		t.Fatalf("upload = %d %q, want 303 to the File page\n%s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	sha := shaOf(img)
	page := c.do("GET", "/wiki/File:Red_cat.png", nil)
	body := page.Body.String()
	preview := `<img src="` + srv.Routes.Path("file.thumb", "sha", sha, "width", "800", "name", "Red_cat.png") + `" width="800" height="400"`
	if page.Code != 200 || !strings.Contains(body, "<strong>red</strong> cat") || !strings.Contains(body, preview) ||
		!strings.Contains(body, "1000 × 500 pixels") || strings.Count(body, "<tr><td>current</td>") != 1 || !strings.Contains(body, "<td>first</td>") {
		t.Fatalf("File page = %d, want the preview, the description and one version\n%s", page.Code, body)
	}
	if i, j := strings.Index(body, preview), strings.Index(body, "<strong>red</strong>"); i > j {
		t.Error("the preview is not above the description")
	}

	orig := srv.Routes.Path("file.original", "sha", sha, "name", "Red_cat.png")
	rec = get(t, srv, "GET", orig)
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Fatalf("GET %s = %d, %d bytes; want the upload's %d", orig, rec.Code, rec.Body.Len(), len(img))
	}
	h := rec.Header()
	if h.Get("Content-Type") != "image/png" || h.Get("X-Content-Type-Options") != "nosniff" ||
		h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("ETag") != `"`+sha+`"` || h.Get("Content-Disposition") != "" {
		t.Fatalf("original's headers: %v", h)
	}
	if rec := get(t, srv, "GET", orig, "If-None-Match", `"`+sha+`"`); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match = %d, want 304", rec.Code)
	}
	if rec := get(t, srv, "GET", orig, "Range", "bytes=0-7"); rec.Code != http.StatusPartialContent || rec.Body.String() != "\x89PNG\r\n\x1a\n" {
		t.Errorf("Range = %d %q, want 206 and the PNG signature", rec.Code, rec.Body.String())
	}

	thumb := srv.Routes.Path("file.thumb", "sha", sha, "width", "250", "name", "Red_cat.png")
	for i := range 2 { // made, then read from the blob store
		rec = get(t, srv, "GET", thumb)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" || rec.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("thumbnail #%d = %d %v", i, rec.Code, rec.Header())
		}
		th, err := png.Decode(bytes.NewReader(rec.Body.Bytes()))
		if err != nil || th.Bounds().Dx() != 250 || th.Bounds().Dy() != 125 {
			t.Fatalf("thumbnail #%d: %v, %v; want 250 × 125", i, th.Bounds(), err)
		}
	}
	for _, bad := range []string{
		srv.Routes.Path("file.thumb", "sha", sha, "width", "251", "name", "Red_cat.png"),
		srv.Routes.Path("file.original", "sha", shaOf([]byte("nothing")), "name", "Red_cat.png"),
		srv.Routes.Path("file.original", "sha", "not-a-sha", "name", "Red_cat.png"),
	} {
		if rec := get(t, srv, "GET", bad); rec.Code != http.StatusNotFound || rec.Header().Get("Cache-Control") == "public, max-age=31536000, immutable" {
			t.Errorf("GET %s = %d %q, want an uncached 404", bad, rec.Code, rec.Header().Get("Cache-Control"))
		}
	}

	// A new version, through the API: the File page keeps its text.
	alice, _ := srv.Store.UserByName(context.Background(), "Alice")
	token, err := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	img2 := pngOf(t, 300, 300, color.RGBA{B: 255, A: 255})
	if rec := apiUpload(t, srv, token, "Red_cat.png?comment=bluer", img2); rec.Code != http.StatusCreated || !strings.Contains(rec.Body.String(), shaOf(img2)) {
		t.Fatalf("API upload = %d %s", rec.Code, rec.Body.String())
	}
	f, err := srv.Store.File(context.Background(), "Red_cat.png")
	if err != nil || f.Current.SHA != shaOf(img2) || f.Current.Width != 300 || f.Current.Comment != "bluer" {
		t.Fatalf("current version = %+v, %v", f.Current, err)
	}
	if vs, _ := srv.Store.FileVersions(context.Background(), "Red_cat.png"); len(vs) != 2 {
		t.Fatalf("%d versions, want 2", len(vs))
	}
	if rec := get(t, srv, "GET", orig); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Errorf("the old version's URL stops serving its bytes: %d", rec.Code)
	}
	body = c.do("GET", "/wiki/File:Red_cat.png", nil).Body.String()
	if !strings.Contains(body, "300 × 300 pixels") || !strings.Contains(body, "<td>bluer</td>") || !strings.Contains(body, ">revert</a>") ||
		!strings.Contains(body, "<strong>red</strong> cat") {
		t.Fatalf("File page after a new version: want its facts, two versions and the description\n%s", body)
	}

	// Revert to the first version: a third version with its bytes.
	vs, _ := srv.Store.FileVersions(context.Background(), "Red_cat.png")
	revert := "/-/upload?name=Red_cat.png&revert=" + strconv.FormatInt(vs[1].ID, 10)
	token2 := c.csrf(revert)
	if rec := c.do("POST", revert, url.Values{"csrf": {token2}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("revert = %d\n%s", rec.Code, rec.Body.String())
	}
	if f, _ := srv.Store.File(context.Background(), "Red_cat.png"); f.Current.SHA != sha || !strings.HasPrefix(f.Current.Comment, "Reverted") {
		t.Fatalf("after the revert the current version is %+v", f.Current)
	}
	if body := c.do("GET", "/wiki/File:Red_cat.png", nil).Body.String(); strings.Count(body, ">revert</a>") != 2 || !strings.Contains(body, "1000 × 500 pixels") {
		t.Errorf("File page after the revert: want three versions\n%s", body)
	}
}

func TestUploadRefusals(t *testing.T) {
	cfg := config.Default()
	st := newServerStore(t)
	srv := newServerOn(t, st, cfg)
	alice := createUser(t, srv, "Alice")
	createUser(t, srv, "Bob")
	token, err := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	small := pngOf(t, 10, 10, color.Black)
	if rec := apiUpload(t, srv, "", "Anon.png", small); rec.Code != http.StatusForbidden {
		t.Errorf("anonymous API upload = %d, want 403", rec.Code)
	}
	anon := newClient(t, srv)
	if rec := anon.do("GET", "/-/upload", nil); rec.Code != http.StatusForbidden {
		t.Errorf("anonymous upload form = %d, want 403", rec.Code)
	}

	big := make([]byte, 30<<20)
	copy(big, small)
	rec := apiUpload(t, srv, token, "Big.png", big)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "25 MiB") {
		t.Errorf("30 MiB API upload = %d %s, want 413 naming the limit", rec.Code, rec.Body.String())
	}
	c := newClient(t, srv)
	c.mustLogin("Alice")
	if rec := c.upload("Big.png", big); rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "25 MiB") {
		t.Errorf("30 MiB form upload = %d, want 413 naming the limit", rec.Code)
	}

	bomb := bombPNG(50000, 50000)
	rec = apiUpload(t, srv, token, "Bomb.png", bomb)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "50000") {
		t.Errorf("bomb = %d %s, want 422 naming its size", rec.Code, rec.Body.String())
	}
	if _, err := srv.Store.File(context.Background(), "Bomb.png"); err == nil {
		t.Error("the bomb was recorded")
	}

	for _, tc := range []struct {
		name   string
		data   []byte
		status int
		says   string
	}{
		{"Evil%E2%80%AEgnp.exe.png", small, http.StatusBadRequest, "U+202E"},
		{"Tab%09name.png", small, http.StatusBadRequest, "U+0009"},
		{"Cat.jpg", small, http.StatusUnsupportedMediaType, ".png"},
		{"Tool.exe", []byte("MZ\x90\x00"), http.StatusUnsupportedMediaType, "not allowed"},
		{"Empty.png", nil, http.StatusBadRequest, "empty"},
		{"250px-Cat.png", small, http.StatusBadRequest, "thumbnail"},
	} {
		rec := apiUpload(t, srv, token, tc.name, tc.data)
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.says) {
			t.Errorf("upload %s = %d %s, want %d saying %q", tc.name, rec.Code, rec.Body.String(), tc.status, tc.says)
		}
	}

	// The form keeps what was typed when it refuses the file.
	rec = c.upload("Cat.jpg", small, "description", "My words", "comment", "why")
	if rec.Code != http.StatusUnsupportedMediaType || !strings.Contains(rec.Body.String(), "My words") || !strings.Contains(rec.Body.String(), `value="why"`) {
		t.Errorf("refused form = %d, want 415 with the description and comment kept\n%s", rec.Code, rec.Body.String())
	}

	// Replacing someone else's file needs reupload.
	if rec := apiUpload(t, srv, token, "Shared.png", small); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	bob := newClient(t, srv)
	bob.mustLogin("Bob")
	if rec := bob.upload("Shared.png", pngOf(t, 5, 5, color.White)); rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "reupload") {
		t.Errorf("Bob replacing Alice's file = %d, want 403 naming reupload", rec.Code)
	}
}

func TestSVGServedSandboxed(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice")
	token, _ := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`)
	if rec := apiUpload(t, srv, token, "Evil.svg", svg); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	rec := get(t, srv, "GET", srv.Routes.Path("file.original", "sha", shaOf(svg), "name", "Evil.svg"))
	h := rec.Header()
	if rec.Code != 200 || h.Get("Content-Type") != "image/svg+xml" || h.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.Contains(h.Get("Content-Security-Policy"), "script-src 'none'") || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Fatalf("SVG = %d %v", rec.Code, h)
	}

	txt := []byte("plain words\n")
	if rec := apiUpload(t, srv, token, "Notes.txt", txt); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	rec = get(t, srv, "GET", srv.Routes.Path("file.original", "sha", shaOf(txt), "name", "Notes.txt"))
	if !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Errorf("a text file is not a download: %v", rec.Header())
	}

	pdf := []byte("%PDF-1.4\n%%EOF\n")
	if rec := apiUpload(t, srv, token, "Paper.pdf", pdf); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	rec = get(t, srv, "GET", srv.Routes.Path("file.original", "sha", shaOf(pdf), "name", "Paper.pdf"))
	if h := rec.Header(); h.Get("Content-Type") != "application/pdf" || h.Get("Content-Disposition") != "" || h.Get("Content-Security-Policy") != "" {
		t.Errorf("a PDF is shown inline, without a sandbox (no viewer in one): %v", h)
	}
}

// TestFilesAcrossNodes: on PostgreSQL, a file uploaded through one node is
// served, thumbnail too, by another: the blobs are in the database.
func TestFilesAcrossNodes(t *testing.T) {
	a, b := twoNodes(t)
	alice := createUser(t, a, "Alice")
	token, _ := a.Users.CreateToken(context.Background(), alice.ID, "test")
	img := pngOf(t, 600, 300, color.RGBA{G: 255, A: 255})
	if rec := apiUpload(t, a, token, "Green.png", img); rec.Code != http.StatusCreated {
		t.Fatalf("upload on A = %d %s", rec.Code, rec.Body.String())
	}
	sha := shaOf(img)
	if rec := get(t, b, "GET", b.Routes.Path("file.original", "sha", sha, "name", "Green.png")); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Fatalf("B serves %d, %d bytes", rec.Code, rec.Body.Len())
	}
	rec := get(t, b, "GET", b.Routes.Path("file.thumb", "sha", sha, "width", "120", "name", "Green.png"))
	if th, err := png.Decode(bytes.NewReader(rec.Body.Bytes())); rec.Code != 200 || err != nil || th.Bounds().Dx() != 120 {
		t.Fatalf("B's thumbnail = %d, %v", rec.Code, err)
	}
	if rec := get(t, b, "GET", "/wiki/File:Green.png"); rec.Code != 200 {
		t.Fatalf("B's File page = %d", rec.Code)
	}
}

// TestMoveFilePage: moving a File page renames its file, versions and all;
// the bytes stay at their URL. A File page does not move out of the File
// namespace nor onto another file.
func TestMoveFilePage(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice", "sysop")
	token, _ := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	img := pngOf(t, 20, 20, color.Black)
	for _, name := range []string{"Old.png", "Taken.png"} {
		if rec := apiUpload(t, srv, token, name, img); rec.Code != http.StatusCreated {
			t.Fatalf("upload %s = %d %s", name, rec.Code, rec.Body.String())
		}
	}
	c := newClient(t, srv)
	c.mustLogin("Alice")
	move := func(to string) *httptest.ResponseRecorder {
		p, _ := srv.Store.PageByTitle(context.Background(), "File:Old.png")
		tok := c.csrf("/-/move/File:Old.png")
		return c.do("POST", "/-/move/File:Old.png", url.Values{"csrf": {tok}, "to": {to}, "base": {strconv.FormatInt(p.LatestRev, 10)}, "redirect": {"1"}})
	}
	for _, to := range []string{"Old picture", "File:Taken.png"} {
		if rec := move(to); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "File namespace") {
			t.Errorf("move to %s = %d, want 409\n%s", to, rec.Code, rec.Body.String())
		}
	}
	if rec := move("File:New.png"); rec.Code != http.StatusSeeOther {
		t.Fatalf("move = %d\n%s", rec.Code, rec.Body.String())
	}
	f, err := srv.Store.File(context.Background(), "New.png")
	if err != nil || f.Current.SHA != shaOf(img) {
		t.Fatalf("the file after the move: %+v, %v", f, err)
	}
	if _, err := srv.Store.File(context.Background(), "Old.png"); err == nil {
		t.Error("the old name is still a file")
	}
	if body := c.do("GET", "/wiki/File:New.png", nil).Body.String(); !strings.Contains(body, "20 × 20 pixels") {
		t.Errorf("the moved File page does not show its file\n%s", body)
	}
}

// TestDeleteFilePage: deleting a File page stops its file being served
// (and found); undeleting it brings both back.
func TestDeleteFilePage(t *testing.T) {
	srv, _ := newServer(t)
	alice := createUser(t, srv, "Alice", "sysop")
	token, _ := srv.Users.CreateToken(context.Background(), alice.ID, "test")
	img := pngOf(t, 20, 20, color.White)
	if rec := apiUpload(t, srv, token, "Doomed.png", img); rec.Code != http.StatusCreated {
		t.Fatalf("upload = %d %s", rec.Code, rec.Body.String())
	}
	orig := srv.Routes.Path("file.original", "sha", shaOf(img), "name", "Doomed.png")
	ctx := context.Background()
	if _, err := srv.Saver.Delete(ctx, "File:Doomed.png", pageinfo.Action{UserName: "Alice", Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	if rec := get(t, srv, "GET", orig); rec.Code != http.StatusNotFound {
		t.Errorf("a deleted file is served: %d", rec.Code)
	}
	if got, _ := srv.Store.FilesByName(ctx, []string{"Doomed.png"}); len(got) != 0 {
		t.Errorf("a deleted file is found: %v", got)
	}
	if _, err := srv.Saver.Undelete(ctx, "File:Doomed.png", pageinfo.Action{UserName: "Alice"}); err != nil {
		t.Fatal(err)
	}
	if rec := get(t, srv, "GET", orig); rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), img) {
		t.Errorf("an undeleted file is not served: %d", rec.Code)
	}
	if body := get(t, srv, "GET", "/wiki/File:Doomed.png").Body.String(); !strings.Contains(body, "20 × 20 pixels") {
		t.Errorf("the undeleted File page does not show its file\n%s", body)
	}
}
