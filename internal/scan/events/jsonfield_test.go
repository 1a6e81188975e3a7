package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var testPaths = []string{"a", "b.c", "id.orig_h", "arr.x", "n", "t", "s"}

func extractAll(line string) ([]string, error) {
	x := NewExtractor(NewPaths(testPaths))
	var out []string
	err := x.Extract([]byte(line), func(f int, v []byte, str bool) {
		out = append(out, fmt.Sprintf("%s=%s/%v", testPaths[f], v, str))
	})
	return out, err
}

func TestExtract(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{`{"a":"x"}`, []string{"a=x/true"}},
		{` {"a" : "x" , "z":1} `, []string{"a=x/true"}},
		{`{"b":{"c":"nested"}}`, []string{"b.c=nested/true"}},
		{`{"b.c":"dotted"}`, []string{"b.c=dotted/true"}},
		{`{"id.orig_h":"10.0.0.1","id":{"orig_h":"10.0.0.2"}}`, []string{"id.orig_h=10.0.0.1/true", "id.orig_h=10.0.0.2/true"}},
		{`{"arr":[{"x":"1"},{"x":"2"},{"y":"3"}]}`, []string{"arr.x=1/true", "arr.x=2/true"}},
		{`{"a":["p","q"]}`, []string{"a=p/true", "a=q/true"}},
		{`{"a":"esc\"aped\\\/\u00e9\ud83d\ude00"}`, []string{"a=esc\"aped\\/é😀/true"}},
		{`{"a":"lone \ud800 half"}`, []string{"a=lone \ufffd half/true"}},
		{`{"n":-1.5e+3,"t":true,"s":null}`, []string{"n=-1.5e+3/false", "t=true/false", "s=null/false"}},
		{`{"x":{"a":"not at top"},"a":"top"}`, []string{"a=top/true"}},
		{`{"\u0061":"escaped key"}`, []string{"a=escaped key/true"}},
	} {
		got, err := extractAll(tc.line)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("Extract(%s) got %v %v, want %v", tc.line, got, err, tc.want)
		}
	}
	for _, bad := range []string{
		``, `   `, `[1,2]`, `"a"`, `{`, `{"a"}`, `{"a":}`, `{"a":"x",}`, `{"a":"x"}x`, `{"a":01}`,
		`{"a":1.}`, `{"a":1e}`, `{"a":tru}`, `{"a":"\x"}`, `{"a":"\u12"}`, "{\"a\":\"ctl\x01\"}", `{"a":"open`,
		`{"a":[1,2}`, `{"a":{"b":1]}`, `{a:1}`, strings.Repeat(`{"a":`, MaxDepth+1) + "1" + strings.Repeat("}", MaxDepth+1),
	} {
		if got, err := extractAll(bad); err == nil {
			t.Errorf("Extract(%q) = %v, want an error", bad, got)
		} else if _, ok := err.(*SyntaxError); !ok {
			t.Errorf("Extract(%q) error %T, want *SyntaxError", bad, err)
		}
	}
}

// TestExtractAllocs pins the hot path: lines without escapes are read
// without allocating.
func TestExtractAllocs(t *testing.T) {
	x := NewExtractor(NewPaths([]string{"query", "id.orig_h", "answers"}))
	line := []byte(`{"ts":1730419200.1,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":5353,"query":"www.example.org","answers":["1.2.3.4"],"AA":false,"TTLs":[3600.0]}`)
	n := 0
	emit := func(int, []byte, bool) { n++ }
	if a := testing.AllocsPerRun(100, func() { x.Extract(line, emit) }); a != 0 {
		t.Errorf("%v allocations per line, want 0", a)
	}
}

// walk collects, from a value decoded by encoding/json, the values at the
// wanted paths, as Extract reports them.
func walk(v any, path string, want map[string]bool, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			walk(c, p, want, out)
		}
	case []any:
		for _, c := range x {
			walk(c, path, want, out)
		}
	case string:
		if want[path] {
			*out = append(*out, path+"="+x)
		}
	case float64, bool, nil:
		if want[path] {
			*out = append(*out, path+"=scalar")
		}
	}
}

// FuzzExtract checks the hand-written extractor against encoding/json:
// it accepts exactly the lines json.Valid accepts (JSON objects), and
// reports the same string values at the wanted paths.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"testdata/zeek-dns.log", "testdata/eve.json", "testdata/ecs.json", "testdata/okta-spray.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n")[:2] {
			f.Add(l)
		}
	}
	f.Add(`{"a":"esc\"aped\u00e9","b":{"c":["x",{"d":1}]},"n":-0.5E-2}`)
	f.Add(`{"a":"\ud83d\ude00\ud800"}`)
	want := map[string]bool{}
	paths := []string{"a", "b.c", "query", "id.orig_h", "dns.queries.rrname", "client.ipAddress", "answers", "n"}
	for _, p := range paths {
		want[p] = true
	}
	x := NewExtractor(NewPaths(paths))
	f.Fuzz(func(t *testing.T, line string) {
		var got []string
		err := x.Extract([]byte(line), func(fi int, v []byte, str bool) {
			if str {
				got = append(got, paths[fi]+"="+string(v))
			} else {
				got = append(got, paths[fi]+"=scalar")
			}
		})
		var v any
		jerr := json.Unmarshal([]byte(line), &v)
		_, isObj := v.(map[string]any)
		valid := jerr == nil && isObj
		if strings.TrimSpace(line) == "" {
			valid = false
		}
		if valid != (err == nil) {
			// encoding/json does not count depth the same way.
			if err != nil && strings.Contains(err.Error(), "deeply") {
				return
			}
			t.Fatalf("Extract error %v, encoding/json error %v, for %q", err, jerr, line)
		}
		if !valid || !utf8.ValidString(line) || hasDuplicateKeys(line) {
			return
		}
		var ref []string
		walk(v, "", want, &ref)
		slices.Sort(got)
		slices.Sort(ref)
		if !slices.Equal(got, ref) {
			t.Fatalf("for %q\n got %q\nwant %q", line, got, ref)
		}
	})
}

// hasDuplicateKeys reports whether some object repeats a member name
// (encoding/json keeps the last, Extract reports each), or has both a
// dotted member name and the nested form of it.
func hasDuplicateKeys(line string) bool {
	dec := json.NewDecoder(strings.NewReader(line))
	type frame struct {
		keys  map[string]bool
		isObj bool
		key   bool
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				if len(stack) > 0 && stack[len(stack)-1].isObj {
					stack[len(stack)-1].key = true
				}
				stack = append(stack, &frame{keys: map[string]bool{}, isObj: true, key: true})
			case '[':
				if len(stack) > 0 && stack[len(stack)-1].isObj {
					stack[len(stack)-1].key = true
				}
				stack = append(stack, &frame{})
			default:
				stack = stack[:len(stack)-1]
			}
		case string:
			top := stack[len(stack)-1]
			if top.isObj && top.key {
				if top.keys[t] || strings.Contains(t, ".") {
					return true
				}
				top.keys[t] = true
				top.key = false
				continue
			}
			if top.isObj {
				top.key = true
			}
		default:
			if top := stack[len(stack)-1]; top.isObj {
				top.key = true
			}
		}
	}
}

// FuzzRead: any input, in any format, is read to the end without a
// panic; every line is counted.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"testdata/zeek-dns.log", "testdata/eve.json", "testdata/okta-spray.json"} {
		data, _ := os.ReadFile(name)
		f.Add(data, uint8(0))
	}
	f.Add([]byte("a,b\n1.2.3.4,\"x\n"), uint8(7))
	f.Add([]byte("evil.example\nhxxp://x[.]com/a\n"), uint8(8))
	f.Fuzz(func(t *testing.T, data []byte, fi uint8) {
		format := FormatAuto
		if int(fi) < len(Formats) && fi > 0 {
			format = Formats[fi-1]
		}
		in, err := Open("-", bytes.NewReader(data))
		if err != nil {
			return
		}
		opt := Options{Format: format}
		if format == FormatJSON || format == FormatCSV {
			opt.Fields = []Field{{"a", Any, RoleMatch}}
		}
		st, _ := Read(in, opt, Sink{Event: func(e *Event) error {
			if e.Kind == Unknown || e.Kind == Any || len(e.Value) == 0 {
				t.Fatalf("event %+v", e)
			}
			return nil
		}, SignIn: func(SignIn) {}})
		if st != nil && st.Malformed.Count > st.Lines {
			t.Fatalf("%d malformed of %d lines", st.Malformed.Count, st.Lines)
		}
	})
}
