package skin

import (
	_ "embed"
	"sync"
)

// OfflineFile is the script every page of every skin loads when the wiki
// has a service worker (Site.NoServiceWorker false): it registers the
// worker (link-service-worker, from <meta name="folio-service-worker">)
// and, once the worker controls the page, adds "Save for offline" to a
// category page's members. It is shared as editor.js is, not copied per
// skin; a failure to register leaves the page as it is. See docs/skins.md,
// "Offline reading".
const OfflineFile = "offline.js"

// offlineJS is offline.js.
//
//go:embed offline.js
var offlineJS []byte

// offlineAsset is offline.js as an asset, made once (compressed when
// first asked for: a few hundred bytes).
var offlineAsset = sync.OnceValues(func() (Asset, string) {
	return newAsset(OfflineFile, offlineJS).withVariants(nil), fingerprint(offlineJS)
})

// offlineScripts returns the shared scripts of every page of s: offline.js
// for a Set that Load made, on a wiki with a service worker; none
// otherwise.
func (s *Set) offlineScripts() []URL {
	if !s.generated || s.site.NoServiceWorker {
		return nil
	}
	_, hash := offlineAsset()
	return []URL{{URL: staticURL(hash, OfflineFile)}}
}

// sharedAsset returns offline.js when hash and file name it.
func (s *Set) sharedAsset(hash, file string) (Asset, bool) {
	if !s.generated || file != OfflineFile {
		return Asset{}, false
	}
	a, h := offlineAsset()
	return a, hash == h
}
