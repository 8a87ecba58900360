//go:build !race

package skin_test

const raceEnabled = false
