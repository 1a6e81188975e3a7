// Package format is the binary form in which dossier embeds the MISP
// warning lists: the types the generator (package build) fills, their
// encoding, and the tables the warninglists package looks values up in
// where they lie, without decoding them.
//
// The encoding is laid out for look-ups in place: after a header, every
// table is an array of fixed-width little-endian records, so that the
// embedded bytes are the tables and loading them builds nothing in
// proportion to the data. Sections start at multiples of 8 bytes, the
// gaps zero:
//
//	header:  magic "DWL2", then the offset and length in bytes of each
//	         section below (uint32 pairs), in this order
//	meta:    varints and strings: the fingerprint of the built-in lists
//	         merged in (see Data.Own); the lists (id, name, type, version,
//	         entries as published, matching attributes); the hash sizes
//	         (size, count), in the order of the hash table; the regexes
//	         (list index, pattern as published)
//	masks:   uint64 × M, the distinct list sets; every table below refers
//	         to a set by its index, a uint16
//	name blocks: uint32 × (B+1): where each block of NameBlock names
//	         starts in the name bytes, and their end
//	name sets:   (uint16, uint16) × S: the distinct pairs of the sets of
//	         lists holding a name exactly and with the names under it
//	name masks:  uint16 × N: the pair of each name
//	name bytes:  the N names, each reversed ("moc.elpmaxe"), sorted and
//	         unique, front-coded in blocks: a name is a byte of how many
//	         bytes it shares with the previous one (0 for the first of a
//	         block), a byte of how many follow, and those. A look-up
//	         binary-searches the blocks' first names, whole in the data,
//	         comparing bytes, then walks one block without rebuilding a
//	         name (Names.Find); the names above a name (its parents) are
//	         prefixes of its reversal
//	ipv4 starts:  uint32 × R4, sorted: interval i holds the addresses
//	         from start i to start i+1 (exclusive)
//	ipv4 masks:   uint16 × R4, the lists covering each interval
//	ipv6 starts:  uint64 × R6, the high halves, then uint64 × R6, the
//	         low halves, sorted as pairs (apart, a search probes the
//	         dense high halves and rarely needs a low one)
//	ipv6 masks:   uint16 × R6
//	hash prefixes: uint64 × H, the first 64 bits (big-endian) of each
//	         digest, grouped by digest size as meta says, sorted in each
//	hash masks:   uint16 × H
//
// Encode produces the same bytes for the same Data. Open checks what a
// look-up needs to stay inside the data (header, section sizes, offsets,
// mask indices), in one pass over the fixed-width arrays; Decode also
// checks the order of everything and returns the Data again.
package format

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
)

const magic = "DWL2"

// MaxLists is how many lists one Data may hold: list sets are 64-bit
// masks, and the warninglists package adds three built-in lists.
const MaxLists = 61

// maxMasks is how many distinct list sets fit: tables refer to them by
// a uint16 index.
const maxMasks = 1 << 16

// NameBlock is how many names a block of the name table holds: a
// look-up walks at most that many after its binary search.
const NameBlock = 16

// maxName is the longest name, in bytes: its lengths are single bytes.
// A DNS name has at most 253.
const maxName = 255

// Data is the content of the embedded warning lists.
type Data struct {
	Lists []List // in order: list i is bit i of every mask
	// Own is the fingerprint of the built-in lists whose entries are
	// merged in (with the bits after the lists'): the warninglists
	// package refuses data made from other ones.
	Own     uint64
	Domains []Domain // sorted by Reverse(Name), names unique
	Ranges  []Range  // IPv4 then IPv6; in each family sorted by Start, unique
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

// Range is an interval of addresses: those from Start up to the next
// Range of its family (to the family's last address for the last one)
// are in the lists of Lists. The ranges of a family cut its address
// space at every boundary of the blocks, so that one binary search
// answers for all the blocks covering an address, however they nest.
type Range struct {
	Start netip.Addr // IPv4, or IPv6 (IPv4-mapped ones included) without a zone
	Lists uint64
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

// The sections, in the order of the header and of the data.
const (
	secMeta = iota
	secMasks
	secNameBlocks
	secNameSets
	secNameMasks
	secNameBytes
	secV4Starts
	secV4Masks
	secV6Starts
	secV6Masks
	secHashPrefixes
	secHashMasks
	numSections
)

var sectionNames = [numSections]string{"meta", "masks", "name blocks", "name sets", "name masks", "name bytes", "ipv4 starts", "ipv4 masks", "ipv6 starts", "ipv6 masks", "hash prefixes", "hash masks"}

// headerSize is the magic and the section table.
const headerSize = len(magic) + 8*numSections

func align8(n int) int { return (n + 7) &^ 7 }

// Encode returns the binary form of d.
func Encode(d *Data) ([]byte, error) {
	if len(d.Lists) > MaxLists {
		return nil, fmt.Errorf("format: %d lists, at most %d fit", len(d.Lists), MaxLists)
	}
	var secs [numSections][]byte

	// The mask dictionary, in order of first use.
	idx := map[uint64]uint16{}
	var masks []byte
	use := func(m uint64) uint16 {
		i, ok := idx[m]
		if !ok {
			i = uint16(len(idx)) // checked below before it can wrap
			idx[m] = i
			masks = binary.LittleEndian.AppendUint64(masks, m)
		}
		return i
	}
	le := binary.LittleEndian

	var blocks, sets, nameMasks, names []byte
	setIdx := map[[2]uint16]uint16{}
	prev := ""
	for i, x := range d.Domains {
		r := Reverse(x.Name)
		if i > 0 && prev >= r {
			return nil, fmt.Errorf("format: domains not sorted and unique at %q", x.Name)
		}
		if len(r) > maxName {
			return nil, fmt.Errorf("format: name %q longer than %d bytes", x.Name, maxName)
		}
		shared := 0
		if i%NameBlock == 0 {
			blocks = le.AppendUint32(blocks, uint32(len(names)))
		} else {
			for shared < len(prev) && shared < len(r) && prev[shared] == r[shared] {
				shared++
			}
		}
		names = append(append(names, byte(shared), byte(len(r)-shared)), r[shared:]...)
		if len(names) > 1<<32-1 {
			return nil, fmt.Errorf("format: names take more than 4 GB")
		}
		pair := [2]uint16{use(x.Exact), use(x.Subtree)}
		si, ok := setIdx[pair]
		if !ok {
			si = uint16(len(setIdx)) // checked below before it can wrap
			setIdx[pair] = si
			sets = le.AppendUint16(le.AppendUint16(sets, pair[0]), pair[1])
		}
		nameMasks = le.AppendUint16(nameMasks, si)
		prev = r
	}
	if len(setIdx) > maxMasks {
		return nil, fmt.Errorf("format: %d distinct pairs of list sets for names, at most %d fit", len(setIdx), maxMasks)
	}
	blocks = le.AppendUint32(blocks, uint32(len(names)))
	secs[secNameBlocks], secs[secNameSets], secs[secNameMasks], secs[secNameBytes] = blocks, sets, nameMasks, names

	var v4, v4m, v6, v6low, v6m []byte
	var last4 uint32
	var last6 [2]uint64
	for _, r := range d.Ranges {
		a := r.Start
		switch {
		case a.Is4():
			k := V4Key(a)
			if len(v6) > 0 || (len(v4) > 0 && k <= last4) {
				return nil, fmt.Errorf("format: ranges not sorted and unique at %s", a)
			}
			v4, v4m, last4 = le.AppendUint32(v4, k), le.AppendUint16(v4m, use(r.Lists)), k
		case a.Is6() && a.Zone() == "":
			k := V6Key(a)
			if len(v6) > 0 && compare6(k, last6) <= 0 {
				return nil, fmt.Errorf("format: ranges not sorted and unique at %s", a)
			}
			v6, v6low = le.AppendUint64(v6, k[0]), le.AppendUint64(v6low, k[1])
			v6m, last6 = le.AppendUint16(v6m, use(r.Lists)), k
		default:
			return nil, fmt.Errorf("format: range start %s is not an IPv4 or IPv6 address without a zone", a)
		}
	}
	secs[secV4Starts], secs[secV4Masks], secs[secV6Starts], secs[secV6Masks] = v4, v4m, append(v6, v6low...), v6m

	var hp, hm []byte
	type sizeCount struct{ size, n uint64 }
	var sizes []sizeCount
	for i, h := range d.Hashes {
		if i > 0 {
			p := d.Hashes[i-1]
			if h.Size < p.Size || (h.Size == p.Size && h.Prefix <= p.Prefix) {
				return nil, fmt.Errorf("format: hashes not sorted and unique at %d bytes, %016x", h.Size, h.Prefix)
			}
		}
		if h.Size > MaxHashSize {
			return nil, fmt.Errorf("format: %d-byte digest, at most %d", h.Size, MaxHashSize)
		}
		if len(sizes) == 0 || sizes[len(sizes)-1].size != uint64(h.Size) {
			sizes = append(sizes, sizeCount{uint64(h.Size), 0})
		}
		sizes[len(sizes)-1].n++
		hp, hm = le.AppendUint64(hp, h.Prefix), le.AppendUint16(hm, use(h.Lists))
	}
	secs[secHashPrefixes], secs[secHashMasks] = hp, hm
	if len(idx) > maxMasks {
		return nil, fmt.Errorf("format: %d distinct list sets, at most %d fit", len(idx), maxMasks)
	}
	secs[secMasks] = masks

	var e encoder
	e.uint(d.Own)
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
	e.uint(uint64(len(sizes)))
	for _, s := range sizes {
		e.uint(s.size)
		e.uint(s.n)
	}
	e.uint(uint64(len(d.Regexes)))
	for _, r := range d.Regexes {
		if r.List < 0 || r.List >= len(d.Lists) {
			return nil, fmt.Errorf("format: regex of list %d, which is not there", r.List)
		}
		e.uint(uint64(r.List))
		e.str(r.Pattern)
	}
	secs[secMeta] = e.b

	out := make([]byte, headerSize, headerSize+len(masks)+len(blocks)+len(sets)+len(nameMasks)+len(names)+len(v4)+len(v4m)+len(v6)+len(v6m)+len(hp)+len(hm)+len(e.b)+8*numSections)
	copy(out, magic)
	for i, s := range secs {
		for len(out)%8 != 0 {
			out = append(out, 0)
		}
		le.PutUint32(out[len(magic)+8*i:], uint32(len(out)))
		le.PutUint32(out[len(magic)+8*i+4:], uint32(len(s)))
		out = append(out, s...)
	}
	return out, nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) str(s string)  { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

// MaxHashSize is the largest digest, in bytes (SHA-512): Tables.Hashes
// has a table for each size up to it.
const MaxHashSize = 64

// SyntaxError reports a malformed encoding and where it was found.
type SyntaxError struct {
	Offset int // byte offset in the data
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("format: byte %d: %s", e.Offset, e.Msg) }

// U16s, U32s and U64s are arrays of little-endian integers read where
// they lie.
type (
	U16s []byte
	U32s []byte
	U64s []byte
)

func (a U16s) Len() int            { return len(a) / 2 }
func (a U16s) At(i int) uint16     { return binary.LittleEndian.Uint16(a[2*i:]) }
func (a U32s) Len() int            { return len(a) / 4 }
func (a U32s) At(i int) uint32     { return binary.LittleEndian.Uint32(a[4*i:]) }
func (a U64s) Len() int            { return len(a) / 8 }
func (a U64s) At(i int) uint64     { return binary.LittleEndian.Uint64(a[8*i:]) }
func (a U16s) slice(i, j int) U16s { return a[2*i : 2*j] }

// max returns the largest of a's integers, in one tight pass: Open
// checks every index of the tables so.
func (a U16s) max() uint16 {
	var m uint16
	for ; len(a) >= 8; a = a[8:] {
		w := binary.LittleEndian.Uint64(a)
		m = max(m, uint16(w), uint16(w>>16), uint16(w>>32), uint16(w>>48))
	}
	for i := 1; i < len(a); i += 2 {
		m = max(m, uint16(a[i-1])|uint16(a[i])<<8)
	}
	return m
}
func (a U64s) slice(i, j int) U64s { return a[8*i : 8*j] }

// Tables are the encoding opened in place: the small parts decoded, the
// large ones slices of the data, which must not change while they are
// used.
type Tables struct {
	Own     uint64
	Lists   []List
	Regexes []Regex
	// Masks are the distinct list sets; the tables below hold indices
	// into it, each checked to be in range.
	Masks    []uint64
	Names    Names
	V4Starts U32s
	V4Masks  U16s
	V6High   U64s // the high halves of the IPv6 starts
	V6Low    U64s // and their low halves
	V6Masks  U16s
	// Hashes holds the digests of each size in bytes (up to 64).
	Hashes [MaxHashSize + 1]HashTable
}

// HashTable is the sorted prefixes of the digests of one size and the
// indices of their list sets.
type HashTable struct {
	Prefixes U64s
	Masks    U16s
}

// Open returns the tables of b, which it does not copy. It checks
// everything a look-up relies on to stay inside b, but not the order of
// the names, ranges and hashes, which Decode checks.
func Open(b []byte) (*Tables, error) { return open(b, true) }

// OpenTrusted is Open for data the program was built with, which its
// tests check with Open: the header, the sections and their sizes are
// checked, but not each name of each block nor each mask index, which
// is a pass over all of b (about 3 ms of every extraction, most of it
// faulting in the 2.8 MB dossier embeds). A look-up in data that is
// wrong after all panics on a bounds check; it never reads outside b.
func OpenTrusted(b []byte) (*Tables, error) { return open(b, false) }

// open is Open, checking each entry when entries is set.
func open(b []byte, entries bool) (*Tables, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		return nil, &SyntaxError{0, "not warning-list data (magic " + magic + " missing)"}
	}
	if len(b) < headerSize {
		return nil, &SyntaxError{len(b), "truncated header"}
	}
	le := binary.LittleEndian
	var secs [numSections][]byte
	end := headerSize
	for i := range secs {
		h := len(magic) + 8*i
		off, n := int(le.Uint32(b[h:])), int(le.Uint32(b[h+4:]))
		if off != align8(end) {
			return nil, &SyntaxError{h, fmt.Sprintf("section %s at byte %d, want %d", sectionNames[i], off, align8(end))}
		}
		if off > len(b) || n > len(b)-off {
			return nil, &SyntaxError{h, fmt.Sprintf("section %s (%d bytes at byte %d) runs past the end (%d bytes)", sectionNames[i], n, off, len(b))}
		}
		for j := end; j < off; j++ {
			if b[j] != 0 {
				return nil, &SyntaxError{j, "non-zero padding"}
			}
		}
		secs[i] = b[off : off+n : off+n]
		end = off + n
	}
	if end != len(b) {
		return nil, &SyntaxError{end, fmt.Sprintf("%d bytes after the last section", len(b)-end)}
	}
	sec := func(i int) int { return int(le.Uint32(b[len(magic)+8*i:])) } // where section i starts, for errors
	sizeErr := func(i int, what string) error {
		return &SyntaxError{sec(i), fmt.Sprintf("section %s: %d bytes, %s", sectionNames[i], len(secs[i]), what)}
	}

	t := &Tables{}
	if len(secs[secMasks])%8 != 0 || len(secs[secMasks]) > 8*maxMasks {
		return nil, sizeErr(secMasks, "not a whole number of masks, or too many")
	}
	t.Masks = make([]uint64, len(secs[secMasks])/8)
	for i := range t.Masks {
		t.Masks[i] = le.Uint64(secs[secMasks][8*i:])
	}
	checkMasks := func(s int, width int) (U16s, error) {
		a := U16s(secs[s])
		if len(a)%width != 0 {
			return nil, sizeErr(s, "not a whole number of records")
		}
		if entries && len(a) > 0 && int(a.max()) >= len(t.Masks) {
			return nil, &SyntaxError{sec(s), fmt.Sprintf("section %s: mask index %d out of range (%d masks)", sectionNames[s], a.max(), len(t.Masks))}
		}
		return a, nil
	}
	var err error

	// Names: every entry of every block inside its block, so that a
	// look-up stays inside the data.
	nm := &t.Names
	nm.Blocks, nm.Bytes = U32s(secs[secNameBlocks]), secs[secNameBytes]
	if nm.Sets, err = checkMasks(secNameSets, 4); err != nil {
		return nil, err
	}
	nm.Masks = U16s(secs[secNameMasks])
	if len(nm.Masks)%2 != 0 {
		return nil, sizeErr(secNameMasks, "not a whole number of records")
	}
	n := nm.Masks.Len()
	if len(nm.Blocks)%4 != 0 || nm.Blocks.Len() != (n+NameBlock-1)/NameBlock+1 {
		return nil, sizeErr(secNameBlocks, fmt.Sprintf("want the start of each block of %d names and their end", n))
	}
	if entries && n > 0 && int(nm.Masks.max()) >= nm.Sets.Len()/2 {
		return nil, &SyntaxError{sec(secNameMasks), fmt.Sprintf("name set %d out of range (%d sets)", nm.Masks.max(), nm.Sets.Len()/2)}
	}
	if entries {
		if err := nm.checkBlocks(sec(secNameBlocks), sec(secNameBytes)); err != nil {
			return nil, err
		}
	}

	// Ranges.
	t.V4Starts = U32s(secs[secV4Starts])
	v6 := secs[secV6Starts]
	if len(t.V4Starts)%4 != 0 {
		return nil, sizeErr(secV4Starts, "not a whole number of addresses")
	}
	if len(v6)%16 != 0 {
		return nil, sizeErr(secV6Starts, "not a whole number of addresses")
	}
	t.V6High, t.V6Low = U64s(v6[:len(v6)/2]), U64s(v6[len(v6)/2:])
	if t.V4Masks, err = checkMasks(secV4Masks, 2); err != nil {
		return nil, err
	}
	if t.V6Masks, err = checkMasks(secV6Masks, 2); err != nil {
		return nil, err
	}
	if t.V4Masks.Len() != t.V4Starts.Len() || t.V6Masks.Len() != t.V6High.Len() {
		return nil, sizeErr(secV4Masks, "ranges and their masks differ in number")
	}

	// Hashes; their sizes are in meta, read below.
	prefixes := U64s(secs[secHashPrefixes])
	if len(prefixes)%8 != 0 {
		return nil, sizeErr(secHashPrefixes, "not a whole number of prefixes")
	}
	hashMasks, err := checkMasks(secHashMasks, 2)
	if err != nil {
		return nil, err
	}
	if hashMasks.Len() != prefixes.Len() {
		return nil, sizeErr(secHashMasks, "hashes and their masks differ in number")
	}

	// Meta.
	d := &decoder{b: secs[secMeta], base: sec(secMeta)}
	t.Own = d.uint()
	nl := d.count(MaxLists)
	for range nl {
		l := List{ID: d.str(), Name: d.str(), Type: d.str(), Version: d.uint(), Entries: d.uint()}
		na := d.count(64)
		for range na {
			l.Attributes = append(l.Attributes, d.str())
		}
		t.Lists = append(t.Lists, l)
	}
	ns := d.count(MaxHashSize + 1)
	at, last := 0, -1
	for range ns {
		size, count := d.uint(), d.uint()
		if d.err != nil {
			break
		}
		if size > MaxHashSize || int(size) <= last || count > uint64(prefixes.Len()-at) {
			d.fail(fmt.Sprintf("hash size %d out of order, too large, or with too many hashes", size))
			break
		}
		last = int(size)
		t.Hashes[size] = HashTable{prefixes.slice(at, at+int(count)), hashMasks.slice(at, at+int(count))}
		at += int(count)
	}
	if d.err == nil && at != prefixes.Len() {
		d.fail(fmt.Sprintf("hash sizes count %d hashes, the table holds %d", at, prefixes.Len()))
	}
	nr := d.count(1 << 10)
	for range nr {
		l := int(d.uint())
		if d.err == nil && l >= len(t.Lists) {
			d.fail("regex of an unknown list")
			break
		}
		t.Regexes = append(t.Regexes, Regex{List: l, Pattern: d.str()})
	}
	if d.err == nil && d.off != len(d.b) {
		d.fail("data after the regexes")
	}
	if d.err != nil {
		return nil, d.err
	}
	return t, nil
}

// checkBlocks checks that every name of every block lies inside its block
// and shares no more bytes with the name before than that one has, so
// that a look-up stays inside the data. blocksAt and bytesAt are where
// the sections start, for errors.
func (nm *Names) checkBlocks(blocksAt, bytesAt int) error {
	n := nm.Masks.Len()
	for blk := range nm.Blocks.Len() - 1 {
		pos, end := int(nm.Blocks.At(blk)), int(nm.Blocks.At(blk+1))
		if (blk == 0 && pos != 0) || end < pos || end > len(nm.Bytes) || (blk == nm.Blocks.Len()-2 && end != len(nm.Bytes)) {
			return &SyntaxError{blocksAt + 4*blk, fmt.Sprintf("name block %d from byte %d to %d: out of order or range (%d name bytes)", blk, pos, end, len(nm.Bytes))}
		}
		prevLen := 0
		for j := range min(NameBlock, n-blk*NameBlock) {
			if pos+2 > end {
				return &SyntaxError{bytesAt + pos, fmt.Sprintf("name block %d ends in its name %d", blk, j)}
			}
			shared, rest := int(nm.Bytes[pos]), int(nm.Bytes[pos+1])
			if shared > prevLen || (j == 0 && shared != 0) || pos+2+rest > end {
				return &SyntaxError{bytesAt + pos, fmt.Sprintf("name %d of block %d shares %d bytes of %d, or runs past its block", j, blk, shared, prevLen)}
			}
			pos += 2 + rest
			prevLen = shared + rest
		}
		if pos != end {
			return &SyntaxError{bytesAt + pos, fmt.Sprintf("name block %d: %d bytes after its names", blk, end-pos)}
		}
	}
	return nil
}

// Names is the name table: the names reversed, sorted, front-coded in
// blocks of NameBlock, and the sets of lists holding each.
type Names struct {
	Blocks U32s   // where each block starts in Bytes, and their end
	Sets   U16s   // pairs of indices into Tables.Masks: exact, subtree
	Masks  U16s   // for each name, its pair in Sets
	Bytes  []byte // the entries: shared, rest, the rest's bytes
}

// Len returns the number of names.
func (t *Names) Len() int { return t.Masks.Len() }

// Lists returns the indices in Tables.Masks of the sets of lists holding
// name i exactly and with the names under it.
func (t *Names) Lists(i int) (exact, subtree uint16) {
	s := int(t.Masks.At(i))
	return t.Sets.At(2 * s), t.Sets.At(2*s + 1)
}

// head returns the first name of block b, which is whole in the data.
func (t *Names) head(b int) []byte {
	pos := int(t.Blocks.At(b))
	return t.Bytes[pos+2 : pos+2+int(t.Bytes[pos+1])]
}

// Find returns the index of the name whose reversal is key, and whether
// there is one: a binary search of the blocks' first names, then a walk
// of one block that keeps how many bytes the name at hand shares with
// key rather than rebuilding names. With names sorted, a name sharing
// fewer bytes with its predecessor than that predecessor shares with
// key is past key, and one sharing more is still before it.
func (t *Names) Find(key []byte) (int, bool) {
	lo, hi := 0, t.Blocks.Len()-1 // the first block whose head is > key
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if bytes.Compare(t.head(mid), key) <= 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	b := lo - 1
	if b < 0 {
		return 0, false
	}
	pos, end := int(t.Blocks.At(b)), int(t.Blocks.At(b+1))
	m := 0 // bytes the name at hand shares with key, which it is below
	for i := b * NameBlock; pos < end; i++ {
		shared, n := int(t.Bytes[pos]), int(t.Bytes[pos+1])
		if shared < m {
			return 0, false
		}
		if shared == m {
			rest, k := t.Bytes[pos+2:pos+2+n], key[m:]
			c := 0
			for c < len(rest) && c < len(k) && rest[c] == k[c] {
				c++
			}
			switch {
			case c == len(k):
				return i, c == len(rest) // equal, or key is a prefix of the name, which is past it
			case c < len(rest) && rest[c] > k[c]:
				return 0, false
			}
			m += c
		}
		pos += 2 + n
	}
	return 0, false
}

// all calls f with each name, reversed, in order; the bytes are
// overwritten by the next call.
func (t *Names) all(f func(i int, name []byte) error) error {
	var buf []byte
	i := 0
	for b := range t.Blocks.Len() - 1 {
		for pos, end := int(t.Blocks.At(b)), int(t.Blocks.At(b+1)); pos < end; i++ {
			shared, n := int(t.Bytes[pos]), int(t.Bytes[pos+1])
			buf = append(buf[:shared], t.Bytes[pos+2:pos+2+n]...)
			if err := f(i, buf); err != nil {
				return err
			}
			pos += 2 + n
		}
	}
	return nil
}

// Decode reads what Encode wrote, checking the order of its tables too.
func Decode(b []byte) (*Data, error) {
	t, err := Open(b)
	if err != nil {
		return nil, err
	}
	out := &Data{Own: t.Own, Lists: t.Lists, Regexes: t.Regexes}
	var prev []byte
	err = t.Names.all(func(i int, r []byte) error {
		if i > 0 && bytes.Compare(prev, r) >= 0 {
			return &SyntaxError{0, fmt.Sprintf("names not sorted and unique at name %d, %q", i, Reverse(string(r)))}
		}
		ex, sub := t.Names.Lists(i)
		out.Domains = append(out.Domains, Domain{Name: Reverse(string(r)), Exact: t.Masks[ex], Subtree: t.Masks[sub]})
		prev = append(prev[:0], r...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range t.V4Starts.Len() {
		k := t.V4Starts.At(i)
		if i > 0 && k <= t.V4Starts.At(i-1) {
			return nil, &SyntaxError{0, fmt.Sprintf("IPv4 ranges not sorted at %d", i)}
		}
		var a [4]byte
		binary.BigEndian.PutUint32(a[:], k)
		out.Ranges = append(out.Ranges, Range{netip.AddrFrom4(a), t.Masks[t.V4Masks.At(i)]})
	}
	for i := range t.V6Masks.Len() {
		k := [2]uint64{t.V6High.At(i), t.V6Low.At(i)}
		if i > 0 && compare6(k, [2]uint64{t.V6High.At(i - 1), t.V6Low.At(i - 1)}) <= 0 {
			return nil, &SyntaxError{0, fmt.Sprintf("IPv6 ranges not sorted at %d", i)}
		}
		var a [16]byte
		binary.BigEndian.PutUint64(a[:8], k[0])
		binary.BigEndian.PutUint64(a[8:], k[1])
		out.Ranges = append(out.Ranges, Range{netip.AddrFrom16(a), t.Masks[t.V6Masks.At(i)]})
	}
	for size, h := range t.Hashes { // Open checked the sizes increase
		for i := range h.Prefixes.Len() {
			p := h.Prefixes.At(i)
			if i > 0 && p <= h.Prefixes.At(i-1) {
				return nil, &SyntaxError{0, fmt.Sprintf("%d-byte hashes not sorted at %d", size, i)}
			}
			out.Hashes = append(out.Hashes, Hash{uint8(size), p, t.Masks[h.Masks.At(i)]})
		}
	}
	return out, nil
}

// V4Key returns an IPv4 address as a number, the key of the IPv4 ranges.
func V4Key(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

// V6Key returns an IPv6 address as two numbers (high, low), the key of
// the IPv6 ranges.
func V6Key(a netip.Addr) [2]uint64 {
	b := a.As16()
	return [2]uint64{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

// V6Span returns the first and last keys of an IPv6 block.
func V6Span(p netip.Prefix) (lo, hi [2]uint64) {
	lo = V6Key(p.Masked().Addr())
	hi = lo
	switch host := 128 - p.Bits(); {
	case host == 128:
		hi = [2]uint64{^uint64(0), ^uint64(0)}
	case host >= 64:
		hi[0] |= 1<<(host-64) - 1
		hi[1] = ^uint64(0)
	default:
		hi[1] |= 1<<host - 1
	}
	return lo, hi
}

func compare6(a, b [2]uint64) int {
	if a[0] != b[0] {
		if a[0] < b[0] {
			return -1
		}
		return 1
	}
	if a[1] != b[1] {
		if a[1] < b[1] {
			return -1
		}
		return 1
	}
	return 0
}

type decoder struct {
	b    []byte
	base int // offset of b in the data, for errors
	off  int
	err  error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = &SyntaxError{d.base + d.off, msg}
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

func (d *decoder) str() string {
	n := d.count(1 << 20)
	if d.err != nil {
		return ""
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	return s
}
