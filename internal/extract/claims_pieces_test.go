package extract

import (
	"cmp"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// TestClaimsInPieces checks that reading the sentences in pieces side by
// side finds the claims one pass finds, the actor a sentence refers back
// to across a piece's edge included.
func TestClaimsInPieces(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*")
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".json") })
	text := shareddata.Join(t, "\n\nThey denied it. APT28 targeted the election. These efforts continued.\n\n", files...)
	r, err := names.Load()
	if err != nil {
		t.Fatal(err)
	}
	var ents []Entity
	for _, m := range r.Find(text) {
		kind := map[names.Kind]EntityKind{names.Actor: EntActor, names.Country: EntCountry, names.Technique: EntTechnique, names.Software: EntSoftware}[m.Kind]
		if kind != "" {
			ents = append(ents, Entity{Kind: kind, Start: m.Start, End: m.End, Key: m.ID, Name: m.Name})
		}
	}
	for _, o := range FindOrgs(text, nil) {
		ents = append(ents, Entity{Kind: EntOrg, Start: o.Start, End: o.End, Key: string(o.Kind), Name: o.Name})
	}
	slices.SortStableFunc(ents, func(a, b Entity) int { return cmp.Compare(a.Start, b.Start) })
	sents := Sentences(text)
	want := claimsInPieces(text, nil, sents, ents, 1)
	if len(want) < 100 {
		t.Fatalf("only %d claims in the corpus", len(want))
	}
	// The same claims with the words read off the recogniser's tokens,
	// in pieces that each find their first token.
	toks := names.Tokenize(text)
	withIDs := recognizerTokens(t, text) // as Find reads them
	for _, pieces := range []int{2, 3, 7, 64} {
		if got := claimsInPieces(text, nil, sents, ents, pieces); !reflect.DeepEqual(got, want) {
			t.Errorf("%d pieces: %d claims, one pass %d, or different ones", pieces, len(got), len(want))
		}
		if got := claimsInPieces(text, &toks, sents, ents, pieces); !reflect.DeepEqual(got, want) {
			t.Errorf("%d pieces, words off the tokens: %d claims, one pass %d, or different ones", pieces, len(got), len(want))
		}
		if got := claimsInPieces(text, &withIDs, sents, ents, pieces); !reflect.DeepEqual(got, want) {
			t.Errorf("%d pieces, words and ids off the recogniser's tokens: %d claims, one pass %d, or different ones", pieces, len(got), len(want))
		}
	}
}

// TestQuotationAcrossPieces checks that a quotation that goes on past a
// piece's edge keeps its speaker: the second sentence's denial is the
// Russian embassy's in one pass and in two pieces alike.
func TestQuotationAcrossPieces(t *testing.T) {
	text := `"We categorically deny any involvement," said a spokesperson for the Russian embassy. ` +
		`"If the Dutch side has any facts, let it provide evidence instead of spreading unfounded accusations."`
	ent := func(word string, key, name string) Entity {
		i := strings.Index(text, word)
		return Entity{Kind: EntCountry, Start: i, End: i + len(word), Key: key, Name: name}
	}
	ents := []Entity{ent("Russian", "RU", "Russia"), ent("Dutch", "NL", "Netherlands")}
	sents := Sentences(text)
	if len(sents) != 2 {
		t.Fatalf("%d sentences, want 2: %v", len(sents), sents)
	}
	want := claimsInPieces(text, nil, sents, ents, 1)
	var objects []string
	for _, c := range want {
		if c.Kind == ClaimDenial && c.Sentence == sents[1] && c.Object != nil {
			objects = append(objects, c.Object.Name)
		}
	}
	if !slices.Equal(objects, []string{"Russia"}) {
		t.Fatalf("the second sentence denies %q, want Russia's denial: %+v", objects, want)
	}
	if got := claimsInPieces(text, nil, sents, ents, 2); !reflect.DeepEqual(got, want) {
		t.Errorf("two pieces: %+v\none pass: %+v", got, want)
	}
}

// TestListedActorsAcrossPieces: "They" opening a piece refers back to
// every actor of the list the piece before ended with, as in one pass.
func TestListedActorsAcrossPieces(t *testing.T) {
	text := "The report is new. APT28 and APT29 were active. They targeted the DNC. It ended."
	marks := map[string]Entity{
		"APT28": {Kind: EntActor, Key: "intrusion-set--apt28"},
		"APT29": {Kind: EntActor, Key: "intrusion-set--apt29"},
		"DNC":   {Kind: EntOrg, Key: "campaign", Name: "Democratic National Committee"},
	}
	sents := Sentences(text)
	if len(sents) != 4 {
		t.Fatalf("%d sentences, want 4", len(sents))
	}
	es := ents(text, marks)
	want := []string{"targeting: APT28 -> Democratic National Committee by author @85", "targeting: APT29 -> Democratic National Committee by author @85"}
	for _, pieces := range []int{1, 2} {
		got := claimStrings(text, claimsInPieces(text, nil, sents, es, pieces))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%d pieces: %q, want %q", pieces, got, want)
		}
	}
}

// TestActorsListedWith: the actors listed before the last, by "and" and
// commas; none for an apposition, a state, or entities that overlap.
func TestActorsListedWith(t *testing.T) {
	text := "APT28, APT29 and Turla"
	actor := func(s string) Entity {
		i := strings.Index(text, s)
		return Entity{Kind: EntActor, Start: i, End: i + len(s), Name: s}
	}
	names := func(xs []*Entity) (out []string) {
		for _, x := range xs {
			out = append(out, x.Name)
		}
		return out
	}
	in := []Entity{actor("APT28"), actor("APT29"), actor("Turla")}
	if got := names(actorsListedWith(text, in, &in[2])); !slices.Equal(got, []string{"APT28", "APT29"}) {
		t.Errorf("list: %q", got)
	}
	if got := actorsListedWith(text, in, &in[1]); got != nil {
		t.Errorf("an apposition: %q", names(got))
	}
	over := []Entity{actor("APT28"), {Kind: EntActor, Start: 3, End: 19, Name: "28, APT29 and Tu"}, actor("Turla")}
	if got := actorsListedWith(text, over, &over[2]); got != nil {
		t.Errorf("overlapping: %q", names(got))
	}
	if got := actorsListedWith(text, in, &Entity{}); got != nil {
		t.Errorf("not in the sentence: %q", names(got))
	}
}
