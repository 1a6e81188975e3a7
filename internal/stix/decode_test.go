package stix

import (
	"bytes"
	"errors"
	"math/big"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// toAny turns a Value into the shapes encoding/json produces, numbers as
// exact rationals, so that it can be compared with a reference decoder.
func toAny(v Value) any {
	switch v.Kind {
	case KindNull:
		return nil
	case KindBool:
		return v.Bool
	case KindNumber:
		r, _ := new(big.Rat).SetString(v.Str)
		return r.RatString()
	case KindString:
		return v.Str
	case KindArray:
		out := make([]any, len(v.Items))
		for i, it := range v.Items {
			out[i] = toAny(it)
		}
		return out
	default:
		out := make(map[string]any, len(v.Members))
		for _, m := range v.Members {
			out[m.Name] = toAny(m.Value)
		}
		return out
	}
}

// refAny decodes with the reference decoder, numbers as rationals.
func refAny(raw []byte) (any, error) {
	var v any
	if err := json.Unmarshal(raw, &v, json.WithUnmarshalers(json.UnmarshalFromFunc(func(d *jsontext.Decoder, n *any) error {
		if d.PeekKind() != '0' {
			return errors.ErrUnsupported
		}
		tok, err := d.ReadToken()
		if err != nil {
			return err
		}
		r, _ := new(big.Rat).SetString(tok.String())
		*n = r.RatString()
		return nil
	}))); err != nil {
		return nil, err
	}
	return v, nil
}

func FuzzDecodeValid(f *testing.F) {
	for _, s := range []string{
		objA,
		`{"a":[1,2.5,-3e10,true,false,null,{"b":"c\"d\\e\/f\b\f\n\r\t\u00e9\ud83d\ude00"}],"":{}}`,
		`[]`, `{}`, `"x"`, `0`, `[[[[]]]]`, ` { "a" : [ 1 , 2 ] } `,
		`{"type":"indicator","pattern":"[file:name = 'a\\b']","x":1.0E+2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !jsontext.Value(raw).IsValid() {
			if _, err := DecodeValue(raw, 0, DefaultLimits); err == nil {
				t.Fatalf("DecodeValue accepted invalid JSON %q", raw)
			}
			return
		}
		v, compacted, err := decodeValid(bytes.TrimLeft(raw, " \t\r\n"), 0, Limits{}, true)
		if err != nil {
			t.Fatalf("decodeValid(%q): %v", raw, err)
		}
		want, err := refAny(raw)
		if err != nil {
			t.Fatalf("reference decoder: %v", err)
		}
		got := toAny(v)
		gj, _ := json.Marshal(got, json.Deterministic(true))
		wj, _ := json.Marshal(want, json.Deterministic(true))
		if !bytes.Equal(gj, wj) {
			t.Fatalf("decodeValid(%q)\n got %s\nwant %s", raw, gj, wj)
		}
		ref := jsontext.Value(bytes.Clone(raw))
		if err := ref.Compact(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(compacted, ref) {
			t.Fatalf("compact(%q)\n got %s\nwant %s", raw, compacted, ref)
		}
		// Encoding the tree gives JSON that means the same.
		again, err := refAny(v.AppendJSON(nil))
		if err != nil {
			t.Fatalf("AppendJSON gave invalid JSON %s: %v", v.AppendJSON(nil), err)
		}
		aj, _ := json.Marshal(again, json.Deterministic(true))
		if !bytes.Equal(aj, wj) {
			t.Fatalf("AppendJSON round trip of %q\n got %s\nwant %s", raw, aj, wj)
		}
	})
}
