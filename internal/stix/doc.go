// Package stix is dossier's model of STIX 2.1: objects kept exactly as
// their producers wrote them (an ordered JSON tree, numbers as written,
// custom properties and custom object types included), a streaming Reader
// for bundles of any size that refuses JSON a lenient decoder would quietly
// repair, the registry of every 2.1 type with the Validate function for the
// specification's MUST rules, the vocabularies, deterministic ids for
// cyber-observable objects (UUIDv5), the fixed TLP 1.0 and 2.0 marking
// definitions, and the upgrade of STIX 2.0 objects to 2.1.
//
// Data flows one way: Reader yields Items, NewObject wraps them, Validate
// checks them; nothing here writes to a store or does I/O beyond reading.
package stix
