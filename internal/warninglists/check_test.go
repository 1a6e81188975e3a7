package warninglists

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func verdictString(vs []Verdict) string {
	var s []string
	for _, v := range vs {
		b := "context"
		if v.Benign {
			b = "benign"
		}
		s = append(s, fmt.Sprintf("%s:%s:%s", v.List, b, v.Context))
	}
	return strings.Join(s, " ")
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		kind, value string
		want        []string // list ids that must be there
		not         []string // list ids that must not
		suppress    bool
	}{
		{"ipv4", "10.1.2.3", []string{"rfc1918", "rfc5735", "dossier-special-ranges"}, nil, true},
		{"ipv4", "100.64.1.1", []string{"rfc6598", "dossier-special-ranges"}, nil, true},
		{"ipv4", "192.0.2.17", []string{"rfc5735", "dossier-special-ranges"}, nil, true},
		{"ipv4", "198.51.100.9", []string{"dossier-special-ranges"}, nil, true},
		{"ipv4", "203.0.113.45", []string{"dossier-special-ranges"}, nil, true},
		{"ipv4", "127.0.0.1", []string{"dossier-special-ranges"}, nil, true},
		{"ipv4", "224.0.0.251", []string{"multicast", "dossier-special-ranges"}, nil, true},
		{"ipv4", "8.8.8.8", []string{"public-dns-v4"}, nil, true},
		{"ipv4", "1.1.1.1", []string{"public-dns-v4"}, nil, true},
		{"ipv4", "104.16.1.1", []string{"cloudflare"}, nil, false},
		{"ipv4", "45.141.152.19", nil, []string{"dossier-special-ranges", "rfc1918"}, false},
		{"ipv6", "2001:db8::1", []string{"rfc3849", "dossier-special-ranges"}, nil, true},
		{"ipv6", "fe80::1", []string{"ipv6-linklocal", "dossier-special-ranges"}, nil, true},
		{"ipv6", "::1", []string{"dossier-special-ranges"}, nil, true},
		{"ipv6", "fd00::1", []string{"dossier-special-ranges"}, nil, true},
		{"ipv4-cidr", "10.1.0.0/16", []string{"rfc1918", "dossier-special-ranges"}, nil, true},
		{"ipv4-cidr", "10.0.0.0/7", nil, []string{"rfc1918"}, false},
		{"ipv4-cidr", "198.51.100.0/24", []string{"dossier-special-ranges"}, nil, true},
		{"ipv6-cidr", "2001:db8:1::/48", []string{"rfc3849"}, nil, true},
		{"domain", "example.com", []string{"rfc6761", "dossier-special-names"}, nil, true},
		{"domain", "www.example.org", []string{"dossier-special-names"}, nil, true},
		{"domain", "foo.test", []string{"dossier-special-names"}, nil, true},
		{"domain", "printer.local", []string{"dossier-special-names"}, nil, true},
		{"domain", "google.com", []string{"google", "tranco10k"}, nil, true},
		{"domain", "mail.google.com", []string{"tranco10k", "google"}, nil, true},
		{"domain", "campaignnews.ddns.net", []string{"dynamic-dns"}, nil, false},
		{"domain", "x.duckdns.org", []string{"dynamic-dns"}, []string{"tranco10k", "majestic_million"}, false},
		{"domain", "actor.github.io", nil, []string{"tranco10k", "majestic_million"}, false},
		{"domain", "evil.onmicrosoft.com", nil, []string{"tranco10k", "cisco_top20k"}, false},
		{"domain", "refreshauthtoken-default-rtdb.firebaseio.com", nil, []string{"tranco10k"}, false}, // Volexity: APT29's Freshfire C2
		{"domain", "firebaseio.com", []string{"tranco10k"}, nil, true},
		{"domain", "evil.zendesk.com", nil, []string{"tranco10k", "alexa"}, false},
		{"domain", "bit.ly", []string{"url-shortener"}, nil, false},
		{"domain", "cloudflare-ipfs.com", []string{"public-ipfs-gateways"}, nil, false},
		{"domain", "www.welivesecurity.com", []string{"security-provider-blogpost"}, nil, true},
		{"domain", "ocsp.digicert.com", []string{"crl-hostname"}, nil, true},
		{"domain", "Example.COM.", []string{"dossier-special-names"}, nil, true},
		{"domain", "tikvaodesa.com", nil, nil, false},
		{"url", "https://drive.google.com/file/d/x", []string{"lots-project"}, nil, false},
		{"url", "vote-ledger-login.com/r?u=https://www.google.com/x", nil, []string{"google", "tranco10k", "alexa"}, false}, // no scheme: the host is vote-ledger-login.com, not the query's
		{"url", "https://www.example.com/a", []string{"dossier-special-names"}, nil, true},
		{"url", "http://10.0.0.1:8080/x", []string{"rfc1918"}, nil, true},
		{"url", "https://cutt.ly/LZ8iEIt", []string{"url-shortener"}, nil, false},
		{"email", "abuse@cisa.gov", []string{"common-contact-emails"}, nil, true},
		{"email", "x@mailinator.com", []string{"disposable-email"}, nil, false},
		{"email", "someone@example.com", []string{"dossier-special-names"}, nil, true},
		{"email", "leaks.desk@protonmail.com", nil, []string{"tranco10k", "majestic_million"}, false},
		{"md5", "d41d8cd98f00b204e9800998ecf8427e", []string{"empty-hashes"}, nil, true},
		{"sha256", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", []string{"empty-hashes"}, nil, true},
		{"sha1", "3395856ce81f2b7382dee72602f798b642f14140", []string{"eicar.com"}, nil, true},
		{"sha256", "b7cc07bfc41e61a89e961dd5826fa2b4d47a85a5b5856d50f9a57667199635b3", nil, nil, false},
		{"social", "https://twitter.com/someone", nil, nil, false},
		{"cve", "CVE-2021-44228", nil, nil, false},
		{"url", "https://cdn.shopify.com/s/files/1/x.pdf", []string{"dossier-user-content", "alexa"}, nil, false},
		{"domain", "uc23.dl.dropboxusercontent.com", []string{"dossier-user-content"}, nil, false},
		{"domain", "guccifer2.wordpress.com", []string{"lots-project"}, []string{"alexa", "tranco10k"}, false},
		{"domain", "bawer.squarespace.com", nil, []string{"tranco10k", "cisco_top20k"}, false},
	} {
		vs := Check(tc.kind, tc.value)
		got := map[string]bool{}
		for _, v := range vs {
			got[v.List] = true
		}
		for _, w := range tc.want {
			if !got[w] {
				t.Errorf("Check(%q, %q) = [%s], want %s among them", tc.kind, tc.value, verdictString(vs), w)
			}
		}
		for _, w := range tc.not {
			if got[w] {
				t.Errorf("Check(%q, %q) = [%s], want no %s", tc.kind, tc.value, verdictString(vs), w)
			}
		}
		if s := Suppress(vs); s != tc.suppress {
			t.Errorf("Suppress(Check(%q, %q) = [%s]) = %v, want %v", tc.kind, tc.value, verdictString(vs), s, tc.suppress)
		}
	}
}

func TestEveryListClassified(t *testing.T) {
	ls := Lists()
	if len(ls) < 50 {
		t.Fatalf("Lists() has %d lists", len(ls))
	}
	for _, l := range ls {
		if l.Context == "" || l.Reason == "" || l.Name == "" || len(l.Kinds) == 0 {
			t.Errorf("list %+v lacks a tag, reason, name or kinds", l)
		}
		if len(l.Untranslated) > 0 {
			t.Errorf("list %s: patterns Go's regexp cannot compile: %q", l.ID, l.Untranslated)
		}
	}
	if !slices.ContainsFunc(ls, func(l List) bool { return l.ID == "dossier-special-ranges" }) {
		t.Error("the special ranges are missing")
	}
}

// TestCheckConcurrent checks from many goroutines at once, the first
// Check among them loading the tables (run with -race).
func TestCheckConcurrent(t *testing.T) {
	done := make(chan bool)
	for range 8 {
		go func() { done <- Suppress(Check("ipv4", "10.0.0.1")) }()
	}
	for range 8 {
		if !<-done {
			t.Error("concurrent Check: 10.0.0.1 not benign")
		}
	}
}

// TestCheckExact checks Verdict.Exact: set when the list holds the name
// itself (or without "www."), not when it only holds a name above it.
func TestCheckExact(t *testing.T) {
	for _, tc := range []struct {
		kind, value string
		list        string
		exact       bool
	}{
		{"domain", "github.com", "alexa", true},
		{"url", "https://github.com/actor/tool", "alexa", true}, // a URL's host
		{"domain", "www.github.com", "alexa", true},
		{"domain", "drive.google.com", "cisco_top20k", true},
		{"domain", "mail.google.com", "tranco10k", false}, // under google.com
		{"domain", "x.duckdns.org", "dynamic-dns", false},
		{"email", "someone@gmail.com", "cisco_top20k", false}, // no such list for e-mail
	} {
		var found *Verdict
		vs := Check(tc.kind, tc.value)
		for i := range vs {
			if vs[i].List == tc.list {
				found = &vs[i]
			}
		}
		if found == nil {
			if tc.exact {
				t.Errorf("Check(%q, %q) = [%s], want %s", tc.kind, tc.value, verdictString(vs), tc.list)
			}
			continue
		}
		if found.Exact != tc.exact {
			t.Errorf("Check(%q, %q): %s Exact = %v, want %v", tc.kind, tc.value, tc.list, found.Exact, tc.exact)
		}
	}
}
