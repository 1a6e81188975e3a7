package mail

import (
	"slices"
	"testing"

	"github.com/dossier-cti/dossier/internal/lookalike"
)

func TestObservables(t *testing.T) {
	m := readOne(t, "testdata/spearphish.eml")
	obs := m.Observables()
	for _, want := range []Observable{
		{"email-addr", "Reply-To", "c2024.it.helpdesk@gmail.com"},
		{"domain-name", "Return-Path domain", "mail-campaign2024.top"},
		{"ipv4-addr", "Received[1]", "198.51.100.23"},
		{"ipv6-addr", "Received[2]", "2001:db8:4f1::17"},
		{"domain-name", "Message-ID domain", "smtp.mail-campaign2024.top"},
		{"url", "href in part 1.2", "https://xn--cmpaign2024-yij.com/sso/verify?u=j.miller"},
		{"domain-name", "href in part 1.2 host", "xn--cmpaign2024-yij.com"},
		{"file", "attachment Briefing_Notes_Thursday.pdf", "1122ac2930dd93a41f602b1e293991b28e8edef80ef347ce14845de97b84db14"},
	} {
		if !slices.Contains(obs, want) {
			t.Errorf("Observables() lacks %+v", want)
		}
	}
	seen := map[Observable]bool{}
	for _, o := range obs {
		if seen[o] {
			t.Errorf("%+v listed twice", o)
		}
		seen[o] = true
	}
}

// TestSpearphishLookalikes runs the spearphish's domains through the
// look-alike matcher, as the scanner will: the three imitations of the
// campaign's domain are found, and its own domain is not.
func TestSpearphishLookalikes(t *testing.T) {
	lm, err := lookalike.New([]string{"campaign2024.com"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, o := range readOne(t, "testdata/spearphish.eml").Observables() {
		if o.Kind != "domain-name" {
			continue
		}
		if mt, ok := lm.Match(o.Value); ok {
			got[o.Value] = mt.Trick.String()
		}
	}
	want := map[string]string{
		"xn--cmpaign2024-yij.com":    "homoglyph",
		"mail-campaign2024.top":      "added-word",
		"smtp.mail-campaign2024.top": "added-word",
		"docs-campaign2024.net":      "added-word",
	}
	if len(got) != len(want) {
		t.Errorf("look-alikes = %v, want %v", got, want)
	}
	for d, tr := range want {
		if got[d] != tr {
			t.Errorf("look-alike %s: got %q, want %q", d, got[d], tr)
		}
	}
}
