package extract

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract/ioc"
	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/geo"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// Observable is a value found in the text (an address, a domain, a hash).
type Observable struct {
	Kind  string // the ioc kind: ipv4, ipv6, ipv4-cidr, ipv6-cidr, domain, url, email, md5, sha1, sha256, sha512, cve, btc, eth, social, filename, regkey
	Value string // canonical, refanged
	Spans []Span // where it is written (byte offsets)
	// Benign, when set, says why the value is almost certainly not
	// malicious (a documentation range, a top site, the publisher's own
	// domain): it stays a plain observable, with the reason on its
	// mentions, and no indicator is made.
	Benign string
	// Tags give context without making the value benign (dynamic DNS, an
	// IPFS gateway): they go on the indicator's labels.
	Tags     []string
	Platform string // social: the platform
	Account  string // social: the account or page
	// WithHash is set on a file name every mention of which stands on a
	// table's row with a hash, or beside one with only punctuation or a
	// label between: the name of that file, whose hash is its indicator.
	// The name alone would match every file so named, and an actor's
	// files are often named as legitimate ones are ("version.dll",
	// "node.exe"): it stays an observable.
	WithHash bool
	// takenBack is the tag a defanged mention turns a benign verdict
	// into (see ListVerdict.TakenBack); "" when none can.
	takenBack string
}

// hashedFileNote is the note on the report's mentions of a name of a
// hashed file (Observable.WithHash), which has no indicator of its own.
const hashedFileNote = "the name of the file whose hash is written beside it: the hash is the indicator"

// Indicates reports whether the value becomes a STIX indicator: it is not
// benign and its kind has a pattern. A CVE is a vulnerability, not an
// indicator. A wallet is one, as OpenCTI makes it: a pattern on its
// custom observable, [cryptocurrency-wallet:value = '...'], which is
// also what a claim that the wallet is an actor's indicates from.
func (o *Observable) Indicates() bool {
	if o.Kind == "cve" {
		return false
	}
	return o.Benign == "" && !o.WithHash
}

// Name is a mention of an actor, technique, software or country.
type Name struct {
	Kind string // actor, technique, disarm, software, country
	Span Span
	// ID is the STIX id of what it names when that is known (an actor's
	// canonical object, an ATT&CK technique's attack-pattern), "" for a
	// new actor name or a country.
	ID   string
	Key  string // ATT&CK or DISARM id for techniques and software, ISO code for countries
	Name string
	New  bool // an actor no source knows
	// STIXType is the type of object ID is (attack-pattern, malware, tool,
	// intrusion-set, threat-actor).
	STIXType string
}

// Findings is everything found in one report, before it becomes STIX.
type Findings struct {
	Text        string
	Format      string
	Title       string
	Published   string // YYYY-MM-DD, or ""
	URL         string
	Sentences   []Span
	Observables []Observable
	Names       []Name
	Orgs        []Org
	Claims      []Claim
	Dates       []Date // calendar dates the text names, in order
	// Warnings say what the document reader cut or could not read: the
	// report keeps them, so that a partial text is known to be partial.
	Warnings []string

	// facts, when Find started them, are the text's code-point index and
	// report id, made while Find's last stages run (see textFacts).
	facts func() textFacts
}

// textFacts are what Build needs of the text alone: its code-point
// index and the report's id (a hash of the text). Each is a pass over
// megabytes, made beside other work when there is some.
type textFacts struct {
	text   string // the text they are of
	runes  *document.Index
	report string
}

// startTextFacts makes the text's facts in the background, the two side
// by side when parallel is set, else one after the other; the function it
// returns waits for them, as often as asked.
func startTextFacts(text string, parallel bool) func() textFacts {
	return background(func() textFacts {
		tf := textFacts{text: text}
		if !parallel {
			tf.runes = document.NewIndex(text)
			tf.report = ReportID(text)
			return tf
		}
		var wg sync.WaitGroup
		wg.Go(func() { tf.runes = document.NewIndex(text) })
		tf.report = ReportID(text)
		wg.Wait()
		return tf
	})
}

// background runs f on a goroutine of its own; the function it returns
// waits for f's result, as often as it is asked.
func background[T any](f func() T) func() T {
	out := make(chan T, 1)
	go func() { out <- f() }()
	return sync.OnceValue(func() T { return <-out })
}

// BuildOptions say who published the report and how to mark it.
type BuildOptions struct {
	// Publisher names the report's author ("Microsoft Threat Analysis
	// Center"); it becomes the identity that creates the report, its
	// indicators and its claims. Empty means unknown: those objects then
	// have no created_by_ref.
	Publisher string
	// Reliability is the publisher's Admiralty reliability (A–F), kept on
	// the publisher's identity.
	Reliability string
	TLP         *stix.TLP
	Now         time.Time
	// Actor, when set, is the analyst's word that the report's indicators
	// are an actor's (see AssertedActor).
	Actor *AssertedActor
	// Lookup returns a known object by id (from the store), so that the
	// bundle holds every object it refers to; nil when none is known. It
	// is called from several goroutines at once.
	Lookup func(id string) *stix.Object
	// Ready, when set, is called once, before Build makes the report
	// object, with every other object of the bundle, in the bundle's
	// order and each already checked valid: the report comes last and
	// is the largest (it lists every mention), so a caller can write the
	// rest while it is made. Build still returns all the objects, those
	// included; when it fails after Ready, only the report was wrong.
	Ready func(objs []*stix.Object)
	// ReportTo, when set, is given the report object's JSON in pieces, in
	// order, and Build keeps none of it: the Bundle it returns has no
	// report (Report is nil, and Objects are those Ready is given). The
	// report of a long report runs to tens of megabytes, nearly all of it
	// its mentions, each quoting its sentence: a caller writing the
	// bundle out writes each piece while the next are encoded, and holds
	// a few pieces at a time, not all. A piece is the caller's only until
	// ReportTo returns. The report is checked valid as it is encoded; an
	// error, ReportTo's own or an invalid report (a bug), stops Build and
	// is returned, and the pieces given until then are not the whole
	// report. Set Ready with it, to have the other objects before.
	ReportTo func(p []byte) error
	// NoReport, when set, has Build make no report object at all, nor
	// encode its text, dates or mentions (ReportTo is not called): for a
	// caller that shows the findings and not the bundle, such as
	// extract's summary, to which a long report's object was tens of
	// megabytes made only to be dropped. Bundle.Report is then nil, and
	// Objects are the others; ReportName still says its name.
	NoReport bool
}

// Bundle is what Build makes: the report, every object it refers to, and
// what could not be included.
type Bundle struct {
	Report  *stix.Object
	Objects []*stix.Object
	// Referred lists the ids of the objects in Objects that others made
	// (found through Lookup): a store keeps its own version of those.
	Referred map[string]bool
	// Missing lists ids that objects refer to but that neither Build makes
	// nor Lookup knows (ATT&CK objects when ATT&CK is not in the store).
	Missing []string
	// Warnings say what Build left out of the report (mentions over its
	// limits); the report's warnings hold them too.
	Warnings []string
	// Asserted counts the indicators BuildOptions.Actor tied to its actor.
	Asserted int
	// ReportName is the report object's name (its title, else its first
	// line), made or not (BuildOptions.NoReport).
	ReportName string
}

// The limits on a report's mentions, each of which quotes its whole
// sentence: a report of real prose makes tens of thousands (the 5.6 MB
// bench text 39,000, the most of one object about a thousand), while a
// hostile text of a million repeats of one link made a bundle of 5.9 GB
// from 4.9 MB. Past them the first mentions in the text are kept, and the
// report says how many were left out.
const (
	maxMentionsPerObject = 10_000
	maxMentions          = 250_000
	maxMentionQuotes     = 128 << 20 // bytes of quoted sentences
	// maxEvidence is the most evidence items an indicator or a claim
	// carries (the bench text's most is 170): each quotes its sentence,
	// and the same hostile text gave two indicators 70,000 each.
	maxEvidence = 1_000
)

// builder accumulates objects by id.
type bundleBuilder struct {
	opt      BuildOptions
	ts       string
	asserted int // the indicators opt.Actor tied to its actor
	objs     map[string]*stix.Object
	order    []string
	missing  map[string]bool
	looked   map[string]bool // ids found through Lookup
	runes    *document.Index
	f        *Findings
	sents    sentenceIndex // f.Sentences, for quote
	report   string
	creator  string // the publisher identity's id, or ""
	markings []string
	mentions []mentionAt
	notes    []mentionNote
	warnings []string // what Build left out, for the report and the caller
	// evidenceCut counts the evidence items left out over maxEvidence, of
	// evidenceCutObjects objects (made side by side, hence atomic).
	evidenceCut, evidenceCutObjects atomic.Int64
	textJSON                        func() []byte    // the text's JSON, encoded beside the rest
	dates                           func() datesPart // the dates of the report's extension, made beside the rest; nil when there are none
	nameAt                          map[Span]int     // index in f.Names of the name with a span, for entityID
	derived                         map[[2]string]string
	countries                       map[string]string // code -> location id, once made or found
	orgIDs                          map[orgKey]string // orgIdentity's answers
	// indicators are the ids of the indicators made, by "kind|value" of
	// their observable, for the claims that tie them to actors.
	indicators map[string]string
	// lookedUp holds what Lookup returned for ids looked up ahead, nil
	// included.
	lookedUp map[string]*stix.Object
	// titleOp is, once operation has looked, the id of the operation the
	// title names ("" for none: the report's own campaign stands for it).
	titleOp *string
	// reportOp is, once operation has made it, the id of the operation
	// scoped to the report, when the title names none.
	reportOp string
}

// derivedID is stix.DerivedID, remembered: a long report names the same
// countries, actors and organisations thousands of times.
func (b *bundleBuilder) derivedID(typ, name string) string {
	k := [2]string{typ, name}
	id, ok := b.derived[k]
	if !ok {
		if b.derived == nil {
			b.derived = map[[2]string]string{}
		}
		id = stix.DerivedID(typ, name)
		b.derived[k] = id
	}
	return id
}

func (b *bundleBuilder) add(o *stix.Object) {
	if _, ok := b.objs[o.ID]; ok {
		return
	}
	b.objs[o.ID] = o
	b.order = append(b.order, o.ID)
}

// known adds the object Lookup knows by id, and reports whether there
// is one. The bundle is self-contained: the creator and markings of what
// it carries come along.
func (b *bundleBuilder) known(id string) bool {
	if b.opt.Lookup == nil {
		return false
	}
	o, ok := b.lookedUp[id]
	if !ok {
		o = b.opt.Lookup(id)
	}
	if o == nil {
		return false
	}
	b.add(o)
	b.looked[id] = true
	if c := o.Props.Get("created_by_ref"); c != nil && c.Kind == stix.KindString {
		b.refer(c.Str)
	}
	if m := o.Props.Get("object_marking_refs"); m != nil {
		for _, e := range m.Items {
			if e.Kind == stix.KindString {
				b.refer(e.Str)
			}
		}
	}
	return true
}

// refer records that the bundle refers to id, adding the known object.
func (b *bundleBuilder) refer(id string) {
	if _, ok := b.objs[id]; ok || id == "" || b.known(id) {
		return
	}
	if t := stix.TLPByID(id); t != nil {
		b.add(t.Object())
		return
	}
	b.missing[id] = true
}

// common starts an object dossier makes: type, id, dates, creator and
// markings.
//
// The objects made from a report have ten to sixteen members (an
// indicator has fifteen with its creator and markings): room for sixteen
// at once.
func (b *bundleBuilder) common(typ, id, createdBy string) *stix.Builder {
	o := stix.NewBuilderSize(16).Str("type", typ).Str("spec_version", "2.1").Str("id", id)
	if createdBy != "" {
		o.Str("created_by_ref", createdBy)
	}
	return o.Str("created", b.ts).Str("modified", b.ts)
}

func (b *bundleBuilder) marked(o *stix.Builder) *stix.Builder {
	return o.Strs("object_marking_refs", b.markings)
}

// ReportID is the id of the report made from a text: derived from the
// text itself, so that ingesting the same report twice makes nothing new.
func ReportID(text string) string {
	// Hashed through a small buffer: the text as a []byte would be a copy
	// of a report of megabytes.
	h := sha256.New()
	var buf [32 << 10]byte
	for len(text) > 0 {
		n := copy(buf[:], text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return stix.DerivedID("report", "report-text-sha256:"+hex.EncodeToString(h.Sum(nil)))
}

// Build turns findings into STIX objects: the report (with its text and
// the mentions of every object), the observables and the indicators made
// from the suspicious ones, vulnerabilities, actors new to dossier,
// countries, organisations, and the claims as relationships and opinions
// created by who makes them, each with its evidence.
func Build(f *Findings, opt BuildOptions) (*Bundle, error) {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	b := &bundleBuilder{
		opt: opt, ts: stix.FormatTimestamp(opt.Now), objs: map[string]*stix.Object{}, missing: map[string]bool{}, looked: map[string]bool{},
		f: f, sents: newSentenceIndex(f.Sentences),
	}
	var tf textFacts
	if f.facts != nil {
		tf = f.facts()
	}
	if tf.text != f.Text || tf.runes == nil { // findings Find did not make, or whose text changed since
		tf = startTextFacts(f.Text, true)()
	}
	b.runes, b.report = tf.runes, tf.report
	// The known objects the names refer to (ATT&CK's, the store's: a few
	// hundred, each decoded from JSON) are looked up beside the
	// observables, which need none of them.
	lookups := b.lookUpNames()
	// The report's text, as JSON, is most of the report but its mentions,
	// and depends on nothing else: encoded beside the rest.
	if !opt.NoReport {
		b.textJSON = background(func() []byte {
			v := stix.StringValue(f.Text)
			return v.AppendJSON(make([]byte, 0, len(f.Text)+len(f.Text)/16+2))
		})
	}
	// So are the dates the report holds, as values and as JSON: a long
	// report has thousands, which took 3 ms on the goroutine the rest of
	// the bundle waits on.
	if len(f.Dates) > 0 && !opt.NoReport {
		b.dates = background(func() datesPart {
			values := make([]stix.Value, len(f.Dates))
			for i, d := range f.Dates {
				off, n := runeSpan(b.runes, d.Span)
				values[i] = stix.NewBuilder().Str("value", d.Value).Int("offset", off).Int("length", n).Str("quote", b.quote(d.Span)).Value()
			}
			v := stix.Value{Kind: stix.KindArray, Items: values}
			// Into room measured first: grown by doubling from nothing,
			// a long report's 0.7 MB took 3.2 MB, each copy new pages.
			return datesPart{value: v, json: v.AppendJSON(make([]byte, 0, stix.JSONSize(&v)))}
		})
	}
	b.add(DossierIdentity())
	b.add(EvidenceExtension())
	if opt.TLP != nil {
		b.add(opt.TLP.Object())
		b.markings = []string{opt.TLP.ID}
	}
	if opt.Publisher != "" {
		b.creator = publisherID(opt.Publisher)
		o := b.common("identity", b.creator, "").Str("name", opt.Publisher).Str("identity_class", "organization")
		if opt.Reliability != "" {
			o.Str("x_dossier_reliability", opt.Reliability)
		}
		b.add(b.marked(o).Object())
	}
	b.observables()
	b.lookedUp = lookups()
	b.names()
	b.orgs()
	b.rowOperations()
	b.limitMentions()
	// Every mention is known (the claims make none): with ReportTo, they
	// are encoded from now on, beside the claims and what comes before
	// them in the report.
	var ms *mentionStream
	if opt.ReportTo != nil && len(b.mentions) > 0 && !opt.NoReport {
		ms = b.encodeMentions(mentionSlots)
	}
	b.claims()
	if n := b.evidenceCut.Load(); n > 0 {
		b.warnings = append(b.warnings, fmt.Sprintf("%d evidence items of %d indicators and claims were left out, over the limit of %d for one object: the first in the text were kept",
			n, b.evidenceCutObjects.Load(), maxEvidence))
	}
	out := &Bundle{Referred: b.looked, Warnings: b.warnings, ReportName: b.reportName()}
	for _, id := range b.order {
		out.Objects = append(out.Objects, b.objs[id])
	}
	checked := 0
	if opt.Ready != nil {
		if err := validAll(out.Objects); err != nil {
			ms.stop()
			return nil, err
		}
		checked = len(out.Objects)
		opt.Ready(slices.Clip(out.Objects))
	}
	if !opt.NoReport {
		if err := b.reportObject(ms); err != nil {
			return nil, err
		}
	}
	out.Report = b.objs[b.report] // nil when given to ReportTo, or not made
	out.Asserted = b.asserted
	for _, id := range b.order[len(out.Objects):] {
		out.Objects = append(out.Objects, b.objs[id])
	}
	for id := range b.missing {
		out.Missing = append(out.Missing, id)
	}
	sort.Strings(out.Missing)
	if err := validAll(out.Objects[checked:]); err != nil {
		return nil, err
	}
	return out, nil
}

// validAll checks objs in pieces side by side; the first invalid object
// in their order is the one said.
func validAll(objs []*stix.Object) error {
	bad := make([]int, 0, 8)
	var mu sync.Mutex
	inPieces(len(objs), 500, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if len(stix.Validate(objs[i])) > 0 {
				mu.Lock()
				bad = append(bad, i)
				mu.Unlock()
				return
			}
		}
	})
	if len(bad) > 0 {
		o := objs[slices.Min(bad)]
		return fmt.Errorf("extract: made an invalid %s (%s): %s", o.Type, o.ID, stix.Validate(o)[0])
	}
	return nil
}

func publisherID(name string) string {
	return stix.DerivedID("identity", "publisher:"+strings.ToLower(strings.TrimSpace(name)))
}

// mention records where an object is named, for the report. Its quote
// and code-point offsets are found when the report is made, in pieces side
// by side.
func (b *bundleBuilder) mention(id string, s Span, note string) {
	b.mentions = append(b.mentions, mentionAt{id, s})
	if note != "" {
		b.notes = append(b.notes, mentionNote{len(b.mentions) - 1, note})
	}
}

// limitMentions keeps the report's mentions within their limits
// (maxMentionsPerObject, maxMentions, maxMentionQuotes), the first in the
// text of each object, and says what it left out in b.warnings.
func (b *bundleBuilder) limitMentions() {
	if len(b.mentions) <= maxMentionsPerObject && len(b.mentions)*MaxSentence <= maxMentionQuotes {
		return // too few to pass any limit, however long their sentences (MaxSentence bytes at most)
	}
	if !b.overMentionLimits() {
		return // counted first: the sort below is for the texts that pass a limit (6 ms of a 5 MB report's 40,000 mentions)
	}
	// In text order, so that each object keeps its first mentions.
	order := make([]int, len(b.mentions))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(b.mentions[x].span.Start, b.mentions[y].span.Start) })
	keep := make([]bool, len(b.mentions))
	perObject := map[string]int{}
	kept, quotes, dropped := 0, 0, 0
	droppedObjects := map[string]bool{}
	for _, i := range order {
		m := &b.mentions[i]
		q := len(b.quote(m.span))
		if perObject[m.id] >= maxMentionsPerObject || kept >= maxMentions || quotes+q > maxMentionQuotes {
			dropped++
			droppedObjects[m.id] = true
			continue
		}
		perObject[m.id]++
		kept++
		quotes += q
		keep[i] = true
	}
	if dropped == 0 {
		return
	}
	mentions := make([]mentionAt, 0, kept)
	notes := b.notes[:0:0]
	k := 0
	for i, m := range b.mentions {
		for k < len(b.notes) && b.notes[k].i < i {
			k++
		}
		if !keep[i] {
			continue
		}
		if k < len(b.notes) && b.notes[k].i == i {
			notes = append(notes, mentionNote{len(mentions), b.notes[k].note})
		}
		mentions = append(mentions, m)
	}
	b.mentions, b.notes = mentions, notes
	b.warnings = append(b.warnings, fmt.Sprintf("%d mentions of %d objects were left out of the report, over its limits of %d mentions of one object, %d in all and %d MiB of quoted sentences: the first in the text were kept",
		dropped, len(droppedObjects), maxMentionsPerObject, maxMentions, maxMentionQuotes>>20))
}

// overMentionLimits reports whether the mentions pass one of the
// limits limitMentions keeps them to.
func (b *bundleBuilder) overMentionLimits() bool {
	if len(b.mentions) > maxMentions {
		return true
	}
	// As in limitMentions: fewer mentions than this cannot pass the
	// quotes' limit, and their sentences are not looked up (a long
	// report's tens of thousands).
	if len(b.mentions)*MaxSentence > maxMentionQuotes {
		quotes := 0
		for i := range b.mentions {
			if quotes += len(b.quote(b.mentions[i].span)); quotes > maxMentionQuotes {
				return true
			}
		}
	}
	// Mentions per object. First by a hash of each id into a few
	// thousand counts: an object's mentions all count in one, so where
	// none passes the limit no object does (a long report's tens of
	// thousands of mentions, on the path the rest of the bundle waits on:
	// no CPU sample of it in twenty runs, where a map of every id had
	// 3.5 ms a run).
	if len(b.mentions) <= maxMentionsPerObject {
		return false
	}
	buckets := make([]int32, mentionBuckets)
	bucket := func(id string) *int32 { return &buckets[maphash.String(mentionSeed, id)%uint64(len(buckets))] }
	for i := range b.mentions {
		*bucket(b.mentions[i].id)++
	}
	if slices.Max(buckets) <= maxMentionsPerObject {
		return false
	}
	// A count passed it: the mentions of its ids, counted exactly.
	perObject := map[string]int{}
	for i := range b.mentions {
		id := b.mentions[i].id
		if *bucket(id) <= maxMentionsPerObject {
			continue
		}
		if perObject[id]++; perObject[id] > maxMentionsPerObject {
			return true
		}
	}
	return false
}

// mentionBuckets is how many counts overMentionLimits hashes ids into
// first (a test sets 1, so that every id goes on to the exact count), and
// mentionSeed its seed.
var (
	mentionBuckets = 4096
	mentionSeed    = maphash.MakeSeed()
)

// mentionAt is a mention as Build first records it.
type mentionAt struct {
	id   string
	span Span
}

// inPieces calls f on pieces [lo, hi) of [0, n) side by side, each piece
// at least min long, and waits for them. Objects take unequal times to
// make and check (an indicator has a pattern, a country nothing): the
// pieces are many (linecut.Many).
func inPieces(n, minPiece int, f func(lo, hi int)) {
	pieces := linecut.Many(n, minPiece)
	linecut.Run(pieces, func(p int) { f(p*n/pieces, (p+1)*n/pieces) })
}

// quote returns the whole sentence around a span.
func (b *bundleBuilder) quote(s Span) string {
	if i := b.sents.at(s.Start); i >= 0 {
		sn := b.f.Sentences[i]
		// A mention may run on into the next sentence (a hash a line
		// break cuts in two, in a list of one value a line): the quote
		// then runs on to the sentence it ends in.
		for j := i + 1; sn.End < s.End && j < len(b.f.Sentences) && b.f.Sentences[j].Start < s.End; j++ {
			sn.End = b.f.Sentences[j].End
		}
		return b.f.Text[sn.Start:max(sn.End, s.End)]
	}
	return b.f.Text[s.Start:s.End]
}

func (b *bundleBuilder) evidence(spans ...Span) []stix.Value {
	if len(spans) > maxEvidence {
		// The first in the text are kept; how many were left out is said
		// once, for the report.
		b.evidenceCut.Add(int64(len(spans) - maxEvidence))
		b.evidenceCutObjects.Add(1)
		spans = spans[:maxEvidence]
	}
	out := make([]stix.Value, 0, len(spans))
	for _, s := range spans {
		off, n := runeSpan(b.runes, s)
		out = append(out, Evidence{ReportRef: b.report, Offset: off, Length: n, Quote: b.quote(s)}.value())
	}
	return out
}

// evidenceExt returns the extensions member carrying evidence.
func evidenceExt(items []stix.Value, extra ...stix.Member) stix.Value {
	body := stix.NewBuilder().Str("extension_type", "property-extension").List("evidence", items)
	for _, m := range extra {
		body.Val(m.Name, m.Value)
	}
	return stix.NewBuilder().Val(EvidenceExtensionID, body.Value()).Value()
}

// observables makes an SCO per value, and an indicator for each value that
// is not benign.
//
// The objects of each value depend on nothing but the value: they are
// made in pieces side by side, then added in the values' order.
func (b *bundleBuilder) observables() {
	// Room for every mention at once: a long report makes tens of
	// thousands.
	n := len(b.f.Names) + len(b.f.Orgs)
	for _, ob := range b.f.Observables {
		n += len(ob.Spans)
	}
	b.mentions = make([]mentionAt, 0, n)
	type made struct{ sco, ind, rel *stix.Object }
	obs := b.f.Observables
	out := make([]made, len(obs))
	inPieces(len(obs), 200, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i].sco, out[i].ind, out[i].rel = b.observable(obs[i])
		}
	})
	for i, ob := range obs {
		sco := out[i].sco
		if sco == nil {
			continue
		}
		if sco.Type == "cryptocurrency-wallet" {
			b.add(WalletExtension())
		}
		b.add(sco)
		for _, s := range ob.Spans {
			note := ""
			switch {
			case ob.Benign != "":
				note = "benign: " + ob.Benign
			case ob.WithHash:
				note = hashedFileNote
			}
			b.mention(sco.ID, s, note)
		}
		if ind := out[i].ind; ind != nil {
			b.add(ind)
			if b.indicators == nil {
				b.indicators = map[string]string{}
			}
			b.indicators[ob.Kind+"|"+ob.Value] = ind.ID
			b.add(out[i].rel)
		}
	}
}

// observable returns the objects of one value: its observable (nil when
// it has none), and the indicator and relationship made from a value that
// is not benign (nil otherwise). It only reads b.
func (b *bundleBuilder) observable(ob Observable) (sco, ind, rel *stix.Object) {
	sco, pattern := b.sco(ob)
	if sco == nil || !ob.Indicates() || pattern == "" {
		return sco, nil, nil
	}
	key := b.creator + "|" + pattern
	ib := b.common("indicator", stix.DerivedID("indicator", key), b.creator).
		Str("name", ob.Value).
		Str("description", "An indicator that "+b.authorName()+" reported.").
		Strs("indicator_types", []string{"malicious-activity"}).
		Str("pattern", pattern).Str("pattern_type", "stix").
		Str("valid_from", b.validFrom()).
		Strs("labels", ob.Tags)
	b.marked(ib).Val("extensions", evidenceExt(b.evidence(ob.Spans...)))
	ind = ib.Object()
	rb := b.common("relationship", stix.DerivedID("relationship", ind.ID+"|based-on|"+sco.ID), b.creator).
		Str("relationship_type", "based-on").Str("source_ref", ind.ID).Str("target_ref", sco.ID)
	return sco, ind, b.marked(rb).Object()
}

func (b *bundleBuilder) authorName() string {
	if b.opt.Publisher != "" {
		return b.opt.Publisher
	}
	return "the report"
}

func (b *bundleBuilder) validFrom() string {
	if b.f.Published != "" {
		if t, err := time.Parse("2006-01-02", b.f.Published); err == nil {
			return stix.FormatTimestamp(t)
		}
	}
	return b.ts
}

// sco returns the cyber observable for a value and the STIX pattern that
// matches it ("" when the kind has no indicator).
func (b *bundleBuilder) sco(ob Observable) (*stix.Object, string) {
	q := patternString(ob.Value)
	mk := func(typ string, props *stix.Builder, pattern string) (*stix.Object, string) {
		v := props.Value()
		id, ok, err := stix.DeterministicID(&v)
		if err != nil || !ok {
			return nil, ""
		}
		o := stix.NewBuilder().Str("type", typ).Str("spec_version", "2.1").Str("id", id)
		for _, m := range v.Members[1:] {
			o.Val(m.Name, m.Value)
		}
		return o.Object(), pattern
	}
	switch ob.Kind {
	case "ipv4", "ipv4-cidr":
		return mk("ipv4-addr", stix.NewBuilder().Str("type", "ipv4-addr").Str("value", ob.Value), "[ipv4-addr:value = "+q+"]")
	case "ipv6", "ipv6-cidr":
		return mk("ipv6-addr", stix.NewBuilder().Str("type", "ipv6-addr").Str("value", ob.Value), "[ipv6-addr:value = "+q+"]")
	case "domain":
		return mk("domain-name", stix.NewBuilder().Str("type", "domain-name").Str("value", ob.Value), "[domain-name:value = "+q+"]")
	case "url":
		// STIX wants an absolute URL; a link written without a scheme
		// ("www.example.com/path") is taken as http, as browsers do.
		v := ob.Value
		if ioc.SchemeLen(v) == 0 {
			v = "http://" + v
		}
		return mk("url", stix.NewBuilder().Str("type", "url").Str("value", v), "[url:value = "+patternString(v)+"]")
	case "email":
		return mk("email-addr", stix.NewBuilder().Str("type", "email-addr").Str("value", ob.Value), "[email-addr:value = "+q+"]")
	case "md5", "sha1", "sha256", "sha512":
		alg := map[string]string{"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "sha512": "SHA-512"}[ob.Kind]
		h := stix.NewBuilder().Str(alg, ob.Value).Value()
		return mk("file", stix.NewBuilder().Str("type", "file").Val("hashes", h), "[file:hashes.'"+alg+"' = "+q+"]")
	case "filename":
		return mk("file", stix.NewBuilder().Str("type", "file").Str("name", ob.Value), "[file:name = "+q+"]")
	case "regkey":
		return mk("windows-registry-key", stix.NewBuilder().Str("type", "windows-registry-key").Str("key", ob.Value), "[windows-registry-key:key = "+q+"]")
	case "social":
		acct := ob.Account
		if acct == "" {
			acct = ob.Value
		}
		p := stix.NewBuilder().Str("type", "user-account").Str("account_login", acct)
		if ob.Platform != "" {
			p.Str("account_type", ob.Platform)
		}
		return mk("user-account", p, "[user-account:account_login = "+patternString(acct)+"]")
	case "cve":
		return b.vulnerability(ob.Value), ""
	case "btc", "eth":
		return b.wallet(ob), "[cryptocurrency-wallet:value = " + q + "]"
	}
	return nil, ""
}

// patternString quotes a value for a STIX pattern.
func patternString(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

// vulnerability is the object of a CVE: named by its id, with a cve
// external reference. Its id is derived from the CVE id, so every report
// naming it names the same object.
func (b *bundleBuilder) vulnerability(cve string) *stix.Object {
	o := b.common("vulnerability", stix.DerivedID("vulnerability", "cve:"+cve), DossierIdentityID).
		Str("name", cve).
		List("external_references", []stix.Value{stix.NewBuilder().Str("source_name", "cve").Str("external_id", cve).
			Str("url", "https://www.cve.org/CVERecord?id="+cve).Value()})
	return o.Object()
}

// wallet is a cryptocurrency wallet, a custom observable published through
// a new-sco extension definition.
func (b *bundleBuilder) wallet(ob Observable) *stix.Object {
	v := stix.NewBuilder().Str("value", ob.Value).Value()
	canon, err := stix.Canonical(v.AppendJSON(nil))
	if err != nil {
		return nil
	}
	o := stix.NewBuilder().Str("type", "cryptocurrency-wallet").Str("spec_version", "2.1").
		Str("id", "cryptocurrency-wallet--"+uuid.NewSHA1(stix.SCONamespace, canon).String()).
		Str("value", ob.Value).
		Val("extensions", stix.NewBuilder().Val(WalletExtensionID, stix.NewBuilder().Str("extension_type", "new-sco").Value()).Value())
	return o.Object()
}

// names records mentions of actors, techniques, software and countries, and
// makes the objects for actors new to every source and for countries.
// lookUpNames looks up, side by side and in the background, the known
// objects the names refer to; the function gives what Lookup returned for
// each, nil included (nil when there is no Lookup). It only reads b: its
// options and findings.
func (b *bundleBuilder) lookUpNames() func() map[string]*stix.Object {
	if b.opt.Lookup == nil {
		return func() map[string]*stix.Object { return nil }
	}
	return background(func() map[string]*stix.Object {
		found := map[string]*stix.Object{}
		var ids []string
		for _, n := range b.f.Names {
			if _, ok := found[n.ID]; !ok && n.ID != "" && !n.New {
				found[n.ID] = nil
				ids = append(ids, n.ID)
			}
		}
		objs := make([]*stix.Object, len(ids))
		inPieces(len(ids), 16, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				objs[i] = b.opt.Lookup(ids[i])
			}
		})
		for i, id := range ids {
			found[id] = objs[i]
		}
		return found
	})
}

func (b *bundleBuilder) names() {
	for _, n := range b.f.Names {
		id := b.nameID(n)
		if id == "" {
			continue
		}
		b.mention(id, n.Span, "")
	}
}

// nameID returns the id of the object a name mention refers to, making or
// referring to it.
func (b *bundleBuilder) nameID(n Name) string {
	switch {
	case n.Kind == "country":
		return b.country(n.Key)
	case n.Kind == "actor" && (n.New || n.ID == "") && isOperationName(n.Name):
		// "Operation Texonto": named activity, a campaign; the recogniser
		// counts it as an actor only where the text names no other.
		return b.reported("campaign", "reported-operation:", n.Name, false,
			"An operation", " names without naming who carried it out, not known to dossier's sources when the report was read.")
	case n.Kind == "actor" && (n.New || n.ID == ""):
		return b.reported("intrusion-set", "reported-actor:", n.Name, false,
			"An actor", " names, not known to dossier's sources when the report was read.")
	case n.Kind == "software" && (n.New || n.ID == ""):
		// Malware the report names that ATT&CK does not know ("the
		// Sponsor backdoor"): a family, as the recogniser finds only
		// names said to be malware.
		return b.reported("malware", "reported-malware:", n.Name, true,
			"Malware", " names, not known to ATT&CK or dossier's sources when the report was read.")
	case n.ID != "":
		b.refer(n.ID)
		return n.ID
	}
	return ""
}

// reported returns the id of the object of type typ that the report's
// author names and no source knows, made once: named name, its id
// derived from the author and the name, described as "<lead> <author>
// <tail>" (a malware family when family is set).
func (b *bundleBuilder) reported(typ, idPrefix, name string, family bool, lead, tail string) string {
	id := b.derivedID(typ, idPrefix+b.creator+":"+strings.ToLower(name))
	if _, ok := b.objs[id]; !ok {
		o := b.common(typ, id, b.creator).Str("name", name)
		if family {
			o.Bool("is_family", true)
		}
		o.Str("description", lead+" "+b.authorName()+tail)
		b.add(b.marked(o).Object())
	}
	return id
}

// TitleOperation returns the name of the operation the report's title
// (an untitled report's first line, which names it) names ("Operation
// Texonto: Information operation targeting Ukrainian speakers ..."): the
// operation the report describes, which its claims without a named
// subject are then made about, rather than a second, nameless campaign
// beside the named one. Nil when the title names no operation, or more
// than one.
func (f *Findings) TitleOperation() *Name {
	title := f.Title
	if title == "" {
		title, _ = document.FirstLine(f.Text) // what names an untitled report
	}
	if title == "" {
		return nil
	}
	var found *Name
	for i := range f.Names {
		n := &f.Names[i]
		if n.Kind != "actor" || !isOperationName(n.Name) || !strings.Contains(title, f.Text[n.Span.Start:n.Span.End]) {
			continue
		}
		if found != nil && !strings.EqualFold(found.Name, n.Name) {
			return nil // "Operation A and Operation B": neither is the report's alone
		}
		if found == nil {
			found = n
		}
	}
	return found
}

// isOperationName reports whether an actor's name is an operation's:
// "Operation Texonto".
func isOperationName(name string) bool {
	w, rest, ok := strings.Cut(name, " ")
	return ok && rest != "" && strings.EqualFold(w, "operation")
}

// country returns the location of a country, made once.
func (b *bundleBuilder) country(code string) string {
	if id, ok := b.countries[code]; ok {
		return id // a long report names the same few countries thousands of times
	}
	id := b.derivedID("location", "country:"+code)
	if b.countries == nil {
		b.countries = map[string]string{}
	}
	b.countries[code] = id
	if _, ok := b.objs[id]; !ok {
		if b.known(id) {
			return id // the store's, with its markings
		}
		b.add(stix.NewBuilder().Str("type", "location").Str("spec_version", "2.1").Str("id", id).
			Str("created", b.ts).Str("modified", b.ts).Str("name", geo.Name(code)).Str("country", code).
			Strs("object_marking_refs", []string{stix.TLP2Clear.ID}).Object())
		b.refer(stix.TLP2Clear.ID)
	}
	return id
}

// orgIdentity returns the identity of an organisation named in the text.
func (b *bundleBuilder) orgIdentity(o Org) string {
	key := orgKey{o.Name, o.Kind}
	if id, ok := b.orgIDs[key]; ok {
		return id // a long report names the same organisations again and again
	}
	id := b.newOrgIdentity(o)
	if b.orgIDs == nil {
		b.orgIDs = map[orgKey]string{}
	}
	b.orgIDs[key] = id
	return id
}

// orgKey is what the identity of an organisation named in the text
// depends on: its name as written and its kind.
type orgKey struct {
	name string
	kind OrgKind
}

// newOrgIdentity is orgIdentity the first time a name and kind are asked.
func (b *bundleBuilder) newOrgIdentity(o Org) string {
	if b.opt.Publisher != "" && o.Kind != OrgClass && strings.EqualFold(strings.TrimSpace(o.Name), strings.TrimSpace(b.opt.Publisher)) {
		// The publisher named in its own report ("Meta took down the
		// network"): one identity, the one that creates the report.
		return b.creator
	}
	id := b.derivedID("identity", "organization:"+strings.ToLower(o.Name))
	if _, ok := b.objs[id]; !ok {
		class := "organization"
		if o.Kind == OrgClass {
			class = "class"
		}
		ib := b.common("identity", id, DossierIdentityID).Str("name", o.Name).Str("identity_class", class)
		switch o.Kind {
		case OrgGovernment:
			ib.Strs("sectors", []string{"government"})
		case OrgMedia:
			ib.Strs("sectors", []string{"communications"})
		case OrgClass:
			if sec := classSectors[o.Name]; sec != "" {
				ib.Strs("sectors", []string{sec})
			}
		}
		b.add(ib.Object())
	}
	return id
}

func (b *bundleBuilder) orgs() {
	for _, o := range b.f.Orgs {
		b.mention(b.orgIdentity(o), Span{o.Start, o.End}, "")
	}
}

// nationState returns the threat actor that stands for a state's
// government ("Government of Iran"), located at the country.
func (b *bundleBuilder) nationState(code string) string {
	id := b.derivedID("threat-actor", "nation-state:"+code)
	if _, ok := b.objs[id]; !ok {
		name := "Government of " + geo.Name(code)
		b.add(b.common("threat-actor", id, DossierIdentityID).Str("name", name).
			Strs("threat_actor_types", []string{"nation-state"}).Object())
		loc := b.country(code)
		b.add(b.common("relationship", stix.DerivedID("relationship", id+"|located-at|"+loc), DossierIdentityID).
			Str("relationship_type", "located-at").Str("source_ref", id).Str("target_ref", loc).Object())
	}
	return id
}

// firmActor returns the threat actor that stands for a firm an
// operation is attributed to ("Social Design Agency"), itself attributed
// to the firm's identity: STIX 2.1 attributes a campaign to a threat
// actor or an intrusion set, never to an identity, and a threat actor to
// the identity that it is. Read back from the store, the firm is an
// actor, as it should be: the next report that names it names an actor.
func (b *bundleBuilder) firmActor(name string) string {
	org := b.orgIdentity(Org{Name: name, Kind: OrgCompany})
	id := b.firmActorID(name)
	if _, ok := b.objs[id]; !ok {
		b.add(b.common("threat-actor", id, DossierIdentityID).Str("name", name).
			Str("description", "A firm that a report attributes an influence or cyber operation to.").Object())
		b.add(b.common("relationship", stix.DerivedID("relationship", id+"|attributed-to|"+org), DossierIdentityID).
			Str("relationship_type", "attributed-to").Str("source_ref", id).Str("target_ref", org).Object())
		// Where the text says the firm is ("a Russian company", "a firm
		// in Tel Aviv, Israel"): the report's word, quoting it, of the
		// firm's identity. Not of its threat actor, whose country dossier's
		// actors read as the state behind it, which a firm's seat is not.
		if i := slices.IndexFunc(b.f.Orgs, func(o Org) bool { return o.Firm && o.Country != "" && o.Name == name }); i >= 0 {
			o := b.f.Orgs[i]
			loc := b.country(o.Country)
			r := b.common("relationship", b.claimID("located-at", org, loc, b.creator), b.creator).
				Str("relationship_type", "located-at").Str("source_ref", org).Str("target_ref", loc)
			b.add(b.marked(r).Val("extensions", evidenceExt(b.evidence(Span{o.Start, o.End}))).Object())
		}
	}
	return id
}

// firmActorID is the id of firmActor's threat actor for the firm name.
func (b *bundleBuilder) firmActorID(name string) string {
	return b.derivedID("threat-actor", "firm:"+strings.ToLower(name))
}

// operation returns the campaign that stands for what the report
// describes, for claims whose subject the text does not name.
func (b *bundleBuilder) operation() string {
	if b.titleOp == nil {
		b.titleOp = new(string)
		if n := b.f.TitleOperation(); n != nil {
			*b.titleOp = b.nameID(*n)
		}
	}
	if *b.titleOp != "" {
		return *b.titleOp
	}
	if b.reportOp != "" {
		return b.reportOp // made: a long report makes thousands of claims about it
	}
	id := stix.DerivedID("campaign", "report-operation:"+b.report)
	b.reportOp = id
	if _, ok := b.objs[id]; !ok {
		title := b.f.Title
		if title == "" {
			title = "the report " + b.report
		}
		b.add(b.marked(b.common("campaign", id, b.creator).Str("name", "The operation described in "+title).
			Str("description", "The activity a report describes without naming who carried it out; claims whose subject the text does not name are made about it.")).Object())
	}
	return id
}

// rowOperations makes the operations rows of an index table name
// (rowOperations in Find), each with the mention of its title, before
// the claims about them are made.
func (b *bundleBuilder) rowOperations() {
	for _, c := range b.f.Claims {
		if e := c.Subject; e != nil && e.Kind == EntCampaign && e.Key != "" {
			if id, made := b.rowOperation(e); made {
				b.mention(id, Span{e.Start, e.End}, "") // where its title first stands
			}
		}
	}
}

// rowOperation returns the campaign a row of an index table names by the
// title of its own report, and whether this call made it (once): its id
// derives from that report's URL and the publisher, so that every index
// linking the report names the same operation.
func (b *bundleBuilder) rowOperation(e *Entity) (id string, made bool) {
	id = b.derivedID("campaign", "operation-report:"+e.Key+"|"+b.creator)
	if _, ok := b.objs[id]; ok {
		return id, false
	}
	b.add(b.marked(b.common("campaign", id, b.creator).Str("name", e.Name).
		Str("description", "An operation a row of the report's index table names by the title of its own report.").
		List("external_references", []stix.Value{stix.NewBuilder().Str("source_name", "report").Str("url", e.Key).Value()})).Object())
	return id, true
}

// entityID returns the STIX id of what a claim's entity refers to.
func (b *bundleBuilder) entityID(e *Entity) string {
	if e == nil {
		return b.operation()
	}
	switch e.Kind {
	case EntCountry:
		return b.country(e.Key)
	case EntOrg:
		return b.orgIdentity(Org{Start: e.Start, End: e.End, Name: e.Name, Kind: OrgKind(e.Key)})
	case EntCampaign:
		if e.Key != "" {
			id, _ := b.rowOperation(e)
			return id
		}
		return b.operation()
	case EntVulnerability:
		id := b.derivedID("vulnerability", "cve:"+e.Key)
		if _, ok := b.objs[id]; !ok {
			b.add(b.vulnerability(e.Key))
		}
		return id
	case EntAccount:
		for _, ob := range b.f.Observables {
			if ob.Kind == "social" && ob.Value == e.Key {
				if o, _ := b.sco(ob); o != nil {
					b.add(o)
					return o.ID
				}
			}
		}
		return ""
	case EntPersona:
		return b.persona(e.Name)
	case EntIndicator:
		return b.indicators[e.Key]
	}
	if b.nameAt == nil {
		// Indexed once: a report makes thousands of claims about its names.
		b.nameAt = make(map[Span]int, len(b.f.Names))
		for i := len(b.f.Names) - 1; i >= 0; i-- {
			b.nameAt[b.f.Names[i].Span] = i // the first name with a span wins
		}
	}
	if i, ok := b.nameAt[Span{e.Start, e.End}]; ok {
		return b.nameID(b.f.Names[i])
	}
	return ""
}

// claimant returns the identity that makes a claim.
func (b *bundleBuilder) claimant(c Claim) string {
	if c.Claimant == nil {
		return b.creator
	}
	if c.Claimant.Kind == EntCountry {
		return b.orgIdentity(Org{Name: "Government of " + geo.Name(c.Claimant.Key), Kind: OrgGovernment})
	}
	return b.orgIdentity(Org{Name: c.Claimant.Name, Kind: OrgKind(c.Claimant.Key)})
}

// claims makes a relationship (or, for a denial, an opinion) per claim,
// created by the claimant, with its evidence, hedge and confidence.
func (b *bundleBuilder) claims() {
	var attributions []string
	type pending struct {
		c       Claim
		creator string
	}
	var denials []pending
	unmade, unmadeSaid := 0, []string(nil) // claims no STIX object stands for a side of
	defer func() {
		if unmade > 0 {
			b.warnings = append(b.warnings, fmt.Sprintf("%d claims have no STIX object for one of their sides and are not in the bundle (the first: %s)",
				unmade, strings.Join(unmadeSaid, "; ")))
		}
	}()
	byID := map[string]*claimAcc{}
	var order []string
	for _, c := range b.f.Claims {
		creator := b.claimant(c)
		if c.Kind == ClaimDenial {
			if c.Claimant == nil {
				// A denial whose denier the text does not name ("the
				// accusations were rejected as baseless") is nobody's
				// the bundle can say: not the publisher's own opinion.
				creator = ""
			}
			denials = append(denials, pending{c, creator})
			continue
		}
		src := b.entityID(c.Subject)
		var dst string
		switch {
		case c.Kind == ClaimIndicates:
			src, dst = b.entityID(c.Object), src // the indicator indicates the actor
		case c.Kind == ClaimAttribution && c.Object.Kind == EntCountry && c.Origin:
			dst = b.country(c.Object.Key) // where it comes from: originates-from the country
		case c.Kind == ClaimAttribution && c.Object.Kind == EntCountry:
			dst = b.nationState(c.Object.Key)
		case c.Kind == ClaimAttribution && c.Object.Kind == EntOrg && attributableFirm(c.Object):
			dst = b.firmActor(c.Object.Name)
		case c.Kind == ClaimAttribution && c.Object.Kind == EntOrg:
			dst = b.stateBody(c.Object.Name)
		default:
			dst = b.entityID(c.Object)
		}
		if src == "" || dst == "" {
			// Said, never dropped unsaid: the claim is in the summary,
			// and the bundle has no object to make it a relationship of.
			if unmade++; unmade <= 3 {
				unmadeSaid = append(unmadeSaid, fmt.Sprintf("%s of %q to %q", c.Kind, entityName(c.Subject), entityName(c.Object)))
			}
			continue
		}
		if src == dst {
			continue // an actor attributed to itself, under another of its names
		}
		rt := claimRelationship(c.Kind, stix.TypeOfID(src), stix.TypeOfID(dst))
		id := b.claimID(rt, src, dst, creator) // a report repeats its claims
		acc := byID[id]
		if acc == nil {
			acc = &claimAcc{rt: rt, src: src, dst: dst, creator: creator, confidence: c.Confidence, hedge: c.Hedge}
			byID[id] = acc
			order = append(order, id)
		}
		acc.spans = append(acc.spans, c.Trigger)
		if c.Claimant != nil {
			acc.claimant = c.Claimant.Name
		}
		if c.Confidence > acc.confidence {
			acc.confidence, acc.hedge = c.Confidence, c.Hedge
		}
		if rt == "attributed-to" || c.Origin && (rt == "originates-from" || rt == "located-at") {
			attributions = append(attributions, id)
		}
	}
	if a := b.opt.Actor; a != nil {
		order = b.assertedClaims(a, byID, order)
	}
	// The relationships, each quoting its sentences, are made in pieces
	// side by side and added in order.
	rels := make([]*stix.Object, len(order))
	inPieces(len(order), 200, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			id := order[i]
			a := byID[id]
			var extra []stix.Member
			if a.claimant != "" {
				extra = append(extra, stix.Member{Name: "claimant", Value: stix.StringValue(a.claimant)})
			}
			if a.hedge != "" {
				extra = append(extra, stix.Member{Name: "hedge", Value: stix.StringValue(a.hedge)})
			}
			r := b.common("relationship", id, a.creator)
			if a.description != "" {
				r.Str("description", a.description)
			}
			r.Str("relationship_type", a.rt).Str("source_ref", a.src).Str("target_ref", a.dst).Int("confidence", a.confidence)
			rels[i] = b.marked(r).Val("extensions", evidenceExt(b.evidence(a.spans...), extra...)).Object()
		}
	})
	for _, o := range rels {
		b.add(o)
	}
	for _, d := range denials {
		// A denial is an opinion on the attributions it contradicts: those
		// of this report to the state it names, or all of them.
		var refs []string
		for _, id := range attributions {
			o := b.objs[id]
			t, _ := o.Props.GetString("target_ref")
			switch obj := d.c.Object; {
			case obj != nil && obj.Kind == EntCountry:
				if t == stix.DerivedID("threat-actor", "nation-state:"+obj.Key) || t == b.derivedID("location", "country:"+obj.Key) {
					refs = append(refs, id)
				}
			case obj != nil && attributableFirm(obj):
				if t == b.firmActorID(obj.Name) {
					refs = append(refs, id) // the firm denies the attributions to it
				}
			default:
				refs = append(refs, id)
			}
		}
		if len(refs) == 0 {
			refs = []string{b.report}
		}
		op := "disagree"
		if d.c.Strong {
			op = "strongly-disagree"
		}
		id := stix.DerivedID("opinion", b.report+"|"+d.creator+"|"+itoaSpan(d.c.Sentence))
		var extra []stix.Member
		if d.c.Claimant != nil {
			extra = append(extra, stix.Member{Name: "claimant", Value: stix.StringValue(d.c.Claimant.Name)})
		}
		o := b.common("opinion", id, d.creator).Str("explanation", b.quote(d.c.Trigger)).Str("opinion", op).Strs("object_refs", refs)
		b.add(b.marked(o).Val("extensions", evidenceExt(b.evidence(d.c.Trigger), extra...)).Object())
	}
}

// claimID is the id of the relationship of type rt from src to dst that
// creator claims in the report: one however often the report makes it.
func (b *bundleBuilder) claimID(rt, src, dst, creator string) string {
	return b.derivedID("relationship", b.report+"|"+rt+"|"+src+"|"+dst+"|"+creator)
}

// claimRelationship returns the relationship type STIX 2.1 defines
// between the types of a claim's subject and object for what the claim
// says, or related-to where it defines none: an intrusion set that
// overlaps with another, an operation that uses an account.
func claimRelationship(kind ClaimKind, src, dst string) string {
	actor := src == "intrusion-set" || src == "campaign" || src == "threat-actor"
	switch kind {
	case ClaimAttribution:
		switch {
		case src == "campaign" && (dst == "intrusion-set" || dst == "threat-actor"),
			src == "intrusion-set" && dst == "threat-actor":
			return "attributed-to"
		case (src == "campaign" || src == "intrusion-set") && dst == "location":
			return "originates-from" // an origin: "a China-based network"
		case src == "threat-actor" && dst == "location":
			return "located-at"
		}
	case ClaimTargeting:
		if actor && (dst == "identity" || dst == "location" || dst == "vulnerability") {
			return "targets"
		}
	case ClaimIndicates:
		if src == "indicator" && (dst == "intrusion-set" || dst == "campaign" || dst == "threat-actor" || dst == "malware") {
			return "indicates"
		}
	case ClaimUses:
		switch {
		case actor && dst == "vulnerability":
			return "targets" // STIX has no "uses" for a vulnerability: an actor targets it
		case actor && (dst == "attack-pattern" || dst == "malware" || dst == "tool" || dst == "infrastructure"):
			return "uses"
		}
	}
	return "related-to"
}

// stateBody returns the nation-state threat actor of the state a state
// body (the GRU, the IRGC, the Government of Iran) belongs to, or "" when
// its name does not say which. The body is not made an actor of its own:
// dossier's actors are read back from the store, and a state body is not
// one ("the IRGC" would become an intrusion set on the next report).
func (b *bundleBuilder) stateBody(name string) string {
	if cc := stateOfBody(name); cc != "" {
		return b.nationState(cc)
	}
	return ""
}

// entityName is e's name for a warning: the operation the report
// describes when e is nil.
func entityName(e *Entity) string {
	if e == nil {
		return "the operation the report describes"
	}
	return e.Name
}

// bodyStates are the states of state bodies whose names do not say it.
var bodyStates = map[string]string{"Islamic Revolutionary Guard Corps": "IR", "People's Liberation Army": "CN"}

// stateOfBody returns the country code of the state a state body's name
// names ("Ministry of State Security (China)", "GRU (Russian military
// intelligence)", "Government of Iran"), or "".
func stateOfBody(name string) string {
	name = foldSpaces(name) // "Islamic\u00a0Revolutionary Guard Corps", as AnnoCTR's texts write it, from Findings not made by FindOrgs
	if cc := bodyStates[name]; cc != "" {
		return cc
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '(' || r == ')' }) {
		if w == "" || w[0] < 'A' || w[0] > 'Z' {
			continue
		}
		if cc := geo.Lookup(w); cc != "" && len(w) > 2 {
			return cc
		}
	}
	if rest, ok := strings.CutPrefix(name, "Government of "); ok {
		return geo.Lookup(strings.TrimPrefix(rest, "the "))
	}
	return ""
}

// persona returns the identity of a persona an operation posed under,
// one per report and name: two reports' "Robert" need not be one person.
func (b *bundleBuilder) persona(name string) string {
	id := stix.DerivedID("identity", "persona:"+b.report+":"+strings.ToLower(name))
	if _, ok := b.objs[id]; !ok {
		o := b.common("identity", id, b.creator).Str("name", name).Str("identity_class", "individual").
			Str("description", "A persona "+b.authorName()+" says an operation posed under.")
		b.add(b.marked(o).Object())
	}
	return id
}

type claimAcc struct {
	rt, src, dst, creator string
	claimant, hedge       string
	description           string
	confidence            int
	spans                 []Span
}

// reportObject makes the report: its text, format and the mention of every
// object, and the list of everything it refers to. With opt.ReportTo it
// gives the report's JSON to it, the mentions from ms, and adds no
// object.
func (b *bundleBuilder) reportObject(ms *mentionStream) error {
	h := b.reportHead()
	text := b.textJSON()
	if b.opt.ReportTo != nil {
		// The head is all of the report but its mentions, each of which
		// is checked as it is encoded. It is checked on its properties
		// alone: its JSON is made in parts.
		if err := validAll([]*stix.Object{{Type: "report", ID: b.report, Props: h.with(h.ext)}}); err != nil {
			ms.stop()
			return err
		}
		return b.putReport(h, text, ms, b.opt.ReportTo)
	}
	// Whole: the mentions as values, for the object's properties, and its
	// JSON from the same parts as when it is given away, into room
	// measured first (tens of megabytes for a long report).
	full := h.with(h.ext)
	size := stix.JSONSize(&full)
	if len(b.mentions) > 0 {
		ms = b.encodeMentions(2 * runtime.GOMAXPROCS(0))
		mentions := b.mentionValues()
		var msize atomic.Int64
		inPieces(len(mentions), 2000, func(lo, hi int) {
			n := 0
			for i := lo; i < hi; i++ {
				n += stix.JSONSize(&mentions[i]) + 1 // and its comma or bracket
			}
			msize.Add(int64(n))
		})
		size += len(`,"mentions":[`) + int(msize.Load())
		ext := h.ext
		ext.Members = append(ext.Members[:len(ext.Members):len(ext.Members)], stix.Member{Name: "mentions", Value: stix.Value{Kind: stix.KindArray, Items: mentions}})
		full = h.with(ext)
	}
	raw := make([]byte, 0, size) // exact unless a quote holds invalid UTF-8
	if err := b.putReport(h, text, ms, func(p []byte) error {
		raw = append(raw, p...)
		return nil
	}); err != nil {
		return err
	}
	b.add(stix.NewObject(full, raw))
	return nil
}

// putReport gives the report's JSON to put in parts, in order: the
// report with its extension open after its first member, the text
// (encoded as text), the other members of the extension, the mentions
// from ms (nil when there are none), and the closing braces. What put is
// given is what AppendJSON of the report would give, with the mentions
// last in its extension.
func (b *bundleBuilder) putReport(h reportHead, text []byte, ms *mentionStream, put func([]byte) error) (err error) {
	defer func() {
		if err != nil {
			ms.stop()
		}
	}()
	const end = "}}}" // the extension's, the extensions', the report's
	short := h.with(stix.Value{Kind: stix.KindObject, Members: h.ext.Members[:1]})
	pre := short.AppendJSON(make([]byte, 0, stix.JSONSize(&short))) // measured first, as the dates' (its object_refs run to hundreds of kilobytes)
	pre = append(pre[:len(pre)-len(end)], `,"text":`...)
	if err := put(pre); err != nil {
		return err
	}
	if err := put(text); err != nil {
		return err
	}
	rest := h.rest
	if ms != nil {
		rest = append(rest, `,"mentions":`...)
	}
	if err := put(rest); err != nil {
		return err
	}
	if ms != nil {
		if err := ms.put(put); err != nil {
			return err
		}
	}
	return put([]byte(end))
}

// datesPart is the dates of the report's extension as a value (an
// array of objects) and as its JSON.
type datesPart struct {
	value stix.Value
	json  []byte
}

// reportHead is the report without its mentions: the body of dossier's
// evidence extension on it (its members extension_type, then text, then
// format, warnings and dates), and the report holding a body as that
// extension, its last member.
type reportHead struct {
	ext stix.Value
	// rest is the JSON of ext's members after text, each as it follows
	// the one before (`,"name":value`).
	rest []byte
	with func(ext stix.Value) stix.Value
}

// reportHead returns the report without its mentions: its name, dates,
// references, text and the rest of its extension.
// reportName is the report object's name: the report's title, else its
// first line.
func (b *bundleBuilder) reportName() string {
	if b.f.Title != "" {
		return b.f.Title
	}
	return firstLine(b.f.Text, 120)
}

func (b *bundleBuilder) reportHead() reportHead {
	var refs []string
	for _, id := range b.order {
		if id != b.report && id != DossierIdentityID && id != EvidenceExtensionID && stix.TLPByID(id) == nil && id != b.creator {
			refs = append(refs, id)
		}
	}
	for id := range b.missing {
		refs = append(refs, id)
	}
	if len(refs) == 0 && b.creator != "" {
		refs = []string{b.creator}
	}
	if len(refs) == 0 {
		refs = []string{DossierIdentityID}
	}
	sort.Strings(refs[len(refs)-len(b.missing):])
	name := b.reportName()
	published := b.validFrom()
	ext := stix.NewBuilder().Str("extension_type", "property-extension").Str("text", b.f.Text).Value()
	var rest []byte
	// add adds a member after the text, with its JSON: encoded here
	// unless it was already.
	add := func(name string, v stix.Value, json []byte) {
		ext.Members = append(ext.Members, stix.Member{Name: name, Value: v})
		rest = append(append(append(rest, ',', '"'), name...), '"', ':')
		if json == nil {
			rest = v.AppendJSON(rest)
		} else {
			rest = append(rest, json...)
		}
	}
	if b.f.Format != "" {
		add("format", stix.StringValue(b.f.Format), nil)
	}
	if warnings := slices.Concat(b.f.Warnings, b.warnings); len(warnings) > 0 {
		add("warnings", stix.StringList(warnings...), nil)
	}
	if b.dates != nil {
		d := b.dates() // its JSON made beside the rest of the bundle
		add("dates", d.value, d.json)
	}
	r := b.common("report", b.report, b.creator).Str("name", name).Strs("report_types", []string{"threat-report"}).
		Str("published", published).Strs("object_refs", refs)
	if b.f.URL != "" {
		r.List("external_references", []stix.Value{stix.NewBuilder().Str("source_name", "source").Str("url", b.f.URL).Value()})
	}
	report := b.marked(r).Value()
	return reportHead{ext: ext, rest: rest, with: func(ext stix.Value) stix.Value {
		v := report
		v.Members = append(report.Members[:len(report.Members):len(report.Members)],
			stix.Member{Name: "extensions", Value: stix.NewBuilder().Val(EvidenceExtensionID, ext).Value()})
		return v
	}}
}

// mentionValues returns the report's mentions as values: a long report
// has tens of thousands, made in pieces side by side, their members in
// one array.
func (b *bundleBuilder) mentionValues() []stix.Value {
	// Each mention has four members and a fifth, its note, when it has
	// one: mention i's are members[at[i]:at[i+1]], and at[i]-4*i notes
	// come before it.
	mentions := make([]stix.Value, len(b.mentions))
	at := make([]int, len(b.mentions)+1)
	for i, k := 0, 0; i < len(b.mentions); i++ {
		at[i] = 4*i + k
		if k < len(b.notes) && b.notes[k].i == i {
			k++
		}
	}
	at[len(b.mentions)] = 4*len(b.mentions) + len(b.notes)
	members := make([]stix.Member, at[len(b.mentions)])
	inPieces(len(b.mentions), 2000, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			m := &b.mentions[i]
			off, n := runeSpan(b.runes, m.span)
			ms := members[at[i]:at[i+1]:at[i+1]]
			ms[0] = stix.Member{Name: "object_ref", Value: stix.StringValue(m.id)}
			ms[1] = stix.Member{Name: "offset", Value: intValue(off)}
			ms[2] = stix.Member{Name: "length", Value: intValue(n)}
			ms[3] = stix.Member{Name: "quote", Value: stix.StringValue(b.quote(m.span))}
			if len(ms) == 5 {
				ms[4] = stix.Member{Name: "note", Value: stix.StringValue(b.notes[at[i]-4*i].note)}
			}
			mentions[i] = stix.Value{Kind: stix.KindObject, Members: ms}
		}
	})
	return mentions
}

// mentionPiece is how many mentions are encoded together: 320 kB of
// JSON on average in a long report, where each quotes its whole
// sentence (40 kB to 620 kB in the 5.6 MB bench report's 41 pieces);
// and mentionRoom is the room a piece is first given, so that it seldom
// grows, which would leave the room before behind. The room is cleared
// when it is made (memory the collector freed), and a slot keeps it for
// the pieces after: 512 kB rather than 1 MB each left the bench's peak
// resident memory 3-4 MB lower, the bundle the same.
const (
	mentionPiece = 1024
	mentionRoom  = mentionPiece * 512
)

// mentionStream is the report's mentions being encoded as one JSON
// array, as mentionValues' values would encode, in pieces side by side.
// A long report's mentions are tens of megabytes of JSON: given away as
// they are made, they are written while the next are encoded, not after
// all of them.
type mentionStream struct {
	done   []chan encodedPiece // by piece
	slots  chan []byte
	failed atomic.Bool // set once a piece failed or was refused: the rest are not encoded
	put1   bool        // put was called: every piece is put or dropped
}

type encodedPiece struct {
	buf []byte
	err error
}

// mentionSlots is how many pieces of mentions may be encoded and not yet
// put when they are given away: about 8 MB for a long report.
const mentionSlots = 12

// encodeMentions starts encoding the report's mentions (there must be
// some), with at most slots pieces encoded and not yet put. A piece's
// room is encoded into again once put has returned: the mentions take a
// few pieces' room, not all of theirs.
func (b *bundleBuilder) encodeMentions(slots int) *mentionStream {
	n := len(b.mentions)
	pieces := (n + mentionPiece - 1) / mentionPiece
	s := &mentionStream{done: make([]chan encodedPiece, pieces), slots: make(chan []byte, max(slots, 1))}
	for p := range s.done {
		s.done[p] = make(chan encodedPiece, 1)
	}
	// A worker takes a slot (and the room in it) for each piece it
	// encodes, and the slot comes back once the piece is put. Pieces are
	// taken in order, so the next one to put always has a slot.
	for range cap(s.slots) {
		s.slots <- nil
	}
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), pieces) {
		go func() {
			for {
				room := <-s.slots
				p := int(next.Add(1) - 1)
				if p >= pieces {
					s.slots <- room
					return
				}
				if s.failed.Load() {
					s.done[p] <- encodedPiece{room, errStopped}
					continue
				}
				if room == nil {
					room = make([]byte, 0, mentionRoom)
				}
				buf, err := b.appendMentions(room[:0], p*mentionPiece, min((p+1)*mentionPiece, n))
				s.done[p] <- encodedPiece{buf, err}
				// put, when it waits for this piece, was readied onto this
				// processor: it writes the piece now, not once the next
				// are encoded (as document's Markdown pieces' writer).
				runtime.Gosched()
			}
		}()
	}
	return s
}

// put gives each piece to put, in order, as soon as it and those before
// it are encoded, and waits for the last; a piece is put's only until it
// returns. The first error, put's or a
// mention of an invalid identifier, stops it and is returned.
func (s *mentionStream) put(put func([]byte) error) error {
	s.put1 = true
	var err error
	for p := range s.done {
		e := <-s.done[p]
		if err == nil {
			if err = e.err; err == nil {
				err = put(e.buf)
			}
			if err != nil {
				s.failed.Store(true)
			}
		}
		s.slots <- e.buf
	}
	return err
}

// stop stops the encoding, when the report fails before its mentions
// are put, and waits for it; s may be nil, or put already.
func (s *mentionStream) stop() {
	if s != nil && !s.put1 {
		s.failed.Store(true)
		s.put(func([]byte) error { return errStopped })
	}
}

// errStopped is what a piece of mentions not encoded holds.
var errStopped = errors.New("extract: the report's mentions were not all encoded")

// appendMentions appends the JSON of mentions [lo, hi) to buf: the
// array's opening bracket before the first, its closing one after the
// last, and a comma before any other piece. A sentence quoted by the
// mention before is copied from its encoding, not quoted again.
func (b *bundleBuilder) appendMentions(buf []byte, lo, hi int) ([]byte, error) {
	if lo == 0 {
		buf = append(buf, '[')
	} else {
		buf = append(buf, ',')
	}
	k := sort.Search(len(b.notes), func(j int) bool { return b.notes[j].i >= lo })
	var last string  // the sentence quoted last
	var from, to int // where its encoding is in buf
	valid := ""      // the identifier checked last, once checked: an object's mentions come one after another
	for i := lo; i < hi; i++ {
		m := &b.mentions[i]
		if m.id != valid || valid == "" {
			if !stix.IsValidID(m.id) {
				return buf, fmt.Errorf("extract: made a mention of %q, which is not a STIX identifier", m.id)
			}
			valid = m.id
		}
		if i > lo {
			buf = append(buf, ',')
		}
		off, n := runeSpan(b.runes, m.span)
		buf = append(buf, `{"object_ref":"`...)
		buf = append(buf, m.id...) // an identifier: nothing in it to escape
		buf = append(buf, `","offset":`...)
		buf = strconv.AppendInt(buf, int64(off), 10)
		buf = append(buf, `,"length":`...)
		buf = strconv.AppendInt(buf, int64(n), 10)
		buf = append(buf, `,"quote":`...)
		if q := b.quote(m.span); q == last && to > from {
			buf = append(buf, buf[from:to]...)
		} else {
			from = len(buf)
			v := stix.StringValue(q)
			buf = v.AppendJSON(buf)
			last, to = q, len(buf)
		}
		if k < len(b.notes) && b.notes[k].i == i {
			buf = append(buf, `,"note":`...)
			v := stix.StringValue(b.notes[k].note)
			buf = v.AppendJSON(buf)
			k++
		}
		buf = append(buf, '}')
	}
	if hi == len(b.mentions) {
		buf = append(buf, ']')
	}
	return buf, nil
}

type mentionNote struct {
	i    int
	note string
}

// firstLine names a report by its first line (document.FirstLine), up
// to max characters.
func firstLine(text string, max int) string {
	line, _ := document.FirstLine(text)
	if utf8.RuneCountInString(line) > max {
		r := []rune(line)
		line = string(r[:max-1]) + "…"
	}
	if line == "" {
		return "untitled report"
	}
	return line
}

// runeSpan returns a byte span of the text ix indexes as code-point
// offset and length.
func runeSpan(ix *document.Index, s Span) (int, int) {
	a := ix.Runes(s.Start)
	return a, ix.Runes(s.End) - a
}

// PackLookup returns a Lookup that finds objects with find (the store;
// nil for none), then among the ATT&CK and DISARM objects the knowledge
// pack carries whole, then among the actors it knows by name only (MISP
// galaxy clusters, Microsoft's map; NamedActors), made as ingesting those
// sources would make them: the bundle holds every object it refers to.
// It is safe for concurrent use when find is.
func PackLookup(find func(id string) *stix.Object, pack *knowledge.Pack) func(string) *stix.Object {
	named := NamedActors(pack)
	return func(id string) *stix.Object {
		if find != nil {
			if o := find(id); o != nil {
				return o
			}
		}
		if raw, err := knowledge.ObjectJSON(id); err == nil && raw != nil {
			if v, err := stix.DecodeValue(raw, 0, stix.DefaultLimits); err == nil {
				return stix.NewObject(v, raw)
			}
		}
		return named(id)
	}
}
