package actors

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-cti/dossier/internal/geo"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Keys of clusters, by source. They match what the converters of galaxy
// files and of Microsoft's map derive, so that a cluster from the built-in
// pack and the same cluster ingested into the store are one.
func attackKey(stixID string) string      { return "attack:" + stixID }
func galaxyKey(clusterUUID string) string { return "galaxy:" + clusterUUID }
func microsoftKey(name string) string     { return "microsoft:" + MatchKey(name) }
func stixKey(stixID string) string        { return "stix:" + stixID }

// GalaxyClusterID is the STIX id dossier gives the intrusion set made from
// a MISP galaxy cluster.
func GalaxyClusterID(clusterUUID string) string {
	return stix.DerivedID("intrusion-set", "misp-galaxy-cluster:"+clusterUUID)
}

// MicrosoftNameID is the STIX id dossier gives the intrusion set made from
// an entry of Microsoft's naming map.
func MicrosoftNameID(name string) string {
	return stix.DerivedID("intrusion-set", "microsoft-naming:"+name)
}

// overlapTypes are the relationship and galaxy link types that say two
// actors overlap without being the same.
var overlapTypes = map[string]bool{
	"similar": true, "overlaps": true, "overlaps-with": true, "related-to": true,
	"linked-to": true, "associated-with": true, "part-of": true,
}

// mitreSuffix is the " - G0059" the mitre-intrusion-set galaxy adds to
// ATT&CK group names.
var mitreSuffix = regexp.MustCompile(`\s+-\s+G\d{4}$`)

// AddPack adds the clusters of the built-in knowledge pack: ATT&CK groups,
// MISP galaxy actors and Microsoft's naming map.
func (b *Builder) AddPack(p *knowledge.Pack) {
	dates := map[string]string{}
	for _, s := range p.Sources {
		dates[s.ID] = s.Date
	}
	byGID := map[string]*knowledge.Group{}
	for i := range p.Groups {
		byGID[p.Groups[i].ExternalID] = &p.Groups[i]
	}
	campaigns := map[string][]string{}
	for _, c := range p.Campaigns {
		for _, g := range c.Groups {
			campaigns[g] = append(campaigns[g], c.Name+" ("+c.ExternalID+")")
		}
	}
	// The pack's clusters are made in one array, and the builder's index
	// sized for them at once: some 2,000 allocations and rehashes fewer
	// at every start.
	n := len(p.Groups) + len(p.Microsoft)
	for _, gal := range p.Galaxies {
		n += len(gal.Clusters)
	}
	slab := make([]Cluster, 0, n)
	newCluster := func(c Cluster) *Cluster {
		slab = append(slab, c) // never beyond n: no copy, the pointers stay good
		return &slab[len(slab)-1]
	}
	if len(b.byKey) == 0 {
		b.byKey = make(map[string]*Cluster, n)
	}
	b.clusters = slices.Grow(b.clusters, n)
	for _, g := range p.Groups {
		src := Source{Kind: KindATTACK, Name: "MITRE ATT&CK " + g.ExternalID, Ref: g.ID, Date: datePart(g.Modified)}
		c := newCluster(Cluster{
			Key: attackKey(g.ID), STIXID: g.ID, Source: src, Name: g.Name, Synonyms: g.Aliases,
			ExternalID: g.ExternalID, Revoked: g.Revoked, Deprecated: g.Deprecated,
			Techniques: g.Techniques, Campaigns: campaigns[g.ExternalID],
			separator: "attack", priority: 10,
		})
		if g.RevokedBy != "" {
			c.ReplacedBy = attackKey(g.RevokedBy)
		}
		if g.Country != "" {
			c.Countries = append(c.Countries, CountryClaim{Country: g.Country, Source: Source{Kind: KindATTACK, Name: "MITRE ATT&CK " + g.ExternalID + " description", Ref: g.ID, Date: src.Date}, Evidence: g.CountryEvidence})
		}
		b.Add(c)
	}
	for _, gal := range p.Galaxies {
		date := dates["misp-galaxy"]
		label, sep, priority := "MISP galaxy "+galaxyLabel(gal.Type)+" (cluster ", "galaxy:"+gal.UUID, 30+galaxyOrder[gal.Type]
		for _, cl := range gal.Clusters {
			name := cl.Value
			if gal.Type == "mitre-intrusion-set" && mayHaveMitreSuffix(name) {
				name = mitreSuffix.ReplaceAllString(name, "")
			}
			src := Source{Kind: KindGalaxy, Name: label + cl.Value + ")", Ref: cl.UUID, Date: date}
			c := newCluster(Cluster{
				Key: galaxyKey(cl.UUID), STIXID: GalaxyClusterID(cl.UUID), Source: src, Name: name, Synonyms: cl.Synonyms,
				separator: sep, priority: priority,
			})
			c.Countries = galaxyCountries(cl.Country, cl.Sponsor, src)
			for _, r := range cl.Related {
				switch {
				case r.Type == "revoked-by":
					c.Revoked, c.ReplacedBy = true, galaxyKey(r.UUID)
				case overlapTypes[r.Type]:
					note := r.Type
					if r.Likelihood != "" {
						note += " (" + r.Likelihood + ")"
					}
					b.Link(Link{From: c.Key, To: galaxyKey(r.UUID), Source: src, Note: note})
				}
			}
			if cl.ExternalID != "" {
				if g := byGID[cl.ExternalID]; g != nil {
					b.Link(Link{From: c.Key, To: attackKey(g.ID), Same: true, Source: src, Note: "mirrors ATT&CK " + cl.ExternalID})
				}
			}
			b.Add(c)
		}
	}
	seen := map[string]int{}
	origins := map[string][]string{}
	for _, m := range p.Microsoft {
		key := microsoftKey(m.Name)
		seen[key]++
		if seen[key] > 1 {
			// The map lists this name twice: keep both records; they
			// share the separator, so a disagreement between them shows.
			key = fmt.Sprintf("%s#%d", key, seen[key])
		}
		src := Source{Kind: KindMicrosoft, Name: "Microsoft naming map", Ref: m.Name, Date: dates["microsoft"]}
		c := newCluster(Cluster{
			Key: key, STIXID: MicrosoftNameID(m.Name), Source: src, Name: m.Name, Synonyms: m.Other,
			Countries: microsoftCountries(m.Origin, src), separator: "microsoft", priority: 20,
		})
		b.Add(c)
		if f := strings.Fields(m.Name); len(f) == 2 {
			w := strings.ToLower(f[1])
			if _, documented := families[w]; !documented && m.Origin != "" {
				origins[w] = append(origins[w], m.Origin)
			}
		}
	}
	for w, os := range origins {
		sort.Strings(os)
		b.extra[w] = Family{
			Word: strings.ToUpper(w[:1]) + w[1:], Kind: "undocumented",
			Meaning: "not in Microsoft's documented families; its map says: " + strings.Join(uniq(os), "; "),
		}
	}
}

// mayHaveMitreSuffix reports whether name ends as mitreSuffix requires,
// in "G" and four digits: only then is the expression worth running.
func mayHaveMitreSuffix(name string) bool {
	n := len(name)
	if n < 5 || name[n-5] != 'G' {
		return false
	}
	for _, c := range []byte(name[n-4:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// galaxyLabel names a galaxy by its type, except Tidal's, whose type
// ("groups") says little.
func galaxyLabel(typ string) string {
	if typ == "groups" {
		return "tidal-groups"
	}
	return typ
}

func datePart(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ts
}

func uniq(ss []string) []string {
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// galaxyCountries turns a galaxy cluster's country and suspected state
// sponsor into claims.
func galaxyCountries(country, sponsor string, src Source) []CountryClaim {
	var out []CountryClaim
	if cc := geo.Lookup(country); cc != "" {
		out = append(out, CountryClaim{Country: cc, Source: src, Evidence: "country: " + country})
	}
	if sponsor != "" {
		if cc := geo.Lookup(sponsor); cc != "" && (len(out) == 0 || out[0].Country != cc) {
			out = append(out, CountryClaim{Country: cc, Source: src, Evidence: "suspected state sponsor: " + sponsor})
		}
	}
	return out
}

// microsoftCountries turns the map's "Origin/Threat" ("Iran, Influence
// operations") into claims for the parts that name a country.
func microsoftCountries(origin string, src Source) []CountryClaim {
	var out []CountryClaim
	for _, part := range strings.Split(origin, ",") {
		if cc := geo.Lookup(part); cc != "" {
			out = append(out, CountryClaim{Country: cc, Source: src, Evidence: "Origin/Threat: " + origin})
		}
	}
	return out
}

// isStateActor reports whether o is the threat actor that stands for a
// state's government, as dossier extract makes it for an attribution
// ("Government of Iran", of type nation-state). States are not actors: read
// back as one, the state's name in the next report would become the
// subject of its claims.
func isStateActor(o *stix.Object) bool {
	if o.Type != "threat-actor" || !strings.HasPrefix(o.Name(), "Government of ") {
		return false
	}
	types := o.Props.Get("threat_actor_types")
	return types != nil && len(types.Items) == 1 && types.Items[0].Kind == stix.KindString && types.Items[0].Str == "nation-state"
}

// storeTypes are the STIX types that stand for actors.
var storeTypes = []string{"intrusion-set", "threat-actor"}

// AddStore adds the actors of the store: ATT&CK groups (which then replace
// the pack's copies), intrusion sets made from galaxy clusters and from
// Microsoft's map, any other intrusion set or threat actor, and the links
// analysts made with dossier actor link.
func (b *Builder) AddStore(ctx context.Context, st store.Reader) error {
	var generic []*Cluster
	err := st.Scan(ctx, store.Filter{Types: storeTypes}, func(r *store.Record) error {
		o, err := r.Object()
		if err != nil {
			return fmt.Errorf("actors: %s: %w", r.ID, err)
		}
		if isStateActor(o) {
			return nil // "Government of Iran": a state, which claims are attributed to, not an actor
		}
		c := clusterOf(o)
		if c.Source.Kind == KindSTIX {
			c.Source.Name = fmt.Sprintf("%s %q", o.Type, o.Name())
			if r.Source != "" {
				c.Source.Name += " from " + r.Source
			}
		}
		b.Add(c)
		if c.Source.Kind == KindSTIX || c.Source.Kind == KindAnalyst || (c.Source.Kind == KindATTACK && c.Revoked) {
			generic = append(generic, c)
		}
		return nil
	})
	if err != nil {
		return err
	}
	names := map[string]string{} // identity id -> name, for sources
	identity := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		n := id
		if r, err := st.Get(ctx, id); err == nil && r.Name != "" {
			n = r.Name
		}
		names[id] = n
		return n
	}
	for _, c := range generic {
		// Named for its creator first: the claims below carry the name.
		if c.Source.Kind == KindSTIX && strings.HasPrefix(c.separator, "stix:") {
			c.Source.Name = identity(strings.TrimPrefix(c.separator, "stix:")) + "'s " + c.Source.Name
		}
		// Only its own relationships: not the thousands of indicators
		// that may indicate it.
		rels, err := store.RelationsFrom(ctx, st, c.STIXID)
		if err != nil {
			return err
		}
		for _, rel := range rels {
			if rel.Revoked || rel.SourceID != c.STIXID {
				continue
			}
			switch {
			case rel.Type == "revoked-by":
				c.ReplacedBy = b.keyOfID(rel.TargetID)
			case rel.Type == "originates-from" || rel.Type == "located-at":
				if cc := countryOf(ctx, st, rel.TargetID); cc != "" {
					src := c.Source
					src.Ref = rel.ID
					c.Countries = append(c.Countries, CountryClaim{Country: cc, Source: src, Evidence: rel.Type + " " + geo.Name(cc)})
				}
			case rel.Type == "attributed-to" && strings.HasPrefix(rel.TargetID, "identity--"):
				ic, err := identityClaim(ctx, st, rel.TargetID)
				if err != nil {
					return err
				}
				if ic != nil {
					ic.Source = c.Source
					ic.Source.Ref = rel.ID
					c.Identities = append(c.Identities, *ic)
				}
			}
		}
	}
	return b.addAnalystLinks(ctx, st)
}

// countryOf returns the country (ISO 3166-1 alpha-2, upper case) of the
// location id in st, or "" when it is not stored or names no valid one.
func countryOf(ctx context.Context, st store.Reader, id string) string {
	r, err := st.Get(ctx, id)
	if err != nil {
		return ""
	}
	o, err := r.Object()
	if err != nil {
		return ""
	}
	if cc, ok := o.Props.GetString("country"); ok && geo.Valid(cc) {
		return strings.ToUpper(cc)
	}
	return ""
}

// identityClaim reads the identity id of st as whom an actor is
// attributed to: its name and class, and the country its own located-at
// relationships name (the first, in their order). nil when the identity
// is not stored: the relationship names no one the store knows.
func identityClaim(ctx context.Context, st store.Reader, id string) (*IdentityClaim, error) {
	r, err := st.Get(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("actors: %s: %w", id, err)
	}
	o, err := r.Object()
	if err != nil {
		return nil, fmt.Errorf("actors: %s: %w", id, err)
	}
	ic := &IdentityClaim{ID: id, Name: o.Name()}
	ic.Class, _ = o.Props.GetString("identity_class")
	rels, err := store.RelationsFrom(ctx, st, id)
	if err != nil {
		return nil, err
	}
	for _, rel := range rels {
		if rel.Type == "located-at" && !rel.Revoked && rel.SourceID == id {
			if cc := countryOf(ctx, st, rel.TargetID); cc != "" {
				ic.Country = cc
				break
			}
		}
	}
	return ic, nil
}

// keyOfID returns the key of the cluster whose STIX id is id.
func (b *Builder) keyOfID(id string) string {
	for _, c := range b.clusters {
		if c.STIXID == id {
			return c.Key
		}
	}
	return stixKey(id)
}

// clusterOf makes the cluster of an intrusion set or threat actor in the
// store, telling ATT&CK's, galaxy-made and Microsoft-made ones apart.
func clusterOf(o *stix.Object) *Cluster {
	c := &Cluster{STIXID: o.ID, InStore: true, Name: o.Name(), Revoked: o.Revoked}
	for _, n := range o.Names() {
		if n.Kind == stix.NameAlias && n.Name != c.Name {
			c.Synonyms = append(c.Synonyms, n.Name)
		}
	}
	date := datePart(o.Modified)
	if d := o.Props.Get("x_mitre_deprecated"); d != nil && d.Kind == stix.KindBool {
		c.Deprecated = d.Bool
	}
	switch {
	case o.Props.Get("x_misp_cluster_uuid") != nil:
		cu, _ := o.Props.GetString("x_misp_cluster_uuid")
		gal := o.Props.Get("x_misp_galaxy")
		gtype, _ := gal.GetString("type")
		guuid, _ := gal.GetString("uuid")
		c.Key = galaxyKey(cu)
		c.Source = Source{Kind: KindGalaxy, Name: fmt.Sprintf("MISP galaxy %s (cluster %s)", galaxyLabel(gtype), c.Name), Ref: cu, Date: date}
		c.separator, c.priority = "galaxy:"+guuid, 30+galaxyOrder[gtype]
		if gtype == "mitre-intrusion-set" {
			c.Name = mitreSuffix.ReplaceAllString(c.Name, "")
		}
		meta := o.Props.Get("x_misp_meta")
		country, _ := meta.GetString("country")
		sponsor, _ := meta.GetString("cfr-suspected-state-sponsor")
		c.Countries = galaxyCountries(country, sponsor, c.Source)
	case o.Props.Get("x_microsoft_origin_threat") != nil:
		origin, _ := o.Props.GetString("x_microsoft_origin_threat")
		c.Key = microsoftKey(c.Name)
		c.Source = Source{Kind: KindMicrosoft, Name: "Microsoft naming map", Ref: c.Name, Date: date}
		c.separator, c.priority = "microsoft", 20
		c.Countries = microsoftCountries(origin, c.Source)
	case attackExternalID(o) != "":
		c.ExternalID = attackExternalID(o)
		c.Key = attackKey(o.ID)
		c.Source = Source{Kind: KindATTACK, Name: "MITRE ATT&CK " + c.ExternalID, Ref: o.ID, Date: date}
		c.separator, c.priority = "attack", 10
	default:
		c.Key = stixKey(o.ID)
		createdBy, _ := o.Props.GetString("created_by_ref")
		c.Source = Source{Kind: KindSTIX, Ref: o.ID, Date: date}
		if createdBy != "" {
			c.separator = "stix:" + createdBy
		}
		if a := o.Props.Get("x_dossier_analyst"); a != nil {
			c.Source.Kind = KindAnalyst
			c.separator = ""
		}
		c.priority = 40
	}
	return c
}

// attackExternalID returns the ATT&CK id (G0059) of an object published by
// ATT&CK, or "".
func attackExternalID(o *stix.Object) string {
	refs := o.Props.Get("external_references")
	if refs == nil || refs.Kind != stix.KindArray {
		return ""
	}
	for i := range refs.Items {
		if s, _ := refs.Items[i].GetString("source_name"); s == "mitre-attack" {
			id, _ := refs.Items[i].GetString("external_id")
			return id
		}
	}
	return ""
}

// analystRole marks the identities dossier creates for analysts.
const analystRole = "x_dossier_analyst"

// addAnalystLinks adds the links analysts made: relationships created by
// an analyst identity and marked as alias links, unless withdrawn
// (revoked).
func (b *Builder) addAnalystLinks(ctx context.Context, st store.Reader) error {
	var analysts []*store.Record
	err := st.Scan(ctx, store.Filter{Types: []string{"identity"}}, func(r *store.Record) error {
		if strings.Contains(string(r.JSON), analystRole) {
			o, err := r.Object()
			if err == nil && o.Props.Get(analystRole) != nil {
				analysts = append(analysts, r)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, a := range analysts {
		refs, err := st.Referrers(ctx, a.ID)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if ref.FromType != "relationship" || ref.Prop != "created_by_ref" {
				continue
			}
			r, err := st.Get(ctx, ref.FromID)
			if err != nil {
				return err
			}
			if r.Revoked {
				continue
			}
			l, ok := analystLink(r, a.Name)
			if !ok {
				continue
			}
			l.From, l.To = b.keyOfID(l.From), b.keyOfID(l.To)
			b.Link(l)
		}
	}
	return nil
}

// analystLink reads a link relationship made by dossier actor link.
func analystLink(r *store.Record, analyst string) (Link, bool) {
	o, err := r.Object()
	if err != nil {
		return Link{}, false
	}
	kind, _ := o.Props.GetString(linkProperty)
	if kind != "same" && kind != "overlap" {
		return Link{}, false
	}
	from, _ := o.Props.GetString("source_ref")
	to, _ := o.Props.GetString("target_ref")
	src := Source{Kind: KindAnalyst, Name: "analyst " + analyst, Ref: o.ID, Date: datePart(o.Modified)}
	note := ""
	if refs := o.Props.Get("external_references"); refs != nil && refs.Kind == stix.KindArray && len(refs.Items) > 0 {
		note, _ = refs.Items[0].GetString("source_name")
		src.Name += " (source: " + note + ")"
	}
	return Link{From: from, To: to, Same: kind == "same", Source: src, Note: note}, true
}
