package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

func showCommand() *command {
	return &command{
		name:    "show",
		summary: "show one object by id, name, alias or ATT&CK id",
		usage:   "[flags] ID|NAME",
		help: `Shows the latest version of one object: its names and aliases, dates,
source, markings, description and relationships (with the names of the
objects at the other end). The object is found by STIX id, by name or
alias (in any case, without accents), by external id such as an ATT&CK id
(G0059, T1566.001) or by an SCO value (a domain, an address).

When a name fits several objects equally well, they are listed and
nothing is shown (exit status 1): use the id. A revoked object is shown
with the object that replaces it.

With --json it prints the STIX object itself, exactly as stored; with
--versions --json, a JSON array of every stored version, oldest first.

Examples:
  dossier show "Magic Hound"
  dossier show apt35
  dossier show T1566.001 --json
  dossier show intrusion-set--f9d6633a-55e6-4adc-9263-6ae080421a13 --versions`,
		run: runShow,
	}
}

func runShow(ctx context.Context, e *env, args []string) error {
	c := showCommand()
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the STIX object as JSON on stdout")
	versions := fs.Bool("versions", false, "list (or, with --json, print) every stored version")
	all := fs.Bool("all", false, "list every relationship instead of the first few of each kind")
	typ := fs.String("type", "", "only consider objects of this STIX `TYPE` when the name fits several")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return &usageError{msg: "show: what should be shown?", hint: "dossier show ID|NAME"}
	}
	query := strings.Join(pos, " ")
	st, err := e.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	rec, others, err := resolve(ctx, st, query, *typ)
	if err != nil {
		return err
	}
	if *versions {
		vs, err := st.Versions(ctx, rec.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			raws := make([]json.RawMessage, len(vs))
			for i, v := range vs {
				raws[i] = v.JSON
			}
			return writeJSON(e.stdout, raws)
		}
		fmt.Fprintf(e.stdout, "%s %s: %s\n", rec.Type, displayName(rec), plural(len(vs), "version"))
		for _, v := range vs {
			mod := v.Modified
			if mod == "" {
				mod = "(no modified)"
			}
			line := fmt.Sprintf("  %-26s %s", mod, v.Source)
			if v.Revoked {
				line += "  [revoked]"
			}
			if v.Modified == rec.Modified {
				line += "  (latest)"
			}
			fmt.Fprintln(e.stdout, line)
		}
		return nil
	}
	if *asJSON {
		var buf bytes.Buffer
		if err := json.Indent(&buf, rec.JSON, "", "  "); err != nil {
			return fmt.Errorf("show: stored JSON of %s: %w", rec.ID, err)
		}
		buf.WriteByte('\n')
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return printObject(ctx, e.stdout, st, rec, others, *all)
}

// resolve finds the one object that query names. others are further,
// weaker matches (revoked objects with that name, for instance).
func resolve(ctx context.Context, st store.Reader, query, typ string) (*store.Record, []store.Match, error) {
	if stix.TypeOfID(query) != "" && !strings.ContainsAny(query, " \t") {
		rec, err := st.Get(ctx, query)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil, &exitError{code: ExitError, err: fmt.Errorf("show: no object with id %s", query)}
		}
		return rec, nil, err
	}
	ms, err := st.Lookup(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	if typ != "" {
		kept := ms[:0]
		for _, m := range ms {
			if m.Type == typ {
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	if len(ms) == 0 {
		msg := fmt.Sprintf("show: nothing is named %q", query)
		if typ != "" {
			msg += " among objects of type " + typ
		}
		hint := fmt.Sprintf("dossier search %s  finds it in descriptions", query)
		if hits, err := st.Search(ctx, store.Query{Text: query, Limit: 5}); err == nil && len(hits) > 0 {
			var names []string
			for _, h := range hits {
				if h.Name != "" {
					names = append(names, fmt.Sprintf("%q (%s)", h.Name, h.Type))
				}
			}
			if len(names) > 0 {
				hint = "did you mean " + strings.Join(names, ", ") + "?"
			}
		}
		return nil, nil, &usageError{msg: msg, hint: hint}
	}
	rank := func(m store.Match) [3]int {
		r := [3]int{}
		if m.Revoked {
			r[0] = 1
		}
		if m.Matched != query {
			r[1] = 1
		}
		r[2] = map[stix.NameKind]int{stix.NameName: 0, stix.NameAlias: 1, stix.NameExternalID: 2, stix.NameValue: 3}[m.Kind]
		return r
	}
	if len(ms) > 1 && rank(ms[0]) == rank(ms[1]) {
		var b strings.Builder
		fmt.Fprintf(&b, "show: %q names %d objects; use an id:", query, len(ms))
		for _, m := range ms {
			rev := ""
			if m.Revoked {
				rev = " [revoked]"
			}
			fmt.Fprintf(&b, "\n  %s  %s %q (%s)%s", m.ID, m.Type, m.Name, m.Kind, rev)
		}
		b.WriteString("\n  (or narrow the name to one type with --type TYPE)")
		return nil, nil, &exitError{code: ExitError, err: errors.New(b.String())}
	}
	rec, err := st.Get(ctx, ms[0].ID)
	if err != nil {
		return nil, nil, err
	}
	return rec, ms[1:], nil
}

func displayName(r *store.Record) string {
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}

// attackID returns the ATT&CK (or other framework) external id and URL of
// an object: the first external reference with an external_id.
func attackID(o *stix.Object) (id, url string) {
	refs := o.Props.Get("external_references")
	if refs == nil || refs.Kind != stix.KindArray {
		return "", ""
	}
	for i := range refs.Items {
		if s, ok := refs.Items[i].GetString("external_id"); ok {
			u, _ := refs.Items[i].GetString("url")
			return s, u
		}
	}
	return "", ""
}

// relationsPerGroup is how many related objects show lists per kind of
// relationship unless --all is given.
const relationsPerGroup = 8

func printObject(ctx context.Context, w io.Writer, st store.Reader, rec *store.Record, others []store.Match, all bool) error {
	o, err := rec.Object()
	if err != nil {
		return fmt.Errorf("show: stored JSON of %s: %w", rec.ID, err)
	}
	title := fmt.Sprintf("%s  %s", o.Type, displayName(rec))
	if xid, _ := attackID(o); xid != "" {
		title += "  (" + xid + ")"
	}
	fmt.Fprintln(w, title)
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(w, "  %-12s %s\n", k, v)
		}
	}
	field("id", o.ID)
	if o.Revoked {
		repl := "(no revoked-by relationship says what replaces it)"
		rels, err := st.Relations(ctx, o.ID)
		if err != nil {
			return err
		}
		for _, r := range rels {
			if r.Type == "revoked-by" && r.SourceID == o.ID {
				repl = "revoked by " + describeRef(ctx, st, r.TargetID)
				break
			}
		}
		field("REVOKED", repl)
	}
	var aliases []string
	for _, n := range o.Names() {
		if n.Kind == stix.NameAlias && n.Name != o.Name() {
			aliases = append(aliases, n.Name)
		}
	}
	field("aliases", strings.Join(aliases, ", "))
	if t, ok := o.Props.GetString("relationship_type"); ok {
		src, _ := o.Props.GetString("source_ref")
		dst, _ := o.Props.GetString("target_ref")
		field("says", describeRef(ctx, st, src)+" "+t+" "+describeRef(ctx, st, dst))
	}
	if v, ok := o.Props.GetString("value"); ok {
		field("value", v)
	}
	if p, ok := o.Props.GetString("pattern"); ok {
		field("pattern", p)
	}
	field("created", o.Created)
	field("modified", o.Modified)
	if cb, ok := o.Props.GetString("created_by_ref"); ok {
		field("created by", describeRef(ctx, st, cb))
	}
	if refs := o.Props.Get("object_marking_refs"); refs != nil && refs.Kind == stix.KindArray {
		var ms []string
		for _, m := range refs.Items {
			ms = append(ms, describeRef(ctx, st, m.Str))
		}
		field("markings", strings.Join(ms, "; "))
	}
	if _, url := attackID(o); url != "" {
		field("link", url)
	}
	src := rec.Source
	if !rec.Stored.IsZero() {
		src += " (stored " + rec.Stored.Format("2006-01-02 15:04 UTC") + ")"
	}
	field("source", src)
	for _, m := range others {
		rev := ""
		if m.Revoked {
			rev = ", revoked"
		}
		field("also named", fmt.Sprintf("%s %q (%s%s) %s", m.Type, m.Name, m.Kind, rev, m.ID))
	}
	if d := o.Description(); d != "" {
		fmt.Fprintln(w, "\n  description")
		fmt.Fprintln(w, wrap(d, 76, "    "))
	}
	rels, err := st.Relations(ctx, o.ID)
	if err != nil {
		return err
	}
	if len(rels) > 0 {
		printRelations(ctx, w, st, o.ID, rels, all)
	}
	return nil
}

type relGroup struct {
	key   string
	lines []string
}

func printRelations(ctx context.Context, w io.Writer, st store.Reader, id string, rels []store.Relation, all bool) {
	groups := map[string]*relGroup{}
	var order []string
	for _, r := range rels {
		if r.Revoked {
			continue
		}
		var key, other string
		if r.SourceID == id {
			other = r.TargetID
			key = fmt.Sprintf("%s → %s", r.Type, stix.TypeOfID(other))
		} else {
			other = r.SourceID
			key = fmt.Sprintf("%s ← %s", r.Type, stix.TypeOfID(other))
		}
		g, ok := groups[key]
		if !ok {
			g = &relGroup{key: key}
			groups[key] = g
			order = append(order, key)
		}
		g.lines = append(g.lines, other)
	}
	sort.Strings(order)
	total := 0
	for _, k := range order {
		total += len(groups[k].lines)
	}
	fmt.Fprintf(w, "\n  relationships (%s)\n", num(total))
	for _, k := range order {
		g := groups[k]
		fmt.Fprintf(w, "    %s (%s)\n", g.key, num(len(g.lines)))
		names := make([]string, 0, len(g.lines))
		for _, other := range g.lines {
			names = append(names, describeRef(ctx, st, other))
		}
		sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
		if !all && len(names) > relationsPerGroup {
			names = names[:relationsPerGroup]
		}
		for _, n := range names {
			fmt.Fprintf(w, "      %s\n", n)
		}
		if !all && len(g.lines) > relationsPerGroup {
			fmt.Fprintf(w, "      … and %s more (--all lists them)\n", num(len(g.lines)-relationsPerGroup))
		}
	}
}

// describeRef names the object an id points at: "Phishing (T1566)", or the
// id itself when the object is not stored.
func describeRef(ctx context.Context, st store.Reader, id string) string {
	if t := stix.TLPByID(id); t != nil {
		return fmt.Sprintf("%s (TLP %d.0)", t.Name, t.Version)
	}
	rec, err := st.Get(ctx, id)
	if err != nil {
		return id
	}
	name := rec.Name
	if o, err := rec.Object(); err == nil {
		if xid, _ := attackID(o); xid != "" {
			name += " (" + xid + ")"
		}
		if name == "" {
			if v, ok := o.Props.GetString("value"); ok {
				name = v
			}
		}
		if name == "" && o.Type == "marking-definition" {
			if d := o.Props.Get("definition"); d != nil {
				if s, ok := d.GetString("statement"); ok {
					name = "statement: " + s
				}
			}
		}
	}
	if name == "" {
		return id
	}
	if rec.Revoked {
		name += " [revoked]"
	}
	return name
}
