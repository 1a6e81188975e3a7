package main

import (
	"testing"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/warninglists/build"
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

func TestRunUsage(t *testing.T) {
	embedgen.CheckUsage(t, run, "README.md")
}

// TestRunWrites checks that gen writes what package build makes and says
// what it wrote.
func TestRunWrites(t *testing.T) {
	dir := shareddata.Dir(t, build.Inputs()...)
	d, _, err := build.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := format.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	embedgen.CheckWrites(t, run, dir, map[string][]byte{"-o": want}, "53 lists", "not compressed", "empty-hashes: left out")
}
