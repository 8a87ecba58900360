package notifications

import (
	"encoding/json"

	"github.com/foliowiki/folio/skin"
)

// registerSkinData fills the skins' notification item (the count and where
// to read them) from what the UserInfo hook stored. The filter is pure: it
// reads the UserInfo data the blob already carries, nothing else.
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
	d.NotificationCount, d.LinkNotifications = max(info.Count, 0), info.URL
	return d
}
