package stix

import (
	"fmt"
	"strings"
)

// Problem is one violation of a MUST rule of the STIX 2.1 specification.
type Problem struct {
	// Path locates the offending value inside the object, in the form
	// external_references[0].source_name; "" means the object as a whole.
	Path string
	// Msg says what is wrong, quoting the offending value.
	Msg string
}

// String returns "path: message", or the message alone for the whole
// object.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Validate checks o against the MUST rules of STIX 2.1 and returns the
// problems it finds, in document order; nil means o is valid. It only
// reports: o is never changed, and no value is normalised.
//
// What is checked: required properties; the data type of every property the
// specification defines (strings, integers and their bounds, floats,
// booleans, timestamps, identifiers and the types they may reference,
// lists, which must not be empty, dictionaries, hashes, hex, binary, open
// vocabularies and enumerations, external references, kill chain phases,
// granular markings and their selectors, extensions); the syntax of type
// names, property names, dictionary keys and identifiers; spec_version
// "2.1"; modified not earlier than created; and the rules of each object
// type (sections 4 to 7). Objects of types the specification does not
// define are kept: their type name, id, property names and any common
// properties they carry are checked, and those that declare an extension
// definition of type new-sdo, new-sco or new-sro are held to the common
// rules of that class. Unknown properties are never a problem by
// themselves; their names must follow the naming rules. References are
// checked by the type part of the identifier only: Validate does not
// resolve them.
//
// Validate is safe for concurrent use. It allocates only to report
// problems.
func Validate(o *Object) []Problem {
	var v validator
	v.root = &o.Props
	v.object(&o.Props)
	return v.probs
}

// IsValidTypeName reports whether t is a valid STIX type name (sections
// 3.1 and 11.2): 3 to 250 characters of a-z, 0-9 and hyphen, starting with
// a letter, with no two hyphens in a row and no hyphen at the end.
func IsValidTypeName(t string) bool {
	if len(t) < 3 || len(t) > 250 || t[0] < 'a' || t[0] > 'z' || t[len(t)-1] == '-' {
		return false
	}
	for i := 1; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if t[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// IsValidID reports whether id is a STIX identifier (section 2.9): a valid
// type name, "--", and an RFC 4122 UUID (versions 1 to 5, RFC 4122
// variant), as the OASIS schema common/identifier.json requires. It does
// not compare the type part with anything.
func IsValidID(id string) bool {
	return idError(id) == ""
}

// idError explains why id is not an identifier, or returns "".
func idError(id string) string {
	i := strings.Index(id, "--")
	if i < 0 {
		return `it has no "--" between the type and the UUID`
	}
	if !IsValidTypeName(id[:i]) {
		return fmt.Sprintf("%q is not a valid type name", id[:i])
	}
	return uuidError(id[i+2:])
}

// uuidError explains why u is not an RFC 4122 UUID in its canonical
// 8-4-4-4-12 hexadecimal form, or returns "".
func uuidError(u string) string {
	// The dashes where they stand, then each run of digits: a bundle
	// holds tens of thousands of identifiers to check.
	if len(u) != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-' ||
		!hexRun(u[:8]) || !hexRun(u[9:13]) || !hexRun(u[14:18]) || !hexRun(u[19:23]) || !hexRun(u[24:]) {
		return fmt.Sprintf("%q is not a UUID (8-4-4-4-12 hexadecimal digits)", u)
	}
	if c := u[14]; c < '1' || c > '5' {
		return fmt.Sprintf("%q is not an RFC 4122 UUID: version %c is not 1 to 5", u, c)
	}
	switch u[19] {
	case '8', '9', 'a', 'b', 'A', 'B':
	default:
		return fmt.Sprintf("%q is not an RFC 4122 UUID: its variant is not RFC 4122", u)
	}
	return ""
}

func isHexDigit(c byte) bool { return hexDigits[c] }

// hexRun reports whether s is hexadecimal digits only.
func hexRun(s string) bool {
	for i := 0; i < len(s); i++ {
		if !hexDigits[s[i]] {
			return false
		}
	}
	return true
}

// hexDigits marks the bytes that are hexadecimal digits.
var hexDigits = func() (t [256]bool) {
	for _, c := range []byte("0123456789abcdefABCDEF") {
		t[c] = true
	}
	return t
}()

// isValidPropName reports whether n is a valid name for a property that
// the specification does not define (sections 3.1, 7.3.2 and 11.1): 3 to
// 250 characters of a-z, 0-9 and underscore, starting with a letter.
func isValidPropName(n string) bool {
	if len(n) < 3 || len(n) > 250 || n[0] < 'a' || n[0] > 'z' {
		return false
	}
	for i := 1; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// isValidDictKey reports whether k is a valid dictionary key (section
// 2.3): ASCII letters, digits, hyphen and underscore, at most 250 of them,
// and at least minLen (3 for hash algorithm names, section 2.7).
func isValidDictKey(k string, minLen int) bool {
	if len(k) < minLen || len(k) > 250 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// isValidExtensionName reports whether n is a valid name for a custom
// (deprecated) object extension (section 11.3): 3 to 250 characters of
// a-z, 0-9 and hyphen, ending in "-ext".
func isValidExtensionName(n string) bool {
	return IsValidTypeName(n) && strings.HasSuffix(n, "-ext")
}

// isLangTag reports whether s has the shape of an RFC 5646 language tag:
// hyphen-separated subtags of 1 to 8 letters and digits, the first one
// letters only (a language, or the singletons x and i of private-use and
// grandfathered tags).
func isLangTag(s string) bool {
	if s == "" {
		return false
	}
	first := true
	n := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '-' {
			if n == 0 || n > 8 {
				return false
			}
			first = false
			n = 0
			continue
		}
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9':
			if first {
				return false
			}
		default:
			return false
		}
		n++
	}
	return true
}

// isReservedName reports whether n is one of the property names section
// 3.8 reserves on every object.
func isReservedName(n string) bool {
	switch n {
	case "severity", "username", "phone_number", "action":
		return true
	}
	return false
}

// maxPathDepth bounds the path kept for messages; deeper values are still
// checked, and their paths end with "…".
const maxPathDepth = DefaultMaxDepth + 8

// pathElem is one step of the path to the value being checked: a member
// name, or a list index.
type pathElem struct {
	name  string
	idx   int
	isIdx bool
}

// validator collects the problems of one object. It keeps the path to the
// value being checked as a stack of its own, so that checking allocates
// nothing until a problem is reported.
type validator struct {
	probs []Problem
	root  *Value // the top-level object, for granular marking selectors
	cur   *Value // the object of an observable container being checked
	// container maps the keys of the observable container being checked
	// to the types of the objects they hold; nil outside a container.
	container map[string]string

	stack [maxPathDepth]pathElem
	depth int
}

func (v *validator) push(name string) {
	if v.depth < len(v.stack) {
		v.stack[v.depth] = pathElem{name: name}
	}
	v.depth++
}

func (v *validator) pushIdx(i int) {
	if v.depth < len(v.stack) {
		v.stack[v.depth] = pathElem{idx: i, isIdx: true}
	}
	v.depth++
}

func (v *validator) pop() { v.depth-- }

// path renders the current path as external_references[0].source_name.
func (v *validator) path() string {
	n := v.depth
	if n > len(v.stack) {
		n = len(v.stack)
	}
	s := ""
	for _, e := range v.stack[:n] {
		if e.isIdx {
			s = pathIndex(s, e.idx)
		} else {
			s = pathJoin(s, e.name)
		}
	}
	if v.depth > n {
		s += "…"
	}
	return s
}

// addf reports a problem with the value at the current path.
func (v *validator) addf(format string, args ...any) {
	v.probs = append(v.probs, Problem{Path: v.path(), Msg: fmt.Sprintf(format, args...)})
}

// addAt reports a problem with the member name of the current value.
func (v *validator) addAt(name, format string, args ...any) {
	v.push(name)
	v.addf(format, args...)
	v.pop()
}

// Specifications of the common properties checked on objects of types the
// specification does not define: those of an SDO or SRO, or of an SCO, for
// objects created by an extension definition (new-sdo, new-sro, new-sco),
// and all of them, none but type and id required, for custom objects.
var (
	newSDOSpec    = index(&TypeSpec{Type: "new-sdo", Class: ClassSDO, Props: sdoCommon()})
	newSCOSpec    = index(&TypeSpec{Type: "new-sco", Class: ClassSCO, Props: scoCommon()})
	customObjSpec = index(&TypeSpec{Type: "custom", Props: customCommon()})
)

// The nested types checked most often, looked up once.
var (
	extRefSpec    *TypeSpec
	killChainSpec *TypeSpec
	granularSpec  *TypeSpec
)

func init() {
	extRefSpec = Nested["external-reference"]
	killChainSpec = Nested["kill-chain-phase"]
	granularSpec = Nested["granular-marking"]
}

func customCommon() []PropSpec {
	p := append(sdoCommon(), pBool("defanged"))
	for i := range p {
		p[i].Required = p[i].Name == "type" || p[i].Name == "id"
	}
	return p
}

// extensionClass returns the class an object of an undefined type belongs
// to by the extension definitions it declares (section 7.3), or
// ClassCustom.
func extensionClass(obj *Value) Class {
	ext := obj.Get("extensions")
	if ext == nil || ext.Kind != KindObject {
		return ClassCustom
	}
	for i := range ext.Members {
		if !strings.HasPrefix(ext.Members[i].Name, "extension-definition--") {
			continue
		}
		switch et, _ := ext.Members[i].Value.GetString("extension_type"); et {
		case "new-sdo":
			return ClassSDO
		case "new-sro":
			return ClassSRO
		case "new-sco":
			return ClassSCO
		}
	}
	return ClassCustom
}

// object checks one STIX object at the current path: a top-level object,
// or an SCO inside an observable container when v.container is set.
func (v *validator) object(obj *Value) {
	if obj.Kind != KindObject {
		v.addf("a STIX object must be a JSON object, not %s", kindPhrase(obj.Kind))
		return
	}
	typ := ""
	switch tv := obj.Get("type"); {
	case tv == nil:
		v.addAt("type", "required property is missing")
	case tv.Kind != KindString:
		v.addAt("type", "must be a string, not %s", kindPhrase(tv.Kind))
	case tv.Str == "bundle":
		typ = tv.Str
		v.addAt("type", `"bundle" is not a STIX object type: a bundle is a container; validate the objects it holds`)
	case !IsValidTypeName(tv.Str):
		typ = tv.Str
		v.addAt("type", "%q is not a valid type name: 3 to 250 characters of a-z, 0-9 and hyphen, starting with a letter, without two hyphens in a row or a final hyphen", typ)
	default:
		typ = tv.Str
	}

	spec := Types[typ]
	defined := spec != nil
	class := ClassCustom
	if defined {
		class = spec.Class
	} else {
		class = extensionClass(obj)
		switch class {
		case ClassSDO, ClassSRO:
			spec = newSDOSpec
		case ClassSCO:
			spec = newSCOSpec
		default:
			spec = customObjSpec
		}
	}
	if v.container != nil && spec.Class != ClassSCO && spec != customObjSpec {
		v.addAt("type", "an observable container holds only cyber-observable objects, not %s", withArticle(typ))
		return
	}

	var created, modified Timestamp
	var haveCreated, haveModified bool
	var seen uint64 // reqBits of the required properties present
	for i := range obj.Members {
		m := &obj.Members[i]
		ps := spec.Prop(m.Name)
		if ps != nil {
			seen |= ps.reqBit
		}
		if m.Name == "type" {
			continue
		}
		v.push(m.Name)
		if strings.HasSuffix(m.Name, "_enc") && obj.Get(m.Name[:len(m.Name)-4]) == nil {
			// 3.1: an encoding property MUST NOT be present without the
			// property whose encoding it gives.
			v.addf("must not be present without %s", m.Name[:len(m.Name)-4])
		}
		switch {
		case m.Name == "id":
			v.idProp(&m.Value, typ)
		case m.Name == "defanged" && class != ClassSCO && spec != customObjSpec:
			v.addf("must not be used on %s, only on cyber-observable objects", withArticle(classNoun(class)))
		case ps == nil:
			v.customProp(m.Name, &m.Value)
		case m.Name == "spec_version":
			if m.Value.Kind != KindString {
				v.addf("must be a string, not %s", kindPhrase(m.Value.Kind))
			} else if m.Value.Str != "2.1" {
				v.addf(`must be "2.1", not %q (STIX 2.0 content must be upgraded first)`, m.Value.Str)
			}
		case ps.Kind == PropTimestamp:
			t, ok := v.timestamp(ps, &m.Value)
			switch m.Name {
			case "created":
				created, haveCreated = t, ok
			case "modified":
				modified, haveModified = t, ok
			}
		default:
			v.prop(ps, &m.Value)
		}
		v.pop()
	}

	for i, name := range spec.required {
		if seen&(1<<i) != 0 || name == "type" || name == "id" && v.container != nil {
			continue // present; reported above; or the local key of an object of the deprecated container
		}
		if spec == newSDOSpec || spec == newSCOSpec {
			v.addAt(name, "required property is missing (an object whose type an extension definition creates as a new %s must have the %s common properties)", class, class)
		} else {
			v.addAt(name, "required property is missing")
		}
	}
	v.atLeastOne(spec, obj)

	if haveCreated && haveModified && compareTimestamps(modified, created) < 0 {
		v.addAt("modified", "%q is earlier than created %q", modified.Text, created.Text)
	}
	if defined {
		v.typeRule(typ, obj)
	}
}

// atLeastOne reports a type, extension or nested type that has none of the
// properties of which it needs at least one.
func (v *validator) atLeastOne(spec *TypeSpec, obj *Value) {
	if len(spec.AtLeastOne) == 0 {
		return
	}
	for _, n := range spec.AtLeastOne {
		if obj.Get(n) != nil {
			return
		}
	}
	what := spec.Type
	if spec.Class != ClassCustom {
		what = withArticle(spec.Type) + " object"
	}
	v.addf("%s must contain at least one of %s", what, strings.Join(spec.AtLeastOne, ", "))
}

func classNoun(c Class) string {
	switch c {
	case ClassSDO:
		return "SDO"
	case ClassSRO:
		return "SRO"
	case ClassMeta:
		return "meta object"
	}
	return "object"
}

// idProp checks the id of an object of type typ.
func (v *validator) idProp(val *Value, typ string) {
	if val.Kind != KindString {
		v.addf("must be a string, not %s", kindPhrase(val.Kind))
		return
	}
	if v.container != nil {
		return // local ids of the deprecated container may be any string
	}
	id := val.Str
	if typ != "" && len(id) > len(typ)+2 && id[:len(typ)] == typ && id[len(typ):len(typ)+2] == "--" {
		// the common case: the type is right, only the UUID is left to check
		if why := uuidError(id[len(typ)+2:]); why != "" {
			v.addf("%q is not a STIX identifier of the form type--UUID: %s", id, why)
		}
		return
	}
	if why := idError(id); why != "" {
		v.addf("%q is not a STIX identifier of the form type--UUID: %s", id, why)
		return
	}
	if typ != "" {
		v.addf("%q must start with the object's type %q", id, typ+"--")
	}
}

// customProp checks a property the specification does not define for the
// object's type: its name, and its value as any property value.
func (v *validator) customProp(name string, val *Value) {
	switch {
	case isReservedName(name):
		v.addf("%q is a reserved property name and must not be used", name)
		return
	case !isValidPropName(name):
		v.addf("property name %q is not valid: 3 to 250 characters of a-z, 0-9 and underscore, starting with a letter", name)
	}
	v.suffixValue(name, val)
}

// suffixValue checks a property the specification does not define whose
// name announces its data type: _bin for binary and _hex for hex (sections
// 2.1 and 2.8); any other value is checked as a generic property value.
func (v *validator) suffixValue(name string, val *Value) {
	switch {
	case strings.HasSuffix(name, "_bin"):
		v.binary(val)
	case strings.HasSuffix(name, "_hex"):
		v.hex(val)
	default:
		v.anyValue(val)
	}
}

// anyValue checks a value whose type the specification does not give: it
// must not be null, an empty list or an empty dictionary (sections 2.3 and
// 2.12). Like the OASIS schema (common/properties.json), it does not look
// inside: the structure of a custom value is its producer's, and ATT&CK ICS
// nests empty lists in x_mitre_related_assets.
func (v *validator) anyValue(val *Value) {
	switch {
	case val.Kind == KindNull:
		v.addf("must not be null: omit the property instead")
	case val.Kind == KindArray && len(val.Items) == 0:
		v.addf("list must not be empty: omit the property instead")
	case val.Kind == KindObject && len(val.Members) == 0:
		v.addf("dictionary must not be empty: omit the property instead")
	}
}
