package extract

import (
	"strings"
	"testing"
)

// TestMISPListsServiceHost checks that a service's own host is benign
// while what customers put on it (a path, a name under it) keeps its
// context and stays an indicator.
func TestMISPListsServiceHost(t *testing.T) {
	for _, tc := range []struct {
		kind, value string
		benign      bool
		tag         string // a tag an indicator must carry
	}{
		{"domain", "github.com", true, ""},
		{"url", "https://github.com", true, ""},
		{"url", "https://github.com/", true, ""},
		{"domain", "www.facebook.com", true, ""},
		{"domain", "twitter.com", true, ""},
		{"domain", "cdn.shopify.com", true, ""},
		{"domain", "drive.google.com", true, ""},
		{"url", "https://github.com/BishopFox/sliver", false, "lots"},
		{"url", "https://raw.githubusercontent.com/actor/payload/main/a.ps1", false, "lots"},
		{"url", "https://drive.google.com/file/d/1AbC/view", false, "lots"},
		{"url", "cdn.shopify.com/s/files/1/0434/3165/7621/files/31416322246.pdf", false, "user-content"},
		{"url", "https://dl.dropboxusercontent.com/s/kaa68vam8w0ke7e/a.rar", false, "user-content"},
		{"url", "https://github.com/?q=x", false, "lots"},
		{"domain", "actor.github.io", false, "lots"},
		{"domain", "guccifer2.wordpress.com", false, "lots"},
		{"domain", "bawer.squarespace.com", false, ""},
		{"domain", "x.blogspot.com", false, "lots"},
		// A host whose context is about the host itself stays an indicator.
		{"domain", "ipfs.io", false, "ipfs-gateway"},
		{"domain", "duckdns.org", false, "dynamic-dns"},
		// Top sites without context, as before.
		{"url", "https://www.google.com/url?q=x", true, ""},
	} {
		v := MISPLists(tc.kind, tc.value)
		benign, tags := v.Benign, v.Tags
		if (benign != "") != tc.benign {
			t.Errorf("MISPLists(%q, %q) = %q %v, want benign %v", tc.kind, tc.value, benign, tags, tc.benign)
		}
		if tc.tag != "" && !contains(tags, tc.tag) {
			t.Errorf("MISPLists(%q, %q) tags %v, want %q among them", tc.kind, tc.value, tags, tc.tag)
		}
	}
}

// TestMISPListsTakenBack: a link with a path on a host that only
// popularity lists hold may be taken back by a defanged mention; one a
// vendor's, a special-use or a security vendor's list holds, or the host
// alone, may not.
func TestMISPListsTakenBack(t *testing.T) {
	for value, want := range map[string]string{
		"http://imgur.com/1RzfF7r":                                   "top-site",
		"http://ibb.co/hVhaAq":                                       "top-site",
		"http://imgur.com/":                                          "",
		"https://www.google.com/url?q=x":                             "",
		"https://login.microsoftonline.com/common/oauth2/deviceauth": "",
		"https://www.nytimes.com/2024/08/19/us/politics/iran.html":   "",
		"http://example.com/x/y":                                     "",
	} {
		v := MISPLists("url", value)
		if v.Benign == "" {
			t.Errorf("MISPLists(url %q) not benign: %+v", value, v)
		}
		if v.TakenBack != want {
			t.Errorf("MISPLists(url %q).TakenBack = %q, want %q", value, v.TakenBack, want)
		}
	}
}

func TestGovernmentHost(t *testing.T) {
	for h, want := range map[string]bool{
		"www.ic3.gov": true, "us-cert.cisa.gov": true, "www.ncsc.gov.uk": true, "www.cert.govt.nz": true,
		"www.sgdsn.gouv.fr": true, "www.gob.mx": true, "www.npa.go.jp": true, "www.army.mil": true,
		"www.nato.int": true, "enisa.europa.eu": true, "www.cyber.gc.ca": true, "www.bsi.bund.de": true,
		"gov.il": true, "www.gov.il": true,
		"gov": false, "government-news.com": false, "govt-leaks.net": false, "mygov.io": false,
		"admin.io": false, "go.co": false, "www.go.co": false,
		"evil.com": false, "": false,
	} {
		if got := governmentHost(h); got != want {
			t.Errorf("governmentHost(%q) = %v, want %v", h, got, want)
		}
	}
}

// TestWindowsPrograms: the name of a program every Windows has is benign;
// tools actors bring and look-alike names stay indicators.
func TestWindowsPrograms(t *testing.T) {
	x := &Extractor{}
	for name, benign := range map[string]bool{
		"svchost.exe": true, "WHOAMI.EXE": true, "powershell.exe": true, "net.exe": true,
		"psexec.exe": false, "procdump64.exe": false, "rundll64.exe": false, "setup.exe": false, "dns.exe": false,
		`C:\Windows\Temp\svchost.exe`: false,
	} {
		why, _, _ := x.verdict("filename", name, "")
		if (why != "") != benign {
			t.Errorf("verdict(filename %q) = %q, want benign %v", name, why, benign)
		}
	}
}

// TestMISPListsReason: of the benign lists that hold a value, the one
// that says best why it is benign is named: a special-use name before a
// list of public DNS hostnames that holds a name above it, the empty
// file's hash before a list of common false positives.
func TestMISPListsReason(t *testing.T) {
	for _, tc := range []struct{ kind, value, want string }{
		{"domain", "evil.example.com", "Special-use domain names"},
		{"url", "https://bad.example.org/x", "Special-use domain names"},
		{"sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty files"},
		{"ipv4", "192.168.1.1", "RFC 1918"},
	} {
		got := MISPLists(tc.kind, tc.value).Benign
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s %s: %q, want the list of %q", tc.kind, tc.value, got, tc.want)
		}
	}
}

// TestHostKind: the kind of observable a link's or an address's host
// is, addresses told from names whatever their first character.
func TestHostKind(t *testing.T) {
	for _, c := range []struct{ host, want string }{
		{"198.51.100.7", "ipv4"},
		{"2001:db8::1", "ipv6"},
		{"fe80::1", "ipv6"},
		{"::ffff:192.0.2.1", "ipv6"},
		{"example.com", "domain"},
		{"1password.com", "domain"},
		{"360.cn", "domain"},
		{"a.b.c.example.co.uk", "domain"},
		{"localhost", ""},
		{"co.uk", ""},
		{"printer.internal", ""},
		{"1.2.3", ""},
		{"", ""},
	} {
		if got := hostKind(c.host); got != c.want {
			t.Errorf("hostKind(%q) = %q, want %q", c.host, got, c.want)
		}
	}
}
