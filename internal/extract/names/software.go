package names

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/extract/linecut"
)

// Software from context: a malware family no source knows, or one that
// ATT&CK knows but the dictionary turned down for want of a sign that it
// was meant as a name, named by the words around it as vendors name what
// they found ("the Sponsor backdoor", "a backdoor, Sponsor", "POWERLESS
// and NOKNOK malware", "Fantasy -- a new Agrius wiper"); then every
// repeat of the name in the text ("the Fantasy wiper", "Fantasy wiped the
// disks"). A word already found as anything is left to what found it.

// familyNouns (word class wFamilyNoun) say what kind of malware a name
// is. They are the malware words of softwareNouns only: "tool", "sample",
// "module" or "script" follow names of every kind ("the PowerShell
// script"); "ransomware" follows the names of the gangs that run it ("the
// DarkSide ransomware"), which are actors.
const familyNouns = `malware backdoor backdoors trojan trojans rat rats loader loaders stealer stealers
infostealer dropper droppers downloader downloaders implant implants rootkit rootkits wiper
wipers worm worms keylogger keyloggers spyware botnet webshell webshells`

// notSoftwareNames (word class wNotSoftware) are the capitalised words
// that stand before a malware noun without naming a family: platforms and
// languages ("Windows backdoor", "Python loader"), what malware steals or
// how it is built ("Discord stealer", "Remote Access Trojan"), and the
// adjectives of titles ("A Custom Backdoor"). Stop words, vendors,
// platforms the vendor list has ("Outlook", "Teams") and the like have
// classes of their own that turn them down.
const notSoftwareNames = `windows linux macos mac osx unix android ios java javascript powershell python golang go rust delphi lua php
perl ruby node nodejs autoit vba vbscript batch kixtart rebol msil net dotnet elf win32 win64 x64 x86 arm
office word excel exchange chrome firefox edge safari browser steam esxi vmware mbr uefi bios web mobile
banking bank crypto cryptocurrency bitcoin ethereum clipboard clipper password passwords credential
credentials cookie cookies information info data disk fileless remote access sale pos atm offline online
multilanguage multilingual catching hunting custom novel sophisticated malicious modular simple basic generic
commodity secondary final main primary stage multi open source private public legitimate fake rogue`

// softwareCues name the malware after its noun: "a backdoor dubbed
// Sponsor".
var softwareCues = wordSet(`dubbed named called nicknamed codenamed`)

// ruleNewSoftware reads the names of new malware around familyNouns
// token i.
func (d *doc) ruleNewSoftware(i int) {
	if d.wc[i]&wFamilyNoun == 0 {
		return
	}
	if d.toks[i].shape == shapeUpper {
		return // "ETPRO TROJAN", "ET MALWARE": detection signatures' names, in capitals
	}
	titled := d.toks[i].shape != shapeLower // "Backdoor" in a title: its capitalised words say less
	// "POWERLESS and NOKNOK malware", "the Sponsor backdoor": the names
	// right before the noun, joined by "and" or commas; not the last word
	// of a longer name ("Microsoft Defender backdoor").
	if k := i - 1; k >= 0 && d.gapIsSpace(i) && !d.partOfName(k) {
		for next := i; k >= 0 && !d.toks[next].is(fSentence) && d.softwareName(k, titled, false); {
			d.addNewSoftware(k, "context: the "+d.tok(k)+" "+strings.ToLower(d.tok(i)))
			switch {
			case k >= 2 && d.is(k-1, "and") && d.gapIsSpace(k) && d.gapIsSpace(k-1):
				next, k = k-1, k-2
			case k >= 1 && strings.TrimSpace(d.gap(k)) == ",":
				next, k = k, k-1
			default:
				k = -1
			}
		}
	}
	// "a backdoor, Sponsor (v1)", "a new wiper dubbed Fantasy".
	if n := i + 1; n < len(d.toks) && !d.toks[n].is(fSentence) {
		gap := strings.TrimSpace(d.gap(n))
		switch {
		case gap == "," && d.softwareName(n, false, true) && (d.toks[n].shape != shapeTitle || d.ends(n) && (d.wc[n]&(wOrdinary|wEnglish) == 0 || d.bracketAfter(n))):
			d.addNewSoftware(n, "context: "+strings.ToLower(d.tok(i))+", "+d.tok(n))
		case gap == "" && n+1 < len(d.toks) && softwareCues[strings.ToLower(d.tok(n))] && strings.TrimSpace(d.gap(n+1)) == "" &&
			!d.toks[n+1].is(fSentence) && d.softwareName(n+1, false, true) && (d.ends(n+1) || d.toks[n+2].shape == shapeLower):
			d.addNewSoftware(n+1, "context: "+strings.ToLower(d.tok(i))+" "+strings.ToLower(d.tok(n))+" "+d.tok(n+1))
		}
	}
	// "Fantasy -- a new Agrius wiper", "Sponsor: a backdoor": the name,
	// a dash, colon or comma, "a" or "an", at most three words, the noun.
	for a := i - 1; a >= 1 && i-a <= 4; a-- {
		if !d.isAny(a, "a", "an") {
			if d.toks[a].is(fSentence) || strings.TrimSpace(d.gap(a+1)) != "" {
				return
			}
			continue
		}
		gap := strings.TrimSpace(d.gap(a))
		if gap != "," && gap != ":" && gap != "--" && gap != "—" && gap != "–" || !d.sameSentence(a-1, i) && gap == "," {
			return
		}
		n := a - 1
		// A comma after an ordinary word at a sentence's start opens a
		// clause ("Recently, a new backdoor"); a dash or colon names.
		if d.toks[n].is(fSentence) && gap == "," && d.wc[n]&(wOrdinary|wEnglish) != 0 {
			return
		}
		if d.softwareName(n, false, true) && (n == 0 || d.toks[n].is(fSentence) || !d.toks[n-1].is(fCapital)) {
			d.addNewSoftware(n, "context: "+d.tok(n)+", a "+strings.ToLower(d.tok(i)))
		}
		return
	}
}

// softwareName reports whether token k can be a new malware family's
// name: capitalised, in capitals or in mixed case, three letters at
// least, found as nothing else, and none of the words that only look like
// one (acronyms, vendors, platforms, stop words, dates, gerunds). Before
// a capitalised noun ("A New Backdoor", "with Creepy Malware"), in a
// title, only capitals or mixed case name; a capitalised word at a
// sentence's start counts only where the caller says it may be anywhere:
// before a dash, a colon or a comma and "a ..." noun.
func (d *doc) softwareName(k int, titled, anywhere bool) bool {
	if k < 0 {
		return false
	}
	t := d.toks[k]
	if d.mark[k] != 0 || t.end()-t.start < 3 || t.is(fHasDigit) && t.shape != shapeUpper && t.shape != shapeMixed {
		return false
	}
	if !t.is(fCapital) {
		return false // "panelAnother": a word run into the next, not a name
	}
	if t.shape == shapeTitle && (t.is(fSentence) && !anywhere || titled || strings.HasSuffix(d.tok(k), "ing")) {
		// "Imagine malware in voting machines": any word is capitalised
		// there; "with Creepy Malware": so is every word of a title;
		// "Disguising malware": a gerund, in a table's cell.
		return false
	}
	if d.wc[k]&(wStop|wDate|wVendor|wAcronym|wSmall|wActorNoun|wSoftwareNoun|wModifier|wCueName|wThing|wNotSoftware) != 0 {
		return false
	}
	s, e := d.span(k, k)
	return !d.excluded(s, e)
}

// partOfName reports whether token k is the last word of a longer
// capitalised name that nothing found: a capitalised word, a word in
// capitals or in mixed case right before it in the sentence.
func (d *doc) partOfName(k int) bool {
	p := k - 1
	if p < 0 || d.toks[k].is(fSentence) || !d.gapIsSpace(k) || d.mark[p] != 0 || d.wc[p]&(wStop|wSmall|wDate) != 0 ||
		d.toks[p].is(fSentence) && d.wc[p]&(wOrdinary|wEnglish) != 0 {
		return false // "The NetwireRAT malware": an article, or an ordinary word that opens the sentence
	}
	return d.toks[p].is(fCapital) || d.toks[p].shape == shapeUpper || d.toks[p].shape == shapeMixed
}

// ends reports whether nothing of a name follows token k: the sentence
// ends, or punctuation comes next ("a backdoor, Sponsor (v1)", "a
// backdoor, Sponsor, that"), not a word that would make it part of a
// longer name or a clause's subject ("a backdoor, Researchers said").
func (d *doc) ends(k int) bool {
	n := k + 1
	return n >= len(d.toks) || d.toks[n].is(fSentence) || strings.TrimSpace(d.gap(n)) != ""
}

// bracketAfter reports whether a bracket follows token k, or the sentence
// ends after it: an ordinary word as a name shows it so ("a backdoor,
// Sponsor (v1)").
func (d *doc) bracketAfter(k int) bool {
	n := k + 1
	if n >= len(d.toks) || d.toks[n].is(fSentence) {
		return true
	}
	g := strings.TrimSpace(d.gap(n))
	return strings.HasPrefix(g, "(") || strings.HasPrefix(g, "[")
}

// addNewSoftware adds token k as the name of new malware.
func (d *doc) addNewSoftware(k int, how string) {
	surf := d.tok(k)
	trim := d.footnoteBeside(k)
	surf = surf[:len(surf)-trim]
	key := actors.MatchKey(surf)
	if len(key) < 3 || d.r.countryKeys[key] {
		return
	}
	c := cand{first: k, last: k, kind: Software, isNew: true, name: surf, key: key, form: surf, how: how, score: scoreSoftware, tail: -trim}
	idx, ok := d.r.softwareEntries[key]
	if base, rat := strings.CutSuffix(key, "rat"); !ok && rat && len(base) >= 3 {
		idx, ok = d.r.softwareEntries[base] // "NetwireRAT": ATT&CK's NETWIRE
	}
	if ok {
		// ATT&CK's, which the dictionary turned down for want of a sign
		// that the word was meant as a name ("the Remcos rat" in lower
		// case, "NanoCore" written as ATT&CK does not).
		en := &d.r.entries[idx]
		c.isNew, c.id, c.name, c.how = false, en.id, en.name, en.how+", "+how
	}
	d.add(c)
	d.mark[k] = markSoftware
	if d.contextSoftware == nil {
		d.contextSoftware = map[string]cand{}
	}
	if _, ok := d.contextSoftware[surf]; !ok {
		d.contextSoftware[surf] = c
	}
}

// footnoteBeside returns how many digits at the end of token k are a
// footnote's mark, not the name's: one or two, after four letters or more
// in mixed case, numbered next to the footnote the dictionary cut from a
// known name just before it in a list ("the following China Chopper4,
// JspSpy5 webshells": 4 and 5). 0 when they are not.
func (d *doc) footnoteBeside(k int) int {
	w := d.tok(k)
	n := 0
	for n < len(w) && n < 3 && w[len(w)-1-n] >= '0' && w[len(w)-1-n] <= '9' {
		n++
	}
	if n == 0 || n > 2 || k == 0 || !mayBeFootnoted(d.toks[k]) {
		return 0
	}
	letters := w[:len(w)-n]
	if len(letters) < 4 || strings.ToUpper(letters) == letters || strings.ToLower(letters) == letters {
		return 0
	}
	mine, _ := strconv.Atoi(w[len(w)-n:])
	for i := range d.cands {
		c := &d.cands[i]
		if c.tail >= 0 || c.last >= k || c.last < k-3 || !d.sameSentence(c.last, k) {
			continue
		}
		end := int(d.toks[c.last].end())
		theirs, err := strconv.Atoi(d.text[end+c.tail : end])
		if err == nil && (theirs == mine-1 || theirs == mine+1) {
			return n
		}
	}
	return 0
}

// softwareRepeats adds every other use of the new malware names, written
// as first found (case and all: "Sponsor" is a name, "sponsor" a word),
// where nothing else was found.
//
// A name that is also an actor's, known or found in the text ("the
// DarkSide malware" beside "the DarkSide gang"), is the actor's: a gang
// names its malware after itself, and the reports track the gang. One
// the text gives a company ("the company Cytrox") is the company's.
func (d *doc) softwareRepeats() {
	if len(d.contextSoftware) == 0 {
		return
	}
	// "the cyber-surveillance company Cytrox": the maker, whose name its
	// spyware's makes "the Cytrox spyware".
	// A long report has tens of thousands of capitalised words and a few
	// such names: a word whose first byte and length no name has is
	// passed over unread.
	var lengths [256]uint64 // by first byte, bit n: a name of n bytes (63: longer)
	for surf := range d.contextSoftware {
		lengths[surf[0]] |= 1 << min(len(surf), 63)
	}
	// The tokens written as a name found: one pass over the text's
	// tokens, in pieces side by side for a long text (on the
	// recogniser's last stretch), found in text order.
	pieces := linecut.Many(len(d.toks), 64<<10)
	ats := make([][]int, pieces)
	linecut.Run(pieces, func(p int) {
		var at []int
		// The piece's tokens and the text in locals: read through d, the
		// loop's bound and each token were loaded again at every step.
		lo := p * len(d.toks) / pieces
		toks, text := d.toks[lo:(p+1)*len(d.toks)/pieces], d.text
		for j, t := range toks {
			if t.flags&fCapital == 0 || lengths[text[t.start]]&(1<<min(int(t.n), 63)) == 0 {
				continue // every name found starts with a capital
			}
			if _, ok := d.contextSoftware[text[t.start:t.end()]]; ok {
				at = append(at, lo+j)
			}
		}
		ats[p] = at
	})
	at := slices.Concat(ats...)
	makers := map[string]bool{}
	for _, k := range at {
		if d.isAny(k-1, "company", "firm", "vendor", "developer", "maker") {
			makers[d.tok(k)] = true
		}
	}
	actor := func(c cand) bool {
		if !c.isNew {
			return false // ATT&CK's software, found from context
		}
		_, known := d.r.actorKeys[c.key]
		f, found := d.found[c.key]
		return known || found && f.kind == Actor || makers[c.form]
	}
	dropped := false
	for surf, c := range d.contextSoftware {
		if actor(c) {
			delete(d.contextSoftware, surf)
			dropped = true
		}
	}
	if dropped {
		kept := d.cands[:0]
		for _, c := range d.cands {
			if c.kind != Software || !actor(c) {
				kept = append(kept, c)
			} else {
				d.mark[c.first] = 0
			}
		}
		d.cands = kept
	}
	for _, k := range at {
		if d.mark[k] != 0 {
			continue
		}
		f, ok := d.contextSoftware[d.tok(k)]
		if !ok || f.first == k {
			continue
		}
		if s, e := d.span(k, k); d.excluded(s, e) {
			continue
		}
		c := f
		c.first, c.last = k, k
		c.how = "repeat of " + f.form + " (" + f.how + ")"
		d.add(c)
		d.mark[k] = markSoftware
	}
}
