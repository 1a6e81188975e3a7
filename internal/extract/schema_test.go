package extract_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/stix/schematest"
)

// TestOASISSchemas checks every object extraction makes from the corpus
// and the held-out texts against OASIS's JSON schemas for STIX 2.1: what
// dossier emits must be what other STIX tools accept. Objects of custom
// types (cryptocurrency-wallet) have no OASIS schema and are skipped.
func TestOASISSchemas(t *testing.T) {
	schemas := schematest.Load(t)
	x := newExtractor(t)
	files, _ := filepath.Glob("testdata/corpus/*")
	held, _ := filepath.Glob("testdata/heldout/*")
	checked, asserted := 0, 0
	for _, name := range append(files, held...) {
		if strings.HasSuffix(name, ".json") || strings.HasSuffix(name, "README.md") || filepath.Base(name) == "licences" {
			continue
		}
		opt := extract.BuildOptions{Publisher: "Example Threat Center", Reliability: "B", Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}
		if strings.HasSuffix(name, ".csv") {
			// An IoC list: with the analyst's --actor, whose identity and
			// claims come along.
			n, err := x.ResolveActor("APT33")
			if err != nil {
				t.Fatal(err)
			}
			opt.Actor = &extract.AssertedActor{Actor: n, Analyst: "alice"}
		}
		bun, err := extract.Build(x.Find(readDoc(t, name)), opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		asserted += bun.Asserted
		for _, o := range bun.Objects {
			err := schemas.Check(o.Raw)
			if err == schematest.ErrNoSchema {
				continue
			}
			checked++
			if err != nil {
				t.Errorf("%s: %s %s does not meet OASIS's schema: %v", name, o.Type, o.ID, err)
			}
		}
	}
	t.Logf("%d objects checked against OASIS's schemas, %d claims of the analyst's --actor among them", checked, asserted)
	if asserted == 0 {
		t.Error("no claim of the analyst's --actor checked")
	}
	if checked < 500 {
		t.Errorf("only %d objects checked", checked)
	}
}
