package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"

	"github.com/go-json-experiment/json/jsontext"
)

// TestATTACKEnterprise ingests the real ATT&CK Enterprise 18.1 bundle:
// zero rejections, every object kept as MITRE published it, lookups by
// name, alias and ATT&CK id, search, and an export that ingests into a new
// database with identical objects.
func TestATTACKEnterprise(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the 50 MB ATT&CK bundle in -short mode")
	}
	path := shareddata.Path(t, "attack/enterprise-attack-18.1.json")
	r := newRunner(t)
	res := r.mustRun("ingest", "--json", path)
	var rep struct {
		Counts struct{ Objects, Added, Rejected, Upgraded int } `json:"counts"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Counts.Objects != 24772 || rep.Counts.Added != 24772 || rep.Counts.Rejected != 0 || rep.Counts.Upgraded != 0 {
		t.Fatalf("ingest counts %+v, want 24,772 objects added, none rejected or upgraded", rep.Counts)
	}

	// The file's own objects, canonical, by id.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var bundle struct{ Objects []jsontext.Value }
	if err := json.Unmarshal(raw, &bundle); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	types := map[string]int{}
	for _, o := range bundle.Objects {
		var head struct{ ID, Type string }
		json.Unmarshal(o, &head)
		c, err := canonical(o)
		if err != nil {
			t.Fatal(err)
		}
		want[head.ID] = c
		types[head.Type]++
	}
	s := r.stats()
	if s.Total != len(want) {
		t.Errorf("stats total %d, want %d", s.Total, len(want))
	}
	for typ, n := range types {
		if s.Types[typ] != n {
			t.Errorf("stats %s: %d, want %d", typ, s.Types[typ], n)
		}
	}

	// Kept as published: every stored object equals the file's.
	checkExport := func(r *runner) {
		t.Helper()
		out := r.mustRun("export", "--format", "stix").stdout
		var exp struct {
			Type    string
			Objects []jsontext.Value
		}
		if err := json.Unmarshal([]byte(out), &exp); err != nil {
			t.Fatal(err)
		}
		if exp.Type != "bundle" || len(exp.Objects) != len(want) {
			t.Fatalf("export: %q with %d objects, want a bundle of %d", exp.Type, len(exp.Objects), len(want))
		}
		diff := 0
		for _, o := range exp.Objects {
			var head struct{ ID string }
			json.Unmarshal(o, &head)
			c, _ := canonical(o)
			if want[head.ID] != c {
				diff++
				if diff < 3 {
					t.Errorf("%s differs from the published object", head.ID)
				}
			}
		}
		if diff > 0 {
			t.Errorf("%d objects differ from the published ones", diff)
		}
	}
	checkExport(r)

	// Round trip: the export ingested into a new database is the same.
	exp := filepath.Join(t.TempDir(), "export.json")
	r.mustRun("export", "-o", exp)
	r2 := newRunner(t)
	r2.mustRun("ingest", exp)
	checkExport(r2)

	// Idempotent: ingesting the bundle again changes nothing.
	res = r.mustRun("ingest", path)
	if !strings.Contains(res.stdout, "24,772 unchanged") {
		t.Errorf("re-ingest:\n%s", res.stdout)
	}

	// The knowledge pack is a layer beside the store: ATT&CK in the store
	// replaces the pack's copies, without changing what is stored.
	before := r.stats()
	out, _ := r.actorJSON("Mint Sandstorm")
	if out.ID == nil || *out.ID != "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13" || out.Sponsor == nil || out.Sponsor.Country != "IR" {
		t.Errorf("actor Mint Sandstorm with ATT&CK in the store: %+v", out)
	}
	if len(out.Techniques) < 50 {
		t.Errorf("actor Mint Sandstorm: %d techniques, want ATT&CK's", len(out.Techniques))
	}
	oilrig, _ := r.actorJSON("oilrig")
	if !slices.Contains(oilrig.Campaigns, "Juicy Mix (C0043)") && !slices.ContainsFunc(oilrig.Campaigns, func(c string) bool { return strings.HasPrefix(c, "Juicy Mix") }) {
		t.Errorf("actor OilRig campaigns %v, want ATT&CK's Juicy Mix", oilrig.Campaigns)
	}
	sponsorFromDescription := false
	for _, s := range out.Sponsor.Sources {
		if strings.Contains(s.Name, "G0059 description") {
			sponsorFromDescription = true
		}
	}
	if !sponsorFromDescription {
		t.Errorf("sponsor sources %+v lack ATT&CK's description", out.Sponsor.Sources)
	}
	if after := r.stats(); after.Total != before.Total || after.Versions != before.Versions {
		t.Errorf("dossier actor changed the store: %+v -> %+v", before, after)
	}

	lookups := []struct {
		args []string
		want []string
	}{
		{[]string{"show", "Magic Hound"}, []string{"intrusion-set  Magic Hound  (G0059)", "APT35", "Mint Sandstorm", "uses → attack-pattern"}},
		{[]string{"show", "apt35"}, []string{"Magic Hound  (G0059)"}},
		{[]string{"show", "Charming Kitten"}, []string{"Magic Hound  (G0059)", "also named", "revoked"}},
		{[]string{"show", "intrusion-set--92d5b3fd-3b39-438e-af68-770e447beada"}, []string{"REVOKED", "revoked by Magic Hound (G0059)"}},
		{[]string{"show", "T1566.001"}, []string{"attack-pattern  Spearphishing Attachment  (T1566.001)"}},
		{[]string{"search", "spearphishing", "--limit", "5"}, []string{"Spearphishing"}},
	}
	for _, l := range lookups {
		res := r.mustRun(l.args...)
		for _, w := range l.want {
			if !strings.Contains(res.stdout, w) {
				t.Errorf("dossier %s: output does not contain %q:\n%s", strings.Join(l.args, " "), w, res.stdout)
			}
		}
	}
}
