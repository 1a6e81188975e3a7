package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/heaptest"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// BenchmarkExtractJSON is `dossier extract --json` of bench/extract.sh's
// 5.6 MB report, in process and to io.Discard: reading, extraction and
// the bundle, side by side as the command runs them. It leaves out what
// the script's figure has besides (the process's start and the page
// faults of its fresh heap), and is steadier: a change to the pipeline
// is measured here first. It skips without the shared data.
func BenchmarkExtractJSON(b *testing.B) {
	text := shareddata.BenchReport(b)
	dir := b.TempDir()
	path := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(dir, "none.db") // no database: the built-in knowledge alone
	b.SetBytes(int64(len(text)))
	cpu := heaptest.CPU()
	for b.Loop() {
		var errb strings.Builder
		if code := MainEnv(b.Context(), []string{"--db", db, "extract", "--json", path}, strings.NewReader(""), io.Discard, &errb, func(string) string { return "" }); code != 0 {
			b.Fatalf("exit %d: %s", code, errb.String())
		}
	}
	// The CPU time of the whole process a run (all goroutines and the
	// collector's): the pipeline keeps every core busy, so what a change
	// saves shows here first, and steadier than in the wall time on a
	// busy host.
	b.ReportMetric(float64(heaptest.CPU()-cpu)/float64(b.N), "cpu-ns/op")
}
