// Package mispgalaxy converts a MISP galaxy cluster file (the format of
// github.com/MISP/misp-galaxy clusters/*.json, described by the MISP galaxy
// format Internet-Draft) into STIX 2.1 objects. It is a pure converter:
// bytes in, objects out. Detecting the format, validating, storing and
// keeping timestamps stable across re-ingests are the ingest pipeline's
// work.
//
// What each galaxy type becomes:
//
//	threat-actor, microsoft-activity-group,   intrusion-set per cluster
//	mitre-intrusion-set, groups (Tidal)
//	disarm-techniques,                        attack-pattern per cluster
//	amitt-misinformation-pattern
//	disarm-countermeasures, disarm-detections course-of-action per cluster
//	country                                   location per country, with a
//	                                          note keeping the galaxy's data
//
// Any other galaxy type is refused with an error naming the supported ones.
//
// Every object carries, besides its STIX properties, all the MISP data of
// its cluster: x_misp_galaxy (the galaxy's type, uuid, name and version),
// x_misp_cluster_uuid, x_misp_meta and x_misp_related as given. Each
// galaxy gets one identity ("MISP galaxy: <name>"), the created_by_ref of
// its objects, and everything is marked TLP:CLEAR.
//
// Links become relationships created by the galaxy's identity. An actor's
// meta.country (a two-letter code) gives an originates-from relationship to
// the country's location. A related entry whose dest-uuid is a cluster of
// the same file gives a relationship whose type is the MISP type when that
// is valid STIX syntax (similar, overlaps, part-of, revoked-by...), whose
// confidence is the entry's likelihood tag
// (estimative-language:likelihood-probability) on the DNI scale of STIX
// 2.1 Appendix A ("likely" is 70), with the tags in x_misp_tags; entries
// that point into other galaxies stay in x_misp_related only. A revoked
// cluster gives a revoked object. What does not map (a self-link, a type
// that is not STIX syntax, an unknown country code, a repeated cluster) is
// listed in Result.Notes; nothing is dropped without a note.
//
// Identifiers are derived with stix.DerivedID from what the object stands
// for, never from the time of conversion and never equal to a cluster's
// own uuid: mitre-intrusion-set clusters carry ATT&CK's uuids, and a
// trimmed copy under ATT&CK's id would pass for MITRE's own object. The
// keys are:
//
//	cluster object   "misp-galaxy-cluster:<cluster uuid>"
//	galaxy identity  "misp-galaxy:<galaxy uuid>"
//	country          "country:<ISO 3166-1 alpha-2 code>"
//	relationship     "<source id> <relationship type> <target id>"
//
// Country locations are shared by every converter (this package and the
// Microsoft naming map's): whoever makes the location of IR makes the same
// object, with no created_by_ref, so that ingesting galaxies in any order
// never creates new versions of it. The claim that an actor comes from a
// country lives on the originates-from relationship, created by the source
// that makes it.
package mispgalaxy
