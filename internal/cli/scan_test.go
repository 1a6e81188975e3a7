package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanLog is a Zeek DNS log with one query under an indicator of the
// statement, one exact hit, one look-alike of a protected domain, a
// malformed line and benign queries.
const scanLog = `{"ts":1730419200.1,"uid":"C1","id.orig_h":"10.20.1.15","id.resp_h":"10.20.0.2","query":"www.example.org","answers":["93.184.215.14"]}
{"ts":1730419201.1,"uid":"C2","id.orig_h":"10.20.1.15","id.resp_h":"10.20.0.2","query":"mail.vote-ledger-secure-login.com","answers":["192.0.2.55"]}
{"ts":1730419202.1,"uid":"C3","id.orig_h":"10.20.1.15", "query":
{"ts":1730419203.1,"uid":"C4","id.orig_h":"10.20.1.16","id.resp_h":"10.20.0.2","query":"Election-Update-News.com."}
{"ts":1730419204.1,"uid":"C5","id.orig_h":"10.20.1.16","id.resp_h":"10.20.0.2","query":"campaign2024-secure.com"}
`

type alertJSON struct {
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Field     string `json:"field"`
	Value     string `json:"value"`
	Kind      string `json:"kind"`
	How       string `json:"how"`
	Reason    string `json:"reason"`
	Protected string `json:"protected"`
	Trick     string `json:"trick"`
	Indicator *struct {
		ID      string `json:"id"`
		Pattern string `json:"pattern"`
	} `json:"indicator"`
	Actor *struct {
		Name    string `json:"name"`
		AsNamed string `json:"as_named"`
	} `json:"actor"`
	OtherActors []struct {
		Name string `json:"name"`
	} `json:"other_actors"`
	Report *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"report"`
}

func parseAlerts(t *testing.T, out string) []alertJSON {
	t.Helper()
	var as []alertJSON
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var a alertJSON
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("not a JSON line: %q: %v", l, err)
		}
		as = append(as, a)
	}
	return as
}

// TestScanEndToEnd: a report in prose is ingested; scanning a DNS log
// then finds its indicators, exactly and as parents, and the alerts name
// the actor and the report.
func TestScanEndToEnd(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	logf := writeFile(t, "dns.log", scanLog)
	res := r.run("scan", "--json", logf)
	if res.code != ExitAlerts {
		t.Fatalf("exit %d, want %d\n%s\n%s", res.code, ExitAlerts, res.stdout, res.stderr)
	}
	as := parseAlerts(t, res.stdout)
	if len(as) != 2 {
		t.Fatalf("%d alerts, want 2: %s", len(as), res.stdout)
	}
	a := as[0]
	if a.Source != logf || a.Line != 2 || a.Field != "query" || a.Value != "mail.vote-ledger-secure-login.com" || a.Kind != "indicator" || a.How != "parent" {
		t.Errorf("first alert: %+v", a)
	}
	if a.Indicator == nil || !strings.HasPrefix(a.Indicator.ID, "indicator--") || a.Indicator.Pattern != "[domain-name:value = 'vote-ledger-secure-login.com']" {
		t.Errorf("indicator: %+v", a.Indicator)
	}
	// The statement attributes the activity to actors it names as APT42,
	// Mint Sandstorm and Charming Kitten.
	names := []string{}
	if a.Actor != nil {
		names = append(names, a.Actor.Name, a.Actor.AsNamed)
	}
	for _, o := range a.OtherActors {
		names = append(names, o.Name)
	}
	if a.Actor == nil || !strings.Contains(strings.Join(names, "|"), "APT42") {
		t.Errorf("actor: %+v others %+v", a.Actor, a.OtherActors)
	}
	if a.Report == nil || !strings.HasPrefix(a.Report.ID, "report--") || !strings.Contains(a.Report.Name, "FICTIONAL TEST DOCUMENT") {
		t.Errorf("report: %+v", a.Report)
	}
	if as[1].Line != 4 || as[1].How != "exact" || as[1].Value != "Election-Update-News.com." {
		t.Errorf("second alert: %+v", as[1])
	}
	if !strings.Contains(res.stderr, "1 malformed line(s) or message(s)") || !strings.Contains(res.stderr, "dns.log:3: not valid JSON") {
		t.Errorf("stderr does not report the malformed line:\n%s", res.stderr)
	}

	// The human table names the same.
	res = r.run("scan", logf)
	if res.code != ExitAlerts || !strings.Contains(res.stdout, "mail.vote-ledger-secure-login.com") || !strings.Contains(res.stdout, "WHERE") {
		t.Errorf("table: exit %d\n%s", res.code, res.stdout)
	}

	// Nothing to find: exit 0.
	clean := writeFile(t, "clean.log", "www.example.org\nnews.example.net\n")
	if res := r.run("scan", clean); res.code != ExitOK || strings.TrimSpace(res.stdout) != "" {
		t.Errorf("clean log: exit %d\n%s", res.code, res.stdout)
	}
	// Standard input.
	if res := r.runStdin("election-update-news.com\n", "--db", r.db, "scan", "-", "--json"); res.code != ExitAlerts || !strings.Contains(res.stdout, `"source":"-"`) {
		t.Errorf("stdin: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
}

func TestScanErrors(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"scan"}, "no input"},
		{[]string{"scan", "/does/not/exist.log"}, "/does/not/exist.log"},
		{[]string{"scan", "--format", "xml", "x"}, "unknown format"},
		{[]string{"scan", "--format", "json", "x"}, "--field"},
		{[]string{"scan", "--record", "x"}, "--sighted-by"},
		{[]string{"scan", "--field", "a:colour", "x"}, "unknown kind"},
	} {
		res := r.run(tc.args...)
		if res.code != ExitError || !strings.Contains(res.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want 1 and %q", tc.args, res.code, res.stderr, tc.want)
		}
	}
	unknown := writeFile(t, "u.jsonl", `{"foo":"evil.example"}`+"\n")
	if res := r.run("scan", unknown); res.code != ExitError || !strings.Contains(res.stderr, "--field") {
		t.Errorf("unknown JSON: exit %d %s", res.code, res.stderr)
	}
	if res := r.run("scan", "--field", "foo", unknown); res.code != ExitOK {
		t.Errorf("unknown JSON with --field: exit %d %s", res.code, res.stderr)
	}
}

// TestScanRecord: --record stores one sighting per indicator, through the
// ingest path, where_sighted_refs the --sighted-by identity.
func TestScanRecord(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	logf := writeFile(t, "dns.log", scanLog+scanLog)
	res := r.run("scan", "--record", "--sighted-by", "Campaign IT", logf)
	if res.code != ExitAlerts || !strings.Contains(res.stderr, "2 sighting(s) recorded for Campaign IT") {
		t.Fatalf("exit %d\n%s", res.code, res.stderr)
	}
	if n := r.stats().Types["sighting"]; n != 2 {
		t.Errorf("%d sightings stored, want 2", n)
	}
	out := r.mustRun("export").stdout
	if !strings.Contains(out, `"count":2`) || !strings.Contains(out, `"where_sighted_refs"`) || !strings.Contains(out, `"name":"Campaign IT"`) {
		t.Errorf("export lacks the sightings' count, place or identity")
	}
	// first_seen and last_seen are the log's times (Zeek ts), not the
	// time of the scan.
	if !strings.Contains(out, `"first_seen":"2024-11-01T00:00:01.1`) || !strings.Contains(out, `"last_seen":"2024-11-01T00:00:03.1`) {
		t.Errorf("sightings not dated from the log")
	}
}

// cancelOnRead is standard input that interrupts the scan (as Ctrl-C
// does) once it has handed over its first bytes.
type cancelOnRead struct {
	r      io.Reader
	cancel context.CancelFunc
}

func (c *cancelOnRead) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.cancel()
	return n, err
}

// TestScanInterrupted: Ctrl-C during a scan still shows the alerts found
// so far (the table's rows are held for alignment), says how far the
// scan got, records no sightings, and exits with an error.
func TestScanInterrupted(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	var log strings.Builder
	log.WriteString("mail.vote-ledger-secure-login.com\nelection-update-news.com\n")
	for range 40000 {
		log.WriteString("www.example.org\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	stdin := &cancelOnRead{r: strings.NewReader(log.String()), cancel: cancel}
	code := MainEnv(ctx, []string{"--db", r.db, "scan", "--record", "--sighted-by", "Campaign IT", "-"}, stdin, &out, &errb, func(k string) string { return r.env[k] })
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	for _, want := range []string{"WHERE", "mail.vote-ledger-secure-login.com", "election-update-news.com"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, out.String())
		}
	}
	for _, want := range []string{"dossier: interrupted", "scanned ", "2 alert(s)", "no sightings recorded"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb.String())
		}
	}
	if n := r.stats().Types["sighting"]; n != 0 {
		t.Errorf("%d sightings stored from an interrupted scan", n)
	}
}

// TestScanSavedIndex: an index saved with --build-index is used by
// --index, refused once the database changes and refused when corrupt.
func TestScanSavedIndex(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	ix := filepath.Join(t.TempDir(), "ind.idx")
	res := r.mustRun("scan", "--build-index", ix)
	if !strings.Contains(res.stdout, "saved to "+ix) {
		t.Errorf("build: %s", res.stdout)
	}
	logf := writeFile(t, "dns.log", scanLog)
	if res := r.run("scan", "--index", ix, "--json", logf); res.code != ExitAlerts || len(parseAlerts(t, res.stdout)) != 2 {
		t.Errorf("with the saved index: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	data, err := os.ReadFile(ix)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.idx")
	data[len(data)/2] ^= 0x55
	os.WriteFile(bad, data, 0o644)
	if res := r.run("scan", "--index", bad, logf); res.code != ExitError || !strings.Contains(res.stderr, "checksum") {
		t.Errorf("corrupt index: exit %d %s", res.code, res.stderr)
	}
	r.mustRun("protect", "add", "party.org") // any change to the database
	if res := r.run("scan", "--index", ix, logf); res.code != ExitError || !strings.Contains(res.stderr, "stale") || !strings.Contains(res.stderr, "--build-index") {
		t.Errorf("stale index: exit %d %s", res.code, res.stderr)
	}
}

// TestProtect: the protected list is kept in the database, and scan flags
// look-alikes of it and of --protect domains.
func TestProtect(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	if res := r.mustRun("protect", "list"); !strings.Contains(res.stdout, "no protected domain") {
		t.Errorf("empty list: %s", res.stdout)
	}
	r.mustRun("protect", "add", "campaign2024.com", "Party.org")
	if res := r.mustRun("protect", "list"); res.stdout != "campaign2024.com\nparty.org\n" {
		t.Errorf("list: %q", res.stdout)
	}
	if res := r.run("protect", "add", "com"); res.code != ExitError {
		t.Errorf("protecting a public suffix: exit %d", res.code)
	}
	logf := writeFile(t, "dns.log", scanLog)
	res := r.run("scan", "--json", logf)
	var look []alertJSON
	for _, a := range parseAlerts(t, res.stdout) {
		if a.Kind == "lookalike" {
			look = append(look, a)
		}
	}
	if len(look) != 1 || look[0].Protected != "campaign2024.com" || look[0].Trick != "added-word" || look[0].Line != 5 {
		t.Errorf("look-alikes: %+v", look)
	}
	r.mustRun("protect", "remove", "campaign2024.com")
	if res := r.mustRun("protect", "list", "--json"); !strings.Contains(res.stdout, `"party.org"`) || strings.Contains(res.stdout, "campaign2024") {
		t.Errorf("after remove: %s", res.stdout)
	}
	res = r.run("scan", "--json", logf)
	if strings.Contains(res.stdout, `"lookalike"`) {
		t.Errorf("look-alike of a removed domain: %s", res.stdout)
	}
	res = r.run("scan", "--json", "--protect", "campaign2024.com", logf)
	if !strings.Contains(res.stdout, `"trick":"added-word"`) {
		t.Errorf("--protect: %s", res.stdout)
	}
	r.mustRun("protect", "remove", "party.org")
	if res := r.mustRun("protect", "list"); !strings.Contains(res.stdout, "no protected domain") {
		t.Errorf("emptied list: %s", res.stdout)
	}
}

func TestScanHelp(t *testing.T) {
	r := newRunner(t)
	res := r.mustRun("scan", "--help")
	for _, want := range []string{"Examples:", "--format csv --field query", "zcat", "--record", "Exit status"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// TestScanFeed: a Maltrail trail file is ingested as indicators that
// indicate its actor; scan names the actor and notes the port.
func TestScanFeed(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", "../ingest/maltrail/testdata/apt_example.txt")
	logf := writeFile(t, "conn.log", `{"ts":1.0,"uid":"C1","id.orig_h":"10.0.0.5","id.resp_h":"198.51.100.9","id.resp_p":8443}
{"ts":2.0,"uid":"C2","id.orig_h":"10.0.0.5","id.resp_h":"10.0.0.1","query":"x.mail.election-update-news.com"}
`)
	res := r.run("scan", "--json", logf)
	as := parseAlerts(t, res.stdout)
	if res.code != ExitAlerts || len(as) != 2 {
		t.Fatalf("exit %d, %d alerts\n%s%s", res.code, len(as), res.stdout, res.stderr)
	}
	if as[0].Actor == nil || as[0].Actor.Name != "example" || !strings.Contains(as[0].Reason, "port 8443") {
		t.Errorf("first alert: %+v %+v", as[0], as[0].Actor)
	}
	if as[1].How != "parent" || as[1].Actor == nil {
		t.Errorf("second alert: %+v", as[1])
	}
}

// TestScanMail: a folder of EML files: indicators in addresses, domains
// and links, look-alikes of a protected domain (an IDN homoglyph among
// them), and the mail checks; each alert's line is the Message-ID; a
// clean message gives none.
func TestScanMail(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", statement)
	r.mustRun("protect", "add", "campaign2024.com")
	res := r.run("scan", "--json", "../scan/testdata/mail")
	if res.code != ExitAlerts {
		t.Fatalf("exit %d\n%s", res.code, res.stderr)
	}
	type key struct{ kind, field, value string }
	got := map[key]alertJSON{}
	var raw []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(res.stdout), "\n") {
		var m map[string]any
		json.Unmarshal([]byte(l), &m)
		raw = append(raw, m)
	}
	for _, a := range parseAlertsMail(t, res.stdout) {
		got[key{a.Kind, a.Field, a.Value}] = a.alertJSON
		if strings.Contains(a.Source, "03-clean") {
			t.Errorf("alert on the clean message: %+v", a)
		}
	}
	for _, want := range []struct {
		k    key
		line string
	}{
		{key{"indicator", "href in part 2 host", "vote-ledger-secure-login.com"}, "20241101091400.7731@mailer.election-update-news.com"},
		{key{"indicator", "Return-Path domain", "mailer.election-update-news.com"}, ""},
		{key{"lookalike", "From domain", "campaign2024-secure.com"}, ""},
		{key{"lookalike", "From domain", "xn--campign2024-n7a.com"}, "draft-2@xn--campign2024-n7a.com"},
		{key{"mail", "Reply-To", "it-support@protonmail.com"}, ""},
		{key{"mail", "Authentication-Results", "dmarc=fail"}, ""},
		{key{"mail", "href in part 2", "https://vote-ledger-secure-login.com/signin?ref=staff"}, ""},
	} {
		if _, ok := got[want.k]; !ok {
			t.Errorf("no alert %+v in\n%s", want.k, res.stdout)
		}
		if want.line != "" {
			found := false
			for _, m := range raw {
				if m["kind"] == want.k.kind && m["value"] == want.k.value && m["line"] == want.line {
					found = true
				}
			}
			if !found {
				t.Errorf("%+v: no alert with line %q", want.k, want.line)
			}
		}
	}
	if a := got[key{"lookalike", "From domain", "xn--campign2024-n7a.com"}]; a.Trick != "homoglyph" || a.Protected != "campaign2024.com" {
		t.Errorf("IDN look-alike: %+v", a)
	}
	if a := got[key{"indicator", "href in part 2 host", "vote-ledger-secure-login.com"}]; a.Actor == nil || a.Report == nil {
		t.Errorf("link indicator without actor or report: %+v", a)
	}
	if !strings.Contains(res.stderr, "3 message(s)") {
		t.Errorf("summary: %s", res.stderr)
	}
}

type mailAlert struct {
	alertJSON
}

// parseAlertsMail reads alerts whose line is a Message-ID (a string).
func parseAlertsMail(t *testing.T, out string) []mailAlert {
	t.Helper()
	var as []mailAlert
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		delete(m, "line")
		b, _ := json.Marshal(m)
		var a mailAlert
		if err := json.Unmarshal(b, &a.alertJSON); err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	return as
}
