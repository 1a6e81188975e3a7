package events

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"
)

// dnsLog makes n Zeek DNS lines shaped like real ones.
func dnsLog(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"ts":1730419200.%06d,"uid":"C%016x","id.orig_h":"10.20.%d.%d","id.orig_p":%d,"id.resp_h":"10.20.0.2","id.resp_p":53,"proto":"udp","trans_id":%d,"rtt":0.0123,"query":"host%d.example%d.org","qclass":1,"qclass_name":"C_INTERNET","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"Z":0,"answers":["93.184.%d.%d"],"TTLs":[3600.0],"rejected":false}`+"\n",
			i%1000000, i*7919, i%200, i%250, 1024+i%60000, i%65536, i%97, i%5000, i%250, i%200)
	}
	return b.Bytes()
}

// cpuSeconds is the CPU time this process has used, all threads: on a
// shared machine, events per CPU second is the honest per-core figure,
// where wall time counts the other processes' turns too.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func benchRead(b *testing.B, data []byte, opt Options) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var events int64
	var lines int64
	cpu0 := cpuSeconds()
	defer func() {
		cpu := cpuSeconds() - cpu0
		b.ReportMetric(float64(lines)*float64(b.N)/cpu, "lines/cpu-s")
		b.ReportMetric(float64(events)*float64(b.N)/cpu, "events/cpu-s")
	}()
	for b.Loop() {
		in, _ := Open("-", bytes.NewReader(data))
		st, err := Read(in, opt, Sink{Event: func(*Event) error { return nil }, SignIn: func(SignIn) {}})
		if err != nil {
			b.Fatal(err)
		}
		events, lines = st.Events, st.Lines
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(events)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkReadZeekDNS reads Zeek DNS JSON lines: the scan's hot path
// without the index.
func BenchmarkReadZeekDNS(b *testing.B) { benchRead(b, dnsLog(100000), Options{}) }

// BenchmarkReadEVE reads Suricata EVE DNS answers: nested objects,
// where the wanted values are members of members.
func BenchmarkReadEVE(b *testing.B) {
	var buf bytes.Buffer
	for i := range 100000 {
		fmt.Fprintf(&buf, `{"timestamp":"2024-11-01T00:00:%02d.%06d+0000","flow_id":%d,"in_iface":"eth0","event_type":"dns","src_ip":"10.20.%d.%d","src_port":%d,"dest_ip":"10.20.0.2","dest_port":53,"proto":"UDP","dns":{"version":3,"type":"answer","id":%d,"flags":"8180","qr":true,"rd":true,"ra":true,"rrname":"host%d.example%d.org","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"host%d.example%d.org","rrtype":"A","ttl":300,"rdata":"93.184.%d.%d"}]}}`+"\n",
			i%60, i%1000000, 1234567890123+i, i%200, i%250, 1024+i%60000, i%65536, i%97, i%5000, i%97, i%5000, i%250, i%200)
	}
	benchRead(b, buf.Bytes(), Options{})
}

// BenchmarkReadECS reads Elastic Common Schema DNS events, nested as
// Beats write them.
func BenchmarkReadECS(b *testing.B) {
	var buf bytes.Buffer
	for i := range 100000 {
		fmt.Fprintf(&buf, `{"@timestamp":"2024-11-01T00:00:%02d.%03dZ","ecs":{"version":"8.11.0"},"event":{"dataset":"network_traffic.dns","kind":"event"},"source":{"ip":"10.20.%d.%d","port":%d},"destination":{"ip":"10.20.0.2","port":53},"dns":{"question":{"name":"host%d.example%d.org","type":"A"},"answers":[{"name":"host%d.example%d.org","type":"A","data":"93.184.%d.%d"}]}}`+"\n",
			i%60, i%1000, i%200, i%250, 1024+i%60000, i%97, i%5000, i%97, i%5000, i%250, i%200)
	}
	benchRead(b, buf.Bytes(), Options{})
}

// BenchmarkReadEntraSignIn reads Entra ID sign-in records as Azure
// Monitor exports them: source addresses matched, failures kept for the
// password-spraying check.
func BenchmarkReadEntraSignIn(b *testing.B) {
	var buf bytes.Buffer
	for i := range 50000 {
		fmt.Fprintf(&buf, `{"time":"2024-11-01T02:%02d:%02d.0000000Z","resourceId":"/tenants/4f5e6d7c/providers/Microsoft.aadiam","operationName":"Sign-in activity","category":"SignInLogs","resultType":"50126","resultSignature":"None","callerIpAddress":"203.0.%d.%d","properties":{"id":"8a3c1b2e-%04d","createdDateTime":"2024-11-01T02:%02d:%02dZ","userPrincipalName":"user%d@campaign2024.example","ipAddress":"203.0.%d.%d","status":{"errorCode":50126,"failureReason":"Error validating credentials due to invalid username or password."}}}`+"\n",
			i/60%60, i%60, i%200, i%250, i%10000, i/60%60, i%60, i%300, i%200, i%250)
	}
	benchRead(b, buf.Bytes(), Options{})
}

// BenchmarkReadOkta reads Okta System Log sign-in events.
func BenchmarkReadOkta(b *testing.B) {
	var buf bytes.Buffer
	for i := range 50000 {
		fmt.Fprintf(&buf, `{"uuid":"6513270e-269e-0d37-f2a7-%012d","published":"2024-11-01T02:%02d:%02d.000Z","eventType":"user.session.start","version":"0","severity":"WARN","legacyEventType":"core.user_auth.login_failed","displayMessage":"User login to Okta","actor":{"id":"unknown","type":"User","alternateId":"user%d@party.example","displayName":"unknown"},"client":{"userAgent":{"rawUserAgent":"python-requests/2.31","os":"Unknown","browser":"UNKNOWN"},"zone":"null","device":"Unknown","ipAddress":"198.51.%d.%d","geographicalContext":{"city":"Amsterdam","country":"Netherlands"}},"outcome":{"result":"FAILURE","reason":"INVALID_CREDENTIALS"},"request":{"ipChain":[{"ip":"198.51.%d.%d","version":"V4"}]},"target":[]}`+"\n",
			i, i/60%60, i%60, i%300, i%200, i%250, i%200, i%250)
	}
	benchRead(b, buf.Bytes(), Options{})
}

// BenchmarkReadZeekDNSGzip and BenchmarkReadZeekDNSZstd read the Zeek
// lines compressed, as rotated logs are kept: the cost of undoing it.
func BenchmarkReadZeekDNSGzip(b *testing.B) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(dnsLog(100000))
	zw.Close()
	benchRead(b, buf.Bytes(), Options{})
}

func BenchmarkReadZeekDNSZstd(b *testing.B) {
	zw, err := zstd.NewWriter(nil)
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, zw.EncodeAll(dnsLog(100000), nil), Options{})
}

// BenchmarkReadJSONField reads the same lines with one --field path.
func BenchmarkReadJSONField(b *testing.B) {
	benchRead(b, dnsLog(100000), Options{Format: FormatJSON, Fields: []Field{{"query", Domain, RoleMatch}}})
}

func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("time,client,query,answer\n")
	for i := range 100000 {
		fmt.Fprintf(&buf, "2024-11-01T00:00:%02dZ,10.0.%d.%d,host%d.example%d.org,93.184.%d.%d\n", i%60, i%200, i%250, i%97, i%5000, i%250, i%200)
	}
	benchRead(b, buf.Bytes(), Options{Format: FormatCSV, Fields: []Field{{"query", Domain, RoleMatch}, {"answer", IP, RoleMatch}}})
}

func BenchmarkReadLines(b *testing.B) {
	var buf bytes.Buffer
	for i := range 100000 {
		fmt.Fprintf(&buf, "host%d.example%d.org\n", i%97, i%5000)
	}
	benchRead(b, buf.Bytes(), Options{Format: FormatLines})
}

func BenchmarkReadFreeText(b *testing.B) {
	var buf bytes.Buffer
	for i := range 20000 {
		fmt.Fprintf(&buf, "On day %d the actor used hxxps://login-%d[.]example-vote[.]com/path and 198.51.100[.]%d for staging.\n", i, i%97, i%250)
	}
	benchRead(b, buf.Bytes(), Options{Format: FormatLines})
}

func BenchmarkExtract(b *testing.B) {
	x := NewExtractor(NewPaths([]string{"query", "id.orig_h", "id.resp_h", "answers"}))
	line := bytes.SplitN(dnsLog(1), []byte("\n"), 2)[0]
	b.SetBytes(int64(len(line)))
	emit := func(int, []byte, bool) {}
	cpu0 := cpuSeconds()
	for b.Loop() {
		x.Extract(line, emit)
	}
	b.ReportMetric(float64(b.N)/(cpuSeconds()-cpu0), "lines/cpu-s")
}
