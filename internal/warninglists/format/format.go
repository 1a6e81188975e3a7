// Package format is the compact binary form in which dossier embeds the
// MISP warning lists: the types the generator (package build) fills and
// the warninglists package reads, and their encoding.
//
// The encoding is a sequence of sections, each a count followed by its
// records, integers as unsigned varints:
//
//	magic "DWL1"
//	lists:   id, name, type, version, entries as published, matching attributes
//	masks:   the distinct list bit sets the records below refer to by index
//	domains: names sorted by their reversal ("moc.elpmaxe"), front-coded
//	         (bytes shared with the previous reversed name, then the rest),
//	         each with the masks of the lists holding it exactly and of
//	         those holding it with its subdomains
//	ipv4:    prefixes sorted, address as the difference from the previous
//	         one, length, mask
//	ipv6:    prefixes sorted, 16 address bytes, length, mask
//	hashes:  per digest size, the first 64 bits of each digest, sorted,
//	         as differences from the previous, and a mask
//	regexes: list index, pattern as published
//
// Encode produces the same bytes for the same Data; the gzip stream
// around them is the generator's business.
package format

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

const magic = "DWL1"

// MaxLists is how many lists one Data may hold: list sets are 64-bit
// masks, and the warninglists package adds three built-in lists.
const MaxLists = 61

// Data is the content of the embedded warning lists.
type Data struct {
	Lists   []List   // in order: list i is bit i of every mask
	Domains []Domain // sorted by Reverse(Name), names unique
	IPs     []Prefix // sorted by address then length, unique, masked
	Hashes  []Hash   // sorted by Size then Prefix, unique
	Regexes []Regex  // in list order
}

// List describes one warning list as published.
type List struct {
	ID         string   // folder name: "rfc1918"
	Name       string   // "List of RFC 1918 CIDR blocks"
	Type       string   // string, substring, hostname, cidr, regex
	Version    uint64   // as published
	Entries    uint64   // entries as published
	Attributes []string // matching_attributes
}

// Domain is a name held by some lists: Exact for those that match it
// only, Subtree for those that also match its subdomains.
type Domain struct {
	Name           string
	Exact, Subtree uint64
}

// Prefix is a CIDR block held by the lists in Lists.
type Prefix struct {
	Prefix netip.Prefix
	Lists  uint64
}

// Hash is a digest, by its size in bytes and its first 64 bits (big
// endian), held by the lists in Lists.
type Hash struct {
	Size   uint8
	Prefix uint64
	Lists  uint64
}

// Regex is a pattern of a regex list, as published (PCRE, with its
// delimiters and flags).
type Regex struct {
	List    int
	Pattern string
}

// Reverse returns s with its bytes in reverse order: the key domains
// are sorted by, so that names under one suffix sit together.
func Reverse(s string) string {
	b := []byte(s)
	slices.Reverse(b)
	return string(b)
}

// Encode returns the binary form of d.
func Encode(d *Data) ([]byte, error) {
	if len(d.Lists) > MaxLists {
		return nil, fmt.Errorf("format: %d lists, at most %d fit", len(d.Lists), MaxLists)
	}
	var e encoder
	e.b = append(e.b, magic...)
	e.uint(uint64(len(d.Lists)))
	for _, l := range d.Lists {
		e.str(l.ID)
		e.str(l.Name)
		e.str(l.Type)
		e.uint(l.Version)
		e.uint(l.Entries)
		e.uint(uint64(len(l.Attributes)))
		for _, a := range l.Attributes {
			e.str(a)
		}
	}
	// The mask dictionary, in order of first use.
	idx := map[uint64]uint64{}
	var masks []uint64
	use := func(m uint64) {
		if _, ok := idx[m]; !ok {
			idx[m] = uint64(len(masks))
			masks = append(masks, m)
		}
	}
	for _, x := range d.Domains {
		use(x.Exact)
		use(x.Subtree)
	}
	for _, x := range d.IPs {
		use(x.Lists)
	}
	for _, x := range d.Hashes {
		use(x.Lists)
	}
	e.uint(uint64(len(masks)))
	for _, m := range masks {
		e.uint(m)
	}
	e.uint(uint64(len(d.Domains)))
	prev := ""
	for i, x := range d.Domains {
		r := Reverse(x.Name)
		if i > 0 && strings.Compare(prev, r) >= 0 {
			return nil, fmt.Errorf("format: domains not sorted and unique at %q", x.Name)
		}
		n := 0
		for n < len(prev) && n < len(r) && prev[n] == r[n] {
			n++
		}
		e.uint(uint64(n))
		e.str(r[n:])
		e.uint(idx[x.Exact])
		e.uint(idx[x.Subtree])
		prev = r
	}
	var v4, v6 []Prefix
	for _, p := range d.IPs {
		if p.Prefix.Addr().Is4() {
			v4 = append(v4, p)
		} else {
			v6 = append(v6, p)
		}
	}
	e.uint(uint64(len(v4)))
	last := uint64(0)
	for _, p := range v4 {
		a := p.Prefix.Addr().As4()
		v := uint64(binary.BigEndian.Uint32(a[:]))
		if v < last {
			return nil, fmt.Errorf("format: IPv4 prefixes not sorted at %s", p.Prefix)
		}
		e.uint(v - last)
		e.uint(uint64(p.Prefix.Bits()))
		e.uint(idx[p.Lists])
		last = v
	}
	e.uint(uint64(len(v6)))
	for _, p := range v6 {
		a := p.Prefix.Addr().As16()
		e.b = append(e.b, a[:]...)
		e.uint(uint64(p.Prefix.Bits()))
		e.uint(idx[p.Lists])
	}
	e.uint(uint64(len(d.Hashes)))
	var lastSize uint8
	var lastPrefix uint64
	for i, h := range d.Hashes {
		if i == 0 || h.Size != lastSize {
			lastPrefix = 0
		} else if h.Prefix < lastPrefix {
			return nil, fmt.Errorf("format: hashes not sorted")
		}
		e.uint(uint64(h.Size))
		e.uint(h.Prefix - lastPrefix)
		e.uint(idx[h.Lists])
		lastSize, lastPrefix = h.Size, h.Prefix
	}
	e.uint(uint64(len(d.Regexes)))
	for _, r := range d.Regexes {
		e.uint(uint64(r.List))
		e.str(r.Pattern)
	}
	return e.b, nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

// SyntaxError reports a malformed encoding and where it was found.
type SyntaxError struct {
	Offset int // byte offset in the decompressed data
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("format: byte %d: %s", e.Offset, e.Msg) }

// Decode reads what Encode wrote. Domain names are substrings of one
// string built for them all.
func Decode(b []byte) (*Data, error) {
	d := &decoder{b: b}
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, &SyntaxError{0, "not warning-list data (magic " + magic + " missing)"}
	}
	d.off = len(magic)
	out := &Data{}
	n := d.count(1 << 8)
	for range n {
		l := List{ID: d.str(), Name: d.str(), Type: d.str(), Version: d.uint(), Entries: d.uint()}
		na := d.count(64)
		for range na {
			l.Attributes = append(l.Attributes, d.str())
		}
		out.Lists = append(out.Lists, l)
	}
	if len(out.Lists) > MaxLists {
		return nil, &SyntaxError{d.off, fmt.Sprintf("%d lists, at most %d fit", len(out.Lists), MaxLists)}
	}
	masks := make([]uint64, d.count(1<<16))
	for i := range masks {
		masks[i] = d.uint()
	}
	mask := func() uint64 {
		i := d.uint()
		if i >= uint64(len(masks)) {
			d.fail("mask index out of range")
			return 0
		}
		return masks[i]
	}
	nd := d.count(1 << 24)
	out.Domains = make([]Domain, 0, nd)
	// Rebuild every reversed name into one buffer, then reverse the
	// whole buffer: each name comes out forward, in one allocation.
	var rev []byte
	type span struct{ start, end int }
	spans := make([]span, 0, nd)
	prev := span{}
	rev = make([]byte, 0, len(b)) // more than the names need: one allocation
	for range nd {
		shared := int(d.uint())
		rest := d.bytes()
		if d.err != nil {
			break
		}
		if shared > prev.end-prev.start {
			d.fail("shared prefix longer than the previous name")
			break
		}
		start := len(rev)
		rev = append(rev, rev[prev.start:prev.start+shared]...)
		rev = append(rev, rest...)
		prev = span{start, len(rev)}
		spans = append(spans, prev)
		out.Domains = append(out.Domains, Domain{Exact: mask(), Subtree: mask()})
	}
	slices.Reverse(rev)
	all := string(rev)
	for i, s := range spans {
		out.Domains[i].Name = all[len(all)-s.end : len(all)-s.start]
	}
	n4 := d.count(1 << 24)
	out.IPs = make([]Prefix, 0, n4)
	last := uint64(0)
	for range n4 {
		last += d.uint()
		bits := d.uint()
		if last > 1<<32-1 || bits > 32 {
			d.fail("bad IPv4 prefix")
			break
		}
		var a [4]byte
		binary.BigEndian.PutUint32(a[:], uint32(last))
		out.IPs = append(out.IPs, Prefix{netip.PrefixFrom(netip.AddrFrom4(a), int(bits)), mask()})
	}
	n6 := d.count(1 << 24)
	for range n6 {
		if d.off+16 > len(d.b) {
			d.fail("truncated IPv6 address")
			break
		}
		a := netip.AddrFrom16([16]byte(d.b[d.off : d.off+16]))
		d.off += 16
		bits := d.uint()
		if bits > 128 {
			d.fail("bad IPv6 prefix length")
			break
		}
		out.IPs = append(out.IPs, Prefix{netip.PrefixFrom(a, int(bits)), mask()})
	}
	nh := d.count(1 << 24)
	out.Hashes = make([]Hash, 0, nh)
	var lastSize, lastPrefix uint64
	for i := range nh {
		size := d.uint()
		if i == 0 || size != lastSize {
			lastPrefix = 0
		}
		lastPrefix += d.uint()
		if size > 64 {
			d.fail("bad digest size")
			break
		}
		out.Hashes = append(out.Hashes, Hash{Size: uint8(size), Prefix: lastPrefix, Lists: mask()})
		lastSize = size
	}
	nr := d.count(1 << 10)
	for range nr {
		l := int(d.uint())
		if l >= len(out.Lists) {
			d.fail("regex of an unknown list")
			break
		}
		out.Regexes = append(out.Regexes, Regex{List: l, Pattern: d.str()})
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("data after the last section")
	}
	if d.err != nil {
		return nil, d.err
	}
	return out, nil
}

type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = &SyntaxError{d.off, msg}
	}
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.off += n
	return v
}

// count reads a count and checks it against max and the bytes left.
func (d *decoder) count(max int) int {
	v := d.uint()
	if v > uint64(max) || v > uint64(len(d.b)-d.off) {
		d.fail(fmt.Sprintf("count %d out of range", v))
		return 0
	}
	return int(v)
}

func (d *decoder) str() string { return string(d.bytes()) }

// bytes returns the next length-prefixed bytes, without copying.
func (d *decoder) bytes() []byte {
	n := d.count(1 << 20)
	if d.err != nil {
		return nil
	}
	b := d.b[d.off : d.off+n]
	d.off += n
	return b
}
