package userinfo

import (
	"os"
	"sync"
	"testing"
)

// productionParams are the argon2 parameters HashPassword uses outside
// tests.
var productionParams = currentParams

// paramsMu serializes the tests that switch to productionParams.
var paramsMu sync.Mutex

// TestMain hashes with cheap argon2 parameters: the throttling and session
// tests hash hundreds of passwords, each taking 19 MiB and about a second
// under the race detector with the real ones. The tests of the parameters
// themselves call withProductionParams.
func TestMain(m *testing.M) {
	currentParams = argonParams{memory: 64, time: 1, threads: 1}
	os.Exit(m.Run())
}

// withProductionParams makes t hash as production does, until it ends.
func withProductionParams(t testing.TB) {
	paramsMu.Lock()
	cheap := currentParams
	currentParams = productionParams
	t.Cleanup(func() {
		currentParams = cheap
		paramsMu.Unlock()
	})
}
