package names

import (
	"strings"

	"github.com/dossier-cti/dossier/internal/actors"
)

// How sure a context is that the words it points at are an actor's name.
type strength uint8

const (
	// weak: the name must look like one by itself: quoted, with digits,
	// in mixed case or in capitals ("associated with TA2541").
	weak strength = iota
	// medium: a capitalised word that is not an ordinary word is enough
	// ("attributed to Sednit").
	medium
	// strong: the context names it ("tracked as X", "a group known as X",
	// "the X gang"); any capitalised name counts.
	strong
)

// context recognises actor names from the words around them.
func (d *doc) context() {
	d.markKinds()
	influence := d.influenceText()
	toks, wc := d.toks, d.wc[:len(d.toks)] // in locals: read through d, they were loaded again at every token
	for i := range toks {
		c := wc[i]
		// Half a report's words have a class, most of them none the
		// rules below act on: those are turned down by one test (a
		// one-letter word may still open "a.k.a.").
		if c&contextClasses == 0 && (c == 0 || toks[i].n != 1) {
			continue
		}
		if influence && c&(wCueName|wInfluenceNoun) != 0 {
			d.ruleInfluence(i) // which acts on a naming cue or an influence noun only
		}
		switch {
		case c&wCueTrack != 0 && d.toks[i].shape == shapeLower:
			d.ruleTrack(i)
		case c&wCueName != 0 && (d.toks[i].shape == shapeLower || d.toks[i].is(fSentence)):
			d.ruleName(i)
		case c&wCueAlias != 0:
			d.ruleAlias(i, i+1, "context: "+strings.ToLower(d.tok(i)))
		case c&wCueAttrib != 0 && d.toks[i].shape == shapeLower:
			d.ruleAttrib(i)
		case c&wCueBy != 0 && d.toks[i].shape == shapeLower:
			d.ruleBy(i)
		}
		if c&wActorNoun != 0 {
			d.ruleNounBefore(i)
			d.ruleNounAfter(i)
			d.ruleAppositive(i)
		} else if c&wInfluenceNoun != 0 && i > 0 && d.toks[i].shape == shapeLower && d.isAny(i-1, influenceModifiers...) {
			d.ruleAppositive(i) // "Secondary Infektion, a Russian influence operation,"; "Endless Mayfly, an Iran-aligned network,"
		}
		if d.akaAt(i) {
			d.ruleAlias(i, i+3, "context: a.k.a.")
		}
		if c&wSoftwareNoun != 0 {
			d.rulePossessive(i)
			d.ruleNewSoftware(i)
		}
	}
	d.brackets()
	d.expansions()
	d.operations()
}

// akaAt reports whether tokens i to i+2 are "a.k.a." (the length first:
// it turns down most words at once).
func (d *doc) akaAt(i int) bool {
	return d.toks[i].end()-d.toks[i].start == 1 && d.is(i, "a") && i+2 < len(d.toks) && d.is(i+1, "k") && d.is(i+2, "a") &&
		d.gap(i+1) == "." && d.gap(i+2) == "."
}

// contextClasses are the word classes context's loop acts on.
const contextClasses = wCueTrack | wCueName | wCueAlias | wCueAttrib | wCueBy | wActorNoun | wInfluenceNoun | wSoftwareNoun

// is reports whether token k is w, in any case. A token of ASCII alone
// is w only when it is as long (strings.EqualFold compares byte by
// byte, and the context rules ask this of most tokens, for up to
// sixteen words each); one with other characters may fold to w from
// another length ("\u212Aey", with the Kelvin sign, is "key").
func (d *doc) is(k int, w string) bool {
	if k < 0 || k >= len(d.toks) {
		return false
	}
	t := d.toks[k]
	if int(t.n) != len(w) && !t.is(fNonASCII) {
		return false
	}
	return strings.EqualFold(d.text[t.start:t.end()], w)
}

// isAny reports whether token k is one of words.
func (d *doc) isAny(k int, words ...string) bool {
	for _, w := range words {
		if d.is(k, w) {
			return true
		}
	}
	return false
}

// sameSentence reports whether tokens a < b are in one sentence.
func (d *doc) sameSentence(a, b int) bool {
	for k := a + 1; k <= b; k++ {
		if d.toks[k].is(fSentence) {
			return false
		}
	}
	return true
}

// Kinds of the candidates found so far, by token, for the rules that read
// the name before a cue ("Leviathan, also known as ...").
const (
	markActor uint8 = 1 + iota
	markSoftware
	markCountry
	markOther
)

func (d *doc) markKinds() {
	d.mark = cleared(d.mark, len(d.toks))
	for _, c := range d.cands {
		m := markOther
		switch c.kind {
		case Actor:
			m = markActor
		case Software:
			m = markSoftware
		case Country:
			m = markCountry
		}
		for k := c.first; k <= c.last; k++ {
			if d.mark[k] == 0 || m == markActor {
				d.mark[k] = m
			}
		}
	}
}

// trackFiller may stand between "tracked" and "as": "tracked by
// Microsoft as", "tracks this activity as", "tracked internally as".
var trackFiller = wordSet(`by it this that these them the activity actor actors group groups cluster clusters
internally publicly we our threat campaign set intrusion operation operators now currently also previously
formerly separately under name names moniker designation label`)

// trackedFrom adds the name that a tracking cue at token i, set apart
// from it, says is tracked under the names after it: "Amber Jar (also
// tracked as TA9999)", "Amber Jar, which Microsoft tracks as Jade
// Sleet", "Amber Jar, tracked by Mandiant as UNC9999". The name after
// the cue is a tracked actor's, so the one it is said of is an actor's
// too.
func (d *doc) trackedFrom(i int) {
	k := i
	if d.isAny(k-1, "also", "now", "currently", "previously", "formerly", "separately") {
		k--
	}
	// "which Microsoft tracks", "which we track": who tracks it, then
	// "which". ("Northgate Labs, which tracks the activity as Ashen
	// Heron": the name before "which" is the tracker's.)
	for w := k - 1; w > 0 && k-w <= 3; w-- {
		if d.is(w, "which") {
			if w == k-1 {
				return
			}
			k = w
			break
		}
		if !d.isAny(w, "we", "it", "they", "researchers") && d.wc[w]&wVendor == 0 {
			break
		}
	}
	if k < 1 || !strings.ContainsAny(d.gap(k), ",(") || !d.sameSentence(k-1, i) {
		return
	}
	if s, e, ok := d.nameBefore(k - 1); ok && d.validName(s, e, false, strong) {
		d.addContextName(s, e, "context: tracked as (the name it is said of)", strong)
	}
}

// ruleTrack: "tracked as X", "tracks this activity as X", "tracked by
// Proofpoint as X", "tracked under the name X".
func (d *doc) ruleTrack(i int) {
	for j := i + 1; j < len(d.toks) && j-i <= 8; j++ {
		if d.toks[j].is(fSentence) {
			return
		}
		switch {
		case d.is(j, "as"):
			if d.is(j+1, "the") {
				return // "tracked as the X group": the noun rule
			}
			if d.nameList(j+1, strong, "context: tracked as") > 0 {
				d.trackedFrom(i)
			}
			return
		case d.is(j, "under"):
			k := j + 1
			for k < len(d.toks) && k-j <= 3 && d.isAny(k, "the", "name", "names", "moniker", "designation", "label") {
				k++
			}
			d.nameList(k, strong, "context: tracked under")
			return
		case trackFiller[strings.ToLower(d.tok(j))] || d.wc[j]&wVendor != 0:
		default:
			return
		}
	}
}

// knownFiller may stand between "known" and "as": "known in the
// industry as", "known publicly as", "known in public reporting as".
var knownFiller = wordSet(`in the industry publicly widely elsewhere commonly public open reporting security community research
researchers sector world`)

// nameObject may follow a naming verb before the name: "dubbed the
// campaign X", "calls itself X", "named them X".
var nameObject = wordSet(`it them this these that the itself themselves himself herself group actor threat campaign cluster activity
operation set intrusion attackers hackers gang team crew actors operators new`)

// ruleName: "called X", "dubbed X", "named X", "known as X", "referred to
// as X", "designated X", "calls itself X".
func (d *doc) ruleName(i int) {
	cue := strings.ToLower(d.tok(i))
	j := i + 1
	how := "context: " + cue
	alias := false
	switch cue {
	case "refer", "refers", "referred", "referring":
		if !d.is(j, "to") || !d.is(j+1, "as") {
			return
		}
		j += 2
		how = "context: referred to as"
	case "known":
		// "known in the industry as X", "known publicly as X".
		for k := j; k < len(d.toks) && k-j < 4 && knownFiller[strings.ToLower(d.tok(k))] && !d.toks[k].is(fSentence); k++ {
			if d.is(k+1, "as") {
				j = k + 1
				break
			}
		}
		switch {
		case d.is(j, "as"):
			j++
			how = "context: known as"
		case d.is(j, "by") || d.is(j, "under"):
			k := j + 1
			for k < len(d.toks) && k-j <= 3 && d.isAny(k, "the", "alias", "aliases", "name", "names", "handle", "handles", "moniker", "monikers", "nickname", "nicknames") {
				k++
			}
			if k == j+1 {
				return
			}
			j = k
			how = "context: known by the alias"
		default:
			return
		}
		// "also known as", "formerly known as", "X (known as Y)":
		// the name before says what the list is.
		if d.isAny(i-1, "also", "formerly", "previously", "otherwise", "better", "widely") || strings.ContainsAny(d.gap(i), "(,") {
			alias = true
		}
	case "name", "names", "moniker", "monikers":
		return // nouns mostly; "under the name" is read by the other rules
	case "named", "naming":
		if d.is(j, "after") || d.is(j, "for") {
			return
		}
	}
	// "also called", "formerly named", "sometimes referred to as": as
	// "also known as", the name before says what the list is.
	if cue != "known" && d.isAny(i-1, "also", "formerly", "previously", "otherwise", "sometimes") {
		alias = true
	}
	selfName, objActor := false, false
	for k := j; k < len(d.toks) && k-j < 3; k++ {
		w := strings.ToLower(d.tok(k))
		if !nameObject[w] || d.toks[k].is(fSentence) || d.toks[k].is(fCapital) && !d.toks[k].is(fSentence) && w != "the" {
			break
		}
		if w == "itself" || w == "themselves" || w == "himself" || w == "herself" {
			selfName = true // "an actor who calls himself Guccifer 2.0"
		}
		if d.wc[k]&(wSoftwareNoun|wThing) != 0 {
			return
		}
		if d.wc[k]&wActorNoun != 0 {
			objActor = true
		}
		j = k + 1
	}
	if d.is(j, "as") {
		j++
	}
	if alias {
		d.ruleAlias(i, j, how)
		return
	}
	// Naming verbs name files, tasks, functions, campaigns and malware as
	// often as actors: the sentence must say an actor is named (the
	// nearest noun before is an actor noun), or the namer names itself.
	st := d.cueStrength(i)
	switch {
	case st < 0:
		return
	case st == int(strong) || selfName || objActor:
		d.nameList(j, strong, how)
	case st == int(medium):
		// "which we call X", "Proofpoint has dubbed X": the namer says a
		// name follows, not what it names; the name must stand out.
		d.nameList(j, medium, how)
	}
}

// cueStrength reads the words before a naming cue: the nearest noun says
// whether what is named is an actor (strong) or software (-1, none); a
// namer ("we", "researchers", a vendor) right before makes it medium.
func (d *doc) cueStrength(i int) int {
	for k := i - 1; k >= 0 && i-k <= 10; k-- {
		switch {
		case d.wc[k]&(wSoftwareNoun|wThing) != 0:
			return -1
		case d.wc[k]&wActorNoun != 0:
			return int(strong)
		}
		if d.toks[k].is(fSentence) {
			break
		}
	}
	for k := i - 1; k >= 0 && i-k <= 3; k-- {
		if d.isAny(k, "we", "researchers", "analysts", "us", "they") || d.wc[k]&wVendor != 0 {
			return int(medium)
		}
		if d.toks[k].is(fSentence) {
			break
		}
	}
	return int(weak)
}

// ruleAlias reads "X, also known as Y, Z", "X aka Y", "X (alias Y)": the
// names after the cue are aliases of what stands before it. j is the first
// token after the cue.
func (d *doc) ruleAlias(i, j int, how string) {
	if d.is(j, "as") {
		j++
	}
	// What stands before the cue, over "(", ",", "also", "or".
	k := i - 1
	for k >= 0 && i-k <= 4 && d.isAny(k, "also", "formerly", "previously", "otherwise", "better", "widely", "or", "is", "was", "are", "were", "been", "being", "sometimes", "commonly") {
		k--
	}
	if k < 0 || !d.sameSentence(k, i) {
		d.nameList(j, medium, how)
		return
	}
	switch d.mark[k] {
	case markActor:
		d.nameList(j, strong, how)
		return
	case markSoftware, markCountry, markOther:
		return
	}
	if d.cueStrength(i) < 0 {
		return // "a backdoor, also known as X"
	}
	// An unknown name before: "X (also known as Y)". Both are actors
	// when the sentence speaks of actors, or one of them is known.
	s, e, ok := d.nameBefore(k)
	if !ok {
		if d.cueStrength(i) == int(strong) {
			d.nameList(j, medium, how)
		}
		return
	}
	if !d.actorNounNear(i) {
		return
	}
	st := strong
	if n := d.nameList(j, st, how); n > 0 && d.validName(s, e, false, st) {
		d.addContextName(s, e, how+" (the name it is said of)", st)
	}
}

// nameBefore finds the capitalised name (up to three words) that ends at
// token e.
func (d *doc) nameBefore(e int) (int, int, bool) {
	if e < 0 || !d.nameTok(e) {
		return 0, 0, false
	}
	s := e
	for s > 0 && e-s < 2 && !d.toks[s].is(fSentence) && d.gapIsSpace(s) && d.nameTok(s-1) {
		s--
	}
	return s, e, true
}

// ruleAttrib: "attributed to X", "attributes the campaign to X",
// "attribution to X".
func (d *doc) ruleAttrib(i int) {
	for j := i + 1; j < len(d.toks) && j-i <= 8; j++ {
		if d.toks[j].is(fSentence) {
			return
		}
		if d.is(j, "to") {
			if d.is(j+1, "the") || d.is(j+1, "a") || d.is(j+1, "an") {
				return
			}
			d.nameList(j+1, medium, "context: attributed to")
			return
		}
	}
}

// ruleBy: "conducted by X", "carried out by X", "operated by X".
func (d *doc) ruleBy(i int) {
	j := i + 1
	if d.is(j, "out") {
		j++
	}
	if !d.is(j, "by") || d.is(j+1, "the") {
		return
	}
	d.nameList(j+1, medium, "context: "+strings.ToLower(d.tok(i))+" by")
}

// nounNames are the actor nouns that end a name ("the TrickBot gang",
// "Gorgon Group"); the others ("actors", "operators") only point at it.
var nounNames = wordSet(`group gang crew team collective syndicate`)

// ruleNounBefore: "the X group", "the X gang", "X threat actor", "the
// DarkSide ransomware gang", "X operators".
func (d *doc) ruleNounBefore(k int) {
	if k == 0 || d.toks[k].is(fSentence) {
		return
	}
	noun := strings.ToLower(d.tok(k))
	e := k - 1
	// Over modifiers: "ransomware", "threat", "hacking", "APT".
	for e >= 0 && k-e <= 2 && d.wc[e]&wModifier != 0 && !d.toks[e+1].is(fSentence) && d.gapIsSpace(e+1) {
		e--
	}
	if e < 0 || d.toks[e+1].is(fSentence) || !d.gapIsSpace(e+1) {
		return
	}
	if d.wc[e]&wActorNoun != 0 {
		return
	}
	s, e2, ok := d.nameBefore(e)
	if !ok || e2 != e {
		return
	}
	sf, ef := d.span(s, e)
	if d.excluded(sf, ef) {
		return
	}
	key := actors.MatchKey(d.text[sf:ef])
	nounCap := d.toks[k].is(fCapital)
	switch {
	case d.r.softwareKeys[key] && !d.isKnownActor(key):
		// "the TrickBot gang": a gang named for its malware.
		if nounNames[noun] && e == k-1 {
			d.addContextName(s, k, "context: the "+d.surface(s, e)+" "+noun, strong)
		}
		return
	case d.isKnownActor(key):
		d.addContextName(s, e, "context: "+d.tok(k), strong)
		return
	}
	st := strong
	if !nounNames[noun] && !nounCap {
		st = medium // "X operators", "X actors": only pointing
	}
	if d.afterNamer(s) || d.allOrdinary(s, e) && !d.crewNamed(s, e, k) {
		return // "Intel 471 Malware Intelligence team", "Joker's Stash operators"
	}
	if !d.distinctive(s, e, false) {
		if d.toks[s].is(fSentence) && !nounCap || !d.threatContext(k) {
			return // "Many groups"; "the Prisa Group" that owns a newspaper
		}
	}
	if st < strong && d.looksLikeSoftware(e) {
		return // "BazarLoader threat actors"
	}
	if !d.validName(s, e, false, st) {
		return
	}
	if nounCap && nounNames[noun] && e == k-1 {
		d.addContextName(s, k, "context: "+d.surface(s, e)+" "+d.tok(k), st)
		return
	}
	d.addContextName(s, e, "context: the "+d.surface(s, e)+" "+noun, st)
}

// afterNamer reports whether the name starting at token s belongs to
// someone named before it: a vendor ("Intel 471 Malware Intelligence
// team", "Microsoft Threat Intelligence") or a possessive ("Joker's
// Stash").
func (d *doc) afterNamer(s int) bool {
	if s == 0 || d.toks[s].is(fSentence) {
		return false
	}
	if g := d.gap(s); strings.ContainsAny(g, "'’") && !strings.ContainsAny(g, " ") {
		return true
	}
	if s >= 2 && d.is(s-1, "s") && strings.ContainsAny(d.gap(s-1), "'’") {
		return true
	}
	for k := s - 1; k >= 0 && s-k <= 2; k-- {
		if d.wc[k]&wVendor != 0 && d.toks[k].is(fCapital) {
			return true
		}
		if d.toks[k].shape != shapeDigits || d.toks[k].is(fSentence) {
			break
		}
	}
	return false
}

// crewNouns are the actor nouns only criminals go by: an ordinary word
// named so is a name ("the Silver Moth gang"), where a team or group of
// ordinary words is often a company's ("the Global Research team").
var crewNouns = wordSet(`gang crew syndicate`)

// crewNamed reports whether tokens [s, e], words in title case after
// "the" in running text, name the crew noun at k right after them.
func (d *doc) crewNamed(s, e, k int) bool {
	if e != k-1 || !crewNouns[strings.ToLower(d.tok(k))] || d.toks[s].is(fSentence) || s == 0 || !d.is(s-1, "the") {
		return false
	}
	for i := s; i <= e; i++ {
		if d.toks[i].shape != shapeTitle {
			return false
		}
	}
	return true
}

// allOrdinary reports whether every word of tokens [s, e] is an ordinary
// word: "Global Research", "Malware Intelligence".
func (d *doc) allOrdinary(s, e int) bool {
	for k := s; k <= e; k++ {
		if d.wc[k]&(wOrdinary|wVendor|wSmall) == 0 || d.toks[k].is(fHasDigit) || d.toks[k].shape == shapeMixed {
			return false
		}
	}
	return true
}

// threatContext reports whether the sentence around token i speaks of
// attacks, malware or actors, beyond the word at i.
func (d *doc) threatContext(i int) bool {
	const reach = 30
	for k := i - 1; k >= 0 && i-k < reach; k-- {
		if d.wc[k]&(wThreat|wCueTrack|wCueAttrib) != 0 {
			return true
		}
		if d.toks[k].is(fSentence) {
			break
		}
	}
	for k := i + 1; k < len(d.toks) && k-i < reach && !d.toks[k].is(fSentence); k++ {
		if d.wc[k]&(wThreat|wCueTrack|wCueAttrib) != 0 {
			return true
		}
	}
	return false
}

// actorNounNear reports whether an actor noun stands in the sentence
// around token i.
func (d *doc) actorNounNear(i int) bool {
	const reach = 25
	for k := i - 1; k >= 0 && i-k < reach; k-- {
		if d.wc[k]&wActorNoun != 0 {
			return true
		}
		if d.toks[k].is(fSentence) {
			break
		}
	}
	for k := i + 1; k < len(d.toks) && k-i < reach && !d.toks[k].is(fSentence); k++ {
		if d.wc[k]&wActorNoun != 0 {
			return true
		}
	}
	return false
}

// softwareSuffixes end the names of malware and tools: "BazarLoader",
// "QuasarRAT", "LockBit", "RedLine Stealer".
var softwareSuffixes = []string{"loader", "stealer", "rat", "bot", "locker", "crypt", "miner", "logger", "spy", "kit", "worm", "shell", "door", "dropper", "ware", "cryptor", "crypter", "grabber", "exe", "dll"}

// looksLikeSoftware reports whether token e ends like a software name.
func (d *doc) looksLikeSoftware(e int) bool {
	w := strings.ToLower(d.tok(e))
	for _, suf := range softwareSuffixes {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return true
		}
	}
	return false
}

func (d *doc) isKnownActor(key string) bool {
	_, ok := d.r.actorKeys[key]
	return ok
}

// ruleNounAfter: "threat actor TA2722", "the actor “Fancy Lazarus”", "APT
// group WIRTE", "groups such as X, Y and Z".
func (d *doc) ruleNounAfter(k int) {
	j := k + 1
	if j >= len(d.toks) || d.toks[j].is(fSentence) && !d.toks[j].is(fColon) {
		return
	}
	if d.isAny(j, "such", "including", "like", "e") {
		if !strings.HasSuffix(strings.ToLower(d.tok(k)), "s") {
			return // one actor has no list of examples: "targeted by the threat actor, including Energy, Agricultural, ... Sectors" lists sectors
		}
		switch {
		case d.is(j, "such") && d.is(j+1, "as"):
			j += 2
		case d.is(j, "e") && d.is(j+1, "g"):
			j += 2
		default:
			j++
		}
		d.nameList(j, medium, "context: "+strings.ToLower(d.tok(k))+" such as")
		return
	}
	if d.wc[j]&(wActorNoun|wModifier) != 0 {
		return
	}
	if g := d.gap(j); g != " " && g != "\u00a0" && !d.toks[j].is(fAfterQuote) {
		return // "data protection APT (DPAPI)"
	}
	noun := strings.ToLower(d.tok(k))
	st := weak
	if d.is(k-1, "threat") || d.is(k-1, "apt") || noun == "actor" || d.toks[j].is(fAfterQuote) {
		st = medium
	} else if k > 0 && d.gapIsSpace(k) && (d.wc[k-1]&wModifier != 0 || d.mark[k-1] == markCountry) {
		// "the hacking group X", "the cyber-espionage group X", "the
		// ransomware gang X", "the Russian group X": the words before the
		// noun say it is an actor's.
		st = medium
	}
	if strings.HasSuffix(noun, "s") && !d.toks[j].is(fAfterQuote) {
		return // "groups X" is not how a name is introduced
	}
	d.nameList(j, st, "context: "+noun+" "+"X")
}

// ruleAppositive: "X, a threat actor", "X, an Iranian state-aligned
// group", "X is a financially motivated actor".
func (d *doc) ruleAppositive(k int) {
	noun := strings.ToLower(d.tok(k))
	if strings.HasSuffix(noun, "s") && noun != "apts" {
		return
	}
	for p := k - 1; p >= 1 && k-p <= 6; p-- {
		if d.toks[p+1].is(fSentence) {
			return
		}
		if !d.isAny(p, "a", "an") {
			continue
		}
		e := p - 1
		g := d.gap(p)
		switch {
		case strings.Contains(g, ","):
		case d.isAny(e, "is", "was", "remains", "as"):
			e--
		default:
			return
		}
		if e < 0 || d.toks[p].is(fSentence) {
			return
		}
		// "the Doppelganger campaign, a Russian influence operation": the
		// name stands before the word for what it is.
		if e > 0 && d.toks[e].shape == shapeLower && d.isAny(e, "campaign") && d.gap(e) == " " {
			e--
		}
		s, e2, ok := d.nameBefore(e)
		if !ok || e2 != e {
			return
		}
		if d.validName(s, e, false, medium) && !d.afterNamer(s) {
			d.addContextName(s, e, "context: "+d.surface(s, e)+", a "+noun, medium)
		}
		return
	}
}

// brackets: "Golden Chickens (GC)", "Winnti Group (APT41)": a short name
// in brackets right after an actor's name is another name of it.
func (d *doc) brackets() {
	n := len(d.cands)
	for ci := 0; ci < n; ci++ {
		c := d.cands[ci]
		if c.kind != Actor || c.last+1 >= len(d.toks) {
			continue
		}
		j := c.last + 1
		if g := strings.TrimSpace(d.gap(j)); g != "(" {
			continue
		}
		s, e, quoted, ok := d.nameAt(j, medium)
		if !ok || e-s > 2 || e+1 < len(d.toks) && !strings.HasPrefix(strings.TrimSpace(d.gap(e+1)), ")") {
			continue
		}
		if e+1 >= len(d.toks) && !strings.HasPrefix(strings.TrimSpace(d.text[d.toks[e].end():]), ")") {
			continue
		}
		short := s == e && d.toks[s].shape == shapeUpper // "(GC)": an acronym
		if d.validName(s, e, quoted, strong) && (short || d.distinctive(s, e, quoted)) {
			d.addContextName(s, e, "context: short form in brackets", strong)
		}
	}
}

// influenceWords say that a text is about influence operations, where
// the operation, the network or the campaign brand is what reports track
// and name, as other reports name intrusion sets.
var influenceWords = wordSet(`influence disinformation propaganda inauthentic`)

// influenceText reports whether the text speaks of influence operations:
// "influence operation(s)", "disinformation", "propaganda", "inauthentic"
// (Meta's Coordinated Inauthentic Behavior), twice at least.
func (d *doc) influenceText() bool {
	n := 0
	for i := range d.toks {
		l := d.toks[i].end() - d.toks[i].start
		if l < 9 || l > 14 || d.wc[i]&wModifier == 0 && l != 11 {
			continue
		}
		w := strings.ToLower(d.tok(i))
		if !influenceWords[w] || w == "influence" && !d.isAny(i+1, "operation", "operations", "campaign", "campaigns", "network", "networks") {
			continue
		}
		if n++; n >= 2 {
			return true
		}
	}
	return false
}

// influenceModifiers before an influence noun make it an operation's:
// "a Russian influence operation", "an Iran-aligned network", "a covert
// propaganda campaign".
var influenceModifiers = []string{"influence", "disinformation", "propaganda", "covert", "inauthentic", "aligned",
	"linked", "backed", "sponsored"}

// influenceNouns are what an influence operation is named as: "a
// campaign known as X", "the Liberty Front Press (LFP) network", "the
// ‘Zeus’ campaign". They are a word class (wInfluenceNoun): an influence
// text has a third of its words asked.
const influenceNouns = `campaign campaigns operation operations network networks brand`

// ruleInfluence reads the names of influence operations, in a text about
// them: "a long-running campaign known in the industry as Endless
// Mayfly", "the Liberty Front Press (LFP) network", "the ‘Zeus’ campaign".
func (d *doc) ruleInfluence(i int) {
	t := d.toks[i]
	if t.shape != shapeLower {
		return
	}
	if l := t.end() - t.start; l < 5 || l > 10 {
		return
	}
	if d.wc[i]&wCueName != 0 {
		w := strings.ToLower(d.tok(i))
		// The thing named is an operation: a noun right before the cue.
		for k := i - 1; k >= 0 && i-k <= 3; k-- {
			if d.wc[k]&wInfluenceNoun != 0 {
				j := i + 1
				for k := j; k < len(d.toks) && k-j < 4 && knownFiller[strings.ToLower(d.tok(k))]; k++ {
					if d.is(k+1, "as") {
						j = k + 1
						break
					}
				}
				if d.is(j, "as") {
					j++
				}
				d.nameList(j, strong, "context: an influence operation "+w)
				return
			}
			if d.toks[k].is(fSentence) {
				break
			}
		}
		// Or right after it: "Meta calls the network Doppelganger",
		// "dubbed the operation Quiet Lark".
		j := i + 1
		if d.isAny(j, "the", "this", "these", "its", "their") {
			j++
		}
		if j > i+1 && j < len(d.toks) && d.wc[j]&wInfluenceNoun != 0 && d.toks[j].shape == shapeLower && d.gapIsSpace(j) {
			d.nameList(j+1, strong, "context: an influence operation "+w)
		}
		return
	}
	if d.wc[i]&wInfluenceNoun == 0 || i == 0 || d.toks[i].is(fSentence) {
		return
	}
	w := d.tok(i) // in lower case, as the class says
	// "the ‘Zeus’ campaign": a quoted brand, even one that is also
	// malware's name.
	if d.closesQuote(i - 1) {
		for s := i - 1; s >= 0 && i-1-s < 4; s-- {
			if d.toks[s].is(fAfterQuote) {
				d.addInfluenceName(s, i-1, "context: the quoted "+w)
				return
			}
			if s < i-1 && d.toks[s+1].is(fSentence) {
				return
			}
		}
		return
	}
	// "Liberty Front Press (LFP) network": a name and its short form.
	a := i - 1
	if d.toks[a].shape != shapeUpper || !strings.Contains(d.gap(i), ")") || !strings.Contains(d.gap(a), "(") || a == 0 {
		return
	}
	if s, ok := d.expansionBefore(a-1, d.tok(a)); ok {
		d.addInfluenceName(s, a-1, "context: the "+d.surface(s, a-1)+" "+w)
		if d.mark[s] == markActor {
			d.addInfluenceName(a, a, "context: short form of "+d.surface(s, a-1))
		}
	}
}

// addInfluenceName adds tokens [s, e] as the name of an influence
// operation unless they name a country, a vendor or a known technique.
func (d *doc) addInfluenceName(s, e int, how string) {
	surf := d.surface(s, e)
	key := actors.MatchKey(surf)
	if !hasUpper(surf) || len(key) < 2 || d.r.countryKeys[key] || d.wc[s]&(wVendor|wDate|wStop) != 0 {
		return
	}
	for k := s; k <= e; k++ {
		if d.mark[k] == markCountry || d.mark[k] == markOther {
			return
		}
	}
	d.addContextName(s, e, how, strong)
}

// expansionBefore finds the words ending at token e whose initials spell
// acronym ("International Union of Virtual Media" for IUVM), lower-case
// function words inside them skipped; it returns the first token.
func (d *doc) expansionBefore(e int, acronym string) (int, bool) {
	n := len(acronym)
	if n < 2 || n > 6 || e < 0 {
		return 0, false
	}
	got := 0
	for k := e; k >= 0 && e-k < 2*n+1; k-- {
		t := d.toks[k]
		switch {
		case t.is(fCapital) && !t.is(fHasDigit):
			got++
			if d.tok(k)[0] != acronym[n-got] {
				return 0, false
			}
			if got == n {
				return k, true
			}
		case d.wc[k]&wSmall != 0 && k < e:
		default:
			return 0, false
		}
		if k == 0 || t.is(fSentence) || !d.gapIsSpace(k) && d.gap(k) != "-" {
			return 0, false
		}
	}
	return 0, false
}

// expansions: "International Union of Virtual Media (IUVM)": the words
// a short actor name in brackets stands for name the same actor.
func (d *doc) expansions() {
	n := len(d.cands)
	for ci := 0; ci < n; ci++ {
		c := d.cands[ci]
		if c.kind != Actor || c.first != c.last || c.first == 0 || d.toks[c.first].shape != shapeUpper {
			continue
		}
		if !strings.HasSuffix(strings.TrimSpace(d.gap(c.first)), "(") || c.last+1 < len(d.toks) && !strings.HasPrefix(strings.TrimSpace(d.gap(c.last+1)), ")") {
			continue
		}
		e := c.first - 1
		if s, ok := d.expansionBefore(e, d.tok(c.first)); ok && d.mark[e] != markActor && d.validName(s, e, false, strong) {
			d.addContextName(s, e, "context: what its short form ("+d.tok(c.first)+") stands for", strong)
		}
	}
}

// rulePossessive: "Ballistic Bobcat's Scan and Strike Backdoor", "X's
// new malware": a name of two or three capitalised words that owns
// malware is an actor's. Single words are left alone: a malware family's
// own modules are written the same way ("Emotet's loader").
func (d *doc) rulePossessive(i int) {
	for k := i - 1; k >= 1 && i-k <= 5; k-- {
		if d.toks[k+1].is(fSentence) && k+1 <= i && !d.toks[k+1].is(fColon) {
			return
		}
		if !d.is(k, "s") || !strings.ContainsAny(d.gap(k), "'’") || strings.ContainsAny(d.gap(k), " ") {
			continue
		}
		s, e, ok := d.nameBefore(k - 1)
		if !ok || e != k-1 || e == s || d.afterNamer(s) {
			return
		}
		key := actors.MatchKey(d.surface(s, e))
		if d.r.softwareKeys[key] && !d.isKnownActor(key) {
			return
		}
		if d.validName(s, e, false, medium) && !d.allOrdinary(s, e) {
			d.addContextName(s, e, "context: owner of the "+strings.ToLower(d.tok(i)), strong)
		}
		return
	}
}

// operations: "Operation Texonto", where the text names no actor: the
// operation is then the only name the activity has, and counts as one.
// Where the text names an actor, its operations are that actor's
// campaigns ("Operation SpoofedScholars: A Conversation with TA453").
func (d *doc) operations() {
	for _, c := range d.cands {
		if c.kind == Actor {
			return
		}
	}
	for i := 0; i+1 < len(d.toks); i++ {
		if w := d.tok(i); w != "Operation" && w != "OPERATION" || !d.gapIsSpace(i+1) {
			continue
		}
		s, e, quoted, ok := d.nameAt(i+1, medium)
		we, wok := d.wordsOperation(i)
		switch {
		case ok && s == i+1 && d.validName(s, e, quoted, medium) && !d.allOrdinary(s, e):
			if wok && we > e {
				e = we // "Operation Dream Job": the name goes on in capitalised words
			}
		case wok:
			e = we
		default:
			continue
		}
		d.addContextName(i, e, "context: operation name (the text names no actor)", strong)
		i = e
	}
}

// wordsOperation returns the end of an operation named by capitalised
// ordinary words after "Operation" at i ("Operation Ghost", "Operation
// Dream Job", "Operation Matryoshka"): the capital of each word is what
// makes it a name. Not a noun phrase ("Operation Center", "Security
// Operation Center"), not a heading in capitals, and a heading's words
// after the name are not the name's ("Operation Ghost Indicators of
// Compromise").
func (d *doc) wordsOperation(i int) (int, bool) {
	if d.toks[i].shape == shapeUpper || i > 0 && !d.toks[i].is(fSentence) && d.toks[i-1].is(fCapital) && d.gapIsSpace(i) {
		return 0, false
	}
	e := -1
	for k := i + 1; k < len(d.toks) && k <= i+3; k++ {
		if d.toks[k].is(fSentence) || !d.gapIsSpace(k) || !d.toks[k].is(fCapital) || d.toks[k].is(fHasDigit) {
			break
		}
		w := strings.ToLower(d.tok(k))
		if k == i+1 && notOperationNames[w] || afterOperationNames[w] {
			break
		}
		e = k
	}
	return e, e > i
}

// notOperationNames are words that make "Operation X" a noun phrase:
// "Operation Center", "Operation Mode".
var notOperationNames = map[string]bool{"center": true, "centre": true, "centers": true, "centres": true, "manager": true,
	"mode": true, "team": true, "teams": true, "system": true, "systems": true, "room": true, "unit": true, "units": true,
	"officer": true, "officers": true, "command": true, "plan": true, "plans": true, "guide": true, "status": true,
	"type": true, "name": true, "code": true, "log": true, "logs": true, "time": true, "error": true, "failed": true,
	"successful": true, "completed": true, "and": true, "of": true, "the": true, "a": true, "an": true}

// afterOperationNames are the words of a heading that follow an
// operation's name: "Operation Ghost Indicators of Compromise".
var afterOperationNames = map[string]bool{"indicators": true, "iocs": true, "ioc": true, "report": true, "reports": true,
	"analysis": true, "overview": true, "update": true, "updates": true, "summary": true, "details": true, "samples": true,
	"campaign": true, "campaigns": true, "activity": true, "attack": true, "attacks": true, "malware": true,
	"targets": true, "targeting": true, "targeted": true, "timeline": true, "infrastructure": true, "network": true,
	"and": true, "of": true, "the": true, "in": true, "on": true, "for": true, "with": true}
