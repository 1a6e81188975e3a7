package knowledge

//go:generate go run ./gen

import (
	_ "embed"
	"sort"
	"sync"
)

// packBin is the pack as go generate wrote it, in the binary form
// Encode documents. A string, not a []byte: it stays in read-only
// memory, and the decoded pack's strings are substrings of it.
//
//go:embed pack.bin
var packBin string

// load decodes the embedded pack the first time it is called.
var load = sync.OnceValues(func() (*Pack, error) { return decode(packBin) })

// Load returns the built-in knowledge pack, decoded on the first call;
// later calls return the same Pack. It is safe for concurrent use. The
// Pack is shared: callers must not modify it.
func Load() (*Pack, error) { return load() }

// Size returns the size in bytes of the embedded pack.
func Size() int { return len(packBin) }

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
// The elements are looked at in place, not copied for each comparison
// (as slices.BinarySearchFunc passes them): a technique is 80 bytes.
func find[T any](list []T, k string, key func(*T) string) *T {
	i := sort.Search(len(list), func(i int) bool { return key(&list[i]) >= k })
	if i == len(list) || key(&list[i]) != k {
		return nil
	}
	return &list[i]
}
