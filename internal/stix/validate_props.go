package stix

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// prop checks a value against its property specification.
func (v *validator) prop(ps *PropSpec, val *Value) {
	switch ps.Kind {
	case PropString:
		if v.want(val, KindString, ps) && ps.Lang && !isLangTag(val.Str) {
			v.addf("%q is not an RFC 5646 language tag", val.Str)
		}
	case PropOpenVocab:
		v.want(val, KindString, ps)
	case PropEnum:
		if v.want(val, KindString, ps) {
			v.enum(ps.Vocab, val.Str)
		}
	case PropInteger:
		v.integer(ps.Range, val)
	case PropFloat:
		v.float(ps.Range, val)
	case PropBoolean:
		v.want(val, KindBool, ps)
	case PropTimestamp:
		v.timestamp(ps, val)
	case PropIdentifier:
		v.ref(ps, val)
	case PropIdentifierList, PropExternalReferences, PropKillChainPhases, PropGranularMarkings, PropObjectList:
		if v.list(ps, val) {
			for i := range val.Items {
				v.pushIdx(i)
				v.item(ps, &val.Items[i])
				v.pop()
			}
		}
	case PropStringList, PropOpenVocabList, PropEnumList:
		if v.list(ps, val) {
			for i := range val.Items {
				it := &val.Items[i]
				switch {
				case it.Kind != KindString:
					v.pushIdx(i)
					v.addf("must be a string, not %s", kindPhrase(it.Kind))
					v.pop()
				case ps.Kind == PropEnumList && !InVocab(ps.Vocab, it.Str):
					v.pushIdx(i)
					v.enum(ps.Vocab, it.Str)
					v.pop()
				case ps.Lang && !isLangTag(it.Str):
					v.pushIdx(i)
					v.addf("%q is not an RFC 5646 language tag", it.Str)
					v.pop()
				}
			}
		}
	case PropDictionary:
		v.dict(ps, val)
	case PropHashes:
		v.hashes(val)
	case PropBinary:
		v.binary(val)
	case PropHex:
		v.hex(val)
	case PropExtensions:
		v.extensions(val)
	case PropObject:
		v.nested(Nested[ps.Elem], val)
	case PropObservableContainer:
		v.observableContainer(val)
	case PropMarking:
		v.nonEmptyObject(val, "an object (the marking)", "must not be empty")
	case PropStringOrInteger:
		v.stringOrInteger(val)
	case PropReserved:
		v.addf("%q is reserved for future use and must not be present", ps.Name)
	}
}

// item checks one element of a list of identifiers or objects, ps the
// list's specification.
func (v *validator) item(ps *PropSpec, it *Value) {
	switch ps.Kind {
	case PropIdentifierList:
		v.ref(ps, it)
	case PropExternalReferences:
		v.externalReference(it)
	case PropKillChainPhases:
		v.nested(killChainSpec, it)
	case PropGranularMarkings:
		v.granularMarking(it)
	case PropObjectList:
		v.nested(Nested[ps.Elem], it)
	}
}

// want reports whether val has kind k, reporting a problem when not.
func (v *validator) want(val *Value, k Kind, ps *PropSpec) bool {
	if val.Kind == k {
		return true
	}
	v.addf("must be %s (%s), not %s", kindPhrase(k), ps.Kind, kindPhrase(val.Kind))
	return false
}

// list reports whether val is a non-empty list, reporting a problem when
// not.
func (v *validator) list(ps *PropSpec, val *Value) bool {
	if val.Kind != KindArray {
		v.addf("must be a %s, not %s", ps.Kind, kindPhrase(val.Kind))
		return false
	}
	if len(val.Items) == 0 {
		v.addf("list must not be empty: omit the property instead")
		return false
	}
	return true
}

// nonEmptyObject reports whether val is an object with at least one
// member, reporting a problem when not: "must be <what>, not <its kind>",
// or empty.
func (v *validator) nonEmptyObject(val *Value, what, empty string) bool {
	if val.Kind != KindObject {
		v.addf("must be %s, not %s", what, kindPhrase(val.Kind))
		return false
	}
	if len(val.Members) == 0 {
		v.addf("%s", empty)
		return false
	}
	return true
}

func (v *validator) enum(vocab, s string) {
	if !InVocab(vocab, s) {
		v.addf("%q is not in %s (%s)", s, vocab, strings.Join(VocabValues(vocab), ", "))
	}
}

func (v *validator) integer(r *Range, val *Value) {
	if val.Kind != KindNumber {
		v.addf("must be an integer, not %s", kindPhrase(val.Kind))
		return
	}
	n, ok := val.Int()
	if !ok {
		v.addf("%s is not an integer", val.Str)
		return
	}
	if n > MaxInteger || n < -MaxInteger {
		v.addf("%s is outside the STIX integer range -(2^53)+1 to (2^53)-1", val.Str)
		return
	}
	if r != nil && (float64(n) < r.Min || float64(n) > r.Max) {
		v.addf("%s is out of range %s", val.Str, rangeText(r))
	}
}

func (v *validator) float(r *Range, val *Value) {
	if val.Kind != KindNumber {
		v.addf("must be a number (float), not %s", kindPhrase(val.Kind))
		return
	}
	f, ok := val.Float()
	if !ok {
		v.addf("%s is not a finite IEEE 754 double", val.Str)
		return
	}
	if r != nil && (f < r.Min || f > r.Max) {
		v.addf("%s is out of range %s", val.Str, rangeText(r))
	}
}

func rangeText(r *Range) string {
	if r.Max == MaxInteger {
		return strconv.FormatFloat(r.Min, 'f', -1, 64) + " or more"
	}
	return strconv.FormatFloat(r.Min, 'f', -1, 64) + ".." + strconv.FormatFloat(r.Max, 'f', -1, 64)
}

func (v *validator) stringOrInteger(val *Value) {
	switch val.Kind {
	case KindString:
	case KindNumber:
		if n, ok := val.Int(); !ok || n > MaxInteger || n < -MaxInteger {
			v.addf("%s is not an integer", val.Str)
		}
	default:
		v.addf("must be a string or an integer, not %s", kindPhrase(val.Kind))
	}
}

// timestamp checks a timestamp and returns it when it parses.
func (v *validator) timestamp(ps *PropSpec, val *Value) (Timestamp, bool) {
	if val.Kind != KindString {
		v.addf("must be a timestamp string, not %s", kindPhrase(val.Kind))
		return Timestamp{}, false
	}
	t, err := ParseTimestamp(val.Str)
	if err != nil {
		v.addf("%s", err.Error())
		return Timestamp{}, false
	}
	switch ps.Precision {
	case MillisOrFiner:
		if len(t.frac) < 3 {
			v.addf("timestamp %q must be precise to at least the millisecond (three fractional digits)", val.Str)
		}
	case WholeSeconds:
		if t.frac != "" {
			v.addf("timestamp %q must be precise to the second, without a fractional part", val.Str)
		}
	}
	return t, true
}

// compareTimestamps orders two parsed timestamps without allocating in the
// common case.
func compareTimestamps(a, b Timestamp) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	if len(a.frac) <= 9 && len(b.frac) <= 9 && a.Text[17:19] != "60" && b.Text[17:19] != "60" {
		return 0
	}
	return a.Compare(b) // digits beyond the nanosecond, or leap seconds
}

// tsOf returns the timestamp property name of obj when it is present and
// parses; problems with it were reported by the property checks.
func tsOf(obj *Value, name string) (Timestamp, bool) {
	s, ok := obj.GetString(name)
	if !ok {
		return Timestamp{}, false
	}
	t, err := ParseTimestamp(s)
	return t, err == nil
}

// order reports the timestamp later before earlier: when strict, also
// when they are equal.
func (v *validator) order(obj *Value, earlier, later string, strict bool) {
	e, ok1 := tsOf(obj, earlier)
	l, ok2 := tsOf(obj, later)
	if !ok1 || !ok2 {
		return
	}
	switch c := compareTimestamps(l, e); {
	case strict && c <= 0:
		v.addAt(later, "%q must be later than %s %q", l.Text, earlier, e.Text)
	case !strict && c < 0:
		v.addAt(later, "%q is earlier than %s %q", l.Text, earlier, e.Text)
	}
}

// ref checks one reference.
func (v *validator) ref(ps *PropSpec, val *Value) {
	if val.Kind != KindString {
		v.addf("must be an identifier string, not %s", kindPhrase(val.Kind))
		return
	}
	id := val.Str
	var target string
	if v.container != nil {
		t, ok := v.container[id]
		if !ok {
			v.addf("%q is not a key of this observable container: references inside it must be local", id)
			return
		}
		target = t
	} else {
		if why := idError(id); why != "" {
			v.addf("%q is not a STIX identifier of the form type--UUID: %s", id, why)
			return
		}
		target = id[:strings.Index(id, "--")]
	}
	if !refAllowed(ps, target) {
		if len(ps.RefTypes) == 0 {
			v.addf("%q must not reference %s", id, withArticle(target))
			return
		}
		v.addf("%q must reference %s, not %s", id, describeTargets(ps.RefTypes), withArticle(target))
	}
}

// refAllowed reports whether a reference described by ps may point at an
// object of type typ. Nothing may reference a bundle (section 8.2).
func refAllowed(ps *PropSpec, typ string) bool {
	if typ == "bundle" {
		return false
	}
	for _, n := range ps.NotRef {
		if n == typ {
			return false
		}
	}
	if ps.RefTypes == nil {
		return true
	}
	classes := false
	for _, r := range ps.RefTypes {
		if r == typ {
			return true
		}
		classes = classes || r[0] == '<'
	}
	if !classes {
		return false
	}
	c := ClassOf(typ)
	for _, r := range ps.RefTypes {
		switch {
		case r == RefSDO && c == ClassSDO, r == RefSRO && c == ClassSRO,
			r == RefSCO && c == ClassSCO, r == RefCustom && c == ClassCustom:
			return true
		}
	}
	return false
}

// describeTargets renders allowed reference targets for a message: "an
// identity", "a file or artifact", "an SDO or SCO". Custom objects are
// implied by the classes they may belong to and not named.
func describeTargets(types []string) string {
	var names []string
	for _, t := range types {
		switch t {
		case RefCustom:
		case RefSDO:
			names = append(names, "SDO")
		case RefSRO:
			names = append(names, "SRO")
		case RefSCO:
			names = append(names, "SCO")
		default:
			names = append(names, t)
		}
	}
	if len(names) == 0 {
		return "a custom object"
	}
	s := names[0]
	if len(names) > 1 {
		s = strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	}
	return withArticle(s)
}

// withArticle prefixes s with "a" or "an", as spoken: "an SDO", "an
// identity", "a user-account", "an x-mitre-tactic".
func withArticle(s string) string {
	if s == "" {
		return "an object of no type"
	}
	switch s[0] {
	case 'a', 'e', 'i', 'o', 'S', 'A', 'E', 'I', 'O', 'U':
		return "an " + s
	case 'x':
		if strings.HasPrefix(s, "x-") || strings.HasPrefix(s, "x509") {
			return "an " + s
		}
	}
	return "a " + s
}

func kindPhrase(k Kind) string {
	switch k {
	case KindNull:
		return "null"
	case KindBool:
		return "a boolean"
	case KindNumber:
		return "a number"
	case KindString:
		return "a string"
	case KindArray:
		return "a list"
	case KindObject:
		return "an object"
	}
	return "an unknown value"
}

// dict checks a dictionary (section 2.3).
func (v *validator) dict(ps *PropSpec, val *Value) {
	if !v.nonEmptyObject(val, "a dictionary (JSON object)", "dictionary must not be empty: omit the property instead") {
		return
	}
	for i := range val.Members {
		m := &val.Members[i]
		v.push(m.Name)
		if ps.LangKeys {
			if !isLangTag(m.Name) {
				v.addf("key %q is not an RFC 5646 language tag", m.Name)
			}
		} else if !isValidDictKey(m.Name, 0) {
			v.addf("dictionary key %q is not valid: at most 250 ASCII letters, digits, hyphens and underscores", m.Name)
		}
		switch ps.Values {
		case 0:
			v.anyValue(&m.Value)
		case PropString:
			if m.Value.Kind != KindString {
				v.addf("must be a string, not %s", kindPhrase(m.Value.Kind))
			}
		case PropInteger:
			v.integer(nil, &m.Value)
		case PropStringOrInteger:
			v.stringOrInteger(&m.Value)
		case PropStringList:
			v.prop(&stringListSpec, &m.Value)
		case PropDictionary:
			v.nonEmptyObject(&m.Value, "an object", "dictionary must not be empty")
		}
		v.pop()
	}
}

var stringListSpec = PropSpec{Kind: PropStringList}

// hashLengths gives the number of hexadecimal digits of the fixed-length
// algorithms of hash-algorithm-ov.
var hashLengths = map[string]int{
	"MD5": 32, "SHA-1": 40, "SHA-256": 64, "SHA-512": 128, "SHA3-256": 64, "SHA3-512": 128,
}

// hashes checks a hashes dictionary (sections 2.7 and 10.7). Algorithm
// names outside hash-algorithm-ov are allowed; the values of those inside
// it must have the algorithm's format.
func (v *validator) hashes(val *Value) {
	if !v.nonEmptyObject(val, "a hashes dictionary (JSON object)", "hashes must not be empty: omit the property instead") {
		return
	}
	for i := range val.Members {
		m := &val.Members[i]
		v.push(m.Name)
		v.hash(m.Name, &m.Value)
		v.pop()
	}
}

func (v *validator) hash(alg string, val *Value) {
	if !isValidDictKey(alg, 3) {
		v.addf("hash algorithm name %q is not valid: 3 to 250 ASCII letters, digits, hyphens and underscores", alg)
	}
	if val.Kind != KindString {
		v.addf("must be a string, not %s", kindPhrase(val.Kind))
		return
	}
	h := val.Str
	if n, ok := hashLengths[alg]; ok {
		if len(h) != n || !allHex(h) {
			v.addf("%s is not a valid %s hash: it must be %d hexadecimal digits", quoteShort(h), alg, n)
		}
		return
	}
	switch alg {
	case "SSDEEP":
		if !isSSDEEP(h) {
			v.addf("%s is not a valid SSDEEP piecewise hash (blocksize:hash:hash)", quoteShort(h))
		}
	case "TLSH":
		if !(len(h) == 70 && allHex(h) || len(h) == 72 && h[:2] == "T1" && allHex(h[2:])) {
			v.addf("%s is not a valid TLSH hash: 35 bytes as 70 hexadecimal digits, optionally after the version prefix T1", quoteShort(h))
		}
	}
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

// isSSDEEP reports whether s has the form blocksize:hash:hash of an ssdeep
// piecewise hash, the hashes in base64 characters.
func isSSDEEP(s string) bool {
	parts, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != ':' {
			c := s[i]
			if parts == 0 {
				if c < '0' || c > '9' {
					return false
				}
			} else if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
				return false
			}
			continue
		}
		if parts == 0 && i == start {
			return false // no block size
		}
		parts++
		start = i + 1
	}
	return parts == 3
}

// binary checks a base64 string (section 2.1).
func (v *validator) binary(val *Value) {
	if val.Kind != KindString {
		v.addf("must be a base64 string (binary), not %s", kindPhrase(val.Kind))
		return
	}
	if !isBase64(val.Str) {
		v.addf("%s is not valid base64 (RFC 4648, with padding)", quoteShort(val.Str))
	}
}

func isBase64(s string) bool {
	if len(s)%4 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
		case c == '=':
			// padding: only in the last two positions, nothing but padding after it
			if i < len(s)-2 || (i == len(s)-2 && s[len(s)-1] != '=') {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// hex checks a hex string (section 2.8).
func (v *validator) hex(val *Value) {
	if val.Kind != KindString {
		v.addf("must be a hex string, not %s", kindPhrase(val.Kind))
		return
	}
	if len(val.Str)%2 != 0 || !allHex(val.Str) {
		v.addf("%s is not hex: an even number of hexadecimal digits", quoteShort(val.Str))
	}
}

// quoteShort quotes s, shortened when it is long.
func quoteShort(s string) string {
	if len(s) > 64 {
		cut := 60
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}

// nested checks an embedded object against a nested type or predefined
// extension. Properties the type does not define are accepted, as any
// property value.
func (v *validator) nested(spec *TypeSpec, val *Value) {
	if val.Kind != KindObject {
		v.addf("must be %s object, not %s", withArticle(spec.Type), kindPhrase(val.Kind))
		return
	}
	if len(val.Members) == 0 {
		v.addf("%s must not be empty", spec.Type)
		return
	}
	var seen uint64
	for i := range val.Members {
		m := &val.Members[i]
		v.push(m.Name)
		if ps := spec.Prop(m.Name); ps != nil {
			seen |= ps.reqBit
			v.prop(ps, &m.Value)
		} else {
			v.anyValue(&m.Value)
		}
		v.pop()
	}
	if seen != spec.reqMask {
		for i, name := range spec.required {
			if seen&(1<<i) == 0 {
				v.addAt(name, "required property is missing")
			}
		}
	}
	v.atLeastOne(spec, val)
}

// isCAPEC reports whether s is a CAPEC id: CAPEC-[digits].
func isCAPEC(s string) bool {
	return len(s) > 6 && s[:6] == "CAPEC-" && allDigits(s[6:])
}

// isCVE reports whether s is a CVE id: CVE-YYYY-NNNN with a sequence
// number of four digits, or more without a leading zero.
func isCVE(s string) bool {
	if len(s) < 13 || s[:4] != "CVE-" || !allDigits(s[4:8]) || s[8] != '-' {
		return false
	}
	seq := s[9:]
	return allDigits(seq) && (len(seq) == 4 || seq[0] != '0')
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// externalReference checks one external reference (section 2.5), with the
// CAPEC and CVE rules of sections 4.1 and 4.19: the source names capec and
// cve take ids of their form (on any object, as the OASIS schema has it),
// and attack patterns and vulnerabilities give those ids under those names.
func (v *validator) externalReference(val *Value) {
	v.nested(extRefSpec, val)
	if val.Kind != KindObject || len(val.Members) == 0 {
		return
	}
	if val.Get("description") == nil && val.Get("url") == nil && val.Get("external_id") == nil {
		v.addf("an external reference needs at least one of description, url or external_id besides source_name")
	}
	src, _ := val.GetString("source_name")
	eid, hasEID := val.GetString("external_id")
	switch src {
	case "capec":
		if !hasEID {
			v.addAt("external_id", `is required when source_name is "capec"`)
		} else if !isCAPEC(eid) {
			v.addAt("external_id", `%q must have the form CAPEC-[id] when source_name is "capec"`, eid)
		}
	case "cve":
		if !hasEID {
			v.addAt("external_id", `is required when source_name is "cve"`)
		} else if !isCVE(eid) {
			v.addAt("external_id", `%q must be an exact CVE identifier (CVE-YYYY-NNNN) when source_name is "cve"`, eid)
		}
	default:
		// An attack pattern's CAPEC ids and a vulnerability's CVE ids MUST
		// be given under those source names (4.1, 4.19).
		if !hasEID || !(isCAPEC(eid) || isCVE(eid)) {
			break
		}
		switch typ, _ := v.current().GetString("type"); {
		case typ == "attack-pattern" && isCAPEC(eid):
			v.addAt("source_name", `must be "capec", not %q, for the CAPEC id %q of an attack-pattern`, src, eid)
		case typ == "vulnerability" && isCVE(eid):
			v.addAt("source_name", `must be "cve", not %q, for the CVE id %q of a vulnerability`, src, eid)
		}
	}
}

// granularMarking checks one granular marking (section 7.2.3).
func (v *validator) granularMarking(val *Value) {
	v.nested(granularSpec, val)
	if val.Kind != KindObject || len(val.Members) == 0 {
		return
	}
	hasRef, hasLang := val.Get("marking_ref") != nil, val.Get("lang") != nil
	switch {
	case hasRef && hasLang:
		v.addf("a granular marking has either marking_ref or lang, not both")
	case !hasRef && !hasLang:
		v.addf("a granular marking needs marking_ref or lang")
	}
	sels := val.Get("selectors")
	if sels == nil || sels.Kind != KindArray {
		return
	}
	for i := range sels.Items {
		if sels.Items[i].Kind != KindString {
			continue
		}
		if why := resolveSelector(v.current(), sels.Items[i].Str); why != "" {
			v.push("selectors")
			v.pushIdx(i)
			v.addf("selector %q %s", sels.Items[i].Str, why)
			v.pop()
			v.pop()
		}
	}
}

// resolveSelector follows a granular marking selector from the marked
// object and explains why it selects nothing, or returns "".
func resolveSelector(root *Value, sel string) string {
	if sel == "" {
		return "is empty"
	}
	cur := root
	rest := sel
	for rest != "" {
		comp := rest
		if i := strings.IndexByte(rest, '.'); i >= 0 {
			comp, rest = rest[:i], rest[i+1:]
			if rest == "" {
				return "ends with a dot"
			}
		} else {
			rest = ""
		}
		if comp == "" {
			return "has an empty component"
		}
		if comp[0] == '[' {
			if len(comp) < 3 || comp[len(comp)-1] != ']' || !allDigits(comp[1:len(comp)-1]) {
				return fmt.Sprintf("has an invalid list index %q", comp)
			}
			if cur.Kind != KindArray {
				return fmt.Sprintf("indexes %s, not a list", kindPhrase(cur.Kind))
			}
			n, err := strconv.Atoi(comp[1 : len(comp)-1])
			if err != nil || n >= len(cur.Items) {
				return fmt.Sprintf("refers to list item %s, which is not present", comp)
			}
			cur = &cur.Items[n]
			continue
		}
		if cur.Kind != KindObject {
			return fmt.Sprintf("looks up %q in %s, not in an object", comp, kindPhrase(cur.Kind))
		}
		next := cur.Get(comp)
		if next == nil {
			return fmt.Sprintf("refers to %q, which is not present", comp)
		}
		cur = next
	}
	return ""
}

// current returns the object whose properties are being checked: the
// top-level object, or the object of the container being checked.
func (v *validator) current() *Value {
	if v.cur != nil {
		return v.cur
	}
	return v.root
}

// extensions checks an extensions dictionary (sections 3.2, 6, 7.3 and
// 11.3).
func (v *validator) extensions(val *Value) {
	if !v.nonEmptyObject(val, "a dictionary (JSON object)", "dictionary must not be empty: omit the property instead") {
		return
	}
	typ, _ := v.current().GetString("type")
	for i := range val.Members {
		m := &val.Members[i]
		v.push(m.Name)
		switch {
		case strings.HasPrefix(m.Name, "extension-definition--"):
			if why := idError(m.Name); why != "" {
				v.addf("key %q is not an extension definition identifier: %s", m.Name, why)
			}
			v.definedExtension(&m.Value)
		case Extensions[m.Name] != nil:
			if owner := extensionOwner[m.Name]; owner != typ {
				v.addf("%s is a predefined extension of %s, not of %s", m.Name, withArticle(owner), withArticle(typ))
				break
			}
			if m.Value.Get("extension_type") != nil {
				v.addAt("extension_type", "must not be present in the predefined extension %s", m.Name)
			}
			v.nested(Extensions[m.Name], &m.Value)
		default:
			if !isValidExtensionName(m.Name) {
				v.addf("extension key %q is neither an extension definition id, a predefined extension of %s, nor a custom extension name (3 to 250 characters of a-z, 0-9 and hyphen, ending in -ext)", m.Name, withArticle(typ))
			}
			v.extensionBody(&m.Value)
		}
		v.pop()
	}
}

// definedExtension checks an extension instance that uses the extension
// facility of section 7.3.
func (v *validator) definedExtension(val *Value) {
	if val.Kind != KindObject {
		v.addf("must be an object (the extension instance), not %s", kindPhrase(val.Kind))
		return
	}
	switch et := val.Get("extension_type"); {
	case et == nil:
		v.addAt("extension_type", "required property is missing: an extension defined by an extension definition must state its extension_type")
	case et.Kind != KindString:
		v.addAt("extension_type", "must be a string, not %s", kindPhrase(et.Kind))
	case !InVocab("extension-type-enum", et.Str):
		v.push("extension_type")
		v.enum("extension-type-enum", et.Str)
		v.pop()
	}
	v.extensionProps(val)
}

// extensionBody checks a custom (deprecated) extension instance.
func (v *validator) extensionBody(val *Value) {
	if !v.nonEmptyObject(val, "an object (the extension instance)", "an extension must have at least one property") {
		return
	}
	v.extensionProps(val)
}

// extensionProps checks the names and values of the properties of an
// extension instance (sections 7.3.2.1 and 11.3.1).
func (v *validator) extensionProps(val *Value) {
	for i := range val.Members {
		m := &val.Members[i]
		if m.Name == "extension_type" {
			continue
		}
		v.push(m.Name)
		if !isValidPropName(m.Name) {
			v.addf("extension property name %q is not valid: 3 to 250 characters of a-z, 0-9 and underscore, starting with a letter", m.Name)
		}
		v.suffixValue(m.Name, &m.Value)
		v.pop()
	}
}

// observableContainer checks the deprecated objects property of
// observed-data (section 2.13): a non-empty dictionary of SCOs whose
// references are keys of the same dictionary.
func (v *validator) observableContainer(val *Value) {
	if !v.nonEmptyObject(val, "an observable container (JSON object)", "must contain at least one object") {
		return
	}
	if v.container != nil {
		return // containers do not nest
	}
	keys := make(map[string]string, len(val.Members))
	for i := range val.Members {
		t, _ := val.Members[i].Value.GetString("type")
		keys[val.Members[i].Name] = t
	}
	v.container = keys
	for i := range val.Members {
		m := &val.Members[i]
		v.push(m.Name)
		v.cur = &m.Value
		v.object(&m.Value)
		v.pop()
	}
	v.cur = nil
	v.container = nil
}
