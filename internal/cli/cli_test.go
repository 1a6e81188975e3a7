package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/stix"
)

// result is what one dossier run produced.
type result struct {
	code   int
	stdout string
	stderr string
}

// runner runs dossier in-process against one database.
type runner struct {
	t   testing.TB
	db  string
	env map[string]string
}

func newRunner(t testing.TB) *runner {
	t.Helper()
	return &runner{t: t, db: filepath.Join(t.TempDir(), "test.db"), env: map[string]string{}}
}

// run runs dossier with --db set to the runner's database.
func (r *runner) run(args ...string) result {
	r.t.Helper()
	return r.runStdin("", append([]string{"--db", r.db}, args...)...)
}

func (r *runner) runStdin(stdin string, args ...string) result {
	r.t.Helper()
	var out, errb bytes.Buffer
	code := MainEnv(context.Background(), args, strings.NewReader(stdin), &out, &errb, func(k string) string { return r.env[k] })
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

func (r *runner) mustRun(args ...string) result {
	r.t.Helper()
	res := r.run(args...)
	if res.code != 0 {
		r.t.Fatalf("dossier %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), res.code, res.stdout, res.stderr)
	}
	return res
}

type statsJSON struct {
	Total    int            `json:"total"`
	Types    map[string]int `json:"types"`
	Versions int            `json:"versions"`
}

func (r *runner) stats() statsJSON {
	r.t.Helper()
	var s statsJSON
	if err := json.Unmarshal([]byte(r.mustRun("stats", "--json").stdout), &s); err != nil {
		r.t.Fatal(err)
	}
	return s
}

// examples is the sample directory shipped in the repository.
const examples = "../../examples"

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestHelp(t *testing.T) {
	r := newRunner(t)
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		res := r.runStdin("", args...)
		if res.code != 0 || !strings.Contains(res.stdout, "Commands:") || !strings.Contains(res.stdout, "ingest") {
			t.Errorf("dossier %v: exit %d, stdout %q", args, res.code, res.stdout)
		}
	}
	for _, c := range commands() {
		for _, args := range [][]string{{c.name, "--help"}, {"help", c.name}} {
			res := r.runStdin("", args...)
			if res.code != 0 || !strings.Contains(res.stdout, "Usage: dossier "+c.name) {
				t.Errorf("dossier %v: exit %d, stdout %q", args, res.code, res.stdout)
			}
		}
	}
	res := r.runStdin("", "ingest", "--help")
	for _, flag := range []string{"--strict", "--tlp LEVEL", "--json", "Global flags"} {
		if !strings.Contains(res.stdout, flag) {
			t.Errorf("ingest --help does not explain %s:\n%s", flag, res.stdout)
		}
	}
	res = r.runStdin("", "ingets")
	if res.code != ExitError || !strings.Contains(res.stderr, `did you mean "ingest"`) {
		t.Errorf("unknown command: exit %d stderr %q, want 1 and a suggestion", res.code, res.stderr)
	}
	res = r.runStdin("")
	if res.code != ExitError || !strings.Contains(res.stderr, "no command") {
		t.Errorf("no command: exit %d stderr %q", res.code, res.stderr)
	}
	res = r.run("stats", "--bogus")
	if res.code != ExitError || !strings.Contains(res.stderr, "bogus") {
		t.Errorf("unknown flag: exit %d stderr %q", res.code, res.stderr)
	}
}

func TestIngestExamples(t *testing.T) {
	r := newRunner(t)
	res := r.mustRun("ingest", examples)
	for _, want := range []string{"STIX 2.0 bundle", "upgraded from STIX 2.0", "APT1", "NoviSpy", "found:", "skipped"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("ingest report does not mention %q:\n%s", want, res.stdout)
		}
	}
	if strings.Contains(res.stderr, "\r") {
		t.Errorf("progress drawn on a non-terminal stderr: %q", res.stderr)
	}
	s := r.stats()
	if s.Total != 217 || s.Types["intrusion-set"] != 1 || s.Types["relationship"] != 108 || s.Types["indicator"] != 47 {
		t.Errorf("stats after ingesting the examples: %+v", s)
	}
	// Idempotent: a second ingest changes no count.
	res = r.mustRun("ingest", "--json", examples)
	var rep struct {
		Counts struct {
			Objects, Added, Unchanged int
		} `json:"counts"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, res.stdout)
	}
	if rep.Counts.Objects != 217 || rep.Counts.Added != 0 || rep.Counts.Unchanged != 217 {
		t.Errorf("second ingest counts %+v, want 217 objects all unchanged", rep.Counts)
	}
	if s2 := r.stats(); s2.Total != s.Total || s2.Versions != s.Versions {
		t.Errorf("second ingest changed stats: %+v -> %+v", s, s2)
	}
}

func TestDatabaseSelection(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t)
	envDB := filepath.Join(dir, "env.db")
	r.env["DOSSIER_DB"] = envDB
	res := r.runStdin("", "ingest", filepath.Join(examples, "oasis-apt1.json"))
	if res.code != 0 {
		t.Fatalf("ingest with DOSSIER_DB: %d %s", res.code, res.stderr)
	}
	if _, err := os.Stat(envDB); err != nil {
		t.Errorf("DOSSIER_DB not used: %v", err)
	}
	// --db after the command and its arguments wins over DOSSIER_DB.
	flagDB := filepath.Join(dir, "flag.db")
	res = r.runStdin("", "ingest", filepath.Join(examples, "oasis-apt1.json"), "--db", flagDB)
	if res.code != 0 {
		t.Fatalf("ingest --db after the path: %d %s", res.code, res.stderr)
	}
	res = r.runStdin("", "show", "APT1", "--json", "--db", flagDB)
	if res.code != 0 || !strings.Contains(res.stdout, `"type": "intrusion-set"`) {
		t.Errorf("show with flags after the argument: %d %s %s", res.code, res.stdout, res.stderr)
	}
	res = r.runStdin("", "--db", filepath.Join(dir, "missing.db"), "stats")
	if res.code != ExitError || !strings.Contains(res.stderr, "no database at") || !strings.Contains(res.stderr, "dossier ingest") {
		t.Errorf("stats on a missing database: %d %q", res.code, res.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Errorf("a read command created the database")
	}
}

func TestShow(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", examples)
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"by name", []string{"show", "APT1"}, 0, []string{"intrusion-set  APT1", "Comment Crew", "relationships"}},
		{"by alias, any case", []string{"show", "comment crew"}, 0, []string{"intrusion-set  APT1"}},
		{"unknown id", []string{"show", "malware--c7dd3c6b-2ad4-4a40-a6c5-b5b1f25a00b5"}, 1, []string{"no object with id"}},
		{"json is the object", []string{"show", "NoviSpy", "--json"}, 0, []string{`"type": "malware"`, `"name": "NoviSpy"`}},
		{"not found suggests", []string{"show", "Nobelium campaign"}, 1, []string{"nothing is named", "did you mean"}},
		{"ambiguous lists", []string{"show", "HTRAN Hop Point Accessor"}, 1, []string{"names 4 objects", "indicator--"}},
		{"versions", []string{"show", "APT1", "--versions"}, 0, []string{"1 version", "(latest)"}},
		{"same name, two types", []string{"show", "Campaign 1 - NOBELIUM"}, 1, []string{"names 2 objects", "--type"}},
		{"--type picks one", []string{"show", "Campaign 1 - NOBELIUM", "--type", "campaign", "--json"}, 0, []string{`"type": "campaign"`, `"spec_version": "2.1"`}},
	}
	for _, c := range cases {
		res := r.run(c.args...)
		out := res.stdout + res.stderr
		if res.code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s", c.name, res.code, c.code, out)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output does not contain %q:\n%s", c.name, w, out)
			}
		}
	}
	// show --json prints exactly the stored object.
	var obj map[string]any
	if err := json.Unmarshal([]byte(r.mustRun("show", "APT1", "--json").stdout), &obj); err != nil {
		t.Fatalf("show --json is not JSON: %v", err)
	}
	if obj["id"] != "intrusion-set--da1065ee-6a2a-4e42-8b3e-0a1a3b2d4d2e" && obj["name"] != "APT1" {
		t.Errorf("show --json got %v", obj)
	}
}

func TestSearch(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", examples)
	res := r.mustRun("search", "spyware", "--json")
	var hits []struct{ ID, Type, Name, Snippet string }
	if err := json.Unmarshal([]byte(res.stdout), &hits); err != nil {
		t.Fatalf("search --json: %v\n%s", err, res.stdout)
	}
	found := false
	for _, h := range hits {
		if h.Name == "NoviSpy" && h.Type == "malware" && h.ID != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("search spyware did not find NoviSpy: %+v", hits)
	}
	res = r.mustRun("search", "--type", "tool", "password", "dump*")
	if !strings.Contains(res.stdout, "tool") || strings.Contains(res.stdout, "intrusion-set") {
		t.Errorf("search --type tool:\n%s", res.stdout)
	}
	res = r.mustRun("search", "zzzqqq", "--json")
	if strings.TrimSpace(res.stdout) != "[]" {
		t.Errorf("search without hits printed %q, want []", res.stdout)
	}
	res = r.run("search", `"unterminated`)
	if res.code != ExitError || !strings.Contains(res.stderr, "unterminated") {
		t.Errorf("bad query: %d %q", res.code, res.stderr)
	}
}

func TestExportRoundTrip(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", examples)
	out := filepath.Join(t.TempDir(), "all.json")
	res := r.mustRun("export", "--format", "stix", "-o", out)
	if !strings.Contains(res.stderr, "exported 217 objects") {
		t.Errorf("export said %q", res.stderr)
	}
	r2 := newRunner(t)
	rep := r2.mustRun("ingest", out)
	if !strings.Contains(rep.stdout, "217 added") {
		t.Errorf("ingest of the export: %s", rep.stdout)
	}
	assertSameObjects(t, r, r2)

	// --type and --since select.
	res = r.mustRun("export", "--type", "intrusion-set,malware")
	var b struct {
		Type    string
		Objects []map[string]any
	}
	if err := json.Unmarshal([]byte(res.stdout), &b); err != nil {
		t.Fatalf("export to stdout is not JSON: %v", err)
	}
	if b.Type != "bundle" || len(b.Objects) != 8 {
		t.Errorf("export --type intrusion-set,malware: type %q, %d objects, want a bundle of 8", b.Type, len(b.Objects))
	}
	res = r.mustRun("export", "--since", "2099-01-01")
	if err := json.Unmarshal([]byte(res.stdout), &b); err != nil || len(b.Objects) != 0 {
		t.Errorf("export --since the future: %v, %d objects", err, len(b.Objects))
	}
	for _, bad := range [][]string{{"export", "--format", "misp"}, {"export", "--since", "yesterday"}, {"export", "--type", "Not A Type"}} {
		if res := r.run(bad...); res.code != ExitError {
			t.Errorf("dossier %v: exit %d, want 1", bad, res.code)
		}
	}
}

// assertSameObjects checks that two databases hold the same objects,
// byte for byte after RFC 8785 canonicalization.
func assertSameObjects(t *testing.T, a, b *runner) {
	t.Helper()
	load := func(r *runner) map[string]string {
		res := r.mustRun("export", "--all-versions")
		var bundle struct{ Objects []json.RawMessage }
		if err := json.Unmarshal([]byte(res.stdout), &bundle); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, o := range bundle.Objects {
			var head struct{ ID, Modified string }
			json.Unmarshal(o, &head)
			c, err := canonical(o)
			if err != nil {
				t.Fatal(err)
			}
			m[head.ID+"@"+head.Modified] = c
		}
		return m
	}
	ma, mb := load(a), load(b)
	if len(ma) != len(mb) {
		t.Errorf("object versions: %d vs %d", len(ma), len(mb))
	}
	diff := 0
	for k, v := range ma {
		if mb[k] != v {
			diff++
			if diff <= 3 {
				t.Errorf("%s differs:\n%s\n%s", k, v, mb[k])
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d of %d objects differ", diff, len(ma))
	}
}

func TestIngestBadInput(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", filepath.Join(examples, "oasis-apt1.json"))
	before := r.stats()
	full, err := os.ReadFile(filepath.Join(examples, "amnesty-novispy.stix2"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		body string
		want []string
	}{
		{"truncated", string(full[:len(full)/2]), []string{"truncated.json", "byte offset", "truncated", "nothing was stored"}},
		{"binary", "\x00\x01\x02\x03binary", []string{"binary data", "not a format dossier reads"}},
		{"duplicate member", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[{"type":"identity","type":"identity"}]}`, []string{"duplicate"}},
		{"trailing data", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[]}{}`, []string{"after the end"}},
		{"not STIX JSON", `{"name":"package","version":"1.0"}`, []string{"not a STIX document"}},
		{"empty", ``, []string{"empty input"}},
		{"empty page", `<html><body><p> </p></body></html>`, []string{"empty_page.json", "no text to read", "markup alone", "nothing was stored"}},
	}
	for _, c := range cases {
		p := writeFile(t, strings.ReplaceAll(c.name, " ", "_")+".json", c.body)
		if c.name == "truncated" {
			p = writeFile(t, "truncated.json", c.body)
		}
		// A good file first: the bad one must undo it too.
		res := r.run("ingest", filepath.Join(examples, "amnesty-novispy.stix2"), p)
		if res.code != ExitError {
			t.Errorf("%s: exit %d, want 1\n%s%s", c.name, res.code, res.stdout, res.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(res.stderr, w) {
				t.Errorf("%s: stderr does not mention %q: %s", c.name, w, res.stderr)
			}
		}
		if after := r.stats(); after.Total != before.Total || after.Versions != before.Versions {
			t.Errorf("%s: the store changed: %+v -> %+v", c.name, before, after)
		}
	}
	if res := r.run("ingest", "/nonexistent/file.json"); res.code != ExitError || !strings.Contains(res.stderr, "/nonexistent/file.json") {
		t.Errorf("missing file: %d %q", res.code, res.stderr)
	}
}

const badBundle = `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Good","identity_class":"organization"},
{"type":"identity","spec_version":"2.1","id":"identity--d78cb6e5-0c4b-4611-8297-d1b8b55e40b5","created":"2020-13-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Bad date"},
{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:RED","definition":{"tlp":"white"}}
]}`

func TestIngestRejects(t *testing.T) {
	p := writeFile(t, "bad.json", badBundle)
	r := newRunner(t)
	res := r.run("ingest", p)
	if res.code != ExitPartial {
		t.Fatalf("exit %d, want 2\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, w := range []string{"2 objects rejected", "objects[1].created", "identity--d78cb6e5-0c4b-4611-8297-d1b8b55e40b5", "objects[2]", "cannot be redefined"} {
		if !strings.Contains(res.stderr, w) {
			t.Errorf("rejection report does not mention %q:\n%s", w, res.stderr)
		}
	}
	if s := r.stats(); s.Total != 1 || s.Types["identity"] != 1 {
		t.Errorf("after a partial ingest: %+v, want only the valid identity", s)
	}
	res = r.run("ingest", p, "--json")
	var rep struct {
		Sources []struct {
			Rejected []struct{ ID, Path, Reason string }
		}
	}
	if err := json.Unmarshal([]byte(res.stdout), &rep); err != nil || len(rep.Sources) != 1 || len(rep.Sources[0].Rejected) != 2 {
		t.Errorf("--json rejections: %v %s", err, res.stdout)
	}
	// --strict refuses the whole ingest.
	r2 := newRunner(t)
	res = r2.run("ingest", "--strict", p)
	if res.code != ExitError || !strings.Contains(res.stderr, "strict") {
		t.Errorf("--strict: exit %d %s", res.code, res.stderr)
	}
	if res := r2.run("stats"); !strings.Contains(res.stdout, "0 objects") {
		t.Errorf("--strict stored something: %s", res.stdout)
	}
}

func TestIngestTLP(t *testing.T) {
	apt1 := filepath.Join(examples, "oasis-apt1.json")
	r := newRunner(t)
	res := r.mustRun("ingest", "--tlp", "amber", apt1)
	if !strings.Contains(res.stdout, "marked with the --tlp level") || !strings.Contains(res.stdout, "TLP:AMBER") {
		t.Errorf("ingest --tlp report:\n%s", res.stdout)
	}
	show := r.mustRun("show", "APT1", "--json").stdout
	if !strings.Contains(show, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421") {
		t.Errorf("APT1 not marked TLP:AMBER (2.0):\n%s", show)
	}
	if res := r.mustRun("show", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"); !strings.Contains(res.stdout, "TLP:AMBER") {
		t.Errorf("the TLP:AMBER definition is not stored:\n%s", res.stdout)
	}
	// The same objects again without --tlp are the same versions.
	res = r.mustRun("ingest", apt1)
	if !strings.Contains(res.stdout, "0 rejected") || !strings.Contains(res.stdout, "76 unchanged") {
		t.Errorf("re-ingest without --tlp:\n%s\n%s", res.stdout, res.stderr)
	}
	if res := r.run("ingest", "--tlp", "purple", apt1); res.code != ExitError {
		t.Errorf("--tlp purple: exit %d", res.code)
	}
}

func TestIngestStdin(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(examples, "amnesty-novispy.stix2"))
	if err != nil {
		t.Fatal(err)
	}
	r := newRunner(t)
	res := r.runStdin(string(body), "--db", r.db, "ingest", "-")
	if res.code != 0 || !strings.Contains(res.stdout, "-: STIX 2.1 bundle") {
		t.Errorf("ingest -: %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if s := r.stats(); s.Total != 37 {
		t.Errorf("stats after stdin ingest: %+v", s)
	}
}

func TestVersion(t *testing.T) {
	r := newRunner(t)
	res := r.mustRun("version", "--json")
	var v map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &v); err != nil || v["go"] == nil || v["sqlite"] == nil {
		t.Errorf("version --json: %v %s", err, res.stdout)
	}
}

func canonical(raw []byte) (string, error) {
	c, err := stix.Canonical(raw)
	return string(c), err
}

// TestStdoutWriteFails: a command whose standard output fails (a full
// disk, a closed pipe) fails too, whether or not it checks its writes:
// output cut short is no success.
func TestStdoutWriteFails(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--help"}, {"extract", "--help"}} {
		var errb bytes.Buffer
		code := MainEnv(t.Context(), args, strings.NewReader(""), &shortWriter{10}, &errb, func(string) string { return "" })
		if code != ExitError || !strings.Contains(errb.String(), "writing standard output: no space left on device") {
			t.Errorf("%v with stdout failing: exit %d, stderr %q", args, code, errb.String())
		}
	}
}
