package cli

import (
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// hugeHeap asks Linux to back the next bytes of the Go heap with huge
// pages (2 MB), where the system lets a process ask (transparent huge
// pages set to "madvise", the default of Debian, Ubuntu and others) and
// where a page fault costs enough for it to pay (costlyFaults). The heap
// of a one-shot extraction is mostly live until the end, so the 4 kB
// pages it would fault in one at a time are all wanted: on
// bench/extract.sh's 5.6 MB report, 25,600 page faults become 3,400.
//
// Whether that pays depends on the machine, which is why it is measured
// and not assumed. A fault has a cost of its own, and each page a cost
// of its bytes (zeroed, and on a virtual machine perhaps fetched from
// the host). Huge pages save the first 511 times in 512 and pay the
// second for all of a 2 MB page, written or not. Stop 23's machine (a
// Firecracker guest under PVM, where every fault traps to the host)
// takes 9-10 µs a fault even on memory it holds: alternated with the
// grep pipeline, a run took 0.385 s median with huge pages and 0.487 s
// without. Stop 22's machine (a guest whose fault is cheap but whose
// freed memory is handed back to the host, virtio-balloon free page
// reporting) lost with them: 0.567 s against 0.450 s, the host faulting
// in whole 2 MB pages again. costlyFaults tells the two apart.
//
// The runtime gives no way to ask this of its heap (Go 1.21.0 did, for
// every heap, and took it back for long-running servers, whose freed
// pages huge pages keep resident), so hugeHeap grows the heap by one
// object of bytes, never touched, marks its pages, and lets a collection
// free it: the runtime hands out the lowest free pages first, so the
// extraction's objects then fill the marked pages. What it costs is at
// most the rest of one 2 MB page past the end of what is used, one
// collection of the heap as it is at the start (a few hundred
// microseconds), and the runtime's zeroing of what it hands out there
// (the ballast marked the pages used), at the speed of memory.
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
	if !costlyFaults(faultCost()) {
		return 0, 0
	}
	return markHuge(bytes)
}

// markHuge is hugeHeap's work once it has decided: the ballast, marked
// and let go.
func markHuge(bytes int64) (start, end uintptr) {
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

// costlyFault is the page fault cost above which huge pages pay. A
// 2 MB page's worth of small pages then costs at least 1.5 ms in faults
// alone, where a huge page adds only the zeroing of its bytes (about
// 0.1 ms) and, on a virtual machine, the host's backing of the part of
// it never written (where measured, 3 ms for a whole 2 MB page at worst;
// the heap's pages are mostly written). Stop 23's machine faults in
// 9-10 µs; a guest with hardware paging, or a machine of its own, in
// well under a microsecond.
const costlyFault = 3 * time.Microsecond

// costlyFaults says whether a page fault costing d is costly enough for
// huge pages to pay.
func costlyFaults(d time.Duration) bool { return d >= costlyFault }

// faultCost measures what a minor page fault costs this process: the
// least of eight, each a first write to a page of a mapping whose
// memory the kernel has just taken back (MADV_DONTNEED) and so still
// holds. That is the cost of the fault itself, trap and page tables, not
// of fetching memory from a host: the part huge pages save. It takes
// about 0.2 ms where faults are costly, and says 0 when it cannot tell.
func faultCost() time.Duration {
	const pages = 8
	size := pages * syscall.Getpagesize()
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return 0
	}
	defer syscall.Munmap(b)
	step := size / pages
	for i := 0; i < size; i += step {
		b[i] = 1
	}
	if err := syscall.Madvise(b, syscall.MADV_DONTNEED); err != nil {
		return 0
	}
	least := time.Duration(-1)
	for i := 0; i < size; i += step {
		t := time.Now()
		b[i] = 1
		if d := time.Since(t); least < 0 || d < least {
			least = d
		}
	}
	return max(least, 0)
}
