package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestGalaxy ingests a real MISP galaxy sample twice: the second time
// changes nothing; a changed cluster becomes a new version dated later, and
// the rest stays as it was.
func TestIngestGalaxy(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	sample := filepath.Join("mispgalaxy", "testdata", "threat-actor.json")
	srcs, _, err := Expand([]string{sample}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, st, srcs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Sources[0].Format != FormatMISPGalaxy || rep.Counts.Added == 0 || rep.Counts.Rejected != 0 {
		t.Fatalf("first ingest: format %s, counts %+v", rep.Sources[0].Format, rep.Counts)
	}
	first := rep.Counts.Added
	rep, err = Run(ctx, st, srcs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts.Added != 0 || rep.Counts.NewVersions != 0 || rep.Counts.Unchanged != first {
		t.Fatalf("second ingest of the same file: %+v, want %d unchanged", rep.Counts, first)
	}
	// Change one cluster's description.
	body, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(body), `"description": "`)
	if i < 0 {
		t.Fatal("sample has no description")
	}
	changed := string(body[:i]) + `"description": "Edited. ` + string(body[i+len(`"description": "`):])
	p := filepath.Join(t.TempDir(), "threat-actor.json")
	if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs2, _, _ := Expand([]string{p}, nil)
	rep, err = Run(ctx, st, srcs2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts.NewVersions != 1 || rep.Counts.Unchanged != first-1 {
		t.Errorf("after editing one cluster: %+v, want 1 new version and %d unchanged", rep.Counts, first-1)
	}
}

// TestIngestConvertedDirectory reads a folder of galaxy files and the
// Microsoft map: the supported ones are converted, an unsupported galaxy
// type is skipped and said so, nothing fails.
func TestIngestConvertedDirectory(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(filepath.Join("mispgalaxy", "testdata", "microsoft-activity-group.json"), "mag.json")
	entries, err := os.ReadDir(filepath.Join("msnaming", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") {
			copyFile(filepath.Join("msnaming", "testdata", e.Name()), "ms-"+e.Name())
			break
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "sector.json"), []byte(`{"name":"Sector","type":"sector","uuid":"1401c704-7dfb-41f6-a6d3-e751b270843b","version":6,"authors":["x"],"category":"sector","source":"x","description":"x","values":[{"value":"Defense","uuid":"0f6c6a2d-0000-4000-8000-000000000001"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	srcs, skipped, err := Expand([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), st, srcs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	formats := map[Format]bool{}
	for _, s := range rep.Sources {
		formats[s.Format] = true
	}
	if !formats[FormatMISPGalaxy] || !formats[FormatMicrosoftNaming] {
		t.Errorf("formats %v, want a galaxy and the Microsoft map", formats)
	}
	skipped = append(skipped, rep.Skipped...)
	if len(skipped) != 1 || !strings.Contains(skipped[0].Reason, `galaxy type "sector" is not supported yet`) {
		t.Errorf("skipped %+v, want sector.json with the reason", skipped)
	}
	if rep.Counts.Rejected != 0 {
		t.Errorf("rejected %d", rep.Counts.Rejected)
	}
}
