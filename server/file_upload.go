package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/foliowiki/folio/internal/media"
	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/store"
)

// uploadForm is what the upload form and the API hand to upload.
type uploadForm struct {
	Name        string // as typed: "Cat.png", "File:Cat.png", "Image:cat.png"
	Description string // the File page's text on a first upload
	Comment     string
	Body        []byte
}

// isMultipart reports whether r's body is a multipart form.
func isMultipart(r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return ct == "multipart/form-data"
}

// parseUploadForm parses a multipart form whose body is bounded by
// --max-upload-bytes (and some room for the other fields): a larger one
// is a 413 that names the limit.
func (s *Server) parseUploadForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, s.Config.MaxUploadBytes+64<<10)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return s.tooLarge()
		}
		return errorf(http.StatusBadRequest, "malformed upload form: %v", err)
	}
	return nil
}

func (s *Server) tooLarge() error {
	return errorMsg(http.StatusRequestEntityTooLarge, "upload-too-large", "Max", byteSize(s.Config.MaxUploadBytes))
}

// byteSize spells n bytes for people: "25 MiB", "3.2 KiB", "12 bytes".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// fileName normalizes an upload's target name by the title rules, in the
// File namespace: the name without "File:". Control and bidi-override
// characters and "/" are refused.
func fileName(typed string) (string, error) {
	if i := strings.IndexFunc(typed, func(r rune) bool {
		return unicode.IsControl(r) || bidiControl(r)
	}); i >= 0 {
		return "", errorMsg(http.StatusBadRequest, "upload-name-control", "Char", fmt.Sprintf("U+%04X", []rune(typed[i:])[0]))
	}
	t := strings.TrimSpace(typed)
	if ns, rest, ok := strings.Cut(t, ":"); ok {
		if n, err := router.NormalizeTitle(ns + ":X"); err == nil && router.InNamespace(n, router.FileNamespace) {
			t = rest
		}
	}
	if t == "" {
		return "", errorMsg(http.StatusBadRequest, "upload-no-name")
	}
	if strings.Contains(t, "/") {
		return "", errorMsg(http.StatusBadRequest, "upload-name-slash")
	}
	if _, _, thumb := thumbName(t); thumb {
		return "", errorMsg(http.StatusBadRequest, "upload-name-thumb")
	}
	title, err := router.NormalizeTitle(router.NamespaceTitle(router.FileNamespace, t))
	if err != nil {
		return "", errorf(http.StatusBadRequest, "bad file name %q: %v", typed, err)
	}
	name, ok := router.CutNamespace(title, router.FileNamespace)
	if !ok {
		return "", errorMsg(http.StatusBadRequest, "upload-name-bad", "Name", typed)
	}
	return name, nil
}

// bidiControl reports the Unicode bidi embedding, override and isolate
// controls, which can make a name read as another (evil‮gnp.exe).
func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// upload checks and stores one upload: name, rights, throttle, type (the
// extension allowed and the bytes what it says), pixel size from the
// header (bombs refused), the bytes in the blob store under their
// SHA-256, then the version recorded (with the File page on a first
// upload).
func (s *Server) upload(r *http.Request, f uploadForm) (store.UploadResult, error) {
	ctx, u := r.Context(), userOf(r)
	name, err := fileName(f.Name)
	if err != nil {
		return store.UploadResult{}, err
	}
	if int64(len(f.Body)) > s.Config.MaxUploadBytes {
		return store.UploadResult{}, s.tooLarge()
	}
	if len(f.Body) == 0 {
		return store.UploadResult{}, errorMsg(http.StatusBadRequest, "upload-empty")
	}
	allowed, err := media.ParseAllowed(s.Config.UploadTypes)
	if err != nil {
		return store.UploadResult{}, err
	}
	t, err := allowed.Check(name, f.Body[:min(len(f.Body), 512)])
	if err != nil {
		return store.UploadResult{}, errorf(http.StatusUnsupportedMediaType, "%s", capitalize(err.Error()))
	}
	width, height, err := media.Dimensions(t, bytes.NewReader(f.Body))
	if err != nil {
		return store.UploadResult{}, errorf(http.StatusUnprocessableEntity, "%s", capitalize(err.Error()))
	}
	if err := s.mayReplace(r, name); err != nil {
		return store.UploadResult{}, err
	}
	if !s.uploads.allow(u.Name, time.Now()) {
		return store.UploadResult{}, errorMsg(http.StatusTooManyRequests, "upload-throttled", "Count", maxUploads, "Minutes", int(uploadWindow.Minutes()))
	}
	sum := sha256.Sum256(f.Body)
	sha := hex.EncodeToString(sum[:])
	if err := s.Store.PutBlob(ctx, sha, bytes.NewReader(f.Body)); err != nil {
		return store.UploadResult{}, fmt.Errorf("upload %q: %w", name, err)
	}
	return s.Saver.Upload(ctx, pageinfo.FileUpload{Description: f.Description, Version: store.FileVersion{
		Name: name, SHA: sha, Size: int64(len(f.Body)), Width: width, Height: height, Mime: t.Mime,
		UserID: u.ID, UserName: u.Name, Comment: f.Comment,
	}})
}

// Upload throttling, per account and per node, in memory: enough to stop
// a script filling the disk, never in the way of a person.
const (
	maxUploads   = 60
	uploadWindow = 10 * time.Minute
)

// uploadThrottle counts each account's uploads in a window.
type uploadThrottle struct {
	mu     sync.Mutex
	counts map[string]*uploadCount
}

type uploadCount struct {
	n     int
	start time.Time
}

// allow counts an upload by user at now and reports whether it is within
// the budget.
func (t *uploadThrottle) allow(user string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := t.counts[user]
	if c == nil || now.Sub(c.start) > uploadWindow {
		if len(t.counts) > 10000 {
			clear(t.counts)
		}
		c = &uploadCount{start: now}
		t.counts[user] = c
	}
	c.n++
	return c.n <= maxUploads
}

// fileUpload shows the upload form (GET) and takes it (POST, multipart:
// file, name, description, comment, csrf), then shows the File page.
func (s *Server) fileUpload(w http.ResponseWriter, r *http.Request, m router.Match) error {
	if m.Params.Get("revert") != "0" && m.Params.Get("revert") != "" {
		return s.fileRevert(w, r, m)
	}
	data := map[string]any{"Action": s.Routes.Path("file.upload"), "CSRF": s.Users.CSRFToken(w, r, userOf(r)),
		"Name": m.Params.Get("name"), "Max": byteSize(s.Config.MaxUploadBytes), "Types": s.Config.UploadTypes}
	if r.Method != http.MethodPost {
		return s.view(w, r, m, http.StatusOK, s.lang(r, m).T("upload-title"), "upload", data)
	}
	f, err := formUpload(r)
	if err == nil {
		var res store.UploadResult
		if res, err = s.upload(r, f); err == nil {
			http.Redirect(w, r, router.TitleURL(router.NamespaceTitle(router.FileNamespace, res.Version.Name)), http.StatusSeeOther)
			return nil
		}
	}
	he := classify(err)
	if he.Status >= 500 {
		return err
	}
	// Nothing typed is lost: the form comes back with the error.
	data["Name"], data["Description"], data["Comment"], data["Error"] = f.Name, f.Description, f.Comment, he.text(s.lang(r, m), zoneOf(r))
	return s.view(w, r, m, he.Status, s.lang(r, m).T("upload-title"), "upload", data)
}

// formUpload reads the upload form's fields; the name defaults to the
// uploaded file's own.
func formUpload(r *http.Request) (uploadForm, error) {
	f := uploadForm{Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), Comment: r.PostFormValue("comment")}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return f, errorMsg(http.StatusBadRequest, "upload-no-file")
	}
	defer file.Close()
	if strings.TrimSpace(f.Name) == "" {
		f.Name = hdr.Filename
	}
	f.Body, err = io.ReadAll(file)
	return f, err
}

// apiFilePut uploads the request's file as File:name: a multipart form
// (file, description, comment) or the bytes as the body (?comment=).
func (s *Server) apiFilePut(w http.ResponseWriter, r *http.Request, m router.Match) error {
	f := uploadForm{Name: m.Params.Get("name"), Comment: m.Params.Get("comment")}
	if isMultipart(r) {
		if err := s.parseUploadForm(w, r); err != nil {
			return err
		}
		g, err := formUpload(r)
		if err != nil {
			return err
		}
		f.Body, f.Description = g.Body, g.Description
		if c := r.PostFormValue("comment"); c != "" {
			f.Comment = c
		}
	} else {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.Config.MaxUploadBytes))
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return s.tooLarge()
		}
		if err != nil {
			return errorf(http.StatusBadRequest, "reading the upload: %v", err)
		}
		f.Body = body
	}
	res, err := s.upload(r, f)
	if err != nil {
		return err
	}
	v := res.Version
	return writeJSON(w, r, http.StatusCreated, map[string]any{
		"name": v.Name, "sha": v.SHA, "size": v.Size, "width": v.Width, "height": v.Height, "mime": v.Mime,
		"version": v.ID, "first": res.First, "url": s.Routes.Path("file.original", "sha", v.SHA, "name", v.Name),
		"page": router.TitleURL(router.NamespaceTitle(router.FileNamespace, v.Name)),
	})
}

// mayReplace checks that the reader may upload a new version of the file
// name: anyone with the upload right for a new file or their own, the
// reupload right for someone else's.
func (s *Server) mayReplace(r *http.Request, name string) error {
	u := userOf(r)
	cur, err := s.Store.File(r.Context(), name)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	case cur.Current.UserName != u.Name && !u.Can(router.RightReupload):
		return errorMsg(http.StatusForbidden, "upload-reupload-right", "Name", name, "User", cur.Current.UserName)
	}
	return nil
}

// fileRevert asks (GET) and makes (POST) an old version of a file its
// current one again: a new version with the old bytes, as MediaWiki's
// revert.
func (s *Server) fileRevert(w http.ResponseWriter, r *http.Request, m router.Match) error {
	ctx, u := r.Context(), userOf(r)
	id, _ := strconv.ParseInt(m.Params.Get("revert"), 10, 64)
	v, err := s.Store.FileVersionByID(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && v.Name != m.Params.Get("name") && "File:"+v.Name != m.Params.Get("name") {
		return errorMsg(http.StatusNotFound, "upload-no-version", "ID", id)
	}
	if err != nil {
		return err
	}
	when := v.Timestamp.UTC().Format("2006-01-02 15:04 MST")
	if r.Method != http.MethodPost {
		l := s.lang(r, m)
		return s.view(w, r, m, http.StatusOK, l.T("upload-revert-title", "Name", router.DisplayTitle(v.Name)), "upload-revert", map[string]any{
			"Action": s.Routes.Path("file.upload") + "?" + url.Values{"name": {v.Name}, "revert": {strconv.FormatInt(id, 10)}}.Encode(),
			"CSRF":   s.Users.CSRFToken(w, r, u), "Name": router.DisplayTitle(v.Name), "When": whenIn(l, zoneOf(r), v.Timestamp),
			"URL": s.Routes.Path("file.original", "sha", v.SHA, "name", v.Name),
		})
	}
	if err := s.mayReplace(r, v.Name); err != nil {
		return err
	}
	if !s.uploads.allow(u.Name, time.Now()) {
		return errorMsg(http.StatusTooManyRequests, "upload-throttled", "Count", maxUploads, "Minutes", int(uploadWindow.Minutes()))
	}
	comment := "Reverted to the version of " + when
	if c := strings.TrimSpace(r.PostFormValue("comment")); c != "" {
		comment += ": " + c
	}
	nv := v
	nv.ID, nv.Timestamp, nv.UserID, nv.UserName, nv.Comment = 0, time.Time{}, u.ID, u.Name, comment
	if _, err := s.Saver.Upload(ctx, pageinfo.FileUpload{Version: nv}); err != nil {
		return err
	}
	http.Redirect(w, r, router.TitleURL(router.NamespaceTitle(router.FileNamespace, v.Name)), http.StatusSeeOther)
	return nil
}
