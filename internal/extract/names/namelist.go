package names

import (
	"strings"

	"github.com/dossier-cti/dossier/internal/actors"
)

// nameTok reports whether token k may be part of a name: capitalised, in
// capitals or mixed case, or letters with digits; never a function word,
// a date or an abbreviation of the trade.
func (d *doc) nameTok(k int) bool {
	t := d.toks[k]
	if !t.is(fCapital) && t.shape != shapeUpper && t.shape != shapeMixed && !(t.is(fHasDigit) && t.is(fHasLetter)) {
		return false
	}
	return d.wc[k]&(wStop|wDate|wAcronym) == 0
}

// nameAt reads the name that starts at token p: a quoted string of up to
// five words, or up to four capitalised words joined by spaces, hyphens
// or dots, where every word after the first is not an ordinary word
// ("Fancy Lazarus", not "TA2722 Spoofs").
func (d *doc) nameAt(p int, st strength) (s, e int, quoted, ok bool) {
	if p >= len(d.toks) {
		return
	}
	t := d.toks[p]
	// The period that ends "a.k.a." ends no sentence: the capital after
	// it is the name's ("a.k.a. Fancy Bear").
	if t.is(fSentence) && !t.is(fAfterQuote) && !t.is(fColon) && !(p >= 3 && d.akaAt(p-3)) {
		return
	}
	if t.is(fAfterQuote) && !strings.HasSuffix(strings.TrimSpace(d.gap(p)), "[") {
		for e = p; e-p < 5; e++ {
			if d.closesQuote(e) {
				if !t.is(fCapital) && t.shape != shapeMixed && !t.is(fHasDigit) {
					return p, e, true, false
				}
				return p, e, true, true
			}
			if e+1 >= len(d.toks) || d.toks[e+1].is(fSentence) {
				break
			}
		}
	}
	if !d.nameTok(p) {
		return
	}
	e = p
	for e+1 < len(d.toks) && e-p < 3 && d.toks[e+1].is(fTight) && !d.toks[e+1].is(fSentence) {
		n := e + 1
		if d.version(n) {
			e = n + 1 // "Guccifer 2.0": a version ends the name
			break
		}
		if !d.nameTok(n) && !(d.toks[n].shape == shapeDigits && d.gap(n) == "-") {
			break // "Nimbus-77" goes on
		}
		// After a strong cue every capitalised word goes on the name
		// ("tracked as Blue Heron"); otherwise an ordinary word ends it
		// in a title ("threat actor TA2722 Spoofs Philippine Government"),
		// not in running text ("the hacking group Quill Fox targeted").
		if st < strong && d.wc[n]&wOrdinary != 0 && !(d.wc[n]&wActorNoun != 0 && d.toks[n].is(fCapital) && nounNames[strings.ToLower(d.tok(n))]) && !d.runningAfter(n) {
			break
		}
		if d.wc[n]&wActorNoun != 0 && !nounNames[strings.ToLower(d.tok(n))] {
			break // "TA456 Actor"
		}
		e = n
	}
	return p, e, false, true
}

// runningAfter reports whether capitalised token n stands in running
// text rather than in a title: the sentence or a clause ends after it, or
// the next word is in lower case.
func (d *doc) runningAfter(n int) bool {
	if d.toks[n].shape != shapeTitle {
		return false
	}
	m := n + 1
	if m >= len(d.toks) || d.toks[m].is(fSentence) {
		return true
	}
	if g := d.gap(m); g != " " {
		return strings.ContainsAny(g, ",;:)")
	}
	return d.toks[m].shape == shapeLower && d.toks[m].is(fHasLetter)
}

// version reports whether tokens n and n+1 are a version number after a
// space: "2.0" in "Guccifer 2.0".
func (d *doc) version(n int) bool {
	return n+1 < len(d.toks) && d.gap(n) == " " && d.gap(n+1) == "." && d.toks[n].shape == shapeDigits && d.toks[n+1].shape == shapeDigits &&
		d.toks[n].end()-d.toks[n].start <= 2 && d.toks[n+1].end()-d.toks[n+1].start <= 2 && !d.toks[n+1].is(fSentence)
}

// closesQuote reports whether a closing quote follows token e.
func (d *doc) closesQuote(e int) bool {
	end := int(d.toks[e].end())
	if end >= len(d.text) {
		return false
	}
	switch d.text[end] {
	case '"', '\'', '*', '`', ']':
		return true
	}
	return strings.HasPrefix(d.text[end:], "”") || strings.HasPrefix(d.text[end:], "’") || strings.HasPrefix(d.text[end:], "»")
}

// distinctive reports whether tokens [s, e] look like a name by
// themselves: quoted, with digits, in mixed case or in capitals.
func (d *doc) distinctive(s, e int, quoted bool) bool {
	if quoted {
		return true
	}
	for k := s; k <= e; k++ {
		t := d.toks[k]
		switch {
		case t.is(fHasDigit) && (t.is(fHasLetter) || k > s), t.shape == shapeMixed:
			return true // "Kestrel9", "Nimbus-77", "ReconHellcat"
		case t.shape == shapeUpper && t.end()-t.start >= 3 && d.wc[k]&(wAcronym|wOrdinary) == 0:
			return true
		}
	}
	return false
}

// validName judges a name found from context by the strength of the
// context.
func (d *doc) validName(s, e int, quoted bool, st strength) bool {
	if d.wc[s]&(wStop|wDate|wVendor|wAcronym) != 0 && !quoted || d.wc[s]&(wVendor|wDate) != 0 {
		return false
	}
	if d.is(s, "operation") || d.is(s, "campaign") || d.is(s, "the") {
		return false
	}
	surf := d.surface(s, e)
	if !hasUpper(surf) {
		return false
	}
	key := actors.MatchKey(surf)
	if len(key) < 2 || d.r.countryKeys[key] || d.r.softwareKeys[key] && !d.isKnownActor(key) {
		return false
	}
	for k := s; k <= e; k++ {
		if d.mark[k] == markCountry || d.mark[k] == markOther || d.mark[k] == markSoftware {
			return false
		}
	}
	switch st {
	case strong:
		return true
	case medium:
		if d.distinctive(s, e, quoted) {
			return true
		}
		for k := s; k <= e; k++ {
			if d.wc[k]&wOrdinary == 0 && d.toks[k].is(fCapital) {
				return true
			}
		}
		return false
	}
	return d.distinctive(s, e, quoted)
}

// nameList reads one name or a list of names ("X, Y or Z", "X and Y",
// "X/Y") starting at token p and adds those the context vouches for. It
// returns how many it added.
func (d *doc) nameList(p int, st strength, how string) int {
	added := 0
	for n := 0; n < 6 && p < len(d.toks); n++ {
		s, e, quoted, ok := d.nameAt(p, st)
		if !ok {
			break
		}
		if d.validName(s, e, quoted, st) {
			d.addContextName(s, e, how, st)
			added++
		}
		// What follows: ", ", " or ", " and ", "/" and another name.
		next := e + 1
		if next >= len(d.toks) || d.toks[next].is(fSentence) {
			break
		}
		g := strings.TrimSpace(d.gap(next))
		g = strings.Trim(g, "\"'”’“‘*")
		switch {
		case g == "," || g == "/" || g == ";":
			if d.isAny(next, "or", "and") {
				next++
			}
		case g == "" && d.isAny(next, "or", "and"):
			next++
		default:
			return added
		}
		p = next
	}
	return added
}

// addContextName adds tokens [s, e] as an actor name found from context:
// a known name keeps its actor.
func (d *doc) addContextName(s, e int, how string, st strength) {
	sf, ef := d.span(s, e)
	if d.excluded(sf, ef) || d.toolAfter(e) {
		return
	}
	surf := d.text[sf:ef]
	key := actors.MatchKey(surf)
	c := cand{first: s, last: e, kind: Actor, key: key, form: surf}
	if idx, ok := d.r.actorKeys[key]; ok {
		en := &d.r.entries[idx]
		c.id, c.name, c.how, c.score = en.id, en.name, en.how+", "+how, scoreKnown
	} else {
		c.isNew, c.name, c.how, c.score = true, surf, how, scoreNewActor+5
		c.tentative = st < strong
	}
	d.add(c)
	if _, ok := d.found[key]; !ok {
		d.found[key] = c
	}
	for k := s; k <= e; k++ {
		d.mark[k] = markActor
	}
}
