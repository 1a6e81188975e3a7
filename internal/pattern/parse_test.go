package pattern

import (
	"errors"
	"strings"
	"testing"
)

// specExamples are the patterns of the STIX 2.1 specification's
// Patterning section (9.9 and the operator and qualifier tables), as
// written there.
var specExamples = []string{
	`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
	`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
	`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']`,
	`[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
	`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
	`[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']`,
	`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
	`[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']`,
	`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`,
	`[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']`,
	`[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']`,
	`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS`,
	`[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']`,
	`[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']`,
	`[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']`,
	`[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']`,
	`[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']`,
	`[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']`,
	`[x-usb-device:usbdrive.serial_number = '575833314133343231313937']`,
	`[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS`,
	`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`,
	`([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`,
	`[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'`,
	`[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32'] REPEATS 5 TIMES`,
	`[ipv4-addr:value ISSUBSET '198.51.100.0/24'] AND [ipv4-addr:value ISSUPERSET '198.51.100.3']`,
	`[file:name LIKE 'foo%.dll_' AND file:size IN (10, 20, 30)]`,
	`[file:created > t'2016-01-01T00:00:00Z' AND file:created <= t'2016-12-31T23:59:60.999Z']`,
	`[EXISTS windows-registry-key:values[*].name OR file:name NOT = 'x' AND file:name != 'y' AND file:name NOT LIKE 'z%']`,
	`[artifact:payload_bin = b'SGVsbG8=' OR artifact:payload_bin = h'48656c6c6f']`,
	`[process:pid == 4 AND process:is_hidden = true AND process:x_score >= -1.5]`,
}

func TestParseSpecExamples(t *testing.T) {
	for _, src := range specExamples {
		p, err := Compile(src)
		if err != nil {
			t.Errorf("Compile(%q): %v", src, err)
			continue
		}
		// The canonical form parses back to itself.
		canon := p.Tree().String()
		again, err := Parse(canon)
		if err != nil {
			t.Errorf("Parse(canonical %q): %v", canon, err)
			continue
		}
		if got := again.String(); got != canon {
			t.Errorf("round trip of %q:\n got %s\nwant %s", src, got, canon)
		}
	}
}

func TestParseTree(t *testing.T) {
	cases := []struct{ src, want string }{
		// FOLLOWEDBY binds loosest, then OR, then AND; all associate left.
		{`[a:x = 1] AND [a:x = 2] OR [a:x = 3] FOLLOWEDBY [a:x = 4]`, `[a:x = 1] AND [a:x = 2] OR [a:x = 3] FOLLOWEDBY [a:x = 4]`},
		{`[a:x = 1] AND ([a:x = 2] OR [a:x = 3])`, `[a:x = 1] AND ([a:x = 2] OR [a:x = 3])`},
		{`[a:x = 1] FOLLOWEDBY ([a:x = 2] FOLLOWEDBY [a:x = 3])`, `[a:x = 1] FOLLOWEDBY ([a:x = 2] FOLLOWEDBY [a:x = 3])`},
		{`(([a:x = 1]))`, `[a:x = 1]`},
		{`[a:x = 1 OR a:x = 2 AND a:y = 3]`, `[a:x = 1 OR a:x = 2 AND a:y = 3]`},
		{`[(a:x = 1 OR a:x = 2) AND a:y = 3]`, `[(a:x = 1 OR a:x = 2) AND a:y = 3]`},
		{`([a:x = 1] AND [a:x = 2]) WITHIN 5 SECONDS REPEATS 2 TIMES`, `([a:x = 1] AND [a:x = 2]) WITHIN 5 SECONDS REPEATS 2 TIMES`},
		{`[a:x == 'it\'s \\ here']`, `[a:x = 'it\'s \\ here']`},
		{`[a:x <> 1]`, `[a:x != 1]`},
		{`[a:'x y'.'SHA-256'[0][*][-1] = +5]`, `[a:'x y'.'SHA-256'[0][*][-1] = 5]`},
		{"[a:x = 1]\t/* comment */ WITHIN 0.5 SECONDS // end", `[a:x = 1] WITHIN 0.5 SECONDS`},
		{`[a:x IN ()]`, `[a:x IN ()]`},
		{`[a:x IN ('a', 1, 2.5, true, t'2020-01-01T00:00:00Z', h'00ff', b'AA==')]`, `[a:x IN ('a', 1, 2.5, true, t'2020-01-01T00:00:00Z', h'00ff', b'AA==')]`},
		{"[a:x\u00a0=\u30001]", `[a:x = 1]`},
		{`[file:name = 'x'] START '2016-06-01T00:00:00Z' STOP '2016-07-01T00:00:00Z'`, `[file:name = 'x'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'`},
	}
	for _, c := range cases {
		x, err := Parse(c.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.src, err)
			continue
		}
		if got := x.String(); got != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.src, got, c.want)
		}
	}
}

// TestInvalid: each invalid pattern fails with an *Error at the expected
// column whose message says what was expected.
func TestInvalid(t *testing.T) {
	cases := []struct {
		src  string
		col  int
		want string
	}{
		{``, 1, "empty pattern"},
		{`   `, 4, "empty pattern"},
		{`[]`, 2, "empty observation expression"},
		{`file:name = 'x'`, 1, "'[' to start an observation expression"},
		{`[file:name = 'x'`, 17, "']' to close the observation expression opened at column 1"},
		{`[file:name = 'x']]`, 18, "end of the pattern"},
		{`[file:name = 'x'] and [file:name = 'y']`, 19, "keywords are upper case: AND"},
		{`[file:name 'x']`, 12, "expected an operator"},
		{`[file:name = x]`, 14, "expected a constant after ="},
		{`[file:name = 'x]`, 14, "string is not closed"},
		{`[file:name = 'a\d']`, 16, `invalid escape \d`},
		{`[file:name = "x"]`, 14, "single quotes"},
		{`[file name = 'x']`, 7, "expected ':' after the object type file"},
		{`[file: = 'x']`, 8, "a property name after file:"},
		{`[file:hashes.SHA-256 = 'x']`, 14, "quote it"},
		{`[file:hashes.'SHA-256' = 'abc']`, 26, "expected 64 hex digits, found 3"},
		{`[file:hashes.MD5 = 'zz0123456789abcdef0123456789abcd']`, 20, "not all hex digits"},
		{`[file:hashes.'SHA-1' IN ('0123456789abcdef0123456789abcdef01234567', 'x')]`, 70, "SHA-1 hash"},
		{`[file:hashes.SSDEEP = 'nope']`, 23, "SSDEEP"},
		{`[file:size = 007]`, 14, "leading zero"},
		{`[file:size = 99999999999999999999]`, 14, "out of range"},
		{`[file:size < true]`, 14, "booleans have no order"},
		{`[file:x = TRUE]`, 11, "lower case"},
		{`[file:created = t'2016-02-30T00:00:00Z']`, 17, "not a real date"},
		{`[file:created = t'2016-01-01 00:00:00Z']`, 17, "not of the form"},
		{`[file:created = t'2016-01-01T00:00:00+01:00']`, 17, "UTC"},
		{`[file:created = t'2016-01-01T12:00:60Z']`, 17, "leap second"},
		{`[a:x = b'abc']`, 8, "base64"},
		{`[a:x = h'abc']`, 8, "even number of hex digits"},
		{`[a:x LIKE 5]`, 11, "a string after LIKE"},
		{`[a:x IN 'a']`, 9, "'(' to start the list"},
		{`[a:x IN ('a' 'b')]`, 14, "',' or ')'"},
		{`[a:x MATCHES '(?=a)b']`, 15, "lookahead"},
		{`[a:x MATCHES '(?<!a)b']`, 15, "lookbehind"},
		{`[a:x MATCHES '(a)\\1']`, 18, "backreference"},
		{`[a:x MATCHES 'a++']`, 16, "possessive quantifier"},
		{`[a:x MATCHES '(?>a)']`, 15, "atomic group"},
		{`[a:x MATCHES 'a\\Z']`, 16, `\Z`},
		{`[a:x MATCHES '(a']`, 14, "missing closing )"},
		{`[ipv4-addr:value ISSUBSET '10.0.0.0/33']`, 27, "CIDR block"},
		{`[ipv4-addr:value ISSUPERSET 'example.com']`, 29, "CIDR block"},
		{`[a:x = 1] WITHIN 0 SECONDS`, 18, "positive number of seconds"},
		{`[a:x = 1] WITHIN 5 MINUTES`, 20, "no unit MINUTES"},
		{`[a:x = 1] WITHIN 5`, 19, "SECONDS after WITHIN 5"},
		{`[a:x = 1] REPEATS 0 TIMES`, 19, "from 1 to"},
		{`[a:x = 1] REPEATS 2.5 TIMES`, 19, "a whole number after REPEATS"},
		{`[a:x = 1] REPEATS 2`, 20, "TIMES after REPEATS 2"},
		{`[a:x = 1] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'`, 46, "later than START"},
		{`[a:x = 1] START t'2016-07-01T00:00:00Z'`, 40, "STOP after START"},
		{`[a:x = 1] FOLLOWEDBY`, 21, "'[' or '('"},
		{`[NOT a:x = 1]`, 2, "NOT goes between"},
		{`[a:x NOT 1]`, 10, "expected an operator"},
		{`[a:x[x] = 1]`, 6, "a list index"},
		{`[a:x = 1] ! [a:x = 2]`, 11, "'!' must be followed by '='"},
		{`[a:x = - 1]`, 8, "must start a number"},
		{`[a:x = 1.]`, 8, "digits after the decimal point"},
		{`[a:x = 1] /* open`, 11, "not closed"},
		{"[a:x = 'caf\xe9']", 12, "invalid UTF-8"},
		{"[a:x = 1]\n  AND", 6, "'[' or '('"},
	}
	for _, c := range cases {
		_, err := Compile(c.src)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Compile(%q) = %v, want an *Error containing %q", c.src, err, c.want)
			continue
		}
		if !strings.Contains(pe.Msg, c.want) || pe.Column != c.col {
			t.Errorf("Compile(%q):\n got column %d: %s\nwant column %d: ...%s...", c.src, pe.Column, pe.Msg, c.col, c.want)
		}
	}
}

// TestDepthLimit: deep nesting is refused with an error, never a stack
// overflow, however deep the input.
func TestDepthLimit(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("(", 1_000_000),
		strings.Repeat("(", 200) + "[a:x = 1]" + strings.Repeat(")", 200),
		"[" + strings.Repeat("(", 500_000) + "a:x = 1",
	} {
		_, err := Parse(src)
		var pe *Error
		if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "limit") {
			t.Errorf("Parse(%.20q...) = %v, want a limit error", src, err)
		}
	}
	ok := strings.Repeat("(", MaxDepth-1) + "[a:x = 1]" + strings.Repeat(")", MaxDepth-1)
	if _, err := Compile(ok); err != nil {
		t.Errorf("nesting of %d: %v", MaxDepth, err)
	}
	// Long flat chains are not nesting: 20,000 ORs compile.
	long := "[" + strings.Repeat("a:x = 1 OR ", 20000) + "a:x = 2]"
	if _, err := Compile(long); err != nil {
		t.Errorf("long OR chain: %v", err)
	}
	big := "[a:x = '" + strings.Repeat("a", MaxPatternBytes) + "']"
	if _, err := Parse(big); err == nil || !strings.Contains(err.Error(), "longer than the limit") {
		t.Errorf("oversized pattern: %v", err)
	}
}

func TestErrorLineColumn(t *testing.T) {
	_, err := Parse("[a:x = 1]\nAND [a:x = ]")
	var pe *Error
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 12 || pe.Offset != 21 {
		t.Fatalf("got %#v", err)
	}
	if got := pe.Error(); got != "pattern: line 2, column 12: expected a constant after =, found ']'" {
		t.Errorf("Error() = %q", got)
	}
	_, err = Parse("[a:x = é]")
	if !errors.As(err, &pe) || pe.Column != 8 {
		t.Errorf("columns count characters: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	p := MustCompile(`[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'example.com']`)
	if w := p.Warnings(); len(w) != 1 || !strings.Contains(w[0], "ipv4-addr, domain-name") {
		t.Errorf("warnings %q", w)
	}
	p = MustCompile(`[ipv4-addr:value = '1.2.3.4' OR domain-name:value = 'example.com'] AND [file:name = 'x' AND file:size = 3]`)
	if w := p.Warnings(); len(w) != 0 {
		t.Errorf("warnings %q", w)
	}
	p = MustCompile(`[a:x = 1] FOLLOWEDBY [a:x = 2] WITHIN 5 SECONDS`)
	if w := p.Warnings(); len(w) != 1 || !strings.Contains(w[0], "column 32: WITHIN applies to [a:x = 2] alone") {
		t.Errorf("warnings %q", w)
	}
	for _, src := range []string{`([a:x = 1] FOLLOWEDBY [a:x = 2]) WITHIN 5 SECONDS`, `[a:x = 1] REPEATS 2 TIMES WITHIN 5 SECONDS`} {
		if w := MustCompile(src).Warnings(); len(w) != 0 {
			t.Errorf("%s: warnings %q", src, w)
		}
	}
}

// TestLargePatterns: patterns near MaxPatternBytes, flat chains of tens of
// thousands of comparisons or observation expressions, compile and
// evaluate (printing and compiling stay linear in the pattern's size).
func TestLargePatterns(t *testing.T) {
	obs := readObs(t, timeline)
	for _, src := range []string{
		"[" + strings.Repeat("a:x = 1 OR ", 70000) + "ipv4-addr:value = '1.1.1.1']",
		strings.Repeat("[a:x = 1] OR ", 70000) + "[ipv4-addr:value = '1.1.1.1']",
		"[ipv4-addr:value IN (" + strings.Repeat("'1.2.3.4', ", 80000) + "'1.1.1.1')]",
	} {
		p, err := Compile(src)
		if err != nil {
			t.Fatalf("%.40s...: %v", src, err)
		}
		if m, err := p.Match(obs); err != nil || m == nil {
			t.Errorf("%.40s...: %v, %v", src, m, err)
		}
		if got := p.Tree().String(); len(got) < len(src)/2 {
			t.Errorf("%.40s...: canonical form of %d bytes", src, len(got))
		}
	}
}
