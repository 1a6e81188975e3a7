// Package warninglists answers whether an indicator value is on one of
// the MISP warning lists, and what that means: benign (reserved and
// documentation ranges, top sites, vendors' own domains, empty-file
// hashes), which keeps the value a plain observable with the list as the
// reason, or context only (dynamic DNS, URL shorteners, IPFS gateways,
// cloud ranges), which tags an indicator without clearing it.
//
// The lists are embedded in lists.bin.gz, generated from
// ../shared/data/misp-warninglists (MISP/misp-warninglists at commit
// 84f0610aaf3b32159285c9b85510d0f415ea6b27, CC0 1.0) by go generate; a
// test fails when the embedded copy is stale.
package warninglists
