package lookalike

import "fmt"

// Edits are found with a deletion neighbourhood (the symmetric-delete
// method): two strings are within d edits (insertions, deletions,
// substitutions, adjacent transpositions) only if deleting at most d
// characters from each gives the same string. The matcher stores, for
// every protected label, the hashes of all its deletion variants; a seen
// label computes the hashes of its own variants from prefix hashes in
// O(1) each, without allocating, and looks them up. A hit is a candidate,
// confirmed by the exact distance. The cost of a check depends on the
// label's length and not on how many domains are protected.

const (
	hashBase = 0x100000001b3 // odd; the FNV-64 prime
	lenMix   = 0x9e3779b97f4a7c15
)

// delHasher holds the prefix hashes of a rune string.
type delHasher struct {
	pre [maxRunes + 1]uint64
	pow [maxRunes + 1]uint64
	n   int
}

func (h *delHasher) reset(rs []rune) {
	h.n = len(rs)
	h.pre[0], h.pow[0] = 0, 1
	for i, r := range rs {
		h.pre[i+1] = h.pre[i]*hashBase + uint64(r) + 1
		h.pow[i+1] = h.pow[i] * hashBase
	}
}

// span is the hash of rs[a:b].
func (h *delHasher) span(a, b int) uint64 {
	return h.pre[b] - h.pre[a]*h.pow[b-a]
}

// key0 is the key of the whole string, key1 of it without rune i, key2
// without runes i and j (i < j). Each equals the key of the resulting
// string computed directly, and folds in its length.
func (h *delHasher) key0() uint64 { return h.pre[h.n] + uint64(h.n)*lenMix }

func (h *delHasher) key1(i int) uint64 {
	v := h.pre[i]*h.pow[h.n-i-1] + h.span(i+1, h.n)
	return v + uint64(h.n-1)*lenMix
}

func (h *delHasher) key2(i, j int) uint64 {
	v := h.pre[i]*h.pow[j-i-1] + h.span(i+1, j)
	v = v*h.pow[h.n-j-1] + h.span(j+1, h.n)
	return v + uint64(h.n-2)*lenMix
}

// variants calls f with the key of every string made by deleting at most
// d runes. Keys repeat when deletions give the same string ("aab").
func (h *delHasher) variants(d int, f func(uint64)) {
	f(h.key0())
	if d < 1 {
		return
	}
	for i := 0; i < h.n; i++ {
		f(h.key1(i))
	}
	if d < 2 {
		return
	}
	for i := 0; i < h.n; i++ {
		for j := i + 1; j < h.n; j++ {
			f(h.key2(i, j))
		}
	}
}

// osa returns the optimal-string-alignment distance (Damerau-Levenshtein
// where no substring is edited twice) between a and b, or max+1 when it is
// more than max.
func osa(a, b []rune, max int) int {
	n, m := len(a), len(b)
	if n-m > max || m-n > max {
		return max + 1
	}
	if n > maxRunes || m > maxRunes {
		return max + 1
	}
	var rows [3][maxRunes + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// classify names one edit between seen and prot (skeletons, distance 1)
// and says which characters; seenOrig maps a skeleton index of seen back
// to the character as written, for the reason. Two edits are Edit.
func classify(seen, prot []rune, dist int, orig func(int) string) (Trick, string) {
	if dist != 1 {
		return Edit, "two characters changed"
	}
	n, m := len(seen), len(prot)
	i := 0
	for i < n && i < m && seen[i] == prot[i] {
		i++
	}
	switch {
	case n == m+1:
		// seen has an extra character at i.
		if (i > 0 && seen[i] == seen[i-1]) || (i+1 < n && seen[i] == seen[i+1]) {
			return Double, fmt.Sprintf("'%s' doubled", orig(i))
		}
		return Edit, fmt.Sprintf("'%s' inserted", orig(i))
	case n+1 == m:
		return Edit, fmt.Sprintf("'%c' left out", prot[i])
	case i+1 < n && seen[i] == prot[i+1] && seen[i+1] == prot[i]:
		return Swap, fmt.Sprintf("'%s' and '%s' swapped", orig(i), orig(i+1))
	}
	return Edit, fmt.Sprintf("'%s' for '%c'", orig(i), prot[i])
}
