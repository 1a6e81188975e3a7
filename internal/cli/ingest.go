package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/dossier-cti/dossier/internal/extract"
	"github.com/dossier-cti/dossier/internal/heapstart"
	"github.com/dossier-cti/dossier/internal/ingest"
	"github.com/dossier-cti/dossier/internal/stix"
)

func ingestCommand() *command {
	return &command{
		name:    "ingest",
		summary: "load STIX 2.x bundles and objects from files, directories or stdin",
		usage:   "[flags] PATH... (a file, a directory, or - for standard input)",
		help: `Reads each PATH and stores every valid STIX object it holds, with all
its versions. The format is detected from the content: a STIX 2.1 or 2.0
bundle (2.0 objects are upgraded to 2.1), a single STIX object, a JSON array
of objects, or a TAXII 2.1 envelope. Directories are read recursively;
files in them that are not a format dossier reads are listed as skipped.

Everything is written in one transaction. Ingesting the same data twice
changes nothing. Objects that break a rule of the STIX 2.1 specification
are rejected and listed with their id, JSON path and reason; the valid
ones are kept (exit status 2), unless --strict refuses the whole ingest.
Input that is not acceptable JSON (truncated, malformed, duplicate member
names, invalid UTF-8, lone surrogates, data after the end, nesting deeper
than 64, a string over 8 MiB or an object over 32 MiB) stops the ingest
with the file and byte offset, and nothing is stored (exit status 1).
A redefinition of a fixed TLP marking definition is rejected.

MISP galaxy cluster files and Microsoft's threat-actor naming map are
converted to STIX. Anything else that is text (plain, Markdown, HTML) or a
PDF is read as a report: dossier extracts its indicators, actors,
techniques and claims with their evidence (see dossier extract --help);
--source names its publisher, --reliability grades it, and --actor NAME
ties the indicators of an IoC list whose text names no actor to NAME, as
the analyst's claim (--as). Under a directory, README, LICENSE and
similar files are skipped.

Examples:
  dossier ingest enterprise-attack.json
  dossier ingest --tlp amber partner-feed/
  curl -s https://example.org/bundle.json | dossier ingest - --json
  dossier ingest APT33.csv --source "Unit 42" --actor APT33 --as alice`,
		run: runIngest,
	}
}

func runIngest(ctx context.Context, e *env, args []string) error {
	c := ingestCommand()
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	strict := fs.Bool("strict", false, "refuse the whole ingest when any object is invalid")
	tlpName := fs.String("tlp", "", "mark objects that arrive unmarked with this TLP 2.0 `LEVEL`: clear, green, amber, amber+strict or red")
	asJSON := fs.Bool("json", false, "print the report as JSON on stdout")
	quiet := fs.Bool("quiet", false, "print nothing on success (errors and rejections still go to stderr)")
	noProgress := fs.Bool("no-progress", false, "never draw a progress bar (it is drawn only when stderr is a terminal)")
	source := fs.String("source", "", "for reports in prose: who published them (`NAME`), the creator of their claims")
	reliability := fs.String("reliability", "", "for reports: the publisher's Admiralty reliability, `A`-F")
	actorName := fs.String("actor", "", "for reports in prose: the actor (`NAME`) whose indicators they list when their text does not say (IoC lists named for it), the analyst's claim")
	as := fs.String("as", "", "with --actor: the analyst's `NAME` (default $DOSSIER_ANALYST, else $USER)")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return &usageError{msg: "ingest: no input given", hint: "dossier ingest FILE... (a file, a directory, or - for standard input)"}
	}
	if err := checkReliability(*reliability); err != nil {
		return err
	}
	if *as != "" && *actorName == "" {
		return &usageError{msg: "ingest: --as names who asserts --actor; give --actor too", hint: "dossier ingest APT33.csv --actor APT33 --as NAME"}
	}
	opt := ingest.Options{Strict: *strict, Log: e.logger()}
	if *tlpName != "" {
		t, err := stix.ParseTLP(*tlpName)
		if err != nil {
			return &usageError{msg: "ingest: --tlp: " + err.Error()}
		}
		opt.TLP = t
	}
	sources, skipped, err := ingest.Expand(pos, e.stdin)
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("ingest: %w", err)}
	}
	if len(sources) == 0 {
		return &exitError{code: ExitError, err: fmt.Errorf("ingest: no files found in %s", strings.Join(pos, ", "))}
	}
	defer heapstart.Start(e.getenv, heapstart.Extraction)()
	st, err := e.openStore(ctx, true)
	if err != nil {
		return err
	}
	defer st.Close()

	var x *extract.Extractor
	opt.Reports = ingest.ReportOptions{
		Publisher: *source, Reliability: *reliability,
		Extractor: func() (*extract.Extractor, error) {
			if x == nil {
				var err error
				if x, err = newExtractor(ctx, st); err != nil {
					return nil, err
				}
			}
			return x, nil
		},
	}
	if *actorName != "" {
		// Checked before anything is read: a name no source knows must
		// not become an actor of every report of the ingest.
		x, err := opt.Reports.Extractor()
		if err != nil {
			return err
		}
		n, err := x.ResolveActor(*actorName)
		if err != nil {
			return &usageError{msg: "ingest: --actor: " + err.Error()}
		}
		opt.Reports.Actor = &extract.AssertedActor{Actor: n, Analyst: analystName(e, *as)}
	}
	stop := func() {}
	if !*noProgress && isTerminal(e.stderr) {
		opt.Progress = &ingest.Progress{}
		stop = startProgress(e.stderr, opt.Progress)
	}
	rep, err := ingest.Run(ctx, st, sources, opt)
	stop() // before printing, so the bar does not overwrite the report
	if err != nil && ctx.Err() != nil {
		return &exitError{code: ExitError, err: errors.New("ingest: interrupted; nothing was stored")}
	}
	return finishIngest(e, rep, skipped, err, *asJSON, *quiet)
}

// finishIngest prints the report and turns the outcome into an exit status.
func finishIngest(e *env, rep *ingest.Report, skipped []ingest.Skipped, err error, asJSON, quiet bool) error {
	rep.Skipped = append(skipped, rep.Skipped...)
	if asJSON {
		if werr := writeJSON(e.stdout, rep); werr != nil {
			return werr
		}
	}
	if err != nil {
		var se *ingest.StrictError
		if errors.As(err, &se) && !asJSON {
			printRejections(e.stderr, rep)
		}
		return &exitError{code: ExitError, err: fmt.Errorf("ingest: %w; nothing was stored", err)}
	}
	if !asJSON && !quiet {
		printIngestReport(e.stdout, rep, e.dbPath())
	}
	if rep.Counts.Rejected > 0 {
		if !asJSON {
			printRejections(e.stderr, rep)
		}
		return &exitError{code: ExitPartial, err: fmt.Errorf("ingest: %s rejected, the other %s kept", plural(rep.Counts.Rejected, "object"), num(rep.Counts.Objects-rep.Counts.Rejected))}
	}
	return nil
}

func printRejections(w io.Writer, rep *ingest.Report) {
	for _, sr := range rep.Sources {
		if len(sr.Rejected) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s: %s rejected:\n", sr.Source, plural(len(sr.Rejected), "object"))
		for _, r := range sr.Rejected {
			fmt.Fprintf(w, "  %s\n", r)
			if len(r.Problems) > 1 {
				for _, p := range r.Problems[1:] {
					fmt.Fprintf(w, "      also %s\n", p)
				}
			}
		}
	}
}

// quietSources is how many sources an ingest report lists one by one;
// beyond it only those with rejections or notes are listed.
const quietSources = 20

func printIngestReport(w io.Writer, rep *ingest.Report, db string) {
	unlisted := 0
	for _, sr := range rep.Sources {
		if len(rep.Sources) > quietSources && sr.Counts.Rejected == 0 && len(sr.Notes) == 0 {
			unlisted++
			continue
		}
		what := "STIX"
		switch sr.Format {
		case ingest.FormatMISPGalaxy:
			what = "MISP galaxy clusters, converted to STIX"
		case ingest.FormatMicrosoftNaming:
			what = "Microsoft's threat-actor naming map, converted to STIX"
		case ingest.FormatReport:
			what = "report, read and extracted"
		}
		switch sr.Form {
		case stix.FormBundle:
			v := sr.SpecVersion
			if v == "" {
				v = "2.1"
			}
			what = "STIX " + v + " bundle " + sr.BundleID
		case stix.FormEnvelope:
			what = "TAXII envelope"
		case stix.FormObject:
			what = "single STIX object"
		case stix.FormArray:
			what = "JSON array of STIX objects"
		}
		c := sr.Counts
		fmt.Fprintf(w, "%s: %s\n", sr.Source, what)
		fmt.Fprintf(w, "  %s: %s added, %s new versions, %s older versions, %s unchanged, %s rejected\n",
			plural(c.Objects, "object"), num(c.Added), num(c.NewVersions), num(c.OlderVersion), num(c.Unchanged), num(c.Rejected))
		if c.Marked > 0 {
			fmt.Fprintf(w, "  %s marked with the --tlp level\n", plural(c.Marked, "object"))
		}
		for _, n := range sr.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
	}
	if unlisted > 0 {
		fmt.Fprintf(w, "(%s without rejections or notes not listed; --json lists every source)\n", plural(unlisted, "other source"))
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "%s: skipped: %s\n", s.Name, s.Reason)
	}
	if len(rep.Builtins) > 0 {
		fmt.Fprintf(w, "added the built-in %s definition(s) that these objects use\n", strings.Join(rep.Builtins, ", "))
	}
	c := rep.Counts
	fmt.Fprintf(w, "\n%s from %s in %.1fs into %s: %s added, %s new versions, %s unchanged, %s rejected\n",
		plural(c.Objects, "object"), plural(len(rep.Sources), "source"), rep.Seconds, db,
		num(c.Added), num(c.NewVersions), num(c.Unchanged), num(c.Rejected))
	if len(rep.ByType) == 0 {
		return
	}
	types := byCount(rep.ByType)
	fmt.Fprintln(w, "\nfound:")
	for _, t := range types {
		line := fmt.Sprintf("  %-26s %7s", t, num(rep.ByType[t]))
		if names := rep.Found[t]; len(names) > 0 && t != "relationship" {
			more := ""
			if rep.ByType[t] > len(names) {
				more = ", …"
			}
			line += "  " + strings.Join(quoteAll(names), ", ") + more
		}
		fmt.Fprintln(w, line)
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		if len([]rune(s)) > 40 {
			s = string([]rune(s)[:39]) + "…"
		}
		out[i] = s
	}
	return out
}
