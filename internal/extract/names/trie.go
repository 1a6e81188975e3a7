package names

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/actors"
)

// trie is a byte trie over names in their match-key form (actors.MatchKey:
// lower case, letters and digits only), walked over the text token by
// token. A walk starts at a token, feeds the token's key, and goes on to
// the next token only across a tight gap (one space, hyphen, dot or
// underscore), so "Storm-2035", "STORM 2035" and "storm_2035" all reach
// the key "storm2035", and every match covers whole tokens.
//
// After building it is read-only: children of a node are stored together,
// sorted, in flat arrays, and the root has a dense table.
type trie struct {
	root     [256]int32 // child of the root by byte; 0 = none
	edgeOff  []int32    // node i's edges are labels[edgeOff[i]:edgeOff[i+1]]
	labels   []byte
	targets  []int32
	termOff  []int32 // node i's payloads are terms[termOff[i]:termOff[i+1]]
	terms    []int32 // indexes into the owner's payload list
	maxWords int     // the most tokens a key may span
	// Nodes with many children (near the root) also have a dense row
	// over letters and digits: rows[denseRow[i]*denseWidth+class(c)].
	denseRow []int32 // -1: none
	rows     []int32
}

// denseWidth is the width of a dense row: a-z, 0-9.
const denseWidth = 36

// denseMin is how many children a node needs to get a dense row.
const denseMin = 6

// byteClass maps a-z and 0-9 to 0..35 and every other byte to 255.
var byteClass = func() (t [256]uint8) {
	for i := range t {
		t[i] = 255
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = uint8(c - 'a')
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = uint8(26 + c - '0')
	}
	return t
}()

// trieBuilder collects keys before freezing them into a trie.
type trieBuilder struct {
	items []trieItem
}

type trieItem struct {
	key     string
	payload int32
}

// newTrieBuilder returns a builder with room for n keys.
func newTrieBuilder(n int) *trieBuilder { return &trieBuilder{items: make([]trieItem, 0, n)} }

// add records payload under key (a MatchKey).
func (b *trieBuilder) add(key string, payload int32) {
	b.items = append(b.items, trieItem{key, payload})
}

// build freezes the trie: the keys are sorted, then nodes are made breadth
// first, so that each node's children and payloads are contiguous. Node 0
// is the root.
func (b *trieBuilder) build() *trie {
	items := b.items
	// slices, not sort.SliceStable, whose swaps through reflection cost
	// a third of building the recogniser.
	slices.SortStableFunc(items, func(a, b trieItem) int { return strings.Compare(a.key, b.key) })
	t := &trie{maxWords: 12}
	type span struct{ lo, hi, depth int }
	// A node is a key's prefix, so there are at most as many as the keys
	// have bytes, and one edge into each but the root: room for them all
	// at once. The slices never grow, and so never copy themselves into
	// new pages (the room left over is never touched: 700 of a small
	// report's 5,900 page faults went to the copies).
	most := 1
	for _, it := range items {
		most += len(it.key)
	}
	queue := make([]span, 1, most) // queue[n] describes node n
	queue[0] = span{0, len(items), 0}
	t.edgeOff = make([]int32, 0, most+1)
	t.termOff = make([]int32, 0, most+1)
	t.labels = make([]byte, 0, most)
	t.targets = make([]int32, 0, most)
	t.terms = make([]int32, 0, len(items))
	for n := 0; n < len(queue); n++ {
		q := queue[n]
		t.edgeOff = append(t.edgeOff, int32(len(t.labels)))
		t.termOff = append(t.termOff, int32(len(t.terms)))
		i := q.lo
		for i < q.hi && len(items[i].key) == q.depth {
			t.terms = append(t.terms, items[i].payload)
			i++
		}
		for i < q.hi {
			c := items[i].key[q.depth]
			j := i
			for j < q.hi && items[j].key[q.depth] == c {
				j++
			}
			t.labels = append(t.labels, c)
			t.targets = append(t.targets, int32(len(queue)))
			queue = append(queue, span{i, j, q.depth + 1})
			i = j
		}
	}
	t.edgeOff = append(t.edgeOff, int32(len(t.labels)))
	t.termOff = append(t.termOff, int32(len(t.terms)))
	nodes := len(queue)
	for e := t.edgeOff[0]; e < t.edgeOff[1]; e++ {
		t.root[t.labels[e]] = t.targets[e]
	}
	t.denseRow = make([]int32, nodes)
	dense := 0
	for i := 1; i < nodes; i++ {
		if t.edgeOff[i+1]-t.edgeOff[i] >= denseMin {
			dense++
		}
	}
	t.rows = make([]int32, dense*denseWidth)
	dense = 0
	for i := range nodes {
		t.denseRow[i] = -1
		lo, hi := t.edgeOff[i], t.edgeOff[i+1]
		if i == 0 || hi-lo < denseMin {
			continue
		}
		t.denseRow[i] = int32(dense)
		row := t.rows[dense*denseWidth : (dense+1)*denseWidth]
		for e := lo; e < hi; e++ {
			if k := byteClass[t.labels[e]]; k != 255 {
				row[k] = t.targets[e]
			}
		}
		dense++
	}
	return t
}

// step follows the edge labelled c from node n; it returns 0 when there
// is none (node 0, the root, is never a child).
func (t *trie) step(n int32, c byte) int32 {
	if n == 0 {
		return t.root[c]
	}
	if r := t.denseRow[n]; r >= 0 {
		if k := byteClass[c]; k != 255 {
			return t.rows[int(r)*denseWidth+int(k)]
		}
	}
	lo, hi := t.edgeOff[n], t.edgeOff[n+1]
	if hi-lo <= 8 {
		for i := lo; i < hi; i++ {
			if l := t.labels[i]; l == c {
				return t.targets[i]
			} else if l > c {
				return 0
			}
		}
		return 0
	}
	for lo < hi {
		m := (lo + hi) / 2
		switch l := t.labels[m]; {
		case l == c:
			return t.targets[m]
		case l < c:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0
}

// payloads returns the payloads that end at node n.
func (t *trie) payloads(n int32) []int32 { return t.terms[t.termOff[n]:t.termOff[n+1]] }

// feed walks the key of one token from node n: ASCII letters are lower-cased
// and every other ASCII byte is skipped; a token with other letters goes
// through actors.MatchKey, as the names did.
func (t *trie) feed(n int32, text string, tok token) int32 {
	s := text[tok.start:tok.end()]
	if tok.is(fNonASCII) {
		s = actors.MatchKey(s)
		for i := 0; i < len(s) && n >= 0; i++ {
			if n = t.step(n, s[i]); n == 0 {
				return -1
			}
		}
		return n
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if n = t.step(n, c); n == 0 {
			return -1
		}
	}
	return n
}

// match is one key found in the text: tokens [first, last], the trie node
// where it ends, and at which key offsets the text put a gap between
// tokens (bit k set: a gap before the k-th key byte).
type match struct {
	first, last int
	node        int32
	gaps        uint64
	trim        int // digits at the end of the last token that are a footnote's, not the name's ("China Chopper4")
}

// walk appends to ms every key of t that the tokens starting at toks[i]
// spell out, shortest first.
func (t *trie) walk(text string, toks []token, i int, ms []match) []match {
	return t.walkFrom(text, toks, i, t.feed(0, text, toks[i]), ms)
}

// walkFrom is walk given the node, n, that toks[i]'s key leads to from
// the root (feed's result).
func (t *trie) walkFrom(text string, toks []token, i int, n int32, ms []match) []match {
	if n <= 0 {
		if mayBeFootnoted(toks[i]) {
			return t.footnoted(text, toks, i, i, 0, 0, ms)
		}
		return ms
	}
	keyLen := tokenKeyLen(text, toks[i])
	if t.termOff[n] != t.termOff[n+1] {
		ms = append(ms, match{first: i, last: i, node: n})
	}
	var gaps uint64
	for j := i + 1; j < len(toks) && j-i < t.maxWords; j++ {
		if !toks[j].is(fTight) {
			return ms
		}
		if keyLen < 64 {
			gaps |= 1 << keyLen
		}
		prev := n
		n = t.feed(n, text, toks[j])
		if n <= 0 {
			if mayBeFootnoted(toks[j]) {
				return t.footnoted(text, toks, i, j, prev, gaps, ms)
			}
			return ms
		}
		keyLen += tokenKeyLen(text, toks[j])
		if t.termOff[n] != t.termOff[n+1] {
			ms = append(ms, match{first: i, last: j, node: n, gaps: gaps})
		}
	}
	return ms
}

// footnoted appends to ms the match of tokens [i, j] when the key ends
// at node n (the root for a name of one token) with token j's letters,
// the digits after them being a footnote's mark glued to the name, as a
// PDF's text layer and pasted web pages write them: "the following China
// Chopper4, JspSpy5 webshells". Token j must be a capitalised word of
// four letters or more, at least one in lower case, and one or two
// digits: "APT28", "Win32" or "Base64" are never cut (the first is a
// name whole; the others name nothing without their digits).
func (t *trie) footnoted(text string, toks []token, i, j int, n int32, gaps uint64, ms []match) []match {
	tok := toks[j]
	w := text[tok.start:tok.end()]
	d := 0
	for d < len(w) && d < 3 && w[len(w)-1-d] >= '0' && w[len(w)-1-d] <= '9' {
		d++
	}
	letters := w[:len(w)-d]
	if d == 0 || d > 2 || len(letters) < 4 || letters[0] < 'A' || letters[0] > 'Z' || strings.IndexFunc(letters, func(r rune) bool { return r < 'A' || r > 'z' || r > 'Z' && r < 'a' }) >= 0 ||
		strings.ToUpper(letters) == letters {
		return ms
	}
	for k := 0; k < len(letters) && n >= 0; k++ {
		c := letters[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if n = t.step(n, c); n == 0 {
			return ms
		}
	}
	if n > 0 && t.termOff[n] != t.termOff[n+1] {
		ms = append(ms, match{first: i, last: j, node: n, gaps: gaps, trim: d})
	}
	return ms
}

// mayBeFootnoted says from a token's flags alone whether footnoted may
// cut it: capitalised, in ASCII, with letters and digits. Most tokens
// are not, and are turned down without a call.
func mayBeFootnoted(tok token) bool {
	return tok.flags&(fHasDigit|fHasLetter|fNonASCII|fCapital) == fHasDigit|fHasLetter|fCapital
}

// tokenKeyLen is the length of the token's match key.
func tokenKeyLen(text string, tok token) int {
	if tok.is(fNonASCII) {
		return len(actors.MatchKey(text[tok.start:tok.end()]))
	}
	return int(tok.end() - tok.start)
}

// keyBounds returns the key offsets at which a written name may be split
// between tokens: where the name itself has a separator, or changes from
// letters to digits or from lower to upper case ("APT28" → "APT 28",
// "DarkHotel" → "Dark Hotel"). Names beyond 63 key bytes, or not in ASCII,
// allow every split.
func keyBounds(name string) uint64 {
	var b uint64
	k := 0
	prev := rune(0)
	sep := false
	for _, r := range name {
		if r >= utf8.RuneSelf {
			return ^uint64(0)
		}
		c := byte(r)
		if !isASCIIAlnum(c) {
			sep = true
			continue
		}
		if k > 0 && k < 64 {
			switch {
			case sep,
				isDigit(c) != isDigit(byte(prev)),
				unicode.IsUpper(r) && unicode.IsLower(prev):
				b |= 1 << k
			}
		}
		sep = false
		prev = r
		k++
	}
	if k >= 64 {
		return ^uint64(0)
	}
	return b
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
