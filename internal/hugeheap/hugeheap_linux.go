package hugeheap

import (
	"os"
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// Size is how much of the heap is marked: the heap dossier starts a
// one-shot extraction with (cli's extractHeap), which holds a 5 MB
// report's. Marking costs nothing for pages never touched; a heap that
// grows past it is backed by small pages beyond.
const Size = 256 << 20

// marked is the range the init marked, for Marked.
var markedStart, markedEnd uintptr

func init() {
	if disabled(os.Getenv("GODEBUG")) || !costlyFaults(faultCost()) {
		return
	}
	markedStart, markedEnd = mark(Size)
}

// disabled reports whether a GODEBUG value sets disablethp=1. (Not
// with package strings: importing it would have this package initialised
// after the many that wait for it too, and their tables in small pages.)
func disabled(godebug string) bool {
	const key = "disablethp=1"
	for i := 0; i+len(key) <= len(godebug); i++ {
		if godebug[i:i+len(key)] == key && (i == 0 || godebug[i-1] == ',') && (i+len(key) == len(godebug) || godebug[i+len(key)] == ',') {
			return true
		}
	}
	return false
}

// Marked returns the range of the heap marked for huge pages, or zeros
// when none was (small pages cost little here, the kernel gives no huge
// pages, or GODEBUG says not to).
func Marked() (start, end uintptr) { return markedStart, markedEnd }

// mark asks Linux to back the next bytes of the Go heap with huge pages
// (transparent huge pages set to "madvise", the default of Debian,
// Ubuntu and others, or "always"). The runtime gives no way to ask this
// of its heap (Go 1.21.0 did, for every heap, and took it back for
// long-running servers, whose freed pages huge pages keep resident), so
// mark grows the heap by one object of bytes, never touched, marks its
// pages, and lets a collection free it: the runtime hands out the lowest
// free pages first, so what is allocated afterwards fills the marked
// pages. What it costs is one collection of the heap as it is (3-5 ms
// of wall time on a two-core virtual machine, mostly the handing of the
// collection's phases between threads), at most the rest of one 2 MB
// page past the end of what is used, and the runtime's zeroing of what
// it hands out there (the object marked the pages used), at the speed of
// memory.
//
// Whether that pays depends on the machine, which is why costlyFaults
// measures it. A fault has a cost of its own, and each page a cost of
// its bytes (zeroed, and on a virtual machine perhaps fetched from the
// host). Huge pages save the first 511 times in 512 and pay the second
// for all of a 2 MB page, written or not. Stop 23's machine (a
// Firecracker guest under PVM, where every fault traps to the host)
// takes 9-10 µs a fault even on memory it holds: a 5.6 MB extraction
// faulted 25,600 times, a quarter of a second of system time. Stop 22's
// machine (cheap faults, freed memory handed back to the host) lost with
// huge pages: whole 2 MB pages were fetched from the host again.
func mark(bytes int) (start, end uintptr) {
	b := make([]byte, bytes)
	start = uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	end = start + uintptr(len(b))
	// Allocated while b is live, the ballast lies above the marked
	// range and is never touched (see ballast).
	ballast = make([]byte, ballastSize)
	// Not every kernel has transparent huge pages: then the heap is as
	// it would have been.
	if err := syscall.Madvise(b, madvHugepage); err != nil {
		start, end = 0, 0
	} else {
		// Before the collection frees b: afterwards the runtime's
		// scavenger may hand b's free pages back to the kernel in 64 KB
		// pieces, splitting the huge page as it is made.
		collapsedAt, collapseErr = collapseFirst(start)
	}
	runtime.KeepAlive(b) // b is dead from here on: the collection frees it
	runtime.GC()
	if collapseErr == syscall.EAGAIN {
		// The collection b's allocation started was touching the
		// block's pages; it is over now.
		collapsedAt, collapseErr = collapseFirst(start)
	}
	// The collapsed block's part in the range is free now, the lowest
	// free pages of the heap: the filler takes them (see filler).
	if collapsedAt != 0 {
		filler = make([]byte, collapsedAt+hugePage-start)
	}
	return start, end
}

// ballast and filler are what mark holds from the init until Release.
//
// The ballast is ballastSize bytes that nothing ever touches, so no
// memory backs them. After mark's collection the heap holds a megabyte
// or so, and the runtime would collect again at 4 MB: the packages
// initialised after this one allocate more than that (the tables they
// build), so a collection ran in the middle of their inits, 2-4 ms of
// the serial start of every run of dossier. Held, the ballast counts
// as live, and the next collection is due at about twice it.
//
// The filler holds the free part of the block collapseFirst made a huge
// page. After a collection the runtime's scavenger hands free pages back
// to the kernel, 64 kB at a time, highest first, down to the block:
// each handed back split the huge page, and the heap then faulted the
// block's pages in one by one as it reused them (100 to 150 small-page
// faults in bench/extract.sh's run).
var ballast, filler []byte

// ballastSize is the ballast's size.
const ballastSize = 16 << 20

// Release lets go of the ballast and the filler: the next collection
// frees them, and paces itself by the heap that is left. A command
// calls it first, before its own work: a server's heap is paced as any
// Go program's from then on, and a one-shot command that sets its own
// pacing (heapstart.Start) finds the next collection not yet due.
func Release() { ballast, filler = nil, nil }

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

// madvCollapse is MADV_COLLAPSE (Linux 6.1), which package syscall does
// not name either.
const madvCollapse = 25

// hugePage is the size of a transparent huge page where base pages are
// 4 KB (amd64, and arm64 as most distributions build it).
const hugePage = 2 << 20

// collapsedAt is the block collapseFirst made a huge page, 0 for none,
// and collapseErr why the kernel refused it, if it did: for the tests.
var (
	collapsedAt uintptr
	collapseErr syscall.Errno
)

// collapseFirst makes the 2 MB block where the marked range starts a
// huge page at once, and returns its address (0 when it did not) and,
// when the kernel refused, its error. The block's first part is heap
// the runtime used before the init, in small pages, so the kernel gives
// the whole block small pages: without this, its 512 pages fault one by
// one as the heap fills them, 480 faults in an extraction of 5 MB, 380
// of them in the serial start (4 ms where a fault costs 10 µs). The
// block's first part is marked as well, so that the block lies in one
// mapping, and Linux is asked to collapse it (MADV_COLLAPSE): it copies
// the pages there into a huge page. A transient refusal (EAGAIN: a page
// of the block was busy) is tried again, three tries in all (and mark
// tries once more after its collection). Nothing is
// done where base pages are not 4 KB, where transparent huge pages are
// off ("never", which MADV_COLLAPSE would not heed), or when the range
// starts on a block's edge; where the kernel refuses (before Linux 6.1)
// the block is as it would have been.
func collapseFirst(start uintptr) (uintptr, syscall.Errno) {
	lo := start &^ (hugePage - 1)
	if lo == start || syscall.Getpagesize() != 4096 || thpNever() {
		return 0, 0
	}
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, lo, start-lo, madvHugepage); e != 0 {
		return 0, e
	}
	var e syscall.Errno
	for range 3 {
		if _, _, e = syscall.Syscall(syscall.SYS_MADVISE, lo, hugePage, madvCollapse); e != syscall.EAGAIN {
			break
		}
	}
	if e != 0 {
		return 0, e
	}
	return lo, 0
}

// thpNever reports whether transparent huge pages are turned off
// (/sys/kernel/mm/transparent_hugepage/enabled says "[never]"), or the
// setting cannot be read.
func thpNever() bool {
	fd, err := syscall.Open("/sys/kernel/mm/transparent_hugepage/enabled", syscall.O_RDONLY, 0)
	if err != nil {
		return true
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return true
	}
	const never = "[never]"
	for i := 0; i+len(never) <= n; i++ {
		if string(buf[i:i+len(never)]) == never {
			return true
		}
	}
	return false
}

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
