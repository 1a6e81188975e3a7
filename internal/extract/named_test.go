package extract

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/ingest/msnaming"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/stix"
)

// TestNamedActors checks that the actors the pack knows by name only are
// made as ingesting their source makes them: for every entry of
// Microsoft's map and every cluster of the threat-actor galaxy, the same
// id, name, aliases and creator as converting the real file, and valid.
func TestNamedActors(t *testing.T) {
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	lookup := NamedActors(pack)
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	same := func(t *testing.T, want *stix.Object) {
		t.Helper()
		got := lookup(want.ID)
		if got == nil {
			t.Errorf("%s (%s): not made", want.ID, want.Name())
			return
		}
		if p := stix.Validate(got); len(p) > 0 {
			t.Errorf("%s: %v", got.ID, p)
		}
		for _, prop := range []string{"type", "name", "created_by_ref"} {
			a, _ := got.Props.GetString(prop)
			b, _ := want.Props.GetString(prop)
			if a != b {
				t.Errorf("%s %s: %q, ingesting makes %q", want.ID, prop, a, b)
			}
		}
		if a, b := strs(got, "aliases"), strs(want, "aliases"); !slices.Equal(a, b) {
			t.Errorf("%s aliases %q, ingesting makes %q", want.ID, a, b)
		}
		by, _ := got.Props.GetString("created_by_ref")
		if lookup(by) == nil {
			t.Errorf("%s: its creator %s is not made", got.ID, by)
		}
	}
	t.Run("microsoft", func(t *testing.T) {
		f, err := os.Open(shareddata.Path(t, "actor-names/microsoft-mapping.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		res, err := msnaming.Convert(f, msnaming.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, o := range res.Objects {
			if o.Type == "intrusion-set" {
				same(t, o)
				n++
			}
		}
		if n < 100 {
			t.Errorf("%d Microsoft actors", n)
		}
	})
	t.Run("threat-actor galaxy", func(t *testing.T) {
		f, err := os.Open(shareddata.Path(t, "misp-galaxy/clusters/threat-actor.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		res, err := mispgalaxy.Convert(f, mispgalaxy.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, o := range res.Objects {
			if o.Type == "intrusion-set" {
				same(t, o)
				n++
			}
		}
		if n < 500 {
			t.Errorf("%d galaxy actors", n)
		}
	})
	// Not an actor the pack knows: nothing, and no location either.
	if o := lookup(actors.MicrosoftNameID("No Such Sandstorm")); o != nil {
		t.Errorf("made %s for an unknown name", o.ID)
	}
	if o := lookup(stix.DerivedID("location", "country:IR")); o != nil {
		t.Errorf("answered for a location: %s", o.ID)
	}
}

func strs(o *stix.Object, prop string) []string {
	v := o.Props.Get(prop)
	if v == nil {
		return nil
	}
	var out []string
	for _, it := range v.Items {
		out = append(out, it.Str)
	}
	return out
}
