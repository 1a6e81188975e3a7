package stix

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"

	"github.com/go-json-experiment/json/jsontext"
)

// Identifiers used by the test objects.
const (
	testUUID     = "1e4ffad7-0b88-41d4-ba4d-77d27490b956"
	identityID   = "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff"
	locationID   = "location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64"
	malwareID    = "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b"
	indicatorID  = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
	observedID   = "observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf"
	relID        = "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad"
	tlpGreenID   = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
	statementID  = "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd"
	extDefID     = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e"
	tacticID     = "x-mitre-tactic--d108ce10-2419-4cf9-a774-46161d6c6cfe"
	ipv4ID       = "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"
	ipv6ID       = "ipv6-addr--85a85a8c-ee99-5722-946d-3c3a3270fc6f"
	domainID     = "domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7"
	emailAddrID  = "email-addr--6deb37bd-12b7-54ae-805f-5f7146f3d171"
	fileID       = "file--949eb97a-da1e-5292-8959-03c4249dc9f3"
	directoryID  = "directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622"
	artifactID   = "artifact--a785c567-cc53-52a1-abeb-026bb7ddf8ba"
	softwareID   = "software--710b0b41-d4d0-5d6c-a400-fc9254554ffc"
	userID       = "user-account--f94d689e-707d-58c3-b803-c720bb6ed096"
	trafficID    = "network-traffic--6e0cb830-0305-57d4-8536-7be874d42005"
	processID    = "process--8fac80fe-a220-4ba9-8ffe-4f43ce8edff8"
	sha256       = "fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db"
	created2016  = `"2016-04-06T20:03:00.000Z"`
	modified2017 = `"2017-04-06T20:03:00.000Z"`
)

func q(s string) string { return strconv.Quote(s) }

// build returns the JSON text of an object made of the members base, then
// kv: pairs of a member name and its raw JSON value. A kv member replaces
// the base member of the same name, or is appended; an empty value deletes
// the member.
func build(base [][2]string, kv ...string) string {
	members := slices.Clone(base)
	for i := 0; i+1 < len(kv); i += 2 {
		name, val := kv[i], kv[i+1]
		j := slices.IndexFunc(members, func(m [2]string) bool { return m[0] == name })
		switch {
		case j >= 0 && val == "":
			members = slices.Delete(members, j, j+1)
		case j >= 0:
			members[j][1] = val
		case val != "":
			members = append(members, [2]string{name, val})
		}
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(q(m[0]) + ":" + m[1])
	}
	b.WriteByte('}')
	return b.String()
}

// sdo returns an SDO, SRO or meta object of type typ with its common
// required properties, changed by kv (see build).
func sdo(typ string, kv ...string) string {
	return build([][2]string{{"type", q(typ)}, {"spec_version", `"2.1"`}, {"id", q(typ + "--" + testUUID)},
		{"created", created2016}, {"modified", created2016}}, kv...)
}

// sco returns an SCO (or custom object) of type typ with an id, changed by
// kv (see build).
func sco(typ string, kv ...string) string {
	return build([][2]string{{"type", q(typ)}, {"spec_version", `"2.1"`}, {"id", q(typ + "--" + testUUID)}}, kv...)
}

func with(base []string, kv ...string) []string { return append(slices.Clone(base), kv...) }

// Valid property sets of the types with required properties.
var (
	indicatorOK    = []string{"pattern", q("[ipv4-addr:value = '198.51.100.1']"), "pattern_type", `"stix"`, "valid_from", `"2016-01-01T00:00:00Z"`}
	malwareOK      = []string{"name", `"Poison Ivy"`, "is_family", "true"}
	relationshipOK = []string{"relationship_type", `"uses"`, "source_ref", q(malwareID), "target_ref", q("attack-pattern--" + testUUID)}
	observedOK     = []string{"first_observed", `"2015-12-21T19:00:00Z"`, "last_observed", `"2015-12-21T19:00:00Z"`, "number_observed", "50", "object_refs", "[" + q(ipv4ID) + "," + q(domainID) + "]"}
	statementOK    = []string{"id", q(statementID), "modified", "", "definition_type", `"statement"`, "definition", `{"statement":"Copyright 2019, Example Corp"}`}
	extDefOK       = []string{"id", q(extDefID), "created_by_ref", q(identityID), "name", `"Extension Foo 1"`, "schema", `"https://www.example.com/schema-foo-1/v1/"`, "version", `"1.2.1"`, "extension_types", `["property-extension"]`}
	trafficOK      = []string{"src_ref", q(ipv4ID), "protocols", `["ipv4","tcp"]`}
)

// vcase is one Validate test: an object and the problems it must produce,
// each written "path: fragment of the message" ("" path for the whole
// object). No wanted problem means the object is valid.
type vcase struct {
	name string
	json string
	want []string
}

func runValidate(t *testing.T, cases []vcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v, err := DecodeValue([]byte(tc.json), 0, DefaultLimits)
			if err != nil {
				t.Fatalf("bad test JSON %s: %v", tc.json, err)
			}
			got := Validate(NewObject(v, nil))
			matched := make([]bool, len(got))
			ok := len(got) == len(tc.want)
			for _, w := range tc.want {
				path, frag, _ := strings.Cut(w, ": ")
				found := false
				for i, p := range got {
					if !matched[i] && p.Path == path && strings.Contains(p.Msg, frag) {
						matched[i], found = true, true
						break
					}
				}
				ok = ok && found
			}
			if !ok {
				var gs []string
				for _, p := range got {
					gs = append(gs, q(p.String()))
				}
				t.Errorf("Validate(%s)\n got %d problems: %s\nwant %d: %q", tc.json, len(got), strings.Join(gs, ", "), len(tc.want), tc.want)
			}
		})
	}
}

func TestValidateCommon(t *testing.T) {
	runValidate(t, []vcase{
		// type (3.1)
		{"type missing", build([][2]string{{"id", q("identity--" + testUUID)}}), []string{"type: required property is missing"}},
		{"type not a string", sco("x", "type", "1", "id", q("x-foo--"+testUUID)), []string{"type: must be a string, not a number"}},
		{"type with upper case", sco("x-Acme"), []string{`type: "x-Acme" is not a valid type name`}},
		{"type with two hyphens", sco("x--acme", "id", q("x-acme--"+testUUID)), []string{`type: "x--acme" is not a valid type name`, `id: "x-acme--` + testUUID + `" must start with the object's type "x--acme--"`}},
		{"type too short", sco("xy"), []string{`type: "xy" is not a valid type name`}},
		{"a bundle is not an object", build([][2]string{{"type", `"bundle"`}, {"id", q("bundle--" + testUUID)}}), []string{`type: "bundle" is not a STIX object type`}},
		{"not a JSON object", `["a"]`, []string{": a STIX object must be a JSON object, not a list"}},

		// id (2.9)
		{"id missing", sdo("identity", "name", `"ACME"`, "id", ""), []string{"id: required property is missing"}},
		{"id without UUID", sdo("identity", "name", `"ACME"`, "id", `"identity--123"`), []string{`id: "identity--123" is not a STIX identifier of the form type--UUID: "123" is not a UUID`}},
		{"id of another type", sdo("identity", "name", `"ACME"`, "id", q(malwareID)), []string{`id: "` + malwareID + `" must start with the object's type "identity--"`}},
		{"id UUID version 0", sdo("identity", "name", `"ACME"`, "id", `"identity--1e4ffad7-0b88-01d4-ba4d-77d27490b956"`), []string{"id: version 0 is not 1 to 5"}},
		{"id UUID of another variant", sdo("identity", "name", `"ACME"`, "id", `"identity--1e4ffad7-0b88-41d4-ca4d-77d27490b956"`), []string{"id: its variant is not RFC 4122"}},
		{"id UUID in upper case", sdo("identity", "name", `"ACME"`, "id", `"identity--1E4FFAD7-0B88-41D4-BA4D-77D27490B956"`), nil},
		{"id not a string", sdo("identity", "name", `"ACME"`, "id", `42`), []string{"id: must be a string, not a number"}},

		// spec_version (3.2)
		{"spec_version missing on an SDO", sdo("identity", "name", `"ACME"`, "spec_version", ""), []string{"spec_version: required property is missing"}},
		{"spec_version 2.0", sdo("identity", "name", `"ACME"`, "spec_version", `"2.0"`), []string{`spec_version: must be "2.1", not "2.0"`}},
		{"spec_version missing on an SCO", sco("mutex", "name", `"m"`, "spec_version", ""), nil},
		{"spec_version 2.0 on an SCO", sco("mutex", "name", `"m"`, "spec_version", `"2.0"`), []string{`spec_version: must be "2.1"`}},

		// created and modified (2.16, 3.2, 3.6)
		{"created not a real date", sdo("identity", "name", `"ACME"`, "created", `"2016-13-01T00:00:00Z"`), []string{`created: timestamp "2016-13-01T00:00:00Z" is not a real date and time`}},
		{"created not in UTC", sdo("identity", "name", `"ACME"`, "created", `"2016-01-01T00:00:00.000+01:00"`), []string{`created: timestamp "2016-01-01T00:00:00.000+01:00" must be in UTC`}},
		{"created without milliseconds", sdo("identity", "name", `"ACME"`, "created", `"2016-01-01T00:00:00Z"`), []string{`created: timestamp "2016-01-01T00:00:00Z" must be precise to at least the millisecond`}},
		{"modified with microseconds", sdo("identity", "name", `"ACME"`, "modified", `"2016-04-06T20:03:00.000001Z"`), nil},
		{"modified before created", sdo("identity", "name", `"ACME"`, "created", modified2017), []string{`modified: "2016-04-06T20:03:00.000Z" is earlier than created "2017-04-06T20:03:00.000Z"`}},
		{"modified before created beyond the nanosecond", sdo("identity", "name", `"ACME"`, "created", `"2016-04-06T20:03:00.0000000001Z"`, "modified", `"2016-04-06T20:03:00.000Z"`), []string{"modified: is earlier than created"}},
		{"modified equal to created", sdo("identity", "name", `"ACME"`), nil},
		{"created missing", sdo("identity", "name", `"ACME"`, "created", ""), []string{"created: required property is missing"}},
		{"timestamp not a string", sdo("identity", "name", `"ACME"`, "modified", `1460000000`), []string{"modified: must be a timestamp string, not a number"}},

		// created_by_ref (3.2)
		{"created_by_ref an identity", sdo("identity", "name", `"ACME"`, "created_by_ref", q(identityID)), nil},
		{"created_by_ref a malware", sdo("identity", "name", `"ACME"`, "created_by_ref", q(malwareID)), []string{`created_by_ref: "` + malwareID + `" must reference an identity, not a malware`}},
		{"created_by_ref not an identifier", sdo("identity", "name", `"ACME"`, "created_by_ref", `"ACME Inc."`), []string{`created_by_ref: "ACME Inc." is not a STIX identifier`}},
		{"created_by_ref a bundle", sdo("identity", "name", `"ACME"`, "created_by_ref", q("bundle--"+testUUID)), []string{"created_by_ref: not a bundle"}},

		// confidence, labels, lang, revoked (3.2)
		{"confidence 100", sdo("identity", "name", `"ACME"`, "confidence", "100"), nil},
		{"confidence 101", sdo("identity", "name", `"ACME"`, "confidence", "101"), []string{"confidence: 101 is out of range 0..100"}},
		{"confidence -1", sdo("identity", "name", `"ACME"`, "confidence", "-1"), []string{"confidence: -1 is out of range 0..100"}},
		{"confidence not an integer", sdo("identity", "name", `"ACME"`, "confidence", "50.5"), []string{"confidence: 50.5 is not an integer"}},
		{"confidence as a string", sdo("identity", "name", `"ACME"`, "confidence", `"50"`), []string{"confidence: must be an integer, not a string"}},
		{"integer beyond 2^53", sco("autonomous-system", "number", "9007199254740993"), []string{"number: 9007199254740993 is outside the STIX integer range"}},
		{"labels", sdo("identity", "name", `"ACME"`, "labels", `["a","b"]`), nil},
		{"labels empty", sdo("identity", "name", `"ACME"`, "labels", `[]`), []string{"labels: list must not be empty"}},
		{"labels not strings", sdo("identity", "name", `"ACME"`, "labels", `["a",1]`), []string{"labels[1]: must be a string, not a number"}},
		{"labels not a list", sdo("identity", "name", `"ACME"`, "labels", `"a"`), []string{"labels: must be a list of string, not a string"}},
		{"lang", sdo("identity", "name", `"ACME"`, "lang", `"zh-Hant-TW"`), nil},
		{"lang not RFC 5646", sdo("identity", "name", `"ACME"`, "lang", `"english!"`), []string{`lang: "english!" is not an RFC 5646 language tag`}},
		{"revoked not a boolean", sdo("identity", "name", `"ACME"`, "revoked", `"true"`), []string{"revoked: must be a boolean (boolean), not a string"}},

		// object_marking_refs (3.2, 7.2.2)
		{"object_marking_refs", sdo("identity", "name", `"ACME"`, "object_marking_refs", "["+q(tlpGreenID)+"]"), nil},
		{"object_marking_refs to an identity", sdo("identity", "name", `"ACME"`, "object_marking_refs", "["+q(identityID)+"]"), []string{"object_marking_refs[0]: must reference a marking-definition, not an identity"}},
		{"object_marking_refs empty", sdo("identity", "name", `"ACME"`, "object_marking_refs", "[]"), []string{"object_marking_refs: list must not be empty"}},

		// defanged (3.2)
		{"defanged on an SDO", sdo("identity", "name", `"ACME"`, "defanged", "true"), []string{"defanged: must not be used on an SDO"}},
		{"defanged on an SCO", sco("mutex", "name", `"m"`, "defanged", "true"), nil},

		// names (3.1, 3.8, 11.1)
		{"custom property", sdo("identity", "name", `"ACME"`, "x_acme_score", `{"impact":"high","levels":[1,2]}`), nil},
		{"custom property name with upper case", sdo("identity", "name", `"ACME"`, "x_Acme", `1`), []string{`x_Acme: property name "x_Acme" is not valid`}},
		{"custom property name too short", sdo("identity", "name", `"ACME"`, "xy", `1`), []string{`xy: property name "xy" is not valid`}},
		{"custom property name with a hyphen", sdo("identity", "name", `"ACME"`, "x-acme", `1`), []string{`x-acme: property name "x-acme" is not valid`}},
		{"reserved property name", sdo("identity", "name", `"ACME"`, "severity", `"high"`), []string{`severity: "severity" is a reserved property name`}},
		{"reserved action on a course of action", sdo("course-of-action", "name", `"Patch"`, "action", `"x"`), []string{`action: "action" is reserved for future use`}},
		{"custom property null", sdo("identity", "name", `"ACME"`, "x_acme", `null`), []string{"x_acme: must not be null"}},
		{"custom property empty list", sdo("identity", "name", `"ACME"`, "x_acme", `[]`), []string{"x_acme: list must not be empty"}},
		{"custom property empty dictionary", sdo("identity", "name", `"ACME"`, "x_acme", `{}`), []string{"x_acme: dictionary must not be empty"}},
		{"custom property with empty values inside", sdo("identity", "name", `"ACME"`, "x_acme", `[{"sectors":[],"note":null,"more":{}}]`), nil},
		{"custom _hex property", sdo("identity", "name", `"ACME"`, "x_acme_hex", `"0a1B"`), nil},
		{"custom _hex property not hex", sdo("identity", "name", `"ACME"`, "x_acme_hex", `"0a1"`), []string{`x_acme_hex: "0a1" is not hex`}},
		{"custom _bin property", sdo("identity", "name", `"ACME"`, "x_acme_bin", `"aGVsbG8="`), nil},
		{"custom _bin property not base64", sdo("identity", "name", `"ACME"`, "x_acme_bin", `"aGVsbG8"`), []string{`x_acme_bin: "aGVsbG8" is not valid base64`}},
		{"required name missing", sdo("identity"), []string{"name: required property is missing"}},
		{"string property not a string", sdo("identity", "name", `["ACME"]`), []string{"name: must be a string (string), not a list"}},
	})
}

func TestValidateExternalReferences(t *testing.T) {
	ap := func(refs string) string {
		return sdo("attack-pattern", "name", `"Spear Phishing"`, "external_references", refs)
	}
	runValidate(t, []vcase{
		{"source and id", ap(`[{"source_name":"veris","external_id":"0001AA7F"}]`), nil},
		{"source and url with hashes", ap(`[{"source_name":"ACME","url":"https://example.com/r.pdf","hashes":{"SHA-256":"` + sha256 + `"}}]`), nil},
		{"source_name missing", ap(`[{"description":"Threat report"}]`), []string{"external_references[0].source_name: required property is missing"}},
		{"source_name alone", ap(`[{"source_name":"ACME"}]`), []string{"external_references[0]: an external reference needs at least one of description, url or external_id"}},
		{"empty external reference", ap(`[{}]`), []string{"external_references[0]: external-reference must not be empty"}},
		{"not an object", ap(`["https://example.com"]`), []string{"external_references[0]: must be an external-reference object, not a string"}},
		{"empty list", ap(`[]`), []string{"external_references: list must not be empty"}},
		{"CAPEC id", ap(`[{"source_name":"capec","external_id":"CAPEC-163"}]`), nil},
		{"CAPEC id malformed", ap(`[{"source_name":"capec","external_id":"163"}]`), []string{`external_references[0].external_id: "163" must have the form CAPEC-[id]`}},
		{"CAPEC without id", ap(`[{"source_name":"capec","url":"http://capec.mitre.org/data/definitions/163.html"}]`), []string{`external_references[0].external_id: is required when source_name is "capec"`}},
		{"CAPEC id under another source", ap(`[{"source_name":"mitre","external_id":"CAPEC-163"}]`), []string{`external_references[0].source_name: must be "capec", not "mitre"`}},
		{"CVE id", sdo("vulnerability", "name", `"CVE-2016-1234"`, "external_references", `[{"source_name":"cve","external_id":"CVE-2016-1234"}]`), nil},
		{"CVE id with five digits", sdo("vulnerability", "name", `"x"`, "external_references", `[{"source_name":"cve","external_id":"CVE-2021-44228"}]`), nil},
		{"CVE id malformed", sdo("vulnerability", "name", `"x"`, "external_references", `[{"source_name":"cve","external_id":"CVE-2016-01234"}]`), []string{`external_references[0].external_id: "CVE-2016-01234" must be an exact CVE identifier`}},
		{"CVE id under another source", sdo("vulnerability", "name", `"x"`, "external_references", `[{"source_name":"nvd","external_id":"CVE-2016-1234"}]`), []string{`external_references[0].source_name: must be "cve", not "nvd"`}},
		{"CVE id under another source on an indicator", sdo("indicator", with(indicatorOK, "external_references", `[{"source_name":"nvd","external_id":"CVE-2016-1234"}]`)...), nil},
		{"CAPEC id under another source on a course of action", sdo("course-of-action", "name", `"x"`, "external_references", `[{"source_name":"mitre","external_id":"CAPEC-163"}]`), nil},
		{"hashes MD5 too short", ap(`[{"source_name":"ACME","url":"https://example.com","hashes":{"MD5":"3773a88f65a5e780c8dff9cdc3a056f"}}]`), []string{`external_references[0].hashes.MD5: "3773a88f65a5e780c8dff9cdc3a056f" is not a valid MD5 hash: it must be 32 hexadecimal digits`}},
	})
}

func TestValidateHashes(t *testing.T) {
	file := func(h string) string { return sco("file", "hashes", h) }
	hex := func(n int) string { return strings.Repeat("a", n) }
	runValidate(t, []vcase{
		{"MD5", file(`{"MD5":"` + hex(32) + `"}`), nil},
		{"SHA-1", file(`{"SHA-1":"` + hex(40) + `"}`), nil},
		{"SHA-256 upper case", file(`{"SHA-256":"` + strings.ToUpper(sha256) + `"}`), nil},
		{"SHA-512", file(`{"SHA-512":"` + hex(128) + `"}`), nil},
		{"SHA3-256", file(`{"SHA3-256":"` + hex(64) + `"}`), nil},
		{"SHA3-512", file(`{"SHA3-512":"` + hex(128) + `"}`), nil},
		{"MD5 of SHA-1 length", file(`{"MD5":"` + hex(40) + `"}`), []string{"hashes.MD5: is not a valid MD5 hash"}},
		{"SHA-1 not hex", file(`{"SHA-1":"` + strings.Repeat("g", 40) + `"}`), []string{"hashes.SHA-1: is not a valid SHA-1 hash"}},
		{"SHA-256 short", file(`{"SHA-256":"` + hex(63) + `"}`), []string{"hashes.SHA-256: must be 64 hexadecimal digits"}},
		{"SHA-512 short", file(`{"SHA-512":"` + hex(64) + `"}`), []string{"hashes.SHA-512: must be 128 hexadecimal digits"}},
		{"SHA3-256 long", file(`{"SHA3-256":"` + hex(66) + `"}`), []string{"hashes.SHA3-256: must be 64 hexadecimal digits"}},
		{"SHA3-512 short", file(`{"SHA3-512":"` + hex(64) + `"}`), []string{"hashes.SHA3-512: must be 128 hexadecimal digits"}},
		{"SSDEEP", file(`{"SSDEEP":"96:dqbCHFcPyf5SZqVQrmQ5iUBYTzLG2Q2V:dqbVPEtQrTxJLtV"}`), nil},
		{"SSDEEP malformed", file(`{"SSDEEP":"dqbCHFcPyf5SZqVQ"}`), []string{"hashes.SSDEEP: is not a valid SSDEEP"}},
		{"TLSH", file(`{"TLSH":"T1` + strings.Repeat("A", 70) + `"}`), nil},
		{"TLSH malformed", file(`{"TLSH":"` + hex(20) + `"}`), []string{"hashes.TLSH: is not a valid TLSH hash"}},
		{"custom algorithm", file(`{"x_foo_hash":"aaaabbbbccccddddeeeeffff0123457890"}`), nil},
		{"custom algorithm, lower case", file(`{"sha256":"anything"}`), nil},
		{"algorithm name too short", file(`{"md":"aa"}`), []string{`hashes.md: hash algorithm name "md" is not valid`}},
		{"algorithm name with a space", file(`{"SHA 256":"aa"}`), []string{`hashes.SHA 256: hash algorithm name "SHA 256" is not valid`}},
		{"hash not a string", file(`{"MD5":12}`), []string{"hashes.MD5: must be a string, not a number"}},
		{"hashes empty", file(`{}`), []string{"hashes: hashes must not be empty"}},
	})
}

func TestValidateGranularMarkings(t *testing.T) {
	gm := func(g string) string {
		return sdo("indicator", with(indicatorOK, "description", `"d"`, "labels", `["a","b"]`,
			"external_references", `[{"source_name":"cve","external_id":"CVE-2014-0160"}]`, "granular_markings", g)...)
	}
	runValidate(t, []vcase{
		{"marking_ref", gm(`[{"marking_ref":"` + tlpGreenID + `","selectors":["description","labels"]}]`), nil},
		{"lang", gm(`[{"lang":"de","selectors":["description"]}]`), nil},
		{"selectors into lists", gm(`[{"lang":"de","selectors":["labels.[1]","external_references.[0].source_name"]}]`), nil},
		{"marking_ref and lang", gm(`[{"lang":"de","marking_ref":"` + tlpGreenID + `","selectors":["description"]}]`), []string{"granular_markings[0]: a granular marking has either marking_ref or lang, not both"}},
		{"neither marking_ref nor lang", gm(`[{"selectors":["description"]}]`), []string{"granular_markings[0]: a granular marking needs marking_ref or lang"}},
		{"selectors missing", gm(`[{"lang":"de"}]`), []string{"granular_markings[0].selectors: required property is missing"}},
		{"selectors empty", gm(`[{"lang":"de","selectors":[]}]`), []string{"granular_markings[0].selectors: list must not be empty"}},
		{"marking_ref to an identity", gm(`[{"marking_ref":"` + identityID + `","selectors":["description"]}]`), []string{"granular_markings[0].marking_ref: must reference a marking-definition, not an identity"}},
		{"lang not RFC 5646", gm(`[{"lang":"Deutsch!","selectors":["description"]}]`), []string{`granular_markings[0].lang: "Deutsch!" is not an RFC 5646 language tag`}},
		{"selector of an absent property", gm(`[{"lang":"de","selectors":["name"]}]`), []string{`granular_markings[0].selectors[0]: selector "name" refers to "name", which is not present`}},
		{"selector beyond the list", gm(`[{"lang":"de","selectors":["labels.[2]"]}]`), []string{`granular_markings[0].selectors[0]: selector "labels.[2]" refers to list item [2], which is not present`}},
		{"selector indexing a string", gm(`[{"lang":"de","selectors":["description.[0]"]}]`), []string{`granular_markings[0].selectors[0]: selector "description.[0]" indexes a string, not a list`}},
		{"selector looking into a list", gm(`[{"lang":"de","selectors":["labels.name"]}]`), []string{`granular_markings[0].selectors[0]: selector "labels.name" looks up "name" in a list`}},
		{"selector with an empty component", gm(`[{"lang":"de","selectors":["labels..[0]"]}]`), []string{`granular_markings[0].selectors[0]: selector "labels..[0]" has an empty component`}},
	})
}

func TestValidateExtensions(t *testing.T) {
	ind := func(ext string) string { return sdo("indicator", with(indicatorOK, "extensions", ext)...) }
	runValidate(t, []vcase{
		{"property extension", ind(`{"` + extDefID + `":{"extension_type":"property-extension","rank":5,"toxicity":8}}`), nil},
		{"toplevel property extension", sdo("indicator", with(indicatorOK, "rank", "1", "extensions", `{"`+extDefID+`":{"extension_type":"toplevel-property-extension"}}`)...), nil},
		{"extension_type missing", ind(`{"` + extDefID + `":{"rank":5}}`), []string{"extensions." + extDefID + ".extension_type: required property is missing"}},
		{"extension_type unknown", ind(`{"` + extDefID + `":{"extension_type":"new-thing"}}`), []string{`extensions.` + extDefID + `.extension_type: "new-thing" is not in extension-type-enum`}},
		{"extension property name invalid", ind(`{"` + extDefID + `":{"extension_type":"property-extension","Rank":5}}`), []string{`extensions.` + extDefID + `.Rank: extension property name "Rank" is not valid`}},
		{"extension definition id malformed", ind(`{"extension-definition--1234":{"extension_type":"property-extension","rank":5}}`), []string{`extensions.extension-definition--1234: key "extension-definition--1234" is not an extension definition identifier`}},
		{"extensions empty", ind(`{}`), []string{"extensions: dictionary must not be empty"}},
		{"custom extension", ind(`{"x-acme-ext":{"score":5}}`), nil},
		{"custom extension without properties", ind(`{"x-acme-ext":{}}`), []string{"extensions.x-acme-ext: an extension must have at least one property"}},
		{"custom extension name invalid", ind(`{"x-acme-foo":{"score":5}}`), []string{`extensions.x-acme-foo: extension key "x-acme-foo" is neither an extension definition id, a predefined extension of an indicator, nor a custom extension name`}},
		{"predefined extension of another type", ind(`{"ntfs-ext":{"sid":"1234567"}}`), []string{"extensions.ntfs-ext: ntfs-ext is a predefined extension of a file, not of an indicator"}},
		{"predefined extension with extension_type", sco("file", "name", `"a"`, "extensions", `{"ntfs-ext":{"sid":"1","extension_type":"property-extension"}}`), []string{"extensions.ntfs-ext.extension_type: must not be present in the predefined extension ntfs-ext"}},
	})
}

func TestValidateSDOs(t *testing.T) {
	runValidate(t, []vcase{
		// attack-pattern (4.1), campaign (4.2)
		{"attack-pattern with kill chain phases", sdo("attack-pattern", "name", `"x"`, "kill_chain_phases", `[{"kill_chain_name":"lockheed-martin-cyber-kill-chain","phase_name":"reconnaissance"}]`), nil},
		{"kill chain phase without phase_name", sdo("attack-pattern", "name", `"x"`, "kill_chain_phases", `[{"kill_chain_name":"lockheed"}]`), []string{"kill_chain_phases[0].phase_name: required property is missing"}},
		{"kill chain phase name not a string", sdo("attack-pattern", "name", `"x"`, "kill_chain_phases", `[{"kill_chain_name":1,"phase_name":"p"}]`), []string{"kill_chain_phases[0].kill_chain_name: must be a string"}},
		{"campaign seen", sdo("campaign", "name", `"x"`, "first_seen", `"2016-01-01T00:00:00Z"`, "last_seen", `"2016-01-01T00:00:00Z"`), nil},
		{"campaign last seen before first", sdo("campaign", "name", `"x"`, "first_seen", `"2016-01-02T00:00:00Z"`, "last_seen", `"2016-01-01T00:00:00Z"`), []string{`last_seen: "2016-01-01T00:00:00Z" is earlier than first_seen "2016-01-02T00:00:00Z"`}},
		{"intrusion-set last seen before first", sdo("intrusion-set", "name", `"x"`, "first_seen", `"2016-01-02T00:00:00Z"`, "last_seen", `"2016-01-01T00:00:00Z"`), []string{"last_seen: is earlier than first_seen"}},
		{"infrastructure last seen before first", sdo("infrastructure", "name", `"x"`, "first_seen", `"2016-01-02T00:00:00Z"`, "last_seen", `"2016-01-01T00:00:00Z"`), []string{"last_seen: is earlier than first_seen"}},
		{"threat-actor last seen before first", sdo("threat-actor", "name", `"x"`, "first_seen", `"2016-01-02T00:00:00Z"`, "last_seen", `"2016-01-01T00:00:00Z"`), []string{"last_seen: is earlier than first_seen"}},
		{"threat-actor open vocabularies take any value", sdo("threat-actor", "name", `"x"`, "threat_actor_types", `["nation-state","election-meddler"]`, "sophistication", `"pbx-advanced-activity"`), nil},
		{"open vocabulary not a string", sdo("threat-actor", "name", `"x"`, "sophistication", `3`), []string{"sophistication: must be a string (open-vocab), not a number"}},

		// grouping (4.4), identity (4.5)
		{"grouping", sdo("grouping", "context", `"suspicious-activity"`, "object_refs", "["+q(indicatorID)+","+q(relID)+","+q(fileID)+"]"), nil},
		{"grouping without context", sdo("grouping", "object_refs", "["+q(indicatorID)+"]"), []string{"context: required property is missing"}},
		{"grouping without object_refs", sdo("grouping", "context", `"unspecified"`), []string{"object_refs: required property is missing"}},
		{"grouping referencing a bundle", sdo("grouping", "context", `"unspecified"`, "object_refs", "["+q("bundle--"+testUUID)+"]"), []string{"object_refs[0]: must not reference a bundle"}},
		{"identity sectors", sdo("identity", "name", `"x"`, "sectors", `["government-national","elections"]`, "identity_class", `"organization"`), nil},

		// indicator (4.7)
		{"indicator", sdo("indicator", indicatorOK...), nil},
		{"indicator valid_until later", sdo("indicator", with(indicatorOK, "valid_until", `"2016-01-01T00:00:00.001Z"`)...), nil},
		{"indicator valid_until equal", sdo("indicator", with(indicatorOK, "valid_until", `"2016-01-01T00:00:00.000Z"`)...), []string{`valid_until: "2016-01-01T00:00:00.000Z" must be later than valid_from "2016-01-01T00:00:00Z"`}},
		{"indicator without pattern", sdo("indicator", with(indicatorOK, "pattern", "")...), []string{"pattern: required property is missing"}},
		{"indicator without pattern_type", sdo("indicator", with(indicatorOK, "pattern_type", "")...), []string{"pattern_type: required property is missing"}},
		{"indicator without valid_from", sdo("indicator", with(indicatorOK, "valid_from", "")...), []string{"valid_from: required property is missing"}},

		// location (4.10)
		{"location region", sdo("location", "region", `"northern-america"`), nil},
		{"location country", sdo("location", "country", `"th"`, "administrative_area", `"Tak"`), nil},
		{"location coordinates", sdo("location", "latitude", "48.8566", "longitude", "2.3522", "precision", "1000.0"), nil},
		{"location nothing", sdo("location", "city", `"Paris"`), []string{": a location must have a region, a country, or a latitude and longitude"}},
		{"location latitude alone", sdo("location", "country", `"fr"`, "latitude", "48.8566"), []string{"longitude: is required when latitude is present"}},
		{"location longitude alone", sdo("location", "longitude", "2.3", "region", `"europe"`), []string{"latitude: is required when longitude is present"}},
		{"location precision alone", sdo("location", "region", `"europe"`, "precision", "10"), []string{"precision: requires latitude and longitude"}},
		{"location latitude beyond 90", sdo("location", "latitude", "90.5", "longitude", "2"), []string{"latitude: 90.5 is out of range -90..90"}},
		{"location longitude beyond -180", sdo("location", "latitude", "0", "longitude", "-180.01"), []string{"longitude: -180.01 is out of range -180..180"}},
		{"location latitude as a string", sdo("location", "latitude", `"48.8566"`, "longitude", "2.3522"), []string{"latitude: must be a number (float), not a string"}},

		// malware (4.11), malware-analysis (4.12)
		{"malware family", sdo("malware", malwareOK...), nil},
		{"malware instance without name", sdo("malware", "is_family", "false"), nil},
		{"malware family without name", sdo("malware", "is_family", "true"), []string{"name: is required when is_family is true"}},
		{"malware without is_family", sdo("malware", "name", `"x"`), []string{"is_family: required property is missing"}},
		{"malware samples", sdo("malware", with(malwareOK, "sample_refs", "["+q(fileID)+","+q(artifactID)+"]", "operating_system_refs", "["+q(softwareID)+"]")...), nil},
		{"malware sample an indicator", sdo("malware", with(malwareOK, "sample_refs", "["+q(indicatorID)+"]")...), []string{"sample_refs[0]: must reference a file or artifact, not an indicator"}},
		{"malware operating system a file", sdo("malware", with(malwareOK, "operating_system_refs", "["+q(fileID)+"]")...), []string{"operating_system_refs[0]: must reference a software, not a file"}},
		{"malware-analysis", sdo("malware-analysis", "product", `"microsoft"`, "result", `"malicious"`, "sample_ref", q(fileID), "host_vm_ref", q(softwareID)), nil},
		{"malware-analysis with SCO refs", sdo("malware-analysis", "product", `"anonymized"`, "analysis_sco_refs", "["+q(fileID)+","+q(domainID)+"]"), nil},
		{"malware-analysis without result", sdo("malware-analysis", "product", `"microsoft"`), []string{": a malware-analysis must have result or analysis_sco_refs"}},
		{"malware-analysis sample an identity", sdo("malware-analysis", "product", `"x"`, "result", `"benign"`, "sample_ref", q(identityID)), []string{"sample_ref: must reference a file, network-traffic or artifact, not an identity"}},
		{"malware-analysis SCO refs to an SDO", sdo("malware-analysis", "product", `"x"`, "analysis_sco_refs", "["+q(indicatorID)+"]"), []string{"analysis_sco_refs[0]: must reference an SCO, not an indicator"}},

		// note (4.13), opinion (4.15), report (4.16)
		{"note", sdo("note", "content", `"seen on a forum"`, "object_refs", "["+q(relID)+"]", "authors", `["John Doe"]`), nil},
		{"note without content", sdo("note", "object_refs", "["+q(relID)+"]"), []string{"content: required property is missing"}},
		{"opinion", sdo("opinion", "opinion", `"strongly-disagree"`, "object_refs", "["+q(relID)+"]"), nil},
		{"opinion not in the enumeration", sdo("opinion", "opinion", `"maybe"`, "object_refs", "["+q(relID)+"]"), []string{`opinion: "maybe" is not in opinion-enum (strongly-disagree, disagree, neutral, agree, strongly-agree)`}},
		{"opinion without object_refs", sdo("opinion", "opinion", `"agree"`), []string{"object_refs: required property is missing"}},
		{"report", sdo("report", "name", `"x"`, "published", `"2016-01-20T17:00:00.000Z"`, "object_refs", "["+q(indicatorID)+"]"), nil},
		{"report without published", sdo("report", "name", `"x"`, "object_refs", "["+q(indicatorID)+"]"), []string{"published: required property is missing"}},
		{"report with empty object_refs", sdo("report", "name", `"x"`, "published", `"2016-01-20T17:00:00.000Z"`, "object_refs", "[]"), []string{"object_refs: list must not be empty"}},

		// observed-data (4.14)
		{"observed-data", sdo("observed-data", observedOK...), nil},
		{"observed-data with an SRO among SCOs", sdo("observed-data", with(observedOK, "object_refs", "["+q(ipv4ID)+","+q(relID)+"]")...), nil},
		{"observed-data with only an SRO", sdo("observed-data", with(observedOK, "object_refs", "["+q(relID)+"]")...), []string{"object_refs: must contain at least one SCO reference"}},
		{"observed-data referencing an SDO", sdo("observed-data", with(observedOK, "object_refs", "["+q(ipv4ID)+","+q(indicatorID)+"]")...), []string{"object_refs[1]: must reference an SCO or SRO, not an indicator"}},
		{"observed-data without objects", sdo("observed-data", with(observedOK, "object_refs", "")...), []string{": an observed-data must have object_refs"}},
		{"observed-data with both", sdo("observed-data", with(observedOK, "objects", `{"0":{"type":"ipv4-addr","value":"198.51.100.2"}}`)...), []string{"objects: must not be present when object_refs is"}},
		{"observed-data last before first", sdo("observed-data", with(observedOK, "last_observed", `"2015-12-21T18:59:59Z"`)...), []string{"last_observed: is earlier than first_observed"}},
		{"observed-data number 0", sdo("observed-data", with(observedOK, "number_observed", "0")...), []string{"number_observed: 0 is out of range 1..999999999"}},
		{"observed-data number 10^9", sdo("observed-data", with(observedOK, "number_observed", "1000000000")...), []string{"number_observed: 1000000000 is out of range 1..999999999"}},
		{"observable container", sdo("observed-data", with(observedOK, "object_refs", "", "objects",
			`{"0":{"type":"ipv4-addr","value":"198.51.100.2"},"1":{"type":"network-traffic","src_ref":"0","protocols":["tcp"]}}`)...), nil},
		{"observable container with a missing local reference", sdo("observed-data", with(observedOK, "object_refs", "", "objects",
			`{"1":{"type":"network-traffic","dst_ref":"0","protocols":["tcp"]}}`)...), []string{`objects.1.dst_ref: "0" is not a key of this observable container`}},
		{"observable container with a reference of the wrong type", sdo("observed-data", with(observedOK, "object_refs", "", "objects",
			`{"0":{"type":"mutex","name":"m"},"1":{"type":"network-traffic","dst_ref":"0","protocols":["tcp"]}}`)...), []string{"objects.1.dst_ref: not a mutex"}},
		{"observable container with an SDO", sdo("observed-data", with(observedOK, "object_refs", "", "objects",
			`{"0":{"type":"indicator"}}`)...), []string{"objects.0.type: an observable container holds only cyber-observable objects, not an indicator"}},
		{"observable container with an extension", sdo("observed-data", with(observedOK, "object_refs", "", "objects",
			`{"0":{"type":"file","name":"a","extensions":{"ntfs-ext":{"sid":"1"}}}}`)...), nil},
		{"observable container with another type's extension", sdo("observed-data", with(observedOK, "object_refs", "", "objects",
			`{"0":{"type":"ipv4-addr","value":"198.51.100.2"},"1":{"type":"network-traffic","src_ref":"0","protocols":["tcp"],"extensions":{"ntfs-ext":{"sid":"1"}}}}`)...),
			[]string{"objects.1.extensions.ntfs-ext: ntfs-ext is a predefined extension of a file, not of a network-traffic"}},
		{"observable container empty", sdo("observed-data", with(observedOK, "object_refs", "", "objects", `{}`)...), []string{"objects: must contain at least one object"}},

		// tool (4.18), vulnerability (4.19)
		{"tool", sdo("tool", "name", `"VNC"`, "tool_types", `["remote-access"]`), nil},
		{"tool without name", sdo("tool", "tool_types", `["remote-access"]`), []string{"name: required property is missing"}},
	})
}

func TestValidateSROs(t *testing.T) {
	runValidate(t, []vcase{
		{"relationship", sdo("relationship", relationshipOK...), nil},
		{"relationship to an SCO", sdo("relationship", with(relationshipOK, "relationship_type", `"communicates-with"`, "target_ref", q(domainID))...), nil},
		{"relationship to a custom object", sdo("relationship", with(relationshipOK, "relationship_type", `"subtechnique-of"`, "target_ref", q(tacticID))...), nil},
		{"relationship user-defined type", sdo("relationship", with(relationshipOK, "relationship_type", `"delivered-by"`)...), nil},
		{"relationship_type with upper case", sdo("relationship", with(relationshipOK, "relationship_type", `"Uses"`)...), []string{`relationship_type: "Uses" must consist of ASCII a-z, 0-9 and hyphen only`}},
		{"relationship_type with underscore", sdo("relationship", with(relationshipOK, "relationship_type", `"related_to"`)...), []string{`relationship_type: "related_to" must consist of`}},
		{"relationship from a marking definition", sdo("relationship", with(relationshipOK, "source_ref", q(tlpGreenID))...), []string{`source_ref: "` + tlpGreenID + `" must reference an SDO or SCO, not a marking-definition`}},
		{"relationship to a relationship", sdo("relationship", with(relationshipOK, "target_ref", q(relID))...), []string{"target_ref: must reference an SDO or SCO, not a relationship"}},
		{"relationship to a sighting", sdo("relationship", with(relationshipOK, "target_ref", q("sighting--"+testUUID))...), []string{"target_ref: not a sighting"}},
		{"relationship to a language content", sdo("relationship", with(relationshipOK, "target_ref", q("language-content--"+testUUID))...), []string{"target_ref: not a language-content"}},
		{"relationship to an extension definition", sdo("relationship", with(relationshipOK, "target_ref", q(extDefID))...), []string{"target_ref: not an extension-definition"}},
		{"relationship without target_ref", sdo("relationship", with(relationshipOK, "target_ref", "")...), []string{"target_ref: required property is missing"}},
		{"relationship stop after start", sdo("relationship", with(relationshipOK, "start_time", `"2016-01-01T00:00:00Z"`, "stop_time", `"2016-01-02T00:00:00Z"`)...), nil},
		{"relationship stop equal to start", sdo("relationship", with(relationshipOK, "start_time", `"2016-01-01T00:00:00Z"`, "stop_time", `"2016-01-01T00:00:00Z"`)...), []string{`stop_time: "2016-01-01T00:00:00Z" must be later than start_time "2016-01-01T00:00:00Z"`}},

		{"sighting", sdo("sighting", "sighting_of_ref", q(indicatorID), "count", "50", "observed_data_refs", "["+q(observedID)+"]", "where_sighted_refs", "["+q(identityID)+","+q(locationID)+"]", "summary", "false"), nil},
		{"sighting of a custom object", sdo("sighting", "sighting_of_ref", q(tacticID)), nil},
		{"sighting of a relationship", sdo("sighting", "sighting_of_ref", q(relID)), []string{"sighting_of_ref: must reference an SDO, not a relationship"}},
		{"sighting of an SCO", sdo("sighting", "sighting_of_ref", q(ipv4ID)), []string{"sighting_of_ref: must reference an SDO, not an ipv4-addr"}},
		{"sighting without sighting_of_ref", sdo("sighting"), []string{"sighting_of_ref: required property is missing"}},
		{"sighting where a malware", sdo("sighting", "sighting_of_ref", q(indicatorID), "where_sighted_refs", "["+q(malwareID)+"]"), []string{"where_sighted_refs[0]: must reference an identity or location, not a malware"}},
		{"sighting observed data an identity", sdo("sighting", "sighting_of_ref", q(indicatorID), "observed_data_refs", "["+q(identityID)+"]"), []string{"observed_data_refs[0]: must reference an observed-data, not an identity"}},
		{"sighting count 0", sdo("sighting", "sighting_of_ref", q(indicatorID), "count", "0"), nil},
		{"sighting count negative", sdo("sighting", "sighting_of_ref", q(indicatorID), "count", "-1"), []string{"count: -1 is out of range 0..999999999"}},
		{"sighting count 10^9", sdo("sighting", "sighting_of_ref", q(indicatorID), "count", "1000000000"), []string{"count: 1000000000 is out of range 0..999999999"}},
		{"sighting last seen before first", sdo("sighting", "sighting_of_ref", q(indicatorID), "first_seen", `"2016-01-02T00:00:00Z"`, "last_seen", `"2016-01-01T00:00:00Z"`), []string{"last_seen: is earlier than first_seen"}},
		{"sighting summary a string", sdo("sighting", "sighting_of_ref", q(indicatorID), "summary", `"false"`), []string{"summary: must be a boolean"}},
	})
}

func TestValidateSCOs(t *testing.T) {
	runValidate(t, []vcase{
		// artifact (6.1)
		{"artifact payload", sco("artifact", "mime_type", `"image/jpeg"`, "payload_bin", `"aGVsbG8="`), nil},
		{"artifact url", sco("artifact", "url", `"https://example.com/a.bin"`, "hashes", `{"SHA-256":"`+sha256+`"}`), nil},
		{"artifact payload and url", sco("artifact", "payload_bin", `"aGVsbG8="`, "url", `"https://example.com/a.bin"`, "hashes", `{"SHA-256":"`+sha256+`"}`), []string{"payload_bin: must not be present when url is"}},
		{"artifact neither", sco("artifact", "mime_type", `"image/jpeg"`), []string{": an artifact must have payload_bin or url"}},
		{"artifact url without hashes", sco("artifact", "url", `"https://example.com/a.bin"`), []string{"hashes: is required when url is present"}},
		{"artifact url not a URL", sco("artifact", "url", `"a.bin"`, "hashes", `{"SHA-256":"`+sha256+`"}`), []string{`url: "a.bin" is not a valid absolute URL`}},
		{"artifact payload not base64", sco("artifact", "payload_bin", `"VBORw0KGgoAAAANSUhEUgAAADI== ..."`), []string{"payload_bin: is not valid base64"}},
		{"artifact encrypted", sco("artifact", "payload_bin", `"aGVsbG8="`, "encryption_algorithm", `"mime-type-indicated"`, "decryption_key", `"My voice is my passport"`), nil},
		{"artifact key without algorithm", sco("artifact", "payload_bin", `"aGVsbG8="`, "decryption_key", `"k"`), []string{"decryption_key: must not be present without encryption_algorithm"}},
		{"artifact unknown algorithm", sco("artifact", "payload_bin", `"aGVsbG8="`, "encryption_algorithm", `"ROT13"`), []string{`encryption_algorithm: "ROT13" is not in encryption-algorithm-enum`}},

		// autonomous-system (6.2), directory (6.3)
		{"autonomous-system", sco("autonomous-system", "number", "15139"), nil},
		{"autonomous-system without number", sco("autonomous-system", "name", `"x"`), []string{"number: required property is missing"}},
		{"autonomous-system number a string", sco("autonomous-system", "number", `"AS15139"`), []string{"number: must be an integer, not a string"}},
		{"directory", sco("directory", "path", `"C:\\Windows"`, "contains_refs", "["+q(fileID)+","+q(directoryID)+"]"), nil},
		{"directory containing an address", sco("directory", "path", `"/tmp"`, "contains_refs", "["+q(ipv4ID)+"]"), []string{"contains_refs[0]: must reference a file or directory, not an ipv4-addr"}},

		// domain-name (6.4), email-addr (6.5)
		{"domain-name", sco("domain-name", "value", `"example.com"`, "resolves_to_refs", "["+q(ipv4ID)+","+q(ipv6ID)+","+q(domainID)+"]"), nil},
		{"domain-name internationalised", sco("domain-name", "value", `"bücher.example"`), nil},
		{"domain-name with a space", sco("domain-name", "value", `"exa mple.com"`), []string{`value: "exa mple.com" is not a domain name`}},
		{"domain-name with an empty label", sco("domain-name", "value", `"example..com"`), []string{"value: is not a domain name"}},
		{"domain-name defanged", sco("domain-name", "value", `"example[.]com"`, "defanged", "true"), nil},
		{"domain-name resolving to a URL", sco("domain-name", "value", `"example.com"`, "resolves_to_refs", `["url--`+testUUID+`"]`), []string{"resolves_to_refs[0]: must reference an ipv4-addr, ipv6-addr or domain-name, not a url"}},
		{"email-addr", sco("email-addr", "value", `"jane.smith@example.com"`, "display_name", `"Jane Smith"`, "belongs_to_ref", q(userID)), nil},
		{"email-addr with display name", sco("email-addr", "value", `"Jane Smith <jane.smith@example.com>"`), []string{"value: is not an email address"}},
		{"email-addr without domain", sco("email-addr", "value", `"jane@"`), []string{"value: is not an email address"}},
		{"email-addr belonging to an identity", sco("email-addr", "value", `"j@example.com"`, "belongs_to_ref", q(identityID)), []string{"belongs_to_ref: must reference a user-account, not an identity"}},

		// email-message (6.6)
		{"email-message", sco("email-message", "is_multipart", "false", "from_ref", q(emailAddrID), "to_refs", "["+q(emailAddrID)+"]", "subject", `"Hello"`, "body", `"Hi"`,
			"additional_header_fields", `{"Reply-To":["steve@example.com","jane@example.com"]}`), nil},
		{"email-message multipart", sco("email-message", "is_multipart", "true", "body_multipart",
			`[{"content_type":"text/plain; charset=utf-8","body":"Cats are funny!"},{"content_type":"image/png","body_raw_ref":"`+artifactID+`"}]`), nil},
		{"email-message without is_multipart", sco("email-message", "subject", `"x"`), []string{"is_multipart: required property is missing"}},
		{"email-message body while multipart", sco("email-message", "is_multipart", "true", "body", `"x"`), []string{"body: must not be used when is_multipart is true"}},
		{"email-message parts while not multipart", sco("email-message", "is_multipart", "false", "body_multipart", `[{"body":"x"}]`), []string{"body_multipart: must not be used when is_multipart is false"}},
		{"email-message part without content", sco("email-message", "is_multipart", "true", "body_multipart", `[{"content_type":"text/plain"}]`), []string{"body_multipart[0]: a MIME part must have exactly one of body and body_raw_ref"}},
		{"email-message part with both", sco("email-message", "is_multipart", "true", "body_multipart", `[{"body":"x","body_raw_ref":"`+fileID+`"}]`), []string{"body_multipart[0]: a MIME part must have exactly one of body and body_raw_ref"}},
		{"email-message raw part an address", sco("email-message", "is_multipart", "true", "body_multipart", `[{"body_raw_ref":"`+ipv4ID+`"}]`), []string{"body_multipart[0].body_raw_ref: must reference an artifact or file, not an ipv4-addr"}},
		{"email-message header not a list", sco("email-message", "is_multipart", "false", "additional_header_fields", `{"X-Mailer":"Mutt/1.5.23"}`), []string{"additional_header_fields.X-Mailer: must be a list of string, not a string"}},
		{"email-message header name invalid", sco("email-message", "is_multipart", "false", "additional_header_fields", `{"X Mailer":["Mutt"]}`), []string{`additional_header_fields.X Mailer: dictionary key "X Mailer" is not valid`}},
		{"email-message to an address", sco("email-message", "is_multipart", "false", "to_refs", "["+q(ipv4ID)+"]"), []string{"to_refs[0]: must reference an email-addr, not an ipv4-addr"}},
		{"email-message raw email a file", sco("email-message", "is_multipart", "false", "raw_email_ref", q(fileID)), []string{"raw_email_ref: must reference an artifact, not a file"}},

		// file (6.7)
		{"file", sco("file", "name", `"foo.dll"`, "size", "25536", "magic_number_hex", `"504B0304"`, "parent_directory_ref", q(directoryID), "content_ref", q(artifactID), "contains_refs", "["+q(ipv4ID)+"]"), nil},
		{"file without hashes or name", sco("file", "size", "1"), []string{": a file object must contain at least one of hashes, name"}},
		{"file name encoding", sco("file", "name", `"quêry.dll"`, "name_enc", `"windows-1252"`), nil},
		{"file name encoding without name", sco("file", "hashes", `{"SHA-256":"`+sha256+`"}`, "name_enc", `"windows-1252"`), []string{"name_enc: must not be present without name"}},
		{"directory path encoding without path", sco("directory", "path", "", "path_enc", `"windows-1251"`), []string{"path_enc: must not be present without path", "path: required property is missing"}},
		{"file negative size", sco("file", "name", `"a"`, "size", "-1"), []string{"size: -1 is out of range 0 or more"}},
		{"file magic number not hex", sco("file", "name", `"a"`, "magic_number_hex", `"0x50"`), []string{`magic_number_hex: "0x50" is not hex`}},
		{"file parent a file", sco("file", "name", `"a"`, "parent_directory_ref", q(fileID)), []string{"parent_directory_ref: must reference a directory, not a file"}},
		{"file content a file", sco("file", "name", `"a"`, "content_ref", q(fileID)), []string{"content_ref: must reference an artifact, not a file"}},
		{"file contains an SDO", sco("file", "name", `"a"`, "contains_refs", "["+q(indicatorID)+"]"), []string{"contains_refs[0]: must reference an SCO, not an indicator"}},
		{"ntfs-ext", sco("file", "name", `"a"`, "extensions", `{"ntfs-ext":{"alternate_data_streams":[{"name":"second.stream","size":25536}]}}`), nil},
		{"ntfs-ext without properties of its own", sco("file", "name", `"a"`, "extensions", `{"ntfs-ext":{"x_note":"x"}}`), []string{"extensions.ntfs-ext: ntfs-ext must contain at least one of sid, alternate_data_streams"}},
		{"ntfs-ext empty", sco("file", "name", `"a"`, "extensions", `{"ntfs-ext":{}}`), []string{"extensions.ntfs-ext: ntfs-ext must not be empty"}},
		{"ntfs-ext stream without name", sco("file", "name", `"a"`, "extensions", `{"ntfs-ext":{"alternate_data_streams":[{"size":1}]}}`), []string{"extensions.ntfs-ext.alternate_data_streams[0].name: required property is missing"}},
		{"archive-ext", sco("file", "name", `"foo.zip"`, "extensions", `{"archive-ext":{"contains_refs":["`+fileID+`"]}}`), nil},
		{"archive-ext without contents", sco("file", "name", `"foo.zip"`, "extensions", `{"archive-ext":{"comment":"x"}}`), []string{"extensions.archive-ext.contains_refs: required property is missing"}},
		{"archive-ext containing an address", sco("file", "name", `"foo.zip"`, "extensions", `{"archive-ext":{"contains_refs":["`+ipv4ID+`"]}}`), []string{"extensions.archive-ext.contains_refs[0]: must reference a file or directory"}},
		{"pdf-ext", sco("file", "name", `"a.pdf"`, "extensions", `{"pdf-ext":{"version":"1.7","document_info_dict":{"Title":"Sample document"}}}`), nil},
		{"pdf-ext info not a string", sco("file", "name", `"a.pdf"`, "extensions", `{"pdf-ext":{"document_info_dict":{"Pages":3}}}`), []string{"extensions.pdf-ext.document_info_dict.Pages: must be a string, not a number"}},
		{"raster-image-ext", sco("file", "name", `"a.jpg"`, "extensions", `{"raster-image-ext":{"exif_tags":{"Make":"Nikon","XResolution":4928}}}`), nil},
		{"raster-image-ext tag a boolean", sco("file", "name", `"a.jpg"`, "extensions", `{"raster-image-ext":{"exif_tags":{"Flash":true}}}`), []string{"extensions.raster-image-ext.exif_tags.Flash: must be a string or an integer, not a boolean"}},
		{"windows-pebinary-ext", sco("file", "name", `"a.exe"`, "extensions", `{"windows-pebinary-ext":{"pe_type":"exe","time_date_stamp":"2016-01-22T12:31:12Z","optional_header":{"magic_hex":"010b"},"sections":[{"name":"CODE","entropy":0.061089}]}}`), nil},
		{"windows-pebinary-ext only pe_type", sco("file", "name", `"a.exe"`, "extensions", `{"windows-pebinary-ext":{"pe_type":"exe"}}`), []string{"extensions.windows-pebinary-ext: windows-pebinary-ext must contain at least one of imphash"}},
		{"windows-pebinary-ext without pe_type", sco("file", "name", `"a.exe"`, "extensions", `{"windows-pebinary-ext":{"imphash":"x"}}`), []string{"extensions.windows-pebinary-ext.pe_type: required property is missing"}},
		{"windows-pebinary-ext time with fraction", sco("file", "name", `"a.exe"`, "extensions", `{"windows-pebinary-ext":{"pe_type":"exe","time_date_stamp":"2016-01-22T12:31:12.000Z"}}`), []string{`extensions.windows-pebinary-ext.time_date_stamp: timestamp "2016-01-22T12:31:12.000Z" must be precise to the second`}},
		{"windows-pebinary-ext empty optional header", sco("file", "name", `"a.exe"`, "extensions", `{"windows-pebinary-ext":{"pe_type":"exe","optional_header":{}}}`), []string{"extensions.windows-pebinary-ext.optional_header: windows-pe-optional-header-type must not be empty"}},
		{"windows-pebinary-ext section without name", sco("file", "name", `"a.exe"`, "extensions", `{"windows-pebinary-ext":{"pe_type":"exe","sections":[{"size":1}]}}`), []string{"extensions.windows-pebinary-ext.sections[0].name: required property is missing"}},

		// ipv4-addr (6.8), ipv6-addr (6.9), mac-addr (6.10), mutex (6.11)
		{"ipv4-addr", sco("ipv4-addr", "value", `"198.51.100.3"`, "resolves_to_refs", `["mac-addr--`+testUUID+`"]`, "belongs_to_refs", `["autonomous-system--`+testUUID+`"]`), nil},
		{"ipv4-addr CIDR", sco("ipv4-addr", "value", `"10.2.4.5/24"`), nil},
		{"ipv4-addr octet 256", sco("ipv4-addr", "value", `"256.1.1.1"`), []string{`value: "256.1.1.1" is not an IPv4 address or CIDR block`}},
		{"ipv4-addr prefix 33", sco("ipv4-addr", "value", `"10.0.0.0/33"`), []string{"value: is not an IPv4 address"}},
		{"ipv4-addr holding IPv6", sco("ipv4-addr", "value", `"2001:db8::1"`), []string{"value: is not an IPv4 address"}},
		{"ipv4-addr resolving to a domain", sco("ipv4-addr", "value", `"198.51.100.3"`, "resolves_to_refs", "["+q(domainID)+"]"), []string{"resolves_to_refs[0]: must reference a mac-addr, not a domain-name"}},
		{"ipv6-addr", sco("ipv6-addr", "value", `"2001:0db8:85a3:0000:0000:8a2e:0370:7334"`), nil},
		{"ipv6-addr CIDR", sco("ipv6-addr", "value", `"2001:0db8::/96"`), nil},
		{"ipv6-addr prefix 129", sco("ipv6-addr", "value", `"2001:db8::/129"`), []string{`value: "2001:db8::/129" is not an IPv6 address or CIDR block`}},
		{"ipv6-addr holding IPv4", sco("ipv6-addr", "value", `"198.51.100.3"`), []string{"value: is not an IPv6 address"}},
		{"mac-addr", sco("mac-addr", "value", `"d2:fb:49:24:37:18"`), nil},
		{"mac-addr upper case", sco("mac-addr", "value", `"D2:FB:49:24:37:18"`), []string{`value: "D2:FB:49:24:37:18" is not a colon-delimited, lowercase MAC-48 address`}},
		{"mac-addr without leading zeros", sco("mac-addr", "value", `"0:0:ab:cd:ef:1"`), []string{"value: with leading zeros"}},
		{"mutex without name", sco("mutex"), []string{"name: required property is missing"}},

		// network-traffic (6.12)
		{"network-traffic", sco("network-traffic", with(trafficOK, "dst_ref", q(domainID), "src_port", "2487", "dst_port", "80", "start", `"2016-01-01T00:00:00Z"`, "end", `"2016-01-01T00:01:00Z"`, "is_active", "false", "ipfix", `{"minimumIpTotalLength":32,"protocolIdentifier":"tcp"}`)...), nil},
		{"network-traffic without endpoints", sco("network-traffic", "protocols", `["tcp"]`), []string{": a network-traffic must have src_ref or dst_ref"}},
		{"network-traffic without protocols", sco("network-traffic", "src_ref", q(ipv4ID)), []string{"protocols: required property is missing"}},
		{"network-traffic end before start", sco("network-traffic", with(trafficOK, "start", `"2016-01-01T00:01:00Z"`, "end", `"2016-01-01T00:00:00Z"`)...), []string{"end: is earlier than start"}},
		{"network-traffic active with end", sco("network-traffic", with(trafficOK, "is_active", "true", "end", `"2016-01-01T00:00:00Z"`)...), []string{"end: must not be present when is_active is true"}},
		{"network-traffic port 65536", sco("network-traffic", with(trafficOK, "dst_port", "65536")...), []string{"dst_port: 65536 is out of range 0..65535"}},
		{"network-traffic from a file", sco("network-traffic", with(trafficOK, "src_ref", q(fileID))...), []string{"src_ref: must reference an ipv4-addr, ipv6-addr, mac-addr or domain-name, not a file"}},
		{"network-traffic ipfix value a list", sco("network-traffic", with(trafficOK, "ipfix", `{"x":[1]}`)...), []string{"ipfix.x: must be a string or an integer, not a list"}},
		{"network-traffic encapsulating a process", sco("network-traffic", with(trafficOK, "encapsulates_refs", "["+q(processID)+"]")...), []string{"encapsulates_refs[0]: must reference a network-traffic, not a process"}},
		{"http-request-ext", sco("network-traffic", with(trafficOK, "extensions", `{"http-request-ext":{"request_method":"get","request_value":"/download.html","request_header":{"User-Agent":["Mozilla/5.0"]}}}`)...), nil},
		{"http-request-ext without value", sco("network-traffic", with(trafficOK, "extensions", `{"http-request-ext":{"request_method":"get"}}`)...), []string{"extensions.http-request-ext.request_value: required property is missing"}},
		{"http-request-ext header not a list", sco("network-traffic", with(trafficOK, "extensions", `{"http-request-ext":{"request_method":"get","request_value":"/","request_header":{"Host":"www.example.com"}}}`)...), []string{"extensions.http-request-ext.request_header.Host: must be a list of string"}},
		{"icmp-ext", sco("network-traffic", with(trafficOK, "extensions", `{"icmp-ext":{"icmp_type_hex":"08","icmp_code_hex":"00"}}`)...), nil},
		{"icmp-ext code not hex", sco("network-traffic", with(trafficOK, "extensions", `{"icmp-ext":{"icmp_type_hex":"08","icmp_code_hex":"0"}}`)...), []string{`extensions.icmp-ext.icmp_code_hex: "0" is not hex`}},
		{"socket-ext", sco("network-traffic", with(trafficOK, "extensions", `{"socket-ext":{"is_listening":true,"address_family":"AF_INET","socket_type":"SOCK_STREAM","options":{"SO_RCVTIMEO":100}}}`)...), nil},
		{"socket-ext unknown family", sco("network-traffic", with(trafficOK, "extensions", `{"socket-ext":{"address_family":"AF_UNIX"}}`)...), []string{`extensions.socket-ext.address_family: "AF_UNIX" is not in network-socket-address-family-enum`}},
		{"socket-ext unknown type", sco("network-traffic", with(trafficOK, "extensions", `{"socket-ext":{"address_family":"AF_INET","socket_type":"SOCK_PACKET"}}`)...), []string{`extensions.socket-ext.socket_type: "SOCK_PACKET" is not in network-socket-type-enum`}},
		{"socket-ext option not an integer", sco("network-traffic", with(trafficOK, "extensions", `{"socket-ext":{"address_family":"AF_INET","options":{"SO_LINGER":"on"}}}`)...), []string{"extensions.socket-ext.options.SO_LINGER: must be an integer, not a string"}},
		{"tcp-ext", sco("network-traffic", with(trafficOK, "extensions", `{"tcp-ext":{"src_flags_hex":"00000002"}}`)...), nil},
		{"tcp-ext without flags", sco("network-traffic", with(trafficOK, "extensions", `{"tcp-ext":{"x_note":"n"}}`)...), []string{"extensions.tcp-ext: tcp-ext must contain at least one of src_flags_hex, dst_flags_hex"}},

		// process (6.13)
		{"process", sco("process", "pid", "1221", "created_time", `"2016-01-20T14:11:25.55Z"`, "command_line", `"./gedit-bin --new-window"`, "image_ref", q(fileID), "environment_variables", `{"PATH":"/bin"}`), nil},
		{"process with nothing", sco("process"), []string{": a process object must contain at least one of extensions, is_hidden"}},
		{"process with an extension only", sco("process", "extensions", `{"windows-process-ext":{"aslr_enabled":true,"integrity_level":"high"}}`), nil},
		{"process image a directory", sco("process", "pid", "1", "image_ref", q(directoryID)), []string{"image_ref: must reference a file, not a directory"}},
		{"process child a file", sco("process", "pid", "1", "child_refs", "["+q(fileID)+"]"), []string{"child_refs[0]: must reference a process, not a file"}},
		{"process environment value a number", sco("process", "environment_variables", `{"N":1}`), []string{"environment_variables.N: must be a string, not a number"}},
		{"windows-process-ext integrity unknown", sco("process", "pid", "1", "extensions", `{"windows-process-ext":{"integrity_level":"untrusted"}}`), []string{`extensions.windows-process-ext.integrity_level: "untrusted" is not in windows-integrity-level-enum`}},
		{"windows-service-ext", sco("process", "pid", "2217", "extensions", `{"windows-service-ext":{"service_name":"sirvizio","start_type":"SERVICE_AUTO_START","service_type":"SERVICE_WIN32_OWN_PROCESS","service_status":"SERVICE_RUNNING","service_dll_refs":["`+fileID+`"]}}`), nil},
		{"windows-service-ext unknown start type", sco("process", "pid", "1", "extensions", `{"windows-service-ext":{"start_type":"SERVICE_SOMETIMES"}}`), []string{`extensions.windows-service-ext.start_type: "SERVICE_SOMETIMES" is not in windows-service-start-type-enum`}},
		{"windows-service-ext unknown status", sco("process", "pid", "1", "extensions", `{"windows-service-ext":{"service_status":"SERVICE_DEAD"}}`), []string{`extensions.windows-service-ext.service_status: "SERVICE_DEAD" is not in windows-service-status-enum`}},
		{"windows-service-ext unknown type", sco("process", "pid", "1", "extensions", `{"windows-service-ext":{"service_type":"SERVICE_USER"}}`), []string{`extensions.windows-service-ext.service_type: "SERVICE_USER" is not in windows-service-type-enum`}},

		// software (6.14), url (6.15)
		{"software", sco("software", "name", `"Word"`, "cpe", `"cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*"`, "languages", `["en","zh-Hant"]`), nil},
		{"software without name", sco("software", "vendor", `"x"`), []string{"name: required property is missing"}},
		{"software cpe 2.2", sco("software", "name", `"Word"`, "cpe", `"cpe:/a:microsoft:word:2000"`), []string{"cpe: is not a CPE 2.3 formatted string"}},
		{"software cpe with too few components", sco("software", "name", `"Word"`, "cpe", `"cpe:2.3:a:microsoft:word:2000"`), []string{"cpe: is not a CPE 2.3 formatted string"}},
		{"software cpe with an escaped colon", sco("software", "name", `"x"`, "cpe", `"cpe:2.3:a:acme:foo\\:bar:1:*:*:*:*:*:*:*"`), nil},
		{"software language not RFC 5646", sco("software", "name", `"Word"`, "languages", `["en_US"]`), []string{`languages[0]: "en_US" is not an RFC 5646 language tag`}},
		{"url", sco("url", "value", `"https://example.com/research/index.html"`), nil},
		{"url not a URL", sco("url", "value", `"example.com/research"`), []string{`value: "example.com/research" is not a valid absolute URL`}},
		{"url defanged", sco("url", "value", `"hxxps[:]//example[.]com"`, "defanged", "true"), nil},

		// user-account (6.16)
		{"user-account", sco("user-account", "user_id", `"1001"`, "account_login", `"jdoe"`, "account_type", `"unix"`, "can_escalate_privs", "true", "account_created", `"2016-01-20T12:31:12Z"`), nil},
		{"user-account with nothing", sco("user-account"), []string{": a user-account object must contain at least one of"}},
		{"unix-account-ext", sco("user-account", "user_id", `"1001"`, "extensions", `{"unix-account-ext":{"gid":1001,"groups":["wheel"]}}`), nil},
		{"unix-account-ext gid a string", sco("user-account", "user_id", `"1001"`, "extensions", `{"unix-account-ext":{"gid":"1001"}}`), []string{"extensions.unix-account-ext.gid: must be an integer, not a string"}},
		{"user-account privileged a string", sco("user-account", "is_privileged", `"yes"`), []string{"is_privileged: must be a boolean"}},

		// windows-registry-key (6.17), x509-certificate (6.18)
		{"windows-registry-key", sco("windows-registry-key", "key", `"HKEY_LOCAL_MACHINE\\System\\Foo"`, "values", `[{"name":"Foo","data":"qwerty","data_type":"REG_SZ"},{"name":"","data":"default"}]`), nil},
		{"windows-registry-key with nothing", sco("windows-registry-key"), []string{": a windows-registry-key object must contain at least one of key, values"}},
		{"windows-registry-key abbreviated hive", sco("windows-registry-key", "key", `"HKLM\\Software\\Run"`), []string{`key: "HKLM\\Software\\Run" abbreviates the hive: it must be fully expanded (HKEY_LOCAL_MACHINE, not HKLM)`}},
		{"windows-registry-key abbreviated hive in lower case", sco("windows-registry-key", "key", `"hkcu\\x"`), []string{"key: (HKEY_CURRENT_USER, not hkcu)"}},
		{"windows-registry-key unknown data type", sco("windows-registry-key", "values", `[{"name":"Foo","data_type":"REG_STRING"}]`), []string{`values[0].data_type: "REG_STRING" is not in windows-registry-datatype-enum`}},
		{"windows-registry-key empty value", sco("windows-registry-key", "values", `[{}]`), []string{"values[0]: windows-registry-value-type must not be empty"}},
		{"windows-registry-key value with custom property only", sco("windows-registry-key", "values", `[{"x_note":"n"}]`), []string{"values[0]: windows-registry-value-type must contain at least one of name, data, data_type"}},
		{"windows-registry-key creator a process", sco("windows-registry-key", "key", `"HKEY_USERS\\x"`, "creator_user_ref", q(processID)), []string{"creator_user_ref: must reference a user-account, not a process"}},
		{"x509-certificate", sco("x509-certificate", "serial_number", `"36:f7:d4"`, "validity_not_before", `"2016-03-12T12:00:00Z"`, "x509_v3_extensions", `{"basic_constraints":"critical,CA:TRUE, pathlen:0","private_key_usage_period_not_after":"2018-03-12T12:00:00Z"}`), nil},
		{"x509-certificate with nothing", sco("x509-certificate"), []string{": an x509-certificate object must contain at least one of is_self_signed"}},
		{"x509-certificate empty v3 extensions", sco("x509-certificate", "x509_v3_extensions", `{}`), []string{"x509_v3_extensions: x509-v3-extensions-type must not be empty"}},
		{"x509-certificate v3 extension timestamp", sco("x509-certificate", "x509_v3_extensions", `{"private_key_usage_period_not_before":"2016-03-12"}`), []string{"x509_v3_extensions.private_key_usage_period_not_before: timestamp \"2016-03-12\" is not of the form"}},
		{"x509-certificate exponent a string", sco("x509-certificate", "subject_public_key_exponent", `"65537"`), []string{"subject_public_key_exponent: must be an integer, not a string"}},
	})
}

func TestValidateMetaObjects(t *testing.T) {
	md := func(kv ...string) string {
		return sdo("marking-definition", append(slices.Clone(statementOK), kv...)...)
	}
	tlp := func(id, level string) string {
		return sdo("marking-definition", "id", q(id), "modified", "", "created", `"2017-01-20T00:00:00.000Z"`,
			"definition_type", `"tlp"`, "name", q("TLP:"+strings.ToUpper(level)), "definition", `{"tlp":"`+level+`"}`)
	}
	lc := func(kv ...string) string {
		return sdo("language-content", append([]string{"object_ref", q("campaign--" + testUUID), "object_modified", `"2017-02-08T21:31:22.007Z"`,
			"contents", `{"de":{"name":"Bank Angriff"},"fr":{"name":"Attaque Bank"}}`}, kv...)...)
	}
	runValidate(t, []vcase{
		// marking-definition (7.2)
		{"statement marking", md(), nil},
		{"statement without statement", md("definition", `{"text":"Copyright"}`), []string{"definition.statement: required property is missing"}},
		{"marking without definition", md("definition", ""), []string{"definition: is required when extensions is absent"}},
		{"marking without definition_type", md("definition_type", ""), []string{"definition_type: is required when extensions is absent"}},
		{"marking definition not an object", md("definition", `"Copyright"`), []string{"definition: must be an object (the marking), not a string"}},
		{"marking without created", md("created", ""), []string{"created: required property is missing"}},
		{"marking with a custom definition type", md("definition_type", `"x-acme-marking"`, "definition", `{"level":"secret"}`), nil},
		{"TLP:GREEN", tlp(tlpGreenID, "green"), nil},
		{"TLP:WHITE", tlp("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "white"), nil},
		{"TLP:GREEN saying red", tlp(tlpGreenID, "red"), []string{`definition.tlp: "red" does not match TLP:GREEN, whose level is "green"`}},
		{"a new TLP marking", tlp(statementID, "green"), []string{`id: "` + statementID + `" is not one of the four TLP 1.0 marking definitions`}},
		{"TLP level outside TLP 1.0", tlp(tlpGreenID, "clear"), []string{`definition.tlp: "clear" is not in tlp-1.0-enum`, `definition.tlp: "clear" does not match TLP:GREEN`}},
		{"TLP 2.0 marking by extension", sdo("marking-definition", "id", q("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"), "modified", "",
			"created", `"2022-10-01T00:00:00.000Z"`, "name", `"TLP:GREEN"`,
			"extensions", `{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"green"}}`), nil},
		{"marking marking itself", md("object_marking_refs", "["+q(statementID)+"]"), []string{"object_marking_refs[0]: a marking definition must not mark itself"}},
		{"marking marking itself granularly", md("granular_markings", `[{"marking_ref":"`+statementID+`","selectors":["definition"]}]`), []string{"granular_markings[0].marking_ref: a marking definition must not mark itself"}},
		{"marking marked by another", md("object_marking_refs", "["+q(tlpGreenID)+"]"), nil},

		// language-content (7.1)
		{"language-content", lc(), nil},
		{"language-content without object_ref", lc("object_ref", ""), []string{"object_ref: required property is missing"}},
		{"language-content without contents", lc("contents", ""), []string{"contents: required property is missing"}},
		{"language-content of a bundle", lc("object_ref", q("bundle--"+testUUID)), []string{"object_ref: must not reference a bundle"}},
		{"language-content of a language-content", lc("object_ref", q("language-content--"+testUUID)), []string{"object_ref: must not reference a language-content"}},
		{"language-content key not a language", lc("contents", `{"german!":{"name":"x"}}`), []string{`contents.german!: key "german!" is not an RFC 5646 language tag`}},
		{"language-content translation not an object", lc("contents", `{"de":"Bank Angriff"}`), []string{"contents.de: must be an object, not a string"}},
		{"language-content object_modified not a timestamp", lc("object_modified", `"yesterday"`), []string{"object_modified: timestamp \"yesterday\""}},

		// extension-definition (7.3)
		{"extension-definition", sdo("extension-definition", extDefOK...), nil},
		{"extension-definition without created_by_ref", sdo("extension-definition", with(extDefOK, "created_by_ref", "")...), []string{"created_by_ref: required property is missing"}},
		{"extension-definition without schema", sdo("extension-definition", with(extDefOK, "schema", "")...), []string{"schema: required property is missing"}},
		{"extension-definition unknown type", sdo("extension-definition", with(extDefOK, "extension_types", `["new-sdo","new-thing"]`)...), []string{`extension_types[1]: "new-thing" is not in extension-type-enum`}},
		{"extension-definition empty types", sdo("extension-definition", with(extDefOK, "extension_types", `[]`)...), []string{"extension_types: list must not be empty"}},
		{"extension-definition top-level properties", sdo("extension-definition", with(extDefOK, "extension_types", `["toplevel-property-extension"]`, "extension_properties", `["rank","toxicity"]`)...), nil},
		{"extension-definition properties without top-level", sdo("extension-definition", with(extDefOK, "extension_properties", `["rank"]`)...), []string{"extension_properties: must only be used when extension_types includes toplevel-property-extension"}},
	})
}

func TestValidateCustomObjects(t *testing.T) {
	newSDO := `{"` + extDefID + `":{"extension_type":"new-sdo"}}`
	newSCO := `{"` + extDefID + `":{"extension_type":"new-sco"}}`
	runValidate(t, []vcase{
		{"custom object", sco("x-example-com-customobject", "spec_version", "", "created", `"2016-08-01T00:00:00.000Z"`, "modified", `"2016-08-01T00:00:00.000Z"`, "some_custom_stuff", "14"), nil},
		{"ATT&CK tactic", sdo("x-mitre-tactic", "name", `"Collection"`, "x_mitre_shortname", `"collection"`, "created_by_ref", q(identityID), "object_marking_refs", "["+q(tlpGreenID)+"]"), nil},
		{"custom object with only type and id", sco("x-acme-thing", "spec_version", ""), nil},
		{"custom object without id", sco("x-acme-thing", "id", ""), []string{"id: required property is missing"}},
		{"custom object id of another type", sco("x-acme-thing", "id", q(indicatorID)), []string{`id: "` + indicatorID + `" must start with the object's type "x-acme-thing--"`}},
		{"custom object property name", sco("x-acme-thing", "Score", "1"), []string{`Score: property name "Score" is not valid`}},
		{"custom object modified before created", sco("x-acme-thing", "created", modified2017, "modified", created2016), []string{"modified: is earlier than created"}},
		{"custom object created not a timestamp", sco("x-acme-thing", "created", `"2016-08-01"`), []string{`created: timestamp "2016-08-01"`}},
		{"custom object created without milliseconds", sco("x-acme-thing", "created", `"2016-08-01T00:00:00Z"`), []string{`created: timestamp "2016-08-01T00:00:00Z" must be precise to at least the millisecond`}},
		{"custom object created by a malware", sco("x-acme-thing", "created_by_ref", q(malwareID)), []string{"created_by_ref: must reference an identity, not a malware"}},
		{"custom object spec_version 2.0", sco("x-acme-thing", "spec_version", `"2.0"`), []string{`spec_version: must be "2.1"`}},
		{"custom object defanged", sco("x-acme-thing", "defanged", "true"), nil},
		{"new SDO by extension definition", sdo("my-favorite-sdo", "name", `"x"`, "extensions", newSDO), nil},
		{"new SDO without created and modified", sco("my-favorite-sdo", "extensions", newSDO), []string{
			"created: required property is missing (an object whose type an extension definition creates as a new SDO",
			"modified: required property is missing"}},
		{"new SDO without spec_version", sdo("my-favorite-sdo", "spec_version", "", "extensions", newSDO), []string{"spec_version: required property is missing"}},
		{"new SDO defanged", sdo("my-favorite-sdo", "defanged", "true", "extensions", newSDO), []string{"defanged: must not be used on an SDO"}},
		{"new SCO by extension definition", sco("my-favorite-sco", "spec_version", "", "name", `"x"`, "extensions", newSCO), nil},
		{"new SRO by extension definition", sdo("my-favorite-sro", "extensions", `{"`+extDefID+`":{"extension_type":"new-sro"}}`), nil},
	})
}

// TestValidateDoesNotModify checks that Validate only reads its object.
func TestValidateDoesNotModify(t *testing.T) {
	js := sdo("indicator", with(indicatorOK, "created", `"2016-13-01T00:00:00Z"`, "labels", `[]`, "x_Bad", `null`)...)
	o := NewObject(decodeJSON(t, js), nil)
	before := string(o.Props.AppendJSON(nil))
	if probs := Validate(o); len(probs) == 0 {
		t.Fatal("got no problems, want some")
	}
	if after := string(o.Props.AppendJSON(nil)); after != before || string(o.Raw) != before {
		t.Errorf("Validate changed the object:\n got %s\nwant %s", after, before)
	}
}

// TestValidateAllocations pins the hot path: a valid object is checked
// without allocating.
func TestValidateAllocations(t *testing.T) {
	objs := []*Object{
		NewObject(decodeJSON(t, sdo("relationship", with(relationshipOK, "created_by_ref", q(identityID), "object_marking_refs", "["+q(tlpGreenID)+"]",
			"external_references", `[{"source_name":"capec","external_id":"CAPEC-163"},{"source_name":"ACME","url":"https://example.com"}]`,
			"x_mitre_version", `"1.0"`, "x_mitre_domains", `["enterprise-attack"]`)...)), nil),
		NewObject(decodeJSON(t, sco("file", "name", `"a.exe"`, "hashes", `{"SHA-256":"`+sha256+`"}`, "extensions", `{"windows-pebinary-ext":{"pe_type":"exe","sections":[{"name":"CODE"}]}}`)), nil),
		NewObject(decodeJSON(t, sdo("malware", with(malwareOK, "kill_chain_phases", `[{"kill_chain_name":"k","phase_name":"p"}]`)...)), nil),
	}
	for _, o := range objs {
		if p := Validate(o); p != nil {
			t.Fatalf("%s: got problems %v, want none", o.Type, p)
		}
		if n := testing.AllocsPerRun(100, func() { Validate(o) }); n != 0 {
			t.Errorf("%s: Validate got %v allocations per run, want 0", o.Type, n)
		}
	}
}

func TestIsValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", true},
		{"x-mitre-tactic--d108ce10-2419-4cf9-a774-46161d6c6cfe", true},
		{"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", true},    // UUIDv5
		{"identity--6ba7b810-9dad-11d1-80b4-00c04fd430c8", true},     // UUIDv1
		{"identity--6BA7B810-9DAD-11D1-80B4-00C04FD430C8", true},     // upper case
		{"indicator--8e2e2d2b-17d4-0cbf-938f-98ee46b3cd3f", false},   // version 0
		{"indicator--8e2e2d2b-17d4-6cbf-938f-98ee46b3cd3f", false},   // version 6, not in RFC 4122
		{"indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f", false},   // Microsoft variant
		{"indicator--8e2e2d2b17d44cbf938f98ee46b3cd3f", false},       // no hyphens
		{"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3", false},    // short
		{"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3g", false},   // not hex
		{"indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false},    // one hyphen
		{"Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false},   // type in upper case
		{"in--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false},          // type too short
		{"x--y--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false},        // type "x"
		{"{8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f}", false},            // no type
		{"indicator--{8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f}", false}, // braces
		{"indicator--urn:uuid:8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsValidID(tt.id); got != tt.want {
			t.Errorf("IsValidID(%q) got %v, want %v", tt.id, got, tt.want)
		}
	}
	// Every place of the UUID is checked: a digit that is not one, or a
	// digit where a hyphen stands, wherever it is, makes it invalid.
	const u = "8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
	for i := range len(u) {
		for _, c := range []byte{'g', 'G', '-', '0', ' ', 0x80} {
			if (c == '-') == (u[i] == '-') {
				continue
			}
			id := "indicator--" + u[:i] + string(c) + u[i+1:]
			if IsValidID(id) {
				t.Errorf("IsValidID(%q) = true, with %q at the UUID's byte %d", id, c, i)
			}
		}
	}
}

func TestIsValidTypeName(t *testing.T) {
	tests := []struct {
		typ  string
		want bool
	}{
		{"indicator", true},
		{"x-mitre-data-component", true},
		{"x509-certificate", true},
		{"ipv4-addr", true},
		{"abc", true},
		{"ab", false},                     // too short
		{strings.Repeat("a", 250), true},  // longest
		{strings.Repeat("a", 251), false}, // too long
		{"X-mitre", false},                // upper case
		{"x_mitre", false},                // underscore
		{"x--mitre", false},               // two hyphens
		{"x-mitre-", false},               // final hyphen
		{"-x-mitre", false},               // leading hyphen
		{"1-mitre", false},                // leading digit
		{"x-mïtre", false},                // not ASCII
		{"", false},
	}
	for _, tt := range tests {
		if got := IsValidTypeName(tt.typ); got != tt.want {
			t.Errorf("IsValidTypeName(%q) got %v, want %v", tt.typ, got, tt.want)
		}
	}
}

func TestIsLangTag(t *testing.T) {
	tests := []struct {
		tag  string
		want bool
	}{
		{"en", true}, {"en-US", true}, {"zh-Hant-TW", true}, {"de-CH-1901", true}, {"sgn-BE-FR", true},
		{"x-private", true}, {"i-klingon", true}, {"es-419", true},
		{"", false}, {"en_US", false}, {"english!", false}, {"1en", false}, {"en--US", false},
		{"en-", false}, {"abcdefghi", false}, {"en-abcdefghi", false},
	}
	for _, tt := range tests {
		if got := isLangTag(tt.tag); got != tt.want {
			t.Errorf("isLangTag(%q) got %v, want %v", tt.tag, got, tt.want)
		}
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "external_references[0].source_name", Msg: "required property is missing"}, "external_references[0].source_name: required property is missing"},
		{Problem{Msg: "a location must have a region"}, "a location must have a region"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%#v.String() got %q, want %q", tt.p, got, tt.want)
		}
	}
}

// loadObjects reads the STIX objects of the file at path: the objects of a
// bundle, the elements of a JSON array, or a single object. It decodes them
// with jsontext and DecodeValue, independently of the package's Reader.
func loadObjects(tb testing.TB, path string) []*Object {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	var out []*Object
	add := func(raw jsontext.Value, off int64) {
		v, err := DecodeValue(raw, off, DefaultLimits)
		if err != nil {
			tb.Fatalf("%s: byte offset %d: %v", path, off, err)
		}
		out = append(out, NewObject(v, nil))
	}
	switch dec.PeekKind() {
	case '[':
		if _, err := dec.ReadToken(); err != nil {
			tb.Fatal(err)
		}
		for dec.PeekKind() != ']' {
			off := dec.InputOffset()
			raw, err := dec.ReadValue()
			if err != nil {
				tb.Fatalf("%s: %v", path, err)
			}
			add(raw, off)
		}
	case '{':
		raw, err := dec.ReadValue()
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		top, err := DecodeValue(raw, 0, Limits{})
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		if t, _ := top.GetString("type"); t != "bundle" {
			return []*Object{NewObject(top, nil)}
		}
		objs := top.Get("objects")
		if objs == nil || objs.Kind != KindArray {
			tb.Fatalf("%s: bundle without an objects list", path)
		}
		for i := range objs.Items {
			out = append(out, NewObject(objs.Items[i], nil))
		}
	default:
		tb.Fatalf("%s: not a JSON object or array", path)
	}
	return out
}

// corpusFiles lists the STIX 2.1 example and report bundles under the
// shared data directory, relative to it.
var corpusFiles = []string{
	"stix-schemas/examples/indicator-for-c2-ip-address.json",
	"stix-schemas/examples/indicator-to-campaign-relationship.json",
	"stix-schemas/examples/indicators-for-C2-with-COA.json",
	"stix-schemas/examples/infrastructure.json",
	"stix-schemas/examples/interop-objectmarking-test.json",
	"stix-schemas/examples/malicious-email-indicator-with-attachment.json",
	"reports/stix21-bundles/oasis/apt1.json",
	"reports/stix21-bundles/oasis/poisonivy.json",
	"reports/stix21-bundles/amnesty/2021-12-16_cytrox/cytrox.stix2",
	"reports/stix21-bundles/amnesty/2024-12-16_serbia_novispy/novispy.stix2",
	"attack/enterprise-attack-18.1.json",
	"attack/mobile-attack-18.1.json",
	"attack/ics-attack-18.1.json",
	"disarm/DISARM.json",
}

// TestValidateCorpus checks that every object of the OASIS examples, the
// OASIS and Amnesty report bundles, the ATT&CK Enterprise, Mobile and ICS
// bundles and the DISARM bundle is valid: they are real, conforming STIX 2.1
// content, so any problem found is a false positive of the validator. Each
// file is skipped, with a message naming it, when the shared data is
// absent.
func TestValidateCorpus(t *testing.T) {
	for _, rel := range corpusFiles {
		t.Run(filepath.Base(rel), func(t *testing.T) {
			objs := loadObjects(t, shareddata.Path(t, rel))
			if len(objs) == 0 {
				t.Fatalf("got no objects from %s", rel)
			}
			bad := 0
			for _, o := range objs {
				probs := Validate(o)
				if len(probs) == 0 {
					continue
				}
				bad++
				if bad <= 20 {
					t.Errorf("%s: got %d problems, want none: %v", o.ID, len(probs), probs)
				}
			}
			if bad > 20 {
				t.Errorf("%d of %d objects have problems (first 20 shown)", bad, len(objs))
			}
			if rel == "attack/enterprise-attack-18.1.json" && len(objs) != 24772 {
				t.Errorf("got %d ATT&CK objects, want 24772", len(objs))
			}
		})
	}
}

// BenchmarkValidate validates the ATT&CK Enterprise bundle, one
// iteration per bundle (24,772 objects).
func BenchmarkValidate(b *testing.B) {
	objs := loadObjects(b, shareddata.Path(b, "attack/enterprise-attack-18.1.json"))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, o := range objs {
			if p := Validate(o); p != nil {
				b.Fatalf("%s: %v", o.ID, p)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(objs)), "ns/object")
}
