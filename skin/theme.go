package skin

import (
	"crypto/sha256"
	"encoding/base64"
)

// ThemeCookie is the cookie that holds the reader's colour theme: "dark",
// "light" or "auto" (follow the system). The server never reads it: the
// inline theme script applies it in the browser, before first paint, so
// cached pages stay the same for everyone.
const ThemeCookie = "folio_theme"

// themeJS sets <html data-theme> from the cookie. It runs in <head> before
// any stylesheet, so the first paint already has the right colours. Its
// hash is in the Content-Security-Policy (CSPScriptHash): any change here
// changes the hash, which the server reads from this package.
const themeJS = `(function(){var m=/(?:^|;\s*)folio_theme=(dark|light|auto)(?:;|$)/.exec(document.cookie);if(m)document.documentElement.setAttribute("data-theme",m[1])})();`

// themeScript is the value of html-theme-script.
const themeScript = "<script>" + themeJS + "</script>"

// cspHash is the CSP source expression of themeJS.
var cspHash = func() string {
	sum := sha256.Sum256([]byte(themeJS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// CSPScriptHash returns the CSP source expression, quotes included, that
// allows the inline theme script and nothing else inline:
//
//	Content-Security-Policy: script-src 'self' 'sha256-…'
func CSPScriptHash() string { return cspHash }

// ContentSecurityPolicy returns the policy skins are written for: assets
// from the site only, no inline script but the theme script, no inline
// style, images from anywhere over https (page content may embed them),
// forms posting to the site only. Send it on every HTML response.
func ContentSecurityPolicy() string {
	return "default-src 'self'; script-src 'self' " + cspHash + "; style-src 'self'; img-src 'self' https: data:; " +
		"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
}
