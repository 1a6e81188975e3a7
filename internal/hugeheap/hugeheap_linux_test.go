package hugeheap

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// vma is one mapping of /proc/self/smaps: its range and its VmFlags.
type vma struct {
	start, end uintptr
	flags      []string
}

func readSmaps(t *testing.T) []vma {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var out []vma
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "VmFlags:"); ok && len(out) > 0 {
			out[len(out)-1].flags = strings.Fields(rest)
			continue
		}
		rng, _, _ := strings.Cut(line, " ")
		lo, hi, ok := strings.Cut(rng, "-")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(lo, 16, 64)
		b, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil {
			continue // a field line, not a mapping's
		}
		out = append(out, vma{start: uintptr(a), end: uintptr(b)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// huge says whether all of [lo, hi) is in mappings marked for huge
// pages (VmFlags "hg", what MADV_HUGEPAGE sets).
func huge(maps []vma, lo, hi uintptr) bool {
	for lo < hi {
		i := -1
		for k, m := range maps {
			if m.start <= lo && lo < m.end {
				i = k
				break
			}
		}
		if i < 0 || !strings.Contains(" "+strings.Join(maps[i].flags, " ")+" ", " hg ") {
			return false
		}
		lo = maps[i].end
	}
	return true
}

func thpAdvisable(t *testing.T) {
	t.Helper()
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(b), "[never]") {
		t.Skipf("this kernel gives no transparent huge pages (%q, %v)", b, err)
	}
}

// keep holds the test's objects live.
var keep [][]byte

// TestMarked: what the init marked, when it marked anything, is marked
// for huge pages in /proc/self/smaps, and is Size bytes.
func TestMarked(t *testing.T) {
	lo, hi := Marked()
	if lo == 0 && hi == 0 {
		t.Skipf("the init marked nothing here (a page fault: %v; GODEBUG=%q)", faultCost(), os.Getenv("GODEBUG"))
	}
	if hi-lo != Size {
		t.Errorf("Marked() = %#x-%#x, %d bytes, want %d", lo, hi, hi-lo, Size)
	}
	maps := readSmaps(t)
	if !huge(maps, lo, hi) {
		t.Errorf("%#x-%#x is not marked for huge pages in /proc/self/smaps", lo, hi)
	}
	checkCollapsed(t, maps, lo, false)
}

// TestHeld: what the init marked, it holds the ballast for, above the
// marked range and of ballastSize bytes, and the filler, the collapsed
// block's part in the range, to its end; Release lets go of both. (The
// test binary's init is dossier's.)
func TestHeld(t *testing.T) {
	lo, hi := Marked()
	if lo == 0 && hi == 0 {
		t.Skipf("the init marked nothing here (a page fault: %v; GODEBUG=%q)", faultCost(), os.Getenv("GODEBUG"))
	}
	b := uintptr(unsafe.Pointer(unsafe.SliceData(ballast)))
	if len(ballast) != ballastSize || b < hi {
		t.Errorf("ballast of %d bytes at %#x, want %d bytes at or above the marked range's end %#x", len(ballast), b, ballastSize, hi)
	}
	if collapsedAt != 0 {
		f := uintptr(unsafe.Pointer(unsafe.SliceData(filler)))
		if f != lo || f+uintptr(len(filler)) != collapsedAt+hugePage {
			t.Errorf("filler %#x-%#x, want the collapsed block's part in the range, %#x-%#x", f, f+uintptr(len(filler)), lo, collapsedAt+hugePage)
		}
	} else if filler != nil {
		t.Errorf("a filler of %d bytes where no block was collapsed", len(filler))
	}
	Release()
	if ballast != nil || filler != nil {
		t.Errorf("after Release: ballast of %d bytes, filler of %d", len(ballast), len(filler))
	}
}

// TestMark runs in a process of its own (the test binary again, with
// GODEBUG=disablethp=1 so that its init marks nothing and no other
// test's objects sit in the heap's free pages, and GOGC=off): after
// mark, the range it
// returns is marked for huge pages, and objects allocated afterwards
// land in it, which is the point. With disablethp=1 the init does
// nothing (Marked is zeros).
func TestMark(t *testing.T) {
	thpAdvisable(t)
	if os.Getenv("DOSSIER_HUGEHEAP_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestMark$", "-test.v")
		// GOGC=off: no collection but mark's own, so the runtime's
		// scavenger, which hands free pages back to the kernel, has
		// nothing to do, and cannot split the block checkCollapsed reads.
		cmd.Env = append(os.Environ(), "DOSSIER_HUGEHEAP_CHILD=1", "GODEBUG=disablethp=1", "GOGC=off")
		out, err := cmd.CombinedOutput()
		if err == nil && strings.Contains(string(out), "--- SKIP: TestMark") {
			t.Skipf("the child process skipped:\n%s", out)
		}
		if err != nil || !strings.Contains(string(out), "--- PASS: TestMark") {
			t.Fatalf("the child process: %v\n%s", err, out)
		}
		t.Logf("%s", out)
		return
	}
	if lo, hi := Marked(); lo != 0 || hi != 0 {
		t.Errorf("with GODEBUG=disablethp=1 the init marked %#x-%#x", lo, hi)
	}
	lo, hi := mark(64 << 20)
	if lo == 0 || hi-lo != 64<<20 {
		t.Fatalf("mark(64 MB) marked %#x-%#x", lo, hi)
	}
	maps := readSmaps(t)
	if !huge(maps, lo, hi) {
		t.Fatalf("%#x-%#x is not marked for huge pages in /proc/self/smaps", lo, hi)
	}
	checkCollapsed(t, maps, lo, true)
	// A heap as it grows: 48 MB in objects of 64 kB.
	var in, n int
	for range 48 << 4 {
		b := make([]byte, 64<<10)
		keep = append(keep, b)
		p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		if lo <= p && p < hi {
			in++
		}
		n++
	}
	defer func() { keep = nil }()
	if in < n*9/10 {
		t.Errorf("%d of %d objects allocated after mark are in the range it marked", in, n)
	}
	t.Logf("%d of %d objects in the marked range", in, n)
}

// checkCollapsed: the 2 MB block where a marked range starting at lo
// starts, when lo is not on a block's edge, is marked for huge pages
// from its start and was collapsed into a huge page (collapseFirst), on
// a kernel that has MADV_COLLAPSE (Linux 6.1) and unless it refused for
// now (EAGAIN). Right after mark (fresh), every page of the block's part
// in the range, never touched, is present (/proc/self/pagemap): one huge
// page maps them all, where small pages would be absent until touched.
// Later the runtime's scavenger may have split it (it returns free
// pages to the kernel), so that is then only said.
func checkCollapsed(t *testing.T, maps []vma, lo uintptr, fresh bool) {
	t.Helper()
	block := lo &^ (hugePage - 1)
	if block == lo {
		t.Logf("the range starts on a block's edge: nothing to collapse")
		return
	}
	if collapsedAt == 0 {
		var u syscall.Utsname
		switch err := syscall.Uname(&u); {
		case collapseErr == syscall.EAGAIN:
			t.Logf("the kernel refused to collapse the block at %#x three times for now (EAGAIN): it keeps small pages", block)
		case err == nil && kernelAtLeast(u.Release[:], 6, 1):
			t.Errorf("the block at %#x was not collapsed into a huge page (Linux %s): %v", block, utsString(u.Release[:]), collapseErr)
		default:
			t.Logf("no MADV_COLLAPSE here (%v): the block at %#x keeps small pages", collapseErr, block)
		}
		return
	}
	if collapsedAt != block {
		t.Errorf("collapsed %#x, want the block %#x where %#x starts", collapsedAt, block, lo)
	}
	if !huge(maps, block, lo) {
		t.Errorf("%#x-%#x, the block's part before the range, is not marked for huge pages", block, lo)
	}
	n, all := presentPages(t, lo, block+hugePage)
	switch {
	case n == all:
		t.Logf("the block at %#x is a huge page: all %d pages of its part in the range are present, untouched", block, all)
	case fresh:
		t.Errorf("%d of the %d pages of %#x-%#x are present: the block at %#x is not one huge page", n, all, lo, block+hugePage, block)
	default:
		t.Logf("%d of the %d pages of %#x-%#x are present: the block at %#x has been split since", n, all, lo, block+hugePage, block)
	}
}

// presentPages counts the pages of [lo, hi) that are present in memory,
// by /proc/self/pagemap (bit 63 of each page's entry), of all there are.
func presentPages(t *testing.T, lo, hi uintptr) (n, all int) {
	t.Helper()
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skipf("no /proc/self/pagemap: %v", err)
	}
	defer f.Close()
	page := uintptr(syscall.Getpagesize())
	all = int((hi - lo) / page)
	buf := make([]byte, 8*all)
	if _, err := f.ReadAt(buf, int64(lo/page*8)); err != nil {
		t.Fatalf("reading /proc/self/pagemap: %v", err)
	}
	for i := range all {
		if buf[8*i+7]&0x80 != 0 {
			n++
		}
	}
	return n, all
}

// kernelAtLeast reports whether a uname release ("6.18.44-fc") is at
// least major.minor.
func kernelAtLeast(release []int8, major, minor int) bool {
	f := strings.FieldsFunc(utsString(release), func(r rune) bool { return r < '0' || r > '9' })
	if len(f) < 2 {
		return false
	}
	a, _ := strconv.Atoi(f[0])
	b, _ := strconv.Atoi(f[1])
	return a > major || a == major && b >= minor
}

func utsString(b []int8) string {
	var s []byte
	for _, c := range b {
		if c == 0 {
			break
		}
		s = append(s, byte(c))
	}
	return string(s)
}

// TestCostlyFaults: the probe measures a fault (a positive time, well
// under the millisecond a page of bytes could never take), and the
// threshold splits the machines it was set between: stop 23's PVM guest
// (9-10 µs a fault) takes huge pages, a fault of a microsecond or less
// does not, nor a probe that could not tell (0).
func TestCostlyFaults(t *testing.T) {
	d := faultCost()
	if d <= 0 || d > time.Millisecond {
		t.Errorf("faultCost() = %v, want a fault's time", d)
	}
	t.Logf("a page fault here: %v; huge pages: %v", d, costlyFaults(d))
	for _, c := range []struct {
		d    time.Duration
		want bool
	}{
		{0, false},
		{300 * time.Nanosecond, false},
		{time.Microsecond, false},
		{3 * time.Microsecond, true},
		{9 * time.Microsecond, true},
	} {
		if got := costlyFaults(c.d); got != c.want {
			t.Errorf("costlyFaults(%v) = %v, want %v", c.d, got, c.want)
		}
	}
}

func TestDisabled(t *testing.T) {
	for _, c := range []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"gctrace=1,disablethp=1", true},
		{"disablethp=1,gctrace=1", true},
		{"disablethp=0", false},
		{"xdisablethp=1", false},
		{"disablethp=10", false},
	} {
		if got := disabled(c.godebug); got != c.want {
			t.Errorf("disabled(%q) = %v, want %v", c.godebug, got, c.want)
		}
	}
}
