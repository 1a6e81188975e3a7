package scan

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/dossier-cti/dossier/internal/stix"
)

// SightedByID returns the id of the identity that stands for the
// organisation called name, which saw the hits.
func SightedByID(name string) string {
	return stix.DerivedID("identity", "dossier-sighted-by:"+strings.ToLower(strings.TrimSpace(name)))
}

// SightingBundle returns a STIX bundle of the scan's hits: the identity
// of sightedBy (an organisation), and one sighting per indicator with its
// count and first and last times, where_sighted_refs the identity. inputs
// name what was scanned, for the description. The bundle goes to the
// store through the ordinary ingest path, which validates it.
func SightingBundle(sightings map[string]*Sighting, sightedBy string, inputs []string, now time.Time) []byte {
	ts := stix.StringValue(stix.FormatTimestamp(now))
	idID := SightedByID(sightedBy)
	ident := stix.Value{Kind: stix.KindObject, Members: []stix.Member{
		{Name: "type", Value: stix.StringValue("identity")},
		{Name: "spec_version", Value: stix.StringValue("2.1")},
		{Name: "id", Value: stix.StringValue(idID)},
		{Name: "created", Value: stix.StringValue("2020-01-01T00:00:00.000Z")},
		{Name: "modified", Value: stix.StringValue("2020-01-01T00:00:00.000Z")},
		{Name: "name", Value: stix.StringValue(strings.TrimSpace(sightedBy))},
		{Name: "identity_class", Value: stix.StringValue("organization")},
		{Name: "description", Value: stix.StringValue("An organisation that records sightings with dossier scan.")},
	}}
	ids := make([]string, 0, len(sightings))
	for id := range sightings {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	desc := "Seen by dossier scan"
	if len(inputs) > 0 {
		shown := inputs
		if len(shown) > 5 {
			shown = append(append([]string(nil), shown[:5]...), fmt.Sprintf("and %d more", len(inputs)-5))
		}
		desc += " in " + strings.Join(shown, ", ")
	}
	var b bytes.Buffer
	b.WriteString(`{"type":"bundle","id":"bundle--` + uuid.NewString() + `","objects":[`)
	b.Write(ident.AppendJSON(nil))
	for _, id := range ids {
		s := sightings[id]
		count := min(s.Count, 999999999) // the most STIX allows
		v := stix.Value{Kind: stix.KindObject, Members: []stix.Member{
			{Name: "type", Value: stix.StringValue("sighting")},
			{Name: "spec_version", Value: stix.StringValue("2.1")},
			{Name: "id", Value: stix.StringValue("sighting--" + uuid.NewString())},
			{Name: "created_by_ref", Value: stix.StringValue(idID)},
			{Name: "created", Value: ts},
			{Name: "modified", Value: ts},
			{Name: "description", Value: stix.StringValue(desc + ".")},
			{Name: "first_seen", Value: stix.StringValue(stix.FormatTimestamp(s.FirstSeen))},
			{Name: "last_seen", Value: stix.StringValue(stix.FormatTimestamp(s.LastSeen))},
			{Name: "count", Value: stix.Value{Kind: stix.KindNumber, Str: fmt.Sprint(count)}},
			{Name: "sighting_of_ref", Value: stix.StringValue(id)},
			{Name: "where_sighted_refs", Value: stix.StringList(idID)},
		}}
		b.WriteByte(',')
		b.Write(v.AppendJSON(nil))
	}
	b.WriteString("]}")
	return b.Bytes()
}
