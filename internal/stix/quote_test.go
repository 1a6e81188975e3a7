package stix

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// TestAppendQuote checks appendQuote against jsontext.AppendQuote, and
// quotedSize against the length of its result, on strings of every kind
// of byte at every place in the eight-byte words it reads.
func TestAppendQuote(t *testing.T) {
	pieces := []string{"a", "Z", " ", "~", "\x7f", "\"", "\\", "\n", "\t", "\x00", "\x1f", "\b", "\f", "\r", "<", ">", "&",
		"é", "’", "\u2028", "\u2029", "\ufffd", "😀", "\xff", "\xe2\x80", "\xc3", "abcdefgh"}
	r := rand.New(rand.NewPCG(1, 2))
	check := func(s string) {
		t.Helper()
		want, _ := jsontext.AppendQuote([]byte("x"), s)
		if got := appendQuote([]byte("x"), s); string(got) != string(want) {
			t.Fatalf("appendQuote(%q) = %s, want %s", s, got, want)
		}
		if utf8.ValidString(s) && quotedSize(s) != len(want)-1 {
			t.Fatalf("quotedSize(%q) = %d, want %d", s, quotedSize(s), len(want)-1)
		}
	}
	check("")
	for range 100000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String())
	}
	for c := range 256 {
		for at := range 17 {
			check(strings.Repeat("a", at) + string(rune(c)) + strings.Repeat("b", 16-at))
			check(strings.Repeat("a", at) + string([]byte{byte(c)}) + strings.Repeat("b", 16-at))
		}
	}
}

// BenchmarkAppendQuote and BenchmarkJSONTextAppendQuote quote the same
// sentences, with curly quotes, a backslash and a line break in each.
func BenchmarkAppendQuote(b *testing.B) {
	s := strings.Repeat("A sentence of a report, with “quotes”, a path C:\\Windows and\na new line. ", 1000)
	buf := make([]byte, 0, 2*len(s))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf = appendQuote(buf[:0], s)
	}
}

func BenchmarkJSONTextAppendQuote(b *testing.B) {
	s := strings.Repeat("A sentence of a report, with “quotes”, a path C:\\Windows and\na new line. ", 1000)
	buf := make([]byte, 0, 2*len(s))
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		buf, _ = jsontext.AppendQuote(buf[:0], s)
	}
}

// FuzzAppendQuote holds appendQuote to jsontext.AppendQuote, quotedSize
// to the length of its result, and the one-member name an observable id
// is made from to its RFC 8785 canonical form (DeterministicID skips
// canonicalising it), on any string, invalid UTF-8 included.
func FuzzAppendQuote(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c\nd\te\x00\x1f", "é’\u2028😀", "\xff\xe2\x80", "<>&/", strings.Repeat("abcdefg\n", 3)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := jsontext.AppendQuote(nil, s)
		got := appendQuote(nil, s)
		if string(got) != string(want) {
			t.Fatalf("appendQuote(%q) = %s, want %s", s, got, want)
		}
		if !utf8.ValidString(s) {
			return
		}
		if n := quotedSize(s); n != len(want) {
			t.Fatalf("quotedSize(%q) = %d, want %d", s, n, len(want))
		}
		name := NewBuilder().Str("value", s).Value()
		written := name.AppendJSON(nil)
		canon, err := Canonical(written)
		if err != nil {
			t.Fatalf("Canonical(%s): %v", written, err)
		}
		if canonicalAsWritten(&name) && string(canon) != string(written) {
			t.Fatalf("%s is taken as canonical, but RFC 8785 writes %s", written, canon)
		}
	})
}
