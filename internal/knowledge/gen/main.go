// Command gen writes dossier's built-in knowledge pack, pack.bin, from
// the reference data in ../shared/data. `go generate ./internal/knowledge/`
// runs it in internal/knowledge; the work is done by package build.
//
// Usage:
//
//	go run ./gen [-data DIR] [-o FILE]
//
// -data defaults to $DOSSIER_SHARED_DATA when it is set, else to
// ../../../shared/data (the data folder beside the repository, seen from
// internal/knowledge); -o defaults to pack.bin, -objects to objects.jsonl
// and -objects-index to objects.idx.
//
// It prints to stderr what it wrote: counts per part and sizes.
package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/dossier-cti/dossier/internal/embedgen"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/knowledge/build"
)

func main() { embedgen.Main(run) }

// run parses args, builds the pack and writes it.
func run(args []string, stderr io.Writer) error {
	fs, data := embedgen.NewFlagSet("knowledge", stderr)
	out := fs.String("o", "pack.bin", "the file of the pack to write")
	objOut := fs.String("objects", "objects.jsonl", "the file of whole ATT&CK and DISARM objects to write")
	idxOut := fs.String("objects-index", "objects.idx", "the file of the objects' index to write")
	if err := embedgen.Parse(fs, args); err != nil {
		return err
	}
	p, err := build.Build(*data)
	if err != nil {
		return err
	}
	bin := knowledge.Encode(p)
	if err := embedgen.WriteFile(*out, bin); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gen: wrote %s: %s; %d bytes\n", *out, counts(p), len(bin))
	objs, err := build.Objects(*data)
	if err != nil {
		return err
	}
	idx, err := knowledge.IndexObjects(objs)
	if err != nil {
		return err
	}
	// Uncompressed, with an index: dossier extract reads the few
	// hundred objects a report names in place, and decompresses nothing.
	if err := embedgen.WriteFile(*objOut, objs); err != nil {
		return err
	}
	if err := embedgen.WriteFile(*idxOut, idx); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gen: wrote %s: %d objects; %d bytes of JSON lines; and their index, %s: %d bytes\n", *objOut, bytes.Count(objs, []byte("\n")), len(objs), *idxOut, len(idx))
	return nil
}

// counts summarises the pack's parts.
func counts(p *knowledge.Pack) string {
	clusters := 0
	for _, g := range p.Galaxies {
		clusters += len(g.Clusters)
	}
	withCountry := 0
	for _, g := range p.Groups {
		if g.Country != "" {
			withCountry++
		}
	}
	return fmt.Sprintf("%d groups (%d with a state from their description), %d techniques, %d software, %d campaigns, %d DISARM techniques, %d galaxies with %d clusters, %d Microsoft names, %d sources",
		len(p.Groups), withCountry, len(p.Techniques), len(p.Software), len(p.Campaigns), len(p.DISARM), len(p.Galaxies), clusters, len(p.Microsoft), len(p.Sources))
}
