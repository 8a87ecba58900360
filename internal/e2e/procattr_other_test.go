//go:build !linux

package e2e

import "os/exec"

// dieWithTest is a no-op where the parent's death cannot be signalled.
func dieWithTest(*exec.Cmd) {}
