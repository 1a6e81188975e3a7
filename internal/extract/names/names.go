package names

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/newpages"
	"github.com/dossier-cti/dossier/internal/store"
	"github.com/dossier-cti/dossier/internal/swar"
)

// Kind is what a mention refers to.
type Kind string

// The kinds of mentions.
const (
	Actor     Kind = "actor"     // a threat actor (intrusion set, group)
	Technique Kind = "technique" // an ATT&CK technique, sub-technique or tactic
	DISARM    Kind = "disarm"    // a DISARM influence-operation technique
	Software  Kind = "software"  // an ATT&CK malware or tool
	Country   Kind = "country"   // a country, by name, code or demonym

	blocker Kind = "" // a phrase that hides the names inside it ("Equation Editor")
)

// Mention is one thing named in the text.
type Mention struct {
	Kind       Kind
	Start, End int    // byte offsets of the mention in the text
	Text       string // the mention as written
	// ID is what the mention refers to: for actors the canonical STIX id
	// from the alias graph ("" for a name no source knows, or an actor
	// with no STIX object); for techniques and software the ATT&CK
	// external id (T1566.001, TA0001, S0001); the DISARM id (T0085.004);
	// the ISO 3166-1 alpha-2 code for countries.
	ID   string
	Name string // the canonical name: actor's, technique's, software's, country's
	// New is set on an actor name that no source knows, recognised from
	// its form (Microsoft-style, vendor-numbered) or from its context.
	New bool
	How string // why it was recognised: "known name", "context: tracked as", ...
}

func (m Mention) String() string {
	s := fmt.Sprintf("%s %q [%d,%d)", m.Kind, m.Text, m.Start, m.End)
	if m.ID != "" || m.Name != "" {
		s += fmt.Sprintf(" → %s %q", m.ID, m.Name)
	}
	if m.New {
		s += " new"
	}
	return s + " (" + m.How + ")"
}

// Recognizer finds mentions in text. It is built once from the alias graph
// and the knowledge pack, is read-only afterwards and is safe for
// concurrent use.
type Recognizer struct {
	pack    *knowledge.Pack
	entries []entry
	names   *trie
	// lowerNames holds the entries whose form has no capital ("net.exe"):
	// the only ones a match starting with a lower-case word can be.
	lowerNames *trie
	phrases    *phraseMatcher
	// words holds the word classes of lower-case words, cues those of
	// the words without the ordinary-word lists (for lower-case tokens),
	// and stems the phrase matcher's stem ids by stem: classify's
	// look-ups (buildWords makes the first two).
	words, cues *wordTable[uint32]
	stems       *wordTable[int32]
	prefix      [27 * 27]uint8 // prefixWord, prefixCue, prefixStem by prefixIndex
	// known actor names by match key (entry index), for names found from
	// context or by form that a source knows after all.
	actorKeys map[string]int32
	// software and country names by match key: never a new actor's name.
	softwareKeys map[string]bool
	countryKeys  map[string]bool
	// softwareEntries holds the first software entry by match key: a
	// name that ruleNewSoftware finds in its context is ATT&CK's when the
	// dictionary turned it down only for want of such a sign.
	softwareEntries map[string]int32
}

// New builds a Recognizer from the alias graph (every actor name) and the
// knowledge pack (techniques, software, DISARM). Either may be nil: a nil
// graph recognises no known actor names, a nil pack no technique, DISARM
// or software names (numbered and Microsoft-style actor names, names from
// context and countries are recognised all the same).
func New(g *actors.Graph, pack *knowledge.Pack) *Recognizer {
	return NewLoading(pack, func() *actors.Graph { return g })
}

// NewLoading is New with the alias graph that graph returns (it is
// called once, and may return nil), made while the parts of the
// Recognizer that need only the pack are made beside it (packParts).
//
// The Recognizer is made beside the reading of a report, and extraction
// waits for whichever ends last: the graph and then the Recognizer in
// one goroutine ended after the read in some runs of the 5.6 MB bench
// report, and the wait was 2-22 ms of one core.
func NewLoading(pack *knowledge.Pack, graph func() *actors.Graph) *Recognizer {
	r := &Recognizer{pack: pack}
	parts := partsOf(pack)
	words, _ := wordLists()
	// Every list and map is made at its size: built by appends, their
	// copies took a fresh page each time they doubled, hundreds of page
	// faults of every run's start.
	var actorEs []entry
	if g := graph(); g != nil {
		actorEs = actorEntries(g, words)
	}
	p := parts()
	softwareEs, countryEs := p.software, p.countries
	r.entries = make([]entry, 0, len(actorEs)+len(softwareEs)+len(countryEs)+len(notNames))
	r.entries = append(append(append(r.entries, actorEs...), softwareEs...), countryEs...)
	for _, f := range notNames {
		r.entries = append(r.entries, entry{kind: blocker, form: f, bounds: keyBounds(f), how: "not a name: " + f})
	}
	r.actorKeys = make(map[string]int32, len(actorEs))
	r.softwareKeys = make(map[string]bool, len(softwareEs))
	r.softwareEntries = make(map[string]int32, len(softwareEs))
	r.countryKeys = make(map[string]bool, len(countryEs))
	b, lb := newTrieBuilder(len(r.entries)), newTrieBuilder(0)
	for i, e := range r.entries {
		key := actors.MatchKey(e.form)
		if key == "" {
			continue
		}
		b.add(key, int32(i))
		if !hasUpper(e.form) {
			lb.add(key, int32(i))
		}
		switch e.kind {
		case Actor:
			if _, ok := r.actorKeys[key]; !ok {
				r.actorKeys[key] = int32(i)
			}
		case Software:
			r.softwareKeys[key] = true
			if _, ok := r.softwareEntries[key]; !ok {
				r.softwareEntries[key] = int32(i)
			}
		case Country:
			r.countryKeys[key] = true
		}
	}
	var lower sync.WaitGroup
	lower.Go(func() { r.lowerNames = lb.build() })
	r.names = b.build()
	lower.Wait()
	r.phrases, r.prefix = p.phrases, p.prefix
	r.words, r.cues, r.stems = p.words, p.cues, p.stems
	return r
}

// packParts are the parts of a Recognizer that need nothing but the
// knowledge pack (nil: none of its names): the phrase matcher (a quarter
// of New's work), the software's and the countries' entries, the word
// tables. They are only read once made, so that Recognizers made from
// one pack share them.
type packParts struct {
	phrases     *phraseMatcher
	software    []entry
	countries   []entry
	words, cues *wordTable[uint32]
	stems       *wordTable[int32]
	prefix      [27 * 27]uint8
}

// makePackParts makes the parts of a Recognizer that need only pack, the
// phrase matcher beside the rest.
func makePackParts(pack *knowledge.Pack) *packParts {
	p := new(packParts)
	var phrases sync.WaitGroup
	phrases.Go(func() { p.phrases = buildPhrases(pack) })
	words, cues := wordLists()
	if pack != nil {
		p.software = softwareEntries(pack, words)
	}
	p.countries = countryEntries()
	phrases.Wait()
	for w := range words {
		p.prefix[prefixIndex([]byte(w))] |= prefixWord
	}
	for w := range cues {
		p.prefix[prefixIndex([]byte(w))] |= prefixCue
	}
	for st := range p.phrases.vocab {
		p.prefix[prefixIndex([]byte(st))] |= prefixStem
	}
	p.words, p.cues, p.stems = newWordTable(words), newWordTable(cues), newWordTable(p.phrases.vocab)
	return p
}

// wordLists are buildWords', made once: read only.
var wordLists = sync.OnceValues(buildWords)

// builtinParts are the parts of the built-in knowledge pack's
// Recognizers, made once (Prestart, or the first NewLoading with that
// pack); nil when the pack does not decode.
var builtinParts = sync.OnceValue(func() *packParts {
	pack, err := knowledge.Load()
	if err != nil {
		return nil
	}
	return makePackParts(pack)
})

// partsOf starts making pack's parts, beside the caller, and returns
// what waits for them. The built-in pack's are made once for the
// program, and may be under way already (Prestart).
func partsOf(pack *knowledge.Pack) func() *packParts {
	if pack != nil {
		if builtin, err := knowledge.Load(); err == nil && pack == builtin {
			go builtinParts()
			return builtinParts
		}
	}
	done := make(chan *packParts, 1)
	go func() { done <- makePackParts(pack) }()
	return sync.OnceValue(func() *packParts { return <-done })
}

// Prestart starts making, beside whatever the program does next, what
// the built-in knowledge pack's Recognizers need of the pack alone (the
// pack's decoding first), for a NewLoading to come; and, with whole,
// the Recognizer Load returns. A command that will read reports calls it
// as early as it can: the Go runtime initialises the program's packages
// one after another on one core for the first ten milliseconds or so of
// every run, and the other core is idle then.
func Prestart(whole bool) {
	if whole {
		go builtin()
	} else {
		go builtinParts()
	}
}

// Load returns the Recognizer of the built-in knowledge pack alone,
// without a store: what a fresh install knows. It is made once for the
// program (Prestart may have started it), and shared.
func Load() (*Recognizer, error) { return builtin() }

var builtin = sync.OnceValues(func() (*Recognizer, error) {
	pack, err := knowledge.Load()
	if err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	r, err := loadGraph(context.Background(), nil, pack)
	if err != nil {
		return nil, fmt.Errorf("names: %w", err)
	}
	return r, nil
})

// LoadStore returns the Recognizer of the built-in knowledge pack and the
// actors st holds: Load's when st is nil, else one made now, its alias
// graph read from st while the pack's parts are made (or, made already,
// shared). An error is st's, as actors.Load says it.
func LoadStore(ctx context.Context, st store.Reader, pack *knowledge.Pack) (*Recognizer, error) {
	if st == nil {
		if builtinPack, err := knowledge.Load(); err == nil && pack == builtinPack {
			return Load()
		}
	}
	return loadGraph(ctx, st, pack)
}

// loadGraph is NewLoading with the alias graph of pack and st.
func loadGraph(ctx context.Context, st store.Reader, pack *knowledge.Pack) (*Recognizer, error) {
	var gerr error
	r := NewLoading(pack, func() *actors.Graph {
		g, err := actors.Load(ctx, st, pack)
		gerr = err
		return g
	})
	if gerr != nil {
		return nil, gerr
	}
	return r, nil
}

// Find returns the mentions in text, in text order, without overlaps: where
// two candidates overlap the longer wins ("Cobalt Strike" over "Cobalt"),
// and between equally long ones the better supported: a known actor over
// a new one, the kind the next word asks for ("Carbanak malware" is the
// software, "Carbanak" alone the actor), an actor over a country over
// software over a technique.
func (r *Recognizer) Find(text string) []Mention { return r.FindExcept(text, nil) }

// FindExcept is Find, ignoring any candidate that overlaps one of the
// byte spans [start, end) in skip: the indicators (URLs, e-mail addresses,
// file paths, hashes) another extractor found, which are never names.
// Spans may be in any order and overlap; empty and inverted ones are
// ignored. An ATT&CK or DISARM id ("T1566.001", "G0059", "S0002") whose
// span is exactly one of skip is still found, since indicator scanners
// report those ids too. Find already skips the URLs, e-mail addresses,
// paths and file names it sees itself.
func (r *Recognizer) FindExcept(text string, skip [][2]int) []Mention {
	return r.findExcept(text, skip, 0, Hooks{})
}

// Hooks are what FindWith gives its caller along the way; each may be
// nil.
type Hooks struct {
	// Tokens is given the text's tokens as soon as they are read; they
	// stay the caller's after the call: words it reads off them need no
	// pass over the text of their own.
	Tokens func(Tokens)
	// Then is called, once, when what is left of the work is one
	// goroutine's: the context rules, repeats and the choice among
	// overlapping candidates, which follow each other. A long text's
	// tokens and dictionary look-ups are read in pieces on every core
	// before; a caller with work of its own starts it in Then, so that it
	// fills the cores this call no longer needs instead of slowing the
	// pieces. It must not block.
	Then func()
	// WordID is the caller's id of a word of ASCII letters and digits of
	// at most 16 bytes, given in lower case, or 0: a reader of every
	// token's own look-up, made once per distinct word with the
	// recogniser's (a report of 900,000 tokens has some 25,000), and
	// given with the tokens (Tokens.WordIDs). It must depend on nothing
	// but its argument, and not keep it.
	WordID func(lower []byte) uint16
}

// FindWith is FindExcept with hooks.
func (r *Recognizer) FindWith(text string, skip [][2]int, h Hooks) []Mention {
	return r.findExcept(text, skip, 0, h)
}

// findExcept is FindWith running the dictionary and the phrase
// matcher in that many pieces side by side (0: linecut.Many, none for a
// short text).
func (r *Recognizer) findExcept(text string, skip [][2]int, pieces int, h Hooks) []Mention {
	d := newDocWith(r, text, skip, h.WordID)
	defer d.release()
	if h.Tokens != nil {
		d.lent = true // the caller's now: not for the next call
		h.Tokens(Tokens{text: text, toks: d.toks, ids: d.xid})
	}
	if pieces == 0 {
		pieces = linecut.Many(len(d.toks), 64<<10)
	}
	// The numbered names and the ATT&CK ids read only the tokens: for a
	// long text they are found beside the dictionary, into a fork whose
	// candidates come after the dictionary's as they would after it, and
	// whose found names count only where the dictionary found none.
	var numbered *doc
	var side sync.WaitGroup
	if pieces > 1 {
		numbered = d.fork(len(d.toks) / 384)
		side.Go(func() {
			numbered.numbers()
			numbered.ids()
		})
	}
	phrases, found := d.dictionaryBeside(pieces)
	if numbered != nil {
		side.Wait()
		d.cands = append(d.cands, numbered.cands...)
		for k, c := range numbered.found {
			if _, ok := d.found[k]; !ok {
				d.found[k] = c
			}
		}
	}
	if h.Then != nil {
		h.Then()
	}
	if numbered == nil {
		d.numbers()
		d.ids()
	}
	if found {
		d.cands = append(d.cands, phrases...)
	} else {
		d.phraseMatches()
	}
	d.patterns()
	d.context()
	d.softwareRepeats()
	d.repeats()
	return d.resolve()
}

// doc is the state of one Find call.
type doc struct {
	r    *Recognizer
	text string
	toks []token
	wc   []uint32 // word classes of each token
	sid  []int32  // stem id of each token for the phrase matcher, -1 when none
	// node0 holds, by token, the node of the dictionary's trie (lowerNames
	// for a lower-case token, names otherwise) that its key leads to from
	// the root, as trie.feed gives it (0 or less: no name starts with it).
	// Most walks end there, and a word's node, like its classes, is found
	// once per word (classifyRange's memo), not once per token.
	node0 []int32
	skip  [][2]int // sorted by start
	urls  [][2]int // spans of URLs seen in the text, sorted

	cands []cand
	// deferred are known actor names turned down only because the text
	// gave no sign that the word was meant as a name; a confirmed name
	// (found elsewhere in the text with such a sign) takes them back.
	deferred []cand
	// found are the actor names recognised in this text by match key, with
	// what a repeat of them refers to.
	found map[string]cand
	// mark holds, by token, the kind of candidate found there so far
	// (markActor, ...), for the context rules.
	mark []uint8
	// wordID is Hooks.WordID, and xid its id of each token, when the
	// caller gave one (nil otherwise).
	wordID func([]byte) uint16
	xid    []uint16
	// lent is set once the tokens are given to FindWith's caller.
	lent bool
	// contextSoftware holds the malware names found from context, by
	// their surface (ruleNewSoftware), for their repeats.
	contextSoftware map[string]cand
	// hasMicrosoft is set when the text speaks Microsoft's naming
	// (a known Microsoft-style name, or the word Microsoft).
	hasMicrosoft bool
}

// cand is a candidate mention over tokens [first, last].
type cand struct {
	first, last int
	kind        Kind
	id, name    string
	isNew       bool
	how         string
	score       int
	key         string // actor names: the match key for repeats
	tentative   bool   // actor names: found from weak signs only
	tail        int    // bytes after the last token that belong to the mention ("U.S." has its dot)
	form        string
}

// docPool keeps the per-token scratch space of finished Find calls for the
// next ones, up to maxKeepTokens tokens' (a text of about 400 KB, 1.5 MB
// of scratch). A longer text's, tens of megabytes for a report of
// megabytes, is let go of: kept, it would stay live through the next
// collection (a pool keeps what it holds through one), where what comes
// after Find could have reused its pages (bench/extract.sh's 5.6 MB
// report: peak RSS 136 -> 121 MB, 4,000 fewer page faults).
var docPool = sync.Pool{New: func() any { return new(doc) }}

const maxKeepTokens = 1 << 16

func newDoc(r *Recognizer, text string, skip [][2]int) *doc { return newDocWith(r, text, skip, nil) }

// newDocWith is newDoc with the caller's word ids made as well (Hooks).
func newDocWith(r *Recognizer, text string, skip [][2]int, wordID func([]byte) uint16) *doc {
	d := docPool.Get().(*doc)
	*d = doc{r: r, text: text, found: map[string]cand{}, wordID: wordID,
		toks: d.toks[:0], wc: d.wc[:0], sid: d.sid[:0], node0: d.node0[:0], mark: d.mark[:0], cands: d.cands[:0], xid: d.xid[:0]}
	// The URLs are found in the text alone: a long text's beside its
	// tokens, not after them on the one goroutine left.
	urls := make(chan [][2]int, 1)
	if len(text) >= 64<<10 {
		go func() { urls <- findURLs(text) }()
	} else {
		urls <- findURLs(text)
	}
	d.toks = tokenizeInPieces(text, d.toks, tokenPieces(text))
	n := len(d.toks)
	// Reports make about one candidate every 35 tokens: room for them at
	// once spares the copies of a growing slice of large elements.
	if want := n/24 + 16; cap(d.cands) < want {
		d.cands = make([]cand, 0, want)
	}
	d.wc, d.sid, d.node0 = scratch(d.wc, n), scratch(d.sid, n), scratch(d.node0, n)
	if wordID != nil {
		d.xid = scratch(d.xid, n)
	} else {
		d.xid = nil
	}
	// The classes and stem of a word depend on nothing but the word: a
	// long text's tokens are classified in pieces side by side.
	// Each goroutine keeps its memos from piece to piece; many pieces, so
	// that the last to finish holds up the other core by little (a
	// piece's memos may start cold, and its words may be rare).
	pieces := linecut.Many(n, 16<<10)
	linecut.RunWith(pieces, newWordMemos, func(p int, m *wordMemos) {
		d.classifyRange(p*n/pieces, (p+1)*n/pieces, m)
	})
	if len(skip) > 0 {
		d.skip = mergeSpans(skip)
	}
	d.urls = <-urls
	return d
}

// scratch returns s with length n, its contents unspecified: s itself
// when it has room, else a new slice. Not slices.Grow, which clears the
// room it adds on the one goroutine: for a long text's new pages that
// clearing took their page faults one after another (8 MB, 2,000 faults,
// 5-6 ms of bench/extract.sh's report), where make leaves pages the
// runtime knows to be zero untouched until the pieces that fill them
// fault them in side by side.
func scratch[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}

// cleared is scratch with every element zero: s cleared when it has
// room, else a new slice, its pages written (newpages: markKinds reads
// each mark before it sets it, a few of them, and the reads faulted every
// page twice: 86 of a run's 9,151 CPU samples under perf, 0.9%, on the
// 5.6 MB bench report).
func cleared[T any](s []T, n int) []T {
	if cap(s) >= n {
		s = s[:n]
		clear(s)
		return s
	}
	return newpages.Touch(make([]T, n))
}

// classifyRange sets the word classes, stem ids and first trie nodes of
// tokens [lo, hi), with the memos m (kept from range to range by the
// goroutine that reads them).
func (d *doc) classifyRange(lo, hi int, m *wordMemos) {
	r, text := d.r, d.text
	// The slices in locals: written through d, each was loaded again at
	// every token.
	toks, wcs, sids, nodes := d.toks[:hi], d.wc[:hi], d.sid[:hi], d.node0[:hi]
	var xids []uint16 // the caller's word ids, when it asked for them (Hooks.WordID)
	if d.xid != nil {
		xids = d.xid[:hi]
	}
	var buf [32]byte
	for i := lo; i < hi; i++ {
		t := toks[i]
		wcs[i], sids[i] = 0, -1
		tr := r.names
		if t.shape == shapeLower {
			tr = r.lowerNames
		}
		// A word outside ASCII is memoised as well: its first trie node
		// costs a Unicode match key (MatchKey), which a text in another
		// script would otherwise compute at every repeat of each word.
		var short *shortMemo
		var long *wordMemo
		switch n := int(t.n); {
		case n <= 8:
			key := shortKey(text, int(t.start), n)
			short = &m.short[(key*0x9e3779b97f4a7c15)>>(64-shortMemoBits)]
			if short.key == key {
				wcs[i], sids[i], nodes[i] = short.wc, short.sid, short.node0
				if xids != nil {
					xids[i] = short.xid
				}
				continue
			}
			short.key = key
		case n <= 16:
			// Its first eight bytes and its last eight are all of it:
			// compared as two numbers, not as the bytes of the word's
			// first place in the text, which are far away by now (the
			// comparison's loads were 0.5% of a run's CPU samples
			// under perf).
			w := text[t.start:t.end()]
			lo, hi := swar.Load(w[:8]), swar.Load(w[n-8:])
			long = &m.long[midSlot(lo, hi)]
			if long.lo == lo && long.hi == hi && len(long.word) == n {
				wcs[i], sids[i], nodes[i] = long.wc, long.sid, long.node0
				if xids != nil {
					xids[i] = long.xid
				}
				continue
			}
			long.word, long.lo, long.hi = w, lo, hi
		case n <= len(buf):
			w := text[t.start:t.end()]
			h := fnvOffset
			for j := 0; j < len(w); j++ {
				h = (h ^ uint32(w[j])) * fnvPrime
			}
			long = &m.long[h&(longMemoSize-1)]
			if long.word == w {
				wcs[i], sids[i], nodes[i] = long.wc, long.sid, long.node0
				if xids != nil {
					xids[i] = long.xid
				}
				continue
			}
			long.word = w
		default:
			nodes[i] = tr.feed(0, text, t)
			if xids != nil {
				xids[i] = 0 // longer than any word an id is asked for
			}
			continue
		}
		w := text[t.start:t.end()]
		var lw []byte
		if t.is(fNonASCII) {
			lw = []byte(strings.ToLower(w))
		} else {
			for j := 0; j < len(w); j++ {
				c := w[j]
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf[j] = c
			}
			lw = buf[:len(w)]
		}
		var xid uint16
		if xids != nil {
			// Before classify, which may cut a suffix off lw in place.
			if !t.is(fNonASCII) && len(lw) <= 16 {
				xid = d.wordID(lw)
			}
			xids[i] = xid
		}
		node0 := tr.feed(0, text, t)
		wc, sid := r.classify(t, lw)
		wcs[i], sids[i], nodes[i] = wc, sid, node0
		if short != nil {
			short.wc, short.sid, short.node0, short.xid = wc, sid, node0, xid
		} else {
			long.wc, long.sid, long.node0, long.xid = wc, sid, node0, xid
		}
	}
}

// wordMemos are classifyRange's memos, direct-mapped: a few thousand
// words make most of a text, and a word's classes, stem and first trie
// node depend on nothing but the word, so most tokens are classified by
// one look-up here and no map's. Words of up to eight bytes, most of
// prose's, are keyed by their bytes, read in one load (shortKey): no
// hash of each byte, and a comparison of two integers. Longer ones, up
// to 16 bytes, likewise by their first eight bytes and their last eight
// (two integers); up to 32 bytes, by the FNV-1a hash of their bytes. The
// two kinds of long word share one table: an entry holds its word, so
// its length tells them apart.
//
// On bench/extract.sh's report (721,000 tokens, 82% of them up to eight
// bytes; 25,000 distinct words), one memo of 4,096 entries for all
// words, made anew for each range of 64K tokens, found 70.6% of the
// tokens; these, kept by a goroutine from range to range, find 83.9%,
// and newDoc took 57 ms of one core where it took 69 (the least of 12).
type wordMemos struct {
	short [shortMemoSize]shortMemo
	long  [longMemoSize]wordMemo
}

// newWordMemos returns empty memos, their pages written (newpages): a lookup
// reads an entry before it writes it, and a memo's half a megabyte of
// new pages, read first, each faulted twice. For a report of a few
// kilobytes, whose words touch a slot on most pages, that was 3.5% of
// its extraction's CPU samples under perf on stop 31's machine.
func newWordMemos() *wordMemos {
	m := new(wordMemos)
	newpages.Touch(m.short[:])
	newpages.Touch(m.long[:])
	return m
}

// shortMemo is one entry of wordMemos.short.
type shortMemo struct {
	key   uint64 // shortKey of the word; 0 for an empty slot, which no word has
	wc    uint32
	sid   int32
	node0 int32
	xid   uint16 // Hooks.WordID's (in the room the alignment leaves)
}

// wordMemo is one entry of wordMemos.long.
type wordMemo struct {
	word   string // as written in the text; "" for an empty slot
	lo, hi uint64 // a word of 9 to 16 bytes: its first eight and its last eight
	wc     uint32
	sid    int32
	node0  int32
	xid    uint16 // Hooks.WordID's (in the room the alignment leaves)
}

const (
	shortMemoBits = 14
	shortMemoSize = 1 << shortMemoBits
	longMemoBits  = 12
	longMemoSize  = 1 << longMemoBits
)

// midSlot is the slot of wordMemos.long of a word of 9 to 16 bytes whose
// first eight bytes read lo and last eight hi.
func midSlot(lo, hi uint64) uint64 {
	return swar.Mix(lo, hi) >> (64 - longMemoBits)
}

// shortKey returns the n bytes (1 to 8) of text from start as an
// integer, the first in the low byte and zeros above the last: distinct
// words give distinct keys, none of them 0 (a word holds no NUL byte).
func shortKey(text string, start, n int) uint64 {
	if start+8 <= len(text) {
		return swar.Load(text[start:start+8]) & (^uint64(0) >> (64 - 8*n))
	}
	var v uint64
	for j := n - 1; j >= 0; j-- {
		v = v<<8 | uint64(text[start+j])
	}
	return v
}

const (
	fnvOffset uint32 = 2166136261
	fnvPrime  uint32 = 16777619
)

// classify returns the word classes and the phrase stem id of token t,
// whose lower case is lw (which it may modify).
func (r *Recognizer) classify(t token, lw []byte) (wc uint32, sid int32) {
	sid = -1
	p := r.prefix[prefixIndex(lw)]
	switch {
	case t.shape == shapeLower || t.shape == shapeDigits:
		if p&prefixCue != 0 {
			wc, _ = r.cues.get(lw, fnv1a(lw))
		}
	case p&prefixWord != 0:
		wc, _ = r.words.get(lw, fnv1a(lw))
	}
	// A word with digits may be a phrase's only when short ("C2" of
	// "C2 over HTTPS", "rundll32"): hashes are not looked up.
	if p&prefixStem != 0 && t.is(fHasLetter) && (!t.is(fHasDigit) || len(lw) <= 10) {
		st := stem(lw)
		if id, ok := r.stems.get(st, fnv1a(st)); ok {
			sid = id
		}
	}
	return wc, sid
}

// release returns the doc's scratch space to docPool; the doc must not be
// used afterwards.
func (d *doc) release() {
	if cap(d.toks) > maxKeepTokens {
		return
	}
	if d.lent {
		d.toks, d.xid = nil, nil
	}
	clear(d.cands[:cap(d.cands)])
	*d = doc{toks: d.toks[:0], wc: d.wc[:0], sid: d.sid[:0], node0: d.node0[:0], mark: d.mark[:0], cands: d.cands[:0], xid: d.xid[:0]}
	docPool.Put(d)
}

// Prefix filter: which lower-case two-letter beginnings a word list or a
// stem has, so that most tokens skip the map look-ups.
const (
	prefixWord uint8 = 1 << iota
	prefixCue
	prefixStem
)

func prefixIndex(lw []byte) int {
	class := func(i int) int {
		if i < len(lw) && lw[i] >= 'a' && lw[i] <= 'z' {
			return int(lw[i] - 'a')
		}
		return 26
	}
	return class(0)*27 + class(1)
}

func (d *doc) span(first, last int) (int, int) {
	return int(d.toks[first].start), int(d.toks[last].end())
}

func (d *doc) surface(first, last int) string {
	s, e := d.span(first, last)
	return d.text[s:e]
}

func (d *doc) add(c cand) { d.cands = append(d.cands, c) }

// resolve picks, among overlapping candidates, the longest, then the one
// scored highest (kept), and returns the mentions in text order.
func (d *doc) resolve() []Mention {
	kept := d.kept()
	out := make([]Mention, 0, len(kept))
	for _, i := range kept {
		c := &d.cands[i]
		s, e := d.span(c.first, c.last)
		e += c.tail
		out = append(out, Mention{Kind: c.kind, Start: s, End: e, Text: d.text[s:e], ID: c.id, Name: c.name, New: c.isNew, How: c.how})
	}
	return out
}

// kept returns the candidates resolve keeps, by index, in text order.
//
// The candidates are taken in rank order (longestFirst), each kept unless
// one kept before it holds one of its tokens. Whether a candidate is kept
// depends only on the candidates it overlaps, so the candidates are
// sorted by first token and cut into clusters whose token ranges chain
// by overlap, and only a cluster of two or more is ranked, on its own:
// most candidates of a long report overlap none (a sort of all 23,019 of
// bench/extract.sh's report by rank was a quarter of resolve's 11 ms, on
// the recogniser's last, one-goroutine stretch).
func (d *doc) kept() []int32 {
	cs := d.cands
	// Each candidate as its first token and its index in one number:
	// sorted, the candidates in text order, ties by when they were found.
	byFirst := make([]uint64, len(cs))
	for i := range cs {
		byFirst[i] = uint64(cs[i].first)<<32 | uint64(i)
	}
	slices.Sort(byFirst)
	index := func(k int) int { return int(uint32(byFirst[k])) }
	kept := make([]int32, 0, len(cs))
	var cluster []rank
	var used []bool // by token, from the cluster's first
	for j := 0; j < len(byFirst); {
		first, last := cs[index(j)].first, cs[index(j)].last
		k := j + 1
		for k < len(byFirst) && cs[index(k)].first <= last {
			last = max(last, cs[index(k)].last)
			k++
		}
		if k == j+1 {
			if cs[index(j)].kind != blocker {
				kept = append(kept, int32(index(j)))
			}
			j = k
			continue
		}
		cluster = cluster[:0]
		for x := j; x < k; x++ {
			c := &cs[index(x)]
			cluster = append(cluster, rank{int(d.toks[c.last].end() - d.toks[c.first].start), c.score, c.first, index(x)})
		}
		slices.SortFunc(cluster, longestFirst)
		used = slices.Grow(used[:0], last-first+1)[:last-first+1]
		clear(used)
		from := len(kept)
	next:
		for _, r := range cluster {
			c := &cs[r.i]
			for t := c.first; t <= c.last; t++ {
				if used[t-first] {
					continue next
				}
			}
			for t := c.first; t <= c.last; t++ {
				used[t-first] = true
			}
			if c.kind != blocker {
				kept = append(kept, int32(r.i))
			}
		}
		// Kept candidates share no token: their first tokens differ.
		slices.SortFunc(kept[from:], func(a, b int32) int { return cmp.Compare(cs[a].first, cs[b].first) })
		j = k
	}
	return kept
}

// rank is what orders overlapping candidates, copied out of the
// candidate (which is large), with its index.
type rank struct{ length, score, first, i int }

// longestFirst is the order resolve takes overlapping candidates in:
// longest first, then scored highest, then first in the text, then first
// found. The index makes it total, so the sort need not be stable.
func longestFirst(a, b rank) int {
	if a.length != b.length {
		return cmp.Compare(b.length, a.length)
	}
	if a.score != b.score {
		return cmp.Compare(b.score, a.score)
	}
	if a.first != b.first {
		return cmp.Compare(a.first, b.first)
	}
	return cmp.Compare(a.i, b.i)
}

// Scores break ties between candidates over the same span.
const (
	scoreBlocker   = 100
	scoreKnown     = 60 // a known actor name
	scoreCountry   = 50
	scoreSoftware  = 45
	scoreNewActor  = 40
	scoreTechnique = 30
	scoreContext   = 25 // bonus for the kind the next word asks for
)
