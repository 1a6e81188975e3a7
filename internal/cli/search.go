package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/dossier-cti/dossier/internal/store"
)

func searchCommand() *command {
	return &command{
		name:    "search",
		summary: "full-text search over names, aliases and descriptions",
		usage:   "[flags] WORDS...",
		help: `Finds objects whose name, aliases (and ATT&CK ids) or description hold
all the WORDS, best matches first. Words match in any case, without
accents, and by stem ("phishing" finds "phish"); a word ending in *
matches as a prefix ("spear*"); "a quoted phrase" matches as a phrase.
Indicators are also found by what their patterns name (a domain, an
address, a hash). Revoked objects are left out unless --revoked is given;
relationships are found through the objects they join (dossier show).
In snippets, the matched words stand between « and ».

With --json it prints an array of hits:
  [{"id": "...", "type": "...", "name": "...", "external_id": "T1566",
    "snippet": "...", "revoked": false, "score": -12.3}, ...]
(external_id only when the object has one).
(lower scores are better). No match is not an error: the array is empty.

Examples:
  dossier search spearphishing
  dossier search --type intrusion-set iran
  dossier search '"hack and leak"' --json`,
		run: runSearch,
	}
}

func runSearch(ctx context.Context, e *env, args []string) error {
	c := searchCommand()
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON on stdout")
	var types listFlag
	fs.Var(&types, "type", "only objects of this STIX `TYPE` (repeat or separate with commas)")
	limit := fs.Int("limit", 20, "at most `N` hits")
	revoked := fs.Bool("revoked", false, "include revoked objects")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return &usageError{msg: "search: nothing to search for", hint: "dossier search WORDS..."}
	}
	if *limit <= 0 {
		return &usageError{msg: "search: --limit must be at least 1"}
	}
	st, err := e.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	q := store.Query{Text: strings.Join(pos, " "), Types: types, Limit: *limit, Revoked: *revoked}
	hits, err := st.Search(ctx, q)
	if err != nil {
		var qe *store.QueryError
		if errors.As(err, &qe) {
			return &usageError{msg: qe.Error()}
		}
		return err
	}
	if *asJSON {
		type hit struct {
			ID         string  `json:"id"`
			Type       string  `json:"type"`
			Name       string  `json:"name"`
			ExternalID string  `json:"external_id,omitempty"`
			Snippet    string  `json:"snippet"`
			Revoked    bool    `json:"revoked"`
			Score      float64 `json:"score"`
		}
		out := make([]hit, 0, len(hits))
		for _, h := range hits {
			out = append(out, hit{h.ID, h.Type, h.Name, h.ExternalID, h.Snippet, h.Revoked, h.Score})
		}
		return writeJSON(e.stdout, out)
	}
	if len(hits) == 0 {
		fmt.Fprintf(e.stderr, "no matches for %s\n", q.Text)
		return nil
	}
	for _, h := range hits {
		name := h.Name
		if name == "" {
			name = "(no name)"
		}
		rev := ""
		if h.ExternalID != "" {
			rev = " " + h.ExternalID
		}
		if h.Revoked {
			rev += " [revoked]"
		}
		fmt.Fprintf(e.stdout, "%s%s  (%s)\n", name, rev, h.Type)
		fmt.Fprintf(e.stdout, "  %s\n", h.ID)
		if h.Snippet != "" {
			fmt.Fprintln(e.stdout, wrap(h.Snippet, 76, "  "))
		}
		fmt.Fprintln(e.stdout)
	}
	if len(hits) == *limit {
		fmt.Fprintf(e.stderr, "(showing the first %d; --limit N shows more)\n", *limit)
	}
	return nil
}
