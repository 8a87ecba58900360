package server

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/foliowiki/folio/internal/cookie"
	"github.com/foliowiki/folio/router"
	"github.com/foliowiki/folio/skin"
	"github.com/foliowiki/folio/userinfo"
)

// apiUserInfo answers GET /api/v1/userinfo: the reader's UserInfo as the
// skin sees it (skin.UserPayload), from the cached UserInfo (encoded once
// per UserInfo and skin set, in its memo): a warm request reads nothing
// from the store. A session's answer is "private, no-store" (route
// api.userinfo); the anonymous reader's, without a session cookie, is a
// constant the browser may keep and revalidate by its ETag ("private,
// no-cache"). Either varies on the cookie and the bearer token.
func (s *Server) apiUserInfo(w http.ResponseWriter, r *http.Request, _ router.Match) error {
	set, err := s.skins()
	if err != nil {
		return err
	}
	u := userOf(r)
	enc, err := encodedUserOf(set, u)
	if err != nil {
		return err
	}
	h := w.Header()
	h["Vary"] = varyReader
	if !u.Anonymous || cookie.Has(r.Header, s.Routes.Config().SessionCookie) {
		return writeBytes(w, r, http.StatusOK, "application/json", enc.json)
	}
	h["Cache-Control"] = privateNoCache // a constant, the reader's to keep
	return s.writePayload(w, r, enc.json, enc.etag)
}

// varyReader: the answer is the reader's, known by cookie or token.
var varyReader = []string{"Cookie, Authorization"}

type encodedUserKey struct{ set *skin.Set }

// encodedUserOf returns u's payload in set, encoded once per UserInfo and
// set, with its ETag ("u" and a hash of the JSON).
func encodedUserOf(set *skin.Set, u *userinfo.UserInfo) (*encodedPage, error) {
	memo := u.Derived()
	key := encodedUserKey{set}
	if e, ok := memo.Load(key); ok {
		return e.(*encodedPage), nil
	}
	b, err := json.Marshal(set.UserPayload(u))
	if err != nil {
		return nil, fmt.Errorf("userinfo payload: %w", err)
	}
	b = append(b, '\n')
	return memo.Store(key, &encodedPage{json: b, etag: `"u` + hashHex(b) + `"`}).(*encodedPage), nil
}
