package mispgalaxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Galaxy says which galaxy a cluster belongs to, as the galaxy file's
// header does.
type Galaxy struct {
	Type    string // "threat-actor", "microsoft-activity-group", ...
	UUID    string // the cluster file's uuid
	Name    string // "Threat Actor"
	Version int
}

// Cluster is what is known of one cluster when its galaxy file is not at
// hand: its name and the meta fields dossier's knowledge pack keeps.
type Cluster struct {
	UUID       string
	Value      string
	Synonyms   []string
	Country    string // meta.country
	Sponsor    string // meta.cfr-suspected-state-sponsor
	ExternalID string // meta.external_id
}

// ConvertCluster converts one cluster of galaxy g, known only by the
// fields of Cluster, with Convert's code: the objects have the ids that
// converting the whole galaxy file makes (the galaxy's identity, the
// cluster's intrusion set or attack pattern, the country location it
// names and the relationship to it), and hold what cl gives, so a
// description, references and links to other clusters that only the file
// has are missing from them. A bundle that must carry an actor the
// knowledge pack knows by name (dossier extract --json) gets it from here,
// and ingesting the galaxy later makes the same objects, complete.
func ConvertCluster(g Galaxy, cl Cluster, opt Options) (*Result, error) {
	meta := map[string]any{}
	if len(cl.Synonyms) > 0 {
		meta["synonyms"] = cl.Synonyms
	}
	if cl.Country != "" {
		meta["country"] = cl.Country
	}
	if cl.Sponsor != "" {
		meta["cfr-suspected-state-sponsor"] = cl.Sponsor
	}
	if cl.ExternalID != "" {
		meta["external_id"] = cl.ExternalID
	}
	value := map[string]any{"uuid": cl.UUID, "value": cl.Value}
	if len(meta) > 0 {
		value["meta"] = meta
	}
	// The header members the format requires, so that the conversion
	// notes nothing missing; the description says where the data is from.
	file := map[string]any{
		"type": g.Type, "uuid": g.UUID, "name": g.Name, "version": g.Version,
		"authors": []string{}, "category": "actor", "source": "",
		"description": "Part of the galaxy, as dossier's knowledge pack keeps it.",
		"values":      []any{value},
	}
	raw, err := json.Marshal(file)
	if err != nil {
		return nil, fmt.Errorf("mispgalaxy: cluster %s: %w", cl.UUID, err)
	}
	res, err := Convert(bytes.NewReader(raw), opt)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(res.GalaxyUUID, g.UUID) {
		return nil, fmt.Errorf("mispgalaxy: cluster %s: converted as galaxy %s, not %s", cl.UUID, res.GalaxyUUID, g.UUID)
	}
	return res, nil
}
