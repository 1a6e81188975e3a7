package build

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// StateTie returns the ISO 3166-1 alpha-2 code of the state an ATT&CK
// group's description ties the group to, with the sentence that says so
// (links and citations removed). names are the group's name and aliases.
//
// The rule is conservative: it reports a state only where a sentence
// states a tie to the state itself, and returns "" when the description
// says none or is unclear. A sentence counts when
//
//   - it is about the group: it names the group (or an alias) or starts
//     with "The group", "This group", "They", "It", ...;
//   - it holds no negation or doubt ("has not been confirmed", "not
//     definite", "unclear", "no evidence", "disputed", ...);
//   - and it says one of:
//     1. "<state>-sponsored", "<state> state-sponsored", "<state>
//     state-backed", "<state> government-sponsored" ("Iranian-sponsored",
//     "People's Republic of China (PRC) state-backed");
//     2. a tie phrase ("on behalf of", "at the behest of", "nexus to",
//     "associated with", "linked to", ...) followed by "the <state>
//     government" or "the government of <state>";
//     3. "attributed [X] to", "linked [X] to", "conducted by", "on behalf
//     of", "element within", "in association with", ... followed by a
//     state organ: "<state>'s" or "the <demonym>" and a name with an organ
//     word (Ministry, Directorate, Intelligence, Army, Bureau, ...), an
//     organ that belongs to one state (GRU, FSB, SVR, PLA, IRGC, MOIS,
//     Reconnaissance General Bureau), or the country itself ("attributed
//     to China");
//     4. "<organ>-affiliated" for an organ of one state ("Islamic
//     Revolutionary Guard Corps (IRGC)-affiliated");
//     5. "state-sponsored" or "state-backed" without a state, with
//     where the group is based in the same sentence ("operating out of
//     China", "based in Iran", "China-based").
//
// A sentence naming two states is unclear and ignored, and so is a
// description whose sentences name different states. Nationality alone
// ("an Iranian threat group", "a China-based threat group", "Russian-
// speaking") is not a tie to a state, nor are the targets ("targeting
// Iranian dissidents"), nor "actors operating out of China".
func StateTie(description string, names []string) (country, evidence string) {
	for _, s := range Sentences(CleanDescription(description)) {
		if !aboutGroup(s, names) {
			continue
		}
		c := SentenceState(s)
		switch {
		case c == "":
		case country == "":
			country, evidence = c, s
		case c != country:
			return "", ""
		}
	}
	return country, evidence
}

// countries maps ISO 3166-1 alpha-2 codes to the names and demonyms with
// which descriptions name the state. Ambiguous forms ("Korean", "Korea")
// are left out on purpose.
var countries = map[string][]string{
	"AE": {"United Arab Emirates", "UAE", "Emirati"},
	"AF": {"Afghanistan", "Afghan"},
	"AZ": {"Azerbaijan", "Azerbaijani"},
	"BD": {"Bangladesh", "Bangladeshi"},
	"BR": {"Brazil", "Brazilian"},
	"BY": {"Belarus", "Belarusian", "Belorussian"},
	"CN": {"China", "Chinese", "People's Republic of China", "PRC"},
	"DE": {"Germany", "German"},
	"EG": {"Egypt", "Egyptian"},
	"ES": {"Spain", "Spanish"},
	"ET": {"Ethiopia", "Ethiopian"},
	"FR": {"France", "French"},
	"GB": {"United Kingdom", "British", "UK"},
	"IL": {"Israel", "Israeli"},
	"IN": {"India", "Indian"},
	"IQ": {"Iraq", "Iraqi"},
	"IR": {"Iran", "Iranian", "Islamic Republic of Iran"},
	"IT": {"Italy", "Italian"},
	"JP": {"Japan", "Japanese"},
	"KP": {"North Korea", "North Korean", "DPRK", "Democratic People's Republic of Korea"},
	"KR": {"South Korea", "South Korean", "Republic of Korea", "ROK"},
	"KZ": {"Kazakhstan", "Kazakh"},
	"LB": {"Lebanon", "Lebanese"},
	"MA": {"Morocco", "Moroccan"},
	"NG": {"Nigeria", "Nigerian"},
	"PK": {"Pakistan", "Pakistani"},
	"PS": {"Palestine", "Palestinian"},
	"QA": {"Qatar", "Qatari"},
	"RU": {"Russia", "Russian", "Russian Federation"},
	"SA": {"Saudi Arabia", "Saudi"},
	"SG": {"Singapore", "Singaporean"},
	"SY": {"Syria", "Syrian"},
	"TR": {"Türkiye", "Turkey", "Turkish"},
	"TW": {"Taiwan", "Taiwanese"},
	"UA": {"Ukraine", "Ukrainian"},
	"US": {"United States", "American", "US"},
	"VE": {"Venezuela", "Venezuelan"},
	"VN": {"Vietnam", "Viet Nam", "Vietnamese"},
}

// organs maps state organs that belong to one state to its code.
var organs = map[string]string{
	"GRU": "RU", "General Staff Main Intelligence Directorate": "RU", "Main Intelligence Directorate": "RU",
	"FSB": "RU", "Federal Security Service": "RU", "SVR": "RU",
	"People's Liberation Army": "CN", "PLA": "CN",
	"Islamic Revolutionary Guard Corps": "IR", "IRGC": "IR",
	"Ministry of Intelligence and Security": "IR", "MOIS": "IR",
	"Reconnaissance General Bureau": "KP", "RGB": "KP",
}

// The sentence rules, built once from the tables above.
var (
	stateName = map[string]string{} // name or demonym -> code
	reState   string                // alternation of every name, longest first

	reSponsored   *regexp.Regexp // rule 1
	reGovernment  *regexp.Regexp // rule 2
	reTie         *regexp.Regexp // rule 3: tie phrase and the noun phrase after it
	reOrganPhrase *regexp.Regexp // rule 3: "<state>'s <Organ Name>" at the start of the noun phrase
	reOrganWord   *regexp.Regexp // rule 3: a word that makes a name an organ
	reStateOnly   *regexp.Regexp // rule 3: the noun phrase is only a state
	reKnownOrgan  *regexp.Regexp // rules 3 and 4
	reAffiliated  *regexp.Regexp // rule 4
	reBareCue     *regexp.Regexp // rule 5
	reBased       *regexp.Regexp // rule 5
	reNegation    *regexp.Regexp
	reAboutGroup  *regexp.Regexp
)

func init() {
	var names []string
	for code, list := range countries {
		for _, n := range list {
			stateName[n] = code
			names = append(names, n)
		}
	}
	reState = alternation(names)
	var organNames []string
	for n := range organs {
		organNames = append(organNames, n)
	}
	organ := alternation(organNames)
	abbrev := `(?:\s*\([A-Za-z]{2,8}\))?`

	reSponsored = regexp.MustCompile(`\b(` + reState + `)` + abbrev + `[\s-]+(?:(?:state|[Gg]overnment)[\s-]+)?(?:sponsored|backed)\b`)
	reGovernment = regexp.MustCompile(`(?i:on behalf of|at the behest of|nexus (?:to|with)|associated with|sponsored by|backed by|directed by|tasked by|works? for|working for|acting for|linked to|tied to|ties to|in association with)\s+(?:the\s+)?(?:\b(` + reState + `)\s+(?:[Gg]overnment|[Ss]tate)\b|[Gg]overnment of\s+(?:the\s+)?\b(` + reState + `)\b)`)
	reTie = regexp.MustCompile(`(?i:\b(?:attributed|linked|tied)(?:\s+[^.;,()]{1,60}?)??\s+to|\b(?:conducted|operated|directed|sponsored|backed|run|tasked|controlled) by|\bon behalf of|\bat the behest of|\bin association with|\belement (?:within|of)|\bsubordinate to|\bunit (?:of|within)|\bpart of|\bworks? for|\bworking for)\s+([^,;]{1,160})`)
	reOrganPhrase = regexp.MustCompile(`^(?:the\s+)?(` + reState + `)(?:'s)?((?:\s+(?:[A-Z0-9][\w'-]*|\([A-Za-z]{2,8}\)|of|and|the|for|military|unit))*)`)
	reOrganWord = regexp.MustCompile(`\b(?:Ministry|Directorate|Intelligence|Security|Army|Armed Forces|Guard|Corps|Bureau|General Staff|Department|Government|Military|military|Navy|Air Force|Police|Agency|Service|Committee|Command)\b`)
	reStateOnly = regexp.MustCompile(`^(?:the\s+)?(` + reState + `)\s*\.?$`)
	reKnownOrgan = regexp.MustCompile(`\b(` + organ + `)\b`)
	reAffiliated = regexp.MustCompile(`\b(` + organ + `)` + abbrev + `-(?:affiliated|sponsored|backed|linked|directed)\b`)
	reBareCue = regexp.MustCompile(`(?i)\b(?:state|government)[\s-](?:sponsored|backed)\b`)
	reBased = regexp.MustCompile(`(?:(?i:based in|operating out of|operates out of|operate out of|operating from|operates from|operate from|originating (?:in|from)|located in)\s+(?:the\s+)?\b(` + reState + `)\b|\b(` + reState + `)-based\b)`)
	reNegation = regexp.MustCompile(`(?i)\bnot\s+(?:yet\s+)?(?:been\s+)?(?:definitively\s+|directly\s+|publicly\s+|conclusively\s+|formally\s+)?(?:confirmed|attributed|linked|established|tied|definite|conclusive|proven)\b|\b(?:unclear|unconfirmed|unattributed|disputed)\b|\bno\s+(?:evidence|known\s+links?|links?)\b`)
	reAboutGroup = regexp.MustCompile(`(?i)^(?:the|this)\s+(?:group|actor|threat actor|threat group|cluster|adversary|entity|operators)\b|^(?:they|it)\b`)
}

// alternation returns a regexp alternation of the literal names, longest
// first so that "North Korean" wins over "North Korea".
func alternation(names []string) string {
	names = slices.Clone(names)
	slices.SortFunc(names, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = regexp.QuoteMeta(n)
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// normalizer makes typographic variants match the tables: curly
// apostrophes, dashes and non-breaking spaces.
var normalizer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u2013", "-", "\u2014", "-", "\u2011", "-", "\u00a0", " ")

// SentenceState returns the code of the state sentence s ties its subject
// to by rules 1 to 5 of StateTie, or "" when it states none, states more
// than one, or doubts or negates what it says. It does not check that the
// sentence is about a particular group.
func SentenceState(s string) string {
	s = normalizer.Replace(s)
	if reNegation.MatchString(s) {
		return ""
	}
	found := map[string]bool{}
	for _, m := range reSponsored.FindAllStringSubmatch(s, -1) {
		found[stateName[m[1]]] = true
	}
	for _, m := range reGovernment.FindAllStringSubmatch(s, -1) {
		found[stateName[m[1]+m[2]]] = true // one of the two is empty
	}
	for _, m := range reTie.FindAllStringSubmatch(s, -1) {
		if c := organPhraseState(strings.TrimSpace(m[1])); c != "" {
			found[c] = true
		}
	}
	for _, m := range reAffiliated.FindAllStringSubmatch(s, -1) {
		found[organs[m[1]]] = true
	}
	if len(found) == 0 && reBareCue.MatchString(s) {
		for _, m := range reBased.FindAllStringSubmatch(s, -1) {
			found[stateName[m[1]+m[2]]] = true
		}
	}
	if len(found) != 1 {
		return ""
	}
	for c := range found {
		return c
	}
	return ""
}

// organPhraseState returns the state of the noun phrase after a tie
// phrase (rule 3), or "".
func organPhraseState(np string) string {
	if m := reStateOnly.FindStringSubmatch(np); m != nil {
		return stateName[m[1]]
	}
	if m := reOrganPhrase.FindStringSubmatch(np); m != nil && reOrganWord.MatchString(m[2]) {
		return stateName[m[1]]
	}
	codes := map[string]bool{}
	for _, m := range reKnownOrgan.FindAllStringSubmatch(np, -1) {
		codes[organs[m[1]]] = true
	}
	if len(codes) != 1 {
		return ""
	}
	for c := range codes {
		return c
	}
	return ""
}

// aboutGroup reports whether sentence s is about the group called by one
// of names: it names it, or starts with "The group", "They", ...
func aboutGroup(s string, names []string) bool {
	if reAboutGroup.MatchString(s) {
		return true
	}
	for _, n := range names {
		if n != "" && containsWord(s, n) {
			return true
		}
	}
	return false
}

// containsWord reports whether w occurs in s with no letter or digit
// right before or after it.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after)) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// reLink matches a Markdown link [text](target) with a target without
// spaces; reCitation an ATT&CK citation marker.
var (
	reLink     = regexp.MustCompile(`\[([^\[\]]*)\]\([^()\s]*\)`)
	reCitation = regexp.MustCompile(`\(Citation:[^()]*(?:\([^()]*\)[^()]*)*\)`)
	reHTML     = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	reSpaces   = regexp.MustCompile(`[ \t]+`)
)

// CleanDescription returns an ATT&CK or MISP description as plain text:
// Markdown links replaced by their text, citation markers and HTML tags
// removed, runs of spaces made one. Line breaks are kept; they separate
// paragraphs.
func CleanDescription(d string) string {
	d = reCitation.ReplaceAllString(d, "")
	d = reLink.ReplaceAllString(d, "$1")
	d = reHTML.ReplaceAllString(d, "")
	d = reSpaces.ReplaceAllString(d, " ")
	return d
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"U.S": true, "U.K": true, "e.g": true, "i.e": true, "Inc": true, "Ltd": true, "Co": true,
	"Corp": true, "Dr": true, "Mr": true, "Ms": true, "Mrs": true, "St": true, "No": true,
	"vs": true, "approx": true, "Jr": true, "Sr": true, "Gen": true, "Col": true, "Lt": true,
}

// Sentences splits text into trimmed sentences: at line breaks, and after
// ".", "!" or "?" followed by space and a capital letter, a digit, a quote
// or "[", unless the period ends an abbreviation ("U.S.", "e.g.") or an
// initial.
func Sentences(text string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && strings.ContainsFunc(s, unicode.IsLetter) {
			out = append(out, s)
		}
	}
	for _, para := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(para); i++ {
			c := para[i]
			if c != '.' && c != '!' && c != '?' {
				continue
			}
			j := i + 1
			for j < len(para) && (para[j] == '"' || para[j] == '\'' || para[j] == ')') {
				j++
			}
			if j >= len(para) || para[j] != ' ' {
				continue
			}
			k := j
			for k < len(para) && para[k] == ' ' {
				k++
			}
			if k >= len(para) {
				continue
			}
			next, _ := utf8.DecodeRuneInString(para[k:])
			if !unicode.IsUpper(next) && !unicode.IsDigit(next) && next != '"' && next != '[' && next != '\u201c' {
				continue
			}
			if c == '.' && isAbbreviation(para[start:i]) {
				continue
			}
			add(para[start:j])
			start = j
		}
		add(para[start:])
	}
	return out
}

// isAbbreviation reports whether the text before a period ends with an
// abbreviation or a single capital letter.
func isAbbreviation(before string) bool {
	w := before[strings.LastIndexAny(before, " (\"")+1:]
	if abbreviations[w] {
		return true
	}
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}
