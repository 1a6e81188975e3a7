package linecut

import (
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

func TestBounds(t *testing.T) {
	for _, tc := range []struct {
		text   string
		pieces int
		want   []int
	}{
		{"", 4, []int{0, 0}},
		{"no line break at all", 3, []int{0, 20}},
		{"a\nb\nc\nd\n", 1, []int{0, 8}},
		{"a\nb\nc\nd\n", 0, []int{0, 8}},
		{"a\nb\nc\nd\n", 2, []int{0, 6, 8}},    // after the line break at or past the middle
		{"a\nb\nc\nd\n", 4, []int{0, 4, 6, 8}}, // 8/4=2 is "b": the break after it
		{"aaaaaaaa\nb", 4, []int{0, 9, 10}},    // one break: one cut, never twice the same
		{"a\nbbbbbbbbbbbb", 2, []int{0, 14}},   // no break past the middle
		{"aaaa\n", 2, []int{0, 5}},             // a cut at the end is no cut
		{"x\n" + strings.Repeat("y", 20) + "\nz\n", 3, []int{0, 23, 25}},
	} {
		got := Bounds(tc.text, tc.pieces)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Bounds(%q, %d) = %v, want %v", tc.text, tc.pieces, got, tc.want)
		}
		for i := 1; i+1 < len(got); i++ {
			if tc.text[got[i]-1] != '\n' {
				t.Errorf("Bounds(%q, %d): cut %d is not just after a line break", tc.text, tc.pieces, got[i])
			}
		}
	}
}

func TestPieces(t *testing.T) {
	cores := runtime.GOMAXPROCS(0)
	for _, tc := range []struct{ n, min, want int }{
		{0, 100, 1},
		{99, 100, 1},
		{250, 100, min(2, 2*cores)},
		{1 << 30, 100, min(8, 2*cores)},
		{10, 0, min(8, 2*cores)}, // no minimum: as many as allowed
	} {
		if got := Pieces(tc.n, tc.min); got != tc.want {
			t.Errorf("Pieces(%d, %d) = %d, want %d (GOMAXPROCS %d)", tc.n, tc.min, got, tc.want, cores)
		}
	}
}

func TestMany(t *testing.T) {
	cores := runtime.GOMAXPROCS(0)
	for _, tc := range []struct{ n, min, want int }{
		{0, 100, 1},
		{99, 100, 1},
		{250, 100, min(2, 8*cores)},
		{1 << 30, 100, min(64, 8*cores)},
		{10, 0, min(10, 8*cores)}, // no minimum: as many as allowed, no more than the units
	} {
		if got := Many(tc.n, tc.min); got != tc.want {
			t.Errorf("Many(%d, %d) = %d, want %d (GOMAXPROCS %d)", tc.n, tc.min, got, tc.want, cores)
		}
	}
}

// TestRun checks that Run calls f once for each piece, and only for the
// pieces asked, and returns when every call has.
func TestRun(t *testing.T) {
	for _, pieces := range []int{0, 1, 2, 3, 17, 200} {
		calls := make([]atomic.Int32, pieces+1)
		var done atomic.Int32
		Run(pieces, func(p int) {
			if p < 0 || p >= pieces {
				t.Errorf("Run(%d): called for piece %d", pieces, p)
				return
			}
			calls[p].Add(1)
			done.Add(1)
		})
		if got := done.Load(); got != int32(pieces) {
			t.Errorf("Run(%d) returned after %d calls", pieces, got)
		}
		for p := range pieces {
			if n := calls[p].Load(); n != 1 {
				t.Errorf("Run(%d): piece %d called %d times", pieces, p, n)
			}
		}
	}
}

// TestRunWith: every piece once, each with the state of the goroutine
// that took it, and no more states than goroutines (one a core).
func TestRunWith(t *testing.T) {
	for _, pieces := range []int{0, 1, 2, 17, 200} {
		var states atomic.Int32
		calls := make([]atomic.Int32, pieces+1)
		RunWith(pieces, func() *int32 { return new(int32) }, func(p int, s *int32) {
			if *s == 0 {
				states.Add(1)
			}
			*s++ // a goroutine's own: no other goroutine touches it
			calls[p].Add(1)
		})
		for p := range pieces {
			if n := calls[p].Load(); n != 1 {
				t.Errorf("RunWith(%d): piece %d called %d times", pieces, p, n)
			}
		}
		if n := states.Load(); int(n) > max(runtime.GOMAXPROCS(0), 1) {
			t.Errorf("RunWith(%d): %d states used, more than the %d goroutines", pieces, n, runtime.GOMAXPROCS(0))
		}
	}
}
