// Package msnaming converts Microsoft's threat actor naming map (the
// MicrosoftMapping.json of github.com/microsoft/mstic,
// PublicFeeds/ThreatActorNaming: a JSON array of {"Threat actor name",
// "Origin/Threat", "Other names"}) into STIX 2.1 objects. It is a pure
// converter: bytes in, objects out; detecting the format, validating,
// storing and keeping timestamps stable across re-ingests are the ingest
// pipeline's work.
//
// Each entry becomes an intrusion-set named for Microsoft's name (Mint
// Sandstorm), with the other vendors' names as aliases, created by the
// identity "Microsoft Threat Intelligence" and marked TLP:CLEAR. The
// Origin/Threat column is kept as written in x_microsoft_origin_threat and
// read into its parts: a country (Iran, Russia, Türkiye, Korea...) becomes
// the country's location and an originates-from relationship; a kind of
// threat (Influence operations, Financially motivated, Private sector
// offensive actor, Group in development, Covert network) is listed in
// x_microsoft_threat_kinds. Microsoft writes "Korea" for its Hail family,
// which its taxonomy gives as South Korea, so "Korea" is KR.
//
// The map repeats itself: one other-vendor name can belong to several
// Microsoft actors, and a Storm-NNNN name can be both an entry and another
// entry's other name. Such repeats and contradictions are listed in
// Result.Notes and never dropped; an entry repeated under the same name is
// merged into one object, and said so.
//
// Identifiers derive from Microsoft's names, never from the time of
// conversion: stix.DerivedID("intrusion-set", "microsoft-naming:"+name).
// Country locations are mispgalaxy.CountryLocation's, the same objects
// every converter makes.
package msnaming

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/jsonin"
	"github.com/dossier-cti/dossier/internal/stix"
)

// DefaultMaxBytes is the largest input Convert reads unless
// Options.MaxBytes says otherwise. The real map is 22 KB.
const DefaultMaxBytes = 64 << 20

// The column names of the map.
const (
	ColumnName   = "Threat actor name"
	ColumnOrigin = "Origin/Threat"
	ColumnOther  = "Other names"
)

// NamingPageURL is Microsoft's page that explains its naming taxonomy.
const NamingPageURL = "https://learn.microsoft.com/en-us/unified-secops-platform/microsoft-threat-actor-naming"

// MapURL is where Microsoft publishes the naming map.
const MapURL = "https://github.com/microsoft/mstic/blob/master/PublicFeeds/ThreatActorNaming/MicrosoftMapping.json"

// IdentityID is the id of the identity "Microsoft Threat Intelligence",
// which creates every object made from the map.
var IdentityID = stix.DerivedID("identity", "organization:Microsoft Threat Intelligence")

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
	Entries int // entries read from the map
	// Objects are the identity first, then an intrusion-set per distinct
	// name in the map's order, then the country locations by code, then
	// the originates-from relationships in the map's order.
	Objects []*stix.Object
	// Notes list repeats and contradictions in the map, and data that did
	// not map onto STIX, each saying where and why. Nothing they mention is
	// dropped.
	Notes []string
}

// Error is a problem that stops the conversion: an entry that is not an
// object, or that has no name. JSON that does not parse is reported as a
// *stix.SyntaxError instead.
type Error struct {
	Offset int64  // byte offset in the input of the value at fault; -1 when not known
	Entry  int    // index of the entry in the array; -1 when not about one entry
	Name   string // the entry's name, when known
	Msg    string // what is wrong
}

// Error returns "msnaming: entry N ("name") at byte offset O: what is wrong",
// leaving out what is not known.
func (e *Error) Error() string {
	id := ""
	if e.Name != "" {
		id = strconv.Quote(e.Name)
	}
	return jsonin.ErrorAt("msnaming", "entry", e.Entry, id, e.Offset, e.Msg)
}

// SniffSize is how many leading bytes of an input Detect needs at most.
const SniffSize = jsonin.SniffSize

// Detect reports whether head, the first bytes of an input (up to
// SniffSize; a UTF-8 byte order mark may precede), is the start of
// Microsoft's naming map: a JSON array whose first element is an object
// with the member "Threat actor name". It reads tokens, so a head cut
// anywhere after that member's name is enough.
func Detect(head []byte) bool {
	dec := jsonin.Sniff(head, '[')
	if dec == nil || dec.PeekKind() != '{' {
		return false
	}
	if _, err := dec.ReadToken(); err != nil {
		return false
	}
	for dec.PeekKind() == '"' {
		tok, err := dec.ReadToken()
		if err != nil {
			return false
		}
		if tok.String() == ColumnName {
			k := dec.PeekKind()
			return k == '"' || k == 0 // a string, or cut off before it
		}
		if err := dec.SkipValue(); err != nil {
			return false
		}
	}
	return false
}

// entry is one element of the map, checked.
type entry struct {
	index      int
	offset     int64
	name       string
	origin     string // as written; "" when absent
	hasOrigin  bool
	others     []string
	extra      []stix.Member
	countries  []string // codes, from origin
	kinds      []string // threat kinds, as written
	alsoOrigin []string // origins of later entries with the same name, when they differ
}

// Convert reads Microsoft's naming map from r and returns its STIX
// objects. The whole input is refused when it is not valid JSON (a
// *stix.SyntaxError with the byte offset) or when an entry cannot be
// converted (an *Error naming the entry and its offset). The same input
// and Options.Now give the same objects, byte for byte.
func Convert(r io.Reader, opt Options) (*Result, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	raws, err := readArray(r, opt.MaxBytes)
	if err != nil {
		return nil, err
	}
	if len(raws) == 0 {
		return nil, &Error{Offset: 0, Entry: -1, Msg: "the map holds no entries"}
	}
	c := &converter{res: &Result{Entries: len(raws)}, now: opt.Now, ts: stix.FormatTimestamp(opt.Now)}
	byName := map[string]*entry{}
	var entries []*entry
	for i, rv := range raws {
		e, err := c.entry(i, rv)
		if err != nil {
			return nil, err
		}
		if first := byName[e.name]; first != nil {
			c.merge(first, e)
			continue
		}
		byName[e.name] = e
		entries = append(entries, e)
	}
	c.crossCheck(entries, byName)

	c.objects = append(c.objects, Identity(opt.Now))
	locations := map[string]*stix.Object{}
	var rels []*stix.Object
	for _, e := range entries {
		c.objects = append(c.objects, c.intrusionSet(e))
		for _, code := range e.countries {
			loc, ok := mispgalaxy.CountryLocation(code, opt.Now)
			if !ok {
				continue // parseOrigin only returns codes of the table
			}
			locations[code] = loc
			rels = append(rels, c.originatesFrom(e, code))
		}
	}
	codes := make([]string, 0, len(locations))
	for code := range locations {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		c.objects = append(c.objects, locations[code])
	}
	c.objects = append(c.objects, rels...)
	for _, o := range c.objects {
		if probs := stix.Validate(o); len(probs) > 0 {
			var ps []string
			for _, p := range probs {
				ps = append(ps, p.String())
			}
			return nil, &Error{Offset: -1, Entry: -1, Msg: fmt.Sprintf("the %s %s (%q) would not be valid STIX: %s", o.Type, o.ID, o.Name(), strings.Join(ps, "; "))}
		}
	}
	c.res.Objects = c.objects
	return c.res, nil
}

type converter struct {
	res     *Result
	now     time.Time
	ts      string
	objects []*stix.Object
}

func (c *converter) notef(format string, args ...any) {
	c.res.Notes = append(c.res.Notes, fmt.Sprintf(format, args...))
}

// entry checks one element of the map.
func (c *converter) entry(i int, rv rawValue) (*entry, error) {
	v := &rv.value
	fail := func(name, format string, args ...any) error {
		return &Error{Offset: rv.offset, Entry: i, Name: name, Msg: fmt.Sprintf(format, args...)}
	}
	if v.Kind != stix.KindObject {
		return nil, fail("", "an entry must be a JSON object, not %s", v.Kind)
	}
	e := &entry{index: i, offset: rv.offset}
	n := v.Get(ColumnName)
	switch {
	case n == nil:
		return nil, fail("", "the entry has no %q", ColumnName)
	case n.Kind != stix.KindString || strings.TrimSpace(n.Str) == "":
		return nil, fail("", "%q must be a non-empty string, not %s", ColumnName, n.String())
	}
	e.name = strings.TrimSpace(n.Str)
	if e.name != n.Str {
		c.notef("entry %d (%q): the name %q has white space around it, trimmed", i, e.name, n.Str)
	}
	if o := v.Get(ColumnOrigin); o != nil {
		if o.Kind != stix.KindString {
			return nil, fail(e.name, "%q must be a string, not %s", ColumnOrigin, o.Kind)
		}
		e.origin, e.hasOrigin = o.Str, true
	} else {
		c.notef("entry %d (%q): it has no %q column", i, e.name, ColumnOrigin)
	}
	if o := v.Get(ColumnOther); o != nil {
		others, empties, ok := splitNames(o)
		if !ok {
			return nil, fail(e.name, "%q must be a comma-separated string (or a list of strings), not %s", ColumnOther, o.Kind)
		}
		if empties > 0 {
			c.notef("entry %d (%q): %q has %d empty item(s) between commas, left out", i, e.name, ColumnOther, empties)
		}
		seen := map[string]bool{}
		for _, s := range others {
			switch {
			case s == e.name:
				c.notef("entry %d (%q): its other names include its own name; left out of the aliases", i, e.name)
			case seen[s]:
				c.notef("entry %d (%q): the other name %q is given twice; listed once", i, e.name, s)
			default:
				seen[s] = true
				e.others = append(e.others, s)
			}
		}
	} else {
		c.notef("entry %d (%q): it has no %q column", i, e.name, ColumnOther)
	}
	for _, m := range v.Members {
		switch m.Name {
		case ColumnName, ColumnOrigin, ColumnOther:
		default:
			e.extra = append(e.extra, m)
			c.notef("entry %d (%q): the column %q is not one dossier knows; it is kept in x_microsoft_extra", i, e.name, m.Name)
		}
	}
	var unknown []string
	e.countries, e.kinds, unknown = parseOrigin(e.origin)
	for _, u := range unknown {
		c.notef("entry %d (%q): %q in %q is neither a country nor a kind of threat dossier knows; it is kept in x_microsoft_origin_threat only", i, e.name, u, ColumnOrigin)
	}
	if len(e.countries) > 1 {
		c.notef("entry %d (%q): %q names %d countries (%s); each gets an originates-from relationship", i, e.name, ColumnOrigin, len(e.countries), strings.Join(e.countries, ", "))
	}
	return e, nil
}

// splitNames reads the "Other names" column: one comma-separated string,
// or a list of strings. Items are trimmed; empties counts the empty ones.
func splitNames(v *stix.Value) (names []string, empties int, ok bool) {
	var parts []string
	switch v.Kind {
	case stix.KindString:
		if strings.TrimSpace(v.Str) == "" {
			return nil, 0, true
		}
		parts = strings.Split(v.Str, ",")
	case stix.KindArray:
		for i := range v.Items {
			if v.Items[i].Kind != stix.KindString {
				return nil, 0, false
			}
			parts = append(parts, v.Items[i].Str)
		}
	default:
		return nil, 0, false
	}
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" {
			empties++
			continue
		}
		names = append(names, p)
	}
	return names, empties, true
}

// merge folds a later entry with the same name into the first one.
func (c *converter) merge(first, e *entry) {
	var what []string
	if e.origin != first.origin {
		what = append(what, fmt.Sprintf("%q %q against %q", ColumnOrigin, e.origin, first.origin))
		first.alsoOrigin = append(first.alsoOrigin, e.origin)
		for _, code := range e.countries {
			if !contains(first.countries, code) {
				first.countries = append(first.countries, code)
			}
		}
		for _, k := range e.kinds {
			if !contains(first.kinds, k) {
				first.kinds = append(first.kinds, k)
			}
		}
	}
	var added []string
	for _, s := range e.others {
		if !contains(first.others, s) {
			first.others = append(first.others, s)
			added = append(added, s)
		}
	}
	if len(added) > 0 {
		what = append(what, fmt.Sprintf("other names %s that entry %d lacks", strings.Join(added, ", "), first.index))
	}
	first.extra = append(first.extra, e.extra...)
	if len(what) == 0 {
		c.notef("entry %d (%q) repeats entry %d exactly; one object made", e.index, e.name, first.index)
		return
	}
	c.notef("entry %d (%q) repeats the name of entry %d with %s; merged into one object that keeps both", e.index, e.name, first.index, strings.Join(what, " and "))
}

// crossCheck notes names shared between entries: an other name that
// belongs to several Microsoft actors, and a Microsoft name that is also
// another entry's other name.
func (c *converter) crossCheck(entries []*entry, byName map[string]*entry) {
	owners := map[string][]string{}
	var order []string
	for _, e := range entries {
		for _, s := range e.others {
			if owners[s] == nil {
				order = append(order, s)
			}
			owners[s] = append(owners[s], e.name)
		}
	}
	for _, s := range order {
		if own := byName[s]; own != nil {
			c.notef("%q is an entry of its own (entry %d) and also an other name of %s; both are kept, as separate intrusion sets", s, own.index, strings.Join(owners[s], ", "))
		}
		if len(owners[s]) > 1 {
			c.notef("the other name %q belongs to %d Microsoft actors: %s; it is an alias of each", s, len(owners[s]), strings.Join(owners[s], ", "))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
