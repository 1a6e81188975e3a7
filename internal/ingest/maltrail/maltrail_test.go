package maltrail

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/stix"
)

var now = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func convertFile(t *testing.T, path string) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 200)
	n, _ := f.Read(head)
	if !Detect(head[:n]) {
		t.Fatalf("%s not detected as a trail file", path)
	}
	f.Seek(0, 0)
	res, err := Convert(f, Options{Tag: filepath.Base(path), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range res.Objects {
		if p := stix.Validate(o); len(p) > 0 {
			t.Errorf("%s: %s: %s", o.ID, p[0].Path, p[0].Msg)
		}
	}
	return res
}

func TestConvert(t *testing.T) {
	res := convertFile(t, "testdata/apt_example.txt")
	var patterns []string
	var actor *stix.Object
	rels := 0
	for _, o := range res.Objects {
		switch o.Type {
		case "indicator":
			p, _ := o.Props.GetString("pattern")
			patterns = append(patterns, p)
		case "intrusion-set":
			actor = o
		case "relationship":
			rels++
		}
	}
	want := []string{
		"[domain-name:value = 'vote-ledger-secure-login.com']",
		"[domain-name:value = 'mail.election-update-news.com']",
		"[ipv4-addr:value = '203.0.113.7']",
		"[network-traffic:dst_ref.value = '198.51.100.9' AND network-traffic:dst_port = 8443]",
		"[url:value = 'http://198.51.100.10/gate.php']",
		"[url:value = 'http://secure-ballot.example.net/login/index.php']",
		"[url:value = 'http://ballot-redirect.example.net/r?u=https://www.google.com/']",
		"[network-traffic:dst_ref.value = '2001:db8::1' AND network-traffic:dst_port = 443]",
	}
	if !slices.Equal(patterns, want) {
		t.Errorf("patterns:\n%s\nwant\n%s", strings.Join(patterns, "\n"), strings.Join(want, "\n"))
	}
	if rels != len(want) {
		t.Errorf("%d relationships, want %d", rels, len(want))
	}
	if actor == nil || actor.Name() != "example" {
		t.Fatalf("actor %v", actor)
	}
	if a := actor.Props.Get("aliases"); a == nil || len(a.Items) != 3 || a.Items[2].Str != "storm-9999" {
		t.Errorf("aliases %v", a)
	}
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, "1 bare path") || !strings.Contains(notes, `"bad"`) {
		t.Errorf("notes do not account for every entry: %s", notes)
	}
	if res.Entries != 11 || res.Duplicates != 1 || res.Bare != 1 || res.Skipped != 1 {
		t.Errorf("%d entries, want 11", res.Entries)
	}
	// The same file converts to the same ids.
	again := convertFile(t, "testdata/apt_example.txt")
	for i := range res.Objects {
		if res.Objects[i].ID != again.Objects[i].ID {
			t.Errorf("ids differ between conversions: %s %s", res.Objects[i].ID, again.Objects[i].ID)
		}
	}
}

func TestMalwareFamily(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sliver.txt")
	os.WriteFile(p, []byte(Magic+"2026 Maltrail developers (https://github.com/stamparm/maltrail/)\n\nc2.example.org\n"), 0o644)
	res := convertFile(t, p)
	if res.Objects[1].Type != "malware" || res.Objects[1].Name() != "sliver" {
		t.Errorf("got %s %s", res.Objects[1].Type, res.Objects[1].Name())
	}
}

// TestRealTrails converts real trail files of actors this project cares
// about: every entry is converted or accounted for in the notes, and
// every object is valid STIX.
func TestRealTrails(t *testing.T) {
	root, ok := shareddata.Root()
	if !ok {
		t.Skip("shared data not found (set DOSSIER_SHARED_DATA): skipping real Maltrail trails")
	}
	for _, name := range []string{"apt_charmingkitten.txt", "apt_sofacy.txt", "apt_gamaredon.txt"} {
		p := filepath.Join(root, "feeds", "maltrail", "malware", name)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s absent", p)
		}
		res := convertFile(t, p)
		ind := 0
		for _, o := range res.Objects {
			if o.Type == "indicator" {
				ind++
			}
		}
		if ind+res.Duplicates+res.Bare+res.Skipped != res.Entries || ind < res.Entries/2 {
			t.Errorf("%s: %d indicators + %d duplicates + %d bare + %d skipped of %d entries; notes %v", name, ind, res.Duplicates, res.Bare, res.Skipped, res.Entries, res.Notes)
		}
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{Magic + "2026 Maltrail developers (https://github.com/stamparm/maltrail/)\n", true},
		{"  \n" + Magic + "2026 Maltrail developers (https://github.com/stamparm/maltrail/)\n", true},
		{"# Reference: https://example.com/a\n\nevil.example\n203.0.113.7:8080\n", true},
		{"\n\n# Reference: https://example.com/a\nevil.example # C2\n", true},
		{"# Reference: https://example.com/a\n\nThe actor used evil.example for staging.\n", false},
		{"# A Markdown report\n\nSome prose here.\n", false},
		{"evil.example\n", false}, // no comment of Maltrail's kinds
	} {
		if got := Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("Detect(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

// TestDetectReal: every trail file of the shared feeds is recognised,
// the few without Maltrail's header included.
func TestDetectReal(t *testing.T) {
	root, ok := shareddata.Root()
	if !ok {
		t.Skip("shared data not found (set DOSSIER_SHARED_DATA): skipping real Maltrail trails")
	}
	files, _ := filepath.Glob(filepath.Join(root, "feeds", "maltrail", "*", "*.txt"))
	if len(files) == 0 {
		t.Skip("no trail files")
	}
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		f.Close()
		if !Detect(head[:n]) {
			t.Errorf("%s not recognised", p)
		}
	}
}
