package index

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/scan/events"
)

func TestSimple(t *testing.T) {
	for _, tc := range []struct {
		p    string
		want []Term
	}{
		{"[domain-name:value = 'evil.example']", []Term{{TDomain, "evil.example", 0}}},
		{"[ipv4-addr:value = '203.0.113.0/24']", []Term{{TIP, "203.0.113.0/24", 0}}},
		{"[ipv6-addr:value = '2001:db8::/32']", []Term{{TIP, "2001:db8::/32", 0}}},
		{"[url:value = 'http://evil.example/a\\'b']", []Term{{TURL, "http://evil.example/a'b", 0}}},
		{"[file:hashes.'SHA-256' = 'aa']", []Term{{THash, "aa", 0}}},
		{"[file:hashes.MD5 = 'bb']", []Term{{THash, "bb", 0}}},
		{"[email-addr:value = 'x@evil.example']", []Term{{TEmail, "x@evil.example", 0}}},
		{"[email-message:from_ref.value = 'x@evil.example']", []Term{{TEmail, "x@evil.example", 0}}},
		{"[domain-name:value = 'a.example' OR domain-name:value = 'b.example']", []Term{{TDomain, "a.example", 0}, {TDomain, "b.example", 0}}},
		{"[domain-name:value = 'a.example'] OR [ipv4-addr:value = '198.51.100.1']", []Term{{TDomain, "a.example", 0}, {TIP, "198.51.100.1", 0}}},
		{"[network-traffic:dst_ref.value = '198.51.100.1' AND network-traffic:dst_port = 443]", []Term{{TIP, "198.51.100.1", 443}}},
		{"[network-traffic:dst_port = 443 AND network-traffic:dst_ref.value = '198.51.100.1']", []Term{{TIP, "198.51.100.1", 443}}},
		{"[network-traffic:dst_ref.value = '198.51.100.1' AND network-traffic:dst_port = 0]", []Term{{TIP, "198.51.100.1", 0}}}, // port 0 is no port
	} {
		got, ok := Simple(tc.p)
		if !ok || !slices.Equal(got, tc.want) {
			t.Errorf("Simple(%q) got %v %v, want %v", tc.p, got, ok, tc.want)
		}
	}
	for _, p := range []string{
		"[domain-name:value LIKE '%.example']",
		"[domain-name:value = 'a.example' AND domain-name:value = 'b.example']",
		"[domain-name:value = 'a.example'] AND [domain-name:value = 'b.example']",
		"[domain-name:value = 'a.example'] WITHIN 10 SECONDS",
		"[domain-name:value != 'a.example']",
		"[user-account:account_login = 'x']",
		"[domain-name:value = 'unterminated]",
		"[network-traffic:dst_port = 443]",
		"",
	} {
		if got, ok := Simple(p); ok {
			t.Errorf("Simple(%q) = %v, want not simple", p, got)
		}
	}
}

// build makes an index of (id suffix, pattern) rules.
func build(t testing.TB, rules ...string) (*Index, *Builder) {
	t.Helper()
	b := NewBuilder()
	for i := 0; i+1 < len(rules); i += 2 {
		terms, ok := Simple(rules[i+1])
		if !ok {
			t.Fatalf("not simple: %s", rules[i+1])
		}
		b.AddRule("indicator--00000000-0000-4000-8000-0000000000"+rules[i], terms)
	}
	warnings := append([]string(nil), b.Warnings...)
	ix := b.Build(Info{})
	ix.Info.Warnings = warnings
	return ix, b
}

func matchIDs(m *Matcher, ix *Index, k events.Kind, v string) []string {
	var out []string
	for _, h := range m.Match(k, []byte(v)) {
		out = append(out, ix.Rule(h.Rule).ID[len("indicator--00000000-0000-4000-8000-0000000000"):]+":"+h.How.String())
	}
	slices.Sort(out)
	return out
}

func TestMatch(t *testing.T) {
	ix, _ := build(t,
		"01", "[domain-name:value = 'evil.example']",
		"02", "[domain-name:value = 'Deep.Evil.Example.']",
		"03", "[ipv4-addr:value = '203.0.113.0/24']",
		"04", "[ipv4-addr:value = '198.51.100.7']",
		"05", "[ipv6-addr:value = '2001:db8:bad::/48']",
		"06", "[url:value = 'http://phish.example/login']",
		"07", "[file:hashes.'SHA-256' = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855']",
		"08", "[email-addr:value = 'Boss@Spoof.Example']",
		"09", "[domain-name:value = 'spoof.example']",
		"10", "[ipv4-addr:value = '203.0.113.128/25']",
		"11", "[domain-name:value = 'evil.example']", // a second indicator on the same value
		"12", "[ipv4-addr:value = '172.16.0.0/12']", // wider than a /16
		"13", "[ipv6-addr:value = '::ffff:192.0.2.9']",
	)
	// The same answers from the index as built and as saved and mapped
	// back (which makes its IPv4 filter anew).
	path := filepath.Join(t.TempDir(), "ix")
	if err := ix.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	saved, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Close()
	for _, ix := range []*Index{ix, saved} {
		testMatchCases(t, ix)
	}
}

func testMatchCases(t *testing.T, ix *Index) {
	t.Helper()
	m := NewMatcher(ix)
	for _, tc := range []struct {
		kind events.Kind
		v    string
		want []string
	}{
		{events.Domain, "evil.example", []string{"01:exact", "11:exact"}},
		{events.Domain, "EVIL.EXAMPLE.", []string{"01:exact", "11:exact"}},
		{events.Domain, "mail.evil.example", []string{"01:parent", "11:parent"}},
		{events.Domain, "a.b.deep.evil.example", []string{"01:parent", "02:parent", "11:parent"}},
		{events.Domain, "notevil.example", nil}, // a sibling, never
		{events.Domain, "evil.example.com", nil},
		{events.Domain, "example", nil},
		{events.IP, "198.51.100.7", []string{"04:exact"}},
		{events.IP, "198.51.100.8", nil},
		{events.IP, "203.0.113.5", []string{"03:cidr"}},
		{events.IP, "203.0.113.200", []string{"03:cidr", "10:cidr"}},
		{events.IP, "203.0.114.1", nil},
		{events.IP, "::ffff:198.51.100.7", []string{"04:exact"}},
		{events.IP, "198.51.100.7:443", []string{"04:exact"}},
		{events.IP, "172.16.0.1", []string{"12:cidr"}},
		{events.IP, "172.31.255.254", []string{"12:cidr"}},
		{events.IP, "172.32.0.1", nil},
		{events.IP, "172.15.255.255", nil},
		{events.IP, "192.0.2.9", []string{"13:exact"}},
		{events.IP, "192.0.2.10", nil},
		{events.URL, "http://172.20.1.1/x", []string{"12:host-of-url"}},
		{events.IP, "2001:db8:bad:1::9", []string{"05:cidr"}},
		{events.IP, "2001:db8:bae::1", nil},
		{events.URL, "HTTP://PHISH.example:80/login/", []string{"06:exact"}},
		{events.URL, "http://phish.example/login?u=1", []string{"06:url-without-query"}},
		{events.URL, "https://www.evil.example/x", []string{"01:host-of-url", "11:host-of-url"}},
		{events.URL, "http://198.51.100.7/x", []string{"04:host-of-url"}},
		{events.Hash, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", []string{"07:exact"}},
		{events.Email, "boss@spoof.example", []string{"08:exact", "09:domain-of-email"}},
		{events.Email, "other@mx.spoof.example", []string{"09:domain-of-email"}},
	} {
		got := matchIDs(m, ix, tc.kind, tc.v)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Match(%v, %q) got %v, want %v", tc.kind, tc.v, got, tc.want)
		}
	}
}

func TestPublicSuffixRefused(t *testing.T) {
	ix, b := build(t,
		"01", "[domain-name:value = 'com']",
		"02", "[domain-name:value = 'co.uk']",
		"03", "[domain-name:value = 'duckdns.org']", // private section of the list
		"04", "[domain-name:value = 'evil.duckdns.org']",
	)
	if b.Refused() != 0 {
		// Build resets the builder; Refused is read from Info.
	}
	if ix.Info.Refused != 3 {
		t.Errorf("refused %d, want 3 (%v)", ix.Info.Refused, ix.Info.Warnings)
	}
	for _, s := range []string{"\"com\"", "\"co.uk\"", "\"duckdns.org\""} {
		found := false
		for _, w := range ix.Info.Warnings {
			if strings.Contains(w, s) && strings.Contains(w, "public suffix") {
				found = true
			}
		}
		if !found {
			t.Errorf("no warning names %s: %v", s, ix.Info.Warnings)
		}
	}
	m := NewMatcher(ix)
	if got := matchIDs(m, ix, events.Domain, "anything.duckdns.org"); got != nil {
		t.Errorf("anything.duckdns.org matched %v", got)
	}
	if got := matchIDs(m, ix, events.Domain, "x.evil.duckdns.org"); !slices.Equal(got, []string{"04:parent"}) {
		t.Errorf("x.evil.duckdns.org got %v", got)
	}
	if ix.NumRules() != 1 {
		t.Errorf("%d rules, want 1", ix.NumRules())
	}
}

func TestKey(t *testing.T) {
	ix, _ := build(t, "01", "[ipv4-addr:value = '203.0.113.0/24']", "02", "[ipv6-addr:value = '2001:db8::7']")
	m := NewMatcher(ix)
	if h := m.Match(events.IP, []byte("203.0.113.9")); len(h) != 1 || ix.Key(h[0]) != "203.0.113.0/24" {
		t.Errorf("CIDR key: %v", h)
	}
	if h := m.Match(events.IP, []byte("2001:db8::7")); len(h) != 1 || ix.Key(h[0]) != "2001:db8::7" {
		t.Errorf("IPv6 key: %v", h)
	}
}

func TestFileRoundTrip(t *testing.T) {
	ix, _ := build(t,
		"01", "[domain-name:value = 'evil.example']",
		"03", "[ipv4-addr:value = '203.0.113.0/24']",
		"06", "[url:value = 'http://phish.example/login']",
		"08", "[email-addr:value = 'boss@spoof.example']",
	)
	ix.Info.StoreVersions = 42
	ix.Info.Patterns = []ComplexPattern{{ID: "indicator--x", Pattern: "[a:b LIKE 'c']"}}
	path := filepath.Join(t.TempDir(), "ix")
	if err := ix.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	if got.Info.StoreVersions != 42 || len(got.Info.Patterns) != 1 || got.NumRules() != 4 {
		t.Errorf("info not kept: %+v", got.Info)
	}
	m := NewMatcher(got)
	for _, tc := range []struct {
		k events.Kind
		v string
		n int
	}{
		{events.Domain, "a.evil.example", 1}, {events.IP, "203.0.113.1", 1}, {events.URL, "http://phish.example/login/", 1},
		{events.Email, "boss@spoof.example", 1}, {events.Domain, "good.example", 0},
	} {
		if h := m.Match(tc.k, []byte(tc.v)); len(h) != tc.n {
			t.Errorf("loaded index: %q got %d hits, want %d", tc.v, len(h), tc.n)
		}
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		mod  func([]byte) []byte
		want string
	}{
		{"flipped byte", func(b []byte) []byte { b[len(b)/2] ^= 1; return b }, "checksum"},
		{"cut short", func(b []byte) []byte { return b[:len(b)-20] }, "end marker"},
		{"other version", func(b []byte) []byte { b[8] = 9; return b }, "format 9"},
		{"not an index", func([]byte) []byte { return []byte("hello, world, this is not an index file") }, "not a dossier index"},
	} {
		p := filepath.Join(t.TempDir(), "bad")
		if err := os.WriteFile(p, tc.mod(append([]byte(nil), data...)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(p)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: got %v, want an error naming the file and %q", tc.name, err, tc.want)
		}
	}
}

// TestMatchAllocs pins the hot path: looking up values that match
// nothing allocates nothing.
func TestMatchAllocs(t *testing.T) {
	ix, _ := build(t, "01", "[domain-name:value = 'evil.example']", "03", "[ipv4-addr:value = '203.0.113.0/24']",
		"06", "[url:value = 'http://phish.example/login']")
	m := NewMatcher(ix)
	dom, ip, url := []byte("www.Good.Example."), []byte("192.0.2.1"), []byte("https://good.example/a?b=c")
	if n := testing.AllocsPerRun(100, func() {
		m.Match(events.Domain, dom)
		m.Match(events.IP, ip)
		m.Match(events.URL, url)
	}); n != 0 {
		t.Errorf("%v allocations per lookup, want 0", n)
	}
}

// TestMissCache: the IPv4 miss cache never hides a hit, and a value is
// answered the same the second time.
func TestMissCache(t *testing.T) {
	ix, _ := build(t, "04", "[ipv4-addr:value = '198.51.100.7']", "03", "[ipv4-addr:value = '203.0.113.0/24']")
	m := NewMatcher(ix)
	for round := range 3 {
		for i := range 10000 {
			v := fmt.Sprintf("10.%d.%d.%d", i>>16, (i>>8)&255, i&255)
			if h := m.Match(events.IP, []byte(v)); len(h) != 0 {
				t.Fatalf("%s matched", v)
			}
		}
		for _, v := range []string{"198.51.100.7", "203.0.113.9"} {
			if h := m.Match(events.IP, []byte(v)); len(h) != 1 {
				t.Errorf("round %d: %s got %d hits", round, v, len(h))
			}
		}
	}
}

// TestWildcardSuffix: a name that is a public suffix only through a
// wildcard rule of the list (one cloud customer's host) is kept for exact
// matches, never widened; one listed by name is refused.
func TestWildcardSuffix(t *testing.T) {
	ix, _ := build(t,
		"01", "[domain-name:value = 'ec2-3-84-126-255.compute-1.amazonaws.com']",
		"02", "[domain-name:value = 'anukateb.beget.app']",
		"03", "[domain-name:value = 'duckdns.org']",
	)
	if ix.Info.Refused != 1 || ix.Info.ExactOnly != 2 {
		t.Errorf("refused %d, exact-only %d: %v", ix.Info.Refused, ix.Info.ExactOnly, ix.Info.Warnings)
	}
	m := NewMatcher(ix)
	for v, want := range map[string][]string{
		"ec2-3-84-126-255.compute-1.amazonaws.com":     {"01:exact"},
		"EC2-3-84-126-255.compute-1.amazonaws.com.":    {"01:exact"},
		"www.ec2-3-84-126-255.compute-1.amazonaws.com": nil,
		"ec2-3-84-126-256.compute-1.amazonaws.com":     nil,
		"anukateb.beget.app":                           {"02:exact"},
		"other.beget.app":                              nil,
		"x.duckdns.org":                                nil,
	} {
		if got := matchIDs(m, ix, events.Domain, v); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", v, got, want)
		}
	}
	if got := matchIDs(m, ix, events.URL, "http://anukateb.beget.app/gate.php"); !slices.Equal(got, []string{"02:host-of-url"}) {
		t.Errorf("URL host: %v", got)
	}
}
