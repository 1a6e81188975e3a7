package msnaming

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// TestConvertEntry: one entry given by its columns converts to the
// objects, byte for byte, that converting a map holding it gives.
func TestConvertEntry(t *testing.T) {
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	full, err := Convert(strings.NewReader(`[{"Threat actor name":"Mint Sandstorm","Origin/Threat":"Iran","Other names":"APT35, Charming Kitten"}]`), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	one, err := ConvertEntry("Mint Sandstorm", "Iran", []string{"APT35", "Charming Kitten"}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(one.Objects) != len(full.Objects) {
		t.Fatalf("%d objects, want %d", len(one.Objects), len(full.Objects))
	}
	for i := range one.Objects {
		a, b := string(one.Objects[i].Props.AppendJSON(nil)), string(full.Objects[i].Props.AppendJSON(nil))
		if a != b {
			t.Errorf("object %d:\n%s\nwant\n%s", i, a, b)
		}
		if p := stix.Validate(one.Objects[i]); len(p) > 0 {
			t.Errorf("%s: %v", one.Objects[i].ID, p)
		}
	}
	if one.Objects[1].ID != IntrusionSetID("Mint Sandstorm") {
		t.Errorf("intrusion-set %s", one.Objects[1].ID)
	}
}
