package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/stix"
)

func TestBuild(t *testing.T) {
	text := "Ministère: Mint Sandstorm, an Iranian state-sponsored group, targeted the Trump campaign from evil[.]example and 203.0.113.9. " +
		"The group is linked to Iran. A spokesperson for the Permanent Mission of Iran to the United Nations said Iran categorically denies the allegations."
	sents := Sentences(text)
	at := func(s string) Span {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		return Span{i, i + len(s)}
	}
	mint := at("Mint Sandstorm")
	f := &Findings{
		Text: text, Format: "text", Title: "A test report", Published: "2024-08-09", Sentences: sents,
		Observables: []Observable{
			{Kind: "domain", Value: "evil.example", Spans: []Span{at("evil[.]example")}, Tags: []string{"dynamic-dns"}},
			{Kind: "ipv4", Value: "203.0.113.9", Spans: []Span{at("203.0.113.9")}, Benign: "documentation range (RFC 5737)"},
		},
		Names: []Name{
			{Kind: "actor", Span: mint, ID: "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13", Name: "Magic Hound", STIXType: "intrusion-set"},
		},
	}
	var ents []Entity
	ents = append(ents, Entity{Kind: EntActor, Start: mint.Start, End: mint.End, Key: f.Names[0].ID, Name: "Mint Sandstorm"})
	for _, o := range FindOrgs(text, nil) {
		ents = append(ents, Entity{Kind: EntOrg, Start: o.Start, End: o.End, Key: string(o.Kind), Name: o.Name})
		f.Orgs = append(f.Orgs, o)
	}
	ev := at("evil[.]example")
	ents = append(ents, Entity{Kind: EntIndicator, Start: ev.Start, End: ev.End, Key: "domain|evil.example", Name: "evil.example"})
	for _, w := range []string{"Iranian", "Iran."} {
		s := at(w)
		ents = append(ents, Entity{Kind: EntCountry, Start: s.Start, End: s.Start + len(strings.TrimSuffix(w, ".")), Key: "IR", Name: "Iran"})
	}
	sortEntities(ents)
	f.Claims = FindClaims(text, sents, ents)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Reliability: "B", TLP: stix.TLP2Amber, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	// With Ready, the same bundle, and Ready had every object but the
	// report, first and in order, before the report was made.
	var ready []*stix.Object
	same, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Reliability: "B", TLP: stix.TLP2Amber, Now: now,
		Ready: func(objs []*stix.Object) {
			if ready != nil {
				t.Error("Ready called twice")
			}
			ready = objs
		}})
	if err != nil {
		t.Fatal(err)
	}
	if len(same.Objects) != len(bun.Objects) || len(ready) != len(bun.Objects)-1 {
		t.Fatalf("with Ready: %d objects, %d of them ready; without: %d", len(same.Objects), len(ready), len(bun.Objects))
	}
	for i, o := range same.Objects {
		if string(o.Raw) != string(bun.Objects[i].Raw) || i < len(ready) && ready[i] != o {
			t.Errorf("with Ready, object %d differs: %s", i, o.ID)
		}
	}
	if last := same.Objects[len(same.Objects)-1]; last != same.Report || last.Type != "report" {
		t.Errorf("the last object is %s, want the report", last.ID)
	}
	// The report's JSON, made in parts into room measured first, is its
	// properties' encoding.
	if got, want := string(bun.Report.Raw), string(bun.Report.Props.AppendJSON(nil)); got != want {
		t.Errorf("the report's JSON is not its properties':\n%s\nwant\n%s", got, want)
	}
	if r := bun.Report.Raw; cap(r) != len(r) {
		t.Errorf("the report's JSON has room for %d bytes and holds %d: mismeasured", cap(r), len(r))
	}
	// With ReportTo, the report is given in parts and is the same, and
	// Build keeps only the other objects.
	var given []byte
	ready = nil
	streamed, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Reliability: "B", TLP: stix.TLP2Amber, Now: now,
		Ready: func(objs []*stix.Object) { ready = objs },
		ReportTo: func(p []byte) error {
			if ready == nil {
				t.Error("ReportTo called before Ready")
			}
			given = append(given, p...)
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if string(given) != string(bun.Report.Raw) {
		t.Errorf("the report given to ReportTo differs:\n%s\nwant\n%s", given, bun.Report.Raw)
	}
	if streamed.Report != nil || len(streamed.Objects) != len(ready) || len(ready) != len(bun.Objects)-1 {
		t.Errorf("with ReportTo: report %v, %d objects, %d ready, want no report and the %d others", streamed.Report, len(streamed.Objects), len(ready), len(bun.Objects)-1)
	}
	// With NoReport, no report at all (ReportTo is not called), the same
	// other objects, and the report's name all the same.
	bare, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Reliability: "B", TLP: stix.TLP2Amber, Now: now, NoReport: true,
		ReportTo: func([]byte) error {
			t.Error("ReportTo called with NoReport")
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if bare.Report != nil || len(bare.Objects) != len(bun.Objects)-1 {
		t.Errorf("with NoReport: report %v, %d objects, want no report and the %d others", bare.Report, len(bare.Objects), len(bun.Objects)-1)
	}
	for i, o := range bare.Objects {
		if i < len(bun.Objects) && string(o.Raw) != string(bun.Objects[i].Raw) {
			t.Errorf("with NoReport, object %d differs: %s", i, o.ID)
		}
	}
	if bare.ReportName != bun.Report.Name() || bun.ReportName != bun.Report.Name() || bun.ReportName != "A test report" {
		t.Errorf("ReportName %q with NoReport, %q without, want the report's name %q", bare.ReportName, bun.ReportName, bun.Report.Name())
	}
	refused := errors.New("broken pipe")
	if _, err := Build(f, BuildOptions{Now: now, Ready: func([]*stix.Object) {}, ReportTo: func([]byte) error { return refused }}); err != refused {
		t.Errorf("ReportTo refusing: Build returned %v, want %v", err, refused)
	}
	byType := map[string][]*stix.Object{}
	for _, o := range bun.Objects {
		byType[o.Type] = append(byType[o.Type], o)
	}
	// One indicator: for the domain, not for the documentation address.
	if n := len(byType["indicator"]); n != 1 {
		t.Fatalf("%d indicators, want 1", n)
	}
	ind := byType["indicator"][0]
	if p, _ := ind.Props.GetString("pattern"); p != "[domain-name:value = 'evil.example']" {
		t.Errorf("pattern %q", p)
	}
	if l := ind.Props.Get("labels"); l == nil || l.Items[0].Str != "dynamic-dns" {
		t.Errorf("context tag not on the indicator's labels: %s", ind.Raw)
	}
	// Claims: attributed-to the Government of Iran by the publisher, targets
	// the Trump campaign, and an opinion from Iran's mission.
	var rts []string
	for _, r := range byType["relationship"] {
		rt, _ := r.Props.GetString("relationship_type")
		rts = append(rts, rt)
	}
	for _, want := range []string{"attributed-to", "targets", "located-at", "based-on", "indicates"} {
		if !strings.Contains(strings.Join(rts, " "), want) {
			t.Errorf("relationships %v lack %s", rts, want)
		}
	}
	// The domain named with Mint Sandstorm indicates it: from the
	// indicator to the actor, with the mention as written (evil[.]example,
	// 14 code points) as evidence.
	for _, r := range byType["relationship"] {
		if rt, _ := r.Props.GetString("relationship_type"); rt != "indicates" {
			continue
		}
		src, _ := r.Props.GetString("source_ref")
		dst, _ := r.Props.GetString("target_ref")
		if src != ind.ID || dst != f.Names[0].ID {
			t.Errorf("indicates %s -> %s, want %s -> %s", src, dst, ind.ID, f.Names[0].ID)
		}
		if !strings.Contains(string(r.Raw), `"length":14`) {
			t.Errorf("indicates without the mention as evidence: %s", r.Raw)
		}
	}
	if len(byType["opinion"]) != 1 {
		t.Fatalf("%d opinions, want the denial", len(byType["opinion"]))
	}
	op := byType["opinion"][0]
	if v, _ := op.Props.GetString("opinion"); v != "strongly-disagree" {
		t.Errorf("opinion %q, want strongly-disagree (categorically)", v)
	}
	// The report carries the text and the mentions, offsets in code points.
	ext := bun.Report.Props.Get("extensions").Get(EvidenceExtensionID)
	if s, _ := ext.GetString("text"); s != text {
		t.Errorf("report text not kept")
	}
	runes := []rune(text)
	found := false
	for _, m := range ext.Get("mentions").Items {
		off, _ := m.Get("offset").Int()
		n, _ := m.Get("length").Int()
		got := string(runes[off : off+n])
		ref, _ := m.GetString("object_ref")
		if ref == "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13" {
			found = true
			if got != "Mint Sandstorm" {
				t.Errorf("mention offset %d length %d is %q, want Mint Sandstorm (code points after a non-ASCII letter)", off, n, got)
			}
			if q, _ := m.GetString("quote"); !strings.HasPrefix(q, "Ministère: Mint Sandstorm") {
				t.Errorf("quote %q", q)
			}
		}
		if note, _ := m.GetString("note"); strings.Contains(note, "benign") && got != "203.0.113.9" {
			t.Errorf("benign note on %q", got)
		}
	}
	if !found {
		t.Errorf("no mention of the actor")
	}
	if len(bun.Missing) != 1 || bun.Missing[0] != "intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13" {
		t.Errorf("missing %v, want the ATT&CK group that no lookup knows", bun.Missing)
	}
	// Deterministic: the same findings give the same objects.
	again, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Reliability: "B", TLP: stix.TLP2Amber, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Objects) != len(bun.Objects) {
		t.Fatalf("second build has %d objects, first %d", len(again.Objects), len(bun.Objects))
	}
	for i := range bun.Objects {
		if string(again.Objects[i].Raw) != string(bun.Objects[i].Raw) {
			t.Errorf("object %s differs between two builds", bun.Objects[i].ID)
		}
	}
	if !utf8.ValidString(string(bun.Report.Raw)) {
		t.Errorf("report JSON is not UTF-8")
	}
}

func sortEntities(es []Entity) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && es[j].Start < es[j-1].Start; j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// TestBuildOperationName: a new name of the form "Operation X" becomes a
// campaign, other new names intrusion sets.
func TestBuildOperationName(t *testing.T) {
	text := "Servers sent emails in Operation Quillfeather. Nimbus Heron ran them."
	at := func(s string) Span {
		i := strings.Index(text, s)
		return Span{i, i + len(s)}
	}
	f := &Findings{Text: text, Format: "text", Sentences: Sentences(text), Names: []Name{
		{Kind: "actor", Span: at("Operation Quillfeather"), Name: "Operation Quillfeather", New: true},
		{Kind: "actor", Span: at("Nimbus Heron"), Name: "Nimbus Heron", New: true},
	}}
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, o := range bun.Objects {
		if o.Type == "campaign" || o.Type == "intrusion-set" {
			got[o.Name()] = o.Type
		}
	}
	if got["Operation Quillfeather"] != "campaign" || got["Nimbus Heron"] != "intrusion-set" {
		t.Errorf("objects by name %v, want Operation Quillfeather a campaign and Nimbus Heron an intrusion-set", got)
	}
}

// TestBuildPublisherNamed: the publisher named in its own report is the
// identity that publishes it, not a second one of the same name; another
// organisation keeps its own.
func TestBuildPublisherNamed(t *testing.T) {
	text := "Meta removed the network. Google removed its channels."
	at := func(s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	ms, me := at("Meta")
	gs, ge := at("Google")
	f := &Findings{Text: text, Format: "text", Sentences: Sentences(text), Orgs: []Org{
		{Start: ms, End: me, Name: "Meta", Kind: OrgCompany},
		{Start: gs, End: ge, Name: "Google", Kind: OrgCompany},
	}}
	bun, err := Build(f, BuildOptions{Publisher: "meta", Now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string][]string{} // lower-case name -> ids
	for _, o := range bun.Objects {
		if o.Type == "identity" {
			names[strings.ToLower(o.Name())] = append(names[strings.ToLower(o.Name())], o.ID)
		}
	}
	if ids := names["meta"]; len(ids) != 1 || ids[0] != publisherID("meta") {
		t.Errorf("identities named Meta: %v, want the publisher's alone (%s)", ids, publisherID("meta"))
	}
	if len(names["google"]) != 1 {
		t.Errorf("identities named Google: %v, want one", names["google"])
	}
	ext := bun.Report.Props.Get("extensions").Get(EvidenceExtensionID)
	found := false
	for _, m := range ext.Get("mentions").Items {
		if off, _ := m.Get("offset").Int(); int(off) == ms && m.Get("object_ref").Str == publisherID("meta") {
			found = true
		}
	}
	if !found {
		t.Errorf("the mention of Meta does not refer to the publisher")
	}
}

// TestBuildTitleOperation: when the title names the operation, claims
// whose subject the text leaves unnamed are the named operation's, and
// one campaign stands for it, with the evidence of both ways of saying
// it; a title that names none, or two, leaves them to the report's own
// campaign.
func TestBuildTitleOperation(t *testing.T) {
	for _, c := range []struct {
		title    string
		want     []string // relationships
		untitled bool     // the document gave no title: its first line names it
	}{
		{"Operation Quillfeather: emails to Ukrainian speakers", []string{
			"campaign Operation Quillfeather targets location Ukraine",
		}, false},
		{"Operation Quillfeather: emails to Ukrainian speakers", []string{
			"campaign Operation Quillfeather targets location Ukraine",
		}, true},
		{"Operation Quillfeather and Operation Driftnet", []string{
			"campaign Operation Quillfeather targets location Ukraine",
			"campaign The operation described in Operation Quillfeather and Operation Driftnet targets location Ukraine",
		}, false},
		{"Emails to Ukrainian speakers", []string{
			"campaign Operation Quillfeather targets location Ukraine",
			"campaign The operation described in Emails to Ukrainian speakers targets location Ukraine",
		}, false},
	} {
		t.Run(fmt.Sprintf("%s/untitled=%v", c.title, c.untitled), func(t *testing.T) {
			text := c.title + "\n\nOperation Quillfeather targeted Ukraine. The attackers targeted Ukraine again in March."
			if strings.Contains(c.title, "Driftnet") {
				text += " Operation Driftnet followed."
			}
			f := &Findings{Text: text, Format: "text", Title: c.title, Sentences: Sentences(text)}
			if c.untitled {
				f.Title = ""
			}
			var ents []Entity
			for _, n := range []string{"Operation Quillfeather", "Operation Driftnet", "Ukraine"} {
				for _, s := range spansOf(text, n) {
					if n == "Ukraine" {
						f.Names = append(f.Names, Name{Kind: "country", Span: s, Name: n, Key: "UA"})
						ents = append(ents, Entity{Kind: EntCountry, Start: s.Start, End: s.End, Key: "UA", Name: n})
					} else {
						f.Names = append(f.Names, Name{Kind: "actor", Span: s, Name: n, New: true})
						ents = append(ents, Entity{Kind: EntActor, Start: s.Start, End: s.End, Key: n, Name: n})
					}
				}
			}
			sortEntities(ents)
			f.Claims = FindClaims(text, f.Sentences, ents)
			bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			got := slices.DeleteFunc(relationshipLines(bun), func(r string) bool { return strings.Contains(r, " located-at ") })
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("relationships\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			var campaigns []string
			for _, o := range bun.Objects {
				if o.Type == "campaign" {
					campaigns = append(campaigns, o.Name())
				}
			}
			if strings.HasPrefix(c.title, "Operation Quillfeather:") && len(campaigns) != 1 {
				t.Errorf("campaigns %q, want Operation Quillfeather alone", campaigns)
			}
		})
	}
}

// TestBuildOrigin: a country named as where an operation comes from
// ("a Russia-based network", "originating in Iran") is its origin,
// originates-from the country's location; one named as behind it is the
// state's, attributed-to the "Government of X" threat actor. A denial
// answers both.
func TestBuildOrigin(t *testing.T) {
	text := "A Russia-based network targeted Ukraine. A network originating in Iran targeted Israel. " +
		"The sites were run by the Russian government. Russia denied it."
	var ents []Entity
	for _, c := range []struct{ w, code, name string }{{"Russia-based", "RU", "Russia"}, {"Ukraine", "UA", "Ukraine"},
		{"Iran", "IR", "Iran"}, {"Israel", "IL", "Israel"}, {"Russian", "RU", "Russia"}, {"Russia denied", "RU", "Russia"}} {
		i := strings.Index(text, c.w)
		end := i + len(c.name)
		if c.w == "Russian" {
			end = i + len("Russian")
		}
		ents = append(ents, Entity{Kind: EntCountry, Start: i, End: end, Key: c.code, Name: c.name})
	}
	sortEntities(ents)
	f := &Findings{Text: text, Format: "text", Title: "A test report", Sentences: Sentences(text)}
	f.Claims = FindClaims(text, f.Sentences, ents)
	var origins []string
	for _, c := range f.Claims {
		if c.Kind == ClaimAttribution && c.Origin {
			origins = append(origins, c.Object.Name)
		}
	}
	if want := []string{"Russia", "Iran"}; !slices.Equal(origins, want) {
		t.Errorf("origins %q, want %q", origins, want)
	}
	// A list shares its "-based": "Belarus, Russia-Based Influence
	// Operation Network Targeting Poland".
	title := "Belarus, Russia-Based Influence Operation Network Targeting Poland"
	var listEnts []Entity
	for _, c := range []struct{ w, code string }{{"Belarus", "BY"}, {"Russia", "RU"}, {"Poland", "PL"}} {
		i := strings.Index(title, c.w)
		listEnts = append(listEnts, Entity{Kind: EntCountry, Start: i, End: i + len(c.w), Key: c.code, Name: c.w})
	}
	origins = nil
	for _, c := range FindClaims(title, Sentences(title), listEnts) {
		if c.Kind == ClaimAttribution && c.Origin {
			origins = append(origins, c.Object.Name)
		}
	}
	slices.Sort(origins)
	if want := []string{"Belarus", "Russia"}; !slices.Equal(origins, want) {
		t.Errorf("origins of %q: %q, want %q", title, origins, want)
	}
	// People there say where the operation comes from; the state's
	// government, that the state is behind it.
	for _, c := range []struct {
		text   string
		origin bool
	}{
		{"Meta linked the activity to individuals in Nigeria.", true},
		{"Meta linked the activity to people in Nigeria.", true},
		{"Meta linked the activity to the government of Nigeria.", false},
		{"APT28 is likely Nigerian in origin.", true},
		{"APT28 is likely Nigerian.", false},
	} {
		i := strings.Index(c.text, "Nigeria")
		n := len("Nigeria")
		if strings.Contains(c.text, "Nigerian") {
			n = len("Nigerian")
		}
		ents := []Entity{{Kind: EntCountry, Start: i, End: i + n, Key: "NG", Name: "Nigeria"}}
		if strings.HasPrefix(c.text, "APT28") {
			ents = append([]Entity{{Kind: EntActor, Start: 0, End: 5, Key: "intrusion-set--apt28", Name: "APT28"}}, ents...)
		}
		cs := FindClaims(c.text, Sentences(c.text), ents)
		if len(cs) != 1 || cs[0].Kind != ClaimAttribution || cs[0].Origin != c.origin {
			t.Errorf("%q: claims %+v, want one attribution to Nigeria with Origin %v", c.text, cs, c.origin)
		}
	}
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	wantRelationships(t, relationshipLines(bun),
		"campaign The operation described in A test report originates-from location Russia",
		"campaign The operation described in A test report originates-from location Iran",
		"campaign The operation described in A test report attributed-to threat-actor Government of Russia")
	for _, o := range bun.Objects {
		if probs := stix.Validate(o); len(probs) > 0 {
			t.Errorf("%s: %v", o.ID, probs)
		}
		if o.Type == "opinion" {
			if refs := o.Props.Get("object_refs"); refs == nil || len(refs.Items) != 2 {
				t.Errorf("the denial refers to %v, want the origin and the attribution to Russia", refs)
			}
		}
	}
}

// TestBuildNewSoftware: software that ATT&CK does not know becomes a
// malware family of the report's author, which the claims of use point
// at; ATT&CK's stays ATT&CK's.
func TestBuildNewSoftware(t *testing.T) {
	text := "Nimbus Heron deployed the Sponsor backdoor and Mimikatz."
	at := func(s string) Span {
		i := strings.Index(text, s)
		return Span{i, i + len(s)}
	}
	actor := Entity{Kind: EntActor, Start: at("Nimbus Heron").Start, End: at("Nimbus Heron").End, Name: "Nimbus Heron"}
	sponsor := Entity{Kind: EntSoftware, Start: at("Sponsor").Start, End: at("Sponsor").End, Name: "Sponsor"}
	f := &Findings{Text: text, Format: "text", Sentences: Sentences(text), Names: []Name{
		{Kind: "actor", Span: at("Nimbus Heron"), Name: "Nimbus Heron", New: true},
		{Kind: "software", Span: at("Sponsor"), Name: "Sponsor", New: true},
		{Kind: "software", Span: at("Mimikatz"), Name: "Mimikatz", Key: "S0002", ID: "tool--afc079f3-c0ea-4096-b75d-3f05338b7f60"},
	}, Claims: []Claim{{Kind: ClaimUses, Sentence: Span{0, len(text)}, Trigger: at("deployed"), Subject: &actor, Object: &sponsor, Confidence: 85}}}
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*stix.Object{}
	var malware []*stix.Object
	for _, o := range bun.Objects {
		byID[o.ID] = o
		if o.Type == "malware" {
			malware = append(malware, o)
		}
	}
	if len(malware) != 1 || malware[0].Name() != "Sponsor" {
		t.Fatalf("malware objects %v, want one, Sponsor", malware)
	}
	m := malware[0]
	if fam := m.Props.Get("is_family"); fam == nil || fam.Kind != stix.KindBool || !fam.Bool {
		t.Errorf("Sponsor: is_family %v, want true", fam)
	}
	if by, _ := m.Props.GetString("created_by_ref"); by == "" || byID[by] == nil || byID[by].Name() != "Example Threat Center" {
		t.Errorf("Sponsor: created_by_ref %q, want the publisher's identity", by)
	}
	rels := relationshipLines(bun)
	if uses := slices.Index(rels, "intrusion-set Nimbus Heron uses malware Sponsor"); uses < 0 ||
		slices.Index(rels[uses+1:], rels[uses]) >= 0 {
		t.Errorf("relationships %q, want one intrusion-set Nimbus Heron uses malware Sponsor", rels)
	}
}

// relationshipLines returns a bundle's relationships, each as "type name
// relationship type name" (a user account by its login).
// spansOf returns the spans of every occurrence of name in text.
func spansOf(text, name string) []Span {
	var out []Span
	for from := 0; ; {
		i := strings.Index(text[from:], name)
		if i < 0 {
			return out
		}
		out = append(out, Span{from + i, from + i + len(name)})
		from += i + len(name)
	}
}

// wantRelationships fails the test for each of wants that got, the
// bundle's relationshipLines, does not hold.
func wantRelationships(t *testing.T, got []string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !slices.Contains(got, want) {
			t.Errorf("no relationship %q in\n%s", want, strings.Join(got, "\n"))
		}
	}
}

func relationshipLines(bun *Bundle) []string {
	byID := map[string]*stix.Object{}
	for _, o := range bun.Objects {
		byID[o.ID] = o
	}
	name := func(id string) string {
		o := byID[id]
		if o == nil {
			return id
		}
		if n := o.Name(); n != "" {
			return o.Type + " " + n
		}
		v, _ := o.Props.GetString("account_login")
		return o.Type + " " + v
	}
	var out []string
	for _, o := range bun.Objects {
		if o.Type != "relationship" {
			continue
		}
		rt, _ := o.Props.GetString("relationship_type")
		src, _ := o.Props.GetString("source_ref")
		dst, _ := o.Props.GetString("target_ref")
		out = append(out, name(src)+" "+rt+" "+name(dst))
	}
	return out
}

// mentionsBuilder returns a builder holding n mentions of a text made to
// test the encoding of mentions: runs of three mentions quote one
// sentence, every fifth quotes a sentence quoted long before (in another
// piece, when n makes several), every eleventh runs on from its sentence
// into the next, and the last (past n > 1) stands outside any sentence;
// sentences hold quotes, line breaks and non-ASCII characters (and, with
// bad, one holds invalid UTF-8), and every seventh mention has a note.
func mentionsBuilder(n int, bad bool) *bundleBuilder {
	var text strings.Builder
	var spans []Span
	for i := range n {
		if i%3 == 0 {
			s := fmt.Sprintf("Sentence %d is long enough to be remembered, with \"quotes\", Ministère, and a line\nbreak. ", i/3)
			if bad && i == n/2-n/2%3 {
				s = "Invalid \xff\xfe bytes in sentence. "
			}
			text.WriteString(s)
		}
		end := text.Len() - 3
		spans = append(spans, Span{end - 4, end - 1})
	}
	b := &bundleBuilder{f: &Findings{Text: text.String()}}
	b.f.Sentences = Sentences(b.f.Text)
	b.sents = newSentenceIndex(b.f.Sentences)
	b.runes = document.NewIndex(b.f.Text)
	sents := b.f.Sentences
	for i := range spans {
		switch k := i / 3; {
		case i%5 == 4:
			spans[i] = spans[i/2]
		case i%11 == 10 && k+1 < len(sents):
			spans[i] = Span{sents[k].End - 2, sents[k+1].Start + 3}
		}
	}
	if n > 1 {
		spans[n-1] = Span{len(b.f.Text) - 1, len(b.f.Text)} // the last space: no sentence's
	}
	for i, s := range spans {
		note := ""
		if i%7 == 0 {
			note = fmt.Sprintf("benign: note %d", i)
		}
		b.mention(fmt.Sprintf("domain-name--%08x-0000-5000-8000-000000000000", i), s, note)
	}
	return b
}

// TestEncodeMentions checks the report's mentions, encoded in pieces side
// by side, against AppendJSON of their values: repeated quotes, escapes,
// invalid UTF-8, notes, every way of falling on the pieces' bounds, and
// one to many pieces in hand at once.
func TestEncodeMentions(t *testing.T) {
	for _, n := range []int{1, 2, mentionPiece - 1, mentionPiece, mentionPiece + 1, 2*mentionPiece + 500, mentionSlots*mentionPiece + 7} {
		for _, bad := range []bool{false, true} {
			b := mentionsBuilder(n, bad)
			want := (&stix.Value{Kind: stix.KindArray, Items: b.mentionValues()}).AppendJSON(nil)
			for _, slots := range []int{1, 2, mentionSlots} {
				var got []byte
				calls := 0
				if err := b.encodeMentions(slots).put(func(p []byte) error {
					got = append(got, p...)
					calls++
					return nil
				}); err != nil {
					t.Fatal(err)
				}
				if string(got) != string(want) {
					t.Errorf("%d mentions (invalid UTF-8 %v, %d slots): the encoding differs from AppendJSON's", n, bad, slots)
				}
				if pieces := (n + mentionPiece - 1) / mentionPiece; calls != pieces {
					t.Errorf("%d mentions: put %d times, want once per piece, %d", n, calls, pieces)
				}
			}
		}
	}
}

// TestEncodeMentionsStops: an error, put's or an invalid identifier's,
// stops the encoding and is returned, nothing is put after it, and no
// encoder is left running, nor after stop.
func TestEncodeMentionsStops(t *testing.T) {
	before := runtime.NumGoroutine()
	n := 3*mentionSlots*mentionPiece + 5
	b := mentionsBuilder(n, false)
	refused := errors.New("disk full")
	calls := 0
	err := b.encodeMentions(mentionSlots).put(func(p []byte) error {
		calls++
		if calls == 2 {
			return refused
		}
		return nil
	})
	if err != refused || calls != 2 {
		t.Errorf("put refusing its second piece: %v after %d calls, want %v after 2", err, calls, refused)
	}
	b.mentions[mentionPiece+3].id = "domain-name--not-an-id"
	calls = 0
	err = b.encodeMentions(mentionSlots).put(func(p []byte) error { calls++; return nil })
	if err == nil || !strings.Contains(err.Error(), `"domain-name--not-an-id", which is not a STIX identifier`) || calls != 1 {
		t.Errorf("an invalid identifier in the second piece: %v after %d calls, want it said after 1", err, calls)
	}
	// An empty identifier first in its piece, where none was checked yet.
	b.mentions[mentionPiece+3].id = "domain-name--00000000-0000-5000-8000-000000000000"
	b.mentions[2*mentionPiece].id = ""
	calls = 0
	err = b.encodeMentions(mentionSlots).put(func(p []byte) error { calls++; return nil })
	if err == nil || !strings.Contains(err.Error(), `mention of "", which is not a STIX identifier`) || calls != 2 {
		t.Errorf("an empty identifier first in the third piece: %v after %d calls, want it said after 2", err, calls)
	}
	s := b.encodeMentions(mentionSlots)
	s.stop()
	s.stop() // again, and after put: nothing to wait for
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines left running after stops and errors (%d before)", g-before, g)
	}
}

// TestBuildClaimObjects: the claims of the newer rules become valid STIX
// with the relationship types the spec defines for each pair (or
// related-to where it defines none), and targets that are classes of
// people become identities of class "class" with their sector.
func TestBuildClaimObjects(t *testing.T) {
	text := "Cotton Flood, an IRGC-affiliated operation, sought to compromise political campaigns and election officials. " +
		"Its infrastructure overlaps with Storm-2035. The intrusion was carried out by APT28, a hacking unit of the GRU. " +
		"APT28 exploited CVE-2024-21413 and contacted reporters on Telegram as @robert_leakdesk under the persona Robert."
	at := func(s string) Span {
		i := strings.Index(text, s)
		if i < 0 {
			t.Fatalf("%q not in text", s)
		}
		return Span{i, i + len(s)}
	}
	f := &Findings{Text: text, Format: "text", Title: "A test report", Sentences: Sentences(text),
		Observables: []Observable{
			{Kind: "cve", Value: "CVE-2024-21413", Spans: []Span{at("CVE-2024-21413")}},
			{Kind: "social", Value: "@robert_leakdesk", Spans: []Span{at("@robert_leakdesk")}, Platform: "telegram", Account: "robert_leakdesk"},
		},
	}
	var ents []Entity
	for _, n := range []string{"Cotton Flood", "Storm-2035", "APT28"} {
		for _, s := range spansOf(text, n) {
			f.Names = append(f.Names, Name{Kind: "actor", Span: s, Name: n, New: true})
			ents = append(ents, Entity{Kind: EntActor, Start: s.Start, End: s.End, Key: n, Name: n})
		}
	}
	for _, o := range FindOrgs(text, []Span{at("@robert_leakdesk"), at("CVE-2024-21413")}) {
		ents = append(ents, Entity{Kind: EntOrg, Start: o.Start, End: o.End, Key: string(o.Kind), Name: o.Name})
		f.Orgs = append(f.Orgs, o)
	}
	cve, acct := at("CVE-2024-21413"), at("@robert_leakdesk")
	ents = append(ents, Entity{Kind: EntVulnerability, Start: cve.Start, End: cve.End, Key: "CVE-2024-21413", Name: "CVE-2024-21413"},
		Entity{Kind: EntAccount, Start: acct.Start, End: acct.End, Key: "@robert_leakdesk", Name: "@robert_leakdesk"})
	sortEntities(ents)
	f.Claims = FindClaims(text, f.Sentences, ents)
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range bun.Objects {
		if probs := stix.Validate(o); len(probs) > 0 {
			t.Errorf("%s: %v", o.ID, probs)
		}
	}
	wantRelationships(t, slices.DeleteFunc(relationshipLines(bun), func(r string) bool { return strings.Contains(r, " located-at ") }),
		"intrusion-set Cotton Flood attributed-to threat-actor Government of Iran",
		"intrusion-set Cotton Flood targets identity political campaigns",
		"intrusion-set Cotton Flood targets identity election officials",
		"intrusion-set Cotton Flood related-to intrusion-set Storm-2035",
		"campaign The operation described in A test report attributed-to intrusion-set APT28",
		"intrusion-set APT28 attributed-to threat-actor Government of Russia",
		"intrusion-set APT28 targets vulnerability CVE-2024-21413",
		"intrusion-set APT28 related-to user-account robert_leakdesk",
		"intrusion-set APT28 related-to identity Robert")
	for _, o := range bun.Objects {
		if o.Type != "identity" || o.Name() != "election officials" && o.Name() != "political campaigns" {
			continue
		}
		if c, _ := o.Props.GetString("identity_class"); c != "class" {
			t.Errorf("%s: identity_class %q, want class", o.Name(), c)
		}
		sec := o.Props.Get("sectors")
		switch o.Name() {
		case "election officials":
			if sec == nil || len(sec.Items) != 1 || sec.Items[0].Str != "government" {
				t.Errorf("election officials: sectors %v, want government", sec)
			}
		case "political campaigns":
			if sec != nil {
				t.Errorf("political campaigns: sectors %v, want none (no sector of the vocabulary fits)", sec)
			}
		}
		if id := stix.DerivedID("identity", "organization:"+o.Name()); o.ID != id {
			t.Errorf("%s: id %s, want the one derived from its name, %s", o.Name(), o.ID, id)
		}
	}
}

// A denial is an opinion of whoever denies: the state that does, and for
// a denier the text does not name, nobody the bundle can say (no creator),
// never the publisher, who reports the denial and does not make it.
func TestBuildDenialCreators(t *testing.T) {
	text := "APT28 hacked the Electoral Council. Russia denied any involvement. The accusations were rejected as baseless."
	at := func(s string) Span {
		i := strings.Index(text, s)
		return Span{i, i + len(s)}
	}
	apt, ru := at("APT28"), at("Russia")
	f := &Findings{Text: text, Format: "text", Title: "A test report", Sentences: Sentences(text),
		Names: []Name{{Kind: "actor", Span: apt, Name: "APT28", New: true}, {Kind: "country", Span: ru, Key: "RU", Name: "Russia"}}}
	ents := []Entity{{Kind: EntActor, Start: apt.Start, End: apt.End, Key: "APT28", Name: "APT28"},
		{Kind: EntCountry, Start: ru.Start, End: ru.End, Key: "RU", Name: "Russia"}}
	f.Claims = FindClaims(text, f.Sentences, ents)
	var denials int
	for _, c := range f.Claims {
		if c.Kind == ClaimDenial {
			denials++
		}
	}
	if denials != 2 {
		t.Fatalf("%d denials found, want 2 (Russia's, and one by nobody named): %+v", denials, f.Claims)
	}
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	publisher := publisherID("Example Threat Center")
	var creators []string
	for _, o := range bun.Objects {
		if o.Type != "opinion" {
			continue
		}
		c, _ := o.Props.GetString("created_by_ref")
		if c == publisher {
			t.Errorf("opinion %s is the publisher's: %s", o.ID, o.Raw)
		}
		name := "(none)"
		for _, p := range bun.Objects {
			if p.ID == c {
				name = p.Name()
			}
		}
		creators = append(creators, name)
	}
	slices.Sort(creators)
	if want := []string{"(none)", "Government of Russia"}; !slices.Equal(creators, want) {
		t.Errorf("opinions created by %q, want %q", creators, want)
	}
}

// The report lists the dates its text names, with code-point offsets like
// its mentions, and what the reader said it cut.
func TestBuildDates(t *testing.T) {
	text := "Déclaration du ministère, 19 août 2024. Published on 19 August 2024; first seen in June 2024."
	sents := Sentences(text)
	f := &Findings{Text: text, Format: "text", Sentences: sents, Dates: FindDates(text, nil), Warnings: []string{"the text was cut at 16 MiB"}}
	bun, err := Build(f, BuildOptions{Now: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ext := bun.Report.Props.Get("extensions").Get(EvidenceExtensionID)
	dates := ext.Get("dates")
	if dates == nil || len(dates.Items) != 2 {
		t.Fatalf("dates %s, want two (a French month name is not read)", bun.Report.Raw)
	}
	runes := []rune(text)
	for i, want := range []struct{ value, written string }{{"2024-08-19", "19 August 2024"}, {"2024-06", "June 2024"}} {
		d := &dates.Items[i]
		v, _ := d.GetString("value")
		off, _ := d.Get("offset").Int()
		n, _ := d.Get("length").Int()
		if v != want.value || string(runes[off:off+n]) != want.written {
			t.Errorf("date %d: %s at %d+%d = %q, want %s %q", i, v, off, n, string(runes[off:off+n]), want.value, want.written)
		}
	}
	if q, _ := dates.Items[0].GetString("quote"); q != "Published on 19 August 2024; first seen in June 2024." {
		t.Errorf("quote %q", q)
	}
	// What the reader cut is kept with the text it cut.
	if w := ext.Get("warnings"); w == nil || len(w.Items) != 1 || w.Items[0].Str != "the text was cut at 16 MiB" {
		t.Errorf("warnings not kept on the report: %s", bun.Report.Raw)
	}
}

// TestBuildTextChanged checks that Build reads the report id and offsets
// off the findings' text as it is, not as it was when Find started on
// them.
func TestBuildTextChanged(t *testing.T) {
	f := &Findings{Text: "APT28 targeted the Biden campaign.", Format: "text", facts: startTextFacts("APT28 targeted the Trump campaign.", true)}
	bun, err := Build(f, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if bun.Report == nil || bun.Report.ID != ReportID(f.Text) {
		t.Errorf("report %v, want the id of the text as it is now, %s", bun.Report, ReportID(f.Text))
	}
}

// TestBuildLimits checks that a report over Build's limits keeps the
// first mentions of each object and the first evidence of each indicator,
// and says what it left out, in the bundle and in the report: a text of a
// million repeats of one link made a bundle of gigabytes.
func TestBuildLimits(t *testing.T) {
	const n = maxMentionsPerObject + 50
	text := strings.Repeat("APT28 used evil-cdn-update.com. ", n)
	f := &Findings{Text: text, Format: "text", Sentences: Sentences(text)}
	ob := Observable{Kind: "domain", Value: "evil-cdn-update.com"}
	for i := range n {
		at := i * len("APT28 used evil-cdn-update.com. ")
		f.Names = append(f.Names, Name{Kind: "actor", Span: Span{at, at + 5}, Name: "APT28", New: true})
		ob.Spans = append(ob.Spans, Span{at + 11, at + 30})
	}
	f.Observables = []Observable{ob}
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(bun.Warnings) != 2 || !strings.Contains(bun.Warnings[0], "100 mentions of 2 objects were left out") ||
		!strings.Contains(bun.Warnings[1], fmt.Sprintf("%d evidence items of 1 indicators and claims were left out", n-maxEvidence)) {
		t.Fatalf("warnings %q", bun.Warnings)
	}
	var report map[string]any
	if err := json.Unmarshal(bun.Report.Raw, &report); err != nil {
		t.Fatal(err)
	}
	ext := report["extensions"].(map[string]any)[EvidenceExtensionID].(map[string]any)
	mentions := ext["mentions"].([]any)
	if len(mentions) != 2*maxMentionsPerObject {
		t.Errorf("%d mentions, want %d", len(mentions), 2*maxMentionsPerObject)
	}
	for _, m := range mentions {
		if off := int(m.(map[string]any)["offset"].(float64)); off >= maxMentionsPerObject*len("APT28 used evil-cdn-update.com. ") {
			t.Fatalf("a mention at %d kept, past each object's first %d", off, maxMentionsPerObject)
		}
	}
	if w := ext["warnings"].([]any); len(w) != 2 {
		t.Errorf("report warnings %v", w)
	}
	for _, o := range bun.Objects {
		if o.Type != "indicator" {
			continue
		}
		var v map[string]any
		if err := json.Unmarshal(o.Raw, &v); err != nil {
			t.Fatal(err)
		}
		ev := v["extensions"].(map[string]any)[EvidenceExtensionID].(map[string]any)["evidence"].([]any)
		if len(ev) != maxEvidence {
			t.Errorf("indicator with %d evidence items, want %d", len(ev), maxEvidence)
		}
	}
}

// TestBuildObservableKinds: each kind of value makes its observable, and a
// value not marked benign makes an indicator whose pattern matches that
// observable, based on it. A CVE is a vulnerability, with no indicator; a
// wallet a custom observable, its indicator's pattern on that custom
// type (as OpenCTI makes it). A file name on the report's list
// of file names is looked for by name (an attachment's, a dropped file's),
// unless it is benign.
func TestBuildObservableKinds(t *testing.T) {
	tests := []struct {
		ob      Observable
		scoType string
		pattern string // "" for no indicator
	}{
		{Observable{Kind: "filename", Value: "apisecconnect.dll"}, "file", "[file:name = 'apisecconnect.dll']"},
		{Observable{Kind: "filename", Value: "Statement by the Spokesperson's office.rtf"}, "file", `[file:name = 'Statement by the Spokesperson\'s office.rtf']`},
		{Observable{Kind: "filename", Value: "svchost.exe", Benign: "a program every Windows installation ships"}, "file", ""},
		{Observable{Kind: "regkey", Value: `HKEY_CURRENT_USER\Software\Microsoft\Office test\Special\Perf`}, "windows-registry-key", `[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Office test\\Special\\Perf']`},
		{Observable{Kind: "sha1", Value: "d072d9f81390c14ffc5f3b7ae066ba3999f80fee"}, "file", "[file:hashes.'SHA-1' = 'd072d9f81390c14ffc5f3b7ae066ba3999f80fee']"},
		{Observable{Kind: "url", Value: "vote-ledger-login.com/r?u=https://www.google.com/x"}, "url", "[url:value = 'http://vote-ledger-login.com/r?u=https://www.google.com/x']"},
		{Observable{Kind: "email", Value: "press@election-update-news.com"}, "email-addr", "[email-addr:value = 'press@election-update-news.com']"},
		{Observable{Kind: "cve", Value: "CVE-2017-0262"}, "vulnerability", ""},
		{Observable{Kind: "btc", Value: "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"}, "cryptocurrency-wallet", "[cryptocurrency-wallet:value = '1BoatSLRHtKNngkdXEeobR76b53LETtpyT']"},
		{Observable{Kind: "eth", Value: "0x52908400098527886e0f7030069857d2e4169ee7"}, "cryptocurrency-wallet", "[cryptocurrency-wallet:value = '0x52908400098527886e0f7030069857d2e4169ee7']"},
	}
	for _, tt := range tests {
		text := "The actor used " + tt.ob.Value + "."
		ob := tt.ob
		ob.Spans = []Span{{len("The actor used "), len(text) - 1}}
		f := &Findings{Text: text, Format: "text", Sentences: Sentences(text), Observables: []Observable{ob}}
		bun, err := Build(f, BuildOptions{Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%s %s: %v", ob.Kind, ob.Value, err)
		}
		var sco, ind, rel *stix.Object
		for _, o := range bun.Objects {
			switch o.Type {
			case tt.scoType:
				sco = o
			case "indicator":
				ind = o
			case "relationship":
				rel = o
			}
		}
		if sco == nil {
			t.Errorf("%s %s: no %s", ob.Kind, ob.Value, tt.scoType)
			continue
		}
		if tt.pattern == "" {
			if ind != nil {
				t.Errorf("%s %s: an indicator %s, want none", ob.Kind, ob.Value, ind.Raw)
			}
			continue
		}
		if ind == nil {
			t.Errorf("%s %s: no indicator, want %s", ob.Kind, ob.Value, tt.pattern)
			continue
		}
		if p, _ := ind.Props.GetString("pattern"); p != tt.pattern {
			t.Errorf("%s %s: pattern %s, want %s", ob.Kind, ob.Value, p, tt.pattern)
		}
		if rel == nil || rel.Props.Get("source_ref").Str != ind.ID || rel.Props.Get("target_ref").Str != sco.ID {
			t.Errorf("%s %s: the indicator is not based on its observable", ob.Kind, ob.Value)
		}
	}
}

// TestOverMentionLimits: the mentions of one object are counted by its
// id's content, whether they share one string for it or each have their
// own, and one over maxMentionsPerObject passes the limit; with the first
// count's hashes (nearly always one object a count here) and with a
// single count, which sends every id on to the exact count.
func TestOverMentionLimits(t *testing.T) {
	defer func(n int) { mentionBuckets = n }(mentionBuckets)
	for _, buckets := range []int{mentionBuckets, 1} {
		mentionBuckets = buckets
		checkMentionLimits(t, buckets)
	}
}

func checkMentionLimits(t *testing.T, buckets int) {
	f := &Findings{Text: "APT28 did it.", Sentences: []Span{{0, 13}}}
	for _, c := range []struct {
		name   string
		n      int
		shared bool
		want   bool
	}{
		{"shared string, at the limit", maxMentionsPerObject, true, false},
		{"shared string, one over", maxMentionsPerObject + 1, true, true},
		{"a string each, at the limit", maxMentionsPerObject, false, false},
		{"a string each, one over", maxMentionsPerObject + 1, false, true},
	} {
		b := &bundleBuilder{f: f}
		id := "intrusion-set--0a8c4a0c-3e0e-5c3f-9a3e-2f2b6f7a8a01"
		for i := range c.n {
			m := mentionAt{id: id, span: Span{0, 5}}
			if !c.shared {
				m.id = strings.Clone(id)
			}
			b.mentions = append(b.mentions, m)
			if i%100 == 0 {
				b.mentions = append(b.mentions, mentionAt{id: "location--ru", span: Span{0, 5}}) // another object, under the limit
			}
		}
		if got := b.overMentionLimits(); got != c.want {
			t.Errorf("%s, %d counts: overMentionLimits() = %v, want %v", c.name, buckets, got, c.want)
		}
	}
}

// TestBuildFirmAttribution: an operation attributed to a firm is
// attributed to a threat actor named for it (STIX 2.1 attributes a
// campaign to a threat actor or an intrusion set, never to an identity),
// and that actor to the firm's identity, the one its mention makes,
// which is located at the state the text says the firm is of.
func TestBuildFirmAttribution(t *testing.T) {
	text := "We attributed the network to the Social Design Agency."
	i := strings.Index(text, "Social Design Agency")
	sda := Span{i, i + len("Social Design Agency")}
	f := &Findings{Text: text, Format: "text", Title: "A test report", Sentences: Sentences(text),
		Orgs: []Org{{Start: sda.Start, End: sda.End, Name: "Social Design Agency", Kind: OrgCompany, Firm: true, Country: "RU"}}}
	f.Claims = FindClaims(text, f.Sentences, []Entity{{Kind: EntOrg, Start: sda.Start, End: sda.End, Key: string(OrgCompany), Name: "Social Design Agency", Firm: true}})
	bun, err := Build(f, BuildOptions{Publisher: "Example Threat Center", Now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range bun.Objects {
		if probs := stix.Validate(o); len(probs) > 0 {
			t.Errorf("%s: %v", o.ID, probs)
		}
		if o.Type == "threat-actor" && o.Props.Get("threat_actor_types") != nil {
			t.Errorf("the firm's actor has threat_actor_types, a state's: %s", o.Raw)
		}
	}
	got := relationshipLines(bun)
	wantRelationships(t, got, "campaign The operation described in A test report attributed-to threat-actor Social Design Agency",
		"threat-actor Social Design Agency attributed-to identity Social Design Agency",
		"identity Social Design Agency located-at location Russia") // where the text says the firm is: the firm's seat, not a sponsor
	if len(got) != 3 {
		t.Errorf("%d relationships, want 3:\n%s", len(got), strings.Join(got, "\n"))
	}
	// The identity the actor is attributed to is the one the firm's
	// mention makes: one identity, not two.
	var identities int
	for _, o := range bun.Objects {
		if o.Type == "identity" && o.Name() == "Social Design Agency" {
			identities++
		}
	}
	if identities != 1 {
		t.Errorf("%d identities named Social Design Agency, want 1", identities)
	}
}

// TestBuildStateBodies: an attribution to a state body is to its state's
// government, however the text spaces the body's name (AnnoCTR's texts
// write "Islamic\u00a0Revolutionary Guard Corps"); one to an
// organisation no STIX object can stand for is not dropped unsaid: the
// bundle's warnings name it.
func TestBuildStateBodies(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       string // the relationship, or "" for none and a warning
	}{
		{"known body", "Islamic Revolutionary Guard Corps", "campaign The operation described in A test report attributed-to threat-actor Government of Iran"},
		{"known body, a no-break space", "Islamic\u00a0Revolutionary Guard Corps", "campaign The operation described in A test report attributed-to threat-actor Government of Iran"},
		{"a state in the name", "Ministry of State Security (China)", "campaign The operation described in A test report attributed-to threat-actor Government of China"},
		{"no state", "Mabna Institute", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := "We attributed the network to the " + tc.body + "."
			i := strings.Index(text, tc.body)
			body := Entity{Kind: EntOrg, Start: i, End: i + len(tc.body), Key: string(OrgGovernment), Name: tc.body}
			f := &Findings{Text: text, Format: "text", Title: "A test report", Sentences: Sentences(text),
				Claims: []Claim{{Kind: ClaimAttribution, Object: &body, Sentence: Span{0, len(text)}, Trigger: Span{3, 13}, Confidence: 85}}}
			bun, err := Build(f, BuildOptions{Now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			got := relationshipLines(bun)
			warned := slices.ContainsFunc(bun.Warnings, func(w string) bool {
				return strings.Contains(w, "1 claims have no STIX object") && strings.Contains(w, tc.body)
			})
			if tc.want == "" {
				if len(got) != 0 || !warned {
					t.Errorf("relationships %q, warnings %q: want none, and a warning naming %s", got, bun.Warnings, tc.body)
				}
				return
			}
			wantRelationships(t, got, tc.want)
			if warned {
				t.Errorf("warned of a claim made: %q", bun.Warnings)
			}
		})
	}
}

// TestBuildWalletIndicates: a claim that a wallet is an actor's indicator
// is in the bundle, from the wallet's indicator (it was dropped, with a
// warning, while wallets had none).
func TestBuildWalletIndicates(t *testing.T) {
	for _, w := range []struct{ kind, value string }{
		{"btc", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
		{"eth", "0x52908400098527886e0f7030069857d2e4169ee7"},
	} {
		text := "APT28 was paid to " + w.value + "."
		i := strings.Index(text, w.value)
		actor := Entity{Kind: EntActor, Start: 0, End: 5, Key: "intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c", Name: "APT28"}
		wallet := Entity{Kind: EntIndicator, Start: i, End: i + len(w.value), Key: w.kind + "|" + w.value, Name: w.value}
		f := &Findings{Text: text, Format: "text", Title: "A test report", Sentences: Sentences(text),
			Observables: []Observable{{Kind: w.kind, Value: w.value, Spans: []Span{{i, i + len(w.value)}}}},
			Names:       []Name{{Kind: "actor", Span: Span{0, 5}, ID: actor.Key, Name: "APT28", STIXType: "intrusion-set"}},
			Claims:      []Claim{{Kind: ClaimIndicates, Subject: &actor, Object: &wallet, Sentence: Span{0, len(text)}, Trigger: Span{i, i + len(w.value)}, Confidence: 85}}}
		bun, err := Build(f, BuildOptions{Now: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		wantRelationships(t, relationshipLines(bun), "indicator "+w.value+" indicates intrusion-set--bef4c620-0787-42a8-a96d-b7eb6e85917c")
		if len(bun.Warnings) > 0 {
			t.Errorf("%s: warnings %q", w.kind, bun.Warnings)
		}
	}
}
