package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
)

// TestTitledIndicators: a report titled as one actor's indicators ("OilRig
// Indicators of Compromise", "POLONIUM IoCs", "IoCs for APT33: ...") says
// every suspicious value it lists indicates that actor, the title its
// evidence; a title that names two actors, only speaks of indicators, or
// is no line of the text (a CSV file's name) says nothing of the kind,
// and a value a row ties to another actor keeps that claim alone.
func TestTitledIndicators(t *testing.T) {
	x := newExtractor(t)
	list := "\n\n* boeing.servehttp[.]com\n* 185.244.129[.]79\n* 98a0e8f3c0d1b2a4e5f6a7b8c9d0e1f2a3b4c5d6\n* www.google.com\n"
	for _, tc := range []struct {
		name, file, text, title string
		want                    []string
	}{
		{"markdown title", "a.md", "# APT33 Indicators of Compromise" + list, "", []string{
			"APT33 <- boeing.servehttp.com", "APT33 <- 185.244.129.79", "APT33 <- 98a0e8f3c0d1b2a4e5f6a7b8c9d0e1f2a3b4c5d6",
		}},
		{"asciidoc title, IoCs", "a.adoc", "= POLONIUM IoCs" + list, "", []string{
			"POLONIUM <- boeing.servehttp.com", "POLONIUM <- 185.244.129.79", "POLONIUM <- 98a0e8f3c0d1b2a4e5f6a7b8c9d0e1f2a3b4c5d6",
		}},
		{"IoCs for the actor", "a.md", "# IoCs for APT33: spring 2024" + list, "", []string{
			"APT33 <- boeing.servehttp.com", "APT33 <- 185.244.129.79", "APT33 <- 98a0e8f3c0d1b2a4e5f6a7b8c9d0e1f2a3b4c5d6",
		}},
		{"IoCs, a colon, the actor", "a.md", "# IoCs: APT33 in 2024" + list, "", []string{
			"APT33 <- boeing.servehttp.com", "APT33 <- 185.244.129.79", "APT33 <- 98a0e8f3c0d1b2a4e5f6a7b8c9d0e1f2a3b4c5d6",
		}},
		{"a headline", "a.md", "# New Indicators Show APT33 Targeting Airlines" + list, "", nil},
		{"two actors", "a.md", "# APT33 and APT34 Indicators of Compromise" + list, "", nil},
		{"no actor", "a.md", "# Indicators of Compromise" + list, "", nil},
		{"a title the text does not hold", "APT33_iocs.csv", "Notes: APT33 report\nType,Indicator\nDomain,boeing.servehttp[.]com\nIP,185.244.129[.]79\n", "APT33 Indicators", nil},
		{"a row's own actor", "a.md", "# APT33 Indicators of Compromise\n\n| Value | Note |\n|---|---|\n| boeing.servehttp[.]com | APT34 C2 server |\n| 185.244.129[.]79 | C2 |\n", "", []string{
			"APT34 <- boeing.servehttp.com", "APT33 <- 185.244.129.79",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := document.Read(strings.NewReader(tc.text), tc.file, document.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.title != "" {
				doc.Title = tc.title
			}
			f := x.Find(doc)
			var got []string
			for _, c := range f.Claims {
				if c.Kind != extract.ClaimIndicates {
					continue
				}
				got = append(got, c.Subject.Name+" <- "+c.Object.Name)
				if title := strings.TrimSpace(doc.Title); strings.HasPrefix(c.Subject.Name, "APT33") && c.Sentence.End <= len(title)+2 && f.Text[c.Sentence.Start:c.Sentence.End] != title {
					t.Errorf("claim on %s: sentence %q, want the title %q", c.Object.Name, f.Text[c.Sentence.Start:c.Sentence.End], title)
				}
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tc.want))
			if !slices.Equal(got, want) {
				t.Errorf("claims %q, want %q\ntext:\n%s", got, want, f.Text)
			}
		})
	}
}
