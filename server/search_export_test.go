package server

import (
	"testing"
	"time"
)

// SetSearchTimeout sets the search handlers' deadline for one test.
func SetSearchTimeout(t testing.TB, d time.Duration) {
	old := searchTimeout
	searchTimeout = d
	t.Cleanup(func() { searchTimeout = old })
}
