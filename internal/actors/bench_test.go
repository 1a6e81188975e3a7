package actors

import (
	"runtime"
	"testing"

	"github.com/dossier-cti/dossier/internal/knowledge"
)

func packGraph(tb testing.TB) *Graph {
	tb.Helper()
	pack, err := knowledge.Load()
	if err != nil {
		tb.Fatal(err)
	}
	b := NewBuilder()
	b.AddPack(pack)
	return b.Build()
}

// BenchmarkBuild builds the alias graph from the built-in knowledge pack
// (ATT&CK, four MISP galaxies, Microsoft's map) and reports the heap the
// graph holds.
func BenchmarkBuild(b *testing.B) {
	pack, err := knowledge.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var g *Graph
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for b.Loop() {
		bl := NewBuilder()
		bl.AddPack(pack)
		g = bl.Build()
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "heap-bytes")
	st := g.Stats()
	b.ReportMetric(float64(st.Names), "names")
	b.ReportMetric(float64(st.Clusters), "records")
}

// BenchmarkResolveName is the name lookup and candidate ranking alone.
func BenchmarkResolveName(b *testing.B) {
	g := packGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		if n := g.names[MatchKey("charming kitten")]; n == nil {
			b.Fatal("not found")
		}
	}
}

// BenchmarkResolve answers "who is Mint Sandstorm?" in full: candidates,
// aliases with sources, overlaps, disputes, sponsor, family.
func BenchmarkResolve(b *testing.B) {
	g := packGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		if a := g.Resolve("Mint Sandstorm"); a.Actor == nil {
			b.Fatal("not found")
		}
	}
}
