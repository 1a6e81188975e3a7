package names

import (
	"strings"

	"github.com/dossier-cti/dossier/internal/actors"
)

// Vendors name the clusters they track by number and by scheme. numbers
// and patterns recognise those names whether or not any source knows them
// yet: a known one keeps its actor, an unknown one is a new actor named by
// its form.

// numbered are vendors' numbered cluster names written as one token: a
// prefix in capitals and digits ("TA453", "UNC2452", "APT42", "FIN7").
var numbered = []struct {
	prefix         string
	minDig, maxDig int
	vendor         string
}{
	{"TA", 3, 4, "Proofpoint TA number"},
	{"UNC", 1, 5, "Mandiant UNC number"},
	{"APT", 1, 3, "APT number"},
	{"FIN", 1, 2, "FIN number"},
	{"DEV", 4, 4, "Microsoft DEV number"},
	{"ITG", 2, 2, "IBM X-Force ITG number"},
	{"ATK", 1, 3, "Thales ATK number"},
	{"TAG", 2, 3, "Recorded Future TAG number"},
	{"UAC", 4, 4, "CERT-UA UAC number"},
	{"UAT", 4, 4, "Cisco Talos UAT number"},
	{"UTA", 4, 4, "Volexity UTA number"},
	{"TG", 4, 4, "Secureworks TG number"},
	{"SectorA", 2, 2, "NSHC sector number"},
	{"SectorB", 2, 2, "NSHC sector number"},
	{"SectorC", 2, 2, "NSHC sector number"},
	{"SectorD", 2, 2, "NSHC sector number"},
	{"SectorE", 2, 2, "NSHC sector number"},
	{"SectorF", 2, 2, "NSHC sector number"},
	{"SectorJ", 2, 2, "NSHC sector number"},
	{"Storm", 3, 4, "Microsoft Storm number"},
	{"STORM", 3, 4, "Microsoft Storm number"},
}

// dashed are the prefixes written apart from their number, with a hyphen
// ("DEV-0537", "Storm-2035", "TAG-56", "UAC-0050") and how many digits.
var dashed = map[string]struct {
	minDig, maxDig int
	vendor         string
}{
	"Storm": {3, 4, "Microsoft Storm number"}, "STORM": {3, 4, "Microsoft Storm number"},
	"DEV": {4, 4, "Microsoft DEV number"}, "TAG": {2, 3, "Recorded Future TAG number"},
	"UAC": {4, 4, "CERT-UA UAC number"}, "UAT": {4, 4, "Cisco Talos UAT number"}, "UTA": {4, 4, "Volexity UTA number"},
	"TG": {4, 4, "Secureworks TG number"}, "APT": {1, 3, "APT number"}, "UNC": {1, 5, "Mandiant UNC number"},
	"TA": {3, 4, "Proofpoint TA number"}, "FIN": {1, 2, "FIN number"},
}

// maxDashedWord is the length of the longest word numbers reads a
// number after (the keys of dashed, "Threat", "TEMP", "Unit", ...): most
// capitalised words are longer, and are turned down at once.
const maxDashedWord = len("Threat")

// numberWord reports whether w is a word numbers reads a number after:
// a key of dashed or a word of the schemes numbers tests by name. Most
// capitalised words are not, and are turned down here, before their gap
// and the next word are looked at.
// (TestNumberWord checks that it holds every key of dashed.)
func numberWord(w string) bool {
	switch w {
	case "Storm", "STORM", "DEV", "TAG", "UAC", "UAT", "UTA", "TG", "APT", "UNC", "TA", "FIN", // dashed
		"CL", "TGR", "Threat", "TEMP", "UNK", "Unit":
		return true
	}
	return false
}

// prefixDigits reports whether w is prefix followed by minDig to maxDig
// digits.
func prefixDigits(w, prefix string, minDig, maxDig int) bool {
	if !strings.HasPrefix(w, prefix) {
		return false
	}
	n := len(w) - len(prefix)
	return n >= minDig && n <= maxDig && allDigits(w[len(prefix):])
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// gap returns the text between token k-1 and token k.
func (d *doc) gap(k int) string {
	if k == 0 {
		return d.text[:d.toks[0].start]
	}
	return d.text[d.toks[k-1].end():d.toks[k].start]
}

// numbers recognises vendors' numbered cluster names.
func (d *doc) numbers() {
	toks := d.toks // read through d, it was loaded again at every token: the calls below might change it
	for i, t := range toks {
		if !t.is(fCapital) {
			continue
		}
		w := d.text[t.start:t.end()]
		last, vendor := -1, ""
		if t.is(fHasDigit) {
			for _, p := range numbered {
				if prefixDigits(w, p.prefix, p.minDig, p.maxDig) {
					last, vendor = i, p.vendor
					break
				}
			}
			if vendor == "Proofpoint TA number" && w[2] == '0' {
				last = -1 // TA0001 is an ATT&CK tactic
			}
		} else if i+1 < len(d.toks) && len(w) <= maxDashedWord && numberWord(w) {
			g := d.gap(i + 1)
			next := d.tok(i + 1)
			if p, ok := dashed[w]; ok && (g == "-" || g == "_" || g == " " && (w == "APT" || next[0] == '0')) {
				if len(next) >= p.minDig && len(next) <= p.maxDig && allDigits(next) && !(w == "TA" && next[0] == '0') {
					last, vendor = i+1, p.vendor
				}
			}
			switch {
			case last >= 0:
			case w == "APT" && g == "-" && i+3 < len(d.toks) && len(next) == 1 && d.gap(i+2) == "-" && allDigits(d.tok(i+2)):
				// APT-C-36, APT-Q-27, APT-K-47
				last, vendor = i+2, "360/Qi An Xin APT-letter number"
			case (w == "CL" || w == "TGR") && g == "-" && i+2 < len(d.toks) && d.gap(i+2) == "-" && len(d.tok(i+2)) == 4 && allDigits(d.tok(i+2)):
				switch next {
				case "STA", "CRI", "UNK", "MIX":
					last, vendor = i+2, "Unit 42 cluster number"
				}
			case w == "Threat" && next == "Group" && i+2 < len(d.toks) && (d.gap(i+2) == "-" || d.gap(i+2) == " ") && len(d.tok(i+2)) == 4 && allDigits(d.tok(i+2)):
				last, vendor = i+2, "Secureworks Threat Group number"
			case w == "TEMP" && g == "." && d.toks[i+1].is(fCapital) && !d.toks[i+1].is(fHasDigit):
				last, vendor = i+1, "Mandiant TEMP name"
			case w == "UNK" && g == "_" && d.toks[i+1].is(fCapital):
				last, vendor = i+1, "Proofpoint UNK name"
			case w == "Unit" && g == " " && len(next) == 5 && allDigits(next):
				last, vendor = i+1, "military unit number"
			}
		}
		if last < 0 {
			continue
		}
		d.addFormName(i, last, "vendor cluster name ("+vendor+")")
	}
}

// addFormName adds an actor name recognised by its form: known names
// keep their actor.
func (d *doc) addFormName(first, last int, how string) {
	s, e := d.span(first, last)
	if d.excluded(s, e) || d.toolAfter(last) {
		return
	}
	surf := d.text[s:e]
	key := actors.MatchKey(surf)
	c := cand{first: first, last: last, kind: Actor, key: key, form: surf}
	if idx, ok := d.r.actorKeys[key]; ok {
		en := &d.r.entries[idx]
		c.id, c.name, c.how, c.score = en.id, en.name, en.how, scoreKnown
	} else {
		c.isNew, c.name, c.how, c.score = true, surf, how, scoreNewActor
	}
	d.add(c)
	if _, ok := d.found[key]; !ok {
		d.found[key] = c
	}
}

// Two-word naming schemes: the second word says the scheme (and often the
// country), the first is free.
type scheme struct {
	vendor  string
	meaning string
	// weak words are also ordinary English ("Flood", "Rain", "Bear",
	// "Panda"): a name with one counts only where the sentence speaks of
	// actors, or, for Microsoft's, where the text uses Microsoft's names.
	weak bool
	// caps: the scheme writes both words in capitals (Secureworks).
	caps bool
}

var schemes = map[string]scheme{
	"sandstorm": {"Microsoft", "Iran", false, false}, "blizzard": {"Microsoft", "Russia", false, false},
	"typhoon": {"Microsoft", "China", false, false}, "sleet": {"Microsoft", "North Korea", false, false},
	"tempest": {"Microsoft", "financially motivated", false, false}, "tsunami": {"Microsoft", "private-sector offensive actor", false, false},
	"flood": {"Microsoft", "influence operations", true, false}, "dust": {"Microsoft", "Türkiye", true, false},
	"hail": {"Microsoft", "South Korea", true, false}, "rain": {"Microsoft", "Lebanon", true, false},
	"cyclone": {"Microsoft", "Vietnam", true, false},
	"panda":   {"CrowdStrike", "China", true, false}, "bear": {"CrowdStrike", "Russia", true, false},
	"kitten": {"CrowdStrike", "Iran", true, false}, "chollima": {"CrowdStrike", "North Korea", false, false},
	"spider": {"CrowdStrike", "eCrime", true, false}, "jackal": {"CrowdStrike", "hacktivist", true, false},
	"tiger": {"CrowdStrike", "India", true, false}, "buffalo": {"CrowdStrike", "Vietnam", true, false},
	"leopard": {"CrowdStrike", "Pakistan", true, false}, "crane": {"CrowdStrike", "South Korea", true, false},
	"ocelot": {"CrowdStrike", "Colombia", true, false}, "lynx": {"CrowdStrike", "Georgia", true, false},
	"wolf": {"CrowdStrike", "Türkiye", true, false}, "saiga": {"CrowdStrike", "Kazakhstan", true, false},
	"ursa": {"Unit 42", "Russia", false, false}, "serpens": {"Unit 42", "Iran", false, false},
	"taurus": {"Unit 42", "China", false, false}, "pisces": {"Unit 42", "North Korea", false, false},
	"libra": {"Unit 42", "financially motivated", true, false}, "scorpius": {"Unit 42", "ransomware", false, false},
	"virgo": {"Unit 42", "Vietnam", true, false},
}

// schemeForms are the scheme words as written: "Sandstorm", "SANDSTORM".
var schemeForms = func() map[string]scheme {
	m := map[string]scheme{}
	for w, sc := range schemes {
		m[titleCase(w)] = sc
		m[strings.ToUpper(w)] = sc
	}
	return m
}()

// secureworks are Secureworks' first words, written in capitals with a
// capitalised second word ("BRONZE BUTLER", "GOLD KINGSWOOD").
var secureworks = map[string]string{
	"BRONZE": "China", "IRON": "Russia", "COBALT": "Iran", "NICKEL": "North Korea", "TUNGSTEN": "South Korea",
	"PLATINUM": "Pakistan", "COPPER": "India", "GOLD": "financially motivated", "ZINC": "Vietnam", "TIN": "Türkiye",
	"CARBON": "Belarus", "ALUMINUM": "Lebanon", "TITANIUM": "hacktivist",
}

// trendFirst are Trend Micro's first words ("Earth Lusca", "Water
// Barghest", "Void Rabisu").
var trendFirst = map[string]string{"Earth": "nation-state", "Water": "financially motivated", "Void": "mixed motive"}

// notFirst are words that precede scheme words in ordinary English
// ("Super Typhoon", "Teddy Bear", "Giant Panda", "Red Sea"): never the
// first word of such a name.
var notFirst = wordSet(`super tropical severe heavy flash great perfect winter snow desert solar data digital cyber
ice freezing dust sand fire thunder summer acid arctic political media information brain teddy giant polar black
brown grizzly white kung big little baby red bengal tamil tasmanian snow clouded siberian sumatran paper
spring storm rain hail flood ocean sea sandstorm bull wall the this that our their its a an shadow`)

// patterns recognises names in vendors' two-word schemes and
// Microsoft's older element names.
func (d *doc) patterns() {
	toks := d.toks // as in numbers
	for i := 0; i+1 < len(toks); i++ {
		a, b := toks[i], toks[i+1]
		if !a.is(fCapital) || !b.is(fCapital) || a.is(fHasDigit) || b.is(fHasDigit) {
			if a.shape == shapeUpper && !a.is(fHasDigit) {
				d.elementName(i)
			}
			continue
		}
		if g := d.gap(i + 1); g != " " && g != "\u00a0" {
			if a.shape == shapeUpper {
				d.elementName(i)
			}
			continue
		}
		w1, w2 := d.tok(i), d.tok(i+1)
		sc, isScheme := schemeForms[w2]
		_, isSecureworks := secureworks[w1]
		_, isTrend := trendFirst[w1]
		if !isScheme && !isSecureworks && !isTrend {
			continue
		}
		if d.wc[i]&(wStop|wDate|wVendor|wAcronym) != 0 || notFirst[strings.ToLower(w1)] || d.r.countryKeys[actors.MatchKey(w1)] {
			continue
		}
		if m, ok := secureworks[w1]; ok && b.shape == shapeUpper && len(w2) >= 3 && d.wc[i+1]&wAcronym == 0 && !d.capsLine(i, i+1) {
			d.addFormName(i, i+1, "Secureworks-style name ("+w1+": "+m+")")
			continue
		}
		if m, ok := trendFirst[w1]; ok && a.shape == shapeTitle && b.shape == shapeTitle && d.wc[i+1]&(wOrdinary|wStop|wVendor) == 0 {
			d.addFormName(i, i+1, "Trend Micro-style name ("+w1+": "+m+")")
			continue
		}
		if !isScheme {
			continue
		}
		if a.shape != b.shape && !(a.shape == shapeTitle && b.shape == shapeTitle) {
			continue // "Mint SANDSTORM" is not how anyone writes it
		}
		upper := a.shape == shapeUpper
		if upper && d.capsLine(i, i+1) {
			continue
		}
		if sc.weak && !upper && !d.actorContext(i) && !(sc.vendor == "Microsoft" && d.hasMicrosoft) {
			continue
		}
		how := sc.vendor + "-style name (" + titleCase(w2) + ": " + sc.meaning + ")"
		if f := actors.FamilyOf(w1+" "+w2, nil); f != nil && sc.vendor == "Microsoft" {
			how = "Microsoft-style name (family " + f.Word + ": " + f.Meaning + ")"
		}
		d.addFormName(i, i+1, how)
		i++
	}
}

// elementName recognises Microsoft's older names, chemical elements in
// capitals ("NOBELIUM", "EUROPIUM"), outside a line in capitals.
func (d *doc) elementName(i int) {
	w := d.tok(i)
	if len(w) < 6 || !strings.HasSuffix(w, "IUM") || d.capsLine(i, i) {
		return
	}
	d.addFormName(i, i, "Microsoft element name")
}

// capsLine reports whether the words around tokens [first, last] are in
// capitals too: a heading, not a name.
func (d *doc) capsLine(first, last int) bool {
	prev := first > 0 && !d.toks[first].is(fSentence) && d.toks[first-1].shape == shapeUpper && d.wc[first-1]&wAcronym == 0
	next := last+1 < len(d.toks) && !d.toks[last+1].is(fSentence) && d.toks[last+1].shape == shapeUpper && d.wc[last+1]&wAcronym == 0
	return prev || next
}

// actorContext reports whether the sentence around token i speaks of
// actors: an actor noun or a naming cue within it.
func (d *doc) actorContext(i int) bool {
	const reach = 25
	for k := i; k >= 0 && i-k < reach; k-- {
		if d.wc[k]&(wActorNoun|wCueTrack|wCueName|wCueAlias|wCueAttrib) != 0 {
			return true
		}
		if d.toks[k].is(fSentence) {
			break
		}
	}
	for k := i + 1; k < len(d.toks) && k-i < reach && !d.toks[k].is(fSentence); k++ {
		if d.wc[k]&(wActorNoun|wCueTrack|wCueName|wCueAlias|wCueAttrib) != 0 {
			return true
		}
	}
	return false
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}
