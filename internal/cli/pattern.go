package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/pattern"
)

// exitPatternError is the status of pattern match on an error, as grep's.
const exitPatternError = 2

// Limits of pattern match: it holds every observed-data in memory.
const (
	maxMatchBytes        = 1 << 30 // input read, all files together
	maxMatchObservations = 1_000_000
)

func patternCommand() *command {
	return &command{
		name:    "pattern",
		summary: "check STIX patterns, and match them against observed-data",
		usage:   "check|match ...",
		help:    patternHelp,
		run:     runPattern,
	}
}

const patternHelp = `STIX Patterning, the language of STIX indicators, checked and run.

  dossier pattern check PATTERN...        is each pattern valid? (like a linter)
  dossier pattern match PATTERN FILE...   does it match this observed-data? (like grep)

"dossier pattern check --help" and "dossier pattern match --help" say more.

A pattern is one or more observation expressions in brackets, each a
comparison of an object path (type:property) with a constant:

  [domain-name:value = 'evil.example']
  [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']
  [ipv4-addr:value ISSUBSET '198.51.100.0/24']
  [url:value LIKE 'http://evil.example/%' OR url:value MATCHES '^https?://[^/]*\\.evil\\.example/']
  [email-message:from_ref.value MATCHES '@evil\\.example$' AND email-message:subject LIKE '%invoice%']
  [network-traffic:dst_ref.value = '203.0.113.5' AND network-traffic:dst_port = 443]
  ([domain-name:value = 'evil.example'] FOLLOWEDBY [ipv4-addr:value = '203.0.113.5']) WITHIN 300 SECONDS
  [file:name = 'dropper.exe'] REPEATS 3 TIMES
  [user-account:user_id = 'admin'] START t'2024-11-01T00:00:00Z' STOP t'2024-11-06T00:00:00Z'

Comparisons: =, != (and == and <>), <, <=, >, >=, IN ('a', 'b'), LIKE
(% any run, _ one character), MATCHES (a regular expression, found
anywhere in the value unless anchored with ^ or $; Go's RE2 syntax),
ISSUBSET and ISSUPERSET (IP addresses and CIDR blocks), EXISTS path.
NOT goes before the operator: file:name NOT LIKE '%.pdf'. Comparisons join
with AND (the same object must satisfy both) and OR, grouped with ().

Constants: 'strings' (\' and \\ are the only escapes: write a backslash
as \\, so a regular expression's \. is written \\.), 42, -1.5, true,
false, t'2024-01-01T00:00:00Z' (a timestamp), h'ffd8' (hex bytes),
b'SGVsbG8=' (base64 bytes).

Object paths: file:name, file:hashes.MD5, file:hashes.'SHA-256' (quote
keys with hyphens), file:extensions.'windows-pebinary-ext'.sections[*].entropy
(any list element), x_list[0] (one element), and references followed
through the observed-data's objects: network-traffic:src_ref.value.

Observation expressions join with AND (two observations), OR, and
FOLLOWEDBY (the left one first), and take qualifiers: WITHIN n SECONDS,
REPEATS n TIMES, START t'...' STOP t'...'. A qualifier applies to the
expression just before it: [a] FOLLOWEDBY [b] WITHIN 60 SECONDS limits
[b] alone; write ([a] FOLLOWEDBY [b]) WITHIN 60 SECONDS.

Type rules: a comparison of different types (a string with a number) is
false, and its != or NOT form true; = compares code points exactly; LIKE
and MATCHES compare Unicode NFC forms.`

const patternCheckHelp = `Checks each PATTERN (or, with -, each line of standard input) against
the STIX 2.1 Patterning grammar and the rules for its constants: hash
values of the length their algorithm gives (an MD5 is 32 hex digits, a
SHA-256 64), timestamps that are real RFC 3339 instants in UTC, valid
base64 and hex, IP addresses and CIDR blocks for ISSUBSET and ISSUPERSET,
and regular expressions that Go's RE2 can run (lookaround,
backreferences, possessive quantifiers and atomic groups are refused).

A valid pattern is printed in canonical form on standard output; an
invalid one is explained on standard error with its position. Parts of a
valid pattern that can never match are warned about on standard error.

Exit status: 0 all valid, 1 some invalid, like a linter.

Examples:
  dossier pattern check "[domain-name:value = 'evil.example']"
  dossier pattern check "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb']"
      -> column 20: '79054025255fb1a26e4bc422aef54eb' is not a MD5 hash: expected 32 hex digits, found 31 characters
  jq -r '.objects[] | select(.type == "indicator") | .pattern' bundle.json | dossier pattern check -`

const patternMatchHelp = `Matches PATTERN against the observed-data in each FILE (- for standard
input). A file holds one STIX object, a JSON array of objects, or a
bundle, STIX 2.0 or 2.1. Observed-data need only first_observed,
last_observed, number_observed and their objects: a STIX 2.0 objects
dictionary, or STIX 2.1 object_refs to the cyber-observable objects in
the same input. Objects of any type are matched as they come, custom
ones included.

All the observed-data of all files are matched together, in timestamp
order, so FOLLOWEDBY, WITHIN and REPEATS work across files. An
observed-data with number_observed n counts as n observations.

Each match is printed as one line per observation expression:
  observed-data id, first_observed, the object that matched, the expression
with "--" between matches of patterns that bind several observations.
With --json: {"pattern": ..., "matches": [{"observed_data": [ids],
"bindings": [{"expression", "observed_data", "object", "first_observed",
"last_observed"}]}]}.

With -f FILE, every pattern of FILE (one per line, like grep -f) is
matched in one pass over the observed-data, replayed in timestamp order
as a stream: patterns that are a single equality go into a hash index
and the others are filtered by the object types and properties they
compare. Each output line then starts with FILE:LINE of the pattern.

Exit status, like grep: 0 something matched, 1 nothing matched, 2 an
error (an invalid pattern, an unreadable file). Observed-data that cannot
be used are reported on standard error and skipped.

Examples:
  dossier pattern match "[domain-name:value = 'evil.example']" observed.json
  dossier pattern match --json "[ipv4-addr:value ISSUBSET '203.0.113.0/24'] REPEATS 3 TIMES WITHIN 60 SECONDS" day1.json day2.json
  dossier pattern match -f indicators.txt observed/*.json
  cat bundle.json | dossier pattern match -q "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4']" - && echo seen`

func runPattern(ctx context.Context, e *env, args []string) error {
	c := patternCommand()
	if len(args) == 0 {
		return &usageError{msg: "pattern: say check or match", hint: "dossier pattern --help explains both"}
	}
	switch args[0] {
	case "check":
		return runPatternCheck(ctx, e, args[1:])
	case "match":
		return runPatternMatch(ctx, e, args[1:])
	case "-h", "--help", "-help", "help":
		printCommandHelp(e.stdout, c, flag.NewFlagSet("pattern", flag.ContinueOnError))
		return nil
	}
	return &usageError{msg: fmt.Sprintf("pattern: unknown subcommand %q", args[0]), hint: "dossier pattern check PATTERN... or dossier pattern match PATTERN FILE..."}
}

// checkResult is one pattern's verdict in pattern check --json.
type checkResult struct {
	Pattern   string       `json:"pattern"`
	Valid     bool         `json:"valid"`
	Canonical string       `json:"canonical,omitempty"`
	Warnings  []string     `json:"warnings,omitempty"`
	Error     *checkDetail `json:"error,omitempty"`
}

type checkDetail struct {
	Message string `json:"message"`
	Offset  int    `json:"offset"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

func runPatternCheck(ctx context.Context, e *env, args []string) error {
	c := &command{name: "pattern check", usage: "[--json] PATTERN...|-", help: patternCheckHelp}
	fs := flag.NewFlagSet("pattern check", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON verdict per pattern on stdout")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return &usageError{msg: "pattern check: give a pattern (or - to read one per line from standard input)", hint: `dossier pattern check "[domain-name:value = 'evil.example']"`}
	}
	var pats []string
	for _, p := range pos {
		if p != "-" {
			pats = append(pats, p)
			continue
		}
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64<<10), pattern.MaxPatternBytes+1)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				pats = append(pats, line)
			}
		}
		if err := sc.Err(); err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("pattern check: standard input: %w", err)}
		}
	}
	invalid := 0
	var results []checkResult
	for _, src := range pats {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := checkResult{Pattern: src}
		p, err := pattern.Compile(src)
		if err != nil {
			invalid++
			var pe *pattern.Error
			if !errors.As(err, &pe) {
				return err
			}
			res.Error = &checkDetail{Message: pe.Msg, Offset: pe.Offset, Line: pe.Line, Column: pe.Column}
			if !*asJSON {
				fmt.Fprintf(e.stderr, "dossier: pattern check: %s\n%s", strings.TrimPrefix(pe.Error(), "pattern: "), caret(src, pe))
			}
		} else {
			res.Valid = true
			res.Canonical = p.Tree().String()
			res.Warnings = p.Warnings()
			if !*asJSON {
				fmt.Fprintln(e.stdout, res.Canonical)
				for _, w := range res.Warnings {
					fmt.Fprintf(e.stderr, "dossier: pattern check: warning: %s\n", w)
				}
			}
		}
		results = append(results, res)
	}
	if *asJSON {
		for _, r := range results {
			if err := writeJSON(e.stdout, r); err != nil {
				return err
			}
		}
	}
	if invalid > 0 {
		if len(pats) > 1 && !*asJSON {
			fmt.Fprintf(e.stderr, "dossier: pattern check: %d of %d patterns invalid\n", invalid, len(pats))
		}
		return &exitError{code: ExitError}
	}
	return nil
}

// caret shows the line of src where pe is, with a caret under the
// position; long lines are cut around it.
func caret(src string, pe *pattern.Error) string {
	lines := strings.Split(src, "\n")
	if pe.Line < 1 || pe.Line > len(lines) {
		return ""
	}
	line := []rune(strings.ReplaceAll(lines[pe.Line-1], "\t", " "))
	col := pe.Column - 1
	const width = 100
	start := 0
	if col > width-20 {
		start = col - (width - 20)
	}
	end := min(len(line), start+width)
	if col > len(line) {
		col = len(line)
	}
	prefix := "  "
	if start > 0 {
		prefix = "  ..."
	}
	return prefix + string(line[start:end]) + "\n" + strings.Repeat(" ", len(prefix)+utf8.RuneCountInString(string(line[start:col]))) + "^\n"
}

// matchJSON is the output of pattern match --json.
type matchJSON struct {
	Pattern string          `json:"pattern,omitempty"`
	Matches []matchJSONItem `json:"matches"`
}

type matchJSONItem struct {
	Pattern      string        `json:"pattern,omitempty"` // with -f
	Where        string        `json:"where,omitempty"`   // with -f: FILE:LINE of the pattern
	ObservedData []string      `json:"observed_data"`
	Bindings     []bindingJSON `json:"bindings"`
}

type bindingJSON struct {
	Expression    string `json:"expression"`
	ObservedData  string `json:"observed_data"`
	Object        string `json:"object"`
	FirstObserved string `json:"first_observed"`
	LastObserved  string `json:"last_observed"`
}

func runPatternMatch(ctx context.Context, e *env, args []string) error {
	c := &command{name: "pattern match", usage: "[--json] [-q] PATTERN FILE...|-  or  -f PATTERNS FILE...", help: patternMatchHelp}
	fs := flag.NewFlagSet("pattern match", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the matched observed-data ids and bindings as JSON")
	quiet := fs.Bool("q", false, "print nothing; the exit status says whether something matched")
	patFile := fs.String("f", "", "match every pattern of `FILE`, one per line (blank lines and lines starting with # are skipped)")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			return grepUsage(e, ue)
		}
		return err
	}
	var (
		srcs  []string // the patterns
		where []string // where each comes from, for messages
		files = pos
	)
	if *patFile == "" {
		if len(pos) < 2 {
			return grepUsage(e, &usageError{msg: "pattern match: give a pattern and at least one file (- for standard input)", hint: `dossier pattern match "[domain-name:value = 'evil.example']" observed.json`})
		}
		srcs, where, files = pos[:1], []string{""}, pos[1:]
	} else {
		if len(pos) < 1 {
			return grepUsage(e, &usageError{msg: "pattern match: give at least one file of observed-data (- for standard input)", hint: "dossier pattern match -f patterns.txt observed.json"})
		}
		if srcs, where, err = readPatternFile(*patFile); err != nil {
			return &exitError{code: exitPatternError, err: fmt.Errorf("pattern match: %w", err)}
		}
	}
	pats := make([]*pattern.Pattern, len(srcs))
	for i, src := range srcs {
		p, err := pattern.Compile(src)
		if err != nil {
			var pe *pattern.Error
			if errors.As(err, &pe) {
				fmt.Fprintf(e.stderr, "dossier: pattern match: %s%s\n%s", where[i], strings.TrimPrefix(pe.Error(), "pattern: "), caret(src, pe))
				return &exitError{code: exitPatternError}
			}
			return &exitError{code: exitPatternError, err: err}
		}
		for _, w := range p.Warnings() {
			fmt.Fprintf(e.stderr, "dossier: pattern match: %swarning: %s\n", where[i], w)
		}
		pats[i] = p
	}
	var (
		all    []*pattern.Observation
		labels = map[*pattern.Observation]string{}
		budget = &byteBudget{left: maxMatchBytes}
	)
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		obs, err := readObservedFile(e, name, budget)
		if err != nil {
			return &exitError{code: exitPatternError, err: fmt.Errorf("pattern match: %w", err)}
		}
		for k, o := range obs {
			labels[o] = o.ID
			if o.ID == "" {
				labels[o] = fmt.Sprintf("%s#%d", name, k+1)
			}
		}
		all = append(all, obs...)
		if len(all) > maxMatchObservations {
			return &exitError{code: exitPatternError, err: fmt.Errorf("pattern match: more than %d observed-data: split the input", maxMatchObservations)}
		}
	}
	pattern.SortObservations(all)
	found, err := findMatches(ctx, pats, all)
	if err != nil {
		return &exitError{code: exitPatternError, err: fmt.Errorf("pattern match: %w", err)}
	}
	switch {
	case *quiet:
	case *asJSON:
		out := matchJSON{Matches: []matchJSONItem{}}
		if *patFile == "" {
			out.Pattern = srcs[0]
		}
		for _, f := range found {
			exprs := pats[f.pat].Expressions()
			item := matchJSONItem{}
			if *patFile != "" {
				item.Pattern, item.Where = srcs[f.pat], strings.TrimSuffix(where[f.pat], ": ")
			}
			for _, o := range f.obs {
				item.ObservedData = append(item.ObservedData, labels[o])
			}
			for _, b := range f.binds {
				o := f.obs[b.Observation]
				item.Bindings = append(item.Bindings, bindingJSON{
					Expression: exprs[b.Expr], ObservedData: labels[o], Object: b.Object,
					FirstObserved: stampOf(o.FirstObserved), LastObserved: stampOf(o.LastObserved),
				})
			}
			out.Matches = append(out.Matches, item)
		}
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	default:
		w := bufio.NewWriter(e.stdout)
		for i, f := range found {
			p := pats[f.pat]
			if i > 0 && (!p.SingleObservation() || !pats[found[i-1].pat].SingleObservation()) {
				fmt.Fprintln(w, "--")
			}
			exprs := p.Expressions()
			for _, b := range f.binds {
				o := f.obs[b.Observation]
				if *patFile != "" {
					fmt.Fprintf(w, "%s\t", strings.TrimSuffix(where[f.pat], ": "))
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", labels[o], stampOf(o.FirstObserved), b.Object, exprs[b.Expr])
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if len(found) == 0 {
		return &exitError{code: ExitError}
	}
	return nil
}

// found is one match of one pattern.
type found struct {
	pat   int
	obs   []*pattern.Observation
	binds []pattern.Binding // Observation indexes obs
}

// findMatches matches one pattern over all observations, or many through a
// pattern.Set, replaying the observations in order as a stream.
func findMatches(ctx context.Context, pats []*pattern.Pattern, all []*pattern.Observation) ([]found, error) {
	var out []found
	if len(pats) == 1 {
		ms, err := pats[0].MatchAll(all)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			f := found{binds: m.Bindings}
			index := map[int]int{}
			for _, j := range m.Observations {
				index[j] = len(f.obs)
				f.obs = append(f.obs, all[j])
			}
			for i := range f.binds {
				f.binds[i].Observation = index[f.binds[i].Observation]
			}
			out = append(out, f)
		}
		return out, nil
	}
	set := pattern.NewSet()
	set.MaxBuffered = 100_000
	for i, p := range pats {
		set.AddPattern(strconv.Itoa(i), p)
	}
	var dst []pattern.SetMatch
	for k, o := range all {
		if k%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var err error
		if dst, err = set.Match(o, dst[:0]); err != nil {
			return nil, err
		}
		for _, m := range dst {
			i, _ := strconv.Atoi(m.ID)
			out = append(out, found{pat: i, obs: m.Observations, binds: m.Bindings})
		}
	}
	return out, nil
}

// readPatternFile reads patterns one per line; blank lines and lines
// starting with # are skipped.
func readPatternFile(name string) (srcs, where []string, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), pattern.MaxPatternBytes+1)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		srcs = append(srcs, t)
		where = append(where, fmt.Sprintf("%s:%d: ", name, line))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(srcs) == 0 {
		return nil, nil, fmt.Errorf("%s: no patterns", name)
	}
	return srcs, where, nil
}

func stampOf(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// grepUsage reports a usage error with grep's status 2.
func grepUsage(e *env, ue *usageError) error {
	msg := ue.msg
	if ue.hint != "" {
		msg += "\n  " + ue.hint
	}
	return &exitError{code: exitPatternError, err: errors.New(msg)}
}

// byteBudget bounds the input read across all files.
type byteBudget struct{ left int64 }

type budgetReader struct {
	r io.Reader
	b *byteBudget
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if r.b.left <= 0 {
		return 0, fmt.Errorf("input larger than the limit of %d MiB", maxMatchBytes>>20)
	}
	if int64(len(p)) > r.b.left {
		p = p[:r.b.left]
	}
	n, err := r.r.Read(p)
	r.b.left -= int64(n)
	return n, err
}

// readObservedFile reads the observed-data of one file (- for standard
// input); observed-data that cannot be used are reported and skipped.
func readObservedFile(e *env, name string, budget *byteBudget) ([]*pattern.Observation, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	obs, bad, err := pattern.ReadObservations(bufio.NewReaderSize(&budgetReader{r: r, b: budget}, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, b := range bad {
		fmt.Fprintf(e.stderr, "dossier: pattern match: %s: skipped %v\n", name, b)
	}
	for _, o := range obs {
		if len(o.Missing) > 0 {
			fmt.Fprintf(e.stderr, "dossier: pattern match: %s: %s refers to objects the input lacks: %s\n", name, o.ID, strings.Join(o.Missing, " "))
		}
	}
	return obs, nil
}
