package actors

import (
	"context"
	"sort"

	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Load builds the graph from the built-in knowledge pack and, when st is
// not nil, the store, whose records replace the pack's copies of the same
// records.
func Load(ctx context.Context, st store.Reader, pack *knowledge.Pack) (*Graph, error) {
	b := NewBuilder()
	if pack != nil {
		b.AddPack(pack)
	}
	if st != nil {
		if err := b.AddStore(ctx, st); err != nil {
			return nil, err
		}
	}
	return b.Build(), nil
}

// Report is a report in the store that refers to an actor.
type Report struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Published string `json:"published,omitempty"`
}

// Enrich adds what the store says of an actor's records: the ATT&CK
// techniques they use, the campaigns attributed to them, and the reports
// that refer to them. It returns the reports.
func Enrich(ctx context.Context, st store.Reader, a *Actor) ([]Report, error) {
	techniques := map[string]bool{}
	for _, t := range a.Techniques {
		techniques[t] = true
	}
	campaigns := map[string]bool{}
	for _, c := range a.Campaigns {
		campaigns[c] = true
	}
	reports := map[string]Report{}
	for _, id := range a.IDs {
		rels, err := st.Relations(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if r.Revoked {
				continue
			}
			switch {
			case r.Type == "uses" && r.SourceID == id && stix.TypeOfID(r.TargetID) == "attack-pattern":
				if rec, err := st.Get(ctx, r.TargetID); err == nil {
					if o, err := rec.Object(); err == nil && !o.Revoked {
						if x := attackExternalID(o); x != "" {
							techniques[x] = true
						}
					}
				}
			case r.Type == "attributed-to" && r.TargetID == id && stix.TypeOfID(r.SourceID) == "campaign":
				if rec, err := st.Get(ctx, r.SourceID); err == nil {
					name := rec.Name
					if o, err := rec.Object(); err == nil {
						if x := attackExternalID(o); x != "" {
							name += " (" + x + ")"
						}
					}
					campaigns[name] = true
				}
			}
		}
		refs, err := st.Referrers(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, ref := range refs {
			if ref.FromType != "report" {
				continue
			}
			if rec, err := st.Get(ctx, ref.FromID); err == nil {
				rep := Report{ID: rec.ID, Name: rec.Name}
				if o, err := rec.Object(); err == nil {
					rep.Published, _ = o.Props.GetString("published")
				}
				reports[rec.ID] = rep
			}
		}
	}
	a.Techniques = sortedKeys(techniques)
	a.Campaigns = sortedKeys(campaigns)
	out := make([]Report, 0, len(reports))
	for _, r := range reports {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Published != out[j].Published {
			return out[i].Published > out[j].Published
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
