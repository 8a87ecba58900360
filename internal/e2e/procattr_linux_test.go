//go:build linux

package e2e

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes the child get SIGKILL when the test process dies (a
// timeout panic, a closed pipe), so no server outlives its test.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
