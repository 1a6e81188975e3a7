package extract_test

import (
	"slices"
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
