package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/warninglists/build"
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"extra"}, `unexpected arguments ["extra"]`},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
		{[]string{"-data", filepath.Join(t.TempDir(), "missing"), "-o", filepath.Join(t.TempDir(), "l.gz")}, "README.md: no such file or directory"},
	} {
		var stderr bytes.Buffer
		err := run(tc.args, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) got error %v, want one containing %q", tc.args, err, tc.want)
		}
	}
}

// TestRunWrites checks that gen writes what package build makes and says
// what it wrote.
func TestRunWrites(t *testing.T) {
	for _, rel := range build.Inputs() {
		shareddata.Path(t, rel)
	}
	dir, _ := shareddata.Root()
	out := filepath.Join(t.TempDir(), "lists.bin.gz")
	var stderr bytes.Buffer
	if err := run([]string{"-data", dir, "-o", out}, &stderr); err != nil {
		t.Fatalf("run: %v", err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := build.Build(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := format.Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	want, err := build.Compress(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("gen wrote %d bytes, want the %d bytes build makes", len(got), len(want))
	}
	for _, frag := range []string{"53 lists", "gzipped", "empty-hashes: left out"} {
		if !strings.Contains(stderr.String(), frag) {
			t.Errorf("gen's report %q lacks %q", stderr.String(), frag)
		}
	}
}
