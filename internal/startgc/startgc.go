// Package startgc holds the garbage collector back while a folio process
// starts. Package init (regexps, tables, parsers of the dependencies) and
// the start of serve allocate some 20 MB that stay live; at the default
// GOGC the collector runs several cycles over it before the first request
// is answered, a dedicated mark worker taking one of the machine's cores
// each time. The package's init, early in the program's (its import path
// sorts before most of Folio's and of the dependencies'), raises GOGC to
// startPercent; Done puts it back. A GOGC set in the environment is left
// as it is.
package startgc

import (
	"os"
	"runtime/debug"
	"sync"
)

// startPercent is GOGC while starting: the heap may grow to five times
// what the last collection kept, as the start's allocations mostly stay.
const startPercent = 400

var (
	prev   int
	raised bool
	once   sync.Once
)

func init() {
	if _, set := os.LookupEnv("GOGC"); !set {
		prev, raised = debug.SetGCPercent(startPercent), true
	}
}

// Done gives the collector back its pace (the environment's GOGC, or 100).
// Calls after the first do nothing.
func Done() {
	once.Do(func() {
		if raised {
			debug.SetGCPercent(prev)
		}
	})
}
