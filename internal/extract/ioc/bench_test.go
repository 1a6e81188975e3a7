package ioc

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// reportsText concatenates the report texts under ../shared/data/reports
// (Markdown, AsciiDoc, CSV and plain text; about 1.5 MB), repeated to at
// least 4 MB, or skips when the data is absent.
func reportsText(tb testing.TB) string {
	tb.Helper()
	dir := shareddata.Path(tb, "reports")
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".md", ".adoc", ".csv", ".txt":
			names = append(names, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(names)
	one := shareddata.Join(tb, "\n", names...)
	return strings.Repeat(one, (4<<20+len(one)-1)/len(one))
}

// corpusText concatenates the committed labelled corpus.
func corpusText(tb testing.TB) string {
	tb.Helper()
	texts := corpus(tb)
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(texts[n])
		b.WriteByte('\n')
	}
	return b.String()
}

func benchScan(b *testing.B, text string) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(Scan(text))
	}
	b.ReportMetric(float64(n)/float64(b.N), "matches/op")
}

// BenchmarkScanReports scans the real report texts of ../shared/data.
func BenchmarkScanReports(b *testing.B) { benchScan(b, reportsText(b)) }

// BenchmarkScanCorpus scans the committed corpus (about 300 KB).
func BenchmarkScanCorpus(b *testing.B) { benchScan(b, corpusText(b)) }

// BenchmarkScanProse scans report prose with no indicator in it: the
// common case of a long narrative report.
func BenchmarkScanProse(b *testing.B) { benchScan(b, strings.Repeat(prose, 1<<20/len(prose)+1)) }
