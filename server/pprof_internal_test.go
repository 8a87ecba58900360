package server

import (
	"slices"
	"testing"
)

// TestMaskArgs: the profiler's cmdline never shows a DSN.
func TestMaskArgs(t *testing.T) {
	got := maskArgs([]string{"folio", "serve", "--db", "postgres://u:pw@h/db", "--addr", "x", "-db=postgres://u:pw@h/db", "--password-file", "/p"})
	want := []string{"folio", "serve", "--db", "****", "--addr", "x", "-db=****", "--password-file", "****"}
	if !slices.Equal(got, want) {
		t.Errorf("maskArgs = %q, want %q", got, want)
	}
}
