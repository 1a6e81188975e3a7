package names

import (
	"math/bits"

	"github.com/dossier-cti/dossier/internal/newpages"
)

// wordTable maps lower-case words to values by the FNV-1a hash of the
// word, for classify, which looks up the words of a long report
// hundreds of thousands of times (classifyRange's memo misses): a short
// FNV-1a and one or two probes cost less than a Go map's string hash
// and look-up (BenchmarkFindAnnoCTR 20.7 -> 20.1 ms, eight runs each).
// Open addressing with linear probing, a quarter full at most, so that
// a word it does not hold, the common case, is turned down at its first
// or second probe.
type wordTable[V any] struct {
	hashes []uint32 // by slot: the key's hash with its low bit set; 0 for an empty slot
	keys   []string
	vals   []V
	mask   uint32
}

// newWordTable holds m's keys, each with its value.
func newWordTable[V any](m map[string]V) *wordTable[V] {
	n := 1 << bits.Len(uint(4*len(m)+15)) // a power of two, over four times len(m)
	t := &wordTable[V]{hashes: make([]uint32, n), keys: make([]string, n), vals: make([]V, n), mask: uint32(n - 1)}
	newpages.Touch(t.hashes) // the probes below read slots before they write them
	for k, v := range m {
		h := fnv1a(k)
		i := h & t.mask
		for t.hashes[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.hashes[i], t.keys[i], t.vals[i] = h|1, k, v
	}
	return t
}

// get returns the value of word w, whose FNV-1a hash is h (fnv1a),
// and whether the table holds w.
func (t *wordTable[V]) get(w []byte, h uint32) (V, bool) {
	mark := h | 1
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.hashes[i] {
		case 0:
			var zero V
			return zero, false
		case mark:
			if t.keys[i] == string(w) {
				return t.vals[i], true
			}
		}
	}
}

// fnv1a is the FNV-1a hash of s.
func fnv1a[S ~string | ~[]byte](s S) uint32 {
	h := fnvOffset
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}
