package pattern

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/stix"
)

// eval evaluates a compiled comparison expression against one root object.
func (cd *cond) eval(obj *Object, o *Observation) bool {
	switch cd.kind {
	case condAnd:
		for _, k := range cd.kids {
			if !k.eval(obj, o) {
				return false
			}
		}
		return true
	case condOr:
		for _, k := range cd.kids {
			if k.eval(obj, o) {
				return true
			}
		}
		return false
	}
	return cd.cmp.eval(obj, o)
}

// eval evaluates the comparison against one root object: false when the
// object is of another type or the path reaches no value; otherwise the
// positive test, negated by NOT (and !=).
func (m *cmp) eval(obj *Object, o *Observation) bool {
	if obj.Type != m.typ {
		return false
	}
	found, pos := m.walk(obj.Value, 0, o)
	if !found {
		return false
	}
	if m.exists {
		return true
	}
	return pos != m.not
}

// walk follows steps[i:] from v. found says whether any value was
// reached, pos whether one of them passed the positive test.
func (m *cmp) walk(v *stix.Value, i int, o *Observation) (found, pos bool) {
	if i == len(m.steps) {
		return true, m.exists || m.test(v)
	}
	s := &m.steps[i]
	if s.deref && v.Kind == stix.KindString && o != nil {
		if v = o.deref(v.Str); v == nil {
			return false, false
		}
	}
	switch s.kind {
	case StepKey:
		if v.Kind != stix.KindObject {
			return false, false
		}
		child := v.Get(s.key)
		if child == nil && i > 0 && m.steps[i-1].kind == StepKey && m.steps[i-1].key == "hashes" {
			child = hashEntry(v, s.key)
		}
		if child == nil {
			return false, false
		}
		return m.walk(child, i+1, o)
	case StepIndex:
		if v.Kind != stix.KindArray {
			return false, false
		}
		n := s.index
		if n < 0 {
			n += len(v.Items)
		}
		if n < 0 || n >= len(v.Items) {
			return false, false
		}
		return m.walk(&v.Items[n], i+1, o)
	default: // StepStar
		if v.Kind != stix.KindArray {
			return false, false
		}
		for j := range v.Items {
			f, p := m.walk(&v.Items[j], i+1, o)
			if p {
				return true, true
			}
			found = found || f
		}
		return found, false
	}
}

// hashEntry finds a hashes dictionary entry whose name differs from algo
// only in case, hyphens and underscores ("sha256" for 'SHA-256'), as
// producers of STIX 2.0 often wrote them.
func hashEntry(v *stix.Value, algo string) *stix.Value {
	want := hashName(algo)
	for i := range v.Members {
		if hashName(v.Members[i].Name) == want {
			return &v.Members[i].Value
		}
	}
	return nil
}

func hashName(s string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", "_", "").Replace(s))
}

// test is the positive form of the comparison on one value.
func (m *cmp) test(v *stix.Value) bool {
	switch m.op {
	case OpEq:
		return m.equal(v, &m.c)
	case OpIn:
		for i := range m.set {
			if m.equal(v, &m.set[i]) {
				return true
			}
		}
		return false
	case OpLt, OpLe, OpGt, OpGe:
		r, ok := m.compare(v, &m.c)
		if !ok {
			return false
		}
		switch m.op {
		case OpLt:
			return r < 0
		case OpLe:
			return r <= 0
		case OpGt:
			return r > 0
		}
		return r >= 0
	case OpLike, OpMatches:
		s, ok := m.text(v)
		if !ok {
			return false
		}
		s = nfc(s)
		// A cheap search for the text every match contains first.
		if m.lit != "" && !strings.Contains(s, m.lit) {
			return false
		}
		return m.re.MatchString(s)
	case OpIsSubset, OpIsSuperset:
		if v.Kind != stix.KindString {
			return false
		}
		p, ok := parsePrefix(v.Str)
		if !ok {
			return false
		}
		if m.op == OpIsSubset {
			return m.prefix.Bits() <= p.Bits() && m.prefix.Contains(p.Addr())
		}
		return p.Bits() <= m.prefix.Bits() && p.Contains(m.prefix.Addr())
	}
	return false
}

// text is the string LIKE and MATCHES see: a string, or binary data with
// each byte as the code point of the same number.
func (m *cmp) text(v *stix.Value) (string, bool) {
	if v.Kind != stix.KindString {
		return "", false
	}
	if m.binary {
		b, ok := m.bytesOf(v)
		if !ok {
			return "", false
		}
		return latin1String(b), true
	}
	return v.Str, true
}

// bytesOf decodes the value of a *_hex or *_bin property.
func (m *cmp) bytesOf(v *stix.Value) ([]byte, bool) {
	if v.Kind != stix.KindString {
		return nil, false
	}
	last := ""
	for _, s := range m.steps {
		if s.kind == StepKey {
			last = s.key
		}
	}
	if strings.HasSuffix(last, "_hex") {
		b, err := hex.DecodeString(v.Str)
		return b, err == nil
	}
	b, err := base64.StdEncoding.DecodeString(v.Str)
	return b, err == nil
}

func latin1String(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// latin1Bytes encodes s one byte per code point; ok is false when s has a
// code point above 255 (such a string never equals binary data).
func latin1Bytes(s string) ([]byte, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 255 {
			return nil, false
		}
		b = append(b, byte(r))
	}
	return b, true
}

// equal is the = test of a value against a constant; values of another
// type are not equal.
func (m *cmp) equal(v *stix.Value, c *Constant) bool {
	switch c.Kind {
	case KindString:
		if m.binary {
			b, ok := m.bytesOf(v)
			if !ok {
				return false
			}
			cb, ok := latin1Bytes(c.Str)
			return ok && bytes.Equal(b, cb)
		}
		return v.Kind == stix.KindString && v.Str == c.Str
	case KindBool:
		return v.Kind == stix.KindBool && v.Bool == c.Bool
	}
	r, ok := m.compare(v, c)
	return ok && r == 0
}

// compare orders a value against a constant of a comparable type; ok is
// false for mismatched types.
func (m *cmp) compare(v *stix.Value, c *Constant) (int, bool) {
	switch c.Kind {
	case KindString:
		if m.binary {
			b, ok := m.bytesOf(v)
			if !ok {
				return 0, false
			}
			cb, ok := latin1Bytes(c.Str)
			if !ok {
				return 0, false
			}
			return bytes.Compare(b, cb), true
		}
		if v.Kind != stix.KindString {
			return 0, false
		}
		return strings.Compare(v.Str, c.Str), true
	case KindInt, KindFloat:
		if v.Kind != stix.KindNumber {
			return 0, false
		}
		return compareNumber(v.Str, c)
	case KindTimestamp:
		if v.Kind != stix.KindString {
			return 0, false
		}
		t, ok := parseTime(v.Str)
		if !ok {
			return 0, false
		}
		return t.Compare(c.Time), true
	case KindBinary:
		var b []byte
		if m.binary {
			var ok bool
			if b, ok = m.bytesOf(v); !ok {
				return 0, false
			}
		} else {
			if v.Kind != stix.KindString {
				return 0, false
			}
			var ok bool
			if b, ok = latin1Bytes(v.Str); !ok {
				return 0, false
			}
		}
		return bytes.Compare(b, c.Bytes), true
	}
	return 0, false
}

// compareNumber compares a JSON number literal with an integer or float
// constant, exactly for integers.
func compareNumber(lit string, c *Constant) (int, bool) {
	if c.Kind == KindInt {
		if n, err := strconv.ParseInt(lit, 10, 64); err == nil {
			switch {
			case n < c.Int:
				return -1, true
			case n > c.Int:
				return 1, true
			}
			return 0, true
		}
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		return 0, false
	}
	cf := c.Float
	if c.Kind == KindInt {
		cf = float64(c.Int)
	}
	switch {
	case f < cf:
		return -1, true
	case f > cf:
		return 1, true
	case f == cf:
		return 0, true
	}
	return 0, false // NaN
}

// parseTime reads a timestamp value of an object: a STIX timestamp, or
// any RFC 3339 instant.
func parseTime(s string) (time.Time, bool) {
	if ts, err := stix.ParseTimestamp(s); err == nil {
		return ts.Time, true
	}
	if !utf8.ValidString(s) || len(s) < 20 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}
