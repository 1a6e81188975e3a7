package extract

import (
	"regexp"
	"sort"
	"strings"

	"github.com/dossier-cti/dossier/internal/geo"
)

// EntityKind says what an entity mentioned in a text is.
type EntityKind string

// The kinds of entities claims are made about.
const (
	EntActor     EntityKind = "actor"     // an intrusion set or threat actor
	EntCountry   EntityKind = "country"   // a state
	EntOrg       EntityKind = "org"       // an organisation (a target, a claimant)
	EntTechnique EntityKind = "technique" // an ATT&CK or DISARM technique
	EntSoftware  EntityKind = "software"  // a malware or tool
	EntCampaign  EntityKind = "campaign"  // the operation a report describes
)

// Entity is one mention of something in the text.
type Entity struct {
	Kind       EntityKind
	Start, End int    // byte offsets of the mention
	Key        string // what it refers to: a STIX id, an ATT&CK id, a country code, an organisation's name
	Name       string
}

// ClaimKind is what a claim asserts.
type ClaimKind string

// The kinds of claims.
const (
	ClaimAttribution ClaimKind = "attribution" // Subject is attributed to the state Object
	ClaimTargeting   ClaimKind = "targeting"   // Subject targeted Object
	ClaimUses        ClaimKind = "uses"        // Subject used the technique or software Object
	ClaimDenial      ClaimKind = "denial"      // Claimant denies an attribution (of Object, a state, when said)
)

// Claim is one assertion a sentence makes.
type Claim struct {
	Kind     ClaimKind
	Sentence Span
	Trigger  Span    // the words that make the claim
	Subject  *Entity // nil: the operation the report describes
	Object   *Entity
	// Claimant is who makes the claim: nil for the report's author, or the
	// organisation or state the sentence quotes.
	Claimant *Entity
	Hedge    string // the words that set the confidence, "" when the claim is stated flatly
	// Confidence is 0-100 on the scale of STIX 2.1 Appendix A (DNI
	// estimative language): 90 almost certain, 70 likely, 50 even chance,
	// 30 unlikely / possible, 10 remote; a flat statement of fact is 85.
	Confidence int
	// Strong is set on a denial that rejects outright ("categorically",
	// "baseless", "fabricated").
	Strong bool
}

// hedges turn estimative words into a confidence; longest phrases first.
var hedges = []struct {
	phrase     string
	confidence int
}{
	{"with high confidence", 90}, {"high confidence", 90}, {"almost certainly", 95}, {"are confident", 90}, {"is confident", 90},
	{"expressed confidence", 90}, {"confident", 90}, {"highly likely", 85}, {"very likely", 85}, {"probably", 75},
	{"with moderate confidence", 55}, {"moderate confidence", 55}, {"with low confidence", 25}, {"low confidence", 25},
	{"likely", 70}, {"assess", 70}, {"assessed", 70}, {"assesses", 70}, {"believe", 65}, {"believes", 65}, {"judge", 70},
	{"suspected", 50}, {"suggests", 50}, {"appears to", 50}, {"possibly", 35}, {"may", 35}, {"might", 30}, {"could", 30},
	{"allegedly", 30}, {"reportedly", 40}, {"alleged", 30}, {"claimed", 35}, {"purportedly", 30}, {"unlikely", 15},
}

// statedConfidence is the confidence of a claim stated without hedging.
const statedConfidence = 85

// Trigger patterns, matched on lower-cased sentences at word boundaries.
var (
	attributionRE = regexp.MustCompile(`\b(attribut(?:ed|es|ing|e|ion)\b[^.]*?\bto|on behalf of|on [a-z’']+ behalf|behalf of|linked to|tied to|connected to|associated with|affiliated with|working for|acting for|directed by|sponsored by|backed by|operated by|run by|controlled by|nexus to|part of)\b`)
	stateAdjRE    = regexp.MustCompile(`\b([a-z]+)[- ](linked|backed|sponsored|based|affiliated|aligned|nexus|state-sponsored|state-backed|government-backed)\b`)
	operativesRE  = regexp.MustCompile(`\b([a-z]+)\s+(?:state[- ]sponsored\s+|state[- ]backed\s+|government[- ]backed\s+|government\s+)?(operatives|actors|hackers|agents|operators|threat actors?|intelligence services?|influence operations?|cyber ?actors?|groups?|officials)\b`)
	targetingRE   = regexp.MustCompile(`\b(target(?:ed|ing|s)?|aimed at|directed at|sought to (?:compromise|access|gain access to|influence|hack|breach)|sought access to|seeking access to|(?:to )?gain(?:ed)? access to|attempted to (?:compromise|access|breach|hack)|tried to (?:compromise|access|breach|hack)|compromised|breached|hacked|gained access to|(?:spear-?)?phish(?:ed|ing)?|against)\b`)
	usesRE        = regexp.MustCompile(`\b(us(?:ed|es|ing)|leverag(?:ed|es|ing)|employ(?:ed|s|ing)|deploy(?:ed|s|ing)|relied on|rel(?:y|ies) on|through|via|conduct(?:ed|s|ing)|engag(?:ed|es|ing) in|carr(?:ied|ies|y) out|launch(?:ed|es|ing)|relying on|by means of|with)\b`)
	denialRE      = regexp.MustCompile(`\b(den(?:y|ies|ied|ying)|rejected|rejects|dismissed|dismisses|baseless|unfounded|fabricated|false accusations?|without evidence|provide evidence|no evidence|not involved|never interfered|has no interest|lies)\b`)
	strongDenial  = regexp.MustCompile(`\b(categorically|baseless|unfounded|fabricated|absolutely|lies|never)\b`)
	negationRE    = regexp.MustCompile(`\b(not|no|never|without|neither|nor|cannot|can't|did not|does not|didn't|doesn't|unable to)\b`)
	saidRE        = regexp.MustCompile(`\b(said|says|stated|states|told|wrote|writes|added|noted|announced|assessed|assesses|assess|concluded|warned|alleged|alleges|claimed|claims|confirmed|expressed confidence|according to|believes|believe|reported|reports|accused|accuses|(?:are|is) confident|judges?|found|determined)\b`)
	anaphorRE     = regexp.MustCompile(`^(?:they|it|the (?:group|actor|actors|hackers|operators|threat actor|intrusion set)|this (?:group|actor)|these (?:actors|hackers|operators|groups))\b`)
	operationRE   = regexp.MustCompile(`^(?:these efforts|this effort|the operation|this operation|the campaign|this campaign|this activity|the activity|these activities|these operations)\b`)
)

// FindClaims finds the claims each sentence makes about the entities it
// mentions. ents must be sorted by Start. Pronouns and phrases such as
// "these efforts" at the start of a sentence refer back to the last actor
// named in an earlier sentence of the same text, where there is one;
// otherwise the subject stays nil (the operation the report describes),
// never a guessed actor.
func FindClaims(text string, sents []Span, ents []Entity) []Claim {
	var out []Claim
	var lastActor *Entity
	e := 0
	for _, s := range sents {
		for e < len(ents) && ents[e].End <= s.Start {
			e++
		}
		var in []*Entity
		for k := e; k < len(ents) && ents[k].Start < s.End; k++ {
			in = append(in, &ents[k])
		}
		sent := text[s.Start:s.End]
		lower := strings.ToLower(sent)
		subject := firstOf(in, EntActor, EntCampaign)
		if subject == nil {
			trimmed := strings.TrimLeft(lower, `"'“ `)
			if lastActor != nil && (anaphorRE.MatchString(trimmed) || operationRE.MatchString(trimmed)) {
				subject = lastActor
			}
		}
		denialAt := denialRE.FindStringIndex(lower)
		if len(in) == 0 && subject == nil && denialAt == nil {
			continue // nothing to make a claim about: most sentences of a long report
		}
		claimant := claimantOf(lower, s, in)
		hedge, conf := hedgeOf(lower)
		add := func(kind ClaimKind, trig []int, obj *Entity) {
			c := Claim{Kind: kind, Sentence: s, Trigger: Span{s.Start + trig[0], s.Start + trig[1]},
				Subject: subject, Object: obj, Claimant: claimant, Hedge: hedge, Confidence: conf}
			if kind == ClaimDenial {
				c.Strong = strongDenial.MatchString(lower)
				c.Subject = nil
			}
			out = append(out, c)
		}

		denied := false
		if m := denialAt; m != nil {
			// A denial names what it denies by the state or actor nearby.
			obj := firstOf(in, EntCountry)
			if obj == nil {
				obj = firstOf(in, EntActor)
			}
			add(ClaimDenial, m, obj)
			denied = true
		}
		if !denied && subject == nil {
			// A state acting in person ("Iran ... sought access to ...",
			// "Russia targeted ..."): the operation is attributed to it.
			if st := firstOf(in, EntCountry, EntActor); st != nil && st.Kind == EntCountry {
				if m := targetingRE.FindStringIndex(lower); m != nil && s.Start+m[0] > st.End && !negatedBefore(lower, m[0]) && !isClaimant(st, claimant) {
					add(ClaimAttribution, []int{st.Start - s.Start, st.End - s.Start}, st)
				}
			}
		}
		if !denied {
			// Attribution to a state: "attributed ... to Iran", "on Iran's
			// behalf", "Iran-linked", "Iranian operatives".
			for _, m := range attributionREIf(lower, in) {
				if negatedBefore(lower, m[0]) {
					continue
				}
				if st := stateAfter(in, s.Start+m[1]); st != nil && !hasKind(out, ClaimAttribution, s) {
					add(ClaimAttribution, m, st)
					break
				}
			}
			if !hasKind(out, ClaimAttribution, s) {
				if st, m := stateAdjective(lower, s, in); st != nil && !isClaimant(st, claimant) {
					add(ClaimAttribution, m, st)
				}
			}
			// Targeting: an organisation or state after the trigger.
			for _, m := range targetingREIf(lower, in) {
				if negatedBefore(lower, m[0]) {
					continue
				}
				for _, t := range after(in, s.Start+m[1], EntOrg, EntCountry) {
					if claimant != nil && t.Start == claimant.Start {
						continue
					}
					add(ClaimTargeting, m, t)
				}
				if hasKind(out, ClaimTargeting, s) {
					break
				}
			}
			// Use of a technique or software.
			if subject != nil || firstOf(in, EntTechnique, EntSoftware) != nil {
				if m := usesRE.FindStringIndex(lower); m != nil && !negatedBefore(lower, m[0]) {
					for _, t := range ofKind(in, EntTechnique, EntSoftware) {
						add(ClaimUses, m, t)
					}
				}
			}
		}
		if a := lastOf(in, EntActor); a != nil {
			lastActor = a
		} else if subject != nil && subject.Kind == EntActor {
			lastActor = subject
		}
	}
	return dedupeClaims(out)
}

// isState reports whether an entity is a state.
func isState(e *Entity) bool { return e.Kind == EntCountry }

func isClaimant(e, claimant *Entity) bool { return claimant != nil && e.Start == claimant.Start }

func stateAfter(in []*Entity, off int) *Entity {
	for _, x := range in {
		if x.Start >= off && isState(x) {
			return x
		}
	}
	return nil
}

// stateAdjective finds "Iran-linked", "Russian state-sponsored",
// "Iranian operatives": a demonym or country name bound to an actor noun.
func stateAdjective(lower string, s Span, in []*Entity) (*Entity, []int) {
	for _, re := range []*regexp.Regexp{stateAdjRE, operativesRE} {
		for _, m := range re.FindAllStringSubmatchIndex(lower, -1) {
			word := lower[m[2]:m[3]]
			cc := geo.Lookup(word)
			if cc == "" {
				continue
			}
			if re == operativesRE && lower[m[4]:m[5]] == "officials" {
				continue // "Iranian officials denied": officials speak for the state; not an attribution
			}
			// Prefer the country entity at that place, so the span is the text's.
			for _, x := range in {
				if x.Kind == EntCountry && x.Start == s.Start+m[2] {
					return x, []int{m[0], m[1]}
				}
			}
			return &Entity{Kind: EntCountry, Start: s.Start + m[2], End: s.Start + m[3], Key: cc, Name: geo.Name(cc)}, []int{m[0], m[1]}
		}
	}
	return nil, nil
}

// claimantOf finds who the sentence quotes: an organisation or state next
// to a verb of saying ("the FBI said", "according to Microsoft",
// "a spokesperson for Iran's mission ... said").
func claimantOf(lower string, s Span, in []*Entity) *Entity {
	m := saidRE.FindStringIndex(lower)
	if m == nil {
		return nil
	}
	verb := lower[m[0]:m[1]]
	at := s.Start + m[0]
	var best *Entity
	bestDist := 1 << 30
	for _, x := range in {
		if x.Kind != EntOrg && x.Kind != EntCountry {
			continue
		}
		var d int
		switch {
		case verb == "according to" && x.Start >= at:
			d = x.Start - at
		case x.End <= at:
			d = at - x.End
		default:
			d = x.Start - at + 20 // "said the FBI": after the verb, a little further
		}
		if d < bestDist && d < 120 {
			best, bestDist = x, d
		}
	}
	// "The FBI and ODNI are confident": the first of names joined by "and".
	for best != nil {
		prev := prevEntity(in, best)
		if prev == nil || (prev.Kind != EntOrg && prev.Kind != EntCountry) {
			break
		}
		between := strings.TrimSpace(lower[prev.End-s.Start : best.Start-s.Start])
		if between != "and" && between != "," && between != ", and" {
			break
		}
		best = prev
	}
	return best
}

func prevEntity(in []*Entity, x *Entity) *Entity {
	for i, y := range in {
		if y == x && i > 0 {
			return in[i-1]
		}
	}
	return nil
}

func hedgeOf(lower string) (string, int) {
	for _, h := range hedges {
		if i := indexWord(lower, h.phrase); i >= 0 {
			return h.phrase, h.confidence
		}
	}
	return "", statedConfidence
}

// indexWord finds phrase in s at word boundaries.
func indexWord(s, phrase string) int {
	from := 0
	for {
		i := strings.Index(s[from:], phrase)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(phrase)
		if (i == 0 || !isWordByte(s[i-1])) && (j == len(s) || !isWordByte(s[j])) {
			return i
		}
		from = i + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// negatedBefore reports whether a negation stands in the few words before
// a trigger ("did not attribute", "no evidence ... linked to").
func negatedBefore(lower string, at int) bool {
	from := at - 24
	if from < 0 {
		from = 0
	}
	return negationRE.MatchString(lower[from:at])
}

func firstOf(in []*Entity, kinds ...EntityKind) *Entity {
	for _, x := range in {
		for _, k := range kinds {
			if x.Kind == k {
				return x
			}
		}
	}
	return nil
}

func lastOf(in []*Entity, kind EntityKind) *Entity {
	for i := len(in) - 1; i >= 0; i-- {
		if in[i].Kind == kind {
			return in[i]
		}
	}
	return nil
}

func ofKind(in []*Entity, kinds ...EntityKind) []*Entity {
	var out []*Entity
	for _, x := range in {
		for _, k := range kinds {
			if x.Kind == k {
				out = append(out, x)
			}
		}
	}
	return out
}

func after(in []*Entity, off int, kinds ...EntityKind) []*Entity {
	var out []*Entity
	for _, x := range ofKind(in, kinds...) {
		if x.Start >= off {
			out = append(out, x)
		}
	}
	return out
}

func hasKind(cs []Claim, k ClaimKind, s Span) bool {
	for _, c := range cs {
		if c.Kind == k && c.Sentence == s {
			return true
		}
	}
	return false
}

// dedupeClaims keeps one claim per sentence, kind, subject and object.
func dedupeClaims(cs []Claim) []Claim {
	seen := map[string]bool{}
	var out []Claim
	for _, c := range cs {
		k := string(c.Kind) + "|" + itoaSpan(c.Sentence) + "|" + entKey(c.Subject) + "|" + entKey(c.Object)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Sentence.Start < out[j].Sentence.Start })
	return out
}

func entKey(e *Entity) string {
	if e == nil {
		return ""
	}
	return string(e.Kind) + ":" + e.Key
}

func itoaSpan(s Span) string { return strings.Join([]string{itoaInt(s.Start), itoaInt(s.End)}, "-") }

func itoaInt(n int) string {
	return intValue(n).Str
}

// attributionREIf and targetingREIf run their expressions only when the
// sentence names what the claim needs after the trigger (a state; an
// organisation or state): the expressions are the costly part.
func attributionREIf(lower string, in []*Entity) [][]int {
	if firstOf(in, EntCountry) == nil {
		return nil
	}
	return attributionRE.FindAllStringIndex(lower, -1)
}

func targetingREIf(lower string, in []*Entity) [][]int {
	if firstOf(in, EntOrg, EntCountry) == nil {
		return nil
	}
	return targetingRE.FindAllStringIndex(lower, -1)
}
