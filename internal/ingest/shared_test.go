package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedData returns the path of a file under the shared reference data
// (../shared/data beside the repository, or $DOSSIER_SHARED_DATA), skipping
// the test with a message naming what is missing when it is absent.
func sharedData(tb testing.TB, rel string) string {
	tb.Helper()
	root := os.Getenv("DOSSIER_SHARED_DATA")
	if root == "" {
		root = filepath.Join("..", "..", "..", "shared", "data")
	}
	p := filepath.Join(root, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipping: reference data %s is absent (set DOSSIER_SHARED_DATA to the shared/data directory): %v", p, err)
	}
	return p
}
