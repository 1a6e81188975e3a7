package stix

// This file models every object type of STIX 2.1 (OASIS Standard with
// Errata 01): for each type its class, its properties with their data types,
// which are required, which object types a reference may point at, which
// vocabulary a value comes from, the bounds the specification gives, and for
// Cyber-observable Objects the "ID Contributing Properties" and predefined
// extensions. Validate and DeterministicID read this model; nothing in it is
// changed after package initialisation.

// Class is the kind of STIX object a type belongs to.
type Class uint8

// The classes of STIX objects. ClassCustom is any type the specification
// does not define (custom objects, and objects of types defined by an
// extension definition).
const (
	ClassCustom Class = iota
	ClassSDO          // STIX Domain Object (section 4)
	ClassSRO          // STIX Relationship Object (section 5)
	ClassSCO          // STIX Cyber-observable Object (section 6)
	ClassMeta         // STIX Meta Object: marking-definition, language-content, extension-definition (section 7)
)

// String returns "SDO", "SRO", "SCO", "meta object" or "custom object".
func (c Class) String() string {
	switch c {
	case ClassSDO:
		return "SDO"
	case ClassSRO:
		return "SRO"
	case ClassSCO:
		return "SCO"
	case ClassMeta:
		return "meta object"
	}
	return "custom object"
}

// ClassOf returns the class of the STIX 2.1 type typ, or ClassCustom when
// the specification does not define typ. The bundle type is not a STIX
// object and is ClassCustom too.
func ClassOf(typ string) Class {
	if t := Types[typ]; t != nil {
		return t.Class
	}
	return ClassCustom
}

// PropKind is the data type of a property (section 2 of the specification),
// refined where STIX gives a type more structure than JSON does.
type PropKind uint8

// The property data types.
const (
	PropString              PropKind = iota + 1 // string
	PropInteger                                 // integer: a whole number in [-(2^53)+1, (2^53)-1]
	PropFloat                                   // float: any finite JSON number
	PropBoolean                                 // boolean
	PropTimestamp                               // timestamp (section 2.16)
	PropIdentifier                              // identifier: one reference (RefTypes restricts the target)
	PropIdentifierList                          // list of identifier
	PropStringList                              // list of string
	PropOpenVocab                               // open-vocab: any string, SHOULD come from Vocab
	PropOpenVocabList                           // list of open-vocab
	PropEnum                                    // enum: MUST come from the closed vocabulary Vocab
	PropEnumList                                // list of enum
	PropDictionary                              // dictionary; Values restricts the values
	PropHashes                                  // hashes (section 2.7)
	PropBinary                                  // binary, base64 encoded
	PropHex                                     // hex: an even number of hexadecimal digits
	PropExternalReferences                      // list of external-reference
	PropKillChainPhases                         // list of kill-chain-phase
	PropGranularMarkings                        // list of granular-marking
	PropExtensions                              // the extensions dictionary
	PropObject                                  // one embedded object of the nested type Elem
	PropObjectList                              // list of embedded objects of the nested type Elem
	PropObservableContainer                     // observed-data objects: the deprecated observable container
	PropMarking                                 // marking-definition definition: its type is given by definition_type
	PropStringOrInteger                         // a string or an integer (values of some dictionaries)
	PropReserved                                // reserved by the specification: MUST NOT be present
)

var propKindNames = [...]string{
	PropString:              "string",
	PropInteger:             "integer",
	PropFloat:               "float",
	PropBoolean:             "boolean",
	PropTimestamp:           "timestamp",
	PropIdentifier:          "identifier",
	PropIdentifierList:      "list of identifier",
	PropStringList:          "list of string",
	PropOpenVocab:           "open-vocab",
	PropOpenVocabList:       "list of open-vocab",
	PropEnum:                "enum",
	PropEnumList:            "list of enum",
	PropDictionary:          "dictionary",
	PropHashes:              "hashes",
	PropBinary:              "binary",
	PropHex:                 "hex",
	PropExternalReferences:  "list of external-reference",
	PropKillChainPhases:     "list of kill-chain-phase",
	PropGranularMarkings:    "list of granular-marking",
	PropExtensions:          "extensions dictionary",
	PropObject:              "object",
	PropObjectList:          "list of object",
	PropObservableContainer: "observable-container",
	PropMarking:             "marking object",
	PropStringOrInteger:     "string or integer",
	PropReserved:            "RESERVED",
}

// String returns the specification's name for the data type.
func (k PropKind) String() string {
	if int(k) < len(propKindNames) && propKindNames[k] != "" {
		return propKindNames[k]
	}
	return "unknown"
}

// Markers that may appear in PropSpec.RefTypes besides type names.
const (
	RefSDO    = "<SDO>"    // any STIX Domain Object type
	RefSRO    = "<SRO>"    // any STIX Relationship Object type
	RefSCO    = "<SCO>"    // any STIX Cyber-observable Object type
	RefCustom = "<custom>" // any type the specification does not define
)

// Precision is the precision a timestamp property demands.
type Precision uint8

// The timestamp precisions.
const (
	AnyPrecision  Precision = iota // as many fractional digits as the producer wants
	MillisOrFiner                  // at least three fractional digits (created, modified)
	WholeSeconds                   // no fractional part (windows-pebinary-ext time_date_stamp)
)

// Range is an inclusive range of numbers.
type Range struct{ Min, Max float64 }

// MaxInteger is the largest integer STIX allows: 2^53-1 (section 2.10).
const MaxInteger = 1<<53 - 1

// PropSpec describes one property.
type PropSpec struct {
	Name     string
	Kind     PropKind
	Required bool
	// RefTypes lists the types an identifier (or each identifier of a list)
	// may point at: type names and the markers RefSDO, RefSRO, RefSCO and
	// RefCustom. nil allows any STIX object. Types in NotRef are refused
	// even when RefTypes would allow them.
	RefTypes []string
	NotRef   []string
	// Vocab names the vocabulary of an enum or open-vocab property (and of
	// their lists); see Vocabularies.
	Vocab string
	// Elem names the nested type (a key of Nested) of an object or list of
	// objects.
	Elem string
	// Values is the data type of a dictionary's values; 0 allows any valid
	// property value.
	Values PropKind
	// LangKeys says a dictionary's keys are RFC 5646 language tags.
	LangKeys bool
	// Lang says a string, or each string of a list, is an RFC 5646
	// language tag.
	Lang bool
	// Range bounds an integer or float; nil means only the general integer
	// range applies.
	Range *Range
	// Precision is the precision a timestamp must have.
	Precision Precision

	reqBit uint64 // the property's bit in its TypeSpec's reqMask; 0 when optional
}

// TypeSpec describes one STIX object type, a predefined extension or a
// nested type (email-mime-part-type, windows-pe-section-type, ...).
type TypeSpec struct {
	Type  string
	Class Class // ClassCustom for extensions and nested types
	// Props lists every property the specification defines for the type,
	// the common properties it uses first.
	Props []PropSpec
	// IDContributing lists the SCO's ID Contributing Properties (section
	// 6), in the specification's order. Empty for every other type, and for
	// process, whose properties are all optional.
	IDContributing []string
	// Extensions lists the predefined extensions (keys of Extensions) the
	// specification defines for this type.
	Extensions []string
	// AtLeastOne lists properties of which at least one MUST be present
	// (for example "a File object MUST contain at least one of hashes or
	// name"); nil when there is no such rule.
	AtLeastOne []string

	byName   map[string]*PropSpec
	required []string
	reqMask  uint64 // the reqBits of all required properties
}

// Prop returns the specification of the property name, or nil when the
// type does not define it (the property is then a custom property).
func (t *TypeSpec) Prop(name string) *PropSpec {
	return t.byName[name]
}

// Required returns the names of the properties the type requires, in the
// order of Props. The caller must not modify the result.
func (t *TypeSpec) Required() []string {
	return t.required
}

// Types holds every object type the STIX 2.1 specification defines: the 19
// SDOs, the 2 SROs, the 18 SCOs and the 3 meta objects, keyed by type name.
// It must not be modified.
var Types map[string]*TypeSpec

// Extensions holds the predefined SCO extensions (section 6): archive-ext,
// ntfs-ext, pdf-ext, raster-image-ext, windows-pebinary-ext,
// http-request-ext, icmp-ext, socket-ext, tcp-ext, windows-process-ext,
// windows-service-ext and unix-account-ext. It must not be modified.
var Extensions map[string]*TypeSpec

// Nested holds the types that only appear inside objects: the common types
// external-reference, kill-chain-phase and granular-marking, the marking
// types statement and tlp, and the SCO sub-types (email-mime-part-type,
// alternate-data-stream-type, windows-pe-optional-header-type,
// windows-pe-section-type, windows-registry-value-type,
// x509-v3-extensions-type). It must not be modified.
var Nested map[string]*TypeSpec

// extensionOwner maps each predefined extension to the SCO type that
// defines it.
var extensionOwner map[string]string

// Property constructors, to keep the tables below readable.

func pString(name string) PropSpec  { return PropSpec{Name: name, Kind: PropString} }
func pInt(name string) PropSpec     { return PropSpec{Name: name, Kind: PropInteger} }
func pFloat(name string) PropSpec   { return PropSpec{Name: name, Kind: PropFloat} }
func pBool(name string) PropSpec    { return PropSpec{Name: name, Kind: PropBoolean} }
func pTime(name string) PropSpec    { return PropSpec{Name: name, Kind: PropTimestamp} }
func pStrings(name string) PropSpec { return PropSpec{Name: name, Kind: PropStringList} }
func pHashes(name string) PropSpec  { return PropSpec{Name: name, Kind: PropHashes} }
func pHex(name string) PropSpec     { return PropSpec{Name: name, Kind: PropHex} }
func pBinary(name string) PropSpec  { return PropSpec{Name: name, Kind: PropBinary} }
func pLang(name string) PropSpec    { return PropSpec{Name: name, Kind: PropString, Lang: true} }

func pRange(name string, min, max float64) PropSpec {
	return PropSpec{Name: name, Kind: PropInteger, Range: &Range{min, max}}
}

func pNonNeg(name string) PropSpec { return pRange(name, 0, MaxInteger) }

func pRef(name string, types ...string) PropSpec {
	return PropSpec{Name: name, Kind: PropIdentifier, RefTypes: types}
}

func pRefs(name string, types ...string) PropSpec {
	return PropSpec{Name: name, Kind: PropIdentifierList, RefTypes: types}
}

func pOV(name, vocab string) PropSpec { return PropSpec{Name: name, Kind: PropOpenVocab, Vocab: vocab} }
func pOVList(name, vocab string) PropSpec {
	return PropSpec{Name: name, Kind: PropOpenVocabList, Vocab: vocab}
}
func pEnum(name, vocab string) PropSpec { return PropSpec{Name: name, Kind: PropEnum, Vocab: vocab} }

func pDict(name string, values PropKind) PropSpec {
	return PropSpec{Name: name, Kind: PropDictionary, Values: values}
}

func pObject(name, elem string) PropSpec { return PropSpec{Name: name, Kind: PropObject, Elem: elem} }
func pObjects(name, elem string) PropSpec {
	return PropSpec{Name: name, Kind: PropObjectList, Elem: elem}
}

func req(p PropSpec) PropSpec { p.Required = true; return p }

// Common properties (section 3.2).

func commonType() PropSpec    { return req(pString("type")) }
func commonSpecVer() PropSpec { return pString("spec_version") }
func commonID() PropSpec      { return req(PropSpec{Name: "id", Kind: PropIdentifier}) }
func commonCreatedBy() PropSpec {
	return pRef("created_by_ref", "identity")
}
func commonCreated() PropSpec {
	return PropSpec{Name: "created", Kind: PropTimestamp, Required: true, Precision: MillisOrFiner}
}
func commonModified() PropSpec {
	return PropSpec{Name: "modified", Kind: PropTimestamp, Required: true, Precision: MillisOrFiner}
}
func commonMarkingRefs() PropSpec { return pRefs("object_marking_refs", "marking-definition") }
func commonGranular() PropSpec {
	return PropSpec{Name: "granular_markings", Kind: PropGranularMarkings}
}
func commonExtRefs() PropSpec {
	return PropSpec{Name: "external_references", Kind: PropExternalReferences}
}
func commonExtensions() PropSpec { return PropSpec{Name: "extensions", Kind: PropExtensions} }
func killChain() PropSpec        { return PropSpec{Name: "kill_chain_phases", Kind: PropKillChainPhases} }

// sdoCommon returns the common properties of SDOs and SROs (section 3.2):
// type, spec_version, id, created and modified required; created_by_ref,
// revoked, labels, confidence, lang, external_references,
// object_marking_refs, granular_markings and extensions optional.
func sdoCommon() []PropSpec {
	return []PropSpec{
		commonType(),
		req(commonSpecVer()),
		commonID(),
		commonCreatedBy(),
		commonCreated(),
		commonModified(),
		pBool("revoked"),
		pStrings("labels"),
		pRange("confidence", 0, 100),
		pLang("lang"),
		commonExtRefs(),
		commonMarkingRefs(),
		commonGranular(),
		commonExtensions(),
	}
}

// scoCommon returns the common properties of SCOs: type and id required;
// spec_version, object_marking_refs, granular_markings, defanged and
// extensions optional.
func scoCommon() []PropSpec {
	return []PropSpec{
		commonType(),
		commonSpecVer(),
		commonID(),
		commonMarkingRefs(),
		commonGranular(),
		pBool("defanged"),
		commonExtensions(),
	}
}

func props(common []PropSpec, specific ...PropSpec) []PropSpec {
	return append(common, specific...)
}

// typeTable lists every STIX 2.1 object type.
func typeTable() []*TypeSpec {
	sdo := func(typ string, specific ...PropSpec) *TypeSpec {
		return &TypeSpec{Type: typ, Class: ClassSDO, Props: props(sdoCommon(), specific...)}
	}
	sco := func(typ string, idc []string, specific ...PropSpec) *TypeSpec {
		return &TypeSpec{Type: typ, Class: ClassSCO, Props: props(scoCommon(), specific...), IDContributing: idc}
	}
	names := func(p ...string) []string { return p }

	return []*TypeSpec{
		// 4.1
		sdo("attack-pattern",
			req(pString("name")), pString("description"), pStrings("aliases"), killChain()),
		// 4.2
		sdo("campaign",
			req(pString("name")), pString("description"), pStrings("aliases"),
			pTime("first_seen"), pTime("last_seen"), pString("objective")),
		// 4.3
		sdo("course-of-action",
			req(pString("name")), pString("description"),
			PropSpec{Name: "action", Kind: PropReserved}),
		// 4.4: name is optional, as in STIX 2.1 (OS), the OASIS schema and
		// python-stix2; the Errata 01 markdown table's "(required)" is not
		// among the errata's listed changes.
		sdo("grouping",
			pString("name"), pString("description"),
			req(pOV("context", "grouping-context-ov")), req(pRefs("object_refs"))),
		// 4.5
		sdo("identity",
			req(pString("name")), pString("description"), pStrings("roles"),
			pOV("identity_class", "identity-class-ov"), pOVList("sectors", "industry-sector-ov"),
			pString("contact_information")),
		// 4.6
		sdo("incident",
			req(pString("name")), pString("description")),
		// 4.7
		sdo("indicator",
			pString("name"), pString("description"), pOVList("indicator_types", "indicator-type-ov"),
			req(pString("pattern")), req(pOV("pattern_type", "pattern-type-ov")), pString("pattern_version"),
			req(pTime("valid_from")), pTime("valid_until"), killChain()),
		// 4.8
		sdo("infrastructure",
			req(pString("name")), pString("description"), pOVList("infrastructure_types", "infrastructure-type-ov"),
			pStrings("aliases"), killChain(), pTime("first_seen"), pTime("last_seen")),
		// 4.9
		sdo("intrusion-set",
			req(pString("name")), pString("description"), pStrings("aliases"),
			pTime("first_seen"), pTime("last_seen"), pStrings("goals"),
			pOV("resource_level", "attack-resource-level-ov"), pOV("primary_motivation", "attack-motivation-ov"),
			pOVList("secondary_motivations", "attack-motivation-ov")),
		// 4.10
		sdo("location",
			pString("name"), pString("description"),
			PropSpec{Name: "latitude", Kind: PropFloat, Range: &Range{-90, 90}},
			PropSpec{Name: "longitude", Kind: PropFloat, Range: &Range{-180, 180}},
			pFloat("precision"), pOV("region", "region-ov"), pString("country"),
			pString("administrative_area"), pString("city"), pString("street_address"), pString("postal_code")),
		// 4.11: is_family is required, as in STIX 2.1 (OS), the OASIS schema
		// and python-stix2; the Errata 01 markdown table's "(optional)" is
		// not among the errata's listed changes.
		sdo("malware",
			pString("name"), pString("description"), pOVList("malware_types", "malware-type-ov"),
			req(pBool("is_family")), pStrings("aliases"), killChain(), pTime("first_seen"), pTime("last_seen"),
			pRefs("operating_system_refs", "software"),
			pOVList("architecture_execution_envs", "processor-architecture-ov"),
			pOVList("implementation_languages", "implementation-language-ov"),
			pOVList("capabilities", "malware-capabilities-ov"),
			pRefs("sample_refs", "file", "artifact")),
		// 4.12
		sdo("malware-analysis",
			req(pString("product")), pString("version"),
			pRef("host_vm_ref", "software"), pRef("operating_system_ref", "software"),
			pRefs("installed_software_refs", "software"),
			pString("configuration_version"), pStrings("modules"),
			pString("analysis_engine_version"), pString("analysis_definition_version"),
			pTime("submitted"), pTime("analysis_started"), pTime("analysis_ended"),
			pString("result_name"), pOV("result", "malware-result-ov"),
			pRefs("analysis_sco_refs", RefSCO, RefCustom),
			pRef("sample_ref", "file", "network-traffic", "artifact")),
		// 4.13
		sdo("note",
			pString("abstract"), req(pString("content")), pStrings("authors"), req(pRefs("object_refs"))),
		// 4.14
		sdo("observed-data",
			req(pTime("first_observed")), req(pTime("last_observed")),
			req(pRange("number_observed", 1, 999999999)),
			PropSpec{Name: "objects", Kind: PropObservableContainer},
			pRefs("object_refs", RefSCO, RefSRO, RefCustom)),
		// 4.15
		sdo("opinion",
			pString("explanation"), pStrings("authors"),
			req(pEnum("opinion", "opinion-enum")), req(pRefs("object_refs"))),
		// 4.16
		sdo("report",
			req(pString("name")), pString("description"), pOVList("report_types", "report-type-ov"),
			req(pTime("published")), req(pRefs("object_refs"))),
		// 4.17
		sdo("threat-actor",
			req(pString("name")), pString("description"), pOVList("threat_actor_types", "threat-actor-type-ov"),
			pStrings("aliases"), pTime("first_seen"), pTime("last_seen"),
			pOVList("roles", "threat-actor-role-ov"), pStrings("goals"),
			pOV("sophistication", "threat-actor-sophistication-ov"),
			pOV("resource_level", "attack-resource-level-ov"),
			pOV("primary_motivation", "attack-motivation-ov"),
			pOVList("secondary_motivations", "attack-motivation-ov"),
			pOVList("personal_motivations", "attack-motivation-ov")),
		// 4.18
		sdo("tool",
			req(pString("name")), pString("description"), pOVList("tool_types", "tool-type-ov"),
			pStrings("aliases"), killChain(), pString("tool_version")),
		// 4.19
		sdo("vulnerability",
			req(pString("name")), pString("description")),

		// 5.1
		{Type: "relationship", Class: ClassSRO, Props: props(sdoCommon(),
			req(pString("relationship_type")), pString("description"),
			req(relationshipEnd("source_ref")), req(relationshipEnd("target_ref")),
			pTime("start_time"), pTime("stop_time"))},
		// 5.2: the specification's table types summary as string, a slip:
		// its description, the schema and every producer use a boolean.
		{Type: "sighting", Class: ClassSRO, Props: props(sdoCommon(),
			pString("description"), pTime("first_seen"), pTime("last_seen"),
			pRange("count", 0, 999999999),
			req(pRef("sighting_of_ref", RefSDO, RefCustom)),
			pRefs("observed_data_refs", "observed-data"),
			pRefs("where_sighted_refs", "identity", "location"),
			pBool("summary"))},

		// 6.1
		sco("artifact", names("hashes", "payload_bin"),
			pString("mime_type"), pBinary("payload_bin"), pString("url"), pHashes("hashes"),
			pEnum("encryption_algorithm", "encryption-algorithm-enum"), pString("decryption_key")),
		// 6.2
		sco("autonomous-system", names("number"),
			req(pInt("number")), pString("name"), pString("rir")),
		// 6.3
		sco("directory", names("path"),
			req(pString("path")), pString("path_enc"), pTime("ctime"), pTime("mtime"), pTime("atime"),
			pRefs("contains_refs", "file", "directory")),
		// 6.4
		sco("domain-name", names("value"),
			req(pString("value")), pRefs("resolves_to_refs", "ipv4-addr", "ipv6-addr", "domain-name")),
		// 6.5
		sco("email-addr", names("value"),
			req(pString("value")), pString("display_name"), pRef("belongs_to_ref", "user-account")),
		// 6.6
		sco("email-message", names("from_ref", "subject", "body"),
			req(pBool("is_multipart")), pTime("date"), pString("content_type"),
			pRef("from_ref", "email-addr"), pRef("sender_ref", "email-addr"),
			pRefs("to_refs", "email-addr"), pRefs("cc_refs", "email-addr"), pRefs("bcc_refs", "email-addr"),
			pString("message_id"), pString("subject"), pStrings("received_lines"),
			pDict("additional_header_fields", PropStringList),
			pString("body"), pObjects("body_multipart", "email-mime-part-type"),
			pRef("raw_email_ref", "artifact")),
		// 6.7
		withExt(withAtLeast(sco("file", names("hashes", "name", "extensions", "parent_directory_ref"),
			pHashes("hashes"), pNonNeg("size"), pString("name"), pString("name_enc"),
			pHex("magic_number_hex"), pString("mime_type"), pTime("ctime"), pTime("mtime"), pTime("atime"),
			pRef("parent_directory_ref", "directory"), pRefs("contains_refs", RefSCO, RefCustom),
			pRef("content_ref", "artifact")),
			"hashes", "name"),
			"archive-ext", "ntfs-ext", "pdf-ext", "raster-image-ext", "windows-pebinary-ext"),
		// 6.8
		sco("ipv4-addr", names("value"),
			req(pString("value")), pRefs("resolves_to_refs", "mac-addr"), pRefs("belongs_to_refs", "autonomous-system")),
		// 6.9
		sco("ipv6-addr", names("value"),
			req(pString("value")), pRefs("resolves_to_refs", "mac-addr"), pRefs("belongs_to_refs", "autonomous-system")),
		// 6.10
		sco("mac-addr", names("value"), req(pString("value"))),
		// 6.11
		sco("mutex", names("name"), req(pString("name"))),
		// 6.12
		withExt(sco("network-traffic", names("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"),
			pTime("start"), pTime("end"), pBool("is_active"),
			pRef("src_ref", "ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
			pRef("dst_ref", "ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
			pRange("src_port", 0, 65535), pRange("dst_port", 0, 65535),
			req(pStrings("protocols")),
			pInt("src_byte_count"), pInt("dst_byte_count"), pInt("src_packets"), pInt("dst_packets"),
			pDict("ipfix", PropStringOrInteger),
			pRef("src_payload_ref", "artifact"), pRef("dst_payload_ref", "artifact"),
			pRefs("encapsulates_refs", "network-traffic"), pRef("encapsulated_by_ref", "network-traffic")),
			"http-request-ext", "icmp-ext", "socket-ext", "tcp-ext"),
		// 6.13: no ID Contributing Properties (UUIDv4).
		withExt(withAtLeast(sco("process", nil,
			pBool("is_hidden"), pInt("pid"), pTime("created_time"), pString("cwd"), pString("command_line"),
			pDict("environment_variables", PropString),
			pRefs("opened_connection_refs", "network-traffic"), pRef("creator_user_ref", "user-account"),
			pRef("image_ref", "file"), pRef("parent_ref", "process"), pRefs("child_refs", "process")),
			"extensions", "is_hidden", "pid", "created_time", "cwd", "command_line", "environment_variables",
			"opened_connection_refs", "creator_user_ref", "image_ref", "parent_ref", "child_refs"),
			"windows-process-ext", "windows-service-ext"),
		// 6.14
		sco("software", names("name", "cpe", "swid", "vendor", "version"),
			req(pString("name")), pString("cpe"), pString("swid"), PropSpec{Name: "languages", Kind: PropStringList, Lang: true},
			pString("vendor"), pString("version")),
		// 6.15
		sco("url", names("value"), req(pString("value"))),
		// 6.16
		withExt(withAtLeast(sco("user-account", names("account_type", "user_id", "account_login"),
			pString("user_id"), pString("credential"), pString("account_login"),
			pOV("account_type", "account-type-ov"), pString("display_name"),
			pBool("is_service_account"), pBool("is_privileged"), pBool("can_escalate_privs"), pBool("is_disabled"),
			pTime("account_created"), pTime("account_expires"), pTime("credential_last_changed"),
			pTime("account_first_login"), pTime("account_last_login")),
			"extensions", "user_id", "credential", "account_login", "account_type", "display_name",
			"is_service_account", "is_privileged", "can_escalate_privs", "is_disabled", "account_created",
			"account_expires", "credential_last_changed", "account_first_login", "account_last_login"),
			"unix-account-ext"),
		// 6.17
		withAtLeast(sco("windows-registry-key", names("key", "values"),
			pString("key"), pObjects("values", "windows-registry-value-type"), pTime("modified_time"),
			pRef("creator_user_ref", "user-account"), pInt("number_of_subkeys")),
			"key", "values", "modified_time", "creator_user_ref", "number_of_subkeys"),
		// 6.18
		withAtLeast(sco("x509-certificate", names("hashes", "serial_number"),
			pBool("is_self_signed"), pHashes("hashes"), pString("version"), pString("serial_number"),
			pString("signature_algorithm"), pString("issuer"), pTime("validity_not_before"),
			pTime("validity_not_after"), pString("subject"), pString("subject_public_key_algorithm"),
			pString("subject_public_key_modulus"), pInt("subject_public_key_exponent"),
			pObject("x509_v3_extensions", "x509-v3-extensions-type")),
			"is_self_signed", "hashes", "version", "serial_number", "signature_algorithm", "issuer",
			"validity_not_before", "validity_not_after", "subject", "subject_public_key_algorithm",
			"subject_public_key_modulus", "subject_public_key_exponent", "x509_v3_extensions"),

		// 7.1: lang does not apply; the table's "granular_marking_refs" is
		// a slip for granular_markings.
		{Type: "language-content", Class: ClassMeta, Props: []PropSpec{
			commonType(), req(commonSpecVer()), commonID(), commonCreatedBy(), commonCreated(), commonModified(),
			pBool("revoked"), pStrings("labels"), pRange("confidence", 0, 100), commonExtRefs(),
			commonMarkingRefs(), commonGranular(), commonExtensions(),
			req(PropSpec{Name: "object_ref", Kind: PropIdentifier, NotRef: []string{"bundle", "language-content"}}),
			pTime("object_modified"),
			req(PropSpec{Name: "contents", Kind: PropDictionary, Values: PropDictionary, LangKeys: true}),
		}},
		// 7.2.1: marking definitions are not versioned (no modified).
		{Type: "marking-definition", Class: ClassMeta, Props: []PropSpec{
			commonType(), req(commonSpecVer()), commonID(), commonCreatedBy(), commonCreated(),
			commonExtRefs(), commonMarkingRefs(), commonGranular(), commonExtensions(),
			pString("name"), pOV("definition_type", "marking-definition-type-ov"),
			{Name: "definition", Kind: PropMarking},
		}},
		// 7.3
		{Type: "extension-definition", Class: ClassMeta, Props: []PropSpec{
			commonType(), req(commonSpecVer()), commonID(), req(commonCreatedBy()), commonCreated(), commonModified(),
			pBool("revoked"), pStrings("labels"), commonExtRefs(), commonMarkingRefs(), commonGranular(),
			req(pString("name")), pString("description"), req(pString("schema")), req(pString("version")),
			req(PropSpec{Name: "extension_types", Kind: PropEnumList, Vocab: "extension-type-enum"}),
			pStrings("extension_properties"),
		}},
	}
}

// relationshipEnd is source_ref or target_ref: an SDO, an SCO or a custom
// object (ATT&CK relates x-mitre-* objects), never an SRO, a meta object
// or a bundle (section 5.1).
func relationshipEnd(name string) PropSpec {
	return pRef(name, RefSDO, RefSCO, RefCustom)
}

func withExt(t *TypeSpec, ext ...string) *TypeSpec       { t.Extensions = ext; return t }
func withAtLeast(t *TypeSpec, props ...string) *TypeSpec { t.AtLeastOne = props; return t }

// extensionTable lists the predefined SCO extensions, with the SCO type
// that defines each.
func extensionTable() map[string]*TypeSpec {
	ext := func(name string, atLeast []string, p ...PropSpec) *TypeSpec {
		return &TypeSpec{Type: name, Props: p, AtLeastOne: atLeast}
	}
	all := func(p ...PropSpec) []string {
		out := make([]string, len(p))
		for i := range p {
			out[i] = p[i].Name
		}
		return out
	}
	ntfs := []PropSpec{pString("sid"), pObjects("alternate_data_streams", "alternate-data-stream-type")}
	pdf := []PropSpec{pString("version"), pBool("is_optimized"), pDict("document_info_dict", PropString),
		pString("pdfid0"), pString("pdfid1")}
	raster := []PropSpec{pInt("image_height"), pInt("image_width"), pInt("bits_per_pixel"),
		pDict("exif_tags", PropStringOrInteger)}
	pe := []PropSpec{pString("imphash"), pHex("machine_hex"), pNonNeg("number_of_sections"),
		{Name: "time_date_stamp", Kind: PropTimestamp, Precision: WholeSeconds},
		pHex("pointer_to_symbol_table_hex"), pNonNeg("number_of_symbols"), pNonNeg("size_of_optional_header"),
		pHex("characteristics_hex"), pHashes("file_header_hashes"),
		pObject("optional_header", "windows-pe-optional-header-type"),
		pObjects("sections", "windows-pe-section-type")}
	tcp := []PropSpec{pHex("src_flags_hex"), pHex("dst_flags_hex")}
	winProc := []PropSpec{pBool("aslr_enabled"), pBool("dep_enabled"), pString("priority"), pString("owner_sid"),
		pString("window_title"), pDict("startup_info", 0), pEnum("integrity_level", "windows-integrity-level-enum")}
	winSvc := []PropSpec{pString("service_name"), pStrings("descriptions"), pString("display_name"),
		pString("group_name"), pEnum("start_type", "windows-service-start-type-enum"),
		pRefs("service_dll_refs", "file"), pEnum("service_type", "windows-service-type-enum"),
		pEnum("service_status", "windows-service-status-enum")}
	unix := []PropSpec{pInt("gid"), pStrings("groups"), pString("home_dir"), pString("shell")}

	return map[string]*TypeSpec{
		// 6.7.2
		"archive-ext": ext("archive-ext", nil,
			req(pRefs("contains_refs", "file", "directory")), pString("comment")),
		// 6.7.3: at least one property.
		"ntfs-ext": ext("ntfs-ext", all(ntfs...), ntfs...),
		// 6.7.4
		"pdf-ext": ext("pdf-ext", all(pdf...), pdf...),
		// 6.7.5
		"raster-image-ext": ext("raster-image-ext", all(raster...), raster...),
		// 6.7.6: at least one property other than pe_type.
		"windows-pebinary-ext": ext("windows-pebinary-ext", all(pe...),
			append([]PropSpec{req(pOV("pe_type", "windows-pebinary-type-ov"))}, pe...)...),
		// 6.12.2
		"http-request-ext": ext("http-request-ext", nil,
			req(pString("request_method")), req(pString("request_value")), pString("request_version"),
			pDict("request_header", PropStringList), pInt("message_body_length"),
			pRef("message_body_data_ref", "artifact")),
		// 6.12.3
		"icmp-ext": ext("icmp-ext", nil, req(pHex("icmp_type_hex")), req(pHex("icmp_code_hex"))),
		// 6.12.4
		"socket-ext": ext("socket-ext", nil,
			req(pEnum("address_family", "network-socket-address-family-enum")),
			pBool("is_blocking"), pBool("is_listening"), pDict("options", PropInteger),
			pEnum("socket_type", "network-socket-type-enum"), pNonNeg("socket_descriptor"), pInt("socket_handle")),
		// 6.12.5
		"tcp-ext": ext("tcp-ext", all(tcp...), tcp...),
		// 6.13.2: the Errata table spells window_title "windows_title"; the
		// 2.1 standard, the schema and producers use window_title.
		"windows-process-ext": ext("windows-process-ext", all(winProc...), winProc...),
		// 6.13.3
		"windows-service-ext": ext("windows-service-ext", all(winSvc...), winSvc...),
		// 6.16.2
		"unix-account-ext": ext("unix-account-ext", all(unix...), unix...),
	}
}

// nestedTable lists the types embedded in objects.
func nestedTable() map[string]*TypeSpec {
	nested := func(name string, atLeast []string, p ...PropSpec) *TypeSpec {
		return &TypeSpec{Type: name, Props: p, AtLeastOne: atLeast}
	}
	names := func(p []PropSpec) []string {
		out := make([]string, len(p))
		for i := range p {
			out[i] = p[i].Name
		}
		return out
	}
	optHeader := []PropSpec{pHex("magic_hex"), pInt("major_linker_version"), pInt("minor_linker_version"),
		pNonNeg("size_of_code"), pNonNeg("size_of_initialized_data"), pNonNeg("size_of_uninitialized_data"),
		pInt("address_of_entry_point"), pInt("base_of_code"), pInt("base_of_data"), pInt("image_base"),
		pInt("section_alignment"), pInt("file_alignment"), pInt("major_os_version"), pInt("minor_os_version"),
		pInt("major_image_version"), pInt("minor_image_version"), pInt("major_subsystem_version"),
		pInt("minor_subsystem_version"), pHex("win32_version_value_hex"), pNonNeg("size_of_image"),
		pNonNeg("size_of_headers"), pHex("checksum_hex"), pHex("subsystem_hex"), pHex("dll_characteristics_hex"),
		pNonNeg("size_of_stack_reserve"), pNonNeg("size_of_stack_commit"), pNonNeg("size_of_heap_reserve"),
		pNonNeg("size_of_heap_commit"), pHex("loader_flags_hex"), pInt("number_of_rva_and_sizes"), pHashes("hashes")}
	regValue := []PropSpec{pString("name"), pString("data"), pEnum("data_type", "windows-registry-datatype-enum")}
	x509 := []PropSpec{pString("basic_constraints"), pString("name_constraints"), pString("policy_constraints"),
		pString("key_usage"), pString("extended_key_usage"), pString("subject_key_identifier"),
		pString("authority_key_identifier"), pString("subject_alternative_name"), pString("issuer_alternative_name"),
		pString("subject_directory_attributes"), pString("crl_distribution_points"), pString("inhibit_any_policy"),
		pTime("private_key_usage_period_not_before"), pTime("private_key_usage_period_not_after"),
		pString("certificate_policies"), pString("policy_mappings")}

	return map[string]*TypeSpec{
		// 2.5
		"external-reference": nested("external-reference", nil,
			req(pString("source_name")), pString("description"), pString("url"), pHashes("hashes"),
			pString("external_id")),
		// 2.11
		"kill-chain-phase": nested("kill-chain-phase", nil,
			req(pString("kill_chain_name")), req(pString("phase_name"))),
		// 7.2.3.1
		"granular-marking": nested("granular-marking", nil,
			pLang("lang"), pRef("marking_ref", "marking-definition"), req(pStrings("selectors"))),
		// 7.2.1.3
		"statement": nested("statement", nil, req(pString("statement"))),
		// 7.2.1.4
		"tlp": nested("tlp", nil, req(pEnum("tlp", "tlp-1.0-enum"))),
		// 6.6.2: one of body or body_raw_ref.
		"email-mime-part-type": nested("email-mime-part-type", nil,
			pString("body"), pRef("body_raw_ref", "artifact", "file"), pString("content_type"),
			pString("content_disposition")),
		// 6.7.3.2
		"alternate-data-stream-type": nested("alternate-data-stream-type", nil,
			req(pString("name")), pHashes("hashes"), pNonNeg("size")),
		// 6.7.6.2: at least one property.
		"windows-pe-optional-header-type": nested("windows-pe-optional-header-type", names(optHeader), optHeader...),
		// 6.7.6.3
		"windows-pe-section-type": nested("windows-pe-section-type", nil,
			req(pString("name")), pNonNeg("size"), pFloat("entropy"), pHashes("hashes")),
		// 6.17.2: at least one property.
		"windows-registry-value-type": nested("windows-registry-value-type", names(regValue), regValue...),
		// 6.18.2: at least one property.
		"x509-v3-extensions-type": nested("x509-v3-extensions-type", names(x509), x509...),
	}
}

func index(t *TypeSpec) *TypeSpec {
	t.byName = make(map[string]*PropSpec, len(t.Props))
	t.required, t.reqMask = nil, 0
	for i := range t.Props {
		p := &t.Props[i]
		t.byName[p.Name] = p
		p.reqBit = 0
		if p.Required {
			if len(t.required) == 64 {
				panic("stix: more than 64 required properties in " + t.Type)
			}
			p.reqBit = 1 << len(t.required)
			t.reqMask |= p.reqBit
			t.required = append(t.required, p.Name)
		}
	}
	return t
}

func init() {
	Types = make(map[string]*TypeSpec)
	for _, t := range typeTable() {
		Types[t.Type] = index(t)
	}
	Extensions = extensionTable()
	extensionOwner = make(map[string]string)
	for _, t := range Extensions {
		index(t)
	}
	for _, t := range Types {
		for _, e := range t.Extensions {
			extensionOwner[e] = t.Type
		}
	}
	Nested = nestedTable()
	for _, t := range Nested {
		index(t)
	}
}
