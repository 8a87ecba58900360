// Package hashcost lets the tests of the packages above userinfo make new
// password hashes cheap. Under the race detector one argon2id hash with
// Folio's parameters (19 MiB, two passes) takes about 0.4 s, and the
// server's tests create and log in hundreds of accounts. Nothing but a
// test's TestMain may call SetCheap: the real parameters are what protect
// stored passwords. Hashes keep their parameters, so every hash verifies
// whichever is in force.
package hashcost

import "sync/atomic"

var cheap atomic.Bool

// SetCheap makes the hashes userinfo creates from now on cheap (on) or
// real (off).
func SetCheap(on bool) { cheap.Store(on) }

// Cheap reports whether new hashes are cheap.
func Cheap() bool { return cheap.Load() }
