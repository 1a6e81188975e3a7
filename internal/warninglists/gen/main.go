// Command gen writes dossier's embedded warning lists, lists.bin.gz,
// from the MISP warning lists in ../shared/data/misp-warninglists.
// `go generate ./internal/warninglists/` runs it in internal/warninglists;
// the work is done by package build.
//
// Usage:
//
//	go run ./gen [-data DIR] [-o FILE]
//
// -data defaults to $DOSSIER_SHARED_DATA when it is set, else to
// ../../../shared/data (the data folder beside the repository, seen from
// internal/warninglists); -o defaults to lists.bin.gz.
//
// It prints to stderr what it wrote and what it left out.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/dossier-cti/dossier/internal/shareddata"
	"github.com/dossier-cti/dossier/internal/warninglists/build"
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defaultData := filepath.Join("..", "..", "..", "shared", "data")
	if d := os.Getenv(shareddata.Env); d != "" {
		defaultData = d
	}
	data := fs.String("data", defaultData, "the reference data folder ($"+shareddata.Env+" when set, else relative to internal/warninglists)")
	out := fs.String("o", "lists.bin.gz", "the file to write")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	d, st, err := build.Build(*data)
	if err != nil {
		return err
	}
	raw, err := format.Encode(d)
	if err != nil {
		return err
	}
	gz, err := build.Compress(raw)
	if err != nil {
		return err
	}
	if err := writeFile(*out, gz); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gen: wrote %s: %d lists, %d names, %d CIDR blocks, %d hashes, %d patterns; %d bytes raw, %d gzipped\n",
		*out, st.Lists, st.Domains, st.IPs, st.Hashes, st.Regexes, len(raw), len(gz))
	ids := make([]string, 0, len(st.Skipped))
	for id := range st.Skipped {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		fmt.Fprintf(stderr, "gen: %s: left out %d entries that are not what the list's type says, such as %q\n", id, len(st.Skipped[id]), st.Skipped[id][0])
	}
	return nil
}

// writeFile writes b to name atomically.
func writeFile(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".lists-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
