package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/knowledge/build"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

func TestRunUsage(t *testing.T) {
	embedgen.CheckUsage(t, run, "enterprise-attack-18.1.json")
}

// TestRunWrites checks that gen writes what package build makes, the pack
// and the whole objects, and says what it wrote.
func TestRunWrites(t *testing.T) {
	dir := shareddata.Dir(t, build.Inputs()...)
	p, err := build.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	pack, err := build.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	objects, err := build.Objects(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The pack is gzipped as embedgen compresses; the whole objects are
	// zstd-compressed as build.CompressObjects does.
	tmp := t.TempDir()
	packOut, objOut := filepath.Join(tmp, "pack.out"), filepath.Join(tmp, "objects.out")
	var stderr bytes.Buffer
	if err := run([]string{"-data", dir, "-o", packOut, "-objects", objOut}, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	zst, err := build.CompressObjects(objects)
	if err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string][]byte{packOut: embedgen.Compress(pack), objOut: zst} {
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("gen wrote %d bytes to %s, want the %d bytes package build makes", len(got), filepath.Base(file), len(want))
		}
	}
	for _, frag := range []string{"191 groups", "166 Microsoft names", "bytes of JSON", "gzipped", "objects; ", "zstd-compressed"} {
		if !strings.Contains(stderr.String(), frag) {
			t.Errorf("gen's report %q lacks %q", stderr.String(), frag)
		}
	}
}
