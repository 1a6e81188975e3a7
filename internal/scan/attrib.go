package scan

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Attribution is what the knowledge base says about an indicator: its
// pattern, and the actor, campaign, malware and report it is tied to.
type Attribution struct {
	Pattern  string
	Name     string
	Labels   []string
	Actor    *Named
	Actors   []*Named // further actors, when the evidence names several
	Campaign *Named
	Malware  *Named
	Report   *Named
}

// Attributor finds what an indicator is tied to.
type Attributor interface {
	Attribute(ctx context.Context, indicatorID string) (*Attribution, error)
}

// StoreAttributor answers from a store: the indicator's own relationships
// (indicates an intrusion set, threat actor, campaign or malware), else
// the report that names it and the actors and campaigns that report
// refers to; actor names are made canonical through the alias graph.
// Answers are cached; it is safe for concurrent use.
type StoreAttributor struct {
	st    store.Reader
	graph func(context.Context) (*actors.Graph, error)

	mu    sync.Mutex
	cache map[string]*Attribution
	g     *actors.Graph
	gErr  error
	gDone bool
	// reportsOf lists, by object id, the reports whose object_refs name
	// it: read once from every report, since asking the store for an
	// object's referrers one by one costs a scan of all objects.
	reportsOf map[string][]*reportInfo
	// names caches named and canonical answers by object id: thousands
	// of indicators indicate the same family or actor.
	names map[string]*Named
	canon map[string]*Named
	// What Prefetch read for the next Attribute calls: records by id
	// (fetched says which ids were asked for, found or not) and the
	// relationships from each indicator asked for. Each is used once.
	pre     map[string]*store.Record
	fetched map[string]bool
	preRels map[string][]store.Relation
}

// Prefetcher is an Attributor that can read what it needs for many
// indicators at once, before they are attributed one by one.
type Prefetcher interface {
	Prefetch(ctx context.Context, ids []string) error
}

// Prefetch reads, in a few queries, what Attribute will need for those
// of ids it has not answered yet: the indicators, their relationships
// and the objects those point at. It does nothing unless the store is a
// store.BatchReader.
func (a *StoreAttributor) Prefetch(ctx context.Context, ids []string) error {
	b, ok := a.st.(store.BatchReader)
	if !ok {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx) // as in Attribute
	var want []string
	for _, id := range ids {
		if _, ok := a.cache[id]; !ok {
			want = append(want, id)
		}
	}
	if len(want) == 0 {
		return nil
	}
	recs, err := b.GetMany(ctx, want)
	if err != nil {
		return err
	}
	rels, err := b.RelationsFromMany(ctx, want)
	if err != nil {
		return err
	}
	a.pre, a.fetched, a.preRels = recs, map[string]bool{}, map[string][]store.Relation{}
	var targets []string
	for _, id := range want {
		a.fetched[id] = true
		a.preRels[id] = rels[id]
		for _, r := range rels[id] {
			if _, ok := a.names[r.TargetID]; !ok && !a.fetched[r.TargetID] {
				a.fetched[r.TargetID] = true
				targets = append(targets, r.TargetID)
			}
		}
	}
	if len(targets) > 0 {
		trecs, err := b.GetMany(ctx, targets)
		if err != nil {
			return err
		}
		for id, r := range trecs {
			a.pre[id] = r
		}
	}
	return nil
}

// get returns a stored object, from what Prefetch read when it read it.
func (a *StoreAttributor) get(ctx context.Context, id string) (*store.Record, error) {
	if a.fetched[id] {
		delete(a.fetched, id)
		if r, ok := a.pre[id]; ok {
			delete(a.pre, id)
			return r, nil
		}
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	return a.st.Get(ctx, id)
}

// relationsFrom returns the relationships from id, from what Prefetch
// read when it read them.
func (a *StoreAttributor) relationsFrom(ctx context.Context, id string) ([]store.Relation, error) {
	if rels, ok := a.preRels[id]; ok {
		delete(a.preRels, id)
		return rels, nil
	}
	return store.RelationsFrom(ctx, a.st, id)
}

type reportInfo struct {
	id, name, published string
	refs                []string // intrusion sets, threat actors and campaigns it refers to
}

// NewStoreAttributor returns an attributor reading st. graph loads the
// alias graph when first needed; nil leaves names as the store has them.
func NewStoreAttributor(st store.Reader, graph func(context.Context) (*actors.Graph, error)) *StoreAttributor {
	return &StoreAttributor{st: st, graph: graph, cache: map[string]*Attribution{}}
}

// Attribute returns what the store ties the indicator to.
func (a *StoreAttributor) Attribute(ctx context.Context, id string) (*Attribution, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if at, ok := a.cache[id]; ok {
		return at, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// The look-ups are short and the scan checks its context between
	// events: a context that cannot end spares each query the goroutines
	// that database/sql and the driver start to watch one that can.
	at, err := a.attribute(context.WithoutCancel(ctx), id)
	if err != nil {
		return nil, err
	}
	a.cache[id] = at
	return at, nil
}

func (a *StoreAttributor) attribute(ctx context.Context, id string) (*Attribution, error) {
	at := &Attribution{}
	rec, err := a.get(ctx, id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return at, nil
		}
		return nil, err
	}
	if o, err := rec.Object(); err == nil {
		at.Pattern, _ = o.Props.GetString("pattern")
		at.Name, _ = o.Props.GetString("name")
		if l := o.Props.Get("labels"); l != nil && l.Kind == stix.KindArray {
			for _, it := range l.Items {
				at.Labels = append(at.Labels, it.Str)
			}
		}
	}
	var actorIDs, campaignIDs []string
	rels, err := a.relationsFrom(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, r := range rels {
		if r.Revoked || r.SourceID != id || r.Type != "indicates" {
			continue
		}
		switch stix.TypeOfID(r.TargetID) {
		case "intrusion-set", "threat-actor":
			actorIDs = append(actorIDs, r.TargetID)
		case "campaign":
			campaignIDs = append(campaignIDs, r.TargetID)
		case "malware", "tool":
			if at.Malware == nil {
				at.Malware = a.named(ctx, r.TargetID)
			}
		}
	}
	// The report that named it: the latest published.
	if a.reportsOf == nil {
		if err := a.readReports(ctx); err != nil {
			return nil, err
		}
	}
	if reports := a.reportsOf[id]; len(reports) > 0 {
		rep := reports[0]
		for _, r := range reports[1:] {
			if r.published > rep.published {
				rep = r
			}
		}
		at.Report = &Named{ID: rep.id, Name: rep.name}
		if len(actorIDs) == 0 && len(campaignIDs) == 0 {
			for _, ref := range rep.refs {
				if stix.TypeOfID(ref) == "campaign" {
					campaignIDs = append(campaignIDs, ref)
				} else {
					actorIDs = append(actorIDs, ref)
				}
			}
		}
	}
	for _, cid := range campaignIDs {
		c := a.named(ctx, cid)
		if c == nil {
			continue
		}
		if at.Campaign == nil {
			at.Campaign = c
		}
		if len(actorIDs) == 0 {
			// The campaign's actor.
			crels, err := store.RelationsFrom(ctx, a.st, cid)
			if err != nil {
				return nil, err
			}
			for _, r := range crels {
				if !r.Revoked && r.SourceID == cid && r.Type == "attributed-to" {
					if t := stix.TypeOfID(r.TargetID); t == "intrusion-set" || t == "threat-actor" {
						actorIDs = append(actorIDs, r.TargetID)
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, aid := range actorIDs {
		n := a.named(ctx, aid)
		if n == nil {
			continue
		}
		n = a.canonical(ctx, n)
		if seen[n.Name] {
			continue
		}
		seen[n.Name] = true
		if at.Actor == nil {
			at.Actor = n
		} else {
			at.Actors = append(at.Actors, n)
		}
	}
	return at, nil
}

// readReports reads every report once and notes, for each object it
// refers to, that the report names it.
func (a *StoreAttributor) readReports(ctx context.Context) error {
	a.reportsOf = map[string][]*reportInfo{}
	return a.st.Scan(ctx, store.Filter{Types: []string{"report"}}, func(r *store.Record) error {
		if r.Revoked {
			return nil
		}
		o, err := r.Object()
		if err != nil {
			return nil
		}
		ri := &reportInfo{id: r.ID, name: r.Name}
		ri.published, _ = o.Props.GetString("published")
		refs := o.Props.Get("object_refs")
		if refs == nil || refs.Kind != stix.KindArray {
			return nil
		}
		for _, it := range refs.Items {
			switch stix.TypeOfID(it.Str) {
			case "intrusion-set", "threat-actor", "campaign":
				ri.refs = append(ri.refs, it.Str)
			}
		}
		for _, it := range refs.Items {
			if stix.TypeOfID(it.Str) == "indicator" {
				a.reportsOf[it.Str] = append(a.reportsOf[it.Str], ri)
			}
		}
		return nil
	})
}

// named returns the id and name of a stored object, nil when absent.
func (a *StoreAttributor) named(ctx context.Context, id string) *Named {
	if n, ok := a.names[id]; ok {
		return n
	}
	if a.names == nil {
		a.names = map[string]*Named{}
	}
	r, err := a.get(ctx, id)
	if err != nil || r.Revoked {
		if err == nil || errors.Is(err, store.ErrNotFound) {
			a.names[id] = nil
		}
		return nil
	}
	name := r.Name
	if name == "" {
		name = id
	}
	n := &Named{ID: id, Name: name}
	a.names[id] = n
	return n
}

// canonical replaces an actor's name by the alias graph's canonical one,
// keeping the name the evidence used.
func (a *StoreAttributor) canonical(ctx context.Context, n *Named) *Named {
	if a.graph == nil {
		return n
	}
	if c, ok := a.canon[n.ID]; ok {
		return c
	}
	c := a.resolve(ctx, n)
	if a.canon == nil {
		a.canon = map[string]*Named{}
	}
	a.canon[n.ID] = c
	return c
}

func (a *StoreAttributor) resolve(ctx context.Context, n *Named) *Named {
	if !a.gDone {
		a.gDone = true
		a.g, a.gErr = a.graph(ctx)
	}
	if a.g == nil {
		return n
	}
	ans := a.g.Resolve(n.Name)
	if ans.Actor == nil || ans.Actor.Name == "" {
		return n
	}
	c := &Named{ID: ans.Actor.ID, Name: ans.Actor.Name}
	if c.ID == "" {
		c.ID = n.ID
	}
	if c.Name != n.Name {
		c.AsNamed = n.Name
	}
	return c
}

// GraphError returns the error of loading the alias graph, if it failed.
func (a *StoreAttributor) GraphError() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.gErr != nil {
		return fmt.Errorf("scan: alias graph: %w", a.gErr)
	}
	return nil
}
