package knowledge

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
	"sync"
)

// objectsJSONL holds whole ATT&CK and DISARM objects (groups, techniques,
// software, campaigns, tactics and the identities and markings they point
// at), one compact JSON object per line, exactly as published, sorted by
// id. It is embedded uncompressed and read in place: decompressing its
// 6.3 MB cost every dossier extract some 5 to 12 ms of CPU at start-up,
// while a report touches a few hundred of its 2,700 objects. As a []byte
// it lives in the binary's pointer-free data, which the garbage collector
// never scans, and the pages a run does not read are never loaded.
//
//go:embed objects.jsonl
var objectsJSONL []byte

// objectsIdx is the id-sorted index of objectsJSONL that go generate
// writes beside it; IndexObjects documents its layout.
//
//go:embed objects.idx
var objectsIdx []byte

// objectsMagic starts an objects index; the format version follows it.
const objectsMagic = "dossier objects index\n"

// ObjectsIndexVersion is the layout of the objects index this package
// reads and IndexObjects writes.
const ObjectsIndexVersion = 1

// IndexObjects returns the index of lines, whole STIX objects one per
// line, each ending in a newline, sorted by id with no id twice: what
// ObjectJSON binary-searches without building anything at run time.
//
// Layout, integers little-endian uint32:
//
//	"dossier objects index\n"  magic
//	version                    ObjectsIndexVersion
//	n                          the number of objects
//	size                       len(lines), to catch an index and an objects file of different runs
//	lineStart[n+1]             object i is lines[lineStart[i] : lineStart[i+1]-1] (its newline left out)
//	idStart[n+1]               its id is ids[idStart[i] : idStart[i+1]]
//	ids                        the ids, concatenated in order
//
// Each object's id is its first "id" member, as objects are published.
func IndexObjects(lines []byte) ([]byte, error) {
	var starts []uint32
	var ids []string
	for off := 0; off < len(lines); {
		end := bytes.IndexByte(lines[off:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("knowledge: objects: the last object (at byte %d) does not end in a newline", off)
		}
		raw, err := objectID(lines[off : off+end])
		id := string(raw)
		if err != nil {
			return nil, fmt.Errorf("knowledge: objects: line %d: %w", len(ids)+1, err)
		}
		if n := len(ids); n > 0 && ids[n-1] >= id {
			return nil, fmt.Errorf("knowledge: objects: line %d: id %s after %s: not sorted, or twice", n+1, id, ids[n-1])
		}
		ids = append(ids, id)
		starts = append(starts, uint32(off))
		off += end + 1
	}
	if len(lines) > math.MaxUint32 {
		return nil, fmt.Errorf("knowledge: objects: %d bytes, more than an index can address", len(lines))
	}
	starts = append(starts, uint32(len(lines)))
	var b []byte
	b = append(b, objectsMagic...)
	b = binary.LittleEndian.AppendUint32(b, ObjectsIndexVersion)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(ids)))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(lines)))
	for _, s := range starts {
		b = binary.LittleEndian.AppendUint32(b, s)
	}
	n := 0
	for _, id := range ids {
		b = binary.LittleEndian.AppendUint32(b, uint32(n))
		n += len(id)
	}
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	for _, id := range ids {
		b = append(b, id...)
	}
	return b, nil
}

// objectID returns the value of the first "id" member of a compact JSON
// object.
func objectID(line []byte) ([]byte, error) {
	i := bytes.Index(line, []byte(`"id":"`))
	if i < 0 {
		return nil, fmt.Errorf("an object without an id")
	}
	rest := line[i+len(`"id":"`):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return nil, fmt.Errorf("a malformed id")
	}
	return rest[:j], nil
}

// objectTable is an objects file and its index, checked once so that
// lookups need no bounds checks of their own.
type objectTable struct {
	lines     []byte
	n         int
	lineStart []byte // n+1 little-endian uint32
	idStart   []byte // n+1 little-endian uint32
	ids       []byte
}

// openObjects checks that idx is a well-formed index of lines: the magic,
// the version, offsets in order and in range, lines ending in newlines,
// ids strictly sorted. Whatever they hold, a corrupt pair gives an error
// that says what is wrong, never a panic later.
func openObjects(lines, idx []byte) (*objectTable, error) {
	const where = "knowledge: embedded objects.idx"
	head := len(objectsMagic) + 12
	if len(idx) < head || string(idx[:len(objectsMagic)]) != objectsMagic {
		return nil, fmt.Errorf("%s: not an objects index (no magic)", where)
	}
	u32 := func(b []byte, i int) int { return int(binary.LittleEndian.Uint32(b[4*i:])) }
	fields := idx[len(objectsMagic):head]
	if v := u32(fields, 0); v != ObjectsIndexVersion {
		return nil, fmt.Errorf("%s: format version %d, but this build reads version %d: run go generate ./internal/knowledge/", where, v, ObjectsIndexVersion)
	}
	n, size := u32(fields, 1), u32(fields, 2)
	if size != len(lines) {
		return nil, fmt.Errorf("%s: indexes %d bytes of objects, but objects.jsonl has %d: run go generate ./internal/knowledge/", where, size, len(lines))
	}
	if n > (len(idx)-head)/8-1 {
		return nil, fmt.Errorf("%s: %d objects, but only %d bytes of index", where, n, len(idx))
	}
	t := &objectTable{lines: lines, n: n}
	rest := idx[head:]
	t.lineStart, rest = rest[:4*(n+1)], rest[4*(n+1):]
	t.idStart, t.ids = rest[:4*(n+1)], rest[4*(n+1):]
	if u32(t.lineStart, 0) != 0 || u32(t.lineStart, n) != len(lines) {
		return nil, fmt.Errorf("%s: the objects do not span objects.jsonl", where)
	}
	if u32(t.idStart, 0) != 0 || u32(t.idStart, n) != len(t.ids) {
		return nil, fmt.Errorf("%s: the ids do not span the index's end", where)
	}
	var prev []byte
	for i := range n {
		// Only the offsets: reading each line's end here would load
		// every page of objects.jsonl; lookup checks the line it reads.
		a, b := u32(t.lineStart, i), u32(t.lineStart, i+1)
		if b <= a || b > len(lines) {
			return nil, fmt.Errorf("%s: object %d: bytes %d to %d of objects.jsonl out of order or range", where, i, a, b)
		}
		a, b = u32(t.idStart, i), u32(t.idStart, i+1)
		if b <= a || b > len(t.ids) {
			return nil, fmt.Errorf("%s: object %d: id bytes %d to %d out of order or range", where, i, a, b)
		}
		id := t.ids[a:b]
		if i > 0 && bytes.Compare(prev, id) >= 0 {
			return nil, fmt.Errorf("%s: object %d: id %q after %q: not sorted", where, i, id, prev)
		}
		prev = id
	}
	return t, nil
}

// id returns the id of object i < t.n.
func (t *objectTable) id(i int) []byte {
	return t.ids[binary.LittleEndian.Uint32(t.idStart[4*i:]):binary.LittleEndian.Uint32(t.idStart[4*i+4:])]
}

// lookup returns the object with the given id, its newline left out and
// its capacity cut to its length (so that an append cannot write over the
// next object), or nil when there is none.
func (t *objectTable) lookup(id string) ([]byte, error) {
	lo, hi := 0, t.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if string(t.id(m)) < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == t.n || string(t.id(lo)) != id {
		return nil, nil
	}
	a := binary.LittleEndian.Uint32(t.lineStart[4*lo:])
	b := binary.LittleEndian.Uint32(t.lineStart[4*lo+4:]) - 1 // openObjects made sure b >= a
	line := t.lines[a:b:b]
	// The index was checked for shape, not against the objects: a stale
	// or corrupt pair shows here, in the one object read.
	if got, err := objectID(line); err != nil || string(got) != id || t.lines[b] != '\n' {
		return nil, fmt.Errorf("knowledge: embedded objects.idx: object %s points at bytes %d to %d of objects.jsonl, which hold another object: run go generate ./internal/knowledge/", id, a, b)
	}
	return line, nil
}

var objects = sync.OnceValues(func() (*objectTable, error) { return openObjects(objectsJSONL, objectsIdx) })

// ObjectJSON returns the whole ATT&CK or DISARM object with the given
// STIX id, as published, or nil when the pack does not carry it. The
// bytes are shared: callers must not modify them.
func ObjectJSON(id string) ([]byte, error) {
	t, err := objects()
	if err != nil {
		return nil, err
	}
	return t.lookup(id)
}

// ObjectCount returns how many whole objects the pack carries.
func ObjectCount() (int, error) {
	t, err := objects()
	if err != nil {
		return 0, err
	}
	return t.n, nil
}
