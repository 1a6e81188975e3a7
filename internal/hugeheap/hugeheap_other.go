//go:build !linux

package hugeheap

// Marked returns zeros outside Linux: the heap is left as it is.
func Marked() (start, end uintptr) { return 0, 0 }

// Release does nothing outside Linux: the init held nothing.
func Release() {}
