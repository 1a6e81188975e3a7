package cli

import (
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// hugeHeap asks Linux to back the next bytes of the Go heap with huge
// pages (2 MB) where the system lets a process ask (transparent huge
// pages set to "madvise", the default of Debian, Ubuntu and others):
// on bench/extract.sh's 5.6 MB report, 25,300 page faults become 3,400,
// and a run takes 7% less time (0.266 → 0.249 s, twelve alternated
// runs). The heap of a one-shot extraction is mostly live until the end,
// so the 4 kB pages it would fault in one at a time are all wanted.
//
// The runtime gives no way to ask this of its heap (Go 1.21.0 did, for
// every heap, and took it back for long-running servers, whose freed
// pages huge pages keep resident), so hugeHeap grows the heap by one
// object of bytes, never touched, marks its pages, and lets a collection
// free it: the runtime hands out the lowest free pages first, so the
// extraction's objects then fill the marked pages. Nothing is touched
// that the extraction would not have touched: what it costs is at most
// the rest of one 2 MB page past the end of what is used, and one
// collection of the heap as it is at the start (a few hundred
// microseconds).
//
// Only the process's first call does it: the pages of a heap that has
// been used are zeroed by the runtime again when reused (not so the new
// pages the first call gets), so where commands run one after another
// in one process (tests, benchmarks) it would cost a clearing of bytes
// each time, and a collection: BenchmarkExtractJSON went from 222 to
// 326 ms.
//
// It is for one-shot commands with a heap of tens of megabytes ahead: a
// report of less than a megabyte gains nothing measurable, and a server
// should not. A user's GODEBUG=disablethp=1 (the runtime's own switch
// for huge pages) turns it off. It returns the marked range, for tests,
// or zeros when it did nothing.
func hugeHeap(e *env, bytes int64) (start, end uintptr) {
	if bytes <= 0 || bytes > 1<<30 || strings.Contains(e.getenv("GODEBUG"), "disablethp=1") || !hugeHeapDone.CompareAndSwap(false, true) {
		return 0, 0
	}
	b := make([]byte, bytes)
	start, end = uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(unsafe.SliceData(b)))+uintptr(len(b))
	// Not every kernel has transparent huge pages: then the heap is as
	// it would have been, and so is the extraction.
	if err := syscall.Madvise(b, madvHugepage); err != nil {
		start, end = 0, 0
	}
	runtime.KeepAlive(b) // b is dead from here on: the collection frees it
	runtime.GC()
	return start, end
}

// hugeHeapDone is set by hugeHeap's first call.
var hugeHeapDone atomic.Bool

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14
