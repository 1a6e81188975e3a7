package mail

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeMBOX writes an MBOX of n messages taken in turn from the samples
// (the malformed one included, so that errors cost what they cost), with
// Message-IDs made unique and "From " lines in bodies escaped, and returns
// its path and size.
func writeMBOX(b *testing.B, n int) (string, int64) {
	b.Helper()
	var samples [][]byte
	for _, name := range []string{"spearphish.eml", "newsletter.eml", "display-name.eml", "malformed.eml"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		samples = append(samples, bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")))
	}
	path := filepath.Join(b.TempDir(), "bench.mbox")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := 0; i < n; i++ {
		msg := string(samples[i%len(samples)])
		msg = strings.Replace(msg, "Message-ID: <", fmt.Sprintf("Message-ID: <%d.", i), 1)
		fmt.Fprintf(w, "From sender%d@example.com Mon Jul  1 09:00:00 2024\n", i)
		for _, line := range strings.SplitAfter(msg, "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, ">"), "From ") {
				w.WriteByte('>')
			}
			w.WriteString(line)
		}
		w.WriteString("\n")
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path, st.Size()
}

// BenchmarkReadMBOX reads a generated MBOX of 4,000 messages (about 9 MB)
// from disk; messages/s and MB/s are the figures to read.
func BenchmarkReadMBOX(b *testing.B) {
	const n = 4000
	path, size := writeMBOX(b, n)
	b.SetBytes(size)
	b.ReportAllocs()
	var msgs, errs int
	for b.Loop() {
		msgs, errs = 0, 0
		for m, err := range Messages(path, Limits{}) {
			if err != nil {
				errs++
				continue
			}
			msgs++
			_ = m
		}
	}
	if msgs+errs != n || errs != n/4 {
		b.Fatalf("read %d messages and %d errors, want %d and %d", msgs, errs, n-n/4, n/4)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "messages/s")
}

// BenchmarkParse is the cost of one message by sample.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"spearphish.eml", "newsletter.eml", "display-name.eml"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(raw, Limits{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
