package stix

import (
	"strings"
)

// Object is one STIX object: its common properties decoded for indexing,
// every property (custom ones included) in Props, and its compact JSON text
// in Raw, with members in the order the producer wrote them.
type Object struct {
	Type        string
	ID          string
	SpecVersion string // as written; "" when absent
	Created     string // as written; "" when absent
	Modified    string // as written; "" when absent
	Revoked     bool
	Props       Value  // the whole object, Kind Object
	Raw         []byte // compact JSON of Props
}

// NewObject wraps a decoded JSON object. It never fails: missing or
// mistyped common properties are left empty for Validate to report. raw
// must be the compact encoding of v; when nil it is computed.
func NewObject(v Value, raw []byte) *Object {
	o := &Object{Props: v, Raw: raw}
	o.refresh()
	if o.Raw == nil {
		// Sized first: the report object of a long text runs to tens of
		// megabytes, which growing by doubling would copy and leave behind
		// several times over.
		o.Raw = v.AppendJSON(make([]byte, 0, sizeHint(&v)+64))
	}
	return o
}

// JSONSize returns the length of v's compact encoding, AppendJSON's:
// exact unless a string holds invalid UTF-8 (its bytes become the three
// of U+FFFD), which can make it longer.
func JSONSize(v *Value) int { return jsonSize(v) }

// jsonSize returns about the length of v's compact JSON encoding (exactly,
// when no string needs escaping).
func jsonSize(v *Value) int { return sizeFrom(v, 0) }

// sizeHint is jsonSize reading only the strings of 4 kB or more: a
// shorter one is counted as its length and quotes, what it takes when
// nothing in it needs escaping (nearly always; NewObject's room to spare
// takes a few escapes, and a buffer that must grow is a small one). The
// quoted sentences of an object's evidence (an indicator mentioned a
// hundred times has a hundred) were read twice, once for the size and
// once to encode them.
func sizeHint(v *Value) int { return sizeFrom(v, 4<<10) }

// sizeFrom is the length of v's encoding with its strings (names
// included) read for escapes when they are read bytes long or more, and
// counted as their length and quotes when shorter.
func sizeFrom(v *Value, read int) int {
	str := func(s string) int {
		if len(s) >= read {
			return quotedSize(s)
		}
		return len(s) + 2
	}
	switch v.Kind {
	case KindNull:
		return len("null")
	case KindBool:
		if v.Bool {
			return len("true")
		}
		return len("false")
	case KindNumber:
		return len(v.Str)
	case KindString:
		return str(v.Str)
	case KindArray:
		n := 2 + max(len(v.Items)-1, 0) // brackets and commas
		for i := range v.Items {
			n += sizeFrom(&v.Items[i], read)
		}
		return n
	case KindObject:
		n := 2 + max(len(v.Members)-1, 0) // braces and commas
		for i := range v.Members {
			n += str(v.Members[i].Name) + 1 + sizeFrom(&v.Members[i].Value, read) // "name":
		}
		return n
	}
	return 0
}

// refresh re-reads the common properties from Props.
func (o *Object) refresh() {
	o.Type, _ = o.Props.GetString("type")
	o.ID, _ = o.Props.GetString("id")
	o.SpecVersion, _ = o.Props.GetString("spec_version")
	o.Created, _ = o.Props.GetString("created")
	o.Modified, _ = o.Props.GetString("modified")
	if r := o.Props.Get("revoked"); r != nil && r.Kind == KindBool {
		o.Revoked = r.Bool
	} else {
		o.Revoked = false
	}
}

// Reencode recomputes Raw and the common fields after Props was changed.
func (o *Object) Reencode() {
	o.refresh()
	o.Raw = o.Props.AppendJSON(nil)
}

// Name returns the object's name property, or "".
func (o *Object) Name() string {
	s, _ := o.Props.GetString("name")
	return s
}

// Description returns the object's description property, or "".
func (o *Object) Description() string {
	s, _ := o.Props.GetString("description")
	return s
}

// NameKind says how a name was found on an object.
type NameKind string

// The kinds of names indexed for lookup.
const (
	NameName       NameKind = "name"        // the name property
	NameAlias      NameKind = "alias"       // aliases, x_mitre_aliases
	NameExternalID NameKind = "external_id" // an external reference's external_id (T1566, G0059, CVE-...)
	NameValue      NameKind = "value"       // an SCO's value (domain-name, ipv4-addr, url, ...)
)

// NameRef is one name an object can be looked up by.
type NameRef struct {
	Name string
	Kind NameKind
}

// aliasProperties are the list-of-string properties that hold other names
// of an object: the spec's aliases and ATT&CK's x_mitre_aliases.
var aliasProperties = []string{"aliases", "x_mitre_aliases"}

// Names returns the names the object can be looked up by, without
// duplicates: name, aliases, external ids and, for SCOs, value.
func (o *Object) Names() []NameRef {
	var out []NameRef
	seen := map[string]bool{}
	add := func(s string, k NameKind) {
		s = strings.TrimSpace(s)
		if s == "" || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, NameRef{Name: s, Kind: k})
	}
	if s, ok := o.Props.GetString("name"); ok {
		add(s, NameName)
	}
	for _, p := range aliasProperties {
		if l := o.Props.Get(p); l != nil && l.Kind == KindArray {
			for i := range l.Items {
				if l.Items[i].Kind == KindString {
					add(l.Items[i].Str, NameAlias)
				}
			}
		}
	}
	if refs := o.Props.Get("external_references"); refs != nil && refs.Kind == KindArray {
		for i := range refs.Items {
			if s, ok := refs.Items[i].GetString("external_id"); ok {
				add(s, NameExternalID)
			}
		}
	}
	if s, ok := o.Props.GetString("value"); ok {
		add(s, NameValue)
	}
	return out
}

// Ref is one reference from an object to another: the property that holds
// it (source_ref, object_marking_refs, granular_markings.marking_ref, ...)
// and the id it points at.
type Ref struct {
	Prop string
	To   string
}

// Refs returns the references held by the object's top-level *_ref and
// *_refs properties and by its granular markings, in document order.
func (o *Object) Refs() []Ref {
	var out []Ref
	for i := range o.Props.Members {
		m := &o.Props.Members[i]
		switch {
		case strings.HasSuffix(m.Name, "_ref"):
			if m.Value.Kind == KindString {
				out = append(out, Ref{Prop: m.Name, To: m.Value.Str})
			}
		case strings.HasSuffix(m.Name, "_refs"):
			if m.Value.Kind == KindArray {
				for j := range m.Value.Items {
					if m.Value.Items[j].Kind == KindString {
						out = append(out, Ref{Prop: m.Name, To: m.Value.Items[j].Str})
					}
				}
			}
		case m.Name == "granular_markings":
			if m.Value.Kind == KindArray {
				for j := range m.Value.Items {
					if s, ok := m.Value.Items[j].GetString("marking_ref"); ok {
						out = append(out, Ref{Prop: "granular_markings.marking_ref", To: s})
					}
				}
			}
		}
	}
	return out
}

// TypeOfID returns the type part of a STIX identifier ("indicator" for
// "indicator--8e2e..."), or "" when id has no "--".
func TypeOfID(id string) string {
	i := strings.Index(id, "--")
	if i < 0 {
		return ""
	}
	return id[:i]
}
