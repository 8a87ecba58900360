package userinfo

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's second recommended setting (19 MiB was the
// floor; 64 MiB and 1 pass costs ~50 ms on a 2-core server, as often as
// someone logs in). Stored with each hash, so they can change later.
const (
	argonMemoryKiB = 64 * 1024
	argonTime      = 1
	argonThreads   = 2
	argonKeyLen    = 32
	argonSaltLen   = 16
)

// MinPasswordBytes is the shortest password accepted.
const MinPasswordBytes = 10

// MaxPasswordBytes bounds the input of the hash, so a huge password cannot
// cost more than a normal one.
const MaxPasswordBytes = 1024

// ErrWeakPassword means a new password is too short or too long.
var ErrWeakPassword = errors.New("password must be 10 to 1024 bytes long")

// HashPassword returns the PHC-encoded argon2id hash of password:
// $argon2id$v=19$m=65536,t=1,p=2$<salt>$<key>.
func HashPassword(password string) (string, error) {
	if len(password) < MinPasswordBytes || len(password) > MaxPasswordBytes {
		return "", ErrWeakPassword
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("userinfo: hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemoryKiB, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches the PHC-encoded hash. An
// empty or malformed hash never matches (an account without a password
// cannot log in).
func CheckPassword(hash, password string) bool {
	if len(password) > MaxPasswordBytes {
		return false
	}
	p, salt, key, ok := parseHash(hash)
	if !ok {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

type argonParams struct {
	memory  uint32
	time    uint32
	threads uint8
}

func parseHash(hash string) (argonParams, []byte, []byte, bool) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return argonParams{}, nil, nil, false
	}
	var p argonParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return argonParams{}, nil, nil, false
	}
	if p.memory == 0 || p.memory > 1<<21 || p.time == 0 || p.time > 16 || p.threads == 0 {
		return argonParams{}, nil, nil, false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return argonParams{}, nil, nil, false
	}
	return p, salt, key, true
}

// dummyHash is checked against when an account does not exist, so a login
// for a missing name costs as much as a wrong password (no user
// enumeration by timing). It is made on first use: a 64 MiB argon2id hash
// at package load cost every folio process ~150 ms and 64 MB at start.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("folio-dummy-password")
	if err != nil {
		panic(err)
	}
	return h
})
