package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/lookalike"
	"github.com/dossier-cti/dossier/internal/scan"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// protectedListID is the grouping that holds the protected domains: one
// object, a new version at every change, so the list's history is kept
// like any other object's.
var protectedListID = stix.DerivedID("grouping", "dossier-protected-domains")

func protectCommand() *command {
	return &command{
		name:    "protect",
		summary: "keep the list of your own domains whose look-alikes scan flags",
		usage:   "add|list|remove [DOMAIN...]",
		help: `Keeps, in the database, the domains you protect: your campaign's,
party's or newsroom's own. dossier scan then flags every domain it sees
that imitates one of them (homoglyphs and mixed scripts, one or two
edits, swapped or doubled letters, added words, other top-level domains,
the name used as labels of another domain), besides those given with
scan --protect. The protected domains themselves and names under them
are never look-alikes.

The list is a STIX grouping of domain-name objects; each change is a
new version of it.

Examples:
  dossier protect add campaign2024.com party.org
  dossier protect list
  dossier protect remove party.org`,
		run: runProtect,
	}
}

func runProtect(ctx context.Context, e *env, args []string) error {
	c := protectCommand()
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "list as JSON")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return &usageError{msg: "protect: say add, list or remove", hint: "dossier protect add DOMAIN..."}
	}
	op, names := pos[0], pos[1:]
	switch op {
	case "list":
		st, err := e.openStore(ctx, false)
		if err != nil {
			return err
		}
		defer st.Close()
		list, err := protectedDomains(ctx, st)
		if err != nil {
			return err
		}
		if *asJSON {
			if list == nil {
				list = []string{}
			}
			return writeJSON(e.stdout, map[string]any{"protected": list})
		}
		if len(list) == 0 {
			fmt.Fprintln(e.stdout, "no protected domain; add one with: dossier protect add DOMAIN")
			return nil
		}
		for _, d := range list {
			fmt.Fprintln(e.stdout, d)
		}
		return nil
	case "add", "remove":
		if len(names) == 0 {
			return &usageError{msg: "protect " + op + ": no domain given", hint: "dossier protect " + op + " DOMAIN..."}
		}
		var clean []string
		for _, n := range names {
			d := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n), "."))
			if op == "add" {
				// The look-alike matcher says why a domain cannot be
				// protected (a public suffix, an address, malformed).
				if _, err := lookalike.New([]string{d}); err != nil {
					return &usageError{msg: fmt.Sprintf("protect add: %v", err)}
				}
			}
			clean = append(clean, d)
		}
		st, err := e.openStore(ctx, op == "add")
		if err != nil {
			return err
		}
		defer st.Close()
		list, err := protectedDomains(ctx, st)
		if err != nil {
			return err
		}
		for _, d := range clean {
			i := slices.Index(list, d)
			switch {
			case op == "add" && i < 0:
				list = append(list, d)
			case op == "remove" && i < 0:
				return &exitError{code: ExitError, err: fmt.Errorf("protect remove: %s is not protected", d)}
			case op == "remove":
				list = slices.Delete(list, i, i+1)
			}
		}
		slices.Sort(list)
		if err := saveProtected(ctx, st, list, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%d protected domain(s): %s\n", len(list), strings.Join(list, ", "))
		return nil
	}
	return &usageError{msg: fmt.Sprintf("protect: unknown action %q", op), hint: "add, list or remove"}
}

// protectedDomains returns the stored list, sorted.
func protectedDomains(ctx context.Context, st store.Reader) ([]string, error) {
	rec, err := st.Get(ctx, protectedListID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	o, err := rec.Object()
	if err != nil {
		return nil, err
	}
	var out []string
	if refs := o.Props.Get("object_refs"); refs != nil {
		for _, it := range refs.Items {
			r, err := st.Get(ctx, it.Str)
			if err != nil {
				continue
			}
			if d, err := r.Object(); err == nil {
				if v, ok := d.Props.GetString("value"); ok {
					out = append(out, v)
				}
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// saveProtected stores a new version of the list.
func saveProtected(ctx context.Context, st store.Store, list []string, now time.Time) error {
	ts := stix.StringValue(stix.FormatTimestamp(now))
	return st.Update(ctx, func(tx store.Tx) error {
		if err := tx.Source(ctx, "dossier protect"); err != nil {
			return err
		}
		var refs []string
		for _, d := range list {
			v := stix.NewBuilder().Str("type", "domain-name").Str("value", d).Value()
			id, ok, err := stix.DeterministicID(&v)
			if err != nil || !ok {
				return fmt.Errorf("protect: id of %s: %v", d, err)
			}
			sco := stix.NewBuilder().Str("type", "domain-name").Str("spec_version", "2.1").Str("id", id).Str("value", d).Object()
			if p := stix.Validate(sco); len(p) > 0 {
				return fmt.Errorf("protect: %s: %s", d, p[0].Msg)
			}
			if _, err := tx.Put(ctx, sco); err != nil {
				return err
			}
			refs = append(refs, id)
		}
		created := ts
		if rec, err := tx.Get(ctx, protectedListID); err == nil {
			if o, err := rec.Object(); err == nil {
				if c := o.Props.Get("created"); c != nil {
					created = *c
				}
			}
		}
		b := stix.NewBuilder().Str("type", "grouping").Str("spec_version", "2.1").Str("id", protectedListID).
			Val("created", created).Val("modified", ts).
			Str("name", "Protected domains").
			Str("description", "The domains whose look-alikes dossier scan flags (dossier protect).").
			Str("context", "unspecified")
		if len(refs) == 0 {
			// object_refs may not be empty: an empty list points at
			// dossier's own identity, which is no domain.
			if _, err := tx.Put(ctx, extract.DossierIdentity()); err != nil {
				return err
			}
			refs = []string{extract.DossierIdentityID}
		}
		o := b.Strs("object_refs", refs).Object()
		if p := stix.Validate(o); len(p) > 0 {
			return fmt.Errorf("protect: the list is not valid STIX: %s: %s", p[0].Path, p[0].Msg)
		}
		_, err := tx.Put(ctx, o)
		return err
	})
}

// wireProtect sets the scanner's look-alike matcher from the stored list
// and the --protect domains.
func wireProtect(ctx context.Context, st store.Reader, sc *scan.Scanner, extra []string) error {
	list, err := protectedDomains(ctx, st)
	if err != nil {
		return err
	}
	for _, d := range extra {
		if !slices.Contains(list, d) {
			list = append(list, d)
		}
	}
	if len(list) == 0 {
		return nil
	}
	m, err := lookalike.New(list)
	if err != nil {
		return fmt.Errorf("--protect: %w", err)
	}
	sc.Lookalike = m
	return nil
}
