package names

import (
	"unicode"
	"unicode/utf8"
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

// token is a maximal run of letters, digits and combining marks; names are
// matched over whole tokens, so every match starts and ends at a word
// boundary.
type token struct {
	start, end int32
	shape      shape
	flags      uint8
}

func (t token) is(f uint8) bool { return t.flags&f != 0 }

// tokenize splits text into tokens. It allocates one slice, sized from
// the text's length.
func tokenize(text string, toks []token) []token {
	// A token and its gap take six bytes or more in prose: room for them
	// all at once spares the copies of a growing slice.
	if want := len(text)/5 + 16; cap(toks) < want {
		toks = make([]token, 0, want)
	}
	toks = toks[:0]
	prevEnd := -1
	i := 0
	n := len(text)
	for i < n {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiKind[c] == 0 {
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				i += size
				continue
			}
		}
		// A token starts at i. Count what shape needs: upper-case letters
		// (up to two), and whether there are lower-case letters and digits.
		start := i
		var upper int
		var kinds uint8 // kLower, kUpper, kDigit seen
		var flags uint8
		firstUpper := false
		if c < utf8.RuneSelf {
			firstUpper = asciiKind[c] == kUpper
		}
		for i < n {
			c := text[i]
			if c < utf8.RuneSelf {
				k := asciiKind[c]
				if k == 0 {
					break
				}
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
		t := token{start: int32(start), end: int32(i)}
		switch {
		case kinds&(kLower|kUpper) == 0:
			t.shape = shapeDigits
		case upper == 0:
			t.shape = shapeLower
		case kinds&kLower == 0 && upper >= 2:
			t.shape = shapeUpper
		case kinds&kLower == 0: // one upper-case letter, maybe with digits: "G0059", "A"
			t.shape = shapeTitle
		case firstUpper && upper == 1:
			t.shape = shapeTitle
		default:
			t.shape = shapeMixed
		}
		if kinds&kDigit != 0 {
			flags |= fHasDigit
		}
		if kinds&(kLower|kUpper) != 0 {
			flags |= fHasLetter
		}
		if firstUpper {
			flags |= fCapital
		}
		flags |= gapFlags(text, prevEnd, start)
		t.flags = flags
		toks = append(toks, t)
		prevEnd = i
	}
	return toks
}

// asciiKind classifies the ASCII bytes that tokens hold; 0 for the others.
var asciiKind = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = kLower, kUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = kDigit
	}
	return t
}()

const (
	kLower uint8 = 1 << iota
	kUpper
	kDigit
)

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
	// Sentence, line and cell breaks; opening quotes.
	for j := 0; j < len(gap); j++ {
		switch gap[j] {
		case '\n', '\r', '|':
			f |= fSentence
		case ':':
			f |= fSentence | fColon
		case '.', '!', '?':
			for k := j + 1; k < len(gap); k++ {
				if c := gap[k]; c == ' ' || c == '\n' || c == '\r' || c == '\t' {
					f |= fSentence
					break
				}
			}
		}
	}
	if last, _ := utf8.DecodeLastRuneInString(gap); isOpenQuote(last) {
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
