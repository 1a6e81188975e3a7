package main

import (
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
	embedgen.CheckWrites(t, run, dir, map[string][]byte{"-o": pack, "-objects": objects},
		"191 groups", "166 Microsoft names", "bytes of JSON", "gzipped", "objects; ", "zstd-compressed")
}
