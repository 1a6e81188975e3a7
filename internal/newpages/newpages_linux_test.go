package newpages

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// resident returns the process's resident pages (statm's second field).
func resident(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Skip(err)
	}
	n, err := strconv.Atoi(strings.Fields(string(b))[1])
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTouchMakesPages: every page of new memory is there after Touch,
// of elements smaller and larger than a page.
func TestTouchMakesPages(t *testing.T) {
	for _, size := range []int{1, 24, 3 * pageSize} {
		const pages = 2048
		m, err := syscall.Mmap(-1, 0, pages*pageSize, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
		if err != nil {
			t.Skip(err)
		}
		before := resident(t)
		switch size {
		case 1:
			Touch(m)
		case 24:
			Touch(unsafeSlice[[24]byte](m))
		default:
			Touch(unsafeSlice[[3 * pageSize]byte](m))
		}
		if got := resident(t) - before; got < pages*9/10 {
			t.Errorf("elements of %d bytes: %d of %d pages made", size, got, pages)
		}
		syscall.Munmap(m)
	}
}

// unsafeSlice views b as elements of T.
func unsafeSlice[T any](b []byte) []T {
	var zero T
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/int(unsafe.Sizeof(zero)))
}
