package names

import (
	"context"
	"reflect"
	"testing"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/knowledge"
)

// TestBuiltinParts: a Recognizer of the built-in pack, whose pack-only
// parts are made once for the program (and may be started early,
// Prestart), is the Recognizer made from the same pack's parts anew; a
// second one shares the first's parts; and so does one made after
// Prestart.
func TestBuiltinParts(t *testing.T) {
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	g, err := actors.Load(context.Background(), nil, pack)
	if err != nil {
		t.Fatal(err)
	}
	Prestart(false)
	shared := New(g, pack)
	copied := *pack // the same content, not the built-in pack: its parts are made anew
	fresh := New(g, &copied)
	if shared.phrases == fresh.phrases {
		t.Fatal("a copy of the pack got the built-in pack's parts")
	}
	// The word tables are hash tables filled in a map's order: the same
	// words and values, each where its probe found room. They are
	// compared by what they give, the rest as it is.
	words, cues := wordLists()
	sameTable(t, "words", shared.words, fresh.words, words)
	sameTable(t, "cues", shared.cues, fresh.cues, cues)
	sameTable(t, "stems", shared.stems, fresh.stems, shared.phrases.vocab)
	fresh.pack, fresh.words, fresh.cues, fresh.stems = pack, shared.words, shared.cues, shared.stems
	if !reflect.DeepEqual(shared, fresh) {
		t.Error("the Recognizer from the built-in pack's shared parts differs from one made anew")
	}
	if again := New(g, pack); again.phrases != shared.phrases || again.words != shared.words {
		t.Error("a second Recognizer of the built-in pack made its parts again")
	}
	// Load's, the built-in knowledge's alone, is made once: Prestart may
	// have begun it.
	Prestart(true)
	l1, err1 := Load()
	l2, err2 := Load()
	if err1 != nil || err2 != nil || l1 != l2 || l1.phrases != shared.phrases || len(l1.actorKeys) != len(shared.actorKeys) {
		t.Errorf("Load: %v %v, the same Recognizer %v, sharing the parts %v", err1, err2, l1 == l2, l1.phrases == shared.phrases)
	}
	// Without a store, LoadStore is Load; with another pack, one of its own.
	if r, err := LoadStore(context.Background(), nil, pack); err != nil || r != l1 {
		t.Errorf("LoadStore without a store: %v, Load's Recognizer %v", err, r == l1)
	}
	if r, err := LoadStore(context.Background(), nil, &copied); err != nil || r == l1 || r.phrases == l1.phrases {
		t.Errorf("LoadStore of another pack: %v, Load's Recognizer %v", err, r == l1)
	}
	// Without a pack: no software's entries, and no phrases of the pack.
	bare := New(g, nil)
	if len(bare.softwareKeys) != 0 || len(shared.softwareKeys) == 0 {
		t.Errorf("software names: %d without a pack, %d with it", len(bare.softwareKeys), len(shared.softwareKeys))
	}
}

func sameTable[V comparable](t *testing.T, name string, a, b *wordTable[V], m map[string]V) {
	t.Helper()
	for w, want := range m {
		va, oka := a.get([]byte(w), fnv1a(w))
		vb, okb := b.get([]byte(w), fnv1a(w))
		if !oka || !okb || va != want || vb != want {
			t.Errorf("%s: %q gives %v,%v and %v,%v; want %v", name, w, va, oka, vb, okb, want)
			return
		}
	}
}
