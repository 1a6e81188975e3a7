package lookalike

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benignPath is Cloudflare Radar's top-100k domains (alphabetical, CC0),
// in the reference data beside the repository.
var benignPath = filepath.Join("..", "..", "..", "shared", "data", "feeds", "benign", "cloudflare-radar-top100k.txt")

func benignDomains(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(benignPath)
	if err != nil {
		tb.Skipf("benign domain list not available (%v): needs ../shared/data/feeds/benign beside the repository", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if d := strings.TrimSpace(sc.Text()); d != "" && !strings.HasPrefix(d, "#") {
			out = append(out, d)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("reading %s: %v", benignPath, err)
	}
	if len(out) < 90000 {
		tb.Fatalf("%s has %d domains, want about 100,000", benignPath, len(out))
	}
	return out
}

// TestBenignFalsePositives runs realistic protected names against the 100k
// popular domains, which imitate none of them on purpose, and bounds how
// many fire. Every hit is logged with its trick (go test -v) so that the
// figures in the package documentation can be checked. Big brands are
// here to show the other side: most of their hits are the brand's own
// domains (microsoft365.com, google.de), which a user adds to the
// protected list.
func TestBenignFalsePositives(t *testing.T) {
	domains := benignDomains(t)
	tests := []struct {
		protected string
		max       int
	}{
		{"campaign2024.com", 0},
		{"kamalaharris.com", 0},
		{"donaldjtrump.com", 0},
		{"democrats.org", 0},
		{"gop.com", 0},
		{"vote.org", 0},
		{"actblue.com", 0},
		{"winred.com", 1},     // wired.com: one letter left out
		{"eac.gov", 1},        // eac.com.cy
		{"party.org", 2},      // balloon-party.fr, costume-party-boulevard.com
		{"nytimes.com", 0},    //
		{"bbc.co.uk", 1},      // bbc.com, the BBC's own
		{"paypal.com", 2},     // paypal.me and paypal-ads.com, PayPal's own
		{"microsoft.com", 25}, // microsoft365.com, microsoftonline.com … nearly all Microsoft's own
	}
	for _, tt := range tests {
		m, err := New([]string{tt.protected})
		if err != nil {
			t.Fatal(err)
		}
		var hits []string
		for _, d := range domains {
			if mt, ok := m.Match(d); ok {
				hits = append(hits, d+" ("+mt.Trick.String()+")")
			}
		}
		t.Logf("%s: %d of %d benign domains flagged: %s", tt.protected, len(hits), len(domains), strings.Join(hits, ", "))
		if len(hits) > tt.max {
			t.Errorf("%s: %d benign domains flagged, want at most %d: %s", tt.protected, len(hits), tt.max, strings.Join(hits, ", "))
		}
	}
}
