package ioc

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// platformNearByWord is platformNear as first written, each platform word
// looked for in turn: the reference.
func platformNearByWord(t string, i int) string {
	lo := max(0, i-150)
	if nl := strings.LastIndexByte(t[lo:i], '\n'); nl >= 0 {
		lo += nl + 1
	}
	win := t[lo:i]
	best, bestAt := "", -1
	for _, p := range platformWords {
		for k := len(win) - len(p.word); k >= 0 && k > bestAt; k-- {
			if !hasFoldPrefix(win[k:], p.word) {
				continue
			}
			if k > 0 && class[win[k-1]]&cAlpha != 0 {
				continue
			}
			if e := k + len(p.word); p.word == "on x" && e < len(win) && class[win[e]]&cAlnum != 0 {
				continue
			}
			best, bestAt = p.platform, k
			break
		}
	}
	return best
}

// TestPlatformNear compares platformNear with the reference at every
// place of texts built from the platforms' words, their pieces, handles,
// spaces, line breaks and letters, and of a real-looking sentence.
func TestPlatformNear(t *testing.T) {
	pieces := []string{" ", "  ", "\n", "@", "x", "X", "on", "on x", "On X ", "xo", "a", "1", ".", "(", ")", "’"}
	for _, p := range platformWords {
		pieces = append(pieces, p.word, strings.ToUpper(p.word), p.word[:len(p.word)/2])
	}
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"The persona posted on Telegram and on X as @leakdesk, and on TikTok (@leak_desk) too."}
	for range 3000 {
		var b strings.Builder
		for range 1 + rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			if got, want := platformNear(s, i), platformNearByWord(s, i); got != want {
				t.Fatalf("platformNear(%q, %d) = %q, want %q", s, i, got, want)
			}
		}
	}
}
