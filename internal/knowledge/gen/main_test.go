package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/knowledge/build"
	"github.com/dossier-cti/dossier/internal/shareddata"
)

func TestRunUsage(t *testing.T) {
	embedgen.CheckUsage(t, run, "enterprise-attack-18.1.json")
}

// TestRunWrites checks that gen writes what package build makes, the pack,
// the whole objects and their index, and says what it wrote.
func TestRunWrites(t *testing.T) {
	dir := shareddata.Dir(t, build.Inputs()...)
	p, err := build.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	objects, err := build.Objects(dir)
	if err != nil {
		t.Fatal(err)
	}
	index, err := knowledge.IndexObjects(objects)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"-o": knowledge.Encode(p), "-objects": objects, "-objects-index": index}
	args := []string{"-data", dir}
	tmp := t.TempDir()
	for flag := range want {
		args = append(args, flag, filepath.Join(tmp, flag[1:]))
	}
	var stderr bytes.Buffer
	if err := run(args, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	for flag, w := range want {
		got, err := os.ReadFile(filepath.Join(tmp, flag[1:]))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, w) {
			t.Errorf("gen %s wrote %d bytes, want the %d bytes package build makes", flag, len(got), len(w))
		}
	}
	for _, frag := range []string{"191 groups", "166 Microsoft names", "4 sources; ", "2739 objects; ", "their index"} {
		if !strings.Contains(stderr.String(), frag) {
			t.Errorf("gen's report %q lacks %q", stderr.String(), frag)
		}
	}
}
