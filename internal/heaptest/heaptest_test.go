package heaptest

import (
	"runtime"
	"testing"
)

func TestPeak(t *testing.T) {
	var keep []byte
	p := Peak(func() {
		keep = make([]byte, 64<<20)
		for i := range keep {
			keep[i] = 1
		}
	})
	runtime.KeepAlive(keep)
	if p < 60<<20 || p > 256<<20 {
		t.Errorf("peak %d MiB for a 64 MiB allocation", p>>20)
	}
	if p := Peak(func() {}); p > 8<<20 {
		t.Errorf("peak %d MiB for nothing", p>>20)
	}
}
