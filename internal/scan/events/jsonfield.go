package events

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/swar"
)

// MaxDepth is how deeply objects and arrays may nest in one JSON line.
const MaxDepth = 64

// SyntaxError is a JSON line that is not one valid JSON object. Offset is
// the byte offset in the line where the problem was found.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("byte %d: %s", e.Offset, e.Msg) }

// Paths is a set of wanted dotted paths into JSON objects ("query",
// "dns.rrname", "id.orig_h"). A path names members through nested
// objects, arrays being transparent: "dns.queries.rrname" reaches the
// rrname of every object in the queries array. A member whose own name
// holds dots (Zeek's "id.orig_h") is reached by the same path as the
// nested form, so both spellings of a field are found.
type Paths struct {
	// byLen holds every wanted path and every prefix of one (the path of
	// an object that can hold a wanted path), bucketed by length: a
	// member name is compared with the few of its length, which is
	// cheaper than hashing it.
	byLen [maxPathLen + 1][]pathEntry
	// first has, per length, a bit for each first byte of a path (or
	// prefix) of that length: most member names of a line are wanted by
	// no path, and are turned away by one test.
	first [maxPathLen + 1][4]uint64
	last  [maxPathLen + 1][4]uint64 // and of each last byte
}

// maxPathLen is the longest path looked up; longer member paths are
// never wanted.
const maxPathLen = 128

type pathEntry struct {
	s      string
	field  int  // -1 when the path is only a prefix
	prefix bool // objects at this path can hold wanted paths
}

// NewPaths returns the set of paths; Extract reports the i-th path as
// field i. Paths longer than 128 bytes are never found.
func NewPaths(paths []string) *Paths {
	p := &Paths{}
	find := func(s string) *pathEntry {
		for i := range p.byLen[len(s)] {
			if p.byLen[len(s)][i].s == s {
				return &p.byLen[len(s)][i]
			}
		}
		p.byLen[len(s)] = append(p.byLen[len(s)], pathEntry{s: s, field: -1})
		if s != "" {
			f, l := s[0], s[len(s)-1]
			p.first[len(s)][f>>6] |= 1 << (f & 63)
			p.last[len(s)][l>>6] |= 1 << (l & 63)
		}
		return &p.byLen[len(s)][len(p.byLen[len(s)])-1]
	}
	for i, s := range paths {
		if len(s) == 0 || len(s) > maxPathLen {
			continue
		}
		if e := find(s); e.field < 0 {
			e.field = i
		}
		for j := 0; j < len(s); j++ {
			if s[j] == '.' {
				find(s[:j]).prefix = true
			}
		}
	}
	return p
}

// lookup returns the field at path (-1 when none) and whether objects at
// path can hold wanted paths.
func (p *Paths) lookup(path []byte) (int, bool) {
	n := len(path)
	if n > maxPathLen || n == 0 {
		return -1, false
	}
	if f, l := path[0], path[n-1]; p.first[n][f>>6]&(1<<(f&63)) == 0 || p.last[n][l>>6]&(1<<(l&63)) == 0 {
		return -1, false
	}
	for i := range p.byLen[len(path)] {
		e := &p.byLen[len(path)][i]
		if e.s[0] == path[0] && e.s[len(e.s)-1] == path[len(path)-1] && e.s == string(path) {
			return e.field, e.prefix
		}
	}
	return -1, false
}

// Extractor finds the values of wanted paths in JSON lines without
// decoding the line into maps: one pass over the bytes, validating the
// grammar as it goes (as encoding/json.Valid does, save that invalid UTF-8
// inside strings is let through and replaced only in reported values) and
// unescaping only the strings it reports. An Extractor is not safe for
// concurrent use; it reuses its buffers from line to line.
type Extractor struct {
	paths *Paths
	line  []byte
	pos   int
	path  []byte // the current object path, dotted
	esc   []byte // scratch for unescaped strings
	keyb  []byte // scratch for unescaped keys
	emit  func(field int, value []byte, str bool)
	// names are the top-level member names of the lines read so far, by
	// place: lines of one log name the same members in the same order,
	// and a name found where the last line had it is known by comparing
	// two words, without reading or looking it up again.
	names []knownName
}

// knownName is a top-level member name as written, `"name":`, in the
// first bytes of two words (little-endian, masked), and what lookup said
// of it.
type knownName struct {
	w0, w1, m0, m1 uint64
	n              int // bytes of `"name":`
	field          int
	sub            bool
	// The whole member and its comma, `"name":value,`, up to 32 bytes,
	// when no path wants it: a member the last two lines had the same
	// (same says so) is passed over by comparing four words. Logs repeat
	// many members line after line ("proto":"udp", "qclass":1).
	member  [4]uint64
	mmask   [4]uint64
	mn      int
	same    bool
	learned bool // the name at this place was read or known on this line
	// A member that changes from line to line (an id, a port) is looked
	// at again only after rest more lines; changes counts the changes
	// in a row.
	changes, rest uint8
}

// restLines is how many lines a member that keeps changing is left
// alone.
const restLines = 64

// maxKnownMember is the longest `"name":value,` kept in a knownName.
const maxKnownMember = 32

// words returns the four words of b (at most 32 bytes), zero-padded,
// and the masks of the bytes that count.
func words(b []byte) (w, m [4]uint64) {
	var buf [32]byte
	copy(buf[:], b)
	for i := range 4 {
		w[i] = binary.LittleEndian.Uint64(buf[8*i:])
		if n := len(b) - 8*i; n >= 8 {
			m[i] = ^uint64(0)
		} else if n > 0 {
			m[i] = 1<<(8*n) - 1
		}
	}
	return w, m
}

// knownMember says whether the bytes at x.pos are the member that k
// keeps.
func (x *Extractor) knownMember(k *knownName) bool {
	if !k.same || x.pos+maxKnownMember > len(x.line) {
		return false
	}
	l := x.line[x.pos : x.pos+maxKnownMember]
	return binary.LittleEndian.Uint64(l)&k.mmask[0] == k.member[0] &&
		binary.LittleEndian.Uint64(l[8:])&k.mmask[1] == k.member[1] &&
		binary.LittleEndian.Uint64(l[16:])&k.mmask[2] == k.member[2] &&
		binary.LittleEndian.Uint64(l[24:])&k.mmask[3] == k.member[3]
}

// learnMember keeps the member tok (`"name":value,`) at place i, or
// says it is the same as the last line's.
func (x *Extractor) learnMember(i int, tok []byte) {
	k := &x.names[i]
	if k.rest > 0 {
		k.rest--
		return
	}
	if len(tok) > maxKnownMember {
		k.mn, k.same = 0, false
		return
	}
	w, m := words(tok)
	k.same = k.mn == len(tok) && w == k.member
	switch {
	case k.same:
		k.changes = 0
	case k.mn != 0:
		if k.changes++; k.changes >= 2 {
			k.changes, k.rest = 0, restLines
		}
	}
	k.member, k.mmask, k.mn = w, m, len(tok)
}

// maxKnownName is the longest `"name":` kept in names, and
// maxKnownPlaces the most places.
const (
	maxKnownName   = 16
	maxKnownPlaces = 256
)

// known returns the entry of names that the bytes at x.pos are, if any.
func (x *Extractor) known(i int) *knownName {
	if i >= len(x.names) || x.pos+maxKnownName > len(x.line) {
		return nil
	}
	k := &x.names[i]
	a := binary.LittleEndian.Uint64(x.line[x.pos:])
	b := binary.LittleEndian.Uint64(x.line[x.pos+8:])
	if a&k.m0 != k.w0 || b&k.m1 != k.w1 {
		return nil
	}
	return k
}

// learn keeps the top-level member name tok (`"name":`, plain ASCII
// without escapes) found at place i.
func (x *Extractor) learn(i int, tok []byte, field int, sub bool) {
	if i > len(x.names) || i >= maxKnownPlaces || len(tok) > maxKnownName {
		return
	}
	w, m := words(tok)
	k := knownName{n: len(tok), field: field, sub: sub, w0: w[0], w1: w[1], m0: m[0], m1: m[1], learned: true}
	if i == len(x.names) {
		x.names = append(x.names, k)
	} else {
		x.names[i] = k
	}
}

// NewExtractor returns an extractor of the given paths.
func NewExtractor(p *Paths) *Extractor { return &Extractor{paths: p} }

// Extract checks that line is one JSON object (white space around it
// allowed) and calls emit for every scalar value found at a wanted path:
// strings unescaped (str true), numbers, true, false and null as written
// (str false). Values of arrays at a wanted path are reported one by one.
// The value's bytes are valid only during the call. On a syntax error it
// returns a *SyntaxError; values reported before the error stand.
func (x *Extractor) Extract(line []byte, emit func(field int, value []byte, str bool)) error {
	x.line, x.pos, x.path, x.emit = line, 0, x.path[:0], emit
	x.ws()
	if x.pos >= len(x.line) || x.line[x.pos] != '{' {
		if x.pos >= len(x.line) {
			return x.err("empty line")
		}
		return x.err("not a JSON object")
	}
	if err := x.object(1, true); err != nil {
		return err
	}
	x.ws()
	if x.pos < len(x.line) {
		return x.err("data after the JSON object")
	}
	return nil
}

func (x *Extractor) err(msg string) error { return &SyntaxError{Offset: x.pos, Msg: msg} }

func (x *Extractor) ws() {
	// Logs seldom put white space between tokens: one comparison says
	// there is none (every byte above ' ' is something else).
	if x.pos < len(x.line) && x.line[x.pos] > ' ' {
		return
	}
	for x.pos < len(x.line) {
		switch x.line[x.pos] {
		case ' ', '\t', '\n', '\r':
			x.pos++
		default:
			return
		}
	}
}

// object reads an object at x.pos ('{'). track says whether x.path is the
// path of this object and its members should be looked up.
func (x *Extractor) object(depth int, track bool) error {
	if depth > MaxDepth {
		return x.err("nested too deeply")
	}
	x.pos++ // {
	x.ws()
	if x.pos < len(x.line) && x.line[x.pos] == '}' {
		x.pos++
		return nil
	}
	top := track && depth == 1
	for i := 0; ; i++ {
		x.ws()
		field, sub := -1, false
		base := len(x.path)
		memberStart := x.pos
		if top && i < len(x.names) {
			k := &x.names[i]
			k.learned = false
			if x.knownMember(k) {
				x.pos += k.mn // the member the last lines had here, and its comma
				continue
			}
			if x.known(i) != nil {
				// The name the last lines had here.
				k.learned = true
				field, sub = k.field, k.sub
				if sub {
					x.path = append(x.path, x.line[x.pos+1:x.pos+k.n-2]...)
				}
				x.pos += k.n
				x.ws()
				goto value
			}
		}
		if x.pos >= len(x.line) || x.line[x.pos] != '"' {
			return x.err("expected a member name")
		}
		{
			start := x.pos
			key, esc, err := x.str(track, &x.keyb)
			if err != nil {
				return err
			}
			x.ws()
			if x.pos >= len(x.line) || x.line[x.pos] != ':' {
				return x.err("expected ':' after a member name")
			}
			x.pos++
			tok := x.line[start:x.pos]
			x.ws()
			if track {
				if base == 0 {
					// Top-level members, the most common: no path to build.
					if len(key) > 0 {
						field, sub = x.paths.lookup(key)
					}
					if sub {
						x.path = append(x.path, key...)
					}
					if top && !esc && len(tok) == len(key)+3 && isASCII(key) {
						x.learn(i, tok, field, sub)
					}
				} else {
					x.path = append(x.path, '.')
					x.path = append(x.path, key...)
					field, sub = x.paths.lookup(x.path)
				}
			}
		}
	value:
		if err := x.value(depth, field, sub); err != nil {
			return err
		}
		if top && field < 0 && !sub && i < len(x.names) && x.names[i].learned && x.pos < len(x.line) && x.line[x.pos] == ',' {
			x.learnMember(i, x.line[memberStart:x.pos+1])
		}
		x.path = x.path[:base]
		x.ws()
		if x.pos >= len(x.line) {
			return x.err("unterminated object")
		}
		switch x.line[x.pos] {
		case ',':
			x.pos++
		case '}':
			x.pos++
			return nil
		default:
			return x.err("expected ',' or '}' in an object")
		}
	}
}

// value reads any value. field is the wanted field at this path (-1 when
// none); sub says whether objects here may hold wanted paths.
func (x *Extractor) value(depth, field int, sub bool) error {
	if x.pos >= len(x.line) {
		return x.err("expected a value")
	}
	var lit string
	switch x.line[x.pos] {
	case '"':
		s, _, err := x.str(field >= 0, &x.esc)
		if err != nil {
			return err
		}
		if field >= 0 {
			x.emit(field, s, true)
		}
		return nil
	case '{':
		return x.object(depth+1, sub)
	case '[':
		return x.array(depth+1, field, sub)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		start := x.pos
		if err := x.number(); err != nil {
			return err
		}
		if field >= 0 {
			x.emit(field, x.line[start:x.pos], false)
		}
		return nil
	case 't':
		lit = "true"
	case 'f':
		lit = "false"
	case 'n':
		lit = "null"
	default:
		return x.err("invalid value")
	}
	if len(x.line)-x.pos < len(lit) || string(x.line[x.pos:x.pos+len(lit)]) != lit {
		return x.err("invalid value")
	}
	if field >= 0 {
		x.emit(field, x.line[x.pos:x.pos+len(lit)], false)
	}
	x.pos += len(lit)
	return nil
}

func (x *Extractor) array(depth, field int, sub bool) error {
	if depth > MaxDepth {
		return x.err("nested too deeply")
	}
	x.pos++ // [
	x.ws()
	if x.pos < len(x.line) && x.line[x.pos] == ']' {
		x.pos++
		return nil
	}
	for {
		x.ws()
		if err := x.value(depth, field, sub); err != nil {
			return err
		}
		x.ws()
		if x.pos >= len(x.line) {
			return x.err("unterminated array")
		}
		switch x.line[x.pos] {
		case ',':
			x.pos++
		case ']':
			x.pos++
			return nil
		default:
			return x.err("expected ',' or ']' in an array")
		}
	}
}

func (x *Extractor) number() error {
	l, i := x.line, x.pos
	if i < len(l) && l[i] == '-' {
		i++
	}
	switch {
	case i < len(l) && l[i] == '0':
		i++
	case i < len(l) && l[i] >= '1' && l[i] <= '9':
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
	default:
		x.pos = i
		return x.err("invalid number")
	}
	if i < len(l) && l[i] == '.' {
		i++
		d := i
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i == d {
			x.pos = i
			return x.err("invalid number: no digit after '.'")
		}
	}
	if i < len(l) && (l[i] == 'e' || l[i] == 'E') {
		i++
		if i < len(l) && (l[i] == '+' || l[i] == '-') {
			i++
		}
		d := i
		for i < len(l) && l[i] >= '0' && l[i] <= '9' {
			i++
		}
		if i == d {
			x.pos = i
			return x.err("invalid number: no digit in the exponent")
		}
	}
	x.pos = i
	return nil
}

// plain marks the bytes that may appear unescaped in a JSON string and
// need no attention: not '"', not '\\', not a control character.
var plain = func() (t [256]bool) {
	for i := 0x20; i < 256; i++ {
		t[i] = i != '"' && i != '\\'
	}
	return t
}()

// str reads a string at x.pos. When want is set it returns its unescaped
// bytes (a sub-slice of the line when it holds no escape and is valid
// UTF-8, else a copy in *buf with invalid UTF-8 replaced by U+FFFD, as
// encoding/json does).
func (x *Extractor) str(want bool, buf *[]byte) ([]byte, bool, error) {
	l := x.line
	start := x.pos + 1
	// Most strings in logs are ASCII without escapes: found whole by one
	// run that also stops at the first byte above 0x7f, and returned as
	// they lie, with no second look at their bytes.
	var i int
	if start+8 <= len(l) {
		// The first eight bytes here, where most strings end.
		if m := plainASCIIMask(binary.LittleEndian.Uint64(l[start:])); m != 0 {
			i = start + bits.TrailingZeros64(m)/8
		} else {
			i = start + 8 + plainASCIIRun(l[start+8:])
		}
	} else {
		i = start + plainASCIIRun(l[start:])
	}
	if i < len(l) && l[i] == '"' {
		x.pos = i + 1
		return l[start:i], false, nil
	}
	return x.strSlow(start, i, want, buf)
}

// strSlow goes on reading a string that str found to hold something
// else than plain ASCII before i: a byte above 0x7f, an escape, or an
// error.
func (x *Extractor) strSlow(start, i int, want bool, buf *[]byte) ([]byte, bool, error) {
	l := x.line
	i += plainRun(l[i:])
	if i < len(l) && l[i] == '"' {
		x.pos = i + 1
		s := l[start:i]
		if want && !isASCII(s) && !utf8.Valid(s) {
			*buf = append((*buf)[:0], s...)
			*buf = fixUTF8(*buf)
			return *buf, true, nil
		}
		return s, false, nil
	}
	// Escapes (or an error): unescape into buf.
	b := append((*buf)[:0], l[start:i]...)
	for {
		if i >= len(l) {
			x.pos = i
			return nil, false, x.err("unterminated string")
		}
		c := l[i]
		switch {
		case c == '"':
			x.pos = i + 1
			if want && !utf8.Valid(b) {
				b = fixUTF8(b)
			}
			*buf = b
			return b, true, nil
		case c < 0x20:
			x.pos = i
			return nil, false, x.err("control character in a string")
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		i++
		if i >= len(l) {
			x.pos = i
			return nil, false, x.err("unterminated escape")
		}
		switch l[i] {
		case '"', '\\', '/':
			b = append(b, l[i])
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(l, i+1)
			if !ok {
				x.pos = i
				return nil, false, x.err("invalid \\u escape")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A pair makes one rune; a lone half is U+FFFD.
				if r2, ok := hex4(l, i+3); ok && i+2 < len(l) && l[i+1] == '\\' && l[i+2] == 'u' {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						b = utf8.AppendRune(b, d)
						i += 6
						break
					}
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			x.pos = i
			return nil, false, x.err("invalid escape")
		}
		i++
	}
}

const (
	ones  = swar.Ones
	highs = swar.Highs
)

// plainASCIIMask flags, in the high bit of each byte, the bytes of eight
// (little-endian) that plainASCIIRun stops at; only the lowest flag is
// exact, the one used.
func plainASCIIMask(x uint64) uint64 {
	q := x ^ (ones * '"')
	bs := x ^ (ones * '\\')
	return (((q - ones) &^ q) | ((bs - ones) &^ bs) | ((x - ones*0x20) &^ x) | x) & highs
}

// plainASCIIRun is plainRun that stops at a byte above 0x7f as well.
func plainASCIIRun(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if m := plainASCIIMask(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(b) && b[i] < 0x80 && plain[b[i]] {
		i++
	}
	return i
}

// plainRun returns how many bytes at the start of b need no attention in
// a JSON string (see plain), eight at a time: a byte is flagged when it
// equals '"' or '\\' or is below 0x20 (bit tricks from "Bit Twiddling
// Hacks"; only the first flagged byte is exact, which is the one used).
func plainRun(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		q := x ^ (ones * '"')
		bs := x ^ (ones * '\\')
		m := ((q - ones) &^ q) | ((bs - ones) &^ bs) | ((x - ones*0x20) &^ x)
		if m &= highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(b) && plain[b[i]] {
		i++
	}
	return i
}

func hex4(l []byte, i int) (rune, bool) {
	if i+4 > len(l) {
		return 0, false
	}
	var r rune
	for _, c := range l[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func isASCII(s []byte) bool {
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// fixUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func fixUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+8)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}
