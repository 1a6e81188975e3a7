package mispgalaxy

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// TestConvertCluster: one cluster known by its pack fields converts to
// the objects, with the ids, that converting its galaxy file gives.
func TestConvertCluster(t *testing.T) {
	const file = `{"type":"threat-actor","uuid":"7cdff317-a673-4474-84ec-4f1754947823","name":"Threat Actor","version":3,
"authors":["x"],"category":"actor","description":"d","source":"s",
"values":[{"uuid":"F9D6633A-55E6-4ADC-9263-6AE080421A13","value":"Charming Kitten","description":"long text",
"meta":{"synonyms":["APT35","Newscaster"],"country":"IR","refs":["https://example.org/a"]}}]}`
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	full, err := Convert(strings.NewReader(file), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	one, err := ConvertCluster(Galaxy{Type: "threat-actor", UUID: "7cdff317-a673-4474-84ec-4f1754947823", Name: "Threat Actor", Version: 3},
		Cluster{UUID: "F9D6633A-55E6-4ADC-9263-6AE080421A13", Value: "Charming Kitten", Synonyms: []string{"APT35", "Newscaster"}, Country: "IR"}, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(r *Result) []string {
		var out []string
		for _, o := range r.Objects {
			out = append(out, o.Type+" "+o.ID)
		}
		return out
	}
	if a, b := strings.Join(ids(one), "\n"), strings.Join(ids(full), "\n"); a != b {
		t.Errorf("objects\n%s\nwant, as from the file,\n%s", a, b)
	}
	want := stix.DerivedID("intrusion-set", "misp-galaxy-cluster:f9d6633a-55e6-4adc-9263-6ae080421a13")
	for _, o := range one.Objects {
		if o.Type == "intrusion-set" && o.ID != want {
			t.Errorf("intrusion-set %s, want %s", o.ID, want)
		}
		if p := stix.Validate(o); len(p) > 0 {
			t.Errorf("%s: %v", o.ID, p)
		}
	}
	if len(one.Notes) > 0 {
		t.Errorf("notes: %q", one.Notes)
	}
}
