package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/store"
)

// apiPageInfo answers GET /api/v1/pageinfo/T: the PageInfo of the page's
// current revision as the skin sees it (skin.PagePayload), or of revision
// ?oldid= of that page. It never reads the reader: the bytes are the same
// for everyone, so the answer is public (route api.pageinfo, cached like a
// view, logged-in readers included) but on a --private wiki. The JSON is
// encoded once per PageInfo and kept in its memo, so a warm request reads
// nothing from the store and encodes nothing. A redirect page's own
// PageInfo is sent (its redirect key names the target): a client shows
// the target, as the view does.
func (s *Server) apiPageInfo(w http.ResponseWriter, r *http.Request, m router.Match) error {
	pi, err := s.payloadPage(r, m)
	if err != nil {
		return err
	}
	enc, err := encodedPageOf(pi)
	if err != nil {
		return err
	}
	return s.writePayload(w, r, enc.json, enc.etag)
}

// payloadPage returns the PageInfo api.pageinfo shows: the current
// revision of the title, or its revision ?oldid= (one store read, for the
// revision's page and whether it was deleted: a deleted revision is a 404
// for everyone, as the answer may not depend on the reader).
func (s *Server) payloadPage(r *http.Request, m router.Match) (*pageinfo.PageInfo, error) {
	ctx, title := r.Context(), m.Title()
	id := m.Params.Int("oldid")
	if id == 0 {
		pi, err := s.Pages.Latest(ctx, title)
		if err != nil {
			return nil, notFoundAs(err, "no page %q", title)
		}
		return pi, nil
	}
	rev, err := s.Store.RevisionByID(ctx, id)
	if err != nil {
		return nil, notFoundAs(err, "no revision %d", id)
	}
	if rev.Deleted || rev.Title != title {
		return nil, errorf(http.StatusNotFound, "no revision %d of page %q", id, title)
	}
	return s.Pages.Revision(ctx, id)
}

// notFoundAs turns store.ErrNotFound into a 404 that says what is missing.
func notFoundAs(err error, format string, args ...any) error {
	if errors.Is(err, store.ErrNotFound) {
		return &httpError{Status: http.StatusNotFound, Safe: fmt.Sprintf(format, args...), Err: err}
	}
	return err
}

// encodedPage is a PageInfo's payload, encoded once.
type encodedPage struct {
	json []byte
	etag string
}

// encodedPageKey keys the encoded payload in a PageInfo's memo.
type encodedPageKey struct{}

// encodedPageOf returns pi's payload JSON and its ETag: "p", the
// revision, and a hash of the JSON, which holds the renderer version — a
// re-render of the revision (link colours, a category's members) that
// changes the bytes changes the tag.
func encodedPageOf(pi *pageinfo.PageInfo) (*encodedPage, error) {
	memo := pi.Derived()
	if e, ok := memo.Load(encodedPageKey{}); ok {
		return e.(*encodedPage), nil
	}
	b, err := json.Marshal(skin.NewPagePayload(pi))
	if err != nil {
		return nil, fmt.Errorf("pageinfo payload of revision %d: %w", pi.RevID, err)
	}
	b = append(b, '\n')
	e := &encodedPage{json: b, etag: `"p` + strconv.FormatInt(pi.RevID, 10) + "-" + hashHex(b) + `"`}
	return memo.Store(encodedPageKey{}, e).(*encodedPage), nil
}

// hashHex is 16 hex digits of the SHA-256 of b.
func hashHex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// privateNoCache is the Cache-Control of an answer the reader alone may
// keep and must revalidate: on a --private wiki, of every route shared by
// every reader (cacheHeaders); the anonymous reader's UserInfo.
var privateNoCache = []string{"private, no-cache"}

// writePayload writes the JSON b of a payload with its ETag, or a 304
// when the request's If-None-Match has it.
func (s *Server) writePayload(w http.ResponseWriter, r *http.Request, b []byte, etag string) error {
	if notModified(w, r, etag) {
		return nil
	}
	return writeBytes(w, r, http.StatusOK, "application/json", b)
}
