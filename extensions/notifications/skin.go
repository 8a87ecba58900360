package notifications

import (
	"encoding/json"
	"strconv"

	"github.com/foliowiki/folio/skin"
)

// registerSkinData adds a "Notifications (N)" item to a logged-in reader's
// personal tools. The filter is pure: it reads the UserInfo data the blob
// already carries, nothing else.
func registerSkinData() {
	skin.DataHook.Register("notifications.skin", 100, navItem)
}

func navItem(d skin.Data) skin.Data {
	raw, ok := d.UserExt[ID]
	if !ok {
		return d
	}
	var info Info
	if json.Unmarshal(raw, &info) != nil {
		return d
	}
	text := "Notifications"
	if info.Count > 0 {
		text += " (" + strconv.Itoa(info.Count) + ")"
	}
	// Copy before appending: the slice may be shared with other data.
	d.Personal = append(append([]skin.Link(nil), d.Personal...), skin.Link{ID: "pt-notifications", Text: text, Href: info.URL})
	return d
}
