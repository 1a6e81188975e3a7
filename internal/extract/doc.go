// Package extract turns a report's text into intelligence with evidence:
// it splits the text into sentences, finds organisations and the claims
// sentences make (attribution to a state, targeting, use of a technique,
// denials) with who makes them and how sure they are, and will build the
// STIX objects whose evidence points back at the exact sentence (report,
// offset, length, quote) through dossier's evidence extension.
//
// Indicators come from the ioc subpackage and names of actors, techniques,
// software and countries from the names subpackage; this package joins
// them.
package extract
