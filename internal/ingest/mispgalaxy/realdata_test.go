package mispgalaxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/jsonin/jsonintest"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// realCounts are the objects each real galaxy file of ../shared/data
// (misp-galaxy commit 9434ace) converts to, by type.
var realCounts = map[string]map[string]int{
	"threat-actor.json":                            {"identity": 1, "intrusion-set": 1041, "location": 35, "relationship": 583},
	"microsoft-activity-group.json":                {"identity": 1, "intrusion-set": 179, "location": 15, "relationship": 113},
	"mitre-intrusion-set.json":                     {"identity": 1, "intrusion-set": 191, "relationship": 6},
	"tidal-groups.json":                            {"identity": 1, "intrusion-set": 281, "location": 13, "relationship": 112},
	"disarm-techniques.json":                       {"identity": 1, "attack-pattern": 298},
	"misinfosec-amitt-misinformation-pattern.json": {"identity": 1, "attack-pattern": 61},
	"disarm-countermeasures.json":                  {"identity": 1, "course-of-action": 139},
	"disarm-detections.json":                       {"identity": 1, "course-of-action": 94},
	"country.json":                                 {"identity": 1, "location": 252, "note": 252},
}

// realUnsupported are the real galaxy files of types Convert refuses.
var realUnsupported = map[string]string{
	"disarm-actortypes.json":   "disarm-actortypes",
	"election-guidelines.json": "guidelines",
	"sector.json":              "sector",
}

// TestRealGalaxies converts every real galaxy file: every object valid,
// one object per cluster, the counts above.
func TestRealGalaxies(t *testing.T) {
	dir := shareddata.Path(t, "misp-galaxy/clusters")
	names := make([]string, 0, len(realCounts))
	for n := range realCounts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			res := convertFile(t, path)
			jsonintest.CheckValid(t, name, res.Objects)
			got := map[string]int{}
			for _, o := range res.Objects {
				got[o.Type]++
			}
			if fmt.Sprint(got) != fmt.Sprint(realCounts[name]) {
				t.Errorf("objects by type %v, want %v", got, realCounts[name])
			}
			// One object per cluster, counted without this package.
			var doc struct {
				Values []json.RawMessage `json:"values"`
			}
			b, _ := os.ReadFile(path)
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			main := 0
			for typ, n := range got {
				switch typ {
				case "intrusion-set", "attack-pattern", "course-of-action", "note":
					main += n
				}
			}
			if main != len(doc.Values) {
				t.Errorf("%d objects for %d clusters", main, len(doc.Values))
			}
			ids := map[string]bool{}
			for _, o := range res.Objects {
				if ids[o.ID] {
					t.Errorf("id %s twice", o.ID)
				}
				ids[o.ID] = true
			}
			for _, n := range res.Notes {
				t.Logf("note: %s", n)
			}
		})
	}
	for name, typ := range realUnsupported {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Convert(f, Options{Now: jsonintest.Now})
		f.Close()
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("galaxy type %q is not supported yet; supported: ", typ)) {
			t.Errorf("%s: error %v, want galaxy type %q not supported", name, err, typ)
		}
	}
}

// TestRealActors checks the examples of the brief on the full files.
func TestRealActors(t *testing.T) {
	dir := shareddata.Path(t, "misp-galaxy/clusters")
	checkMintSandstorm(t, convertFile(t, filepath.Join(dir, "microsoft-activity-group.json")))
	checkMagicHound(t, convertFile(t, filepath.Join(dir, "mitre-intrusion-set.json")))

	// The two threat-actor clusters that share the synonym Mint Sandstorm
	// stay two intrusion sets, both with the alias.
	res := convertFile(t, filepath.Join(dir, "threat-actor.json"))
	n := 0
	for _, o := range res.Objects {
		if o.Type == "intrusion-set" && slices.Contains(strList(o.Props.Get("aliases")), "Mint Sandstorm") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d threat-actor intrusion sets have the alias Mint Sandstorm, want 2 (Charming Kitten, APT35)", n)
	}
}

// TestDetectRealData: every real cluster file is detected; no other JSON
// file of the reference data is (STIX bundles and schemas, the Microsoft
// map, galaxy definitions, warning lists, reports).
func TestDetectRealData(t *testing.T) {
	root, ok := shareddata.Root()
	if !ok {
		shareddata.Path(t, ".")
	}
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		n++
		want := filepath.Base(filepath.Dir(p)) == "clusters"
		if got := Detect(head(t, p)); got != want {
			t.Errorf("Detect(%s) got %v, want %v", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d JSON files checked", n)
}

// BenchmarkConvertThreatActor converts the full threat-actor galaxy
// (1.4 MB, 1041 clusters).
func BenchmarkConvertThreatActor(b *testing.B) {
	path := shareddata.Path(b, "misp-galaxy/clusters/threat-actor.json")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Convert(bytes.NewReader(data), Options{Now: jsonintest.Now}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertTestData converts the committed threat-actor sample.
func BenchmarkConvertTestData(b *testing.B) {
	data, err := os.ReadFile("testdata/threat-actor.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Convert(bytes.NewReader(data), Options{Now: jsonintest.Now}); err != nil {
			b.Fatal(err)
		}
	}
}
