package extract_test

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// benchText is the 5.59 MB of real report text bench/extract.sh
// extracts: the AnnoCTR reports and the corpus's AsciiDoc reports,
// repeated.
func benchText(b *testing.B) string { return shareddata.BenchReport(b) }

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

// BenchmarkFindClaims runs the claim rules alone over the sentences and
// entities of the 5 MB report.
func BenchmarkFindClaims(b *testing.B) {
	text := benchText(b)
	x := newExtractor(b)
	f := x.Find(&document.Document{Text: text, Format: document.FormatText})
	var ents []extract.Entity
	kinds := map[string]extract.EntityKind{"actor": extract.EntActor, "country": extract.EntCountry, "technique": extract.EntTechnique,
		"disarm": extract.EntTechnique, "software": extract.EntSoftware}
	for _, n := range f.Names {
		ents = append(ents, extract.Entity{Kind: kinds[n.Kind], Start: n.Span.Start, End: n.Span.End, Key: n.Key + n.ID, Name: n.Name})
	}
	for _, o := range f.Orgs {
		ents = append(ents, extract.Entity{Kind: extract.EntOrg, Start: o.Start, End: o.End, Key: string(o.Kind), Name: o.Name})
	}
	for _, o := range f.Observables {
		k := map[string]extract.EntityKind{"cve": extract.EntVulnerability, "social": extract.EntAccount}[o.Kind]
		for _, s := range o.Spans {
			if k != "" {
				ents = append(ents, extract.Entity{Kind: k, Start: s.Start, End: s.End, Key: o.Value, Name: o.Value})
			}
		}
	}
	slices.SortStableFunc(ents, func(a, b extract.Entity) int { return cmp.Compare(a.Start, b.Start) })
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		extract.FindClaims(text, f.Sentences, ents)
	}
}

// BenchmarkFindDates is the date finder alone over the 5 MB report.
func BenchmarkFindDates(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(extract.FindDates(text, nil))
	}
	b.ReportMetric(float64(n), "dates")
}

// hostileShapes are short texts that, repeated, have made extraction slow
// (each was once super-linear, or near it, in one stage or another) or
// stress one of its stages: the platform words before a handle, links
// with nothing between them, names' Unicode match keys, runs of
// punctuation, a sentence of nothing but periods, dense claims, long
// lists of targets and of actors named as examples (sentences as long as
// Sentences lets them be), a Markdown link list, an HTML page of nested
// blocks.
var hostileShapes = []struct{ name, text, file string }{
	{"handles", " @0", "a.txt"},
	{"links", "0.ac/0 ", "a.txt"},
	{"unicode-keys", "APT C0 \xd1 \xd2", "a.txt"},
	{"punctuation", "a??????????????? ", "a.txt"},
	{"periods", "a. ", "a.txt"},
	{"defanged", "hxxp://a[.]bc/d?e=1 ", "a.txt"},
	{"addresses", "10.0.0.1 192.168.1.1:80 ", "a.txt"},
	{"claims", "APT28, tracked as Fancy Bear, targeted Iran's election officials on behalf of Russia. ", "a.txt"},
	{"target-lists", "APT28 targeted journalists, voters, diplomats, the FBI, Microsoft, ", "a.txt"},
	{"example-lists", "groups such as APT28, APT29, Turla, Sandworm, Kimsuky, ", "a.txt"},
	{"markdown-links", "[a](http://b.example/c) ", "a.md"},
	{"html-nesting", "<div><span>APT28 used x.example</span>", "a.html"},
}

// BenchmarkHostileShapes reads, finds and builds each hostile shape
// repeated to a megabyte: the rates say how far the worst inputs known
// fall below a report's (about 25 MB/s for the whole of extract --json
// on two cores), and a super-linear stage shows as a rate that falls
// when the size grows (-benchtime 1x with the size changed below).
func BenchmarkHostileShapes(b *testing.B) {
	x := newExtractor(b)
	now := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	for _, s := range hostileShapes {
		b.Run(s.name, func(b *testing.B) {
			data := []byte(strings.Repeat(s.text, hostileSize/len(s.text)+1))
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				doc, err := document.Read(bytes.NewReader(data), s.file, document.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := extract.Build(x.Find(doc), extract.BuildOptions{Now: now}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// hostileSize is how long BenchmarkHostileShapes repeats each shape to.
var hostileSize = 1 << 20
