package skin

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"

	"github.com/foliowiki/folio/pageinfo"
	"github.com/foliowiki/folio/userinfo"
)

// ViewETag returns the strong ETag (quoted) of a page view of pi by u in
// the named skin, without rendering it. It covers everything the view's
// bytes depend on but the URL: the revision and the renderer version, the
// skin and its version, the site configuration, and the reader — nothing
// for anonymous readers, else the account's version, the session's CSRF
// token (a new session must not get a 304 for a page holding the old token),
// the notification count and whether a block is in force. It is a one-way hash: the token does not
// show. Add the binary's version if DataHook filters may change between
// releases.
func (s *Set) ViewETag(pi *pageinfo.PageInfo, u *userinfo.UserInfo, site Site, skin string) string {
	h := sha256.New()
	w := func(parts ...string) {
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
	}
	name := s.Resolve(skin)
	w(strconv.FormatInt(pi.RevID, 10), pi.Version, name, s.Version(name))
	w(site.Name, site.Lang, site.Logo, site.MainPage)
	for _, ls := range [][]Link{site.Sidebar, site.Footer} {
		for _, l := range ls {
			w(l.ID, l.Text, l.Href)
		}
		w("")
	}
	if u == nil || u.Anonymous {
		w("anonymous")
	} else {
		w(strconv.FormatInt(u.ID, 10), strconv.FormatInt(u.Version, 10), u.CSRF,
			strconv.FormatBool(u.Blocked())) // a block can end with no new version
		// Extension data can change with a rebuilt UserInfo of the same
		// version (a notification count): SkinData hooks may show it.
		for _, k := range slices.Sorted(maps.Keys(u.Ext)) {
			w(k, string(u.Ext[k]))
		}
	}
	return `"v` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}
