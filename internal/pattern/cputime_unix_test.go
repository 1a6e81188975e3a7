//go:build unix

package pattern

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system) the process has used, so that
// benchmarks can state throughput per core on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
