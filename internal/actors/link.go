package actors

import (
	"time"

	"github.com/google/uuid"

	"github.com/dossier-cti/dossier/internal/stix"
)

// linkProperty marks the relationships that record an analyst's alias
// link; its value is "same" or "overlap".
const linkProperty = "x_dossier_alias_link"

// Relationship types of analysts' links. STIX 2.1 defines no relationship
// for "the same actor" or "overlaps with"; relationship_type is open, so
// these custom types say it plainly, and linkProperty marks them as
// dossier's.
const (
	SameAs       = "same-as"
	OverlapsWith = "overlaps-with"
)

// AnalystIdentityID returns the id of the identity that stands for the
// analyst called name.
func AnalystIdentityID(name string) string {
	return stix.DerivedID("identity", "dossier-analyst:"+name)
}

// NewAnalystIdentity returns the identity object for the analyst called
// name, created at now.
func NewAnalystIdentity(name string, now time.Time) *stix.Object {
	ts := stix.StringValue(stix.FormatTimestamp(now))
	v := stix.Value{Kind: stix.KindObject, Members: []stix.Member{
		{Name: "type", Value: stix.StringValue("identity")},
		{Name: "spec_version", Value: stix.StringValue("2.1")},
		{Name: "id", Value: stix.StringValue(AnalystIdentityID(name))},
		{Name: "created", Value: ts},
		{Name: "modified", Value: ts},
		{Name: "name", Value: stix.StringValue(name)},
		{Name: "identity_class", Value: stix.StringValue("individual")},
		{Name: "description", Value: stix.StringValue("An analyst who links actor names with dossier.")},
		{Name: analystRole, Value: stix.BoolValue(true)},
	}}
	return stix.NewObject(v, nil)
}

// NewLink returns a relationship that records an analyst's statement that
// the actors fromID and toID are the same (same) or overlap, citing
// source (what the analyst bases it on), created at now.
func NewLink(fromID, toID string, same bool, source, analystID string, now time.Time) *stix.Object {
	ts := stix.StringValue(stix.FormatTimestamp(now))
	rt, kind, desc := OverlapsWith, "overlap", "An analyst states that these actors overlap."
	if same {
		rt, kind, desc = SameAs, "same", "An analyst states that these names denote the same actor."
	}
	v := stix.Value{Kind: stix.KindObject, Members: []stix.Member{
		{Name: "type", Value: stix.StringValue("relationship")},
		{Name: "spec_version", Value: stix.StringValue("2.1")},
		{Name: "id", Value: stix.StringValue("relationship--" + uuid.NewString())},
		{Name: "created_by_ref", Value: stix.StringValue(analystID)},
		{Name: "created", Value: ts},
		{Name: "modified", Value: ts},
		{Name: "relationship_type", Value: stix.StringValue(rt)},
		{Name: "description", Value: stix.StringValue(desc)},
		{Name: "source_ref", Value: stix.StringValue(fromID)},
		{Name: "target_ref", Value: stix.StringValue(toID)},
		{Name: "external_references", Value: stix.Value{Kind: stix.KindArray, Items: []stix.Value{
			{Kind: stix.KindObject, Members: []stix.Member{
				{Name: "source_name", Value: stix.StringValue(source)},
				{Name: "description", Value: stix.StringValue("the source the analyst named with dossier actor link --source")},
			}},
		}}},
		{Name: linkProperty, Value: stix.StringValue(kind)},
	}}
	return stix.NewObject(v, nil)
}

// NewNamedActor returns an intrusion set for a name that no source knows
// yet, created by the analyst, so that a link can point at it.
func NewNamedActor(name, analystID string, now time.Time) *stix.Object {
	ts := stix.StringValue(stix.FormatTimestamp(now))
	v := stix.Value{Kind: stix.KindObject, Members: []stix.Member{
		{Name: "type", Value: stix.StringValue("intrusion-set")},
		{Name: "spec_version", Value: stix.StringValue("2.1")},
		{Name: "id", Value: stix.StringValue(stix.DerivedID("intrusion-set", "dossier-analyst-actor:"+MatchKey(name)))},
		{Name: "created_by_ref", Value: stix.StringValue(analystID)},
		{Name: "created", Value: ts},
		{Name: "modified", Value: ts},
		{Name: "name", Value: stix.StringValue(name)},
		{Name: "description", Value: stix.StringValue("An actor name an analyst linked before any source described it.")},
		{Name: analystRole, Value: stix.BoolValue(true)},
	}}
	return stix.NewObject(v, nil)
}

// Withdraw returns the revoked next version of an analyst's link, dated
// now: STIX revocation is final, so a withdrawn link stays withdrawn and a
// new link is a new object.
func Withdraw(link *stix.Object, now time.Time) *stix.Object {
	v := link.Props
	v.Members = append([]stix.Member(nil), v.Members...)
	v.Set("modified", stix.StringValue(stix.FormatTimestamp(now)))
	v.Set("revoked", stix.BoolValue(true))
	return stix.NewObject(v, nil)
}

// IsLink reports whether o is an analyst's alias link, and which kind.
func IsLink(o *stix.Object) (kind string, ok bool) {
	kind, ok = o.Props.GetString(linkProperty)
	return kind, ok && (kind == "same" || kind == "overlap")
}
