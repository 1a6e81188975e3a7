package cli

import (
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// gcSettings reads the collector's percentage and memory limit without
// changing them.
func gcSettings() (percent int64, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

var keep [][]byte

// TestStartHeap: while a start is in force the collector does not run
// below the goal; the hand-back restores the settings there were; a
// second start meanwhile, or a user's GOGC or GOMEMLIMIT, changes
// nothing.
func TestStartHeap(t *testing.T) {
	percent, limit := gcSettings()
	env := func(vars map[string]string) *env { return &env{getenv: func(k string) string { return vars[k] }} }

	restore := startHeap(env(nil), 256<<20)
	if p, l := gcSettings(); p != -1 || l != 256<<20 {
		t.Fatalf("during the start: percent %d, limit %d; want -1 (off) and %d", p, l, 256<<20)
	}
	again := startHeap(env(nil), 1<<20)
	if _, l := gcSettings(); l != 256<<20 {
		t.Errorf("a second start changed the limit to %d", l)
	}
	again()
	if p, l := gcSettings(); p != -1 || l != 256<<20 {
		t.Errorf("a second start's hand-back changed the settings: percent %d, limit %d", p, l)
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
		time.Sleep(20 * time.Millisecond) // for the finalizer that would hand back
	}
	if p, l := gcSettings(); p != -1 || l != 256<<20 {
		t.Errorf("handed back after collections that left little live: percent %d, limit %d", p, l)
	}
	restore()
	if p, l := gcSettings(); p != percent || l != limit {
		t.Errorf("after the hand-back: percent %d, limit %d; want %d, %d", p, l, percent, limit)
	}
	restore() // twice is once

	for _, vars := range []map[string]string{{"GOGC": "50"}, {"GOMEMLIMIT": "1GiB"}} {
		r := startHeap(env(vars), 256<<20)
		if p, l := gcSettings(); p != percent || l != limit {
			t.Errorf("with %v: percent %d, limit %d; want the user's settings untouched", vars, p, l)
		}
		r()
	}
}

// TestStartHeapHandsBack: once a collection leaves half the goal live,
// the usual pacing is back without the command's end.
func TestStartHeapHandsBack(t *testing.T) {
	percent, limit := gcSettings()
	defer startHeap(&env{getenv: func(string) string { return "" }}, 16<<20)()
	for range 6 {
		keep = append(keep, make([]byte, 2<<20)) // 12 MB live of a 16 MB goal
	}
	defer func() { keep = nil }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC() // the hand-back runs in a finalizer after a cycle
		if p, l := gcSettings(); p == percent && l == limit {
			return
		}
		if time.Now().After(deadline) {
			p, l := gcSettings()
			t.Fatalf("no hand-back after collections with 12 MB live of 16: percent %d, limit %d", p, l)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
