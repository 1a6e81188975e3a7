package extract

import (
	"math/bits"
	"unsafe"

	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/newpages"
	"github.com/dossier-cti/dossier/internal/swar"
)

// The claim rules look for trigger words and phrases ("attributed to",
// "on Iran's behalf", "sought access to") in every sentence of a report.
// They are matched over the words of the sentence, not with regular
// expressions: a sentence is split into words once, each word is looked
// up once in one vocabulary, and a phrase is tried only where its first
// word stands. That keeps the cost of a sentence linear in its length,
// whatever the number of phrases.

// gapKind is what separates a word from the word before it.
type gapKind uint8

const (
	gapOther  gapKind = iota // punctuation, or nothing (the first word)
	gapSpace                 // white space only, line breaks included
	gapHyphen                // exactly "-"
	gapApos                  // exactly an apostrophe, straight or curly
)

// cword is one word of a sentence: a run of ASCII letters, digits and
// underscores, which is what \b delimits in a regular expression, so
// "Iran’s" is the words "Iran" and "s", and "Iran-linked" is "Iran" and
// "linked".
type cword struct {
	start, end int32  // byte offsets in the text
	id         uint16 // vocabulary id of the lower-cased word; 0 when no trigger uses it
	gap        gapKind
	letters    bool // letters only, no digit or underscore
}

// maxVocabWord is the length of the longest word a trigger uses; longer
// words are not looked up.
const maxVocabWord = 16

// vocab holds every word of every trigger phrase; ids start at 1.
var vocab = map[string]uint16{}

// vocabTable is vocab again as an open-addressing hash table keyed by
// wordHash of the word, which sentenceWords computes from the text as it
// stands: one look-up per word of a report is the hot path, and this is
// several times faster than the map. vocabHash holds each slot's key
// (vocabKey of the hash; 0 for an empty slot) apart from its word: a
// look-up reads 16 KB of keys, and a slot's word only where the key is
// the same. A slot holds its word packed as wordKey packs it, which
// tells the word whole (a word's bytes are never 0): a look-up compares
// two numbers, not the word's bytes, and reads no string. Both are made
// on the heap, not as arrays of the program's (zero) data: filled at
// package initialisation, the 212 KB there cost 53 page faults of every
// run's serial start, where the heap's pages are huge (hugeheap). The
// keys' pages are written first (newpages): wordID probes them.
var (
	vocabHash  = (*[vocabSlots]uint16)(newpages.Touch(make([]uint16, vocabSlots)))
	vocabTable = new([vocabSlots]struct {
		lo, hi uint64
		id     uint16
	})
)

// vocabSlots is the size of vocabTable, a power of two: an eighth full at
// most (maxVocab), so that a word no trigger uses, the common case, is
// turned down at its first probe nearly always. (With 2,048 slots, the
// words compared at each probe, and gapOf called at every gap,
// BenchmarkSentenceWords took 22.0 ms for the 5.59 MB report; 19.9
// with 8,192 slots of 32-bit keys; 18.7 with the masks and 16-bit keys;
// 17.4 with the words packed in the slots.)
const (
	vocabSlots = 8192
	maxVocab   = 1024
)

// vocabKey is what vocabHash holds for a word whose hash is h: its top
// sixteen bits (the low ones pick the slot), but never 0, which marks an
// empty slot.
func vocabKey(h uint32) uint16 { return max(uint16(h>>16), 1) }

// wordID returns the id of a vocabulary word, adding it when new.
func wordID(w string) uint16 {
	if id, ok := vocab[w]; ok {
		return id
	}
	if len(w) == 0 || len(w) > maxVocabWord || len(vocab) >= maxVocab {
		panic("extract: trigger word " + w + " cannot be looked up")
	}
	for k := 0; k < len(w); k++ {
		if wordByte[w[k]] != w[k] {
			panic("extract: trigger word " + w + " is not one lower-case word")
		}
	}
	id := uint16(len(vocab) + 1)
	vocab[w] = id
	lo, hi := wordKey(w, 0, len(w))
	h := wordHash(lo, hi)
	k := h
	for vocabHash[k%vocabSlots] != 0 { // the empty slot lookupWord stops at
		k++
	}
	vocabHash[k%vocabSlots] = vocabKey(h)
	e := &vocabTable[k%vocabSlots]
	e.lo, e.hi, e.id = lo, hi, id
	return id
}

// idSet is a set of vocabulary words, by id (see wordID), for the rules
// that test every word of a sentence: one look-up a word, where wordIs
// compares the word with each of the set's.
type idSet [maxVocab + 1]bool // ids run from 1 to maxVocab

// wordIDSet returns the set of words, each one lower-case word.
func wordIDSet(words ...string) *idSet {
	var s idSet
	for _, w := range words {
		s[wordID(w)] = true
	}
	return &s
}

// lookupWord returns the id of the word text[from:to] (to-from at most
// maxVocabWord bytes, every one a word byte), lower-cased as wordByte
// lower-cases it, or 0. The word is read as it stands in the text: no
// lower-case copy is made.
func lookupWord(text string, from, to int) uint16 {
	lo, hi := wordKey(text, from, to)
	h := wordHash(lo, hi)
	key := vocabKey(h)
	for k := h; ; k++ {
		switch vocabHash[k%vocabSlots] {
		case 0:
			return 0
		case key:
			if e := &vocabTable[k%vocabSlots]; e.lo == lo && e.hi == hi {
				return e.id
			}
		}
	}
}

// vocabID is lookupWord of a word given in lower case (at most
// maxVocabWord bytes: a longer one is 0), for the name recogniser to make
// once per distinct word (names.Hooks.WordID), not the claims once per
// token.
func vocabID(lower []byte) uint16 {
	if len(lower) == 0 || len(lower) > maxVocabWord {
		return 0
	}
	return lookupWord(unsafe.String(unsafe.SliceData(lower), len(lower)), 0, len(lower))
}

// wordByte maps the bytes of a word (ASCII letters, digits, underscore)
// to themselves lower-cased, and every other byte to 0.
var wordByte = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = byte(c), byte(c)
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = byte(c)
	}
	t['_'] = '_'
	return t
}()

// sentenceWords appends the words of text[start:end] to ws.
//
// Every word of a report is read here, most of them looked up in vain:
// the text is read 64 bytes at a time as bit masks of its word bytes
// (wordMasks), where each word starts and ends found from them, and a
// word of maxVocabWord bytes or fewer is hashed whole (wordHash) rather
// than byte by byte. BenchmarkSentenceWords' 5.59 MB: 22.2 ms read byte
// by byte, 17.4 so (a third of it the look-ups, a quarter the masks).
func sentenceWords(text string, start, end int, ws []cword) []cword {
	ws, _ = wordsFrom(text, start, end, -1, ws)
	return ws
}

// wordsFrom is sentenceWords of text[start:end] after a word that ends at
// gapFrom (-1 for none): it returns the words and where the last ends
// (gapFrom when there is none).
func wordsFrom(text string, start, end, gapFrom int, ws []cword) ([]cword, int) {
	i := start
	for i < end {
		n := min(64, end-i)
		word, other := wordMasks(text[i : i+n])
		for word != 0 {
			s := bits.TrailingZeros64(word)
			l := bits.TrailingZeros64(^(word >> s)) // 64-s when the word runs to the window's end
			from, to, letters := i+s, i+s+l, other>>s&(1<<l-1) == 0
			if s+l >= n && i+n < end {
				// The word may go on past the window: read it in the
				// next, which starts where it does.
				if s > 0 {
					break
				}
				// A word as long as the window: to its end byte by byte.
				for to < end && wordByte[text[to]] != 0 {
					to++
				}
				letters = letters && lettersOnly(text[i+n:to])
				n = to - i
			}
			w := cword{start: int32(from), end: int32(to), letters: letters, gap: gapOther}
			if to-from <= maxVocabWord {
				w.id = lookupWord(text, from, to)
			}
			switch { // written out, not shared with tokenReader.words: a function for it was not inlined (+14-18 M instructions)
			case gapFrom < 0:
			case from == gapFrom+1 && text[gapFrom] == ' ':
				w.gap = gapSpace // gapOf's commonest answer, without its call
			default:
				w.gap = gapOf(text[gapFrom:from])
			}
			ws = append(ws, w)
			gapFrom = to
			word &^= 1<<(s+l) - 1 // (a shift of 64 is 0 in Go: every bit goes)
		}
		if word != 0 {
			i += bits.TrailingZeros64(word)
		} else {
			i += n
		}
	}
	return ws, gapFrom
}

// tokenReader reads sentences' words off the name recogniser's tokens
// of the same text, not off its bytes (sentenceWords): a token of ASCII
// letters and digits with no underscore on either side or in the gap
// before it (an underscore joins words here and not there) is a word as
// it stands, its digits known from its flags. Anything else (a token
// with other characters, one that runs past the sentence or was cut at
// names.TokenRun bytes, one an underscore touches, and the underscores
// between tokens) is read byte by byte, by wordsFrom, from the end of
// the last word read to the next byte that ends a word. A word's
// vocabulary id is the recogniser's (vocabID, once per distinct word)
// when the tokens have them, else looked up here.
//
// TestTokenWords and FuzzTokenWords hold it to sentenceWords.
type tokenReader struct {
	text  string
	toks  names.Tokens
	k     int        // a token that ends at or before the next sentence, or the first that ends after its start
	under byteFinder // the underscores
}

// newTokenReader returns a reader of the words of sentences from the one
// that starts at start on, in text order.
func newTokenReader(text string, toks names.Tokens, start int) *tokenReader {
	return &tokenReader{text: text, toks: toks, k: toks.After(start), under: newByteFinder(text, '_')}
}

// words appends the words of text[start:end] to ws, as sentenceWords
// does; start is at or after the end of the sentence asked about before.
func (r *tokenReader) words(start, end int, ws []cword) []cword {
	text, toks := r.text, r.toks
	ids := toks.WordIDs()       // the recogniser's, made once per word (names.Hooks.WordID); nil without them
	pos := start                // the bytes before pos are read
	gapFrom := -1               // where the last word ends; -1 before the first
	k, under := r.k, r.under.at // under: the next underscore, as r.under keeps it, in a local for the loop
	for n := toks.Len(); k < n; k++ {
		from, to, _, nonASCII, digit := toks.At(k)
		if to <= pos {
			continue // before the sentence, or read with the bytes before
		}
		if from >= end {
			break
		}
		if under < pos {
			under = r.under.from(pos)
		}
		if nonASCII || from < pos || to > end || to-from >= names.TokenRun || under <= to {
			hi := min(to, end)
			for hi < end && wordByte[text[hi]] != 0 {
				hi++
			}
			ws, gapFrom = wordsFrom(text, pos, hi, gapFrom, ws)
			if pos = hi; pos == end {
				break // token k may go on past the end, into the next sentence (one cut at its greatest length)
			}
			continue
		}
		w := cword{start: int32(from), end: int32(to), letters: !digit, gap: gapOther}
		switch {
		case to-from > maxVocabWord:
		case ids != nil:
			w.id = ids[k]
		default:
			w.id = lookupWord(text, from, to)
		}
		switch { // as in wordsFrom
		case gapFrom < 0:
		case from == gapFrom+1 && text[gapFrom] == ' ':
			w.gap = gapSpace
		default:
			w.gap = gapOf(text[gapFrom:from])
		}
		ws = append(ws, w)
		gapFrom, pos = to, to
	}
	r.k = k
	if pos < end && r.under.from(pos) < end {
		ws, _ = wordsFrom(text, pos, end, gapFrom, ws) // underscores after the last token
	}
	return ws
}

// wordClass holds, by byte, 1 for a byte of a word (an ASCII letter,
// digit or underscore) and 2 more for one that is no letter.
var wordClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case wordByte[c] == 0:
		case wordByte[c] < 'a':
			t[c] = 3
		default:
			t[c] = 1
		}
	}
	return t
}()

// wordMasks returns, for b of at most 64 bytes, a mask with bit k set
// for each byte b[k] of a word, and one with bit k set for each that is
// a digit or an underscore. Eight bytes are read at a time, each tested
// against the ranges at once (SWAR: each byte's high bit says).
func wordMasks(b string) (word, other uint64) {
	k := 0
	for ; k+8 <= len(b); k += 8 {
		w, o := wordBytes8(swar.Load(b[k : k+8]))
		word |= w << k
		other |= o << k
	}
	for ; k < len(b); k++ {
		c := wordClass[b[k]]
		word |= uint64(c&1) << (k & 63)
		other |= uint64(c>>1) << (k & 63)
	}
	return word, other
}

// wordBytes8 returns, for the eight bytes of x (the first the lowest),
// the bits wordMasks gives them.
func wordBytes8(x uint64) (word, other uint64) {
	digit, under := asciiIn(x, '0', '9'), asciiIn(x, '_', '_')
	letter := asciiIn(x|0x2020202020202020, 'a', 'z') // 0x20 lower-cases a capital
	// Each byte's flag, at its high bit, gathered to one bit a byte.
	gather := func(m uint64) uint64 { return (m >> 7) * 0x0102040810204080 >> 56 }
	return gather(digit | under | letter), gather(digit | under)
}

// asciiIn returns, for the eight bytes of x, the high bit of each that is
// ASCII and in [lo, hi], all at once (SWAR): with v a byte's low seven
// bits, v+(0x80-lo) has its high bit set when v >= lo, and v+(0x7f-hi)
// when v > hi; no carry leaves the byte.
func asciiIn(x uint64, lo, hi byte) uint64 {
	v := x &^ swar.Highs
	return (v + swar.Ones*uint64(0x80-lo)) &^ (v + swar.Ones*uint64(0x7f-hi)) &^ x & swar.Highs
}

// lettersOnly reports whether the word bytes of w are all letters.
func lettersOnly(w string) bool {
	for k := 0; k < len(w); k++ {
		if wordClass[w[k]] != 1 {
			return false
		}
	}
	return true
}

// wordKey packs the word text[from:to] (to-from at most maxVocabWord
// bytes, every one a word byte) lower-cased, as vocabTable keeps its
// words: its bytes, each with 0x20 set (which lower-cases a letter and
// leaves a digit as it is), read as two little-endian numbers, the bytes
// past its end 0.
func wordKey(text string, from, to int) (lo, hi uint64) {
	n := to - from
	if from+16 <= len(text) {
		lo, hi = swar.Load(text[from:from+8]), swar.Load(text[from+8:from+16])
	} else {
		var b [16]byte
		copy(b[:], text[from:to])
		lo, hi = swar.Load(string(b[:8])), swar.Load(string(b[8:]))
	}
	const lower = 0x2020202020202020
	if n < 8 {
		return (lo | lower) & (1<<(8*n) - 1), 0
	}
	return lo | lower, (hi | lower) & (1<<(8*(n-8)) - 1) // n-8 is 8 at most: a shift of 64 keeps all
}

// wordHash is the hash of a word packed by wordKey, by which vocabTable
// is keyed.
func wordHash(lo, hi uint64) uint32 {
	x := swar.Mix(lo, hi)
	return uint32(x>>32) ^ uint32(x)
}

// gapOf classifies the text between two words.
func gapOf(g string) gapKind {
	switch g {
	case "-", "\u2010", "\u2011": // U+2010 and U+2011 are hyphens too: "state‑sponsored"
		return gapHyphen
	case "'", "’":
		return gapApos
	}
	for k := 0; k < len(g); k++ {
		switch g[k] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		case 0xc2: // U+00A0, a no-break space
			if k+1 < len(g) && g[k+1] == 0xa0 {
				k++
				continue
			}
			return gapOther
		default:
			return gapOther
		}
	}
	return gapSpace
}

// phrase is a trigger: its words and what must separate them.
type phrase struct {
	ids  []uint16
	gaps []gapKind // gaps[k] stands before ids[k+1]
}

// phraseSet is a list of triggers of one rule, indexed by first word.
type phraseSet struct {
	phrases []phrase
	byFirst [][]int32 // by word id: the phrases that start with the word
	bit     int       // the set's bit in a setMask; -1 for none (sets past maxMasked)
}

// setMask holds a bit for each of the first maxMasked phrase sets made.
type setMask [2]uint64

// maxMasked is how many phrase sets get a bit of a setMask.
const maxMasked = 128

// startsSets holds, by word id, the phrase sets with a phrase that
// starts with the word: a sentence's words' masks OR'ed together say
// which sets can match in it at all (sentence.mayHave), and the many
// that cannot are not looked for word by word. maskedSets counts the
// bits given out. Its pages are written first (newpages): newPhraseSet
// sets its bits by reading them first, which faulted every page twice:
// with the phrase sets' byFirst, 1.6% of a small report's CPU samples
// under perf, in the serial start.
var (
	startsSets = (*[maxVocab + 1]setMask)(newpages.Touch(make([]setMask, maxVocab+1)))
	maskedSets int
)

// has reports whether m holds bit b.
func (m *setMask) has(b int) bool { return m[b>>6]&(1<<(b&63)) != 0 }

// newPhraseSet compiles triggers written as lower-case words separated by
// a space (any white space in the text, a line break included), a hyphen
// or an apostrophe (straight or curly): "linked to", "state-sponsored",
// "can't". A phrase that may be written with a space or a hyphen is
// listed both ways.
func newPhraseSet(list ...string) *phraseSet {
	ps := &phraseSet{}
	for _, s := range list {
		var p phrase
		from := 0
		for k := 0; k <= len(s); k++ {
			if k < len(s) && s[k] != ' ' && s[k] != '-' && s[k] != '\'' {
				continue
			}
			p.ids = append(p.ids, wordID(s[from:k]))
			if k < len(s) {
				p.gaps = append(p.gaps, phraseGap(s[k]))
			}
			from = k + 1
		}
		ps.phrases = append(ps.phrases, p)
	}
	// byFirst reaches as far as the set's greatest first word: starting
	// reads past it as no phrase.
	var last uint16
	for _, p := range ps.phrases {
		last = max(last, p.ids[0])
	}
	ps.byFirst = make([][]int32, int(last)+1)
	newpages.Touch(ps.byFirst) // the appends below read each before they write it
	ps.bit = -1
	if maskedSets < maxMasked {
		ps.bit = maskedSets
		maskedSets++
	}
	for i, p := range ps.phrases {
		ps.byFirst[p.ids[0]] = append(ps.byFirst[p.ids[0]], int32(i))
		if ps.bit >= 0 {
			startsSets[p.ids[0]][ps.bit>>6] |= 1 << (ps.bit & 63)
		}
	}
	return ps
}

// phraseGap is the gap a trigger's separator stands for: a space, a
// hyphen or an apostrophe.
func phraseGap(sep byte) gapKind {
	switch sep {
	case '-':
		return gapHyphen
	case '\'':
		return gapApos
	}
	return gapSpace
}

// starting returns the phrases of ps that start with word w.
func (ps *phraseSet) starting(w cword) []int32 {
	if int(w.id) < len(ps.byFirst) {
		return ps.byFirst[w.id]
	}
	return nil // a word of a set made later
}

// matchAt returns the index of the last word of the longest phrase of ps
// that starts at ws[i], or -1.
func (ps *phraseSet) matchAt(ws []cword, i int) int {
	if ws[i].id == 0 {
		return -1
	}
	best := -1
	for _, p := range ps.starting(ws[i]) {
		if last := ps.phrases[p].matchAt(ws, i); last > best {
			best = last
		}
	}
	return best
}

// eachAt calls f with the index of every phrase of ps that starts at
// ws[i].
func (ps *phraseSet) eachAt(ws []cword, i int, f func(p int)) {
	if ws[i].id == 0 {
		return
	}
	for _, p := range ps.starting(ws[i]) {
		if ps.phrases[p].matchAt(ws, i) >= 0 {
			f(int(p))
		}
	}
}

func (p *phrase) matchAt(ws []cword, i int) int {
	if i+len(p.ids) > len(ws) {
		return -1
	}
	for k := 1; k < len(p.ids); k++ {
		if w := ws[i+k]; w.id != p.ids[k] || w.gap != p.gaps[k-1] {
			return -1
		}
	}
	return i + len(p.ids) - 1
}

// wmatch is a trigger found in a sentence: words [first, last].
type wmatch struct{ first, last int }

// find returns the first trigger of ps in ws at or after word from, or
// ok false.
func (ps *phraseSet) find(ws []cword, from int) (m wmatch, ok bool) {
	for i := from; i < len(ws); i++ {
		if last := ps.matchAt(ws, i); last >= 0 {
			return wmatch{i, last}, true
		}
	}
	return wmatch{}, false
}

// has reports whether any trigger of ps stands in ws.
func (ps *phraseSet) has(ws []cword) bool {
	_, ok := ps.find(ws, 0)
	return ok
}
