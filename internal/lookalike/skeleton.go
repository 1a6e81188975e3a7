package lookalike

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
)

// maxRunes bounds the skeleton of one label. A DNS label is at most 63
// octets; a few confusables map to two or three characters ("m" to "rn"),
// so 160 leaves room. Longer skeletons are compared whole (homoglyphs,
// added words) but not by edit distance.
const maxRunes = 160

// asciiProto is the prototype of each ASCII byte: what it is confusable
// with after lower-casing. Only three differ from themselves: '0' is 'o',
// '1' is 'l' and 'm' is "rn" (Unicode confusables.txt, UTS #39).
var asciiProto [128]string

func init() {
	for b := 0; b < 128; b++ {
		asciiProto[b] = protoOf(rune(b))
	}
}

// protoCache memoises protoOf for non-ASCII runes, which need NFD and a
// confusables look-up each; a few thousand distinct runes at most.
var protoCache sync.Map // rune -> string

// proto returns the prototype of r: its skeleton as UTS #39 defines it
// (github.com/mtibben/confusables, built from the Unicode 13.0
// confusables.txt), lower-cased, with combining marks removed, so that
// Cyrillic 'а', Greek 'ο', fullwidth 'ａ', 'ä' and 'á' fold to 'a' or 'o'.
// Removing marks goes beyond UTS #39: an accent is a one-pixel difference
// in a browser's address bar, and IDN registrations use it as a homograph.
func proto(r rune) string {
	if r < utf8.RuneSelf {
		return asciiProto[r]
	}
	if p, ok := protoCache.Load(r); ok {
		return p.(string)
	}
	p := protoOf(r)
	protoCache.Store(r, p)
	return p
}

func protoOf(r rune) string {
	s := confusables.Skeleton(string(unicode.ToLower(r)))
	var b strings.Builder
	for _, c := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if c < utf8.RuneSelf && asciiProtoReady() {
			b.WriteString(asciiProto[c])
			continue
		}
		b.WriteRune(c)
	}
	if b.Len() == 0 {
		// A lone combining mark: keep it, so that it counts as a
		// character and not as nothing.
		return string(r)
	}
	return b.String()
}

// asciiProtoReady tells whether init has filled asciiProto, so that a
// prototype that lower-cases into 'm' (U+216F ROMAN NUMERAL ONE THOUSAND)
// folds further to "rn" like 'm' itself.
func asciiProtoReady() bool { return asciiProto['z'] != "" }

// skeleton is the folded form of one label with, for every rune of the
// skeleton, the index of the rune of the label it came from. It lives on
// the caller's stack: bytes are kept as a length, not a slice into buf,
// which would send the whole struct to the heap.
type skeleton struct {
	runes [maxRunes]rune
	from  [maxRunes]uint8
	n     int
	buf   [4 * maxRunes]byte
	nb    int
	// long is set when the skeleton has more than maxRunes runes or
	// len(buf) bytes: runes, from and buf then hold its start only.
	long bool
}

// bytes returns the skeleton in UTF-8, for map look-ups; only the start
// when long is set.
func (sk *skeleton) bytes() []byte { return sk.buf[:sk.nb] }

// fold computes the skeleton of label (lower case already) into sk.
func (sk *skeleton) fold(label string) {
	sk.n, sk.nb, sk.long = 0, 0, false
	i := 0
	for _, r := range label {
		p := proto(r)
		if sk.nb+len(p) > len(sk.buf) {
			sk.long = true
			return
		}
		sk.nb += copy(sk.buf[sk.nb:], p)
		for _, c := range p {
			if sk.n == maxRunes {
				sk.long = true
				return
			}
			sk.runes[sk.n] = c
			sk.from[sk.n] = uint8(min(i, 255))
			sk.n++
		}
		i++
	}
}

// foldString returns the skeleton of s as a string; for building the
// matcher, not for the hot path.
func foldString(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(proto(r))
	}
	return b.String()
}

// homoglyphReason explains how seen (a label) and prot (a protected label)
// with the same skeleton differ: "Cyrillic 'а' (U+0430) for Latin 'a'",
// "'rn' for 'm'". It aligns the two on the boundaries their skeletons
// share: between two shared boundaries, the runes that differ are one
// substitution.
func homoglyphReason(seen, prot string) string {
	sr, pr := []rune(seen), []rune(prot)
	var parts []string
	i, j := 0, 0 // next rune of seen, of prot
	for i < len(sr) || j < len(pr) {
		// Grow the two segments until their skeletons are equal.
		si, pj := i, j
		var ss, ps string
		for {
			switch {
			case len(ss) <= len(ps) && si < len(sr):
				ss += proto(sr[si])
				si++
			case pj < len(pr):
				ps += proto(pr[pj])
				pj++
			case si < len(sr):
				ss += proto(sr[si])
				si++
			}
			if ss == ps || (si == len(sr) && pj == len(pr)) {
				break
			}
		}
		if a, b := string(sr[i:si]), string(pr[j:pj]); a != b {
			parts = append(parts, describe(sr[i:si], pr[j:pj]))
		}
		i, j = si, pj
	}
	return joinCounted(parts)
}

// joinCounted joins reasons, saying "twice" or "N times" for repeats
// instead of repeating them, in order of first appearance.
func joinCounted(parts []string) string {
	var out []string
	count := map[string]int{}
	for _, p := range parts {
		if count[p] == 0 {
			out = append(out, p)
		}
		count[p]++
	}
	for i, p := range out {
		switch n := count[p]; {
		case n == 2:
			out[i] = p + " (twice)"
		case n > 2:
			out[i] = fmt.Sprintf("%s (%d times)", p, n)
		}
	}
	return strings.Join(out, ", ")
}

// describe says "seen for prot" for one aligned substitution.
func describe(seen, prot []rune) string {
	nonASCII := false
	for _, r := range seen {
		if r >= utf8.RuneSelf {
			nonASCII = true
		}
	}
	return runesName(seen, nonASCII) + " for " + runesName(prot, nonASCII)
}

// runesName names a run of characters: "digit '0'", "'rn'", or, where
// scripts matter, "Cyrillic 'а' (U+0430)" and "Latin 'a'".
func runesName(rs []rune, scripts bool) string {
	if len(rs) != 1 {
		return fmt.Sprintf("'%s'", string(rs))
	}
	r := rs[0]
	switch {
	case r >= '0' && r <= '9':
		return fmt.Sprintf("digit '%c'", r)
	case r < utf8.RuneSelf && !scripts:
		return fmt.Sprintf("'%c'", r)
	case r < utf8.RuneSelf:
		return fmt.Sprintf("%s '%c'", scriptName(r), r)
	}
	return fmt.Sprintf("%s '%c' (U+%04X)", scriptName(r), r, r)
}

// commonScripts are tried first, in this order, so that names are stable
// and the usual ones cost little.
var commonScripts = []string{"Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Cherokee", "Coptic", "Hebrew", "Arabic", "Lisu", "Canadian_Aboriginal"}

var otherScripts = sync.OnceValue(func() []string {
	var names []string
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
})

// scriptName names the Unicode script of r; "symbol" for the Common and
// Inherited scripts (fullwidth letters, mathematical alphanumerics, marks).
func scriptName(r rune) string {
	for _, name := range commonScripts {
		if unicode.Is(unicode.Scripts[name], r) {
			return strings.ReplaceAll(name, "_", " ")
		}
	}
	for _, name := range otherScripts() {
		if name == "Common" || name == "Inherited" {
			continue
		}
		if unicode.Is(unicode.Scripts[name], r) {
			return strings.ReplaceAll(name, "_", " ")
		}
	}
	return "symbol"
}

// mixedScripts names the scripts of the letters of a label when there is
// more than one ("Latin and Cyrillic"), or returns "".
func mixedScripts(label string) string {
	var seen []string
	for _, r := range label {
		if !unicode.IsLetter(r) {
			continue
		}
		s := scriptName(r)
		if s == "symbol" {
			continue
		}
		found := false
		for _, x := range seen {
			found = found || x == s
		}
		if !found {
			seen = append(seen, s)
		}
	}
	if len(seen) < 2 {
		return ""
	}
	return strings.Join(seen, " and ")
}
