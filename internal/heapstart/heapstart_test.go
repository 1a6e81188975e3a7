package heapstart

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// gcPercent reads GOGC's setting without changing it.
func gcPercent() int64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// heapGoal is the heap size at which the next collection is due.
func heapGoal() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

var keep [][]byte

// TestStartHeap: while a start is in force the next collection is due at
// about the goal and none runs below it, also after collections that
// leave little live; the hand-back restores GOGC; a second start
// meanwhile, or a user's GOGC or GOMEMLIMIT, changes nothing.
func TestStartHeap(t *testing.T) {
	const goal = 256 << 20
	percent := gcPercent()
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	near := func(g uint64) bool { return g >= goal*9/10 && g <= goal*11/10 }

	// A cycle the tests before began may still be marking; it would end
	// below the goal. Ended here, it is not counted.
	runtime.GC()
	restore := Start(env(nil), goal)
	defer restore()
	if g := heapGoal(); !near(g) {
		t.Fatalf("during the start the next collection is due at %d MB, want about %d", g>>20, goal>>20)
	}
	p := gcPercent()
	again := Start(env(nil), 1<<20)
	again()
	if gcPercent() != p || !near(heapGoal()) {
		t.Errorf("a second start and its hand-back changed GOGC from %d to %d", p, gcPercent())
	}
	before := gcCycles()
	for range 16 {
		keep = append(keep, make([]byte, 2<<20)) // 32 MB live: far below the goal, far above the default's first 4 MB
	}
	if n := gcCycles() - before; n != 0 {
		t.Errorf("%d collections below the start's goal", n)
	}
	keep = nil
	// Collections that leave little live keep the start in force.
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond) // for the finalizer that sets the next goal
	}
	if g := heapGoal(); !near(g) {
		t.Errorf("after collections that left little live the next is due at %d MB, want about %d", g>>20, goal>>20)
	}
	restore()
	if p := gcPercent(); p != percent {
		t.Errorf("after the hand-back GOGC is %d, want %d", p, percent)
	}
	restore() // twice is once

	for _, vars := range []map[string]string{{"GOGC": "50"}, {"GOMEMLIMIT": "1GiB"}} {
		g := heapGoal()
		r := Start(env(vars), goal)
		if p := gcPercent(); p != percent || heapGoal() != g {
			t.Errorf("with %v: GOGC %d, want the user's settings untouched", vars, p)
		}
		r()
	}
}

// TestStartHeapHandsBack: once a collection leaves half the goal live,
// the usual pacing is back without the command's end.
func TestStartHeapHandsBack(t *testing.T) {
	percent := gcPercent()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	live := int64(s[0].Value.Uint64()) // the test binary's own, tens of MB when run with the others
	goal := 2*live + 16<<20            // half of it: what is live now and 8 MB
	defer Start(func(string) string { return "" }, goal)()
	if gcPercent() == percent {
		t.Fatal("the start did not change GOGC")
	}
	for range 6 {
		keep = append(keep, make([]byte, 2<<20)) // 12 MB more live: over half the goal
	}
	defer func() { keep = nil }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC() // the hand-back runs in a finalizer after a cycle
		if gcPercent() == percent {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no hand-back after collections with %d MB live of a %d MB goal: GOGC %d", (live+12<<20)>>20, goal>>20, gcPercent())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
