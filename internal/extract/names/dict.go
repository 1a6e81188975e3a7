package names

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/knowledge"
)

// entry is one name the trie knows, with what it refers to and how it
// must be written to count.
type entry struct {
	kind   Kind
	id     string // STIX id (actors), ATT&CK id (software), ISO code (countries)
	name   string // canonical name
	form   string // the name as sources write it
	bounds uint64 // where the text may split it between tokens (keyBounds)
	class  uint8  // how it must be written: one of the cls constants
	how    string
}

// Classes of names, by how much the way they are written must say that
// they are meant as names.
const (
	// clsPlain names are distinctive ("Sandworm", "APT28", "Kimsuky"):
	// they count wherever they are written with a capital where the
	// name has one.
	clsPlain uint8 = iota
	// clsExact names count only written exactly as the form, letter case
	// included: codes and short names ("US", "PRC", "G0059", "Tor").
	clsExact
	// clsCapital names count with a capital first letter (countries).
	clsCapital
	// clsAlone names count with a capital and no capitalised word beside
	// them ("Jordan", not "Jordan Peterson"; "Georgia", not "Atlanta,
	// Georgia").
	clsAlone
	// clsOrdinary names are ordinary words ("Equation", "Silence",
	// "Cobalt", "Patchwork"): they count written with a capital, inside a
	// sentence (a capital at its start says nothing), with no capitalised
	// word beside them ("Equation Editor" is not Equation, and a title in
	// capitals names nobody). Elsewhere they count only once the text has
	// used the same name as a name.
	clsOrdinary
	// clsOrdinaryMulti names are made of ordinary words only ("Charming
	// Kitten", "Cobalt Strike"): every word must be capitalised.
	clsOrdinaryMulti
	// clsContextOnly names are too short to recognise alone ("GOP",
	// "SEA", "UPS", three letters or fewer): they count only as repeats of
	// a name the text introduced.
	clsContextOnly
	// clsCaps names are written in capitals by every source that knows
	// them (Microsoft's and Dragos' old names: "ELECTRUM", "NOBELIUM"):
	// in capitals they count, otherwise ("Electrum" the wallet) only once
	// the text has used them in capitals.
	clsCaps
	// clsSoftwareCtx software names are ordinary words or short acronyms
	// ("Net", "Ping", "Maze", "RTM"): they count written exactly as the
	// form, next to a word that says software ("Maze ransomware").
	clsSoftwareCtx
)

// notNames are phrases that hold a name but mean something else; being
// longer they hide what is inside them.
var notNames = []string{
	"Equation Editor", "Microsoft Equation", "Equation Group Editor",
	"Silence Notification", "Play Store", "Google Play", "Play Protect", "Apple Pay",
	"Night Dragon Festival", "Sea of Japan", "South China Sea", "Red Sea", "Black Sea", "Dead Sea",
	"Operation Aurora Borealis",
	"Lead Researcher", "Lead Analyst", "Lead Engineer", "Gold Standard", "Gold Coast",
	"Inception Date", "Tick Tock",
	"Coordinated Inauthentic Behavior", "Coordinated Inauthentic Behaviour", // Meta's policy, not a network
}

var groupID = regexp.MustCompile(`^G\d{4}$`)

// nameWords splits a name into its runs of letters and digits.
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// smallWords may stand in lower case inside a capitalised name.
var smallWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "de": true, "al": true, "el": true, "a": true, "to": true, "or": true, "via": true}

// nameShape sums up how a name is written, for its class.
type nameShape struct {
	words    []string
	letters  int
	digits   bool
	upper    bool // holds an upper-case letter
	allUpper bool // every letter upper case
	ordinary int  // how many of its words are ordinary words
}

func shapeOf(form string, words map[string]uint32) nameShape {
	s := nameShape{words: nameWords(form), allUpper: true}
	for _, r := range form {
		switch {
		case unicode.IsDigit(r):
			s.digits = true
		case unicode.IsUpper(r):
			s.upper = true
			s.letters++
		case unicode.IsLetter(r):
			s.allUpper = false
			s.letters++
		}
	}
	for _, w := range s.words {
		lw := strings.ToLower(w)
		if words[lw]&(wOrdinary|wVendor) != 0 || smallWords[lw] {
			s.ordinary++
		}
	}
	return s
}

// actorEntries lists every name of the alias graph with its class.
func actorEntries(g *actors.Graph, words map[string]uint32) []entry {
	var out []entry
	for _, n := range g.Names() {
		form := n.Name
		if len(n.Key) < 2 {
			continue
		}
		e := entry{kind: Actor, id: n.ActorID, name: n.Actor, form: form, bounds: keyBounds(form), how: "known name"}
		if e.name == "" {
			e.name = form
		}
		if f := actors.FamilyOf(form, nil); f != nil {
			e.how = "known name (Microsoft family " + f.Word + ")"
		}
		sh := shapeOf(form, words)
		switch {
		case groupID.MatchString(form):
			e.class = clsExact
			e.how = "ATT&CK group id"
		case sh.digits:
			e.class = clsPlain
		case sh.letters <= 3:
			e.class = clsContextOnly
		case !sh.upper && sh.ordinary > 0:
			continue // a lower-case ordinary word ("deepclif" is kept, "timmy" is not a word here)
		case len(sh.words) == 1 && words[strings.ToLower(form)]&wVendor != 0:
			e.class = clsContextOnly // "Alibaba", "Foxmail": a company or product first
		case len(sh.words) == 1 && sh.ordinary == 1:
			e.class = clsOrdinary
		case len(sh.words) > 1 && sh.ordinary == len(sh.words):
			e.class = clsOrdinaryMulti
		case sh.allUpper && sh.letters <= 4:
			e.class = clsExact
		case sh.allUpper && len(sh.words) == 1:
			e.class = clsCaps
		default:
			e.class = clsPlain
		}
		out = append(out, e)
	}
	return out
}

// softwareEntries lists ATT&CK's current malware and tools by name and
// alias with their classes.
func softwareEntries(p *knowledge.Pack, words map[string]uint32) []entry {
	var out []entry
	seen := map[string]bool{}
	for _, s := range p.Software {
		if s.Revoked || s.Deprecated {
			continue
		}
		for _, form := range append([]string{s.Name}, s.Aliases...) {
			key := actors.MatchKey(form)
			if len(key) < 2 || seen[key+"\x00"+s.ExternalID] {
				continue
			}
			seen[key+"\x00"+s.ExternalID] = true
			e := entry{kind: Software, id: s.ExternalID, name: s.Name, form: form, bounds: keyBounds(form), how: "ATT&CK " + s.Type + " name"}
			if form != s.Name {
				e.how = "ATT&CK " + s.Type + " alias"
			}
			sh := shapeOf(form, words)
			// Tools are written in lower case as commands in the
			// prose of the trade ("mimikatz", "psexec"): only short
			// words and English words count as ordinary for them.
			if len(sh.words) == 1 && len(key) > 4 && words[strings.ToLower(form)]&wEnglish == 0 {
				sh.ordinary = 0
			}
			switch {
			case !sh.upper && len(sh.words) == 1 && (sh.ordinary > 0 || len(key) <= 3):
				continue // "at", "ftp", "cmd", "net": only as "net.exe"
			case !sh.upper:
				e.class = clsPlain // "net.exe", "reg.exe", "jrat": written as files, in any case
			case len(sh.words) == 1 && sh.ordinary == 1:
				e.class = clsSoftwareCtx
			case sh.allUpper && !sh.digits && sh.letters <= 4:
				e.class = clsSoftwareCtx
			case len(key) <= 3:
				e.class = clsExact
			case len(sh.words) > 1 && sh.ordinary == len(sh.words):
				e.class = clsOrdinaryMulti
			default:
				e.class = clsPlain
			}
			out = append(out, e)
		}
	}
	return out
}

// dictionary finds every name of the trie in the text and keeps those
// written as names.
func (d *doc) dictionary() { d.dictionaryRange(0, len(d.toks)) }

// fork returns a copy of d for a pass run beside others over the same
// tokens: it shares what they only read and has candidates, deferred
// names, found names and the Microsoft sign of its own, merged back by
// the caller. Its candidates get room for cands, and grow past it.
func (d *doc) fork(cands int) *doc {
	pd := *d
	pd.cands, pd.deferred, pd.found, pd.hasMicrosoft = make([]cand, 0, cands+16), nil, map[string]cand{}, false
	return &pd
}

// dictionaryBeside runs the dictionary over the text in pieces side by
// side when pieces > 1, with the phrase matcher in as many pieces beside
// them, and returns the phrase matcher's candidates (found true);
// otherwise it runs the dictionary alone (found false). Both passes only
// read the tokens; what each piece writes (candidates; for the
// dictionary deferred names, names found, a Microsoft name) is gathered
// in it and joined in text order, as one pass would have written it. The
// cores take the pieces of both as they finish one (linecut.Run): the
// pieces take unequal times, and the phrase matcher in one piece would
// be left running alone.
func (d *doc) dictionaryBeside(pieces int) (phrases []cand, found bool) {
	n := len(d.toks)
	if pieces <= 1 || n < pieces {
		d.dictionary()
		return nil, false
	}
	// The first piece of the dictionary writes into d itself (whose
	// candidates come first); the others and the phrase matcher's pieces
	// into copies, all taken before any pass starts.
	dict := make([]*doc, pieces)
	phr := make([]*doc, pieces)
	// Room for about as many candidates as reports make: bench/extract.sh's
	// report, one dictionary candidate every 60 tokens and one phrase
	// every 100-170 (room for one every 24 and 384 took 1.5 MB more, and
	// copies of the phrase matcher's as they outgrew it).
	for p := range pieces {
		if p > 0 {
			dict[p] = d.fork(n / pieces / 40)
		}
		phr[p] = d.fork(n / pieces / 100)
	}
	dict[0] = d
	linecut.Run(2*pieces, func(k int) {
		p := k / 2
		lo, hi := p*n/pieces, (p+1)*n/pieces
		if k%2 == 0 {
			dict[p].dictionaryRange(lo, hi)
		} else {
			phr[p].phraseRange(lo, hi)
		}
	})
	for _, pd := range dict[1:] {
		d.cands = append(d.cands, pd.cands...)
		d.deferred = append(d.deferred, pd.deferred...)
		for k, c := range pd.found {
			d.found[k] = c // a later piece's, as a later write would be
		}
		d.hasMicrosoft = d.hasMicrosoft || pd.hasMicrosoft
	}
	n = 0
	for _, pd := range phr {
		n += len(pd.cands)
	}
	phrases = make([]cand, 0, n) // at its size: a long text's grew through a dozen copies
	for _, pd := range phr {
		phrases = append(phrases, pd.cands...)
	}
	return phrases, true
}

// dictionaryRange is dictionary for the matches starting at tokens
// [lo, hi).
func (d *doc) dictionaryRange(lo, hi int) {
	var ms []match
	toks, node0 := d.toks[:hi], d.node0[:hi]
	names, lowerNames := d.r.names, d.r.lowerNames
	for i := lo; i < hi; i++ {
		tok := toks[i]
		if tok.shape == shapeTitle && tok.n == uint16(len("Microsoft")) && d.text[tok.start:tok.end()] == "Microsoft" {
			d.hasMicrosoft = true
		}
		if node0[i] <= 0 && !mayBeFootnoted(tok) {
			continue // no name starts with the word, nor with it less a footnote's digits (walkFrom's first test, without the call)
		}
		t := names
		if tok.shape == shapeLower {
			t = lowerNames
		}
		ms = t.walkFrom(d.text, d.toks, i, node0[i], ms[:0])
		for _, m := range ms {
			for _, p := range t.payloads(m.node) {
				e := &d.r.entries[p]
				if m.gaps&^e.bounds != 0 {
					continue
				}
				d.judge(e, m.first, m.last, m.trim)
			}
		}
	}
}

func (d *doc) tok(i int) string { return d.text[d.toks[i].start:d.toks[i].end()] }

// judge decides whether one trie match counts: tokens [first, last]
// but the last trim bytes (a footnote's digits).
func (d *doc) judge(e *entry, first, last, trim int) {
	if trim > 0 {
		n := len(d.cands)
		defer func() {
			for k := n; k < len(d.cands); k++ {
				d.cands[k].tail -= trim
			}
		}()
	}
	s, end := d.span(first, last)
	end -= trim
	if e.class == clsExact && e.how == "ATT&CK group id" {
		if d.excludedID(s, end) {
			return
		}
	} else if d.excluded(s, end) {
		return
	}
	surf := d.text[s:end]
	switch e.kind {
	case blocker:
		d.add(cand{first: first, last: last, kind: blocker, score: scoreBlocker, how: e.how})
	case Actor:
		d.judgeActor(e, first, last, surf)
	case Software:
		d.judgeSoftware(e, first, last, surf)
	case Country:
		d.judgeCountry(e, first, last, surf)
	}
}

func (d *doc) judgeActor(e *entry, first, last int, surf string) {
	c := cand{first: first, last: last, kind: Actor, id: e.id, name: e.name, how: e.how, score: scoreKnown, key: actors.MatchKey(e.form), form: e.form}
	if !capitalOK(e.form, surf) {
		return
	}
	switch e.class {
	case clsExact:
		if !sameLetters(e.form, surf) {
			return
		}
	case clsContextOnly:
		if sameLetters(e.form, surf) {
			d.deferred = append(d.deferred, c)
		}
		return
	case clsOrdinary:
		if !d.toks[first].is(fCapital) || (isAllUpper(e.form) && !isAllUpper(surf)) {
			return
		}
		if !d.alone(first, last) {
			return
		}
		if d.toks[first].is(fSentence) {
			d.deferred = append(d.deferred, c)
			return
		}
	case clsOrdinaryMulti:
		if !d.capitalised(first, last) && !(last > first && d.capitalised(first, last-1) && d.wc[last]&wActorNoun != 0) {
			return
		}
	case clsCaps:
		if !isAllUpper(surf) {
			d.deferred = append(d.deferred, c)
			return
		}
		if d.capsLine(first, last) {
			return
		}
	}
	if d.toolAfter(last) {
		return
	}
	switch d.nextKind(last) {
	case Software:
		c.score -= scoreContext
	case Actor:
		c.score += scoreContext
	}
	if strings.Contains(e.how, "Microsoft family") {
		d.hasMicrosoft = true
	}
	d.add(c)
	d.found[c.key] = c
}

func (d *doc) judgeSoftware(e *entry, first, last int, surf string) {
	if !capitalOK(e.form, surf) {
		return
	}
	switch e.class {
	case clsExact:
		if !sameLetters(e.form, surf) {
			return
		}
	case clsSoftwareCtx:
		if !sameLetters(e.form, surf) || d.toks[first].is(fSentence) {
			return
		}
		if d.nextKind(last) != Software && d.prevKind(first) != Software {
			return
		}
	case clsOrdinaryMulti:
		if !d.capitalised(first, last) {
			return
		}
	}
	if first == last && d.toolAfter(last) {
		return // "Snake Keylogger" is not Snake ("Cobalt Strike Beacon" is Cobalt Strike)
	}
	c := cand{first: first, last: last, kind: Software, id: e.id, name: e.name, how: e.how, score: scoreSoftware}
	switch d.nextKind(last) {
	case Software:
		c.score += scoreContext
	case Actor:
		c.score -= scoreContext
	}
	d.add(c)
}

func (d *doc) judgeCountry(e *entry, first, last int, surf string) {
	switch e.class {
	case clsExact:
		if !sameLetters(e.form, surf) {
			return
		}
	case clsCapital:
		if !d.capitalised(first, last) {
			return
		}
	case clsAlone:
		if !d.capitalised(first, last) || !d.alone(first, last) {
			return
		}
		// "Atlanta, Georgia": a capitalised word and a comma before.
		if first > 1 && !d.toks[first].is(fSentence) && d.toks[first-1].is(fCapital) &&
			strings.TrimSpace(d.text[d.toks[first-1].end():d.toks[first].start]) == "," {
			return
		}
	}
	if e.how == "demonym" && d.languageUse(first, last) {
		return
	}
	if k := last + 1; k < len(d.toks) && !d.toks[k].is(fSentence) && d.wc[k]&wCurrency != 0 && d.gap(k) == " " {
		return // "US Dollars", "Russian rubles": the money, not the country
	}
	if _, end := d.span(first, last); strings.HasPrefix(d.text[end:], "$") || strings.HasPrefix(d.text[end:], " $") {
		return // "US$20,000", "US $7 million", "HK$": the dollar, not the country
	}
	if e.id == "GE" && first == last && d.besideUSState(first) {
		return // "election officials in Arizona and Georgia": the state, not the country
	}
	c := cand{first: first, last: last, kind: Country, id: e.id, name: e.name, how: e.how, score: scoreCountry}
	if _, end := d.span(first, last); dottedLetters(surf) && end < len(d.text) && d.text[end] == '.' {
		c.tail = 1 // "U.S." with its last dot
	}
	d.add(c)
}

// dottedLetters reports whether s is an abbreviation written with stops
// between single letters ("U.S", "U.K", "U.A.E"), whose stop after the
// last letter belongs to it. The stop after "UK" or "Iran" ends the
// sentence. It is decided by the text, not by the form that matched:
// "US" and "U.S." both match "U.S." and must make the same mention.
func dottedLetters(s string) bool {
	if len(s) < 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		letter := s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z'
		if letter != (i%2 == 0) || !letter && s[i] != '.' {
			return false
		}
	}
	return len(s)%2 == 1
}

// capitalOK reports whether surf has an upper-case letter when form has
// one: reports write names with their capitals, and "lazarus" or "turla"
// in lower case is a word, a file or a URL part, not the name.
func capitalOK(form, surf string) bool {
	if !hasUpper(form) {
		return true
	}
	return hasUpper(surf)
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func isAllUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// sameLetters compares the letters and digits of a and b, case included.
func sameLetters(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && !isASCIIAlnum(a[i]) && a[i] < 0x80 {
			i++
		}
		for j < len(b) && !isASCIIAlnum(b[j]) && b[j] < 0x80 {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// capitalised reports whether every word of tokens [first, last] starts
// with a capital, small words ("of", "the") and numbers aside.
func (d *doc) capitalised(first, last int) bool {
	for k := first; k <= last; k++ {
		t := d.toks[k]
		if t.is(fCapital) || t.shape == shapeDigits {
			continue
		}
		if k > first && d.wc[k]&wSmall != 0 {
			continue
		}
		if k > first && t.end()-t.start == 1 && strings.ContainsAny(d.gap(k), "'’") {
			continue // "People's"
		}
		return false
	}
	return true
}

// alone reports whether no capitalised word stands right beside tokens
// [first, last] in the same sentence, other than words that go with a
// name (actor nouns, countries and demonyms, small words).
func (d *doc) alone(first, last int) bool {
	if first > 0 && !d.toks[first].is(fSentence) && d.besideCapital(first-1) && d.gapIsSpace(first) {
		return false
	}
	if last+1 < len(d.toks) && !d.toks[last+1].is(fSentence) && d.besideCapital(last+1) && d.gapIsSpace(last+1) {
		return false
	}
	return true
}

// gapIsSpace reports whether token k follows the token before it after
// nothing but white space or a hyphen.
func (d *doc) gapIsSpace(k int) bool {
	gap := d.text[d.toks[k-1].end():d.toks[k].start]
	return strings.Trim(gap, " \u00a0\t-") == ""
}

func (d *doc) besideCapital(k int) bool {
	t := d.toks[k]
	if !t.is(fCapital) && t.shape != shapeUpper && t.shape != shapeMixed {
		return false
	}
	return d.wc[k]&(wActorNoun|wSmall) == 0
}

// toolAfter reports whether a capitalised word that names a kind of
// software follows token last: "Lazarus Loader", "Snake Keylogger" are
// tools, not actors.
func (d *doc) toolAfter(last int) bool {
	k := last + 1
	if k >= len(d.toks) || !d.toks[k].is(fTight) || d.toks[k].is(fSentence) {
		return false
	}
	if !d.toks[k].is(fCapital) || d.wc[k]&wSoftwareNoun == 0 {
		return false
	}
	// In a title every word has a capital: "Link Lazarus Tool Found".
	return !d.titleRun(last-1, k+1)
}

// titleRun reports whether the words at tokens before and after (either
// may be out of range) are capitalised too: a title or a heading.
func (d *doc) titleRun(before, after int) bool {
	if before < 0 || after >= len(d.toks) || d.toks[before].is(fSentence) || d.toks[after].is(fSentence) {
		return false
	}
	return d.toks[before].is(fCapital) && d.toks[after].is(fCapital) && d.toks[before+1].is(fTight)
}

// nextKind says what the word after token last asks for: Software after
// "malware", "backdoor", ...; Actor after "group", "gang", "actors", ...
func (d *doc) nextKind(last int) Kind {
	k := last + 1
	if k >= len(d.toks) || d.toks[k].is(fSentence) {
		return ""
	}
	switch {
	case d.wc[k]&wSoftwareNoun != 0:
		return Software
	case d.wc[k]&wActorNoun != 0:
		return Actor
	}
	return ""
}

// prevKind is nextKind for the word before token first ("the backdoor
// RTM").
func (d *doc) prevKind(first int) Kind {
	k := first - 1
	if k < 0 || d.toks[first].is(fSentence) {
		return ""
	}
	switch {
	case d.wc[k]&wSoftwareNoun != 0:
		return Software
	case d.wc[k]&wActorNoun != 0:
		return Actor
	}
	return ""
}

// usStates holds the names of the US states, or their last words
// ("Carolina", "Dakota"), but for those that name countries as well
// ("New Mexico", "Georgia").
var usStates = wordSet(`Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho
Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Hampshire Jersey York Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
Vermont Virginia Washington Wisconsin Wyoming`)

// besideUSState reports whether token k is listed with a US state: "in
// Arizona and Georgia", "Georgia, Michigan and Wisconsin".
func (d *doc) besideUSState(k int) bool {
	joined := func(a, b int) bool { // tokens a < b joined by a comma, "and" or "or"
		if b == a+1 {
			return strings.TrimSpace(d.gap(b)) == ","
		}
		return b == a+2 && d.isAny(a+1, "and", "or") && strings.Trim(d.gap(a+1), " ,") == ""
	}
	for _, j := range []int{k - 2, k - 1} {
		if j >= 0 && usStates[d.tok(j)] && joined(j, k) {
			return true
		}
	}
	for _, j := range []int{k + 1, k + 2} {
		if j < len(d.toks) && usStates[d.tok(j)] && joined(k, j) {
			return true
		}
	}
	return false
}

// languageUse reports whether a demonym names a language: "Russian-
// language", "Chinese characters", "written in Russian", "in Russian and
// English", "in English and Spanish about the vote", "from Russian to
// English". The words after it must end the phrase (the sentence's end,
// punctuation, a conjunction or a preposition), or it qualifies a noun:
// "in Russian networks" is the country's.
func (d *doc) languageUse(first, last int) bool {
	k := last + 1
	if k < len(d.toks) && !d.toks[k].is(fSentence) && d.wc[k]&wLanguageNoun != 0 {
		return true
	}
	j := d.listStart(first)
	if j == 0 || d.toks[j].is(fSentence) {
		return false
	}
	switch strings.ToLower(d.tok(j - 1)) {
	case "in", "into", "from", "to":
	case "speaking", "speak", "speaks", "spoke", "spoken", "understand", "understands", "understanding":
		return true // "speaking Russian and claiming to live in Moscow": a language, whatever follows
	default:
		return false
	}
	if k >= len(d.toks) || d.toks[k].is(fSentence) {
		return true
	}
	gap := d.text[d.toks[last].end():d.toks[k].start]
	if strings.ContainsAny(gap, ",;:)(") {
		return true
	}
	if d.toks[k].is(fCapital) {
		return false
	}
	w := strings.ToLower(d.tok(k))
	switch w {
	case "and", "or", "about", "on", "to", "for", "with", "by", "at", "as", "that", "which", "but", "while",
		"is", "are", "was", "were", "across", "through", "via", "during", "since", "when", "where", "until":
		return true
	}
	// A list's last, before a verb in the past: "spam emails in German,
	// Italian, French, Spanish, and Polish followed".
	return j != first && gap == " " && len(w) > 4 && strings.HasSuffix(w, "ed")
}

// listStart returns where the list of single capitalised words that token
// first ends goes back to: "English, French and Spanish" from "Spanish"
// goes back to "English". A word not in a list is its own start.
func (d *doc) listStart(first int) int {
	j := first
	for n := 0; n < 8 && j >= 2 && !d.toks[j].is(fSentence); n++ {
		p := j - 1 // a conjunction, or the word before a comma
		if d.isAny(p, "and", "or") {
			if g := strings.TrimSpace(d.gap(p)); d.toks[p].is(fSentence) || g != "" && g != "," {
				return j
			}
			p-- // the word before the conjunction ("English and", "English, and")
		} else if strings.TrimSpace(d.gap(j)) != "," {
			return j
		}
		if !d.toks[p].is(fCapital) || d.toks[p+1].is(fSentence) {
			return j
		}
		j = p
	}
	return j
}
