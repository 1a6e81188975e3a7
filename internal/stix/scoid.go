package stix

import (
	"fmt"

	"github.com/google/uuid"
)

// SCONamespace is the UUIDv5 namespace of deterministic SCO identifiers
// (section 2.9). Only SCO ids computed by the specification's rules may use
// it.
var SCONamespace = uuid.MustParse("00abedb4-aa42-466c-9c01-fed23315a9b7")

// hashPreference is the order in which one hash is chosen for an id when
// an SCO's hashes has several (sections 6.1, 6.7 and 6.18).
var hashPreference = [...]string{"MD5", "SHA-1", "SHA-256", "SHA-512"}

// DeterministicID computes the identifier of the SCO v the way section
// 2.9 and the SCO's "ID Contributing Properties" define it: a UUIDv5 in
// SCONamespace over the RFC 8785 (JCS) canonical JSON of an object holding
// the contributing properties that v has.
//
// The values are taken as they are, references (from_ref,
// parent_directory_ref, src_ref, ...) as the full identifiers they hold,
// lists (protocols, values) and dictionaries (extensions) whole; only
// hashes is reduced to a single hash, the first of MD5, SHA-1, SHA-256 and
// SHA-512 that it has, or else its first member in document order. These
// are the rules of the OASIS reference implementation (python-stix2), which
// the Errata 01 examples were regenerated with.
//
// ok is false, with a nil error, when v has none of its type's contributing
// properties, or its type has none (process): the specification then
// requires a UUIDv4, which the caller must generate. err is non-nil when v
// is not an object of an SCO type the specification defines, when it has an
// empty hashes, or when its contributing values cannot be canonicalised.
func DeterministicID(v *Value) (id string, ok bool, err error) {
	if v == nil || v.Kind != KindObject {
		return "", false, fmt.Errorf("stix: deterministic id: not a JSON object")
	}
	typ, _ := v.GetString("type")
	spec := Types[typ]
	if spec == nil || spec.Class != ClassSCO {
		return "", false, fmt.Errorf("stix: deterministic id: %q is not a STIX 2.1 cyber-observable type", typ)
	}
	name := Value{Kind: KindObject}
	for _, p := range spec.IDContributing {
		val := v.Get(p)
		if val == nil {
			continue
		}
		if p == "hashes" {
			h, err := oneHash(val)
			if err != nil {
				return "", false, err
			}
			name.Members = append(name.Members, Member{Name: p, Value: h})
			continue
		}
		name.Members = append(name.Members, Member{Name: p, Value: *val})
	}
	if len(name.Members) == 0 {
		return "", false, nil
	}
	canon := name.AppendJSON(nil)
	if !canonicalAsWritten(&name) {
		var err error
		if canon, err = Canonical(canon); err != nil {
			return "", false, fmt.Errorf("stix: deterministic id of %s: %w", typ, err)
		}
	}
	return typ + "--" + uuid.NewSHA1(SCONamespace, canon).String(), true, nil
}

// canonicalAsWritten reports whether AppendJSON writes v in its canonical
// form (RFC 8785) already: an object of one member (no order to choose)
// whose value is a string or such an object, as the names of most
// observables are ({"value": ...}, {"hashes": {"SHA-256": ...}}).
// AppendJSON escapes strings as canonicalisation does
// (TestCanonicalAsWritten); canonicalising them again is most of the
// cost of an id.
func canonicalAsWritten(v *Value) bool {
	for v.Kind == KindObject {
		if len(v.Members) != 1 {
			return false
		}
		v = &v.Members[0].Value
	}
	return v.Kind == KindString
}

// oneHash returns a hashes dictionary holding the one hash an id uses.
func oneHash(h *Value) (Value, error) {
	if h.Kind != KindObject || len(h.Members) == 0 {
		return Value{}, fmt.Errorf("stix: deterministic id: hashes must be a non-empty dictionary")
	}
	pick := &h.Members[0]
	for _, alg := range hashPreference {
		if m := memberNamed(h, alg); m != nil {
			pick = m
			break
		}
	}
	return Value{Kind: KindObject, Members: []Member{*pick}}, nil
}

func memberNamed(v *Value, name string) *Member {
	for i := range v.Members {
		if v.Members[i].Name == name {
			return &v.Members[i]
		}
	}
	return nil
}
