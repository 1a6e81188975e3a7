// Package pattern is dossier's STIX 2.1 Patterning engine: a hand-written
// lexer and recursive-descent parser for the whole language (section 9 of
// the STIX 2.1 specification), an AST that prints back as a canonical
// pattern, a compiler that checks constants (hash lengths, RFC 3339
// timestamps, base64 and hex, CIDR blocks, regular expressions) and builds
// an evaluable form, an evaluator over observed-data with the qualifiers'
// time semantics, and a Set that matches many patterns against one event
// with shared work.
//
// Semantics, where the specification leaves room, follow the OASIS
// reference matcher (cti-pattern-matcher):
//
//   - An observed-data object with number_observed n stands for n
//     observations, each somewhere in [first_observed, last_observed].
//   - An observation expression [...] matches one observation when its
//     comparison expression is true for one cyber-observable object of that
//     observation (its root object; references are followed from it).
//     Comparisons joined by AND must therefore hold for the same object;
//     comparisons on other object types are false for it.
//   - Observation expressions joined by AND or FOLLOWEDBY, and the
//     repetitions of REPEATS, bind distinct observations. FOLLOWEDBY needs
//     timestamps for the left side's observations that are not after the
//     right side's; WITHIN n SECONDS needs timestamps for all the bound
//     observations within n seconds of each other; START t1 STOP t2 needs
//     each bound observation's interval to meet [t1, t2).
//
// Comparison rules: a comparison between values of different types (a
// string and a number, a number and a boolean, ...) is false for =, <, <=,
// >, >=, IN, LIKE, MATCHES, ISSUBSET and ISSUPERSET, never an error; != and
// NOT are exactly the negations of their positive forms wherever the
// object path reaches a value, and false where it reaches nothing. =, !=
// and IN compare code points exactly; LIKE and MATCHES compare the Unicode
// NFC normalisation of both sides. MATCHES is a search with Go's RE2 (not
// anchored unless the expression anchors), and the PCRE features RE2 lacks
// (lookaround, backreferences, possessive quantifiers, atomic groups, \Z
// ...) are refused when the pattern is compiled.
//
// Where STIX 2.0 producers differ from the specification, the evaluator
// is lenient: a hashes key that differs from the pattern's only in case,
// hyphens and underscores (md5 for MD5, sha256 for 'SHA-256') is found,
// and START and STOP also take plain strings; the check of the pattern
// itself stays strict.
//
// Parse and Compile refuse patterns longer than MaxPatternBytes or nested
// deeper than MaxDepth, and every error is an *Error with the position.
package pattern
