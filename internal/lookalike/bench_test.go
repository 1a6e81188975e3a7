package lookalike

import (
	"fmt"
	"testing"
)

// electionProtected is a realistic protected list: campaigns, parties,
// election bodies, donation platforms.
var electionProtected = []string{
	"campaign2024.com", "kamalaharris.com", "donaldjtrump.com", "democrats.org", "gop.com",
	"vote.org", "eac.gov", "fec.gov", "cisa.gov", "actblue.com", "winred.com", "party.org",
}

// BenchmarkMatchBenign checks every domain of the 100k benign list once
// per iteration against 12 protected names, and against 1,000 to show the
// cost does not grow with the list. domains/s is the figure to read.
func BenchmarkMatchBenign(b *testing.B) {
	domains := benignDomains(b)
	many := append([]string{}, electionProtected...)
	for i := len(many); i < 1000; i++ {
		many = append(many, fmt.Sprintf("candidate%04d-for-office.org", i))
	}
	for _, list := range []struct {
		name string
		prot []string
	}{{"protected=12", electionProtected}, {"protected=1000", many}} {
		b.Run(list.name, func(b *testing.B) {
			m, err := New(list.prot)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			hits := 0
			for b.Loop() {
				hits = 0
				for _, d := range domains {
					if _, ok := m.Match(d); ok {
						hits++
					}
				}
			}
			b.ReportMetric(float64(len(domains))*float64(b.N)/b.Elapsed().Seconds(), "domains/s")
			b.ReportMetric(float64(hits), "hits")
		})
	}
}

// BenchmarkMatchOne is the cost of one check by kind of input.
func BenchmarkMatchOne(b *testing.B) {
	m, err := New(electionProtected)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range []string{"wikipedia.org", "cdn.assets.example-content-delivery.net", "cаmpaign2024.com", "xn--cmpaign2024-yij.com", "campiagn2024.com", "campaign2024.com.evil.net"} {
		b.Run(d, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m.Match(d)
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(electionProtected); err != nil {
			b.Fatal(err)
		}
	}
}
