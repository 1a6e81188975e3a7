package index

import "testing"

func TestAppendDomain(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"Evil.Example", "evil.example", true},
		{"evil.example.", "evil.example", true}, // trailing dot of a FQDN
		{"MAIL.EVIL.EXAMPLE.", "mail.evil.example", true},
		{"bücher.example", "xn--bcher-kva.example", true}, // IDN to punycode
		{"xn--bcher-kva.example", "xn--bcher-kva.example", true},
		{"under_score.example", "under_score.example", true},
		{"evil..example", "", false},
		{"evil.example..", "", false}, // an empty last label after the FQDN dot
		{".evil.example", "", false},
		{"", "", false},
		{"evil example", "", false},
		{"evil.example/path", "", false},
	} {
		got, ok := AppendDomain(nil, []byte(tc.in))
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("AppendDomain(%q) got %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAppendURL(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"scheme case", "HTTP://evil.example/a", "http://evil.example/a"},
		{"host case", "http://EVIL.Example/a", "http://evil.example/a"},
		{"host trailing dot", "http://evil.example./a", "http://evil.example/a"},
		{"path case kept", "http://evil.example/Login.PHP", "http://evil.example/Login.PHP"},
		{"default port http", "http://evil.example:80/a", "http://evil.example/a"},
		{"default port https", "https://evil.example:443/a", "https://evil.example/a"},
		{"other port kept", "https://evil.example:8443/a", "https://evil.example:8443/a"},
		{"port zeros", "http://evil.example:0080/a", "http://evil.example/a"},
		{"http port on https kept", "https://evil.example:80/a", "https://evil.example:80/a"},
		{"empty path", "http://evil.example", "http://evil.example/"},
		{"root", "http://evil.example/", "http://evil.example/"},
		{"trailing slash", "http://evil.example/a/b/", "http://evil.example/a/b"},
		{"trailing slashes", "http://evil.example/a///", "http://evil.example/a"},
		{"only slashes", "http://evil.example///", "http://evil.example/"},
		{"unreserved decoded", "http://evil.example/%7Euser/%61dmin", "http://evil.example/~user/admin"},
		{"reserved escape upper-cased", "http://evil.example/a%2fb%3f", "http://evil.example/a%2Fb%3F"},
		{"space escaped", "http://evil.example/a b", "http://evil.example/a%20b"},
		{"non-ASCII escaped", "http://evil.example/ü", "http://evil.example/%C3%BC"},
		{"lone percent", "http://evil.example/100%", "http://evil.example/100%25"},
		{"dot segments", "http://evil.example/a/./b/../c", "http://evil.example/a/c"},
		{"dot dot above root", "http://evil.example/../a", "http://evil.example/a"},
		{"fragment dropped", "http://evil.example/a#frag", "http://evil.example/a"},
		{"query kept", "http://evil.example/a?x=1&y=%41", "http://evil.example/a?x=1&y=A"},
		{"empty query dropped", "http://evil.example/a?", "http://evil.example/a"},
		{"userinfo dropped", "http://bank.example@evil.example/a", "http://evil.example/a"},
		{"no scheme", "evil.example/login.php", "http://evil.example/login.php"},
		{"IPv6 host", "http://[2001:DB8::1]:8080/a", "http://[2001:db8::1]:8080/a"},
		{"IPv4 host", "http://203.0.113.7:80/", "http://203.0.113.7/"},
		{"IDN host", "http://bücher.example/", "http://xn--bcher-kva.example/"},
	} {
		got, _, ok := AppendURL(nil, []byte(tc.in))
		if !ok || string(got) != tc.want {
			t.Errorf("%s: AppendURL(%q) got %q (ok %v), want %q", tc.name, tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"http://", "http:///a", "http://evil..example/", "http://[::1/", "http://evil.example:8x/"} {
		if got, _, ok := AppendURL(nil, []byte(bad)); ok {
			t.Errorf("AppendURL(%q) = %q, want refusal", bad, got)
		}
	}
}

func TestURLParts(t *testing.T) {
	u, p, ok := AppendURL(nil, []byte("https://Mail.Evil.Example:8443/x?q=1"))
	if !ok {
		t.Fatal("refused")
	}
	if h := string(u[p.Host[0]:p.Host[1]]); h != "mail.evil.example" {
		t.Errorf("host got %q, want mail.evil.example", h)
	}
	if q := string(u[:p.Query]); q != "https://mail.evil.example:8443/x" {
		t.Errorf("without query got %q", q)
	}
}

func TestAppendEmail(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"Alice@Evil.Example", "alice@evil.example", true},
		{"<alice@evil.example>", "alice@evil.example", true},
		{"mailto:alice@evil.example", "alice@evil.example", true},
		{"alice@evil.example.", "alice@evil.example", true},
		{"alice", "", false},
		{"@evil.example", "", false},
		{"alice@", "", false},
		{"al ice@evil.example", "", false},
	} {
		got, _, ok := AppendEmail(nil, []byte(tc.in))
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("AppendEmail(%q) got %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAppendHash(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"D41D8CD98F00B204E9800998ECF8427E", "d41d8cd98f00b204e9800998ecf8427e", true},
		{"da39a3ee5e6b4b0d3255bfef95601890afd80709", "da39a3ee5e6b4b0d3255bfef95601890afd80709", true},
		{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", true},
		{"d41d8cd98f00b204e9800998ecf8427", "", false},  // 31 digits
		{"g41d8cd98f00b204e9800998ecf8427e", "", false}, // not hex
	} {
		got, ok := AppendHash(nil, []byte(tc.in))
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("AppendHash(%q) got %q %v, want %q %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
