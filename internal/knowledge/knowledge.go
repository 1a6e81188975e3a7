package knowledge

//go:generate go run ./gen

import (
	"bytes"
	"cmp"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
)

// packGz is the pack as `go generate` wrote it: gzip-compressed JSON.
//
//go:embed pack.json.gz
var packGz []byte

// maxPackBytes bounds the decompressed pack, far above its real size
// (about 1 MB), so that a corrupt trailer cannot ask for a huge buffer.
const maxPackBytes = 64 << 20

// load decodes the embedded pack the first time it is called.
var load = sync.OnceValues(func() (*Pack, error) { return decode(packGz) })

// Load returns the built-in knowledge pack, decompressed and decoded on the
// first call; later calls return the same Pack. It is safe for concurrent
// use. The Pack is shared: callers must not modify it.
func Load() (*Pack, error) { return load() }

// Size returns the size in bytes of the embedded, compressed pack.
func Size() int { return len(packGz) }

// decode decompresses and decodes a pack, refusing unknown fields, data
// after the JSON and a format version other than PackVersion.
func decode(gz []byte) (*Pack, error) {
	const where = "knowledge: embedded pack.json.gz"
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%s: reading the gzip header: %w", where, err)
	}
	// The gzip trailer's last four bytes hold the decompressed size
	// (modulo 2^32), which sizes the buffer in one allocation.
	var raw bytes.Buffer
	if n := len(gz); n >= 4 {
		if size := binary.LittleEndian.Uint32(gz[n-4:]); size <= maxPackBytes {
			raw.Grow(int(size) + bytes.MinRead)
		}
	}
	if _, err := raw.ReadFrom(io.LimitReader(zr, maxPackBytes+1)); err != nil {
		return nil, fmt.Errorf("%s: decompressing: %w", where, err)
	}
	if raw.Len() > maxPackBytes {
		return nil, fmt.Errorf("%s: decompresses to more than %d bytes", where, maxPackBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(raw.Bytes()))
	dec.DisallowUnknownFields()
	p := new(Pack)
	if err := dec.Decode(p); err != nil {
		return nil, fmt.Errorf("%s: %w", where, jsonError(err, dec.InputOffset()))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: near byte offset %d of the JSON: data after the pack", where, dec.InputOffset())
	}
	if p.Version != PackVersion {
		return nil, fmt.Errorf("%s: format version %d, but this build reads version %d: run go generate ./internal/knowledge/", where, p.Version, PackVersion)
	}
	return p, nil
}

// jsonError adds to a decoding error where it was found: the number of
// bytes of the decompressed JSON read when the decoder noticed it.
func jsonError(err error, offset int64) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		offset = syn.Offset
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		offset = typ.Offset
	}
	return fmt.Errorf("near byte offset %d of the JSON: %w", offset, err)
}

// GroupByID returns the ATT&CK group with the external id (G0059), or nil.
// Where an id has several objects, the current one comes before revoked or
// deprecated ones. Like every lookup here it relies on the order Pack
// documents, which Load's pack has.
func (p *Pack) GroupByID(externalID string) *Group {
	return find(p.Groups, externalID, func(g *Group) string { return g.ExternalID })
}

// TechniqueByID returns the ATT&CK technique or sub-technique with the
// external id (T1566.001), or nil.
func (p *Pack) TechniqueByID(externalID string) *Technique {
	return find(p.Techniques, externalID, func(t *Technique) string { return t.ExternalID })
}

// SoftwareByID returns the ATT&CK software with the external id (S0002),
// or nil; the current object where a retired one shares its id.
func (p *Pack) SoftwareByID(externalID string) *Software {
	return find(p.Software, externalID, func(s *Software) string { return s.ExternalID })
}

// CampaignByID returns the ATT&CK campaign with the external id (C0038),
// or nil.
func (p *Pack) CampaignByID(externalID string) *Campaign {
	return find(p.Campaigns, externalID, func(c *Campaign) string { return c.ExternalID })
}

// DISARMByID returns the DISARM technique with the external id (T0085), or
// nil. DISARM ids are looked up apart from ATT&CK's: both frameworks write
// T-numbers.
func (p *Pack) DISARMByID(externalID string) *Technique {
	return find(p.DISARM, externalID, func(t *Technique) string { return t.ExternalID })
}

// Galaxy returns the galaxy of the type ("threat-actor"), or nil.
func (p *Pack) Galaxy(typ string) *Galaxy {
	return find(p.Galaxies, typ, func(g *Galaxy) string { return g.Type })
}

// Source returns the provenance of the part with the id ("attack"), or nil.
func (p *Pack) Source(id string) *Source {
	for i := range p.Sources {
		if p.Sources[i].ID == id {
			return &p.Sources[i]
		}
	}
	return nil
}

// find returns the first element of list, sorted by key, whose key is k.
func find[T any](list []T, k string, key func(*T) string) *T {
	i, ok := slices.BinarySearchFunc(list, k, func(e T, k string) int { return cmp.Compare(key(&e), k) })
	if !ok {
		return nil
	}
	return &list[i]
}
