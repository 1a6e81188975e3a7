package cli

import (
	"context"
	"flag"
	"fmt"
)

func statsCommand() *command {
	return &command{
		name:    "stats",
		summary: "count the objects in the database by type",
		usage:   "[--json]",
		help: `Counts distinct objects (by id, revoked ones included) per STIX type,
and the versions stored.

With --json it prints:
  {"total": N, "types": {"attack-pattern": N, ...}, "versions": N,
   "revoked": N, "database": "PATH"}`,
		run: runStats,
	}
}

func runStats(ctx context.Context, e *env, args []string) error {
	c := statsCommand()
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON on stdout")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &usageError{msg: fmt.Sprintf("stats: unexpected argument %q", pos[0]), hint: "dossier stats [--json]"}
	}
	st, err := e.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, map[string]any{
			"total":    s.Total,
			"types":    s.Types,
			"versions": s.Versions,
			"revoked":  s.Revoked,
			"database": e.dbPath(),
		})
	}
	fmt.Fprintf(e.stdout, "%s: %s (%s, %s revoked)\n", e.dbPath(), plural(s.Total, "object"), plural(s.Versions, "version"), num(s.Revoked))
	types := byCount(s.Types)
	for _, t := range types {
		fmt.Fprintf(e.stdout, "  %-28s %9s\n", t, num(s.Types[t]))
	}
	return nil
}
