package extract_test

import (
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/document"
)

// TestCitations checks both sides of the rules that tell a cited source
// from an actor's infrastructure: each text holds one link (or name)
// whose verdict is checked.
func TestCitations(t *testing.T) {
	x := newExtractor(t)
	for _, tc := range []struct {
		name, file, text string
		kind, value      string
		benign           bool
	}{
		// Sources.
		{"according to, report anchor", "a.txt", "According to the Meir Amit Center's November 2020 [report](https://www.terrorism-info.org.il/en/the-irgc-io/), the IRGC IO foils subversion.", "url", "https://www.terrorism-info.org.il/en/the-irgc-io/", true},
		{"see our", "a.txt", "Since then hosts diversified. See our [Github repository](https://threatresearch-team.github.io/) for more.", "url", "https://threatresearch-team.github.io/", true},
		{"anchor names the site", "a.txt", "I'll also add that [Intel 471](https://intel471.com) does not track espionage actors.", "url", "https://intel471.com", true},
		{"anchor names the site: domain too", "a.txt", "I'll also add that [Intel 471](https://intel471.com) does not track espionage actors.", "domain", "intel471.com", true},
		{"reader told to visit", "a.txt", "If you have questions about your ballot, you can visit <https://www.vote411.org/> and get a Voter Guide.", "url", "https://www.vote411.org/", true},
		{"government site", "a.txt", "Anyone who suspects compromise can report at https://www.ic3.gov.", "url", "https://www.ic3.gov", true},
		{"government suffix", "a.txt", "CERT NZ [issued a warning](https://www.cert.govt.nz/advisories/ddos-extortion/) about the campaign.", "url", "https://www.cert.govt.nz/advisories/ddos-extortion/", true},
		{"recommend reading, social", "a.txt", "I also recommend reading the Twitter timeline for [pwnallthethings](https://twitter.com/pwnallthethings) which talks about OPSEC failures.", "social", "https://twitter.com/pwnallthethings", true},
		{"references section", "a.txt", "The group used new loaders.\n\nReferences\n\n1. https://news.contoso-research.net/apt/loaders\n", "url", "https://news.contoso-research.net/apt/loaders", true},
		{"cross-links section", "a.txt", "Indicators below.\n\n## Cross-Links\n\n- IOC File (GitHub): [iocs on GitHub](https://github.com/contoso/threat-research/blob/main/iocs.md)\n", "url", "https://github.com/contoso/threat-research/blob/main/iocs.md", true},
		{"markdown link shown as text (URL)", "a.md", "Earlier activity was [described in our analysis](https://news.contoso-research.net/apt/earlier) last year.\n", "url", "https://news.contoso-research.net/apt/earlier", true},
		{"markdown anchor 'here', after characters outside ASCII", "a.md", "Le « café » d’été — the full list of web injects is shown [here](https://paste.contoso-research.net/uUyn2B2L).\n", "url", "https://paste.contoso-research.net/uUyn2B2L", true},
		{"markdown anchor 'here'", "a.md", "The full list of web injects is shown [here](https://paste.contoso-research.net/tTxmjA1K).\n", "url", "https://paste.contoso-research.net/tTxmjA1K", true},

		{"numbered reference", "a.md", "Samples match the group's, analysed in the following reports [[1]](https://www.contoso-research.net/blog/covid-19-themes-used-by-actors) [[2]](https://blog.contoso-labs.net/2020/03/re012.html).\n", "url", "https://blog.contoso-labs.net/2020/03/re012.html", true},
		{"prose anchor to a deep page", "a.md", "In 2020, researchers implicated APT40 in a [supply chain attack on Taiwanese government entities](https://mercury.contoso-intel.eu/INTTicket/show/6449).\n", "url", "https://mercury.contoso-intel.eu/INTTicket/show/6449", true},
		{"prose anchor to an article's slug", "a.md", "In one instance, attackers [compromised a mobile application developer](https://www.contoso-news.com/sandworm-android-malware/) and pushed an update.\n", "url", "https://www.contoso-news.com/sandworm-android-malware/", true},
		{"anchor names the site, with a suffix word", "a.md", "It would donate to [Children International](https://www.children.org/), a non-profit.\n", "url", "https://www.children.org/", true},

		{"anchor names the site, its front page in a language", "a.md", "The Intelligence Group of [S2 Grupo](https://s2grupo.es/en/home/) has carried out an investigation.\n", "url", "https://s2grupo.es/en/home/", true},
		{"reporting by", "a.md", "Based on recent [reporting by Group-IB](https://blog.contoso-ib.com/columntk_apt41), TA415 used Cobalt Strike.\n", "url", "https://blog.contoso-ib.com/columntk_apt41", true},
		{"our reporting", "a.md", "There are shared traits, which we highlighted in our recent APT28 [reporting](https://contoso-intel.eu/2020/09/apt28-zebrocy-nato-theme/).\n", "url", "https://contoso-intel.eu/2020/09/apt28-zebrocy-nato-theme/", true},
		{"a paper of the site the anchor names", "a.md", "In late 2019, [ExaTrack](https://exatrack.com/public/winnti_EN.pdf)released their analysis of a rootkit.\n", "url", "https://exatrack.com/public/winnti_EN.pdf", true},
		{"a paper linked from prose", "a.md", "Researchers at the university [observed](https://www.contoso-security.com/assets/documents/A_Study_of_DNS_Tunneling.pdf) APT32 using TXT records.\n", "url", "https://www.contoso-security.com/assets/documents/A_Study_of_DNS_Tunneling.pdf", true},

		{"plain text: a site's name, its link after it", "a.txt", "It would donate to Children International (https://www.children.org/), a non-profit.", "url", "https://www.children.org/", true},
		{"plain text: a numbered reference, its link after it", "a.txt", "Samples match the group's, analysed in the reports [1] (https://www.contoso-research.net/blog/covid-19-themes-used-by-actors).", "url", "https://www.contoso-research.net/blog/covid-19-themes-used-by-actors", true},

		{"markdown image", "a.txt", "The lure looks like this:\n\n![](https://research.contoso-labs.net/wp-content/uploads/2020/05/IL-1.png)\n", "url", "https://research.contoso-labs.net/wp-content/uploads/2020/05/IL-1.png", true},
		{"asciidoc link naming the site", "a.adoc", "= Title\n\nThe https://www.misp-project.org[MISP] event is available.\n", "url", "https://www.misp-project.org", true},

		{"footnote line", "a.txt", "The exploit is old ([3]).\n\n[3] http://cve.circl.lu/cve/CVE-2017-0199\n", "url", "http://cve.circl.lu/cve/CVE-2017-0199", true},
		{"markdown footnote", "a.txt", "The exploit is old.[^2]\n\n[^2]: <https://news.contoso-research.net/cve>\n", "url", "https://news.contoso-research.net/cve", true},

		// Infrastructure.
		{"actor's blog linked with anchor text", "a.txt", "On June 15, an actor who calls himself *Guccifer 2.0* created a [Wordpress blog](https://guccifer2.wordpress.com) where he posted a number of claimed reports.", "url", "https://guccifer2.wordpress.com", false},
		{"actor's blog: its host", "a.txt", "On June 15, an actor who calls himself *Guccifer 2.0* created a [Wordpress blog](https://guccifer2.wordpress.com) where he posted a number of claimed reports.", "domain", "guccifer2.wordpress.com", false},
		{"cue in another clause", "a.txt", "According to our telemetry, the loader fetched https://files.contoso-cdn.net/a.bin every hour.", "url", "https://files.contoso-cdn.net/a.bin", false},
		{"cue too far from the link", "a.txt", "See Figure 3 for the loader, which after a delay of ten minutes downloads its second stage from https://files.contoso-cdn.net/b.bin and runs it.", "url", "https://files.contoso-cdn.net/b.bin", false},
		{"defanged government site", "a.txt", "The actors compromised a county site and served the payload from hxxps://www.county-records[.]gov/wp/payload.php, see Figure 3.", "url", "https://www.county-records.gov/wp/payload.php", false},
		{"defanged elsewhere wins", "a.txt", "The C2 was hxxps://update.contoso-cdn[.]net/check. See https://update.contoso-cdn.net/check for the panel.", "url", "https://update.contoso-cdn.net/check", false},
		{"spoofed government sender", "a.txt", "Spoofed email from feedback.ncsp@moitt.gov.pk asked for the documents.", "domain", "moitt.gov.pk", false},
		{"link to a site named like its anchor, with a path", "a.txt", "The operation ran [Liberty Front Press](http://libertyfrontpress.com/about/us) as its main outlet.", "url", "http://libertyfrontpress.com/about/us", false},
		{"actor's account", "a.txt", "The persona's account [@robert_leakdesk](https://twitter.com/robert_leakdesk) posted the files.", "social", "https://twitter.com/robert_leakdesk", false},
		{"image link inside a link, not an image", "a.txt", "The actor's page [logo](https://cdn.contoso-cdn.net/x/logo.png) loads a script.", "url", "https://cdn.contoso-cdn.net/x/logo.png", false},
		{"asciidoc link naming something else", "a.adoc", "= Title\n\nThe loader fetches https://update.contoso-cdn.net[Contoso CDN] at start.\n", "url", "https://update.contoso-cdn.net", false},
		{"plain text: a link in parentheses after other words", "a.txt", "The loader fetches its second stage (https://update.contoso-cdn.net/a.bin) at start.", "url", "https://update.contoso-cdn.net/a.bin", false},
		{"plain text: a number that is no reference before a link", "a.txt", "Its C2 list holds 2 (https://update.contoso-cdn.net/b/c).", "url", "https://update.contoso-cdn.net/b/c", false},
		{"numbered list of IOCs", "a.txt", "Payload URLs:\n1. http://update.contoso-cdn.net/a.bin\n", "url", "http://update.contoso-cdn.net/a.bin", false},
		{"a lure document named by what it is", "a.md", "The actor sent a [Contoso invoice](https://files.contoso-cdn.net/doc/invoice.pdf) to staff.\n", "url", "https://files.contoso-cdn.net/doc/invoice.pdf", false},
		{"a site's page not its front page", "a.md", "The operation ran [Liberty Front Press](http://libertyfrontpress.com/en/about/) as its main outlet.\n", "url", "http://libertyfrontpress.com/en/about/", false},
		{"prose anchor to a front page", "a.md", "The lure sent victims to [a fake news site of theirs](https://contoso-daily-news.com/) last May.\n", "url", "https://contoso-daily-news.com/", false},
		{"prose anchor to a short path", "a.md", "The loader posts to [the panel they run](https://contoso-cdn.net/gate) every hour.\n", "url", "https://contoso-cdn.net/gate", false},
		{"numbered anchor, defanged elsewhere", "a.md", "See the loader [[1]](https://update.contoso-cdn.net/a/b).\n\nC2: hxxps://update.contoso-cdn[.]net/a/b\n", "url", "https://update.contoso-cdn.net/a/b", false},
		{"cited only after a thousand mentions", "a.txt", strings.Repeat("The loader fetched https://cdn.contoso-cdn.net/a.bin again. ", 1000) + "See https://cdn.contoso-cdn.net/a.bin for more.", "url", "https://cdn.contoso-cdn.net/a.bin", false},
		{"cited among the first thousand mentions", "a.txt", "See https://cdn.contoso-cdn.net/a.bin for more. " + strings.Repeat("The loader fetched https://cdn.contoso-cdn.net/a.bin again. ", 999), "url", "https://cdn.contoso-cdn.net/a.bin", true},
		{"raw file on a code host", "a.txt", "The loader downloads https://raw.githubusercontent.com/actor/payload/main/a.ps1 and runs it.", "url", "https://raw.githubusercontent.com/actor/payload/main/a.ps1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := document.Read(strings.NewReader(tc.text), tc.file, document.Options{})
			if err != nil {
				t.Fatal(err)
			}
			f := x.Find(doc)
			for _, o := range f.Observables {
				if o.Kind == tc.kind && o.Value == tc.value {
					if got := o.Benign != ""; got != tc.benign {
						t.Errorf("%s %s: benign %q, want benign %v\ntext: %s", tc.kind, tc.value, o.Benign, tc.benign, doc.Text)
					}
					return
				}
			}
			var got []string
			for _, o := range f.Observables {
				got = append(got, o.Kind+" "+o.Value)
			}
			t.Fatalf("%s %s not found; found %q", tc.kind, tc.value, got)
		})
	}
}
