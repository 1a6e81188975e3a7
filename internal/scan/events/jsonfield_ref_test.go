package events

// refExtractor is the extractor as it was before it was tuned for speed,
// kept word for word: FuzzExtractSame holds the tuned one to the same
// values, in the same order, and the same errors at the same offsets.

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// refExtractor finds the values of wanted paths in JSON lines without
// decoding the line into maps: one pass over the bytes, validating the
// grammar as it goes (as encoding/json.Valid does, save that invalid UTF-8
// inside strings is let through and replaced only in reported values) and
// unescaping only the strings it reports. An refExtractor is not safe for
// concurrent use; it reuses its buffers from line to line.
type refExtractor struct {
	paths *Paths
	line  []byte
	pos   int
	path  []byte // the current object path, dotted
	esc   []byte // scratch for unescaped strings
	keyb  []byte // scratch for unescaped keys
	emit  func(field int, value []byte, str bool)
}

// newRefExtractor returns an extractor of the given paths.
func newRefExtractor(p *Paths) *refExtractor { return &refExtractor{paths: p} }

// Extract checks that line is one JSON object (white space around it
// allowed) and calls emit for every scalar value found at a wanted path:
// strings unescaped (str true), numbers, true, false and null as written
// (str false). Values of arrays at a wanted path are reported one by one.
// The value's bytes are valid only during the call. On a syntax error it
// returns a *SyntaxError; values reported before the error stand.
func (x *refExtractor) Extract(line []byte, emit func(field int, value []byte, str bool)) error {
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

func (x *refExtractor) err(msg string) error { return &SyntaxError{Offset: x.pos, Msg: msg} }

func (x *refExtractor) ws() {
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
func (x *refExtractor) object(depth int, track bool) error {
	if depth > MaxDepth {
		return x.err("nested too deeply")
	}
	x.pos++ // {
	x.ws()
	if x.pos < len(x.line) && x.line[x.pos] == '}' {
		x.pos++
		return nil
	}
	for {
		x.ws()
		if x.pos >= len(x.line) || x.line[x.pos] != '"' {
			return x.err("expected a member name")
		}
		key, _, err := x.str(track, &x.keyb)
		if err != nil {
			return err
		}
		x.ws()
		if x.pos >= len(x.line) || x.line[x.pos] != ':' {
			return x.err("expected ':' after a member name")
		}
		x.pos++
		x.ws()
		field, sub := -1, false
		base := len(x.path)
		if track {
			if base == 0 {
				// Top-level members, the most common: no path to build.
				if len(key) > 0 {
					field, sub = x.paths.lookup(key)
				}
				if sub {
					x.path = append(x.path, key...)
				}
			} else {
				x.path = append(x.path, '.')
				x.path = append(x.path, key...)
				field, sub = x.paths.lookup(x.path)
			}
		}
		if err := x.value(depth, field, sub); err != nil {
			return err
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
func (x *refExtractor) value(depth, field int, sub bool) error {
	if x.pos >= len(x.line) {
		return x.err("expected a value")
	}
	switch c := x.line[x.pos]; {
	case c == '{':
		return x.object(depth+1, sub)
	case c == '[':
		return x.array(depth+1, field, sub)
	case c == '"':
		s, _, err := x.str(field >= 0, &x.esc)
		if err != nil {
			return err
		}
		if field >= 0 {
			x.emit(field, s, true)
		}
		return nil
	case c == '-' || c >= '0' && c <= '9':
		start := x.pos
		if err := x.number(); err != nil {
			return err
		}
		if field >= 0 {
			x.emit(field, x.line[start:x.pos], false)
		}
		return nil
	default:
		for _, lit := range [...]string{"true", "false", "null"} {
			if len(x.line)-x.pos >= len(lit) && string(x.line[x.pos:x.pos+len(lit)]) == lit {
				if field >= 0 {
					x.emit(field, x.line[x.pos:x.pos+len(lit)], false)
				}
				x.pos += len(lit)
				return nil
			}
		}
		return x.err("invalid value")
	}
}

func (x *refExtractor) array(depth, field int, sub bool) error {
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

func (x *refExtractor) number() error {
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

// refPlain marks the bytes that may appear unescaped in a JSON string and
// need no attention: not '"', not '\\', not a control character.
var refPlain = func() (t [256]bool) {
	for i := 0x20; i < 256; i++ {
		t[i] = i != '"' && i != '\\'
	}
	return t
}()

// str reads a string at x.pos. When want is set it returns its unescaped
// bytes (a sub-slice of the line when it holds no escape and is valid
// UTF-8, else a copy in *buf with invalid UTF-8 replaced by U+FFFD, as
// encoding/json does).
func (x *refExtractor) str(want bool, buf *[]byte) ([]byte, bool, error) {
	l := x.line
	start := x.pos + 1
	i := start + refPlainRun(l[start:])
	if i < len(l) && l[i] == '"' {
		x.pos = i + 1
		s := l[start:i]
		if want && !refIsASCII(s) && !utf8.Valid(s) {
			*buf = append((*buf)[:0], s...)
			*buf = refFixUTF8(*buf)
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
				b = refFixUTF8(b)
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
			r, ok := refHex4(l, i+1)
			if !ok {
				x.pos = i
				return nil, false, x.err("invalid \\u escape")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A pair makes one rune; a lone half is U+FFFD.
				if r2, ok := refHex4(l, i+3); ok && i+2 < len(l) && l[i+1] == '\\' && l[i+2] == 'u' {
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

// plainRun returns how many bytes at the start of b need no attention in
// a JSON string (see refPlain), eight at a time: a byte is flagged when it
// equals '"' or '\\' or is below 0x20 (bit tricks from "Bit Twiddling
// Hacks"; only the first flagged byte is exact, which is the one used).
func refPlainRun(b []byte) int {
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
	for i < len(b) && refPlain[b[i]] {
		i++
	}
	return i
}

func refHex4(l []byte, i int) (rune, bool) {
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

func refIsASCII(s []byte) bool {
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// fixUTF8 replaces each invalid byte with U+FFFD, as encoding/json does.
func refFixUTF8(b []byte) []byte {
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

// FuzzExtractSame holds Extract to refExtractor: the same values at the
// same fields in the same order, and the same error (message and
// offset) for every line, valid or not.
func FuzzExtractSame(f *testing.F) {
	for _, name := range []string{"testdata/zeek-dns.log", "testdata/eve.json", "testdata/ecs.json", "testdata/okta-spray.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n")[:2] {
			f.Add(l)
		}
	}
	for _, l := range []string{
		`{"a":"esc\"aped\u00e9","b":{"c":["x",{"d":1}]},"n":-0.5E-2}`, `{"a":"\ud83d\ude00\ud800"}`,
		"{\"a\":\"caf\xc3\xa9 \xff\",\"\xffkey\":1,\"b.c\":\"x\\\"\xe9\"}", `{"a":tru}`, `{"a":nul,"b":1}`,
		`{"a":[1,2}`, `{"a":"x",}`, `{"a":01}`, `{"a":-}`, "{\"a\":\"\x01\"}", `{"a":"\u12"}`, " \t{\"a\" :\r\n\"x\" }  ",
		`{"query":"www.example.org","answers":["1.2.3.4","x"],"id.orig_h":"10.0.0.1","dns":{"queries":[{"rrname":"a.b"}]}}`,
	} {
		f.Add(l)
	}
	paths := []string{"a", "b.c", "query", "id.orig_h", "dns.queries.rrname", "client.ipAddress", "answers", "n", "\ufffdkey"}
	for _, l := range []string{
		// Lines of one shape, then names that only begin like the
		// known ones, moved, spaced, escaped, nested, cut short.
		"{\"query\":\"a.example\",\"id.orig_h\":\"1.2.3.4\",\"n\":1,\"answers\":[\"x\"],\"pad\":\"................\"}\n" +
			"{\"query\":\"b.example\",\"id.orig_h\":\"1.2.3.5\",\"n\":2,\"answers\":[\"y\"],\"pad\":\"................\"}\n" +
			"{\"queryX\":\"c.example\",\"id.orig_h\" :\"1.2.3.6\",\"\\u006e\":3,\"answers\":{\"a\":1},\"pad\":\"................\"}\n" +
			"{\"id.orig_h\":\"1.2.3.7\",\"query\":\"d.example\",\"n\":4,\"b\":{\"c\":\"e\"},\"pad\":\"...............\"}\n" +
			"{\"query\":\"e.example\",\"id.orig_p\":\"1.2.3.8\",\"n\":5,\"answers\":[\"z\"],\"pad\":\"\"}\n" +
			"{\"query\":\"f.example\",\"id.orig_h\":\"1.2.3.9\",\"n\":6,\"answers\":[\"z\"],\"pad\":\"................\",\"query\":\"g\"}\n" +
			"{\"query\":\"h.example\",\"id.orig_h\":",
		strings.Repeat("{\"k\":\"v\",\"z\":[1,{\"q\":2}],\"a\":\"x\",\"t\":true,\"pad\":\"................................\"}\n", 3) +
			"{\"k\":\"v\",\"z\":[1,{\"q\":2]],\"a\":\"x\",\"t\":true,\"pad\":\"................................\"}\n" +
			"{\"k\":\"v\",\"z\":[1,{\"q\":3}],\"a\":\"x\",\"t\":true,\"pad\":\"................................\"}\n" +
			"{\"k\":\"v\",\"z\":[1,{\"q\":2}] ,\"a\":\"y\",\"t\":true}\n{\"k\":\"v\",\"z\":[1,{\"q\":2}],\"a\":\"x\",\"t\":tru,\"pad\":\"................................\"}\n" +
			"{\"k\":\"v\",\"z\":[1,{\"q\":2}],\"a\":\"x\",\"t\":true,}\n{\"k\":\"v\",\"answers\":[1,{\"q\":2}],\"a\":\"x\",\"t\":true,\"pad\":\"................................\"}",
		"{\"b\":{\"c\":\"1\"},\"a\":\"x\",\"pad\":\"..................\"}\n{\"b\":{\"c\":\"2\"},\"a\":\"y\",\"pad\":\"..................\"}\n{\"b\":\"3\",\"a\":[\"z\"],\"pad\":\"..................\"}",
	} {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, data string) {
		// One extractor each for all the lines, as a read has: what one
		// line teaches the fast one must not change what the next gives.
		x, ref := NewExtractor(NewPaths(paths)), newRefExtractor(NewPaths(paths))
		for _, line := range strings.Split(data, "\n") {
			var got, want []string
			err := x.Extract([]byte(line), func(fi int, v []byte, str bool) { got = append(got, fmt.Sprintf("%d=%q/%v", fi, v, str)) })
			rerr := ref.Extract([]byte(line), func(fi int, v []byte, str bool) { want = append(want, fmt.Sprintf("%d=%q/%v", fi, v, str)) })
			if fmt.Sprint(err) != fmt.Sprint(rerr) || !slices.Equal(got, want) {
				t.Fatalf("for %q\n got %q, %v\nwant %q, %v", line, got, err, want, rerr)
			}
		}
	})
}
