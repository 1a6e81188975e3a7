package pattern

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// BenchmarkParseCompile: parse and compile, per pattern, over the spec's
// examples and, when the reference data is there, real indicators.
func BenchmarkParseCompile(b *testing.B) {
	pats := append([]string(nil), specExamples...)
	if testing.Short() {
		b.Log("short: spec examples only")
	} else {
		pats = append(pats, corpusPatterns()...)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, src := range pats {
			if _, err := Compile(src); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/pattern")
	b.ReportMetric(0, "ns/op")
}

// benchValue is the i-th value of a kind; patterns use low i, events
// mostly values no pattern names.
func benchValue(kind, i int) (typ, path, value string) {
	switch kind {
	case 0:
		return "domain-name", "value", fmt.Sprintf("host%d.example.net", i)
	case 1:
		return "ipv4-addr", "value", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
	case 2:
		return "url", "value", fmt.Sprintf("http://site%d.example.org/path/%d", i, i%97)
	}
	sum := md5.Sum([]byte(fmt.Sprint(i)))
	return "file", "hashes.MD5", hex.EncodeToString(sum[:])
}

func benchSCO(kind, i int) string {
	typ, _, v := benchValue(kind, i)
	if kind == 3 {
		return fmt.Sprintf(`{"type": "file", "name": "f%d.exe", "size": %d, "hashes": {"MD5": %q}}`, i, i%5000, v)
	}
	return fmt.Sprintf(`{"type": %q, "value": %q}`, typ, v)
}

// benchEvents builds n simple observations, one cyber-observable each, one
// second apart; about one in a hundred carries a value some pattern names.
func benchEvents(b *testing.B, n, patterns int) []*Observation {
	r := rand.New(rand.NewPCG(7, 7))
	out := make([]*Observation, n)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for j := range out {
		i := patterns + r.IntN(1<<22) // a value no pattern names
		if r.IntN(100) == 0 {
			i = r.IntN(patterns)
		}
		ts := start.Add(time.Duration(j) * time.Second).Format(time.RFC3339)
		doc := fmt.Sprintf(`{"type": "observed-data", "id": "observed-data--%d", "first_observed": %q, "last_observed": %q, "number_observed": 1, "objects": {"0": %s}}`, j, ts, ts, benchSCO(r.IntN(4), i))
		v, err := stix.DecodeValue([]byte(doc), 0, stix.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		if out[j], err = NewObservation(&v, nil); err != nil {
			b.Fatal(err)
		}
	}
	return out
}

// benchPatterns returns n patterns: 90% a single equality, 10% compound
// (OR and AND of comparisons, IN, ISSUBSET, LIKE with a literal prefix,
// FOLLOWEDBY, REPEATS and WITHIN), plus scan patterns the indexes cannot
// serve (MATCHES and LIKE that fix neither end of the value, NOT LIKE).
func benchPatterns(n, scan int) []string {
	out := make([]string, 0, n+scan)
	q := func(s string) string { return quote(s) }
	for i := range n {
		kind := i % 4
		typ, path, v := benchValue(kind, i)
		p := fmt.Sprintf("[%s:%s = %s]", typ, path, q(v))
		if i%10 == 9 { // compound
			t2, p2, v2 := benchValue((i+1)%4, i+1)
			switch i / 10 % 7 {
			case 0:
				p = fmt.Sprintf("[%s:%s = %s OR %s:%s = %s]", typ, path, q(v), t2, p2, q(v2))
			case 1:
				if kind == 3 {
					p = fmt.Sprintf("[file:hashes.MD5 = %s AND file:size > 10]", q(v))
				} else {
					p = fmt.Sprintf("[%s:%s = %s AND %s:%s NOT LIKE '%%.invalid']", typ, path, q(v), typ, path)
				}
			case 2:
				_, _, v3 := benchValue(kind, i+4)
				p = fmt.Sprintf("[%s:%s IN (%s, %s)]", typ, path, q(v), q(v3))
			case 3:
				p = fmt.Sprintf("[ipv4-addr:value ISSUBSET '10.%d.%d.0/24']", i>>16&255, i>>8&255)
			case 4:
				p = fmt.Sprintf("[url:value LIKE 'http://site%d.example.org/%%']", i)
			case 5:
				p = fmt.Sprintf("([%s:%s = %s] FOLLOWEDBY [%s:%s = %s]) WITHIN 600 SECONDS", typ, path, q(v), t2, p2, q(v2))
			case 6:
				p = fmt.Sprintf("[%s:%s = %s] REPEATS 2 TIMES WITHIN 3600 SECONDS", typ, path, q(v))
			}
		}
		out = append(out, p)
	}
	for i := range scan {
		switch i % 3 {
		case 0:
			out = append(out, fmt.Sprintf("[url:value MATCHES 'site%d\\\\.']", i))
		case 1:
			out = append(out, fmt.Sprintf("[domain-name:value LIKE '%%host%d.%%']", i))
		default:
			out = append(out, fmt.Sprintf("[file:name NOT LIKE 'f%d%%' AND file:size = %d]", i, i))
		}
	}
	return out
}

func benchSet(b *testing.B, pats []string, events []*Observation) {
	set := NewSet()
	for i, src := range pats {
		if err := set.Add(fmt.Sprint(i), src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	var dst []SetMatch
	matches, n := 0, 0
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		set.Reset() // the stream starts again, back in time
		for _, o := range events {
			var err error
			dst, err = set.Match(o, dst[:0])
			if err != nil {
				b.Fatal(err)
			}
			matches += len(dst)
			n++
		}
	}
	sec := b.Elapsed().Seconds()
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		// CPU seconds of the whole process (GC workers included): events
		// per second of one core, whatever else the machine runs.
		b.ReportMetric(float64(n)/cpu, "events/cpu-s")
	}
	b.ReportMetric(float64(n)/sec, "events/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/event")
	b.ReportMetric(float64(matches)/float64(n), "matches/event")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkMatch1: one single-equality pattern against a stream.
func BenchmarkMatch1(b *testing.B) {
	benchSet(b, benchPatterns(1, 0), benchEvents(b, 100_000, 1))
}

// BenchmarkMatch1Compound: one compound, multi-observation pattern.
func BenchmarkMatch1Compound(b *testing.B) {
	benchSet(b, []string{`([domain-name:value = 'host0.example.net' OR domain-name:value LIKE 'host1%'] FOLLOWEDBY [ipv4-addr:value ISSUBSET '10.0.0.0/16']) WITHIN 600 SECONDS`}, benchEvents(b, 100_000, 1))
}

// BenchmarkSet100k: 100,000 patterns, 90% single equality and 10%
// compound, every one served by an index.
func BenchmarkSet100k(b *testing.B) {
	const n = 100_000
	benchSet(b, benchPatterns(n, 0), benchEvents(b, 200_000, n))
}

// BenchmarkSet100kWarm: the same stream, but with each event's objects
// in the CPU cache, as they are just after the event is decoded in a
// real pipeline: the 200,000 observations share the objects of 1,024
// decoded events (BenchmarkSet100k reads every event cold from memory).
func BenchmarkSet100kWarm(b *testing.B) {
	const n = 100_000
	ring := benchEvents(b, 1024, n)
	flat := make([]Observation, 200_000)
	events := make([]*Observation, len(flat))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for j := range flat {
		flat[j] = *ring[j%len(ring)]
		flat[j].FirstObserved = start.Add(time.Duration(j) * time.Second)
		flat[j].LastObserved = flat[j].FirstObserved
		events[j] = &flat[j]
	}
	benchSet(b, benchPatterns(n, 0), events)
}

// BenchmarkSet100kScan: the same with 300 more patterns no index serves
// (MATCHES and LIKE that fix neither end of the value, NOT LIKE),
// evaluated for every object of their type.
func BenchmarkSet100kScan(b *testing.B) {
	const n = 100_000
	benchSet(b, benchPatterns(n, 300), benchEvents(b, 200_000, n))
}

// BenchmarkPatternMatch: one compiled pattern evaluated directly
// (Pattern.Match) on one observation, without a Set.
func BenchmarkPatternMatch(b *testing.B) {
	p := MustCompile(`[domain-name:value = 'host0.example.net' OR domain-name:value LIKE 'host1%']`)
	events := benchEvents(b, 10_000, 1)
	one := make([]*Observation, 1)
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		for _, o := range events {
			one[0] = o
			if _, err := p.Match(one); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(0, "ns/op")
}

// TestSetNoAllocs pins the Set's hot path: an event no pattern matches
// costs no allocation.
func TestSetNoAllocs(t *testing.T) {
	set := NewSet()
	for i, src := range benchPatterns(1000, 0) {
		if err := set.Add(fmt.Sprint(i), src); err != nil {
			t.Fatal(err)
		}
	}
	o := event(t, 0, `{"type": "domain-name", "value": "nothing.example"}`)
	f := event(t, 0, `{"type": "file", "name": "a", "hashes": {"MD5": "00000000000000000000000000000000"}}`)
	var dst []SetMatch
	allocs := testing.AllocsPerRun(100, func() {
		dst, _ = set.Match(o, dst[:0])
		dst, _ = set.Match(f, dst[:0])
	})
	if allocs != 0 {
		t.Errorf("%v allocations per unmatched event, want 0", allocs)
	}
}
