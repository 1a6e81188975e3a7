package jsonin

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/dossier-cti/dossier/internal/stix"
)

// readArray reads a document that must be a JSON array, as the converters
// do, returning the offsets of its elements.
func readArray(doc string, max int64) ([]int64, error) {
	in, err := Open(strings.NewReader(doc), max)
	if err != nil {
		return nil, err
	}
	if err := in.Start('[', "a JSON array"); err != nil {
		return nil, err
	}
	var offs []int64
	for in.PeekKind() != ']' {
		_, off, err := in.Value()
		if err != nil {
			return nil, err
		}
		offs = append(offs, off)
	}
	return offs, in.End()
}

func TestInput(t *testing.T) {
	cases := []struct {
		name   string
		doc    string
		max    int64
		offs   []int64
		errMsg string
		errAt  int64
	}{
		{"plain", `[{"a":1}, 2]`, 1 << 20, []int64{1, 10}, "", 0},
		{"byte order mark counts in offsets", "\xef\xbb\xbf" + `[{"a":1}]`, 1 << 20, []int64{4}, "", 0},
		{"empty", ``, 1 << 20, nil, "empty input: expected a JSON array", 0},
		{"wrong kind", `{"a":1}`, 1 << 20, nil, "expected a JSON array, found an object", 0},
		{"duplicate names", `[{"a":1,"a":2}]`, 1 << 20, nil, "duplicate", 8},
		{"trailing data", `[1] 2`, 1 << 20, nil, "unexpected data after the end", -1},
		{"truncated", `[{"a":`, 1 << 20, nil, "truncated", -1},
		{"over the size limit", `[` + strings.Repeat(`"abcdefgh",`, 20) + `1]`, 64, nil, "over the limit of 64 bytes", 64},
		{"lone surrogate", `["\ud800"]`, 1 << 20, nil, "surrogate", -1},
	}
	for _, c := range cases {
		offs, err := readArray(c.doc, c.max)
		if c.errMsg == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if len(offs) != len(c.offs) {
				t.Errorf("%s: offsets %v, want %v", c.name, offs, c.offs)
				continue
			}
			for i := range offs {
				if offs[i] != c.offs[i] {
					t.Errorf("%s: offsets %v, want %v", c.name, offs, c.offs)
				}
			}
			continue
		}
		var se *stix.SyntaxError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), c.errMsg) {
			t.Errorf("%s: error %v, want a SyntaxError saying %q", c.name, err, c.errMsg)
			continue
		}
		if c.errAt >= 0 && se.Offset != c.errAt {
			t.Errorf("%s: offset %d, want %d", c.name, se.Offset, c.errAt)
		}
	}
}

func TestErrorAt(t *testing.T) {
	for _, c := range []struct {
		index  int
		id     string
		offset int64
		want   string
	}{
		{3, "uuid 1-2", 40, "pkg: cluster 3 (uuid 1-2) at byte offset 40: bad"},
		{3, "", 40, "pkg: cluster 3 at byte offset 40: bad"},
		{3, `"A"`, -1, `pkg: cluster 3 ("A"): bad`},
		{-1, "ignored", 0, "pkg: byte offset 0: bad"},
		{-1, "", -1, "pkg: bad"},
	} {
		if got := ErrorAt("pkg", "cluster", c.index, c.id, c.offset, "bad"); got != c.want {
			t.Errorf("ErrorAt(%d, %q, %d) = %q, want %q", c.index, c.id, c.offset, got, c.want)
		}
	}
}

func TestSniff(t *testing.T) {
	long := "[" + strings.Repeat(" ", SniffSize) + "{}]"
	for _, tc := range []struct {
		head string
		open byte
		next string // the token after the opening one; "" for a nil tokenizer
	}{
		{`{"a": 1}`, '{', `"a"`},
		{"\xef\xbb\xbf[1]", '[', "1"},
		{`  ["x"`, '[', `"x"`},
		{`[1]`, '{', ""},
		{``, '[', ""},
		{"\xef\xbb\xbf", '{', ""},
		{long, '[', ""}, // cut at SniffSize, before the first element
	} {
		dec := Sniff([]byte(tc.head), jsontext.Kind(tc.open))
		switch {
		case dec == nil && tc.next != "":
			t.Errorf("Sniff(%q, %c) = nil, want a tokenizer", tc.head, tc.open)
		case dec != nil && tc.next == "":
			if tok, err := dec.ReadToken(); err == nil {
				t.Errorf("Sniff(%q, %c) then read %s, want nil or an error", tc.head, tc.open, tok)
			}
		case dec != nil:
			if tok, err := dec.ReadToken(); err != nil || tok.String() != strings.Trim(tc.next, `"`) {
				t.Errorf("Sniff(%q, %c) then read %v, %v; want %s", tc.head, tc.open, tok, err, tc.next)
			}
		}
	}
}
