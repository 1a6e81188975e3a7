package document

import (
	"bytes"
	"os"
	"testing"
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
