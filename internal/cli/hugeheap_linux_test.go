package cli

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
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

func TestHeapAhead(t *testing.T) {
	for _, c := range []struct{ size, want int64 }{
		{-1, 0},             // standard input: not known
		{0, 0},              // an empty file
		{400_000, 0},        // a usual report: nothing to gain
		{1<<20 - 1, 0},      // just under a megabyte
		{1 << 20, 24 << 20}, // a megabyte
		{5_594_740, 24 * 5_594_740},
		{100 << 20, extractHeap}, // never above the start heap
	} {
		if got := heapAhead(c.size); got != c.want {
			t.Errorf("heapAhead(%d) = %d, want %d", c.size, got, c.want)
		}
	}
}

// TestHugeHeap runs in a process of its own (the test binary again, so
// that no other test's objects sit in the heap's free pages): after
// hugeHeap, the range it returns is marked for huge pages, and objects
// allocated afterwards land in it, which is the point. GODEBUG's
// disablethp=1 turns it off, and a second call does nothing.
func TestHugeHeap(t *testing.T) {
	thpAdvisable(t)
	if os.Getenv("DOSSIER_HUGEHEAP_CHILD") == "" {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestHugeHeap$", "-test.v")
		cmd.Env = append(os.Environ(), "DOSSIER_HUGEHEAP_CHILD=1")
		out, err := cmd.CombinedOutput()
		if err == nil && strings.Contains(string(out), "--- SKIP: TestHugeHeap") {
			t.Skipf("the child process skipped:\n%s", out)
		}
		if err != nil || !strings.Contains(string(out), "--- PASS: TestHugeHeap") {
			t.Fatalf("the child process: %v\n%s", err, out)
		}
		t.Logf("%s", out)
		return
	}
	e := &env{getenv: func(k string) string { return map[string]string{"GODEBUG": "x=1,disablethp=1"}[k] }}
	if lo, hi := hugeHeap(e, 64<<20); lo != 0 || hi != 0 {
		t.Errorf("with GODEBUG=disablethp=1 hugeHeap marked %#x-%#x", lo, hi)
	}
	// Whether hugeHeap marks depends on what faults cost here
	// (TestCostlyFaults): the marking itself is markHuge's.
	lo, hi := markHuge(64 << 20)
	if lo == 0 || hi-lo != 64<<20 {
		t.Fatalf("markHuge(64 MB) marked %#x-%#x", lo, hi)
	}
	if !huge(readSmaps(t), lo, hi) {
		t.Fatalf("%#x-%#x is not marked for huge pages in /proc/self/smaps", lo, hi)
	}
	e = &env{getenv: func(string) string { return "" }}
	hugeHeap(e, 64<<20)
	if lo2, hi2 := hugeHeap(e, 64<<20); lo2 != 0 || hi2 != 0 {
		t.Errorf("a second hugeHeap in the process marked %#x-%#x: only the first gets new pages", lo2, hi2)
	}
	// The extraction's heap, as it grows: 48 MB in objects of 64 kB.
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
		t.Errorf("%d of %d objects allocated after hugeHeap are in the range it marked", in, n)
	}
	fmt.Printf("%d of %d objects in the marked range\n", in, n)
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
