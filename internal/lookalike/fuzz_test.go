package lookalike

import (
	"strings"
	"testing"
)

// FuzzMatch checks that Match never panics, that a match names a
// protected domain, a known trick and a reason, and that no protected
// domain or name under one is ever reported.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"cаmpaign2024.com", "xn--cmpaign2024-yij.com", "campiagn2024.com", "campaign2024.com.evil.net",
		"my-campaign2024-login.net", "ｐaypal.com", "a..b", "-.-", "xn--", "[::1]", strings.Repeat("ab.", 90) + "com", "\u0301.com", "ⅿicrosoft.com"} {
		f.Add(s)
	}
	m, err := New(testProtected)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, d string) {
		mt, ok := m.Match(d)
		if !ok {
			return
		}
		if mt.Trick < Homoglyph || mt.Trick > Labels || mt.Reason == "" || mt.Domain == "" {
			t.Fatalf("Match(%q) = %+v", d, mt)
		}
		found := false
		for _, p := range m.Protected() {
			found = found || p == mt.Protected
			if mt.Domain == p || strings.HasSuffix(mt.Domain, "."+p) {
				t.Fatalf("Match(%q) reports %s, which is or is under protected %s", d, mt.Domain, p)
			}
		}
		if !found {
			t.Fatalf("Match(%q) names %q, not a protected domain", d, mt.Protected)
		}
	})
}
