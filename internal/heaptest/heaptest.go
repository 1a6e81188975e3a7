// Package heaptest measures the heap a function uses, for tests that
// hostile input is read in bounded memory. Its figures are for logs and
// generous bounds, not for exact assertions: the garbage collector's pace
// moves them.
package heaptest

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// Peak runs f and returns the peak of the heap's objects (live and not
// yet collected) above where they stood before it, sampled every
// millisecond while f runs, so a spike shorter than that can be missed.
func Peak(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := heap()
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		top := base
		for {
			select {
			case <-tick.C:
				top = max(top, heap())
			case <-done:
				peak <- max(top, heap()) - base
				return
			}
		}
	}()
	f()
	close(done)
	return <-peak
}
