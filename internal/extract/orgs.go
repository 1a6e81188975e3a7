package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
var targetClasses = []string{
	"presidential campaigns", "presidential campaign", "political campaigns", "campaign staff", "campaign officials",
	"campaign staffers", "election officials", "election workers", "election infrastructure", "election systems",
	"voter registration", "political parties", "news outlets", "media outlets", "human rights defenders",
	"government officials", "members of parliament", "civil society", "think tanks", "journalists", "voters",
	"dissidents", "activists", "diplomats", "academics", "candidates", "lawmakers",
}

// knownOrgs are organisations that election-threat reports name by
// acronym or short name; matched as whole words, case as written.
var knownOrgs = map[string]struct {
	name string
	kind OrgKind
}{
	"FBI":                           {"Federal Bureau of Investigation", OrgGovernment},
	"CISA":                          {"Cybersecurity and Infrastructure Security Agency", OrgGovernment},
	"NSA":                           {"National Security Agency", OrgGovernment},
	"ODNI":                          {"Office of the Director of National Intelligence", OrgGovernment},
	"DHS":                           {"Department of Homeland Security", OrgGovernment},
	"DOJ":                           {"Department of Justice", OrgGovernment},
	"CIA":                           {"Central Intelligence Agency", OrgGovernment},
	"NCSC":                          {"National Cyber Security Centre", OrgGovernment},
	"GCHQ":                          {"Government Communications Headquarters", OrgGovernment},
	"ANSSI":                         {"ANSSI", OrgGovernment},
	"BSI":                           {"Bundesamt für Sicherheit in der Informationstechnik", OrgGovernment},
	"BfV":                           {"Bundesamt für Verfassungsschutz", OrgGovernment},
	"EAC":                           {"U.S. Election Assistance Commission", OrgGovernment},
	"IRGC":                          {"Islamic Revolutionary Guard Corps", OrgGovernment},
	"MOIS":                          {"Ministry of Intelligence and Security (Iran)", OrgGovernment},
	"GRU":                           {"GRU (Russian military intelligence)", OrgGovernment},
	"FSB":                           {"Federal Security Service (Russia)", OrgGovernment},
	"SVR":                           {"Foreign Intelligence Service (Russia)", OrgGovernment},
	"MSS":                           {"Ministry of State Security (China)", OrgGovernment},
	"PLA":                           {"People's Liberation Army", OrgGovernment},
	"RGB":                           {"Reconnaissance General Bureau (North Korea)", OrgGovernment},
	"IUVM":                          {"International Union of Virtual Media", OrgMedia},
	"Microsoft":                     {"Microsoft", OrgCompany},
	"Google":                        {"Google", OrgCompany},
	"Meta":                          {"Meta", OrgCompany},
	"Facebook":                      {"Facebook", OrgCompany},
	"OpenAI":                        {"OpenAI", OrgCompany},
	"Mandiant":                      {"Mandiant", OrgCompany},
	"CrowdStrike":                   {"CrowdStrike", OrgCompany},
	"Proofpoint":                    {"Proofpoint", OrgCompany},
	"Volexity":                      {"Volexity", OrgCompany},
	"ESET":                          {"ESET", OrgCompany},
	"Recorded Future":               {"Recorded Future", OrgCompany},
	"Secureworks":                   {"Secureworks", OrgCompany},
	"Amnesty International":         {"Amnesty International", OrgOther},
	"Citizen Lab":                   {"Citizen Lab", OrgOther},
	"Reuters":                       {"Reuters", OrgMedia},
	"Associated Press":              {"Associated Press", OrgMedia},
	"Politico":                      {"Politico", OrgMedia},
	"Axios":                         {"Axios", OrgMedia},
	"BBC":                           {"BBC", OrgMedia},
	"CNN":                           {"CNN", OrgMedia},
	"Twitter":                       {"Twitter", OrgCompany},
	"Telegram":                      {"Telegram", OrgCompany},
	"YouTube":                       {"YouTube", OrgCompany},
	"TikTok":                        {"TikTok", OrgCompany},
	"Democratic National Committee": {"Democratic National Committee", OrgCampaign},
	"Republican National Committee": {"Republican National Committee", OrgCampaign},
	"DNC":                           {"Democratic National Committee", OrgCampaign},
	"RNC":                           {"Republican National Committee", OrgCampaign},
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
	"campaign": OrgCampaign, "party": OrgCampaign, "committee": OrgCampaign,
	"university": OrgOther, "institute": OrgOther, "foundation": OrgOther, "association": OrgOther, "union": OrgOther,
	"center": OrgOther, "centre": OrgOther, "lab": OrgOther, "laboratory": OrgOther,
}

// lowerJoiners may stand between the capitalised words of a name.
var lowerJoiners = map[string]bool{"of": true, "for": true, "and": true, "the": true, "de": true, "on": true, "to": true, "&": true}

// complementHeads take a complement that belongs to the name: "Ministry of
// Intelligence and Security", "Permanent Mission of Iran to the United
// Nations".
var complementHeads = map[string]bool{
	"ministry": true, "department": true, "office": true, "bureau": true, "mission": true, "embassy": true,
	"council": true, "commission": true, "committee": true, "directorate": true, "command": true,
	"university": true, "institute": true, "agency": true, "service": true, "center": true, "centre": true,
}

// Org is an organisation named in a text.
type Org struct {
	Start, End int // byte offsets
	Name       string
	Kind       OrgKind
}

// FindOrgs finds organisations in text: the acronyms and names of
// knownOrgs, runs of capitalised words that end with an organisation word
// ("Federal Bureau of Investigation", "The Washington Post", "the Harris
// campaign", "Iran's Mission to the United Nations"), and "the X campaign"
// for a capitalised X. Spans in skip (indicators) are not looked into.
func FindOrgs(text string, skip []Span) []Org {
	words := tokenize(text)
	var out []Org
	inSkip := func(s, e int) bool {
		for _, k := range skip {
			if s < k.End && e > k.Start {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		// Known names, longest first (up to three words).
		matched := false
		for n := 3; n >= 1 && !matched; n-- {
			if i+n > len(words) {
				continue
			}
			phrase := text[w.Start:words[i+n-1].End]
			if strings.ContainsAny(phrase, "\n") {
				continue
			}
			if k, ok := knownOrgs[phrase]; ok && !inSkip(w.Start, words[i+n-1].End) {
				out = append(out, Org{Start: w.Start, End: words[i+n-1].End, Name: k.name, Kind: k.kind})
				i += n - 1
				matched = true
			}
		}
		if matched || !w.Capital {
			continue
		}
		if o, next, ok := orgRun(text, words, i); ok && !inSkip(o.Start, o.End) {
			out = append(out, o)
			i = next
		}
	}
	// Classes of targets.
	lower := strings.ToLower(text)
	for _, c := range targetClasses {
		for from := 0; ; {
			i := indexWord(lower[from:], c)
			if i < 0 {
				break
			}
			i += from
			if !overlaps(out, i, i+len(c)) && !inSkip(i, i+len(c)) {
				out = append(out, Org{Start: i, End: i + len(c), Name: c, Kind: OrgClass})
			}
			from = i + len(c)
		}
	}
	// "the X campaign" / "X's campaign": a capitalised name before a
	// lower-case "campaign".
	for i := 1; i < len(words); i++ {
		lw := text[words[i].Start:words[i].End]
		if lw != "campaign" && lw != "campaigns" {
			continue
		}
		p := words[i-1]
		if !p.Capital || inSkip(p.Start, words[i].End) {
			continue
		}
		start := p.Start
		name := strings.TrimSuffix(strings.TrimSuffix(text[p.Start:p.End], "'s"), "’s")
		if !overlaps(out, start, words[i].End) && !commonCapital[name] {
			out = append(out, Org{Start: start, End: words[i].End, Name: name + " campaign", Kind: OrgCampaign})
		}
	}
	sortOrgs(out)
	return out
}

// commonCapital are capitalised words that do not name a campaign's
// candidate when they come before "campaign".
var commonCapital = map[string]bool{"The": true, "This": true, "That": true, "A": true, "An": true, "Phishing": true, "Influence": true, "Disinformation": true}

func overlaps(orgs []Org, s, e int) bool {
	for _, o := range orgs {
		if s < o.End && e > o.Start {
			return true
		}
	}
	return false
}

func sortOrgs(o []Org) {
	for i := 1; i < len(o); i++ {
		for j := i; j > 0 && o[j].Start < o[j-1].Start; j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
}

// word is one token of a text: letters, digits and inner punctuation
// ('s, hyphens, periods of abbreviations).
type word struct {
	Start, End int
	Capital    bool
}

// tokenize splits text into words.
func tokenize(text string) []word {
	var out []word
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&') {
			i += n
			continue
		}
		start := i
		capital := unicode.IsUpper(r)
		i += n
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i += n
				continue
			}
			// Inner punctuation continues a word when a letter follows.
			if (r == '\'' || r == '’' || r == '-' || r == '.') && i+n < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if unicode.IsLetter(r2) {
					i += n
					continue
				}
			}
			break
		}
		out = append(out, word{Start: start, End: i, Capital: capital})
	}
	return out
}

// orgRun reads a run of capitalised words (with joiners) from word i and
// returns the organisation it names, if it ends in an organisation word,
// and the index of the run's last word.
func orgRun(text string, words []word, i int) (Org, int, bool) {
	j := i
	var run []int
	for j < len(words) {
		wj := words[j]
		if j > i && strings.ContainsAny(text[words[j-1].End:wj.Start], "\n,;:()\"") {
			break
		}
		tok := text[wj.Start:wj.End]
		if j > i {
			if _, known := knownOrgs[tok]; known && wj.Capital {
				break // another organisation starts here
			}
		}
		if !wj.Capital && !lowerJoiners[strings.ToLower(tok)] {
			break
		}
		if !wj.Capital && j == i {
			break
		}
		run = append(run, j)
		j++
	}
	for len(run) > 0 && !words[run[len(run)-1]].Capital {
		run = run[:len(run)-1] // no trailing joiners
	}
	last := -1
	for k, idx := range run {
		if _, ok := orgHeads[strings.ToLower(text[words[idx].Start:words[idx].End])]; ok && words[idx].Capital {
			last = k
		}
	}
	if last < 0 {
		return Org{}, 0, false
	}
	head := strings.ToLower(text[words[run[last]].Start:words[run[last]].End])
	end := last
	if complementHeads[head] {
		end = len(run) - 1
	}
	first := 0
	firstWord := text[words[run[0]].Start:words[run[0]].End]
	if strings.HasSuffix(firstWord, "'s") || strings.HasSuffix(firstWord, "’s") {
		first = 1 // "Iran's Ministry of ...": the possessive is not part of the name
	} else if firstWord == "The" && orgHeads[head] != OrgMedia {
		first = 1
	}
	if first > end || first == end && words[run[end]].Capital && first == last && end == last {
		return Org{}, 0, false // a lone organisation word names nothing
	}
	for first < end && !words[run[first]].Capital {
		first++
	}
	start, stop := words[run[first]].Start, words[run[end]].End
	return Org{Start: start, End: stop, Name: text[start:stop], Kind: orgHeads[head]}, run[len(run)-1], true
}
