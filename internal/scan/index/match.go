package index

import (
	"bytes"
	"net/netip"

	"github.com/dossier-cti/dossier/internal/scan/events"
)

// Matcher looks values up in an index. It keeps scratch buffers, so each
// goroutine needs its own; the hits it returns are valid until its next
// call.
type Matcher struct {
	ix   *Index
	buf  []byte
	hits []Hit
	// miss4 remembers IPv4 addresses that matched nothing, direct-mapped:
	// logs repeat their resolvers, gateways and clients on every line.
	// An entry is the address plus one (zero is empty).
	miss4 [missCache]uint64
}

// missCache is the size of the IPv4 miss cache.
const missCache = 4096

// NewMatcher returns a matcher of ix.
func NewMatcher(ix *Index) *Matcher { return &Matcher{ix: ix, buf: make([]byte, 0, 512)} }

// Match returns the rules that a value of the given kind matches.
func (m *Matcher) Match(kind events.Kind, v []byte) []Hit {
	m.hits = m.hits[:0]
	switch kind {
	case events.Domain:
		var ok bool
		m.buf, ok = AppendDomain(m.buf[:0], v)
		if ok {
			m.hits = m.domain(m.hits, m.buf, Exact, Parent)
		}
	case events.IP:
		if a, ok := events.ParseIP(v); ok {
			if !a.Is4() {
				m.hits = m.ip(m.hits, a, Exact)
				break
			}
			b := a.As4()
			if !m.ix.mayHold4(b) {
				break
			}
			k := uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
			slot := &m.miss4[(k*0x9E3779B1>>7)&(missCache-1)]
			if *slot == k+1 {
				break
			}
			n := len(m.hits)
			m.hits = m.ip(m.hits, a, Exact)
			if len(m.hits) == n {
				*slot = k + 1
			}
		}
	case events.URL:
		m.hits = m.url(m.hits, v)
	case events.Email:
		var at int
		var ok bool
		m.buf, at, ok = AppendEmail(m.buf[:0], v)
		if ok {
			if e := m.ix.lookup(TEmail, m.buf, hashRev(m.buf)); e >= 0 {
				m.hits = m.ix.appendHits(m.hits, e, Exact, TEmail)
			}
			m.hits = m.domain(m.hits, m.buf[at+1:], DomainOfEmail, DomainOfEmail)
		}
	case events.Hash:
		var ok bool
		m.buf, ok = AppendHash(m.buf[:0], v)
		if ok {
			if e := m.ix.lookup(THash, m.buf, hashRev(m.buf)); e >= 0 {
				m.hits = m.ix.appendHits(m.hits, e, Exact, THash)
			}
		}
	}
	return m.hits
}

// domain looks up a canonical name and every parent of it with at least
// two labels (a single label is a public suffix, never a rule). The
// hashes of all suffixes come from one pass from the right.
func (m *Matcher) domain(hits []Hit, d []byte, exact, parent How) []Hit {
	if len(m.ix.slots[TDomain]) == 0 && len(m.ix.slots[TExactName]) == 0 {
		return hits
	}
	h := uint64(fnvOffset)
	dots := 0
	for i := len(d) - 1; i >= 0; i-- {
		c := d[i]
		if c == '.' {
			dots++
			if dots >= 2 {
				// h is the hash of d[i+1:], a parent with two labels or more.
				if e := m.ix.lookup(TDomain, d[i+1:], h); e >= 0 {
					hits = m.ix.appendHits(hits, e, parent, TDomain)
				}
			}
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	if dots >= 1 {
		if e := m.ix.lookup(TDomain, d, h); e >= 0 {
			hits = m.ix.appendHits(hits, e, exact, TDomain)
		}
		if e := m.ix.lookup(TExactName, d, h); e >= 0 {
			hits = m.ix.appendHits(hits, e, exact, TExactName)
		}
	}
	return hits
}

// ip looks up an address and the CIDR blocks that hold it.
func (m *Matcher) ip(hits []Hit, a netip.Addr, how How) []Hit {
	if a.Is4() && !m.ix.mayHold4(a.As4()) {
		return hits
	}
	a16 := a.As16()
	if e := m.ix.lookup(TIP, a16[:], hashRev(a16[:])); e >= 0 {
		hits = m.ix.appendHits(hits, e, how, TIP)
	}
	if len(m.ix.cidrGroups) == 0 {
		return hits
	}
	is6 := uint32(0)
	if a.Is6() {
		is6 = 1
	}
	if how == Exact {
		how = InCIDR
	}
	for g := 0; g < len(m.ix.cidrGroups); g += 4 {
		if m.ix.cidrGroups[g+1] != is6 {
			continue
		}
		bits := int(m.ix.cidrGroups[g])
		p, err := a.Prefix(bits)
		if err != nil {
			continue
		}
		key := p.Addr().As16()
		start, count := int(m.ix.cidrGroups[g+2]), int(m.ix.cidrGroups[g+3])
		lo, hi := start, start+count
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if bytes.Compare(m.ix.cidrAddrs[mid*16:mid*16+16], key[:]) < 0 {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo < start+count && bytes.Equal(m.ix.cidrAddrs[lo*16:lo*16+16], key[:]) {
			e := m.ix.cidrEnts[lo]
			ent := m.ix.entries[e*4:]
			for _, r := range m.ix.lists[ent[2] : ent[2]+ent[3]] {
				hits = append(hits, Hit{Rule: r, How: how, Table: TIP, entry: uint32(lo), cidr: true})
			}
		}
	}
	return hits
}

func (m *Matcher) url(hits []Hit, v []byte) []Hit {
	var parts URLParts
	var ok bool
	m.buf, parts, ok = AppendURL(m.buf[:0], v)
	if !ok {
		return hits
	}
	u := m.buf
	if len(m.ix.slots[TURL]) > 0 {
		if e := m.ix.lookup(TURL, u, hashRev(u)); e >= 0 {
			hits = m.ix.appendHits(hits, e, Exact, TURL)
		}
		if parts.Query >= 0 {
			if e := m.ix.lookup(TURL, u[:parts.Query], hashRev(u[:parts.Query])); e >= 0 {
				hits = m.ix.appendHits(hits, e, URLNoQuery, TURL)
			}
		}
	}
	host := u[parts.Host[0]:parts.Host[1]]
	if len(host) > 0 && (host[0] >= '0' && host[0] <= '9' || bytes.IndexByte(host, ':') >= 0) {
		if a, err := netip.ParseAddr(string(host)); err == nil {
			return m.ip(hits, a.Unmap(), HostOfURL)
		}
	}
	return m.domain(hits, host, HostOfURL, HostOfURL)
}
