package document

import (
	"testing"
	"unicode/utf8"
)

// TestLinkBytes checks the byte offsets linkBytes gives links found apart
// from the writing of the text (a PDF's) against counting code points
// from the start, for text with characters of one to four bytes and for
// spans empty, shared, reaching the text's end or past it.
func TestLinkBytes(t *testing.T) {
	text := "Voir « APT28 » ici: https://example.com/x — fin 😀 end"
	n := utf8.RuneCountInString(text)
	byteOf := func(cp int) int { // the slow way: the prefix of cp code points
		if cp >= n {
			return len(text)
		}
		i := 0
		for range cp {
			_, size := utf8.DecodeRuneInString(text[i:])
			i += size
		}
		return i
	}
	var links []Link
	for s := 0; s <= n+2; s++ {
		for e := s; e <= n+2; e += 3 {
			links = append(links, Link{Start: s, End: e, ByteStart: -1, ByteEnd: -1})
		}
	}
	check := func(ls []Link) {
		t.Helper()
		linkBytes(text, ls)
		for _, l := range ls {
			if l.ByteStart != byteOf(l.Start) || l.ByteEnd != byteOf(l.End) {
				t.Fatalf("link [%d,%d): bytes [%d,%d), want [%d,%d)", l.Start, l.End, l.ByteStart, l.ByteEnd, byteOf(l.Start), byteOf(l.End))
			}
		}
	}
	for i := 0; i < len(links); i += 7 {
		check(links[i:min(i+11, len(links))])
	}
	check(links)
	linkBytes(text, nil) // nothing to do
	linkBytes("", []Link{{Start: 0, End: 0}})
}
