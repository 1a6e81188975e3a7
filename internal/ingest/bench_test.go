package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"

	"github.com/dossier-cti/dossier/internal/store/sqlite"
)

// BenchmarkIngestATTACK ingests the full ATT&CK Enterprise bundle into a
// fresh database: parse, validate, store and index.
func BenchmarkIngestATTACK(b *testing.B) {
	path := shareddata.Path(b, "attack/enterprise-attack-18.1.json")
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		srcs, _, err := Expand([]string{path}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := Run(ctx, db, srcs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Counts.Added != 24772 {
			b.Fatalf("added %d, want 24772", rep.Counts.Added)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
