package pattern

import (
	"errors"
	"time"
)

// nodeKind is the kind of a compiled observation-level node.
type nodeKind uint8

const (
	nLeaf nodeKind = iota
	nAnd
	nOr
	nFollow
	nWithin
	nRepeat
	nStartStop
)

// onode is a compiled observation-level expression.
type onode struct {
	kind        nodeKind
	leaf        int
	l, r        *onode
	n           int
	within      time.Duration
	start, stop time.Time
}

// maxObsCap bounds maxObs, which only needs to tell 1 from more.
const maxObsCap = 1 << 20

// maxObs is the most observations one binding of n can use.
func (n *onode) maxObs() int {
	switch n.kind {
	case nLeaf:
		return 1
	case nOr:
		return max(n.l.maxObs(), n.r.maxObs())
	case nAnd, nFollow:
		return min(n.l.maxObs()+n.r.maxObs(), maxObsCap)
	case nRepeat:
		return min(n.l.maxObs()*n.n, maxObsCap)
	}
	return n.l.maxObs()
}

// Binding says which observation, and which of its objects, matched one
// observation expression of the pattern.
type Binding struct {
	Expr        int    // index into Pattern.Expressions
	Observation int    // index into the observations given
	Object      string // the key (2.0) or id (2.1) of the object that matched
}

// Match is one way the pattern matches: the observations it binds (each
// index once, in increasing order) and what each expression bound.
type Match struct {
	Observations []int
	Bindings     []Binding
}

// ErrTooComplex is returned when finding a binding would take more steps
// than MaxSteps allows (patterns with many REPEATS over many observations).
var ErrTooComplex = errors.New("pattern: too many combinations of observations to search (the limit is MaxSteps)")

// MaxSteps bounds the search for a binding of one pattern.
const MaxSteps = 2_000_000

// hit is an observation (and its object) matching one leaf.
type hit struct {
	obs int
	key string
}

// leafHits evaluates every observation expression of p against obs.
func (p *Pattern) leafHits(obs []*Observation) [][]hit {
	hits := make([][]hit, len(p.leaves))
	for i, l := range p.leaves {
		for j, o := range obs {
			if key, ok := l.match(o); ok {
				hits[i] = append(hits[i], hit{obs: j, key: key})
			}
		}
	}
	return hits
}

// match evaluates the observation expression against one observation and
// returns the key of the first object that satisfies it.
func (l *leaf) match(o *Observation) (string, bool) {
	for i := range o.Objects {
		obj := &o.Objects[i]
		if !l.touches(obj.Type) {
			continue
		}
		if l.cond.eval(obj, o) {
			return obj.Key, true
		}
	}
	return "", false
}

func (l *leaf) touches(typ string) bool {
	for _, t := range l.types {
		if t == typ {
			return true
		}
	}
	return false
}

// MatchObservation reports whether the pattern matches the one
// observation o alone (with its number_observed repetitions).
func (p *Pattern) MatchObservation(o *Observation) (bool, error) {
	m, err := p.Match([]*Observation{o})
	return m != nil, err
}

// Match looks for a set of observations among obs that satisfies the
// pattern and returns the first found, or nil when there is none. The
// observations may be in any order; time constraints use their
// timestamps. err is ErrTooComplex when the search was cut short.
func (p *Pattern) Match(obs []*Observation) (*Match, error) {
	s := newSolver(p, obs, p.leafHits(obs), -1)
	return s.first()
}

// MatchAll returns the matches of the pattern among obs: for a pattern
// that matches single observations, every observation it matches; for
// the others, one match per observation that can end a match, each
// binding that observation (so a stream replayed in order reports each
// match once it is complete).
func (p *Pattern) MatchAll(obs []*Observation) ([]*Match, error) {
	hits := p.leafHits(obs)
	var out []*Match
	if p.maxObs == 1 {
		seen := make([]bool, len(obs))
		for _, hs := range hits {
			for _, h := range hs {
				seen[h.obs] = true
			}
		}
		for j := range obs {
			if !seen[j] {
				continue
			}
			m, err := newSolver(p, obs, hits, j).first()
			if err != nil {
				return out, err
			}
			if m != nil {
				out = append(out, m)
			}
		}
		return out, nil
	}
	// For each observation in order, match among those up to it, using it.
	for j := range obs {
		inLeaf := false
		for _, hs := range hits {
			for _, h := range hs {
				if h.obs == j {
					inLeaf = true
				}
			}
		}
		if !inLeaf {
			continue
		}
		prefix := make([][]hit, len(hits))
		for i, hs := range hits {
			for _, h := range hs {
				if h.obs <= j {
					prefix[i] = append(prefix[i], h)
				}
			}
		}
		m, err := newSolver(p, obs, prefix, j).first()
		if err != nil {
			return out, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}

// solver searches for bindings by backtracking: each node offers its
// bindings in turn to a continuation, which accepts or rejects them.
type solver struct {
	p       *Pattern
	obs     []*Observation
	hits    [][]hit
	used    []int // observations of each observed-data already bound
	stack   []Binding
	must    int // an observation the binding must use, or -1
	steps   int
	tooMany bool
}

func newSolver(p *Pattern, obs []*Observation, hits [][]hit, must int) *solver {
	return &solver{p: p, obs: obs, hits: hits, used: make([]int, len(obs)), must: must}
}

func (s *solver) first() (*Match, error) {
	var found *Match
	s.solve(s.p.root, func() bool {
		if s.must >= 0 {
			ok := false
			for _, b := range s.stack {
				if b.Observation == s.must {
					ok = true
					break
				}
			}
			if !ok {
				return false
			}
		}
		found = s.result()
		return true
	})
	if found == nil && s.tooMany {
		return nil, ErrTooComplex
	}
	return found, nil
}

func (s *solver) result() *Match {
	m := &Match{Bindings: append([]Binding(nil), s.stack...)}
	seen := map[int]bool{}
	for _, b := range s.stack {
		if !seen[b.Observation] {
			seen[b.Observation] = true
			m.Observations = append(m.Observations, b.Observation)
		}
	}
	sortInts(m.Observations)
	return m
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// solve offers each binding of n, compatible with what is bound already,
// to k; it returns true as soon as k accepts one.
func (s *solver) solve(n *onode, k func() bool) bool {
	s.steps++
	if s.steps > MaxSteps {
		s.tooMany = true
		return false
	}
	switch n.kind {
	case nLeaf:
		for _, h := range s.hits[n.leaf] {
			if s.used[h.obs] >= s.obs[h.obs].NumberObserved {
				continue
			}
			s.used[h.obs]++
			s.stack = append(s.stack, Binding{Expr: n.leaf, Observation: h.obs, Object: h.key})
			ok := k()
			s.stack = s.stack[:len(s.stack)-1]
			s.used[h.obs]--
			if ok || s.tooMany {
				return ok
			}
		}
		return false
	case nOr:
		return s.solve(n.l, k) || !s.tooMany && s.solve(n.r, k)
	case nAnd:
		return s.solve(n.l, func() bool { return s.solve(n.r, k) })
	case nFollow:
		from := len(s.stack)
		return s.solve(n.l, func() bool {
			mid := len(s.stack)
			latestFirst := s.obs[s.stack[from].Observation].FirstObserved
			for _, b := range s.stack[from:mid] {
				if t := s.obs[b.Observation].FirstObserved; t.After(latestFirst) {
					latestFirst = t
				}
			}
			return s.solve(n.r, func() bool {
				for _, b := range s.stack[mid:] {
					if s.obs[b.Observation].LastObserved.Before(latestFirst) {
						return false
					}
				}
				return k()
			})
		})
	case nWithin:
		from := len(s.stack)
		return s.solve(n.l, func() bool {
			first := s.obs[s.stack[from].Observation]
			latestFirst, earliestLast := first.FirstObserved, first.LastObserved
			for _, b := range s.stack[from:] {
				o := s.obs[b.Observation]
				if o.FirstObserved.After(latestFirst) {
					latestFirst = o.FirstObserved
				}
				if o.LastObserved.Before(earliestLast) {
					earliestLast = o.LastObserved
				}
			}
			if latestFirst.Sub(earliestLast) > n.within {
				return false
			}
			return k()
		})
	case nStartStop:
		from := len(s.stack)
		return s.solve(n.l, func() bool {
			for _, b := range s.stack[from:] {
				o := s.obs[b.Observation]
				// The interval must meet [start, stop).
				if !o.FirstObserved.Before(n.stop) || o.LastObserved.Before(n.start) {
					return false
				}
			}
			return k()
		})
	case nRepeat:
		return s.repeat(n, 0, -1, k)
	}
	return false
}

// repeat binds repetition i of n.l and the ones after it; each
// repetition's first observation is not before the previous one's, which
// leaves out permutations of the same set.
func (s *solver) repeat(n *onode, i, prevFirst int, k func() bool) bool {
	if i == n.n {
		return k()
	}
	from := len(s.stack)
	return s.solve(n.l, func() bool {
		first := s.stack[from].Observation
		if first < prevFirst {
			return false
		}
		return s.repeat(n, i+1, first, k)
	})
}
