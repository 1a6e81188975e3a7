package mail

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// result is one yield of Messages, as the golden files hold it.
type result struct {
	Message *Message `json:",omitempty"`
	Error   string   `json:",omitempty"`
}

func readAll(t testing.TB, path string, lim Limits) []result {
	t.Helper()
	var out []result
	for m, err := range Messages(path, lim) {
		r := result{Message: m}
		if err != nil {
			r.Error = err.Error()
		}
		out = append(out, r)
	}
	return out
}

// TestGolden reads every sample in testdata and compares all that is
// extracted with testdata/NAME.golden.json; go test -update rewrites them
// for review in the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if ext := filepath.Ext(f); ext != ".eml" && ext != ".mbox" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			got, err := json.MarshalIndent(readAll(t, f, Limits{}), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, filepath.Ext(f)) + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test -update and review the diff\ngot:\n%s", f, golden, got)
			}
		})
	}
	if n < 5 {
		t.Fatalf("found %d samples in testdata, want at least 5", n)
	}
}

func readOne(t *testing.T, path string) *Message {
	t.Helper()
	rs := readAll(t, path, Limits{})
	if len(rs) != 1 || rs[0].Message == nil {
		t.Fatalf("Messages(%s) = %+v, want one message", path, rs)
	}
	return rs[0].Message
}

func findings(m *Message, c Check) []Finding {
	var out []Finding
	for _, f := range m.Findings {
		if f.Check == c {
			out = append(out, f)
		}
	}
	return out
}

// TestSpearphish states what the golden file holds for the spearphish, so
// that a careless -update cannot lose it.
func TestSpearphish(t *testing.T) {
	m := readOne(t, "testdata/spearphish.eml")
	if m.MessageIDDomain != "smtp.mail-campaign2024.top" {
		t.Errorf("MessageIDDomain = %q", m.MessageIDDomain)
	}
	if m.Subject != "Action required: your campaign account will be suspended" {
		t.Errorf("Subject = %q (encoded word not decoded?)", m.Subject)
	}
	var relays []string
	for _, r := range m.Relays {
		relays = append(relays, fmt.Sprintf("%s[%d] %s", r.Field, r.Hop, r.IP))
	}
	if want := []string{"Received[0] 127.0.0.1", "Received[1] 198.51.100.23", "Received[2] 2001:db8:4f1::17"}; !slices.Equal(relays, want) {
		t.Errorf("relays = %q, want %q", relays, want)
	}
	idn := "https://xn--cmpaign2024-yij.com/sso/verify?u=j.miller"
	var sawHref, sawText bool
	for _, l := range m.Links {
		if l.URL == idn && l.Field == "href" && l.Text == "https://cаmpaign2024.com/sso/verify" && l.Part == "1.2" {
			sawHref = true
		}
		if l.URL == idn && l.Field == "text/plain" && l.Host == "xn--cmpaign2024-yij.com" {
			sawText = true
		}
		if strings.Contains(l.URL, "://mpaign") || strings.HasPrefix(l.URL, "mpaign") {
			t.Errorf("a piece of the IDN link was read as a URL: %+v", l)
		}
		if strings.Contains(l.URL, "tracker") {
			t.Errorf("a URL inside <script> was taken: %+v", l)
		}
	}
	if !sawHref || !sawText {
		t.Errorf("IDN link: in href %v, in text %v; links %+v", sawHref, sawText, m.Links)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Name != "Briefing_Notes_Thursday.pdf" ||
		m.Attachments[0].SHA256 != "1122ac2930dd93a41f602b1e293991b28e8edef80ef347ce14845de97b84db14" || m.Attachments[0].Size != 117 {
		t.Errorf("attachments = %+v", m.Attachments)
	}
	if f := findings(m, ReplyToMismatch); len(f) != 1 || f[0].Value != "c2024.it.helpdesk@gmail.com" {
		t.Errorf("reply-to findings = %+v", f)
	}
	if f := findings(m, LinkTextMismatch); len(f) != 1 || f[0].Value != "https://docs-campaign2024.net/reset?ref=C24-5531" ||
		!strings.Contains(f[0].Reason, "shows portal.campaign2024.com, but the link goes to docs-campaign2024.net") {
		t.Errorf("link-text findings = %+v", f)
	}
	var auth []string
	for _, f := range findings(m, AuthFailure) {
		auth = append(auth, f.Value)
	}
	if want := []string{"spf=softfail", "dmarc=fail"}; !slices.Equal(auth, want) {
		t.Errorf("auth findings = %q, want %q (dkim=none is an absence, not a failure)", auth, want)
	}
	if len(m.Problems) != 0 {
		t.Errorf("problems = %q", m.Problems)
	}
}

func TestDisplayName(t *testing.T) {
	m := readOne(t, "testdata/display-name.eml")
	f := findings(m, DisplayNameAddress)
	if len(f) != 1 || !strings.Contains(f[0].Reason, "display name shows security@paypal.com, but the address is service@paypa1-service.com") {
		t.Errorf("display-name findings = %+v", f)
	}
	if m.Subject != "Reçu : paiement en attente" {
		t.Errorf("Subject = %q: ISO-8859-1 encoded word not decoded", m.Subject)
	}
	if len(m.Addresses) != 1 || m.Addresses[0].Name != "security@paypal.com (Sécurité PayPal)" {
		t.Errorf("addresses = %+v", m.Addresses)
	}
	if len(m.Links) != 1 || m.Links[0].URL != "https://paypa1-service.com/confirm?id=88213" {
		t.Errorf("links = %+v: quoted-printable soft break not joined?", m.Links)
	}
	if len(m.Relays) != 2 || m.Relays[1].Field != "X-Originating-IP" || m.Relays[1].IP != netip.MustParseAddr("192.0.2.44") {
		t.Errorf("relays = %+v", m.Relays)
	}
}

func TestNewsletterIsClean(t *testing.T) {
	m := readOne(t, "testdata/newsletter.eml")
	if len(m.Findings) != 0 {
		t.Errorf("a clean newsletter has findings: %+v", m.Findings)
	}
	if len(m.Links) < 6 {
		t.Errorf("links = %+v, want the text and HTML links", m.Links)
	}
}

func TestMalformedEML(t *testing.T) {
	rs := readAll(t, "testdata/malformed.eml", Limits{})
	if len(rs) != 1 || rs[0].Message != nil {
		t.Fatalf("got %+v, want one error", rs)
	}
	for _, want := range []string{"testdata/malformed.eml", "message 1", "line 1", "malformed MIME header line"} {
		if !strings.Contains(rs[0].Error, want) {
			t.Errorf("error %q does not say %q", rs[0].Error, want)
		}
	}
}

func TestMBOX(t *testing.T) {
	rs := readAll(t, "testdata/inbox.mbox", Limits{})
	if len(rs) != 4 {
		t.Fatalf("read %d results, want 4 (a bad message must not stop the rest): %+v", len(rs), rs)
	}
	var ids []string
	for _, r := range rs {
		if r.Message != nil {
			ids = append(ids, fmt.Sprintf("%d:%d:%s", r.Message.Index, r.Message.Line, r.Message.MessageID))
		}
	}
	if want := []string{"1:1:draft-1@mail.campaign2024.com", "3:29:leak-3@protonmail.example", "4:53:reply-4@mail.campaign2024.com"}; !slices.Equal(ids, want) {
		t.Errorf("messages (index:line:id) = %q, want %q", ids, want)
	}
	if want := "mail: testdata/inbox.mbox: message 2 (line 19, byte 655): header: malformed MIME header line: but this line is not a header"; rs[1].Error != want {
		t.Errorf("error = %q\n      want %q", rs[1].Error, want)
	}
	leak := rs[2].Message
	if len(leak.Links) != 1 || leak.Links[0].URL != "https://files-drop.org/d/8812" {
		t.Errorf("defanged link in the leak: %+v", leak.Links)
	}
	if len(leak.Problems) == 0 || len(leak.Attachments) != 1 || leak.Attachments[0].SHA256 != "" {
		t.Errorf("a truncated attachment must be kept with no hash and a problem: %+v %q", leak.Attachments, leak.Problems)
	}
}

func splitAll(t *testing.T, mbox string, lim Limits) []string {
	t.Helper()
	var out []string
	for raw, err := range splitMBOX(strings.NewReader(mbox), lim.withDefaults()) {
		if err != nil {
			t.Fatal(err)
		}
		s := fmt.Sprintf("%d@%d/%d:", raw.index, raw.line, raw.offset)
		if raw.err != nil {
			s += "error " + raw.err.Error()
		} else {
			s += string(raw.data)
		}
		out = append(out, s)
	}
	return out
}

func TestSplitMBOX(t *testing.T) {
	tests := []struct {
		name, mbox string
		lim        Limits
		want       []string
	}{
		{"mboxrd unescaping", "From a\nSubject: x\n\n>From here\n>>From there\n> From not\nFrom inside, not after a blank line\n\nFrom b\nSubject: y\n",
			Limits{}, []string{"1@1/0:Subject: x\n\nFrom here\n>From there\n> From not\nFrom inside, not after a blank line\n", "2@9/91:Subject: y\n"}},
		{"crlf", "From a\r\nSubject: x\r\n\r\nbody\r\n\r\nFrom b\r\nSubject: y\r\n",
			Limits{}, []string{"1@1/0:Subject: x\r\n\r\nbody\r\n", "2@6/30:Subject: y\r\n"}},
		{"no final newline", "From a\nSubject: x\n\nlast", Limits{}, []string{"1@1/0:Subject: x\n\nlast"}},
		{"text before the first From_ line", "junk\n\nFrom a\nS: 1\n", Limits{}, []string{"1@1/0:junk\n", "2@3/6:S: 1\n"}},
		{"over the limit, then fine", "From a\n" + strings.Repeat("x", 100) + "\n\nFrom b\nS: 1\n", Limits{MaxMessageBytes: 50},
			[]string{"1@1/0:error message larger than the limit (more than 50 bytes)", "2@4/109:S: 1\n"}},
		{"over-long line", "From a\n" + strings.Repeat("y", 200<<10) + "\n\nFrom b\nS: 1\n", Limits{MaxMessageBytes: 100 << 10},
			[]string{"1@1/0:error message larger than the limit (more than 102400 bytes)", "2@4/204809:S: 1\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitAll(t, tt.mbox, tt.lim); !slices.Equal(got, tt.want) {
				t.Errorf("split\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestMessagesDirectory(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(src, dst string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("testdata/spearphish.eml", filepath.Join(dir, "b.eml"))
	copyFile("testdata/malformed.eml", filepath.Join(dir, "a", "bad.EML"))
	copyFile("testdata/inbox.mbox", filepath.Join(dir, "c.mbox"))
	copyFile("testdata/newsletter.eml", filepath.Join(dir, "notes.txt")) // not read
	var got []string
	for m, err := range Messages(dir, Limits{}) {
		if err != nil {
			var me *MessageError
			if !errors.As(err, &me) {
				t.Errorf("error %v is not a *MessageError", err)
				continue
			}
			got = append(got, "error "+filepath.Base(me.Source))
			continue
		}
		got = append(got, filepath.Base(m.Source)+" "+m.MessageID)
	}
	want := []string{"error bad.EML", "b.eml 20240618131238.7f3a9c@smtp.mail-campaign2024.top",
		"c.mbox draft-1@mail.campaign2024.com", "error c.mbox", "c.mbox leak-3@protonmail.example", "c.mbox reply-4@mail.campaign2024.com"}
	if !slices.Equal(got, want) {
		t.Errorf("Messages(dir)\n got %q\nwant %q", got, want)
	}

	// Stopping the loop stops the reading.
	n := 0
	for range Messages(dir, Limits{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("loop ran %d times after break", n)
	}

	if rs := readAll(t, filepath.Join(dir, "missing.eml"), Limits{}); len(rs) != 1 || !strings.Contains(rs[0].Error, "missing.eml") {
		t.Errorf("missing file: %+v", rs)
	}
}

func TestLimits(t *testing.T) {
	nested := func(depth int) string {
		var b strings.Builder
		b.WriteString("From: a@example.com\nSubject: nest\nMIME-Version: 1.0\n")
		for i := 0; i < depth; i++ {
			fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\n\n--b%d\n", i, i)
		}
		b.WriteString("Content-Type: text/plain\n\nhello https://deep.example.com/x\n")
		for i := depth - 1; i >= 0; i-- {
			fmt.Fprintf(&b, "--b%d--\n", i)
		}
		return b.String()
	}
	many := func(parts int) string {
		var b strings.Builder
		b.WriteString("From: a@example.com\nContent-Type: multipart/mixed; boundary=\"x\"\n\n")
		for i := 0; i < parts; i++ {
			b.WriteString("--x\nContent-Type: text/plain\n\npart\n")
		}
		b.WriteString("--x--\n")
		return b.String()
	}
	tests := []struct {
		name string
		raw  string
		lim  Limits
		want error
	}{
		{"depth at the limit", nested(5), Limits{MaxDepth: 5}, nil},
		{"too deep", nested(6), Limits{MaxDepth: 5}, ErrTooDeep},
		{"parts at the limit", many(9), Limits{MaxParts: 10}, nil},
		{"too many parts", many(10), Limits{MaxParts: 10}, ErrTooManyParts},
		{"too large", many(3), Limits{MaxMessageBytes: 50}, ErrTooLarge},
		{"header too large", "From: a@example.com\nX-Pad: " + strings.Repeat("p", 2000) + "\n\nbody\n", Limits{MaxHeaderBytes: 1000}, ErrHeaderTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.raw), tt.lim)
			if !errors.Is(err, tt.want) {
				t.Errorf("Parse error %v, want %v", err, tt.want)
			}
		})
	}
	// The default depth is enough for real mail and stops a bomb.
	if _, err := Parse([]byte(nested(DefaultMaxDepth+1)), Limits{}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("nesting past the default: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	for _, raw := range []string{"", "\n\n", "just some text\nwithout a header\n", "hello: world\n\nbody\n"} {
		if m, err := Parse([]byte(raw), Limits{}); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", raw, m)
		}
	}
}

func TestAuthResults(t *testing.T) {
	tests := []struct {
		in   string
		want []string // method=result reason|props|comment
	}{
		{"mx.example.org; spf=pass smtp.mailfrom=a@example.org", []string{"spf=pass ||smtp.mailfrom=a@example.org|"}},
		{"mx.example.org 1; none", nil},
		{`mx.example.org; dkim=fail reason="signature; verification failed" header.d=example.org header.s=k1; dmarc=fail (p=reject) header.from=example.org`,
			[]string{"dkim=fail |signature; verification failed|header.d=example.org,header.s=k1|", "dmarc=fail ||header.from=example.org|p=reject"}},
		{"mx.example.org; dkim/1=PASS (good (nested) comment) header.i=@example.org", []string{"dkim=pass ||header.i=@example.org|good (nested) comment"}},
		{"mx.example.org; spf = softfail smtp.mailfrom = x@y.example; arc=none", []string{"spf=softfail ||smtp.mailfrom=x@y.example|", "arc=none |||"}},
		{"garbage without structure", nil},
		{"mx; =fail; dmarc=", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range parseAuthResults(tt.in, 0) {
			var props []string
			for k, v := range r.Props {
				props = append(props, k+"="+v)
			}
			slices.Sort(props)
			got = append(got, fmt.Sprintf("%s=%s |%s|%s|%s", r.Method, r.Result, r.Reason, strings.Join(props, ","), r.Comment))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("parseAuthResults(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestBracketedIPs(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"from a (a [203.0.113.5]) by b ([198.51.100.1])", "203.0.113.5 198.51.100.1"},
		{"from [IPv6:2001:db8::5] (unknown [IPv6:2001:DB8::5])", "2001:db8::5"},
		{"from x ([::ffff:192.0.2.1])", "192.0.2.1"},
		{"from x [not.an.ip] [999.1.1.1] [", ""},
		{"from x (x [fe80::1%eth0])", "fe80::1%eth0"},
	}
	for _, tt := range tests {
		var got []string
		for _, ip := range bracketedIPs(tt.in) {
			got = append(got, ip.String())
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("bracketedIPs(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestTextHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://portal.campaign2024.com/reset", "portal.campaign2024.com"},
		{"www.campaign2024.com", "www.campaign2024.com"},
		{" <https://user@Campaign2024.COM:8443/x> ", "campaign2024.com"},
		{"https://cаmpaign2024.com/sso", "xn--cmpaign2024-yij.com"},
		{"Log in at portal.campaign2024.com today", "portal.campaign2024.com"},
		{"http://203.0.113.9/x", "203.0.113.9"},
		{"portal.campaign2024.com/r?u=https://www.google.com/x", "portal.campaign2024.com"},
		{"https://portal.campaign2024.com/r?u=https://www.google.com/x", "portal.campaign2024.com"},
		{"Click here", ""},
		{"Read more...", ""},
		{"Mr.Smith", ""},
		{"README.txt", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := textHost(tt.in); got != tt.want {
			t.Errorf("textHost(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnwrap(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fdocs-campaign2024.net%2Freset&data=05%7C02&reserved=0", "https://docs-campaign2024.net/reset"},
		{"https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example.com_path&d=DwMF&c=x", "https://evil.example.com/path"},
		{"https://urldefense.com/v3/__https://evil.example.com/login?x=1__;!!ABC!def$", "https://evil.example.com/login?x=1"},
		{"https://www.google.com/url?q=https://evil.example.com/&sa=D", "https://evil.example.com/"},
		{"https://nam12.safelinks.protection.outlook.com/?url=javascript:alert(1)", ""},
		{"https://www.google.com/search?q=https://evil.example.com/", ""},
		{"https://www.party.org/?url=https://evil.example.com/", ""},
	}
	for _, tt := range tests {
		got, ok := unwrap(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("unwrap(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	var m Message
	m.addLink(Link{URL: tests[0].in, Host: "nam12.safelinks.protection.outlook.com", Field: "href"})
	if l := m.Links[0]; l.URL != tests[0].want || l.Host != "docs-campaign2024.net" || l.Wrapped != tests[0].in {
		t.Errorf("addLink kept %+v, want the target with the wrapper in Wrapped", l)
	}
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name   string
		header string
		html   string
		want   []Check
	}{
		{"same registrable domain is fine", "From: a@mail.party.org\nReply-To: b@party.org\n", "", nil},
		{"reply-to elsewhere", "From: a@party.org\nReply-To: b@party-org.example.com\n", "", []Check{ReplyToMismatch}},
		{"no from, no check", "Reply-To: b@example.com\nSubject: x\n", "", nil},
		{"display name with its own address", "From: \"a@party.org\" <A@party.org>\n", "", nil},
		{"display name with another address", "From: \"a@party.org\" <a@evil.example.com>\n", "", []Check{DisplayNameAddress}},
		{"link text matches", "From: a@party.org\n", `<a href="https://www.party.org/x">party.org</a>`, nil},
		{"link text is words", "From: a@party.org\n", `<a href="https://evil.example.com/x">Read the report</a>`, nil},
		{"link text elsewhere", "From: a@party.org\n", `<a href="https://evil.example.com/x">https://www.party.org/login</a>`, []Check{LinkTextMismatch}},
		{"link to an IP", "From: a@party.org\n", `<a href="http://203.0.113.9/x">www.party.org</a>`, []Check{LinkTextMismatch}},
		{"safe links unwrapped, same domain", "From: a@party.org\n",
			`<a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.party.org%2Fx&amp;data=05%7C01">https://www.party.org/x</a>`, nil},
		{"safe links unwrapped, other domain", "From: a@party.org\n",
			`<a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example.com%2Fx&amp;data=05">https://www.party.org/x</a>`, []Check{LinkTextMismatch}},
		{"mailto is no target", "From: a@party.org\n", `<a href="mailto:x@evil.example.com">www.party.org</a>`, nil},
		{"auth pass", "From: a@party.org\nAuthentication-Results: mx.party.org; spf=pass; dkim=pass; dmarc=pass\n", "", nil},
		{"auth none and neutral are no failures", "From: a@party.org\nAuthentication-Results: mx.party.org; spf=neutral; dkim=none; dmarc=none\n", "", nil},
		{"auth failures", "From: a@party.org\nAuthentication-Results: mx.party.org; spf=fail; dkim=permerror; dmarc=temperror\n", "",
			[]Check{AuthFailure, AuthFailure, AuthFailure}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := tt.header + "Subject: test\n"
			if tt.html != "" {
				raw += "Content-Type: text/html\n"
			}
			raw += "\n" + tt.html + "\n"
			m, err := Parse([]byte(raw), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []Check
			for _, f := range m.Findings {
				got = append(got, f.Check)
				if f.Reason == "" || f.Value == "" || f.Field == "" {
					t.Errorf("finding without field, value or reason: %+v", f)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("checks = %v, want %v (findings %+v)", got, tt.want, m.Findings)
			}
		})
	}
}

func TestForwardedAsAttachment(t *testing.T) {
	m := readOne(t, "testdata/forwarded.eml")
	if len(m.Findings) != 0 {
		t.Errorf("the forwarding message itself is clean, got %+v", m.Findings)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].ContentType != "message/rfc822" || m.Attachments[0].SHA256 == "" {
		t.Errorf("attachments = %+v, want the forwarded message hashed", m.Attachments)
	}
	if len(m.Attached) != 1 {
		t.Fatalf("attached = %d messages, want 1", len(m.Attached))
	}
	in := m.Attached[0]
	if in.Part != "2" || in.MessageID != "CAF8a1x3Yq=7pZ@paypa1-service.com" || len(findings(in, DisplayNameAddress)) != 1 {
		t.Errorf("attached message = part %q id %q findings %+v", in.Part, in.MessageID, in.Findings)
	}
	want := Observable{"email-addr", "attached message (part 2) From", "service@paypa1-service.com"}
	if !slices.Contains(m.Observables(), want) {
		t.Errorf("Observables() lacks %+v", want)
	}
}

func TestAttachedMessageBomb(t *testing.T) {
	msg := "From: a@example.com\nSubject: bottom\n\nhello\n"
	for i := 0; i < 30; i++ {
		msg = "From: a@example.com\nSubject: level\nContent-Type: message/rfc822\n\n" + msg
	}
	if _, err := Parse([]byte(msg), Limits{MaxDepth: 2}); !errors.Is(err, ErrTooDeep) {
		t.Errorf("30 nested messages with MaxDepth 2: error %v, want ErrTooDeep", err)
	}
	m, err := Parse([]byte(msg), Limits{MaxDepth: 40})
	if err != nil {
		t.Fatalf("30 nested messages with MaxDepth 40: %v", err)
	}
	// Read as messages down to maxAttachedLevels, hashed below.
	levels := 0
	for in := m; len(in.Attached) > 0; in = in.Attached[0] {
		levels++
		if len(in.Attachments) != 1 || in.Attachments[0].SHA256 == "" {
			t.Errorf("level %d: attachments %+v", levels, in.Attachments)
		}
	}
	if levels != maxAttachedLevels {
		t.Errorf("attached messages read %d levels deep, want %d", levels, maxAttachedLevels)
	}
}
