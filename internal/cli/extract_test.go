package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

const statement = "../extract/testdata/corpus/13-statement-written.txt"

// TestExtractSummary: the readable summary groups what was found by kind,
// each item with the sentence that supports it.
func TestExtractSummary(t *testing.T) {
	r := newRunner(t)
	res := r.mustRun("extract", statement)
	for _, want := range []string{
		statement + ": FICTIONAL TEST DOCUMENT - written for the", // untitled: named by its first line, as the report is
		"indicators (",
		"\nvulnerabilities (2)\n  cve       CVE-2024-21413\n", // a vulnerability, not an indicator
		"\ncryptocurrency wallets (3)\n  btc       1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\n",
		"https://vote-ledger-secure-login.com/signin?ref=staff",             // refanged
		"192.0.2.1 — on the MISP warning list List of RFC 5735 CIDR blocks", // benign, with the reason
		"Cotton Flood — new: no source knows it",                            // a new Microsoft-style name from context
		"Storm-2035",
		"2024.08.19 → 2024-08-19", // the statement's date
		"“Private-sector researchers track these actors as APT42, Mint Sandstorm and Charming Kitten.”",
		"\nactors\n", "\nATT&CK techniques\n", "\ncountries\n", // the groups' headings
		"password spraying → Brute Force: Password Spraying (T1110.003)", // a sub-technique with its parent
		"rewrite articles → Reuse Existing Content: Plagiarise Content (T0084.002)",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	// Quotes may hold anything; the item lines above them must not.
	for _, line := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "“") {
			continue
		}
		for _, not := range []string{"1.3.6.1.4.1.311", "2.4.1.10"} {
			if strings.Contains(line, not) {
				t.Errorf("summary lists %q, which is no indicator: %s", not, line)
			}
		}
	}
	if _, err := os.Stat(r.db); err == nil {
		t.Errorf("extract created the database %s", r.db)
	}
}

// TestExtractJSON: --json prints a valid, self-contained STIX 2.1 bundle:
// every object valid by the repository's validator, every id once, every
// reference resolved inside the bundle, actors known only to the MISP
// galaxies or Microsoft's naming map included; standard input gives the
// same bundle as the file.
func TestExtractJSON(t *testing.T) {
	r := newRunner(t)
	res := r.mustRun("extract", "--json", statement)
	if strings.Contains(res.stderr, "referred to") {
		t.Errorf("stderr says objects are missing: %s", res.stderr)
	}
	objs := readBundle(t, res.stdout)
	byID := map[string]*stix.Object{}
	types := map[string]int{}
	for _, o := range objs {
		if byID[o.ID] != nil {
			t.Errorf("%s is in the bundle twice", o.ID)
		}
		byID[o.ID] = o
		types[o.Type]++
		if p := stix.Validate(o); len(p) > 0 {
			t.Errorf("%s: %v", o.ID, p)
		}
	}
	for _, typ := range []string{"report", "identity", "extension-definition", "marking-definition", "indicator", "vulnerability", "intrusion-set", "location", "relationship", "domain-name", "url"} {
		if types[typ] == 0 {
			t.Errorf("no %s in the bundle (types %v)", typ, types)
		}
	}
	for _, o := range objs {
		for _, ref := range refsOf(o.Raw) {
			if byID[ref] == nil {
				t.Errorf("%s refers to %s, which the bundle lacks", o.ID, ref)
			}
		}
	}
	// The statement names actors that only the galaxies or Microsoft's map
	// know (Storm-2035 among them): they are in the bundle, made by their
	// source's identity.
	fromNames := 0
	for _, o := range objs {
		if o.Type != "intrusion-set" {
			continue
		}
		by, _ := o.Props.GetString("created_by_ref")
		if c := byID[by]; c != nil {
			if name, _ := c.Props.GetString("name"); name == "Microsoft Threat Intelligence" || strings.HasPrefix(name, "MISP galaxy: ") {
				fromNames++
			}
		}
	}
	if fromNames == 0 {
		t.Errorf("no actor made from the MISP galaxies or Microsoft's map in the bundle (types %v)", types)
	}
	text, err := os.ReadFile(statement)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := MainEnv(t.Context(), []string{"--db", r.db, "extract", "--json", "-"}, bytes.NewReader(text), &out, &errb, func(string) string { return "" })
	if code != 0 {
		t.Fatalf("stdin: exit %d: %s", code, errb.String())
	}
	a, b := readBundle(t, res.stdout), readBundle(t, out.String())
	if len(a) != len(b) {
		t.Errorf("file gives %d objects, stdin %d", len(a), len(b))
	}
}

// shortWriter takes n bytes and then fails.
type shortWriter struct{ n int }

func (w *shortWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errors.New("no space left on device")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestExtractJSONWriteFails: standard output failing anywhere in the
// bundle, in the objects before the report or in the report, which is
// written in parts as it is made, is said and fails the command.
func TestExtractJSONWriteFails(t *testing.T) {
	r := newRunner(t)
	whole := len(r.mustRun("extract", "--json", statement).stdout)
	for _, n := range []int{0, 100, whole / 3, whole - 2000, whole - 2} {
		var errb bytes.Buffer
		code := MainEnv(t.Context(), []string{"--db", r.db, "extract", "--json", statement}, strings.NewReader(""), &shortWriter{n}, &errb, func(string) string { return "" })
		if code == 0 || !strings.Contains(errb.String(), "extract: writing the bundle: no space left on device") {
			t.Errorf("stdout failing after %d of %d bytes: exit %d, stderr %q", n, whole, code, errb.String())
		}
	}
}

// TestExtractSummaryWriteFails: standard output failing while the
// summary is written is said and fails the command (it exited 0, the
// summary cut short, until stop 37).
func TestExtractSummaryWriteFails(t *testing.T) {
	r := newRunner(t)
	whole := len(r.mustRun("extract", statement).stdout)
	for _, n := range []int{0, whole / 2, whole - 1} {
		var errb bytes.Buffer
		code := MainEnv(t.Context(), []string{"--db", r.db, "extract", statement}, strings.NewReader(""), &shortWriter{n}, &errb, func(string) string { return "" })
		if code == 0 || !strings.Contains(errb.String(), "extract: writing the summary: no space left on device") {
			t.Errorf("stdout failing after %d of %d bytes: exit %d, stderr %q", n, whole, code, errb.String())
		}
	}
}

// refsOf lists the STIX ids a JSON object refers to in *_ref and *_refs
// properties, nested ones included.
func refsOf(raw []byte) []string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	var out []string
	var walk func(k string, v any)
	walk = func(k string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k2, v2 := range x {
				if k2 == "extensions" {
					for _, ext := range x[k2].(map[string]any) {
						walk("", ext)
					}
					continue
				}
				walk(k2, v2)
			}
		case []any:
			for _, e := range x {
				walk(k, e)
			}
		case string:
			if strings.HasSuffix(k, "_ref") || strings.HasSuffix(k, "_refs") {
				out = append(out, x)
			}
		}
	}
	walk("", v)
	return out
}

func readBundle(t *testing.T, s string) []*stix.Object {
	t.Helper()
	rd := stix.NewReader(strings.NewReader(s), stix.DefaultLimits)
	var out []*stix.Object
	for {
		it, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("bundle: %v", err)
		}
		out = append(out, stix.NewObject(it.Value, it.Raw))
	}
	if len(out) == 0 {
		t.Fatal("empty bundle")
	}
	return out
}

// TestExtractBadInput: binary data, a missing file and a PDF without text
// end with a clear message and exit status 1, never a panic.
func TestExtractBadInput(t *testing.T) {
	r := newRunner(t)
	dir := t.TempDir()
	for name, c := range map[string]struct {
		content, want string
	}{
		"blob.bin":    {selfHead(t), "blob.bin"}, // a real executable: this test's own
		"invalid.txt": {"APT42 phished staff at evil[.]example\xff\xfe from 198.18.0.9\n", ""},
		"missing.txt": {"", "no such file"},
		"notapdf.pdf": {"%PDF-1.7\n%%EOF\n", "notapdf.pdf"},
		"empty.txt":   {"\n", "empty.txt: no text to read: the input holds only white space"},
		"blank.html":  {"<html><body><p> </p></body></html>", "blank.html: no text to read: the HTML page holds markup alone"},
	} {
		path := dir + "/" + name
		if name != "missing.txt" {
			if err := os.WriteFile(path, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res := r.run("extract", path)
		if c.want == "" {
			if res.code != 0 {
				t.Errorf("%s: exit %d: %s", name, res.code, res.stderr)
			}
			continue
		}
		if res.code != 1 || !strings.Contains(res.stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want 1 and %q", name, res.code, res.stderr, c.want)
		}
	}
	// Nothing on standard input is said as such, with --json too: no
	// bundle of an empty report.
	for _, args := range [][]string{{"extract", "-"}, {"extract", "--json", "-"}} {
		res := r.runStdin("", append([]string{"--db", r.db}, args...)...)
		if res.code != 1 || res.stdout != "" || !strings.Contains(res.stderr, "-: no text to read: the input is empty (0 bytes)") {
			t.Errorf("%v with nothing on stdin: exit %d, stdout %q, stderr %q", args, res.code, res.stdout, res.stderr)
		}
	}
}

// TestIngestReport: a report is ingested with its publisher and makes
// nothing new the second time; an actor named in two reports is one object.
func TestIngestReport(t *testing.T) {
	r := newRunner(t)
	r.mustRun("ingest", "--source", "Joint Election Security Center", "--reliability", "B", "--tlp", "clear", statement)
	first := r.stats()
	if first.Types["report"] != 1 || first.Types["indicator"] == 0 {
		t.Fatalf("after one report: %+v", first)
	}
	// An actor only Microsoft's map knows is stored as extract --json
	// carries it, not left a reference to nothing.
	if res := r.mustRun("show", "Storm-2035", "--json"); !strings.Contains(res.stdout, `"intrusion-set"`) {
		t.Errorf("Storm-2035, which the statement names, is not stored: %s", res.stdout)
	}
	r.mustRun("ingest", "--source", "Joint Election Security Center", "--reliability", "B", "--tlp", "clear", statement)
	if again := r.stats(); again.Total != first.Total || again.Versions != first.Versions {
		t.Errorf("second ingest changed counts: %+v then %+v", first, again)
	}
	r.mustRun("ingest", "../extract/testdata/corpus/14-news-denial.txt")
	both := r.stats()
	if both.Types["report"] != 2 {
		t.Errorf("two reports: %+v", both)
	}
	res := r.mustRun("show", "Cotton Flood", "--json")
	if !strings.Contains(res.stdout, `"intrusion-set"`) {
		t.Errorf("the new actor is not stored: %s", res.stdout)
	}
	if res := r.run("ingest", "--reliability", "Z", statement); res.code != 1 {
		t.Errorf("--reliability Z: exit %d", res.code)
	}
}

// TestReportNamingManyTechniques: a report naming dozens of ATT&CK
// techniques, whose objects Build looks up side by side (in the database
// first, inside ingest's transaction or not, then in the built-in
// knowledge), is ingested and extracted whole. Run with -race, as CI
// does: the look-ups must be safe together.
func TestReportNamingManyTechniques(t *testing.T) {
	ids := strings.Fields("T1566 T1566.001 T1059 T1059.001 T1078 T1110 T1110.003 T1190 T1203 T1204 T1204.002 T1027 " +
		"T1036 T1041 T1071 T1071.001 T1105 T1547 T1547.001 T1053 T1053.005 T1082 T1083 T1003 T1003.001 T1021 " +
		"T1021.001 T1055 T1070 T1070.004 T1112 T1133 T1140 T1486 T1498 T1583 T1583.001 T1585 T1588 T1598")
	var text strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&text, "The actor used %s against the campaign. ", id)
	}
	path := filepath.Join(t.TempDir(), "techniques.txt")
	if err := os.WriteFile(path, []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRunner(t)
	r.mustRun("ingest", "--source", "Example Center", path)
	objs := readBundle(t, r.mustRun("extract", "--json", path).stdout)
	n := 0
	for _, o := range objs {
		if o.Type == "attack-pattern" {
			n++
		}
	}
	if n < len(ids)-2 {
		t.Errorf("%d techniques in the bundle, want about %d", n, len(ids))
	}
}

// selfHead returns the first 64 KiB of the running test binary.
func selfHead(t *testing.T) string {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	return string(b[:min(len(b), 64<<10)])
}

func TestClaimLine(t *testing.T) {
	pack, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	title := techniqueTitles(pack)
	iran := &extract.Entity{Kind: extract.EntCountry, Key: "IR", Name: "Iran"}
	mission := &extract.Entity{Kind: extract.EntOrg, Name: "Permanent Mission of Iran to the United Nations"}
	apt42 := &extract.Entity{Kind: extract.EntActor, Name: "APT42"}
	for _, c := range []struct {
		claim extract.Claim
		want  string
	}{
		{extract.Claim{Kind: extract.ClaimAttribution, Subject: apt42, Object: iran, Confidence: 70, Hedge: "likely"}, `APT42 is attributed to Iran, says the report, confidence 70 ("likely")`},
		{extract.Claim{Kind: extract.ClaimAttribution, Object: iran, Confidence: 85, Origin: true}, "the operation the report describes originates from Iran, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimTargeting, Object: mission, Confidence: 85}, "the operation the report describes targeted Permanent Mission of Iran to the United Nations, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimDenial, Claimant: iran, Object: iran}, "Iran denies involvement"},
		{extract.Claim{Kind: extract.ClaimAttribution, Object: &extract.Entity{Kind: extract.EntOrg, Key: "company", Name: "STOIC"}, Confidence: 85}, "the operation the report describes is attributed to the firm STOIC, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimTargeting, Subject: apt42, Object: &extract.Entity{Kind: extract.EntOrg, Key: "class", Name: "energy sector"}, Confidence: 85}, "APT42 targeted the energy sector, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimTargeting, Subject: apt42, Object: &extract.Entity{Kind: extract.EntOrg, Key: "campaign", Name: "Trump campaign"}, Confidence: 85}, "APT42 targeted the Trump campaign, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimTargeting, Subject: apt42, Object: &extract.Entity{Kind: extract.EntOrg, Key: "class", Name: "election officials"}, Confidence: 85}, "APT42 targeted election officials, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimIndicates, Subject: apt42, Object: &extract.Entity{Kind: extract.EntIndicator, Name: "vote-ledger.com"}, Confidence: 85}, "vote-ledger.com is an indicator of APT42, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimDenial, Claimant: mission, Object: iran, Strong: true}, "Permanent Mission of Iran to the United Nations denies outright the attribution to Iran"},
		{extract.Claim{Kind: extract.ClaimDenial}, "someone the text does not name denies the attribution"},
		// A sub-technique is named with its parent: "Social Media" alone
		// says nothing of ads.
		{extract.Claim{Kind: extract.ClaimUses, Object: &extract.Entity{Kind: extract.EntTechnique, Key: "T0114.001", Name: "Social Media"}, Confidence: 85}, "the operation the report describes used Deliver Ads: Social Media, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimUses, Subject: apt42, Object: &extract.Entity{Kind: extract.EntTechnique, Key: "T1566.001", Name: "Spearphishing Attachment"}, Confidence: 85}, "APT42 used Phishing: Spearphishing Attachment, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimUses, Subject: apt42, Object: &extract.Entity{Kind: extract.EntTechnique, Key: "T1656", Name: "Impersonation"}, Confidence: 85}, "APT42 used Impersonation, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimUses, Subject: apt42, Object: &extract.Entity{Kind: extract.EntPersona, Name: "Robert"}, Confidence: 85}, "APT42 used the persona Robert, says the report, confidence 85 (stated)"},
		{extract.Claim{Kind: extract.ClaimUses, Subject: apt42, Object: &extract.Entity{Kind: extract.EntAccount, Name: "@robert_leakdesk"}, Confidence: 85}, "APT42 used the account @robert_leakdesk, says the report, confidence 85 (stated)"},
	} {
		if got := claimLine(c.claim, "", title); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// TestExtractJSONAfterIngest: the bundle is self-contained when the
// objects it refers to come from the database, which stores them with
// their markings (ingested with --tlp clear): a stored country's TLP
// marking definition is in the bundle too.
func TestExtractJSONAfterIngest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "note.txt")
	if err := os.WriteFile(path, []byte("Officials said APT28, a group run from Russia, targeted the campaign staff of Poland.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := newRunner(t)
	r.mustRun("ingest", "--source", "Joint Election Security Center", "--tlp", "clear", path)
	objs := readBundle(t, r.mustRun("extract", "--json", path).stdout)
	byID := map[string]bool{}
	locations := 0
	for _, o := range objs {
		byID[o.ID] = true
		if o.Type == "location" {
			locations++
		}
	}
	if locations == 0 {
		t.Fatal("no location in the bundle: the test needs a stored country")
	}
	for _, o := range objs {
		for _, ref := range refsOf(o.Raw) {
			if !byID[ref] {
				t.Errorf("%s refers to %s, which the bundle lacks", o.ID, ref)
			}
		}
	}
}

// TestExtractSummaryRepeats: a claim the report makes again is one line
// of the summary, with how often it is made and its first sentence.
func TestExtractSummaryRepeats(t *testing.T) {
	out := summaryOf(t, "repeats.txt", "APT28 used spearphishing against the campaign staff.\nIn May, APT28 used spearphishing against the campaign staff again.\n",
		"claims (2, made 4 times)",
		"  APT28 used Phishing, says the report, confidence 85 (stated) (made 2 times; the first:)\n      “APT28 used spearphishing against the campaign staff.”")
	if n := strings.Count(out, "APT28 used Phishing"); n != 1 {
		t.Errorf("the repeated claim is listed %d times, want once:\n%s", n, out)
	}
	// A claim one sentence makes by two triggers is made once.
	out = summaryOf(t, "twice.txt", "China's foreign ministry rejected the accusations, calling them groundless.\n",
		"claims (1)\n  China denies outright involvement\n")
	if strings.Contains(out, "made 2 times") {
		t.Errorf("one sentence's claim counted twice:\n%s", out)
	}
}

// TestExtractSummaryTitleOperation: when a report's title names its
// operation, the claims the text makes without naming who did it are that
// operation's, one line with those that name it, and the operation is
// said to be the one the report describes.
func TestExtractSummaryTitleOperation(t *testing.T) {
	out := summaryOf(t, "texonto.md", "# Operation Quillfeather: emails to Ukrainian speakers\n\nOperation Quillfeather targeted Ukraine.\n\nThe attackers targeted Ukraine again in March.\n",
		"Operation Quillfeather — new: no source knows it — the operation the report describes: its title names it",
		"  Operation Quillfeather targeted Ukraine, says the report, confidence 85 (stated) (made 2 times; the first:)")
	if strings.Contains(out, "the operation the report describes targeted") {
		t.Errorf("a claim is still the nameless operation's:\n%s", out)
	}
}

// summaryOf writes text to a file of that name and returns what
// "dossier extract" prints of it, failing the test where it lacks one of
// wants.
func summaryOf(t *testing.T, name, text string, wants ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := newRunner(t).mustRun("extract", path).stdout
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	return out
}

// TestExtractSummaryHashedNames: the summary lists what the bundle makes
// indicators of under "indicators", and a file name written on its hash's
// row apart, as the name of that hashed file.
func TestExtractSummaryHashedNames(t *testing.T) {
	r := newRunner(t)
	res := r.runStdin("SHA-1 | Filename\n2236D4DCF68C65A822FF0A2AD48D4DF99761AD07 | acrotray.exe\nThe lure was Iran_nuclear_talks.rtf.\n", "extract", "-")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	ind, named, _ := strings.Cut(res.stdout, "\nnames of hashed files (the hashes are the indicators) (1)\n  filename  acrotray.exe\n")
	if named == "" {
		t.Fatalf("no names of hashed files:\n%s", res.stdout)
	}
	for _, want := range []string{"indicators (2)", "sha1      2236d4dcf68c65a822ff0a2ad48d4df99761ad07", "filename  Iran_nuclear_talks.rtf"} {
		if !strings.Contains(ind, want) {
			t.Errorf("the indicators lack %q:\n%s", want, ind)
		}
	}
}

// TestExtractProfiles: DOSSIER_CPUPROFILE, DOSSIER_MEMPROFILE and
// DOSSIER_TRACE each write their file (the profiles gzipped, as pprof
// writes them), and a file that cannot be made is an error that names
// the variable.
func TestExtractProfiles(t *testing.T) {
	dir := t.TempDir()
	r := newRunner(t)
	files := map[string]string{}
	for _, v := range []string{"DOSSIER_CPUPROFILE", "DOSSIER_MEMPROFILE", "DOSSIER_TRACE"} {
		files[v] = filepath.Join(dir, v)
		r.env[v] = files[v]
	}
	r.mustRun("extract", "--json", statement)
	for v, p := range files {
		b, err := os.ReadFile(p)
		switch {
		case err != nil:
			t.Errorf("%s: %v", v, err)
		case len(b) < 64:
			t.Errorf("%s: %d bytes", v, len(b))
		case v != "DOSSIER_TRACE" && !bytes.HasPrefix(b, []byte{0x1f, 0x8b}):
			t.Errorf("%s: not a gzipped profile: % x", v, b[:4])
		}
	}
	r.env = map[string]string{"DOSSIER_MEMPROFILE": filepath.Join(dir, "no", "such", "dir", "mem")}
	if res := r.run("extract", statement); res.code == 0 || !strings.Contains(res.stderr, "DOSSIER_MEMPROFILE") {
		t.Errorf("an impossible profile file: exit %d, stderr %q", res.code, res.stderr)
	}
}

// TestExtractSummaryIndicatorClaims: the rows of an indicator table that
// each tie a value to one actor are one line of the summary, which
// counts the values and names the first five; a single value keeps its
// own line.
func TestExtractSummaryIndicatorClaims(t *testing.T) {
	r := newRunner(t)
	in := "SHA-1 | Description\n" +
		"0F164894DC7D8256B66D0EBAA7AFEDCF5462F881 | APT28 downloader\n" +
		"2236D4DCF68C65A822FF0A2AD48D4DF99761AD07 | APT28 downloader\n" +
		"35E0E78EC35B68D3EE1805EECEEA352C5FE62EB6 | APT28 downloader\n" +
		"51B6EC5DE852025F63740826B8EDF1C8D22F9261 | APT28 downloader\n" +
		"6001A008A3D3A0C672E80960387F4B10C0A7BD9B | APT28 downloader\n" +
		"7AD4DCDA1C65ACCC9EF1E168162DE7559D2FDF60 | APT28 downloader\n" +
		"7AD4DCDA1C65ACCC9EF1E168162DE7559D2FDF60 | APT28 downloader, again\n" +
		"BA439D2FC3298675F197C8B17B79F34485271498 | Turla downloader\n"
	res := r.runStdin(in, "extract", "-")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{
		"claims (2, made 8 times)\n",
		"  6 values are indicators of APT28, says the report, confidence 85 (stated): 0f164894dc7d8256b66d0ebaa7afedcf5462f881, " +
			"2236d4dcf68c65a822ff0a2ad48d4df99761ad07, 35e0e78ec35b68d3ee1805eeceea352c5fe62eb6, 51b6ec5de852025f63740826b8edf1c8d22f9261, " +
			"6001a008a3d3a0c672e80960387f4b10c0a7bd9b and 1 more (made 7 times; the first:)\n      “0F164894DC7D8256B66D0EBAA7AFEDCF5462F881 | APT28 downloader”\n",
		"  ba439d2fc3298675f197c8b17b79f34485271498 is an indicator of Turla, says the report, confidence 85 (stated)\n",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, res.stdout)
		}
	}
}

// TestExtractSummaryIndexOperations: an index table's rows are listed as
// the operations they name, each by its report's title and link, and
// their claims are theirs, not the report's one operation's.
func TestExtractSummaryIndexOperations(t *testing.T) {
	r := newRunner(t)
	path := filepath.Join(t.TempDir(), "index.md")
	in := "# Published indicators\n\n| Date | Report | Origin | Targets |\n|---|---|---|---|\n" +
		"| H1 2026 | [China-Based Influence Operation Network Targeting Taiwan](https://github.com/example-research/ops/blob/main/china.md) | China | Taiwan |\n" +
		"| H2 2025 | [Moldova-Based Influence Operation Network Targeting Moldova](https://github.com/example-research/ops/blob/main/moldova.md) | Moldova | Moldova |\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	res := r.run("extract", path)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	for _, want := range []string{
		"operations an index table names, each by its report's title (2)\n" +
			"  China-Based Influence Operation Network Targeting Taiwan → https://github.com/example-research/ops/blob/main/china.md\n",
		"  China-Based Influence Operation Network Targeting Taiwan originates from China, says the report, confidence 85 (stated)\n",
		"  Moldova-Based Influence Operation Network Targeting Moldova targeted Moldova, says the report, confidence 85 (stated)\n",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, res.stdout)
		}
	}
	if strings.Contains(res.stdout, "the operation the report describes") {
		t.Errorf("a claim fell on the report's one operation:\n%s", res.stdout)
	}
}

// TestExtractActor: --actor ties the indicators of an IoC list whose
// rows name no actor to the actor the analyst gives (--as, else
// $DOSSIER_ANALYST), says so in the summary and in the bundle, and is
// stored by ingest as the analyst's claims, the same on a second ingest;
// a name no source knows, or --as alone, is refused before anything is
// read or stored.
func TestExtractActor(t *testing.T) {
	r := newRunner(t)
	csv := "../extract/testdata/corpus/08-unit42-magichound.csv" // Unit 42's Magic Hound IoCs: no row names the actor
	res := r.mustRun("extract", csv, "--actor", "Magic Hound", "--as", "alice")
	if !strings.Contains(res.stdout, "\nthe analyst's word (--actor)\n  77 indicators indicate Magic Hound, says alice (the text does not say whose they are): ") {
		t.Errorf("summary lacks the analyst's word:\n%s", res.stdout)
	}
	res = r.mustRun("extract", csv, "--actor", "APT35", "--json") // an alias: the canonical actor
	var b struct {
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal([]byte(res.stdout), &b); err != nil {
		t.Fatal(err)
	}
	analyst, asserted := "", 0
	for _, o := range b.Objects {
		if o["type"] == "identity" && o["identity_class"] == "individual" {
			analyst = o["id"].(string)
		}
	}
	for _, o := range b.Objects {
		if o["type"] == "relationship" && o["relationship_type"] == "indicates" && o["created_by_ref"] == analyst {
			asserted++
		}
	}
	if analyst == "" || asserted != 77 {
		t.Errorf("bundle: analyst %q, %d indicates relationships by the analyst, want 77", analyst, asserted)
	}
	for _, bad := range [][]string{{"extract", csv, "--actor", "Magic Houndx"}, {"extract", csv, "--as", "alice"}, {"ingest", csv, "--actor", "Magic Houndx"}} {
		if res := r.run(bad...); res.code != 1 || !strings.Contains(res.stderr, "--a") {
			t.Errorf("%q: exit %d, stderr %q", bad, res.code, res.stderr)
		}
	}
	if st := r.stats(); st.Total != 0 {
		t.Errorf("a refused --actor stored %d objects", st.Total)
	}
	res = r.mustRun("ingest", csv, "--source", "Unit 42", "--actor", "Magic Hound", "--as", "alice")
	if !strings.Contains(res.stdout, "--actor: 77 indicator(s) tied to Magic Hound by the analyst alice") {
		t.Errorf("ingest does not say what --actor tied:\n%s", res.stdout)
	}
	first := r.stats()
	r.mustRun("ingest", csv, "--source", "Unit 42", "--actor", "Magic Hound", "--as", "alice")
	if again := r.stats(); again.Total != first.Total || again.Versions != first.Versions {
		t.Errorf("second ingest changed counts: %+v then %+v", first, again)
	}
}

// TestSentenceOf: the summary quotes the sentence an item starts in, its
// white space folded, found among the report's sentences by a search,
// and the item's own text where it starts in none.
func TestSentenceOf(t *testing.T) {
	text := "First  one.\nSecond\tone here. | a table cell | Third one."
	at := func(s string) extract.Span {
		i := strings.Index(text, s)
		return extract.Span{Start: i, End: i + len(s)}
	}
	f := &extract.Findings{Text: text, Sentences: []extract.Span{at("First  one."), at("Second\tone here."), at("Third one.")}}
	for _, c := range []struct{ item, want string }{
		{"First", "First one."},
		{"one.", "First one."},
		{"Second", "Second one here."},
		{"here", "Second one here."},
		{"a table", "a table"}, // between sentences
		{"Third", "Third one."},
	} {
		if got := sentenceOf(f, at(c.item)); got != c.want {
			t.Errorf("sentenceOf(%q) = %q, want %q", c.item, got, c.want)
		}
	}
	if got := sentenceOf(&extract.Findings{Text: text}, at("Third")); got != "Third" {
		t.Errorf("with no sentences: %q, want the item's text", got)
	}
}
