// Package memprofile turns the Go runtime's heap profiling off from the
// program's start unless DOSSIER_MEMPROFILE asks for a profile.
//
// The runtime samples the heap for a profile by default (a stack every
// 512 KB allocated), and keeps the samples in a table of buckets that it
// touches page by page as it fills them. Turned off in cli.Main, it
// sampled all the same what the packages' inits and the work package
// ahead starts beside them allocate first: under perf on stop 31's
// machine, 0.7% of a small report's CPU samples were faults of that
// table's pages. This package needs nothing but the runtime and os, so it is
// initialised among the first (dossier's command imports it).
package memprofile

import (
	"os"
	"runtime"
)

func init() {
	if os.Getenv("DOSSIER_MEMPROFILE") == "" {
		runtime.MemProfileRate = 0
	}
}
