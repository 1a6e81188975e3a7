package ioc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCompareWithOtherExtractor scores Scan and another indicator
// extractor on the labelled corpus, on the kinds both report, and fails
// if Scan does worse. It runs only when IOC_COMPARE_CMD names the other
// tool: a shell command that reads a text on stdin and prints one JSON
// object of arrays keyed as ninoseki's ioc-extractor does ("ipv4s",
// "domains", "urls", "sha256s" ...). bench/ioc-compare.sh installs
// ioc-extractor from the npm registry and runs this test with it.
//
// The two tools follow different conventions, so both sides (and the
// expectations) are reduced to common ground before counting:
//   - a URL is compared without its scheme and trailing slash, host in
//     lower case (dossier also finds scheme-less "host/path" URLs);
//   - social-media URLs count as URLs; @handles, CIDRs, file names,
//     registry keys and ATT&CK ids, which ioc-extractor does not report,
//     are left out;
//   - every domain and address mentioned counts, also inside a URL or an
//     e-mail address (ioc-extractor lists those hosts; the corpus lists a
//     URL's host only under the URL);
//   - e-mail addresses are compared in lower case.
func TestCompareWithOtherExtractor(t *testing.T) {
	cmd := os.Getenv("IOC_COMPARE_CMD")
	if cmd == "" {
		t.Skip("IOC_COMPARE_CMD is not set: bench/ioc-compare.sh runs this comparison with ioc-extractor")
	}
	texts := corpus(t)
	names := make([]string, 0, len(texts))
	for name := range texts {
		names = append(names, name)
	}
	slices.Sort(names)

	type counts struct{ tp, fp, fn int }
	ours, theirs := map[Kind]*counts{}, map[Kind]*counts{}
	add := func(m map[Kind]*counts, want, got map[kv]bool, name, who string) {
		for k := range want {
			if m[k.kind] == nil {
				m[k.kind] = &counts{}
			}
			if got[k] {
				m[k.kind].tp++
			} else {
				m[k.kind].fn++
				t.Logf("%s: %s missed %s %q", name, who, k.kind, k.value)
			}
		}
		for k := range got {
			if !want[k] {
				if m[k.kind] == nil {
					m[k.kind] = &counts{}
				}
				m[k.kind].fp++
				t.Logf("%s: %s false positive %s %q", name, who, k.kind, k.value)
			}
		}
	}
	for _, name := range names {
		text := texts[name]
		var exp expectedFile
		b, err := os.ReadFile(filepath.Join(corpusDir, strings.TrimSuffix(name, filepath.Ext(name))+".expected.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &exp); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := map[kv]bool{}
		for _, e := range exp.Indicators {
			addCommon(want, Match{Kind: e.Kind, Value: e.Value})
		}
		got := map[kv]bool{}
		for _, m := range Scan(text) {
			addCommon(got, m)
		}
		other, err := runOther(cmd, text)
		if err != nil {
			t.Fatalf("%s: %s: %v", name, cmd, err)
		}
		add(ours, want, got, name, "dossier")
		add(theirs, want, other, name, "other")
	}

	prf := func(c counts) (p, r, f float64) {
		p, r = 1, 1
		if c.tp+c.fp > 0 {
			p = float64(c.tp) / float64(c.tp+c.fp)
		}
		if c.tp+c.fn > 0 {
			r = float64(c.tp) / float64(c.tp+c.fn)
		}
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		return p, r, f
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-7s | %26s | %26s\n", "", "dossier  tp  fp  fn     F1", "other    tp  fp  fn     F1")
	var to, tt counts
	for _, k := range Kinds {
		o, th := ours[k], theirs[k]
		if o == nil && th == nil {
			continue
		}
		if o == nil {
			o = &counts{}
		}
		if th == nil {
			th = &counts{}
		}
		_, _, fo := prf(*o)
		_, _, ft := prf(*th)
		fmt.Fprintf(&table, "%-7s | %12d %3d %3d %6.3f | %12d %3d %3d %6.3f\n", k, o.tp, o.fp, o.fn, fo, th.tp, th.fp, th.fn, ft)
		to.tp, to.fp, to.fn = to.tp+o.tp, to.fp+o.fp, to.fn+o.fn
		tt.tp, tt.fp, tt.fn = tt.tp+th.tp, tt.fp+th.fp, tt.fn+th.fn
	}
	po, ro, fo := prf(to)
	pt, rt, ft := prf(tt)
	fmt.Fprintf(&table, "%-7s | %12d %3d %3d %6.3f | %12d %3d %3d %6.3f\n", "all", to.tp, to.fp, to.fn, fo, tt.tp, tt.fp, tt.fn, ft)
	fmt.Fprintf(&table, "precision / recall: dossier %.3f / %.3f, other %.3f / %.3f\n", po, ro, pt, rt)
	t.Logf("%d texts, kinds both tools report:\n%s", len(texts), table.String())
	if fo < ft {
		t.Errorf("dossier's F1 %.3f is below the other extractor's %.3f", fo, ft)
	}
}

// addCommon adds m to set in the reduced form the comparison uses, with
// the host of a URL or e-mail address as its own domain or address.
func addCommon(set map[kv]bool, m Match) {
	switch m.Kind {
	case CVE, BTC: // upper-case CVE ids; base58 is case-sensitive
		set[kv{m.Kind, m.Value}] = true
	case IPv4, IPv6, Domain, MD5, SHA1, SHA256, SHA512, ETH:
		set[kv{m.Kind, strings.ToLower(m.Value)}] = true
	case Email:
		set[kv{Email, strings.ToLower(m.Value)}] = true
		addHost(set, m.Host())
	case URL, Social:
		if strings.HasPrefix(m.Value, "@") {
			return
		}
		set[kv{URL, commonURL(m.Value)}] = true
		addHost(set, m.Host())
	}
}

func addHost(set map[kv]bool, h string) {
	switch {
	case h == "":
	case strings.Contains(h, ":"):
		set[kv{IPv6, strings.ToLower(h)}] = true
	case strings.Trim(h, "0123456789.") == "":
		set[kv{IPv4, h}] = true
	default:
		set[kv{Domain, strings.ToLower(h)}] = true
	}
}

// commonURL drops the scheme and a trailing slash and lower-cases the
// host.
func commonURL(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	h := len(u)
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		h = i
	}
	return strings.TrimSuffix(strings.ToLower(u[:h])+u[h:], "/")
}

// otherKinds maps ioc-extractor's keys to Kinds.
var otherKinds = map[string]Kind{
	"ipv4s": IPv4, "ipv6s": IPv6, "domains": Domain, "urls": URL, "emails": Email,
	"md5s": MD5, "sha1s": SHA1, "sha256s": SHA256, "sha512s": SHA512,
	"cves": CVE, "btcs": BTC, "eths": ETH,
}

// runOther runs the other extractor on text and reduces its answer.
func runOther(cmd, text string) (map[kv]bool, error) {
	c := exec.Command("sh", "-c", cmd)
	c.Stdin = strings.NewReader(text)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		return nil, fmt.Errorf("%v: %s", err, strings.TrimSpace(errb.String()))
	}
	var res map[string][]string
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("reading its JSON: %v", err)
	}
	got := map[kv]bool{}
	for key, values := range res {
		kind, ok := otherKinds[key]
		if !ok {
			continue
		}
		for _, v := range values {
			if kind == CVE {
				v = strings.ToUpper(v)
			}
			addCommon(got, Match{Kind: kind, Value: v})
		}
	}
	return got, nil
}
