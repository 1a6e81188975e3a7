package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range of a text.
type Span struct{ Start, End int }

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "adm": true, "sen": true, "rep": true, "gov": true, "pres": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "llc": true, "plc": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "nos": true, "vs": true, "etc": true, "e.g": true, "i.e": true, "cf": true, "al": true, "approx": true, "fig": true, "vol": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "d.c": true,
}

// Sentences splits text into sentences: at blank lines, at line breaks
// before list items, table rows and headings, after a line that is one
// long word (a URL, a hash, a path: the lists of indicators reports
// append, whose every line is then quoted alone, not with its
// neighbours) or a rule ("----"), and after ., ! or ? (and any
// closing quotes or brackets) followed by white space and a capital letter,
// digit, quote or bracket, except after an abbreviation or an initial.
// Periods inside words (domains, versions, defanged "[.]") never split.
// Leading and trailing white space is left out of each span.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	lineStart := 0 // where the line i is in starts
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, Span{s, e})
		}
	}
	marks := newMarkFinder(text)
	i := 0
	for i < len(text) {
		if i-start >= MaxSentence {
			// Text with no sentence ends (a dump, a minified page) is cut
			// at the last space, or at a character boundary, so that no
			// quote grows with the size of the input.
			cut := strings.LastIndexAny(text[start+MaxSentence/2:i], " \t\n")
			if cut >= 0 {
				cut += start + MaxSentence/2
			} else {
				cut = i
				for cut > start && !utf8.RuneStart(text[cut]) {
					cut--
				}
			}
			emit(cut)
			start = cut
		}
		c := text[i]
		if !sentenceMark[c] {
			// Most bytes end nothing: skip to the next that may, no
			// further than where the sentence is cut.
			i = min(marks.from(i+1), len(text), start+MaxSentence)
			continue
		}
		switch {
		case c == '\n':
			// A blank line, or a line that starts a list item, table row
			// or heading, ends the sentence; so does every row of a table
			// rendered as "cell | cell" lines.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			last := text[max(start, lineStart):i] // the sentence's part of the line that ends here
			if j >= len(text) || text[j] == '\n' || startsBlock(text[j:]) || endsLine(text[start:i]) ||
				tokenLine(last) || tableRow(last) || tableRow(lineAt(text[j:])) ||
				start == lineStart && opensSentence(text[j:]) && titleLine(last) {
				emit(i)
				start = i + 1
			}
			i++
			lineStart = i
		case c == '.' || c == '!' || c == '?':
			j := i + 1
			for j < len(text) && strings.IndexByte(closingMarks, text[j]) >= 0 || (j < len(text) && text[j] >= 0x80 && closer(text[j:])) {
				_, n := utf8.DecodeRuneInString(text[j:])
				j += n
			}
			if j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') && c == '.' && isAbbreviation(text, i) {
				i = j
				continue
			}
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
				k++
			}
			if k > j && k < len(text) && opensSentence(text[k:]) {
				emit(j)
				start = k
				i = k
				continue
			}
			i = j
		}
	}
	emit(len(text))
	return out
}

// markFinder finds the next of sentenceMarks from a place on, one
// byteFinder a mark: read a byte at a time, the bytes between marks were
// 30 of the 50 million instructions of Sentences on the bench report.
type markFinder [len(sentenceMarks)]byteFinder

func newMarkFinder(text string) markFinder {
	var m markFinder
	for k := range m {
		m[k] = newByteFinder(text, sentenceMarks[k])
	}
	return m
}

// sentenceMarks are the bytes of sentenceMark.
const sentenceMarks = "\n.!?"

// from returns the place of the first mark at i or after, the text's
// length when there is none. i may only grow from call to call.
func (m *markFinder) from(i int) int {
	first := m[0].from(i)
	for k := 1; k < len(m); k++ {
		first = min(first, m[k].from(i))
	}
	return first
}

// byteFinder finds the next place of one byte in a text, from places
// that only grow: looked for with strings.IndexByte (which reads many
// bytes at a time), and kept until it is passed.
type byteFinder struct {
	text string
	c    byte
	at   int // the place of c at or after the place last asked from; len(text) for none; -1 before the first
}

func newByteFinder(text string, c byte) byteFinder { return byteFinder{text: text, c: c, at: -1} }

// from returns the place of c at i or after, len(text) when there is
// none. Small enough to be inlined: most calls find the place kept.
func (f *byteFinder) from(i int) int {
	if f.at < i {
		f.find(i)
	}
	return f.at
}

// find looks for c from i on.
func (f *byteFinder) find(i int) {
	if j := strings.IndexByte(f.text[i:], f.c); j >= 0 {
		f.at = i + j
	} else {
		f.at = len(f.text)
	}
}

// sentenceMark marks the bytes Sentences looks at: line ends and the
// punctuation that ends a sentence.
var sentenceMark = func() (t [256]bool) {
	for _, c := range sentenceMarks {
		t[c] = true
	}
	return t
}()

// MaxSentence is the most bytes a sentence holds: past it, the text is
// cut into pieces of at most this size.
const MaxSentence = 2000

// tableRow reports whether a line is a table row: cells joined by " | "
// (as the document readers render a table), by tabs, or by commas with no
// space after them, as in the CSV lists of indicators vendors publish
// ("rosejob.com,hostname,Domain used in UTA0307 phishing"). Prose puts a
// space after its commas.
func tableRow(line string) bool {
	if strings.Contains(line, " | ") || strings.Count(line, "\t") >= 1 && strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "\t") {
		return true
	}
	tight := 0
	for i := strings.IndexByte(line, ','); i >= 0 && i+1 < len(line); i = strings.IndexByte(line[i+1:], ',') + i + 1 {
		if c := line[i+1]; c != ' ' && !(c >= '0' && c <= '9' && i > 0 && line[i-1] >= '0' && line[i-1] <= '9') {
			tight++ // not "1,000": a digit group
		}
		if strings.IndexByte(line[i+1:], ',') < 0 {
			break
		}
	}
	return tight >= 2
}

// tokenLine reports whether a line is one word of six bytes or more
// and nothing else (an indicator on a line of its own, not a line of
// prose, which has spaces), or a rule: three or more of one mark, as
// AsciiDoc and plain text draw around listings ("----", "====").
func tokenLine(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) >= 3 && strings.IndexByte("-=*_~+#.", line[0]) >= 0 && strings.Count(line, line[:1]) == len(line) {
		return true
	}
	return len(line) >= 6 && !strings.ContainsAny(line, " \t") && !strings.Contains(line, "\u00a0")
}

func lineAt(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// closingMarks are the quotes and brackets that may close a sentence
// after its mark.
const closingMarks = `"')]’”»`

func closer(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '’' || r == '”' || r == '»'
}

// endsLine reports whether a line of a paragraph ends its sentence: it
// ends with terminal punctuation or a colon, or is a short line on its own
// (a title, a list entry without a marker, a cell).
func endsLine(line string) bool {
	line = strings.TrimRight(line, " \t\r")
	if line == "" {
		return true
	}
	// Closing quotes and brackets after the mark end it with it: a
	// quotation that ends its line ('... all forms of cyberattacks."').
	if t := strings.TrimRight(line, closingMarks); t != "" && len(t) < len(line) {
		line = t
	}
	switch line[len(line)-1] { // the last line's last character (a blank line before it would have ended the sentence)
	case '.', '!', '?', ':', ';':
		return true
	}
	return false
}

// titleLine reports whether a line that holds a sentence's start and
// nothing before it is a title or a dateline, which ends there when the
// next line opens a sentence ("Malware Masquerades as Privacy Tool" /
// "July 01, 2021" / "Key Findings"): two to sixteen words, each
// capitalised or a number but for the short words titles leave in
// lower case, and no terminal punctuation (endsLine's). A line of
// wrapped prose that starts a sentence has words in lower case.
func titleLine(line string) bool {
	line = strings.TrimSpace(line)
	if len(line) > 160 {
		return false
	}
	words := 0
	for w := range strings.FieldsSeq(line) {
		words++
		if words > 16 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "\"'(“‘"))
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && (words == 1 || !titleSmallWords[strings.ToLower(w)]) {
			return false
		}
	}
	return words >= 2
}

// titleSmallWords stay in lower case in titles.
var titleSmallWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true,
	"on": true, "at": true, "to": true, "for": true, "with": true, "by": true, "from": true, "as": true, "vs": true, "via": true,
	"into": true, "over": true, "per": true, "is": true, "are": true}

// startsBlock reports whether a line starts a list item, table row or
// heading.
func startsBlock(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '-', '*', '+', '|', '#', '>':
		return len(s) > 1 && (s[1] == ' ' || s[0] == '|' || s[0] == '#')
	}
	if strings.HasPrefix(s, "•") || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "—") {
		return true
	}
	// "1. " and "1) "
	j := 0
	for j < len(s) && j < 4 && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return j > 0 && j+1 < len(s) && (s[j] == '.' || s[j] == ')') && s[j+1] == ' '
}

// opensSentence reports whether s (after white space) can begin a new
// sentence.
func opensSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘«([`, r)
}

// isAbbreviation reports whether the period at i ends an abbreviation or
// an initial ("U.S.", "Dr.", "J.").
func isAbbreviation(text string, i int) bool {
	j := i
	for j > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	word := strings.ToLower(strings.TrimSuffix(text[j:i], "."))
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	// A single letter: an initial; but X after a list or a preposition is
	// the platform ("Telegram, TikTok, Facebook, Instagram, and X. On our
	// platform, ...", "posted on X. The").
	if word == "x" && platformX(text[:j]) {
		return false
	}
	return utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(text[j:i])[0])
}

// platformX reports whether the text before a lone "X" makes it the name
// of the platform: a comma, or one of the words that stand before a
// platform's name.
func platformX(before string) bool {
	before = strings.TrimRight(before, " ")
	if strings.HasSuffix(before, ",") {
		return true
	}
	k := strings.LastIndexAny(before, " \n\t")
	switch strings.ToLower(before[k+1:]) {
	case "and", "or", "on", "to", "from", "via", "including", "with", "across":
		return true
	}
	return false
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// sentenceAt returns the index of the sentence that contains byte offset
// off, or -1. sents must be sorted.
func sentenceAt(sents []Span, off int) int {
	lo, hi := 0, len(sents)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < sents[m].Start:
			hi = m
		case off >= sents[m].End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// SentenceAt returns the sentence of f's text that holds byte offset
// off, and false when none does (a heading's or a table's words between
// sentences).
func (f *Findings) SentenceAt(off int) (Span, bool) {
	if i := sentenceAt(f.Sentences, off); i >= 0 {
		return f.Sentences[i], true
	}
	return Span{}, false
}

// sentenceIndex is sentenceAt for the many look-ups of one text (a
// quote for each mention): a table by byte offset bounds the search to
// the few sentences near the offset, where the binary search over all
// of a long report's took 16 steps, each a cache miss (7 ms of
// bench/extract.sh's 5.6 MB report).
type sentenceIndex struct {
	sents []Span
	first []int32 // first[k]: the first sentence that ends past byte k<<sentenceBucketBits
}

// sentenceBucketBits sets the table's step: 256 bytes, two or three
// sentences of prose.
const sentenceBucketBits = 8

// newSentenceIndex indexes sents, which must be sorted and apart.
func newSentenceIndex(sents []Span) sentenceIndex {
	x := sentenceIndex{sents: sents}
	if len(sents) == 0 {
		return x
	}
	x.first = make([]int32, sents[len(sents)-1].End>>sentenceBucketBits+2)
	j := 0
	for k := range x.first {
		for j < len(sents) && sents[j].End <= k<<sentenceBucketBits {
			j++
		}
		x.first[k] = int32(j)
	}
	return x
}

// at is sentenceAt(x.sents, off). The sentence holding off ends past the
// start of off's step and starts before the next step's start, so it
// lies between the first sentences ending past either.
func (x sentenceIndex) at(off int) int {
	k := off >> sentenceBucketBits
	if off < 0 || k+1 >= len(x.first) {
		return sentenceAt(x.sents, off) // past the last sentence (or no sentences): none
	}
	lo, hi := int(x.first[k]), min(int(x.first[k+1])+1, len(x.sents))
	if i := sentenceAt(x.sents[lo:hi], off); i >= 0 {
		return lo + i
	}
	return -1
}
