package mispgalaxy

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Options control a conversion.
type Options struct {
	// Now is the created and modified time of every object, written with
	// millisecond precision. The zero value means time.Now(). Identifiers
	// never depend on it.
	Now time.Time
	// MaxBytes is the most input Convert reads; zero or less means
	// DefaultMaxBytes.
	MaxBytes int64
}

// Result is what a conversion produced.
type Result struct {
	GalaxyType string // the galaxy's type, as written: "threat-actor"
	GalaxyName string // the galaxy's name: "Threat Actor"
	GalaxyUUID string // the galaxy's uuid, in lower case
	Version    int    // the galaxy's version; 0 when the file gives none
	// Objects are the galaxy's identity first; then, in file order, the
	// object of each cluster (for the country galaxy, its location and a
	// note); then the country locations that actor clusters name, by
	// code; then the relationships, in file order.
	Objects []*stix.Object
	// Notes list, in file order, the clusters that were skipped and the
	// data that did not map onto STIX, each with its place and the reason.
	// All of it is still in the objects' x_misp_* properties.
	Notes []string
}

// galaxyKind is what the clusters of a galaxy become.
type galaxyKind int

const (
	kindActor          galaxyKind = iota + 1 // intrusion-set
	kindTechnique                            // attack-pattern
	kindCourseOfAction                       // course-of-action
	kindCountry                              // location (and note)
)

// galaxySpec says how to convert a supported galaxy type.
type galaxySpec struct {
	kind      galaxyKind
	framework string // source_name of the framework's own id (meta.external_id): "DISARM", "AMITT"
	killChain string // kill_chain_name for the framework's tactics
	tactic    string // the prefix of meta.kill_chain entries that name a tactic
}

// galaxies lists the galaxy types Convert reads.
var galaxies = map[string]galaxySpec{
	"threat-actor":                 {kind: kindActor},
	"microsoft-activity-group":     {kind: kindActor},
	"mitre-intrusion-set":          {kind: kindActor},
	"groups":                       {kind: kindActor}, // Tidal Cyber's groups
	"disarm-techniques":            {kind: kindTechnique, framework: "DISARM", killChain: "disarm", tactic: "tactics:"},
	"amitt-misinformation-pattern": {kind: kindTechnique, framework: "AMITT", killChain: "amitt", tactic: "misinformation-tactics:"},
	"disarm-countermeasures":       {kind: kindCourseOfAction, framework: "DISARM"},
	"disarm-detections":            {kind: kindCourseOfAction, framework: "DISARM"},
	"country":                      {kind: kindCountry},
}

// SupportedTypes returns the galaxy types Convert reads, sorted.
func SupportedTypes() []string {
	out := make([]string, 0, len(galaxies))
	for t := range galaxies {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Convert reads one MISP galaxy cluster file from r and returns its STIX
// objects. The whole file is refused, with an error that says what and
// where, when it is not valid JSON (a *stix.SyntaxError with the byte
// offset), when the galaxy's type is not one of SupportedTypes, or when a
// cluster cannot be converted (an *Error naming the cluster's index, uuid
// and offset). A cluster that repeats an earlier one exactly is skipped,
// and said so in Result.Notes. The same input and Options.Now give the
// same objects, byte for byte.
func Convert(r io.Reader, opt Options) (*Result, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	doc, err := readDocument(r, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	c := &converter{
		doc:       doc,
		now:       opt.Now,
		ts:        stix.FormatTimestamp(opt.Now),
		res:       &Result{},
		byUUID:    map[string]*cluster{},
		locations: map[string]*stix.Object{},
		countries: map[string]bool{},
		relSeen:   map[string]bool{},
	}
	if err := c.header(); err != nil {
		return nil, err
	}
	if err := c.readClusters(); err != nil {
		return nil, err
	}
	if err := c.convert(); err != nil {
		return nil, err
	}
	return c.res, nil
}

// converter holds the state of one conversion.
type converter struct {
	doc  *document
	now  time.Time
	ts   string // now, as a STIX timestamp
	res  *Result
	spec galaxySpec

	identityID string
	galaxyRef  stix.Value // x_misp_galaxy of every cluster's object

	clusters []*cluster
	byUUID   map[string]*cluster

	objects   []*stix.Object
	origin    []*cluster              // the cluster each of objects comes from; nil for none
	locations map[string]*stix.Object // countries named by actor clusters, by code
	countries map[string]bool         // countries of the country galaxy made so far
	rels      []*stix.Object
	relOrigin []*cluster
	relSeen   map[string]bool
}

// cluster is one element of values, checked.
type cluster struct {
	index   int
	offset  int64
	uuid    string // lower case
	given   string // as written
	value   string // trimmed
	desc    string
	meta    *stix.Value // nil when absent
	related *stix.Value // nil when absent
	revoked bool
	extra   []stix.Member // members the MISP galaxy format does not define
	raw     *stix.Value
	id      string // the STIX id of its object
}

func (c *converter) notef(format string, args ...any) {
	c.res.Notes = append(c.res.Notes, fmt.Sprintf(format, args...))
}

// clusterNotef notes something about one cluster, naming it.
func (c *converter) clusterNotef(cl *cluster, format string, args ...any) {
	c.notef("cluster %d (%q, uuid %s): %s", cl.index, cl.value, cl.uuid, fmt.Sprintf(format, args...))
}

// headerMembers are the top-level members the MISP galaxy format defines
// besides values, all required by its schema.
var headerMembers = []string{"authors", "category", "description", "name", "source", "type", "uuid", "version"}

// header checks the galaxy's own members and builds its identity.
func (c *converter) header() error {
	d := c.doc
	typ := d.get("type")
	if typ == nil {
		return &Error{Offset: 0, Cluster: -1, Msg: `the file has no "type" member, so it is not a MISP galaxy cluster file`}
	}
	if typ.value.Kind != stix.KindString {
		return &Error{Offset: typ.offset, Cluster: -1, Msg: fmt.Sprintf(`"type" must be a string, not %s`, typ.value.Kind)}
	}
	c.res.GalaxyType = typ.value.Str
	spec, ok := galaxies[typ.value.Str]
	if !ok {
		return &Error{Offset: typ.offset, Cluster: -1, Err: ErrUnsupportedType, Msg: fmt.Sprintf("galaxy type %q is not supported yet; supported: %s", typ.value.Str, strings.Join(SupportedTypes(), ", "))}
	}
	c.spec = spec
	if !d.hasValues {
		return &Error{Offset: 0, Cluster: -1, Msg: `the file has no "values" list of clusters, so it is not a MISP galaxy cluster file`}
	}
	if d.valuesKind != stix.KindArray {
		return &Error{Offset: d.valuesOffset, Cluster: -1, Msg: fmt.Sprintf(`"values" must be a list of clusters, not %s`, d.valuesKind)}
	}

	uuid := d.get("uuid")
	switch {
	case uuid == nil:
		return &Error{Offset: 0, Cluster: -1, Msg: `the galaxy has no "uuid"`}
	case uuid.value.Kind != stix.KindString || !isUUID(uuid.value.Str):
		return &Error{Offset: uuid.offset, Cluster: -1, Msg: fmt.Sprintf(`the galaxy's "uuid" must be a UUID string, not %s`, short(&uuid.value))}
	}
	c.res.GalaxyUUID = strings.ToLower(uuid.value.Str)
	name := d.get("name")
	switch {
	case name == nil:
		return &Error{Offset: 0, Cluster: -1, Msg: `the galaxy has no "name"`}
	case name.value.Kind != stix.KindString || strings.TrimSpace(name.value.Str) == "":
		return &Error{Offset: name.offset, Cluster: -1, Msg: fmt.Sprintf(`the galaxy's "name" must be a non-empty string, not %s`, short(&name.value))}
	}
	c.res.GalaxyName = strings.TrimSpace(name.value.Str)
	if v := d.get("version"); v != nil {
		n, ok := v.value.Int()
		if !ok || n < 0 || n > 1<<31 {
			return &Error{Offset: v.offset, Cluster: -1, Msg: fmt.Sprintf(`the galaxy's "version" must be a non-negative integer, not %s`, short(&v.value))}
		}
		c.res.Version = int(n)
	}
	for _, n := range []string{"description", "source", "category"} {
		if m := d.get(n); m != nil && m.value.Kind != stix.KindString {
			return &Error{Offset: m.offset, Cluster: -1, Msg: fmt.Sprintf("the galaxy's %q must be a string, not %s", n, m.value.Kind)}
		}
	}
	var authors []string
	if m := d.get("authors"); m != nil {
		l, ok := stringList(&m.value)
		if !ok || m.value.Kind != stix.KindArray {
			return &Error{Offset: m.offset, Cluster: -1, Msg: fmt.Sprintf(`the galaxy's "authors" must be a list of strings, not %s`, m.value.Kind)}
		}
		authors = l
	}
	for _, n := range headerMembers {
		if d.get(n) == nil {
			c.notef("the galaxy has no %q member, which the MISP galaxy format requires", n)
		}
	}
	for _, m := range d.members {
		if !slices.Contains(headerMembers, m.name) {
			c.notef("the galaxy's member %q (byte offset %d) is not part of the MISP galaxy format; it is kept in the identity's x_misp_galaxy", m.name, m.offset)
		}
	}

	// x_misp_galaxy on every cluster's object: the galaxy's type, uuid and
	// name as written. Not its version: a new release of the galaxy must
	// not make a new version of every cluster that did not change (the
	// version is on the galaxy's identity).
	ref := stix.NewBuilder()
	for _, n := range []string{"type", "uuid", "name"} {
		if m := d.get(n); m != nil {
			ref.Val(n, m.value)
		}
	}
	c.galaxyRef = ref.Value()
	c.identityID = stix.DerivedID("identity", "misp-galaxy:"+c.res.GalaxyUUID)
	c.add(c.identity(authors), nil)
	return nil
}

// identity is the galaxy's identity: who created its objects.
func (c *converter) identity(authors []string) *stix.Object {
	d := c.doc
	var desc strings.Builder
	fmt.Fprintf(&desc, "MISP galaxy %q (type %s", c.res.GalaxyName, c.res.GalaxyType)
	if m := d.get("category"); m != nil && m.value.Str != "" {
		fmt.Fprintf(&desc, ", category %s", m.value.Str)
	}
	if c.res.Version > 0 {
		fmt.Fprintf(&desc, ", version %d", c.res.Version)
	}
	desc.WriteString(").")
	if m := d.get("description"); m != nil && strings.TrimSpace(m.value.Str) != "" {
		desc.WriteString(" " + strings.TrimSpace(m.value.Str))
		if !strings.HasSuffix(desc.String(), ".") {
			desc.WriteString(".")
		}
	}
	if len(authors) > 0 {
		desc.WriteString(" Authors: " + strings.Join(authors, ", ") + ".")
	}
	if m := d.get("source"); m != nil && strings.TrimSpace(m.value.Str) != "" {
		desc.WriteString(" Source: " + strings.TrimSpace(m.value.Str) + ".")
	}
	header := stix.NewBuilder()
	for _, m := range d.members {
		header.Val(m.name, m.value)
	}
	b := stix.NewBuilder().
		Str("type", "identity").
		Str("spec_version", "2.1").
		Str("id", c.identityID).
		Str("created", c.ts).
		Str("modified", c.ts).
		Str("name", "MISP galaxy: "+c.res.GalaxyName).
		Str("description", desc.String()).
		Str("identity_class", "organization").
		List("external_references", []stix.Value{
			stix.NewBuilder().Str("source_name", "misp-galaxy").Str("external_id", c.res.GalaxyUUID).
				Str("description", "MISP galaxy "+c.res.GalaxyType).Value(),
		}).
		Strs("object_marking_refs", []string{stix.TLP2Clear.ID}).
		NonEmpty("x_misp_galaxy", new(header.Value()))
	return stix.NewObject(b.Value(), nil)
}

// clusterMembers are the members of a cluster the MISP galaxy format
// defines.
var clusterMembers = []string{"value", "uuid", "description", "meta", "related", "revoked"}

// readClusters checks every cluster and indexes them by uuid.
func (c *converter) readClusters() error {
	values := map[string]int{}
	for i := range c.doc.clusters {
		rc := &c.doc.clusters[i]
		v := &rc.value
		cerr := func(uuid, format string, args ...any) error {
			return &Error{Offset: rc.offset, Cluster: i, UUID: uuid, Msg: fmt.Sprintf(format, args...)}
		}
		if v.Kind != stix.KindObject {
			return cerr("", "a cluster must be a JSON object, not %s", v.Kind)
		}
		cl := &cluster{index: i, offset: rc.offset, raw: v}
		u := v.Get("uuid")
		switch {
		case u == nil:
			return cerr("", `the cluster has no "uuid"`)
		case u.Kind != stix.KindString || !isUUID(u.Str):
			return cerr("", `the cluster's "uuid" must be a UUID string, not %s`, short(u))
		}
		cl.given, cl.uuid = u.Str, strings.ToLower(u.Str)
		val := v.Get("value")
		switch {
		case val == nil:
			return cerr(cl.uuid, `the cluster has no "value" (its name)`)
		case val.Kind != stix.KindString || strings.TrimSpace(val.Str) == "":
			return cerr(cl.uuid, `the cluster's "value" must be a non-empty string, not %s`, short(val))
		}
		cl.value = strings.TrimSpace(val.Str)
		if d := v.Get("description"); d != nil {
			if d.Kind != stix.KindString {
				return cerr(cl.uuid, `the cluster's "description" must be a string, not %s`, d.Kind)
			}
			cl.desc = d.Str
		}
		if m := v.Get("meta"); m != nil {
			if m.Kind != stix.KindObject {
				return cerr(cl.uuid, `the cluster's "meta" must be an object, not %s`, m.Kind)
			}
			cl.meta = m
		}
		if r := v.Get("related"); r != nil {
			if r.Kind != stix.KindArray {
				return cerr(cl.uuid, `the cluster's "related" must be a list, not %s`, r.Kind)
			}
			cl.related = r
		}
		if r := v.Get("revoked"); r != nil {
			if r.Kind != stix.KindBool {
				return cerr(cl.uuid, `the cluster's "revoked" must be true or false, not %s`, short(r))
			}
			cl.revoked = r.Bool
		}
		for _, m := range v.Members {
			if !slices.Contains(clusterMembers, m.Name) {
				cl.extra = append(cl.extra, m)
			}
		}

		if prev, dup := c.byUUID[cl.uuid]; dup {
			if string(prev.raw.AppendJSON(nil)) == string(v.AppendJSON(nil)) {
				c.clusterNotef(cl, "skipped: it repeats cluster %d exactly", prev.index)
				continue
			}
			return cerr(cl.uuid, "the uuid is also that of cluster %d (%q), whose content differs", prev.index, prev.value)
		}
		if val.Str != cl.value {
			c.clusterNotef(cl, "the value %q has white space around it, trimmed in the name", val.Str)
		}
		for _, m := range cl.extra {
			c.clusterNotef(cl, "member %q is not part of the MISP galaxy format; it is kept in x_misp_cluster_extra", m.Name)
		}
		if j, dup := values[cl.value]; dup {
			c.clusterNotef(cl, "cluster %d has the same value; both are kept, as separate objects", j)
		} else {
			values[cl.value] = i
		}
		cl.id = c.clusterID(cl)
		c.byUUID[cl.uuid] = cl
		c.clusters = append(c.clusters, cl)
	}
	if len(c.doc.clusters) == 0 {
		c.notef("the galaxy has no clusters: only its identity is made")
	}
	return nil
}

// clusterID returns the id of a cluster's object.
func (c *converter) clusterID(cl *cluster) string {
	key := "misp-galaxy-cluster:" + cl.uuid
	switch c.spec.kind {
	case kindActor:
		return stix.DerivedID("intrusion-set", key)
	case kindTechnique:
		return stix.DerivedID("attack-pattern", key)
	case kindCourseOfAction:
		return stix.DerivedID("course-of-action", key)
	}
	// Country: the location is the country's own; the relationships of
	// the cluster start from it.
	if code, ok := c.countryCode(cl); ok {
		return LocationID(code)
	}
	return ""
}

// countryCode returns the code of a country cluster (meta.ISO).
func (c *converter) countryCode(cl *cluster) (string, bool) {
	if cl.meta == nil {
		return "", false
	}
	s, ok := cl.meta.GetString("ISO")
	if !ok {
		return "", false
	}
	return NormalizeCountryCode(s)
}

// convert builds the objects of every cluster, then checks them.
func (c *converter) convert() error {
	for _, cl := range c.clusters {
		var err error
		switch c.spec.kind {
		case kindActor:
			err = c.actor(cl)
		case kindTechnique:
			err = c.technique(cl)
		case kindCourseOfAction:
			err = c.courseOfAction(cl)
		case kindCountry:
			err = c.country(cl)
		}
		if err != nil {
			return err
		}
		c.related(cl)
	}
	codes := make([]string, 0, len(c.locations))
	for code := range c.locations {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		c.add(c.locations[code], nil)
	}
	c.objects = append(c.objects, c.rels...)
	c.origin = append(c.origin, c.relOrigin...)
	for i, o := range c.objects {
		if probs := stix.Validate(o); len(probs) > 0 {
			e := &Error{Offset: -1, Cluster: -1}
			if cl := c.origin[i]; cl != nil {
				e.Cluster, e.UUID, e.Offset = cl.index, cl.uuid, cl.offset
			}
			var ps []string
			for _, p := range probs {
				ps = append(ps, p.String())
			}
			e.Msg = fmt.Sprintf("its %s %s would not be valid STIX: %s", o.Type, o.ID, strings.Join(ps, "; "))
			return e
		}
	}
	c.res.Objects = c.objects
	return nil
}

func (c *converter) add(o *stix.Object, origin *cluster) {
	c.objects = append(c.objects, o)
	c.origin = append(c.origin, origin)
}
