package scan

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/scan/index"
)

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// BenchmarkScanZeekDNS is the whole hot path of dossier scan: Zeek DNS
// JSON lines read, four values each (query, two addresses, an answer)
// matched against a million rules, one line in a thousand a hit.
func BenchmarkScanZeekDNS(b *testing.B) {
	bl := index.NewBuilder()
	for i := range 1000000 {
		var t index.Term
		if i < 850000 {
			t = index.Term{Table: index.TDomain, Value: fmt.Sprintf("h%d.bad%d.example.com", i%7, i)}
		} else {
			t = index.Term{Table: index.TIP, Value: fmt.Sprintf("%d.%d.%d.%d", 11+i%200, (i>>8)%256, (i>>16)%256, i%256)}
		}
		bl.AddRule(fmt.Sprintf("indicator--%08x-0000-4000-8000-000000000000", i), []index.Term{t})
	}
	ix := bl.Build(index.Info{})
	var log bytes.Buffer
	const lines = 200000
	for i := range lines {
		q := fmt.Sprintf("www.site%d.example%d.org", i%100000, i%7)
		if i%1000 == 500 {
			q = fmt.Sprintf("x.h%d.bad%d.example.com", i%7, i)
		}
		fmt.Fprintf(&log, `{"ts":1730419200.%06d,"uid":"C%015d","id.orig_h":"10.20.%d.%d","id.orig_p":%d,"id.resp_h":"10.20.0.2","id.resp_p":53,"proto":"udp","trans_id":%d,"rtt":0.012,"query":"%s","qclass":1,"qclass_name":"C_INTERNET","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"Z":0,"answers":["192.0.2.%d"],"TTLs":[300.0],"rejected":false}`+"\n",
			i%1000000, i, (i/250)%200, i%250, 1024+i%60000, i%65536, q, i%250)
	}
	data := log.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	alerts := 0
	runtime.GC() // the index build's garbage is not the scan's cost
	cpu0 := cpuSeconds()
	for b.Loop() {
		sc := New(ix, nil, SprayOptions{}, func(*Alert) error { alerts++; return nil })
		in, _ := events.Open("-", bytes.NewReader(data))
		if _, err := sc.ScanInput(context.Background(), in, events.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/(cpuSeconds()-cpu0), "lines/cpu-s")
	b.ReportMetric(float64(alerts)/float64(b.N), "alerts/op")
}
