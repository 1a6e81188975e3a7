package names

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/swar"
)

// TestWordMemoKeys: the word memos give every token what classifying it
// alone gives, for words that share their first eight bytes, or their
// last eight, and their length with another (the memos key words of 9 to
// 16 bytes by those two halves, and longer ones by a hash), and for
// words of every length around the memos' boundaries.
func TestWordMemoKeys(t *testing.T) {
	r := recognizer(t)
	words := []string{
		"Gamaredon", "Gamaredox", "xamaredon", "Gamaredon", // a known name and its near misses, 9 bytes
		"Kimsukyyy", "APT28apt2", "Sandworms",
		"Microsoftware", "Microsoftwares", "Microsoftwarez",
		"ScatteredSpider1", "ScatteredSpider2", "1catteredSpider1", "ScatteredSpider1",
		"CharmingKittens17", "CharmingKittens18", "CharmingKittens17",
		"abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijklmnop", "abcdefghijklmnopq",
		strings.Repeat("k", 32), strings.Repeat("k", 33), "Sofacy", "Fancy", "Bear",
	}
	// A word of ATT&CK's software and, found by trying, a word of its
	// length that shares its first eight bytes and another its last
	// eight, each in the same slot of the memo, where only the whole key
	// tells them apart.
	const known = "BlackEnergy"
	if k := newDoc(r, known+" used", nil); k.node0[0] <= 0 {
		t.Fatalf("%s starts no name", known)
	}
	slot := midSlot(swar.Load(known[:8]), swar.Load(known[len(known)-8:]))
	sameLo, sameHi := "", ""
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for _, a := range letters {
		for _, b := range letters {
			for _, c := range letters {
				abc := string(a) + string(b) + string(c)
				if w := known[:8] + abc; sameLo == "" && w != known && midSlot(swar.Load(w[:8]), swar.Load(w[len(w)-8:])) == slot {
					sameLo = w
				}
				if w := abc + known[3:]; sameHi == "" && w != known && midSlot(swar.Load(w[:8]), swar.Load(w[len(w)-8:])) == slot {
					sameHi = w
				}
			}
		}
	}
	if sameLo == "" || sameHi == "" {
		t.Fatalf("no word found in %s's slot: %q %q", known, sameLo, sameHi)
	}
	words = append(words, known, sameLo, known, sameHi, sameLo, sameHi)
	var b strings.Builder
	for i := 0; i < 50; i++ { // over and over, so that the memos are hit
		for _, w := range words {
			b.WriteString(w)
			b.WriteString(" ")
		}
		b.WriteString(".\n")
	}
	text := b.String()
	d := newDoc(r, text, nil)
	n := len(d.toks)
	wc, sid, node0 := slices.Clone(d.wc), slices.Clone(d.sid), slices.Clone(d.node0)
	for i := 0; i < n; i++ {
		d.classifyRange(i, i+1, newWordMemos()) // alone: a memo of its own
	}
	for i := 0; i < n; i++ {
		if wc[i] != d.wc[i] || sid[i] != d.sid[i] || node0[i] != d.node0[i] {
			s, e := d.toks[i].start, d.toks[i].end()
			t.Errorf("token %d %q: memoised %d/%d/%d, alone %d/%d/%d", i, text[s:e], wc[i], sid[i], node0[i], d.wc[i], d.sid[i], d.node0[i])
		}
	}
}
