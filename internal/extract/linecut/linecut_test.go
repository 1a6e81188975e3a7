package linecut

import (
	"runtime"
	"slices"
	"strings"
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
