package stix

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// typeRule applies the rules of the type typ that go beyond the types of
// its properties. (A switch rather than a map of functions: calls through
// function values would make the validator's state escape to the heap.)
func (v *validator) typeRule(typ string, obj *Value) {
	switch typ {
	case "campaign", "infrastructure", "intrusion-set", "threat-actor", "sighting":
		// last_seen MUST NOT be earlier than first_seen (4.2, 4.8, 4.9,
		// 4.17, 5.2).
		v.order(obj, "first_seen", "last_seen", false)
	case "indicator":
		// valid_until MUST be later than valid_from (4.7).
		v.order(obj, "valid_from", "valid_until", true)
	case "location":
		v.locationRule(obj)
	case "malware":
		v.order(obj, "first_seen", "last_seen", false)
		// a malware family MUST have a name (4.11).
		if f := obj.Get("is_family"); f != nil && f.Kind == KindBool && f.Bool && obj.Get("name") == nil {
			v.addAt("name", "is required when is_family is true")
		}
	case "malware-analysis":
		// one of result or analysis_sco_refs MUST be provided (4.12).
		if obj.Get("result") == nil && obj.Get("analysis_sco_refs") == nil {
			v.addf("a malware-analysis must have result or analysis_sco_refs")
		}
	case "observed-data":
		v.observedDataRule(obj)
	case "relationship":
		v.relationshipRule(obj)
	case "artifact":
		v.artifactRule(obj)
	case "domain-name":
		if s, ok := obj.GetString("value"); ok && !defanged(obj) && !isDomainName(s) {
			v.addAt("value", "%s is not a domain name (RFC 1034 and RFC 5890)", quoteShort(s))
		}
	case "email-addr":
		if s, ok := obj.GetString("value"); ok && !defanged(obj) && !isAddrSpec(s) {
			v.addAt("value", "%s is not an email address (RFC 5322 addr-spec, without display name)", quoteShort(s))
		}
	case "email-message":
		v.emailMessageRule(obj)
	case "ipv4-addr":
		if s, ok := obj.GetString("value"); ok && !defanged(obj) && !isIPv4(s) {
			v.addAt("value", "%s is not an IPv4 address or CIDR block", quoteShort(s))
		}
	case "ipv6-addr":
		if s, ok := obj.GetString("value"); ok && !defanged(obj) && !isIPv6(s) {
			v.addAt("value", "%s is not an IPv6 address or CIDR block", quoteShort(s))
		}
	case "mac-addr":
		if s, ok := obj.GetString("value"); ok && !defanged(obj) && !isMAC48(s) {
			v.addAt("value", "%s is not a colon-delimited, lowercase MAC-48 address with leading zeros (00:00:ab:cd:ef:01)", quoteShort(s))
		}
	case "network-traffic":
		v.networkTrafficRule(obj)
	case "software":
		if s, ok := obj.GetString("cpe"); ok && !isCPE23(s) {
			v.addAt("cpe", "%s is not a CPE 2.3 formatted string (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other)", quoteShort(s))
		}
	case "url":
		if s, ok := obj.GetString("value"); ok && !defanged(obj) && !isURL(s) {
			v.addAt("value", "%s is not a valid absolute URL (RFC 3986)", quoteShort(s))
		}
	case "windows-registry-key":
		v.registryKeyRule(obj)
	case "marking-definition":
		v.markingDefinitionRule(obj)
	case "extension-definition":
		v.extensionDefinitionRule(obj)
	}
}

// locationRule: region, country, or latitude and longitude; latitude and
// longitude together; precision only with them (4.10).
func (v *validator) locationRule(obj *Value) {
	lat, lon := obj.Get("latitude") != nil, obj.Get("longitude") != nil
	switch {
	case lat && !lon:
		v.addAt("longitude", "is required when latitude is present")
	case lon && !lat:
		v.addAt("latitude", "is required when longitude is present")
	}
	if obj.Get("region") == nil && obj.Get("country") == nil && !(lat && lon) {
		v.addf("a location must have a region, a country, or a latitude and longitude")
	}
	if obj.Get("precision") != nil && !(lat && lon) {
		v.addAt("precision", "requires latitude and longitude")
	}
}

// observedDataRule: exactly one of objects and object_refs, which holds
// at least one SCO; last_observed not before first_observed (4.14).
func (v *validator) observedDataRule(obj *Value) {
	v.order(obj, "first_observed", "last_observed", false)
	objs, refs := obj.Get("objects"), obj.Get("object_refs")
	switch {
	case objs != nil && refs != nil:
		v.addAt("objects", "must not be present when object_refs is")
	case objs == nil && refs == nil:
		v.addf("an observed-data must have object_refs (or the deprecated objects)")
	}
	if refs == nil || refs.Kind != KindArray || len(refs.Items) == 0 {
		return
	}
	for i := range refs.Items {
		if refs.Items[i].Kind == KindString && ClassOf(TypeOfID(refs.Items[i].Str)) != ClassSRO {
			return // an SCO, or a custom object that may be one
		}
	}
	v.addAt("object_refs", "must contain at least one SCO reference")
}

// relationshipRule: relationship_type in a-z, 0-9 and hyphen; stop_time
// later than start_time (5.1).
func (v *validator) relationshipRule(obj *Value) {
	if rt, ok := obj.GetString("relationship_type"); ok {
		valid := rt != ""
		for i := 0; i < len(rt) && valid; i++ {
			c := rt[i]
			valid = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
		}
		if !valid {
			v.addAt("relationship_type", "%q must consist of ASCII a-z, 0-9 and hyphen only", rt)
		}
	}
	v.order(obj, "start_time", "stop_time", true)
}

// defanged reports whether an SCO says its values are defanged, in which
// case they need not be well-formed addresses.
func defanged(obj *Value) bool {
	d := obj.Get("defanged")
	return d != nil && d.Kind == KindBool && d.Bool
}

// artifactRule: payload_bin or url, not both; hashes with url;
// decryption_key only with encryption_algorithm (6.1).
func (v *validator) artifactRule(obj *Value) {
	bin, u := obj.Get("payload_bin") != nil, obj.Get("url")
	switch {
	case bin && u != nil:
		v.addAt("payload_bin", "must not be present when url is")
	case !bin && u == nil:
		v.addf("an artifact must have payload_bin or url")
	}
	if u != nil {
		if obj.Get("hashes") == nil {
			v.addAt("hashes", "is required when url is present")
		}
		if u.Kind == KindString && !defanged(obj) && !isURL(u.Str) {
			v.addAt("url", "%s is not a valid absolute URL (RFC 3986)", quoteShort(u.Str))
		}
	}
	if obj.Get("decryption_key") != nil && obj.Get("encryption_algorithm") == nil {
		v.addAt("decryption_key", "must not be present without encryption_algorithm")
	}
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "" || u.Path != "")
}

// isDomainName accepts dot-separated labels of 1 to 63 characters:
// letters (any script), digits, marks, hyphens and underscores, not
// starting or ending with a hyphen, with an optional final root dot.
func isDomainName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 1000 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		n := utf8.RuneCountInString(label)
		if n == 0 || n > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			switch {
			case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			case r > unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)):
			default:
				return false
			}
		}
	}
	return true
}

// isAddrSpec accepts local@domain with no display name, angle brackets
// or whitespace outside a quoted local part.
func isAddrSpec(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if !(domain[0] == '[' && domain[len(domain)-1] == ']') && strings.ContainsAny(domain, " \t\r\n<>()[]\\,;:\"@") {
		return false
	}
	if len(local) >= 2 && local[0] == '"' && local[len(local)-1] == '"' {
		return true
	}
	return !strings.ContainsAny(local, " \t\r\n<>()[]\\,;:\"@")
}

// emailMessageRule: body only when not multipart, body_multipart only
// when multipart; each MIME part has one of body and body_raw_ref (6.6).
func (v *validator) emailMessageRule(obj *Value) {
	if mp := obj.Get("is_multipart"); mp != nil && mp.Kind == KindBool {
		if mp.Bool && obj.Get("body") != nil {
			v.addAt("body", "must not be used when is_multipart is true")
		}
		if !mp.Bool && obj.Get("body_multipart") != nil {
			v.addAt("body_multipart", "must not be used when is_multipart is false")
		}
	}
	parts := obj.Get("body_multipart")
	if parts == nil || parts.Kind != KindArray {
		return
	}
	for i := range parts.Items {
		part := &parts.Items[i]
		if part.Kind != KindObject {
			continue
		}
		if (part.Get("body") != nil) == (part.Get("body_raw_ref") != nil) {
			v.push("body_multipart")
			v.pushIdx(i)
			v.addf("a MIME part must have exactly one of body and body_raw_ref")
			v.pop()
			v.pop()
		}
	}
}

// isIPv4 accepts an IPv4 address or CIDR block (6.8).
func isIPv4(s string) bool {
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		return err == nil && p.Addr().Is4()
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4()
}

// isIPv6 accepts an IPv6 address, with an optional zone, or CIDR block
// (6.9).
func isIPv6(s string) bool {
	addr, bits := s, ""
	if i := strings.IndexByte(s, '/'); i >= 0 {
		addr, bits = s[:i], s[i+1:]
	}
	a, err := netip.ParseAddr(addr)
	if err != nil || !a.Is6() {
		return false
	}
	if i := strings.IndexByte(s, '/'); i >= 0 {
		n, err := strconv.Atoi(bits)
		return err == nil && allDigits(bits) && n <= 128
	}
	return true
}

// isMAC48 accepts a colon-delimited, lowercase MAC-48 address with
// leading zeros (6.10).
func isMAC48(s string) bool {
	if len(s) != 17 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%3 == 2 {
			if c != ':' {
				return false
			}
		} else if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// networkTrafficRule: src_ref or dst_ref; end not before start; no end
// while active (6.12).
func (v *validator) networkTrafficRule(obj *Value) {
	if obj.Get("src_ref") == nil && obj.Get("dst_ref") == nil {
		v.addf("a network-traffic must have src_ref or dst_ref")
	}
	v.order(obj, "start", "end", false)
	if a := obj.Get("is_active"); a != nil && a.Kind == KindBool && a.Bool && obj.Get("end") != nil {
		v.addAt("end", "must not be present when is_active is true")
	}
}

// isCPE23 checks the shape of a CPE 2.3 formatted string binding: 13
// colon-separated components (escaped colons do not separate), none empty,
// the part being a, o, h, * or -.
func isCPE23(s string) bool {
	if !strings.HasPrefix(s, "cpe:2.3:") {
		return false
	}
	var comps [13]string
	n, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] == '\\' {
			i++
			continue
		}
		if i < len(s) && s[i] != ':' {
			continue
		}
		if n == len(comps) {
			return false
		}
		comps[n] = s[start:min(i, len(s))]
		n++
		start = i + 1
	}
	if n != len(comps) {
		return false
	}
	switch comps[2] {
	case "a", "o", "h", "*", "-":
	default:
		return false
	}
	for _, c := range comps[3:] {
		if c == "" {
			return false
		}
	}
	return true
}

// hiveAbbreviations are the short hive names a registry key MUST NOT use
// (6.17).
var hiveAbbreviations = map[string]string{
	"HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "HKCR": "HKEY_CLASSES_ROOT",
	"HKCC": "HKEY_CURRENT_CONFIG", "HKU": "HKEY_USERS",
}

// registryKeyRule: the hive of the key is fully expanded (6.17).
func (v *validator) registryKeyRule(obj *Value) {
	k, ok := obj.GetString("key")
	if !ok {
		return
	}
	hive := k
	if i := strings.IndexByte(k, '\\'); i >= 0 {
		hive = k[:i]
	}
	if full, ok := hiveAbbreviations[strings.ToUpper(hive)]; ok {
		v.addAt("key", "%s abbreviates the hive: it must be fully expanded (%s, not %s)", quoteShort(k), full, hive)
	}
}

// markingDefinitionRule: definition_type and definition unless extensions;
// statement and TLP markings; no self-marking (7.2).
func (v *validator) markingDefinitionRule(obj *Value) {
	dtv, def := obj.Get("definition_type"), obj.Get("definition")
	if obj.Get("extensions") == nil {
		if dtv == nil {
			v.addAt("definition_type", "is required when extensions is absent")
		}
		if def == nil {
			v.addAt("definition", "is required when extensions is absent")
		}
	} else {
		if def != nil && dtv == nil {
			v.addAt("definition_type", "is required when definition is present")
		}
		if dtv != nil && def == nil {
			v.addAt("definition", "is required when definition_type is present")
		}
	}
	id, _ := obj.GetString("id")
	if dt, ok := obj.GetString("definition_type"); ok && def != nil && def.Kind == KindObject && len(def.Members) > 0 {
		v.push("definition")
		switch dt {
		case "statement":
			v.nested(Nested["statement"], def)
		case "tlp":
			v.nested(Nested["tlp"], def)
		}
		v.pop()
		if dt == "tlp" {
			// 7.2.1.4: only the four TLP 1.0 definitions of the
			// specification may exist, each with its own level.
			if t := TLPByID(id); t == nil || t.Version != 1 {
				v.addAt("id", "%q is not one of the four TLP 1.0 marking definitions of the specification: other tlp markings must not be created", id)
			} else if lvl, ok := def.GetString("tlp"); ok && lvl != t.Level {
				v.push("definition")
				v.addAt("tlp", "%q does not match %s, whose level is %q", lvl, t.Name, t.Level)
				v.pop()
			}
		}
	}
	if id == "" {
		return
	}
	if refs := obj.Get("object_marking_refs"); refs != nil && refs.Kind == KindArray {
		for i := range refs.Items {
			if refs.Items[i].Kind == KindString && refs.Items[i].Str == id {
				v.push("object_marking_refs")
				v.pushIdx(i)
				v.addf("a marking definition must not mark itself")
				v.pop()
				v.pop()
			}
		}
	}
	if gms := obj.Get("granular_markings"); gms != nil && gms.Kind == KindArray {
		for i := range gms.Items {
			if r, ok := gms.Items[i].GetString("marking_ref"); ok && r == id {
				v.push("granular_markings")
				v.pushIdx(i)
				v.addAt("marking_ref", "a marking definition must not mark itself")
				v.pop()
				v.pop()
			}
		}
	}
}

// extensionDefinitionRule: extension_properties only with
// toplevel-property-extension (7.3).
func (v *validator) extensionDefinitionRule(obj *Value) {
	if obj.Get("extension_properties") == nil {
		return
	}
	if types := obj.Get("extension_types"); types != nil && types.Kind == KindArray {
		for i := range types.Items {
			if types.Items[i].Kind == KindString && types.Items[i].Str == "toplevel-property-extension" {
				return
			}
		}
	}
	v.addAt("extension_properties", "must only be used when extension_types includes toplevel-property-extension")
}
