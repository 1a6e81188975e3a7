package names

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// keptGreedy is kept as one greedy pass over every candidate in rank
// order, the definition kept's clusters must agree with.
func keptGreedy(d *doc) []int32 {
	cs := d.cands
	order := make([]rank, len(cs))
	for i := range cs {
		c := &cs[i]
		order[i] = rank{int(d.toks[c.last].end() - d.toks[c.first].start), c.score, c.first, i}
	}
	slices.SortFunc(order, longestFirst)
	used := make([]bool, len(d.toks))
	var kept []int32
next:
	for _, r := range order {
		c := &cs[r.i]
		for k := c.first; k <= c.last; k++ {
			if used[k] {
				continue next
			}
		}
		for k := c.first; k <= c.last; k++ {
			used[k] = true
		}
		if c.kind != blocker {
			kept = append(kept, int32(r.i))
		}
	}
	slices.SortFunc(kept, func(i, j int32) int { return cs[i].first - cs[j].first })
	return kept
}

// TestResolveClusters compares the candidates resolve keeps with the
// greedy pass over all candidates, on random candidates: spans of one to four tokens, often
// the same span found twice, scores that tie, blockers among them, and
// candidates that chain by overlap into long clusters.
func TestResolveClusters(t *testing.T) {
	text := strings.Repeat("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel. ", 40)
	d := newDoc(recognizer(t), text, nil)
	defer d.release()
	n := len(d.toks)
	rng := rand.New(rand.NewPCG(1, 2))
	kinds := []Kind{Actor, Software, Country, Technique, blocker}
	for round := range 300 {
		d.cands = d.cands[:0]
		many := 1 + rng.IntN(3*n/2)
		for i := range many {
			first := rng.IntN(n)
			if i > 0 && rng.IntN(4) == 0 {
				first = d.cands[rng.IntN(len(d.cands))].first // the same start again
			}
			last := min(first+rng.IntN(4), n-1)
			d.cands = append(d.cands, cand{first: first, last: last, kind: kinds[rng.IntN(len(kinds))],
				score: 10 * rng.IntN(4), id: fmt.Sprint(i), name: fmt.Sprint("n", i)})
		}
		if got, want := d.kept(), keptGreedy(d); !slices.Equal(got, want) {
			t.Fatalf("round %d, %d candidates:\n got %v\nwant %v", round, many, got, want)
		}
	}
}

// TestDocIs: is matches a word in any case, turns down tokens of
// another length by it alone when they are ASCII, and still compares
// those with other characters, which may fold to the word from another
// length (the Kelvin sign is a "k", in three bytes).
func TestDocIs(t *testing.T) {
	d := newDoc(recognizer(t), "Also KEY \u212Aey keys ke ſo", nil)
	defer d.release()
	for _, c := range []struct {
		k    int
		w    string
		want bool
	}{
		{0, "also", true}, {0, "ALSO", true}, {1, "key", true}, {2, "key", true},
		{3, "key", false}, {4, "key", false}, {5, "so", true}, {5, "s", false},
		{-1, "also", false}, {6, "so", false},
	} {
		if got := d.is(c.k, c.w); got != c.want {
			t.Errorf("is(%d %q, %q) = %v, want %v", c.k, d.tok(max(0, min(c.k, len(d.toks)-1))), c.w, got, c.want)
		}
	}
}
