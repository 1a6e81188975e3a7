package extract

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/stix"
)

// AssertedActor is an analyst's word that a report's indicators are an
// actor's where its text does not say whose they are: an IoC list
// published under the actor's name (Unit 42's APT33.csv, Volexity's
// PowerDuke indicators), whose rows name no actor. Every indicator of
// the report that no sentence ties to an actor then indicates this one,
// in a relationship created by the analyst (not the publisher, who did
// not write it in the text), with the indicator's mentions as evidence
// and a description that says it is the analyst's assertion.
type AssertedActor struct {
	Actor   Name   // the actor, as ResolveActor gives it
	Analyst string // the analyst's name: the identity that asserts it
}

// maxActorName bounds a name given on the command line.
const maxActorName = 200

// ResolveActor returns the actor name names: one the alias graph knows
// by any vendor's name ("APT33", "Peach Sandstorm", "Elfin"), or a name
// in a naming scheme of its own that no source knows yet ("Storm-9999",
// "UNC9999"), as dossier extract would find it in a report. Any other
// name is refused, so that a misspelt name does not become a new actor.
func (x *Extractor) ResolveActor(name string) (Name, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return Name{}, errors.New("the actor's name is empty")
	case len(name) > maxActorName || !utf8.ValidString(name) || strings.ContainsAny(name, "\n\r"):
		return Name{}, fmt.Errorf("%.40q is no actor's name: one line of valid UTF-8, at most %d bytes", name, maxActorName)
	}
	// The name alone, and then in a sentence that says it is an actor's
	// (a known name that is also an ordinary word is found only so); a
	// name found only from that context is no known one.
	for _, text := range []string{name, "The threat actor tracked as " + name + " was active."} {
		at := strings.Index(text, name)
		for _, m := range x.names.Find(text) {
			if m.Kind == names.Actor && m.Start == at && m.End == at+len(name) && (at == 0 || !m.New) {
				return Name{Kind: string(m.Kind), Name: m.Name, ID: m.ID, New: m.New}, nil
			}
		}
	}
	return Name{}, fmt.Errorf("%q names no actor dossier knows (dossier actor %q shows the closest names)", name, name)
}

// assertedClaims adds to byID (and order) the analyst's claims that a
// says: each indicator of the report that no claim of the text already
// ties to an actor indicates a's actor.
func (b *bundleBuilder) assertedClaims(a *AssertedActor, byID map[string]*claimAcc, order []string) []string {
	actor := b.nameID(a.Actor)
	if actor == "" {
		return order
	}
	analyst := actors.AnalystIdentityID(a.Analyst)
	tied := map[string]bool{}
	for _, id := range order {
		if c := byID[id]; c.rt == "indicates" {
			tied[c.src] = true
		}
	}
	rt := claimRelationship(ClaimIndicates, "indicator", stix.TypeOfID(actor))
	desc := fmt.Sprintf("The analyst %s asserted that the indicators of this report are %s's: "+
		"the report's text does not say whose they are (dossier --actor).", a.Analyst, a.Actor.Name)
	n := len(order)
	for _, ob := range b.f.Observables {
		ind := b.indicators[ob.Kind+"|"+ob.Value]
		if ind == "" || tied[ind] {
			continue
		}
		tied[ind] = true
		id := b.claimID(rt, ind, actor, analyst)
		byID[id] = &claimAcc{rt: rt, src: ind, dst: actor, creator: analyst, claimant: a.Analyst, confidence: statedConfidence,
			spans: ob.Spans, description: desc}
		order = append(order, id)
	}
	b.asserted = len(order) - n
	if len(order) > n && !b.known(analyst) {
		b.add(actors.NewAnalystIdentity(a.Analyst, b.opt.Now))
	}
	return order
}
