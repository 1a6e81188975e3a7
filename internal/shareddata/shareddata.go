// Package shareddata finds the team's reference data for tests and
// benchmarks: the folder shared/data beside the repository (ATT&CK, STIX
// schemas, real reports, feeds), or the folder $DOSSIER_SHARED_DATA names.
// Tests that need a file there skip, saying which, when it is absent, so
// that a fresh clone without the data still passes.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Env is the environment variable that overrides the data's location.
const Env = "DOSSIER_SHARED_DATA"

// Root returns the reference data folder: $DOSSIER_SHARED_DATA, or
// ../shared/data relative to the repository root (the folder holding
// go.mod, found upward from the working directory). ok is false when the
// folder does not exist.
func Root() (dir string, ok bool) {
	if d := os.Getenv(Env); d != "" {
		_, err := os.Stat(d)
		return d, err == nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			dir = filepath.Join(d, "..", "shared", "data")
			_, err := os.Stat(dir)
			return dir, err == nil
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// Path returns the path of rel inside the reference data, or skips the
// test with a message naming what is missing and how to provide it.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root, _ := Root()
	if root == "" {
		tb.Skipf("skipping: the reference data folder (../shared/data beside the repository, or $%s) is absent; needed: %s", Env, rel)
	}
	p := filepath.Join(root, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipping: reference data %s is absent (set %s to the shared/data folder): %v", p, Env, err)
	}
	return p
}

// Dir returns the reference data folder after checking with Path that
// each of rels is in it: the test skips, naming the first missing file,
// when one is absent.
func Dir(tb testing.TB, rels ...string) string {
	tb.Helper()
	for _, rel := range rels {
		Path(tb, rel)
	}
	dir, _ := Root()
	return dir
}
