package names

import "github.com/dossier-cti/dossier/internal/extract/linecut"

// repeats adds every other use of the actor names found in the text:
// known names turned down only for want of a sign that they were meant
// as names, and new names, wherever they stand.
func (d *doc) repeats() {
	for _, c := range d.deferred {
		if f, ok := d.found[c.key]; ok && !d.excluded(d.span(c.first, c.last)) {
			c.how = repeatHow(c, f) + " (" + c.how + ")"
			c.score = scoreKnown
			d.add(c)
		}
	}
	b := newTrieBuilder(0)
	var news []cand
	for _, c := range d.found {
		if !c.isNew {
			continue
		}
		b.add(c.key, int32(len(news)))
		news = append(news, c)
	}
	if len(news) == 0 {
		return
	}
	t := b.build()
	// The tokens are read in pieces side by side (a long report's are
	// hundreds of thousands, on the recogniser's last stretch, when the
	// core beside it is often done with the organisations), each piece's
	// repeats added in text order after the pieces before.
	asSoftware := make([]bool, len(news))
	asActor := make([]bool, len(news))
	pieces := linecut.Many(len(d.toks), 32<<10)
	scans := make([]repeatScan, pieces)
	linecut.Run(pieces, func(p int) {
		scans[p] = d.repeatsIn(t, news, p*len(d.toks)/pieces, (p+1)*len(d.toks)/pieces)
	})
	for _, sc := range scans {
		d.cands = append(d.cands, sc.cands...)
		for _, p := range sc.asSoftware {
			asSoftware[p] = true
		}
		for _, p := range sc.asActor {
			asActor[p] = true
		}
	}
	// A name found only from weak signs ("attributed to X", "X actors")
	// that the text elsewhere calls malware ("the X backdoor"), and never
	// a group, is software after all.
	veto := map[string]bool{}
	for p, f := range news {
		if f.tentative && asSoftware[p] && !asActor[p] {
			veto[f.key] = true
		}
	}
	if len(veto) > 0 {
		kept := d.cands[:0]
		for _, c := range d.cands {
			if !(c.kind == Actor && c.isNew && veto[c.key]) {
				kept = append(kept, c)
			}
		}
		d.cands = kept
	}
}

// repeatScan is what repeatsIn finds in its tokens: the repeats of new
// names, and which of news (by index) stand before a software noun, or
// an actor noun.
type repeatScan struct {
	cands               []cand
	asSoftware, asActor []int
}

// repeatsIn finds the repeats of news, whose keys t holds, at tokens
// [lo, hi). It only reads d.
func (d *doc) repeatsIn(t *trie, news []cand, lo, hi int) repeatScan {
	var sc repeatScan
	var ms []match
	toks := d.toks[:hi] // in a local: read through d, it was loaded again at every token
	for i := lo; i < hi; i++ {
		if sh := toks[i].shape; sh == shapeLower || sh == shapeDigits {
			continue // new names have capitals, and start with letters
		}
		ms = t.walk(d.text, d.toks, i, ms[:0])
		for _, m := range ms {
			if m.trim > 0 {
				continue // a repeat is written as the name was, footnote and all or not at all
			}
			for _, p := range t.payloads(m.node) {
				f := news[p]
				switch d.nextKind(m.last) {
				case Software:
					// Ransomware brands name the gangs that run them
					// ("the Dharma ransomware", "Dharma affiliates").
					if !d.is(m.last+1, "ransomware") {
						sc.asSoftware = append(sc.asSoftware, int(p))
					}
				case Actor:
					sc.asActor = append(sc.asActor, int(p))
				}
				if m.first == f.first && m.last == f.last {
					continue
				}
				s, e := d.span(m.first, m.last)
				if d.excluded(s, e) || !capitalOK(f.form, d.text[s:e]) || d.toolAfter(m.last) {
					continue
				}
				if len(f.key) <= 3 && !sameLetters(f.form, d.text[s:e]) {
					continue
				}
				c := f
				c.first, c.last = m.first, m.last
				c.how = repeatHow(c, f)
				c.score = scoreNewActor
				sc.cands = append(sc.cands, c)
			}
		}
	}
	return sc
}

func repeatHow(c, found cand) string {
	if c.first > found.first {
		return "repeat of a name found earlier"
	}
	return "repeat of a name found later in the text"
}
