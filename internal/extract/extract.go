package extract

import (
	"cmp"
	"math"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/net/publicsuffix"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract/ioc"
	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/knowledge"
)

// Extractor finds everything a report says. Build it once (the name
// recogniser takes a few tens of milliseconds); it is safe for concurrent
// use.
type Extractor struct {
	names *names.Recognizer
	pack  *knowledge.Pack
	lists Lists
}

// Lists says whether a value is on a list of known values.
type Lists func(kind, value string) ListVerdict

// ListVerdict is what lists say of a value.
type ListVerdict struct {
	Benign string   // why the value is not suspicious; "" when it may be
	Tags   []string // context that does not clear it (a dynamic DNS provider, a URL shortener)
	// TakenBack, set with Benign, is the context tag the value gets when
	// the report takes the verdict back by writing the value defanged:
	// a link with a path on a host that lists clear only for being
	// popular (imgur.com/1RzfF7r, a dead drop) is the author's indicator
	// when defanged, though the host itself is no one's.
	TakenBack string
}

// WithLists returns x checking observables against lists as well.
func (x *Extractor) WithLists(lists Lists) *Extractor {
	y := *x
	y.lists = lists
	return &y
}

// New returns an Extractor that recognises names with r and looks ATT&CK
// objects up in pack.
func New(r *names.Recognizer, pack *knowledge.Pack) *Extractor {
	return &Extractor{names: r, pack: pack, lists: MISPLists}
}

// Pack is the knowledge pack the extractor names techniques and software
// from (nil for none): the one Build's Lookup should find them in
// (PackLookup).
func (x *Extractor) Pack() *knowledge.Pack { return x.pack }

// Find reads a document's text and returns what it holds: sentences,
// observables (benign ones marked with the reason, context tags on the
// others), names of actors, techniques, software and countries,
// organisations, and the claims sentences make about them.
func (x *Extractor) Find(doc *document.Document) *Findings {
	text := doc.Text
	f := &Findings{Text: text, Format: string(doc.Format), Title: doc.Title, Published: doc.Published, URL: doc.URL, Warnings: doc.Warnings}
	// The stages that do not need each other's results run side by side,
	// each as soon as what it needs is there: the sentences beside the
	// indicator scan; once the scan says which spans are indicators, the
	// names, the dates and the observables' verdicts; the organisations
	// once the name recogniser is down to its last, one-goroutine
	// stretch, to fill the core its pieces used (started beside the pieces
	// they would only slow them, and the names are what the claims wait
	// for). The organisations' words are read off the recogniser's
	// tokens as soon as there are tokens, not off the text again, and
	// the claims' words off the same tokens once the names are found. Each
	// writes only its own result, so the findings are the same whatever
	// the scheduling.
	var wg sync.WaitGroup
	wg.Go(func() { f.Sentences = Sentences(text) })
	found := ioc.Scan(text)
	skip := make([][2]int, len(found))
	skipSpans := make([]Span, len(found))
	for i, m := range found {
		skip[i] = [2]int{m.Start, m.End}
		skipSpans[i] = Span{m.Start, m.End}
	}
	var mentions []names.Mention
	var orgs []Org
	var words []word
	var toks *names.Tokens // the recogniser's, which the organisations' and the claims' words are read off
	wordsRead := make(chan struct{})
	// What Build will need of the text alone (textFacts) is made once
	// the organisations are found, on the core they leave: beside the
	// name recogniser's last stretch, which is one goroutine's (sooner,
	// it would only slow the stages before). A text too short for that
	// stretch has them made after the names.
	var facts func() textFacts
	wg.Go(func() {
		mentions = x.names.FindWith(text, skip, names.Hooks{
			Tokens: func(t names.Tokens) {
				toks = &t
				wg.Go(func() {
					words = wordsOf(text, t)
					close(wordsRead)
				})
			},
			Then: func() {
				wg.Go(func() {
					<-wordsRead
					orgs = findOrgs(text, words, skipSpans)
					facts = startTextFacts(text, false)
				})
			},
			WordID: vocabID, // the claims' words' ids, once per distinct word
		})
	})
	wg.Go(func() { f.Dates = FindDates(text, skipSpans) })

	own := ownDomain(doc.URL)
	cites := newCitations(doc)
	type valueKey struct{ kind, value string }
	byValue := map[valueKey]int{}
	keys := map[int]string{} // "kind|value" of the suspicious observables, made once each
	// add records a mention of a value and returns its observable's index.
	add := func(kind, value string, m ioc.Match) int {
		i, ok := byValue[valueKey{kind, value}]
		if !ok {
			ob := Observable{Kind: kind, Value: value}
			if kind == string(ioc.Social) {
				ob.Platform, ob.Account = m.Platform, m.Account
			}
			ob.Benign, ob.Tags, ob.takenBack = x.verdict(kind, value, own)
			f.Observables = append(f.Observables, ob)
			i = len(f.Observables) - 1
			byValue[valueKey{kind, value}] = i
		}
		ob := &f.Observables[i]
		if n := len(ob.Spans); n == 0 || ob.Spans[n-1] != (Span{m.Start, m.End}) {
			ob.Spans = append(ob.Spans, Span{m.Start, m.End})
		}
		cites.mark(i, ob, m)
		return i
	}
	var valueEnts []Entity           // vulnerabilities and accounts, which claims are made about
	alone := map[int]bool{}          // file names: whether a mention stands apart from any hash (hashBeside)
	hostKinds := map[string]string{} // hostKind by host: a long report links the same hosts again and again
	for k, m := range found {
		kind := string(m.Kind)
		if kind == "attack-id" {
			continue // ATT&CK ids are names of techniques and groups, found by the names recogniser
		}
		switch m.Kind {
		case ioc.CVE:
			valueEnts = append(valueEnts, Entity{Kind: EntVulnerability, Start: m.Start, End: m.End, Key: m.Value, Name: m.Value})
		case ioc.Social:
			valueEnts = append(valueEnts, Entity{Kind: EntAccount, Start: m.Start, End: m.End, Key: m.Value, Name: m.Value})
		}
		i := add(kind, m.Value, m)
		if m.Kind == ioc.Filename {
			alone[i] = alone[i] || !hashBeside(text, found, k)
		}
		if f.Observables[i].Benign == "" && m.Kind != ioc.CVE {
			// A suspicious value: claims may tie it to an actor.
			key, ok := keys[i]
			if !ok {
				key = kind + "|" + m.Value
				keys[i] = key
			}
			valueEnts = append(valueEnts, Entity{Kind: EntIndicator, Start: m.Start, End: m.End, Key: key, Name: m.Value})
		}
		// The host of a link or a mail address is an observable of its
		// own: the domain or address a defender blocks.
		if h := m.Host(); h != "" {
			hk, ok := hostKinds[h]
			if !ok {
				hk = hostKind(h)
				hostKinds[h] = hk
			}
			if hk != "" {
				j := add(hk, h, m)
				// The platform an account is on is not the actor's: the
				// account is the indicator.
				if m.Kind == ioc.Social {
					if ob := &f.Observables[j]; ob.Benign == "" {
						ob.Benign = "the social-media platform of an account named in the report"
					}
				}
			}
		}
	}
	hashed := map[string]bool{} // the keys of names of hashed files: no indicator, so no claim ties them to an actor
	for i, a := range alone {
		if f.Observables[i].WithHash = !a; !a && keys[i] != "" {
			hashed[keys[i]] = true
		}
	}
	if len(hashed) > 0 {
		valueEnts = slices.DeleteFunc(valueEnts, func(e Entity) bool { return e.Kind == EntIndicator && hashed[e.Key] })
	}
	var ents []Entity
	// packIDs look each technique and software up in the pack once: a
	// long report names the same few hundreds of times.
	type packKey struct {
		kind names.Kind
		id   string
	}
	packID := func(ids map[packKey]string, kind names.Kind, id string) string {
		k := packKey{kind, id}
		sid, ok := ids[k]
		if !ok {
			if kind == names.Software {
				sid = x.softwareID(id)
			} else {
				sid = x.techniqueID(kind, id)
			}
			ids[k] = sid
		}
		return sid
	}
	wg.Wait()
	if f.facts = facts; f.facts == nil {
		f.facts = startTextFacts(text, true)
	}
	mentions, orgs = firmsNotActors(mentions, orgs)
	// The names and their entities, one of each a mention, are made in
	// pieces side by side: tens of thousands in a long report, which the
	// claims wait for.
	if n := len(mentions); n > 0 {
		f.Names = make([]Name, n)
		ents = make([]Entity, n, n+len(orgs)+len(valueEnts)) // the organisations and the values come after
		pieces := linecut.Many(n, 4096)
		linecut.Run(pieces, func(p int) {
			ids := map[packKey]string{}
			for i := p * n / pieces; i < (p+1)*n/pieces; i++ {
				m := &mentions[i]
				nm := Name{Kind: string(m.Kind), Span: Span{m.Start, m.End}, Name: m.Name, New: m.New}
				e := Entity{Start: m.Start, End: m.End, Key: m.ID, Name: m.Name}
				switch m.Kind {
				case names.Actor:
					nm.ID = m.ID
					e.Kind, e.Name = EntActor, m.Text
				case names.Country:
					nm.Key = m.ID
					e.Kind = EntCountry
				case names.Technique, names.DISARM:
					nm.Key = m.ID
					nm.ID = packID(ids, m.Kind, m.ID)
					e.Kind = EntTechnique
				case names.Software:
					nm.Key = m.ID
					nm.ID = packID(ids, m.Kind, m.ID)
					e.Kind = EntSoftware
				}
				f.Names[i], ents[i] = nm, e // a kind with no entity leaves e's Kind empty
			}
		})
		ents = slices.DeleteFunc(ents, func(e Entity) bool { return e.Kind == "" })
	}
	named := entityIndex(ents)
	orgsEnd := math.MinInt // the greatest end of the organisations kept so far
	var inOrgs []int       // the countries of organisations' names: "Security Service of Ukraine"
	nameEnts := ents       // the names' entities, in text order, before the organisations come after them
	if len(orgs) > 0 {
		f.Orgs = make([]Org, 0, len(orgs)) // at most all: appended, a long report's went through copies
	}
	for _, o := range orgs {
		if o.Start < orgsEnd {
			continue
		}
		if k := sentenceAt(f.Sentences, o.Start); k >= 0 && o.End > f.Sentences[k].End {
			continue // words run on past a sentence's end ("U.S. Attorney. Campaign ..."): no name, and no quote would hold it
		}
		if named.overlaps(o.Start, o.End) {
			lo, hi := countriesOf(text, nameEnts, o)
			if lo == hi {
				continue // an actor or country named like an organisation
			}
			inOrgs = append(inOrgs, lo, hi)
		}
		orgsEnd = max(orgsEnd, o.End)
		f.Orgs = append(f.Orgs, o)
		ents = append(ents, Entity{Kind: EntOrg, Start: o.Start, End: o.End, Key: string(o.Kind), Name: o.Name, Firm: o.Firm})
	}
	if len(inOrgs) > 0 {
		// The organisation, not its country, is what a claim's word
		// there is about: "targeted the Security Service of Ukraine".
		for k := 0; k < len(inOrgs); k += 2 {
			for i := inOrgs[k]; i < inOrgs[k+1]; i++ {
				ents[i].Kind = ""
			}
		}
		ents = slices.DeleteFunc(ents, func(e Entity) bool { return e.Kind == "" })
	}
	orgsAt := len(ents) - len(f.Orgs)
	ents = append(ents, valueEnts...)
	ents = sortByStart(ents, orgsAt, len(ents)-len(valueEnts))
	f.Claims = titledIndicators(text, doc.Title, ents, findClaimsTokens(text, toks, f.Sentences, ents))
	rowOperations(text, cites.index, f.Claims)
	return f
}

// countriesOf returns the entities [lo, hi) of ents (the names', in text
// order) that organisation o overlaps, when each is a country named in
// o's complement, after "of" or "of the" ("Security Service of Ukraine",
// "the Heart of Moldova political party"); lo == hi when o overlaps
// any other name, or a country elsewhere in it ("Russian Federal
// Security Service": the state the claims need).
func countriesOf(text string, ents []Entity, o Org) (lo, hi int) {
	// The names do not overlap, so their ends are in order as their
	// starts are: the first that ends after o starts is the first inside.
	lo, _ = slices.BinarySearchFunc(ents, o.Start+1, func(e Entity, end int) int { return cmp.Compare(e.End, end) })
	hi = lo
	for hi < len(ents) && ents[hi].Start < o.End {
		e := ents[hi]
		if e.Kind != EntCountry || e.Start < o.Start || e.End > o.End {
			return lo, lo
		}
		if before := strings.TrimSuffix(text[o.Start:e.Start], "the "); !strings.HasSuffix(before, " of ") {
			return lo, lo
		}
		hi++
	}
	return lo, hi
}

// sortByStart sorts ents by where they start, stably: ents is three runs,
// [0, b) [b, c) [c, len), each nearly always in order already (the names,
// the organisations and the values, each found in text order), which are
// then merged, not sorted (a long report has tens of thousands).
func sortByStart(ents []Entity, b, c int) []Entity {
	byStart := func(x, y Entity) int { return cmp.Compare(x.Start, y.Start) }
	runs := [][]Entity{ents[:b], ents[b:c], ents[c:]}
	for _, r := range runs {
		if !slices.IsSortedFunc(r, byStart) {
			slices.SortStableFunc(ents, byStart)
			return ents
		}
	}
	out := make([]Entity, 0, len(ents))
	for {
		k := -1 // the run whose head comes first; the earlier run on a tie
		for i, r := range runs {
			if len(r) > 0 && (k < 0 || r[0].Start < runs[k][0].Start) {
				k = i
			}
		}
		if k < 0 {
			return out
		}
		out = append(out, runs[k][0])
		runs[k] = runs[k][1:]
	}
}

// entityIndex indexes the spans of ents for overlap tests in O(log n).
// FindOrgs returns organisations in text order, so one organisation
// overlaps an earlier one exactly when it starts before the greatest end
// so far, which Find keeps beside it.
func entityIndex(ents []Entity) spanIndex {
	spans := make([]Span, len(ents))
	for i, x := range ents {
		spans[i] = Span{x.Start, x.End}
	}
	return newSpanIndex(spans)
}

// techniqueID returns the STIX id of an ATT&CK or DISARM technique.
func (x *Extractor) techniqueID(kind names.Kind, id string) string {
	if x.pack == nil {
		return ""
	}
	if kind == names.DISARM {
		if t := x.pack.DISARMByID(id); t != nil {
			return t.ID
		}
		return ""
	}
	if t := x.pack.TechniqueByID(id); t != nil {
		return t.ID
	}
	return ""
}

func (x *Extractor) softwareID(id string) string {
	if x.pack == nil {
		return ""
	}
	if s := x.pack.SoftwareByID(id); s != nil {
		return s.ID
	}
	return ""
}

// ownDomain returns the registered domain of the report's own site.
func ownDomain(u string) string {
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || p.Hostname() == "" {
		return ""
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(p.Hostname()))
	if err != nil {
		return ""
	}
	return d
}

// verdict says why a value is benign, or which context tags it carries.
func (x *Extractor) verdict(kind, value, own string) (benign string, tags []string, takenBack string) {
	if kind == "filename" && windowsPrograms[strings.ToLower(value)] {
		return "a program every Windows installation has: its name alone points at every Windows host", nil, ""
	}
	if own != "" && (kind == "domain" || kind == "url" || kind == "email") {
		host := value
		switch kind {
		case "url":
			if p, err := url.Parse(value); err == nil {
				host = p.Hostname()
			}
		case "email":
			if i := strings.LastIndexByte(value, '@'); i >= 0 {
				host = value[i+1:]
			}
		}
		if host == own || strings.HasSuffix(host, "."+own) {
			return "the publisher's own site", nil, ""
		}
	}
	if benign == "" && x.lists != nil {
		v := x.lists(kind, value)
		benign, tags, takenBack = v.Benign, v.Tags, v.TakenBack
	}
	if benign != "" {
		tags = nil
	} else {
		takenBack = ""
	}
	return benign, tags, takenBack
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// hostKind says what kind of observable a link's host is: an address, a
// domain under a public suffix, or "" (a bare name, a private TLD).
// Reserved and documentation addresses are left to the warning lists.
func hostKind(h string) string {
	// An address starts with a digit or holds a colon: most hosts are
	// names, which netip would refuse with an error made for each.
	if h != "" && (h[0] >= '0' && h[0] <= '9' || strings.IndexByte(h, ':') >= 0) {
		if a, err := netip.ParseAddr(h); err == nil {
			if a.Is4() {
				return "ipv4"
			}
			return "ipv6"
		}
	}
	if !strings.Contains(h, ".") {
		return ""
	}
	if suf, icann := publicsuffix.PublicSuffix(h); !icann || suf == h {
		return ""
	}
	return "domain"
}

// hashBeside reports whether found[k], a file name, names the file of a
// hash beside it: on the row of a table (a line with two cell borders or
// a tab) that holds a hash, or next to a hash on its line with nothing
// but punctuation or a label between ("<hash> (invoice.exe)",
// "<hash>,invoice.exe", "MD5: <hash> File Name: invoice.exe"). A
// sentence's "<hash> drops svc.dll" names another file. Lines are read
// rowReach bytes either side at most (a text of one long line is no
// table); found is in text order.
func hashBeside(text string, found []ioc.Match, k int) bool {
	const rowReach = 2048
	m := found[k]
	lo := max(0, m.Start-rowReach)
	from := lo + strings.LastIndexByte(text[lo:m.Start], '\n') + 1
	hi := min(len(text), m.End+rowReach)
	to := hi
	if e := strings.IndexByte(text[m.End:hi], '\n'); e >= 0 {
		to = m.End + e
	}
	line := text[from:to]
	row := strings.Count(line, "|") >= 2 || strings.IndexByte(line, '\t') >= 0
	if !row && strings.HasPrefix(strings.TrimLeft(line, " "), "|") {
		// A table written a cell a line, as AsciiDoc allows ("|`a.exe`",
		// "|`<hash>`", a blank line between rows): the row is the run of
		// such lines around it.
		from, to = cellLines(text, from, to, lo, hi)
		row = true
	}
	for j := k - 1; j >= 0 && found[j].Start >= from; j-- {
		if found[j].Kind.IsHash() && (row || onlyLabelBetween(text[found[j].End:m.Start])) {
			return true
		}
	}
	for j := k + 1; j < len(found) && found[j].Start < to; j++ {
		if found[j].Kind.IsHash() && (row || onlyLabelBetween(text[m.End:found[j].Start])) {
			return true
		}
	}
	return false
}

// cellLines widens the line text[from:to], a table cell, to the lines
// around it that are cells too (start with "|"), within [lo, hi).
func cellLines(text string, from, to, lo, hi int) (int, int) {
	isCell := func(l string) bool { return strings.HasPrefix(strings.TrimLeft(l, " "), "|") }
	for from > lo {
		prev := lo + strings.LastIndexByte(text[lo:from-1], '\n') + 1
		if !isCell(text[prev : from-1]) {
			break
		}
		from = prev
	}
	for to < hi {
		next := hi
		if e := strings.IndexByte(text[to+1:hi], '\n'); e >= 0 {
			next = to + 1 + e
		}
		if !isCell(text[to+1 : next]) {
			break
		}
		to = next
	}
	return from, to
}

// onlyLabelBetween reports whether the text between a hash and a file
// name holds no word but a label of either ("File Name:", "SHA-256",
// "MD5 Hash:"), and no more than 64 bytes.
func onlyLabelBetween(gap string) bool {
	if len(gap) > 64 {
		return false
	}
	for _, w := range strings.FieldsFunc(gap, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch strings.ToLower(w) {
		case "file", "filename", "name", "named", "hash", "md", "sha", "as", "aka":
		default:
			return false
		}
	}
	return true
}
