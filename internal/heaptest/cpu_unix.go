//go:build unix

package heaptest

import (
	"syscall"
	"time"
)

// CPU returns the process's user and system CPU time so far: what a
// benchmark of work done side by side on several cores costs the
// machine, steadier on a busy host than the wall time.
func CPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
