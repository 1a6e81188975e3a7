package pattern

import (
	"net/netip"
	"sort"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Set matches many patterns against a stream of observations with shared
// work. Observation expressions that are a single equality (or IN) on a
// string go into a hash index keyed by type, path and value, ISSUBSET
// into an index by prefix length, LIKE and MATCHES that fix the start or
// the end of the value (LIKE 'http://x/%', LIKE '%.evil.example',
// MATCHES '^https://', MATCHES '\.exe$') into an index of literal
// prefixes or suffixes;
// expressions that are AND and OR of comparisons are indexed by the
// comparisons that must hold for them to hold; the rest are evaluated for
// the objects of the types they name that have a property they compare.
//
// Patterns that need several observations (AND, FOLLOWEDBY, REPEATS) keep
// the recent observations that matched one of their observation
// expressions: those within the pattern's outermost WITHIN, and at most
// MaxBuffered of them.
//
// A Set is not safe for concurrent use; use one per goroutine.
type Set struct {
	// MaxBuffered bounds the observations kept per pattern that needs
	// several; older ones are dropped first. Zero means DefaultMaxBuffered.
	MaxBuffered int

	entries []*entry
	types   map[string]*typeIndex
	gen     uint32
	touched []*entry

	curObs *Observation  // the observation being matched
	vals   []*stix.Value // values reached by a probe
}

// MaxSetSteps bounds the search for a match of one pattern on one event
// of a Set; past it, Match reports ErrTooComplex for that event.
const MaxSetSteps = 200_000

// DefaultMaxBuffered is the default of Set.MaxBuffered.
const DefaultMaxBuffered = 1000

// SetMatch is a pattern of a Set that matched.
type SetMatch struct {
	ID           string
	Observations []*Observation // the observations bound, in timestamp order
	Bindings     []Binding      // Observation indexes Observations
}

type entry struct {
	id        string
	p         *Pattern
	simple    bool // one observation expression, no qualifier
	stateless bool // every match is one observation
	window    time.Duration
	gen       uint32
	hits      []hit // this event's hits; hit.obs is the leaf
	buf       []buffered
}

type buffered struct {
	o    *Observation
	hits []hit // hit.obs is the leaf
}

type leafRef struct {
	e     *entry
	leaf  int
	exact bool // the index lookup decides the whole expression
}

type typeIndex struct {
	eq   []*eqIndex
	cidr []*cidrIndex
	like []*likeIndex
	scan []scanRef
}

type scanRef struct {
	leafRef
	needs []string // first properties, one of which the object must have
}

// NewSet returns an empty Set.
func NewSet() *Set { return &Set{types: map[string]*typeIndex{}} }

// Reset drops the observations kept for patterns that need several, as
// when a stream starts again.
func (s *Set) Reset() {
	for _, e := range s.entries {
		e.buf = nil
	}
}

// Len returns the number of patterns in the set.
func (s *Set) Len() int { return len(s.entries) }

// Add compiles src and adds it under id.
func (s *Set) Add(id, src string) error {
	p, err := Compile(src)
	if err != nil {
		return err
	}
	s.AddPattern(id, p)
	return nil
}

// AddPattern adds a compiled pattern under id.
func (s *Set) AddPattern(id string, p *Pattern) {
	e := &entry{id: id, p: p, stateless: p.maxObs == 1}
	e.simple = e.stateless && p.root.kind == nLeaf
	if p.root.kind == nWithin {
		e.window = p.root.within
	}
	s.entries = append(s.entries, e)
	for i, l := range p.leaves {
		keys, ok := candKeys(l.cond)
		if !ok {
			s.addScan(e, i, l)
			continue
		}
		exact := l.cond.kind == condCmp && (l.cond.cmp.op == OpEq || l.cond.cmp.op == OpIn || l.cond.cmp.op == OpIsSubset)
		for _, k := range keys {
			ref := leafRef{e: e, leaf: i, exact: exact}
			ti := s.typeIndex(k.m.typ)
			switch k.kind {
			case keyEq:
				ix := ti.eqFor(k.m)
				ix.values[k.val] = append(ix.values[k.val], ref)
			case keyCIDR:
				ix := ti.cidrFor(k.m)
				ix.add(k.prefix, ref)
			case keyLike, keySuffix:
				ix := ti.likeFor(k.m, k.kind == keySuffix)
				ix.add(k.val, ref)
			}
		}
	}
}

func (s *Set) typeIndex(t string) *typeIndex {
	ti := s.types[t]
	if ti == nil {
		ti = &typeIndex{}
		s.types[t] = ti
	}
	return ti
}

func (s *Set) addScan(e *entry, i int, l *leaf) {
	for _, t := range l.types {
		var needs []string
		seen := map[string]bool{}
		for _, m := range cmpsOf(l.cond, nil) {
			if m.typ == t && !seen[m.steps[0].key] {
				seen[m.steps[0].key] = true
				needs = append(needs, m.steps[0].key)
			}
		}
		ti := s.typeIndex(t)
		ti.scan = append(ti.scan, scanRef{leafRef: leafRef{e: e, leaf: i}, needs: needs})
	}
}

func cmpsOf(cd *cond, out []*cmp) []*cmp {
	if cd.kind == condCmp {
		return append(out, cd.cmp)
	}
	for _, k := range cd.kids {
		out = cmpsOf(k, out)
	}
	return out
}

type keyKind uint8

const (
	keyEq keyKind = iota
	keyCIDR
	keyLike   // a literal prefix of the value
	keySuffix // a literal suffix of the value
)

// minLikePrefix is the shortest literal prefix of a LIKE pattern the
// prefix index takes.
const minLikePrefix = 3

type ckey struct {
	kind   keyKind
	m      *cmp
	val    string
	prefix netip.Prefix
}

// candKeys returns index keys of which at least one is found whenever cd
// holds for an object; ok is false when there are none such.
func candKeys(cd *cond) ([]ckey, bool) {
	switch cd.kind {
	case condAnd:
		var best []ckey
		found := false
		for _, k := range cd.kids {
			if ks, ok := candKeys(k); ok && (!found || len(ks) < len(best)) {
				best, found = ks, true
			}
		}
		return best, found
	case condOr:
		var all []ckey
		for _, k := range cd.kids {
			ks, ok := candKeys(k)
			if !ok {
				return nil, false
			}
			all = append(all, ks...)
		}
		return all, true
	}
	m := cd.cmp
	if m.not || m.exists || m.binary {
		return nil, false
	}
	switch m.op {
	case OpEq:
		if m.c.Kind == KindString {
			return []ckey{{kind: keyEq, m: m, val: m.c.Str}}, true
		}
	case OpIn:
		var ks []ckey
		for _, c := range m.set {
			if c.Kind != KindString {
				return nil, false
			}
			ks = append(ks, ckey{kind: keyEq, m: m, val: c.Str})
		}
		return ks, true
	case OpIsSubset:
		return []ckey{{kind: keyCIDR, m: m, prefix: m.prefix}}, true
	case OpLike:
		like := nfc(m.c.Str)
		if p := likePrefix(like); len(p) >= minLikePrefix {
			return []ckey{{kind: keyLike, m: m, val: p}}, true
		}
		if x := likeSuffix(like); len(x) >= minLikePrefix {
			return []ckey{{kind: keySuffix, m: m, val: x}}, true
		}
	case OpMatches:
		pre, suf := regexAnchors(m.re.String())
		if len(pre) >= minLikePrefix {
			return []ckey{{kind: keyLike, m: m, val: pre}}, true
		}
		if len(suf) >= minLikePrefix {
			return []ckey{{kind: keySuffix, m: m, val: suf}}, true
		}
	}
	return nil, false
}

// probe is one path of one type the indexes look up values at.
type probe struct {
	typ   string
	path  string
	steps []cstep
}

func sameProbe(p *probe, m *cmp) bool { return p.path == m.path }

type eqIndex struct {
	probe
	values map[string][]leafRef
}

type cidrIndex struct {
	probe
	bits  []int // the prefix lengths present, descending
	bySet map[netip.Prefix][]leafRef
}

// likeIndex holds LIKE and MATCHES patterns by the literal text every
// matching value starts with (or, when suffix, ends with); a value is
// looked up by its own prefixes (suffixes) of each length present.
type likeIndex struct {
	probe
	suffix   bool
	lens     []int
	byPrefix map[string][]leafRef
}

func (ix *likeIndex) add(prefix string, ref leafRef) {
	if _, ok := ix.byPrefix[prefix]; !ok {
		found := false
		for _, l := range ix.lens {
			if l == len(prefix) {
				found = true
			}
		}
		if !found {
			ix.lens = append(ix.lens, len(prefix))
			sort.Ints(ix.lens)
		}
	}
	ix.byPrefix[prefix] = append(ix.byPrefix[prefix], ref)
}

func (ti *typeIndex) eqFor(m *cmp) *eqIndex {
	for _, ix := range ti.eq {
		if sameProbe(&ix.probe, m) {
			return ix
		}
	}
	ix := &eqIndex{probe: probe{typ: m.typ, path: m.path, steps: m.steps}, values: map[string][]leafRef{}}
	ti.eq = append(ti.eq, ix)
	return ix
}

func (ti *typeIndex) cidrFor(m *cmp) *cidrIndex {
	for _, ix := range ti.cidr {
		if sameProbe(&ix.probe, m) {
			return ix
		}
	}
	ix := &cidrIndex{probe: probe{typ: m.typ, path: m.path, steps: m.steps}, bySet: map[netip.Prefix][]leafRef{}}
	ti.cidr = append(ti.cidr, ix)
	return ix
}

func (ti *typeIndex) likeFor(m *cmp, suffix bool) *likeIndex {
	for _, ix := range ti.like {
		if sameProbe(&ix.probe, m) && ix.suffix == suffix {
			return ix
		}
	}
	ix := &likeIndex{probe: probe{typ: m.typ, path: m.path, steps: m.steps}, suffix: suffix, byPrefix: map[string][]leafRef{}}
	ti.like = append(ti.like, ix)
	return ix
}

func (ix *cidrIndex) add(p netip.Prefix, ref leafRef) {
	bits := p.Bits()
	if p.Addr().Is6() {
		bits += 1000 // v6 lengths kept apart from v4 ones
	}
	found := false
	for _, b := range ix.bits {
		if b == bits {
			found = true
		}
	}
	if !found {
		ix.bits = append(ix.bits, bits)
		sort.Sort(sort.Reverse(sort.IntSlice(ix.bits)))
	}
	ix.bySet[p] = append(ix.bySet[p], ref)
}

// collect appends to s.vals each value steps[i:] reach from v, as
// cmp.walk would reach them.
func (s *Set) collect(steps []cstep, v *stix.Value, i int) {
	for ; i < len(steps); i++ {
		st := &steps[i]
		if st.deref && v.Kind == stix.KindString {
			if v = s.curObs.deref(v.Str); v == nil {
				return
			}
		}
		switch st.kind {
		case StepKey:
			if v.Kind != stix.KindObject {
				return
			}
			child := v.Get(st.key)
			if child == nil && i > 0 && steps[i-1].kind == StepKey && steps[i-1].key == "hashes" {
				child = hashEntry(v, st.key)
			}
			if child == nil {
				return
			}
			v = child
		case StepIndex:
			if v.Kind != stix.KindArray {
				return
			}
			n := st.index
			if n < 0 {
				n += len(v.Items)
			}
			if n < 0 || n >= len(v.Items) {
				return
			}
			v = &v.Items[n]
		default:
			if v.Kind != stix.KindArray {
				return
			}
			for j := range v.Items {
				s.collect(steps, &v.Items[j], i+1)
			}
			return
		}
	}
	s.vals = append(s.vals, v)
}

// Match matches one observation against every pattern of the set and
// appends what matched to dst. A pattern that needs several observations
// matches when this observation completes one of its matches with those
// kept from before. err is ErrTooComplex when the search for some
// pattern was cut short (the other patterns are still reported).
func (s *Set) Match(o *Observation, dst []SetMatch) ([]SetMatch, error) {
	s.gen++
	s.touched = s.touched[:0]
	s.curObs = o
	for oi := range o.Objects {
		obj := &o.Objects[oi]
		ti := s.types[obj.Type]
		if ti == nil {
			continue
		}
		for _, ix := range ti.eq {
			s.vals = s.vals[:0]
			s.collect(ix.steps, obj.Value, 0)
			for _, v := range s.vals {
				if v.Kind == stix.KindString {
					if refs, ok := ix.values[v.Str]; ok {
						s.candidates(refs, obj)
					}
				}
			}
		}
		for _, ix := range ti.cidr {
			s.vals = s.vals[:0]
			s.collect(ix.steps, obj.Value, 0)
			for _, v := range s.vals {
				if v.Kind != stix.KindString {
					continue
				}
				p, ok := parsePrefix(v.Str)
				if !ok {
					continue
				}
				for _, bits := range ix.bits {
					if p.Addr().Is6() != (bits >= 1000) {
						continue
					}
					bits %= 1000
					if bits > p.Bits() {
						continue
					}
					q, err := p.Addr().Prefix(bits)
					if err != nil {
						continue
					}
					if refs, ok := ix.bySet[q]; ok {
						s.candidates(refs, obj)
					}
				}
			}
		}
		for _, ix := range ti.like {
			s.vals = s.vals[:0]
			s.collect(ix.steps, obj.Value, 0)
			for _, v := range s.vals {
				if v.Kind != stix.KindString {
					continue
				}
				n := nfc(v.Str)
				for _, l := range ix.lens {
					if l > len(n) {
						break
					}
					key := n[:l]
					if ix.suffix {
						key = n[len(n)-l:]
					}
					if refs, ok := ix.byPrefix[key]; ok {
						s.candidates(refs, obj)
					}
				}
			}
		}
		for i := range ti.scan {
			sr := &ti.scan[i]
			for _, k := range sr.needs {
				if obj.Value.Get(k) != nil {
					s.candidate(sr.leafRef, obj)
					break
				}
			}
		}
	}
	var firstErr error
	for _, e := range s.touched {
		var err error
		dst, err = s.finish(e, o, dst)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	s.curObs = nil
	return dst, firstErr
}

func (s *Set) candidates(refs []leafRef, obj *Object) {
	for _, r := range refs {
		s.candidate(r, obj)
	}
}

func (s *Set) candidate(r leafRef, obj *Object) {
	e := r.e
	if e.gen == s.gen {
		for _, h := range e.hits {
			if h.obs == r.leaf {
				return
			}
		}
	}
	if !r.exact && !e.p.leaves[r.leaf].cond.eval(obj, s.curObs) {
		return
	}
	if e.gen != s.gen {
		e.gen = s.gen
		e.hits = e.hits[:0]
		s.touched = append(s.touched, e)
	}
	e.hits = append(e.hits, hit{obs: r.leaf, key: obj.Key})
}

// finish decides whether a pattern one of whose observation expressions
// matched o now matches.
func (s *Set) finish(e *entry, o *Observation, dst []SetMatch) ([]SetMatch, error) {
	if e.simple {
		h := e.hits[0]
		return append(dst, SetMatch{ID: e.id, Observations: []*Observation{o}, Bindings: []Binding{{Expr: h.obs, Observation: 0, Object: h.key}}}), nil
	}
	if e.stateless {
		hits := make([][]hit, len(e.p.leaves))
		for _, h := range e.hits {
			hits[h.obs] = append(hits[h.obs], hit{obs: 0, key: h.key})
		}
		obs := []*Observation{o}
		fillMaxLast(obs, hits)
		m, err := newSolver(e.p, obs, hits, 0).first()
		if m == nil {
			return dst, err
		}
		return append(dst, SetMatch{ID: e.id, Observations: obs, Bindings: m.Bindings}), nil
	}
	// Keep o, drop what is too old or too many.
	if e.window > 0 {
		cut := 0
		for cut < len(e.buf) && o.FirstObserved.Sub(e.buf[cut].o.LastObserved) > e.window {
			cut++
		}
		e.buf = append(e.buf[:0], e.buf[cut:]...)
	}
	limit := s.MaxBuffered
	if limit <= 0 {
		limit = DefaultMaxBuffered
	}
	if len(e.buf) >= limit {
		e.buf = append(e.buf[:0], e.buf[len(e.buf)-limit+1:]...)
	}
	e.buf = append(e.buf, buffered{o: o, hits: append([]hit(nil), e.hits...)})
	obs := make([]*Observation, len(e.buf))
	hits := make([][]hit, len(e.p.leaves))
	for j, b := range e.buf {
		obs[j] = b.o
		for _, h := range b.hits {
			hits[h.obs] = append(hits[h.obs], hit{obs: j, key: h.key})
		}
	}
	fillMaxLast(obs, hits)
	sv := newSolver(e.p, obs, hits, len(obs)-1)
	sv.maxSteps = MaxSetSteps
	m, err := sv.first()
	if m == nil {
		return dst, err
	}
	sm := SetMatch{ID: e.id, Bindings: m.Bindings}
	index := map[int]int{}
	for _, j := range m.Observations {
		index[j] = len(sm.Observations)
		sm.Observations = append(sm.Observations, obs[j])
	}
	for i := range sm.Bindings {
		sm.Bindings[i].Observation = index[sm.Bindings[i].Observation]
	}
	return append(dst, sm), nil
}
