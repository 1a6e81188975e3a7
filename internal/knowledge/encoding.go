package knowledge

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"strings"
	"unsafe"
)

// The pack is embedded in a binary form of its own, not as JSON: decoding
// 700 KB of JSON with encoding/json cost every dossier start some 15 ms of
// CPU and 33,000 allocations, before the report could be read. The binary
// form is read in one pass, every string a substring of the embedded
// data (no copy, nothing for the garbage collector to mark), every list
// cut from one of a handful of arrays.
//
// Layout:
//
//	"dossier knowledge pack\n"  magic
//	version   uint32, little-endian: PackVersion
//	checksum  uint32, little-endian: CRC-32 (IEEE) of the body
//	body:
//	  totals  uvarint ×3: strings in all string lists, galaxy clusters, cluster links
//	  parts   sources, groups, techniques, software, campaigns, disarm, galaxies, microsoft
//
// A part is a uvarint count and that many records; a record is its
// struct's fields in the order pack.go declares them, each a string
// (uvarint length, then the bytes), a list (uvarint count, then the
// items), a signed integer (zigzag varint), or, for the booleans of a
// record, one byte of flags (flagRevoked, flagDeprecated) where the
// record's first boolean field would be. Pack.Version is the header's.
// Nothing may follow the last part.
const packMagic = "dossier knowledge pack\n"

// The flags byte of a record.
const (
	flagRevoked    = 1 << 0
	flagDeprecated = 1 << 1
	knownFlags     = flagRevoked | flagDeprecated
)

// Encode returns p in the binary form Load reads (above), with
// PackVersion in the header whatever p.Version says. The same pack gives
// the same bytes.
func Encode(p *Pack) []byte {
	var w packWriter
	w.b = append(w.b, packMagic...)
	w.b = binary.LittleEndian.AppendUint32(w.b, PackVersion)
	w.b = append(w.b, 0, 0, 0, 0) // the checksum, once the body is written
	body := len(w.b)

	items, clusters, related := 0, 0, 0
	for _, g := range p.Groups {
		items += len(g.Aliases) + len(g.Domains) + len(g.Techniques) + len(g.Software)
	}
	for _, t := range p.Techniques {
		items += len(t.Tactics)
	}
	for _, s := range p.Software {
		items += len(s.Aliases)
	}
	for _, c := range p.Campaigns {
		items += len(c.Aliases) + len(c.Groups)
	}
	for _, t := range p.DISARM {
		items += len(t.Tactics)
	}
	for _, g := range p.Galaxies {
		clusters += len(g.Clusters)
		for _, c := range g.Clusters {
			items += len(c.Synonyms)
			related += len(c.Related)
		}
	}
	for _, m := range p.Microsoft {
		items += len(m.Other)
	}
	w.count(items)
	w.count(clusters)
	w.count(related)

	w.count(len(p.Sources))
	for _, s := range p.Sources {
		w.str(s.ID)
		w.str(s.Name)
		w.str(s.URL)
		w.str(s.Version)
		w.str(s.Date)
		w.str(s.Licence)
		w.str(s.Attribution)
	}
	w.count(len(p.Groups))
	for _, g := range p.Groups {
		w.str(g.ID)
		w.str(g.ExternalID)
		w.str(g.Name)
		w.strs(g.Aliases)
		w.str(g.Modified)
		w.flags(g.Revoked, g.Deprecated)
		w.str(g.RevokedBy)
		w.strs(g.Domains)
		w.str(g.Country)
		w.str(g.CountryEvidence)
		w.strs(g.Techniques)
		w.strs(g.Software)
	}
	techniques := func(list []Technique) {
		w.count(len(list))
		for _, t := range list {
			w.str(t.ID)
			w.str(t.ExternalID)
			w.str(t.Name)
			w.strs(t.Tactics)
			w.flags(t.Revoked, t.Deprecated)
		}
	}
	techniques(p.Techniques)
	w.count(len(p.Software))
	for _, s := range p.Software {
		w.str(s.ID)
		w.str(s.ExternalID)
		w.str(s.Name)
		w.str(s.Type)
		w.strs(s.Aliases)
		w.flags(s.Revoked, s.Deprecated)
	}
	w.count(len(p.Campaigns))
	for _, c := range p.Campaigns {
		w.str(c.ID)
		w.str(c.ExternalID)
		w.str(c.Name)
		w.strs(c.Aliases)
		w.strs(c.Groups)
		w.str(c.FirstSeen)
		w.str(c.LastSeen)
		w.flags(c.Revoked, c.Deprecated)
	}
	techniques(p.DISARM)
	w.count(len(p.Galaxies))
	for _, g := range p.Galaxies {
		w.str(g.Type)
		w.str(g.UUID)
		w.str(g.Name)
		w.b = binary.AppendVarint(w.b, int64(g.Version))
		w.count(len(g.Clusters))
		for _, c := range g.Clusters {
			w.str(c.UUID)
			w.str(c.Value)
			w.strs(c.Synonyms)
			w.str(c.Country)
			w.str(c.Sponsor)
			w.str(c.ExternalID)
			w.count(len(c.Related))
			for _, r := range c.Related {
				w.str(r.UUID)
				w.str(r.Type)
				w.str(r.Likelihood)
			}
		}
		w.str(g.DefinitionUUID)
	}
	w.count(len(p.Microsoft))
	for _, m := range p.Microsoft {
		w.str(m.Name)
		w.str(m.Origin)
		w.strs(m.Other)
	}
	binary.LittleEndian.PutUint32(w.b[body-4:], crc32.ChecksumIEEE(w.b[body:]))
	return w.b
}

type packWriter struct{ b []byte }

func (w *packWriter) count(n int)  { w.b = binary.AppendUvarint(w.b, uint64(n)) }
func (w *packWriter) str(s string) { w.count(len(s)); w.b = append(w.b, s...) }
func (w *packWriter) strs(list []string) {
	w.count(len(list))
	for _, s := range list {
		w.str(s)
	}
}

func (w *packWriter) flags(revoked, deprecated bool) {
	var f byte
	if revoked {
		f |= flagRevoked
	}
	if deprecated {
		f |= flagDeprecated
	}
	w.b = append(w.b, f)
}

// decode reads a pack in the binary form Encode writes. Its strings are
// substrings of data. Whatever data holds, it returns a pack or an error
// that says what is wrong and at which byte, never panics, and allocates
// no more than a few times len(data): every count is checked against the
// bytes left before anything is made for it.
func decode(data string) (*Pack, error) {
	const where = "knowledge: embedded pack.bin"
	head := len(packMagic) + 8
	if len(data) < head || !strings.HasPrefix(data, packMagic) {
		return nil, fmt.Errorf("%s: not a knowledge pack (no magic)", where)
	}
	if v := binary.LittleEndian.Uint32([]byte(data[len(packMagic):head])); v != PackVersion {
		return nil, fmt.Errorf("%s: format version %d, but this build reads version %d: run go generate ./internal/knowledge/", where, v, PackVersion)
	}
	sum := binary.LittleEndian.Uint32([]byte(data[head-4 : head]))
	if got := crc32.ChecksumIEEE(readOnly(data[head:])); got != sum {
		return nil, fmt.Errorf("%s: checksum %08x, but the data sums to %08x: the file is corrupt; restore it from git or run go generate ./internal/knowledge/", where, sum, got)
	}
	r := &packReader{data: data, off: head}
	p := r.pack()
	if r.err == nil && r.off != len(data) {
		r.fail("the end of the pack", "%d bytes after it", len(data)-r.off)
	}
	if r.err != nil {
		return nil, fmt.Errorf("%s: %w", where, r.err)
	}
	return p, nil
}

// packReader reads the body of a pack. After the first error it reads
// nothing more: every method returns zero values, and decode reports the
// error.
type packReader struct {
	data string
	off  int
	err  error
	// items, clusters and related are the arrays every list is cut from,
	// allocated once from the totals at the start of the body.
	items    []string
	clusters []Cluster
	related  []Related
}

func (r *packReader) fail(what, format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("byte %d, reading %s: %s", r.off, what, fmt.Sprintf(format, args...))
	}
}

// count reads a uvarint no larger than the bytes left: every count and
// length is one, and each item counted takes at least one byte.
func (r *packReader) count(what string) int {
	if r.err != nil {
		return 0
	}
	x, n := binary.Uvarint(readOnly(r.data[r.off:]))
	switch {
	case n == 0:
		r.fail(what, "the data ends inside a number")
		return 0
	case n < 0:
		r.fail(what, "a number overflows 64 bits")
		return 0
	}
	r.off += n
	if x > uint64(len(r.data)-r.off) {
		r.fail(what, "%d, more than the %d bytes left", x, len(r.data)-r.off)
		return 0
	}
	return int(x)
}

func (r *packReader) varint(what string) int {
	if r.err != nil {
		return 0
	}
	x, n := binary.Varint(readOnly(r.data[r.off:]))
	if n <= 0 || int64(int(x)) != x {
		r.fail(what, "not a valid signed number")
		return 0
	}
	r.off += n
	return int(x)
}

func (r *packReader) str(what string) string {
	n := r.count(what)
	s := r.data[r.off : r.off+n] // count checked n against the bytes left
	r.off += n
	return s
}

// strs reads a list of strings, cut from r.items; nil when empty, as
// encoding/json leaves an omitted list.
func (r *packReader) strs(what string) []string {
	n := r.count(what)
	if n == 0 {
		return nil
	}
	if n > cap(r.items)-len(r.items) {
		r.fail(what, "%d strings, beyond the %d the header counts", n, cap(r.items))
		return nil
	}
	start := len(r.items)
	for range n {
		r.items = append(r.items, r.str(what))
	}
	return r.items[start:len(r.items):len(r.items)]
}

func (r *packReader) flags(what string) (revoked, deprecated bool) {
	if r.err != nil {
		return false, false
	}
	if r.off == len(r.data) {
		r.fail(what, "the data ends before the flags")
		return false, false
	}
	f := r.data[r.off]
	if f&^knownFlags != 0 {
		r.fail(what, "unknown flags %#02x", f)
		return false, false
	}
	r.off++
	return f&flagRevoked != 0, f&flagDeprecated != 0
}

// list makes a slice of n records read by one.
func list[T any](r *packReader, what string, one func(*T)) []T {
	n := r.count(what)
	if n == 0 {
		return nil
	}
	out := make([]T, n)
	for i := range out {
		if r.err != nil {
			return nil
		}
		one(&out[i])
	}
	return out
}

func (r *packReader) pack() *Pack {
	p := &Pack{Version: PackVersion}
	// Each of these takes at least a byte of the body, which count checks.
	r.items = make([]string, 0, r.count("the number of strings in lists"))
	r.clusters = make([]Cluster, 0, r.count("the number of galaxy clusters"))
	r.related = make([]Related, 0, r.count("the number of galaxy links"))

	p.Sources = list(r, "sources", func(s *Source) {
		const what = "a source"
		s.ID, s.Name, s.URL, s.Version = r.str(what), r.str(what), r.str(what), r.str(what)
		s.Date, s.Licence, s.Attribution = r.str(what), r.str(what), r.str(what)
	})
	p.Groups = list(r, "groups", func(g *Group) {
		const what = "a group"
		g.ID, g.ExternalID, g.Name = r.str(what), r.str(what), r.str(what)
		g.Aliases = r.strs("a group's aliases")
		g.Modified = r.str(what)
		g.Revoked, g.Deprecated = r.flags(what)
		g.RevokedBy = r.str(what)
		g.Domains = r.strs("a group's domains")
		g.Country, g.CountryEvidence = r.str(what), r.str(what)
		g.Techniques = r.strs("a group's techniques")
		g.Software = r.strs("a group's software")
	})
	technique := func(t *Technique) {
		const what = "a technique"
		t.ID, t.ExternalID, t.Name = r.str(what), r.str(what), r.str(what)
		t.Tactics = r.strs("a technique's tactics")
		t.Revoked, t.Deprecated = r.flags(what)
	}
	p.Techniques = list(r, "techniques", technique)
	p.Software = list(r, "software", func(s *Software) {
		const what = "software"
		s.ID, s.ExternalID, s.Name, s.Type = r.str(what), r.str(what), r.str(what), r.str(what)
		s.Aliases = r.strs("software's aliases")
		s.Revoked, s.Deprecated = r.flags(what)
	})
	p.Campaigns = list(r, "campaigns", func(c *Campaign) {
		const what = "a campaign"
		c.ID, c.ExternalID, c.Name = r.str(what), r.str(what), r.str(what)
		c.Aliases = r.strs("a campaign's aliases")
		c.Groups = r.strs("a campaign's groups")
		c.FirstSeen, c.LastSeen = r.str(what), r.str(what)
		c.Revoked, c.Deprecated = r.flags(what)
	})
	p.DISARM = list(r, "DISARM techniques", technique)
	p.Galaxies = list(r, "galaxies", func(g *Galaxy) {
		const what = "a galaxy"
		g.Type, g.UUID, g.Name = r.str(what), r.str(what), r.str(what)
		g.Version = r.varint("a galaxy's version")
		g.Clusters = r.galaxyClusters()
		g.DefinitionUUID = r.str(what)
	})
	p.Microsoft = list(r, "Microsoft names", func(m *MicrosoftName) {
		const what = "a Microsoft name"
		m.Name, m.Origin = r.str(what), r.str(what)
		m.Other = r.strs("a Microsoft name's other names")
	})
	return p
}

// galaxyClusters reads a galaxy's clusters, cut from r.clusters, their
// links cut from r.related.
func (r *packReader) galaxyClusters() []Cluster {
	const what = "a galaxy cluster"
	n := r.count("a galaxy's clusters")
	if n > cap(r.clusters)-len(r.clusters) {
		r.fail(what, "%d clusters, beyond the %d the header counts", n, cap(r.clusters))
		return nil
	}
	start := len(r.clusters)
	for range n {
		if r.err != nil {
			return nil
		}
		var c Cluster
		c.UUID, c.Value = r.str(what), r.str(what)
		c.Synonyms = r.strs("a galaxy cluster's synonyms")
		c.Country, c.Sponsor, c.ExternalID = r.str(what), r.str(what), r.str(what)
		k := r.count("a galaxy cluster's links")
		if k > cap(r.related)-len(r.related) {
			r.fail(what, "%d links, beyond the %d the header counts", k, cap(r.related))
			return nil
		}
		if k > 0 {
			rs := len(r.related)
			for range k {
				r.related = append(r.related, Related{UUID: r.str(what), Type: r.str(what), Likelihood: r.str(what)})
			}
			c.Related = r.related[rs:len(r.related):len(r.related)]
		}
		r.clusters = append(r.clusters, c)
	}
	return r.clusters[start:len(r.clusters):len(r.clusters)]
}

// readOnly returns the bytes of s without copying them, for functions
// that only read a []byte (the checksum of the 400 KB pack would
// otherwise copy it). Nothing may write to them: the embedded pack is in
// read-only memory.
func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
