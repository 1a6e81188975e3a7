package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// benchText is about 5 MB of real report text: the AnnoCTR reports and
// the corpus, repeated.
func benchText(b *testing.B) string {
	dir := shareddata.Path(b, "annoctr")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "texts", "*.txt"))
	more, _ := filepath.Glob("testdata/corpus/*.adoc")
	files = append(files, more...)
	var sb strings.Builder
	for sb.Len() < 5<<20 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkFind is the whole extraction of a 5 MB report: indicators,
// names, organisations and claims.
func BenchmarkFind(b *testing.B) {
	text := benchText(b)
	x := newExtractor(b)
	doc := &document.Document{Text: text, Format: document.FormatText}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		x.Find(doc)
	}
}

// BenchmarkBuild turns the findings of the 5 MB report into STIX.
func BenchmarkBuild(b *testing.B) {
	text := benchText(b)
	x := newExtractor(b)
	f := x.Find(&document.Document{Text: text, Format: document.FormatText})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extract.Build(f, extract.BuildOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSentences splits the 5 MB report into sentences.
func BenchmarkSentences(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		extract.Sentences(text)
	}
}

// BenchmarkFindOrgs finds the organisations of the 5 MB report.
func BenchmarkFindOrgs(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		extract.FindOrgs(text, nil)
	}
}
