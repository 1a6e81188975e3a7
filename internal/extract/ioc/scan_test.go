package ioc

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

// prose is report text with no indicator in it, but with what looks like
// one: sentence ends, numbers, versions, dates, abbreviations, code.
const prose = `Iranian threat actors continue to violate the policy, trailing only behind Russia for the most
disruptions since 2017. As part of our regular updates (see Section 4.2.1), we are sharing
insights into a long-running campaign known as Endless Mayfly. About 41,000 accounts followed
one or more of these Pages; the network spent $107,300 on ads, e.g. in U.S. dollars. The operators,
i.e. the contractors, used version 2.4.1.9 of the tool on Windows 10.0.19045 and ASP.NET pages
with Node.js, on 2024.10.07 at 14:32:10 UTC. Mango backdoor (v1.1.1) and Win64/Packed.Enigma.BV
were seen; the report.pdf, index.html and config.json files were benign. OID 1.3.6.1.4.1.311 again.
`

func TestScan(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // "kind value" or "kind value defanged"
	}{
		{"nothing", prose, nil},
		{"ipv4 plain and defanged", "C2 at 45.141.152.19 and 45[.]141[.]152[.]18 and 192.0.2(.)1.",
			[]string{"ipv4 45.141.152.19", "ipv4 45.141.152.18 defanged", "ipv4 192.0.2.1 defanged"}},
		{"ipv4 not", "version 1.2.3.4, build 10.0.0.1, OID 2.5.4.3, 1.2.3.4.5, 256.1.1.1, 01.2.3.4, 2024.01.15, 0.6.2", nil},
		{"cidr", "ranges 10.0.0.0/8 and 198.51.100[.]0/24; not 10.0.0.0/33 or 1.2.3.4/24/x",
			[]string{"ipv4-cidr 10.0.0.0/8", "ipv4-cidr 198.51.100.0/24 defanged", "ipv4 10.0.0.0", "url 1.2.3.4/24/x"}},
		{"ipv6", "2001:0DB8::1, fe80::1/64, ::ffff:192.0.2.1 and not std::string, 12:30:45 or 00:1a:2b:3c:4d:5e",
			[]string{"ipv6 2001:db8::1", "ipv6-cidr fe80::1/64", "ipv6 ::ffff:192.0.2.1"}},
		{"domains", "Visit EXAMPLE.COM, evil[.]com, evil(.)net, evil{.}org, bad\\.ru, www[dot]bad[dot]ru, bad dot info, sub.domain.co.uk.",
			[]string{"domain example.com", "domain evil.com defanged", "domain evil.net defanged", "domain evil.org defanged",
				"domain bad.ru defanged", "domain www.bad.ru defanged", "domain bad.info defanged", "domain sub.domain.co.uk"}},
		{"idn", "xn--80ak6aa92e.com and xn--e1afmkfd.xn--p1ai, not пример.рф", []string{"domain xn--80ak6aa92e.com", "domain xn--e1afmkfd.xn--p1ai"}},
		{"not domains", "co.uk Example.COM end.It Tiny.HU MSIL/Agent.DJ console.info(x) this.name ASP.NET README.md clip.mov main.rs x.invalid a.local", nil},
		{"file-extension TLDs", "run setup.zip and install.sh; fetch evil[.]zip and www.example.zip",
			[]string{"filename setup.zip", "filename install.sh", "domain evil.zip defanged", "domain www.example.zip"}},
		{"doubled dot", "refreshauthtoken-default-rtdb..firebaseio.com", []string{"domain refreshauthtoken-default-rtdb.firebaseio.com"}},
		{"broken defangs", "miandfish.]store and example[.com", []string{"domain miandfish.store defanged", "domain example.com defanged"}},
		{"stray percent ends a url", "hxxp://evil[.]com/a%2Fb%0Xc and http://evil.org/x?q=100%",
			[]string{"url http://evil.com/a%2Fb defanged", "url http://evil.org/x?q=100"}},
		{"urls", "hxxps://evil[.]com/login.php?x=1, HTTP://Example.COM:8080/a(b)c) (https://en.wikipedia.org/wiki/Foo_(bar)) hxxp[:]//x[.]org/a[.]php meow://y.net [://] fxp://z.info/f",
			[]string{"url https://evil.com/login.php?x=1 defanged", "url http://example.com:8080/a(b)c",
				"url https://en.wikipedia.org/wiki/Foo_(bar)", "url http://x.org/a.php defanged", "url http://y.net defanged", "url ftp://z.info/f defanged"}},
		{"url forms", "https[://]a.com/x https[:]//b.com/y <https://c.com/z> [t](https://d.com/w) cdn[.]e.com/p/q.pdf)* http://[2001:db8::1]:8080/x",
			[]string{"url https://a.com/x defanged", "url https://b.com/y defanged", "url https://c.com/z", "url https://d.com/w",
				"url cdn.e.com/p/q.pdf defanged", "url http://[2001:db8::1]:8080/x"}},
		{"iri paths", "www[.]change[.]org/p/joão-lourenço-demita-se?x=1 and https://a.com/ünï—next and “https://b.com/ä”.",
			[]string{"url www.change.org/p/joão-lourenço-demita-se?x=1 defanged", "url https://a.com/ünï", "url https://b.com/ä"}},
		{"old social networks", "http://www.fotolog[.]com/g1h4wuiz6 and http://www.kiwibox[.]com/AfricanRugby/info/",
			[]string{"social http://www.fotolog.com/g1h4wuiz6 defanged", "social http://www.kiwibox.com/AfricanRugby/info/ defanged"}},
		{"url ends before an opener never closed", "http://www.welivesecurity.com/2017/05/09/sednit-decoy/[Sednit\n  adds two] and hxxp://evil[.]com/a(b c and https://x.org/p?a[0]=1",
			[]string{"url http://www.welivesecurity.com/2017/05/09/sednit-decoy/", "url http://evil.com/a defanged", "url https://x.org/p?a[0]=1"}},
		{"url commas and markdown escapes", "http://a.com/x.txt,url,IOCs and http://b.com/?ids=1,2 and http://c.store/install\\_flash\\_player.exe",
			[]string{"url http://a.com/x.txt", "url http://b.com/?ids=1,2", "url http://c.store/install_flash_player.exe"}},
		{"url needs a valid host", "http://localhost/x http://intranet/ http://x.notatld/", nil},
		{"email", "john.doe+x@Example.org, info[at]amc239[.]com, a[@]b.com, c(at)d(dot)net, consulate\\_ksa@gmail.com, git@github.com:org/repo.git, fr@nce",
			[]string{"email john.doe+x@example.org", "email info@amc239.com defanged", "email a@b.com defanged", "email c@d.net defanged",
				"email consulate_ksa@gmail.com"}},
		{"hashes", "d41d8cd98f00b204e9800998ecf8427e 098B9A6CE722311553E1D8AC5849BA1DC5834C52 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
			[]string{"md5 d41d8cd98f00b204e9800998ecf8427e", "sha1 098b9a6ce722311553e1d8ac5849ba1dc5834c52", "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}},
		{"not hashes", "098B9A6CE722311553E1D8AC5849BA1DC5834C52AA 12345678901234567890123456789012 license: 9C98D5D48F9EA32282C07700F23815A0 g41d8cd98f00b204e9800998ecf8427e", nil},
		{"hash named file", "d41d8cd98f00b204e9800998ecf8427e.exe", []string{"md5 d41d8cd98f00b204e9800998ecf8427e"}},
		// A hash a line break cuts in two is one hash; two hashes a line stay two.
		{"hash wrapped 40+24", "(SHA-256 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n4e5f60718293a4b5c6d7e8f9) was seen",
			[]string{"sha256 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}},
		{"hash wrapped 48+16 with CRLF and indent", "hash 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F6071\r\n    8293a4b5c6d7e8f9.",
			[]string{"sha256 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}},
		{"two md5s a line", "d41d8cd98f00b204e9800998ecf8427e\n0a1b2c3d4e5f60718293a4b5c6d7e8f9\n",
			[]string{"md5 d41d8cd98f00b204e9800998ecf8427e", "md5 0a1b2c3d4e5f60718293a4b5c6d7e8f9"}},
		{"not wrapped: a word after", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n4e5f60718293a4b5c6d7e8f9xyz here",
			[]string{"sha1 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d"}},
		{"not wrapped: a blank line between", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n\n4e5f60718293a4b5c6d7e8f9 here",
			[]string{"sha1 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d"}},
		{"not wrapped: a domain's start", "0000000000000000000000000000000A\n00000000.ac", // FuzzScan
			[]string{"md5 0000000000000000000000000000000a", "domain 00000000.ac"}},
		{"not wrapped: a date", "d41d8cd98f00b204e9800998ecf8427e\n20240501-x", []string{"md5 d41d8cd98f00b204e9800998ecf8427e"}},
		{"not wrapped: defanged", "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n4e5f60718293a4b5c6d7e8f9[.]ru",
			[]string{"sha1 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d", "domain 4e5f60718293a4b5c6d7e8f9.ru defanged"}},
		{"hash wrapped, a quotation mark after", "“0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n4e5f60718293a4b5c6d7e8f9”",
			[]string{"sha256 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}},
		{"not wrapped: a key", "key: 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d\n4e5f60718293a4b5c6d7e8f9", nil},
		{"cve and attack ids", "CVE-2021-44228, cve-2017-0199, CVE\u20132019\u20130708, Win32/Exploit.CVE-2015-1641.H, T1566.001 TA0001 G0059 S0001 M1017 DS0015 C0010 T1059",
			[]string{"cve CVE-2021-44228", "cve CVE-2017-0199", "cve CVE-2019-0708", "cve CVE-2015-1641",
				"attack-id T1566.001", "attack-id TA0001", "attack-id G0059", "attack-id S0001", "attack-id M1017", "attack-id DS0015", "attack-id C0010", "attack-id T1059"}},
		{"not attack ids", "TA2722 TA551 T9999 S3000 t1566 X1234 CVE-21-1 https://attack.mitre.org/techniques/T1566/001/",
			[]string{"url https://attack.mitre.org/techniques/T1566/001/"}},
		{"wallets", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
			[]string{"btc 1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "btc bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
				"eth 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "eth 0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"}},
		{"not wallets", "1BoatSLRHtKNngkdXEeobR76b53LETtpyX bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", nil},
		{"social urls", "https://twitter[.]com/changebeliever tiktok[.]com/@secularisrael hxxps://www[.]youtube[.]com/@All%C3%B4Afrique https://t[.]me/s/newsx https://www.facebook.com/profile.php?id=123 https://twitter.com/search?q=x",
			[]string{"social https://twitter.com/changebeliever defanged", "social tiktok.com/@secularisrael defanged",
				"social https://www.youtube.com/@All%C3%B4Afrique defanged", "social https://t.me/s/newsx defanged",
				"social https://www.facebook.com/profile.php?id=123", "url https://twitter.com/search?q=x"}},
		{"handles", "Our Telegram channel @news_now and the X accounts @a_b and @cd; Robert (@robert_leaks on Telegram); write to me @ home",
			[]string{"social @news_now", "social @a_b", "social @cd", "social @robert_leaks"}},
		{"handles need a platform", "meet @noon at the venue", nil},
		{"filenames", "SystemNetwork.exe, `Invoice 2024 (1).exe`, \"Debate Prep Notes.lnk\", C:\\Users\\Public\\evil.dll and Node.js",
			[]string{"filename SystemNetwork.exe", "filename Invoice 2024 (1).exe", "filename Debate Prep Notes.lnk", "filename evil.dll"}},
		{"listed file names", "File Names:\nExercise_Noble_Partner_16.rtf\nStatement by the Spokesperson on Ukraine.rtf\n\nThe attacker dropped the file evil.exe\n",
			[]string{"filename Exercise_Noble_Partner_16.rtf", "filename Statement by the Spokesperson on Ukraine.rtf", "filename evil.exe"}},
		{"registry keys", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run, HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon and HKLM:\\SYSTEM\\x. reg add \"HKLM\\Software\\Policies\\Windows Defender\\Real-Time Protection\" /v",
			[]string{"regkey HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
				"regkey HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
				"regkey HKEY_LOCAL_MACHINE\\SYSTEM\\x",
				"regkey HKEY_LOCAL_MACHINE\\Software\\Policies\\Windows Defender\\Real-Time Protection"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range Scan(tc.text) {
				s := fmt.Sprintf("%s %s", m.Kind, m.Value)
				if m.Defanged {
					s += " defanged"
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Scan(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestScanSpansAndSocial(t *testing.T) {
	text := "See hxxps://t[.]me/KodeshNews, and mail a[@]b.com."
	ms := Scan(text)
	if len(ms) != 2 {
		t.Fatalf("Scan(%q) = %v, want 2 matches", text, ms)
	}
	if got := text[ms[0].Start:ms[0].End]; got != "hxxps://t[.]me/KodeshNews" {
		t.Errorf("span %q, want the URL as written", got)
	}
	if ms[0].Platform != "telegram" || ms[0].Account != "KodeshNews" || ms[0].Host() != "t.me" {
		t.Errorf("got platform %q account %q host %q", ms[0].Platform, ms[0].Account, ms[0].Host())
	}
	if got := text[ms[1].Start:ms[1].End]; got != "a[@]b.com" || ms[1].Host() != "b.com" {
		t.Errorf("span %q host %q", got, ms[1].Host())
	}
}

func TestHost(t *testing.T) {
	for _, tc := range []struct {
		m    Match
		want string
	}{
		{Match{Kind: URL, Value: "https://user:pw@Example.com:8080/x?y#z"}, "Example.com"},
		{Match{Kind: URL, Value: "evil.com/login"}, "evil.com"},
		{Match{Kind: URL, Value: "http://[2001:db8::1]:80/"}, "2001:db8::1"},
		{Match{Kind: Social, Value: "@handle"}, ""},
		{Match{Kind: Email, Value: "a@b.org"}, "b.org"},
		{Match{Kind: Domain, Value: "b.org"}, ""},
	} {
		if got := tc.m.Host(); got != tc.want {
			t.Errorf("%+v.Host() got %q, want %q", tc.m, got, tc.want)
		}
	}
}

func TestKeccak256(t *testing.T) {
	got := fmt.Sprintf("%x", keccak256(nil))
	if want := "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"; got != want {
		t.Errorf("keccak256(\"\") got %s, want %s", got, want)
	}
}

// TestScanAllocs pins the allocations of Scan on text with no indicator:
// none, whatever the length.
func TestScanAllocs(t *testing.T) {
	text := strings.Repeat(prose, 50)
	if n := testing.AllocsPerRun(20, func() { Scan(text) }); n != 0 {
		t.Errorf("Scan on %d bytes of prose: %v allocations, want 0", len(text), n)
	}
}

// TestScanConcurrent scans from many goroutines at once: the memo of
// public-suffix answers is shared (run with -race).
func TestScanConcurrent(t *testing.T) {
	text := corpusText(t)
	want := len(Scan(text))
	done := make(chan int)
	for range 8 {
		go func() { done <- len(Scan(text)) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Scan found %d matches, want %d", got, want)
		}
	}
}

// TestScanInPieces: a long text read in pieces side by side, cut at line
// breaks, gives the matches of one pass over it: the labelled corpus and,
// where the shared data is present, every AnnoCTR report.
func TestScanInPieces(t *testing.T) {
	text := corpusText(t)
	if root, ok := shareddata.Root(); ok {
		files, _ := filepath.Glob(filepath.Join(root, "annoctr", "*", "texts", "*.txt"))
		text += shareddata.Join(t, "\n", files...)
	}
	want := scanInPieces(text, 1)
	if len(want) < 100 {
		t.Fatalf("only %d matches in %d bytes", len(want), len(text))
	}
	for _, pieces := range []int{2, 3, 8, 1000} {
		if got := scanInPieces(text, pieces); !slices.Equal(got, want) {
			t.Errorf("%d pieces: %d matches, one pass: %d", pieces, len(got), len(want))
			for i := range min(len(got), len(want)) {
				if got[i] != want[i] {
					t.Errorf("first difference at match %d: %+v, want %+v", i, got[i], want[i])
					break
				}
			}
		}
	}
}

// TestSchemeLen: a URL value's scheme is letters (then digits, "+", "-"
// or ".") before "://"; a "://" in a path after a schemeless host is
// none, and the host is read before it.
func TestSchemeLen(t *testing.T) {
	for _, c := range []struct {
		v    string
		want int
		host string
	}{
		{"https://evil.example/a", len("https://"), "evil.example"},
		{"hxxps://evil.example", len("hxxps://"), "evil.example"},
		{"svn+ssh://host.example/x", len("svn+ssh://"), "host.example"},
		{"00000.box/://", 0, "00000.box"},
		{"www.example.com/path?u=http://x.example", 0, "www.example.com"},
		{"://x.example", 0, ""},
		{"1http://x.example", 0, "1http"},
	} {
		if got := SchemeLen(c.v); got != c.want {
			t.Errorf("SchemeLen(%q) = %d, want %d", c.v, got, c.want)
		}
		if got := (Match{Kind: URL, Value: c.v}).Host(); got != c.host {
			t.Errorf("Host of %q = %q, want %q", c.v, got, c.host)
		}
	}
}
