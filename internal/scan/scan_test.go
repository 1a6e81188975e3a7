package scan

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/scan/index"
)

func scanFile(t *testing.T, ix *index.Index, path string, spray SprayOptions) []*Alert {
	t.Helper()
	var alerts []*Alert
	sc := New(ix, nil, spray, func(a *Alert) error { alerts = append(alerts, a); return nil })
	in, err := events.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := sc.ScanInput(context.Background(), in, events.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := sc.Finish(context.Background()); err != nil {
		t.Fatal(err)
	}
	return alerts
}

func emptyIndex() *index.Index { return index.NewBuilder().Build(index.Info{}) }

func TestSprayFromOneSource(t *testing.T) {
	alerts := scanFile(t, emptyIndex(), "events/testdata/okta-spray.json", SprayOptions{})
	if len(alerts) != 1 {
		t.Fatalf("%d alerts, want 1: %+v", len(alerts), alerts)
	}
	a := alerts[0]
	for _, want := range []string{"from 198.51.100.66", "20 failed sign-ins against 16 accounts", "lena@party.example"} {
		if !strings.Contains(a.Reason, want) {
			t.Errorf("reason %q lacks %q", a.Reason, want)
		}
	}
	if a.Kind != KindSpray || a.Value != "198.51.100.66" || a.Line.N != 1 {
		t.Errorf("alert %+v", a)
	}
	// sam's three mistakes from 192.0.2.10 are no spraying, and a
	// higher bar finds none at all.
	if alerts := scanFile(t, emptyIndex(), "events/testdata/okta-spray.json", SprayOptions{MinAccounts: 17}); len(alerts) != 0 {
		t.Errorf("MinAccounts 17: %+v", alerts)
	}
}

func TestSprayRotating(t *testing.T) {
	alerts := scanFile(t, emptyIndex(), "events/testdata/entra-rotating.json", SprayOptions{})
	if len(alerts) != 1 {
		t.Fatalf("%d alerts, want 1: %+v", len(alerts), alerts)
	}
	if r := alerts[0].Reason; !strings.Contains(r, "rotating set of 6 addresses") || !strings.Contains(r, "against 14 accounts") {
		t.Errorf("reason %q", r)
	}
	// The same failures spread over more than the window are no spray.
	if alerts := scanFile(t, emptyIndex(), "events/testdata/entra-rotating.json", SprayOptions{Window: 1e9}); len(alerts) != 0 {
		t.Errorf("1s window: %+v", alerts)
	}
}

func TestOneAlertPerEventAndReason(t *testing.T) {
	b := index.NewBuilder()
	terms, _ := index.Simple("[domain-name:value = 'vote-ledger-secure-login.com']")
	b.AddRule("indicator--11111111-1111-4111-8111-111111111111", terms)
	terms, _ = index.Simple("[ipv4-addr:value = '198.51.100.0/24'] OR [domain-name:value = 'login.vote-ledger-secure-login.com']")
	b.AddRule("indicator--22222222-2222-4222-8222-222222222222", terms)
	ix := b.Build(index.Info{})
	alerts := scanFile(t, ix, "events/testdata/zeek-dns.log", SprayOptions{})
	var got []string
	for _, a := range alerts {
		got = append(got, a.Line.String()+" "+a.Field+" "+a.Value+" "+a.Indicator.ID[11:13]+" "+a.How)
	}
	want := []string{
		"2 query login.vote-ledger-secure-login.com 11 parent",
		"2 query login.vote-ledger-secure-login.com 22 exact",
		"2 answers cdn.vote-ledger-secure-login.com 11 parent",
		"2 answers 198.51.100.23 22 cidr",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSightingBundle(t *testing.T) {
	data := SightingBundle(map[string]*Sighting{"indicator--11111111-1111-4111-8111-111111111111": {Count: 3}}, "Campaign IT", []string{"dns.log"}, testNow)
	s := string(data)
	for _, want := range []string{`"type":"sighting"`, `"count":3`, `"where_sighted_refs":["` + SightedByID("Campaign IT") + `"]`, `"sighting_of_ref":"indicator--11111111`} {
		if !strings.Contains(s, want) {
			t.Errorf("bundle lacks %s", want)
		}
	}
}

var testNow = time.Date(2024, 11, 1, 3, 0, 0, 0, time.UTC)

// TestPatternEngine: indicators whose patterns the index cannot hold are
// matched through the Patterning engine.
func TestPatternEngine(t *testing.T) {
	ix := index.NewBuilder().Build(index.Info{Patterns: []index.ComplexPattern{
		{ID: "indicator--33333333-3333-4333-8333-333333333333", Pattern: "[domain-name:value LIKE '%.vote-ledger-secure-login.com']"},
		{ID: "indicator--44444444-4444-4444-8444-444444444444", Pattern: "[ipv4-addr:value ISSUBSET '93.184.0.0/16' AND ipv4-addr:value != '93.184.215.15']"},
		{ID: "indicator--55555555-5555-4555-8555-555555555555", Pattern: "[file:hashes.MD5 = 'not hex']"},
	}})
	var alerts []*Alert
	sc := New(ix, nil, SprayOptions{}, func(a *Alert) error { alerts = append(alerts, a); return nil })
	if sc.Patterns() != 2 || len(sc.PatternWarnings) != 1 || !strings.Contains(sc.PatternWarnings[0], "indicator--5555") {
		t.Errorf("%d patterns, warnings %v", sc.Patterns(), sc.PatternWarnings)
	}
	in, err := events.Open("events/testdata/zeek-dns.log", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := sc.ScanInput(context.Background(), in, events.Options{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range alerts {
		got = append(got, a.Line.String()+" "+a.Value+" "+a.Indicator.ID[11:13]+" "+a.How)
	}
	want := []string{"1 93.184.215.14 44 pattern", "2 login.vote-ledger-secure-login.com 33 pattern", "2 cdn.vote-ledger-secure-login.com 33 pattern"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %v, want %v", got, want)
	}
}
