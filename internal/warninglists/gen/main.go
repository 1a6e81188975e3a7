// Command gen writes dossier's embedded warning lists, lists.bin,
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
// internal/warninglists); -o defaults to lists.bin.
//
// It prints to stderr what it wrote and what it left out.
package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/warninglists/build"
	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

func main() { embedgen.Main(run) }

// run parses args, builds the lists and writes them.
func run(args []string, stderr io.Writer) error {
	fs, data := embedgen.NewFlagSet("warninglists", stderr)
	out := fs.String("o", "lists.bin", "the file to write")
	if err := embedgen.Parse(fs, args); err != nil {
		return err
	}
	d, st, err := build.Build(*data)
	if err != nil {
		return err
	}
	raw, err := format.Encode(d)
	if err != nil {
		return err
	}
	// Not compressed: Check searches the tables where they lie in the
	// binary, and every dossier extract would decompress them first.
	if err := embedgen.WriteFile(*out, raw); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gen: wrote %s: %d lists, %d names, %d CIDR blocks in %d ranges, %d hashes, %d patterns; %d bytes, not compressed\n",
		*out, st.Lists, st.Domains, st.IPs, st.Ranges, st.Hashes, st.Regexes, len(raw))
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
