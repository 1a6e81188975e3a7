// Package shareddata finds the team's reference data for tests and
// benchmarks: the folder shared/data beside the repository (ATT&CK, STIX
// schemas, real reports, feeds), or the folder $DOSSIER_SHARED_DATA names.
// Tests that need a file there skip, saying which, when it is absent, so
// that a fresh clone without the data still passes.
package shareddata

import (
	"os"
	"path/filepath"
	"strings"
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
	repo, ok := repoRoot()
	if !ok {
		return "", false
	}
	dir = filepath.Join(repo, "..", "shared", "data")
	_, err := os.Stat(dir)
	return dir, err == nil
}

// repoRoot returns the repository's root: the folder holding go.mod,
// found upward from the working directory.
func repoRoot() (string, bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, true
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

// Join returns the contents of files, each followed by sep, in the order
// given. A file it cannot read fails tb.
func Join(tb testing.TB, sep string, files ...string) string {
	tb.Helper()
	var b strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		b.Write(data)
		b.WriteString(sep)
	}
	return b.String()
}

// BenchReport returns the report text bench/extract.sh extracts: every
// AnnoCTR text, then the AsciiDoc reports of the extraction corpus
// (internal/extract/testdata/corpus), one after another as cat joins
// them, repeated until it holds 5,000,000 bytes or more (5.59 MB). The
// test skips when the AnnoCTR texts are absent.
func BenchReport(tb testing.TB) string {
	tb.Helper()
	texts, _ := filepath.Glob(filepath.Join(Path(tb, "annoctr"), "*", "texts", "*.txt"))
	repo, _ := repoRoot()
	adoc, _ := filepath.Glob(filepath.Join(repo, "internal", "extract", "testdata", "corpus", "*.adoc"))
	if len(texts) == 0 || len(adoc) == 0 {
		tb.Fatalf("bench report: %d AnnoCTR texts and %d AsciiDoc reports found, want some of each", len(texts), len(adoc))
	}
	one := Join(tb, "", append(texts, adoc...)...)
	return strings.Repeat(one, (5_000_000+len(one)-1)/len(one))
}
