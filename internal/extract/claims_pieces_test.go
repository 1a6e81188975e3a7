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
	want := claimsInPieces(text, sents, ents, 1)
	if len(want) < 100 {
		t.Fatalf("only %d claims in the corpus", len(want))
	}
	for _, pieces := range []int{2, 3, 7, 64} {
		if got := claimsInPieces(text, sents, ents, pieces); !reflect.DeepEqual(got, want) {
			t.Errorf("%d pieces: %d claims, one pass %d, or different ones", pieces, len(got), len(want))
		}
	}
}
