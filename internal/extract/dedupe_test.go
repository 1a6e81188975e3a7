package extract

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// dedupeByMap is what dedupeClaims does, the plain way: a map over every
// claim, and the kept ones sorted by sentence, stably.
func dedupeByMap(cs []Claim) []Claim {
	seen := make(map[claimKey]bool, len(cs))
	out := cs[:0]
	for i := range cs {
		if k := keyOf(&cs[i]); !seen[k] {
			seen[k] = true
			out = append(out, cs[i])
		}
	}
	slices.SortStableFunc(out, bySentence)
	return out
}

// TestDedupeClaims: claims in sentence order, as FindClaims makes them,
// are deduplicated run by run to what the map over every claim gives
// (dedupeByMap), with runs short and long (over 16, where a run uses a
// map of its own), denials told apart by trigger and organisations by
// name; claims out of order give the same and come out sorted.
func TestDedupeClaims(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ents := []*Entity{
		nil,
		{Kind: EntActor, Key: "intrusion-set--1", Name: "APT28"},
		{Kind: EntActor, Key: "intrusion-set--2", Name: "APT29"},
		{Kind: EntCountry, Key: "RU", Name: "Russia"},
		{Kind: EntOrg, Key: "campaign", Name: "the Harris campaign"},
		{Kind: EntOrg, Key: "campaign", Name: "the Trump campaign"},
	}
	kinds := []ClaimKind{ClaimAttribution, ClaimTargeting, ClaimUses, ClaimDenial}
	for round := range 200 {
		var cs []Claim
		start := 0
		for range 1 + rng.IntN(30) {
			sent := Span{start, start + 50}
			start += 60
			n := 1 + rng.IntN(4)
			if rng.IntN(10) == 0 {
				n = 17 + rng.IntN(40) // a sentence naming many actors
			}
			for range n {
				cs = append(cs, Claim{Kind: kinds[rng.IntN(len(kinds))], Sentence: sent, Trigger: Span{sent.Start + rng.IntN(3), sent.Start + 5},
					Subject: ents[rng.IntN(len(ents))], Object: ents[rng.IntN(len(ents))], Confidence: rng.IntN(100)})
			}
		}
		want := dedupeByMap(slices.Clone(cs))
		got := dedupeClaims(slices.Clone(cs))
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: dedupeClaims kept %d claims, dedupeByMap %d", round, len(got), len(want))
		}
		if len(want) == len(cs) && round > 10 {
			continue
		}
		rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		got = dedupeClaims(slices.Clone(cs))
		if want := dedupeByMap(slices.Clone(cs)); !reflect.DeepEqual(got, want) || !slices.IsSortedFunc(got, bySentence) {
			t.Fatalf("round %d, shuffled: dedupeClaims differs from dedupeByMap or is out of order", round)
		}
	}
}
