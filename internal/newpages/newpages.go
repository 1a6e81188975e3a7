// Package newpages has the page of new memory written before it is read.
//
// A page of a process's anonymous memory is not there until it is used.
// Written first, it is made at once (one fault). Read first, it maps the
// kernel's shared zero page, and the first write after copies that and
// flushes the page from the TLB of every core the process runs on: an
// interrupt to each, which a virtual machine's host must deliver
// (do_wp_page, flush_tlb_mm_range in perf). On stop 31's machine (two
// vCPUs of a Firecracker guest) those second faults were a tenth of a
// small report's extraction time, and a quarter of every page fault's.
//
// Go's memory is zero when it is made, so a table filled by probing
// (read a slot, write it if empty) or by read-modify-writes reads its
// pages first; the compiler drops a zero store right after new or make
// as needless, which is why this is a function of its own.
package newpages

import "unsafe"

// pageSize is the page size of amd64 and of most arm64 Linux kernels; on
// a kernel with larger pages each page is written several times, which
// costs nothing more.
const pageSize = 4096

// Touch writes the zero value over one element of s in each page it
// spans, and returns s. It is for new memory, whose elements are all
// zero: it changes nothing of s but when its pages are made.
//
//go:noinline
func Touch[T any](s []T) []T {
	var zero T
	step := 1
	if size := int(unsafe.Sizeof(zero)); size > 0 && size < pageSize {
		step = pageSize / size
	}
	for i := 0; i < len(s); i += step {
		s[i] = zero
	}
	return s
}
