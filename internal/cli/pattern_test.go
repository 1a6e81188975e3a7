package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

const observedBundle = `{"type": "bundle", "id": "bundle--6c1d2c6e-0f7e-4a7c-8d1e-1a2b3c4d5e6f", "objects": [
 {"type": "observed-data", "id": "observed-data--2", "first_observed": "2024-11-05T10:05:00Z", "last_observed": "2024-11-05T10:05:00Z", "number_observed": 1, "object_refs": ["ipv4-addr--1"]},
 {"type": "observed-data", "id": "observed-data--1", "first_observed": "2024-11-05T10:00:00Z", "last_observed": "2024-11-05T10:00:00Z", "number_observed": 1, "object_refs": ["domain-name--1"]},
 {"type": "domain-name", "id": "domain-name--1", "value": "evil.example"},
 {"type": "ipv4-addr", "id": "ipv4-addr--1", "value": "203.0.113.5"}
]}`

// observed20 is STIX 2.0: the objects dictionary, a custom type.
const observed20 = `{"type": "observed-data", "id": "observed-data--3", "first_observed": "2024-11-05T11:00:00Z", "last_observed": "2024-11-05T11:00:00Z", "number_observed": 2,
 "objects": {"0": {"type": "file", "name": "dropper.exe", "hashes": {"MD5": "79054025255fb1a26e4bc422aef54eb4"}}, "1": {"type": "x-beacon", "interval": 60}}}`

func TestPatternCheck(t *testing.T) {
	r := newRunner(t)
	cases := []struct {
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"pattern", "check", "[domain-name:value = 'evil.example'] AND [ipv4-addr:value ISSUBSET '198.51.100.0/24']"}, "", 0, "[domain-name:value = 'evil.example'] AND [ipv4-addr:value ISSUBSET '198.51.100.0/24']\n", ""},
		{[]string{"pattern", "check", "[a:x == 1]  AND\n[a:y<>'z']"}, "", 0, "[a:x = 1] AND [a:y != 'z']\n", ""},
		{[]string{"pattern", "check", "[file:hashes.'SHA-256' = 'abc']"}, "", 1, "", "column 26: 'abc' is not a SHA-256 hash: expected 64 hex digits, found 3 characters\n  [file:hashes.'SHA-256' = 'abc']\n                           ^\n"},
		{[]string{"pattern", "check", "[file:name = 'x'"}, "", 1, "", "expected AND, OR or ']'"},
		{[]string{"pattern", "check", "[a:x MATCHES '(?<=a)b']"}, "", 1, "", "unsupported regular expression feature: lookbehind"},
		{[]string{"pattern", "check", "[a:x = t'2024-02-30T00:00:00Z']"}, "", 1, "", "not a real date"},
		{[]string{"pattern", "check", "[ipv4-addr:value = '1.2.3.4' AND domain-name:value = 'x']"}, "", 0, "", "warning: column 1"},
		{[]string{"pattern", "check", "[a:x = 1]", "[a:x = ]"}, "", 1, "[a:x = 1]\n", "1 of 2 patterns invalid"},
		{[]string{"pattern", "check", "-"}, "[a:x = 1]\n\n[b:y = 'z']\n", 0, "[a:x = 1]\n[b:y = 'z']\n", ""},
		{[]string{"pattern", "check", "-"}, "[a:x = 1]\n[b:y = z]\n", 1, "[a:x = 1]\n", "column 8"},
		{[]string{"pattern", "check"}, "", 1, "", "give a pattern"},
		{[]string{"pattern", "check", strings.Repeat("(", 5000)}, "", 1, "", "nesting deeper than the limit of 100"},
		{[]string{"pattern"}, "", 1, "", "say check or match"},
		{[]string{"pattern", "lint"}, "", 1, "", `unknown subcommand "lint"`},
	}
	for _, c := range cases {
		res := r.runStdin(c.stdin, append([]string{"--db", r.db}, c.args...)...)
		if res.code != c.code || !strings.Contains(res.stdout, c.stdout) || !strings.Contains(res.stderr, c.stderr) || c.stdout == "" && c.code != 0 && res.stdout != "" {
			t.Errorf("dossier %q:\n got exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr with %q", c.args, res.code, res.stdout, res.stderr, c.code, c.stdout, c.stderr)
		}
	}
	res := r.run("pattern", "check", "--json", "[a:x = 1]", "[a:x = ]")
	var v checkResult
	dec := json.NewDecoder(strings.NewReader(res.stdout))
	if err := dec.Decode(&v); err != nil || !v.Valid || v.Canonical != "[a:x = 1]" {
		t.Errorf("json %v %+v", err, v)
	}
	if err := dec.Decode(&v); err != nil || v.Error == nil || v.Error.Column != 8 || res.code != 1 {
		t.Errorf("json %v %+v, exit %d", err, v, res.code)
	}
	if _, err := os.Stat(r.db); err == nil {
		t.Errorf("pattern check created the database")
	}
}

func TestPatternMatch(t *testing.T) {
	r := newRunner(t)
	bundle := writeFile(t, "observed.json", observedBundle)
	old := writeFile(t, "observed20.json", observed20)
	cases := []struct {
		args   []string
		stdin  string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"[domain-name:value = 'evil.example']", bundle}, "", 0, "observed-data--1\t2024-11-05T10:00:00Z\tdomain-name--1\t[domain-name:value = 'evil.example']\n", ""},
		{[]string{"[domain-name:value = 'good.example']", bundle}, "", 1, "", ""},
		{[]string{"([domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.5']) WITHIN 300 SECONDS", bundle}, "", 0, "observed-data--1\t2024-11-05T10:00:00Z\tdomain-name--1\t[domain-name:value = 'evil.example']\nobserved-data--2\t2024-11-05T10:05:00Z\tipv4-addr--1\t[ipv4-addr:value = '203.0.113.5']\n", ""},
		{[]string{"([domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.5']) WITHIN 299 SECONDS", bundle}, "", 1, "", ""},
		// A qualifier binds to the expression before it, and says so.
		{[]string{"[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.5'] WITHIN 299 SECONDS", bundle}, "", 0, "observed-data--2", "WITHIN applies to [ipv4-addr:value = '203.0.113.5'] alone"},
		{[]string{"[ipv4-addr:value = '203.0.113.5'] FOLLOWEDBY [domain-name:value = 'evil.example']", bundle}, "", 1, "", ""},
		// Across files, 2.0 and 2.1 together; number_observed counts.
		{[]string{"[ipv4-addr:value ISSUBSET '203.0.113.0/24'] FOLLOWEDBY [file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] REPEATS 2 TIMES", bundle, old}, "", 0, "observed-data--3\t2024-11-05T11:00:00Z\t0\t[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4']\n", ""},
		{[]string{"[x-beacon:interval >= 60]", "-"}, observed20, 0, "observed-data--3", ""},
		{[]string{"-q", "[x-beacon:interval > 60]", "-"}, observed20, 1, "", ""},
		{[]string{"-q", "[x-beacon:interval = 60]", old}, "", 0, "", ""},
		// Errors are status 2, as grep's.
		{[]string{"[domain-name:value = ]", bundle}, "", 2, "", "column 22: expected a constant after ="},
		{[]string{"[domain-name:value = 'x']", "/nonexistent/observed.json"}, "", 2, "", "no such file"},
		{[]string{"[domain-name:value = 'x']", "-"}, `{"type": "bundle", "objects": [`, 2, "", "pattern match: -:"},
		{[]string{"[domain-name:value = 'x']"}, "", 2, "", "give a pattern and at least one file"},
		{[]string{"--nope", "[domain-name:value = 'x']", bundle}, "", 2, "", "flag provided but not defined"},
		// Unusable observed-data are reported and skipped.
		{[]string{"[a:x = 1]", "-"}, `[{"type": "observed-data", "id": "observed-data--9", "number_observed": 1, "objects": {"0": {"type": "a", "x": 1}}}]`, 1, "", "skipped object 0 (observed-data--9): no first_observed"},
	}
	for _, c := range cases {
		res := r.runStdin(c.stdin, append([]string{"--db", r.db, "pattern", "match"}, c.args...)...)
		if res.code != c.code || !strings.Contains(res.stdout, c.stdout) || !strings.Contains(res.stderr, c.stderr) || c.stdout == "" && res.stdout != "" {
			t.Errorf("dossier pattern match %q:\n got exit %d, stdout %q, stderr %q\nwant exit %d, stdout %q, stderr with %q", c.args, res.code, res.stdout, res.stderr, c.code, c.stdout, c.stderr)
		}
	}
	res := r.run("pattern", "match", "--json", "[domain-name:value = 'evil.example'] AND [ipv4-addr:value = '203.0.113.5']", bundle)
	var out matchJSON
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil || res.code != 0 {
		t.Fatalf("json: %v, exit %d: %s", err, res.code, res.stderr)
	}
	if len(out.Matches) != 1 || strings.Join(out.Matches[0].ObservedData, ",") != "observed-data--1,observed-data--2" ||
		len(out.Matches[0].Bindings) != 2 || out.Matches[0].Bindings[1].Object != "ipv4-addr--1" || out.Matches[0].Bindings[1].Expression != "[ipv4-addr:value = '203.0.113.5']" {
		t.Errorf("json %+v", out)
	}
	res = r.run("pattern", "match", "--json", "[domain-name:value = 'nope']", bundle)
	if res.code != 1 || !strings.Contains(res.stdout, `"matches": []`) {
		t.Errorf("json without match: exit %d %s", res.code, res.stdout)
	}
}

// TestPatternMatchFile: -f matches many patterns in one pass, each line
// naming the pattern's place.
func TestPatternMatchFile(t *testing.T) {
	r := newRunner(t)
	bundle := writeFile(t, "observed.json", observedBundle)
	old := writeFile(t, "observed20.json", observed20)
	pats := writeFile(t, "patterns.txt", "# indicators\n[domain-name:value = 'good.example']\n\n[domain-name:value = 'evil.example']\n[ipv4-addr:value = '203.0.113.5'] AND [file:name = 'dropper.exe']\n[x-beacon:interval IN (30, 60)]\n")
	res := r.run("pattern", "match", "-f", pats, bundle, old)
	want := pats + ":4\tobserved-data--1\t2024-11-05T10:00:00Z\tdomain-name--1\t[domain-name:value = 'evil.example']\n" +
		"--\n" +
		pats + ":5\tobserved-data--2\t2024-11-05T10:05:00Z\tipv4-addr--1\t[ipv4-addr:value = '203.0.113.5']\n" +
		pats + ":5\tobserved-data--3\t2024-11-05T11:00:00Z\t0\t[file:name = 'dropper.exe']\n" +
		"--\n" +
		pats + ":6\tobserved-data--3\t2024-11-05T11:00:00Z\t1\t[x-beacon:interval IN (30, 60)]\n"
	if res.code != 0 || res.stdout != want {
		t.Errorf("exit %d\n got %q\nwant %q\n%s", res.code, res.stdout, want, res.stderr)
	}
	res = r.run("pattern", "match", "--json", "-f", pats, bundle)
	var out matchJSON
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil || len(out.Matches) != 1 || out.Matches[0].Where != pats+":4" || out.Matches[0].Pattern != "[domain-name:value = 'evil.example']" {
		t.Errorf("json %v %+v", err, out)
	}
	none := writeFile(t, "none.txt", "[domain-name:value = 'good.example']\n")
	if res := r.run("pattern", "match", "-f", none, bundle); res.code != 1 || res.stdout != "" {
		t.Errorf("no match: exit %d %q", res.code, res.stdout)
	}
	bad := writeFile(t, "bad.txt", "[domain-name:value = 'good.example']\n[domain-name:value = good]\n")
	if res := r.run("pattern", "match", "-f", bad, bundle); res.code != 2 || !strings.Contains(res.stderr, bad+":2: column 22") {
		t.Errorf("bad pattern: exit %d %q", res.code, res.stderr)
	}
	empty := writeFile(t, "empty.txt", "# nothing\n")
	if res := r.run("pattern", "match", "-f", empty, bundle); res.code != 2 || !strings.Contains(res.stderr, "no patterns") {
		t.Errorf("empty file: exit %d %q", res.code, res.stderr)
	}
}

func TestPatternHelp(t *testing.T) {
	r := newRunner(t)
	for _, args := range [][]string{{"pattern", "--help"}, {"help", "pattern"}, {"pattern", "check", "--help"}, {"pattern", "match", "--help"}} {
		res := r.run(args...)
		if res.code != 0 || !strings.Contains(res.stdout, "Usage: dossier pattern") || !strings.Contains(res.stdout, "[domain-name:value = 'evil.example']") {
			t.Errorf("%q: exit %d\n%s%s", args, res.code, res.stdout, res.stderr)
		}
	}
	// One-letter flags are shown as they are typed, like grep's.
	if res := r.run("pattern", "match", "--help"); !strings.Contains(res.stdout, "\n  -f FILE ") || !strings.Contains(res.stdout, "\n  -q ") || !strings.Contains(res.stdout, "\n  --json ") {
		t.Errorf("pattern match --help shows its flags wrongly:\n%s", res.stdout)
	}
	if res := r.run("--help"); !strings.Contains(res.stdout, "pattern  check STIX patterns") {
		t.Errorf("main help lacks pattern:\n%s", res.stdout)
	}
}
