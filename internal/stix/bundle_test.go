package stix

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

const (
	objA = `{"type":"identity","spec_version":"2.1","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"A"}`
	objB = `{"type":"identity","spec_version":"2.1","id":"identity--d78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"B"}`
)

// readAll reads every item of a document, returning the items and the
// error that ended the reading (nil at a clean end).
func readAll(doc string, lim Limits) (*Reader, []*Item, error) {
	r := NewReader(strings.NewReader(doc), lim)
	var items []*Item
	for {
		it, err := r.Next()
		if err == io.EOF {
			return r, items, nil
		}
		if err != nil {
			return r, items, err
		}
		items = append(items, it)
	}
}

func TestReaderForms(t *testing.T) {
	cases := []struct {
		name    string
		doc     string
		form    Form
		n       int
		id      string
		version string
		ignored []string
	}{
		{"bundle 2.1", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` + objA + `,` + objB + `]}`, FormBundle, 2, "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "", nil},
		{"bundle 2.0, objects first", "\ufeff" + `{"objects":[` + objA + `],"spec_version":"2.0","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","type":"bundle"}`, FormBundle, 1, "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "2.0", nil},
		{"bundle with custom member", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","x_source":"feed","objects":[]}`, FormBundle, 0, "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", "", []string{"x_source"}},
		{"TAXII envelope", `{"more":false,"objects":[` + objA + `]}`, FormEnvelope, 1, "", "", []string{"more"}},
		{"single object", "  " + objA + "\n", FormObject, 1, "", "", nil},
		{"array", `[` + objA + `,` + objB + `]`, FormArray, 2, "", "", nil},
		{"empty array", `[]`, FormArray, 0, "", "", nil},
	}
	for _, c := range cases {
		r, items, err := readAll(strings.TrimPrefix(c.doc, "\ufeff"), DefaultLimits)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if r.Form() != c.form || len(items) != c.n || r.BundleID() != c.id || r.SpecVersion() != c.version {
			t.Errorf("%s: got form %s, %d items, id %q, version %q; want %s, %d, %q, %q", c.name, r.Form(), len(items), r.BundleID(), r.SpecVersion(), c.form, c.n, c.id, c.version)
		}
		if strings.Join(r.Ignored(), ",") != strings.Join(c.ignored, ",") {
			t.Errorf("%s: ignored %v, want %v", c.name, r.Ignored(), c.ignored)
		}
		for i, it := range items {
			if it.Index != i || it.Value.Kind != KindObject {
				t.Errorf("%s: item %d has index %d kind %s", c.name, i, it.Index, it.Value.Kind)
			}
			if want := []string{objA, objB}[i]; c.form != FormObject && string(it.Raw) != want {
				t.Errorf("%s: item %d raw %s, want %s", c.name, i, it.Raw, want)
			}
		}
	}
}

func TestReaderKeepsContentAsWritten(t *testing.T) {
	doc := `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
	  {"type": "identity", "x_big": 123456789012345678901234567890, "x_float": 1.50, "name": "Caf\u00e9 \"q\"", "id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"}
	]}`
	_, items, err := readAll(doc, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"identity","x_big":123456789012345678901234567890,"x_float":1.50,"name":"Caf\u00e9 \"q\"","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"}`
	if got := string(items[0].Raw); got != want {
		t.Errorf("raw got %s\nwant %s (white space removed, nothing else changed)", got, want)
	}
	if n := items[0].Value.Get("x_big"); n == nil || n.Str != "123456789012345678901234567890" {
		t.Errorf("big number not kept as written: %+v", n)
	}
	if s, _ := items[0].Value.GetString("name"); s != `Café "q"` {
		t.Errorf("name decoded as %q", s)
	}
	if items[0].Offset != int64(strings.Index(doc, `{"type": "identity"`)) {
		t.Errorf("offset got %d, want %d", items[0].Offset, strings.Index(doc, `{"type": "identity"`))
	}
}

func TestReaderRefusesHostileJSON(t *testing.T) {
	small := Limits{MaxDepth: 8, MaxStringBytes: 64, MaxValueBytes: 1024}
	cases := []struct {
		name   string
		doc    string
		lim    Limits
		want   string // in the error message
		offset int64  // -1: do not check
	}{
		{"duplicate member in object", `{"type":"bundle","objects":[{"type":"identity","name":"a","name":"b"}]}`, DefaultLimits, "duplicate", 58},
		{"duplicate marking refs smuggle", `{"type":"bundle","objects":[{"type":"indicator","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"],"object_marking_refs":["marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"]}]}`, DefaultLimits, "duplicate", -1},
		{"duplicate member in bundle", `{"type":"bundle","type":"bundle","objects":[]}`, DefaultLimits, "duplicate", -1},
		{"invalid UTF-8", "{\"type\":\"bundle\",\"objects\":[{\"type\":\"identity\",\"name\":\"\xff\"}]}", DefaultLimits, "UTF-8", -1},
		{"lone high surrogate", `{"type":"bundle","objects":[{"type":"identity","name":"\ud800"}]}`, DefaultLimits, "surrogate", -1},
		{"lone low surrogate", `{"type":"bundle","objects":[{"type":"identity","name":"x\udc00y"}]}`, DefaultLimits, "surrogate", -1},
		{"trailing data", `{"type":"bundle","objects":[]} {"type":"bundle"}`, DefaultLimits, "after the end", -1},
		{"trailing garbage", `{"type":"bundle","objects":[]}x`, DefaultLimits, "after the end", -1},
		{"truncated in object", `{"type":"bundle","objects":[{"type":"identity","na`, DefaultLimits, "truncated", -1},
		{"truncated after object", `{"type":"bundle","objects":[{"type":"identity"}`, DefaultLimits, "truncated", -1},
		{"not JSON", `type: bundle`, DefaultLimits, "invalid character", 1},
		{"empty", ``, DefaultLimits, "empty input", -1},
		{"JSON string", `"bundle"`, DefaultLimits, "found a JSON string", -1},
		{"comment", `{"type":"bundle", /* c */ "objects":[]}`, DefaultLimits, "invalid character", -1},
		{"NaN", `{"type":"bundle","objects":[{"type":"x","n":NaN}]}`, DefaultLimits, "invalid character", -1},
		{"too deep", `{"type":"bundle","objects":[{"a":[[[[[[[[[[1]]]]]]]]]]}]}`, small, "nesting depth exceeds the limit of 8", -1},
		{"string too long", `{"type":"bundle","objects":[{"name":"` + strings.Repeat("x", 65) + `"}]}`, small, "string length exceeds the limit of 64 bytes", -1},
		{"object too large", `{"type":"bundle","objects":[{"name":"x","pad":[` + strings.Repeat(`"abcdefgh",`, 200) + `"x"]}]}`, small, "over the limit of 1 KiB", -1},
		{"objects list in a non-bundle", `{"type":"report","objects":[]}`, DefaultLimits, `type is "report", not "bundle"`, -1},
		{"two objects lists", `{"type":"bundle","objects":[],"objects":[]}`, DefaultLimits, "", -1},
	}
	for _, c := range cases {
		_, _, err := readAll(c.doc, c.lim)
		if err == nil {
			t.Errorf("%s: no error, want one", c.name)
			continue
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%s: error %T %v, want a *SyntaxError", c.name, err, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %q does not mention %q", c.name, err, c.want)
		}
		if c.offset >= 0 && se.Offset != c.offset {
			t.Errorf("%s: offset %d, want %d (%v)", c.name, se.Offset, c.offset, err)
		}
	}
}

// endless yields an unending JSON string body.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

// TestReaderBoundsMemory feeds an object whose string never ends: the
// reader must give up after about MaxValueBytes, not read forever.
func TestReaderBoundsMemory(t *testing.T) {
	src := &endless{}
	lim := Limits{MaxDepth: 8, MaxStringBytes: 1 << 20, MaxValueBytes: 1 << 20}
	r := NewReader(io.MultiReader(strings.NewReader(`{"type":"bundle","objects":[{"name":"`), src), lim)
	_, err := r.Next()
	if err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Fatalf("got %v, want a size-limit error", err)
	}
	if src.n > 2<<20 {
		t.Errorf("read %d bytes of an endless value before refusing it, want about %d", src.n, lim.MaxValueBytes)
	}
}

func TestReaderNonObjectElement(t *testing.T) {
	_, items, err := readAll(`{"type":"bundle","objects":[1,"x",`+objA+`]}`, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 || items[0].Value.Kind != KindNumber || items[1].Value.Kind != KindString || items[2].Value.Kind != KindObject {
		t.Errorf("got %d items, want three (number, string, object) for the caller to reject or keep", len(items))
	}
}

// FuzzReader feeds arbitrary bytes to the Reader and Validate: they must
// never panic, every item must be valid JSON, and validation must finish.
func FuzzReader(f *testing.F) {
	for _, s := range []string{
		`{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` + objA + `,` + objB + `]}`,
		`{"more":true,"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2016-04-06T20:03:48.000Z","modified":"2016-04-06T20:03:48.000Z","pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z"}]}`,
		`[{"type":"relationship","spec_version":"2.1","id":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad","created":"2016-04-06T20:06:37.000Z","modified":"2016-04-06T20:06:37.000Z","relationship_type":"uses","source_ref":"x-a--44298a74-ba52-4f0c-87a3-1824e67d7fad","target_ref":"malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"}]`,
		objA, `{"objects":[1,[],{}]}`, `[`, `{"type":"bundle","objects":[{"a":"\u00e9\ud83d\ude00"}]} `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		r := NewReader(bytes.NewReader(doc), Limits{MaxDepth: 16, MaxStringBytes: 4096, MaxValueBytes: 1 << 16})
		for i := 0; i < 10000; i++ {
			it, err := r.Next()
			if err != nil {
				return
			}
			if !jsontext.Value(it.Raw).IsValid() {
				t.Fatalf("item %d raw is not valid JSON: %q", it.Index, it.Raw)
			}
			if it.Value.Kind == KindObject {
				Validate(NewObject(it.Value, it.Raw))
			}
		}
		t.Fatal("the reader did not end")
	})
}
