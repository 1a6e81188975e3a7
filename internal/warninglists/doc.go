// Package warninglists says whether an indicator is on one of the MISP
// warning lists (reserved ranges, top sites, vendors' domains, public
// DNS, CRL/OCSP, sinkholes, empty-file and false-positive hashes, dynamic
// DNS, URL shorteners, IPFS gateways, cloud ranges …) and what that
// means for dossier: Check returns a Verdict per list, Benign when the
// value is almost certainly not malicious and stays a plain observable,
// a context tag otherwise, which marks an indicator and never suppresses
// it.
//
// The 53 lists of ../shared/data/misp-warninglists (CC0 1.0) are embedded
// as the final look-up tables (lists.bin, package format), which Check
// searches where they lie in the binary, and which `go generate`
// rebuilds reproducibly; every list is classified, with the reason, in
// classify.go, and the generator refuses a list that is not. Three lists
// of dossier's own complete them: the IANA special-purpose address
// blocks, the special-use domain names, and the hosts that serve files
// anyone uploads (a context list). See README.md for the table, the sizes
// and the speed.
package warninglists
