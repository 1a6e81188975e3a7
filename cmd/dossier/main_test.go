package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestHugeHeapFirst: package hugeheap marks the heap for huge pages in
// its init, which pays only if it runs before the packages that build
// large tables at init time. The test binary (which imports what the
// command imports) is run again with GODEBUG=inittrace=1, which prints
// one line per package initialised, in order.
func TestHugeHeapFirst(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run", "^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	at := map[string]int{}
	n := 0
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			at[f[1]] = n
			n++
		}
	}
	const me = "github.com/dossier-cti/dossier/internal/hugeheap"
	first, ok := at[me]
	if !ok {
		t.Fatalf("no init of %s in the trace:\n%s", me, out)
	}
	for _, later := range []string{
		"github.com/dossier-cti/dossier/internal/extract",
		"github.com/dossier-cti/dossier/internal/extract/names",
		"github.com/dossier-cti/dossier/internal/stix",
		"github.com/dossier-cti/dossier/internal/geo",
		"github.com/yuin/goldmark/extension",
		"github.com/mtibben/confusables",
		"github.com/ledongthuc/pdf",
	} {
		k, ok := at[later]
		if !ok {
			t.Errorf("no init of %s in the trace", later)
			continue
		}
		if k < first {
			t.Errorf("%s is initialised before %s (%d, %d): its tables are in small pages", later, me, k, first)
		}
	}
}
