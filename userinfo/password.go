package userinfo

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/foliowiki/folio/internal/hashcost"
	"golang.org/x/sync/semaphore"
)

// Argon2id parameters: OWASP's first recommended setting, 19 MiB, two
// passes, one lane (~40 ms on one core). Every hash holds its memory
// while it runs, so the memory a server can spend on passwords is this
// times the hashes the limiter lets run at once (hashUnits). They are
// stored with each hash: a hash made with older parameters (Folio used
// m=65536,t=1,p=2) still verifies, and a successful login replaces it
// with one made with these.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	argonSaltLen   = 16
)

var currentParams = argonParams{memory: argonMemoryKiB, time: argonTime, threads: argonThreads}

// cheapParams are the parameters of new hashes in other packages' tests
// that ask for them (internal/hashcost); userinfo's own tests swap
// currentParams.
var cheapParams = argonParams{memory: 64, time: 1, threads: 1}

// params returns the parameters of new hashes.
func params() argonParams {
	if hashcost.Cheap() {
		return cheapParams
	}
	return currentParams
}

// MinPasswordBytes is the shortest password accepted.
const MinPasswordBytes = 10

// MaxPasswordBytes bounds the input of the hash, so a huge password cannot
// cost more than a normal one.
const MaxPasswordBytes = 1024

// ErrWeakPassword means a new password is too short or too long.
var ErrWeakPassword = errors.New("password must be 10 to 1024 bytes long")

// The hashing limiter: every argon2 hash of the process — logins,
// registrations, password changes, accounts made by folio user — runs
// under it, so a flood of logins costs bounded memory and CPU instead of
// 19 MiB (or more, for old hashes) per request at once.
//
// It has one unit per core (GOMAXPROCS), at most maxHashUnits; a hash
// takes one unit per argonMemoryKiB of its memory or per lane, whichever
// is more, at most every unit. Besides the hashes that run, at most
// hashQueuePerUnit per unit wait, each at most hashWait; a hash beyond
// those is refused at once with a *BusyError, which the server answers
// with a 503 and Retry-After.
//
// The cap keeps the bound the same on a big machine: 4 × 19 MiB of hashes
// live at once, which Go's collector lets grow to about twice that before
// it collects. 500 clients flooding /-/login then keep a server under
// ~200 MB resident on 2 cores and ~270 MB with 4 (internal/e2e
// TestLoginFlood); 4 hashes at once are still ~100 logins a second.
const (
	maxHashUnits     = 4
	hashQueuePerUnit = 4
	hashWait         = time.Second
	busyRetryAfter   = time.Second
)

// ErrBusy is what a *BusyError is (errors.Is): too many passwords are
// being hashed at once.
var ErrBusy = errors.New("userinfo: too many passwords being checked at once")

// BusyError refuses a password check or hash because the server hashes as
// many as it may already; nothing was checked, created or counted.
type BusyError struct{ RetryAfter time.Duration }

// Error implements error.
func (e *BusyError) Error() string {
	return fmt.Sprintf("the server is busy checking other passwords; try again in %s", e.RetryAfter.Round(time.Second))
}

// Is makes errors.Is(err, ErrBusy) true.
func (e *BusyError) Is(target error) bool { return target == ErrBusy }

type hashLimiter struct {
	sem      *semaphore.Weighted
	units    int64
	admitted atomic.Int64 // hashes running or waiting
	capacity int64        // most admitted at once
	wait     time.Duration
}

func newHashLimiter(units, queue int, wait time.Duration) *hashLimiter {
	units = max(units, 1)
	return &hashLimiter{sem: semaphore.NewWeighted(int64(units)), units: int64(units),
		capacity: int64(units + max(queue, 0)), wait: wait}
}

// hashing is the process's limiter (tests swap it).
var hashing atomic.Pointer[hashLimiter]

func init() {
	units := min(runtime.GOMAXPROCS(0), maxHashUnits)
	hashing.Store(newHashLimiter(units, hashQueuePerUnit*units, hashWait))
}

// weight is the units a hash with parameters p takes.
func (l *hashLimiter) weight(p argonParams) int64 {
	n := max(int64((p.memory+argonMemoryKiB-1)/argonMemoryKiB), int64(p.threads), 1)
	return min(n, l.units)
}

// acquire waits for n units, or refuses with a *BusyError when too many
// hashes run or wait already, when none frees up within the wait, or when
// ctx ends first. release gives the units back.
func (l *hashLimiter) acquire(ctx context.Context, n int64) (release func(), err error) {
	if l.admitted.Add(1) > l.capacity {
		l.admitted.Add(-1)
		return nil, &BusyError{RetryAfter: busyRetryAfter}
	}
	if !l.sem.TryAcquire(n) {
		wctx, cancel := context.WithTimeout(ctx, l.wait)
		err := l.sem.Acquire(wctx, n)
		cancel()
		if err != nil {
			l.admitted.Add(-1)
			return nil, &BusyError{RetryAfter: busyRetryAfter}
		}
	}
	return func() {
		l.sem.Release(n)
		l.admitted.Add(-1)
	}, nil
}

// idKey runs argon2id under the limiter.
func idKey(ctx context.Context, password string, salt []byte, p argonParams, keyLen uint32) ([]byte, error) {
	l := hashing.Load()
	release, err := l.acquire(ctx, l.weight(p))
	if err != nil {
		return nil, err
	}
	defer release()
	return argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, keyLen), nil
}

// HashPassword returns the PHC-encoded argon2id hash of password:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>. It runs under the hashing
// limiter and may return a *BusyError (ErrBusy).
func HashPassword(password string) (string, error) {
	return hashPassword(context.Background(), password)
}

func hashPassword(ctx context.Context, password string) (string, error) {
	if len(password) < MinPasswordBytes || len(password) > MaxPasswordBytes {
		return "", ErrWeakPassword
	}
	return newHash(ctx, password)
}

// newHash hashes password with the current parameters, whatever its
// length (an old password that just matched its old hash, for instance).
func newHash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("userinfo: hash password: %w", err)
	}
	p := params()
	key, err := idKey(ctx, password, salt, p, argonKeyLen)
	if err != nil {
		return "", err
	}
	return encodeHash(p, salt, key), nil
}

func encodeHash(p argonParams, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.memory, p.time, p.threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// VerifyPassword reports whether password matches the PHC-encoded hash. An
// empty or malformed hash never matches (an account without a password
// cannot log in). It runs under the hashing limiter: the error is a
// *BusyError (ErrBusy) when the password could not be checked.
func VerifyPassword(ctx context.Context, hash, password string) (bool, error) {
	if len(password) > MaxPasswordBytes {
		return false, nil
	}
	p, salt, key, ok := parseHash(hash)
	if !ok {
		return false, nil
	}
	got, err := idKey(ctx, password, salt, p, uint32(len(key)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// CheckPassword is VerifyPassword for tools and tests: it reports false
// when the password does not match and also when the limiter refused to
// check it.
func CheckPassword(hash, password string) bool {
	ok, err := VerifyPassword(context.Background(), hash, password)
	return ok && err == nil
}

// needsRehash reports whether a hash was made with other parameters than
// the current ones, and should be replaced at the next successful login.
func needsRehash(hash string) bool {
	p, salt, key, ok := parseHash(hash)
	return ok && (p != params() || len(salt) != argonSaltLen || len(key) != argonKeyLen)
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
// enumeration by timing): it has the parameters new hashes have now. Its
// key is random, so no password matches it, and making it costs no hash.
func dummyHash() string { return encodeHash(params(), dummySalt, dummyKey) }

// dummySalt and dummyKey are dummyHash's, drawn once.
var dummySalt, dummyKey = func() ([]byte, []byte) {
	salt, key := make([]byte, argonSaltLen), make([]byte, argonKeyLen)
	rand.Read(salt)
	rand.Read(key)
	return salt, key
}()
