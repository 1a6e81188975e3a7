// Package actors keeps one picture of threat actors across the names that
// vendors give them. Every source (ATT&CK, MISP galaxies, Microsoft's
// naming map, STIX objects in the store, analysts' own links) contributes
// clusters: its record of one actor with the names it uses for it. Names
// shared between clusters join them into one actor, unless another source
// keeps those clusters apart: then the link is recorded as a dispute and
// shown, never merged silently. Resolving a name returns the best-supported
// actor, every name with the sources that use it, overlaps, disputes, the
// sponsor and Microsoft family, and the other candidates with why.
package actors

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// SourceKind says what kind of source a claim comes from.
type SourceKind string

// The kinds of sources, in the order their name claims are applied.
const (
	KindAnalyst   SourceKind = "analyst"     // an analyst's link, made with dossier actor link
	KindATTACK    SourceKind = "attack"      // MITRE ATT&CK
	KindMicrosoft SourceKind = "microsoft"   // Microsoft's naming map
	KindGalaxy    SourceKind = "misp-galaxy" // a MISP galaxy
	KindSTIX      SourceKind = "stix"        // an intrusion set or threat actor in an ingested bundle
)

// Source is who says something about an actor.
type Source struct {
	Kind SourceKind `json:"kind"`
	// Name says who, readably: "MITRE ATT&CK G0059", "MISP galaxy
	// threat-actor (cluster APT35)", "Microsoft naming map".
	Name string `json:"name"`
	// Ref is the source's own identifier of the record: an ATT&CK or STIX
	// object id, a galaxy cluster uuid, a relationship id.
	Ref  string `json:"ref"`
	Date string `json:"date,omitempty"` // the record's or the source's date
}

// Cluster is one source's record of one actor.
type Cluster struct {
	Key        string // unique across sources: "attack:<id>", "galaxy:<uuid>", "microsoft:<name>", "stix:<id>"
	STIXID     string // the STIX intrusion-set or threat-actor that stands for it, if any
	InStore    bool   // STIXID is an object of the store
	Source     Source
	Name       string
	Synonyms   []string
	ExternalID string // ATT&CK id (G0059) when it has one
	Countries  []CountryClaim
	Identities []IdentityClaim // who the actor is, said by an attributed-to relationship to an identity
	Revoked    bool
	ReplacedBy string // Key of the replacement of a revoked cluster
	Deprecated bool
	Techniques []string // ATT&CK technique ids it uses (from the pack)
	Campaigns  []string // campaign names (from the pack)
	// separator groups the clusters of one source that the source keeps
	// apart: two clusters with the same separator are never joined by a
	// shared name. Empty means the source keeps no such distinction.
	separator string
	priority  int
	comp      int
}

// CountryClaim is a source's statement that an actor is tied to a state.
type CountryClaim struct {
	Country  string `json:"country"` // ISO 3166-1 alpha-2
	Source   Source `json:"source"`
	Evidence string `json:"evidence,omitempty"`
}

// IdentityClaim is a source's statement of who an actor is: a STIX
// threat actor attributed-to an identity (the actor's real identity, as
// the specification reads that relationship). dossier extract makes one
// for an operation a report attributes to a firm: the actor named for the
// firm, attributed to the firm's identity.
type IdentityClaim struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Class   string `json:"identity_class,omitempty"` // "organization", "individual", ...
	Country string `json:"country,omitempty"`        // ISO 3166-1 alpha-2 of where the identity is (located-at), when said
	Source  Source `json:"source"`
}

// Link is an explicit statement about two clusters.
type Link struct {
	From, To string // cluster keys
	Same     bool   // same actor; otherwise an overlap
	Source   Source
	Note     string // "similar (likely)", the analyst's source, ...
}

// Dispute records a name link that was not applied because a source keeps
// the two actors apart.
type Dispute struct {
	Name      string // the shared name
	Claimant  string // the cluster whose claim was refused
	Holder    int    // the component that holds the name
	KeptApart Source // the source whose separate clusters forbid the merge
	Between   [2]string
}

// nameNode is one name (by MatchKey) and every claim on it.
type nameNode struct {
	key    string
	claims []claim  // each with the spelling it uses
	owner  *Cluster // the first record to claim it; its actor holds the name
	count  int      // claims, while Build collects them
}

type claim struct {
	cluster *Cluster
	primary bool
	form    string
}

// display returns the spelling most claims use, the least in byte order
// among equals. A name has a few claims: counting them here costs less
// than a map of spellings kept for each of the thousands of names.
func (n *nameNode) display() string {
	best, bestN := "", -1
	for i, c := range n.claims {
		if slices.ContainsFunc(n.claims[:i], func(d claim) bool { return d.form == c.form }) {
			continue // counted at its first claim
		}
		k := 0
		for _, d := range n.claims[i:] {
			if d.form == c.form {
				k++
			}
		}
		if k > bestN || (k == bestN && c.form < best) {
			best, bestN = c.form, k
		}
	}
	return best
}

// Graph is the alias graph built from every source. It is read-only once
// built and safe for concurrent use.
type Graph struct {
	clusters []*Cluster
	byKey    map[string]*Cluster
	byID     map[string]*Cluster
	names    map[string]*nameNode
	links    []Link
	disputes []Dispute
	comps    [][]*Cluster // members of each component
	extra    map[string]Family
	// linksOf and disputesOf index links and disputes by the components
	// they touch, so that describing one actor does not scan them all.
	linksOf    map[int][]int
	disputesOf map[int][]int
}

// Builder collects clusters and links before the graph is built.
type Builder struct {
	clusters []*Cluster
	byKey    map[string]*Cluster
	links    []Link
	extra    map[string]Family
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{byKey: map[string]*Cluster{}, extra: map[string]Family{}}
}

// Add adds a cluster. A cluster whose Key is already present replaces the
// earlier one when it is in the store (the store is the truth) and is
// ignored otherwise.
func (b *Builder) Add(c *Cluster) {
	if old, ok := b.byKey[c.Key]; ok {
		if !c.InStore || old.InStore {
			return
		}
		// The store's record replaces the pack's; what the pack derived
		// (countries read from descriptions, techniques, campaigns) stays
		// where the store's record has none of its own.
		if len(c.Countries) == 0 {
			c.Countries = old.Countries
		}
		if len(c.Techniques) == 0 {
			c.Techniques = old.Techniques
		}
		if len(c.Campaigns) == 0 {
			c.Campaigns = old.Campaigns
		}
		*old = *c
		return
	}
	b.byKey[c.Key] = c
	b.clusters = append(b.clusters, c)
}

// Cluster returns the cluster with the given key, or nil.
func (b *Builder) Cluster(key string) *Cluster { return b.byKey[key] }

// Link adds an explicit link between two clusters (by key).
func (b *Builder) Link(l Link) { b.links = append(b.links, l) }

// galaxyOrder orders galaxies among themselves: Microsoft's own galaxy
// before the mirror of ATT&CK, the threat-actor galaxy, then Tidal's.
var galaxyOrder = map[string]int{"microsoft-activity-group": 0, "mitre-intrusion-set": 1, "threat-actor": 2, "groups": 3}

// Build joins the clusters into actors and indexes every name.
func (b *Builder) Build() *Graph {
	g := &Graph{
		clusters: b.clusters,
		byKey:    b.byKey,
		byID:     map[string]*Cluster{},
		names:    map[string]*nameNode{},
		links:    b.links,
		extra:    b.extra,
	}
	// A stable sort by priority, then current before revoked, then name.
	// slices, not sort.SliceStable, whose swaps through reflection cost
	// a tenth of the build.
	slices.SortStableFunc(g.clusters, func(a, c *Cluster) int {
		if a.Revoked != c.Revoked && a.priority == c.priority {
			if a.Revoked {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.priority, c.priority), strings.Compare(a.Name, c.Name))
	})
	for i, c := range g.clusters {
		c.comp = i
		if c.STIXID != "" {
			if _, ok := g.byID[c.STIXID]; !ok {
				g.byID[c.STIXID] = c
			}
		}
	}
	uf := newUnionFind(len(g.clusters))
	// Separators present in each component, each with the key of a
	// cluster that has it, sorted by separator, to refuse merging two
	// clusters a source keeps apart. A cluster has at most one and a
	// component a few: short sorted lists, not a map each.
	seps := make([][]sepKey, len(g.clusters))
	own := make([]sepKey, len(g.clusters))
	for i, c := range g.clusters {
		if c.separator != "" && !c.Revoked {
			own[i] = sepKey{c.separator, c.Key}
			seps[i] = own[i : i+1 : i+1]
		}
	}
	// union joins the components of clusters a and c, unless (without
	// force) a source has a cluster in each: it then returns false and the
	// keys of those two clusters.
	union := func(a, c int, force bool) (bool, [2]string) {
		ra, rc := uf.find(a), uf.find(c)
		if ra == rc {
			return true, [2]string{}
		}
		if !force {
			// Check the sources in a fixed order (by separator), so that
			// the dispute reported is the same on every run.
			for _, s := range seps[ra] {
				if k2, ok := findSep(seps[rc], s.sep); ok && k2 != s.key {
					return false, [2]string{s.key, k2}
				}
			}
		}
		r := uf.union(ra, rc)
		other := ra
		if r == ra {
			other = rc
		}
		seps[r] = mergeSeps(seps[r], seps[other])
		return true, [2]string{}
	}
	idx := func(c *Cluster) int { return c.comp }

	// 1. Revocations join a revoked record to its replacement.
	for _, c := range g.clusters {
		if c.Revoked && c.ReplacedBy != "" {
			if r, ok := g.byKey[c.ReplacedBy]; ok {
				union(idx(c), idx(r), true)
			}
		}
	}
	// 2. Explicit same-actor links.
	for _, l := range g.links {
		if !l.Same {
			continue
		}
		a, ok1 := g.byKey[l.From]
		c, ok2 := g.byKey[l.To]
		if ok1 && ok2 {
			union(idx(a), idx(c), l.Source.Kind == KindAnalyst)
		}
	}
	// 3. Names, source by source in priority order. Within a source, the
	// record that shares the most names with actors already formed goes
	// first, so that when a source splits an actor another source keeps
	// whole, the record that matches it best joins it and the others are
	// kept apart as disputes. Each record claims its name, then its
	// synonyms.
	//
	// A name is held once it has a node: its owner, the first record to
	// claim it, whose index (comp, until the components are numbered
	// below) the claims of other records are joined to. Nodes are made
	// from slabs and claims gathered in one list, then handed out to
	// their nodes in order: thousands of small allocations fewer, for a
	// graph every dossier extract builds.
	type pending struct {
		node *nameNode
		claim
	}
	total := 0 // names claimed, at most
	for _, c := range g.clusters {
		total += 1 + len(c.Synonyms) + 1
	}
	claims := make([]pending, 0, total)
	g.names = make(map[string]*nameNode, total/2)
	slab := make([]nameNode, 0, total/2)
	claimName := func(i int, n, k string, primary bool) {
		c := g.clusters[i]
		if k == "" {
			return
		}
		node := g.names[k]
		if node == nil {
			if len(slab) == cap(slab) {
				slab = make([]nameNode, 0, 512)
			}
			slab = append(slab, nameNode{key: k, owner: c})
			node = &slab[len(slab)-1]
			g.names[k] = node
		}
		node.count++
		claims = append(claims, pending{node, claim{cluster: c, primary: primary, form: n}})
		if node.owner == c && node.count == 1 {
			return // the first claim: c holds the name
		}
		if c.Revoked {
			return // a revoked record joins through its replacement only
		}
		o := node.owner.comp
		if ok, between := union(i, o, false); !ok {
			g.disputes = append(g.disputes, Dispute{
				Name: n, Claimant: c.Key, Holder: o, KeptApart: g.byKey[between[1]].Source, Between: between,
			})
		}
	}
	var keys []string // the MatchKey of each name of a tier's records, computed once
	for start := 0; start < len(g.clusters); {
		end := start
		for end < len(g.clusters) && g.clusters[end].priority == g.clusters[start].priority {
			end++
		}
		tier := make([]int, 0, end-start)
		shared := make([]int, end-start)
		keyStart := make([]int, end-start+1)
		keys = keys[:0]
		for i := start; i < end; i++ {
			tier = append(tier, i)
			c := g.clusters[i]
			keyStart[i-start] = len(keys)
			keys = append(keys, MatchKey(c.Name))
			for _, n := range c.Synonyms {
				keys = append(keys, MatchKey(n))
			}
			for _, k := range keys[keyStart[i-start]:] {
				if g.names[k] != nil {
					shared[i-start]++
				}
			}
			if c.ExternalID != "" {
				keys = append(keys, MatchKey(c.ExternalID))
			}
		}
		keyStart[end-start] = len(keys)
		slices.SortStableFunc(tier, func(x, y int) int { return cmp.Compare(shared[y-start], shared[x-start]) }) // most shared first
		for _, i := range tier {
			c := g.clusters[i]
			k := keys[keyStart[i-start]:keyStart[i-start+1]]
			claimName(i, c.Name, k[0], true)
			for j, n := range c.Synonyms {
				claimName(i, n, k[1+j], false)
			}
			if c.ExternalID != "" {
				claimName(i, c.ExternalID, k[len(k)-1], false) // "G0059" finds Magic Hound
			}
		}
		start = end
	}
	// Hand the claims out to their names, in the order they were made.
	all := make([]claim, len(claims))
	for _, node := range g.names {
		n := node.count
		node.claims, all = all[:0:n], all[n:]
		node.count = 0
	}
	for _, p := range claims {
		p.node.claims = append(p.node.claims, p.claim)
	}
	// Components.
	rootComp := make([]int, len(g.clusters)) // a root's component, plus one; 0 for none yet
	for i, c := range g.clusters {
		r := uf.find(i)
		ci := rootComp[r] - 1
		if ci < 0 {
			ci = len(g.comps)
			rootComp[r] = ci + 1
			g.comps = append(g.comps, nil)
		}
		c.comp = ci
		g.comps[ci] = append(g.comps[ci], c)
	}
	for i := range g.disputes {
		g.disputes[i].Holder = g.clusters[g.disputes[i].Holder].comp
	}
	g.linksOf = map[int][]int{}
	for i, l := range g.links {
		from, ok1 := g.byKey[l.From]
		to, ok2 := g.byKey[l.To]
		if !ok1 || !ok2 {
			continue
		}
		g.linksOf[from.comp] = append(g.linksOf[from.comp], i)
		if to.comp != from.comp {
			g.linksOf[to.comp] = append(g.linksOf[to.comp], i)
		}
	}
	g.disputesOf = map[int][]int{}
	for i, d := range g.disputes {
		cc := g.byKey[d.Claimant].comp
		g.disputesOf[d.Holder] = append(g.disputesOf[d.Holder], i)
		if cc != d.Holder {
			g.disputesOf[cc] = append(g.disputesOf[cc], i)
		}
	}
	return g
}

// sepKey is a separator present in a component, with the key of a
// cluster of the component that has it.
type sepKey struct{ sep, key string }

// findSep returns the key list (sorted by separator) gives sep.
func findSep(list []sepKey, sep string) (string, bool) {
	for _, s := range list {
		if s.sep == sep {
			return s.key, true
		}
	}
	return "", false
}

// mergeSeps returns the separators of a and b, sorted, with a's key where
// both have a separator. It never writes to a or b.
func mergeSeps(a, b []sepKey) []sepKey {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make([]sepKey, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i].sep < b[j].sep):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j].sep < a[i].sep:
			out = append(out, b[j])
			j++
		default: // the same separator: a's key stays
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// unionFind is a disjoint-set forest over cluster indexes.
type unionFind struct{ parent, rank []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int, n), rank: make([]int, n)}
	for i := range u.parent {
		u.parent[i] = i
	}
	return u
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

// union joins the sets of roots a and b and returns the new root.
func (u *unionFind) union(a, b int) int {
	if u.rank[a] < u.rank[b] {
		a, b = b, a
	}
	u.parent[b] = a
	if u.rank[a] == u.rank[b] {
		u.rank[a]++
	}
	return a
}

// Stats counts what the graph holds.
type Stats struct {
	Clusters int
	Actors   int
	Names    int
	Disputes int
}

// Stats counts clusters, actors, names and disputes.
func (g *Graph) Stats() Stats {
	return Stats{Clusters: len(g.clusters), Actors: len(g.comps), Names: len(g.names), Disputes: len(g.disputes)}
}

func (c *Cluster) String() string { return fmt.Sprintf("%s %q", c.Key, c.Name) }
