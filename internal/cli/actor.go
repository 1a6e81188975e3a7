package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/geo"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

func actorCommand() *command {
	return &command{
		name:    "actor",
		summary: "who is an actor across vendors' names: aliases, sponsor, overlaps, techniques",
		usage:   "[flags] NAME | --list [--country CC] | link A B --same|--overlap --source S | unlink A B",
		help: `Answers "who is NAME?" across the names vendors give the same actor:
MITRE ATT&CK groups, the MISP galaxies (threat-actor, Microsoft activity
groups, ATT&CK mirror, Tidal), Microsoft's naming map, intrusion sets and
threat actors in the database, and the links analysts made. Names match
whatever their case, accents, spaces and punctuation ("Storm-2035" =
"storm 2035" = "STORM2035").

The answer is the best-supported actor: its canonical STIX object, every
alias with the sources that use it, overlaps (similar or disputed actors),
disagreements between sources, the sponsor country with its sources, who
a source says the actor is (an identity: the firm a report attributes an
operation to, and where the report puts it), the Microsoft family, ATT&CK
techniques, campaigns and the reports in the database that refer to it. Sources are never merged silently: when one
source gives a name to an actor that another source keeps apart, both are
shown, and the other actors the name may mean are listed as candidates.

A name in Microsoft's style that no source knows yet ("Zebra Sandstorm",
"Storm-9999") is answered by its family alone, with the sponsor inferred
from the family where the family names a country. A name that matches
nothing exits with status 1 and the closest names.

The built-in knowledge pack answers without any database or download;
what the database holds (ingested ATT&CK, galaxies, reports) is added.

  dossier actor link A B --same|--overlap --source S [--as ANALYST]
      records that A and B name the same actor (or overlap), citing S, as
      a STIX relationship created by the analyst (--as, else $DOSSIER_ANALYST,
      else $USER), dated now.
  dossier actor unlink A B [--source S] [--as ANALYST]
      withdraws (revokes) that analyst's links between A and B.

With --json, a name prints one object: {"id", "name", "aliases": [{"name",
"sources"}], "overlaps": [{"name", "id", "sources"}], "sponsor": {"country",
"name", "sources", "inferred"} or null, "identities": [{"id", "name",
"identity_class", "country", "source"}], "family": word or null,
"family_info", "techniques": [ATT&CK ids], "campaigns", "reports",
"disputes", "candidates": [{"id", "name", "score", "why"}], "query"};
--list prints an array of {"id", "name", "sponsor", "family", ...}.

Examples:
  dossier actor "Mint Sandstorm"
  dossier actor "charming kitten" --json
  dossier actor --list --country IR
  dossier actor link "Storm-2035" "Cotton Sandstorm" --overlap --source "our 2026 report"`,
		run: runActor,
	}
}

func runActor(ctx context.Context, e *env, args []string) error {
	c := actorCommand()
	fs := flag.NewFlagSet("actor", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON on stdout")
	list := fs.Bool("list", false, "list every known actor")
	country := fs.String("country", "", "with --list: only actors tied to this country (ISO 3166 alpha-2 `CC`, e.g. IR)")
	same := fs.Bool("same", false, "with link: the two names denote the same actor")
	overlap := fs.Bool("overlap", false, "with link: the two actors overlap")
	source := fs.String("source", "", "with link: what the link rests on (a report, an analysis); with unlink: only links citing it")
	as := fs.String("as", "", "with link and unlink: the analyst's `NAME` (default $DOSSIER_ANALYST, else $USER)")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 && (pos[0] == "link" || pos[0] == "unlink") {
		analyst := analystName(e, *as)
		if len(pos) != 3 {
			return &usageError{msg: fmt.Sprintf("actor %s: give two names", pos[0]), hint: "dossier actor " + pos[0] + ` "Name A" "Name B" ...`}
		}
		if pos[0] == "link" {
			if *same == *overlap {
				return &usageError{msg: "actor link: say --same or --overlap"}
			}
			if strings.TrimSpace(*source) == "" {
				return &usageError{msg: "actor link: --source is required: name what the link rests on"}
			}
			return actorLink(ctx, e, pos[1], pos[2], *same, *source, analyst, *asJSON)
		}
		return actorUnlink(ctx, e, pos[1], pos[2], *source, analyst, *asJSON)
	}
	if *list {
		if len(pos) > 0 {
			return &usageError{msg: "actor --list takes no name"}
		}
	} else if len(pos) == 0 {
		return &usageError{msg: "actor: which actor?", hint: `dossier actor "Mint Sandstorm" (or --list)`}
	}
	if *country != "" && !*list {
		return &usageError{msg: "actor: --country goes with --list"}
	}
	g, st, err := loadGraph(ctx, e)
	if err != nil {
		return err
	}
	if st != nil {
		defer st.Close()
	}
	if *list {
		if *country != "" && len(*country) != 2 {
			return &usageError{msg: fmt.Sprintf("actor --country %q: give an ISO 3166 alpha-2 code such as IR, RU, CN, KP", *country)}
		}
		entries := g.List(*country)
		if *asJSON {
			if entries == nil {
				entries = []actors.ListEntry{}
			}
			return writeJSON(e.stdout, entries)
		}
		for _, le := range entries {
			sp := ""
			if le.Sponsor != nil {
				sp = le.Sponsor.Country
				if le.Sponsor.Inferred {
					sp += " (inferred)"
				}
			}
			fmt.Fprintf(e.stdout, "%-40s %-14s %s\n", le.Name, sp, le.ID)
		}
		fmt.Fprintf(e.stderr, "%s\n", plural(len(entries), "actor"))
		return nil
	}
	name := strings.Join(pos, " ")
	ans := g.Resolve(name)
	var reports []actors.Report
	if ans.Actor != nil && st != nil {
		if reports, err = actors.Enrich(ctx, st, ans.Actor); err != nil {
			return err
		}
	}
	if *asJSON {
		if err := writeJSON(e.stdout, actorJSON(ans, reports)); err != nil {
			return err
		}
	} else {
		printAnswer(e.stdout, ans, reports)
	}
	if ans.Actor == nil && ans.Family == nil {
		msg := fmt.Sprintf("actor: no source knows %q", name)
		if len(ans.Suggestions) > 0 {
			msg += "; closest names: " + strings.Join(ans.Suggestions, ", ")
		}
		return &exitError{code: ExitError, err: errors.New(msg)}
	}
	return nil
}

// loadGraph builds the alias graph from the knowledge pack and, when there
// is one, the database.
func loadGraph(ctx context.Context, e *env) (*actors.Graph, store.Store, error) {
	pack, err := knowledge.Load()
	if err != nil {
		return nil, nil, fmt.Errorf("actor: built-in knowledge pack: %w", err)
	}
	st, err := e.openStore(ctx, false)
	if err != nil {
		var ue *usageError
		if !errors.As(err, &ue) {
			return nil, nil, err
		}
		if _, serr := os.Stat(e.dbPath()); !errors.Is(serr, fs.ErrNotExist) {
			return nil, nil, err
		}
		st = nil // no database: the pack alone answers
	}
	var rd store.Reader
	if st != nil {
		rd = st
	}
	g, err := actors.Load(ctx, rd, pack)
	if err != nil {
		if st != nil {
			st.Close()
		}
		return nil, nil, err
	}
	return g, st, nil
}

// actorJSON shapes an answer as the documented JSON object: the actor's
// fields at the top level, the candidates beside them.
func actorJSON(ans *actors.Answer, reports []actors.Report) map[string]any {
	out := map[string]any{
		"query":       ans.Query,
		"id":          nil,
		"name":        nil,
		"aliases":     []actors.Alias{},
		"overlaps":    []actors.Overlap{},
		"sponsor":     nil,
		"family":      nil,
		"family_info": ans.Family,
		"techniques":  []string{},
		"campaigns":   []string{},
		"reports":     reports,
		"disputes":    []string{},
		"candidates":  ans.Candidates,
	}
	if reports == nil {
		out["reports"] = []actors.Report{}
	}
	if ans.Family != nil {
		out["family"] = ans.Family.Word
		if ans.Family.Country != "" && ans.Family.Documented {
			out["sponsor"] = &actors.Sponsor{Country: ans.Family.Country, Name: ans.Family.Meaning, Inferred: true,
				Sources: []actors.Source{{Kind: actors.KindMicrosoft, Name: "Microsoft family " + ans.Family.Word}}}
		}
	}
	if len(ans.Suggestions) > 0 {
		out["suggestions"] = ans.Suggestions
	}
	a := ans.Actor
	if a == nil {
		return out
	}
	if a.ID != "" {
		out["id"] = a.ID
	}
	out["name"] = a.Name
	out["external_id"] = a.ExternalID
	out["aliases"] = a.Aliases
	out["overlaps"] = a.Overlaps
	out["sponsor"] = a.Sponsor
	out["country_claims"] = a.Claims
	out["identities"] = a.Identities
	if a.Family != nil {
		out["family"] = a.Family.Word
		out["family_info"] = a.Family
	}
	out["techniques"] = a.Techniques
	out["campaigns"] = a.Campaigns
	out["disputes"] = a.Disputes
	out["revoked"] = a.Revoked
	out["records"] = a.Records
	return out
}

// identityLine says who a source says an actor is: "STOIC, an
// organization located in Israel (IL), per Meta's threat-actor ...".
func identityLine(ic actors.IdentityClaim) string {
	what := ic.Name
	switch {
	case ic.Class != "" && ic.Country != "":
		what += fmt.Sprintf(", %s %s located in %s (%s)", article(ic.Class), ic.Class, geo.Name(ic.Country), ic.Country)
	case ic.Class != "":
		what += fmt.Sprintf(", %s %s", article(ic.Class), ic.Class)
	case ic.Country != "":
		what += fmt.Sprintf(", located in %s (%s)", geo.Name(ic.Country), ic.Country)
	}
	return what + ", per " + ic.Source.Name
}

// article is "an" before a word that starts with a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

func printAnswer(w io.Writer, ans *actors.Answer, reports []actors.Report) {
	a := ans.Actor
	if a == nil {
		if ans.Family != nil {
			f := ans.Family
			fmt.Fprintf(w, "%s: unknown group; Microsoft family %s: %s\n", ans.Query, f.Word, f.Meaning)
			if f.Documented && f.Country != "" {
				fmt.Fprintf(w, "  sponsor     %s (%s), inferred from the family name only\n", f.Meaning, f.Country)
			}
		}
		return
	}
	head := a.Name
	if a.ExternalID != "" {
		head += "  (" + a.ExternalID + ")"
	}
	fmt.Fprintln(w, head)
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-11s %s\n", k, v)
		}
	}
	id := a.ID
	if id == "" {
		id = "(no STIX object)"
	}
	field("id", id)
	field("record", a.Source.Name)
	if s := a.Sponsor; s != nil {
		how := "stated by " + sourceNames(s.Sources)
		if s.Inferred {
			how = "inferred from the Microsoft family name only"
		}
		field("sponsor", fmt.Sprintf("%s (%s), %s", s.Name, s.Country, how))
	}
	var others []string
	for _, c := range a.Claims {
		if a.Sponsor == nil || c.Country != a.Sponsor.Country {
			others = append(others, fmt.Sprintf("%s by %s", c.Country, c.Source.Name))
		}
	}
	field("other ties", strings.Join(others, "; "))
	for _, ic := range a.Identities {
		field("identity", identityLine(ic))
	}
	if f := a.Family; f != nil {
		field("family", fmt.Sprintf("%s (Microsoft): %s", f.Word, f.Meaning))
	}
	for _, r := range a.Revoked {
		field("revoked", r)
	}
	fmt.Fprintf(w, "  aliases (%d)\n", len(a.Aliases))
	for _, al := range a.Aliases {
		fmt.Fprintf(w, "    %-28s %s\n", al.Name, sourceNames(al.Sources))
	}
	if len(a.Overlaps) > 0 {
		fmt.Fprintf(w, "  overlaps (%d)\n", len(a.Overlaps))
		for _, o := range a.Overlaps {
			note := ""
			if o.Note != "" {
				note = o.Note + ", "
			}
			fmt.Fprintf(w, "    %-28s %sper %s\n", o.Name, note, sourceNames(o.Sources))
		}
	}
	if len(a.Disputes) > 0 {
		fmt.Fprintf(w, "  disagreements between sources (%d)\n", len(a.Disputes))
		for _, d := range a.Disputes {
			fmt.Fprintln(w, wrap(d, 74, "    "))
		}
	}
	if len(a.Techniques) > 0 {
		fmt.Fprintf(w, "  techniques (%d)\n%s\n", len(a.Techniques), wrap(strings.Join(a.Techniques, " "), 74, "    "))
	}
	if len(a.Campaigns) > 0 {
		fmt.Fprintf(w, "  campaigns (%d)\n%s\n", len(a.Campaigns), wrap(strings.Join(a.Campaigns, "; "), 74, "    "))
	}
	if len(reports) > 0 {
		fmt.Fprintf(w, "  reports (%d)\n", len(reports))
		for _, r := range reports {
			fmt.Fprintf(w, "    %s  %s  %s\n", datePart(r.Published), r.Name, r.ID)
		}
	}
	if len(ans.Candidates) > 1 {
		fmt.Fprintf(w, "  the name %q may also mean\n", ans.Query)
		for _, c := range ans.Candidates[1:] {
			fmt.Fprintf(w, "    %s (score %d vs %d)\n", c.Name, c.Score, ans.Candidates[0].Score)
			for _, why := range c.Why {
				fmt.Fprintln(w, wrap(why, 72, "      "))
			}
		}
	}
}

func datePart(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ts
}

func sourceNames(ss []actors.Source) string {
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.Name
	}
	return strings.Join(names, "; ")
}

// analystName is the analyst's name: as given (--as), else
// $DOSSIER_ANALYST, else $USER, else "analyst".
func analystName(e *env, as string) string {
	for _, n := range []string{as, e.getenv("DOSSIER_ANALYST"), e.getenv("USER")} {
		if n = strings.TrimSpace(n); n != "" {
			return n
		}
	}
	return "analyst"
}

// actorLink records an analyst's link between the actors a and b.
func actorLink(ctx context.Context, e *env, a, b string, same bool, source, analyst string, asJSON bool) error {
	g, st, err := loadGraph(ctx, e)
	if err != nil {
		return err
	}
	if st != nil {
		st.Close()
	}
	w, err := e.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer w.Close()
	now := time.Now().UTC()
	analystID := actors.AnalystIdentityID(analyst)
	var link *stix.Object
	var ends [2]string
	err = w.Update(ctx, func(tx store.Tx) error {
		if err := tx.Source(ctx, "dossier actor link (analyst "+analyst+")"); err != nil {
			return err
		}
		if _, err := tx.Get(ctx, analystID); errors.Is(err, store.ErrNotFound) {
			if _, err := tx.Put(ctx, actors.NewAnalystIdentity(analyst, now)); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		for i, name := range []string{a, b} {
			id, err := actorID(ctx, tx, g, name, analystID, now)
			if err != nil {
				return err
			}
			ends[i] = id
		}
		if ends[0] == ends[1] {
			return &usageError{msg: fmt.Sprintf("actor link: %q and %q already name one actor (%s)", a, b, ends[0])}
		}
		link = actors.NewLink(ends[0], ends[1], same, source, analystID, now)
		if probs := stix.Validate(link); len(probs) > 0 {
			return fmt.Errorf("actor link: the link would not be valid STIX: %s", probs[0])
		}
		_, err := tx.Put(ctx, link)
		return err
	})
	if err != nil {
		return err
	}
	kind := "overlaps with"
	if same {
		kind = "is the same actor as"
	}
	if asJSON {
		return writeJSON(e.stdout, map[string]any{"link": link.ID, "from": ends[0], "to": ends[1], "same": same, "source": source, "analyst": analyst, "created": stix.FormatTimestamp(now)})
	}
	fmt.Fprintf(e.stdout, "recorded: %q %s %q (source: %s; analyst %s; %s)\n", a, kind, b, source, analyst, link.ID)
	return nil
}

// actorID returns the STIX id of the actor a name resolves to, creating an
// intrusion set for a name no source knows.
func actorID(ctx context.Context, tx store.Tx, g *actors.Graph, name, analystID string, now time.Time) (string, error) {
	ans := g.Resolve(name)
	if ans.Actor != nil && ans.Actor.ID != "" {
		return ans.Actor.ID, nil
	}
	o := actors.NewNamedActor(name, analystID, now)
	if _, err := tx.Get(ctx, o.ID); errors.Is(err, store.ErrNotFound) {
		if _, err := tx.Put(ctx, o); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", err
	}
	return o.ID, nil
}

// actorUnlink withdraws the analyst's links between the actors a and b.
func actorUnlink(ctx context.Context, e *env, a, b, source, analyst string, asJSON bool) error {
	g, st, err := loadGraph(ctx, e)
	if err != nil {
		return err
	}
	if st == nil {
		return &usageError{msg: "actor unlink: there is no database, so no link to withdraw"}
	}
	defer st.Close()
	ra, rb := g.Resolve(a), g.Resolve(b)
	if ra.Actor == nil || rb.Actor == nil {
		return &usageError{msg: fmt.Sprintf("actor unlink: %q or %q names no known actor", a, b)}
	}
	ids := map[string]int{}
	for _, id := range ra.Actor.IDs {
		ids[id] |= 1
	}
	for _, id := range rb.Actor.IDs {
		ids[id] |= 2
	}
	for _, id := range actorAliasIDs(a) {
		ids[id] |= 1
	}
	for _, id := range actorAliasIDs(b) {
		ids[id] |= 2
	}
	analystID := actors.AnalystIdentityID(analyst)
	refs, err := st.Referrers(ctx, analystID)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	var withdrawn []string
	err = st.Update(ctx, func(tx store.Tx) error {
		for _, ref := range refs {
			if ref.FromType != "relationship" {
				continue
			}
			rec, err := tx.Get(ctx, ref.FromID)
			if err != nil || rec.Revoked {
				continue
			}
			o, err := rec.Object()
			if err != nil {
				return err
			}
			if _, ok := actors.IsLink(o); !ok {
				continue
			}
			from, _ := o.Props.GetString("source_ref")
			to, _ := o.Props.GetString("target_ref")
			if !(ids[from]&1 != 0 && ids[to]&2 != 0 || ids[from]&2 != 0 && ids[to]&1 != 0) {
				continue
			}
			if source != "" {
				refs := o.Props.Get("external_references")
				if refs == nil || len(refs.Items) == 0 {
					continue
				}
				if s, _ := refs.Items[0].GetString("source_name"); s != source {
					continue
				}
			}
			if _, err := tx.Put(ctx, actors.Withdraw(o, now)); err != nil {
				return err
			}
			withdrawn = append(withdrawn, o.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(withdrawn) == 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("actor unlink: analyst %s has no link between %q and %q", analyst, a, b)}
	}
	if asJSON {
		return writeJSON(e.stdout, map[string]any{"withdrawn": withdrawn})
	}
	fmt.Fprintf(e.stdout, "withdrew %s between %q and %q: %s\n", plural(len(withdrawn), "link"), a, b, strings.Join(withdrawn, ", "))
	return nil
}

// actorAliasIDs returns the id of the intrusion set an analyst link would
// have created for a name no source knew.
func actorAliasIDs(name string) []string {
	return []string{stix.DerivedID("intrusion-set", "dossier-analyst-actor:"+actors.MatchKey(name))}
}
