package startgc

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestHeldThenDone: GOGC is startPercent from the package's init, and the
// default again after Done (the test process has no GOGC set).
func TestHeldThenDone(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set in the environment: the package leaves it")
	}
	if got := debug.SetGCPercent(startPercent); got != startPercent {
		t.Fatalf("GOGC after init = %d, want %d", got, startPercent)
	}
	Done()
	Done()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("GOGC after Done = %d, want 100", got)
	}
}
