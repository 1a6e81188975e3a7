package extract

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// iocTitle is a title that says the report lists indicators: "OilRig
// Indicators of Compromise", "POLONIUM IoCs", "... Backdoor -- Indicators
// of Compromise", "IoCs for APT33: ...". The words must end the title or
// open it before "for", "of" or a colon: a headline that only speaks of
// indicators ("New Indicators Show ...") lists none.
var iocTitle = regexp.MustCompile(`(?i)(?:^(?:indicators of compromise|iocs?|indicators)\s*(?:for\b|of\b|:|[-–—])|\b(?:indicators of compromise|iocs?|indicators)\W*$)`)

// titledIndicators adds the claims a report's title makes about its
// indicators: when the title says the report lists the indicators of
// one actor (iocTitle, and exactly one actor named in it), every
// suspicious value the text names indicates that actor, as the
// publisher labels them. The claim's evidence is the title, where the
// text has it (near its start); a title the text does not hold (a CSV
// file's name) makes none, as nothing in the text would support it. A
// value a sentence already ties to an actor keeps that claim alone.
func titledIndicators(text, title string, ents []Entity, claims []Claim) []Claim {
	title = strings.TrimSpace(title)
	if title == "" {
		return claims
	}
	loc := iocTitle.FindStringIndex(title)
	if loc == nil {
		return claims
	}
	head := text[:min(len(text), 4096)]
	at := strings.Index(head, title)
	if at < 0 {
		return claims
	}
	span := Span{at, at + len(title)}
	var actor *Entity
	for i := range ents {
		e := &ents[i]
		if e.Start >= span.End {
			break
		}
		if e.Kind != EntActor || e.Start < span.Start {
			continue
		}
		if actor != nil && actor.Key != e.Key {
			return claims // two actors: whose the indicators are is not said
		}
		actor = e
	}
	if actor == nil {
		return claims
	}
	tied := map[string]bool{}
	for _, c := range claims {
		if c.Kind == ClaimIndicates && c.Object != nil {
			tied[c.Object.Key] = true
		}
	}
	trigger := Span{at + loc[0], at + loc[1]}
	n := len(claims)
	for i := range ents {
		e := &ents[i]
		if e.Kind != EntIndicator || tied[e.Key] || e.Start < span.End {
			continue
		}
		tied[e.Key] = true
		claims = append(claims, Claim{Kind: ClaimIndicates, Sentence: span, Trigger: trigger, Subject: actor, Object: e, Confidence: 85})
	}
	if len(claims) > n {
		// In the order of their sentences, as FindClaims gives them: the
		// title's come first.
		slices.SortStableFunc(claims, func(a, b Claim) int { return cmp.Compare(a.Sentence.Start, b.Sentence.Start) })
	}
	return claims
}
