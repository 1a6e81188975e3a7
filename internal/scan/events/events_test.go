package events

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
)

type seen struct {
	line  int64
	field string
	value string
	kind  Kind
}

func (s seen) String() string { return fmt.Sprintf("%d %s=%s (%s)", s.line, s.field, s.value, s.kind) }

// readAll reads an input and returns its events as strings.
func readAll(t *testing.T, name string, data []byte, opt Options) ([]string, *Stats, []SignIn) {
	t.Helper()
	in, err := Open("-", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	in.Name = name
	var evs []string
	var sis []SignIn
	st, err := Read(in, opt, Sink{
		Event: func(e *Event) error {
			evs = append(evs, seen{e.Line, e.Field, string(e.Value), e.Kind}.String())
			return nil
		},
		SignIn: func(s SignIn) { sis = append(sis, s) },
	})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return evs, st, sis
}

func readFile(t *testing.T, name string, opt Options) ([]string, *Stats, []SignIn) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return readAll(t, name, data, opt)
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		file   string
		format Format
		want   []string // events that must be among those read
	}{
		{"zeek-dns.log", FormatZeek, []string{
			"1 query=www.example.org (domain)", "1 id.orig_h=10.20.1.15 (ip)", "1 answers=93.184.215.14 (ip)",
			"2 query=login.vote-ledger-secure-login.com (domain)", "2 answers=cdn.vote-ledger-secure-login.com (domain)",
			"3 query=café.example (domain)", // \u00e9 unescaped
		}},
		{"zeek-http.log", FormatZeek, []string{
			"1 host=election-update-news.com (domain)", "1 host+uri=http://election-update-news.com/ballot/update.php?id=7 (url)",
			"1 referrer=http://mail.example.net/inbox (url)", "1 id.resp_h=198.51.100.23 (ip)",
		}},
		{"zeek-conn.log", FormatZeek, []string{
			"1 id.orig_h=10.20.1.15 (ip)", "1 id.resp_h=198.51.100.23 (ip)", "2 id.resp_h=2001:db8:bad::7 (ip)",
		}},
		{"zeek-ssl.log", FormatZeek, []string{
			"1 server_name=login.vote-ledger-secure-login.com (domain)", "1 id.resp_h=198.51.100.23 (ip)",
		}},
		{"zeek-files.log", FormatZeek, []string{
			"1 sha256=2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 (hash)", "1 md5=5d41402abc4b2a76b9719d911017c592 (hash)",
			"1 tx_hosts=198.51.100.23 (ip)",
		}},
		{"eve.json", FormatEVE, []string{
			"1 dns.queries.rrname=Mail.Vote-Ledger-Secure-Login.com (domain)", "1 src_ip=10.20.1.15 (ip)",
			"2 dns.rrname=mail.vote-ledger-secure-login.com (domain)", "2 dns.answers.rdata=198.51.100.23 (ip)",
			"3 tls.sni=election-update-news.com (domain)", "4 http.hostname+uri=http://election-update-news.com/ballot/ (url)",
		}},
		{"ecs.json", FormatECS, []string{
			"1 dns.question.name=vote-ledger-secure-login.com (domain)", "1 dns.answers.data=198.51.100.23 (ip)", "1 source.ip=10.20.1.15 (ip)",
			"2 url.full=https://Election-Update-News.com:443/ballot/?utm=1 (url)", "2 source.ip=10.20.1.17 (ip)", // dotted keys
		}},
		{"entra-signins.json", FormatEntra, []string{"1 ipAddress=131.107.159.37 (ip)", "2 properties.ipAddress=203.0.113.77 (ip)", "2 callerIpAddress=203.0.113.77 (ip)"}},
		{"okta-spray.json", FormatOkta, []string{"1 client.ipAddress=198.51.100.66 (ip)", "1 request.ipChain.ip=198.51.100.66 (ip)"}},
	} {
		evs, st, _ := readFile(t, tc.file, Options{})
		if st.Format != tc.format {
			t.Errorf("%s: format %q, want %q", tc.file, st.Format, tc.format)
		}
		if st.Malformed.Count != 0 {
			t.Errorf("%s: malformed %v", tc.file, st.Malformed.First)
		}
		for _, w := range tc.want {
			if !slices.Contains(evs, w) {
				t.Errorf("%s: no event %q in\n%s", tc.file, w, strings.Join(evs, "\n"))
			}
		}
	}
}

func TestSignIns(t *testing.T) {
	_, st, sis := readFile(t, "okta-spray.json", Options{})
	if st.SignIns != 24 {
		t.Errorf("okta: %d sign-ins, want 24 (the admin event is none)", st.SignIns)
	}
	fails := 0
	for _, s := range sis {
		if !s.OK {
			fails++
		}
		if s.Time.IsZero() || !s.IP.IsValid() || s.User == "" {
			t.Errorf("okta: incomplete sign-in %+v", s)
		}
	}
	if fails != 23 {
		t.Errorf("okta: %d failures, want 23", fails)
	}
	_, _, sis = readFile(t, "entra-signins.json", Options{})
	if len(sis) != 2 || !sis[0].OK || sis[1].OK || sis[1].User != "ana@campaign2024.example" || sis[1].IP.String() != "203.0.113.77" {
		t.Errorf("entra: %+v", sis)
	}
}

func TestFields(t *testing.T) {
	data := []byte(`{"dns":{"rrname":"a.example","x":{"rrname":"no.example"}},"n":[{"h":"10.0.0.1"},{"h":"b.example"}]}` + "\n")
	evs, st, _ := readAll(t, "custom", data, Options{Fields: []Field{{"dns.rrname", Domain, RoleMatch}, {"n.h", Any, RoleMatch}}})
	want := []string{"1 dns.rrname=a.example (domain)", "1 n.h=10.0.0.1 (ip)", "1 n.h=b.example (domain)"}
	if st.Format != FormatJSON || !slices.Equal(evs, want) {
		t.Errorf("got %s %v, want %v", st.Format, evs, want)
	}
	// Unknown JSON without fields is an error that says what to do.
	in, _ := Open("-", bytes.NewReader(data))
	if _, err := Read(in, Options{}, Sink{Event: func(*Event) error { return nil }}); err == nil || !strings.Contains(err.Error(), "--field") {
		t.Errorf("unknown JSON without --field: %v", err)
	}
}

func TestMalformedLines(t *testing.T) {
	var b strings.Builder
	good := `{"ts":1.0,"uid":"C1","id.orig_h":"10.0.0.1","query":"ok%d.example"}` + "\n"
	for i := 1; i <= 30; i++ {
		switch {
		case i%3 == 0:
			b.WriteString(`{"ts":1.0,"uid":"C1","query":"cut` + "\n") // truncated
		case i == 10:
			b.WriteString("\n") // blank: not malformed
		default:
			fmt.Fprintf(&b, good, i)
		}
	}
	b.WriteString(`{"ts":1.0,"uid":"C","query":"` + strings.Repeat("a", MaxLineBytes) + `"}` + "\n")
	fmt.Fprintf(&b, good, 99)
	evs, st, _ := readAll(t, "m.log", []byte(b.String()), Options{Format: FormatZeek})
	if st.Malformed.Count != 11 {
		t.Errorf("malformed %d, want 11", st.Malformed.Count)
	}
	if len(st.Malformed.First) != MaxMalformedKept || st.Malformed.First[0].Line != 3 || st.Malformed.First[1].Line != 6 {
		t.Errorf("first malformed: %v", st.Malformed.First)
	}
	if st.Lines != 32 {
		t.Errorf("lines %d, want 32", st.Lines)
	}
	if !slices.Contains(evs, "32 query=ok99.example (domain)") {
		t.Errorf("the line after the long one was lost: %v", evs[len(evs)-2:])
	}
	last := st.Malformed.First[len(st.Malformed.First)-1]
	if last.Line != 30 || !strings.Contains(last.Reason, "not valid JSON") {
		t.Errorf("10th malformed line: %+v", last)
	}
}

func TestLongLineReported(t *testing.T) {
	data := "www.example.org\n" + strings.Repeat("x", MaxLineBytes+10) + "\nevil.example\n"
	evs, st, _ := readAll(t, "l.txt", []byte(data), Options{})
	if st.Malformed.Count != 1 || st.Malformed.First[0].Line != 2 || !strings.Contains(st.Malformed.First[0].Reason, "longer than") {
		t.Errorf("malformed: %+v", st.Malformed)
	}
	if !slices.Equal(evs, []string{"1 line=www.example.org (domain)", "3 line=evil.example (domain)"}) {
		t.Errorf("events: %v", evs)
	}
}

func TestLines(t *testing.T) {
	data := "# a blocklist\nevil.example\n203.0.113.7\nhttp://evil.example/a\nx@evil.example\n" +
		"d41d8cd98f00b204e9800998ecf8427e\n" +
		"The actor used hxxps://bad-site[.]com/login and 198.51.100[.]9 in the campaign.\n" +
		"nothing to see here\n"
	evs, st, _ := readAll(t, "list.txt", []byte(data), Options{})
	want := []string{
		"2 line=evil.example (domain)", "3 line=203.0.113.7 (ip)", "4 line=http://evil.example/a (url)",
		"5 line=x@evil.example (email)", "6 line=d41d8cd98f00b204e9800998ecf8427e (hash)",
		"7 text=https://bad-site.com/login (url)", "7 text=198.51.100.9 (ip)",
	}
	if st.Format != FormatLines {
		t.Errorf("format %s", st.Format)
	}
	for _, w := range want {
		if !slices.Contains(evs, w) {
			t.Errorf("no %q in %v", w, evs)
		}
	}
}

func TestCSV(t *testing.T) {
	data := "time,client,query,answer\n" +
		"2024-11-01T00:00:00Z,10.0.0.1,evil.example,203.0.113.7\n" +
		"2024-11-01T00:00:01Z,10.0.0.2,\"quoted.example\",\n" +
		"2024-11-01T00:00:02Z,10.0.0.3,\"bad\"quote\"x,1.2.3.4\n" +
		"2024-11-01T00:00:03Z,10.0.0.4,after.example,\n"
	evs, st, _ := readAll(t, "p.csv", []byte(data), Options{Format: FormatCSV, Fields: []Field{{"query", Any, RoleMatch}}})
	want := []string{"2 query=evil.example (domain)", "3 query=quoted.example (domain)", "5 query=after.example (domain)"}
	if !slices.Equal(evs, want) {
		t.Errorf("got %v, want %v", evs, want)
	}
	if st.Malformed.Count != 1 || st.Malformed.First[0].Line != 4 {
		t.Errorf("malformed CSV: %+v", st.Malformed)
	}
	// A quote left open at the end is one malformed record, not a panic
	// (csv.Reader.FieldPos panics when asked after such a read).
	evs, st, _ = readAll(t, "p.csv", []byte(data+"\"2024-11-01T00:00:04Z,10.0.0.5,open.example"), Options{Format: FormatCSV, Fields: []Field{{"query", Any, RoleMatch}}})
	if !slices.Equal(evs, want) || st.Malformed.Count != 2 || st.Malformed.First[1].Line != 6 {
		t.Errorf("open quote at the end: %v, malformed %+v", evs, st.Malformed)
	}
	in, _ := Open("-", strings.NewReader(data))
	if _, err := Read(in, Options{Format: FormatCSV, Fields: []Field{{"qname", Any, RoleMatch}}}, Sink{Event: func(*Event) error { return nil }}); err == nil || !strings.Contains(err.Error(), "query") {
		t.Errorf("missing column: %v", err)
	}
	// No --field: every column.
	evs, _, _ = readAll(t, "p.csv", []byte(data), Options{Format: FormatCSV})
	if !slices.Contains(evs, "2 answer=203.0.113.7 (ip)") || !slices.Contains(evs, "2 client=10.0.0.1 (ip)") {
		t.Errorf("all columns: %v", evs)
	}
}

func TestCompressed(t *testing.T) {
	plain, err := os.ReadFile("testdata/zeek-dns.log")
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := readAll(t, "x", plain, Options{})
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(plain)
	zw.Close()
	var zs bytes.Buffer
	enc, _ := zstd.NewWriter(&zs)
	enc.Write(plain)
	enc.Close()
	for name, data := range map[string][]byte{"gzip": gz.Bytes(), "zstd": zs.Bytes()} {
		got, st, _ := readAll(t, "x", data, Options{})
		if string(st.Compression) != name || !slices.Equal(got, want) {
			t.Errorf("%s: compression %q, %d events, want %d", name, st.Compression, len(got), len(want))
		}
	}
	// A corrupt gzip stream is an error naming the input, not a panic.
	bad := append([]byte(nil), gz.Bytes()[:len(gz.Bytes())/2]...)
	in, err := Open("-", bytes.NewReader(bad))
	if err == nil {
		_, err = Read(in, Options{}, Sink{Event: func(*Event) error { return nil }})
	}
	if err == nil {
		t.Error("truncated gzip read without error")
	}
}

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want Kind
	}{
		{"evil.example", Domain}, {"EVIL.example.", Domain}, {"203.0.113.7", IP}, {"203.0.113.7:443", IP},
		{"2001:db8::1", IP}, {"[2001:db8::1]:443", IP}, {"http://x.example/", URL}, {"x.example/a.php", URL},
		{"a@b.example", Email}, {"d41d8cd98f00b204e9800998ecf8427e", Hash}, {"1.2.3", Unknown},
		{"hello", Unknown}, {"", Unknown}, {"999.1.1.1", Unknown}, {"bücher.example", Domain},
	} {
		if got := Classify([]byte(tc.v)); got != tc.want {
			t.Errorf("Classify(%q) got %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"1730419200.123456", "2024-11-01T00:00:00.123456Z"},
		{"1730419200", "2024-11-01T00:00:00Z"},
		{"2024-11-01T00:00:03.000123+0000", "2024-11-01T00:00:03.000123Z"},
		{"2024-11-01T02:00:03.5+02:00", "2024-11-01T00:00:03.5Z"},
		{"2024-11-01T00:00:06.000Z", "2024-11-01T00:00:06Z"},
	} {
		got, ok := ParseTime([]byte(tc.in))
		if !ok || got.Format(time.RFC3339Nano) != tc.want {
			t.Errorf("ParseTime(%q) got %v %v, want %s", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "-5", "1e20", "2024-13-01T00:00:00Z"} {
		if got, ok := ParseTime([]byte(bad)); ok {
			t.Errorf("ParseTime(%q) = %v", bad, got)
		}
	}
}

func TestEventTime(t *testing.T) {
	var times []string
	in, _ := Open("testdata/eve.json", nil)
	defer in.Close()
	Read(in, Options{}, Sink{Event: func(e *Event) error { times = append(times, string(e.Time)); return nil }})
	if len(times) == 0 || times[0] != "2024-11-01T00:00:03.000123+0000" {
		t.Errorf("times %v", times)
	}
}
