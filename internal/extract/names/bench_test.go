package names

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// BenchmarkNew builds a Recognizer from the built-in pack's alias graph
// and knowledge (the graph itself is built once, outside the loop).
func BenchmarkNew(b *testing.B) {
	pack, err := knowledge.Load()
	if err != nil {
		b.Fatal(err)
	}
	bl := actors.NewBuilder()
	bl.AddPack(pack)
	g := bl.Build()
	b.ReportAllocs()
	for b.Loop() {
		New(g, pack)
	}
}

// BenchmarkNewLoading builds a Recognizer as extraction does: the alias
// graph loaded from the pack (actors.Load) while the parts that need
// only the pack are made beside it.
func BenchmarkNewLoading(b *testing.B) {
	pack, err := knowledge.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		NewLoading(pack, func() *actors.Graph {
			g, err := actors.Load(context.Background(), nil, pack)
			if err != nil {
				b.Fatal(err)
			}
			return g
		})
	}
}

// benchFind runs Find over text and reports bytes per second.
func benchFind(b *testing.B, text string) {
	r := recognizer(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		r.Find(text)
	}
}

// BenchmarkFindLabelled runs Find over the labelled texts in testdata.
func BenchmarkFindLabelled(b *testing.B) {
	files, _ := filepath.Glob("testdata/labelled/*.txt")
	benchFind(b, shareddata.Join(b, "\n\n", files...))
}

// BenchmarkFindAnnoCTR runs Find over every annoctr report (train and
// dev, about 1.2 MB of real CTI prose) as one text; it skips when the
// shared data is absent.
func BenchmarkFindAnnoCTR(b *testing.B) {
	var files []string
	for _, split := range []string{"train", "dev"} {
		dir := shareddata.Path(b, filepath.Join("annoctr", split, "texts"))
		more, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		files = append(files, more...)
	}
	benchFind(b, shareddata.Join(b, "\n\n", files...))
}
