package names

import (
	"strings"
	"testing"
)

// TestWordTable: the tables classify reads give every word of the maps
// they are made from its value, and turn down the words they do not
// hold: each word's prefixes and extensions, the same word in upper
// case, and words of no list.
func TestWordTable(t *testing.T) {
	r := recognizer(t)
	words, cues := buildWords()
	for name, c := range map[string]struct {
		m map[string]uint32
		t *wordTable[uint32]
	}{"words": {words, r.words}, "cues": {cues, r.cues}} {
		if len(c.m) == 0 {
			t.Fatalf("%s: an empty map", name)
		}
		for w, v := range c.m {
			if got, ok := c.t.get([]byte(w), fnv1a(w)); !ok || got != v {
				t.Errorf("%s: get(%q) = %v, %v; want %v, true", name, w, got, ok, v)
			}
			for _, x := range []string{w[:len(w)-1], w + "x", strings.ToUpper(w), "zz" + w} {
				if _, in := c.m[x]; in {
					continue
				}
				if got, ok := c.t.get([]byte(x), fnv1a([]byte(x))); ok {
					t.Errorf("%s: get(%q) = %v, true; the map has no such word", name, x, got)
				}
			}
		}
	}
	for st, id := range r.phrases.vocab {
		if got, ok := r.stems.get([]byte(st), fnv1a(st)); !ok || got != id {
			t.Errorf("stems: get(%q) = %v, %v; want %v, true", st, got, ok, id)
		}
	}
	empty := newWordTable(map[string]int32{})
	if _, ok := empty.get([]byte("apt"), fnv1a("apt")); ok {
		t.Error("an empty table holds \"apt\"")
	}
}
