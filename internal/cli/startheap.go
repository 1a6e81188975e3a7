package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// extractHeap is the heap extraction starts with (startHeap): on this
// goal a 5 MB report is collected three times instead of eight, with
// the same peak RSS.
const extractHeap = 128 << 20

// heapStarted is set while a startHeap is in force.
var heapStarted atomic.Bool

// startHeap lets a one-shot command's heap grow to about goal bytes
// between collections until a collection leaves half of goal live, and
// then hands collection back to the usual pacing (GOGC=100, no memory
// limit). It returns a function that does the same hand-back at once,
// for the command's end.
//
// Extraction's heap is mostly live until the bundle is written: the
// report's text, its tokens and candidates, the loaded tables. With the
// default pacing the collector runs at 4, 8, 16, ... MB, marking the
// same live objects again each time and, on a two-core machine, taking
// one core of two while it marks. The Go compiler starts its heap the
// same way, for the same reason (cmd/compile/internal/base/startheap.go,
// 128 MB, handed back at half). What it costs is a higher peak RSS, by
// at most about goal, on reports large enough to allocate that much.
//
// A user's GOGC or GOMEMLIMIT is theirs: with either set, startHeap
// does nothing. The settings are the process's: while one command's
// start is in force (tests run commands side by side in one process),
// another's startHeap does nothing either, so that no hand-back restores
// another's settings.
func startHeap(e *env, goal int64) (restore func()) {
	if e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" || !heapStarted.CompareAndSwap(false, true) {
		return func() {}
	}
	// With the percentage pacing off, the memory limit alone decides
	// when a collection starts: as the runtime's memory nears goal.
	oldPercent := debug.SetGCPercent(-1)
	oldLimit := debug.SetMemoryLimit(goal)
	var once sync.Once
	restore = func() {
		once.Do(func() {
			debug.SetGCPercent(oldPercent)
			debug.SetMemoryLimit(oldLimit)
			heapStarted.Store(false)
		})
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	afterGC(func() bool {
		metrics.Read(live)
		if live[0].Value.Kind() != metrics.KindUint64 || live[0].Value.Uint64() >= uint64(goal/2) {
			// Collections this close to the limit would follow each
			// other ever faster: back to pacing by the live heap.
			restore()
			return false
		}
		return true
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
