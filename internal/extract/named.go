package extract

import (
	"strings"
	"sync"
	"time"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/ingest/msnaming"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// NamedActors returns a Lookup for the actors the knowledge pack knows
// only by name: the clusters of its MISP galaxies and the entries of
// Microsoft's naming map, which have no STIX object until those sources
// are ingested. It builds them with the converters that ingest them
// (mispgalaxy.ConvertCluster, msnaming.ConvertEntry), so their ids are
// the ones ingesting would give, and answers for the objects they refer
// to as well (the galaxy's or Microsoft's identity). Their created and
// modified times are the source's date in the pack, so the same pack
// gives the same objects. Objects are made on first request and kept; the
// Lookup is safe for concurrent use.
func NamedActors(pack *knowledge.Pack) func(id string) *stix.Object {
	type source struct {
		galaxy  *knowledge.Galaxy
		cluster *knowledge.Cluster
		ms      *knowledge.MicrosoftName
	}
	var (
		once  sync.Once
		mu    sync.Mutex
		index map[string]source
		made  = map[string]*stix.Object{}
	)
	date := func(id string) time.Time {
		if s := pack.Source(id); s != nil {
			if t, err := time.Parse(time.DateOnly, s.Date); err == nil {
				return t
			}
		}
		t, _ := time.Parse(time.RFC3339, fixedDate)
		return t
	}
	return func(id string) *stix.Object {
		// Only actors and their creators: a country's location is the
		// bundle's own to make.
		if pack == nil || !strings.HasPrefix(id, "intrusion-set--") && !strings.HasPrefix(id, "identity--") {
			return nil
		}
		once.Do(func() {
			index = map[string]source{}
			for gi := range pack.Galaxies {
				g := &pack.Galaxies[gi]
				for ci := range g.Clusters {
					c := &g.Clusters[ci]
					index[actors.GalaxyClusterID(strings.ToLower(c.UUID))] = source{galaxy: g, cluster: c}
				}
			}
			for i := range pack.Microsoft {
				m := &pack.Microsoft[i]
				index[actors.MicrosoftNameID(m.Name)] = source{ms: m}
			}
		})
		mu.Lock()
		defer mu.Unlock()
		if o, ok := made[id]; ok {
			return o
		}
		src, ok := index[id]
		if !ok {
			return nil
		}
		var objs []*stix.Object
		switch {
		case src.ms != nil:
			res, err := msnaming.ConvertEntry(src.ms.Name, src.ms.Origin, src.ms.Other, msnaming.Options{Now: date("microsoft")})
			if err != nil {
				return nil
			}
			objs = res.Objects
		default:
			g, c := src.galaxy, src.cluster
			res, err := mispgalaxy.ConvertCluster(
				mispgalaxy.Galaxy{Type: g.Type, UUID: g.UUID, Name: g.Name, Version: g.Version},
				mispgalaxy.Cluster{UUID: c.UUID, Value: c.Value, Synonyms: c.Synonyms, Country: c.Country, Sponsor: c.Sponsor, ExternalID: c.ExternalID},
				mispgalaxy.Options{Now: date("misp-galaxy")})
			if err != nil {
				return nil
			}
			objs = res.Objects
		}
		for _, o := range objs {
			if _, ok := made[o.ID]; !ok {
				made[o.ID] = o
			}
		}
		return made[id]
	}
}
