package build

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// writeFiles writes name -> content under a new temporary folder.
func writeFiles(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// setVar sets *p to v for the rest of the test.
func setVar[T any](tb testing.TB, p *T, v T) {
	tb.Helper()
	old := *p
	*p = v
	tb.Cleanup(func() { *p = old })
}

func TestStringsOf(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		want       []string
		ok         bool
	}{
		{"list", `{"m":["a"," b ","a",""]}`, []string{"a", "b"}, true},
		{"string", `{"m":" IR "}`, []string{"IR"}, true},
		{"python list", `{"m":"['AU', 'BG', \"CN\"]"}`, []string{"AU", "BG", "CN"}, true},
		{"empty python list", `{"m":"[]"}`, nil, true},
		{"bracketed text is a string", `{"m":"[draft] name"}`, []string{"[draft] name"}, true},
		{"absent", `{}`, nil, true},
		{"null", `{"m":null}`, nil, true},
		{"number", `{"m":3}`, nil, false},
		{"list of numbers", `{"m":[1]}`, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := stix.DecodeValue([]byte(tc.json), 0, stix.DefaultLimits)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := stringsOf(&v, "m")
			if !slices.Equal(got, tc.want) || ok != tc.ok {
				t.Errorf("stringsOf(%s) got %q, %v; want %q, %v", tc.json, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestPythonList(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   []string
		isList bool
	}{
		{"['AU', 'BG']", []string{"AU", "BG"}, true},
		{` [ "a" , 'b c' ] `, []string{"a", "b c"}, true},
		{"['a',]", []string{"a"}, true},
		{"['a' 'b']", nil, false},
		{"['a", nil, false},
		{"[a, b]", nil, false},
		{"AU", nil, false},
	} {
		got, isList := pythonList(tc.in)
		if isList != tc.isList || (isList && !slices.Equal(got, tc.want)) {
			t.Errorf("pythonList(%q) got %q, %v; want %q, %v", tc.in, got, isList, tc.want, tc.isList)
		}
	}
}

func TestSmallParsers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ir", "IR"}, {" CN ", "CN"}, {"", ""}, {"Iran", ""}, {"I1", ""}, {"ÉU", ""},
	} {
		if got := countryCode(tc.in); got != tc.want {
			t.Errorf("countryCode(%q) got %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{`estimative-language:likelihood-probability="likely"`, "likely", true},
		{`estimative-language:likelihood-probability="almost-certain"`, "almost-certain", true},
		{`estimative-language:likelihood-probability=""`, "", false},
		{`tlp:white`, "", false},
	} {
		if got, ok := likelihood(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("likelihood(%q) got %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if got, want := splitNames(" PHOSPHORUS, APT35,,APT35 , Mint Sandstorm", "Mint Sandstorm"), []string{"PHOSPHORUS", "APT35"}; !slices.Equal(got, want) {
		t.Errorf("splitNames got %q, want %q", got, want)
	}
	if got := splitNames("", "X"); got != nil {
		t.Errorf("splitNames(\"\") got %q, want nil", got)
	}
}

func TestMarshal(t *testing.T) {
	p := &knowledge.Pack{Version: 1, Sources: []knowledge.Source{{ID: "attack", Name: "MITRE ATT&CK <18.1>"}}, Groups: []knowledge.Group{{ID: "intrusion-set--x", ExternalID: "G1", Name: "N"}}}
	got, err := Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"version":1,"sources":[{"id":"attack","name":"MITRE ATT&CK <18.1>","url":"","version":"","date":"","licence":"","attribution":""}],"groups":[{"id":"intrusion-set--x","external_id":"G1","name":"N","modified":""}],"techniques":null,"software":null,"campaigns":null,"disarm":null,"galaxies":null,"microsoft":null}` + "\n"
	if string(got) != want {
		t.Errorf("Marshal got\n%s\nwant\n%s", got, want)
	}
}

func TestReadMicrosoft(t *testing.T) {
	const bom = "\ufeff"
	dir := writeFiles(t, map[string]string{MicrosoftFile: bom + `[
		{"Threat actor name": "Mint Sandstorm", "Origin/Threat": "Iran", "Other names": "PHOSPHORUS, APT35"},
		{"Threat actor name": "Storm-1516", "Origin/Threat": "Russia, Influence operations", "Other names": ""},
		{"Threat actor name": "Neva Flood", "Origin/Threat": "Russia, Influence operations", "Other names": "Storm-1516, CopyCop"}
	]`})
	got, err := readMicrosoft(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []knowledge.MicrosoftName{
		{Name: "Mint Sandstorm", Origin: "Iran", Other: []string{"PHOSPHORUS", "APT35"}},
		{Name: "Neva Flood", Origin: "Russia, Influence operations", Other: []string{"Storm-1516", "CopyCop"}},
		{Name: "Storm-1516", Origin: "Russia, Influence operations"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readMicrosoft got %+v, want %+v", got, want)
	}

	for _, tc := range []struct{ name, content, want string }{
		// Offsets count from the start of the file, BOM included: the
		// "]" after the stray comma is byte 7.
		{"bad JSON after a BOM", bom + `[{},]`, "actor-names/microsoft-mapping.json: byte offset 7: invalid JSON (at JSON pointer /1)"},
		{"truncated", `[{"Threat actor name": "X"`, "actor-names/microsoft-mapping.json: byte offset 26: invalid JSON: the file ends inside a value"},
		{"duplicate member", `[{"Threat actor name": "X", "Threat actor name": "Y"}]`, "actor-names/microsoft-mapping.json: byte offset 28: invalid JSON (at JSON pointer /0/Threat actor name)"},
		{"missing column", `[{"Threat actor name": "X", "Origin/Threat": "Iran"}]`, `actor-names/microsoft-mapping.json: [0]: "Other names" missing`},
		{"repeated name", `[{"Threat actor name": "X", "Origin/Threat": "", "Other names": ""}, {"Threat actor name": "X", "Origin/Threat": "", "Other names": ""}]`, `[1]: "X" appears twice`},
		{"not a list", `{}`, "want a JSON list, found a object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readMicrosoft(writeFiles(t, map[string]string{MicrosoftFile: tc.content}))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readMicrosoft error got %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestReadGalaxies(t *testing.T) {
	setVar(t, &GalaxyNames, []string{"one", "two"})
	dir := writeFiles(t, map[string]string{
		"misp-galaxy/clusters/one.json": `{"name": "One", "type": "one", "uuid": "g1", "version": 7, "values": [
			{"value": " Zeta ", "uuid": "c2", "meta": {"synonyms": "['Z', 'Zeta', 'Z2']", "country": "ir", "cfr-suspected-state-sponsor": "Iran (Islamic Republic of)"},
			 "related": [
				{"dest-uuid": "c3", "type": "similar", "tags": ["estimative-language:likelihood-probability=\"likely\""]},
				{"dest-uuid": "c3", "type": "similar", "tags": ["estimative-language:likelihood-probability=\"likely\""]},
				{"dest-uuid": "outside", "type": "uses"},
				{"dest-uuid": "", "type": "uses"}]},
			{"value": "Alpha", "uuid": "c1", "meta": {"synonyms": ["A", "Alpha"], "country": "", "external_id": "G0001"}},
			{"value": "Alpha", "uuid": "c0", "meta": {"country": "Iran"}}
		]}`,
		"misp-galaxy/galaxies/one.json": `{"name": "One", "type": "one", "uuid": "d1", "version": 1}`,
		"misp-galaxy/clusters/two.json": `{"name": "Two", "type": "groups", "uuid": "g2", "version": 1, "values": [
			{"value": "Beta", "uuid": "c3", "meta": {"country": "['CN', 'HK']"}, "related": []}
		]}`,
		"misp-galaxy/galaxies/two.json": `{"name": "Two", "type": "groups", "uuid": "d2", "version": 1}`,
	})
	got, err := readGalaxies(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []knowledge.Galaxy{
		{Type: "groups", UUID: "g2", Name: "Two", Version: 1, DefinitionUUID: "d2", Clusters: []knowledge.Cluster{
			{UUID: "c3", Value: "Beta"}, // several countries: ignored
		}},
		{Type: "one", UUID: "g1", Name: "One", Version: 7, DefinitionUUID: "d1", Clusters: []knowledge.Cluster{
			{UUID: "c0", Value: "Alpha"}, // "Iran" is no code: ignored
			{UUID: "c1", Value: "Alpha", Synonyms: []string{"A"}, ExternalID: "G0001"},
			{UUID: "c2", Value: "Zeta", Synonyms: []string{"Z", "Z2"}, Country: "IR", Sponsor: "Iran (Islamic Republic of)",
				Related: []knowledge.Related{{UUID: "c3", Type: "similar", Likelihood: "likely"}}},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readGalaxies got\n%+v\nwant\n%+v", got, want)
	}

	for _, tc := range []struct{ name, cluster, def, want string }{
		{"truncated", `{"name": "One", "type": "one", "uuid": "g1", "version": 7, "values": [`, `{"type": "one", "uuid": "d1"}`, "misp-galaxy/clusters/one.json: byte offset 70: invalid JSON: the file ends inside a value"},
		{"duplicate member", `{"name": "One", "name": "Two", "type": "one", "uuid": "g1", "version": 7, "values": []}`, `{"type": "one", "uuid": "d1"}`, "misp-galaxy/clusters/one.json: byte offset 16: invalid JSON (at JSON pointer /name): duplicate object member name"},
		{"cluster without uuid", `{"name": "One", "type": "one", "uuid": "g1", "version": 7, "values": [{"value": "A"}]}`, `{"type": "one", "uuid": "d1"}`, "misp-galaxy/clusters/one.json: values[0]: value or uuid missing"},
		{"bad synonyms", `{"name": "One", "type": "one", "uuid": "g1", "version": 7, "values": [{"value": "A", "uuid": "u", "meta": {"synonyms": 3}}]}`, `{"type": "one", "uuid": "d1"}`, "values[0]: meta.synonyms"},
		{"version not a number", `{"name": "One", "type": "one", "uuid": "g1", "version": "7", "values": []}`, `{"type": "one", "uuid": "d1"}`, "misp-galaxy/clusters/one.json: version: missing or not an integer"},
		{"definition of another type", `{"name": "One", "type": "one", "uuid": "g1", "version": 7, "values": []}`, `{"type": "other", "uuid": "d1"}`, `misp-galaxy/galaxies/one.json: type: "other"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			setVar(t, &GalaxyNames, []string{"one"})
			dir := writeFiles(t, map[string]string{"misp-galaxy/clusters/one.json": tc.cluster, "misp-galaxy/galaxies/one.json": tc.def})
			_, err := readGalaxies(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readGalaxies error got %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// attackBundle wraps objects in a bundle with an ATT&CK collection object.
func attackBundle(version string, objects ...string) string {
	return `{"type": "bundle", "id": "bundle--1", "objects": [{"type": "x-mitre-collection", "id": "x-mitre-collection--1", "x_mitre_version": "` + version + `"}` +
		strings.Join(append([]string{""}, objects...), ",\n") + `]}`
}

const (
	objGroup = `{"type": "intrusion-set", "id": "intrusion-set--g1", "name": "Hound", "aliases": ["Hound", "Kitten"], "modified": "2024-01-01T00:00:00.000Z",
		"x_mitre_domains": ["enterprise-attack"], "description": "[Hound](https://attack.mitre.org/groups/G0001) is an Iranian-sponsored threat group.",
		"external_references": [{"source_name": "mitre-attack", "external_id": "G0001"}]}`
	objGroupMobile = `{"type": "intrusion-set", "id": "intrusion-set--g1", "name": "Hound", "aliases": ["Hound", "Kitten"], "modified": "2024-01-01T00:00:00.000Z",
		"x_mitre_domains": ["mobile-attack"], "external_references": [{"source_name": "mitre-attack", "external_id": "G0001"}]}`
	objOldGroup = `{"type": "intrusion-set", "id": "intrusion-set--g0", "name": "Kitten", "modified": "2023-01-01T00:00:00.000Z", "revoked": true,
		"external_references": [{"source_name": "mitre-attack", "external_id": "G0000"}]}`
	objTechnique = `{"type": "attack-pattern", "id": "attack-pattern--t1", "name": "Phishing", "modified": "2024-01-01T00:00:00.000Z",
		"kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "initial-access"}, {"kill_chain_name": "other", "phase_name": "ignored"}],
		"external_references": [{"source_name": "capec", "external_id": "CAPEC-98"}, {"source_name": "mitre-attack", "external_id": "T1566"}]}`
	objTechniqueMobileNewer = `{"type": "attack-pattern", "id": "attack-pattern--t1", "name": "Phishing (renamed)", "modified": "2025-01-01T00:00:00.000Z",
		"kill_chain_phases": [{"kill_chain_name": "mitre-mobile-attack", "phase_name": "initial-access"}, {"kill_chain_name": "mitre-mobile-attack", "phase_name": "persistence"}],
		"external_references": [{"source_name": "mitre-mobile-attack", "external_id": "T1566"}]}`
	objMalware = `{"type": "malware", "id": "malware--s1", "name": "Powerless", "x_mitre_aliases": ["Powerless", "PL"], "modified": "2024-01-01T00:00:00.000Z",
		"external_references": [{"source_name": "mitre-attack", "external_id": "S0001"}]}`
	objRetiredMalware = `{"type": "malware", "id": "malware--s0", "name": "Old", "x_mitre_deprecated": true, "modified": "2024-01-01T00:00:00.000Z",
		"external_references": [{"source_name": "mitre-ics-attack", "external_id": "S0001"}]}`
	objCampaign = `{"type": "campaign", "id": "campaign--c1", "name": "Homeland", "aliases": ["Homeland"], "first_seen": "2021-05-01T04:00:00.000Z", "last_seen": "2022-09-01T04:00:00.000Z",
		"modified": "2024-01-01T00:00:00.000Z", "external_references": [{"source_name": "mitre-attack", "external_id": "C0001"}]}`
	relUsesTechnique = `{"type": "relationship", "id": "relationship--1", "relationship_type": "uses", "source_ref": "intrusion-set--g1", "target_ref": "attack-pattern--t1"}`
	relUsesMalware   = `{"type": "relationship", "id": "relationship--2", "relationship_type": "uses", "source_ref": "intrusion-set--g1", "target_ref": "malware--s1"}`
	relRevokedBy     = `{"type": "relationship", "id": "relationship--3", "relationship_type": "revoked-by", "source_ref": "intrusion-set--g0", "target_ref": "intrusion-set--g1"}`
	relAttributed    = `{"type": "relationship", "id": "relationship--4", "relationship_type": "attributed-to", "source_ref": "campaign--c1", "target_ref": "intrusion-set--g1"}`
	relDeprecated    = `{"type": "relationship", "id": "relationship--5", "relationship_type": "uses", "source_ref": "intrusion-set--g1", "target_ref": "malware--s0", "x_mitre_deprecated": true}`
	relDangling      = `{"type": "relationship", "id": "relationship--6", "relationship_type": "uses", "source_ref": "intrusion-set--g1", "target_ref": "malware--missing"}`
)

func TestReadAttack(t *testing.T) {
	setVar(t, &AttackFiles, []string{"e.json", "m.json", "i.json"})
	dir := writeFiles(t, map[string]string{
		"e.json": attackBundle("18.1", objGroup, objOldGroup, objTechnique, objMalware, objCampaign, relUsesTechnique, relRevokedBy, relDeprecated),
		"m.json": attackBundle("18.1", objGroupMobile, objTechniqueMobileNewer, relUsesTechnique, relUsesMalware),
		"i.json": attackBundle("18.1", objRetiredMalware, relAttributed),
	})
	groups, techniques, software, campaigns, version, err := readAttack(dir)
	if err != nil {
		t.Fatal(err)
	}
	if version != "18.1" {
		t.Errorf("version got %q, want 18.1", version)
	}
	wantGroups := []knowledge.Group{
		{ID: "intrusion-set--g0", ExternalID: "G0000", Name: "Kitten", Modified: "2023-01-01T00:00:00.000Z", Revoked: true, RevokedBy: "intrusion-set--g1"},
		{ID: "intrusion-set--g1", ExternalID: "G0001", Name: "Hound", Aliases: []string{"Kitten"}, Modified: "2024-01-01T00:00:00.000Z",
			Domains: []string{"enterprise-attack", "mobile-attack"}, Country: "IR", CountryEvidence: "Hound is an Iranian-sponsored threat group.",
			Techniques: []string{"T1566"}, Software: []string{"S0001"}},
	}
	if !reflect.DeepEqual(groups, wantGroups) {
		t.Errorf("groups got\n%+v\nwant\n%+v", groups, wantGroups)
	}
	wantTechniques := []knowledge.Technique{
		{ID: "attack-pattern--t1", ExternalID: "T1566", Name: "Phishing (renamed)", Tactics: []string{"initial-access", "persistence"}},
	}
	if !reflect.DeepEqual(techniques, wantTechniques) {
		t.Errorf("techniques got\n%+v\nwant\n%+v", techniques, wantTechniques)
	}
	wantSoftware := []knowledge.Software{
		{ID: "malware--s1", ExternalID: "S0001", Name: "Powerless", Type: "malware", Aliases: []string{"PL"}},
		{ID: "malware--s0", ExternalID: "S0001", Name: "Old", Type: "malware", Deprecated: true},
	}
	if !reflect.DeepEqual(software, wantSoftware) {
		t.Errorf("software got\n%+v\nwant\n%+v", software, wantSoftware)
	}
	wantCampaigns := []knowledge.Campaign{
		{ID: "campaign--c1", ExternalID: "C0001", Name: "Homeland", Groups: []string{"G0001"}, FirstSeen: "2021-05-01T04:00:00.000Z", LastSeen: "2022-09-01T04:00:00.000Z"},
	}
	if !reflect.DeepEqual(campaigns, wantCampaigns) {
		t.Errorf("campaigns got\n%+v\nwant\n%+v", campaigns, wantCampaigns)
	}
}

func TestReadAttackErrors(t *testing.T) {
	setVar(t, &AttackFiles, []string{"e.json", "m.json"})
	ok := attackBundle("18.1", objTechnique)
	for _, tc := range []struct {
		name, e, m, want string
	}{
		{"truncated bundle", ok, ok[:40], "m.json: byte offset"},
		{"dangling relationship", attackBundle("18.1", objGroup, objMalware, relDangling), ok, "relationship--6 (uses): target malware--missing is not in the ATT&CK bundles"},
		{"no ATT&CK id", attackBundle("18.1", strings.Replace(objMalware, `"mitre-attack"`, `"elsewhere"`, 1)), ok, "e.json: byte offset"},
		{"versions differ", ok, attackBundle("17.0", objTechnique), `m.json: want one x-mitre-collection with the same x_mitre_version`},
		{"no collection", `{"type": "bundle", "id": "bundle--1", "objects": []}`, ok, `e.json: want one x-mitre-collection`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"e.json": tc.e, "m.json": tc.m})
			_, _, _, _, _, err := readAttack(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("readAttack error got %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestReadSources(t *testing.T) {
	files := map[string]string{}
	for _, s := range sources {
		files[s.dir+"/README.md"] = strings.Join(s.readme, " ") + " v18.1"
		files[s.dir+"/"+s.licenceFile] = strings.Join(s.licenceText, "\n")
	}
	got, err := readSources(writeFiles(t, files), "18.1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(sources) || got[0].ID != "attack" || got[0].Name != "MITRE ATT&CK 18.1 (Enterprise, Mobile, ICS)" || !strings.HasPrefix(got[0].Version, "v18.1 ") {
		t.Errorf("readSources got %+v", got)
	}
	// A README that no longer mentions the recorded commit fails the build.
	files["disarm/README.md"] = "a newer commit"
	if _, err := readSources(writeFiles(t, files), "18.1"); err == nil || !strings.Contains(err.Error(), "disarm/README.md does not mention") {
		t.Errorf("readSources with a stale README got error %v, want one naming disarm/README.md", err)
	}
	// So does an ATT&CK version the README does not mention.
	delete(files, "disarm/README.md")
	if _, err := readSources(writeFiles(t, files), "19.0"); err == nil || !strings.Contains(err.Error(), `attack/README.md does not mention "v19.0"`) {
		t.Errorf("readSources with another ATT&CK version got error %v, want one naming v19.0", err)
	}
}

func TestInputs(t *testing.T) {
	in := Inputs()
	for _, want := range []string{"attack/enterprise-attack-18.1.json", DISARMFile, "misp-galaxy/clusters/threat-actor.json", "misp-galaxy/galaxies/tidal-groups.json", MicrosoftFile, "attack/LICENSE.txt", "actor-names/README.md"} {
		if !slices.Contains(in, want) {
			t.Errorf("Inputs() lacks %s", want)
		}
	}
}
