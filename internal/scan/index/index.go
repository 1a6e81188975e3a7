// Package index is the in-memory index of active indicators that a scan
// matches events against: hash tables of canonical values (domains,
// URLs, hashes, email addresses, IP addresses) and a table of CIDR
// blocks sorted per prefix length, all held in a few flat arrays so that
// the index can be written to a file and mapped back into memory without
// decoding.
//
// Domains match exactly and as parents: a rule for evil.example matches
// evil.example and every name under it (mail.evil.example), never a
// sibling (notevil.example) or a parent. A rule on a public suffix (com,
// co.uk, duckdns.org) would match a whole registry and is refused with a
// warning. IP addresses match exact rules and every CIDR block holding
// them, IPv4 and IPv6. URLs are compared in the canonical form of
// AppendURL, with and without their query; the host of a URL and the
// domain of an email address are matched as domains (or addresses) too.
//
// Only simple patterns (equality on those values, joined by OR: see
// Simple) are indexed; the others are counted as Complex for the pattern
// engine.
package index

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/google/uuid"
	"golang.org/x/net/publicsuffix"
)

// How says how a value matched a rule.
type How uint8

// The ways a value matches.
const (
	Exact         How = iota + 1 // the value is the rule's value
	Parent                       // the value is a name under the rule's domain
	InCIDR                       // the address is in the rule's CIDR block
	URLNoQuery                   // the URL without its query is the rule's URL
	HostOfURL                    // the URL's host (or a name it is under) is the rule's
	DomainOfEmail                // the address's domain (or a name it is under) is the rule's
)

var howNames = [...]string{"", "exact", "parent", "cidr", "url-without-query", "host-of-url", "domain-of-email"}

func (h How) String() string { return howNames[h] }

// Rule is one indexed indicator.
type Rule struct {
	ID   string // indicator--<uuid>
	Port int    // a port the pattern also names (network-traffic), 0 when none
}

// Hit is one rule that a value matched.
type Hit struct {
	Rule  uint32 // the rule's number, for Index.Rule
	How   How
	Table Table
	entry uint32 // the entry (or CIDR block) of the key matched
	cidr  bool
}

// Index holds the rules. It is read-only once built, and safe for
// concurrent use through one Matcher per goroutine.
type Index struct {
	arena   []byte   // keys
	rules   []byte   // 16 bytes of uuid + 4 of port per rule
	entries []uint32 // keyOff, keyLen, listOff, listLen per entry
	lists   []uint32 // rule numbers
	slots   [numTables][]uint64
	// filters are blocked Bloom filters in front of the slots, eight
	// bits per key in one 64-bit word per probe: small enough to stay in
	// cache, they answer most misses (the common case: a value no
	// indicator names) without touching the large slot table.
	filters [numTables][]uint64
	// CIDR blocks: groups of one family and prefix length (bits, is6,
	// first block, count), blocks as 16-byte addresses (masked) with
	// their entry number.
	cidrGroups []uint32
	cidrAddrs  []byte
	cidrEnts   []uint32

	// v4 has a bit for every /16 of IPv4 that holds an indexed address or
	// meets an indexed block: most addresses in logs (the network's own,
	// private ones) are in none, and are answered from these 8 KB. It is
	// made from the tables by Build and by Open, never saved.
	v4 *[1 << 16 / 64]uint64

	Info Info
	data []byte // the mapped file, when loaded from one
}

// initV4 fills in v4 from the IP table and the IPv4 CIDR groups.
func (ix *Index) initV4() {
	v4 := new([1 << 16 / 64]uint64)
	set := func(p uint32) { v4[p>>6] |= 1 << (p & 63) }
	for _, s := range ix.slots[TIP] {
		if s == 0 {
			continue
		}
		ent := ix.entries[(uint32(s)-1)*4:]
		k := ix.arena[ent[0] : ent[0]+ent[1]]
		if len(k) == 16 && netip.AddrFrom16([16]byte(k)).Is4In6() {
			set(uint32(k[12])<<8 | uint32(k[13]))
		}
	}
	for g := 0; g < len(ix.cidrGroups); g += 4 {
		bits, is6, start, count := ix.cidrGroups[g], ix.cidrGroups[g+1], ix.cidrGroups[g+2], ix.cidrGroups[g+3]
		if is6 != 0 {
			continue
		}
		n := uint32(1)
		if bits < 16 {
			n = 1 << (16 - bits)
		}
		for b := start; b < start+count; b++ {
			a := ix.cidrAddrs[b*16:]
			p := (uint32(a[12])<<8 | uint32(a[13])) &^ (n - 1)
			for i := uint32(0); i < n; i++ {
				set(p + i)
			}
		}
	}
	ix.v4 = v4
}

// mayHold4 says whether some rule may hold the IPv4 address a.
func (ix *Index) mayHold4(a [4]byte) bool {
	p := uint32(a[0])<<8 | uint32(a[1])
	return ix.v4[p>>6]&(1<<(p&63)) != 0
}

// ruleBytes is the size of one rule record.
const ruleBytes = 20

// NumRules returns the number of indexed rules.
func (ix *Index) NumRules() int { return len(ix.rules) / ruleBytes }

// Rule returns rule number n.
func (ix *Index) Rule(n uint32) Rule {
	b := ix.rules[int(n)*ruleBytes:]
	var u uuid.UUID
	copy(u[:], b[:16])
	return Rule{ID: "indicator--" + u.String(), Port: int(binary.LittleEndian.Uint32(b[16:20]))}
}

// Key returns the indexed value a hit matched: a canonical domain, URL,
// hash, email address, IP address or CIDR block.
func (ix *Index) Key(h Hit) string {
	if h.cidr {
		g := ix.cidrGroupOf(h.entry)
		var a [16]byte
		copy(a[:], ix.cidrAddrs[h.entry*16:])
		addr := netip.AddrFrom16(a)
		bits := int(ix.cidrGroups[g*4])
		if ix.cidrGroups[g*4+1] == 0 {
			addr = addr.Unmap()
		}
		return netip.PrefixFrom(addr, bits).String()
	}
	e := ix.entries[h.entry*4:]
	k := ix.arena[e[0] : e[0]+e[1]]
	if h.Table == TIP && len(k) == 16 {
		return netip.AddrFrom16([16]byte(k)).Unmap().String()
	}
	return string(k)
}

func (ix *Index) cidrGroupOf(block uint32) int {
	for g := 0; g*4 < len(ix.cidrGroups); g++ {
		if block >= ix.cidrGroups[g*4+2] && block < ix.cidrGroups[g*4+2]+ix.cidrGroups[g*4+3] {
			return g
		}
	}
	return 0
}

// hash is FNV-1a over the bytes from last to first, so that the hashes of
// every suffix of a domain come out of one pass.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashRev(b []byte) uint64 {
	h := uint64(fnvOffset)
	for i := len(b) - 1; i >= 0; i-- {
		h ^= uint64(b[i])
		h *= fnvPrime
	}
	return h
}

// filterWord and filterBits place a hash in a filter: one word, two bits
// of it, from other bits of the hash than the slot and the tag use.
func filterWord(h uint64, n int) int { return int((h >> 12) & uint64(n-1)) }

func filterBits(h uint64) uint64 { return 1<<((h>>52)&63) | 1<<((h>>58)&63) }

// lookup returns the entry of key in table t, or -1.
func (ix *Index) lookup(t Table, key []byte, h uint64) int {
	slots := ix.slots[t]
	if len(slots) == 0 {
		return -1
	}
	if f := ix.filters[t]; len(f) > 0 {
		if b := filterBits(h); f[filterWord(h, len(f))]&b != b {
			return -1
		}
	}
	mask := uint64(len(slots) - 1)
	tag := h >> 32
	for i := h & mask; ; i = (i + 1) & mask {
		s := slots[i]
		if s == 0 {
			return -1
		}
		if s>>32 == tag {
			e := uint32(s) - 1
			ent := ix.entries[e*4:]
			if string(ix.arena[ent[0]:ent[0]+ent[1]]) == string(key) {
				return int(e)
			}
		}
	}
}

func (ix *Index) appendHits(hits []Hit, e int, how How, t Table) []Hit {
	ent := ix.entries[e*4:]
	for _, r := range ix.lists[ent[2] : ent[2]+ent[3]] {
		hits = append(hits, Hit{Rule: r, How: how, Table: t, entry: uint32(e)})
	}
	return hits
}

// Builder collects rules and makes an Index. It keeps the keys in one
// byte arena and one open-addressing table (no Go map or string per key),
// which becomes the index's arena: a million rules cost little more than
// the index itself.
type Builder struct {
	arena   []byte
	ents    []uint32 // keyOff, keyLen, table, first rule: per entry
	slots   []uint64 // (hash tag << 32 | entry+1) over every table
	used    int
	more    map[int32][]int32 // further rules, by entry (none for most)
	cidrs   []cidrRule
	cidrIdx map[netip.Prefix]int32
	rules   []byte
	// Warnings says what was refused and why, one line each.
	Warnings []string
	refused  int
	psCache  map[string]int
	// exactOnly counts domain rules kept for exact matches only.
	exactOnly int
}

const entWords = 4

type cidrRule struct {
	p     netip.Prefix
	entry int32
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{psCache: map[string]int{}, more: map[int32][]int32{}, cidrIdx: map[netip.Prefix]int32{},
		slots: make([]uint64, 1024)}
}

// maxWarnings is how many refusals are described one by one.
const maxWarnings = 20

func (b *Builder) warn(format string, args ...any) {
	b.refused++
	if len(b.Warnings) < maxWarnings {
		b.Warnings = append(b.Warnings, fmt.Sprintf(format, args...))
	}
}

// Refused returns how many values were refused (Warnings describes the
// first ones).
func (b *Builder) Refused() int { return b.refused }

// AddRule adds a rule for the indicator id (indicator--uuid) and its
// terms; it returns false (and warns) when no term could be indexed.
func (b *Builder) AddRule(id string, terms []Term) bool {
	u, err := uuid.Parse(stripType(id))
	if err != nil {
		b.warn("%s: not an indicator id", id)
		return false
	}
	n := int32(len(b.rules) / ruleBytes)
	added := false
	var buf [256]byte
	for _, t := range terms {
		added = b.addTerm(buf[:0], n, id, t) || added
	}
	if !added {
		return false
	}
	b.rules = append(b.rules, u[:]...)
	port := 0
	for _, t := range terms {
		if t.Port > 0 {
			port = t.Port
		}
	}
	b.rules = binary.LittleEndian.AppendUint32(b.rules, uint32(port))
	return true
}

func stripType(id string) string {
	for i := 0; i+1 < len(id); i++ {
		if id[i] == '-' && id[i+1] == '-' {
			return id[i+2:]
		}
	}
	return id
}

func (b *Builder) addTerm(buf []byte, rule int32, id string, t Term) bool {
	v := []byte(t.Value)
	var ok bool
	switch t.Table {
	case TDomain:
		buf, ok = AppendDomain(buf, v)
		if !ok {
			b.warn("%s: %q is not a domain name", id, t.Value)
			return false
		}
		switch b.suffixKind(buf) {
		case suffixRegistry:
			b.warn("%s: refused the rule on %q, a public suffix: it would match every name registered under it", id, string(buf))
			return false
		case suffixWildcard:
			// Each name under a wildcard of the list (*.compute-1.amazonaws.com,
			// *.beget.app) is a public suffix of its own: one customer's
			// host, often a real C2, whose sub-names are that customer's
			// too but never another's. It is matched exactly only.
			b.exactOnly++
			if len(b.Warnings) < maxWarnings {
				b.Warnings = append(b.Warnings, fmt.Sprintf("%s: %q is a public suffix by a wildcard rule of the list: matched exactly, not as a parent", id, string(buf)))
			}
			b.entry(TExactName, buf, rule)
			return true
		}
	case TURL:
		buf, _, ok = AppendURL(buf, v)
		if !ok {
			b.warn("%s: %q is not a URL with a host", id, t.Value)
			return false
		}
	case THash:
		buf, ok = AppendHash(buf, v)
		if !ok {
			b.warn("%s: %q is not an MD5, SHA-1, SHA-256 or SHA-512 hash", id, t.Value)
			return false
		}
	case TEmail:
		buf, _, ok = AppendEmail(buf, v)
		if !ok {
			b.warn("%s: %q is not an email address", id, t.Value)
			return false
		}
	case TIP:
		if p, err := netip.ParsePrefix(t.Value); err == nil {
			p = p.Masked()
			if p.Addr().Is4In6() {
				p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96).Masked()
			}
			if p.IsSingleIP() {
				a := p.Addr().As16()
				buf = append(buf, a[:]...)
				break
			}
			if p.Bits() < 8 || (p.Addr().Is6() && p.Bits() < 16) {
				b.warn("%s: refused the rule on %s, a block too wide to mean one actor's infrastructure", id, p)
				return false
			}
			if e, ok := b.cidrIdx[p]; ok {
				b.addRule(e, rule)
				return true
			}
			e := b.newEntry(TIP, nil, rule)
			b.cidrIdx[p] = e
			b.cidrs = append(b.cidrs, cidrRule{p: p, entry: e})
			return true
		}
		a, err := netip.ParseAddr(t.Value)
		if err != nil {
			b.warn("%s: %q is not an IP address or CIDR block", id, t.Value)
			return false
		}
		a16 := a.WithZone("").Unmap().As16()
		buf = append(buf, a16[:]...)
	}
	b.entry(t.Table, buf, rule)
	return true
}

// bhash is the builder's hash of a key in a table.
func bhash(t Table, key []byte) uint64 { return hashRev(key) ^ (uint64(t)+1)*0x9E3779B97F4A7C15 }

// entry adds rule to the entry of key in table t, making it when new.
func (b *Builder) entry(t Table, key []byte, rule int32) {
	h := bhash(t, key)
	mask := uint64(len(b.slots) - 1)
	tag := h >> 32
	i := h & mask
	for ; b.slots[i] != 0; i = (i + 1) & mask {
		if b.slots[i]>>32 != tag {
			continue
		}
		e := uint32(b.slots[i]) - 1
		ent := b.ents[e*entWords:]
		if Table(ent[2]) == t && string(b.arena[ent[0]:ent[0]+ent[1]]) == string(key) {
			b.addRule(int32(e), rule)
			return
		}
	}
	e := b.newEntry(t, key, rule)
	b.slots[i] = tag<<32 | uint64(e+1)
	b.used++
	if b.used*2 > len(b.slots) {
		b.grow()
	}
}

func (b *Builder) newEntry(t Table, key []byte, rule int32) int32 {
	e := int32(len(b.ents) / entWords)
	b.ents = append(b.ents, uint32(len(b.arena)), uint32(len(key)), uint32(t), uint32(rule))
	b.arena = append(b.arena, key...)
	return e
}

func (b *Builder) addRule(e int32, rule int32) {
	if int32(b.ents[e*entWords+3]) == rule {
		return
	}
	for _, r := range b.more[e] {
		if r == rule {
			return
		}
	}
	b.more[e] = append(b.more[e], rule)
}

func (b *Builder) grow() {
	old := b.slots
	b.slots = make([]uint64, len(old)*2)
	mask := uint64(len(b.slots) - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		ent := b.ents[(uint32(s)-1)*entWords:]
		h := bhash(Table(ent[2]), b.arena[ent[0]:ent[0]+ent[1]])
		i := h & mask
		for b.slots[i] != 0 {
			i = (i + 1) & mask
		}
		b.slots[i] = s
	}
}

// How a domain stands in the public-suffix list.
const (
	suffixNone     = iota // not a public suffix: matched exactly and as a parent
	suffixRegistry        // an ICANN suffix (com, co.uk) or a private one listed by name (duckdns.org): refused
	suffixWildcard        // a suffix only through a wildcard rule (x.beget.app under *.beget.app): exact matches only
)

// suffixKind tells how d stands in the public-suffix list. A name that is
// a suffix because of a wildcard is told apart from one listed by name by
// its sibling: under a wildcard, any other first label is a suffix too.
func (b *Builder) suffixKind(d []byte) int {
	if v, ok := b.psCache[string(d)]; ok {
		return v
	}
	ds := string(d)
	v := suffixNone
	if ps, icann := publicsuffix.PublicSuffix(ds); ps == ds {
		v = suffixRegistry
		if i := strings.IndexByte(ds, '.'); !icann && i > 0 {
			sib := "zz--dossier-probe" + ds[i:]
			if ps2, _ := publicsuffix.PublicSuffix(sib); ps2 == sib {
				v = suffixWildcard
			}
		}
	}
	if len(b.psCache) < 1<<16 {
		b.psCache[ds] = v
	}
	return v
}

// Build makes the index. The builder must not be used afterwards.
func (b *Builder) Build(info Info) *Index {
	b.slots = nil // the per-table slots replace it
	ix := &Index{rules: b.rules, arena: b.arena, Info: info}
	ix.Info.Rules = len(b.rules) / ruleBytes
	ix.Info.Refused = b.refused
	ix.Info.ExactOnly = b.exactOnly
	ix.Info.Warnings = b.Warnings
	n := len(b.ents) / entWords
	var counts [numTables]int
	isCIDR := make(map[int32]bool, len(b.cidrs))
	for _, c := range b.cidrs {
		isCIDR[c.entry] = true
	}
	for e := 0; e < n; e++ {
		if !isCIDR[int32(e)] {
			counts[b.ents[e*entWords+2]]++
		}
	}
	for t := range ix.slots {
		if counts[t] == 0 {
			continue
		}
		c := 2
		for c < counts[t]*2 {
			c <<= 1
		}
		ix.slots[t] = make([]uint64, c)
		w := 1
		for w*64 < counts[t]*8 {
			w <<= 1
		}
		ix.filters[t] = make([]uint64, w)
	}
	// Entries are rewritten in place: keyOff and keyLen stay, the table
	// and first rule become the offset and length of the rule list.
	ix.lists = make([]uint32, 0, len(b.rules)/ruleBytes+len(b.more))
	for e := 0; e < n; e++ {
		ent := b.ents[e*entWords : e*entWords+entWords]
		t, first := Table(ent[2]), ent[3]
		listOff := len(ix.lists)
		ix.lists = append(ix.lists, first)
		for _, r := range b.more[int32(e)] {
			ix.lists = append(ix.lists, uint32(r))
		}
		ent[2], ent[3] = uint32(listOff), uint32(len(ix.lists)-listOff)
		if isCIDR[int32(e)] {
			continue
		}
		key := ix.arena[ent[0] : ent[0]+ent[1]]
		h := hashRev(key)
		slots := ix.slots[t]
		mask := uint64(len(slots) - 1)
		j := h & mask
		for slots[j] != 0 {
			j = (j + 1) & mask
		}
		slots[j] = (h>>32)<<32 | uint64(e+1)
		f := ix.filters[t]
		f[filterWord(h, len(f))] |= filterBits(h)
	}
	ix.entries = b.ents
	ix.Info.Keys = counts
	ix.Info.Keys[TIP] += len(b.cidrs)
	// CIDR blocks, grouped by family and length, sorted in each group.
	sort.Slice(b.cidrs, func(i, j int) bool {
		pi, pj := b.cidrs[i].p, b.cidrs[j].p
		if pi.Addr().Is6() != pj.Addr().Is6() {
			return !pi.Addr().Is6()
		}
		if pi.Bits() != pj.Bits() {
			return pi.Bits() > pj.Bits()
		}
		return pi.Addr().Less(pj.Addr())
	})
	for i, c := range b.cidrs {
		a := c.p.Addr().As16()
		ix.cidrAddrs = append(ix.cidrAddrs, a[:]...)
		ix.cidrEnts = append(ix.cidrEnts, uint32(c.entry))
		is6 := uint32(0)
		if c.p.Addr().Is6() {
			is6 = 1
		}
		g := len(ix.cidrGroups) - 4
		if g < 0 || ix.cidrGroups[g] != uint32(c.p.Bits()) || ix.cidrGroups[g+1] != is6 {
			ix.cidrGroups = append(ix.cidrGroups, uint32(c.p.Bits()), is6, uint32(i), 0)
			g = len(ix.cidrGroups) - 4
		}
		ix.cidrGroups[g+3]++
	}
	*b = Builder{}
	ix.initV4()
	return ix
}
