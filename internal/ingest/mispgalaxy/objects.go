package mispgalaxy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-cti/dossier/internal/stix"
)

// common starts an object made from cluster cl: type, spec_version, id,
// created_by_ref, created, modified and revoked.
func (c *converter) common(typ, id string, cl *cluster) *stix.Builder {
	b := stix.NewBuilder().
		Str("type", typ).
		Str("spec_version", "2.1").
		Str("id", id).
		Str("created_by_ref", c.identityID).
		Str("created", c.ts).
		Str("modified", c.ts)
	if cl.revoked {
		b.Val("revoked", stix.BoolValue(true))
	}
	return b
}

// finish ends an object made from cluster cl: external references, the
// TLP:CLEAR marking and the cluster's MISP data.
func (c *converter) finish(b *stix.Builder, cl *cluster, framework, externalID string) *stix.Object {
	var refs []stix.Value
	if framework != "" && externalID != "" {
		refs = append(refs, stix.NewBuilder().Str("source_name", framework).Str("external_id", externalID).Value())
	}
	refs = append(refs, stix.NewBuilder().Str("source_name", "misp-galaxy:"+c.res.GalaxyType).Str("external_id", cl.uuid).Value())
	for _, r := range c.metaList(cl, "refs") {
		refs = append(refs, refValue(r))
	}
	b.List("external_references", refs).
		Strs("object_marking_refs", []string{stix.TLP2Clear.ID}).
		Val("x_misp_galaxy", c.galaxyRef).
		Str("x_misp_cluster_uuid", cl.given).
		NonEmpty("x_misp_meta", cl.meta).
		NonEmpty("x_misp_related", cl.related)
	if len(cl.extra) > 0 {
		b.Val("x_misp_cluster_extra", stix.Value{Kind: stix.KindObject, Members: cl.extra})
	}
	return stix.NewObject(b.Value(), nil)
}

// metaList reads meta[name] as a list of strings, without repeats; a
// value of another shape is noted and left in x_misp_meta.
func (c *converter) metaList(cl *cluster, name string) []string {
	if cl.meta == nil {
		return nil
	}
	v := cl.meta.Get(name)
	items, ok := stringList(v)
	if !ok {
		c.clusterNotef(cl, "meta.%s is %s, not a list of strings; it is kept in x_misp_meta only", name, v.Kind)
		return nil
	}
	return dedupe(items)
}

// metaString reads meta[name] as a trimmed string.
func (c *converter) metaString(cl *cluster, name string) (string, bool) {
	if cl.meta == nil {
		return "", false
	}
	v := cl.meta.Get(name)
	if v == nil {
		return "", false
	}
	if v.Kind != stix.KindString {
		c.clusterNotef(cl, "meta.%s is %s, not a string; it is kept in x_misp_meta only", name, v.Kind)
		return "", false
	}
	s := strings.TrimSpace(v.Str)
	return s, s != ""
}

// actor converts a cluster of an actor galaxy into an intrusion-set, with
// the country it names.
func (c *converter) actor(cl *cluster) error {
	b := c.common("intrusion-set", cl.id, cl).Str("name", cl.value)
	if strings.TrimSpace(cl.desc) != "" {
		b.Str("description", cl.desc)
	}
	b.Strs("aliases", dedupe(c.metaList(cl, "synonyms"), cl.value))
	c.add(c.finish(b, cl, "", ""), cl)

	countries := c.metaList(cl, "country")
	if v := cl.meta.Get("country"); v != nil && len(countries) == 0 && (v.Kind == stix.KindString || v.Kind == stix.KindArray) {
		c.clusterNotef(cl, "meta.country %s names no country; no location made", short(v))
	}
	for _, s := range countries {
		code, ok := NormalizeCountryCode(s)
		if !ok {
			c.clusterNotef(cl, "meta.country %q is not a two-letter country code; no location made", s)
			continue
		}
		name, ok := CountryName(code)
		if !ok {
			c.clusterNotef(cl, "meta.country %q is not a code the MISP country galaxy lists; no location made", s)
			continue
		}
		if c.locations[code] == nil {
			c.locations[code] = countryLocation(code, name, c.now)
		}
		desc := fmt.Sprintf("MISP galaxy %q (%s) gives %q the country %s (%s) in meta.country.", c.res.GalaxyName, c.res.GalaxyType, cl.value, code, name)
		if !c.relationship(cl, "originates-from", LocationID(code), desc, 0, nil) {
			c.clusterNotef(cl, "meta.country names %s more than once; one relationship made", code)
		}
	}
	return nil
}

// technique converts a cluster of a DISARM or AMITT technique galaxy into
// an attack-pattern.
func (c *converter) technique(cl *cluster) error {
	extID := c.externalID(cl)
	b := c.common("attack-pattern", cl.id, cl).Str("name", cl.value)
	if strings.TrimSpace(cl.desc) != "" {
		b.Str("description", cl.desc)
	}
	b.Strs("aliases", dedupe(c.metaList(cl, "synonyms"), cl.value))
	var phases []stix.Value
	seen := map[string]bool{}
	for _, k := range c.metaList(cl, "kill_chain") {
		tactic, ok := strings.CutPrefix(k, c.spec.tactic)
		if !ok {
			continue
		}
		phase := slug(tactic)
		if phase == "" || seen[phase] {
			continue
		}
		seen[phase] = true
		phases = append(phases, stix.NewBuilder().Str("kill_chain_name", c.spec.killChain).Str("phase_name", phase).Value())
	}
	b.List("kill_chain_phases", phases)
	c.add(c.finish(b, cl, c.spec.framework, extID), cl)
	return nil
}

// courseOfAction converts a cluster of a DISARM countermeasure or
// detection galaxy into a course-of-action.
func (c *converter) courseOfAction(cl *cluster) error {
	extID := c.externalID(cl)
	b := c.common("course-of-action", cl.id, cl).Str("name", cl.value)
	if strings.TrimSpace(cl.desc) != "" {
		b.Str("description", cl.desc)
	}
	c.add(c.finish(b, cl, c.spec.framework, extID), cl)
	return nil
}

// externalID returns the framework's id of a cluster (meta.external_id).
func (c *converter) externalID(cl *cluster) string {
	id, ok := c.metaString(cl, "external_id")
	if !ok {
		c.clusterNotef(cl, "it has no meta.external_id, so its object has no %s reference", c.spec.framework)
	}
	return id
}

// country converts a cluster of the country galaxy into the country's
// location, shared with every other converter, and a note that keeps the
// galaxy's data about it (capital, currency, population...) with its
// source, since the location itself must not vary with who made it.
func (c *converter) country(cl *cluster) error {
	code, ok := c.countryCode(cl)
	if !ok {
		var got string
		if cl.meta != nil && cl.meta.Get("ISO") != nil {
			got = ": " + short(cl.meta.Get("ISO"))
		}
		return &Error{Offset: cl.offset, Cluster: cl.index, UUID: cl.uuid, Msg: "a country cluster needs meta.ISO, its two-letter ISO 3166-1 code" + got}
	}
	fileName := strings.TrimSpace(cl.desc)
	if fileName == "" {
		fileName = cl.value
	}
	name, known := CountryName(code)
	switch {
	case !known:
		name = fileName
		c.clusterNotef(cl, "%s is not in dossier's country table (generated from the country galaxy); its location is named %q from this file, and actor galaxies naming %s get no location until the table is regenerated", code, name, code)
	case name != fileName:
		c.clusterNotef(cl, "the file names %s %q, dossier's country table %q; the table's name is used so that every converter makes the same location", code, fileName, name)
	}
	locID := LocationID(code)
	if c.countries[code] {
		c.clusterNotef(cl, "another cluster has the same code %s; one location made, and a note for each cluster", code)
	} else {
		c.countries[code] = true
		c.add(countryLocation(code, name, c.now), cl)
	}

	var content strings.Builder
	fmt.Fprintf(&content, "%s (%s) in the MISP galaxy %q.", name, code, c.res.GalaxyName)
	if cl.meta != nil {
		for _, m := range cl.meta.Members {
			content.WriteString("\n" + m.Name + ": " + metaText(&m.Value))
		}
	}
	b := c.common("note", stix.DerivedID("note", "misp-galaxy-cluster:"+cl.uuid), cl).
		Str("abstract", fmt.Sprintf("MISP galaxy %q: %s", c.res.GalaxyName, name)).
		Str("content", content.String()).
		Strs("object_refs", []string{locID})
	c.add(c.finish(b, cl, "", ""), cl)
	return nil
}

// metaText writes a meta value for people: strings as they are, lists of
// strings joined by commas, anything else as compact JSON.
func metaText(v *stix.Value) string {
	switch v.Kind {
	case stix.KindString:
		return v.Str
	case stix.KindArray:
		if l, ok := stringList(v); ok {
			return strings.Join(l, ", ")
		}
	}
	return v.String()
}

// related turns the cluster's related entries that point at clusters of
// the same file into relationships. Entries pointing elsewhere stay in
// x_misp_related only.
func (c *converter) related(cl *cluster) {
	if cl.related == nil || cl.id == "" {
		return
	}
	for k := range cl.related.Items {
		r := &cl.related.Items[k]
		if r.Kind != stix.KindObject {
			c.clusterNotef(cl, "related[%d] is %s, not an object; it is kept in x_misp_related only", k, r.Kind)
			continue
		}
		dest, ok := r.GetString("dest-uuid")
		if !ok || strings.TrimSpace(dest) == "" {
			c.clusterNotef(cl, "related[%d] has no dest-uuid; it is kept in x_misp_related only", k)
			continue
		}
		target := c.byUUID[strings.ToLower(strings.TrimSpace(dest))]
		if target == nil {
			continue // a cluster of another galaxy: kept in x_misp_related
		}
		typ, ok := r.GetString("type")
		switch {
		case !ok:
			c.clusterNotef(cl, "related[%d] (to %q) has no type; it is kept in x_misp_related only", k, target.value)
			continue
		case target == cl:
			c.clusterNotef(cl, "related[%d] relates the cluster to itself (%q); no relationship made, it is kept in x_misp_related", k, typ)
			continue
		case !isRelationshipType(typ):
			c.clusterNotef(cl, "related[%d] (to %q) has the type %q, which is not a STIX relationship type (a-z, 0-9, hyphen); no relationship made, it is kept in x_misp_related", k, target.value, typ)
			continue
		case target.id == "":
			continue
		}
		var tags []string
		tagsV := r.Get("tags")
		if tagsV != nil {
			l, ok := stringList(tagsV)
			if !ok {
				c.clusterNotef(cl, "related[%d] has tags that are not a list of strings; they are kept in x_misp_related only", k)
				tagsV = nil
			}
			tags = l
		}
		desc := fmt.Sprintf("MISP galaxy %q (%s) relates %q to %q as %q.", c.res.GalaxyName, c.res.GalaxyType, cl.value, target.value, typ)
		var words []string
		for _, t := range tags {
			if w := likelihoodOf(t); w != "" && !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		confidence := 0
		switch {
		case len(words) == 1:
			desc += " Likelihood: " + words[0] + "."
			confidence = likelihoodConfidence[words[0]]
			if confidence == 0 {
				c.clusterNotef(cl, "related[%d] has the likelihood %q, which is not an estimative-language word; no confidence given", k, words[0])
			}
		case len(words) > 1:
			desc += " Likelihoods given: " + strings.Join(words, ", ") + "."
			c.clusterNotef(cl, "related[%d] gives several likelihoods (%s); no confidence given", k, strings.Join(words, ", "))
		}
		if !c.relationship(cl, typ, target.id, desc, confidence, tagsV) {
			c.clusterNotef(cl, "related[%d] repeats an earlier link (%s %q); one relationship made", k, typ, target.value)
		}
	}
}

// relationship adds a relationship from cl's object, created by the
// galaxy, unless the same one (source, type, target) was already made;
// it reports whether it added one.
func (c *converter) relationship(cl *cluster, typ, target, desc string, confidence int, tags *stix.Value) bool {
	id := RelationshipID(cl.id, typ, target)
	if c.relSeen[id] {
		return false
	}
	c.relSeen[id] = true
	b := stix.NewBuilder().
		Str("type", "relationship").
		Str("spec_version", "2.1").
		Str("id", id).
		Str("created_by_ref", c.identityID).
		Str("created", c.ts).
		Str("modified", c.ts).
		Str("relationship_type", typ).
		Str("description", desc).
		Str("source_ref", cl.id).
		Str("target_ref", target)
	if confidence > 0 {
		b.Val("confidence", number(confidence))
	}
	b.Strs("object_marking_refs", []string{stix.TLP2Clear.ID}).
		NonEmpty("x_misp_tags", tags)
	c.rels = append(c.rels, stix.NewObject(b.Value(), nil))
	c.relOrigin = append(c.relOrigin, cl)
	return true
}

// RelationshipID returns the id of the relationship of type typ from the
// object source to the object target, derived from the three so that the
// same statement made again gets the same id.
func RelationshipID(source, typ, target string) string {
	return stix.DerivedID("relationship", source+" "+typ+" "+target)
}
