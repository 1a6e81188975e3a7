package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/stix/schematest"
)

// TestOutputsMeetOASISSchemas checks what dossier prints for other STIX
// tools against OASIS's JSON schemas: the self-contained bundle of
// extract --json (with the ATT&CK, galaxy and marking objects it carries)
// and the export of the example bundles (one upgraded from STIX 2.0).
func TestOutputsMeetOASISSchemas(t *testing.T) {
	schemas := schematest.Load(t)
	r := newRunner(t)
	check := func(what, out string, least int) {
		n, errs := schemas.CheckBundle([]byte(out))
		for _, err := range errs {
			t.Errorf("%s: %v", what, err)
		}
		if n < least {
			t.Errorf("%s: only %d objects checked", what, n)
		}
	}
	check("extract --json", r.mustRun("extract", "--json", statement).stdout, 50)
	r.mustRun("ingest", examples)
	out := filepath.Join(t.TempDir(), "all.json")
	r.mustRun("export", "--format", "stix", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	check("export", string(data), 200)
}
