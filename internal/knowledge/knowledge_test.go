package knowledge

import (
	"bytes"
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

func mustLoad(tb testing.TB) *Pack {
	tb.Helper()
	p, err := Load()
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return p
}

func TestLoad(t *testing.T) {
	p := mustLoad(t)
	if p.Version != PackVersion {
		t.Errorf("Version got %d, want %d", p.Version, PackVersion)
	}
	if Size() == 0 || Size() != len(packBin) {
		t.Errorf("Size() got %d, want the embedded %d bytes", Size(), len(packBin))
	}
	// Every caller, concurrent or not, gets the one decoded pack.
	var wg sync.WaitGroup
	got := make([]*Pack, 8)
	for i := range got {
		wg.Go(func() {
			q, err := Load()
			if err != nil {
				t.Errorf("Load: %v", err)
			}
			got[i] = q
		})
	}
	wg.Wait()
	for i, q := range got {
		if q != p {
			t.Errorf("Load() in goroutine %d got %p, want the shared %p", i, q, p)
		}
	}
}

// TestContent checks facts of the reference data that dossier's users
// rely on, read through the lookups.
func TestContent(t *testing.T) {
	p := mustLoad(t)

	mh := p.GroupByID("G0059")
	if mh == nil {
		t.Fatal("GroupByID(G0059) got nil, want Magic Hound")
	}
	if got, want := mh.Name, "Magic Hound"; got != want {
		t.Errorf("G0059 name got %q, want %q", got, want)
	}
	for _, alias := range []string{"APT35", "Charming Kitten", "Mint Sandstorm", "TA453"} {
		if !slices.Contains(mh.Aliases, alias) {
			t.Errorf("G0059 aliases %q lack %q", mh.Aliases, alias)
		}
	}
	if slices.Contains(mh.Aliases, mh.Name) {
		t.Errorf("G0059 aliases %q hold the name itself", mh.Aliases)
	}
	if got, want := mh.Country, "IR"; got != want {
		t.Errorf("G0059 country got %q, want %q", got, want)
	}
	if !strings.Contains(mh.CountryEvidence, "Iranian-sponsored") {
		t.Errorf("G0059 country evidence got %q, want the sentence saying Iranian-sponsored", mh.CountryEvidence)
	}
	if !slices.ContainsFunc(mh.Techniques, func(id string) bool { return strings.HasPrefix(id, "T1566.") }) {
		t.Errorf("G0059 techniques %q lack a phishing sub-technique (T1566.xxx)", mh.Techniques)
	}
	for _, id := range mh.Techniques {
		if p.TechniqueByID(id) == nil {
			t.Errorf("G0059 uses %s, which is not among the techniques", id)
		}
	}
	for _, id := range mh.Software {
		if p.SoftwareByID(id) == nil {
			t.Errorf("G0059 uses %s, which is not among the software", id)
		}
	}
	if !slices.Contains(mh.Domains, "enterprise-attack") {
		t.Errorf("G0059 domains got %q, want enterprise-attack among them", mh.Domains)
	}

	ck := p.GroupByID("G0058")
	switch {
	case ck == nil:
		t.Error("GroupByID(G0058) got nil, want the revoked Charming Kitten")
	case !ck.Revoked || ck.RevokedBy != mh.ID:
		t.Errorf("G0058 revoked %v by %q, want revoked by %q (G0059)", ck.Revoked, ck.RevokedBy, mh.ID)
	}
	if g := p.GroupByID("G1044"); g == nil || g.Name != "APT42" {
		t.Errorf("GroupByID(G1044) got %+v, want APT42", g)
	}
	if g := p.GroupByID("G9999"); g != nil {
		t.Errorf("GroupByID(G9999) got %+v, want nil", g)
	}

	if tech := p.TechniqueByID("T1566.001"); tech == nil || tech.Name != "Spearphishing Attachment" || !slices.Contains(tech.Tactics, "initial-access") {
		t.Errorf("TechniqueByID(T1566.001) got %+v, want Spearphishing Attachment in initial-access", tech)
	}
	if tech := p.DISARMByID("T0085"); tech == nil || tech.Name == "" || len(tech.Tactics) == 0 {
		t.Errorf("DISARMByID(T0085) got %+v, want a named DISARM technique with a tactic", tech)
	}
	if tech := p.TechniqueByID("T0085"); tech != nil {
		t.Errorf("TechniqueByID(T0085) got %+v, want nil: DISARM ids stay out of ATT&CK's list", tech)
	}
	// S0017 is both BISCUIT and a deprecated ICS object; the lookup must
	// give the current one.
	if s := p.SoftwareByID("S0017"); s == nil || s.Deprecated || s.Revoked {
		t.Errorf("SoftwareByID(S0017) got %+v, want the current object", s)
	}
	if c := p.CampaignByID("C0038"); c == nil || c.Name != "HomeLand Justice" || len(c.Groups) == 0 {
		t.Errorf("CampaignByID(C0038) got %+v, want HomeLand Justice attributed to a group", c)
	}

	if got, want := len(p.Galaxies), 4; got != want {
		t.Errorf("galaxies got %d, want %d", got, want)
	}
	ta := p.Galaxy("threat-actor")
	if ta == nil {
		t.Fatal("Galaxy(threat-actor) got nil")
	}
	for _, value := range []string{"Charming Kitten", "APT35"} {
		i := slices.IndexFunc(ta.Clusters, func(c Cluster) bool { return c.Value == value })
		if i < 0 {
			t.Errorf("threat-actor galaxy has no cluster %q", value)
			continue
		}
		if c := ta.Clusters[i]; !slices.Contains(c.Synonyms, "Mint Sandstorm") || c.Country != "IR" {
			t.Errorf("threat-actor cluster %q got synonyms %q, country %q; want Mint Sandstorm among them, IR", value, c.Synonyms, c.Country)
		}
	}

	if got, want := len(p.Microsoft), 166; got != want {
		t.Errorf("Microsoft names got %d, want %d", got, want)
	}
	i := slices.IndexFunc(p.Microsoft, func(m MicrosoftName) bool { return m.Name == "Mint Sandstorm" })
	if i < 0 || p.Microsoft[i].Origin != "Iran" || !slices.Contains(p.Microsoft[i].Other, "APT35") {
		t.Errorf("Microsoft Mint Sandstorm got %+v, want origin Iran and APT35 among the other names", p.Microsoft[max(i, 0)])
	}

	for _, id := range []string{"attack", "disarm", "misp-galaxy", "microsoft"} {
		s := p.Source(id)
		if s == nil || s.URL == "" || s.Version == "" || s.Date == "" || s.Licence == "" || s.Attribution == "" {
			t.Errorf("Source(%q) got %+v, want every field filled", id, s)
		}
	}
	if s := p.Source("attack"); s != nil && !strings.Contains(s.Attribution, "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.") {
		t.Errorf("ATT&CK attribution got %q, want MITRE's notice verbatim", s.Attribution)
	}
}

// TestSorted checks the order Pack documents, which the lookups rely on.
func TestSorted(t *testing.T) {
	p := mustLoad(t)
	check := func(what string, keys []string) {
		t.Helper()
		if !slices.IsSorted(keys) {
			t.Errorf("%s are not sorted", what)
		}
	}
	check("groups", keysOf(p.Groups, func(g Group) string { return g.ExternalID }))
	check("techniques", keysOf(p.Techniques, func(x Technique) string { return x.ExternalID }))
	check("software", keysOf(p.Software, func(x Software) string { return x.ExternalID }))
	check("campaigns", keysOf(p.Campaigns, func(x Campaign) string { return x.ExternalID }))
	check("DISARM techniques", keysOf(p.DISARM, func(x Technique) string { return x.ExternalID }))
	check("galaxies", keysOf(p.Galaxies, func(x Galaxy) string { return x.Type }))
	check("Microsoft names", keysOf(p.Microsoft, func(x MicrosoftName) string { return x.Name }))
	for _, g := range p.Galaxies {
		if !slices.IsSortedFunc(g.Clusters, func(a, b Cluster) int {
			return cmp.Or(cmp.Compare(a.Value, b.Value), cmp.Compare(a.UUID, b.UUID))
		}) {
			t.Errorf("clusters of galaxy %s are not sorted by value then uuid", g.Type)
		}
	}
	for _, g := range p.Groups {
		if !slices.IsSorted(g.Techniques) || !slices.IsSorted(g.Software) || !slices.IsSorted(g.Domains) {
			t.Errorf("group %s: techniques, software or domains not sorted", g.ExternalID)
		}
	}
}

func keysOf[T any](list []T, key func(T) string) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = key(e)
	}
	return out
}

// TestRelatedInPack checks that every galaxy link leads to a cluster of
// the pack, as Cluster.Related documents.
func TestRelatedInPack(t *testing.T) {
	p := mustLoad(t)
	in := map[string]bool{}
	for _, g := range p.Galaxies {
		for _, c := range g.Clusters {
			in[c.UUID] = true
		}
	}
	links := 0
	for _, g := range p.Galaxies {
		for _, c := range g.Clusters {
			for _, r := range c.Related {
				links++
				if !in[r.UUID] {
					t.Errorf("%s cluster %q links to %s, which is not in the pack", g.Type, c.Value, r.UUID)
				}
			}
		}
	}
	if links == 0 {
		t.Error("no galaxy links at all")
	}
}

// BenchmarkLoad measures what the first Load costs: decoding the
// embedded pack. heap-bytes is the live heap the decoded pack
// holds.
func BenchmarkLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := decode(packBin)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(p)
	b.SetBytes(int64(len(packBin)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(packBin); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "heap-bytes")
}

func TestObjectJSON(t *testing.T) {
	raw, err := ObjectJSON("intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(`"name":"Magic Hound"`)) || !bytes.Contains(raw, []byte(`"x_mitre_version"`)) {
		t.Errorf("Magic Hound is not whole: %.200s", raw)
	}
	if raw, _ := ObjectJSON("attack-pattern--2e34237d-8574-43f6-aace-ae2915de8597"); !bytes.Contains(raw, []byte(`"Spearphishing Attachment"`)) {
		t.Errorf("T1566.001 not carried")
	}
	if raw, _ := ObjectJSON("relationship--00000000-0000-4000-8000-000000000000"); raw != nil {
		t.Errorf("an unknown id returned %s", raw)
	}
	n, _ := ObjectCount()
	if n < 2500 {
		t.Errorf("%d objects, want ATT&CK's and DISARM's (over 2,500)", n)
	}
}

// BenchmarkObjectIndex measures what the first ObjectJSON or ObjectCount
// costs: making the embedded whole objects ready for lookups by id.
func BenchmarkObjectIndex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := openObjects(objectsJSONL, objectsIdx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkObjectJSON is one lookup by id once the objects are open.
func BenchmarkObjectJSON(b *testing.B) {
	const id = "attack-pattern--2e34237d-8574-43f6-aace-ae2915de8597"
	if _, err := ObjectJSON(id); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if raw, _ := ObjectJSON(id); raw == nil {
			b.Fatal("not found")
		}
	}
}
