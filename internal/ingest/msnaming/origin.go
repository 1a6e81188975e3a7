package msnaming

import (
	"strings"

	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
)

// microsoftCountries maps the country names Microsoft writes in the
// Origin/Threat column, in lower case, to ISO 3166-1 alpha-2 codes, where
// they differ from the MISP country galaxy's names or are ambiguous there.
// "Korea" is South Korea: Microsoft's taxonomy gives the Hail family,
// whose actors the map lists as "Korea", as South Korea, and North Korea
// always as "North Korea" (Sleet).
var microsoftCountries = map[string]string{
	"china":                "CN",
	"iran":                 "IR",
	"russia":               "RU",
	"north korea":          "KP",
	"korea":                "KR",
	"south korea":          "KR",
	"lebanon":              "LB",
	"türkiye":              "TR",
	"turkiye":              "TR",
	"turkey":               "TR",
	"vietnam":              "VN",
	"israel":               "IL",
	"united arab emirates": "AE",
	"singapore":            "SG",
	"pakistan":             "PK",
	"belarus":              "BY",
	"ukraine":              "UA",
	"austria":              "AT",
	"india":                "IN",
	"united states":        "US",
}

// threatKinds are the parts of the Origin/Threat column that say what
// kind of threat an actor is rather than where it comes from, in lower
// case.
var threatKinds = map[string]bool{
	"influence operations":           true,
	"financially motivated":          true,
	"private sector offensive actor": true,
	"group in development":           true,
	"covert network":                 true,
}

// parseOrigin splits an Origin/Threat value ("Russia, Influence
// operations") at commas into country codes, threat kinds as written,
// and the parts that are neither. A country is recognised by Microsoft's
// spelling first, then by the MISP country galaxy's English name; only
// codes the country galaxy lists are returned.
func parseOrigin(s string) (countries, kinds, unknown []string) {
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		l := strings.ToLower(p)
		if threatKinds[l] {
			if !contains(kinds, p) {
				kinds = append(kinds, p)
			}
			continue
		}
		code, ok := microsoftCountries[l]
		if !ok {
			code, ok = mispgalaxy.CountryCode(p)
		}
		if _, listed := mispgalaxy.CountryName(code); ok && listed {
			if !contains(countries, code) {
				countries = append(countries, code)
			}
			continue
		}
		unknown = append(unknown, p)
	}
	return countries, kinds, unknown
}
