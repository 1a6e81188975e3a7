package ipsum

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/stix"
)

const sample = `# IPsum Threat Intelligence Feed
# (https://github.com/stamparm/ipsum)
#
# IP	number of (black)lists
#
203.0.113.7	10
198.51.100.9	1
198.51.100.9	1
not-an-ip	3
2001:db8::1	2
`

func TestConvert(t *testing.T) {
	if !Detect([]byte(sample)) {
		t.Fatal("not detected")
	}
	res, err := Convert(strings.NewReader(sample), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Objects) != 3 || res.Entries != 3 {
		t.Fatalf("%d objects, %d entries: %v", len(res.Objects), res.Entries, res.Notes)
	}
	for _, o := range res.Objects {
		if p := stix.Validate(o); len(p) > 0 {
			t.Errorf("%s: %v", o.ID, p)
		}
	}
	o := res.Objects[1]
	if p, _ := o.Props.GetString("pattern"); p != "[ipv4-addr:value = '203.0.113.7']" {
		t.Errorf("pattern %q", p)
	}
	if c := o.Props.Get("confidence"); c == nil || c.Str != "100" {
		t.Errorf("confidence %v", c)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "2 line(s)") {
		t.Errorf("notes %v", res.Notes)
	}
}

func TestReal(t *testing.T) {
	root, ok := shareddata.Root()
	if !ok {
		t.Skip("shared data not found (set DOSSIER_SHARED_DATA): skipping the real IPsum file")
	}
	f, err := os.Open(filepath.Join(root, "feeds", "ipsum", "ipsum.txt"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	res, err := Convert(f, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res.Entries < 100000 || len(res.Notes) != 0 {
		t.Errorf("%d entries, notes %v", res.Entries, res.Notes)
	}
}
