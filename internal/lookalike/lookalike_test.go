package lookalike

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/idna"
)

var testProtected = []string{"campaign2024.com", "party.org", "paypal.com", "microsoft.com", "vote.org", "bbc.co.uk", "example.github.io", "apple.com"}

func testMatcher(t testing.TB) *Matcher {
	t.Helper()
	m, err := New(testProtected)
	if err != nil {
		t.Fatalf("New(%q): %v", testProtected, err)
	}
	return m
}

func puny(t testing.TB, s string) string {
	t.Helper()
	a, err := idna.Punycode.ToASCII(s)
	if err != nil {
		t.Fatalf("ToASCII(%q): %v", s, err)
	}
	return a
}

func TestMatchFires(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		name, seen, protected string
		trick                 Trick
		reason                string // a fragment of the reason
	}{
		// Homoglyphs and mixed scripts, in Unicode and in punycode.
		{"cyrillic a", "cаmpaign2024.com", "campaign2024.com", Homoglyph, "Cyrillic 'а' (U+0430) for Latin 'a'; mixes Latin and Cyrillic"},
		{"cyrillic a punycode", puny(t, "cаmpaign2024.com"), "campaign2024.com", Homoglyph, "Cyrillic 'а' (U+0430) for Latin 'a'"},
		{"punycode upper case", strings.ToUpper(puny(t, "cаmpaign2024.com")), "campaign2024.com", Homoglyph, "Cyrillic 'а'"},
		{"two cyrillic a", "pаypаl.com", "paypal.com", Homoglyph, "Cyrillic 'а' (U+0430) for Latin 'a' (twice)"},
		{"whole script cyrillic", "раураl.com", "paypal.com", Homoglyph, "Cyrillic 'р' (U+0440) for Latin 'p'"},
		{"greek omicron", "micrοsoft.com", "microsoft.com", Homoglyph, "Greek 'ο' (U+03BF) for Latin 'o'"},
		{"accent", "cämpaign2024.com", "campaign2024.com", Homoglyph, "Latin 'ä' (U+00E4) for Latin 'a'"},
		{"dotless i", "campaıgn2024.com", "campaign2024.com", Homoglyph, "Latin 'ı' (U+0131) for Latin 'i'"},
		{"fullwidth", "ｐaypal.com", "paypal.com", Homoglyph, "'ｐ' (U+FF50)"},
		{"digit one for l", "paypa1.com", "paypal.com", Homoglyph, "digit '1' for 'l'"},
		{"digit zero for o", "micr0soft.com", "microsoft.com", Homoglyph, "digit '0' for 'o'"},
		{"rn for m", "rnicrosoft.com", "microsoft.com", Homoglyph, "'rn' for 'm'"},
		{"whole-script near look-alike", puny(t, "аррӏе.com"), "apple.com", Homoglyph,
			"Cyrillic 'ӏ' (U+04CF) for Latin 'l' (near look-alike), Cyrillic 'а' (U+0430) for Latin 'a', Cyrillic 'р' (U+0440) for Latin 'p' (twice), Cyrillic 'е' (U+0435) for Latin 'e'"},
		{"near look-alike in a Latin name", "paypaӏ.com", "paypal.com", Homoglyph, "Cyrillic 'ӏ' (U+04CF) for Latin 'l' (near look-alike); mixes Latin and Cyrillic letters"},
		{"homoglyph other tld", "pаypal.net", "paypal.com", Homoglyph, "under .net instead of .com"},
		{"homoglyph under subdomain", "login.cаmpaign2024.com", "campaign2024.com", Homoglyph, "Cyrillic"},
		{"trailing dot", "cаmpaign2024.com.", "campaign2024.com", Homoglyph, "Cyrillic"},
		{"certificate wildcard", "*.campaign2024-login.com", "campaign2024.com", AddedWord, `added "login"`},
		// Other TLDs.
		{"net", "campaign2024.net", "campaign2024.com", OtherTLD, "under .net instead of .com"},
		{"co", "campaign2024.co", "campaign2024.com", OtherTLD, ".co instead"},
		{"two-label suffix", "campaign2024.co.uk", "campaign2024.com", OtherTLD, ".co.uk instead"},
		{"short name other tld", "party.com", "party.org", OtherTLD, ".com instead of .org"},
		{"under other tld", "www.campaign2024.net", "campaign2024.com", OtherTLD, ""},
		{"bbc", "bbc.com", "bbc.co.uk", OtherTLD, ".com instead of .co.uk"},
		// One or two edits on the registrable label, same suffix.
		{"swap", "campiagn2024.com", "campaign2024.com", Swap, "'i' and 'a' swapped"},
		{"swap at end", "campaign2042.com", "campaign2024.com", Swap, "'4' and '2' swapped"},
		{"double", "campaiggn2024.com", "campaign2024.com", Double, "'g' doubled"},
		{"double at start", "ccampaign2024.com", "campaign2024.com", Double, "'c' doubled"},
		{"omission", "campain2024.com", "campaign2024.com", Edit, "'g' left out"},
		{"substitution", "campaign2025.com", "campaign2024.com", Edit, "'5' for '4'"},
		{"insertion", "campaigns2024.com", "campaign2024.com", Edit, "'s' inserted"},
		{"two edits", "canpain2024.com", "campaign2024.com", Edit, "two characters changed"},
		{"swap and homoglyph", "cаmpaing2024.com", "campaign2024.com", Swap, "'n' and 'g' swapped"},
		{"swap with rn", "carnpaing2024.com", "campaign2024.com", Swap, "'n' and 'g' swapped"},
		{"substitution shows as written", "campa1gm2024.com", "campaign2024.com", Edit, ""},
		{"edit at minimum length", "pqrty.org", "party.org", Edit, "'q' for 'a'"},
		{"swap short", "paryt.org", "party.org", Swap, "'y' and 't' swapped"},
		{"microsoft two edits", "micosoftt.com", "microsoft.com", Edit, "two"},
		// Added words and hyphens.
		{"suffix word", "campaign2024-secure.com", "campaign2024.com", AddedWord, `added "secure"`},
		{"prefix word", "secure-campaign2024.com", "campaign2024.com", AddedWord, `added "secure"`},
		{"both sides", "my-campaign2024-login.net", "campaign2024.com", AddedWord, `added "my" and "login"`},
		{"joined word", "campaign2024secure.com", "campaign2024.com", AddedWord, `added "secure"`},
		{"joined prefix", "wwwcampaign2024.com", "campaign2024.com", AddedWord, `added "www"`},
		{"hyphen only", "campaign2024-.com", "campaign2024.com", Edit, "'-' inserted"},
		{"name with suffix as word", "campaign2024-com.net", "campaign2024.com", AddedWord, `added "com"`},
		{"added word with homoglyph", "cаmpaign2024-login.com", "campaign2024.com", AddedWord, `added "login"`},
		{"short name hyphenated", "party-login.org", "party.org", AddedWord, `added "login"`},
		// The protected name as labels of another domain.
		{"full name as labels", "campaign2024.com.evil.net", "campaign2024.com", Labels, `"campaign2024.com" used as labels of evil.net`},
		{"hyphenated full name", "campaign2024-com.evil.net", "campaign2024.com", Labels, `"campaign2024-com"`},
		{"deeper", "login.campaign2024.com.secure.evil.net", "campaign2024.com", Labels, ""},
		{"bare label", "campaign2024.evil.net", "campaign2024.com", Labels, ""},
		{"bare label in token", "login-campaign2024.evil.net", "campaign2024.com", Labels, ""},
		{"short full name as labels", "vote.org.evil.net", "vote.org", Labels, ""},
		{"labels on hosting", "paypal.com.evil.github.io", "paypal.com", Labels, "used as labels of evil.github.io"},
		{"homoglyph in labels", "pаypal.com.evil.net", "paypal.com", Labels, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := m.Match(tt.seen)
			if !ok {
				t.Fatalf("Match(%q) found nothing, want %s of %s", tt.seen, tt.trick, tt.protected)
			}
			if got.Protected != tt.protected || got.Trick != tt.trick {
				t.Errorf("Match(%q) = %s of %s (%q), want %s of %s", tt.seen, got.Trick, got.Protected, got.Reason, tt.trick, tt.protected)
			}
			if !strings.Contains(got.Reason, tt.reason) || got.Reason == "" {
				t.Errorf("Match(%q) reason %q, want it to contain %q", tt.seen, got.Reason, tt.reason)
			}
		})
	}
}

func TestMatchDoesNotFire(t *testing.T) {
	m := testMatcher(t)
	tests := []struct{ name, seen string }{
		{"protected itself", "campaign2024.com"},
		{"protected upper case", "CAMPAIGN2024.COM."},
		{"under protected", "www.campaign2024.com"},
		{"wildcard of protected", "*.campaign2024.com"},
		{"bare wildcard", "*."},
		{"deep under protected", "a.b.mail.campaign2024.com"},
		{"under protected on private suffix", "www.example.github.io"},
		{"another protected's subdomain", "party.org.paypal.com"},
		{"short: one edit is a real word", "parts.com"},
		{"short: one edit of vote", "note.org"},
		{"short: swap of vote", "veto.org"},
		{"short: vote inside a word", "devote.org"},
		{"short: vote hyphenated", "vote-smart.org"},
		{"short: vote as a label", "vote.elsewhere.com"},
		{"two edits on a short name", "pasta.org"},
		{"three edits", "campxxxn2024.com"},
		{"edit and other tld", "campain2024.net"},
		{"word containing short name", "thirdparty.com"},
		{"joined short name", "partyrentals.com"},
		{"unrelated", "wikipedia.org"},
		{"unrelated IDN", puny(t, "bücher.de")},
		{"public suffix", "com"},
		{"private public suffix", "github.io"},
		{"empty", ""},
		{"ipv4", "203.0.113.7"},
		{"ipv6", "2001:db8::1"},
		{"bracketed ipv6", "[2001:db8::1]"},
		{"space inside", "camp aign2024.com"},
		{"empty label", "campaign2024..com"},
		{"bad punycode", "xn--zz-.com"},
		{"url not a domain", "https://campaign2024.net/"},
		{"label too long", strings.Repeat("a", 64) + ".com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := m.Match(tt.seen); ok {
				t.Errorf("Match(%q) = %s of %s (%q), want nothing", tt.seen, got.Trick, got.Protected, got.Reason)
			}
		})
	}
}

func TestMatchFields(t *testing.T) {
	m := testMatcher(t)
	seen := puny(t, "cаmpaign2024.com")
	got, ok := m.Match(strings.ToUpper(seen))
	if !ok {
		t.Fatalf("Match(%q) found nothing", seen)
	}
	want := Match{Domain: seen, Unicode: "cаmpaign2024.com", Protected: "campaign2024.com", Trick: Homoglyph,
		Reason: "Cyrillic 'а' (U+0430) for Latin 'a'; mixes Latin and Cyrillic letters"}
	if got != want {
		t.Errorf("Match(%q)\n got %+v\nwant %+v", seen, got, want)
	}
}

func TestNew(t *testing.T) {
	m, err := New([]string{"WWW.Campaign2024.com.", "campaign2024.com", puny(t, "wählen.de"), "mail.party.org"})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(m.Protected(), " ")
	if want := "campaign2024.com " + puny(t, "wählen.de") + " party.org"; got != want {
		t.Errorf("Protected() = %q, want %q", got, want)
	}
	// A protected IDN matches its look-alikes in either form.
	if mt, ok := m.Match("wahlen.de"); !ok || mt.Trick != Homoglyph || mt.Protected != puny(t, "wählen.de") {
		t.Errorf("Match(wahlen.de) = %+v, %v; want a homoglyph of wählen.de", mt, ok)
	}

	for _, bad := range []string{"", "com", "co.uk", "github.io", "192.0.2.1", "::1", "bad domain.com", "a..b.com"} {
		if _, err := New([]string{"party.org", bad}); err == nil {
			t.Errorf("New(%q) accepted it", bad)
		} else if !strings.Contains(err.Error(), "lookalike: protected domain") {
			t.Errorf("New(%q) error %q does not name the domain", bad, err)
		}
	}
	if _, err := New(nil); !errors.Is(err, ErrNoProtected) {
		t.Errorf("New(nil) error %v, want ErrNoProtected", err)
	}
}

func TestTrickString(t *testing.T) {
	want := map[Trick]string{Homoglyph: "homoglyph", OtherTLD: "other-tld", Swap: "swap", Double: "double",
		Edit: "edit", AddedWord: "added-word", Labels: "labels", 0: "Trick(0)", 99: "Trick(99)"}
	for tr, w := range want {
		if got := tr.String(); got != w {
			t.Errorf("Trick(%d).String() = %q, want %q", uint8(tr), got, w)
		}
	}
}

func TestOSA(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"campaign", "campaign", 2, 0},
		{"campaign", "campiagn", 2, 1},
		{"campaign", "campain", 2, 1},
		{"campaign", "canpain", 2, 2},
		{"campaign", "xxxpaign", 2, 3},
		{"ab", "ba", 1, 1},
		{"abc", "ca", 3, 3}, // OSA, not unrestricted Damerau-Levenshtein (2)
		{"", "abc", 3, 3},
		{"kitten", "sitting", 3, 3},
	}
	for _, tt := range tests {
		if got := osa([]rune(tt.a), []rune(tt.b), tt.max); got != tt.want {
			t.Errorf("osa(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

// TestDeletionKeys checks that a key computed from prefix hashes equals
// the key of the string with those runes actually removed: the matcher's
// recall depends on it.
func TestDeletionKeys(t *testing.T) {
	s := []rune("camрaign2024") // with a Cyrillic 'р'
	var h, d delHasher
	h.reset(s)
	for i := range s {
		d.reset(append(append([]rune{}, s[:i]...), s[i+1:]...))
		if h.key1(i) != d.key0() {
			t.Errorf("key1(%d) differs from the key of the string without rune %d", i, i)
		}
		for j := i + 1; j < len(s); j++ {
			r := append(append(append([]rune{}, s[:i]...), s[i+1:j]...), s[j+1:]...)
			d.reset(r)
			if h.key2(i, j) != d.key0() {
				t.Errorf("key2(%d, %d) differs from the key of %q", i, j, string(r))
			}
		}
	}
}

func TestMatchConcurrent(t *testing.T) {
	m := testMatcher(t)
	inputs := []string{"cаmpaign2024.com", "campiagn2024.com", "campaign2024.com.evil.net", "example.com", "ｐaypal.com"}
	want := make([]Match, len(inputs))
	for i, in := range inputs {
		want[i], _ = m.Match(in)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Go(func() {
			for n := 0; n < 200; n++ {
				for i, in := range inputs {
					if got, _ := m.Match(in); got != want[i] {
						t.Errorf("concurrent Match(%q) = %+v, want %+v", in, got, want[i])
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestMatchAllocs pins the common case, an ASCII domain that imitates
// nothing, to one allocation: the one golang.org/x/net/publicsuffix makes
// (netip.ParseAddr's error for a name that is not an address).
func TestMatchAllocs(t *testing.T) {
	m := testMatcher(t)
	for _, d := range []string{"wikipedia.org", "www.wikipedia.org", "campaign-news.co.uk", "a.b.c.d.wikimedia.net", "login.online-eu-west.example"} {
		if n := testing.AllocsPerRun(100, func() { m.Match(d) }); n > 1 {
			t.Errorf("Match(%q) allocates %v times, want at most 1", d, n)
		}
	}
}
