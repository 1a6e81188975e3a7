package msnaming

import (
	"fmt"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/stix"
)

// Identity returns the identity "Microsoft Threat Intelligence", the
// creator of every object made from the map, with created and modified
// set to now. Its content does not depend on the map.
func Identity(now time.Time) *stix.Object {
	ts := stix.FormatTimestamp(now)
	v := stix.Value{Kind: stix.KindObject}
	add := func(name string, val stix.Value) { v.Members = append(v.Members, stix.Member{Name: name, Value: val}) }
	add("type", stix.StringValue("identity"))
	add("spec_version", stix.StringValue("2.1"))
	add("id", stix.StringValue(IdentityID))
	add("created", stix.StringValue(ts))
	add("modified", stix.StringValue(ts))
	add("name", stix.StringValue("Microsoft Threat Intelligence"))
	add("description", stix.StringValue("Microsoft's threat intelligence team. It names threat actors after weather: a family per origin or motivation (Blizzard Russia, Typhoon China, Sandstorm Iran, Sleet North Korea, Tempest financially motivated, Flood influence operations, ...), Storm-NNNN for groups in development, and publishes the mapping of its names to other vendors' names."))
	add("identity_class", stix.StringValue("organization"))
	add("external_references", stix.Value{Kind: stix.KindArray, Items: []stix.Value{namingPageRef()}})
	add("object_marking_refs", stix.StringList(stix.TLP2Clear.ID))
	return stix.NewObject(v, nil)
}

func namingPageRef() stix.Value {
	return stix.Value{Kind: stix.KindObject, Members: []stix.Member{
		{Name: "source_name", Value: stix.StringValue("Microsoft Threat Intelligence")},
		{Name: "description", Value: stix.StringValue("How Microsoft names threat actors")},
		{Name: "url", Value: stix.StringValue(NamingPageURL)},
	}}
}

// IntrusionSetID returns the id of the intrusion set that stands for the
// Microsoft actor name.
func IntrusionSetID(name string) string {
	return stix.DerivedID("intrusion-set", "microsoft-naming:"+name)
}

// intrusionSet builds the object of one entry.
func (c *converter) intrusionSet(e *entry) *stix.Object {
	desc := "Microsoft threat actor name. Origin/Threat: "
	if strings.TrimSpace(e.origin) == "" {
		desc += "not given in the map."
	} else {
		desc += strings.TrimSpace(e.origin) + "."
	}
	for _, o := range e.alsoOrigin {
		if strings.TrimSpace(o) == "" {
			o = "none"
		}
		desc += " The map also lists this name with Origin/Threat: " + strings.TrimSpace(o) + "."
	}
	v := stix.Value{Kind: stix.KindObject}
	add := func(name string, val stix.Value) { v.Members = append(v.Members, stix.Member{Name: name, Value: val}) }
	add("type", stix.StringValue("intrusion-set"))
	add("spec_version", stix.StringValue("2.1"))
	add("id", stix.StringValue(IntrusionSetID(e.name)))
	add("created_by_ref", stix.StringValue(IdentityID))
	add("created", stix.StringValue(c.ts))
	add("modified", stix.StringValue(c.ts))
	add("name", stix.StringValue(e.name))
	add("description", stix.StringValue(desc))
	if len(e.others) > 0 {
		add("aliases", stix.StringList(e.others...))
	}
	add("external_references", stix.Value{Kind: stix.KindArray, Items: []stix.Value{
		namingPageRef(),
		{Kind: stix.KindObject, Members: []stix.Member{
			{Name: "source_name", Value: stix.StringValue("microsoft-mstic")},
			{Name: "description", Value: stix.StringValue("Microsoft's threat actor naming map (MicrosoftMapping.json)")},
			{Name: "url", Value: stix.StringValue(MapURL)},
		}},
	}})
	add("object_marking_refs", stix.StringList(stix.TLP2Clear.ID))
	if e.hasOrigin {
		add("x_microsoft_origin_threat", stix.StringValue(e.origin))
	}
	if len(e.kinds) > 0 {
		add("x_microsoft_threat_kinds", stix.StringList(e.kinds...))
	}
	if len(e.extra) > 0 {
		add("x_microsoft_extra", stix.Value{Kind: stix.KindObject, Members: e.extra})
	}
	return stix.NewObject(v, nil)
}

// originatesFrom builds the relationship from an entry's intrusion set to
// the country its origin names.
func (c *converter) originatesFrom(e *entry, code string) *stix.Object {
	name, _ := mispgalaxy.CountryName(code)
	src, dst := IntrusionSetID(e.name), mispgalaxy.LocationID(code)
	v := stix.Value{Kind: stix.KindObject}
	add := func(n string, val stix.Value) { v.Members = append(v.Members, stix.Member{Name: n, Value: val}) }
	add("type", stix.StringValue("relationship"))
	add("spec_version", stix.StringValue("2.1"))
	add("id", stix.StringValue(mispgalaxy.RelationshipID(src, "originates-from", dst)))
	add("created_by_ref", stix.StringValue(IdentityID))
	add("created", stix.StringValue(c.ts))
	add("modified", stix.StringValue(c.ts))
	add("relationship_type", stix.StringValue("originates-from"))
	add("description", stix.StringValue(fmt.Sprintf("Microsoft's threat actor naming map gives %q the Origin/Threat %q: %s (%s).", e.name, strings.TrimSpace(e.origin), name, code)))
	add("source_ref", stix.StringValue(src))
	add("target_ref", stix.StringValue(dst))
	add("object_marking_refs", stix.StringList(stix.TLP2Clear.ID))
	return stix.NewObject(v, nil)
}
