//go:build race

package skin_test

// raceEnabled: the race detector slows the corpus tests ~5×; under it they
// take every corpusStride-th page (the others run without it).
const raceEnabled = true
