package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
)

// TestFindIndicates runs the whole extraction: which values a text ties
// to an actor. A benign value, or one named with no actor, is tied to
// nothing.
func TestFindIndicates(t *testing.T) {
	x := newExtractor(t)
	text := "APT42 ran the Telegram channel t[.]me/ballot_leaks and the site vote-ledger-secure[.]com. " +
		"Researchers also saw evil-news-desk[.]com. " +
		"APT42 tested the login page from 192.0.2.1.\n" +
		"sen-comms[.]com,hostname,UTA0304 domain\n"
	f := x.Find(&document.Document{Text: text, Format: document.FormatText})
	var got []string
	for _, c := range f.Claims {
		if c.Kind == extract.ClaimIndicates {
			got = append(got, c.Subject.Name+" <- "+c.Object.Name)
		}
	}
	want := []string{"APT42 <- t.me/ballot_leaks", "APT42 <- vote-ledger-secure.com", "UTA0304 <- sen-comms.com"}
	if !slices.Equal(got, want) {
		t.Errorf("indicates claims\n got %q\nwant %q", got, want)
	}
}

// TestDefangedPopularHost: a link on a popular host is benign as a live
// link, and an indicator tagged top-site when the report defangs it
// (PolyglotDuke's dead drops on imgur); the host alone stays benign.
func TestDefangedPopularHost(t *testing.T) {
	x := newExtractor(t)
	text := "PolyglotDuke fetched its C&C address from hxxp://imgur[.]com/1RzfF7r and http://ibb.co/hVhaAq.\n" +
		"Both are hosted on imgur[.]com and ibb.co.\n"
	f := x.Find(&document.Document{Text: text, Format: document.FormatText})
	got := map[string]string{}
	for _, ob := range f.Observables {
		got[ob.Kind+" "+ob.Value] = ob.Benign + "|" + strings.Join(ob.Tags, ",")
	}
	if v := got["url http://imgur.com/1RzfF7r"]; v != "|top-site" {
		t.Errorf("defanged imgur link: %q, want an indicator tagged top-site", v)
	}
	for _, k := range []string{"url http://ibb.co/hVhaAq", "domain imgur.com", "domain ibb.co"} {
		if v, ok := got[k]; !ok || strings.HasPrefix(v, "|") {
			t.Errorf("%s: %q, want benign", k, v)
		}
	}
}

// TestOperationNamedBeforeCampaign runs the whole extraction: "the X
// campaign, a Russian influence operation" names an operation, X, which
// the claims are about; it is no candidate's campaign. A campaign the
// apposition only says an operation is after stays a campaign.
func TestOperationNamedBeforeCampaign(t *testing.T) {
	x := newExtractor(t)
	text := "Meta removed accounts of the Doppelganger campaign, a Russian influence operation that targeted Germany. " +
		"Iran hit the Trump campaign, a target of an influence operation, and the Vance campaign, the object of a disinformation campaign."
	f := x.Find(&document.Document{Text: text, Format: document.FormatText})
	var orgs, claims []string
	for _, o := range f.Orgs {
		orgs = append(orgs, o.Name+"="+string(o.Kind))
	}
	for _, c := range f.Claims {
		if c.Subject != nil && c.Object != nil {
			claims = append(claims, string(c.Kind)+": "+c.Subject.Name+" -> "+c.Object.Name)
		}
	}
	if want := []string{"Meta=company", "Trump campaign=campaign", "Vance campaign=campaign"}; !slices.Equal(orgs, want) {
		t.Errorf("organisations\n got %q\nwant %q", orgs, want)
	}
	for _, want := range []string{"attribution: Doppelganger -> Russia", "targeting: Doppelganger -> Germany"} {
		if !slices.Contains(claims, want) {
			t.Errorf("no claim %q in %q", want, claims)
		}
	}
}

// TestFindFirmClaims runs the whole extraction over firms: a name the
// text says is a firm's, named bare later, is what the operation is
// attributed to and who denies; a company known only by its name's last
// word is neither.
func TestFindFirmClaims(t *testing.T) {
	x := newExtractor(t)
	text := "Meta removed a network for coordinated inauthentic behavior that spread disinformation. " +
		"We found links between this network and STOIC, a political marketing firm in Tel Aviv, Israel. " +
		"STOIC denied any involvement. The second network was run by Kreativ Media, a marketing firm in Lagos. " +
		"Its backdoor was linked to Acme Holdings Inc."
	f := x.Find(&document.Document{Text: text, Format: document.FormatText})
	var claims []string
	for _, c := range f.Claims {
		s := string(c.Kind) + ": "
		if c.Object != nil {
			s += c.Object.Name
		}
		if c.Claimant != nil {
			s += " by " + c.Claimant.Name
		}
		claims = append(claims, s)
	}
	want := []string{"attribution: STOIC", "denial: STOIC by STOIC", "attribution: Kreativ Media"}
	if !slices.Equal(claims, want) {
		t.Errorf("claims\n got %q\nwant %q", claims, want)
	}
	for _, n := range f.Names {
		if n.Kind == "actor" {
			t.Errorf("actor %q: the text says it is a firm", n.Name)
		}
	}
}
