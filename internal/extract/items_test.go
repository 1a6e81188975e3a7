package extract_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/stix"
)

// TestIssueItems runs a written report through Find and Build and checks,
// on the bundle, what the issue asks that no narrower test holds: a CVE
// becomes a vulnerability named by its id with a "cve" external
// reference; Bitcoin and Ethereum addresses become
// cryptocurrency-wallet SCOs under a new-sco extension definition the
// bundle carries; a link to the publisher's own site stays a plain
// observable with the reason; a URL shortener and a cloud host tag
// their indicators; hedging words set a claim's confidence; a state a
// claim attributes to is a nation-state threat actor located at the
// country; a denial is an opinion on the claim it denies; and claim
// evidence points at the report.
func TestIssueItems(t *testing.T) {
	text := "Northwind Security Research: Operation Lantern\n\n" +
		"The actors exploited CVE-2024-21413 in Outlook. " +
		"Donations went to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq and 0x52908400098527886E0F7030069857D2E4169EE7. " +
		"Lures linked to hxxps://bit[.]ly/3xYzAbC and to hxxps://lantern-drop.s3.amazonaws[.]com/payload.zip. " +
		"Our earlier analysis is at https://research.northwind.example/2024/lantern.\n\n" +
		"We assess that the operation was likely conducted on behalf of Iran. " +
		"The campaign may have been allegedly linked to Russia by some researchers. " +
		"A spokesperson for the Iranian mission said Iran categorically denies the allegations.\n"
	doc := &document.Document{Text: text, Format: document.FormatText, URL: "https://research.northwind.example/blog/lantern"}
	f := newExtractor(t).Find(doc)
	bun, err := extract.Build(f, extract.BuildOptions{Publisher: "Northwind Security Research", Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*stix.Object{}
	var all []*stix.Object
	for _, o := range bun.Objects {
		byID[o.ID] = o
		all = append(all, o)
		if p := stix.Validate(o); len(p) > 0 {
			t.Errorf("%s: %v", o.ID, p)
		}
	}
	find := func(typ string, ok func(*stix.Object) bool) *stix.Object {
		for _, o := range all {
			if o.Type == typ && ok(o) {
				return o
			}
		}
		return nil
	}
	str := func(o *stix.Object, k string) string { s, _ := o.Props.GetString(k); return s }

	// A CVE: a vulnerability named by its id, with a "cve" reference.
	if v := find("vulnerability", func(o *stix.Object) bool { return o.Name() == "CVE-2024-21413" }); v == nil {
		t.Error("no vulnerability CVE-2024-21413")
	} else if !strings.Contains(string(v.Raw), `"source_name":"cve","external_id":"CVE-2024-21413"`) {
		t.Errorf("the vulnerability has no cve external reference: %s", v.Raw)
	}

	// Wallets: cryptocurrency-wallet SCOs, their extension definition in
	// the bundle, new-sco.
	for _, addr := range []string{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "0x52908400098527886e0f7030069857d2e4169ee7"} {
		w := find("cryptocurrency-wallet", func(o *stix.Object) bool { return strings.EqualFold(str(o, "value"), addr) })
		if w == nil {
			t.Errorf("no cryptocurrency-wallet for %s", addr)
			continue
		}
		def := byID[extract.WalletExtensionID]
		if def == nil || !strings.Contains(string(def.Raw), `"extension_types":["new-sco"]`) || !strings.Contains(string(w.Raw), extract.WalletExtensionID) {
			t.Errorf("the wallet %s does not use a new-sco extension definition the bundle carries", addr)
		}
	}

	// Indicators and the plain observables kept with a reason.
	indicator := func(value string) *stix.Object {
		return find("indicator", func(o *stix.Object) bool { return strings.Contains(str(o, "pattern"), "'"+value+"'") })
	}
	labels := func(o *stix.Object) string {
		if o == nil {
			return "(no indicator)"
		}
		var ls []string
		if l := o.Props.Get("labels"); l != nil {
			for _, it := range l.Items {
				ls = append(ls, it.Str)
			}
		}
		return strings.Join(ls, ",")
	}
	if l := labels(indicator("https://bit.ly/3xYzAbC")); !strings.Contains(l, "url-shortener") {
		t.Errorf("the shortened link's indicator has labels %q, want url-shortener", l)
	}
	if l := labels(indicator("https://lantern-drop.s3.amazonaws.com/payload.zip")); !strings.Contains(l, "lots") {
		t.Errorf("the cloud-hosted payload's indicator has labels %q, want lots (living off trusted sites)", l)
	}
	own := "https://research.northwind.example/2024/lantern"
	if indicator(own) != nil {
		t.Errorf("the publisher's own link %s became an indicator", own)
	}
	report := bun.Report
	if !strings.Contains(string(report.Raw), own) || !strings.Contains(string(report.Raw), `"note":"benign: `) {
		t.Errorf("the publisher's own link is not a mention with the reason it is benign")
	}

	// Claims: hedged confidence, nation-state located at the country,
	// denial as an opinion on what it denies, evidence on the report.
	var confs []int
	for _, c := range f.Claims {
		if c.Kind == extract.ClaimAttribution {
			confs = append(confs, c.Confidence)
		}
	}
	if len(confs) < 2 || !(confs[0] > confs[1]) || confs[1] > 40 {
		t.Errorf("attribution confidences %v: want 'likely' above 'may ... allegedly', the latter at most 40", confs)
	}
	gov := find("threat-actor", func(o *stix.Object) bool { return o.Name() == "Government of Iran" })
	if gov == nil || !strings.Contains(string(gov.Raw), `"threat_actor_types":["nation-state"]`) {
		t.Fatalf("no nation-state threat actor Government of Iran: %v", gov)
	}
	if find("relationship", func(o *stix.Object) bool {
		return str(o, "relationship_type") == "located-at" && str(o, "source_ref") == gov.ID && strings.HasPrefix(str(o, "target_ref"), "location--")
	}) == nil {
		t.Error("Government of Iran is not located-at a location")
	}
	att := find("relationship", func(o *stix.Object) bool {
		return str(o, "relationship_type") == "attributed-to" && str(o, "target_ref") == gov.ID
	})
	if att == nil {
		t.Fatal("nothing attributed-to Government of Iran")
	}
	if !strings.Contains(string(att.Raw), `"report_ref":"`+report.ID+`"`) {
		t.Errorf("the attribution's evidence does not point at the report: %s", att.Raw)
	}
	op := find("opinion", func(o *stix.Object) bool { return true })
	if op == nil {
		t.Fatal("the denial made no opinion")
	}
	if refs := op.Props.Get("object_refs"); refs == nil || len(refs.Items) == 0 || byID[refs.Items[0].Str] == nil {
		t.Errorf("the opinion refers to nothing in the bundle: %s", op.Raw)
	} else if o := byID[refs.Items[0].Str]; o.Type != "relationship" || str(o, "relationship_type") != "attributed-to" {
		t.Errorf("the opinion is on %s, want the attribution it denies", o.ID)
	}
	if str(op, "opinion") != "strongly-disagree" {
		t.Errorf("opinion %q, want strongly-disagree for 'categorically denies'", str(op, "opinion"))
	}
}

// TestSectorTargets checks a report's sectors of targets end to end: the
// claims target each sector of a list, before the word for sectors or
// after it ("sectors such as ..."), as identities of class with the STIX
// industry sector.
func TestSectorTargets(t *testing.T) {
	text := "APT28 targeted the finance and retail sectors in 2024.\n" +
		"APT28 usually targets organizations from sectors such as defense, energy and IT.\n"
	f := newExtractor(t).Find(&document.Document{Text: text, Format: document.FormatText})
	bun, err := extract.Build(f, extract.BuildOptions{Now: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*stix.Object{}
	for _, o := range bun.Objects {
		byID[o.ID] = o
	}
	var got []string
	for _, o := range bun.Objects {
		if rt, _ := o.Props.GetString("relationship_type"); o.Type == "relationship" && rt == "targets" {
			ref, _ := o.Props.GetString("target_ref")
			id := byID[ref]
			if id == nil {
				t.Fatalf("targets %s, which the bundle does not hold", ref)
			}
			class, _ := id.Props.GetString("identity_class")
			got = append(got, id.Name()+" "+class+" "+id.Props.Get("sectors").Items[0].Str)
		}
	}
	slices.Sort(got)
	want := []string{"defense sector class defense", "energy sector class energy", "finance sector class financial-services", "retail sector class retail"}
	if !slices.Equal(got, want) {
		t.Errorf("targets %q, want %q", got, want)
	}
}

// TestOrgsOfCountries checks, end to end, the organisations whose names
// hold a country after "of": the organisation is kept and is what the
// claim there is about, the country still a name of the report; a
// state's adjective in front of a body's name stays the country the
// claims need.
func TestOrgsOfCountries(t *testing.T) {
	text := "APT28 targeted the Security Service of Ukraine and the Heart of Moldova political party.\n" +
		"Sandworm is attributed to the Russian Federal Security Service.\n"
	f := newExtractor(t).Find(&document.Document{Text: text, Format: document.FormatText})
	var orgs, countries, claims []string
	for _, o := range f.Orgs {
		orgs = append(orgs, o.Name+"="+string(o.Kind))
	}
	for _, n := range f.Names {
		if n.Kind == "country" {
			countries = append(countries, n.Name)
		}
	}
	for _, c := range f.Claims {
		claims = append(claims, string(c.Kind)+" "+c.Subject.Name+" -> "+c.Object.Name)
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{
		{"organisations", orgs, []string{"Security Service of Ukraine=government", "Heart of Moldova party=campaign"}},
		{"countries", countries, []string{"Ukraine", "Moldova", "Russia"}},
		{"claims", claims, []string{
			"targeting APT28 -> Security Service of Ukraine",
			"targeting APT28 -> Heart of Moldova party",
			"attribution Sandworm -> Russia",
		}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s %q, want %q", c.what, c.got, c.want)
		}
	}
}
