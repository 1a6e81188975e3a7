// Package heapstart lets a one-shot command's heap start large: the Go
// collector's pacing for a program whose heap is mostly live until it
// ends (Start).
package heapstart

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// Extraction is the heap extraction starts with (Start). Measured
// on bench/extract.sh's 5.6 MB report (GOGC=100: eight collections,
// 0.37 s, 167 MB peak RSS): 128 MB, two collections, 0.32 s, 190 MB;
// 256 MB, none, 0.29 s, 221 MB. A report of a few hundred kilobytes,
// the usual size, stays far below either and is never collected.
const Extraction = 256 << 20

// heapStarted is set while a Start is in force.
var heapStarted atomic.Bool

// Start lets a one-shot command's heap grow to about goal bytes
// between collections until a collection leaves half of goal live, and
// then hands collection back to the pacing there was (GOGC=100). It
// returns a function that does the same hand-back at once, for the
// command's end.
//
// Extraction's heap is mostly live until the bundle is written: the
// report's text, its tokens and candidates, the mentions. With the
// default pacing the collector runs at 4, 8, 16, ... MB, marking the
// same live objects again each time and, on a two-core machine, taking
// one core of two while it marks. The Go compiler starts its heap the
// same way, for the same reason (cmd/compile/internal/base/startheap.go,
// 128 MB, handed back at half). What it costs is a higher peak RSS, by
// at most about goal, on reports large enough to allocate that much.
//
// The goal is kept by raising GOGC, not by a memory limit: near a limit
// the runtime returns freed pages to the system eagerly and then faults
// them in again, which cost a 5 MB report's extraction 50 ms.
//
// A user's GOGC or GOMEMLIMIT is theirs: with either set, Start
// does nothing. The settings are the process's: while one command's
// start is in force (tests run commands side by side in one process),
// another's Start does nothing either, so that no hand-back restores
// another's settings.
func Start(getenv func(string) string, goal int64) (restore func()) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" || !heapStarted.CompareAndSwap(false, true) {
		return func() {}
	}
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(samples)
	if samples[0].Value.Kind() != metrics.KindUint64 {
		heapStarted.Store(false)
		return func() {} // a runtime without the metric: the usual pacing
	}
	// The next collection is due at the larger of live times
	// 1+GOGC/100 (live as the last collection marked it) and the
	// runtime's minimum heap, 4 MB times GOGC/100: GOGC from the larger
	// of the two bases puts it at about goal.
	const minHeap = 4 << 20
	percent := func(live uint64) int {
		return max(int(min(100*uint64(goal)/max(live, minHeap), math.MaxInt32))-100, 100)
	}
	oldPercent := debug.SetGCPercent(percent(samples[0].Value.Uint64()))
	var mu sync.Mutex
	done := false
	restore = func() {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			done = true
			debug.SetGCPercent(oldPercent)
			heapStarted.Store(false)
		}
	}
	afterGC(func() bool {
		metrics.Read(samples)
		live := samples[0].Value.Uint64()
		if live >= uint64(goal/2) {
			restore() // the live heap alone now spaces collections widely
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		if !done {
			debug.SetGCPercent(percent(live)) // the next collection at goal again
		}
		return !done
	})
	return restore
}

// afterGC calls fn after each collection until fn returns false: a
// finalizer on an object nothing refers to runs once a cycle has found
// it unreachable, and re-arms itself.
func afterGC(fn func() bool) {
	type sentinel [32]byte // too large for the tiny allocator, which would batch it with others
	var arm func(*sentinel)
	arm = func(p *sentinel) {
		if fn() {
			runtime.SetFinalizer(p, arm)
		}
	}
	runtime.SetFinalizer(new(sentinel), arm)
}
