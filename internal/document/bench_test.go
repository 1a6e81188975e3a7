package document

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/heaptest"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// benchRead reads a fixture b.N times, reporting MB/s and allocations.
func benchRead(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), path, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadMarkdown(b *testing.B) {
	benchRead(b, "testdata/markdown/meta-h2-2025-iran-based-cib-network.md")
}

func BenchmarkReadHTML(b *testing.B) { benchRead(b, "testdata/html/vendor-blog.html") }

func BenchmarkReadPDF(b *testing.B) { benchRead(b, "testdata/pdf/joint-advisory.pdf") }

// BenchmarkIndexRunes looks up code-point offsets in a report's text.
func BenchmarkIndexRunes(b *testing.B) {
	data, err := os.ReadFile("testdata/markdown/meta-h2-2025-iran-based-cib-network.md")
	if err != nil {
		b.Fatal(err)
	}
	ix := NewIndex(string(data))
	b.ReportAllocs()
	off := 0
	for b.Loop() {
		ix.Runes(off)
		off = (off + 97) % len(data)
	}
}

// BenchmarkReadMarkdownLarge reads about 5 MB of report text built as
// bench/extract.sh builds its input: the AnnoCTR texts and the ESET
// AsciiDoc reports of the extraction corpus, concatenated and repeated
// (read as Markdown, as Detect decides). It needs the shared data
// (shareddata.Root) and skips without it.
func BenchmarkReadMarkdownLarge(b *testing.B) {
	data := largeReport(b)
	if f := Detect(data[:sniffLen], "report.txt"); f != FormatMarkdown {
		b.Fatalf("the large report is detected as %s, not Markdown", f)
	}
	// Read from a file, as dossier extract does: Read then knows the
	// input's size and reads it into one slice.
	path := filepath.Join(b.TempDir(), "report.txt")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := heaptest.CPU()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		_, err = Read(f, path, Options{})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	// The CPU time of the whole process (all goroutines, the garbage
	// collector's included) a read: what the read costs the other work
	// of dossier extract, whatever the wall time on a busy machine.
	b.ReportMetric(float64(heaptest.CPU()-cpu)/float64(b.N), "cpu-ns/op")
}

// largeReport returns bench/extract.sh's 5 MB input, skipping tb when the
// shared data is absent.
func largeReport(tb testing.TB) []byte { return []byte(shareddata.BenchReport(tb)) }
