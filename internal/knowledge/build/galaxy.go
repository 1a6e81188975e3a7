package build

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// likelihoodTag is the machine-tag prefix of MISP's estimative-language
// likelihood, as galaxies put it on related links:
// estimative-language:likelihood-probability="likely".
const likelihoodTag = "estimative-language:likelihood-probability="

// readGalaxies reads the actor galaxies, keeps of each cluster's related
// links only those to clusters in the pack, and sorts galaxies by type.
func readGalaxies(dir string) ([]knowledge.Galaxy, error) {
	var out []knowledge.Galaxy
	for _, name := range GalaxyNames {
		g, err := readGalaxy(dir, name)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	inPack := map[string]bool{}
	for _, g := range out {
		for _, c := range g.Clusters {
			inPack[c.UUID] = true
		}
	}
	for gi := range out {
		for ci := range out[gi].Clusters {
			c := &out[gi].Clusters[ci]
			c.Related = slices.DeleteFunc(c.Related, func(r knowledge.Related) bool { return !inPack[r.UUID] })
			if len(c.Related) == 0 {
				c.Related = nil
			}
		}
	}
	slices.SortFunc(out, func(a, b knowledge.Galaxy) int { return cmp.Compare(a.Type, b.Type) })
	return out, nil
}

// readGalaxy reads misp-galaxy/clusters/<name>.json and the galaxy
// definition misp-galaxy/galaxies/<name>.json.
func readGalaxy(dir, name string) (knowledge.Galaxy, error) {
	rel := "misp-galaxy/clusters/" + name + ".json"
	v, err := readValue(dir, rel)
	if err != nil {
		return knowledge.Galaxy{}, err
	}
	bad := func(path, format string, args ...any) error {
		return fmt.Errorf("build: %s: %s: %s", rel, path, fmt.Sprintf(format, args...))
	}
	if v.Kind != stix.KindObject {
		return knowledge.Galaxy{}, bad("$", "want a JSON object, found a %s", v.Kind)
	}
	var g knowledge.Galaxy
	for _, f := range []struct {
		name string
		dst  *string
	}{{"type", &g.Type}, {"uuid", &g.UUID}, {"name", &g.Name}} {
		s, ok := v.GetString(f.name)
		if !ok || s == "" {
			return knowledge.Galaxy{}, bad(f.name, "missing or not a string")
		}
		*f.dst = s
	}
	ver := v.Get("version")
	n, ok := int64(0), false
	if ver != nil {
		n, ok = ver.Int()
	}
	if !ok {
		return knowledge.Galaxy{}, bad("version", "missing or not an integer")
	}
	g.Version = int(n)

	defRel := "misp-galaxy/galaxies/" + name + ".json"
	def, err := readValue(dir, defRel)
	if err != nil {
		return knowledge.Galaxy{}, err
	}
	if t, _ := def.GetString("type"); t != g.Type {
		return knowledge.Galaxy{}, fmt.Errorf("build: %s: type: %q, but its clusters in %s say %q", defRel, t, rel, g.Type)
	}
	if g.DefinitionUUID, _ = def.GetString("uuid"); g.DefinitionUUID == "" {
		return knowledge.Galaxy{}, fmt.Errorf("build: %s: uuid: missing or not a string", defRel)
	}

	values := v.Get("values")
	if values == nil || values.Kind != stix.KindArray {
		return knowledge.Galaxy{}, bad("values", "missing or not a list")
	}
	for i := range values.Items {
		c, err := parseCluster(&values.Items[i])
		if err != nil {
			return knowledge.Galaxy{}, bad(fmt.Sprintf("values[%d]", i), "%v", err)
		}
		g.Clusters = append(g.Clusters, c)
	}
	slices.SortFunc(g.Clusters, func(a, b knowledge.Cluster) int {
		return cmp.Or(cmp.Compare(a.Value, b.Value), cmp.Compare(a.UUID, b.UUID))
	})
	return g, nil
}

// parseCluster reads one cluster: what naming needs, every meta value
// accepted as a string, a list of strings or a Python-style list string.
func parseCluster(v *stix.Value) (knowledge.Cluster, error) {
	var c knowledge.Cluster
	if v.Kind != stix.KindObject {
		return c, fmt.Errorf("want a JSON object, found a %s", v.Kind)
	}
	value, _ := v.GetString("value")
	c.Value = strings.TrimSpace(value)
	c.UUID, _ = v.GetString("uuid")
	if c.Value == "" || c.UUID == "" {
		return c, fmt.Errorf("value or uuid missing")
	}
	if meta := v.Get("meta"); meta != nil {
		if meta.Kind != stix.KindObject {
			return c, fmt.Errorf("meta: want a JSON object, found a %s", meta.Kind)
		}
		syn, ok := stringsOf(meta, "synonyms")
		if !ok {
			return c, fmt.Errorf("meta.synonyms: not a string or a list of strings")
		}
		c.Synonyms = without(syn, c.Value)
		// Garbage (an empty string, a name, several codes) is ignored:
		// a country is kept only when it is one two-letter code.
		if list, _ := stringsOf(meta, "country"); len(list) == 1 {
			c.Country = countryCode(list[0])
		}
		if list, _ := stringsOf(meta, "cfr-suspected-state-sponsor"); len(list) > 0 {
			c.Sponsor = strings.Join(list, ", ")
		}
		if list, _ := stringsOf(meta, "external_id"); len(list) == 1 {
			c.ExternalID = list[0]
		}
	}
	if rel := v.Get("related"); rel != nil {
		if rel.Kind != stix.KindArray {
			return c, fmt.Errorf("related: want a list, found a %s", rel.Kind)
		}
		for i := range rel.Items {
			r, err := parseRelated(&rel.Items[i])
			if err != nil {
				return c, fmt.Errorf("related[%d]: %v", i, err)
			}
			// Some upstream links have an empty dest-uuid: they lead
			// nowhere, like links to clusters outside the pack.
			if r.UUID != "" && !slices.Contains(c.Related, r) {
				c.Related = append(c.Related, r)
			}
		}
	}
	return c, nil
}

// parseRelated reads one related link; its UUID is empty when the link
// has an empty dest-uuid.
func parseRelated(v *stix.Value) (knowledge.Related, error) {
	var r knowledge.Related
	if v.Kind != stix.KindObject {
		return r, fmt.Errorf("want a JSON object, found a %s", v.Kind)
	}
	var ok bool
	if r.UUID, ok = v.GetString("dest-uuid"); !ok {
		return r, fmt.Errorf("dest-uuid missing or not a string")
	}
	if r.Type, ok = v.GetString("type"); !ok || r.Type == "" {
		return r, fmt.Errorf("type missing or not a string")
	}
	tags, ok := stringsOf(v, "tags")
	if !ok {
		return r, fmt.Errorf("tags: not a list of strings")
	}
	for _, t := range tags {
		if l, ok := likelihood(t); ok {
			r.Likelihood = l
			break
		}
	}
	return r, nil
}

// likelihood returns X from the tag estimative-language:likelihood-probability="X".
func likelihood(tag string) (string, bool) {
	rest, ok := strings.CutPrefix(tag, likelihoodTag)
	if !ok {
		return "", false
	}
	rest = strings.Trim(rest, `"`)
	return rest, rest != ""
}

// countryCode returns s upper-cased when it is two ASCII letters, else "".
func countryCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' {
		return ""
	}
	return s
}
