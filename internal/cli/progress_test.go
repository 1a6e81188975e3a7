package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/ingest"
)

func TestProgressLine(t *testing.T) {
	p := &ingest.Progress{}
	name := "/data/enterprise-attack-18.1.json"
	p.Source.Store(&name)
	p.Sources.Store(2)
	p.SourceNum.Store(1)
	p.Total.Store(50_000_000)
	p.Bytes.Store(25_000_000)
	p.Objects.Store(12345)
	got := progressLine(p, 1500*time.Millisecond, 120)
	for _, want := range []string{"[1/2]", "enterprise-attack-18.1.json", " 50%", "25.0 MB/50.0 MB", "12,345 objects", "1.5s"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress line %q lacks %q", got, want)
		}
	}
	// Unknown size (stdin): no bar, no percentage.
	p.Total.Store(-1)
	if got := progressLine(p, time.Second, 120); strings.Contains(got, "%") {
		t.Errorf("progress line for an input of unknown size shows a percentage: %q", got)
	}
	// Never wider than the terminal.
	if got := progressLine(p, time.Second, 30); len([]rune(got)) >= 30 {
		t.Errorf("progress line %q is wider than 30 columns", got)
	}
}
