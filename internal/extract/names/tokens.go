package names

import (
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/extract/linecut"
	"github.com/dossier-cti/dossier/internal/swar"
)

// shape is how a token is written, which is most of what tells a name from
// an ordinary word in English prose.
type shape uint8

const (
	shapeLower  shape = iota // "group", "apt28x" (no upper-case letter)
	shapeTitle               // "Sandworm", "Storm" (upper-case first, lower-case after)
	shapeUpper               // "APT", "NOBELIUM", "TA" (two or more letters, all upper case)
	shapeMixed               // "ReconHellcat", "menuPass", "iKittens"
	shapeDigits              // "2035" (digits only)
)

// token flags.
const (
	fSentence   uint8 = 1 << iota // first token of a sentence, line or table cell: its capital says nothing
	fTight                        // joined to the previous token by one space, hyphen, dot, underscore or apostrophe
	fNonASCII                     // holds a non-ASCII letter or digit
	fHasDigit                     // holds a digit
	fHasLetter                    // holds a letter
	fCapital                      // first character is an upper-case letter
	fAfterQuote                   // directly preceded by an opening quote or emphasis mark
	fColon                        // after a colon ("Phishing: Spearphishing Attachment")
)

// token is a maximal run of letters, digits and combining marks, of at
// most maxToken bytes (a longer run is cut into tokens of that length at
// most, no gap between them: no name is that long); names are matched
// over whole tokens, so every match starts and ends at a word boundary.
// Eight bytes a token (its length is 16 bits): a report of 5.6 MB has
// 720,000, in a slice sized for 1.1 million.
type token struct {
	start int32
	n     uint16 // its length in bytes
	shape shape
	flags uint8
}

// maxToken is the most bytes a token holds.
const maxToken = 1<<16 - 1

// TokenRun is where a longer run of letters and digits is cut: a token
// reads characters while it is under TokenRun bytes long, so it ends at
// the first character boundary at or past TokenRun bytes from its start,
// by maxToken at the latest. Readers of the text that must cut words
// where the tokens end (the organisations' words) cut there.
const TokenRun = maxToken - utf8.UTFMax + 1

// end returns where the token ends: text[t.start:t.end()] is the token.
func (t token) end() int32 { return t.start + int32(t.n) }

func (t token) is(f uint8) bool { return t.flags&f != 0 }

// Tokens are a text's tokens as the recogniser reads them: the maximal
// runs of letters, digits and combining marks, in text order. Other
// readers of the same text read their own words off them (the
// organisations', the claims'), rather than read the text again.
type Tokens struct {
	text string
	toks []token
	ids  []uint16 // Hooks.WordID's, by token; nil when none was given
}

// WordIDs returns, by token, the id Hooks.WordID gave the token in lower
// case (0 for a token with a character outside ASCII or of more than 16
// bytes); nil when the tokens were read without it (Tokenize, or
// FindWith without Hooks.WordID).
func (t Tokens) WordIDs() []uint16 { return t.ids }

// Tokenize returns the tokens of text, as Find reads them.
func Tokenize(text string) Tokens {
	return Tokens{text: text, toks: tokenizeInPieces(text, nil, tokenPieces(text))}
}

// Len is the number of tokens.
func (t Tokens) Len() int { return len(t.toks) }

// Span returns the byte offsets of token i: text[start:end].
func (t Tokens) Span(i int) (start, end int) { return int(t.toks[i].start), int(t.toks[i].end()) }

// At returns token i's byte offsets, whether it starts with an
// upper-case letter, whether it holds a character outside ASCII and
// whether it holds a digit: Span, Capital, NonASCII and HasDigit at once,
// for a reader of every token (the organisations' words, the claims').
func (t Tokens) At(i int) (start, end int, capital, nonASCII, digit bool) {
	tk := t.toks[i]
	return int(tk.start), int(tk.end()), tk.flags&fCapital != 0, tk.flags&fNonASCII != 0, tk.flags&fHasDigit != 0
}

// NonASCII reports whether token i holds a character outside ASCII.
func (t Tokens) NonASCII(i int) bool { return t.toks[i].is(fNonASCII) }

// HasDigit reports whether token i holds a digit.
func (t Tokens) HasDigit(i int) bool { return t.toks[i].is(fHasDigit) }

// Capital reports whether token i starts with an upper-case letter.
func (t Tokens) Capital(i int) bool { return t.toks[i].is(fCapital) }

// After returns the index of the first token that ends after byte off
// (Len when none does).
func (t Tokens) After(off int) int {
	i, _ := slices.BinarySearchFunc(t.toks, off, func(tk token, off int) int {
		if int(tk.end()) <= off {
			return -1
		}
		return 1
	})
	return i
}

// tokenize splits text into tokens. It allocates one slice, sized from
// the text's length.
func tokenize(text string, toks []token) []token {
	// A token and its gap take six bytes or more in prose: room for them
	// all at once spares the copies of a growing slice.
	if want := len(text)/5 + 16; cap(toks) < want {
		toks = make([]token, 0, want)
	}
	return tokenizeRange(text, 0, len(text), toks[:0])
}

// tokenPieces is how many pieces tokenizeInPieces reads a text in
// (linecut.Many: one under 512 KiB, up to eight a core). Pieces of
// equal length take unequal times (a table of hashes reads faster than
// prose), and other stages run beside them (the dates, the observables'
// verdicts, the URLs): with four, go tool trace showed the last piece
// alone for 4-8 ms of every 5.6 MB extraction; with sixteen, 0-2.
func tokenPieces(text string) int {
	return linecut.Many(len(text), 256<<10)
}

// tokenizeInPieces is tokenize reading a text in pieces side by side.
// Each piece but the last ends at a line break, which no token crosses,
// so the tokens are tokenize's; the first token of a piece gets the flags
// of its gap from the last token before it, as tokenize gives.
func tokenizeInPieces(text string, toks []token, pieces int) []token {
	if pieces <= 1 {
		return tokenize(text, toks)
	}
	return tokenizeCut(text, toks, linecut.Bounds(text, pieces))
}

// tokenizeCut is tokenizeInPieces with the pieces given: bounds runs from
// 0 to len(text), and each bound between is just after a line break.
func tokenizeCut(text string, toks []token, bounds []int) []token {
	// Each piece gets a window of toks as tokenize sizes its slice, the
	// windows in the pieces' order and apart; the pieces are then moved
	// together. A piece that outgrows its window is read into a slice of
	// its own and copied.
	parts := make([][]token, len(bounds)-1)
	if want := len(text)/5 + 17*len(parts); cap(toks) < want {
		toks = make([]token, 0, want)
	}
	toks = toks[:cap(toks)]
	var wg sync.WaitGroup
	for p := range parts {
		from, to := bounds[p], bounds[p+1]
		at := from/5 + 17*p
		window := toks[at : at : at+(to-from)/5+16]
		wg.Go(func() { parts[p] = tokenizeRange(text, from, to, window) })
	}
	wg.Wait()
	n := 0
	for p, part := range parts {
		// A piece moved may not reach into the window of one still to
		// move, nor past the end.
		limit := len(toks)
		if p+1 < len(parts) {
			limit = bounds[p+1]/5 + 17*(p+1)
		}
		if n += len(part); n > limit {
			return joinTokens(text, parts)
		}
	}
	n = 0
	for _, part := range parts {
		copy(toks[n:], part)
		if len(part) > 0 && n > 0 {
			fixGap(text, toks[n-1], &toks[n])
		}
		n += len(part)
	}
	return toks[:n]
}

// joinTokens returns the tokens of the pieces in one new slice.
func joinTokens(text string, parts [][]token) []token {
	n := 0
	for _, part := range parts {
		n += len(part)
	}
	toks := make([]token, 0, n)
	for _, part := range parts {
		if len(part) > 0 && len(toks) > 0 {
			fixGap(text, toks[len(toks)-1], &part[0])
		}
		toks = append(toks, part...)
	}
	return toks
}

// fixGap gives t, the first token of a piece, the flags of its gap from
// prev, the token before it.
func fixGap(text string, prev token, t *token) {
	t.flags = t.flags&^gapMask | gapFlags(text, int(prev.end()), int(t.start))
}

// gapMask holds the flags gapFlags gives.
const gapMask = fSentence | fTight | fColon | fAfterQuote

// tokenizeRange appends the tokens of text[from:to] to toks, with their
// offsets in text; the first is taken to start a sentence.
//
// It is the recogniser's hottest loop (a 5.6 MB report has 720,000
// tokens). Where 64 bytes or more are left, it reads them at once as bit
// masks (windowMasks: which bytes are letters, capitals, digits, or
// outside ASCII), and takes the ASCII gaps and tokens that end inside
// them off the masks: a token's length is a count of trailing ones, its
// shape a count of capitals, with no test of each byte. A character
// outside ASCII, a token that runs on past the window, and the last
// bytes are read by step, character by character, the masks going on
// from where it stops; a window mostly outside ASCII is read by step
// alone. On bench/extract.sh's report, alone on one core: 15.8-16.1 ms
// (15.2 before tokenShape and gapBefore were shared with step), where
// reading every byte by step took 23.1 ms; on Russian prose 77 ms
// against 73, on Chinese 43 against 43 (4.9 and 4.2 MB). The masks are
// read at an offset, not shifted at every gap and token (and gapBefore
// is written out, which the inliner then left a call): tokenizeInPieces
// on that report took 251 million instructions, 217 since
// (bench/instructions.sh, stop 32).
// TestTokenizeReference and FuzzTokenize hold it to tokenizeRef, which
// decodes every character.
func tokenizeRange(text string, from, to int, toks []token) []token {
	prevEnd := -1
	i := from
	for i < to {
		if to-i < 64 {
			i, prevEnd, toks = step(text, i, to, prevEnd, toks)
			continue
		}
		word, upper, letter, digit, high := windowMasks(text[i : i+64])
		if bits.OnesCount64(high) >= 32 {
			// Mostly another script: step reads the window, as the masks
			// would have it do nearly everywhere.
			for end := i + 64; i < end; {
				i, prevEnd, toks = step(text, i, to, prevEnd, toks)
			}
			continue
		}
		// The masks stay as they are; p is how many of their bits are
		// read (bit p stands for text[i]), and a mask is shifted only
		// where one of its bits is wanted. (Shifting all five at every
		// gap and token kept them all live: their spills and moves were
		// a third of the loop.)
		p := 0
		fresh := true       // nothing of the window read yet
		gaps := word | high // a gap ends at a word byte or a byte outside ASCII
		for p < 64 {
			if high>>p&1 == 0 {
				if word>>p&1 == 0 { // ASCII bytes between tokens
					g := bits.TrailingZeros64(gaps >> p)
					if g >= 64-p {
						i += 64 - p
						p = 64
						break
					}
					i += g
					p += g
					fresh = false
					continue
				}
				e := bits.TrailingZeros64(^(word >> p))
				if e < 64-p && (high>>(p+e)&1 == 0 || !wordRuneAt(text, i+e)) {
					// The token of the e ASCII bytes from i.
					in := (uint64(1)<<e - 1) << p
					l, u := letter&in, upper&in
					t := token{start: int32(i), n: uint16(e)}
					first := upper>>p&1 != 0
					t.shape = tokenShape(l != 0, bits.OnesCount64(u), l&^u != 0, first)
					var flags uint8
					if digit&in != 0 {
						flags |= fHasDigit
					}
					if l != 0 {
						flags |= fHasLetter
					}
					if first {
						flags |= fCapital
					}
					// gapBefore, written out: the call was not inlined here.
					if prevEnd >= 0 && i == prevEnd+1 {
						flags |= gapOne[text[prevEnd]]
					} else {
						flags |= gapTable(text, prevEnd, i)
					}
					t.flags = flags
					toks = append(toks, t)
					i += e
					p += e
					prevEnd = i
					fresh = false
					continue
				}
				if e >= 64-p && !fresh {
					break // the token may go on past the window: a new one from it
				}
			}
			// step reads what is not ASCII (a character between tokens, or
			// a token with one) and a token of 64 bytes or more; the masks
			// go on from where it stops while that is inside the window,
			// so that a text in another script is read a character at a
			// time, not a window made for each.
			j, end, more := step(text, i, to, prevEnd, toks)
			adv := j - i
			i, prevEnd, toks = j, end, more
			if adv >= 64-p {
				break
			}
			p += adv
			fresh = false
		}
	}
	return toks
}

// wordRuneAt reports whether the character at text[i] continues a token.
func wordRuneAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// windowMasks reads the 64 bytes of w as bit masks, bit k for w[k]: the
// bytes of a token that are ASCII (letters and digits), the capitals,
// the letters, the digits, and the bytes outside ASCII. Eight bytes at a
// time: each byte's top bit is cleared, the letters' case folded, and a
// byte's range tested by two additions that set its top bit (no byte
// carries into the next); the top bits are then gathered into eight bits
// by one multiplication.
func windowMasks(w string) (word, upper, letter, digit, high uint64) {
	const (
		ones = swar.Ones
		tops = swar.Highs
	)
	_ = w[63]
	for k := 0; k < 64; k += 8 {
		x := swar.Load(w[k : k+8])
		h := x & tops
		y := x &^ tops
		f := y | ones*0x20 // letters in lower case
		l := (f + ones*(0x80-'a')) &^ (f + ones*(0x80-'z'-1)) &^ h & tops
		d := (y + ones*(0x80-'0')) &^ (y + ones*(0x80-'9'-1)) &^ h & tops
		u := l &^ (y << 2) // a capital's 0x20 bit is clear
		gl, gd := gather(l), gather(d)
		word |= (gl | gd) << k
		letter |= gl << k
		digit |= gd << k
		upper |= gather(u) << k
		high |= gather(h) << k
	}
	return word, upper, letter, digit, high
}

// gather returns the top bits of the eight bytes of m, whose other bits
// are clear, as the eight bits of a byte: the first byte's lowest.
func gather(m uint64) uint64 { return (m >> 7) * 0x0102040810204080 >> 56 }

// step reads text from i, where a token or a gap starts, one character
// at a time: it skips a character between tokens, or appends the token
// that starts at i. It returns where it stopped and where the last token
// ends.
func step(text string, i, n, prevEnd int, toks []token) (int, int, []token) {
	c := text[i]
	switch byteKind[c] {
	case 0:
		return i + 1, prevEnd, toks
	case kMulti:
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			return i + size, prevEnd, toks
		}
	}
	// A token starts at i. Count what shape needs: upper-case letters
	// (up to two), and whether there are lower-case letters and digits.
	start := i
	var upper int
	var kinds uint8 // kLower, kUpper, kDigit seen
	var flags uint8
	firstUpper := byteKind[c] == kUpper
	// A character read before lim ends by start+maxToken: the token
	// is cut there at the latest.
	lim := min(n, start+TokenRun)
	for i < lim {
		k := byteKind[text[i]]
		if k == 0 {
			break
		}
		if k != kMulti {
			kinds |= k
			if k == kUpper {
				upper++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		flags |= fNonASCII
		switch {
		case unicode.IsUpper(r):
			upper++
			kinds |= kUpper
			if i == start {
				firstUpper = true
			}
		case unicode.IsLetter(r):
			kinds |= kLower
		case unicode.IsDigit(r):
			kinds |= kDigit
		}
		i += size
	}
	t := token{start: int32(start), n: uint16(i - start)}
	t.shape = tokenShape(kinds&(kLower|kUpper) != 0, upper, kinds&kLower != 0, firstUpper)
	if kinds&kDigit != 0 {
		flags |= fHasDigit
	}
	if kinds&(kLower|kUpper) != 0 {
		flags |= fHasLetter
	}
	if firstUpper {
		flags |= fCapital
	}
	t.flags = flags | gapBefore(text, prevEnd, start)
	return i, i, append(toks, t)
}

// byteKind classifies bytes as tokens read them: the kind of an ASCII
// letter or digit, kMulti for every byte of a character outside ASCII
// (which only the decoder can tell), 0 for the others.
var byteKind = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = kLower, kUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = kDigit
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = kMulti
	}
	return t
}()

const (
	kLower uint8 = 1 << iota
	kUpper
	kDigit
	kMulti // a byte of a character outside ASCII (byteKind)
)

// tokenShape is the shape of a token that holds letters or not, caps
// capitals, lower-case letters or not, and starts with a capital or not.
func tokenShape(letters bool, caps int, lower, firstUpper bool) shape {
	switch {
	case !letters:
		return shapeDigits
	case caps == 0:
		return shapeLower
	case !lower && caps >= 2:
		return shapeUpper
	case !lower: // one capital, maybe with digits: "G0059", "A"
		return shapeTitle
	case firstUpper && caps == 1:
		return shapeTitle
	}
	return shapeMixed
}

// gapBefore is gapFlags for the gap before a token that starts at start,
// after one that ends at prevEnd (-1: none), read off a table for the
// commonest gaps: a gap of one byte here, inlined where it is called,
// the others in gapTable.
func gapBefore(text string, prevEnd, start int) uint8 {
	if prevEnd >= 0 && start == prevEnd+1 {
		return gapOne[text[prevEnd]]
	}
	return gapTable(text, prevEnd, start)
}

// gapTable is gapBefore for gaps other than one byte.
func gapTable(text string, prevEnd, start int) uint8 {
	if prevEnd >= 0 && start == prevEnd+2 && text[prevEnd+1] == ' ' {
		return gapSpaced[text[prevEnd]]
	}
	return gapFlags(text, prevEnd, start)
}

// gapOne and gapSpaced are gapFlags of the commonest gaps, read off a
// table: one byte (" ", "-", "\n"), and one followed by a space (", ",
// ". ", ": ").
var gapOne, gapSpaced = func() (one, spaced [256]uint8) {
	for c := range 256 {
		one[c] = gapFlags(string([]byte{'x', byte(c), 'x'}), 1, 2)
		spaced[c] = gapFlags(string([]byte{'x', byte(c), ' ', 'x'}), 1, 3)
	}
	return one, spaced
}()

// gapFlags classifies the characters between two tokens.
func gapFlags(text string, prevEnd, start int) uint8 {
	if prevEnd < 0 {
		return fSentence
	}
	gap := text[prevEnd:start]
	var f uint8
	switch gap {
	case " ", "-", "_", ".", "\u00a0", "'", "’":
		return fTight
	}
	// Sentence, line and cell breaks; opening quotes. Read from the end,
	// so that whether white space follows a full stop is known when it is
	// met: a gap of a million question marks is one pass, not a million.
	space := false // a space, tab or line break stands after gap[j]
	for j := len(gap) - 1; j >= 0; j-- {
		switch gap[j] {
		case '\n', '\r':
			f |= fSentence
			space = true
		case ' ', '\t':
			space = true
		case '|':
			f |= fSentence
		case ':':
			f |= fSentence | fColon
		case '.', '!', '?':
			if space {
				f |= fSentence
			}
		}
	}
	if len(gap) == 0 {
		return f // a run cut at TokenRun: the next token follows at once
	}
	if last := gap[len(gap)-1]; last < utf8.RuneSelf {
		if isOpenQuote(rune(last)) {
			f |= fAfterQuote
		}
	} else if r, _ := utf8.DecodeLastRuneInString(gap); isOpenQuote(r) {
		f |= fAfterQuote
	}
	return f
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '*', '`', '„', '[':
		return true
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}
