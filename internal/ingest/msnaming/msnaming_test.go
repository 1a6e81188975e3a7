package msnaming

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

	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/jsonin/jsonintest"
	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/stix"
)

var update = flag.Bool("update", false, "rewrite the golden file")

const fixture = "testdata/microsoft-mapping.json"

// convertFile converts a file, failing the test on error.
func convertFile(tb testing.TB, path string) *Result {
	tb.Helper()
	return jsonintest.ConvertFile(tb, path, func(r io.Reader) (*Result, error) { return Convert(r, Options{Now: jsonintest.Now}) })
}

func strs(v *stix.Value) []string {
	if v == nil {
		return nil
	}
	var out []string
	for _, it := range v.Items {
		out = append(out, it.Str)
	}
	return out
}

// origins returns the country codes an intrusion set originates from.
func origins(objs []*stix.Object, src string) []string {
	byID := map[string]*stix.Object{}
	for _, o := range objs {
		byID[o.ID] = o
	}
	var out []string
	for _, o := range objs {
		s, _ := o.Props.GetString("source_ref")
		t, _ := o.Props.GetString("relationship_type")
		if o.Type == "relationship" && s == src && t == "originates-from" {
			tgt, _ := o.Props.GetString("target_ref")
			if loc := byID[tgt]; loc != nil {
				c, _ := loc.Props.GetString("country")
				out = append(out, c)
			} else {
				out = append(out, "missing "+tgt)
			}
		}
	}
	return out
}

func countNotes(notes []string, sub string) int {
	n := 0
	for _, s := range notes {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

// golden renders a result for the golden file: one object per line.
func golden(res *Result) []byte {
	return jsonintest.Golden(fmt.Sprintf("\"entries\": %d,\n", res.Entries), res.Notes, res.Objects)
}

func TestGolden(t *testing.T) {
	res := convertFile(t, fixture)
	jsonintest.CheckValid(t, "", res.Objects)
	jsonintest.CheckGolden(t, filepath.Join("testdata", "golden", "microsoft-mapping.json"), golden(res), *update)
}

// checkEntries checks entries that the test data and the real map share.
func checkEntries(t *testing.T, res *Result) {
	t.Helper()
	cases := []struct {
		name      string
		aliases   []string // some of the aliases
		countries []string
		kinds     []string
		origin    string
	}{
		{"Mint Sandstorm", []string{"APT35", "CHARMING KITTEN", "PHOSPHORUS"}, []string{"IR"}, nil, "Iran"},
		{"Zigzag Hail", []string{"Dark Hotel", "APT-C-60"}, []string{"KR"}, nil, "Korea"},
		{"Neva Flood", []string{"Storm-1516", "CopyCop"}, []string{"RU"}, []string{"Influence operations"}, "Russia, Influence operations"},
		{"Storm-1516", nil, []string{"RU"}, []string{"Influence operations"}, "Russia, Influence operations"},
		{"Blue Tsunami", nil, []string{"IL"}, []string{"Private sector offensive actor"}, "Israel, Private sector offensive actor"},
		{"CovertNetwork-1658", []string{"ORB07"}, nil, []string{"Covert network"}, "Covert network"},
		{"Patched Lightning", []string{"Storm-0113"}, nil, nil, ""},
		{"Amethyst Rain", []string{"Volatile Cedar"}, []string{"LB"}, nil, "Lebanon"},
	}
	for _, c := range cases {
		o := jsonintest.Find(res.Objects, "intrusion-set", c.name)
		if o == nil {
			t.Errorf("no intrusion-set %q", c.name)
			continue
		}
		if o.ID != stix.DerivedID("intrusion-set", "microsoft-naming:"+c.name) {
			t.Errorf("%s: id %s", c.name, o.ID)
		}
		aliases := strs(o.Props.Get("aliases"))
		for _, a := range c.aliases {
			if !slices.Contains(aliases, a) {
				t.Errorf("%s: aliases %q lack %q", c.name, aliases, a)
			}
		}
		if c.aliases == nil && aliases != nil && c.name != "Storm-1516" && c.name != "Blue Tsunami" {
			t.Errorf("%s: aliases %q", c.name, aliases)
		}
		if got := origins(res.Objects, o.ID); !slices.Equal(got, c.countries) {
			t.Errorf("%s: originates from %q, want %q", c.name, got, c.countries)
		}
		if got := strs(o.Props.Get("x_microsoft_threat_kinds")); !slices.Equal(got, c.kinds) {
			t.Errorf("%s: threat kinds %q, want %q", c.name, got, c.kinds)
		}
		if got, _ := o.Props.GetString("x_microsoft_origin_threat"); got != c.origin {
			t.Errorf("%s: x_microsoft_origin_threat %q, want %q", c.name, got, c.origin)
		}
		wantDesc := "Microsoft threat actor name. Origin/Threat: " + c.origin + "."
		if c.origin == "" {
			wantDesc = "Microsoft threat actor name. Origin/Threat: not given in the map."
		}
		if o.Description() != wantDesc {
			t.Errorf("%s: description %q, want %q", c.name, o.Description(), wantDesc)
		}
		if cb, _ := o.Props.GetString("created_by_ref"); cb != IdentityID {
			t.Errorf("%s: created_by_ref %s", c.name, cb)
		}
		refs := o.Props.Get("external_references").String()
		if !strings.Contains(refs, NamingPageURL) || !strings.Contains(refs, MapURL) {
			t.Errorf("%s: references %s", c.name, refs)
		}
		if m := strs(o.Props.Get("object_marking_refs")); !slices.Equal(m, []string{stix.TLP2Clear.ID}) {
			t.Errorf("%s: markings %v", c.name, m)
		}
	}
	if res.Objects[0].ID != IdentityID || res.Objects[0].Name() != "Microsoft Threat Intelligence" {
		t.Errorf("first object %s %q, want the Microsoft Threat Intelligence identity", res.Objects[0].ID, res.Objects[0].Name())
	}
	if countNotes(res.Notes, `"Storm-1516" is an entry of its own`) != 1 {
		t.Errorf("no note on Storm-1516 in\n%s", strings.Join(res.Notes, "\n"))
	}
	if countNotes(res.Notes, `the other name "WICKED PANDA" belongs to 2 Microsoft actors: Brass Typhoon, Leopard Typhoon`) != 1 {
		t.Errorf("no note on WICKED PANDA in\n%s", strings.Join(res.Notes, "\n"))
	}
}

func TestFixture(t *testing.T) {
	res := convertFile(t, fixture)
	if res.Entries != 12 {
		t.Errorf("%d entries, want 12", res.Entries)
	}
	checkEntries(t, res)
	// Both shared names of the sample are noted; nothing else.
	if len(res.Notes) != 3 || countNotes(res.Notes, `"KAOS" belongs to 2`) != 1 {
		t.Errorf("notes:\n%s", strings.Join(res.Notes, "\n"))
	}
}

// TestLocationsAreShared: a country's location is byte for byte the one
// the galaxy converter makes.
func TestLocationsAreShared(t *testing.T) {
	res := convertFile(t, fixture)
	n := 0
	for _, o := range res.Objects {
		if o.Type != "location" {
			continue
		}
		n++
		code, _ := o.Props.GetString("country")
		want, ok := mispgalaxy.CountryLocation(code, jsonintest.Now)
		if !ok || !bytes.Equal(o.Raw, want.Raw) {
			t.Errorf("location %s\n%s\nis not mispgalaxy's\n%s", code, o.Raw, want.Raw)
		}
	}
	if n != 6 { // CN, IL, IR, KR, LB, RU
		t.Errorf("%d locations, want 6", n)
	}
}

func TestDeterminism(t *testing.T) {
	a, b := convertFile(t, fixture), convertFile(t, fixture)
	if !bytes.Equal(golden(a), golden(b)) {
		t.Error("two conversions differ")
	}
	f, _ := os.Open(fixture)
	c, err := Convert(f, Options{Now: jsonintest.Now.Add(-30 * 24 * time.Hour)})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Objects {
		if a.Objects[i].ID != c.Objects[i].ID {
			t.Errorf("id %s became %s with another time", a.Objects[i].ID, c.Objects[i].ID)
		}
	}
}

func TestParseOrigin(t *testing.T) {
	cases := []struct {
		in                       string
		countries, kinds, others []string
	}{
		{"Iran", []string{"IR"}, nil, nil},
		{"Russia, Influence operations", []string{"RU"}, []string{"Influence operations"}, nil},
		{"Korea", []string{"KR"}, nil, nil},
		{"North Korea", []string{"KP"}, nil, nil},
		{"Türkiye", []string{"TR"}, nil, nil},
		{"United States, Financially motivated", []string{"US"}, []string{"Financially motivated"}, nil},
		{"Group in development", nil, []string{"Group in development"}, nil},
		{"Private sector offensive actor", nil, []string{"Private sector offensive actor"}, nil},
		{"Covert network", nil, []string{"Covert network"}, nil},
		{"", nil, nil, nil},
		{" , ", nil, nil, nil},
		{"Iran, Iran", []string{"IR"}, nil, nil},
		{"Brazil", []string{"BR"}, nil, nil}, // through the country galaxy's names
		{"Atlantis, Hacktivism", nil, nil, []string{"Atlantis", "Hacktivism"}},
	}
	for _, c := range cases {
		countries, kinds, others := parseOrigin(c.in)
		if !slices.Equal(countries, c.countries) || !slices.Equal(kinds, c.kinds) || !slices.Equal(others, c.others) {
			t.Errorf("parseOrigin(%q) got %q %q %q, want %q %q %q", c.in, countries, kinds, others, c.countries, c.kinds, c.others)
		}
	}
}

// entryJSON writes one entry of the map.
func entryJSON(name, origin, others string) string {
	return fmt.Sprintf(`{"Threat actor name":%q,"Origin/Threat":%q,"Other names":%q}`, name, origin, others)
}

// TestNotes: repeats and contradictions are noted, never dropped.
func TestNotes(t *testing.T) {
	cases := []struct {
		name  string
		in    string
		note  string
		check func(t *testing.T, res *Result)
	}{
		{"exact repeat", "[" + entryJSON("A Sandstorm", "Iran", "X") + "," + entryJSON("A Sandstorm", "Iran", "X") + "]",
			`entry 1 ("A Sandstorm") repeats entry 0 exactly; one object made`, func(t *testing.T, res *Result) {
				if n := len(res.Objects); n != 4 { // identity, intrusion set, location, relationship
					t.Errorf("%d objects, want 4", n)
				}
			}},
		{"repeat that contradicts", "[" + entryJSON("A Sandstorm", "Iran", "X") + "," + entryJSON("A Sandstorm", "Russia", "X, Y") + "]",
			`entry 1 ("A Sandstorm") repeats the name of entry 0 with "Origin/Threat" "Russia" against "Iran" and other names Y that entry 0 lacks; merged`, func(t *testing.T, res *Result) {
				o := jsonintest.Find(res.Objects, "intrusion-set", "A Sandstorm")
				if got := origins(res.Objects, o.ID); !slices.Equal(got, []string{"IR", "RU"}) {
					t.Errorf("origins %q, want both", got)
				}
				if !strings.Contains(o.Description(), "also lists this name with Origin/Threat: Russia") {
					t.Errorf("description %q", o.Description())
				}
				if got := strs(o.Props.Get("aliases")); !slices.Equal(got, []string{"X", "Y"}) {
					t.Errorf("aliases %q", got)
				}
			}},
		{"own name among the other names", "[" + entryJSON("A Sandstorm", "Iran", "A Sandstorm, X") + "]", "its other names include its own name", func(t *testing.T, res *Result) {
			if got := strs(res.Objects[1].Props.Get("aliases")); !slices.Equal(got, []string{"X"}) {
				t.Errorf("aliases %q", got)
			}
		}},
		{"other name twice", "[" + entryJSON("A Sandstorm", "Iran", "X, X") + "]", `the other name "X" is given twice`, nil},
		{"empty items", "[" + entryJSON("A Sandstorm", "Iran", "X,, Y,") + "]", "2 empty item(s)", nil},
		{"unknown origin", "[" + entryJSON("A Sandstorm", "Atlantis", "") + "]", `"Atlantis" in "Origin/Threat" is neither a country nor a kind of threat`, func(t *testing.T, res *Result) {
			if got, _ := res.Objects[1].Props.GetString("x_microsoft_origin_threat"); got != "Atlantis" {
				t.Errorf("x_microsoft_origin_threat %q", got)
			}
		}},
		{"unknown column", `[{"Threat actor name":"A","Origin/Threat":"Iran","Other names":"","Sector":"Energy"}]`, `the column "Sector" is not one dossier knows`, func(t *testing.T, res *Result) {
			if got := res.Objects[1].Props.Get("x_microsoft_extra").String(); got != `{"Sector":"Energy"}` {
				t.Errorf("x_microsoft_extra %s", got)
			}
		}},
		{"missing columns", `[{"Threat actor name":"A"}]`, `it has no "Origin/Threat" column`, nil},
		{"other names as a list", `[{"Threat actor name":"A","Origin/Threat":"Iran","Other names":["X","Y"]}]`, "", func(t *testing.T, res *Result) {
			if got := strs(res.Objects[1].Props.Get("aliases")); !slices.Equal(got, []string{"X", "Y"}) {
				t.Errorf("aliases %q", got)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := Convert(strings.NewReader(c.in), Options{Now: jsonintest.Now})
			if err != nil {
				t.Fatal(err)
			}
			jsonintest.CheckValid(t, "", res.Objects)
			if c.note != "" && countNotes(res.Notes, c.note) != 1 {
				t.Errorf("no note with %q in\n%s", c.note, strings.Join(res.Notes, "\n"))
			}
			if c.check != nil {
				c.check(t, res)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	valid := "[" + entryJSON("A", "Iran", "X") + "]"
	cases := []struct {
		name   string
		in     string
		max    int64
		want   string
		offset int64
		syntax bool
		entry  int
	}{
		{"empty", "", 0, "empty input", 0, true, -1},
		{"object", `{"Threat actor name":"A"}`, 0, "expected a JSON array (Microsoft's naming map), found an object", 0, true, -1},
		{"truncated", valid[:len(valid)-3], 0, "truncated", int64(len(valid) - 3), true, -1},
		{"BOM counted in offsets", "\xef\xbb\xbf" + valid[:len(valid)-3], 0, "truncated", int64(len(valid)), true, -1},
		{"duplicate names", `[{"Threat actor name":"A","Threat actor name":"B"}]`, 0, "duplicate", -1, true, -1},
		{"trailing data", valid + "]", 0, "after the end", -1, true, -1},
		{"too large", valid, 10, "over the limit of 10 bytes", 10, true, -1},
		{"no entries", "[]", 0, "the map holds no entries", -1, false, -1},
		{"entry not an object", "[" + entryJSON("A", "", "") + `, "B"]`, 0, "entry 1 at byte offset", -1, false, 1},
		{"no name", `[{"Origin/Threat":"Iran"}]`, 0, `entry 0 at byte offset 1: the entry has no "Threat actor name"`, 1, false, 0},
		{"empty name", `[{"Threat actor name":" "}]`, 0, `"Threat actor name" must be a non-empty string`, 1, false, 0},
		{"origin not a string", `[{"Threat actor name":"A","Origin/Threat":["Iran"]}]`, 0, `entry 0 ("A") at byte offset 1: "Origin/Threat" must be a string`, 1, false, 0},
		{"other names not strings", `[{"Threat actor name":"A","Other names":3}]`, 0, `"Other names" must be a comma-separated string`, 1, false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Convert(strings.NewReader(c.in), Options{Now: jsonintest.Now, MaxBytes: c.max})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			var se *stix.SyntaxError
			var ee *Error
			switch {
			case c.syntax && !errors.As(err, &se):
				t.Errorf("error %T, want a *stix.SyntaxError", err)
			case c.syntax && c.offset >= 0 && se.Offset != c.offset:
				t.Errorf("offset %d, want %d", se.Offset, c.offset)
			case !c.syntax && !errors.As(err, &ee):
				t.Errorf("error %T, want an *Error", err)
			case !c.syntax && ee.Entry != c.entry:
				t.Errorf("entry %d, want %d", ee.Entry, c.entry)
			case !c.syntax && c.offset >= 0 && ee.Offset != c.offset:
				t.Errorf("offset %d, want %d", ee.Offset, c.offset)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	real, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		head string
		want bool
	}{
		{"test data", string(real), true},
		{"without BOM", strings.TrimPrefix(string(real), "\ufeff"), true},
		{"key not first", `[{"Origin/Threat":"Iran","Threat actor name":"Mint Sandstorm"}]`, true},
		{"cut after the key", "\ufeff[\n\t{\n\t\t\"Threat actor name\"", true},
		{"cut inside the name", "[{\"Threat actor name\": \"Mint Sand", true},
		{"cut inside the key", "[{\"Threat actor na", false},
		{"name not a string", `[{"Threat actor name":3}]`, false},
		{"empty", "", false},
		{"empty array", "[]", false},
		{"array of strings", `["Threat actor name"]`, false},
		{"other key", `[{"name":"Mint Sandstorm"}]`, false},
		{"STIX array", `[{"type":"intrusion-set","id":"intrusion-set--aaaaaaaa-0000-4000-8000-000000000001"}]`, false},
		{"object", `{"Threat actor name":"Mint Sandstorm"}`, false},
		{"STIX bundle", `{"type":"bundle","objects":[{"Threat actor name":"x"}]}`, false},
		{"MISP event", `{"Event":{"info":"x"}}`, false},
		{"galaxy", `{"type":"microsoft-activity-group","values":[{"value":"Mint Sandstorm"}]}`, false},
	}
	for _, c := range cases {
		if got := Detect([]byte(c.head)); got != c.want {
			t.Errorf("%s: Detect(%.60q) got %v, want %v", c.name, c.head, got, c.want)
		}
	}
	for _, path := range []string{"../mispgalaxy/testdata/microsoft-activity-group.json", "../../../examples/oasis-apt1.json"} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if Detect(b) {
			t.Errorf("Detect(%s) is true", path)
		}
	}
}

// TestRealMap converts the full map of ../shared/data.
func TestRealMap(t *testing.T) {
	path := shareddata.Path(t, "actor-names/microsoft-mapping.json")
	res := convertFile(t, path)
	jsonintest.CheckValid(t, "", res.Objects)
	got := map[string]int{}
	for _, o := range res.Objects {
		got[o.Type]++
	}
	want := map[string]int{"identity": 1, "intrusion-set": 166, "location": 17, "relationship": 113}
	if fmt.Sprint(got) != fmt.Sprint(want) || res.Entries != 166 {
		t.Errorf("%d entries, objects %v, want 166 and %v", res.Entries, got, want)
	}
	checkEntries(t, res)
	b, _ := os.ReadFile(path)
	if !Detect(b) {
		t.Error("Detect is false on the real map")
	}
	for _, n := range res.Notes {
		t.Logf("note: %s", n)
	}
	if len(res.Notes) != 10 { // 9 shared other names, Storm-1516
		t.Errorf("%d notes, want 10", len(res.Notes))
	}
}
