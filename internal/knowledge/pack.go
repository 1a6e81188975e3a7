// Package knowledge is dossier's built-in knowledge pack: a compact,
// read-only summary of public reference data (ATT&CK groups, techniques,
// software and campaigns; DISARM influence-operation techniques; MISP galaxy
// actor clusters with their synonyms and countries; Microsoft's threat-actor
// naming map) generated from ../shared/data by a committed go generate step
// and embedded in the binary, so that a fresh install with no download can
// answer "who is Mint Sandstorm?".
//
// The pack is a layer beside the store, never copied into it: objects that
// ATT&CK publishes keep their ATT&CK ids here only as references, so that
// ingesting the real ATT&CK bundle later stores MITRE's objects exactly as
// published and the store counts each id once. Where the store holds an
// object with the same id, the store's object is the truth.
package knowledge

// Pack is the whole knowledge pack. Lists are sorted so that generation is
// reproducible: groups, techniques, software and campaigns by external id,
// galaxies by type, clusters by value then uuid, Microsoft names by name.
type Pack struct {
	Version    int             `json:"version"`    // format version, PackVersion
	Sources    []Source        `json:"sources"`    // where each part came from, with its licence
	Groups     []Group         `json:"groups"`     // ATT&CK intrusion sets, revoked and deprecated ones included
	Techniques []Technique     `json:"techniques"` // ATT&CK techniques and sub-techniques (all domains)
	Software   []Software      `json:"software"`   // ATT&CK malware and tools
	Campaigns  []Campaign      `json:"campaigns"`  // ATT&CK campaigns
	DISARM     []Technique     `json:"disarm"`     // DISARM red-framework techniques (T0002...)
	Galaxies   []Galaxy        `json:"galaxies"`   // MISP galaxies of actors
	Microsoft  []MicrosoftName `json:"microsoft"`  // Microsoft's naming map
}

// PackVersion is the format version this package reads and Encode
// writes: 1 was gzip-compressed JSON, 2 the binary form.
const PackVersion = 2

// Source records the provenance and licence of one part of the pack.
type Source struct {
	ID          string `json:"id"`          // short key used by the rest of dossier: "attack", "disarm", "misp-galaxy", "microsoft"
	Name        string `json:"name"`        // "MITRE ATT&CK 18.1"
	URL         string `json:"url"`         // upstream repository
	Version     string `json:"version"`     // commit or release
	Date        string `json:"date"`        // the source's date, YYYY-MM-DD
	Licence     string `json:"licence"`     // SPDX-style: "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0 OR BSD-2-Clause", ...
	Attribution string `json:"attribution"` // the notice the licence asks for
}

// Group is an ATT&CK intrusion set.
type Group struct {
	ID         string   `json:"id"`                   // STIX id as ATT&CK publishes it
	ExternalID string   `json:"external_id"`          // G0059
	Name       string   `json:"name"`                 // Magic Hound
	Aliases    []string `json:"aliases,omitempty"`    // ATT&CK's aliases ("Associated Groups"), without the name itself
	Modified   string   `json:"modified"`             // the ATT&CK object's modified timestamp
	Revoked    bool     `json:"revoked,omitempty"`    // revoked by ATT&CK
	RevokedBy  string   `json:"revoked_by,omitempty"` // STIX id of the replacement (revoked-by relationship)
	Deprecated bool     `json:"deprecated,omitempty"` // x_mitre_deprecated
	Domains    []string `json:"domains,omitempty"`    // enterprise-attack, mobile-attack, ics-attack
	// Country is the ISO 3166-1 alpha-2 code of the state the description
	// ties the group to ("Iranian-sponsored"), with the sentence that says
	// so; empty when the description says none.
	Country         string   `json:"country,omitempty"`
	CountryEvidence string   `json:"country_evidence,omitempty"`
	Techniques      []string `json:"techniques,omitempty"` // ATT&CK ids of the techniques it uses, sorted
	Software        []string `json:"software,omitempty"`   // ATT&CK ids of the software it uses, sorted
}

// Technique is an ATT&CK or DISARM technique.
type Technique struct {
	ID         string   `json:"id"`                   // STIX id in its framework's bundle
	ExternalID string   `json:"external_id"`          // T1566.001, T0085.004
	Name       string   `json:"name"`                 // Spearphishing Attachment
	Tactics    []string `json:"tactics,omitempty"`    // kill-chain phase names
	Revoked    bool     `json:"revoked,omitempty"`    //
	Deprecated bool     `json:"deprecated,omitempty"` //
}

// Software is an ATT&CK malware or tool.
type Software struct {
	ID         string   `json:"id"`
	ExternalID string   `json:"external_id"` // S0001
	Name       string   `json:"name"`
	Type       string   `json:"type"` // malware or tool
	Aliases    []string `json:"aliases,omitempty"`
	Revoked    bool     `json:"revoked,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
}

// Campaign is an ATT&CK campaign.
type Campaign struct {
	ID         string   `json:"id"`
	ExternalID string   `json:"external_id"` // C0001
	Name       string   `json:"name"`
	Aliases    []string `json:"aliases,omitempty"`
	Groups     []string `json:"groups,omitempty"` // ATT&CK ids of the groups it is attributed to
	FirstSeen  string   `json:"first_seen,omitempty"`
	LastSeen   string   `json:"last_seen,omitempty"`
	Revoked    bool     `json:"revoked,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"` // x_mitre_deprecated
}

// Galaxy is one MISP galaxy of actor clusters.
type Galaxy struct {
	Type     string    `json:"type"` // threat-actor, microsoft-activity-group, mitre-intrusion-set, groups (Tidal)
	UUID     string    `json:"uuid"` // the cluster file's uuid: what MISP events call a cluster's collection_uuid
	Name     string    `json:"name"`
	Version  int       `json:"version"` // the cluster file's version
	Clusters []Cluster `json:"clusters"`
	// DefinitionUUID is the uuid of the galaxy definition
	// (galaxies/<type>.json), the one MISP events give their Galaxy objects.
	DefinitionUUID string `json:"definition_uuid,omitempty"`
}

// Cluster is one actor in a MISP galaxy, reduced to what naming needs.
type Cluster struct {
	UUID       string    `json:"uuid"`
	Value      string    `json:"value"`                 // the cluster's name: "APT35"
	Synonyms   []string  `json:"synonyms,omitempty"`    // meta.synonyms
	Country    string    `json:"country,omitempty"`     // meta.country, ISO alpha-2, upper case
	Sponsor    string    `json:"sponsor,omitempty"`     // meta.cfr-suspected-state-sponsor, as written
	ExternalID string    `json:"external_id,omitempty"` // meta.external_id (ATT&CK id in mitre-intrusion-set)
	Related    []Related `json:"related,omitempty"`     // links to clusters of any galaxy in the pack (links to clusters outside it are left out)
}

// Related is a galaxy cluster's link to another cluster.
type Related struct {
	UUID       string `json:"uuid"`                 // dest-uuid: a cluster of this or another galaxy
	Type       string `json:"type"`                 // similar, uses, overlaps, part-of, revoked-by, ...
	Likelihood string `json:"likelihood,omitempty"` // from an estimative-language tag: "likely", "almost-certain", ...
}

// MicrosoftName is one entry of Microsoft's naming map.
type MicrosoftName struct {
	Name   string   `json:"name"`            // Mint Sandstorm
	Origin string   `json:"origin"`          // the "Origin/Threat" column as written: "Iran", "Russia, Influence operations"
	Other  []string `json:"other,omitempty"` // other vendors' names, split on commas, trimmed
}
