package stix

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Kind is the JSON kind of a Value.
type Kind uint8

// The JSON kinds.
const (
	KindNull Kind = iota
	KindBool
	KindNumber
	KindString
	KindArray
	KindObject
)

func (k Kind) String() string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "boolean"
	case KindNumber:
		return "number"
	case KindString:
		return "string"
	case KindArray:
		return "list"
	case KindObject:
		return "object"
	}
	return "unknown"
}

// Value is a parsed JSON value. Objects keep their members in document order
// and numbers keep the literal text they were written with, so nothing of the
// input is lost or reformatted when a Value is encoded again.
type Value struct {
	Str     string   // the decoded text of a String; the literal of a Number
	Items   []Value  // the elements of an Array
	Members []Member // the members of an Object, in document order
	Kind    Kind
	Bool    bool // the value of a Bool
}

// Member is one name/value pair of a JSON object.
type Member struct {
	Name  string
	Value Value
}

// Get returns the value of the member called name, or nil when v is not an
// object or has no such member.
func (v *Value) Get(name string) *Value {
	if v == nil || v.Kind != KindObject {
		return nil
	}
	for i := range v.Members {
		if v.Members[i].Name == name {
			return &v.Members[i].Value
		}
	}
	return nil
}

// GetString returns the member called name when it is a string.
func (v *Value) GetString(name string) (string, bool) {
	m := v.Get(name)
	if m == nil || m.Kind != KindString {
		return "", false
	}
	return m.Str, true
}

// Set replaces the member called name, or appends it when absent.
func (v *Value) Set(name string, val Value) {
	for i := range v.Members {
		if v.Members[i].Name == name {
			v.Members[i].Value = val
			return
		}
	}
	v.Members = append(v.Members, Member{Name: name, Value: val})
}

// Delete removes the member called name and reports whether it was present.
func (v *Value) Delete(name string) bool {
	for i := range v.Members {
		if v.Members[i].Name == name {
			v.Members = append(v.Members[:i], v.Members[i+1:]...)
			return true
		}
	}
	return false
}

// StringValue returns a Value holding s.
func StringValue(s string) Value { return Value{Kind: KindString, Str: s} }

// BoolValue returns a Value holding b.
func BoolValue(b bool) Value { return Value{Kind: KindBool, Bool: b} }

// StringList returns a Value holding a list of strings.
func StringList(ss ...string) Value {
	v := Value{Kind: KindArray, Items: make([]Value, len(ss))}
	for i, s := range ss {
		v.Items[i] = StringValue(s)
	}
	return v
}

// Int returns the value of an integer Number. ok is false for other kinds,
// for numbers with a fraction or exponent that is not integral, and for
// integers outside the int64 range.
func (v *Value) Int() (n int64, ok bool) {
	if v.Kind != KindNumber {
		return 0, false
	}
	if n, err := strconv.ParseInt(v.Str, 10, 64); err == nil {
		return n, true
	}
	// 1.0 and 1e3 are integers in JSON's number model.
	f, err := strconv.ParseFloat(v.Str, 64)
	if err != nil || f != float64(int64(f)) || f > 1<<53 || f < -(1<<53) {
		return 0, false
	}
	return int64(f), true
}

// Float returns the value of a Number.
func (v *Value) Float() (float64, bool) {
	if v.Kind != KindNumber {
		return 0, false
	}
	f, err := strconv.ParseFloat(v.Str, 64)
	return f, err == nil
}

// Limits bound what a single decoded value may hold. Input from outside is
// decoded with DefaultLimits unless the caller chooses others.
type Limits struct {
	MaxDepth       int // deepest nesting of objects and lists
	MaxStringBytes int // longest single string, in bytes after unescaping
	MaxValueBytes  int // largest single encoded value (one STIX object)
}

// The default limits. They are far above anything in real STIX content (the
// deepest ATT&CK object nests 4 levels, its longest description is 20 KiB)
// and low enough that hostile input cannot exhaust memory.
const (
	DefaultMaxDepth       = 64
	DefaultMaxStringBytes = 8 << 20
	DefaultMaxValueBytes  = 32 << 20
)

// DefaultLimits are the limits applied to input from outside.
var DefaultLimits = Limits{
	MaxDepth:       DefaultMaxDepth,
	MaxStringBytes: DefaultMaxStringBytes,
	MaxValueBytes:  DefaultMaxValueBytes,
}

// LimitError reports input that exceeds one of the Limits.
type LimitError struct {
	What   string // "nesting depth", "string length", "object size"
	Limit  int
	Offset int64 // byte offset in the input where the limit was passed
	Path   string
}

func (e *LimitError) Error() string {
	loc := fmt.Sprintf(" at byte offset %d", e.Offset)
	if e.Path != "" {
		loc += " (" + e.Path + ")"
	}
	return e.Problem() + loc
}

// Problem says what limit was passed, without the place.
func (e *LimitError) Problem() string {
	limit := fmt.Sprint(e.Limit)
	if e.What != "nesting depth" {
		limit = sizeText(e.Limit)
	}
	return fmt.Sprintf("%s exceeds the limit of %s", e.What, limit)
}

// sizeText writes a byte count the way limits are usually stated.
func sizeText(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// AppendJSON appends the compact JSON encoding of v to b. Members keep their
// order and numbers their literal text.
func (v *Value) AppendJSON(b []byte) []byte {
	switch v.Kind {
	case KindNull:
		return append(b, "null"...)
	case KindBool:
		return strconv.AppendBool(b, v.Bool)
	case KindNumber:
		return append(b, v.Str...)
	case KindString:
		b = appendQuote(b, v.Str)
		return b
	case KindArray:
		b = append(b, '[')
		for i := range v.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = v.Items[i].AppendJSON(b)
		}
		return append(b, ']')
	case KindObject:
		b = append(b, '{')
		for i := range v.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendQuote(b, v.Members[i].Name)
			b = append(b, ':')
			b = v.Members[i].Value.AppendJSON(b)
		}
		return append(b, '}')
	}
	return b
}

// MarshalJSON returns the compact JSON encoding of v.
func (v Value) MarshalJSON() ([]byte, error) { return v.AppendJSON(nil), nil }

// String returns the compact JSON encoding of v.
func (v *Value) String() string { return string(v.AppendJSON(nil)) }

// Canonical returns the RFC 8785 (JSON Canonicalization Scheme) form of the
// JSON text raw: members sorted, no whitespace, numbers and strings in their
// canonical forms. Two STIX objects are the same object when their canonical
// forms are equal.
func Canonical(raw []byte) ([]byte, error) {
	v := jsontext.Value(bytes.Clone(raw))
	if err := v.Canonicalize(); err != nil {
		return nil, err
	}
	return v, nil
}

// pathJoin appends a member name to a JSON path in the dotted form used in
// validation messages: objects[3].external_references[0].url.
func pathJoin(base, name string) string {
	if base == "" {
		return name
	}
	return base + "." + name
}

func pathIndex(base string, i int) string {
	var sb strings.Builder
	sb.WriteString(base)
	sb.WriteByte('[')
	sb.WriteString(strconv.Itoa(i))
	sb.WriteByte(']')
	return sb.String()
}
