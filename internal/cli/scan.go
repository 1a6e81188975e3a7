package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dossier-cti/dossier/internal/actors"
	"github.com/dossier-cti/dossier/internal/ingest"
	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/mail"
	"github.com/dossier-cti/dossier/internal/scan"
	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/scan/index"
	"github.com/dossier-cti/dossier/internal/store"
)

func scanCommand() *command {
	return &command{
		name:    "scan",
		summary: "check logs against every active indicator; alerts name the actor and the report",
		usage:   "[flags] FILE|DIR|-...",
		help: `Reads logs and checks every domain, IP address, URL, hash and email
address in them against the active indicators of the database (not
revoked, within valid_from and valid_until). A hit is an alert that names
the indicator, how it matched, and, where the database knows them, the
actor (by its canonical name across vendors), the campaign and the report
that named the indicator.

Inputs, the format detected from the content (or named with --format):
  JSON lines   Zeek (dns, http, conn, ssl, files, smtp), Suricata EVE,
               Elastic Common Schema, or any JSON with --field PATH
  sign-ins     Entra ID sign-in logs and Okta System Log: source addresses
               are matched, and password spraying is flagged (many
               accounts, few failures each, from one address or a
               rotating set)
  CSV          --format csv, with a header; --field names the columns
  lines        one value per line, or free text (defanged values too)
  mail         EML files, MBOX files, folders of them: From, Reply-To,
               Sender and Return-Path addresses and domains, Received
               relay addresses, the Message-ID's domain, links (text and
               HTML parts) and attachment SHA-256 are matched; Reply-To
               or display-name tricks, link text showing another domain
               and SPF/DKIM/DMARC failures are alerts of kind mail. The
               line of a mail alert is the message's Message-ID.
gzip and zstd input is undone by itself; - is standard input; a directory
is read file by file.

Matching: a domain indicator matches the name and every name under it
(evil.example matches mail.evil.example, never notevil.example); IP rules
match addresses and CIDR blocks (IPv4 and IPv6); URLs are compared in a
canonical form (scheme and host case, default port, percent-encoding,
trailing slash, dot segments), with and without their query, and their
host is matched as a domain; hashes and email addresses exactly. An
indicator on a public suffix (com, co.uk, duckdns.org) is refused with a
warning. Indicators whose patterns are more than equalities on those
values (LIKE, MATCHES, ISSUBSET, AND of several properties) go through
the STIX Patterning engine, each value seen as an observation of one
object.

Malformed lines never stop a scan: they are counted and the first ones
are listed with their line numbers on stderr. Alerts from a file may come
up to a second late, a batch at a time (their indicators are named in
batches); from standard input each comes as it is found. Interrupted
(Ctrl-C), a scan still prints the alerts found so far and its summary,
records no sightings, and exits 1.

Exit status: 0 no alerts, 3 alerts found, 1 error.

Examples:
  dossier scan dns.log                                 # Zeek / EVE / ECS, detected
  dossier scan --format csv --field query proxy.csv
  dossier scan --field dns.rrname:domain custom.jsonl
  dossier scan inbox.mbox                              # or a folder of .eml files
  dossier scan --protect campaign2024.com --protect party.org mail.log
  zcat big.log.gz | dossier scan - --json              # alerts as JSON lines
  dossier scan signins.json --spray-accounts 20        # Entra ID / Okta
  dossier scan --record --sighted-by "Campaign IT" dns.log
  dossier scan --build-index ind.idx                   # save the index ...
  dossier scan --index ind.idx dns.log                 # ... and start fast`,
		run: runScan,
	}
}

// scanFlags are the options of one scan.
type scanFlags struct {
	format    string
	fields    []events.Field
	asJSON    bool
	record    bool
	sightedBy string
	indexFile string
	buildFile string
	protect   []string
	spray     scan.SprayOptions
	quiet     bool
}

func runScan(ctx context.Context, e *env, args []string) error {
	c := scanCommand()
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	var f scanFlags
	fs.StringVar(&f.format, "format", "auto", "input `FORMAT`: auto, zeek, suricata-eve, ecs, entra-signin, okta, json, csv, lines, mail")
	fs.Func("field", "read this JSON `PATH` or CSV column (repeatable); PATH:KIND sets the kind (domain, ip, url, hash, email)", func(s string) error {
		fl, err := events.ParseField(s)
		if err != nil {
			return err
		}
		f.fields = append(f.fields, fl)
		return nil
	})
	fs.BoolVar(&f.asJSON, "json", false, "print alerts as JSON lines")
	fs.BoolVar(&f.record, "record", false, "store the hits as STIX sightings, one per indicator")
	fs.StringVar(&f.sightedBy, "sighted-by", "", "the organisation (`NAME`) that saw the hits, for --record")
	fs.StringVar(&f.indexFile, "index", "", "use the index saved in `FILE` instead of building it (refused when stale)")
	fs.StringVar(&f.buildFile, "build-index", "", "build the index, save it to `FILE` and stop")
	fs.Func("protect", "flag look-alikes of this `DOMAIN` (repeatable; besides the list of dossier protect)", func(s string) error {
		f.protect = append(f.protect, strings.ToLower(strings.TrimSpace(s)))
		return nil
	})
	fs.IntVar(&f.spray.MinAccounts, "spray-accounts", 10, "password spraying: at least `N` accounts failing")
	fs.Float64Var(&f.spray.MaxPerAccount, "spray-per-account", 3, "password spraying: at most `X` failures per account on average")
	fs.DurationVar(&f.spray.Window, "spray-window", time.Hour, "password spraying from rotating addresses: within `DURATION`")
	fs.BoolVar(&f.quiet, "quiet", false, "no summary on stderr")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	format, err := events.ParseFormat(f.format)
	if err != nil {
		return &usageError{msg: "scan: --format: " + err.Error(), hint: "dossier scan --help lists the formats"}
	}
	if format == events.FormatJSON && len(f.fields) == 0 {
		return &usageError{msg: "scan: --format json needs --field", hint: "for example: dossier scan --format json --field dns.rrname FILE"}
	}
	if f.record && strings.TrimSpace(f.sightedBy) == "" {
		return &usageError{msg: "scan: --record needs --sighted-by NAME", hint: "the sightings say who saw the hits: --sighted-by \"Campaign IT\""}
	}
	if f.buildFile == "" && len(pos) == 0 {
		return &usageError{msg: "scan: no input given", hint: "dossier scan FILE... (a file, a directory, or - for standard input)"}
	}
	if f.buildFile != "" && len(pos) > 0 {
		return &usageError{msg: "scan: --build-index saves the index and stops; give the inputs to a second run with --index"}
	}
	stopProfile, err := startCPUProfile(e, "scan")
	if err != nil {
		return err
	}
	defer stopProfile()
	st, err := e.openStore(ctx, false)
	if err != nil {
		return err
	}
	defer st.Close()
	log := e.logger()

	start := time.Now()
	// Building the index makes much short-lived garbage (every stored
	// indicator's JSON) beside a large live index: collecting early keeps
	// the peak near the live size, for a little more CPU.
	old := debug.SetGCPercent(20)
	ix, err := loadIndex(ctx, st, f.indexFile, start)
	debug.SetGCPercent(old)
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("scan: %w", err)}
	}
	log.Info("index ready", "rules", ix.Info.Rules, "complex", ix.Info.Complex, "seconds", time.Since(start).Seconds())
	if f.buildFile != "" {
		if err := ix.WriteFile(f.buildFile); err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("scan: %w", err)}
		}
		if !f.quiet {
			fmt.Fprintf(e.stdout, "index of %s active indicators (%s by value) saved to %s\n", num(ix.Info.Active), num(ix.Info.Rules), f.buildFile)
			printIndexNotes(e.stderr, ix)
		}
		return nil
	}
	if !f.quiet {
		printIndexNotes(e.stderr, ix)
	}

	out := bufio.NewWriterSize(e.stdout, 64<<10)
	defer out.Flush()
	var emit func(*scan.Alert) error
	if f.asJSON {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		emit = func(a *scan.Alert) error { return enc.Encode(a) }
	}
	tw := newAlertTable(out)
	defer tw.flush() // before out's: an interrupted scan still shows its rows
	if !f.asJSON {
		emit = tw.add
	}
	attrib := scan.NewStoreAttributor(st, func(ctx context.Context) (*actors.Graph, error) {
		pack, err := knowledge.Load()
		if err != nil {
			return nil, err
		}
		return actors.Load(ctx, st, pack)
	})
	sc := scan.New(ix, attrib, f.spray, emit)
	if !f.quiet {
		for _, w := range sc.PatternWarnings {
			fmt.Fprintf(e.stderr, "dossier: scan: %s\n", w)
		}
	}
	if err := wireProtect(ctx, st, sc, f.protect); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("scan: %w", err)}
	}
	inputs, err := expandInputs(pos)
	if err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("scan: %w", err)}
	}
	opt := events.Options{Format: format, Fields: f.fields}
	var (
		failed    []string
		all       []*events.Stats
		malformed events.Malformed
	)
	interrupted := false
	for _, name := range inputs {
		if ctx.Err() != nil {
			interrupted = true
			break
		}
		in, err := events.Open(name, e.stdin)
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		var stats *events.Stats
		if isMail(in, format) {
			stats, err = sc.ScanMail(ctx, in, mail.Limits{})
		} else {
			stats, err = sc.ScanInput(ctx, in, opt)
		}
		in.Close()
		if stats != nil {
			all = append(all, stats)
			malformed.Merge(stats.Malformed)
		}
		if err != nil {
			if ctx.Err() != nil {
				interrupted = true
				break
			}
			failed = append(failed, err.Error())
		}
	}
	// Interrupted (Ctrl-C), the scan still shows the alerts found so far
	// and how far it got, but tells nothing only the end can tell
	// (password spraying) and records nothing from a scan that did not
	// finish.
	if !interrupted {
		if err := sc.Finish(ctx); err != nil {
			return err
		}
	}
	tw.flush()
	if err := out.Flush(); err != nil {
		return err
	}
	var recorded string
	switch {
	case interrupted && f.record:
		recorded = "; interrupted: no sightings recorded"
	case f.record && len(sc.Sightings) > 0:
		n, err := recordSightings(ctx, e, st, sc, f.sightedBy, inputs, time.Now())
		if err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("scan: recording sightings: %w", err)}
		}
		recorded = fmt.Sprintf("; %d sighting(s) recorded for %s", n, f.sightedBy)
	}
	if !f.quiet {
		printScanSummary(e.stderr, all, malformed, sc, time.Since(start), recorded)
	}
	for _, msg := range failed {
		fmt.Fprintf(e.stderr, "dossier: scan: %s\n", msg)
	}
	if interrupted {
		return ctx.Err()
	}
	if len(failed) > 0 {
		return &exitError{code: ExitError}
	}
	if sc.Alerts > 0 {
		return &exitError{code: ExitAlerts}
	}
	return nil
}

// isMail says whether an input is email: named so with --format mail,
// or, when the format is detected, an .eml or .mbox file or content that
// starts like a message or an MBOX.
func isMail(in *events.Input, format events.Format) bool {
	switch format {
	case events.FormatMail:
		return true
	case events.FormatAuto:
	default:
		return false
	}
	name := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(in.Name, ".gz"), ".zst"))
	if strings.HasSuffix(name, ".eml") || strings.HasSuffix(name, ".mbox") {
		return true
	}
	head, err := in.Peek(4096)
	return err == nil && events.LooksLikeMail(head)
}

// loadIndex builds the index from the store, or loads the saved one and
// checks that it is still the store's.
func loadIndex(ctx context.Context, st store.Store, file string, now time.Time) (*index.Index, error) {
	if file == "" {
		return index.FromStore(ctx, st, now)
	}
	ix, err := index.Open(file)
	if err != nil {
		return nil, err
	}
	if err := ix.CheckFresh(ctx, st, now); err != nil {
		ix.Close()
		return nil, fmt.Errorf("%w; rebuild it with: dossier scan --build-index %s", err, file)
	}
	return ix, nil
}

func printIndexNotes(w io.Writer, ix *index.Index) {
	in := ix.Info
	if in.Active == 0 {
		fmt.Fprintln(w, "dossier: scan: the database holds no active indicator; ingest reports or feeds first")
	}
	for _, wn := range in.Warnings {
		fmt.Fprintf(w, "dossier: scan: %s\n", wn)
	}
	if n := in.Refused + in.ExactOnly; n > len(in.Warnings) {
		fmt.Fprintf(w, "dossier: scan: ... and %d more (%d value(s) refused, %d under wildcard public suffixes matched exactly only)\n",
			n-len(in.Warnings), in.Refused, in.ExactOnly)
	}
}

// expandInputs turns arguments into files: a directory is walked in
// lexical order, hidden files left out.
func expandInputs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if a == "-" {
			out = append(out, a)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("%s: %w", a, err)
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != a && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// alertTable prints alerts as a table, a block of rows at a time.
type alertTable struct {
	w    io.Writer
	tw   *tabwriter.Writer
	rows int
}

func newAlertTable(w io.Writer) *alertTable {
	return &alertTable{w: w}
}

const tableBlock = 200

func (t *alertTable) add(a *scan.Alert) error {
	if t.tw == nil {
		t.tw = tabwriter.NewWriter(t.w, 2, 8, 2, ' ', 0)
		fmt.Fprintln(t.tw, "WHERE\tFIELD\tVALUE\tKIND\tACTOR\tREASON")
	}
	actor := "-"
	switch {
	case a.Actor != nil:
		actor = a.Actor.Name
	case a.Malware != nil:
		actor = a.Malware.Name
	case a.Protected != "":
		actor = "protects " + a.Protected
	}
	where := a.Source + ":" + a.Line.String()
	fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\n", where, cell(a.Field, 30), cell(a.Value, 60), a.Kind, cell(actor, 30), a.Reason)
	t.rows++
	if t.rows%tableBlock == 0 {
		return t.tw.Flush()
	}
	return nil
}

func (t *alertTable) flush() {
	if t.tw != nil {
		t.tw.Flush()
	}
}

// cell makes a value fit a table cell: one line, at most n runes.
func cell(s string, n int) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

func printScanSummary(w io.Writer, all []*events.Stats, mal events.Malformed, sc *scan.Scanner, took time.Duration, recorded string) {
	var lines, messages int64
	formats := map[string]int{}
	for _, s := range all {
		if s.Format == events.FormatMail {
			messages += s.Lines
		} else {
			lines += s.Lines
		}
		f := string(s.Format)
		if s.Compression != "" {
			f += "+" + string(s.Compression)
		}
		formats[f]++
	}
	var fs []string
	for f, n := range formats {
		fs = append(fs, fmt.Sprintf("%s ×%d", f, n))
	}
	sort.Strings(fs)
	what := num(int(lines)) + " line(s)"
	if messages > 0 {
		what = num(int(messages)) + " message(s)"
		if lines > 0 {
			what = num(int(lines)) + " line(s) and " + what
		}
	}
	fmt.Fprintf(w, "scanned %s, %s value(s) in %d input(s) (%s) in %.2fs: %s alert(s)%s\n",
		what, num(int(sc.Events)), len(all), strings.Join(fs, ", "), took.Seconds(), num(int(sc.Alerts)), recorded)
	if mal.Count > 0 {
		fmt.Fprintf(w, "%s malformed line(s) or message(s) skipped, counted, not matched:\n", num(int(mal.Count)))
		for _, le := range mal.First {
			fmt.Fprintf(w, "  %s\n", le)
		}
		if mal.Count > int64(len(mal.First)) {
			fmt.Fprintf(w, "  ... and %s more\n", num(int(mal.Count)-len(mal.First)))
		}
	}
}

// recordSightings stores the scan's hits as sightings through the ingest
// path, which validates them; it returns how many were stored.
func recordSightings(ctx context.Context, e *env, st store.Store, sc *scan.Scanner, sightedBy string, inputs []string, now time.Time) (int, error) {
	bundle := scan.SightingBundle(sc.Sightings, sightedBy, inputs, now)
	src := ingest.ReaderSource("dossier scan sightings", bytes.NewReader(bundle), int64(len(bundle)))
	rep, err := ingest.Run(ctx, st, []ingest.Source{src}, ingest.Options{Strict: true, Log: e.logger()})
	if err != nil {
		return 0, err
	}
	return rep.ByType["sighting"], nil
}
