package stix

import (
	"bufio"
	"io"
	"os"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
)

func BenchmarkReaderATTACK(b *testing.B) {
	path := shareddata.Path(b, "attack/enterprise-attack-18.1.json")
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := NewReader(bufio.NewReaderSize(f, 1<<16), DefaultLimits)
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		f.Close()
		if n != 24772 {
			b.Fatalf("got %d objects, want 24772", n)
		}
	}
}
