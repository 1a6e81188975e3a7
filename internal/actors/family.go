package actors

import (
	"regexp"
	"strings"
)

// Family is a word of Microsoft's weather-themed actor naming: the last
// word of a name ("Mint Sandstorm" → Sandstorm) tells the country a
// nation-state actor works for, or the kind of threat; "Storm-NNNN" marks
// a cluster still in development.
type Family struct {
	Word    string `json:"word"`              // Sandstorm, Flood, Storm, ...
	Kind    string `json:"kind"`              // nation-state, financially motivated, private-sector offensive actor, influence operations, group in development
	Country string `json:"country,omitempty"` // ISO alpha-2 when the family names a country
	Meaning string `json:"meaning"`           // "Iran", "influence operations", ...
	// Documented is false for family words seen only in Microsoft's map
	// (a single actor or two), whose meaning is what that map says of
	// them; no sponsor is inferred from those.
	Documented bool `json:"documented"`
}

// familySource is where the documented families come from.
const familySource = "Microsoft threat actor naming taxonomy (learn.microsoft.com, \"How Microsoft names threat actors\")"

// families are the family words Microsoft documents. Nation-state
// families name a country; the others a kind of threat.
var families = map[string]Family{
	"blizzard":  {Word: "Blizzard", Kind: "nation-state", Country: "RU", Meaning: "Russia", Documented: true},
	"cyclone":   {Word: "Cyclone", Kind: "nation-state", Country: "VN", Meaning: "Vietnam", Documented: true},
	"dust":      {Word: "Dust", Kind: "nation-state", Country: "TR", Meaning: "Türkiye", Documented: true},
	"hail":      {Word: "Hail", Kind: "nation-state", Country: "KR", Meaning: "South Korea", Documented: true},
	"rain":      {Word: "Rain", Kind: "nation-state", Country: "LB", Meaning: "Lebanon", Documented: true},
	"sandstorm": {Word: "Sandstorm", Kind: "nation-state", Country: "IR", Meaning: "Iran", Documented: true},
	"sleet":     {Word: "Sleet", Kind: "nation-state", Country: "KP", Meaning: "North Korea", Documented: true},
	"typhoon":   {Word: "Typhoon", Kind: "nation-state", Country: "CN", Meaning: "China", Documented: true},
	"tempest":   {Word: "Tempest", Kind: "financially motivated", Meaning: "financially motivated", Documented: true},
	"tsunami":   {Word: "Tsunami", Kind: "private-sector offensive actor", Meaning: "private-sector offensive actor", Documented: true},
	"flood":     {Word: "Flood", Kind: "influence operations", Meaning: "influence operations", Documented: true},
	"storm":     {Word: "Storm", Kind: "group in development", Meaning: "a cluster still in development, not yet attributed", Documented: true},
}

// developing matches Microsoft's names for clusters in development:
// Storm-0558, and the older DEV-0537.
var developing = regexp.MustCompile(`(?i)^(storm|dev)[\s_-]*\d{3,4}$`)

// FamilyOf returns the Microsoft family of name, or nil when name is not
// of Microsoft's form. extra holds family words seen in Microsoft's map
// beyond the documented ones, with what the map says of them.
func FamilyOf(name string, extra map[string]Family) *Family {
	n := strings.TrimSpace(name)
	if developing.MatchString(n) {
		f := families["storm"]
		return &f
	}
	fields := strings.Fields(n)
	if len(fields) != 2 {
		return nil
	}
	last := strings.ToLower(fields[1])
	if f, ok := families[last]; ok && last != "storm" {
		return &f
	}
	if f, ok := extra[last]; ok {
		return &f
	}
	return nil
}
