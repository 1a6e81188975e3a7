package pattern

import (
	"errors"
	"sort"
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
var ErrTooComplex = errors.New("pattern: too many combinations of observations to search, or a match of more than 20,000 observations (the limits are MaxSteps and MaxBinding)")

// MaxBinding bounds how many observations one match may bind (nested
// REPEATS can ask for more); past it the search ends with ErrTooComplex.
const MaxBinding = 20_000

// MaxSteps bounds the search for a binding of one pattern.
const MaxSteps = 2_000_000

// hit is an observation (and its object) matching one leaf. Each leaf's
// hits are in observation order; maxLast is the latest last_observed of
// this hit and those before it in the list (see fillMaxLast).
type hit struct {
	obs     int
	key     string
	maxLast time.Time
}

// fillMaxLast sets maxLast in each leaf's hits, which lets the search stop
// early when no earlier observation is late enough.
func fillMaxLast(obs []*Observation, hits [][]hit) {
	for _, hs := range hits {
		var m time.Time
		for i := range hs {
			if t := obs[hs[i].obs].LastObserved; i == 0 || t.After(m) {
				m = t
			}
			hs[i].maxLast = m
		}
	}
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
	fillMaxLast(obs, hits)
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

// MatchAll returns the matches of the pattern among obs, which must be in
// timestamp order: for a pattern that matches single observations, every
// observation it matches; for the others, one match per observation that
// completes a match with observations before it (so a stream replayed in
// order reports each match once it is complete). The search for all of
// them together is bounded by MaxMatchAllSteps; past it, the matches
// found so far are returned with ErrTooComplex.
func (p *Pattern) MatchAll(obs []*Observation) ([]*Match, error) {
	hits := p.leafHits(obs)
	var out []*Match
	ends := make([]bool, len(obs))
	for _, hs := range hits {
		for _, h := range hs {
			ends[h.obs] = true
		}
	}
	steps := 0
	for j := range obs {
		if !ends[j] {
			continue
		}
		s := newSolver(p, obs, hits, j)
		s.upto = j
		s.maxSteps = min(MaxSteps, MaxMatchAllSteps-steps)
		m, err := s.first()
		steps += s.steps
		if err != nil {
			return out, err
		}
		if m != nil {
			out = append(out, m)
		}
	}
	return out, nil
}

// MaxMatchAllSteps bounds the search of MatchAll over all observations.
const MaxMatchAllSteps = 50_000_000

// solver searches for bindings by backtracking: each node offers its
// bindings in turn to a continuation, which accepts or rejects them.
type solver struct {
	p        *Pattern
	obs      []*Observation
	hits     [][]hit
	used     []int // observations of each observed-data already bound
	stack    []Binding
	must     int       // an observation the binding must use, or -1
	upto     int       // the last observation the binding may use
	minLast  time.Time // observations must end at or after it (right of FOLLOWEDBY)
	mustUsed int       // how many times must is bound
	steps    int
	maxSteps int
	tooMany  bool
}

func newSolver(p *Pattern, obs []*Observation, hits [][]hit, must int) *solver {
	return &solver{p: p, obs: obs, hits: hits, used: make([]int, len(obs)), must: must, upto: len(obs) - 1, maxSteps: MaxSteps}
}

func (s *solver) first() (*Match, error) {
	var found *Match
	s.solve(s.p.root, false, func() bool {
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
// to k; it returns true as soon as k accepts one. rest says whether what
// k goes on to bind could still use the observation s.must: when it
// cannot and nothing has used it yet, n must.
func (s *solver) solve(n *onode, rest bool, k func() bool) bool {
	s.steps++
	if s.steps > s.maxSteps {
		s.tooMany = true
		return false
	}
	switch n.kind {
	case nLeaf:
		return s.leaf(n, rest, k)
	case nOr:
		return s.solve(n.l, rest, k) || !s.tooMany && s.solve(n.r, rest, k)
	case nAnd:
		return s.solve(n.l, rest || s.canHold(n.r), func() bool { return s.solve(n.r, rest, k) })
	case nFollow:
		from := len(s.stack)
		return s.solve(n.l, rest || s.canHold(n.r), func() bool {
			mid := len(s.stack)
			latestFirst := s.obs[s.stack[from].Observation].FirstObserved
			for _, b := range s.stack[from:mid] {
				if t := s.obs[b.Observation].FirstObserved; t.After(latestFirst) {
					latestFirst = t
				}
			}
			// Everything the right side binds must end at or after
			// latestFirst; the rest of the pattern (k) is free of that.
			saved := s.minLast
			if latestFirst.After(saved) {
				s.minLast = latestFirst
			}
			inner := s.minLast
			ok := s.solve(n.r, rest, func() bool {
				for _, b := range s.stack[mid:] {
					if s.obs[b.Observation].LastObserved.Before(latestFirst) {
						return false
					}
				}
				s.minLast = saved
				r := k()
				s.minLast = inner
				return r
			})
			s.minLast = saved
			return ok
		})
	case nWithin:
		from := len(s.stack)
		return s.solve(n.l, rest, func() bool {
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
		return s.solve(n.l, rest, func() bool {
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
		return s.repeat(n, 0, -1, rest, k)
	}
	return false
}

// canHold reports whether some observation expression in n matched
// s.must.
func (s *solver) canHold(n *onode) bool {
	if s.must < 0 {
		return true
	}
	if n.kind == nLeaf {
		hs := s.hits[n.leaf]
		i := sort.Search(len(hs), func(i int) bool { return hs[i].obs >= s.must })
		return i < len(hs) && hs[i].obs == s.must
	}
	return s.canHold(n.l) || n.r != nil && s.canHold(n.r)
}

// leaf offers the hits of an observation expression.
func (s *solver) leaf(n *onode, rest bool, k func() bool) bool {
	hs := s.hits[n.leaf]
	// The observation the binding must use is tried first, then the
	// others from the latest back: most bindings without it, or too far
	// from it in time, are never built.
	mi := -1
	if s.must >= 0 {
		i := sort.Search(len(hs), func(i int) bool { return hs[i].obs >= s.must })
		if i < len(hs) && hs[i].obs == s.must {
			mi = i
			if ok := s.bind(n, hs[i], k); ok || s.tooMany {
				return ok
			}
		}
		if s.mustUsed == 0 && !rest {
			return false // nothing after this could use must
		}
	}
	end := sort.Search(len(hs), func(i int) bool { return hs[i].obs > s.upto })
	try := func(i int) (done, ok bool) {
		if i == mi || s.obs[hs[i].obs].LastObserved.Before(s.minLast) {
			return false, false
		}
		if s.steps++; s.steps > s.maxSteps {
			s.tooMany = true
			return true, false
		}
		ok = s.bind(n, hs[i], k)
		return ok || s.tooMany, ok
	}
	if s.must < 0 {
		// Earliest first: the first match found is the earliest.
		for i := 0; i < end; i++ {
			if done, ok := try(i); done {
				return ok
			}
		}
		return false
	}
	// Completing a match at must: the latest first, as the observations
	// near it are the likeliest to fit its time window.
	for i := end - 1; i >= 0; i-- {
		if hs[i].maxLast.Before(s.minLast) {
			break // nothing this early ends late enough
		}
		if done, ok := try(i); done {
			return ok
		}
	}
	return false
}

// bind binds leaf n to h, if h's observed-data has an observation left,
// and offers the binding to k.
func (s *solver) bind(n *onode, h hit, k func() bool) bool {
	if h.obs > s.upto || s.used[h.obs] >= s.obs[h.obs].NumberObserved {
		return false
	}
	if len(s.stack) >= MaxBinding {
		// The search recurses once per bound observation: bound it
		// before the stack is exhausted.
		s.tooMany = true
		return false
	}
	s.used[h.obs]++
	if h.obs == s.must {
		s.mustUsed++
	}
	s.stack = append(s.stack, Binding{Expr: n.leaf, Observation: h.obs, Object: h.key})
	ok := k()
	s.stack = s.stack[:len(s.stack)-1]
	if h.obs == s.must {
		s.mustUsed--
	}
	s.used[h.obs]--
	return ok
}

// repeat binds repetition i of n.l and the ones after it; each
// repetition's first observation is not after the previous one's, which
// leaves out permutations of the same set.
func (s *solver) repeat(n *onode, i, prevFirst int, rest bool, k func() bool) bool {
	if i == n.n {
		return k()
	}
	if i == 0 && n.l.kind == nLeaf {
		// Enough observations left for every repetition?
		left := 0
		for _, h := range s.hits[n.l.leaf] {
			if h.obs > s.upto || left >= n.n {
				break
			}
			left += s.obs[h.obs].NumberObserved - s.used[h.obs]
		}
		if left < n.n {
			return false
		}
	}
	from := len(s.stack)
	return s.solve(n.l, rest || i+1 < n.n && s.canHold(n.l), func() bool {
		first := s.stack[from].Observation
		if prevFirst >= 0 && first > prevFirst {
			return false
		}
		return s.repeat(n, i+1, first, rest, k)
	})
}
