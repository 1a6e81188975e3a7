package mispgalaxy

import (
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/geo"
	"github.com/dossier-cti/dossier/internal/stix"
)

// NormalizeCountryCode returns s as an upper-case ISO 3166-1 alpha-2 code
// when it is two ASCII letters (in any case, with white space around), and
// ok false otherwise. It does not check that the code is assigned.
func NormalizeCountryCode(s string) (code string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) != 2 {
		return "", false
	}
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'A' && c <= 'Z':
		case c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
		default:
			return "", false
		}
	}
	return string(b), true
}

// CountryName returns the English name of the country whose upper-case
// ISO 3166-1 alpha-2 code is code, as the MISP country galaxy names it
// ("IR": "Iran", "KP": "North Korea"); ok is false for a code the galaxy
// does not list.
func CountryName(code string) (name string, ok bool) {
	name = geo.Name(code)
	return name, name != ""
}

// CountryCode returns the code of the country the MISP country galaxy
// calls name, compared without regard to case ("iran": "IR"); ok is false
// for a name the galaxy does not use.
func CountryCode(name string) (code string, ok bool) {
	code = geo.CodeOfName(name)
	return code, code != ""
}

// LocationID returns the id of the location that stands for the country
// with the upper-case ISO 3166-1 alpha-2 code code. It is derived from the
// code alone, so every converter names a country the same way.
func LocationID(code string) string {
	return stix.DerivedID("location", "country:"+code)
}

// CountryLocation returns the location for the country with the
// upper-case code code, with created and modified set to now (millisecond
// precision), or ok false when the country galaxy does not list the code.
// The object is the same whichever converter asks for it: id, name and
// country come from the code alone, it carries no created_by_ref, and it
// is marked TLP:CLEAR. Who says that an actor comes from the country says
// so on the relationship.
func CountryLocation(code string, now time.Time) (loc *stix.Object, ok bool) {
	name, ok := CountryName(code)
	if !ok {
		return nil, false
	}
	return countryLocation(code, name, now), true
}

func countryLocation(code, name string, now time.Time) *stix.Object {
	ts := stix.FormatTimestamp(now)
	b := stix.NewBuilder().
		Str("type", "location").
		Str("spec_version", "2.1").
		Str("id", LocationID(code)).
		Str("created", ts).
		Str("modified", ts).
		Str("name", name).
		Str("country", code).
		Strs("object_marking_refs", []string{stix.TLP2Clear.ID})
	return stix.NewObject(b.Value(), nil)
}
