package extract

import "github.com/dossier-cti/dossier/internal/warninglists"

// MISPLists checks a value against the MISP warning lists: a list that
// means "benign" (reserved ranges, top sites, vendors' domains, empty-file
// hashes) clears it with the list's name as the reason; a list that only
// gives context (dynamic DNS, URL shorteners, IPFS gateways, cloud ranges)
// tags it and leaves it suspicious.
func MISPLists(kind, value string) (benign string, tags []string) {
	vs := warninglists.Check(kind, value)
	clear := warninglists.Suppress(vs) // benign, and no list gives context (drive.google.com stays suspicious)
	for _, v := range vs {
		if v.Benign {
			if clear && benign == "" {
				benign = "on the MISP warning list " + v.Name
			}
			continue
		}
		if v.Context != "" && !contains(tags, v.Context) {
			tags = append(tags, v.Context)
		}
	}
	if benign != "" {
		tags = nil
	}
	return benign, tags
}
