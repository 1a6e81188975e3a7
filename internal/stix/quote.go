package stix

import (
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/swar"
)

// Quoting JSON strings is most of the work of encoding the objects made
// from a report: a report's text, and the sentences its mentions and
// evidence quote, are megabytes. Most of those bytes are printable ASCII,
// which is copied as is: the functions here look at eight bytes at a time
// for the few that need more than a copy, where a byte-by-byte loop (as
// jsontext.AppendQuote's) spends a test and a branch on each.

// escaped returns the high bit of each byte of the word x that quoting
// escapes: a control character, '"' or '\\'. Every such byte has its
// bit; the lowest bit set is always such a byte, and bits above it may
// be set by mistake. (For k up to 0x20, (x-k*swar.Ones)&^x has the high bit
// of the bytes of x below k, and a borrow only spills past a byte that
// is itself below k.)
func escaped(x uint64) uint64 {
	q, bs := x^'"'*swar.Ones, x^'\\'*swar.Ones // a zero byte where x has '"', '\\'
	return ((x-0x20*swar.Ones)&^x | (q-swar.Ones)&^q | (bs-swar.Ones)&^bs) & swar.Highs
}

// appendQuote appends s as a JSON string, exactly as
// jsontext.AppendQuote does with no options: the short escapes for
// '"', '\\', \b, \f, \n, \r and \t, \u00XX for the other control
// characters, U+FFFD for each byte of invalid UTF-8, everything else as
// is.
func appendQuote(b []byte, s string) []byte {
	b = append(slices.Grow(b, len(s)+2), '"')
	i, from := 0, 0 // s[from:i] is yet to be copied
	for i < len(s) {
		if i+8 <= len(s) {
			x := swar.Load(s[i : i+8])
			m := escaped(x) | x&swar.Highs // and the bytes of non-ASCII characters
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8 // the first byte to look at
		}
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b = append(append(b, s[from:i]...), "\ufffd"...)
				from = i + 1
			}
			i += n
			continue
		}
		if quoteExtra[c] != 0 {
			b = appendEscaped(append(b, s[from:i]...), c)
			from = i + 1
		}
		i++
	}
	b = append(b, s[from:]...)
	return append(b, '"')
}

// appendEscaped appends the escape of the ASCII byte c.
func appendEscaped(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, `\b`...)
	case '\f':
		return append(b, `\f`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	}
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
}

// quotedSize returns the length of s quoted as appendQuote quotes it:
// exact for valid UTF-8 (an invalid byte becomes the three bytes of
// U+FFFD, which it counts as one).
func quotedSize(s string) int {
	n := len(s) + 2
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// A byte flagged by mistake is one that quoting copies: it adds
		// nothing.
		for m := escaped(swar.Load(s[i : i+8])); m != 0; m &= m - 1 {
			n += int(quoteExtra[s[i+bits.TrailingZeros64(m)/8]])
		}
	}
	for ; i < len(s); i++ {
		n += int(quoteExtra[s[i]])
	}
	return n
}

// quoteExtra holds the bytes quoting adds for each byte: one for the
// short escapes (\n, \", \\), five for \u00XX.
var quoteExtra = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = 5
	}
	for _, c := range []byte{'"', '\\', '\b', '\f', '\n', '\r', '\t'} {
		t[c] = 1
	}
	return t
}()
