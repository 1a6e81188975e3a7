package extract

import (
	"testing"
	"unicode/utf8"
)

// TestRuneIndex checks code-point offsets against counting from the
// start, at every character of texts around the block length, ASCII
// and not.
func TestRuneIndex(t *testing.T) {
	for _, unit := range []string{"a", "é", "’", "😀", "ab’"} {
		for n := range 3*runeBlock + 2 {
			var text string
			for len(text) < n {
				text += unit
			}
			ix := newRuneIndex(text)
			for off := 0; off <= len(text); off++ {
				if off < len(text) && !utf8.RuneStart(text[off]) {
					continue // spans start and end at characters
				}
				if got, want := ix.runes(off), utf8.RuneCountInString(text[:off]); got != want {
					t.Fatalf("%q: runes(%d) = %d, want %d", text, off, got, want)
				}
			}
		}
	}
}
