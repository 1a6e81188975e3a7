package extract

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

func TestFindOrgs(t *testing.T) {
	text := "The FBI and the Cybersecurity and Infrastructure Security Agency said Iran's Ministry of Intelligence and Security targeted the Trump campaign and The Washington Post. Microsoft Threat Intelligence assessed it. A spokesperson for the Permanent Mission of Iran to the United Nations denied it. The phishing campaign used evil.com."
	got := FindOrgs(text, []Span{{strings.Index(text, "evil.com"), strings.Index(text, "evil.com") + 8}})
	var names []string
	for _, o := range got {
		names = append(names, text[o.Start:o.End]+"="+string(o.Kind))
	}
	want := []string{
		"FBI=government",
		"Cybersecurity and Infrastructure Security Agency=government",
		"Ministry of Intelligence and Security=government",
		"Trump campaign=campaign",
		"The Washington Post=media",
		"Microsoft=company",
		"Permanent Mission of Iran to the United Nations=government",
	}
	if strings.Join(names, "; ") != strings.Join(want, "; ") {
		t.Errorf("FindOrgs\n got %q\nwant %q", names, want)
	}
}

func TestFindOrgsClasses(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Election Officials and think tanks were hit.", "Election Officials=class; think tanks=class"},
		{"It sends the data to a Command and Control (C&C) server.", ""},
		{"It targeted the election officials before the election.", "election officials=class; the election=class"},
		{"Each campaign featured a DNS domain. Their campaign ran. Another campaign began.", ""},
		{"AsyncRAT is weaponized in APT campaigns; the C2 campaign ended; the X campaign.", ""},
		{"It abuses the Web Service, an OS Command, Cloudflare Workers Service and %AppData%\\Roaming\\Service files.", ""},
		{"It sends an HTTP POST request. The POST request holds data. THE WASHINGTON POST reported it.", "WASHINGTON POST=media"},
		{"The dropper writes to C:\\Users\\Public\\National Security Agency\\x.exe.", "National Security Agency=government"},
		{"The Foreign Intelligence Service, US Cyber Command and the Security Service of Ukraine.",
			"Foreign Intelligence Service=government; US Cyber Command=government; Security Service of Ukraine=government"},
		{"- `18b7dd39` - Office RCE\n| Command Field Names | Actions Taken |\n| Service Stop | Stop |", ""},
		{"The Office of Personnel Management, the Home Office and the Federal Security Service | FSB.",
			"Office of Personnel Management=government; Home Office=government; Federal Security Service=government; FSB=government"},
		{"Second Stage – Office Plugin", ""},
		{"They hit the energy sector, defence industries and the oil and gas sector.", "energy sector=class; defence industries=class; oil and gas sector=class"},
		{"They hit the finance and retail sectors; the financial, healthcare, or technology industries; the supply chain and government sectors.",
			"finance=class; retail sectors=class; financial=class; healthcare=class; technology industries=class; government sectors=class"},
		{"It hit the Finance sectors and the retail sector; Retail, finance sectors.", "Finance sectors=class; retail sector=class; finance sectors=class"},
		// Sectors listed after the word for them: after "such as", "including", "like" or a
		// colon, one word each, up to the first that is none; a word on the item's phrase
		// ends the list before it.
		{"It targets organizations from various sectors such as defense, energy, health, governments, military and IT.",
			"defense=class; energy=class; health=class"},
		{"Industries including finance or retail; verticals: aerospace, and shipping.", "finance=class; retail=class; aerospace=class; shipping=class"},
		{"Sectors like government agencies, energy companies.", "government agencies=class; energy companies=class"},
		{"Sectors such as, say, energy; industries such retail; sectors like these.", ""},
		{"Pro-journalists and anti-voters sites.", "journalists=class; voters=class"},
		{"It hit presidential campaign staff.", "presidential campaign=class"},
		// Political campaigns in the plural, after what targets them or their people; the
		// threat's own campaigns are none.
		{"It breached the Trump campaign's email and the Harris campaign’s servers.", "Trump campaign=campaign; Harris campaign=campaign"}, // a campaign's possessive
		{"The operation was aimed at the campaigns.", "the campaigns=class"},
		{"APT42 targeted both campaigns and hacked the two campaigns.", "both campaigns=class; the two campaigns=class"},
		{"It phished people associated with both campaigns and staff of the rival campaigns.", "both campaigns=class; the rival campaigns=class"},
		{"It reused infrastructure associated with both campaigns; it targeted campaigns; staff of campaigns; it warned against the campaigns; it targeted the campaign.", ""},
		{"R&journalists, voters2 and journalistsX.", "journalists=class"},
		{"Lures reached US voter groups and election bodies before the election.", "voter groups=class; election bodies=class; the election=class"},
		{"They monitored the DNC’s email and Microsoft's.", "DNC=campaign; Microsoft=company"},
		{"Unit 26165 hacked the DCCC and the NRCC.", "DCCC=campaign; NRCC=campaign"},
		{"The Intelligence Community is confident that the Iranians sought access.", "Intelligence Community=government"},
		{"The IC assesses that Iran sought access; IC3 and ICs are other words.", "IC=government"},
		{"APT28 hacked the SPD and the CDU.", "SPD=campaign; CDU=campaign"},
		{"They targeted county election offices, an election board and state election websites.", "election offices=class; election board=class; election websites=class"},
		{"They leaked emails from Emmanuel Macron's campaign and Hillary Clinton’s campaign.", "Macron's campaign=campaign; Clinton’s campaign=campaign"},
		{"They tried to compromise former President Trump's campaign and Vice President Harris’s campaign.", "Trump's campaign=campaign; Harris’s campaign=campaign"},
		{"OilRig ran the Outer Space and Juicy Mix campaigns.", ""},
		{"As many as 2,000 organizations were targeted in each of the Italian-language campaigns.", ""},
		{"The DHL-themed campaign used lures.", ""},
		{"Phishing hit the Ocasio-Cortez campaign.", "Ocasio-Cortez campaign=campaign"},
		{"The email account of a senior campaign official and a journalist.", "campaign official=class; journalist=class"},
		{"Phishing hit the Clinton campaign. Yesterday Clinton campaign was warned.", "Clinton campaign=campaign; Clinton campaign=campaign"},
		{"Clemson University's Media Forensics Hub linked it.", "Clemson University=organization"},
		{"Harvard University's Belfer Center and the Ministry of Defence's unit.",
			"Harvard University=organization; Belfer Center=organization; Ministry of Defence=government"},
		{"According to the Meir Amit Intelligence and Terrorism Information Center’s report.",
			"Meir Amit Intelligence and Terrorism Information Center=organization"},
		{"The Federal Bureau of Investigation and the Department of Homeland Security and Cybersecurity and Infrastructure Security Agency warned.",
			"Federal Bureau of Investigation=government; Department of Homeland Security=government; Cybersecurity and Infrastructure Security Agency=government"},
		{"Microsoft Threat Analysis Center (MTAC) and Google Threat Analysis Group; Microsoft Corporation; Google\nResearch Center.",
			"Microsoft Threat Analysis Center=company; Google Threat Analysis Group=company; Microsoft=company; Google=company; Research Center=organization"},
		{"Staff of the Harris and Trump campaigns; the Biden, Sanders, and Warren campaigns.",
			"Harris=campaign; Trump campaigns=campaign; Biden=campaign; Sanders=campaign; Warren campaigns=campaign"},
		{"In March, Trump and Biden campaigns were hit. Yesterday, Trump or Biden campaigns.", "Trump=campaign; Biden campaigns=campaign; Trump=campaign; Biden campaigns=campaign"},
		{"The Outer Space and Juicy Mix campaigns. The Harris and DHL-themed campaigns.", ""},
		// A heading in capitals: its joining words join or end names as
		// in ordinary case, and only "OF" carries a complement.
		{"JOINT STATEMENT FROM THE OFFICE OF THE DIRECTOR OF NATIONAL INTELLIGENCE, THE FEDERAL BUREAU OF INVESTIGATION, AND THE CYBERSECURITY AND INFRASTRUCTURE SECURITY AGENCY ON FOREIGN INFLUENCE TARGETING THE ELECTION",
			"OFFICE OF THE DIRECTOR OF NATIONAL INTELLIGENCE=government; FEDERAL BUREAU OF INVESTIGATION=government; CYBERSECURITY AND INFRASTRUCTURE SECURITY AGENCY=government; THE ELECTION=class"},
		{"THE DEPARTMENT OF JUSTICE AND THE MINISTRY OF DEFENCE", "DEPARTMENT OF JUSTICE=government; MINISTRY OF DEFENCE=government"},
		{"THE SECURITY AGENCY ON FOREIGN INFLUENCE AND THE EUROPEAN COMMISSION", "SECURITY AGENCY=government; EUROPEAN COMMISSION=government"},
		{"The Agency for International Development on Monday.", "Agency for International Development=government"},
		// Parties: a capitalised name before a lower-case "party", with
		// joiners in it; the party's country or leader before it, and a
		// sentence's capitalised opener, are not its name.
		{"They amplified the Heart of Moldova political party.", "Heart of Moldova political party=campaign"},
		{"It backed the pro-Russian Shor party and Moldova's Shor party.", "Shor party=campaign; Shor party=campaign"},
		{"The party denied it. A third party did.", ""},
		{"The Party of Action and Solidarity won.", "Party of Action and Solidarity=campaign"},
		// Outlets an operation impersonates, each its own; a troll farm is a company, whatever its name says.
		{"Domains impersonating Der Spiegel, Le Monde and Fox News.", "Der Spiegel=media; Le Monde=media; Fox News=media"},
		{"Individuals associated with the Internet Research Agency.", "Internet Research Agency=company"},
		// A firm named by what the text says it is: before ", a ... firm",
		// each of a list before a plural, or after "a ... firm called".
		{"We found links to STOIC, a political marketing and business intelligence firm in Tel Aviv, Israel.", "STOIC=company"},
		{"It was run by Alpha Media Holding and Beta Vision, two Russian companies.", "Alpha Media Holding=company; Beta Vision=company"},
		{"It was run by Gamma Media, a company behind the network, and Delta Lab, a troll farm financed by an oligarch.", "Gamma Media=company; Delta Lab=company"},
		{"Accounts tied to Percepto International, an SEO firm.", "Percepto International=company"},
		{"We found links to a marketing firm in Nigeria called Kreativ Media.", "Kreativ Media=company"},
		{"The network was run out of a troll farm named Cyber Front Z.", "Cyber Front Z=company"},
		{"However, a company spokesperson declined. Yesterday, an advertising firm in Ohio said so.", ""},
		{"They bought eggs from a farm called Green Acres.", ""},
		// A firm's name wherever else the text writes it, as written, whole words.
		{"STOIC, a political marketing firm, ran it. STOIC denied it; STOICS and Stoic did not.", "STOIC=company; STOIC=company"},
		{"Cyber Shield, a federal agency, warned. Lenta Lite, a news agency, said it. Tehran, a city, and Baku, a firm's home.", ""},
		{"It was the Kremlin, a firm believer in it. According to Ivan Petrov, a company spokesperson, it ended.", ""},
		{"The EU said it. The European Union agreed.", "EU=organization; European Union=organization"},
		{"Kaspersky, Unit 42 and Graphika reported it; DFRLab too.", "Kaspersky=company; Unit 42=company; Graphika=company; DFRLab=organization"},
		// "to" after a name's head says to whom, except after a mission or an embassy.
		{"They attributed the hack of the Social Democratic Party to APT28.", "Social Democratic Party=campaign"},
		{"The Embassy of Russia to the United States said.", "Embassy of Russia to the United States=government"},
		// A committee is a party's, a state's or neither by its words.
		{"The Gagauz Executive Committee paid.", "Gagauz Executive Committee=government"},
		{"The Senate Intelligence Committee met the National Republican Congressional Committee.",
			"Senate Intelligence Committee=government; National Republican Congressional Committee=campaign"},
		{"The International Olympic Committee was hit.", "International Olympic Committee=organization"},
		{"Fake accounts posed as Poland's governing Civic Coalition.", "Civic Coalition=campaign"},
		// "and the" after a complement starts the next name.
		{"It hit the Ministry of Intelligence and Security and the Federal Security Service.",
			"Ministry of Intelligence and Security=government; Federal Security Service=government"},
		// A sentence's first word before "the" or "and the" is capitalised for its place.
		{"Yesterday the Federal Bureau of Investigation said so.", "Federal Bureau of Investigation=government"},
		{"Voters and the Cybersecurity and Infrastructure Security Agency were warned.",
			"Voters=class; Cybersecurity and Infrastructure Security Agency=government"},
		{"Yesterday the Agency said so.", ""},
		// Government bodies as a class of targets, one or many.
		{"It targeted government agencies and a government entity.", "government agencies=class; government entity=class"},
		{"The Office of the Director of National Intelligence said so.", "Office of the Director of National Intelligence=government"},
	}
	for _, c := range cases {
		var got []string
		for _, o := range FindOrgs(c.text, nil) {
			got = append(got, c.text[o.Start:o.End]+"="+string(o.Kind))
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("FindOrgs(%q)\n got %q\nwant %q", c.text, strings.Join(got, "; "), c.want)
		}
	}
	// The states the names recogniser found are no campaign's candidates.
	text := "Russian, Chinese and Iranian campaigns hit the Harris and Trump campaigns."
	var skip []Span
	for _, w := range []string{"Russian", "Chinese", "Iranian"} {
		skip = append(skip, Span{strings.Index(text, w), strings.Index(text, w) + len(w)})
	}
	var got []string
	for _, o := range FindOrgs(text, skip) {
		got = append(got, o.Name)
	}
	if want := "Harris campaign; Trump campaign"; strings.Join(got, "; ") != want {
		t.Errorf("FindOrgs(%q) skipping the states = %q, want %q", text, strings.Join(got, "; "), want)
	}
	// One of a class names the class.
	for _, c := range []struct{ text, want string }{
		{"The account of a senior campaign official.", "campaign officials"},
		{"A journalist was phished.", "journalists"},
		{"A politician was phished.", "politicians"},
		{"Civil servants were phished.", "civil servants"},
		{"Journalists were phished.", "journalists"},
		{"Fact-checkers were flooded with requests.", "fact-checkers"},
		{"A fact-checker was emailed.", "fact-checkers"},
		{"A newsroom was hacked.", "newsrooms"},
		{"The electoral commission was breached.", "electoral commissions"},
		{"Media organisations were impersonated.", "media organisations"},
	} {
		if o := FindOrgs(c.text, nil); len(o) != 1 || o[0].Name != c.want {
			t.Errorf("FindOrgs(%q) = %+v, want the class %q", c.text, o, c.want)
		}
	}
}

// TestSectorClasses checks the names and STIX sectors of the classes of
// sectors: one class for singular and plural, each word of a list its
// own class with the shared noun.
func TestSectorClasses(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"It hit defence industries, the finance and retail sectors, and the health care sector.",
			"defence industry=defense; finance sector=financial-services; retail sector=retail; health care sector=healthcare"},
		// Companies and providers of a sector are the sector; public companies are no public sector.
		{"It breached telecommunications companies, an energy firm and healthcare providers. A public company was not.",
			"telecommunications sector=telecommunications; energy sector=energy; healthcare sector=healthcare"},
		// Sectors of two words, and the software, maritime and airline trades.
		{"It hit a video game company, software providers, the maritime industry and airline companies.",
			"video game sector=entertainment; software sector=technology; maritime industry=transportation; airline sector=transportation"},
		// Listed after the word for sectors, each its own class with that word's noun.
		{"It targets sectors such as Defense, health and shipping, and industries including finance.",
			"defense sector=defense; health sector=healthcare; shipping sector=transportation; finance industry=financial-services"},
	} {
		var got []string
		for _, o := range FindOrgs(c.text, nil) {
			got = append(got, o.Name+"="+classSectors[o.Name])
		}
		if strings.Join(got, "; ") != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.text, strings.Join(got, "; "), c.want)
		}
	}
}

// TestOrgWordLookups checks isJoiner and isOrgHead (lowerSet) against
// the maps they stand for, on every word of them in every case, each with
// a byte changed, dropped or added, and on words of other kinds.
func TestOrgWordLookups(t *testing.T) {
	var words []string
	for w := range lowerJoiners {
		words = append(words, w)
	}
	for w := range orgHeads {
		words = append(words, w)
	}
	var all []string
	for _, w := range words {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			all = append(all, v, v+"s", v[1:], "x"+v, v[:len(v)-1]+"@", v[:len(v)-1]+"\u00e9")
		}
	}
	all = append(all, "", "a", "&&", "OF\x00", "o\x06", "\u00f6f", "Of", "DE", "tO", "administrations", strings.Repeat("agency", 6))
	var buf [24]byte
	for _, w := range all {
		if got, want := isJoiner(buf[:0], w), lowerJoiners[string(lowerKey(buf[:0], w))]; got != want {
			t.Errorf("isJoiner(%q) = %v, want %v", w, got, want)
		}
		_, want := orgHeads[string(lowerKey(buf[:0], w))]
		if got := isOrgHead(buf[:0], w); got != want {
			t.Errorf("isOrgHead(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestFindOrgsInPieces checks that reading the words in pieces side by
// side finds the organisations one pass finds: in the corpus (joined by
// runs and lists that a line break ends), and in lines that start and
// end with organisations and classes, wherever the pieces are cut.
func TestFindOrgsInPieces(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*")
	files = slices.DeleteFunc(files, func(f string) bool { return strings.HasSuffix(f, ".json") })
	corpus := shareddata.Join(t, "\n\nThe Federal Bureau\nof Investigation warned the finance and retail\nsectors and the energy and\nhealthcare sectors. Microsoft Threat\nAnalysis Center saw the Heart of Moldova\nparty and the Harris\ncampaign.\n", files...)
	lines := strings.Repeat("Voters and the Cybersecurity and Infrastructure Security Agency\nThe Washington Post warned journalists\n", 500)
	for _, c := range []struct {
		name, text string
		least      int
	}{{"corpus", corpus, 300}, {"lines", lines, 1500}} {
		words := tokenize(c.text)
		want := findOrgsIn(c.text, words, nil, 1)
		if len(want) < c.least {
			t.Fatalf("%s: only %d organisations", c.name, len(want))
		}
		for _, pieces := range []int{2, 3, 7, 64} {
			if cuts := wordCuts(c.text, words, pieces); len(cuts) != pieces+1 {
				t.Errorf("%s, %d pieces: cut at %v", c.name, pieces, cuts)
			}
			if got := findOrgsIn(c.text, words, nil, pieces); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %d pieces: %d organisations, one pass %d, or different ones", c.name, pieces, len(got), len(want))
			}
		}
	}
}

// TestFirmsNotActors: a name no source knows that the text says is a
// firm's is the firm at each of its mentions; a known actor's name, or a
// new one the text does not call a firm (an organisation by its "Inc."),
// stays an actor, and the organisations found stay as they were.
func TestFirmsNotActors(t *testing.T) {
	text := "It was run by Kreativ Media, a marketing firm. Kreativ Media denied it. APT28 and Storm-9999 helped. They hired Kimsuky, a firm, and Acme Inc. as well."
	at := func(s string, n int) (int, int) {
		i := -1
		for ; n >= 0; n-- {
			i = strings.Index(text[i+1:], s) + i + 1
		}
		return i, i + len(s)
	}
	var mentions []names.Mention
	for _, m := range []struct {
		s   string
		n   int
		new bool
	}{{"Kreativ Media", 0, true}, {"Kreativ Media", 1, true}, {"APT28", 0, false}, {"Storm-9999", 0, true}, {"Kimsuky", 0, false}, {"Acme Inc", 0, true}} {
		s, e := at(m.s, m.n)
		mentions = append(mentions, names.Mention{Kind: names.Actor, Start: s, End: e, Text: m.s, Name: m.s, New: m.new})
	}
	orgs := FindOrgs(text, nil)
	gotM, gotO := firmsNotActors(mentions, orgs)
	var ms, os []string
	for _, m := range gotM {
		ms = append(ms, m.Name)
	}
	for _, o := range gotO {
		os = append(os, fmt.Sprintf("%s@%d", o.Name, o.Start))
	}
	k0, _ := at("Kreativ Media", 0)
	k1, _ := at("Kreativ Media", 1)
	if want := []string{"APT28", "Storm-9999", "Kimsuky", "Acme Inc"}; !slices.Equal(ms, want) {
		t.Errorf("mentions left %q, want %q", ms, want)
	}
	kim, _ := at("Kimsuky", 0)
	acme, _ := at("Acme Inc", 0)
	if want := []string{fmt.Sprintf("Kreativ Media@%d", k0), fmt.Sprintf("Kreativ Media@%d", k1), fmt.Sprintf("Kimsuky@%d", kim), fmt.Sprintf("Acme Inc@%d", acme)}; !slices.Equal(os, want) {
		t.Errorf("organisations %q, want %q", os, want)
	}
}

// TestFirmCountries: the state a firm is of or in, as its phrase says it:
// by its adjective, its name after the noun or between the noun and
// "called"; a city, or an acronym that is also a country code, is none.
func TestFirmCountries(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"We found links to STOIC, a political marketing firm in Tel Aviv, Israel.", "STOIC=IL"},
		{"It was run by Alpha Media Holding and Beta Vision, two Russian companies.", "Alpha Media Holding=RU; Beta Vision=RU"},
		{"We found links to a marketing firm in Nigeria called Kreativ Media.", "Kreativ Media=NG"},
		{"Accounts tied to Percepto International, an Israel-based SEO firm.", "Percepto International=IL"},
		{"It was run by Kreativ Media, a marketing firm in Chisinau. Omega Lines, a PR firm, helped.", "Kreativ Media=MD; Omega Lines="},
		{"It was run by Kreativ Media, a Moscow-based PR firm, and Omega Lines, a firm in Kuala Lumpur.", "Kreativ Media=RU; Omega Lines=MY"},
		{"It was run by Kreativ Media, a marketing firm in Tel Aviv. Omega Lines, a firm in Kingston, helped.", "Kreativ Media=; Omega Lines="},
		{"We attributed it to the Social Design Agency, a Russian company.", "Social Design Agency=RU"},
		{"We found links to a firm called Israel Media, and to a Russian marketing firm called Kreativ Media.", "Israel Media=; Kreativ Media=RU"},
		{"We found links to STOIC, a marketing firm working with Iran.", "STOIC="},
		{"STOIC, a marketing firm in Tel Aviv, Israel, ran it. Later STOIC denied it.", "STOIC=IL; STOIC=IL"},
	} {
		var got []string
		for _, o := range FindOrgs(c.text, nil) {
			if o.Firm {
				got = append(got, o.Name+"="+o.Country)
			}
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("FindOrgs(%q): firms %q, want %q", c.text, g, c.want)
		}
	}
}

// TestOrgNamesFoldSpaces: an organisation's name is one however the text
// spaces it (AnnoCTR's web pages write no-break spaces): one name, so
// one identity in the bundle.
func TestOrgNamesFoldSpaces(t *testing.T) {
	text := "We met the Islamic\u00a0Revolutionary Guard Corps. The Islamic Revolutionary  Guard Corps denied it."
	var names []string
	for _, o := range FindOrgs(text, nil) {
		names = append(names, o.Name)
	}
	if want := []string{"Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps"}; !slices.Equal(names, want) {
		t.Errorf("FindOrgs(%q) names %q, want %q", text, names, want)
	}
	// A name ends with its sentence ("Corps. The" above); an
	// abbreviation's period does not end it.
	for text, want := range map[string]string{
		"The U.S. Department of Justice charged them.":                "U.S. Department of Justice",
		"Hangzhou Cunxin Data Technology Co. Ltd. sold data.":         "Hangzhou Cunxin Data Technology Co. Ltd",
		"We saw the Gagauz Executive Committee. The network used it.": "Gagauz Executive Committee",
	} {
		if got := FindOrgs(text, nil); len(got) != 1 || got[0].Name != want {
			t.Errorf("FindOrgs(%q) = %+v, want one organisation, %q", text, got, want)
		}
	}
}
