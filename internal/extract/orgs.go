package extract

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/geo"
)

// OrgKind says what kind of organisation a name is.
type OrgKind string

// Kinds of organisations, as STIX identity sectors and classes need them.
const (
	OrgGovernment OrgKind = "government" // agencies, ministries, missions, intelligence services
	OrgCompany    OrgKind = "company"
	OrgMedia      OrgKind = "media"
	OrgCampaign   OrgKind = "campaign" // a political campaign or party
	OrgOther      OrgKind = "organization"
	OrgClass      OrgKind = "class" // a class of people or bodies a report says were targeted: "election officials"
)

// targetClasses are the groups of people and bodies election-threat
// reports say were targeted, matched case-insensitively as whole phrases;
// longest first.
var targetClasses = func() []string {
	classes := []string{
		"the presidential election", "presidential campaigns", "presidential campaign", "presidential election",
		"political campaigns", "campaign staff", "campaign officials", "campaign staffers", "election officials",
		"election workers", "election infrastructure", "election systems", "election authorities", "election bodies",
		"electoral bodies", "electoral authorities", "voter registration", "voter groups", "political parties",
		"news outlets", "media outlets", "human rights defenders", "government officials", "national-security officials",
		"national security officials", "members of parliament", "civil society", "civil servants", "public officials",
		"election administrators", "think tanks", "the elections", "politicians", "fact-checking organizations",
		"fact-checking organisations", "news organizations", "news organisations", "media organizations",
		"media organisations", "election commissions", "electoral commissions", "fact-checkers", "fact checkers", "newsrooms",
		"the election", "journalists", "voters", "dissidents", "activists", "diplomats", "academics",
		"candidates", "lawmakers", "election boards", "election offices", "election websites",
		"government agencies", "government entities", "government organizations", "government organisations",
		"critical infrastructure",
	}
	for _, p := range classMembers {
		classes = append(classes, p[0])
	}
	for _, p := range sectorPhrases {
		classes = append(classes, p[0])
	}
	return classes
}()

// sectorWords name industries as reports write them before "sector" or
// "industry" ("the energy sector", "defence industries"), each with its
// STIX industry sector (industry-sector-ov).
var sectorWords = [][2]string{
	{"aerospace", "aerospace"}, {"agriculture", "agriculture"}, {"automotive", "automotive"}, {"chemical", "chemical"},
	{"telecommunications", "telecommunications"}, {"telecommunication", "telecommunications"}, {"telecom", "telecommunications"},
	{"communications", "communications"}, {"media", "communications"}, {"construction", "construction"},
	{"defense", "defense"}, {"defence", "defense"}, {"education", "education"}, {"energy", "energy"},
	{"oil and gas", "energy"}, {"entertainment", "entertainment"}, {"gaming", "entertainment"},
	{"financial services", "financial-services"}, {"financial", "financial-services"}, {"finance", "financial-services"},
	{"banking", "financial-services"}, {"government", "government"}, {"public", "government"},
	{"healthcare", "healthcare"}, {"health care", "healthcare"}, {"health", "healthcare"}, {"hospitality", "hospitality-leisure"},
	{"insurance", "insurance"}, {"manufacturing", "manufacturing"}, {"mining", "mining"}, {"non-profit", "non-profit"},
	{"nonprofit", "non-profit"}, {"pharmaceutical", "pharmaceuticals"}, {"retail", "retail"}, {"technology", "technology"},
	{"tech", "technology"}, {"transportation", "transportation"}, {"transport", "transportation"},
	{"shipping", "transportation"}, {"logistics", "transportation"}, {"aviation", "transportation"},
	{"utilities", "utilities"}, {"utility", "utilities"},
	{"video game", "entertainment"}, {"video gaming", "entertainment"}, {"software", "technology"}, {"semiconductor", "technology"},
	{"maritime", "transportation"}, {"airline", "transportation"}, {"hotel", "hospitality-leisure"},
}

// sectorPhrases are the phrases of sectorWords with "sector" or
// "industry", singular and plural, each with its class's name (the
// singular: "energy sectors" is the class "energy sector"); and with
// "companies", "firms" or "providers", whose class is the sector's:
// "compromised networks of multiple telecommunications companies"
// targets the telecommunications sector. Not "public companies" (listed
// on an exchange, not the public sector), nor the state's own.
var sectorPhrases = func() [][2]string {
	var out [][2]string
	for _, w := range sectorWords {
		for _, n := range [][2]string{{" sectors", " sector"}, {" sector", " sector"}, {" industries", " industry"}, {" industry", " industry"}} {
			out = append(out, [2]string{w[0] + n[0], w[0] + n[1]})
		}
		if w[1] == "government" || w[1] == "non-profit" {
			continue
		}
		for _, n := range []string{" companies", " company", " firms", " firm", " providers", " provider"} {
			out = append(out, [2]string{w[0] + n, w[0] + " sector"})
		}
	}
	return out
}()

// classMembers are phrases of one member of a class, each with the class:
// one of a class is the class as a target ("the personal email account
// of a senior campaign official"). targetClasses ends with them, in this
// order.
var classMembers = [][2]string{
	{"campaign official", "campaign officials"}, {"campaign staffer", "campaign staffers"},
	{"election official", "election officials"}, {"election worker", "election workers"},
	{"government official", "government officials"}, {"news outlet", "news outlets"}, {"media outlet", "media outlets"},
	{"political party", "political parties"}, {"think tank", "think tanks"}, {"member of parliament", "members of parliament"},
	{"journalist", "journalists"}, {"diplomat", "diplomats"}, {"lawmaker", "lawmakers"}, {"dissident", "dissidents"},
	{"civil servant", "civil servants"}, {"public official", "public officials"},
	{"election administrator", "election administrators"}, {"politician", "politicians"},
	{"fact-checker", "fact-checkers"}, {"newsroom", "newsrooms"}, {"news organization", "news organizations"},
	{"news organisation", "news organisations"}, {"media organization", "media organizations"},
	{"media organisation", "media organisations"}, {"election commission", "election commissions"},
	{"electoral commission", "electoral commissions"}, {"election board", "election boards"}, {"election office", "election offices"},
	{"election website", "election websites"}, {"government agency", "government agencies"},
	{"government entity", "government entities"}, {"government organization", "government organizations"},
	{"government organisation", "government organisations"},
}

// classPlural is the class a phrase of one of its members names, and
// the class of a sector's phrase.
var classPlural = func() map[string]string {
	m := make(map[string]string, len(classMembers)+len(sectorPhrases))
	for _, p := range classMembers {
		m[p[0]] = p[1]
	}
	for _, p := range sectorPhrases {
		m[p[0]] = p[1]
	}
	return m
}()

// classSectors are the STIX industry sectors (industry-sector-ov) of the
// classes of targetClasses that have one: those of people and bodies,
// and each sector's.
var classSectors = func() map[string]string {
	m := map[string]string{
		"campaign officials": "government", "election officials": "government", "election workers": "government",
		"election infrastructure": "government", "election systems": "government", "election authorities": "government",
		"election bodies": "government", "electoral bodies": "government", "electoral authorities": "government",
		"voter registration": "government", "government officials": "government", "national-security officials": "government",
		"national security officials": "government", "members of parliament": "government", "diplomats": "government",
		"lawmakers": "government", "civil servants": "government", "public officials": "government",
		"election administrators": "government", "politicians": "government", "news outlets": "communications", "media outlets": "communications",
		"journalists": "communications", "human rights defenders": "non-profit",
		"civil society": "non-profit", "activists": "non-profit", "academics": "education", "think tanks": "non-profit",
		"fact-checkers": "communications", "fact checkers": "communications", "fact-checking organizations": "communications",
		"fact-checking organisations": "communications", "newsrooms": "communications", "news organizations": "communications",
		"news organisations": "communications", "media organizations": "communications", "media organisations": "communications",
		"election commissions": "government", "electoral commissions": "government",
		"election boards": "government", "election offices": "government", "election websites": "government",
		"critical infrastructure": "infrastructure",
	}
	for _, w := range sectorWords {
		m[w[0]+" sector"] = w[1]
		m[w[0]+" industry"] = w[1]
	}
	return m
}()

// className is the name of a class's identity: the phrase without its
// article ("the election" is the class "election").
func className(phrase string) string {
	if p, ok := classPlural[phrase]; ok {
		return p
	}
	return strings.TrimPrefix(phrase, "the ")
}

// knownOrgs are organisations that election-threat reports name by
// acronym or short name; matched as whole words, case as written.
var knownOrgs = map[string]knownOrg{
	"FBI":                             {"Federal Bureau of Investigation", OrgGovernment},
	"CISA":                            {"Cybersecurity and Infrastructure Security Agency", OrgGovernment},
	"NSA":                             {"National Security Agency", OrgGovernment},
	"ODNI":                            {"Office of the Director of National Intelligence", OrgGovernment},
	"DHS":                             {"Department of Homeland Security", OrgGovernment},
	"DOJ":                             {"Department of Justice", OrgGovernment},
	"CIA":                             {"Central Intelligence Agency", OrgGovernment},
	"NCSC":                            {"National Cyber Security Centre", OrgGovernment},
	"GCHQ":                            {"Government Communications Headquarters", OrgGovernment},
	"ANSSI":                           {"ANSSI", OrgGovernment},
	"BSI":                             {"Bundesamt für Sicherheit in der Informationstechnik", OrgGovernment},
	"BfV":                             {"Bundesamt für Verfassungsschutz", OrgGovernment},
	"EAC":                             {"U.S. Election Assistance Commission", OrgGovernment},
	"Intelligence Community":          {"U.S. Intelligence Community", OrgGovernment},
	"IC":                              {"U.S. Intelligence Community", OrgGovernment}, // ODNI's own short name: "The IC assesses that ..."
	"IRGC":                            {"Islamic Revolutionary Guard Corps", OrgGovernment},
	"MOIS":                            {"Ministry of Intelligence and Security (Iran)", OrgGovernment},
	"GRU":                             {"GRU (Russian military intelligence)", OrgGovernment},
	"FSB":                             {"Federal Security Service (Russia)", OrgGovernment},
	"SVR":                             {"Foreign Intelligence Service (Russia)", OrgGovernment},
	"MSS":                             {"Ministry of State Security (China)", OrgGovernment},
	"PLA":                             {"People's Liberation Army", OrgGovernment},
	"RGB":                             {"Reconnaissance General Bureau (North Korea)", OrgGovernment},
	"IUVM":                            {"International Union of Virtual Media", OrgMedia},
	"EU":                              {"European Union", OrgOther}, // as "European Union" is, by its last word
	"Microsoft":                       {"Microsoft", OrgCompany},
	"Google":                          {"Google", OrgCompany},
	"Meta":                            {"Meta", OrgCompany},
	"Facebook":                        {"Facebook", OrgCompany},
	"OpenAI":                          {"OpenAI", OrgCompany},
	"Mandiant":                        {"Mandiant", OrgCompany},
	"CrowdStrike":                     {"CrowdStrike", OrgCompany},
	"Proofpoint":                      {"Proofpoint", OrgCompany},
	"Volexity":                        {"Volexity", OrgCompany},
	"ESET":                            {"ESET", OrgCompany},
	"Recorded Future":                 {"Recorded Future", OrgCompany},
	"Secureworks":                     {"Secureworks", OrgCompany},
	"Kaspersky":                       {"Kaspersky", OrgCompany},
	"Symantec":                        {"Symantec", OrgCompany},
	"Trend Micro":                     {"Trend Micro", OrgCompany},
	"Check Point":                     {"Check Point", OrgCompany},
	"Palo Alto Networks":              {"Palo Alto Networks", OrgCompany},
	"Unit 42":                         {"Unit 42", OrgCompany},
	"Cisco Talos":                     {"Cisco Talos", OrgCompany},
	"Graphika":                        {"Graphika", OrgCompany},
	"DFRLab":                          {"Atlantic Council's Digital Forensic Research Lab", OrgOther},
	"Amnesty International":           {"Amnesty International", OrgOther},
	"Citizen Lab":                     {"Citizen Lab", OrgOther},
	"Reuters":                         {"Reuters", OrgMedia},
	"Associated Press":                {"Associated Press", OrgMedia},
	"Politico":                        {"Politico", OrgMedia},
	"Axios":                           {"Axios", OrgMedia},
	"BBC":                             {"BBC", OrgMedia},
	"CNN":                             {"CNN", OrgMedia},
	"Der Spiegel":                     {"Der Spiegel", OrgMedia},
	"Le Monde":                        {"Le Monde", OrgMedia},
	"Fox News":                        {"Fox News", OrgMedia},
	"Bild":                            {"Bild", OrgMedia},
	"Sputnik":                         {"Sputnik", OrgMedia},
	"Internet Research Agency":        {"Internet Research Agency", OrgCompany}, // the troll farm, a company, whatever its name says
	"Social Design Agency":            {"Social Design Agency", OrgCompany},
	"Structura National Technologies": {"Structura National Technologies", OrgCompany}, // the SDA's partner in Doppelganger
	"Structura":                       {"Structura National Technologies", OrgCompany},
	"Twitter":                         {"Twitter", OrgCompany},
	"Telegram":                        {"Telegram", OrgCompany},
	"YouTube":                         {"YouTube", OrgCompany},
	"TikTok":                          {"TikTok", OrgCompany},
	"Democratic National Committee":   {"Democratic National Committee", OrgCampaign},
	"Republican National Committee":   {"Republican National Committee", OrgCampaign},
	"DNC":                             {"Democratic National Committee", OrgCampaign},
	"RNC":                             {"Republican National Committee", OrgCampaign},
	"DCCC":                            {"Democratic Congressional Campaign Committee", OrgCampaign},
	"SPD":                             {"Social Democratic Party of Germany", OrgCampaign}, // APT28's 2023 target
	"CDU":                             {"Christian Democratic Union of Germany", OrgCampaign},
	"NRCC":                            {"National Republican Congressional Committee", OrgCampaign},
}

type knownOrg struct {
	name string
	kind OrgKind
}

// orgHeads are the last words that make a run of capitalised words an
// organisation's name.
var orgHeads = map[string]OrgKind{
	"agency": OrgGovernment, "bureau": OrgGovernment, "ministry": OrgGovernment, "department": OrgGovernment,
	"commission": OrgGovernment, "council": OrgGovernment, "office": OrgGovernment, "service": OrgGovernment,
	"directorate": OrgGovernment, "command": OrgGovernment, "corps": OrgGovernment, "mission": OrgGovernment,
	"embassy": OrgGovernment, "government": OrgGovernment, "administration": OrgGovernment, "parliament": OrgGovernment,
	"senate": OrgGovernment, "congress": OrgGovernment, "police": OrgGovernment, "court": OrgGovernment,
	"inc": OrgCompany, "inc.": OrgCompany, "corp": OrgCompany, "corp.": OrgCompany, "corporation": OrgCompany,
	"ltd": OrgCompany, "ltd.": OrgCompany, "llc": OrgCompany, "company": OrgCompany, "group": OrgCompany,
	"times": OrgMedia, "post": OrgMedia, "news": OrgMedia, "journal": OrgMedia, "tribune": OrgMedia,
	"herald": OrgMedia, "gazette": OrgMedia, "telegraph": OrgMedia, "guardian": OrgMedia, "press": OrgMedia,
	"campaign": OrgCampaign, "party": OrgCampaign, "committee": OrgCampaign, "coalition": OrgCampaign,
	"university": OrgOther, "institute": OrgOther, "foundation": OrgOther, "association": OrgOther, "union": OrgOther,
	"center": OrgOther, "centre": OrgOther, "lab": OrgOther, "laboratory": OrgOther,
}

// weakHeads are organisation words that end names of other things as
// often; bodyModifiers are what make a name with one a state body's.
var (
	weakHeads     = map[string]bool{"service": true, "command": true}
	bodyModifiers = wordSet(`federal national state foreign intelligence security secret revenue civil postal customs
immigration diplomatic public health border tax marshals prison police military naval air armed cyber central allied
strategic space northern southern european pacific special joint operations defense defence army marine coast
protective emergency information counterintelligence signals`)
)

// sentenceOpeners are the capitalised words that open a sentence before
// an organisation's name and its joiners: "According to the ...".
var sentenceOpeners = map[string]bool{"According": true, "Under": true, "Per": true, "In": true, "At": true, "From": true,
	"By": true, "For": true, "After": true, "Before": true, "Since": true, "During": true, "Following": true, "To": true}

// lowerJoiners may stand between the capitalised words of a name.
var lowerJoiners = map[string]bool{"of": true, "for": true, "and": true, "the": true, "de": true, "on": true, "to": true, "&": true}

// complementHeads take a complement that belongs to the name: "Ministry of
// Intelligence and Security", "Permanent Mission of Iran to the United
// Nations".
var complementHeads = map[string]bool{
	"ministry": true, "department": true, "office": true, "bureau": true, "mission": true, "embassy": true,
	"council": true, "commission": true, "committee": true, "directorate": true, "command": true, "party": true,
	"university": true, "institute": true, "agency": true, "service": true, "center": true, "centre": true,
}

// Org is an organisation named in a text.
type Org struct {
	Start, End int // byte offsets
	Name       string
	Kind       OrgKind
	Firm       bool   // found by what the text says it is: "Kreativ Media, a marketing firm" (firmsAt)
	Country    string // a Firm's state, as the text says it ("a Russian company", "a firm in Tel Aviv, Israel"): ISO 3166-1 alpha-2
}

// FindOrgs finds organisations in text: the acronyms and names of
// knownOrgs, runs of capitalised words that end with an organisation word
// ("Federal Bureau of Investigation", "The Washington Post", "the Harris
// campaign", "Iran's Mission to the United Nations"), and "the X campaign"
// for a capitalised X. Spans in skip (indicators) are not looked into.
// The result is in text order. It reads the text once: every check is a
// look-up or a binary search, never a scan of what was found so far.
func FindOrgs(text string, skip []Span) []Org {
	return findOrgs(text, tokenize(text), skip)
}

// findOrgs is FindOrgs with the words of text already read (tokenize),
// which needs no indicator spans and so can be done before they are known.
func findOrgs(text string, words []word, skip []Span) []Org {
	pieces := 1
	if len(words) >= 1<<16 {
		pieces = linecut.Pieces(len(words), 1<<14)
	}
	return findOrgsIn(text, words, skip, pieces)
}

// findOrgsIn is findOrgs reading the words in up to pieces pieces side
// by side, cut at line breaks. Both passes over the words (the named
// organisations, and the classes of targets, two fifths of the work)
// go by piece: no run of capitalised words, known name or class start
// crosses a line break, so each piece finds exactly what one pass finds
// between its bounds. In Find the organisations start when the name
// recogniser is down to its last, one-goroutine stretch; read on two
// goroutines they were the last stage to end, 14 ms of one core after
// the names (bench/extract.sh's report).
func findOrgsIn(text string, words []word, skip []Span, pieces int) []Org {
	sk := newSpanIndex(skip)
	cuts := wordCuts(text, words, pieces)
	pieces = len(cuts) - 1
	namedIn := make([][]Org, pieces)
	firmsIn := make([][]Org, pieces)
	classesIn := make([][]Org, pieces)
	cuesIn := make([]orgCues, pieces)
	linecut.Run(2*pieces, func(p int) {
		if p < pieces {
			namedIn[p] = namedOrgs(text, words, sk, cuts[p], cuts[p+1])
			firmsIn[p] = firmsInWords(text, words, sk, cuts[p], cuts[p+1])
		} else {
			q := p - pieces
			classesIn[q] = targetClassesIn(text, words, cuts[q], cuts[q+1])
			cuesIn[q] = orgCuesIn(text, words, cuts[q], cuts[q+1])
		}
	})
	var cues orgCues
	for _, c := range cuesIn {
		cues.parties = append(cues.parties, c.parties...)
		cues.campaigns = append(cues.campaigns, c.campaigns...)
	}
	named := slices.Concat(namedIn...)
	// Parties named before a lower-case "party", which a class of targets
	// ("political party") would otherwise take.
	if parties := partiesIn(text, words, cues.parties, orgIndex(named), sk); len(parties) > 0 {
		named = mergeOrgs(named, parties)
	}
	// Classes of targets, where no name was found.
	namedIdx := orgIndex(named)
	var classes []Org
	for _, c := range slices.Concat(classesIn...) {
		if namedIdx.overlaps(c.Start, c.End) || sk.overlaps(c.Start, c.End) {
			continue
		}
		if n := len(classes); n > 0 && c.Start < classes[n-1].End {
			continue // inside a longer class found at an earlier place
		}
		classes = append(classes, c)
	}
	out := mergeOrgs(named, classes)
	// "the X campaign" / "X's campaign": a capitalised name before a
	// lower-case "campaign".
	outIdx := orgIndex(out)
	var campaigns []Org
	for _, i := range cues.campaigns {
		lw := text[words[i].Start:words[i].End]
		p := words[i-1]
		if !p.Capital || sk.overlaps(int(p.Start), int(words[i].End)) {
			continue
		}
		name := strings.TrimSuffix(strings.TrimSuffix(text[p.Start:p.End], "'s"), "’s")
		possessive := len(name) < int(p.End-p.Start)
		if i >= 2 && words[i-2].Capital && text[words[i-2].End:p.Start] == " " && !words[i-2].sentenceStart(text) &&
			!candidateTitles[text[words[i-2].Start:words[i-2].End]] && !possessive {
			continue // the last word of a longer name: "the Juicy Mix campaigns" are an actor's, not a "Mix campaign"; but "President Trump's campaign" is Trump's, and "Emmanuel Macron's campaign" Macron's
		}
		start := int(p.Start)
		if describedCampaign(name) {
			continue // "Italian-language campaigns", "DHL-themed campaign": what a campaign is like, not whose
		}
		end := int(words[i].End) - (len(lw) - len(trimPossessive(lw))) // before a possessive's "'s"
		if !outIdx.overlaps(start, end) && !commonCapital[name] {
			campaigns = append(campaigns, Org{Start: start, End: end, Name: name + " campaign", Kind: OrgCampaign})
			if lw == "campaigns" {
				campaigns = append(campaigns, listedCampaigns(text, words, i-1, outIdx, sk)...)
			}
		}
	}
	for _, i := range cues.campaigns {
		if c, ok := targetedCampaigns(text, words, i); ok && !outIdx.overlaps(c.Start, c.End) && !sk.overlaps(c.Start, c.End) {
			campaigns = append(campaigns, c)
		}
	}
	slices.SortFunc(campaigns, func(a, b Org) int { return a.Start - b.Start })
	out = mergeOrgs(out, campaigns)
	// Firms named by what the text says they are, where nothing else was
	// found.
	if firms := slices.Concat(firmsIn...); len(firms) > 0 {
		outIdx := orgIndex(out)
		firms = slices.DeleteFunc(firms, func(f Org) bool {
			if !outIdx.overlaps(f.Start, f.End) {
				return false
			}
			// A company, or an organisation of no sure kind, found by its
			// name already ("the Social Design Agency, a Russian company",
			// "Delta Lab, a troll farm"): the firm the text says it is.
			if k, ok := slices.BinarySearchFunc(out, f.Start, func(o Org, at int) int { return cmp.Compare(o.Start, at) }); ok && out[k].End == f.End &&
				(out[k].Kind == OrgCompany || out[k].Kind == OrgOther) {
				out[k].Kind, out[k].Firm = OrgCompany, true
				out[k].Country = cmp.Or(out[k].Country, f.Country)
			}
			return true
		})
		// The firm's name wherever else the text writes it: "STOIC denied
		// any involvement" is the firm's, as the sentence that said what
		// STOIC is.
		if len(firms) > 0 {
			repeats := make([][]Org, pieces)
			linecut.Run(pieces, func(p int) { repeats[p] = firmRepeats(text, words, cuts[p], cuts[p+1], firms, outIdx, sk) })
			firms = append(firms, slices.Concat(repeats...)...)
		}
		// In text order, each once: a list's first name is found after
		// its last, and a repeat where the firm was first said.
		slices.SortFunc(firms, func(a, b Org) int { return cmp.Compare(a.Start, b.Start) })
		out = mergeOrgs(out, slices.CompactFunc(firms, func(a, b Org) bool { return a.Start == b.Start }))
	}
	// One name however the text spaces it: "Islamic\u00a0Revolutionary
	// Guard Corps" (a web page's no-break space) and "Islamic
	// Revolutionary Guard Corps" are one organisation, one identity.
	for i := range out {
		out[i].Name = foldSpaces(out[i].Name)
	}
	return out
}

// foldSpaces returns s with each run of white space (a no-break space, a
// line break) made one ASCII space; s itself when it has none to fold.
func foldSpaces(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) < 0 && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// firmRepeats returns the other places words [lo, hi) name firms by
// their names as written, word for word with single spaces between, where no
// other organisation (outIdx) or indicator (sk) stands: each a Firm, as
// the place that said what it is.
func firmRepeats(text string, words []word, lo, hi int, firms []Org, outIdx, sk spanIndex) []Org {
	var lengths uint64 // bit n set for a first word of n bytes (63: more)
	for _, f := range firms {
		first, _, _ := strings.Cut(f.Name, " ")
		lengths |= 1 << min(len(first), 63)
	}
	var out []Org
	for i := lo; i < hi; i++ {
		w := words[i]
		if !w.Capital || lengths>>min(w.End-w.Start, 63)&1 == 0 {
			continue // decided without reading the word
		}
		for _, f := range firms {
			end := int(w.Start) + len(f.Name)
			if end > len(text) || text[w.Start:end] != f.Name {
				continue
			}
			if j := i + strings.Count(f.Name, " "); j >= len(words) || int(words[j].End) != end {
				continue // not whole words: "STOIC" in "STOICS"
			}
			if !outIdx.overlaps(int(w.Start), end) && !sk.overlaps(int(w.Start), end) {
				out = append(out, Org{Start: int(w.Start), End: end, Name: f.Name, Kind: OrgCompany, Firm: true, Country: f.Country})
			}
		}
	}
	return out
}

// firmNouns name a firm: what influence-operation reports say the
// people behind a network work for ("STOIC, a political marketing and
// business intelligence firm", "a marketing firm in Nigeria called
// Kreativ Media"). "farm" only after "troll".
var firmNouns = []string{"firm", "firms", "company", "companies", "agency", "agencies", "consultancy", "consultancies",
	"contractor", "contractors", "startup", "farm"}

// firmsInWords returns the firms that the firm nouns of words [lo, hi)
// say what they are (firmsAt), which may overlap names found elsewhere.
// A word of no firm noun's length and first letter is turned down
// reading one byte of it at most.
func firmsInWords(text string, words []word, sk spanIndex, lo, hi int) []Org {
	var out []Org
	for i := lo; i < hi; i++ {
		w := &words[i]
		if n := w.End - w.Start; n >= int32(len(firmFirsts)) || firmFirsts[n]>>(text[w.Start]&31)&1 == 0 {
			continue
		}
		out = firmsAt(text, words, i, sk, out)
	}
	return out
}

// firmsAt appends to out the companies that lower-case word i, a firm
// noun, says what they are: a capitalised name before ", a <...> firm"
// ("Percepto International, a political consulting firm"; in a list
// before a plural, each of it: "the Social Design Agency and Structura
// National Technologies, two Russian companies"), or after "a <...> firm
// (in Nigeria) called" ("a marketing firm in Nigeria called Kreativ
// Media"). Not a state's body ("CISA, a federal agency") or a news
// agency; not in an indicator (sk).
func firmsAt(text string, words []word, i int, sk spanIndex, out []Org) []Org {
	noun := text[words[i].Start:words[i].End]
	if i < 2 || !slices.Contains(firmNouns, noun) || noun == "farm" && text[words[i-1].Start:words[i-1].End] != "troll" {
		return out
	}
	if !firmNounEnds(text, words, i) {
		return out // "a company spokesperson": not the noun the phrase ends with
	}
	country := "" // the firm's state, by a demonym before the noun or a country after it
	add := func(first, last int) {
		start, end := int(words[first].Start), int(words[last].End)
		if !sk.overlaps(start, end) {
			out = append(out, Org{Start: start, End: end, Name: text[start:end], Kind: OrgCompany, Firm: true, Country: country})
		}
	}
	// ", a <...> firm" after a name.
	if k := firmArticle(text, words, i); k > 0 {
		country = firmCountry(text, words, k+1, i, true)
		if first, ok := nameRunBefore(text, words, k-1); ok {
			add(first, k-1)
			if plural := strings.HasSuffix(noun, "s"); plural && first >= 2 && text[words[first-1].Start:words[first-1].End] == "and" {
				// the item before "and" in "X and Y, two Russian companies"
				if f0, ok := nameRunBefore(text, words, first-2); ok {
					add(f0, first-2)
				}
			}
		}
		return out
	}
	// "a <...> firm (based) (in Nigeria) called Kreativ Media".
	for j := i + 1; j < len(words) && j <= i+6; j++ {
		w := text[words[j].Start:words[j].End]
		if w == "called" || w == "named" {
			lo := i // the noun's modifiers, back to its article
			for k := i - 1; k >= 0 && k >= i-6; k-- {
				if w := text[words[k].Start:words[k].End]; w == "a" || w == "an" {
					lo = k + 1
					break
				}
			}
			country = firmCountry(text, words, lo, j, false)
			if j+1 < len(words) && text[words[j].End:words[j+1].Start] == " " {
				if last, ok := nameRunAfter(text, words, j+1); ok {
					add(j+1, last)
				}
			}
			break
		}
		if !words[j].Capital && w != "in" && w != "based" && w != "of" {
			break
		}
	}
	return out
}

// firmCountry returns the state that words [lo, hi) of a firm's phrase
// name, by its adjective, its name or its capital ("a Russian company",
// "a marketing firm in Nigeria called X", "a Moscow-based firm"), or
// with after, the words after hi, the noun, up to where the phrase goes
// on ("a political marketing firm in Tel Aviv, Israel", "a marketing
// firm in Chisinau"); "" for none. Codes and acronyms ("PR", "IT") are
// not taken for states here.
func firmCountry(text string, words []word, lo, hi int, after bool) string {
	look := func(k int) string {
		w := text[words[k].Start:words[k].End]
		if !words[k].Capital || len(w) <= 2 {
			return ""
		}
		if cc := wordState(w); cc != "" {
			return cc
		}
		// A capital of two words ("a firm in Kuala Lumpur"): its state.
		// Other cities are no state's here ("in Tel Aviv" alone says no
		// country).
		if n := k + 1; n < len(words) && words[n].Capital && text[words[k].End:words[n].Start] == " " {
			return geo.CodeOfCapital(w + " " + text[words[n].Start:words[n].End])
		}
		return ""
	}
	for k := lo; k < hi && k < len(words); k++ {
		if cc := look(k); cc != "" {
			return cc
		}
	}
	for k := hi + 1; after && k < len(words) && k <= hi+5; k++ {
		if g := text[words[k-1].End:words[k].Start]; g != " " && g != ", " {
			break
		}
		if cc := look(k); cc != "" {
			return cc
		}
		if w := text[words[k].Start:words[k].End]; !words[k].Capital && w != "in" && w != "based" && w != "of" {
			break
		}
	}
	return ""
}

// firmFirsts has, by length, bit c&31 set for the first letter c of each
// firm noun of that length ("firm": "f" at 4), which turns down most
// words before firmsAt without reading more of them than one byte.
var firmFirsts = func() (t [14]uint32) {
	for _, n := range firmNouns {
		t[len(n)] |= 1 << (n[0] & 31)
	}
	return t
}()

// firmNounEnds reports whether firm noun i ends its phrase: punctuation
// or a word that begins what is said of the firm follows it.
func firmNounEnds(text string, words []word, i int) bool {
	if i+1 >= len(words) || text[words[i].End:words[i+1].Start] != " " {
		return true
	}
	switch text[words[i+1].Start:words[i+1].End] {
	case "in", "based", "that", "which", "with", "from", "run", "owned", "linked", "called", "named", "registered",
		"headquartered", "located", "and", "whose", "tied", "known", "for", "operating", "connected", "associated", "to",
		"behind", "financed", "funded", "hired", "contracted", "founded", "led", "close", "set", "who", "working":
		return true
	}
	return false
}

// firmArticle returns the article ("a", "an", "two", "both") of the
// phrase that ends with firm noun i, written right after a comma, or 0:
// at most five words between them, in lower case but for a state's
// adjective or an acronym ("a Russian company", "a PR firm"), none a
// state's or the news' before "agency" ("a federal agency", "a news
// agency").
func firmArticle(text string, words []word, i int) int {
	agency := strings.HasPrefix(text[words[i].Start:words[i].End], "agenc")
	for k := i - 1; k >= 1 && k >= i-6; k-- {
		w := text[words[k].Start:words[k].End]
		switch w {
		case "a", "an", "two", "three", "both":
			if strings.TrimRight(text[words[k-1].End:words[k].Start], " ") == "," {
				return k
			}
			return 0
		}
		if words[k].Capital && wordState(w) == "" && w != strings.ToUpper(w) || text[words[k].End:words[k+1].Start] != " " {
			return 0
		}
		if agency && (bodyModifiers[strings.ToLower(w)] || w == "news" || w == "government") {
			return 0
		}
	}
	return 0
}

// wordState returns the state a capitalised word names, by its name,
// its adjective or its capital, up to a hyphen ("Russian", "Israel-based",
// "Moscow-based"), or "": what may stand among a firm's lower-case
// modifiers ("a Russian company"), and what says where a firm is.
func wordState(w string) string {
	w, _, _ = strings.Cut(w, "-")
	if cc := geo.Lookup(w); cc != "" {
		return cc
	}
	return geo.CodeOfCapital(w)
}

// nameRunBefore returns the first word of the run of capitalised words
// (at most five, "of", "and" and "&" between them) that ends with word
// last, and whether there is one that names something: not a word that
// only opens the sentence ("However, a firm ...").
func nameRunBefore(text string, words []word, last int) (first int, ok bool) {
	if last < 0 || !words[last].Capital {
		return 0, false
	}
	first = last
	for k := last - 1; k >= 0 && k >= last-5 && text[words[k].End:words[k+1].Start] == " "; k-- {
		w := text[words[k].Start:words[k].End]
		if !words[k].Capital || commonCapital[w] || sentenceOpeners[w] {
			break
		}
		first = k
		if words[k].sentenceStart(text) {
			break
		}
	}
	w := text[words[first].Start:words[first].End]
	if commonCapital[w] || sentenceOpeners[w] {
		return 0, false
	}
	if first == last && words[first].sentenceStart(text) && !hasInnerCapital(w) {
		return 0, false // "However, a company ...", "Today, a firm ...": one ordinary word opening the sentence
	}
	return first, true
}

// nameRunAfter returns the last word of the run of capitalised words (at
// most four) that starts with word first, and whether there is one.
func nameRunAfter(text string, words []word, first int) (last int, ok bool) {
	if !words[first].Capital || commonCapital[text[words[first].Start:words[first].End]] {
		return 0, false
	}
	last = first
	for k := first + 1; k < len(words) && k < first+4 && words[k].Capital && text[words[k-1].End:words[k].Start] == " "; k++ {
		last = k
	}
	return last, true
}

// hasInnerCapital reports whether w has a capital letter after its first
// byte: "STOIC", "DarkMatter".
func hasInnerCapital(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// wordCuts returns the bounds of up to pieces ranges of words, cut
// where a line break comes between two words (linecut.Bounds): 0, each
// cut, len(words).
func wordCuts(text string, words []word, pieces int) []int {
	bounds := linecut.Bounds(text, pieces)
	cuts := make([]int, 1, len(bounds))
	for _, b := range bounds[1 : len(bounds)-1] {
		i, _ := slices.BinarySearchFunc(words, b, func(w word, at int) int { return cmp.Compare(int(w.Start), at) })
		if i > cuts[len(cuts)-1] && i < len(words) {
			cuts = append(cuts, i)
		}
	}
	return append(cuts, len(words))
}

// namedOrgs returns the organisations that words [lo, hi) name: known
// names, and runs of capitalised words that end with an organisation
// word.
func namedOrgs(text string, words []word, sk spanIndex, lo, hi int) (named []Org) {
	// A run of capitalised words without an organisation word fails from
	// any of its words as well: noHeadUntil skips them, so that a long run
	// (a title, a hostile text) is read once, not once per word.
	noHeadUntil := 0
	for i := lo; i < hi; i++ {
		w := words[i]
		if !w.Capital {
			continue // every known name and every run starts with a capital
		}
		if n, end, k, ok := knownOrgAt(text, words, i); ok && !sk.overlaps(int(w.Start), end) {
			// "Microsoft Threat Analysis Center", "Google Threat Analysis
			// Group": a company's own centre, lab or group, named after it.
			if j := i + n; k.kind == OrgCompany && end == int(words[j-1].End) && j < len(words) && text[end:words[j].Start] == " " {
				if o, next, ok := orgRun(text, words, j); ok && o.Start == int(words[j].Start) &&
					(o.Kind == OrgOther || o.Kind == OrgCompany) && !sk.overlaps(o.Start, o.End) {
					named = append(named, Org{Start: int(w.Start), End: o.End, Name: k.name + " " + o.Name, Kind: OrgCompany})
					i = next
					continue
				}
			}
			named = append(named, Org{Start: int(w.Start), End: end, Name: k.name, Kind: k.kind})
			i += n - 1
			continue
		}
		if i < noHeadUntil {
			continue // inside a run with no organisation word: no part of it names one
		}
		o, next, ok := orgRun(text, words, i)
		if ok && !sk.overlaps(o.Start, o.End) {
			named = append(named, o)
			i = next
		} else if !ok && next > i {
			noHeadUntil = next
		}
	}
	return named
}

// partiesIn finds parties named by a capitalised name before a lower-case
// "party": "the Heart of Moldova political party", "the pro-Russian Shor
// party", "the ruling United Russia party". The name may hold "of",
// "for" and "and" between its words; a possessive before it is the
// party's country or leader, not its name ("Moldova's Shor party"), and
// a capitalised word that only opens the sentence ("The") is none of it.
// at holds the indexes of the words "party" (orgCuesIn).
func partiesIn(text string, words []word, at []int, outIdx, sk spanIndex) []Org {
	var out []Org
	for _, i := range at {
		last := i - 1
		if text[words[last].Start:words[last].End] == "political" && last > 0 {
			last--
		}
		first := -1 // the name's first word
		for k := last; k >= 0 && text[words[k].End:words[k+1].Start] == " "; k-- {
			w := text[words[k].Start:words[k].End]
			if !words[k].Capital {
				if k == last || (w != "of" && w != "for" && w != "and") {
					break
				}
				continue
			}
			if trimPossessive(w) != w && k < last {
				break // "Moldova's Shor party"
			}
			if commonCapital[w] || sentenceOpeners[w] {
				break
			}
			first = k
			if words[k].sentenceStart(text) {
				break
			}
		}
		if first < 0 {
			continue
		}
		start, end := int(words[first].Start), int(words[last].End)
		name := text[start:end]
		if trimPossessive(name) != name || describedCampaign(name) || outIdx.overlaps(start, int(words[i].End)) || sk.overlaps(start, int(words[i].End)) {
			continue // "Moldova's party": whose, not which
		}
		out = append(out, Org{Start: start, End: int(words[i].End), Name: name + " party", Kind: OrgCampaign})
	}
	return out
}

// orgCues are the indexes of the words that organisations are named
// before: "party" (partiesIn) and "campaign" or "campaigns" (the
// campaigns of findOrgsIn), in text order, none the first word.
type orgCues struct{ parties, campaigns []int }

// orgCuesIn returns the orgCues of words [lo, hi). They are found in the
// pieces side by side, with the classes of targets: read by the steps
// after the pieces, which need every name the pieces find, one pass
// over every word each was 5-6 ms of one core on bench/extract.sh's
// report while the other waited.
func orgCuesIn(text string, words []word, lo, hi int) (c orgCues) {
	for i := max(lo, 1); i < hi; i++ {
		switch words[i].End - words[i].Start { // decided without reading the text, as most words are
		case int32(len("party")):
			if text[words[i].Start:words[i].End] == "party" {
				c.parties = append(c.parties, i)
			}
		case int32(len("campaign")), int32(len("campaigns")), int32(len("campaign's")), int32(len("campaign’s")):
			if w := text[words[i].Start:words[i].End]; w == "campaign" || w == "campaigns" || w == "campaign's" || w == "campaign’s" {
				c.campaigns = append(c.campaigns, i) // "the Trump campaign's email accounts": the campaign's
			}
		}
	}
	return c
}

// targetedCampaigns returns the class "political campaigns" for the
// plural "campaigns" at word i where a targeting word or the people of
// the campaigns come before it and its article: "aimed at the
// campaigns", "hacked both campaigns", "people associated with both
// campaigns". A report's own campaigns, the threat's, are never the
// object of those ("infrastructure associated with both campaigns" is
// not political).
func targetedCampaigns(text string, words []word, i int) (Org, bool) {
	if text[words[i].Start:words[i].End] != "campaigns" {
		return Org{}, false
	}
	is := func(k int, ws ...string) bool {
		return k >= 0 && slices.Contains(ws, strings.ToLower(text[words[k].Start:words[k].End]))
	}
	j := i - 1
	for n := 0; n < 2 && is(j, "the", "both", "two", "rival"); n++ {
		j-- // "the campaigns", "both campaigns", "the two campaigns", "the rival campaigns"
	}
	if j == i-1 {
		return Org{}, false // no article: "phishing campaigns", "targeted campaigns"
	}
	switch {
	case is(j, "targeted", "targeting", "target", "targets", "hacked", "hacking", "phished", "breached", "compromised", "into"),
		is(j, "at") && is(j-1, "aimed", "directed"),
		is(j, "with") && is(j-1, "associated", "affiliated", "connected") && is(j-2, "people", "individuals", "those", "persons", "staff", "staffers", "officials", "aides", "advisers", "advisors", "employees", "volunteers"),
		is(j, "of", "on", "from") && is(j-1, "staff", "staffers", "officials", "aides", "advisers", "advisors", "employees", "volunteers", "members"):
		return Org{Start: int(words[j+1].Start), End: int(words[i].End), Name: "political campaigns", Kind: OrgClass}, true
	}
	return Org{}, false
}

// listedCampaigns returns the other campaigns of a list of names that
// share the plural "campaigns" after name j: "the Harris and Trump
// campaigns", "the Biden, Sanders, and Warren campaigns". Each is named
// by its word alone, the span a claim's target is read from.
func listedCampaigns(text string, words []word, j int, outIdx, sk spanIndex) []Org {
	var out []Org
	wordListBefore(text, words, j, func(k int, comma bool) bool {
		p := words[k]
		if !p.Capital || words[k+1].sentenceStart(text) || comma && p.sentenceStart(text) {
			return false // "Yesterday, Trump and Biden campaigns": no list before the comma
		}
		name := trimPossessive(text[p.Start:p.End])
		if m, end := monthAt(name, 0); m > 0 && end == len(name) {
			return false // "In March, Trump and Biden campaigns"
		}
		if describedCampaign(name) || commonCapital[name] || outIdx.overlaps(int(p.Start), int(p.End)) || sk.overlaps(int(p.Start), int(p.End)) {
			return false
		}
		out = append(out, Org{Start: int(p.Start), End: int(p.End), Name: name + " campaign", Kind: OrgCampaign})
		return true
	})
	return out
}

// wordListBefore walks back over the words of a list that ends with word
// j, the one before a noun the list shares ("the Biden, Sanders, and
// Warren campaigns"): the word joined to j by "and" or "or", then those
// joined by commas, nearest first, at most eight, for as long as item
// takes them. item is given each word's index and whether a comma, not
// "and" or "or", follows it.
func wordListBefore(text string, words []word, j int, item func(k int, comma bool) bool) {
	for n := 0; n < 8 && j >= 2; n++ {
		k := j - 1 // the word before the item after it
		gap := strings.TrimSpace(text[words[k].End:words[j].Start])
		comma := gap == ","
		if w := text[words[k].Start:words[k].End]; (w == "and" || w == "or") && gap == "" {
			gap = strings.TrimSpace(text[words[k-1].End:words[k].Start])
			if gap != "" && gap != "," {
				return
			}
			k--
		} else if !comma || n == 0 {
			return // a list ends with "and" or "or" before its last item
		}
		if !item(k, comma) {
			return
		}
		j = k
	}
}

// knownFirst holds the first word of every name of knownOrgs, as tokenize
// splits it: most capitalised words of a text start none.
var knownFirst = func() map[string]bool {
	m := map[string]bool{}
	for k := range knownOrgs {
		if ws := tokenize(k); len(ws) > 0 {
			m[k[ws[0].Start:ws[0].End]] = true
		}
	}
	return m
}()

// knownFirstLengths holds, by first byte, a bit for the length of each
// word of knownFirst (63: longer), which turns down most words without
// hashing them.
var knownFirstLengths = func() (t [256]uint64) {
	for f := range knownFirst {
		t[f[0]] |= 1 << min(len(f), 63)
	}
	return t
}()

// isKnownFirst reports whether w is a word of knownFirst.
func isKnownFirst(w string) bool {
	return w != "" && knownFirstLengths[w[0]]&(1<<min(len(w), 63)) != 0 && knownFirst[w]
}

// knownOrgAt returns the longest name of knownOrgs (up to three words, on
// one line) that starts at word i, its length in words and where it ends:
// before a possessive "'s" ("the DNC’s email"), which is not part of it.
func knownOrgAt(text string, words []word, i int) (n, end int, k knownOrg, ok bool) {
	// Most capitalised words start no known name: one look-up each, and
	// a second only for a possessive.
	if first := text[words[i].Start:words[i].End]; !isKnownFirst(first) {
		if bare := trimPossessive(first); len(bare) == len(first) || !isKnownFirst(bare) {
			return 0, 0, knownOrg{}, false
		}
	}
	for n := min(3, len(words)-i); n >= 1; n-- {
		phrase := trimPossessive(text[words[i].Start:words[i+n-1].End])
		if strings.Contains(phrase, "\n") {
			continue
		}
		if k, ok := knownOrgs[phrase]; ok {
			return n, int(words[i].Start) + len(phrase), k, true
		}
	}
	return 0, 0, knownOrg{}, false
}

// trimPossessive returns w without a final "'s" or "’s".
func trimPossessive(w string) string {
	if s, ok := strings.CutSuffix(w, "'s"); ok {
		return s
	}
	if s, ok := strings.CutSuffix(w, "’s"); ok {
		return s
	}
	return w
}

// targetClassesIn finds the phrases of targetClasses in text, as whole
// words in any case (bounded as isWordByte says), in text order; where
// several start at one place, the first of the list (the longest) wins.
// Matches may overlap. A phrase starts with an ASCII letter, which words
// hold, at the start of a word, after a leading "&", or after a hyphen,
// period or apostrophe inside one: only those places are tried.
func targetClassesIn(text string, words []word, lo, hi int) []Org {
	var out []Org
	try := func(i int) {
		k, j := classAt(text, i)
		if k < 0 {
			return
		}
		if cl := targetClasses[k]; strings.HasPrefix(cl, "the ") {
			if k2, j2 := classAt(text, i+len("the ")); k2 >= 0 && j2 > j {
				return // "the election officials": the longer class starts at the next word, and is taken there
			}
		}
		out = append(out, Org{Start: i, End: j, Name: className(targetClasses[k]), Kind: OrgClass})
	}
	for wi := lo; wi < hi; wi++ {
		w := words[wi]
		if classPair(text, int(w.Start)) {
			n := len(out)
			try(int(w.Start)) // most words start with no class's first two letters: no call
			if len(out) > n && (strings.HasSuffix(out[n].Name, " sector") || strings.HasSuffix(out[n].Name, " industry")) &&
				text[out[n].End-1]|0x20 == 's' { // a plural: "the finance and retail sectors"
				out = coordinatedSectors(text, words, wi, out)
			} else if len(out) == n && w.End-w.Start >= 7 && text[w.End-1]|0x20 == 's' {
				// A word for sectors, a list of them after it ("sectors
				// such as defense and energy"; classPair lets these words
				// in too: see classLeads).
				var last int
				if noun := sectorsNoun(text, w); noun != "" {
					out, last = sectorsListed(text, words, wi, hi, noun, out)
				}
				if last > wi {
					wi = last // the listed sectors are classes of their own, not the start of others
					continue
				}
			}
		}
		if text[w.Start] == '&' && w.Start+1 < w.End {
			try(int(w.Start) + 1)
		}
		if w.Inner {
			for k := int(w.Start) + 1; k < int(w.End); k++ {
				if c := text[k-1]; c == '-' || c == '.' || c == '\'' {
					try(k)
				}
			}
		}
	}
	return out
}

// sectorNouns are the plural words for sectors a list of them may
// follow ("sectors such as defense and energy"), each with the noun of
// the classes of the sectors listed.
var sectorNouns = []struct{ word, noun string }{{"sectors", " sector"}, {"verticals", " sector"}, {"industries", " industry"}}

// sectorsNoun returns the noun of sectorNouns of word w (in any case),
// or "" when it is none of them.
func sectorsNoun(text string, w word) string {
	s := text[w.Start:w.End]
	for _, sn := range sectorNouns {
		if len(s) == len(sn.word) && s[0]|0x20 == sn.word[0] && strings.EqualFold(s, sn.word) {
			return sn.noun
		}
	}
	return ""
}

// sectorsListed appends to out the sectors a list after words[wi], a
// plural for sectors, names ("organizations from various sectors such as
// defense, energy, health and IT", "industries including finance and
// retail"): after "such as", "including", "like" or a colon, one-word
// sectors of sectorWords separated by commas, "and" and "or", up to the
// first word that is none (the list there may go on with words that are
// not sectors, which are left out). It returns out and the index of the
// last word listed (wi when none is).
func sectorsListed(text string, words []word, wi, hi int, noun string, out []Org) ([]Org, int) {
	is := func(k int, w string) bool { return k < hi && strings.EqualFold(text[words[k].Start:words[k].End], w) }
	// gap is what stands between word k and the one before it, spaces aside.
	gap := func(k int) string { return strings.TrimSpace(text[words[k-1].End:words[k].Start]) }
	var j int // the list's first word
	switch next := wi + 1; {
	case next < hi && gap(next) == ":":
		j = next
	case is(next, "such") && is(next+1, "as") && gap(next) == "" && gap(next+1) == "":
		j = next + 2
	case (is(next, "including") || is(next, "like")) && gap(next) == "":
		j = next + 1
	default:
		return out, wi
	}
	if j >= hi || j > wi+1 && gap(j) != "" {
		return out, wi // "such as, ...": no list right after its cue
	}
	last := wi
	for n := 0; j < hi && n < 16; n++ {
		w := strings.ToLower(text[words[j].Start:words[j].End])
		if !oneWordSectors[w] {
			break
		}
		// The next item: after ", ", " and ", " or " or ", and". A word
		// after a space alone goes on the item's phrase ("like
		// government agencies", a class of its own): the list ends
		// before it.
		k := j + 1
		next := ""
		if k < hi {
			next = text[words[k].Start:words[k].End]
		}
		if k < hi && gap(k) == "" && next != "and" && next != "or" {
			break
		}
		out = append(out, Org{Start: int(words[j].Start), End: int(words[j].End), Name: w + noun, Kind: OrgClass})
		last = j
		if k >= hi {
			break
		}
		if (next == "and" || next == "or") && (gap(k) == "" || gap(k) == ",") && k+1 < hi && gap(k+1) == "" {
			k++
		} else if gap(k) != "," {
			break
		}
		j = k
	}
	return out, last
}

// coordinatedSectors inserts before the last of out, a plural sector's
// class whose first word is words[wi] ("retail sectors"), the sectors
// listed before it that share its noun: "the finance and retail
// sectors", "the financial, healthcare, and retail sectors" (one-word
// sectors of sectorWords).
func coordinatedSectors(text string, words []word, wi int, out []Org) []Org {
	last := out[len(out)-1]
	noun := last.Name[strings.LastIndexByte(last.Name, ' '):] // " sector" or " industry"
	var listed []Org
	wordListBefore(text, words, wi, func(k int, _ bool) bool {
		w := strings.ToLower(text[words[k].Start:words[k].End])
		if !oneWordSectors[w] {
			return false
		}
		listed = append(listed, Org{Start: int(words[k].Start), End: int(words[k].End), Name: w + noun, Kind: OrgClass})
		return true
	})
	if len(listed) == 0 {
		return out
	}
	slices.Reverse(listed)
	return append(append(out[:len(out)-1], listed...), last)
}

// oneWordSectors are the sectors of sectorWords written in one word.
var oneWordSectors = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range sectorWords {
		if !strings.Contains(w[0], " ") {
			m[w[0]] = true
		}
	}
	return m
}()

// classAt returns the class of targetClasses that starts at byte i of
// text, as a whole word, and where it ends; -1 when none does. Where
// several start at i, the first of the list (the longest) wins.
func classAt(text string, i int) (int, int) {
	if i+1 >= len(text) {
		return -1, 0
	}
	c0, c1 := text[i]|0x20, text[i+1]|0x20 // lower case, when letters
	if c0 < 'a' || c0 > 'z' || c1 < 'a' || c1 > 'z' || i > 0 && isWordByte(text[i-1]) {
		return -1, 0
	}
	// The run of letters at i is as long as a class's that starts
	// the same only where a letter does not follow that many: the
	// shortest such length is the only one it can be.
	n := -1
	for m := classLeads[c0-'a'][c1-'a']; m != 0; m &= m - 1 {
		if l := bits.TrailingZeros32(m); i+l == len(text) || i+l < len(text) && !isASCIILetter(text[i+l]) {
			n = l
			break
		}
	}
	if n < 0 {
		return -1, 0
	}
	var ks []int // the classes that start with c0, c1 and a run of n letters, in list order
	for _, g := range classesByPair[c0-'a'][c1-'a'] {
		if g.lead == n {
			ks = g.classes
			break
		}
	}
	for _, k := range ks {
		cl := targetClasses[k]
		j := i + len(cl)
		if j > len(text) || len(cl) > n+1 && text[i+n+1]|0x20 != cl[n+1] {
			continue // the second word's first letter, before the whole phrase: "energy sector", "energy companies", ...
		}
		if hasPrefixFold(text[i:], cl) && (j == len(text) || !isWordByte(text[j])) {
			return k, j
		}
	}
	return -1, 0
}

// classPair reports whether the two bytes at i are the first two letters
// of a class of targetClasses, in either case: classAt's first test,
// small enough to be inlined where every word is asked.
func classPair(text string, i int) bool {
	if i+1 >= len(text) {
		return false
	}
	c0, c1 := text[i]|0x20-'a', text[i+1]|0x20-'a'
	return c0 < 26 && c1 < 26 && classLeads[c0][c1] != 0
}

// isWordByte reports whether c continues a word for targetClassesIn: an
// ASCII letter, digit or underscore, or any byte of a non-ASCII character
// (so a class next to a curly quote is not matched, as before).
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// hasPrefixFold reports whether s starts with prefix, a lower-case ASCII
// phrase, in any case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		if b, p := s[k], prefix[k]; b != p && (p < 'a' || p > 'z' || b != p-'a'+'A') {
			return false
		}
	}
	return true
}

// classesByPair indexes targetClasses by their first two letters (each
// starts with two lower-case ASCII letters) and then by the length of
// their first run of letters (classLead), in list order: most words that
// start like a class (the, to, a) match none, and are turned down without
// comparing phrases, and those that may match are compared only with the
// classes whose first word is as long.
var classesByPair = func() (t [26][26][]classGroup) {
	for k, c := range targetClasses {
		gs := &t[c[0]-'a'][c[1]-'a']
		i := slices.IndexFunc(*gs, func(g classGroup) bool { return g.lead == classLead[k] })
		if i < 0 {
			*gs = append(*gs, classGroup{lead: classLead[k]})
			i = len(*gs) - 1
		}
		(*gs)[i].classes = append((*gs)[i].classes, k)
	}
	return t
}()

// classGroup holds the classes of targetClasses with the same first two
// letters whose first run of letters is lead long.
type classGroup struct {
	lead    int
	classes []int
}

// classLead is the length of each class's first run of ASCII letters
// (letterRun), and classLeads holds, for each first two letters, a bit
// for each such length: a word that starts like a class ("the", "public")
// is turned down without comparing phrases unless its own run of letters
// is as long as one's that starts the same.
var classLead, classLeads = func() (lead []int, leads [26][26]uint32) {
	for _, c := range targetClasses {
		n := letterRun(c, 0)
		lead = append(lead, n)
		leads[c[0]-'a'][c[1]-'a'] |= 1 << n
	}
	// The words for sectors that a list of them may follow
	// (sectorsListed) pass classPair as well, and are told apart after it
	// (sectorsNoun): not asked of every word of a report.
	for _, sn := range sectorNouns {
		leads[sn.word[0]-'a'][sn.word[1]-'a'] |= 1 << len(sn.word)
	}
	return lead, leads
}()

// letterRun is how many ASCII letters s has from i on, up to 31.
func letterRun(s string, i int) int {
	n := 0
	for i+n < len(s) && n < 31 && isASCIILetter(s[i+n]) {
		n++
	}
	return n
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// spanIndex answers whether a span overlaps any of a set of spans in
// O(log n): the spans sorted by start, with the greatest end so far.
type spanIndex struct {
	starts, maxEnd []int
}

func newSpanIndex(spans []Span) spanIndex {
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
	x := spanIndex{starts: make([]int, len(sorted)), maxEnd: make([]int, len(sorted))}
	end := math.MinInt
	for i, s := range sorted {
		end = max(end, s.End)
		x.starts[i], x.maxEnd[i] = s.Start, end
	}
	return x
}

func orgIndex(orgs []Org) spanIndex {
	spans := make([]Span, len(orgs))
	for i, o := range orgs {
		spans[i] = Span{o.Start, o.End}
	}
	return newSpanIndex(spans)
}

// overlaps reports whether [s, e) overlaps one of the spans.
func (x spanIndex) overlaps(s, e int) bool {
	n, _ := slices.BinarySearch(x.starts, e) // spans [0, n) start before e
	return n > 0 && x.maxEnd[n-1] > s
}

// mergeOrgs merges two lists in text order, a's first at equal starts.
func mergeOrgs(a, b []Org) []Org {
	if len(b) == 0 {
		return a
	}
	out := make([]Org, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if b[j].Start < a[i].Start {
			out = append(out, b[j])
			j++
		} else {
			out = append(out, a[i])
			i++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// describedCampaign reports whether the capitalised word before
// "campaign" says what the campaign is like, not whose it is: a compound
// whose last part is in lower case ("Italian-language", "DHL-themed",
// "COVID-related"), or a code, in capitals or with a digit ("APT
// campaigns", "C2 campaign"), which no candidate's name is. A
// candidate's compound name keeps its capitals ("Ocasio-Cortez").
func describedCampaign(name string) bool {
	if strings.ContainsAny(name, "0123456789") || name == strings.ToUpper(name) {
		return true
	}
	i := strings.LastIndexByte(name, '-')
	if i < 0 || i+1 >= len(name) {
		return false
	}
	c := name[i+1]
	return c >= 'a' && c <= 'z'
}

// candidateTitles stand before a candidate's name: "former President
// Trump's campaign", "Senator Vance's campaign".
var candidateTitles = map[string]bool{"President": true, "Senator": true, "Sen": true, "Governor": true, "Gov": true,
	"Representative": true, "Rep": true, "Congressman": true, "Congresswoman": true, "Mayor": true, "Minister": true,
	"Candidate": true, "Nominee": true}

// commonCapital are capitalised words that do not name a campaign's
// candidate when they come before "campaign".
var commonCapital = map[string]bool{"The": true, "This": true, "That": true, "These": true, "Those": true, "A": true, "An": true,
	"Each": true, "Every": true, "Another": true, "One": true, "Any": true, "Our": true, "Their": true, "Its": true, "Which": true,
	"Phishing": true, "Influence": true, "Disinformation": true}

// word is one token of a text: letters, digits and inner punctuation
// ('s, hyphens, periods of abbreviations).
type word struct {
	Start, End int32 // byte offsets: int32 halves the slice of a long text
	Capital    bool
	Inner      bool // holds an ASCII hyphen, period or apostrophe
}

// wordsOf returns the words of text, tokenize's, read off the name
// recogniser's tokens of it rather than off its bytes: a word is a token,
// with the tokens that follow it across one inner punctuation mark before
// a letter ("U.S", "Al-Qaeda", "O'Brien", "Iran’s"), and an "&" just
// before it, or before such a mark before it ("AT&T" is "AT" and "&T";
// "&'A" one word); an "&" before no token is a word of its own. A token
// holding a combining mark, which the recogniser counts as part of a word
// and tokenize does not, sends the whole text to tokenize.
func wordsOf(text string, toks names.Tokens) []word {
	n := toks.Len()
	out := make([]word, 0, n+n/64+16)
	amp := strings.IndexByte(text, '&') // the next "&" not yet read, or -1
	// ampsBefore adds a word for each "&" before byte at, and moves amp
	// past them and past one at at (which starts the word there).
	ampsBefore := func(at int) {
		for amp >= 0 && amp <= at {
			if amp < at {
				out = append(out, word{Start: int32(amp), End: int32(amp + 1)})
			}
			next := strings.IndexByte(text[amp+1:], '&')
			if next < 0 {
				amp = -1
			} else {
				amp += 1 + next
			}
		}
	}
	for i := 0; i < n; i++ {
		s, e, capital, nonASCII, _ := toks.At(i)
		if nonASCII && hasMark(text[s:e]) {
			return tokenize(text)
		}
		w := word{Start: int32(s), Capital: capital}
		// An "&" before the token, or before a mark before it: told by
		// the byte before it first, a space nearly always.
		if s >= 1 {
			switch text[s-1] {
			case '&':
				w.Start, w.Capital = int32(s-1), false
			case '-', '.', '\'':
				if s >= 2 && text[s-2] == '&' && letterAt(text, s) {
					w.Start, w.Capital, w.Inner = int32(s-2), false, true
				}
			case "’"[2]:
				if s >= 4 && text[s-4] == '&' && text[s-3:s] == "’" && letterAt(text, s) {
					w.Start, w.Capital = int32(s-4), false
				}
			}
		}
		if amp >= 0 && amp <= int(w.Start) {
			ampsBefore(int(w.Start))
		}
		for i+1 < n {
			// Only an inner mark right after the token joins the next to
			// it: told by that byte first (a space nearly always), before
			// the next token is read.
			if c := text[e]; c != '-' && c != '.' && c != '\'' && c != "’"[0] {
				break
			}
			s2, e2 := toks.Span(i + 1)
			switch {
			case s2-e == 1 && (text[e] == '-' || text[e] == '.' || text[e] == '\''):
				w.Inner = w.Inner || letterAt(text, s2)
			case s2-e == len("’") && text[e:s2] == "’":
			default:
				s2 = -1 // no inner mark: the word ends
			}
			if s2 < 0 || !letterAt(text, s2) {
				break
			}
			i++
			if toks.NonASCII(i) && hasMark(text[s2:e2]) {
				return tokenize(text) // every token is looked at for marks, those joined to a word too
			}
			e = e2
		}
		w.End = int32(e)
		if w.Capital && capsJoiner(text[w.Start:w.End]) {
			w.Capital = false
		}
		out = append(out, w)
	}
	ampsBefore(len(text))
	return out
}

// hasMark reports whether s holds a combining mark.
func hasMark(s string) bool {
	for _, r := range s {
		if unicode.IsMark(r) {
			return true
		}
	}
	return false
}

// dayOrMonth reports whether w names a day of the week or a month (the
// dates' monthNames).
func dayOrMonth(w string) bool {
	switch w {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday":
		return true
	}
	return slices.Contains(monthNames[:], w)
}

// capsJoiner reports whether w is a joining word written in capitals, as
// a heading in capitals writes every word ("STATEMENT FROM THE OFFICE OF
// THE DIRECTOR OF NATIONAL INTELLIGENCE ON ..."): read as the lower-case
// word it is, it joins a name ("OF", "THE", "AND") or ends it ("FROM",
// "ON") as in a heading in ordinary case, and the name is "OFFICE OF THE
// DIRECTOR OF NATIONAL INTELLIGENCE", not the whole heading.
func capsJoiner(w string) bool {
	switch w {
	case "OF", "THE", "AND", "FROM", "ON", "TO", "FOR", "IN", "AT", "BY", "WITH", "AN", "INTO", "AGAINST", "ABOUT":
		return true
	}
	return false
}

// tokenize splits text into words.
//
// Most of a report is ASCII: its bytes are classified by table, and a
// character is decoded only where a byte is not ASCII.
func tokenize(text string) []word {
	out := make([]word, 0, len(text)/6)
	i := 0
	for i < len(text) {
		r, n := rune(text[i]), 1
		if r < utf8.RuneSelf {
			if asciiClass[r]&(asciiLetter|asciiDigit) == 0 && r != '&' {
				i++
				continue
			}
		} else if r, n = utf8.DecodeRuneInString(text[i:]); !isLetterOrDigit(r) {
			i += n
			continue
		}
		start := i
		capital := r < utf8.RuneSelf && asciiClass[r]&asciiUpper != 0 || r >= utf8.RuneSelf && unicode.IsUpper(r)
		inner := false
		i += n
		// The recogniser's token in the word starts at tok (after an
		// "&", or an inner mark), and is cut names.TokenRun bytes on:
		// the word ends there, as wordsOf's does (a pathological run of
		// letters; no real word is that long).
		tok := start
		if r == '&' {
			tok = i
		}
		for i < len(text) && i < tok+names.TokenRun {
			c := text[i]
			if c < utf8.RuneSelf {
				if asciiClass[c]&(asciiLetter|asciiDigit) != 0 {
					i++ // the common case: an ASCII letter or digit
					continue
				}
				// Inner punctuation continues a word when a letter follows.
				if (c == '\'' || c == '-' || c == '.') && i+1 < len(text) && letterAt(text, i+1) {
					inner = true
					i++
					tok = i
					continue
				}
				break
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if isLetterOrDigit(r) {
				i += n
				continue
			}
			if r == '’' && i+n < len(text) && letterAt(text, i+n) {
				i += n
				tok = i
				continue
			}
			break
		}
		out = append(out, word{Start: int32(start), End: int32(i), Capital: capital && !capsJoiner(text[start:i]), Inner: inner})
	}
	return out
}

// sentenceStart reports whether w starts a sentence (or a line): only
// white space, or nothing, stands between it and a sentence's end or a
// line break before it.
func (w word) sentenceStart(text string) bool {
	for k := int(w.Start) - 1; k >= 0; k-- {
		switch c := text[k]; c {
		case ' ', '\t':
		case '\n', '.', '!', '?', ':':
			return true
		default:
			return false
		}
	}
	return true
}

// letterAt reports whether the character at text[i:] is a letter.
func letterAt(text string, i int) bool {
	if c := text[i]; c < utf8.RuneSelf {
		return asciiClass[c]&asciiLetter != 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// asciiClass classifies ASCII bytes for tokenize.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = asciiLetter
		t[c-'a'+'A'] = asciiLetter | asciiUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = asciiDigit
	}
	return t
}()

const (
	asciiLetter = 1 << iota
	asciiDigit
	asciiUpper
)

func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r]&(asciiLetter|asciiDigit) != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lowerKey returns the ASCII lower case of w in buf, for map look-ups
// that do not allocate; a word longer than buf, which no word list holds,
// comes back empty.
func lowerKey(buf []byte, w string) []byte {
	if len(w) > cap(buf) {
		return nil
	}
	buf = buf[:len(w)]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf
}

// lowerSet is a map of lower-case words looked up by a word lower-cased
// as lowerKey does, with a table of the first bytes and lengths of its
// words that turns most words down without the map: orgRun asks of every
// word of every run whether it is a joiner and an organisation word, and
// those look-ups were two thirds of its time.
type lowerSet[V any] struct {
	words  map[string]V
	shapes [256]uint32 // by first byte: bit n when a word of n bytes starts with it
}

// newLowerSet indexes m, whose words must be shorter than 32 bytes.
func newLowerSet[V any](m map[string]V) *lowerSet[V] {
	s := &lowerSet[V]{words: m}
	for w := range m {
		if w == "" || len(w) >= 32 || string(lowerKey(make([]byte, 0, 32), w)) != w {
			panic("extract: lowerSet word " + w)
		}
		s.shapes[w[0]] |= 1 << len(w)
	}
	return s
}

// get returns what the set holds for w lower-cased by lowerKey into buf.
func (s *lowerSet[V]) get(buf []byte, w string) (v V, ok bool) {
	if len(w) == 0 || len(w) >= 32 {
		return v, false
	}
	c := w[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	if s.shapes[c]&(1<<len(w)) == 0 {
		return v, false
	}
	v, ok = s.words[string(lowerKey(buf, w))]
	return v, ok
}

var (
	orgHeadSet = newLowerSet(orgHeads)
	joinerSet  = newLowerSet(lowerJoiners)
)

// isJoiner reports whether w, lower-cased by lowerKey into buf, is one of
// lowerJoiners.
func isJoiner(buf []byte, w string) bool {
	v, _ := joinerSet.get(buf, w)
	return v
}

// isOrgHead reports whether w, lower-cased by lowerKey into buf, is one
// of orgHeads.
func isOrgHead(buf []byte, w string) bool {
	_, ok := orgHeadSet.get(buf, w)
	return ok
}

// runBreak reports whether the gap between two words ends a run of
// capitalised words: a line end or punctuation other than a hyphen, a
// period or an apostrophe. Most gaps are one space, told at once (the
// set holds dashes outside ASCII, with which strings.ContainsAny reads
// the gap rune by rune: 120 instructions a gap, 134,000 gaps on the
// bench report).
func runBreak(gap string) bool {
	return gap != " " && strings.ContainsAny(gap, "\n,;:()\"!?|/\\%–—")
}

// orgRun reads a run of capitalised words (with joiners) from word i and
// returns the organisation it names, if it ends in an organisation word,
// and the index of the run's last word. When the run holds no
// organisation word at all it returns false and the index of the word
// after the run, before which every start fails the same way; otherwise
// false and 0.
func orgRun(text string, words []word, i int) (Org, int, bool) {
	var buf [24]byte
	tok := func(j int) string { return text[words[j].Start:words[j].End] }
	// The run is words [i, j).
	j := i
	for j < len(words) {
		wj := words[j]
		if j > i {
			if gap := text[words[j-1].End:wj.Start]; runBreak(gap) || strings.HasPrefix(gap, ". ") && !isAbbreviation(text, int(words[j-1].End)) {
				break // "the Islamic Revolutionary Guard Corps. The ...": the sentence ends; "U.S. Department" goes on
			}
		}
		if j > i && wj.Capital {
			if _, known := knownOrgs[tok(j)]; known {
				break // another organisation starts here
			}
		}
		if !wj.Capital && (j == i || !isJoiner(buf[:0], tok(j))) {
			break
		}
		if j > i && wj.Capital && !words[j-1].Capital && dayOrMonth(tok(j)) {
			break // "the Agency for International Development on Monday": a date, after the joiner
		}
		j++
	}
	// The name's head is its last organisation word, or the first one
	// with a possessive ("Clemson University's Media Forensics Hub": the
	// name ends there). Two names joined by "and" are two: "the Belfer
	// Center and the Ministry of Defence" is cut at the "and" after a
	// head that another head follows ("Cybersecurity and Infrastructure
	// Security Agency" has one).
	last, possessive, and := -1, false, -1
	for k := i; k < j; k++ {
		w := tok(k)
		bare := trimPossessive(w)
		if !words[k].Capital || !isOrgHead(buf[:0], bare) {
			if last >= 0 && (w == "and" || w == "AND") && (and < 0 || k+1 < j && tok(k+1) == "the") {
				and = k // the "and" of "and the" if there is one: "Ministry of Intelligence and Security and the Federal Security Service"
			}
			continue
		}
		if and >= 0 {
			j = and
			break
		}
		last = k
		if possessive = len(bare) < len(w) && k > i; possessive {
			break
		}
	}
	for j > i && !words[j-1].Capital {
		j-- // no trailing joiners
	}
	if last < 0 {
		return Org{}, j, false
	}
	head := strings.ToLower(trimPossessive(tok(last)))
	if tok(last) == "POST" && (last == i || tok(last-1) != strings.ToUpper(tok(last-1)) || tok(last-1) == "HTTP" || tok(last-1) == "HTTPS") {
		return Org{}, j, false // the HTTP method ("an HTTP POST request", "The POST request"), not a newspaper; a heading in capitals keeps "THE WASHINGTON POST"
	}
	if weakHeads[head] && !(last+1 < j && lowerJoiners[strings.ToLower(tok(last+1))] && !strings.EqualFold(tok(last+1), "and")) {
		// "Service" and "Command" end the names of software, protocols
		// and techniques as often as of state bodies ("Web Service",
		// "OS Command", "Cloudflare Workers Service"): a body's name
		// says what it is of ("Security Service of Ukraine") or has a
		// word of a state's ("Federal Security Service", "Cyber
		// Command").
		state := false
		for k := i; k < last && !state; k++ {
			state = bodyModifiers[strings.ToLower(trimPossessive(tok(k)))]
		}
		if !state {
			return Org{}, j, false
		}
	}
	end := last
	andThe := false // the complement is cut before "and the"
	if complementHeads[head] && !possessive && !(last+1 < j && (strings.EqualFold(tok(last+1), "and") ||
		// "to" takes a complement only after a mission or an embassy
		// ("Iran's Mission to the United Nations"): "attributed the hack
		// of the Social Democratic Party to APT28" says to whom.
		strings.EqualFold(tok(last+1), "to") && head != "mission" && head != "embassy")) {
		// The complement is what follows the head: "Ministry of
		// Intelligence and Security", not "Command and Control"; an
		// "and the" after it starts a second name ("the Security
		// Service of Ukraine and the Heart of Moldova party").
		end = j - 1
		for k := last + 2; k+1 < j; k++ {
			if tok(k) == "and" && tok(k+1) == "the" {
				end, andThe = k-1, true
				break
			}
		}
		if upper := tok(last); upper == strings.ToUpper(upper) {
			// A heading in capitals: every word after "ON" or "FOR" is
			// capitalised too, so the complement cannot be told from the
			// heading's next words ("SECURITY AGENCY ON FOREIGN INFLUENCE
			// AND ..."). Only "OF" is taken: "DEPARTMENT OF JUSTICE".
			for k := last + 1; k < j; k++ {
				if w := tok(k); capsJoiner(w) && w != "OF" && w != "THE" && w != "AND" {
					end = k - 1
					break
				}
			}
			for end > last && !words[end].Capital {
				end--
			}
		}
	}
	first := i
	if firstWord := tok(i); strings.HasSuffix(firstWord, "'s") || strings.HasSuffix(firstWord, "’s") {
		first = i + 1 // "Iran's Ministry of ...": the possessive is not part of the name
	} else if firstWord == "The" && orgHeads[head] != OrgMedia || sentenceOpeners[firstWord] {
		first = i + 1 // "According to the Meir Amit ... Center": the opener and its joiners are no part of it
	} else if words[i].sentenceStart(text) && i+2 <= last {
		// A sentence's first word joined to the name by "the" or "and
		// the" is capitalised for its place, and no part of the name:
		// "Yesterday the Federal Bureau of Investigation", "Journalists
		// and the Election Assistance Commission".
		if w1 := tok(i + 1); w1 == "the" {
			first = i + 2
		} else if w1 == "and" && tok(i+2) == "the" {
			first = i + 3
		}
	}
	if first > end || first == end && words[end].Capital && first == last && end == last {
		return Org{}, 0, false // a lone organisation word names nothing
	}
	if first == last && last+1 < j && words[last+1].Capital && !capsJoiner(tok(last+1)) {
		// An organisation word that opens a run of capitalised words with
		// no joiner after it is a heading's or a product's ("Office
		// RCE", "Command Field Names", "Service Stop"); a name's word
		// ends it ("Federal Security Service") or takes its complement
		// with a joiner ("Office of Personnel Management").
		return Org{}, 0, false
	}
	for first < end && !words[first].Capital {
		first++
	}
	start, stop := int(words[first].Start), int(words[end].End)
	if bare := trimPossessive(tok(end)); len(bare) < len(tok(end)) {
		stop = int(words[end].Start) + len(bare) // "the Ministry of Defence's unit"
	}
	next := j - 1
	if possessive || andThe {
		next = end // what the name's possessive has may name another: "Harvard University's Belfer Center"; so may what follows "and the"
	}
	kind := orgHeads[head]
	if head == "committee" {
		kind = committeeKind(text, words[first:end+1])
	}
	return Org{Start: start, End: stop, Name: text[start:stop], Kind: kind}, next, true
}

// committeeKind says whose a committee is by the words of its name: a
// party's or a campaign's by a word of politics ("Democratic National
// Committee", "Political Action Committee"), a state's by a word of
// government ("Gagauz Executive Committee", "Senate Intelligence
// Committee", "Central Election Committee"); neither, an organisation
// ("International Olympic Committee", "Committee to Protect
// Journalists").
func committeeKind(text string, name []word) OrgKind {
	kind := OrgOther
	for _, w := range name {
		lw := strings.ToLower(trimPossessive(text[w.Start:w.End]))
		if partyWords[lw] {
			return OrgCampaign
		}
		if stateCommitteeWords[lw] {
			kind = OrgGovernment
		}
	}
	return kind
}

var (
	partyWords = wordSet(`democratic republican campaign congressional senatorial action political party conservative
labour labor liberal socialist communist green`)
	stateCommitteeWords = wordSet(`executive election elections electoral select standing intelligence judiciary security
parliamentary investigative senate house state federal national central affairs armed services oversight`)
)

// firmsNotActors turns the mentions of an actor name no source knows into
// the organisation's, where the text says the name is a firm's
// ("The second network was run by Kreativ Media, a marketing firm in
// Chisinau": the name recogniser reads a new actor from "run by"): a firm,
// which operations are attributed to, at each of its mentions; the
// others stay as they were. mentions and orgs are in text order, and so
// is what it returns.
func firmsNotActors(mentions []names.Mention, orgs []Org) ([]names.Mention, []Org) {
	var firms map[string]string // a new actor's name -> the firm's
	for _, o := range orgs {
		if !o.Firm {
			continue
		}
		k, ok := slices.BinarySearchFunc(mentions, o.Start, func(m names.Mention, at int) int { return cmp.Compare(m.Start, at) })
		if ok && mentions[k].End == o.End && mentions[k].Kind == names.Actor && mentions[k].New {
			if firms == nil {
				firms = map[string]string{}
			}
			firms[mentions[k].Name] = o.Name
		}
	}
	if firms == nil {
		return mentions, orgs
	}
	have := orgIndex(orgs)
	var more []Org
	mentions = slices.DeleteFunc(mentions, func(m names.Mention) bool {
		name, ok := firms[m.Name]
		if ok = ok && m.Kind == names.Actor; ok && !have.overlaps(m.Start, m.End) {
			more = append(more, Org{Start: m.Start, End: m.End, Name: name, Kind: OrgCompany})
		}
		return ok
	})
	return mentions, mergeOrgs(orgs, more)
}
