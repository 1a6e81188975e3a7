package pattern

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/stix"
)

// sharedData is the reference data beside the repository, or "" when it
// is absent.
func sharedData() string {
	dir := os.Getenv("DOSSIER_SHARED_DATA")
	if dir == "" {
		dir = "../../../shared/data"
	}
	if _, err := os.Stat(filepath.Join(dir, "reports", "stix21-bundles")); err != nil {
		return ""
	}
	return dir
}

// corpusPatterns returns every STIX pattern of the indicators in the
// shared STIX bundles and reports, none when the data is absent.
func corpusPatterns() []string {
	dir := sharedData()
	if dir == "" {
		return nil
	}
	var out []string
	for _, sub := range []string{"reports", "stix-schemas"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".stix2") {
				return nil
			}
			f, err := os.Open(path)
			if err != nil {
				return nil
			}
			defer f.Close()
			r := stix.NewReader(f, stix.DefaultLimits)
			for {
				it, err := r.Next()
				if err != nil {
					return nil
				}
				if typ, _ := it.Value.GetString("type"); typ != "indicator" {
					continue
				}
				if pt, ok := it.Value.GetString("pattern_type"); ok && pt != "stix" {
					continue
				}
				if p, ok := it.Value.GetString("pattern"); ok {
					out = append(out, p)
				}
			}
		})
	}
	return out
}

// TestCorpus: the patterns of real indicators compile.
func TestCorpus(t *testing.T) {
	if sharedData() == "" {
		t.Skip("reference data absent: set DOSSIER_SHARED_DATA to the shared data directory (../shared/data)")
	}
	pats := corpusPatterns()
	if len(pats) < 100 {
		t.Fatalf("only %d patterns in the corpus", len(pats))
	}
	failed := 0
	for _, src := range pats {
		if _, err := Compile(src); err != nil {
			failed++
			t.Errorf("%s: %v", src, err)
		}
	}
	t.Logf("%d patterns, %d refused", len(pats), failed)
}
