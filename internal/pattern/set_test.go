package pattern

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// event builds an observation of one cyber-observable object, given as
// JSON, at second sec.
func event(t testing.TB, sec int, sco string) *Observation {
	t.Helper()
	ts := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(sec) * time.Second).Format(time.RFC3339)
	doc := fmt.Sprintf(`{"type": "observed-data", "id": "observed-data--%d", "first_observed": %q, "last_observed": %q, "number_observed": 1, "objects": {"0": %s}}`, sec, ts, ts, sco)
	v, err := stix.DecodeValue([]byte(doc), 0, stix.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewObservation(&v, nil)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

var (
	domains = []string{"evil.example", "good.example", "mail.evil.example", "cdn.example.net", "x.test"}
	ips     = []string{"198.51.100.7", "198.51.100.200", "203.0.113.5", "10.1.2.3", "2001:db8::5"}
	urls    = []string{"http://evil.example/login", "https://good.example/", "http://evil.example/a?b=c", "ftp://x.test/f"}
	md5s    = []string{"cead3f77f6cda6ec00f57d76c9a6879f", "79054025255fb1a26e4bc422aef54eb4", "00000000000000000000000000000000"}
)

// randomEvent is one simple observation: a domain, an address, a URL or
// a file with a hash.
func randomEvent(t testing.TB, r *rand.Rand, sec int) *Observation {
	switch r.IntN(4) {
	case 0:
		return event(t, sec, fmt.Sprintf(`{"type": "domain-name", "value": %q}`, domains[r.IntN(len(domains))]))
	case 1:
		ip := ips[r.IntN(len(ips))]
		typ := "ipv4-addr"
		if strings.Contains(ip, ":") {
			typ = "ipv6-addr"
		}
		return event(t, sec, fmt.Sprintf(`{"type": %q, "value": %q}`, typ, ip))
	case 2:
		return event(t, sec, fmt.Sprintf(`{"type": "url", "value": %q}`, urls[r.IntN(len(urls))]))
	}
	return event(t, sec, fmt.Sprintf(`{"type": "file", "name": "f%d.exe", "size": %d, "hashes": {"MD5": %q}}`, r.IntN(3), r.IntN(3)*100, md5s[r.IntN(len(md5s))]))
}

// setPatterns exercise every kind of index and the fallback scan.
var setPatterns = []string{
	`[domain-name:value = 'evil.example']`,
	`[domain-name:value = 'nowhere.example']`,
	`[ipv4-addr:value = '198.51.100.7']`,
	`[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']`,
	`[file:hashes.'MD5' = '79054025255fb1a26e4bc422aef54eb4' AND file:name = 'f1.exe']`,
	`[domain-name:value IN ('good.example', 'x.test')]`,
	`[domain-name:value = 'x.test' OR url:value = 'ftp://x.test/f']`,
	`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`,
	`[ipv4-addr:value ISSUBSET '10.0.0.0/8' OR ipv6-addr:value ISSUBSET '2001:db8::/32']`,
	`[url:value LIKE 'http://evil.example/%']`,
	`[url:value LIKE '%?b=c']`,
	`[url:value MATCHES '^https://']`,
	`[domain-name:value MATCHES 'evil']`,
	`[domain-name:value MATCHES '\\.example$' OR domain-name:value LIKE '%.test']`,
	`[url:value MATCHES '^http://evil\\.example/.*\\?b=']`,
	`[domain-name:value NOT LIKE '%.example']`,
	`[file:size > 100 AND file:name LIKE 'f_.exe']`,
	`[EXISTS file:hashes.MD5 AND file:size = 0]`,
	`[domain-name:value = 'evil.example'] START t'2024-01-01T00:00:10Z' STOP t'2024-01-01T00:01:00Z'`,
	`[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.7']`,
	`([domain-name:value = 'evil.example'] FOLLOWEDBY [url:value LIKE 'http://evil%']) WITHIN 30 SECONDS`,
	`[ipv4-addr:value = '203.0.113.5'] REPEATS 3 TIMES WITHIN 20 SECONDS`,
	`[file:hashes.MD5 = '00000000000000000000000000000000'] AND [domain-name:value = 'good.example']`,
	`[domain-name:value = 'evil.example'] OR [ipv4-addr:value = '10.1.2.3']`,
}

// TestSetAgrees: a Set reports, event by event, exactly what each pattern
// evaluated on its own reports over the stream so far.
func TestSetAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var stream []*Observation
	for i := range 400 {
		stream = append(stream, randomEvent(t, r, i*2))
	}
	set := NewSet()
	pats := make([]*Pattern, len(setPatterns))
	for i, src := range setPatterns {
		pats[i] = MustCompile(src)
		set.AddPattern(fmt.Sprint(i), pats[i])
	}
	// What each pattern alone says, per event: MatchAll over the stream
	// gives one match per event that completes a match.
	want := make([]map[string]bool, len(stream))
	for i := range want {
		want[i] = map[string]bool{}
	}
	index := map[*Observation]int{}
	for i, o := range stream {
		index[o] = i
	}
	total := 0
	for pi, p := range pats {
		ms, err := p.MatchAll(stream)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			last := slices.Max(m.Observations)
			want[last][fmt.Sprint(pi)] = true
			total++
		}
	}
	if total < 100 {
		t.Fatalf("only %d matches in the stream: the test proves little", total)
	}
	var dst []SetMatch
	for i, o := range stream {
		var err error
		dst, err = set.Match(o, dst[:0])
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, m := range dst {
			got[m.ID] = true
			if m.Observations[len(m.Observations)-1] != o && !slices.Contains(m.Observations, o) {
				t.Errorf("event %d: match of %s does not bind the event", i, m.ID)
			}
		}
		for id := range want[i] {
			if !got[id] {
				t.Errorf("event %d (%s): Set missed pattern %s %s", i, o.Objects[0].Value.Get("type").Str, id, setPatterns[mustAtoi(id)])
			}
		}
		for id := range got {
			if !want[i][id] {
				t.Errorf("event %d: Set matched pattern %s %s, which does not match alone", i, id, setPatterns[mustAtoi(id)])
			}
		}
	}
}

func mustAtoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// TestSetBindings: a Set reports the observations and objects bound.
func TestSetBindings(t *testing.T) {
	set := NewSet()
	if err := set.Add("seq", `[domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.7']`); err != nil {
		t.Fatal(err)
	}
	if err := set.Add("bad", `[a:x = `); err == nil {
		t.Error("invalid pattern added")
	}
	a := event(t, 0, `{"type": "domain-name", "value": "evil.example"}`)
	b := event(t, 5, `{"type": "ipv4-addr", "value": "198.51.100.7"}`)
	if ms, _ := set.Match(a, nil); len(ms) != 0 {
		t.Fatalf("matched early: %+v", ms)
	}
	ms, err := set.Match(b, nil)
	if err != nil || len(ms) != 1 {
		t.Fatalf("got %+v, %v", ms, err)
	}
	m := ms[0]
	if m.ID != "seq" || len(m.Observations) != 2 || m.Observations[0] != a || m.Observations[1] != b {
		t.Fatalf("match %+v", m)
	}
	if m.Bindings[0].Expr != 0 || m.Observations[m.Bindings[0].Observation] != a || m.Bindings[1].Expr != 1 || m.Observations[m.Bindings[1].Observation] != b || m.Bindings[1].Object != "0" {
		t.Errorf("bindings %+v", m.Bindings)
	}
}

// TestSetMaxBuffered: a pattern keeps at most MaxBuffered observations.
func TestSetMaxBuffered(t *testing.T) {
	set := NewSet()
	set.MaxBuffered = 3
	set.Add("r", `[ipv4-addr:value = '203.0.113.5'] AND [domain-name:value = 'evil.example']`)
	set.Match(event(t, 0, `{"type": "domain-name", "value": "evil.example"}`), nil)
	for i := 1; i <= 3; i++ {
		set.Match(event(t, i, `{"type": "domain-name", "value": "evil.example"}`), nil)
	}
	// The three kept are domain names; the first fell out, but the others
	// still pair with the address.
	ms, _ := set.Match(event(t, 9, `{"type": "ipv4-addr", "value": "203.0.113.5"}`), nil)
	if len(ms) != 1 || ms[0].Observations[0].ID == "observed-data--0" {
		t.Errorf("matches %+v", ms)
	}
	if n := len(set.entries[0].buf); n != 3 {
		t.Errorf("kept %d observations, want 3", n)
	}
}
