package server_test

import (
	"os"
	"testing"

	"github.com/foliowiki/folio/internal/hashcost"
)

// TestMain makes the accounts the tests create hash their passwords
// cheaply (internal/hashcost): under the race detector a real argon2id
// hash takes about 0.4 s, and these tests create and log in hundreds of
// accounts. The tests of the hashing limiter switch the real cost back on
// (realHashes).
func TestMain(m *testing.M) {
	hashcost.SetCheap(true)
	os.Exit(m.Run())
}

// realHashes makes t hash passwords at their real cost until it ends. It
// must not run beside other tests (t.Parallel): the setting is the
// process's.
func realHashes(t *testing.T) {
	hashcost.SetCheap(false)
	t.Cleanup(func() { hashcost.SetCheap(true) })
}
