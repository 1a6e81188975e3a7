package index

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// benchIndex is an index of a million synthetic rules: 800,000 domains,
// 150,000 addresses, 1,000 CIDR blocks, 49,000 URLs.
func benchIndex(b *testing.B) *Index {
	b.Helper()
	bl := NewBuilder()
	for i := range 1000000 {
		var t Term
		switch {
		case i < 800000:
			t = Term{Table: TDomain, Value: fmt.Sprintf("h%d.bad%d.example.com", i%7, i)}
		case i < 950000:
			t = Term{Table: TIP, Value: fmt.Sprintf("%d.%d.%d.%d", 11+i%200, (i>>8)%256, (i>>16)%256, i%256)}
		case i < 951000:
			t = Term{Table: TIP, Value: fmt.Sprintf("100.%d.%d.0/24", i%256, (i>>8)%256)}
		default:
			t = Term{Table: TURL, Value: fmt.Sprintf("http://u%d.example.net/p/%d.php", i, i)}
		}
		bl.AddRule(fmt.Sprintf("indicator--%08x-0000-4000-8000-000000000000", i), []Term{t})
	}
	return bl.Build(Info{})
}

// benign returns real popular domains (the shared Cloudflare list) or,
// without the shared data, synthetic ones.
func benign(b *testing.B) [][]byte {
	var out [][]byte
	if root, ok := shareddata.Root(); ok {
		if f, err := os.Open(filepath.Join(root, "feeds", "benign", "cloudflare-radar-top100k.txt")); err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if l := strings.TrimSpace(sc.Text()); l != "" {
					out = append(out, []byte("www."+l))
				}
			}
			return out
		}
	}
	for i := range 100000 {
		out = append(out, []byte(fmt.Sprintf("www.site%d.example.org", i)))
	}
	return out
}

func BenchmarkBuild1M(b *testing.B) {
	for b.Loop() {
		benchIndex(b)
	}
}

func benchMatch(b *testing.B, k events.Kind, vals [][]byte) {
	ix := benchIndex(b)
	m := NewMatcher(ix)
	b.ReportAllocs()
	hits := 0
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		hits += len(m.Match(k, vals[i%len(vals)]))
	}
	b.ReportMetric(float64(b.N)/(cpuSeconds()-cpu0), "lookups/cpu-s")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lookups/s")
}

// BenchmarkMatchDomainMiss looks up popular domains (and their parents)
// in a million rules.
func BenchmarkMatchDomainMiss(b *testing.B) { benchMatch(b, events.Domain, benign(b)) }

func BenchmarkMatchDomainHit(b *testing.B) {
	var vals [][]byte
	for i := range 10000 {
		vals = append(vals, []byte(fmt.Sprintf("deep.h%d.bad%d.example.com", (i*97)%7, i*97)))
	}
	benchMatch(b, events.Domain, vals)
}

func BenchmarkMatchIP(b *testing.B) {
	var vals [][]byte
	for i := range 10000 {
		vals = append(vals, []byte(fmt.Sprintf("%d.%d.%d.%d", 1+i%250, i%256, (i*7)%256, (i*13)%256)))
	}
	benchMatch(b, events.IP, vals)
}

func BenchmarkMatchURL(b *testing.B) {
	var vals [][]byte
	for i := range 10000 {
		vals = append(vals, []byte(fmt.Sprintf("https://www.site%d.example.org/path/%d?q=1", i, i)))
	}
	benchMatch(b, events.URL, vals)
}
