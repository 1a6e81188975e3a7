package build

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// attackSourceNames are the source_name values of ATT&CK's own external
// references and the kill_chain_name values of its tactics, one per domain.
var attackSourceNames = []string{"mitre-attack", "mitre-mobile-attack", "mitre-ics-attack"}

// attackObject is what the pack keeps of one ATT&CK object.
type attackObject struct {
	file        string // where it was read (the latest version's file)
	offset      int64
	typ, id     string
	extID, name string
	modified    string
	description string
	aliases     []string
	revoked     bool
	deprecated  bool
	domains     []string
	tactics     []string
	firstSeen   string
	lastSeen    string
}

// relation is one ATT&CK relationship the pack uses.
type relation struct {
	file     string
	offset   int64
	id, typ  string
	src, dst string
	inactive bool // revoked or x_mitre_deprecated
}

// attackData is the merged content of the ATT&CK bundles.
type attackData struct {
	objects  map[string]*attackObject
	rels     map[string]*relation
	versions map[string][]string // file -> x_mitre_version of its collection objects
}

// readAttack reads the ATT&CK bundles, merges them (an object in several
// bundles is kept once, its latest version, with the union of its domains
// and tactics) and returns the pack's ATT&CK lists and the ATT&CK version
// the bundles' collection objects state.
func readAttack(dir string) (groups []knowledge.Group, techniques []knowledge.Technique, software []knowledge.Software, campaigns []knowledge.Campaign, version string, err error) {
	d := &attackData{objects: map[string]*attackObject{}, rels: map[string]*relation{}, versions: map[string][]string{}}
	for _, rel := range AttackFiles {
		if err := d.readFile(dir, rel); err != nil {
			return nil, nil, nil, nil, "", err
		}
	}
	for _, rel := range AttackFiles {
		vs := d.versions[rel]
		if len(vs) != 1 || (version != "" && vs[0] != version) {
			return nil, nil, nil, nil, "", fmt.Errorf("build: %s: want one x-mitre-collection with the same x_mitre_version as the other ATT&CK bundles, found %q", rel, vs)
		}
		version = vs[0]
	}
	if groups, err = d.groups(); err != nil {
		return nil, nil, nil, nil, "", err
	}
	if campaigns, err = d.campaigns(); err != nil {
		return nil, nil, nil, nil, "", err
	}
	return groups, d.techniques(), d.software(), campaigns, version, nil
}

// readFile streams one bundle.
func (d *attackData) readFile(dir, rel string) error {
	f, err := os.Open(filepath.Join(dir, rel))
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	defer f.Close()
	r := stix.NewReader(bufio.NewReaderSize(f, 1<<20), stix.DefaultLimits)
	for {
		it, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("build: %s: %w", rel, err)
		}
		v := &it.Value
		typ, _ := v.GetString("type")
		switch typ {
		case "x-mitre-collection":
			ver, _ := v.GetString("x_mitre_version")
			d.versions[rel] = append(d.versions[rel], ver)
		case "intrusion-set", "attack-pattern", "malware", "tool", "campaign":
			o, err := parseAttackObject(v, typ, rel, it.Offset, attackSourceNames)
			if err != nil {
				return err
			}
			if err := d.add(o); err != nil {
				return err
			}
		case "relationship":
			r, err := parseRelation(v, rel, it.Offset)
			if err != nil {
				return err
			}
			switch r.typ {
			case "uses", "revoked-by", "attributed-to":
				d.rels[r.id] = r // the same relationship in several bundles is one
			}
		}
	}
}

// parseAttackObject reads what the pack keeps of an ATT&CK-style object;
// sourceNames are the external reference sources and kill chains that
// belong to the framework.
func parseAttackObject(v *stix.Value, typ, file string, offset int64, sourceNames []string) (*attackObject, error) {
	o := &attackObject{file: file, offset: offset, typ: typ}
	where := func(format string, args ...any) error {
		return fmt.Errorf("build: %s: byte offset %d: %s %s: %s", file, offset, typ, o.id, fmt.Sprintf(format, args...))
	}
	var ok bool
	if o.id, ok = v.GetString("id"); !ok || stix.TypeOfID(o.id) != typ {
		return nil, where("no id of its type")
	}
	if o.name, ok = v.GetString("name"); !ok || o.name == "" {
		return nil, where("no name")
	}
	o.modified, _ = v.GetString("modified")
	o.description, _ = v.GetString("description")
	if refs := v.Get("external_references"); refs != nil && refs.Kind == stix.KindArray {
		for i := range refs.Items {
			src, _ := refs.Items[i].GetString("source_name")
			id, _ := refs.Items[i].GetString("external_id")
			if id != "" && slices.Contains(sourceNames, src) {
				o.extID = id
				break
			}
		}
	}
	if o.extID == "" {
		return nil, where("no external reference with an external_id from %q", sourceNames)
	}
	for _, prop := range []string{"aliases", "x_mitre_aliases"} {
		list, ok := stringsOf(v, prop)
		if !ok {
			return nil, where("%s is not a list of strings", prop)
		}
		o.aliases = append(o.aliases, list...)
	}
	o.aliases = without(o.aliases, o.name)
	domains, ok := stringsOf(v, "x_mitre_domains")
	if !ok {
		return nil, where("x_mitre_domains is not a list of strings")
	}
	o.domains = domains
	o.revoked = boolOf(v, "revoked")
	o.deprecated = boolOf(v, "x_mitre_deprecated")
	if phases := v.Get("kill_chain_phases"); phases != nil && phases.Kind == stix.KindArray {
		for i := range phases.Items {
			chain, _ := phases.Items[i].GetString("kill_chain_name")
			phase, _ := phases.Items[i].GetString("phase_name")
			if phase != "" && slices.Contains(sourceNames, chain) && !slices.Contains(o.tactics, phase) {
				o.tactics = append(o.tactics, phase)
			}
		}
	}
	o.firstSeen, _ = v.GetString("first_seen")
	o.lastSeen, _ = v.GetString("last_seen")
	return o, nil
}

// parseRelation reads a relationship's type and ends.
func parseRelation(v *stix.Value, file string, offset int64) (*relation, error) {
	r := &relation{file: file, offset: offset}
	r.id, _ = v.GetString("id")
	r.typ, _ = v.GetString("relationship_type")
	r.src, _ = v.GetString("source_ref")
	r.dst, _ = v.GetString("target_ref")
	if r.id == "" || r.typ == "" || r.src == "" || r.dst == "" {
		return nil, fmt.Errorf("build: %s: byte offset %d: relationship %q lacks id, relationship_type, source_ref or target_ref", file, offset, r.id)
	}
	r.inactive = boolOf(v, "revoked") || boolOf(v, "x_mitre_deprecated")
	return r, nil
}

// boolOf reports whether member name of v is the boolean true.
func boolOf(v *stix.Value, name string) bool {
	m := v.Get(name)
	return m != nil && m.Kind == stix.KindBool && m.Bool
}

// add keeps o, merging it with an object of the same id read before: the
// later modified version wins, domains and tactics are united.
func (d *attackData) add(o *attackObject) error {
	old, ok := d.objects[o.id]
	if !ok {
		d.objects[o.id] = o
		return nil
	}
	newer, err := laterThan(o.modified, old.modified)
	if err != nil {
		return fmt.Errorf("build: %s: byte offset %d: %s: %w", o.file, o.offset, o.id, err)
	}
	keep, other := old, o
	if newer {
		keep, other = o, old
	}
	keep.domains = sortedSet(append(slices.Clone(keep.domains), other.domains...))
	for _, t := range other.tactics {
		if !slices.Contains(keep.tactics, t) {
			keep.tactics = append(keep.tactics, t)
		}
	}
	d.objects[o.id] = keep
	return nil
}

// laterThan reports whether timestamp a is after b.
func laterThan(a, b string) (bool, error) {
	ta, err := stix.ParseTimestamp(a)
	if err != nil {
		return false, err
	}
	tb, err := stix.ParseTimestamp(b)
	if err != nil {
		return false, err
	}
	return ta.Compare(tb) > 0, nil
}

// ofType returns the objects of the given types sorted by external id,
// then current before revoked or deprecated, then STIX id, so that the
// first object with an external id is the one to show.
func (d *attackData) ofType(types ...string) []*attackObject {
	var out []*attackObject
	for _, o := range d.objects {
		if slices.Contains(types, o.typ) {
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b *attackObject) int {
		return cmp.Or(
			cmp.Compare(a.extID, b.extID),
			compareBool(a.revoked || a.deprecated, b.revoked || b.deprecated),
			cmp.Compare(a.id, b.id),
		)
	})
	return out
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// target returns the object a relationship points at, or an error naming
// the relationship when it is not in the data.
func (d *attackData) target(r *relation) (*attackObject, error) {
	o, ok := d.objects[r.dst]
	if !ok {
		return nil, fmt.Errorf("build: %s: byte offset %d: relationship %s (%s): target %s is not in the ATT&CK bundles", r.file, r.offset, r.id, r.typ, r.dst)
	}
	return o, nil
}

// groups returns the intrusion sets with what they use and who replaced
// the revoked ones.
func (d *attackData) groups() ([]knowledge.Group, error) {
	uses := map[string][]string{}     // group id -> technique external ids
	software := map[string][]string{} // group id -> software external ids
	revokedBy := map[string]string{}
	for _, r := range d.sortedRels() {
		if r.inactive || stix.TypeOfID(r.src) != "intrusion-set" {
			continue
		}
		switch r.typ {
		case "uses":
			t, err := d.target(r)
			if err != nil {
				return nil, err
			}
			switch t.typ {
			case "attack-pattern":
				uses[r.src] = append(uses[r.src], t.extID)
			case "malware", "tool":
				software[r.src] = append(software[r.src], t.extID)
			}
		case "revoked-by":
			if old, ok := revokedBy[r.src]; ok && old != r.dst {
				return nil, fmt.Errorf("build: %s: byte offset %d: relationship %s: %s is revoked by both %s and %s", r.file, r.offset, r.id, r.src, old, r.dst)
			}
			revokedBy[r.src] = r.dst
		}
	}
	var out []knowledge.Group
	for _, o := range d.ofType("intrusion-set") {
		g := knowledge.Group{
			ID:         o.id,
			ExternalID: o.extID,
			Name:       o.name,
			Aliases:    o.aliases,
			Modified:   o.modified,
			Revoked:    o.revoked,
			RevokedBy:  revokedBy[o.id],
			Deprecated: o.deprecated,
			Domains:    sortedSet(o.domains),
			Techniques: sortedSet(uses[o.id]),
			Software:   sortedSet(software[o.id]),
		}
		g.Country, g.CountryEvidence = StateTie(o.description, append([]string{o.name}, o.aliases...))
		out = append(out, g)
	}
	return out, nil
}

// sortedRels returns the relationships in id order, so that errors and
// results do not depend on map order.
func (d *attackData) sortedRels() []*relation {
	out := make([]*relation, 0, len(d.rels))
	for _, r := range d.rels {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *relation) int { return cmp.Compare(a.id, b.id) })
	return out
}

// techniques returns the attack patterns of every domain.
func (d *attackData) techniques() []knowledge.Technique {
	var out []knowledge.Technique
	for _, o := range d.ofType("attack-pattern") {
		out = append(out, knowledge.Technique{
			ID:         o.id,
			ExternalID: o.extID,
			Name:       o.name,
			Tactics:    o.tactics,
			Revoked:    o.revoked,
			Deprecated: o.deprecated,
		})
	}
	return out
}

// software returns the malware and tools.
func (d *attackData) software() []knowledge.Software {
	var out []knowledge.Software
	for _, o := range d.ofType("malware", "tool") {
		out = append(out, knowledge.Software{
			ID:         o.id,
			ExternalID: o.extID,
			Name:       o.name,
			Type:       o.typ,
			Aliases:    o.aliases,
			Revoked:    o.revoked,
			Deprecated: o.deprecated,
		})
	}
	return out
}

// campaigns returns the campaigns with the groups they are attributed to.
func (d *attackData) campaigns() ([]knowledge.Campaign, error) {
	groups := map[string][]string{}
	for _, r := range d.sortedRels() {
		if r.inactive || r.typ != "attributed-to" || stix.TypeOfID(r.src) != "campaign" {
			continue
		}
		t, err := d.target(r)
		if err != nil {
			return nil, err
		}
		if t.typ == "intrusion-set" {
			groups[r.src] = append(groups[r.src], t.extID)
		}
	}
	var out []knowledge.Campaign
	for _, o := range d.ofType("campaign") {
		out = append(out, knowledge.Campaign{
			ID:         o.id,
			ExternalID: o.extID,
			Name:       o.name,
			Aliases:    o.aliases,
			Groups:     sortedSet(groups[o.id]),
			FirstSeen:  o.firstSeen,
			LastSeen:   o.lastSeen,
			Revoked:    o.revoked,
			Deprecated: o.deprecated,
		})
	}
	return out, nil
}

// readDISARM reads the DISARM bundle's techniques. DISARM reuses ATT&CK's
// "mitre-attack" source and kill-chain names for its own ids (T0002...,
// tactics such as plan-objectives), which is why its techniques live in a
// list of their own.
func readDISARM(dir string) ([]knowledge.Technique, error) {
	f, err := os.Open(filepath.Join(dir, DISARMFile))
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	defer f.Close()
	d := &attackData{objects: map[string]*attackObject{}}
	r := stix.NewReader(bufio.NewReader(f), stix.DefaultLimits)
	for {
		it, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("build: %s: %w", DISARMFile, err)
		}
		if typ, _ := it.Value.GetString("type"); typ == "attack-pattern" {
			o, err := parseAttackObject(&it.Value, typ, DISARMFile, it.Offset, []string{"mitre-attack", "disarm"})
			if err != nil {
				return nil, err
			}
			if err := d.add(o); err != nil {
				return nil, err
			}
		}
	}
	return d.techniques(), nil
}
