package document

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fuzzOptions keep each fuzzed input small and quick.
var fuzzOptions = Options{MaxBytes: 1 << 20, MaxTextBytes: 1 << 20, MaxPages: 50, MaxTime: 2 * time.Second}

// seed adds the fixtures of testdata/dir to the corpus.
func seed(f *testing.F, dir string) {
	files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil && len(data) < 256<<10 {
			f.Add(data)
		}
	}
}

// fuzzRead reads data as name, checking that Read never panics and that
// what it returns keeps Document's promises.
func fuzzRead(t *testing.T, data []byte, name string) {
	// A hang becomes a crash, which the fuzzer reports with its input.
	done := make(chan bool)
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			panic("Read took over 30s")
		}
	}()
	d, err := Read(bytes.NewReader(data), name, fuzzOptions)
	if err != nil {
		if d != nil {
			t.Fatalf("a Document and an error")
		}
		return
	}
	checkInvariants(t, d)
}

func FuzzReadText(f *testing.F) {
	seed(f, "text")
	f.Add([]byte("a\r\nb\rc\x00\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "x.txt") })
}

func FuzzReadMarkdown(f *testing.F) {
	seed(f, "markdown")
	f.Add([]byte("# T\n\n| a | b |\n|---|---|\n| `x` | [y](http://y) |\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "x.md") })
}

func FuzzReadHTML(f *testing.F) {
	seed(f, "html")
	f.Add([]byte("<p>a<a href=x>b</a><table><tr><td>c<td>d</table><pre>e\n f</pre>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, append([]byte("<!DOCTYPE html>"), data...), "x.html")
	})
}

func FuzzReadPDF(f *testing.F) {
	seed(f, "pdf")
	f.Add(simplePDF("<< /Title (T) >>", textPage("Hello."), imagePage))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			data = append([]byte("%PDF-1.4\n"), data...)
		}
		fuzzRead(t, data, "x.pdf")
	})
}
