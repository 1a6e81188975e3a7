package extract

import (
	"maps"
	"testing"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/document"
)

// TestLinkBytes checks the byte offsets of links' anchors against a
// look-up at every character, for text with multi-byte and invalid
// characters and for spans out of the text, empty, inverted or shared.
func TestLinkBytes(t *testing.T) {
	anchorBytes := func(text string, links []document.Link) map[int]int { // the byte end of each anchor -> its start
		out := map[int]int{}
		for _, l := range linkBytes(text, links) {
			out[l.End] = l.Start
		}
		return out
	}
	text := "Voir « APT28 » ici: https://example.com/x — fin.\xff\xfeend"
	slow := func(links []document.Link) map[int]int {
		want := map[int]bool{}
		for _, l := range links {
			if l.End > l.Start {
				want[l.Start], want[l.End] = true, true
			}
		}
		at := map[int]int{}
		cp := 0
		for i := range text {
			if want[cp] {
				at[cp] = i
			}
			cp++
		}
		if want[cp] {
			at[cp] = len(text)
		}
		out := map[int]int{}
		for _, l := range links {
			s, ok1 := at[l.Start]
			e, ok2 := at[l.End]
			if l.End > l.Start && ok1 && ok2 {
				out[e] = s
			}
		}
		return out
	}
	n := utf8.RuneCountInString(text)
	var links []document.Link
	for s := -2; s <= n+2; s++ {
		for e := s - 1; e <= n+2; e += 3 {
			links = append(links, document.Link{Start: s, End: e})
		}
	}
	for i := 0; i < len(links); i += 7 {
		ls := links[i:min(i+11, len(links))]
		if got, want := anchorBytes(text, ls), slow(ls); !maps.Equal(got, want) {
			t.Fatalf("links %v: got %v, want %v", ls, got, want)
		}
	}
	if got, want := anchorBytes(text, links), slow(links); !maps.Equal(got, want) {
		t.Fatalf("all links: got %v, want %v", got, want)
	}
}

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
