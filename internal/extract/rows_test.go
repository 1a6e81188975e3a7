package extract_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

// indexTable is an index of operations as Meta's threat-research README
// writes one: a row each, each linking the operation's own report by its
// title, then where it comes from and whom it targets.
const indexTable = "# Published indicators\n\n" +
	"| Date | Report | Origin | Targets |\n|---|---|---|---|\n" +
	"| H1 2026 | [China-Based Influence Operation Network Targeting Taiwan](https://github.com/example-research/threat-research/blob/main/ops/china-taiwan.md) | China | Taiwan |\n" +
	"| H1 2026 | [Iran-Based Influence Operation Network Targeting Azerbaijan](https://github.com/example-research/threat-research/blob/main/ops/iran-azerbaijan.md) | Iran | Azerbaijan |\n" +
	"| H2 2025 | [Moldova-Based Influence Operation Network Targeting Moldova](https://github.com/example-research/threat-research/blob/main/ops/moldova.md) | Moldova | Moldova |\n"

// subjects returns "subject: kind object" for each claim, "(operation)"
// standing for the operation the report describes.
func subjects(cs []extract.Claim) []string {
	var out []string
	for _, c := range cs {
		s := "(operation)"
		if c.Subject != nil {
			s = c.Subject.Name
			if c.Subject.Kind == extract.EntCampaign {
				s += " <" + c.Subject.Key + ">"
			}
		}
		out = append(out, s+": "+string(c.Kind)+" "+c.Object.Name)
	}
	return out
}

// TestRowOperations: the claims a row of an index table makes about no
// named subject are about the operation the row names by its linked
// title, not about one operation of the whole report (which would come
// from China, Iran and Moldova at once). A table with one such row is no
// index, a link that is no title (prose, two words) names no operation,
// nor do titles linked from prose, a
// row linking two titles does not say which, and prose outside the
// table keeps the report's operation.
func TestRowOperations(t *testing.T) {
	// indexClaims are those of indexTable's three rows, each its own operation's.
	indexClaims := []string{
		"China-Based Influence Operation Network Targeting Taiwan <https://github.com/example-research/threat-research/blob/main/ops/china-taiwan.md>: attribution China",
		"China-Based Influence Operation Network Targeting Taiwan <https://github.com/example-research/threat-research/blob/main/ops/china-taiwan.md>: targeting Taiwan",
		"Iran-Based Influence Operation Network Targeting Azerbaijan <https://github.com/example-research/threat-research/blob/main/ops/iran-azerbaijan.md>: attribution Iran",
		"Iran-Based Influence Operation Network Targeting Azerbaijan <https://github.com/example-research/threat-research/blob/main/ops/iran-azerbaijan.md>: targeting Azerbaijan",
		"Moldova-Based Influence Operation Network Targeting Moldova <https://github.com/example-research/threat-research/blob/main/ops/moldova.md>: attribution Moldova",
		"Moldova-Based Influence Operation Network Targeting Moldova <https://github.com/example-research/threat-research/blob/main/ops/moldova.md>: targeting Moldova",
	}
	x := newExtractor(t)
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"index", indexTable + "\nA China-based network also targeted Japan.\n", append(slices.Clone(indexClaims),
			"(operation): attribution China",
			"(operation): targeting Japan",
		)},
		{"html index", "<html><body><article><h1>Published Threat Indicators</h1><p>The networks we took down, by date.</p><table>" +
			"<tr><th>Date</th><th>Report</th><th>Origin</th><th>Targets</th></tr>" +
			"<tr><td>H1 2026</td><td><a href=\"https://about.example-social.net/reports/china-taiwan\">China-Based Influence Operation Network Targeting Taiwan</a></td><td>China</td><td>Taiwan</td></tr>" +
			"<tr><td>H1 2026</td><td><a href=\"https://about.example-social.net/reports/iran-az\">Iran-Based Influence Operation Network Targeting Azerbaijan</a></td><td>Iran</td><td>Azerbaijan</td></tr>" +
			"</table></article></body></html>", []string{
			"China-Based Influence Operation Network Targeting Taiwan <https://about.example-social.net/reports/china-taiwan>: attribution China",
			"China-Based Influence Operation Network Targeting Taiwan <https://about.example-social.net/reports/china-taiwan>: targeting Taiwan",
			"Iran-Based Influence Operation Network Targeting Azerbaijan <https://about.example-social.net/reports/iran-az>: attribution Iran",
			"Iran-Based Influence Operation Network Targeting Azerbaijan <https://about.example-social.net/reports/iran-az>: targeting Azerbaijan",
		}},
		{"one row is no index", "| Date | Report | Origin |\n|---|---|---|\n" +
			"| 2026 | [China-Based Influence Operation Network Targeting Taiwan](https://github.com/example-research/threat-research/blob/main/ops/china-taiwan.md) | China |\n" +
			"| 2026 | A Russia-based network targeting Moldova | Russia |\n\nSee [our methodology](https://example.org/method) for how we count.\n", []string{
			"(operation): attribution China",
			"(operation): targeting Taiwan",
			"(operation): attribution Russia",
			"(operation): targeting Moldova",
		}},
		{"anchors that are no titles", "| Date | Summary | Link |\n|---|---|---|\n" +
			"| 2026 | A China-based network targeting Taiwan | [the full report on this network](https://github.com/example-research/threat-research/blob/main/ops/a.md) |\n" +
			"| 2026 | An Iran-based network targeting Azerbaijan | [our earlier write-up of the operation](https://github.com/example-research/threat-research/blob/main/ops/b.md) |\n" +
			"| 2025 | A Russia-based network targeting Moldova | [Network Report](https://github.com/example-research/threat-research/blob/main/ops/c.md) |\n" +
			"| 2025 | A Belarus-based network targeting Poland | [Operation Details](https://github.com/example-research/threat-research/blob/main/ops/d.md) |\n", []string{
			"(operation): attribution China",
			"(operation): targeting Taiwan",
			"(operation): attribution Iran",
			"(operation): targeting Azerbaijan",
			"(operation): attribution Russia",
			"(operation): targeting Moldova",
			"(operation): attribution Belarus",
			"(operation): targeting Poland",
		}},
		{"titles in prose", "Our report on the [China-Based Influence Operation Network Targeting Taiwan](https://github.com/example-research/threat-research/blob/main/ops/china-taiwan.md) showed a China-based network targeting Taiwan.\n\n" +
			"Our report on the [Iran-Based Influence Operation Network Targeting Azerbaijan](https://github.com/example-research/threat-research/blob/main/ops/iran-azerbaijan.md) showed an Iran-based network targeting Azerbaijan.\n", []string{
			"(operation): attribution China",
			"(operation): targeting Taiwan",
			"(operation): attribution Iran",
			"(operation): targeting Azerbaijan",
		}},
		{"two titles in a row", indexTable +
			"| H2 2025 | [Russia-Based Network Targeting Moldova](https://github.com/example-research/threat-research/blob/main/ops/ru.md) and [Belarus-Based Network Targeting Poland](https://github.com/example-research/threat-research/blob/main/ops/by.md) | Russia | Moldova |\n", append(slices.Clone(indexClaims),
			"(operation): attribution Russia",
			"(operation): targeting Moldova",
			"(operation): targeting Poland",
		)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := "index.md"
			if strings.HasPrefix(tc.text, "<html>") {
				file = "index.html"
			}
			doc, err := document.Read(strings.NewReader(tc.text), file, document.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := subjects(x.Find(doc).Claims)
			if !slices.Equal(got, tc.want) {
				t.Errorf("claims:\n%s\nwant:\n%s\ntext:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"), doc.Text)
			}
		})
	}
}

// TestRowOperationsBundle: each operation of an index row is a campaign
// named by its title, created by the publisher, citing its own report,
// with a mention of its title in the report; its id is the same in every
// index (of one publisher) that links the same report.
func TestRowOperationsBundle(t *testing.T) {
	x := newExtractor(t)
	build := func(text string) *extract.Bundle {
		t.Helper()
		doc, err := document.Read(strings.NewReader(text), "index.md", document.Options{})
		if err != nil {
			t.Fatal(err)
		}
		bun, err := extract.Build(x.Find(doc), extract.BuildOptions{Publisher: "Meta", Now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		return bun
	}
	campaigns := func(bun *extract.Bundle) map[string]string { // name -> id
		out := map[string]string{}
		for _, o := range bun.Objects {
			if o.Type == "campaign" {
				out[o.Props.Get("name").Str] = o.ID
				refs := o.Props.Get("external_references")
				if refs == nil || len(refs.Items) != 1 || !strings.HasPrefix(refs.Items[0].Get("url").Str, "https://github.com/example-research/threat-research/blob/main/ops/") {
					t.Errorf("%s: external_references %v, want the operation's own report", o.ID, refs)
				}
				if o.Props.Get("created_by_ref") == nil {
					t.Errorf("%s: no created_by_ref", o.ID)
				}
			}
		}
		return out
	}
	bun := build(indexTable)
	got := campaigns(bun)
	if len(got) != 3 {
		t.Fatalf("campaigns %v, want the three rows' operations and no other", got)
	}
	mentioned := map[string]string{}
	ext := bun.Report.Props.Get("extensions").Get(extract.EvidenceExtensionID)
	doc, _ := document.Read(strings.NewReader(indexTable), "index.md", document.Options{})
	runes := []rune(doc.Text)
	for _, m := range ext.Get("mentions").Items {
		off, _ := m.Get("offset").Int()
		n, _ := m.Get("length").Int()
		mentioned[m.Get("object_ref").Str] = string(runes[off : off+n])
	}
	for name, id := range got {
		if mentioned[id] != name {
			t.Errorf("%s (%s): mentioned as %q, want its title", name, id, mentioned[id])
		}
		var claims int
		for _, o := range bun.Objects {
			if o.Type == "relationship" && o.Props.Get("source_ref").Str == id {
				claims++
			}
		}
		if claims != 2 {
			t.Errorf("%s: %d relationships from it, want 2 (origin and target)", name, claims)
		}
	}
	// Another index of the same publisher, linking one of the reports.
	other := build("| Year | Report | Origin |\n|---|---|---|\n" +
		"| 2026 | [China-Based Influence Operation Network Targeting Taiwan](https://github.com/example-research/threat-research/blob/main/ops/china-taiwan.md) | China |\n" +
		"| 2026 | [Russia-Based Influence Operation Network Targeting Poland](https://github.com/example-research/threat-research/blob/main/ops/russia-poland.md) | Russia |\n")
	name := "China-Based Influence Operation Network Targeting Taiwan"
	if id := campaigns(other)[name]; id == "" || id != got[name] {
		t.Errorf("%s: id %q in the second index, %q in the first: want one operation", name, id, got[name])
	}
}

// TestRowOperationsMeta runs Meta's own index (shared data): each
// operation's origin and targets are its own, none the report's.
func TestRowOperationsMeta(t *testing.T) {
	p := filepath.Join(shareddata.Path(t, "reports/meta-threat-research"), "README.md")
	f := newExtractor(t).Find(readDoc(t, p))
	ops := map[string][]string{}
	for _, c := range f.Claims {
		if c.Subject == nil {
			t.Errorf("a claim about the report's operation: %s %s in %q", c.Kind, c.Object.Name, f.Text[c.Sentence.Start:c.Sentence.End])
			continue
		}
		ops[c.Subject.Name] = append(ops[c.Subject.Name], string(c.Kind)+" "+c.Object.Name)
	}
	if len(ops) < 8 {
		t.Errorf("%d operations, want one a row for the rows with a claim (8 or more): %v", len(ops), ops)
	}
	if got, want := ops["China-Based Influence Operation Network Targeting Taiwan"], []string{"attribution China", "targeting Taiwan"}; !slices.Equal(got, want) {
		t.Errorf("the China-based operation: %q, want %q", got, want)
	}
	if got, want := ops["Belarus, Russia-Based Influence Operation Network Targeting Poland"], []string{"attribution Belarus", "attribution Russia", "targeting Poland"}; !slices.Equal(got, want) {
		t.Errorf("the Belarus, Russia-based operation: %q, want %q", got, want)
	}
}

// TestIndexLinksCited: an index row's link goes to the report of the
// operation it names, a source and no indicator, while a table of an
// operation's articles, linked by their headlines, keeps its links as the
// indicators they are (the headlines name no operation).
func TestIndexLinksCited(t *testing.T) {
	x := newExtractor(t)
	headlines := "| Date | Article | Outlet |\n|---|---|---|\n" +
		"| 2024-05-02 | [Zelensky's Wife Buys Bugatti With Aid Money](https://rrn-mirror-news.net/2024/05/wife-bugatti) | RRN |\n" +
		"| 2024-05-09 | [French Farmers Revolt Against Kyiv Grain](https://rrn-mirror-news.net/2024/05/farmers-revolt) | RRN |\n"
	for _, tc := range []struct {
		name, text string
		benign     bool
	}{
		{"index", indexTable, true},
		{"headlines", headlines, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := document.Read(strings.NewReader(tc.text), "index.md", document.Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, o := range x.Find(doc).Observables {
				if o.Kind != "url" {
					continue
				}
				n++
				if got := strings.Contains(o.Benign, "index table"); got != tc.benign {
					t.Errorf("%s: benign %q, want benign %v", o.Value, o.Benign, tc.benign)
				}
			}
			if n < 2 {
				t.Errorf("%d urls, want the rows' (2 or more)", n)
			}
		})
	}
}

// TestOperationsNamedByWords: an influence report that names its
// operations by ordinary words ("Operation Matryoshka", "Operation
// Overload") makes each sentence's claims about the operation it names,
// each a campaign, not about the one in the title.
func TestOperationsNamedByWords(t *testing.T) {
	text := "Operation Overload targeted fact-checkers in France.\n\n" +
		"The Russia-based Operation Matryoshka impersonated media outlets.\n"
	doc, err := document.Read(strings.NewReader(text), "ops.txt", document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := newExtractor(t).Find(doc)
	got := subjects(f.Claims)
	for _, w := range []string{
		"Operation Overload: targeting France",
		"Operation Matryoshka: attribution Russia",
		"Operation Matryoshka: uses News Outlet Persona",
	} {
		if !slices.Contains(got, w) {
			t.Errorf("no claim %q; claims:\n%s", w, strings.Join(got, "\n"))
		}
	}
	bun, err := extract.Build(f, extract.BuildOptions{Now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var camps []string
	for _, o := range bun.Objects {
		if o.Type == "campaign" {
			camps = append(camps, o.Props.Get("name").Str)
		}
	}
	slices.Sort(camps)
	if want := []string{"Operation Matryoshka", "Operation Overload"}; !slices.Equal(camps, want) {
		t.Errorf("campaigns %q, want %q", camps, want)
	}
}

// TestKremlinAttribution: "directed by the Kremlin" attributes the
// operation to Russia's government, and the hedge of who believes it
// sets its confidence.
func TestKremlinAttribution(t *testing.T) {
	doc, err := document.Read(strings.NewReader("U.S. officials believe the operation was directed by the Kremlin.\n"), "k.txt", document.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range newExtractor(t).Find(doc).Claims {
		got = append(got, fmt.Sprintf("%s %s %d %v", c.Kind, c.Object.Key, c.Confidence, c.Origin))
	}
	if want := []string{"attribution RU 65 false"}; !slices.Equal(got, want) {
		t.Errorf("claims %q, want %q", got, want)
	}
}
