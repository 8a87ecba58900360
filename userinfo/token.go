package userinfo

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
)

// sessionIDBytes is the entropy of a session id: 256 bits.
const sessionIDBytes = 32

// newSessionID returns a fresh random session id, URL-safe.
func newSessionID() string {
	b := make([]byte, sessionIDBytes)
	if _, err := rand.Read(b); err != nil {
		panic("userinfo: crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// validSessionID reports whether s has the shape of a session id, so junk
// cookies are refused before any lookup.
func validSessionID(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(sessionIDBytes) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true // what base64.RawURLEncoding.DecodeString accepts, without its copy
}

// hashSessionID is what the store keeps of a session id: a leaked session
// table does not let anyone log in.
func hashSessionID(id string) string {
	var in [96]byte // a session id is 43 bytes: no allocation but the result
	sum := sha256.Sum256(append(append(in[:0], "folio-session\x00"...), id...))
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}

// csrfToken derives the CSRF token of a session (or of a login form) from
// its secret id: only someone who holds the cookie can compute it, and the
// server needs to store nothing more.
func csrfToken(secret string) string {
	sum := sha256.Sum256([]byte("folio-csrf\x00" + secret))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// checkCSRF compares a submitted token with the expected one in constant time.
func checkCSRF(secret, submitted string) bool {
	if secret == "" || submitted == "" {
		return false
	}
	want := csrfToken(secret)
	return subtle.ConstantTimeCompare([]byte(want), []byte(submitted)) == 1
}
