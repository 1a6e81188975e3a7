// Package geo names countries: ISO 3166-1 alpha-2 codes, their English
// names, and the demonyms and names that threat reports use for states
// ("Iranian", "Russian Federation", "DPRK").
package geo

import "strings"

// index maps codes to names and lower-case names to codes.
var byCode, byName = func() (map[string]string, map[string]string) {
	c := make(map[string]string, len(countryTable))
	n := make(map[string]string, len(countryTable))
	for _, e := range countryTable {
		c[e.code] = e.name
		n[strings.ToLower(e.name)] = e.code
	}
	return c, n
}()

// Name returns the English name of an ISO 3166-1 alpha-2 code ("IR" →
// "Iran"), as the MISP country galaxy gives it, or "" for an unknown code.
// Case does not matter.
func Name(code string) string {
	return byCode[strings.ToUpper(strings.TrimSpace(code))]
}

// CodeOfName returns the code of the country whose English name (as Name
// gives it) is name, in any case, or "".
func CodeOfName(name string) string {
	return byName[strings.ToLower(strings.TrimSpace(name))]
}

// byCapital maps lower-case capitals to codes; a capital the galaxy gives
// two countries ("Kingston", "Belgrade") maps to none.
var byCapital = func() map[string]string {
	m := make(map[string]string, len(countryTable))
	for _, e := range countryTable {
		k := strings.ToLower(e.capital)
		if k == "" {
			continue
		}
		if _, dup := m[k]; dup {
			m[k] = ""
			continue
		}
		m[k] = e.code
	}
	return m
}()

// CodeOfCapital returns the code of the country whose capital, as the
// MISP country galaxy names it, is city, in any case ("Chisinau" → "MD",
// "kuala lumpur" → "MY"), or "" for a city that is no one capital.
func CodeOfCapital(city string) string {
	return byCapital[strings.ToLower(strings.Join(strings.Fields(city), " "))]
}

// Valid reports whether code is a known ISO 3166-1 alpha-2 code.
func Valid(code string) bool { return Name(code) != "" }

// aliases maps lower-case country names, official names and demonyms, as
// they appear in threat reports and galaxies, to codes. English names from
// names are added at start-up.
var aliases = map[string]string{
	"iran": "IR", "iranian": "IR", "iran (islamic republic of)": "IR", "islamic republic of iran": "IR",
	"russia": "RU", "russian": "RU", "russian federation": "RU",
	"china": "CN", "chinese": "CN", "people's republic of china": "CN", "prc": "CN",
	"north korea": "KP", "north korean": "KP", "dprk": "KP", "democratic people's republic of korea": "KP", "korea (democratic people's republic of)": "KP",
	"south korea": "KR", "south korean": "KR", "republic of korea": "KR", "korea (republic of)": "KR", "korea": "KR", // as Microsoft writes it for its Hail (South Korea) family
	"vietnam": "VN", "vietnamese": "VN", "viet nam": "VN",
	"lebanon": "LB", "lebanese": "LB",
	"türkiye": "TR", "turkey": "TR", "turkish": "TR",
	"pakistan": "PK", "pakistani": "PK",
	"india": "IN", "indian": "IN",
	"israel": "IL", "israeli": "IL",
	"belarus": "BY", "belarusian": "BY",
	"ukraine": "UA", "ukrainian": "UA",
	"syria": "SY", "syrian": "SY", "syrian arab republic": "SY",
	"united arab emirates": "AE", "uae": "AE", "emirati": "AE",
	"united states": "US", "united states of america": "US", "usa": "US", "u.s.": "US", "american": "US",
	"united kingdom": "GB", "uk": "GB", "british": "GB",
	"singapore": "SG", "singaporean": "SG",
	"austria": "AT", "austrian": "AT",
	"palestine": "PS", "palestinian": "PS", "gaza": "PS",
	"kazakhstan": "KZ", "nigeria": "NG", "nigerian": "NG", "spain": "ES", "spanish": "ES",
	"france": "FR", "french": "FR", "germany": "DE", "german": "DE", "italy": "IT", "italian": "IT",
	"egypt": "EG", "egyptian": "EG", "saudi arabia": "SA", "saudi": "SA", "qatar": "QA",
	"tunisia": "TN", "morocco": "MA", "brazil": "BR", "ethiopia": "ET", "azerbaijan": "AZ",
}

func init() {
	for l, code := range byName {
		if _, ok := aliases[l]; !ok {
			aliases[l] = code
		}
	}
}

// Lookup returns the code of a country written as a name, an official
// name, a demonym or a code ("Iran (Islamic Republic of)", "Iranian",
// "IR"), or "" when it is none of those.
func Lookup(s string) string {
	l := strings.ToLower(strings.TrimSpace(s))
	if c, ok := aliases[l]; ok {
		return c
	}
	if len(l) == 2 && Valid(l) {
		return strings.ToUpper(l)
	}
	return ""
}
