package document

import (
	"math/bits"
	"sort"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/swar"
)

// indexBlock is how many bytes of text one entry of an Index covers.
const indexBlock = 64

// Index converts between byte offsets into a text, which extraction works
// in, and code-point offsets, which STIX evidence and Link use. Building
// it reads the text once and keeps, for each 64 bytes, an int32 (the code
// points before them) and, for valid UTF-8, a 64-bit mask of the bytes
// that start a code point (under 19% of the text's size; nothing for
// pure ASCII). Runes answers in constant time (one population count of a
// mask; on invalid UTF-8, at most 64 bytes scanned) and Bytes in
// O(log n). An Index is immutable and safe for concurrent use. Texts over
// 2 GiB are not supported.
type Index struct {
	text   string
	ascii  bool
	valid  bool     // text is valid UTF-8: every non-start byte continues a rune
	starts []int32  // starts[i]: code points in text[:i*indexBlock]
	masks  []uint64 // for valid text, masks[i] bit k: text[i*indexBlock+k] starts a code point
}

// NewIndex indexes text, which should be valid UTF-8 (Document.Text is);
// each invalid byte counts as one code point, as utf8.RuneCountInString
// counts it.
func NewIndex(text string) *Index {
	ix := &Index{text: text, ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ix.ascii = false
			break
		}
	}
	if ix.ascii {
		return ix
	}
	ix.valid = utf8.ValidString(text)
	ix.starts = make([]int32, len(text)/indexBlock+1)
	if ix.valid {
		// Tens of thousands of evidence offsets are looked up in a long
		// report's text: a mask a block makes each a population count.
		ix.masks = make([]uint64, len(ix.starts))
		n := 0
		for b := range ix.masks {
			ix.starts[b] = int32(n)
			m := startMask(text[b*indexBlock : min((b+1)*indexBlock, len(text))])
			ix.masks[b] = m
			n += bits.OnesCount64(m)
		}
		return ix
	}
	n := 0
	for i := 0; i < len(text); i++ {
		if i%indexBlock == 0 {
			ix.starts[i/indexBlock] = int32(n)
		}
		if c := text[i]; c < utf8.RuneSelf || utf8.RuneStart(c) || !continuesRune(text, i) {
			n++
		}
	}
	return ix
}

// startMask returns, for b of at most 64 bytes, a mask with bit k set
// when b[k] starts a code point: it is not a continuation byte
// (10xxxxxx). Eight bytes are tested at a time (continuations), and the
// bits 7 of the eight bytes are gathered into one byte by a
// multiplication.
func startMask(b string) uint64 {
	var m uint64
	k := 0
	for ; k+8 <= len(b); k += 8 {
		start := ^continuations(swar.Load(b[k:k+8])) & swar.Highs
		m |= ((start >> 7) * 0x0102040810204080 >> 56) << k
	}
	for ; k < len(b); k++ {
		if utf8.RuneStart(b[k]) {
			m |= 1 << k
		}
	}
	return m
}

// continuesRune reports whether the continuation byte at i belongs to a
// valid encoding that started before it, so that counting agrees with
// utf8.RuneCountInString on invalid input.
func continuesRune(text string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-utf8.UTFMax+1; j-- {
		if utf8.RuneStart(text[j]) {
			_, size := utf8.DecodeRuneInString(text[j:])
			return j+size > i
		}
	}
	return false
}

// Runes returns the code-point offset of byte offset off: the number of
// code points that start before it. off is clamped to [0, len(text)]; an
// offset inside a multi-byte character counts that character as before it.
func (ix *Index) Runes(off int) int {
	off = max(0, min(off, len(ix.text)))
	if ix.ascii {
		return off
	}
	b := off / indexBlock
	n := int(ix.starts[b])
	if ix.masks != nil {
		return n + bits.OnesCount64(ix.masks[b]&(1<<(off%indexBlock)-1))
	}
	for i := b * indexBlock; i < off; i++ {
		if c := ix.text[i]; c < utf8.RuneSelf || utf8.RuneStart(c) || !ix.valid && !continuesRune(ix.text, i) {
			n++
		}
	}
	return n
}

// Bytes returns the byte offset of code-point offset n, clamped to
// [0, the text's code points]: the inverse of Runes.
func (ix *Index) Bytes(n int) int {
	if n <= 0 {
		return 0
	}
	if ix.ascii {
		return min(n, len(ix.text))
	}
	// The last block that starts at or before code point n.
	b := sort.Search(len(ix.starts), func(i int) bool { return int(ix.starts[i]) > n }) - 1
	off, k := b*indexBlock, int(ix.starts[b])
	// The block may start inside a character: step to the next start.
	for off < len(ix.text) && off > 0 && !utf8.RuneStart(ix.text[off]) && (ix.valid || continuesRune(ix.text, off)) {
		off++
	}
	for off < len(ix.text) && k < n {
		_, size := utf8.DecodeRuneInString(ix.text[off:])
		off += size
		k++
	}
	return off
}

// Len returns the text's length in code points.
func (ix *Index) Len() int { return ix.Runes(len(ix.text)) }
