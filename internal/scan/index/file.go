package index

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"time"
	"unsafe"

	"github.com/dossier-cti/dossier/internal/store"
)

// The saved index file:
//
//	magic "DOSSIDX\n", format version (uint32), section count (uint32)
//	per section: offset and length in bytes (uint64 each)
//	the sections, each starting at a multiple of 8 bytes
//	CRC-32C of everything before it (uint32), then "END\n"
//
// All numbers are little-endian. The sections are the Index's arrays as
// they lie in memory, so that a mapped file is used in place; section 0
// is the Info as JSON.
const (
	fileMagic   = "DOSSIDX\n"
	fileVersion = 3
	fileEnd     = "END\n"
	numSections = 8 + 2*int(numTables)
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrStale means a saved index no longer describes the database.
var ErrStale = errors.New("the saved index is stale")

// FileError is a saved index that cannot be used.
type FileError struct {
	Path string
	Msg  string
}

func (e *FileError) Error() string { return fmt.Sprintf("index %s: %s", e.Path, e.Msg) }

func (ix *Index) sections() ([][]byte, error) {
	info, err := json.Marshal(struct {
		Info
		Patterns []ComplexPattern `json:"patterns"`
	}{ix.Info, ix.Info.Patterns})
	if err != nil {
		return nil, err
	}
	secs := [][]byte{info, ix.arena, ix.rules, u32bytes(ix.entries), u32bytes(ix.lists),
		u32bytes(ix.cidrGroups), ix.cidrAddrs, u32bytes(ix.cidrEnts)}
	for _, s := range ix.slots {
		secs = append(secs, u64bytes(s))
	}
	for _, f := range ix.filters {
		secs = append(secs, u64bytes(f))
	}
	return secs, nil
}

// WriteFile saves the index to path (through a temporary file renamed
// into place, so a reader never sees half a file).
func (ix *Index) WriteFile(path string) error {
	if !littleEndian {
		return errors.New("index: saving is supported on little-endian machines only")
	}
	secs, err := ix.sections()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dossier-index-*")
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	defer os.Remove(tmp.Name())
	crc := crc32.New(castagnoli)
	w := bufio.NewWriterSize(tmp, 1<<20)
	var off uint64
	write := func(b []byte) {
		w.Write(b)
		crc.Write(b)
		off += uint64(len(b))
	}
	head := make([]byte, 0, 16+16*len(secs))
	head = append(head, fileMagic...)
	head = binary.LittleEndian.AppendUint32(head, fileVersion)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(secs)))
	pos := uint64(16 + 16*len(secs))
	for _, s := range secs {
		pos = align8(pos)
		head = binary.LittleEndian.AppendUint64(head, pos)
		head = binary.LittleEndian.AppendUint64(head, uint64(len(s)))
		pos += uint64(len(s))
	}
	write(head)
	var pad [8]byte
	for _, s := range secs {
		write(pad[:align8(off)-off])
		write(s)
	}
	var tail [8]byte
	binary.LittleEndian.PutUint32(tail[:4], crc.Sum32())
	copy(tail[4:], fileEnd)
	w.Write(tail[:])
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("index: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("index: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return nil
}

func align8(n uint64) uint64 { return (n + 7) &^ 7 }

// Open maps a saved index into memory and checks it: magic, version,
// layout and checksum. Close releases it.
func Open(path string) (*Index, error) {
	if !littleEndian {
		return nil, &FileError{path, "saved indexes are read on little-endian machines only"}
	}
	data, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	ix, ferr := parseFile(data)
	if ferr != "" {
		unmapFile(data)
		return nil, &FileError{path, ferr}
	}
	ix.data = data
	return ix, nil
}

// Close releases a mapped index; an index built in memory needs no Close.
func (ix *Index) Close() error {
	if ix.data == nil {
		return nil
	}
	d := ix.data
	*ix = Index{}
	return unmapFile(d)
}

func parseFile(data []byte) (*Index, string) {
	if len(data) < 16+8 || string(data[:8]) != fileMagic {
		return nil, "not a dossier index file"
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != fileVersion {
		return nil, fmt.Sprintf("written in index format %d; this dossier reads format %d: rebuild it", v, fileVersion)
	}
	n := int(binary.LittleEndian.Uint32(data[12:]))
	if n != numSections || len(data) < 16+16*n+8 {
		return nil, "corrupt: wrong section table"
	}
	body := data[:len(data)-8]
	if string(data[len(data)-4:]) != fileEnd {
		return nil, "corrupt or cut short: no end marker"
	}
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(data)-8:]); got != want {
		return nil, "corrupt: checksum mismatch"
	}
	secs := make([][]byte, n)
	for i := range secs {
		off := binary.LittleEndian.Uint64(data[16+16*i:])
		ln := binary.LittleEndian.Uint64(data[16+16*i+8:])
		if off%8 != 0 || off > uint64(len(body)) || ln > uint64(len(body))-off {
			return nil, "corrupt: section out of bounds"
		}
		secs[i] = body[off : off+ln : off+ln]
	}
	var meta struct {
		Info
		Patterns []ComplexPattern `json:"patterns"`
	}
	if err := json.Unmarshal(secs[0], &meta); err != nil {
		return nil, "corrupt: " + err.Error()
	}
	ix := &Index{Info: meta.Info, arena: secs[1], rules: secs[2]}
	ix.Info.Patterns = meta.Patterns
	var ok bool
	if ix.entries, ok = asU32(secs[3]); !ok {
		return nil, "corrupt: entries"
	}
	if ix.lists, ok = asU32(secs[4]); !ok {
		return nil, "corrupt: lists"
	}
	if ix.cidrGroups, ok = asU32(secs[5]); !ok {
		return nil, "corrupt: CIDR groups"
	}
	ix.cidrAddrs = secs[6]
	if ix.cidrEnts, ok = asU32(secs[7]); !ok {
		return nil, "corrupt: CIDR entries"
	}
	for t := range ix.slots {
		if ix.slots[t], ok = asU64(secs[8+t]); !ok {
			return nil, "corrupt: slots"
		}
		if l := len(ix.slots[t]); l&(l-1) != 0 {
			return nil, "corrupt: slot table size"
		}
		if ix.filters[t], ok = asU64(secs[8+int(numTables)+t]); !ok {
			return nil, "corrupt: filters"
		}
		if l := len(ix.filters[t]); l&(l-1) != 0 || (l == 0) != (len(ix.slots[t]) == 0) {
			return nil, "corrupt: filter size"
		}
	}
	if msg := ix.check(); msg != "" {
		return nil, "corrupt: " + msg
	}
	ix.initV4()
	for t, n := range ix.Info.KeyCounts {
		for i, name := range tableNames {
			if name == t {
				ix.Info.Keys[i] = n
			}
		}
	}
	return ix, ""
}

// check verifies that every offset in the arrays stays inside them, so
// that a damaged file with a valid checksum still cannot make a lookup
// read out of bounds.
func (ix *Index) check() string {
	if len(ix.entries)%4 != 0 || len(ix.rules)%ruleBytes != 0 || len(ix.cidrGroups)%4 != 0 || len(ix.cidrAddrs) != 16*len(ix.cidrEnts) {
		return "array sizes"
	}
	nRules := uint32(len(ix.rules) / ruleBytes)
	nEnt := uint32(len(ix.entries) / 4)
	for e := 0; e < len(ix.entries); e += 4 {
		ko, kl, lo, ll := uint64(ix.entries[e]), uint64(ix.entries[e+1]), uint64(ix.entries[e+2]), uint64(ix.entries[e+3])
		if ko+kl > uint64(len(ix.arena)) || lo+ll > uint64(len(ix.lists)) {
			return "entry out of bounds"
		}
	}
	for _, r := range ix.lists {
		if r >= nRules {
			return "rule number out of bounds"
		}
	}
	for _, s := range ix.slots {
		for _, v := range s {
			if v != 0 && uint32(v)-1 >= nEnt {
				return "slot out of bounds"
			}
		}
	}
	for _, e := range ix.cidrEnts {
		if e >= nEnt {
			return "CIDR entry out of bounds"
		}
	}
	for g := 0; g < len(ix.cidrGroups); g += 4 {
		if uint64(ix.cidrGroups[g+2])+uint64(ix.cidrGroups[g+3]) > uint64(len(ix.cidrEnts)) || ix.cidrGroups[g] > 128 {
			return "CIDR group out of bounds"
		}
	}
	return ""
}

// CheckFresh returns an error wrapping ErrStale when the store changed
// since the index was built, or when an indicator has become valid or
// expired since.
func (ix *Index) CheckFresh(ctx context.Context, st store.Reader, now time.Time) error {
	objects, versions, err := store.Counts(ctx, st)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	if versions != ix.Info.StoreVersions || objects != ix.Info.StoreObjects {
		return fmt.Errorf("%w: the database changed since it was built on %s (%d object versions then, %d now)",
			ErrStale, ix.Info.Built.Format(time.RFC3339), ix.Info.StoreVersions, versions)
	}
	if !ix.Info.NextChange.IsZero() && !now.Before(ix.Info.NextChange) {
		return fmt.Errorf("%w: an indicator became valid or expired at %s, after it was built", ErrStale, ix.Info.NextChange.Format(time.RFC3339))
	}
	return nil
}

var littleEndian = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}()

func u32bytes(s []uint32) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*4)
}

func u64bytes(s []uint64) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), len(s)*8)
}

func asU32(b []byte) ([]uint32, bool) {
	if len(b)%4 != 0 {
		return nil, false
	}
	if len(b) == 0 {
		return nil, true
	}
	if uintptr(unsafe.Pointer(&b[0]))%4 != 0 {
		return nil, false
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4), true
}

func asU64(b []byte) ([]uint64, bool) {
	if len(b)%8 != 0 {
		return nil, false
	}
	if len(b) == 0 {
		return nil, true
	}
	if uintptr(unsafe.Pointer(&b[0]))%8 != 0 {
		return nil, false
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), len(b)/8), true
}
