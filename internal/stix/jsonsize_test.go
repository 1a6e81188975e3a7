package stix

import (
	"strings"
	"testing"
)

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

// TestSizeHint: NewObject's room (sizeHint and its spare) is the
// encoding's length where no short string needs escaping and at most a
// little less where some do; the encoding is the same however far the
// room falls short (a short string of a hundred escapes, a long one of
// a thousand).
func TestSizeHint(t *testing.T) {
	long := strings.Repeat("a line\n", 1000)
	for _, v := range []Value{
		NewBuilder().Str("type", "indicator").Str("name", "evil.example.com").Str("quote", "A sentence, “quoted”.").Value(),
		NewBuilder().Str("type", "note").Str("content", strings.Repeat("\"\n", 100)).Str("text", long).Value(),
	} {
		raw := v.AppendJSON(nil)
		hint := sizeHint(&v)
		if hint > len(raw) {
			t.Errorf("sizeHint %d, more than the encoding's %d bytes", hint, len(raw))
		}
		if o := NewObject(v, nil); string(o.Raw) != string(raw) {
			t.Errorf("NewObject Raw got %.80s..., want %.80s...", o.Raw, raw)
		}
	}
	clean := NewBuilder().Str("type", "indicator").Str("quote", "No escapes here: é, ’, 2016.").Value()
	if hint, raw := sizeHint(&clean), clean.AppendJSON(nil); hint != len(raw) {
		t.Errorf("sizeHint of an object with nothing to escape %d, want %d", hint, len(raw))
	}
}

// BenchmarkNewObject makes an indicator whose evidence quotes twenty
// sentences, as Build does for a value a report names twenty times.
func BenchmarkNewObject(b *testing.B) {
	quote := strings.Repeat("The actor, tracked as APT28, used spear-phishing against “campaign staff” in 2016. ", 3)
	var items []Value
	for i := range 20 {
		items = append(items, NewBuilder().Str("report_ref", "report--6b5f3c4e-1111-5222-8333-944455556666").Int("offset", 1000+i).Int("length", 12).Str("quote", quote).Value())
	}
	ext := NewBuilder().Str("extension_type", "property-extension").List("evidence", items).Value()
	v := NewBuilder().Str("type", "indicator").Str("spec_version", "2.1").Str("id", "indicator--6b5f3c4e-1111-5222-8333-944455556666").
		Str("name", "evil.example.com").Str("pattern", "[domain-name:value = 'evil.example.com']").
		Val("extensions", NewBuilder().Val("extension-definition--fb9c968a-745b-4ade-9b25-c324172197f4", ext).Value()).Value()
	b.ReportAllocs()
	for b.Loop() {
		NewObject(v, nil)
	}
}
