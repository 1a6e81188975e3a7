package mispgalaxy

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/jsonin/jsonintest"
	"github.com/dossier-cti/dossier/internal/stix"
)

var update = flag.Bool("update", false, "rewrite the golden files and the country table from the test data")

// convertFile converts a file, failing the test on error.
func convertFile(tb testing.TB, path string) *Result {
	tb.Helper()
	return jsonintest.ConvertFile(tb, path, func(r io.Reader) (*Result, error) { return Convert(r, Options{Now: jsonintest.Now}) })
}

func convertString(s string) (*Result, error) {
	return Convert(strings.NewReader(s), Options{Now: jsonintest.Now})
}

// relationships returns the relationships of type typ from src.
func relationships(objs []*stix.Object, src, typ string) []*stix.Object {
	var out []*stix.Object
	for _, o := range objs {
		if o.Type != "relationship" {
			continue
		}
		s, _ := o.Props.GetString("source_ref")
		t, _ := o.Props.GetString("relationship_type")
		if s == src && t == typ {
			out = append(out, o)
		}
	}
	return out
}

func strList(v *stix.Value) []string {
	l, _ := stringList(v)
	return l
}

// golden renders a result for a golden file: one object per line.
func golden(res *Result) []byte {
	q := jsonintest.Quote
	head := fmt.Sprintf("\"galaxy_type\": %s,\n\"galaxy_name\": %s,\n\"galaxy_uuid\": %s,\n\"version\": %d,\n",
		q(res.GalaxyType), q(res.GalaxyName), q(res.GalaxyUUID), res.Version)
	return jsonintest.Golden(head, res.Notes, res.Objects)
}

// TestGolden converts every test file and compares the objects with the
// golden files; -update rewrites them.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test data: %v", err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		if name == "sector.json" {
			continue // not supported: see TestErrors
		}
		t.Run(name, func(t *testing.T) {
			res := convertFile(t, path)
			jsonintest.CheckValid(t, name, res.Objects)
			jsonintest.CheckGolden(t, filepath.Join("testdata", "golden", name), golden(res), *update)
		})
	}
}

// TestActorFixtures checks what the actor galaxies become, on the test
// data, without the shared reference data.
func TestActorFixtures(t *testing.T) {
	t.Run("microsoft-activity-group", func(t *testing.T) {
		res := convertFile(t, "testdata/microsoft-activity-group.json")
		checkMintSandstorm(t, res)
		if res.GalaxyType != "microsoft-activity-group" || res.Version != 23 || res.GalaxyUUID != "28b5e55d-acba-4748-a79d-0afa3512689a" {
			t.Errorf("galaxy %q %d %q", res.GalaxyType, res.Version, res.GalaxyUUID)
		}
		// NOBELIUM's two related entries without dest-uuid are noted.
		if n := countNotes(res.Notes, `"NOBELIUM"`, "has no dest-uuid"); n != 2 {
			t.Errorf("notes about NOBELIUM's empty dest-uuid: %d, want 2\n%s", n, strings.Join(res.Notes, "\n"))
		}
	})
	t.Run("mitre-intrusion-set", func(t *testing.T) {
		res := convertFile(t, "testdata/mitre-intrusion-set.json")
		checkMagicHound(t, res)
	})
	t.Run("threat-actor", func(t *testing.T) {
		res := convertFile(t, "testdata/threat-actor.json")
		apt35 := jsonintest.Find(res.Objects, "intrusion-set", "APT35")
		apt42 := jsonintest.Find(res.Objects, "intrusion-set", "APT42")
		if apt35 == nil || apt42 == nil {
			t.Fatal("APT35 or APT42 missing")
		}
		// APT42 is similar to APT35, "likely": confidence 70.
		var found bool
		for _, r := range relationships(res.Objects, apt42.ID, "similar") {
			if tgt, _ := r.Props.GetString("target_ref"); tgt == apt35.ID {
				found = true
				if c, _ := r.Props.Get("confidence").Int(); c != 70 {
					t.Errorf("confidence %d, want 70 (likely)", c)
				}
				if d := r.Description(); !strings.Contains(d, "Likelihood: likely") || !strings.Contains(d, `"APT42"`) {
					t.Errorf("description %q", d)
				}
				if tags := strList(r.Props.Get("x_misp_tags")); len(tags) != 1 {
					t.Errorf("x_misp_tags %v", tags)
				}
				if cb, _ := r.Props.GetString("created_by_ref"); cb != res.Objects[0].ID {
					t.Errorf("created_by_ref %s, want the galaxy identity %s", cb, res.Objects[0].ID)
				}
			}
		}
		if !found {
			t.Error("no APT42 similar APT35 relationship")
		}
		dev := jsonintest.Find(res.Objects, "intrusion-set", "DEV-0270")
		if len(relationships(res.Objects, dev.ID, "part-of")) != 1 {
			t.Error("DEV-0270 part-of APT35 missing")
		}
		// Naikon lists itself among its synonyms: not an alias.
		naikon := jsonintest.Find(res.Objects, "intrusion-set", "Naikon")
		if slices.Contains(strList(naikon.Props.Get("aliases")), "Naikon") {
			t.Error("Naikon's aliases include its own name")
		}
		if jsonintest.Find(res.Objects, "intrusion-set", "Stealth Mango and Tangelo") == nil {
			t.Error("the value with white space around it is not trimmed")
		}
		for _, want := range [][2]string{{`"Prophet Spider"`, `meta.country "" names no country`}, {`"VICE SPIDER"`, "relates the cluster to itself"}, {`" Stealth Mango and Tangelo "`, "white space"}} {
			if countNotes(res.Notes, want[0], want[1]) != 1 {
				t.Errorf("no note with %s and %s in\n%s", want[0], want[1], strings.Join(res.Notes, "\n"))
			}
		}
		// Every bit of MISP data is kept: meta and related as given.
		raw := fixtureCluster(t, "testdata/threat-actor.json", "APT35")
		if got, want := apt35.Props.Get("x_misp_meta").String(), raw.Get("meta").String(); got != want {
			t.Errorf("x_misp_meta\n got %s\nwant %s", got, want)
		}
		if got, want := apt35.Props.Get("x_misp_related").String(), raw.Get("related").String(); got != want {
			t.Errorf("x_misp_related\n got %s\nwant %s", got, want)
		}
		if got, _ := apt35.Props.GetString("x_misp_cluster_uuid"); got != "b8967b3c-3bc9-11e8-8701-8b1ead8c099e" {
			t.Errorf("x_misp_cluster_uuid %q", got)
		}
		if got := apt35.Props.Get("x_misp_galaxy").String(); got != `{"type":"threat-actor","uuid":"7cdff317-a673-4474-84ec-4f1754947823","name":"Threat Actor"}` {
			t.Errorf("x_misp_galaxy %s", got)
		}
		refs := apt35.Props.Get("external_references")
		if s, _ := refs.Items[0].GetString("source_name"); s != "misp-galaxy:threat-actor" {
			t.Errorf("first external reference %s", refs.Items[0].String())
		}
		if got, want := len(refs.Items)-1, len(strList(raw.Get("meta").Get("refs"))); got != want {
			t.Errorf("%d misp-galaxy-ref references, want one per meta.refs URL (%d)", got, want)
		}
	})
	t.Run("tidal-groups", func(t *testing.T) {
		res := convertFile(t, "testdata/tidal-groups.json")
		if res.GalaxyType != "groups" || countType(res.Objects, "intrusion-set") != 2 {
			t.Errorf("type %q, %d intrusion sets", res.GalaxyType, countType(res.Objects, "intrusion-set"))
		}
	})
}

// checkMintSandstorm: the microsoft-activity-group cluster Mint Sandstorm
// becomes an intrusion-set with APT35 and Charming Kitten among its
// aliases, originating from IR.
func checkMintSandstorm(t *testing.T, res *Result) {
	t.Helper()
	mint := jsonintest.Find(res.Objects, "intrusion-set", "Mint Sandstorm")
	if mint == nil {
		t.Fatal("no intrusion-set Mint Sandstorm")
	}
	if want := stix.DerivedID("intrusion-set", "misp-galaxy-cluster:400cd1b8-52b7-5a5c-984f-9b4af35ea231"); mint.ID != want {
		t.Errorf("Mint Sandstorm id %s, want %s", mint.ID, want)
	}
	aliases := strList(mint.Props.Get("aliases"))
	for _, a := range []string{"APT35", "Charming Kitten", "PHOSPHORUS"} {
		if !slices.Contains(aliases, a) {
			t.Errorf("Mint Sandstorm aliases %v lack %q", aliases, a)
		}
	}
	rels := relationships(res.Objects, mint.ID, "originates-from")
	if len(rels) != 1 {
		t.Fatalf("Mint Sandstorm has %d originates-from relationships, want 1", len(rels))
	}
	tgt, _ := rels[0].Props.GetString("target_ref")
	if tgt != LocationID("IR") {
		t.Errorf("originates-from %s, want IR's location %s", tgt, LocationID("IR"))
	}
	var loc *stix.Object
	for _, o := range res.Objects {
		if o.ID == tgt {
			loc = o
		}
	}
	if loc == nil || loc.Name() != "Iran" {
		t.Fatalf("IR's location missing or misnamed: %v", loc)
	}
	if c, _ := loc.Props.GetString("country"); c != "IR" {
		t.Errorf("location country %q", c)
	}
	if loc.Props.Get("created_by_ref") != nil {
		t.Error("the shared country location carries a created_by_ref")
	}
	if mint.Created != "2026-08-06T12:30:45.123Z" || mint.Modified != mint.Created {
		t.Errorf("created %s modified %s, want the conversion time to the millisecond", mint.Created, mint.Modified)
	}
	if m := strList(mint.Props.Get("object_marking_refs")); len(m) != 1 || m[0] != stix.TLP2Clear.ID {
		t.Errorf("markings %v, want TLP:CLEAR", m)
	}
}

// checkMagicHound: ATT&CK's G0059 gets a derived id, never ATT&CK's own
// uuid, and the revoked G0058 says so.
func checkMagicHound(t *testing.T, res *Result) {
	t.Helper()
	const attackUUID = "f9d6633a-55e6-4adc-9263-6ae080421a13"
	mh := jsonintest.Find(res.Objects, "intrusion-set", "Magic Hound - G0059")
	if mh == nil {
		t.Fatal("no Magic Hound - G0059")
	}
	if strings.Contains(mh.ID, attackUUID) {
		t.Errorf("Magic Hound's id %s reuses ATT&CK's uuid", mh.ID)
	}
	if want := stix.DerivedID("intrusion-set", "misp-galaxy-cluster:"+attackUUID); mh.ID != want {
		t.Errorf("id %s, want %s", mh.ID, want)
	}
	for _, ref := range mh.Props.Get("external_references").Items {
		if s, _ := ref.GetString("source_name"); s == "mitre-attack" {
			t.Errorf("a mitre-attack external reference would make the copy pass for ATT&CK's object: %s", ref.String())
		}
	}
	ck := jsonintest.Find(res.Objects, "intrusion-set", "Charming Kitten - G0058")
	if ck == nil || !ck.Revoked {
		t.Fatalf("Charming Kitten - G0058 missing or not revoked: %v", ck)
	}
	rels := relationships(res.Objects, ck.ID, "revoked-by")
	if len(rels) != 1 {
		t.Fatalf("%d revoked-by relationships, want 1", len(rels))
	}
	if tgt, _ := rels[0].Props.GetString("target_ref"); tgt != mh.ID {
		t.Errorf("revoked-by %s, want Magic Hound %s", tgt, mh.ID)
	}
}

// fixtureCluster returns the cluster called value in a test file, as written.
func fixtureCluster(t *testing.T, path, value string) *stix.Value {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := stix.DecodeValue(b, 0, stix.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	vals := v.Get("values")
	for i := range vals.Items {
		if s, _ := vals.Items[i].GetString("value"); s == value {
			return &vals.Items[i]
		}
	}
	t.Fatalf("no cluster %q in %s", value, path)
	return nil
}

func countNotes(notes []string, subs ...string) int {
	n := 0
	for _, note := range notes {
		all := true
		for _, s := range subs {
			all = all && strings.Contains(note, s)
		}
		if all {
			n++
		}
	}
	return n
}

func countType(objs []*stix.Object, typ string) int {
	n := 0
	for _, o := range objs {
		if o.Type == typ {
			n++
		}
	}
	return n
}

// TestFrameworkFixtures checks the DISARM, AMITT and country galaxies.
func TestFrameworkFixtures(t *testing.T) {
	cases := []struct {
		file, typ, name, source, extID, phase string
	}{
		{"disarm-techniques.json", "attack-pattern", "Utilise Academic/Pseudoscientific Justifications", "DISARM", "T0009.001", "establish-legitimacy"},
		{"misinfosec-amitt-misinformation-pattern.json", "attack-pattern", "Create Master Narratives", "AMITT", "T0006", "objective-planning"},
		{"disarm-countermeasures.json", "course-of-action", "Platform regulation", "DISARM", "C00012", ""},
		{"disarm-detections.json", "course-of-action", "SWOT analysis of tech platforms", "DISARM", "F00006", ""},
	}
	for _, c := range cases {
		res := convertFile(t, filepath.Join("testdata", c.file))
		o := jsonintest.Find(res.Objects, c.typ, c.name)
		if o == nil {
			t.Errorf("%s: no %s %q", c.file, c.typ, c.name)
			continue
		}
		ref := o.Props.Get("external_references").Items[0]
		if s, _ := ref.GetString("source_name"); s != c.source {
			t.Errorf("%s: first reference %s, want source_name %s", c.file, ref.String(), c.source)
		}
		if id, _ := ref.GetString("external_id"); id != c.extID {
			t.Errorf("%s: external_id %q, want %q", c.file, id, c.extID)
		}
		if c.phase != "" {
			kc := o.Props.Get("kill_chain_phases")
			if kc == nil || len(kc.Items) != 1 {
				t.Fatalf("%s: kill_chain_phases %v", c.file, kc)
			}
			if p, _ := kc.Items[0].GetString("phase_name"); p != c.phase {
				t.Errorf("%s: phase %q, want %q", c.file, p, c.phase)
			}
		}
		if c.typ == "course-of-action" && o.Props.Get("kill_chain_phases") != nil {
			t.Errorf("%s: a course-of-action has kill_chain_phases", c.file)
		}
	}

	res := convertFile(t, "testdata/country.json")
	if got := countType(res.Objects, "location"); got != 6 {
		t.Errorf("%d locations, want 6", got)
	}
	if got := countType(res.Objects, "note"); got != 6 {
		t.Errorf("%d notes, want 6", got)
	}
	kr := jsonintest.Find(res.Objects, "location", "South Korea")
	if kr == nil || kr.ID != LocationID("KR") {
		t.Fatalf("South Korea: %v", kr)
	}
	// The location of a country is the same object whoever makes it.
	shared, _ := CountryLocation("KR", jsonintest.Now)
	if !bytes.Equal(kr.Raw, shared.Raw) {
		t.Errorf("the country galaxy's location\n%s\ndiffers from CountryLocation's\n%s", kr.Raw, shared.Raw)
	}
	var note *stix.Object
	for _, o := range res.Objects {
		if o.Type == "note" && strings.Contains(string(o.Raw), `"`+LocationID("KR")+`"`) {
			note = o
		}
	}
	if note == nil || !strings.Contains(note.Description()+string(note.Raw), "Capital: Seoul") {
		t.Errorf("no note with South Korea's capital: %v", note)
	}
}

// TestActorLocationsAreShared: the location an actor galaxy makes for a
// country is byte for byte the one the country galaxy makes.
func TestActorLocationsAreShared(t *testing.T) {
	actors := convertFile(t, "testdata/microsoft-activity-group.json")
	countries := convertFile(t, "testdata/country.json")
	byID := map[string][]byte{}
	for _, o := range countries.Objects {
		if o.Type == "location" {
			byID[o.ID] = o.Raw
		}
	}
	n := 0
	for _, o := range actors.Objects {
		if o.Type != "location" {
			continue
		}
		if c, ok := byID[o.ID]; ok {
			n++
			if !bytes.Equal(c, o.Raw) {
				t.Errorf("location %s differs:\n actor galaxy   %s\n country galaxy %s", o.ID, o.Raw, c)
			}
		}
	}
	if n == 0 {
		t.Error("no location in common between the two test files")
	}
}

// TestDeterminism: the same input and time give the same bytes; another
// time changes timestamps only, never ids.
func TestDeterminism(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, path := range files {
		if strings.HasSuffix(path, "sector.json") {
			continue
		}
		a, b := convertFile(t, path), convertFile(t, path)
		if !bytes.Equal(golden(a), golden(b)) {
			t.Errorf("%s: two conversions differ", path)
		}
		f, _ := os.Open(path)
		c, err := Convert(f, Options{Now: jsonintest.Now.Add(49 * time.Hour)})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Objects) != len(c.Objects) {
			t.Fatalf("%s: %d objects, then %d", path, len(a.Objects), len(c.Objects))
		}
		for i := range a.Objects {
			if a.Objects[i].ID != c.Objects[i].ID {
				t.Errorf("%s: id %s became %s with another time", path, a.Objects[i].ID, c.Objects[i].ID)
			}
			if a.Objects[i].Created == c.Objects[i].Created {
				t.Errorf("%s: %s created does not follow Options.Now", path, a.Objects[i].ID)
			}
		}
	}
}

// galaxyJSON returns a small galaxy file of the given type and clusters.
func galaxyJSON(typ string, clusters ...string) string {
	return `{"authors":["Test"],"category":"actor","description":"test galaxy","name":"Test Galaxy","source":"test",` +
		`"type":"` + typ + `","uuid":"11111111-2222-4333-8444-555555555555","version":7,"values":[` + strings.Join(clusters, ",") + `]}`
}

// Cluster uuids of the synthetic clusters below.
const (
	uuidA = "aaaaaaaa-0000-4000-8000-000000000001"
	uuidB = "bbbbbbbb-0000-4000-8000-000000000002"
)

func TestErrors(t *testing.T) {
	valid := galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`"}`)
	deep := strings.Repeat(`[`, 70) + strings.Repeat(`]`, 70)
	first := int64(len(galaxyJSON("threat-actor")) - 2) // where the first cluster starts
	at := func(s string) string { return strings.ReplaceAll(s, "OFF", fmt.Sprint(first)) }
	cases := []struct {
		name   string
		in     string
		max    int64
		want   string // in the message
		offset int64  // -1: not checked
		syntax bool   // a *stix.SyntaxError rather than an *Error
		clus   int    // the cluster of an *Error
	}{
		{"empty", "", 0, "empty input", 0, true, -1},
		{"array", `[{"value":"x"}]`, 0, "expected a JSON object", 0, true, -1},
		{"truncated", valid[:len(valid)-10], 0, "truncated", int64(len(valid) - 10), true, -1},
		{"duplicate names", `{"type":"threat-actor","type":"country","values":[]}`, 0, "duplicate", -1, true, -1},
		{"trailing data", valid + ` {}`, 0, "after the end", -1, true, -1},
		{"invalid UTF-8", strings.Replace(valid, `"A"`, "\"A\xff\"", 1), 0, "UTF-8", -1, true, -1},
		{"too deep", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`","meta":{"x":`+deep+`}}`), 0, "nesting depth", -1, true, -1},
		{"too large", valid, 64, "over the limit of 64 bytes", 64, true, -1},
		{"BOM counted in offsets", "\xef\xbb\xbf" + valid[:len(valid)-10], 0, "truncated", int64(len(valid) - 7), true, -1},
		{"no type", `{"name":"x","values":[]}`, 0, `no "type"`, 0, false, -1},
		{"type not a string", `{"type":3,"values":[]}`, 0, `"type" must be a string`, 8, false, -1},
		{"unsupported", `{"type":"sector","values":[]}`, 0, `galaxy type "sector" is not supported yet; supported: amitt-misinformation-pattern, country, disarm-countermeasures, disarm-detections, disarm-techniques, groups, microsoft-activity-group, mitre-intrusion-set, threat-actor`, 8, false, -1},
		{"no values", `{"type":"threat-actor","uuid":"` + uuidA + `","name":"x"}`, 0, `no "values" list`, 0, false, -1},
		{"values not a list", `{"type":"threat-actor","values": {}}`, 0, `"values" must be a list of clusters, not object`, 33, false, -1},
		{"galaxy uuid", strings.Replace(valid, "11111111-2222-4333-8444-555555555555", "nope", 1), 0, `"uuid" must be a UUID`, -1, false, -1},
		{"version", strings.Replace(valid, `"version":7`, `"version":"7"`, 1), 0, `"version" must be a non-negative integer`, -1, false, -1},
		{"cluster not an object", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`"}`, `17`), 0, "cluster 1 at byte offset", -1, false, 1},
		{"cluster without uuid", galaxyJSON("threat-actor", `{"value":"A"}`), 0, at(`cluster 0 at byte offset OFF: the cluster has no "uuid"`), first, false, 0},
		{"cluster uuid", galaxyJSON("threat-actor", `{"value":"A","uuid":"A"}`), 0, `"uuid" must be a UUID string`, -1, false, 0},
		{"cluster without value", galaxyJSON("threat-actor", `{"uuid":"`+uuidA+`"}`), 0, at(`cluster 0 (uuid ` + uuidA + `) at byte offset OFF: the cluster has no "value"`), first, false, 0},
		{"empty value", galaxyJSON("threat-actor", `{"value":"  ","uuid":"`+uuidA+`"}`), 0, `"value" must be a non-empty string`, -1, false, 0},
		{"meta not an object", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`","meta":["x"]}`), 0, `"meta" must be an object, not list`, -1, false, 0},
		{"related not a list", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`","related":{}}`), 0, `"related" must be a list`, -1, false, 0},
		{"revoked not a boolean", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`","revoked":"yes"}`), 0, `"revoked" must be true or false`, -1, false, 0},
		{"same uuid, other content", galaxyJSON("threat-actor", `{"value":"A","uuid":"`+uuidA+`"}`, `{"value":"B","uuid":"`+strings.ToUpper(uuidA)+`"}`), 0, `the uuid is also that of cluster 0 ("A"), whose content differs`, -1, false, 1},
		{"country without ISO", galaxyJSON("country", `{"value":"nowhere","uuid":"`+uuidA+`","meta":{"ISO":"XYZ"}}`), 0, `needs meta.ISO`, -1, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Convert(strings.NewReader(c.in), Options{Now: jsonintest.Now, MaxBytes: c.max})
			if err == nil {
				t.Fatalf("no error; %d objects", len(res.Objects))
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			var se *stix.SyntaxError
			var ce *Error
			switch {
			case c.syntax && !errors.As(err, &se):
				t.Errorf("error %T (%v), want a *stix.SyntaxError", err, err)
			case c.syntax && c.offset >= 0 && se.Offset != c.offset:
				t.Errorf("offset %d, want %d (%v)", se.Offset, c.offset, err)
			case !c.syntax && !errors.As(err, &ce):
				t.Errorf("error %T (%v), want an *Error", err, err)
			case !c.syntax && ce.Cluster != c.clus:
				t.Errorf("cluster %d, want %d", ce.Cluster, c.clus)
			case !c.syntax && c.offset >= 0 && ce.Offset != c.offset:
				t.Errorf("offset %d, want %d (%v)", ce.Offset, c.offset, err)
			}
		})
	}
}

// TestNotes: what does not map is said, and nothing is dropped silently.
func TestNotes(t *testing.T) {
	a := func(extra string) string { return `{"value":"A","uuid":"` + uuidA + `"` + extra + `}` }
	b := func(extra string) string { return `{"value":"B","uuid":"` + uuidB + `"` + extra + `}` }
	cases := []struct {
		name     string
		in       string
		note     string // a note containing this; "" for none expected
		check    func(t *testing.T, res *Result)
		objCount int
	}{
		{"identical repeat skipped", galaxyJSON("threat-actor", a(""), a("")), "cluster 1 (\"A\", uuid " + uuidA + "): skipped: it repeats cluster 0 exactly", nil, 2},
		{"unknown cluster member kept", galaxyJSON("threat-actor", a(`,"colour":"#ff0000"`)), `member "colour" is not part of the MISP galaxy format`, func(t *testing.T, res *Result) {
			if got := res.Objects[1].Props.Get("x_misp_cluster_extra").String(); got != `{"colour":"#ff0000"}` {
				t.Errorf("x_misp_cluster_extra %s", got)
			}
		}, 2},
		{"unknown galaxy member kept", strings.Replace(galaxyJSON("threat-actor", a("")), `"authors"`, `"icon":"user","authors"`, 1), `member "icon"`, func(t *testing.T, res *Result) {
			if !strings.Contains(res.Objects[0].Props.Get("x_misp_galaxy").String(), `"icon":"user"`) {
				t.Error("icon not kept on the identity")
			}
		}, 2},
		{"invalid relationship type", galaxyJSON("threat-actor", a(`,"related":[{"dest-uuid":"`+uuidB+`","type":"Similar To"}]`), b("")), `"Similar To", which is not a STIX relationship type`, nil, 3},
		{"repeated link", galaxyJSON("threat-actor", a(`,"related":[{"dest-uuid":"`+uuidB+`","type":"similar"},{"dest-uuid":"`+uuidB+`","type":"similar"}]`), b("")), "related[1] repeats an earlier link", nil, 4},
		{"several likelihoods", galaxyJSON("threat-actor", a(`,"related":[{"dest-uuid":"`+uuidB+`","type":"similar","tags":["estimative-language:likelihood-probability=\"likely\"","estimative-language:likelihood-probability=\"unlikely\""]}]`), b("")), "gives several likelihoods (likely, unlikely); no confidence given", func(t *testing.T, res *Result) {
			if res.Objects[3].Props.Get("confidence") != nil {
				t.Error("confidence given despite contradicting likelihoods")
			}
		}, 4},
		{"link outside the file", galaxyJSON("threat-actor", a(`,"related":[{"dest-uuid":"`+uuidB+`","type":"similar"}]`)), "", func(t *testing.T, res *Result) {
			if !strings.Contains(res.Objects[1].Props.Get("x_misp_related").String(), uuidB) {
				t.Error("the link is not kept in x_misp_related")
			}
		}, 2},
		{"unlisted country", galaxyJSON("threat-actor", a(`,"meta":{"country":"ZZ"}`)), `meta.country "ZZ" is not a code the MISP country galaxy lists`, nil, 2},
		{"not a country code", galaxyJSON("threat-actor", a(`,"meta":{"country":"Iran"}`)), `meta.country "Iran" is not a two-letter country code`, nil, 2},
		{"lower-case country, twice", galaxyJSON("threat-actor", a(`,"meta":{"country":["ir","IR"]}`)), "meta.country names IR more than once", func(t *testing.T, res *Result) {
			if countType(res.Objects, "location") != 1 || countType(res.Objects, "relationship") != 1 {
				t.Errorf("want one location and one relationship for IR")
			}
		}, 4},
		{"Python-style lists", galaxyJSON("groups", a(`,"meta":{"synonyms":"['A', 'A1', \"A'2\", 'A1']","country":"['CN', 'RU']"}`)), "", func(t *testing.T, res *Result) {
			if got := strList(res.Objects[1].Props.Get("aliases")); !slices.Equal(got, []string{"A1", "A'2"}) {
				t.Errorf("aliases %q, want [A1 A'2]", got)
			}
			if n := countType(res.Objects, "relationship"); n != 2 {
				t.Errorf("%d originates-from, want 2 (CN, RU)", n)
			}
		}, 6},
		{"synonyms not strings", galaxyJSON("threat-actor", a(`,"meta":{"synonyms":[1,2]}`)), "meta.synonyms is list, not a list of strings; it is kept in x_misp_meta only", nil, 2},
		{"ref that is not a URL", galaxyJSON("threat-actor", a(`,"meta":{"refs":["Kaspersky report, 2015","https://example.org/a"]}`)), "", func(t *testing.T, res *Result) {
			refs := res.Objects[1].Props.Get("external_references").String()
			if !strings.Contains(refs, `{"source_name":"misp-galaxy-ref","description":"Kaspersky report, 2015"}`) || !strings.Contains(refs, `"url":"https://example.org/a"`) {
				t.Errorf("references %s", refs)
			}
		}, 2},
		{"technique without external_id", galaxyJSON("disarm-techniques", a("")), "it has no meta.external_id, so its object has no DISARM reference", nil, 2},
		{"missing galaxy members", `{"type":"threat-actor","uuid":"` + uuidB + `","name":"N","values":[` + a("") + `]}`, `the galaxy has no "authors" member`, nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := convertString(c.in)
			if err != nil {
				t.Fatal(err)
			}
			jsonintest.CheckValid(t, c.name, res.Objects)
			if c.note != "" && countNotes(res.Notes, c.note) != 1 {
				t.Errorf("no note containing %q in\n%s", c.note, strings.Join(res.Notes, "\n"))
			}
			if c.note == "" && len(res.Notes) > 0 {
				t.Errorf("unexpected notes:\n%s", strings.Join(res.Notes, "\n"))
			}
			if len(res.Objects) != c.objCount {
				var types []string
				for _, o := range res.Objects {
					types = append(types, o.Type)
				}
				t.Errorf("%d objects %v, want %d", len(res.Objects), types, c.objCount)
			}
			if c.check != nil {
				c.check(t, res)
			}
		})
	}
}

func TestStringList(t *testing.T) {
	cases := []struct {
		in   string // JSON
		want []string
		ok   bool
	}{
		{`["a"," b ","","a"]`, []string{"a", "b", "a"}, true},
		{`"single"`, []string{"single"}, true},
		{`""`, nil, true},
		{`"['AU', 'BG']"`, []string{"AU", "BG"}, true},
		{`"[\"x\", 'it\\'s', ]"`, []string{"x", "it's"}, true},
		{`"[]"`, nil, true},
		{`"[not a list]"`, []string{"[not a list]"}, true},
		{`"['open"`, []string{"['open"}, true},
		{`"['a' 'b']"`, []string{"['a' 'b']"}, true},
		{`[1]`, nil, false},
		{`{"a":1}`, nil, false},
		{`3`, nil, false},
	}
	for _, c := range cases {
		v, err := stix.DecodeValue([]byte(c.in), 0, stix.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := stringList(&v)
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("stringList(%s) got %q %v, want %q %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSlugAndTypes(t *testing.T) {
	for in, want := range map[string]string{"Establish Legitimacy": "establish-legitimacy", "  Plan  Objectives ": "plan-objectives", "Drive Offline Activity!": "drive-offline-activity", "": ""} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) got %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]bool{"similar": true, "revoked-by": true, "part-of": true, "uses2": true, "Similar": false, "linked_to": false, "": false, "similar to": false} {
		if got := isRelationshipType(in); got != want {
			t.Errorf("isRelationshipType(%q) got %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]string{"ir": "IR", " KP ": "KP", "IRN": "", "I1": "", "": ""} {
		got, ok := NormalizeCountryCode(in)
		if got != want || ok != (want != "") {
			t.Errorf("NormalizeCountryCode(%q) got %q %v, want %q", in, got, ok, want)
		}
	}
	if _, ok := CountryLocation("ZZ", jsonintest.Now); ok {
		t.Error("CountryLocation(ZZ) made a location")
	}
	if c, ok := CountryCode("south korea"); !ok || c != "KR" {
		t.Errorf("CountryCode(south korea) got %q %v", c, ok)
	}
}
