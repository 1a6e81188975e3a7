package stix

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// TestRegistryTypes checks that the registry holds every object type of
// STIX 2.1, in the right class, and nothing else.
func TestRegistryTypes(t *testing.T) {
	want := map[Class][]string{
		ClassSDO: {"attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident",
			"indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note",
			"observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability"},
		ClassSRO: {"relationship", "sighting"},
		ClassSCO: {"artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message",
			"file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software",
			"url", "user-account", "windows-registry-key", "x509-certificate"},
		ClassMeta: {"language-content", "marking-definition", "extension-definition"},
	}
	n := 0
	for class, types := range want {
		for _, typ := range types {
			n++
			if got := ClassOf(typ); got != class {
				t.Errorf("ClassOf(%q) got %v, want %v", typ, got, class)
			}
			if Types[typ] == nil || Types[typ].Type != typ {
				t.Errorf("Types[%q] missing or misnamed", typ)
			}
		}
	}
	if len(Types) != n {
		t.Errorf("got %d types, want %d", len(Types), n)
	}
	for _, typ := range []string{"x-mitre-tactic", "bundle", "", "Indicator"} {
		if got := ClassOf(typ); got != ClassCustom {
			t.Errorf("ClassOf(%q) got %v, want %v", typ, got, ClassCustom)
		}
	}
	wantExt := []string{"archive-ext", "ntfs-ext", "pdf-ext", "raster-image-ext", "windows-pebinary-ext",
		"http-request-ext", "icmp-ext", "socket-ext", "tcp-ext", "windows-process-ext", "windows-service-ext",
		"unix-account-ext"}
	if len(Extensions) != len(wantExt) {
		t.Errorf("got %d predefined extensions, want %d", len(Extensions), len(wantExt))
	}
	for _, e := range wantExt {
		if Extensions[e] == nil {
			t.Errorf("predefined extension %s is missing", e)
		}
		if extensionOwner[e] == "" {
			t.Errorf("predefined extension %s has no owning SCO type", e)
		}
	}
}

func TestClassAndKindNames(t *testing.T) {
	classes := map[Class]string{ClassCustom: "custom object", ClassSDO: "SDO", ClassSRO: "SRO", ClassSCO: "SCO", ClassMeta: "meta object"}
	for c, want := range classes {
		if got := c.String(); got != want {
			t.Errorf("Class(%d).String() got %q, want %q", c, got, want)
		}
	}
	kinds := map[PropKind]string{PropString: "string", PropIdentifierList: "list of identifier", PropHashes: "hashes",
		PropReserved: "RESERVED", PropKind(0): "unknown", PropKind(200): "unknown"}
	for k, want := range kinds {
		if got := k.String(); got != want {
			t.Errorf("PropKind(%d).String() got %q, want %q", k, got, want)
		}
	}
}

// TestRegistryConsistency checks the registry against itself: every
// vocabulary, nested type, reference target and contributing property it
// names exists, and every name follows the naming rules.
func TestRegistryConsistency(t *testing.T) {
	check := func(owner string, spec *TypeSpec) {
		for _, p := range spec.Props {
			where := owner + "." + p.Name
			if p.Name != "id" && !isValidPropName(p.Name) {
				t.Errorf("%s: property name is not valid", where)
			}
			if p.Kind.String() == "unknown" {
				t.Errorf("%s: kind %d has no name", where, p.Kind)
			}
			switch p.Kind {
			case PropEnum, PropEnumList:
				if Vocabularies[p.Vocab] == nil || VocabIsOpen(p.Vocab) {
					t.Errorf("%s: enum vocabulary %q is missing or open", where, p.Vocab)
				}
			case PropOpenVocab, PropOpenVocabList:
				if !VocabIsOpen(p.Vocab) {
					t.Errorf("%s: open vocabulary %q is missing or closed", where, p.Vocab)
				}
			case PropObject, PropObjectList:
				if Nested[p.Elem] == nil {
					t.Errorf("%s: nested type %q is missing", where, p.Elem)
				}
			case PropIdentifier, PropIdentifierList:
				if !strings.HasSuffix(p.Name, "_ref") && !strings.HasSuffix(p.Name, "_refs") && p.Name != "id" {
					t.Errorf("%s: an identifier property must end in _ref or _refs", where)
				}
				for _, r := range p.RefTypes {
					if r[0] != '<' && Types[r] == nil {
						t.Errorf("%s: reference target %q is not a STIX type", where, r)
					}
				}
			case PropBinary:
				if !strings.HasSuffix(p.Name, "_bin") {
					t.Errorf("%s: a binary property must end in _bin", where)
				}
			case PropHex:
				if !strings.HasSuffix(p.Name, "_hex") {
					t.Errorf("%s: a hex property must end in _hex", where)
				}
			}
			if (p.Vocab != "") != (p.Kind == PropEnum || p.Kind == PropEnumList || p.Kind == PropOpenVocab || p.Kind == PropOpenVocabList) {
				t.Errorf("%s: vocabulary %q on a %s", where, p.Vocab, p.Kind)
			}
		}
		for _, n := range spec.AtLeastOne {
			if spec.Prop(n) == nil {
				t.Errorf("%s: at-least-one property %q is not defined", owner, n)
			}
		}
		for _, n := range spec.IDContributing {
			if spec.Prop(n) == nil {
				t.Errorf("%s: ID contributing property %q is not defined", owner, n)
			}
		}
		for _, e := range spec.Extensions {
			if extensionOwner[e] != spec.Type {
				t.Errorf("%s: extension %s is owned by %q", owner, e, extensionOwner[e])
			}
		}
	}
	for name, spec := range Types {
		check(name, spec)
		if spec.Class == ClassSCO && spec.Type != "process" && len(spec.IDContributing) == 0 {
			t.Errorf("%s: an SCO without ID contributing properties", name)
		}
		if spec.Class != ClassSCO && len(spec.IDContributing) > 0 {
			t.Errorf("%s: ID contributing properties on a %v", name, spec.Class)
		}
		req := spec.Required()
		if !slices.Contains(req, "type") || !slices.Contains(req, "id") {
			t.Errorf("%s: got required %v, want type and id among them", name, req)
		}
		if (spec.Class != ClassSCO) != slices.Contains(req, "spec_version") {
			t.Errorf("%s: spec_version must be required exactly when the type is not an SCO", name)
		}
	}
	for name, spec := range Extensions {
		check(name, spec)
	}
	for name, spec := range Nested {
		check(name, spec)
	}
}

// TestVocabularies checks the vocabularies of section 10 and the
// enumerations of the object definitions.
func TestVocabularies(t *testing.T) {
	open := []string{"account-type-ov", "attack-motivation-ov", "attack-resource-level-ov", "grouping-context-ov",
		"hash-algorithm-ov", "identity-class-ov", "implementation-language-ov", "indicator-type-ov",
		"industry-sector-ov", "infrastructure-type-ov", "malware-capabilities-ov", "malware-result-ov",
		"malware-type-ov", "pattern-type-ov", "processor-architecture-ov", "region-ov", "report-type-ov",
		"threat-actor-type-ov", "threat-actor-role-ov", "threat-actor-sophistication-ov", "tool-type-ov",
		"windows-pebinary-type-ov", "marking-definition-type-ov"}
	closed := []string{"encryption-algorithm-enum", "extension-type-enum", "network-socket-address-family-enum",
		"network-socket-type-enum", "opinion-enum", "windows-integrity-level-enum", "windows-registry-datatype-enum",
		"windows-service-start-type-enum", "windows-service-type-enum", "windows-service-status-enum",
		"tlp-1.0-enum", "tlp-2.0-enum"}
	for _, n := range open {
		if !VocabIsOpen(n) {
			t.Errorf("VocabIsOpen(%q) got false, want true", n)
		}
	}
	for _, n := range closed {
		if Vocabularies[n] == nil || VocabIsOpen(n) {
			t.Errorf("%q: got missing or open, want a closed vocabulary", n)
		}
	}
	if got, want := len(Vocabularies), len(open)+len(closed); got != want {
		t.Errorf("got %d vocabularies, want %d", got, want)
	}
	tests := []struct {
		vocab, value string
		want         bool
	}{
		{"implementation-language-ov", "rust", true}, // added by Errata 01
		{"industry-sector-ov", "legal", true},        // added by Errata 01
		{"threat-actor-type-ov", "private-sector", true},
		{"report-type-ov", "incident", true},
		{"infrastructure-type-ov", "workstation", true},
		{"region-ov", "south-eastern-asia", true},
		{"account-type-ov", "windows-local", true},
		{"network-socket-type-enum", "SOCK_DGRAM", true},
		{"network-socket-type-enum", "AF_ISOCK_DGRAMNET", false}, // a typo of the summary row
		{"opinion-enum", "strongly-agree", true},
		{"opinion-enum", "maybe", false},
		{"opinion-enum", "Agree", false}, // literals are case-sensitive
		{"encryption-algorithm-enum", "AES-256-GCM", true},
		{"hash-algorithm-ov", "SHA3-512", true},
		{"hash-algorithm-ov", "sha256", false},
		{"tlp-1.0-enum", "white", true},
		{"tlp-1.0-enum", "clear", false},
		{"tlp-2.0-enum", "amber+strict", true},
		{"no-such-ov", "x", false},
	}
	for _, tt := range tests {
		if got := InVocab(tt.vocab, tt.value); got != tt.want {
			t.Errorf("InVocab(%q, %q) got %v, want %v", tt.vocab, tt.value, got, tt.want)
		}
	}
	if VocabIsOpen("no-such-ov") {
		t.Errorf("VocabIsOpen of a missing vocabulary got true, want false")
	}
	if got := len(VocabValues("malware-capabilities-ov")); got != 37 {
		t.Errorf("malware-capabilities-ov got %d values, want 37", got)
	}
}

// schemaDoc is a decoded JSON schema.
type schemaDoc = map[string]any

// schemaReader loads the OASIS JSON schemas from a directory.
type schemaReader struct {
	tb  testing.TB
	dir string
}

func (r schemaReader) load(rel string) schemaDoc {
	r.tb.Helper()
	data, err := os.ReadFile(filepath.Join(r.dir, rel))
	if err != nil {
		r.tb.Fatal(err)
	}
	var doc schemaDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		r.tb.Fatalf("%s: %v", rel, err)
	}
	return doc
}

// collect gathers the property names a schema defines, at any depth of
// allOf, anyOf and oneOf, and the properties it requires unconditionally
// (top level and allOf). It follows references to the core schemas; the
// file's own definitions are read separately.
func (r schemaReader) collect(s schemaDoc, from string, props, required map[string]bool, unconditional bool) {
	if p, ok := s["properties"].(map[string]any); ok {
		for name := range p {
			props[name] = true
		}
	}
	if unconditional {
		if req, ok := s["required"].([]any); ok {
			for _, n := range req {
				required[n.(string)] = true
			}
		}
	}
	if ref, ok := s["$ref"].(string); ok && strings.HasPrefix(ref, "../common/") && strings.HasSuffix(ref, "core.json") {
		rel := filepath.Join(filepath.Dir(from), ref)
		r.collect(r.load(rel), rel, props, required, unconditional)
	}
	for _, key := range []string{"allOf", "anyOf", "oneOf"} {
		subs, _ := s[key].([]any)
		for _, sub := range subs {
			if m, ok := sub.(map[string]any); ok {
				r.collect(m, from, props, required, unconditional && key == "allOf")
			}
		}
	}
}

// schemaMismatch is a deliberate difference between the registry and the
// OASIS schemas, with the reason for it.
type schemaMismatch struct {
	where, prop, why string
}

// deliberateMismatches lists every difference between the registry and the
// OASIS JSON schemas (which are non-normative) and why the registry
// follows the specification instead. where is a type, extension or nested
// type; prop is "" for the required list as a whole.
var deliberateMismatches = []schemaMismatch{
	// Properties the schemas list that the specification does not define
	// for the type.
	{"language-content", "lang", "spec 7.1 lists lang among the Not Applicable Common Properties; the schema inherits it from core.json"},
	{"extension-definition", "lang", "spec 7.3.1: Not Applicable Common Property; inherited from core.json"},
	{"extension-definition", "confidence", "spec 7.3.1: Not Applicable Common Property; inherited from core.json"},
	{"extension-definition", "extensions", "spec 7.3.1: Not Applicable Common Property; inherited from core.json"},

	// Properties the specification defines that the schemas leave out.
	{"course-of-action", "action", "spec 4.3.1 reserves it (RESERVED); the registry models it to refuse it, the schema leaves it out"},

	// Required lists.
	{"email-message", "", "is_multipart is required by spec 6.6.1; the schema requires it inside each branch of a oneOf"},
	{"marking-definition", "", "type, spec_version, id and created are required by spec 7.2.1; the schema requires them inside each branch of a oneOf"},
	{"extension-definition", "", "created_by_ref is required by spec 7.3.1; the schema only inherits core.json's required list"},
	{"external-reference", "", "source_name is required by spec 2.5.1; the schema requires it inside each branch of a oneOf"},
	{"granular-marking", "", "the schema requires marking_ref, but spec 7.2.3.1 makes it optional: a granular marking has marking_ref or lang"},
}

// deliberate reports whether a difference found is a listed one, and
// marks that entry of the list as needed.
func deliberate(used map[schemaMismatch]bool, where, prop string) bool {
	for _, m := range deliberateMismatches {
		if m.where == where && m.prop == prop {
			used[m] = true
			return true
		}
	}
	return false
}

// TestRegistryAgainstSchemas cross-checks the registry with the OASIS STIX
// 2.1 JSON schemas: every property a schema lists for a type, predefined
// extension or nested type exists in the registry, every property the
// registry defines appears in the schema, and the required lists agree,
// except for the differences listed, with their reasons, in
// deliberateMismatches.
func TestRegistryAgainstSchemas(t *testing.T) {
	r := schemaReader{tb: t, dir: shareddata.Path(t, "stix-schemas/schemas")}
	used := map[schemaMismatch]bool{}
	compare := func(where string, spec *TypeSpec, s schemaDoc, from string) {
		t.Helper()
		props, required := map[string]bool{}, map[string]bool{}
		r.collect(s, from, props, required, true)
		if len(props) == 0 {
			t.Errorf("%s: found no properties in %s", where, from)
			return
		}
		for p := range props {
			if spec.Prop(p) == nil && !deliberate(used, where, p) {
				t.Errorf("%s: the schema lists property %q, the registry does not define it", where, p)
			}
		}
		for _, p := range spec.Props {
			if !props[p.Name] && !deliberate(used, where, p.Name) {
				t.Errorf("%s: the registry defines property %q, the schema (%s) does not list it", where, p.Name, from)
			}
		}
		var schemaReq []string
		for p := range required {
			schemaReq = append(schemaReq, p)
		}
		sort.Strings(schemaReq)
		regReq := slices.Clone(spec.Required())
		sort.Strings(regReq)
		if !slices.Equal(schemaReq, regReq) && !deliberate(used, where, "") {
			t.Errorf("%s: got required %v, the schema requires %v", where, regReq, schemaReq)
		}
	}
	dirs := map[Class]string{ClassSDO: "sdos", ClassSRO: "sros", ClassSCO: "observables", ClassMeta: "common"}
	for typ, spec := range Types {
		rel := filepath.Join(dirs[spec.Class], typ+".json")
		compare(typ, spec, r.load(rel), rel)
	}

	// Predefined extensions, in the extension dictionaries of their SCOs.
	extDicts := map[string]string{"file": "file-extensions-dictionary", "network-traffic": "network-traffic-extensions-dictionary",
		"process": "process-extensions-dictionary", "user-account": "user-account-extensions-dictionary"}
	for typ, def := range extDicts {
		rel := filepath.Join("observables", typ+".json")
		doc := r.load(rel)
		pp := doc["definitions"].(map[string]any)[def].(map[string]any)["patternProperties"].(map[string]any)
		for _, ext := range Types[typ].Extensions {
			s, ok := pp["^"+ext+"$"].(map[string]any)
			if !ok {
				t.Errorf("%s: no schema for extension %s", rel, ext)
				continue
			}
			compare(ext, Extensions[ext], s, rel)
		}
	}

	// Nested types.
	nested := []struct{ name, rel, def string }{
		{"external-reference", "common/external-reference.json", ""},
		{"kill-chain-phase", "common/kill-chain-phase.json", ""},
		{"granular-marking", "common/granular-marking.json", ""},
		{"statement", "common/marking-definition.json", "statement"},
		{"email-mime-part-type", "observables/email-message.json", "mime-part-type"},
		{"windows-pe-optional-header-type", "observables/file.json", "windows-pe-optional-header-type"},
		{"windows-pe-section-type", "observables/file.json", "windows-pe-section"},
		{"windows-registry-value-type", "observables/windows-registry-key.json", "windows-registry-value-type"},
		{"x509-v3-extensions-type", "observables/x509-certificate.json", "x509-v3-extensions-type"},
	}
	for _, n := range nested {
		doc := r.load(n.rel)
		if n.def != "" {
			doc = doc["definitions"].(map[string]any)[n.def].(map[string]any)
		}
		compare(n.name, Nested[n.name], doc, n.rel)
	}
	// The alternate data stream type is inline in ntfs-ext.
	ntfs := r.load("observables/file.json")["definitions"].(map[string]any)["file-extensions-dictionary"].(map[string]any)["patternProperties"].(map[string]any)["^ntfs-ext$"].(map[string]any)
	ads := ntfs["allOf"].([]any)[0].(map[string]any)["properties"].(map[string]any)["alternate_data_streams"].(map[string]any)["items"].(map[string]any)
	compare("alternate-data-stream-type", Nested["alternate-data-stream-type"], ads, "observables/file.json")

	for _, m := range deliberateMismatches {
		if !used[m] {
			t.Errorf("deliberate mismatch %s/%q is listed but there is no such difference", m.where, m.prop)
		}
	}
}
