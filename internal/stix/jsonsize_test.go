package stix

import "testing"

// TestJSONSize checks that the size NewObject reserves for an object's
// JSON is exact, escapes included, and that the encoding is the same
// either way.
func TestJSONSize(t *testing.T) {
	inner := NewBuilder().Str("quote", "a sentence").Int("offset", 12).
		Str("text", "two\nlines, a \"quote\", a \\ and\ta\x01\x1f <b>&amp; é \u2028").Str("line\nbreak", "x").Value()
	v := NewBuilder().Str("type", "report").Str("id", "report--1").Bool("revoked", false).
		Strs("object_refs", []string{"a", "b"}).List("mentions", []Value{inner, inner}).
		Val("none", Value{Kind: KindNull}).Value()
	raw := v.AppendJSON(nil)
	if got := jsonSize(&v); got != len(raw) {
		t.Errorf("jsonSize got %d, want %d (%s)", got, len(raw), raw)
	}
	if o := NewObject(v, nil); string(o.Raw) != string(raw) {
		t.Errorf("NewObject Raw got %s, want %s", o.Raw, raw)
	}
}
