package pattern

import (
	"fmt"
	"strings"
	"testing"
)

// richObserved is one observed-data object (STIX 2.0 style, with an
// objects dictionary) holding objects of many types and values of every
// JSON kind, for the comparison table.
const richObserved = `{
  "type": "observed-data", "id": "observed-data--00000000-0000-4000-8000-000000000001",
  "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-01T00:00:00Z", "number_observed": 1,
  "objects": {
    "0": {"type": "file", "name": "foo.dll", "size": 371712, "x_ratio": 0.5, "x_flag": true,
          "hashes": {"MD5": "cead3f77f6cda6ec00f57d76c9a6879f", "SHA-256": "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"},
          "created": "2014-01-13T07:03:17Z", "parent_directory_ref": "1", "magic_number_hex": "ffd8",
          "x_list": ["a", "b", "c"], "x_nfd": "Cafe\u0301", "x_nfc": "Caf\u00e9",
          "extensions": {"windows-pebinary-ext": {"sections": [{"entropy": 7.5}, {"entropy": 2.0}]}}},
    "1": {"type": "directory", "path": "C:\\Windows\\System32"},
    "2": {"type": "ipv4-addr", "value": "198.51.100.7"},
    "3": {"type": "ipv4-addr", "value": "10.0.0.0/8"},
    "4": {"type": "ipv6-addr", "value": "2001:db8::1"},
    "5": {"type": "network-traffic", "src_ref": "2", "dst_ref": "6", "protocols": ["tcp"], "dst_port": 443},
    "6": {"type": "domain-name", "value": "www.example.com", "resolves_to_refs": ["2"]},
    "7": {"type": "artifact", "mime_type": "application/vnd.tcpdump.pcap", "payload_bin": "1MOyoQIABAA="},
    "8": {"type": "x-custom-thing", "nested": {"deep": [{"k": "v"}]}}
  }
}`

func readObs(t testing.TB, doc string) []*Observation {
	t.Helper()
	obs, bad, err := ReadObservations(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range bad {
		t.Fatal(e)
	}
	return obs
}

// TestComparisons: every operator and type rule, against one
// observed-data object.
func TestComparisons(t *testing.T) {
	obs := readObs(t, richObserved)
	cases := []struct {
		pattern string
		want    bool
	}{
		// = and its synonym ==, and != as the exact negation.
		{`[file:name = 'foo.dll']`, true},
		{`[file:name == 'foo.dll']`, true},
		{`[file:name = 'FOO.DLL']`, false},
		{`[file:name != 'foo.dll']`, false},
		{`[file:name != 'bar.dll']`, true},
		{`[file:name NOT = 'foo.dll']`, false},
		{`[file:name NOT != 'foo.dll']`, true},
		// Mismatched types are false for the positive operators, and their
		// negations are true (the spec's own example: size is an integer).
		{`[file:size = '371712']`, false},
		{`[file:size != '371712']`, true},
		{`[file:name = 5]`, false},
		{`[file:name != 5]`, true},
		{`[file:size < 'a']`, false},
		{`[file:size NOT < 'a']`, true},
		{`[file:size > t'2000-01-01T00:00:00Z']`, false},
		{`[file:x_flag = 1]`, false},
		{`[file:x_flag != 1]`, true},
		{`[file:size IN ('371712', true)]`, false},
		{`[file:size NOT IN ('371712')]`, true},
		{`[file:size LIKE '37%']`, false},
		{`[file:size NOT LIKE '37%']`, true},
		{`[file:size MATCHES '37']`, false},
		{`[file:name ISSUBSET '10.0.0.0/8']`, false},
		{`[file:name NOT ISSUBSET '10.0.0.0/8']`, true},
		{`[file:hashes = 'x']`, false},
		// Numbers: integers and floats compare by value.
		{`[file:size = 371712]`, true},
		{`[file:size = 371712.0]`, true},
		{`[file:size > 371711]`, true},
		{`[file:size >= 371712]`, true},
		{`[file:size < 371712]`, false},
		{`[file:size <= 371712]`, true},
		{`[file:size <= -1]`, false},
		{`[file:x_ratio = 0.5]`, true},
		{`[file:x_ratio < 1]`, true},
		{`[file:x_ratio > .25]`, true},
		{`[network-traffic:dst_port = 443]`, true},
		// Strings order by code point.
		{`[file:name > 'foo']`, true},
		{`[file:name < 'g']`, true},
		{`[file:name >= 'foo.dll']`, true},
		{`[file:name < 'foo.dll']`, false},
		// Booleans.
		{`[file:x_flag = true]`, true},
		{`[file:x_flag = false]`, false},
		{`[file:x_flag != false]`, true},
		// Timestamps compare as instants; as strings they compare exactly.
		{`[file:created = t'2014-01-13T07:03:17Z']`, true},
		{`[file:created = t'2014-01-13T07:03:17.000Z']`, true},
		{`[file:created = '2014-01-13T07:03:17.000Z']`, false},
		{`[file:created = '2014-01-13T07:03:17Z']`, true},
		{`[file:created > t'2014-01-01T00:00:00Z']`, true},
		{`[file:created < t'2014-01-01T00:00:00Z']`, false},
		// Binary: *_hex and *_bin properties hold bytes.
		{`[file:magic_number_hex = h'ffd8']`, true},
		{`[file:magic_number_hex = h'FFD8']`, true},
		{`[file:magic_number_hex = h'ffd9']`, false},
		{`[file:magic_number_hex = b'/9g=']`, true},
		{`[file:magic_number_hex = '` + "\u00ff\u00d8" + `']`, true},
		{`[file:magic_number_hex > h'ff']`, true},
		{`[artifact:payload_bin = b'1MOyoQIABAA=']`, true},
		{`[artifact:payload_bin = h'd4c3b2a102000400']`, true},
		{`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`, true},
		{`[artifact:payload_bin MATCHES '^\\xc3']`, false},
		// IN.
		{`[file:name IN ('a', 'foo.dll')]`, true},
		{`[file:name IN ('a', 'b')]`, false},
		{`[file:name NOT IN ('a', 'b')]`, true},
		{`[file:name IN ()]`, false},
		{`[file:size IN (1, 371712)]`, true},
		// LIKE: % any run, _ one character, the whole value, case sensitive.
		{`[file:name LIKE 'foo%']`, true},
		{`[file:name LIKE '%.dll']`, true},
		{`[file:name LIKE 'foo_dll']`, true},
		{`[file:name LIKE 'foo.d%']`, true},
		{`[file:name LIKE 'oo%']`, false},
		{`[file:name LIKE 'FOO%']`, false},
		{`[file:name LIKE 'foo.dl']`, false},
		{`[file:name LIKE '_oo.dll']`, true},
		{`[file:name LIKE '.*']`, false},
		{`[file:name NOT LIKE 'foo%']`, false},
		// MATCHES searches; it is anchored only where the expression anchors.
		{`[file:name MATCHES 'dll']`, true},
		{`[file:name MATCHES '^dll']`, false},
		{`[file:name MATCHES '\\.dll$']`, true},
		{`[file:name MATCHES '^foo\\.DLL$']`, false},
		{`[file:name MATCHES '(?i)^foo\\.DLL$']`, true},
		{`[file:name NOT MATCHES 'exe']`, true},
		// = compares code points; LIKE and MATCHES compare NFC forms.
		{`[file:x_nfd = 'Caf` + "\u00e9" + `']`, false},
		{`[file:x_nfd = 'Cafe` + "\u0301" + `']`, true},
		{`[file:x_nfd LIKE 'Caf` + "\u00e9" + `']`, true},
		{`[file:x_nfd LIKE 'Caf_']`, true},
		{`[file:x_nfc LIKE 'Cafe` + "\u0301" + `']`, true},
		{`[file:x_nfd MATCHES '^Caf` + "\u00e9" + `$']`, true},
		{`[file:x_nfd MATCHES '^Caf.$']`, true},
		// ISSUBSET and ISSUPERSET on addresses and CIDR blocks.
		{`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`, true},
		{`[ipv4-addr:value ISSUBSET '198.51.101.0/24']`, false},
		{`[ipv4-addr:value ISSUBSET '198.51.100.7']`, true},
		{`[ipv4-addr:value ISSUBSET '10.0.0.0/7']`, true},
		{`[ipv4-addr:value ISSUPERSET '10.1.2.3']`, true},
		{`[ipv4-addr:value ISSUPERSET '10.0.0.0/8']`, true},
		{`[ipv4-addr:value ISSUPERSET '10.0.0.0/7']`, false},
		{`[ipv4-addr:value ISSUPERSET '11.0.0.0/8']`, false},
		{`[ipv6-addr:value ISSUBSET '2001:db8::/32']`, true},
		{`[ipv6-addr:value ISSUBSET '2001:db9::/32']`, false},
		{`[ipv4-addr:value ISSUBSET '2001:db8::/32']`, false},
		{`[ipv4-addr:value NOT ISSUBSET '198.51.100.0/24' AND ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']`, false},
		// EXISTS.
		{`[EXISTS file:hashes.MD5]`, true},
		{`[EXISTS file:hashes.'SHA-512']`, false},
		{`[EXISTS file:parent_directory_ref.path]`, true},
		{`[EXISTS file:x_list[3]]`, false},
		{`[EXISTS url:value]`, false},
		// Paths: list indexes, [*], quoted keys, extensions.
		{`[file:x_list[*] = 'b']`, true},
		{`[file:x_list[1] = 'b']`, true},
		{`[file:x_list[0] = 'b']`, false},
		{`[file:x_list[-1] = 'c']`, true},
		{`[file:x_list[5] = 'b']`, false},
		{`[file:x_list[*] != 'b']`, false},
		{`[file:x_list[*] != 'z']`, true},
		{`[file:x_list.a = 'b']`, false},
		{`[file:name[0] = 'f']`, false},
		{`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`, true},
		{`[file:hashes.md5 = 'cead3f77f6cda6ec00f57d76c9a6879f']`, true},
		{`[file:hashes.SHA256 = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`, true},
		{`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`, true},
		{`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 8.0]`, false},
		{`[file:extensions.'windows-pebinary-ext'.sections[1].entropy < 3]`, true},
		{`[x-custom-thing:nested.deep[*].k = 'v']`, true},
		// References are followed through the observation's objects.
		{`[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']`, true},
		{`[network-traffic:src_ref.value = '198.51.100.7']`, true},
		{`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'www.example.com']`, true},
		{`[network-traffic:dst_ref.resolves_to_refs[*].value ISSUBSET '198.51.100.0/24']`, true},
		{`[domain-name:resolves_to_refs[*].value = '198.51.100.7']`, true},
		{`[network-traffic:src_ref = '2']`, true},
		{`[network-traffic:protocols[*] = 'tcp']`, true},
		// A path that reaches nothing is false, negated or not.
		{`[file:nope = 'x']`, false},
		{`[file:nope != 'x']`, false},
		{`[file:nope NOT LIKE 'x']`, false},
		{`[url:value != 'x']`, false},
		// AND holds for one object; OR for any.
		{`[ipv4-addr:value = '198.51.100.7' AND ipv4-addr:value = '10.0.0.0/8']`, false},
		{`[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '10.0.0.0/8']`, true},
		{`[file:name = 'foo.dll' AND file:size = 371712]`, true},
		{`[file:name = 'foo.dll' AND file:size = 1]`, false},
		{`[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']`, false},
		{`[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']`, true},
		{`[ipv4-addr:value = '198.51.100.7' AND domain-name:value = 'www.example.com']`, false},
		{`[ipv4-addr:value = '1.1.1.1' OR domain-name:value = 'www.example.com']`, true},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			t.Errorf("Compile(%s): %v", c.pattern, err)
			continue
		}
		m, err := p.Match(obs)
		if err != nil {
			t.Errorf("%s: %v", c.pattern, err)
			continue
		}
		if got := m != nil; got != c.want {
			t.Errorf("%s: got %v, want %v", c.pattern, got, c.want)
		}
	}
}

// timeline holds observed-data at different times, in no particular
// order, 2.1 style (object_refs to SCOs in the same bundle).
const timeline = `{"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000000", "objects": [
 {"type": "observed-data", "id": "observed-data--c", "first_observed": "2020-01-01T00:10:00Z", "last_observed": "2020-01-01T00:10:00Z", "number_observed": 1, "object_refs": ["ipv4-addr--1"]},
 {"type": "observed-data", "id": "observed-data--a", "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-01T00:00:00Z", "number_observed": 1, "object_refs": ["ipv4-addr--1"]},
 {"type": "observed-data", "id": "observed-data--b", "first_observed": "2020-01-01T00:01:00Z", "last_observed": "2020-01-01T00:01:00Z", "number_observed": 1, "object_refs": ["domain-name--1"]},
 {"type": "observed-data", "id": "observed-data--d", "first_observed": "2020-01-01T00:05:00Z", "last_observed": "2020-01-01T00:06:00Z", "number_observed": 3, "object_refs": ["file--1"]},
 {"type": "observed-data", "id": "observed-data--e", "first_observed": "2020-01-01T01:00:00Z", "last_observed": "2020-01-01T02:00:00Z", "number_observed": 1, "object_refs": ["url--1"]},
 {"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "1.1.1.1"},
 {"type": "domain-name", "id": "domain-name--1", "value": "evil.example"},
 {"type": "file", "id": "file--1", "name": "x"},
 {"type": "url", "id": "url--1", "value": "http://evil.example/"}
]}`

// TestObservationExpressions: AND, OR, FOLLOWEDBY and the qualifiers
// across many observed-data, with their time semantics.
func TestObservationExpressions(t *testing.T) {
	obs := readObs(t, timeline)
	ids := func(m *Match) string {
		var s []string
		for _, i := range m.Observations {
			s = append(s, strings.TrimPrefix(obs[i].ID, "observed-data--"))
		}
		return strings.Join(s, ",")
	}
	const (
		ip  = `[ipv4-addr:value = '1.1.1.1']`
		dom = `[domain-name:value = 'evil.example']`
		fil = `[file:name = 'x']`
		url = `[url:value = 'http://evil.example/']`
	)
	cases := []struct {
		pattern string
		want    string // the observations bound, "" for no match
	}{
		{ip, "a"},
		{ip + ` OR ` + dom, "a"},
		{`[ipv4-addr:value = '9.9.9.9'] OR ` + dom, "b"},
		{ip + ` AND ` + dom, "a,b"},
		// AND binds distinct observations: two are needed, a and c exist.
		{ip + ` AND ` + ip, "a,c"},
		{ip + ` AND ` + ip + ` AND ` + ip, ""},
		{ip + ` FOLLOWEDBY ` + dom, "a,b"},
		{dom + ` FOLLOWEDBY ` + ip, "b,c"},
		{url + ` FOLLOWEDBY ` + ip, ""},
		{ip + ` FOLLOWEDBY ` + url, "a,e"},
		// d spans 00:05-00:06 and is seen 3 times.
		{fil + ` FOLLOWEDBY ` + ip, "d,c"},
		{ip + ` FOLLOWEDBY ` + fil, "a,d"},
		{`(` + ip + ` FOLLOWEDBY ` + dom + `) WITHIN 60 SECONDS`, "a,b"},
		{`(` + ip + ` FOLLOWEDBY ` + dom + `) WITHIN 59.5 SECONDS`, ""},
		{`(` + dom + ` FOLLOWEDBY ` + ip + `) WITHIN 300 SECONDS`, ""},
		{`(` + dom + ` FOLLOWEDBY ` + ip + `) WITHIN 540 SECONDS`, "b,c"},
		// REPEATS counts observations: d alone stands for three.
		{ip + ` REPEATS 2 TIMES`, "a,c"},
		{ip + ` REPEATS 3 TIMES`, ""},
		{fil + ` REPEATS 3 TIMES`, "d"},
		{fil + ` REPEATS 4 TIMES`, ""},
		{fil + ` REPEATS 3 TIMES WITHIN 1 SECONDS`, "d"},
		{ip + ` REPEATS 2 TIMES WITHIN 60 SECONDS`, ""},
		{ip + ` REPEATS 2 TIMES WITHIN 600 SECONDS`, "a,c"},
		{`(` + ip + ` OR ` + dom + `) REPEATS 3 TIMES`, "a,b,c"},
		{`(` + ip + ` OR ` + dom + `) REPEATS 3 TIMES WITHIN 60 SECONDS`, ""},
		// START is inclusive, STOP exclusive; intervals need only meet.
		{ip + ` START t'2020-01-01T00:05:00Z' STOP t'2020-01-01T00:15:00Z'`, "c"},
		{ip + ` START t'2020-01-01T00:02:00Z' STOP t'2020-01-01T00:10:00Z'`, ""},
		{ip + ` START t'2020-01-01T00:10:00Z' STOP t'2020-01-01T00:10:00.001Z'`, "c"},
		{url + ` START t'2020-01-01T01:30:00Z' STOP t'2020-01-01T01:31:00Z'`, "e"},
		{fil + ` START t'2020-01-01T00:06:00Z' STOP t'2020-01-01T00:07:00Z'`, "d"},
		{`(` + ip + ` AND ` + dom + `) START t'2020-01-01T00:00:30Z' STOP t'2021-01-01T00:00:00Z'`, "b,c"},
		{`(` + ip + ` AND ` + url + `) START t'2020-01-01T00:30:00Z' STOP t'2021-01-01T00:00:00Z'`, ""},
		// The spec's example: two observations of one thing, then another.
		{`(` + ip + ` AND ` + ip + `) FOLLOWEDBY ` + url, "a,c,e"},
		{`(` + ip + ` AND ` + ip + `) FOLLOWEDBY ` + dom, ""},
	}
	for _, c := range cases {
		p, err := Compile(c.pattern)
		if err != nil {
			t.Errorf("Compile(%s): %v", c.pattern, err)
			continue
		}
		m, err := p.Match(obs)
		if err != nil {
			t.Errorf("%s: %v", c.pattern, err)
			continue
		}
		got := ""
		if m != nil {
			got = ids(m)
		}
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.pattern, got, c.want)
		}
	}
}

func TestReadObservations(t *testing.T) {
	obs := readObs(t, timeline)
	var order []string
	for _, o := range obs {
		order = append(order, strings.TrimPrefix(o.ID, "observed-data--"))
	}
	if got := strings.Join(order, ","); got != "a,b,d,c,e" {
		t.Errorf("timestamp order %s", got)
	}
	// Lenient: only the timestamps, the count and the objects are needed;
	// custom object types are fine; a bare array works; broken
	// observed-data are reported, the rest kept.
	doc := `[
	 {"type": "observed-data", "first_observed": "2020-01-01T00:00:00+01:00", "last_observed": "2020-01-01T00:00:00.5+01:00", "number_observed": 2, "objects": {"a": {"type": "x-thing", "v": 1}}},
	 {"type": "observed-data", "id": "observed-data--bad", "first_observed": "2020-01-01T00:00:00Z", "number_observed": 1, "objects": {"a": {"type": "file"}}},
	 {"type": "observed-data", "id": "observed-data--zero", "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-01T00:00:00Z", "number_observed": 0, "objects": {"a": {"type": "file"}}},
	 {"type": "observed-data", "id": "observed-data--refs", "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-01T00:00:00Z", "number_observed": 1, "object_refs": ["file--gone", "file--here"]},
	 {"type": "file", "id": "file--here", "name": "y"}
	]`
	obs, bad, err := ReadObservations(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(obs) != 2 || len(bad) != 2 {
		t.Fatalf("got %d observations and %d errors %v", len(obs), len(bad), bad)
	}
	if !strings.Contains(bad[0].Error(), "no last_observed") || !strings.Contains(bad[1].Error(), "number_observed 0") {
		t.Errorf("errors %v", bad)
	}
	var x, refs *Observation
	for _, o := range obs {
		if o.ID == "" {
			x = o
		} else {
			refs = o
		}
	}
	if x == nil || refs == nil || x.NumberObserved != 2 || x.FirstObserved.Hour() != 23 || len(x.Objects) != 1 || x.Objects[0].Type != "x-thing" {
		t.Fatalf("observation %+v", x)
	}
	if len(refs.Objects) != 1 || len(refs.Missing) != 1 || refs.Missing[0] != "file--gone" {
		t.Errorf("refs %+v", refs)
	}
	if m, _ := MustCompile(`[x-thing:v = 1] REPEATS 2 TIMES`).Match(obs); m == nil {
		t.Error("custom type not matched")
	}
	if _, _, err := ReadObservations(strings.NewReader(`{"type": "bundle", "objects": [`)); err == nil {
		t.Error("truncated document accepted")
	}
}

// TestTooComplex: a search with too many combinations ends with
// ErrTooComplex instead of running for ever.
func TestTooComplex(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[`)
	for i := range 300 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"type": "observed-data", "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-01T00:00:00Z", "number_observed": 1, "objects": {"0": {"type": "x-a", "v": 1}}}`)
	}
	b.WriteString(`]`)
	obs := readObs(t, b.String())
	// 300 matching observations; no observation is ever of x-b, so every
	// combination of 5 from 300 is tried before giving up.
	p := MustCompile(`[x-a:v = 1] REPEATS 5 TIMES FOLLOWEDBY [x-b:v = 1]`)
	if _, err := p.Match(obs); err != ErrTooComplex {
		t.Errorf("got %v, want ErrTooComplex", err)
	}
}

// TestMatchAllLong: MatchAll over many observations that all match stays
// fast for patterns of several observations.
func TestMatchAllLong(t *testing.T) {
	var b strings.Builder
	b.WriteString(`[`)
	const n = 5000
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"type": "observed-data", "first_observed": "2020-01-01T00:00:%02dZ", "last_observed": "2020-01-01T00:00:%02dZ", "number_observed": 1, "objects": {"0": {"type": "x-a", "v": %d}}}`, i%60, i%60, i%2)
	}
	b.WriteString(`]`)
	obs := readObs(t, b.String())
	// Sorted by time, the 84 observations at second 0 come first, all
	// with v = 0.
	for _, c := range []struct {
		src  string
		want int
	}{
		{`[x-a:v = 0] AND [x-a:v = 1]`, n - 84},
		{`[x-a:v >= 0] REPEATS 3 TIMES`, n - 2},
		{`([x-a:v = 0] FOLLOWEDBY [x-a:v = 1]) WITHIN 5 SECONDS`, n / 2},
		{`[x-a:v = 1] FOLLOWEDBY [x-a:v = 0] REPEATS 2 TIMES`, n/2 - 84 - 1},
	} {
		ms, err := MustCompile(c.src).MatchAll(obs)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if len(ms) != c.want {
			t.Errorf("%s: %d matches, want %d", c.src, len(ms), c.want)
		}
	}
}

// TestConcurrentMatch: a compiled Pattern is used from many goroutines at
// once (run with -race).
func TestConcurrentMatch(t *testing.T) {
	obs := readObs(t, timeline)
	p := MustCompile(`([ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [domain-name:value LIKE 'evil%']) WITHIN 60 SECONDS OR [url:value MATCHES 'evil']`)
	done := make(chan string)
	for range 8 {
		go func() {
			for range 200 {
				m, err := p.Match(obs)
				if err != nil || m == nil {
					done <- fmt.Sprint(m, err)
					return
				}
			}
			done <- ""
		}()
	}
	for range 8 {
		if msg := <-done; msg != "" {
			t.Error(msg)
		}
	}
}

// TestLargeBindings: REPEATS up to its limit matches; nested REPEATS that
// ask for more observations than MaxBinding end with ErrTooComplex, not
// a stack overflow.
func TestLargeBindings(t *testing.T) {
	obs := readObs(t, `{"type": "observed-data", "first_observed": "2020-01-01T00:00:00Z", "last_observed": "2020-01-01T00:00:00Z", "number_observed": 2000000000, "objects": {"0": {"type": "x-a", "v": 1}}}`)
	m, err := MustCompile(`[x-a:v = 1] REPEATS 10000 TIMES`).Match(obs)
	if err != nil || m == nil || len(m.Bindings) != 10000 {
		t.Errorf("REPEATS 10000: %v", err)
	}
	for _, src := range []string{
		`([x-a:v = 1] REPEATS 10000 TIMES) REPEATS 10000 TIMES`,
		`(([x-a:v = 1] REPEATS 100 TIMES) REPEATS 100 TIMES) REPEATS 100 TIMES`,
	} {
		if _, err := MustCompile(src).Match(obs); err != ErrTooComplex {
			t.Errorf("%s: got %v, want ErrTooComplex", src, err)
		}
	}
}
