package notifications

import (
	"encoding/json"

	"github.com/foliowiki/folio/skin"
)

// registerSkinData fills the skins' notification item (the count and where
// to read them) from what the UserInfo hook stored. The filter is pure: it
// reads the UserInfo data the blob already carries, nothing else, and runs
// once per UserInfo, not per view.
func registerSkinData() {
	skin.UserDataHook.Register("notifications.skin", 100, navItem)
}

func navItem(k skin.UserKeys, ext map[string]json.RawMessage) skin.UserKeys {
	raw, ok := ext[ID]
	if !ok {
		return k
	}
	var info Info
	if json.Unmarshal(raw, &info) != nil {
		return k
	}
	k.NotificationCount, k.LinkNotifications = max(info.Count, 0), info.URL
	return k
}
