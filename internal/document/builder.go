package document

import (
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/dossier-cti/dossier/internal/swar"
)

// builder accumulates a Document's text. Every format writes through it,
// so the Text invariants hold in one place: valid UTF-8 (an invalid byte
// becomes U+FFFD and is counted), \n line ends, no control characters but
// \n and \t (others are dropped and counted), paragraphs separated by one
// blank line, no blank lines at the start or the end, and at most max
// bytes (the cut falls on a character boundary and is remembered).
//
// Breaks and spaces are kept pending until text follows them, so that the
// structure of one format (a closing </p> followed by an opening <p>)
// never yields doubled blank lines or trailing white space. Links are
// opened and closed around anchor text; their spans are in code points.
type builder struct {
	b       []byte
	runes   int // code points in b
	max     int // byte limit
	cut     bool
	invalid int // invalid UTF-8 bytes replaced with U+FFFD
	dropped int // control characters dropped

	brk    int  // pending break: 0 none, 1 new line, 2 blank line
	space  bool // a pending space (collapsed white space)
	nl     int  // how many \n end b (0, 1, 2)
	lastCR bool // the last verbatim write ended with \r

	marker string // written before the next text, after the breaks (a list item's "- ")

	links  []Link
	open   []int // indexes in links of links whose start is not yet known (-1 start)
	active []int // indexes in links of links not yet closed, innermost last
}

// newBuilder returns a builder keeping at most max bytes of text.
func newBuilder(max int) *builder {
	return &builder{max: max}
}

// String returns the text so far, without trailing white space lines.
func (w *builder) String() string {
	return string(w.trimmed())
}

func (w *builder) trimmed() []byte {
	b := w.b
	for len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	return b
}

// Len is the text's length in bytes.
func (w *builder) Len() int { return len(w.b) }

// full reports whether the byte limit has been reached.
func (w *builder) full() bool { return w.cut }

// lineBreak asks for a new line before the next text.
func (w *builder) lineBreak() {
	if w.brk < 1 {
		w.brk = 1
	}
	w.space = false
}

// paragraph asks for a blank line before the next text.
func (w *builder) paragraph() {
	w.brk = 2
	w.space = false
}

// spaceBreak asks for a space before the next text unless a line starts there.
func (w *builder) spaceBreak() {
	w.space = true
}

// flush writes the pending breaks and space before text.
func (w *builder) flush() {
	switch {
	case len(w.b) == 0:
	case w.brk > 0:
		for w.nl < w.brk {
			w.raw("\n")
			w.nl++
		}
	case w.space && w.nl == 0 && w.marker == "":
		w.raw(" ")
	}
	w.brk, w.space = 0, false
	if w.marker != "" {
		w.raw(w.marker)
		w.marker = ""
		w.nl = 0
	}
}

// item starts a list item: a new line, and marker (such as "- ") before
// its text.
func (w *builder) item(marker string) {
	w.lineBreak()
	w.marker = marker
}

// startText is called before the first character of text is written: it
// flushes pending breaks and fixes the start of opened links.
func (w *builder) startText() {
	w.flush()
	if len(w.open) > 0 {
		for _, i := range w.open {
			l := &w.links[i]
			l.Start, l.End = w.runes, w.runes
			l.ByteStart, l.ByteEnd = len(w.b), len(w.b)
		}
		w.open = w.open[:0]
	}
}

// raw appends s, known to be clean UTF-8, within the limit.
func (w *builder) raw(s string) { w.rawRunes(s, -1) }

// rawRunes is raw for s of n code points, or of a number not known when
// n < 0.
func (w *builder) rawRunes(s string, n int) {
	if w.cut {
		return
	}
	if len(w.b)+len(s) > w.max {
		k := w.max - len(w.b)
		for k > 0 && !utf8.RuneStart(s[k]) {
			k--
		}
		s = s[:k]
		w.cut = true
		n = -1
	}
	w.b = append(w.b, s...)
	if n < 0 {
		n = runeStarts(s)
	}
	w.runes += n
}

// printable8 reports whether the eight bytes of x (swar.Load) are all
// printable ASCII, 0x20 to 0x7e: none has its high bit set, none is
// under 0x20 (subtracting 0x20 from it borrows), none is 0x7f (x^0x7f
// has a zero byte there).
func printable8(x uint64) bool {
	y := x ^ 0x7f*swar.Ones
	return (x|(x-0x20*swar.Ones)&^x|(y-swar.Ones)&^y)&swar.Highs == 0
}

// continuations returns the high bit of each of the eight bytes of x
// that continues a code point (10xxxxxx): its high bit set and the next
// one clear (x<<1 brings each byte's bit 6 to its bit 7).
func continuations(x uint64) uint64 { return x &^ (x << 1) & swar.Highs }

// runeStarts counts the bytes of s that start a code point: all but the
// continuation bytes (10xxxxxx), counted eight at a time. The text of a
// document passes through here whole.
func runeStarts(s string) int {
	cont, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		cont += bits.OnesCount64(continuations(swar.Load(s[i : i+8])))
	}
	for ; i < len(s); i++ {
		if !utf8.RuneStart(s[i]) {
			cont++
		}
	}
	return len(s) - cont
}

// text writes inline text with white space collapsed as HTML does: runs
// of spaces, tabs and line ends become one space, none at a line's start.
func (w *builder) text(s string) {
	for len(s) > 0 && !w.cut {
		// Leading white space.
		i := 0
		for i < len(s) && isCollapsible(s[i]) {
			i++
		}
		if i > 0 {
			w.space = true
			s = s[i:]
			continue
		}
		j := 0
		for j < len(s) && !isCollapsible(s[j]) {
			j++
		}
		w.clean(s[:j], false)
		s = s[j:]
	}
}

// verbatim writes text as it is, line ends normalised: \r\n and \r become
// \n. Pending breaks are written first.
func (w *builder) verbatim(s string) {
	if s == "" {
		return
	}
	if w.lastCR && s[0] == '\n' {
		s = s[1:]
	}
	w.lastCR = false
	if s == "" {
		return
	}
	if s[len(s)-1] == '\r' {
		w.lastCR = true
	}
	w.clean(s, true)
}

// verbatimNewline is verbatim("\n") without going through clean: code
// blocks write one between every two lines.
func (w *builder) verbatimNewline() {
	if w.lastCR {
		w.lastCR = false // the \n of a \r\n split between two writes
		return
	}
	if !w.cut {
		w.newline(true)
	}
}

// isCollapsible reports the ASCII white space that HTML collapses.
func isCollapsible(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// clean writes s after startText, replacing invalid UTF-8 with U+FFFD,
// dropping control characters but \t and (when lines is set) line ends,
// and turning \r\n, \r, \f, \v, NEL and the Unicode line and paragraph
// separators into \n. Outside lines mode those become a space.
func (w *builder) clean(s string, lines bool) {
	if s == "" || w.cut {
		return
	}
	started := false
	start := func() {
		if !started {
			w.startText()
			started = true
		}
	}
	i, run := 0, 0 // s[run:i] is clean and not yet written
	cont := 0      // continuation bytes in s[run:i]: it has i-run-cont code points
	emit := func() {
		if run < i {
			start()
			w.rawRunes(s[run:i], i-run-cont)
			w.nl = 0
		}
		cont = 0
	}
	for i < len(s) {
		// Most text is printable ASCII: eight bytes at a time.
		for i+8 <= len(s) && printable8(swar.Load(s[i:])) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				emit()
				start()
				w.raw("\uFFFD")
				w.nl = 0
				w.invalid++
				i++
				run = i
				continue
			case r >= 0x80 && r <= 0x9f && r != 0x85:
				emit()
				w.dropped++
				i += size
				run = i
				continue
			case r == 0x85 || r == 0x2028 || r == 0x2029:
				emit()
				w.newline(lines)
				i += size
				run = i
				continue
			}
			i += size
			cont += size - 1
			continue
		}
		// An ASCII control character.
		emit()
		switch c {
		case '\r':
			w.newline(lines)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n', '\f', '\v':
			w.newline(lines)
		default:
			w.dropped++
		}
		i++
		run = i
	}
	emit()
}

// newline writes a line end in verbatim text, or a space in inline text.
func (w *builder) newline(lines bool) {
	if !lines {
		w.space = true
		return
	}
	w.startText()
	if len(w.b) == 0 {
		return // no blank lines at the start
	}
	w.raw("\n")
	if w.nl < 2 {
		w.nl++
	}
}

// sep writes a cell separator: " |" then a pending space, so that cells
// read "a | b" and an empty cell "a | | c".
func (w *builder) sep() {
	w.space = false
	w.startText()
	w.raw(" |")
	w.nl = 0
	w.space = true
}

// tab writes a tab after pending breaks (a wide gap in a PDF's line).
func (w *builder) tab() {
	w.space = false
	w.startText()
	w.raw("\t")
	w.nl = 0
}

// startLink opens a link to url; its anchor starts at the next text.
func (w *builder) startLink(url string) int {
	w.links = append(w.links, Link{URL: url, Start: -1, End: -1})
	i := len(w.links) - 1
	w.open = append(w.open, i)
	w.active = append(w.active, i)
	return i
}

// closeLink closes the innermost link still open, if any (an </a>).
func (w *builder) closeLink() {
	if k := len(w.active); k > 0 {
		w.endLink(w.active[k-1])
	}
}

// endLink closes the link that startLink returned i for: its anchor ends
// at the last text written. A link with no text gets an empty span where
// the next text would start.
func (w *builder) endLink(i int) {
	for k := len(w.active) - 1; k >= 0; k-- {
		if w.active[k] == i {
			w.active = append(w.active[:k], w.active[k+1:]...)
			break
		}
	}
	l := &w.links[i]
	if l.Start < 0 {
		for k, j := range w.open {
			if j == i {
				w.open = append(w.open[:k], w.open[k+1:]...)
				break
			}
		}
		l.Start, l.End = w.runes, w.runes
		l.ByteStart, l.ByteEnd = len(w.b), len(w.b)
		return
	}
	l.End, l.ByteEnd = w.runes, len(w.b)
}

// lastLinkText returns the anchor text of link i, once it is closed.
func (w *builder) linkText(i int) string {
	l := w.links[i]
	if l.End <= l.Start {
		return ""
	}
	// Walk back from the end: anchors are short and near the end of b.
	end := len(w.b)
	for n := w.runes; n > l.End; n-- {
		_, size := utf8.DecodeLastRune(w.b[:end])
		end -= size
	}
	start := end
	for n := l.End; n > l.Start; n-- {
		_, size := utf8.DecodeLastRune(w.b[:start])
		start -= size
	}
	return string(w.b[start:end])
}

// finish returns the text and links, and appends to warnings what the
// builder had to change or cut.
func (w *builder) finish(warnings []string) (string, []Link, []string) {
	// The builder is done with: when its room was about the text's (a
	// Markdown report's is sized at once), its bytes become the text as
	// they are, not copied (megabytes for a long report), and w lets go
	// of them; room grown by doubling is not kept for the text's sake.
	b := w.trimmed()
	var text string
	if cap(w.b)-len(b) <= len(b)/8+4096 {
		text = unsafe.String(unsafe.SliceData(b), len(b))
	} else {
		text = string(b)
	}
	// The text's length in code points: w counted those it wrote, and
	// trimmed dropped only line ends. (Counting them again is a pass over
	// megabytes.)
	n := w.runes - (len(w.b) - len(b))
	w.b = nil
	links := w.links[:0:0]
	for _, l := range w.links {
		if l.Start < 0 {
			l.Start, l.End = n, n
			l.ByteStart, l.ByteEnd = len(b), len(b)
		}
		// Only line ends were trimmed, a byte and a code point each.
		l.Start, l.End = min(l.Start, n), min(l.End, n)
		l.ByteStart, l.ByteEnd = min(l.ByteStart, len(b)), min(l.ByteEnd, len(b))
		links = append(links, l)
	}
	if w.invalid > 0 {
		warnings = append(warnings, fmt.Sprintf("%s of invalid UTF-8 replaced with U+FFFD", plural(w.invalid, "byte", "bytes")))
	}
	if w.dropped > 0 {
		warnings = append(warnings, fmt.Sprintf("%s removed", plural(w.dropped, "control character", "control characters")))
	}
	if w.cut {
		warnings = append(warnings, fmt.Sprintf("the text was cut at %s (the limit on extracted text); the rest of the document is not in it", sizeText(int64(w.max))))
	}
	return text, links, warnings
}

// trimSpace is strings.TrimSpace, kept close for the formats' metadata.
func trimSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
