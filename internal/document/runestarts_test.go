package document

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestRuneStarts checks runeStarts against a byte-by-byte count on
// strings of every kind of byte, valid UTF-8 or not.
func TestRuneStarts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		s := string(b)
		want := 0
		for i := 0; i < len(s); i++ {
			if utf8.RuneStart(s[i]) {
				want++
			}
		}
		if got := runeStarts(s); got != want {
			t.Fatalf("runeStarts(%q) = %d, want %d", s, got, want)
		}
	}
}
