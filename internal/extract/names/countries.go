package names

import (
	"maps"
	"slices"
	"strings"

	"github.com/dossier-cti/dossier/internal/geo"
)

// countryNames are the names reports give states beyond the English
// names internal/geo holds: official and short names, codes and acronyms.
// countryDemonyms are adjectives of nationality. Each is checked through
// geo at start-up, so a form whose code geo does not know is dropped
// rather than guessed.
var countryNames = map[string]string{
	"Islamic Republic of Iran": "IR", "Russian Federation": "RU", "People's Republic of China": "CN",
	"PRC": "CN", "DPRK": "KP", "Democratic People's Republic of Korea": "KP", "Republic of Korea": "KR",
	"Viet Nam": "VN", "Türkiye": "TR", "Turkiye": "TR", "Syrian Arab Republic": "SY", "UAE": "AE",
	"United States": "US", "USA": "US", "U.S.": "US", "US": "US", "U.S.A.": "US", "UK": "GB", "U.K.": "GB",
	"Great Britain": "GB", "Britain": "GB", "Palestine": "PS", "Gaza": "PS", "Czech Republic": "CZ",
	"Burma": "MM", "Holland": "NL", "Ivory Coast": "CI", "Côte d'Ivoire": "CI",
	"Korea": "KR", "Kingdom of Saudi Arabia": "SA", "KSA": "SA",
	"Kremlin": "RU", // the seat of Russia's government, which news names for it ("directed by the Kremlin")
}

var countryDemonyms = map[string]string{
	"Iranian": "IR", "Russian": "RU", "Chinese": "CN", "North Korean": "KP", "South Korean": "KR",
	"Vietnamese": "VN", "Lebanese": "LB", "Turkish": "TR", "Pakistani": "PK", "Indian": "IN", "Israeli": "IL",
	"Belarusian": "BY", "Belarussian": "BY", "Ukrainian": "UA", "Syrian": "SY", "Emirati": "AE", "American": "US",
	"British": "GB", "Singaporean": "SG", "Austrian": "AT", "Palestinian": "PS", "Nigerian": "NG",
	"Spanish": "ES", "French": "FR", "German": "DE", "Italian": "IT", "Egyptian": "EG", "Saudi": "SA",
	"Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM",
	"Australian": "AU", "Azerbaijani": "AZ", "Azeri": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belgian": "BE",
	"Bosnian": "BA", "Brazilian": "BR", "Bulgarian": "BG", "Burmese": "MM", "Cambodian": "KH", "Canadian": "CA",
	"Chilean": "CL", "Colombian": "CO", "Croatian": "HR", "Cuban": "CU", "Cypriot": "CY", "Czech": "CZ",
	"Danish": "DK", "Dutch": "NL", "Ecuadorian": "EC", "Estonian": "EE", "Ethiopian": "ET",
	"Filipino": "PH", "Philippine": "PH", "Finnish": "FI", "Georgian": "GE", "Ghanaian": "GH", "Greek": "GR",
	"Hungarian": "HU", "Icelandic": "IS", "Indonesian": "ID", "Iraqi": "IQ", "Irish": "IE", "Jamaican": "JM",
	"Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ", "Kenyan": "KE", "Kosovar": "XK",
	"Kuwaiti": "KW", "Kyrgyz": "KG", "Laotian": "LA", "Latvian": "LV", "Libyan": "LY",
	"Lithuanian": "LT", "Macedonian": "MK", "Malaysian": "MY", "Maltese": "MT", "Mexican": "MX", "Moldovan": "MD",
	"Mongolian": "MN", "Montenegrin": "ME", "Moroccan": "MA", "Nepali": "NP", "Nepalese": "NP",
	"Nicaraguan": "NI", "Norwegian": "NO", "Omani": "OM", "Panamanian": "PA",
	"Peruvian": "PE", "Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Romanian": "RO", "Rwandan": "RW",
	"Saudi Arabian": "SA", "Senegalese": "SN", "Serbian": "RS", "Slovak": "SK", "Slovenian": "SI",
	"Somali": "SO", "South African": "ZA", "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE", "Swiss": "CH",
	"Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ", "Thai": "TH", "Tunisian": "TN", "Turkmen": "TM",
	"Ugandan": "UG", "Uruguayan": "UY", "Uzbek": "UZ", "Venezuelan": "VE", "Yemeni": "YE", "Zambian": "ZM",
	"Zimbabwean": "ZW",
}

// notCountries are phrases that contain a country's name or demonym but
// say something else: regions, US states, languages of software, foods.
// They are matched so that, being longer, they hide the country inside.
var notCountries = []string{
	"Latin America", "Latin American", "South America", "South American", "North America", "North American",
	"Central America", "Central American", "Middle East", "New Mexico", "New Mexican", "New Jersey",
	"British Columbia", "Indian Ocean", "Indian River", "American Express", "American Airlines",
	"Georgia Tech", "Jordan Peterson", "Chinese New Year", "French fries", "Turkish Airlines",
	"Sudan Archives", "Equation Editor", "Dominican Order", "Korean Air", "Soviet Union", "East Asia",
	"Southeast Asia", "South Asia", "Central Asia", "West Africa", "East Africa", "North Africa", "Western Europe",
	"Eastern Europe", "Central Europe", "Western Sahara",
}

// ambiguousCountries are country names that are also common first names,
// US states or words: they count only standing alone, not next to another
// capitalised word ("Chad Smith", "Atlanta, Georgia", "New Jersey").
var ambiguousCountries = map[string]bool{
	"georgia": true, "jordan": true, "chad": true, "jersey": true, "guinea": true, "niger": true,
	"turkey": true, "monaco": true, "man": true, "china": false, "cuba": false, "mali": true, "oman": false,
	"peru": false, "togo": true, "panama": true, "salvador": true, "dominica": true, "grenada": true,
	"malta": false, "gabon": false, "cook islands": false, "american": false,
}

// isCodeForm reports whether a country form is a code or an acronym,
// matched only as written ("US", not "us").
func isCodeForm(form string) bool {
	letters := 0
	for i := 0; i < len(form); i++ {
		c := form[i]
		if c >= 'a' && c <= 'z' {
			return false
		}
		if c >= 'A' && c <= 'Z' {
			letters++
		}
	}
	return letters <= 4
}

// countryEntries lists every country form with its code, checked by geo.
func countryEntries() []entry {
	var out []entry
	seen := map[string]bool{}
	add := func(form, code, how string) {
		if seen[form] {
			return
		}
		seen[form] = true
		e := entry{kind: Country, id: code, name: geo.Name(code), form: form, how: how, bounds: keyBounds(form)}
		switch {
		case isCodeForm(form):
			e.class = clsExact
		case ambiguousCountries[strings.ToLower(form)]:
			e.class = clsAlone
		default:
			e.class = clsCapital
		}
		out = append(out, e)
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if name := geo.Name(code); name != "" {
				add(name, code, "country name")
			}
		}
	}
	for _, m := range []struct {
		forms map[string]string
		how   string
	}{{countryNames, "country name"}, {countryDemonyms, "demonym"}} {
		// In a fixed order: two forms can match the same words ("UK",
		// "U.K."), and the order of the entries is the order of their
		// candidates, which breaks ties.
		for _, form := range slices.Sorted(maps.Keys(m.forms)) {
			code := m.forms[form]
			if !geo.Valid(code) {
				continue
			}
			// When geo knows the form itself, it must agree.
			if c := geo.Lookup(form); c != "" && c != code {
				continue
			}
			add(form, code, m.how)
			// The people of a state, as reports name its agents: "the
			// Iranians ... sought access", "the Russians".
			if m.how == "demonym" && (strings.HasSuffix(form, "an") || strings.HasSuffix(form, "i")) {
				add(form+"s", code, "demonym, plural")
			}
		}
	}
	for _, f := range notCountries {
		out = append(out, entry{kind: blocker, form: f, bounds: keyBounds(f), how: "not a country: " + f})
	}
	return out
}
