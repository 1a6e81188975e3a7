package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

func exportCommand() *command {
	return &command{
		name:    "export",
		summary: "write the knowledge base (or part of it) as a STIX 2.1 bundle",
		usage:   "--format stix [flags]",
		help: `Writes one STIX 2.1 bundle holding the latest version of every object
(or of those --type and --since select), each exactly as stored, one
object per line. Ingesting the export into another database gives the
same objects.

--since takes a STIX timestamp (2025-01-01T00:00:00Z) or a date
(2025-01-01) and keeps versions modified at or after it; objects without
a modified property (SCOs, marking definitions) are always kept.

The bundle goes to stdout, or with -o to FILE, which is written under a
temporary name and renamed when complete, so a failed export never leaves
a half-written file.

Examples:
  dossier export --format stix > all.json
  dossier export --format stix --type intrusion-set,relationship -o groups.json
  dossier export --format stix --since 2025-06-01 --all-versions`,
		run: runExport,
	}
}

func runExport(ctx context.Context, e *env, args []string) error {
	c := exportCommand()
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "stix", "output `FORMAT`: stix (a STIX 2.1 bundle)")
	out := fs.String("o", "", "write to `FILE` instead of stdout")
	var types listFlag
	fs.Var(&types, "type", "only objects of this STIX `TYPE` (repeat or separate with commas)")
	since := fs.String("since", "", "only versions modified at or after `TIME` (STIX timestamp or YYYY-MM-DD)")
	allVersions := fs.Bool("all-versions", false, "every stored version, not only the latest")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &usageError{msg: fmt.Sprintf("export: unexpected argument %q", pos[0]), hint: "use -o FILE to name the output file"}
	}
	if *format != "stix" {
		return &usageError{msg: fmt.Sprintf("export: unknown format %q", *format), hint: "supported formats: stix"}
	}
	f := store.Filter{Types: types, AllVersions: *allVersions}
	if *since != "" {
		ts, err := parseSince(*since)
		if err != nil {
			return &usageError{msg: "export: --since: " + err.Error()}
		}
		f.Since = ts
	}
	for _, t := range types {
		if !stix.IsValidTypeName(t) {
			return &usageError{msg: fmt.Sprintf("export: --type %q is not a STIX type name", t)}
		}
	}
	st, err := e.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()

	var (
		w      io.Writer = e.stdout
		tmp    *os.File
		commit = func() error { return nil }
	)
	if *out != "" && *out != "-" {
		tmp, err = os.CreateTemp(filepath.Dir(*out), "."+filepath.Base(*out)+".*.tmp")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer func() {
			if tmp != nil {
				tmp.Close()
				os.Remove(tmp.Name())
			}
		}()
		w = tmp
		commit = func() error {
			if err := tmp.Sync(); err != nil {
				return err
			}
			if err := tmp.Close(); err != nil {
				return err
			}
			if err := os.Rename(tmp.Name(), *out); err != nil {
				return err
			}
			tmp = nil
			return nil
		}
	}
	n, err := writeBundle(ctx, w, st, f)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := commit(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if *out != "" && *out != "-" {
		fmt.Fprintf(e.stderr, "exported %s to %s\n", plural(n, "object"), *out)
	}
	return nil
}

// parseSince accepts a STIX timestamp or a plain date.
func parseSince(s string) (string, error) {
	if _, err := stix.ParseTimestamp(s); err == nil {
		return s, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return stix.FormatTimestamp(t), nil
	}
	return "", fmt.Errorf("%q is neither a STIX timestamp (2025-01-01T00:00:00Z) nor a date (2025-01-01)", s)
}

// writeBundle streams the selected objects as one STIX 2.1 bundle, one
// object per line, and returns how many it wrote.
func writeBundle(ctx context.Context, w io.Writer, st store.Reader, f store.Filter) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	fmt.Fprintf(bw, "{\"type\":\"bundle\",\"id\":\"bundle--%s\",\"objects\":[", uuid.New())
	n := 0
	err := st.Scan(ctx, f, func(r *store.Record) error {
		if n > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		bw.Write(r.JSON)
		n++
		return nil
	})
	if err != nil {
		return n, err
	}
	bw.WriteString("\n]}\n")
	return n, bw.Flush()
}
