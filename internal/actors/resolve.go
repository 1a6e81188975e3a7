package actors

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-cti/dossier/internal/geo"
)

// Answer is what Resolve says about a name.
type Answer struct {
	Query string `json:"query"`
	// Actor is the best-supported actor for the name; nil when the name is
	// known only by its Microsoft family, or not at all.
	Actor *Actor `json:"actor"`
	// Candidates are every actor the name fits, best first, each with why.
	// There are several when sources give the name to different actors.
	Candidates []Candidate `json:"candidates"`
	// Family is the Microsoft family of the query when it is written the
	// way Microsoft names actors, even when nothing else is known of it.
	Family *Family `json:"family"`
	// Suggestions are the closest known names when nothing matched.
	Suggestions []string `json:"suggestions,omitempty"`
}

// Actor is one actor as every source describes it.
type Actor struct {
	ID         string          `json:"id"`   // the canonical STIX intrusion set or threat actor; "" when none
	Name       string          `json:"name"` // the canonical name
	ExternalID string          `json:"external_id,omitempty"`
	Source     Source          `json:"source"` // whose record gives the canonical name and id
	Aliases    []Alias         `json:"aliases"`
	Overlaps   []Overlap       `json:"overlaps"`
	Disputes   []string        `json:"disputes"` // disagreements between sources, in words
	Sponsor    *Sponsor        `json:"sponsor"`
	Claims     []CountryClaim  `json:"country_claims"` // every country claim, agreeing or not
	Identities []IdentityClaim `json:"identities"`     // who sources say the actor is (a firm, a person)
	Family     *Family         `json:"family"`
	Techniques []string        `json:"techniques"` // ATT&CK ids
	Campaigns  []string        `json:"campaigns"`
	Revoked    []string        `json:"revoked,omitempty"` // records revoked in favour of this actor, in words
	Records    []Source        `json:"records"`           // every source record that makes up this actor
	// IDs are the STIX ids of every record (for finding reports and
	// relationships in the store).
	IDs []string `json:"-"`
}

// Alias is one name of an actor and who uses it.
type Alias struct {
	Name    string   `json:"name"`
	Sources []Source `json:"sources"`
}

// Overlap is another actor that some source says overlaps with this one.
type Overlap struct {
	Name    string   `json:"name"`
	ID      string   `json:"id"`
	Sources []Source `json:"sources"`
	Note    string   `json:"note,omitempty"`
}

// Sponsor is the state an actor is tied to.
type Sponsor struct {
	Country  string   `json:"country"` // ISO 3166-1 alpha-2
	Name     string   `json:"name"`
	Sources  []Source `json:"sources"`
	Inferred bool     `json:"inferred"` // from a Microsoft family word only
}

// Candidate is one actor a name may stand for.
type Candidate struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Score int      `json:"score"`
	Why   []string `json:"why"`
}

// weight is how much a source's claim on a name counts when several actors
// share it.
func weight(k SourceKind) int {
	switch k {
	case KindAnalyst:
		return 5
	case KindATTACK, KindMicrosoft:
		return 3
	case KindGalaxy:
		return 1
	}
	return 2
}

// Resolve answers "who is name?".
func (g *Graph) Resolve(name string) *Answer {
	a := &Answer{Query: name, Candidates: []Candidate{}, Family: FamilyOf(name, g.extra)}
	node := g.names[MatchKey(name)]
	if node == nil {
		if a.Family == nil {
			a.Suggestions = suggest(MatchKey(name), g.names, 5)
		}
		return a
	}
	scores := map[int]int{}
	whys := map[int][]string{}
	for _, cl := range node.claims {
		comp := cl.cluster.comp
		w := weight(cl.cluster.Source.Kind)
		how := "lists it as an alias"
		if cl.primary {
			w *= 2
			how = "names the actor so"
		}
		if cl.cluster.Revoked {
			how += " (revoked record)"
		}
		scores[comp] += w
		whys[comp] = append(whys[comp], cl.cluster.Source.Name+" "+how)
	}
	comps := make([]int, 0, len(scores))
	for c := range scores {
		comps = append(comps, c)
	}
	sort.Slice(comps, func(i, j int) bool {
		if scores[comps[i]] != scores[comps[j]] {
			return scores[comps[i]] > scores[comps[j]]
		}
		return g.canonical(comps[i]).Name < g.canonical(comps[j]).Name
	})
	for _, c := range comps {
		can := g.canonical(c)
		why := uniqSorted(whys[c])
		for _, di := range g.disputesOf[c] {
			if d := g.disputes[di]; MatchKey(d.Name) == node.key {
				why = append(why, g.disputeText(d))
			}
		}
		a.Candidates = append(a.Candidates, Candidate{ID: can.STIXID, Name: can.Name, Score: scores[c], Why: why})
	}
	a.Actor = g.actor(comps[0], a.Family)
	return a
}

// canonical picks the record that names a component: a current ATT&CK
// group first, then store objects, Microsoft, the galaxies; revoked and
// deprecated records last.
func (g *Graph) canonical(comp int) *Cluster {
	var best *Cluster
	rank := func(c *Cluster) int {
		r := c.priority
		if c.Source.Kind == KindSTIX && c.InStore {
			r = 15
		}
		if c.Deprecated {
			r += 100
		}
		if c.Revoked {
			r += 200
		}
		return r
	}
	for _, c := range g.comps[comp] {
		if best == nil || rank(c) < rank(best) {
			best = c
		}
	}
	return best
}

// actor describes one component.
func (g *Graph) actor(comp int, queryFamily *Family) *Actor {
	can := g.canonical(comp)
	members := g.comps[comp]
	a := &Actor{ID: can.STIXID, Name: can.Name, ExternalID: can.ExternalID, Source: can.Source,
		Overlaps: []Overlap{}, Disputes: []string{}, Claims: []CountryClaim{}, Techniques: []string{}, Campaigns: []string{}, Records: []Source{}}

	// Names, with every source that uses each.
	type aliasAcc struct {
		first   string
		sources []Source
		seen    map[string]bool
	}
	acc := map[string]*aliasAcc{}
	var order []string
	add := func(n string, s Source) {
		k := MatchKey(n)
		if k == "" {
			return
		}
		if node := g.names[k]; node != nil && node.owner != nil && node.owner.comp != comp {
			return // another actor holds this name; the dispute says so
		}
		x := acc[k]
		if x == nil {
			x = &aliasAcc{first: n, seen: map[string]bool{}}
			acc[k] = x
			order = append(order, k)
		}
		if !x.seen[s.Name] {
			x.seen[s.Name] = true
			x.sources = append(x.sources, s)
		}
	}
	techniques := map[string]bool{}
	campaigns := map[string]bool{}
	for _, m := range members {
		a.Records = append(a.Records, m.Source)
		if m.STIXID != "" {
			a.IDs = append(a.IDs, m.STIXID)
		}
		add(m.Name, m.Source)
		for _, s := range m.Synonyms {
			add(s, m.Source)
		}
		a.Claims = append(a.Claims, m.Countries...)
		a.Identities = append(a.Identities, m.Identities...)
		for _, t := range m.Techniques {
			techniques[t] = true
		}
		for _, c := range m.Campaigns {
			campaigns[c] = true
		}
		if m.Revoked && m != can {
			a.Revoked = append(a.Revoked, fmt.Sprintf("%s revoked its record %q in favour of %s", m.Source.Name, m.Name, can.Name))
		}
	}
	// Each name is spelt as the highest-priority source spells it (members
	// are in priority order), the canonical name as its record does.
	for _, k := range order {
		x := acc[k]
		best := x.first
		if k == MatchKey(can.Name) {
			best = can.Name
		}
		a.Aliases = append(a.Aliases, Alias{Name: best, Sources: x.sources})
	}
	a.Techniques = sortedKeys(techniques)
	a.Campaigns = sortedKeys(campaigns)

	// Overlaps: explicit overlap links to other components, and disputed
	// names shared with other components.
	ov := map[int]*Overlap{}
	var ovOrder []int
	addOverlap := func(other int, s Source, note string) {
		if other == comp {
			return
		}
		o := ov[other]
		if o == nil {
			oc := g.canonical(other)
			o = &Overlap{Name: oc.Name, ID: oc.STIXID, Note: note}
			ov[other] = o
			ovOrder = append(ovOrder, other)
		}
		for _, x := range o.Sources {
			if x.Name == s.Name {
				return
			}
		}
		o.Sources = append(o.Sources, s)
	}
	for _, li := range g.linksOf[comp] {
		l := g.links[li]
		from, to := g.byKey[l.From], g.byKey[l.To]
		switch {
		case from.comp == comp && (!l.Same || to.comp != comp):
			addOverlap(to.comp, l.Source, l.Note)
		case to.comp == comp && (!l.Same || from.comp != comp):
			addOverlap(from.comp, l.Source, l.Note)
		}
	}
	var mine []Dispute
	for _, di := range g.disputesOf[comp] {
		d := g.disputes[di]
		claimant := g.byKey[d.Claimant]
		switch {
		case d.Holder == comp:
			addOverlap(claimant.comp, claimant.Source, "disputed: shares the name "+d.Name)
			mine = append(mine, d)
		case claimant.comp == comp:
			addOverlap(d.Holder, claimant.Source, "disputed: shares the name "+d.Name)
			mine = append(mine, d)
		}
	}
	for _, c := range ovOrder {
		a.Overlaps = append(a.Overlaps, *ov[c])
	}
	a.Disputes = g.disputeTexts(mine)

	// Family: the query's, else that of a Microsoft name of the actor.
	a.Family = queryFamily
	if a.Family == nil {
		for _, m := range members {
			if m.Source.Kind == KindMicrosoft || strings.HasPrefix(m.Source.Name, "MISP galaxy microsoft-activity-group") {
				if f := FamilyOf(m.Name, g.extra); f != nil {
					a.Family = f
					break
				}
			}
		}
	}
	a.Sponsor = sponsorOf(a.Claims, a.Family)
	return a
}

// sponsorOf chooses the country most sources tie the actor to, or infers
// it from a Microsoft family that names a country.
func sponsorOf(claims []CountryClaim, fam *Family) *Sponsor {
	votes := map[string]int{}
	srcs := map[string][]Source{}
	seen := map[string]bool{}
	for _, c := range claims {
		k := c.Country + "|" + c.Source.Name
		if seen[k] {
			continue
		}
		seen[k] = true
		votes[c.Country] += weight(c.Source.Kind)
		srcs[c.Country] = append(srcs[c.Country], c.Source)
	}
	best := ""
	for cc, v := range votes {
		if best == "" || v > votes[best] || (v == votes[best] && cc < best) {
			best = cc
		}
	}
	if best != "" {
		return &Sponsor{Country: best, Name: geo.Name(best), Sources: srcs[best]}
	}
	if fam != nil && fam.Documented && fam.Country != "" {
		return &Sponsor{Country: fam.Country, Name: geo.Name(fam.Country), Inferred: true,
			Sources: []Source{{Kind: KindMicrosoft, Name: familySource + ": family " + fam.Word + " = " + fam.Meaning}}}
	}
	return nil
}

// disputeText says a dispute in words.
func (g *Graph) disputeText(d Dispute) string {
	return g.disputeTexts([]Dispute{d})[0]
}

// disputeTexts says disputes in words, one sentence per record whose
// names were refused, listing the names.
func (g *Graph) disputeTexts(ds []Dispute) []string {
	type group struct {
		d     Dispute
		names []string
	}
	var order []string
	groups := map[string]*group{}
	for _, d := range ds {
		// One sentence per pair of records a source keeps apart, whoever
		// made the claim and in whichever order.
		pair := d.Between
		if pair[0] > pair[1] {
			pair[0], pair[1] = pair[1], pair[0]
		}
		d.Between = pair
		k := sourceOwner(d.KeptApart) + "|" + pair[0] + "|" + pair[1]
		gr := groups[k]
		if gr == nil {
			gr = &group{d: d}
			groups[k] = gr
			order = append(order, k)
		}
		if !slices.Contains(gr.names, d.Name) {
			gr.names = append(gr.names, d.Name)
		}
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		gr := groups[k]
		x, y := g.byKey[gr.d.Between[0]], g.byKey[gr.d.Between[1]]
		quoted := make([]string, len(gr.names))
		for i, n := range gr.names {
			quoted[i] = strconv.Quote(n)
		}
		if x.Name > y.Name {
			x, y = y, x
		}
		out = append(out, fmt.Sprintf("%s has separate records %q and %q, which other sources treat as one actor; names in dispute: %s",
			sourceOwner(gr.d.KeptApart), x.Name, y.Name, strings.Join(quoted, ", ")))
	}
	return out
}

// sourceOwner names the source behind a record, without the record.
func sourceOwner(s Source) string {
	switch s.Kind {
	case KindATTACK:
		return "MITRE ATT&CK"
	case KindMicrosoft:
		return "Microsoft's naming map"
	case KindGalaxy:
		if i := strings.Index(s.Name, " (cluster"); i > 0 {
			return s.Name[:i]
		}
	}
	return s.Name
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func uniqSorted(ss []string) []string {
	if len(ss) == 0 {
		return []string{}
	}
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return uniq(out)
}

// ListEntry is one actor in a listing.
type ListEntry struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Sponsor *Sponsor `json:"sponsor"`
	Family  *Family  `json:"family"`
	Aliases int      `json:"aliases"`
	Records int      `json:"records"`
}

// List returns every actor, by name; with country set, only those whose
// sponsor (stated or inferred) is that country.
func (g *Graph) List(country string) []ListEntry {
	var out []ListEntry
	cc := strings.ToUpper(country)
	for i := range g.comps {
		can := g.canonical(i)
		if can.Revoked {
			continue
		}
		a := g.actor(i, nil)
		if cc != "" && (a.Sponsor == nil || a.Sponsor.Country != cc) {
			continue
		}
		out = append(out, ListEntry{ID: a.ID, Name: a.Name, Sponsor: a.Sponsor, Family: a.Family, Aliases: len(a.Aliases), Records: len(a.Records)})
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out
}

// NameInfo is one name the graph knows, for recognising actors in text.
type NameInfo struct {
	Name     string // as the highest-priority source spells it
	Key      string // MatchKey of Name
	ActorID  string // the canonical STIX id of the actor that holds the name ("" when none)
	Actor    string // that actor's canonical name
	Primary  bool   // some source uses it as the actor's main name, not only as an alias
	Sources  int    // how many source records use the name
	Disputed bool   // another actor's record claims it too
}

// Names lists every name in the graph, sorted by key. External ids (G0059)
// are included.
func (g *Graph) Names() []NameInfo {
	out := make([]NameInfo, 0, len(g.names))
	for k, n := range g.names {
		info := NameInfo{Name: n.display(), Key: k, Sources: len(n.claims)}
		if n.owner != nil {
			can := g.canonical(n.owner.comp)
			info.ActorID, info.Actor = can.STIXID, can.Name
			for _, c := range n.claims {
				if c.primary {
					info.Primary = true
				}
				if c.cluster.comp != n.owner.comp {
					info.Disputed = true
				}
			}
		}
		out = append(out, info)
	}
	slices.SortFunc(out, func(a, b NameInfo) int { return strings.Compare(a.Key, b.Key) }) // keys are unique
	return out
}
