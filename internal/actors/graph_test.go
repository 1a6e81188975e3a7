package actors

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/dossier-cti/dossier/internal/knowledge"
)

func TestMatchKey(t *testing.T) {
	same := [][]string{
		{"Storm-2035", "storm 2035", "STORM2035", "Storm_2035", " storm–2035 "},
		{"Mint Sandstorm", "mint sandstorm", "MINT-SANDSTORM", "Mînt Sandstorm", "MintSandstorm"},
		{"APT35", "apt 35", "Apt-35"},
		{"Charming Kitten", "charming  kitten", "ＣＨＡＲＭＩＮＧ KITTEN"},
	}
	for _, group := range same {
		want := MatchKey(group[0])
		for _, n := range group[1:] {
			if got := MatchKey(n); got != want {
				t.Errorf("MatchKey(%q) = %q, want %q (as %q)", n, got, want, group[0])
			}
		}
	}
	if MatchKey("APT35") == MatchKey("APT3") || MatchKey("Storm-2035") == MatchKey("Storm-2036") {
		t.Errorf("different names share a key")
	}
}

// TestMatchKeyCache: the cached keys of names outside ASCII are the keys
// MatchKey computes, asked from goroutines side by side (run with -race),
// a name cut from a longer text included, and the cache starts anew past
// its bound instead of growing.
func TestMatchKeyCache(t *testing.T) {
	names := []string{"Mînt Sandstorm", "ＣＨＡＲＭＩＮＧ KITTEN", "Straße", "Фэнси Беар", "Iran’s", "C0 \ufffd", "ﬁrewall", "Ǆemal"}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = uncachedKey(n)
	}
	text := strings.Join(names, " | ")
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 200 {
				for i, n := range names {
					k := MatchKey(n)
					if g%2 == 1 {
						at := strings.Index(text, n)
						k = MatchKey(text[at : at+len(n)])
					}
					if k != want[i] {
						t.Errorf("MatchKey(%q) = %q, want %q", n, k, want[i])
						return
					}
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	for i := range maxCachedKeys + 10 {
		MatchKey("é" + strconv.Itoa(i)) // distinct names
	}
	n := 0
	keyCache.Load().Range(func(any, any) bool { n++; return true })
	if n > maxCachedKeys {
		t.Errorf("the key cache holds %d names, over its bound of %d", n, maxCachedKeys)
	}
	for i, n := range names {
		if k := MatchKey(n); k != want[i] {
			t.Errorf("after the cache started anew, MatchKey(%q) = %q, want %q", n, k, want[i])
		}
	}
}

// uncachedKey is MatchKey without its cache, for TestMatchKeyCache.
func uncachedKey(name string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return cases.Fold().String(b.String())
}

func TestFamilyOf(t *testing.T) {
	cases := []struct {
		name    string
		word    string
		country string
		kind    string
	}{
		{"Mint Sandstorm", "Sandstorm", "IR", "nation-state"},
		{"zebra sandstorm", "Sandstorm", "IR", "nation-state"},
		{"Forest Blizzard", "Blizzard", "RU", "nation-state"},
		{"Volt Typhoon", "Typhoon", "CN", "nation-state"},
		{"Jade Sleet", "Sleet", "KP", "nation-state"},
		{"Sefid Flood", "Flood", "", "influence operations"},
		{"Octo Tempest", "Tempest", "", "financially motivated"},
		{"Storm-2035", "Storm", "", "group in development"},
		{"storm 9999", "Storm", "", "group in development"},
		{"DEV-0537", "Storm", "", "group in development"},
		{"APT35", "", "", ""},
		{"Sandstorm", "", "", ""},
		{"Big Storm", "", "", ""},
	}
	for _, c := range cases {
		f := FamilyOf(c.name, nil)
		if c.word == "" {
			if f != nil {
				t.Errorf("FamilyOf(%q) = %+v, want none", c.name, f)
			}
			continue
		}
		if f == nil || f.Word != c.word || f.Country != c.country || f.Kind != c.kind {
			t.Errorf("FamilyOf(%q) = %+v, want %s %s %s", c.name, f, c.word, c.country, c.kind)
		}
	}
}

// testPack is a small pack shaped like the real sources' disagreements.
func testPack() *knowledge.Pack {
	return &knowledge.Pack{
		Sources: []knowledge.Source{{ID: "attack", Date: "2025-11-13"}, {ID: "misp-galaxy", Date: "2026-08-06"}, {ID: "microsoft", Date: "2026-08-06"}},
		Groups: []knowledge.Group{
			{ID: "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13", ExternalID: "G0059", Name: "Magic Hound",
				Aliases: []string{"APT35", "Charming Kitten", "Mint Sandstorm", "Phosphorus"}, Country: "IR", CountryEvidence: "Iranian-sponsored",
				Techniques: []string{"T1566.002", "T1059.001"}},
			{ID: "intrusion-set--92d5b3fd-3b39-438e-af68-770e447beada", ExternalID: "G0058", Name: "Charming Kitten",
				Revoked: true, RevokedBy: "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13"},
			{ID: "intrusion-set--0000a1b2-0000-4000-8000-000000001044", ExternalID: "G1044", Name: "APT42", Aliases: []string{"UNC788"}},
			{ID: "intrusion-set--0000a1b2-0000-4000-8000-000000000032", ExternalID: "G0032", Name: "Lazarus Group", Aliases: []string{"HIDDEN COBRA"}, Country: "KP"},
			{ID: "intrusion-set--0000a1b2-0000-4000-8000-000000000082", ExternalID: "G0082", Name: "APT38", Country: "KP"},
		},
		Galaxies: []knowledge.Galaxy{{Type: "threat-actor", UUID: "7cdff317-a673-4474-84ec-4f1754947823", Clusters: []knowledge.Cluster{
			{UUID: "b8967b3c-3bc9-11e8-8701-8b1ead8c099e", Value: "APT35", Synonyms: []string{"Magic Hound", "Mint Sandstorm"}, Country: "IR"},
			{UUID: "f98bac6b-12fd-4cad-be84-c84666932232", Value: "Charming Kitten", Synonyms: []string{"Newscaster", "Mint Sandstorm", "CharmingCypress"}, Country: "IR"},
			{UUID: "35f887ad-0000-4000-8000-000000000042", Value: "APT42", Synonyms: []string{"CALANQUE"}, Country: "IR",
				Related: []knowledge.Related{{UUID: "b8967b3c-3bc9-11e8-8701-8b1ead8c099e", Type: "similar", Likelihood: "likely"}}},
			{UUID: "00000000-0000-4000-8000-00000000aaaa", Value: "Lazarus Group", Synonyms: []string{"APT38", "Hidden Cobra"}, Country: "KP"},
			{UUID: "00000000-0000-4000-8000-00000000bbbb", Value: "Fancy Bear", Synonyms: []string{"APT28"}, Sponsor: "Russian Federation"},
		}}},
		Microsoft: []knowledge.MicrosoftName{
			{Name: "Mint Sandstorm", Origin: "Iran", Other: []string{"PHOSPHORUS", "APT35", "Charming Kitten"}},
			{Name: "Storm-2035", Origin: "Iran, Influence operations"},
			{Name: "Storm-1516", Origin: "Russia, Influence operations"},
			{Name: "Other Flood", Origin: "Russia, Influence operations", Other: []string{"Storm-1516"}},
		},
	}
}

func testGraph(t testing.TB) *Graph {
	b := NewBuilder()
	b.AddPack(testPack())
	return b.Build()
}

func aliasNames(a *Actor) []string {
	var out []string
	for _, al := range a.Aliases {
		out = append(out, al.Name)
	}
	return out
}

func TestResolveAcrossVendors(t *testing.T) {
	g := testGraph(t)
	for _, q := range []string{"Mint Sandstorm", "mint-sandstorm", "APT35", "PHOSPHORUS", "Magic Hound", "G0059 Magic Hound"[6:]} {
		a := g.Resolve(q)
		if a.Actor == nil || a.Actor.Name != "Magic Hound" || a.Actor.ID != "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13" {
			t.Errorf("Resolve(%q) = %+v, want Magic Hound (G0059)", q, a.Actor)
			continue
		}
		if a.Actor.Sponsor == nil || a.Actor.Sponsor.Country != "IR" || a.Actor.Sponsor.Inferred {
			t.Errorf("Resolve(%q) sponsor %+v, want IR stated", q, a.Actor.Sponsor)
		}
	}
	a := g.Resolve("Mint Sandstorm").Actor
	names := aliasNames(a)
	for _, want := range []string{"Magic Hound", "APT35", "Charming Kitten", "Mint Sandstorm", "Phosphorus"} {
		if !slices.Contains(names, want) {
			t.Errorf("aliases %v lack %q", names, want)
		}
	}
	// Every alias says who uses it.
	for _, al := range a.Aliases {
		if len(al.Sources) == 0 {
			t.Errorf("alias %q has no source", al.Name)
		}
		if al.Name == "Mint Sandstorm" && len(al.Sources) < 3 {
			t.Errorf("Mint Sandstorm is used by ATT&CK, Microsoft and the galaxy; sources %+v", al.Sources)
		}
	}
	if a.Family == nil || a.Family.Word != "Sandstorm" {
		t.Errorf("family %+v, want Sandstorm", a.Family)
	}
	if !slices.Equal(a.Techniques, []string{"T1059.001", "T1566.002"}) {
		t.Errorf("techniques %v", a.Techniques)
	}
}

func TestConflictingSourcesStayVisible(t *testing.T) {
	g := testGraph(t)
	// The galaxy keeps Charming Kitten and APT35 apart; ATT&CK joins them.
	ans := g.Resolve("Charming Kitten")
	if ans.Actor.Name != "Magic Hound" {
		t.Fatalf("Charming Kitten resolves to %q, want Magic Hound (ATT&CK revoked G0058 into G0059)", ans.Actor.Name)
	}
	if len(ans.Candidates) < 2 {
		t.Fatalf("candidates %+v, want the galaxy's own Charming Kitten too", ans.Candidates)
	}
	other := ans.Candidates[1]
	if other.Name != "Charming Kitten" || !strings.Contains(strings.Join(other.Why, " "), "separate records") {
		t.Errorf("second candidate %+v, want the galaxy cluster with why it stays apart", other)
	}
	if len(ans.Actor.Disputes) == 0 || !strings.Contains(strings.Join(ans.Actor.Disputes, " "), `MISP galaxy threat-actor has separate records "APT35" and "Charming Kitten"`) {
		t.Errorf("disputes %q, want the galaxy's separation said", ans.Actor.Disputes)
	}
	if len(ans.Actor.Revoked) == 0 || !strings.Contains(ans.Actor.Revoked[0], "G0058") {
		t.Errorf("revoked %q, want the revoked G0058 record said", ans.Actor.Revoked)
	}
	// ATT&CK keeps Lazarus Group and APT38 apart: the galaxy's synonym does
	// not merge them.
	laz := g.Resolve("Lazarus Group").Actor
	apt38 := g.Resolve("APT38")
	if apt38.Actor.Name != "APT38" || laz.ID == apt38.Actor.ID {
		t.Fatalf("APT38 resolves to %q, want ATT&CK's own APT38 kept apart from Lazarus", apt38.Actor.Name)
	}
	if len(apt38.Candidates) != 2 {
		t.Errorf("APT38 candidates %+v, want APT38 and Lazarus Group (per the galaxy)", apt38.Candidates)
	}
	found := false
	for _, o := range laz.Overlaps {
		if o.Name == "APT38" && strings.Contains(o.Note, "disputed") {
			found = true
		}
	}
	if !found {
		t.Errorf("Lazarus overlaps %+v, want a disputed overlap with APT38", laz.Overlaps)
	}
}

func TestOverlapsAndSponsors(t *testing.T) {
	g := testGraph(t)
	a := g.Resolve("APT42").Actor
	if a.ID != "intrusion-set--0000a1b2-0000-4000-8000-000000001044" {
		t.Fatalf("APT42 id %s", a.ID)
	}
	if len(a.Overlaps) != 1 || a.Overlaps[0].Name != "Magic Hound" || !strings.Contains(a.Overlaps[0].Note, "similar (likely)") {
		t.Errorf("APT42 overlaps %+v, want Magic Hound (similar, likely)", a.Overlaps)
	}
	if a.Sponsor == nil || a.Sponsor.Country != "IR" || a.Sponsor.Name != "Iran" {
		t.Errorf("APT42 sponsor %+v", a.Sponsor)
	}
	fb := g.Resolve("apt28").Actor
	if fb.Sponsor == nil || fb.Sponsor.Country != "RU" {
		t.Errorf("Fancy Bear sponsor %+v, want RU from the suspected state sponsor", fb.Sponsor)
	}
	if s := g.Resolve("Storm-2035").Actor; s == nil || s.Family == nil || s.Family.Word != "Storm" || s.Sponsor == nil || s.Sponsor.Country != "IR" || s.Sponsor.Inferred {
		t.Errorf("Storm-2035: %+v", s)
	}
	iran := g.List("IR")
	var names []string
	for _, e := range iran {
		names = append(names, e.Name)
	}
	for _, want := range []string{"Magic Hound", "APT42", "Storm-2035"} {
		if !slices.Contains(names, want) {
			t.Errorf("List(IR) = %v, lacks %s", names, want)
		}
	}
	if slices.Contains(names, "Lazarus Group") {
		t.Errorf("List(IR) includes Lazarus Group")
	}
}

func TestFamilyOnlyAndSuggestions(t *testing.T) {
	g := testGraph(t)
	ans := g.Resolve("Zebra Sandstorm")
	if ans.Actor != nil || ans.Family == nil || ans.Family.Country != "IR" {
		t.Errorf("Zebra Sandstorm: actor %+v family %+v, want only the family", ans.Actor, ans.Family)
	}
	ans = g.Resolve("Mint Sandstrom")
	if ans.Actor != nil || len(ans.Suggestions) == 0 || ans.Suggestions[0] != "Mint Sandstorm" {
		t.Errorf("a typo got suggestions %v, want Mint Sandstorm first", ans.Suggestions)
	}
	ans = g.Resolve("Charming")
	if len(ans.Suggestions) == 0 || !strings.HasPrefix(ans.Suggestions[0], "Charming") {
		t.Errorf("a prefix got suggestions %v", ans.Suggestions)
	}
	if ans := g.Resolve("qqqqzzzz"); ans.Actor != nil || ans.Family != nil {
		t.Errorf("nonsense resolved: %+v", ans)
	}
}

func TestMicrosoftSelfContradiction(t *testing.T) {
	g := testGraph(t)
	// Storm-1516 is its own entry and an alias of Other Flood in the same
	// map: the two stay apart and the contradiction shows.
	ans := g.Resolve("Storm-1516")
	if ans.Actor.Name != "Storm-1516" || len(ans.Candidates) != 2 {
		t.Errorf("Storm-1516 resolves to %q with candidates %+v", ans.Actor.Name, ans.Candidates)
	}
	if len(ans.Actor.Disputes) == 0 || !strings.Contains(ans.Actor.Disputes[0], "Microsoft's naming map has separate records") {
		t.Errorf("disputes %q", ans.Actor.Disputes)
	}
}

func TestNames(t *testing.T) {
	g := testGraph(t)
	var found bool
	for _, n := range g.Names() {
		if n.Key == MatchKey("Mint Sandstorm") {
			found = true
			if n.Actor != "Magic Hound" || !n.Primary || n.Sources < 3 || !n.Disputed {
				t.Errorf("Mint Sandstorm name info %+v", n)
			}
		}
	}
	if !found {
		t.Errorf("Names lacks Mint Sandstorm")
	}
}
