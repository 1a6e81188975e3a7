// Package cli is dossier's command line: global flags, one file per
// subcommand, and the one place where errors become exit statuses. It runs
// in-process with any reader and writers, so tests drive it with buffers.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"slices"
	"strings"
)

// Exit statuses, the same for every command (see DESIGN.md).
const (
	ExitOK      = 0 // done, nothing to report
	ExitError   = 1 // error: bad input, bad usage, not found
	ExitPartial = 2 // partly done: some objects rejected, the rest kept and listed
	ExitAlerts  = 3 // scan found alerts
)

// DefaultDB is the database used when neither --db nor DOSSIER_DB says.
const DefaultDB = "dossier.db"

// env is what a command runs with: its streams and the global settings.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	log    *slog.Logger

	db       string // database path
	logLevel string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // arguments, e.g. "[flags] PATH..."
	help    string // the long explanation shown by --help
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []*command {
	return []*command{
		ingestCommand(),
		statsCommand(),
		searchCommand(),
		showCommand(),
		exportCommand(),
		actorCommand(),
		extractCommand(),
		scanCommand(), protectCommand(),
		patternCommand(),
		versionCommand(),
	}
}

// Main runs dossier with the given arguments (without the program name) and
// returns the exit status. (The process's heap profiling, which only
// DOSSIER_MEMPROFILE writes, is off from its first package
// initialisations on: see package memprofile, which the command imports.)
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return MainEnv(ctx, args, stdin, stdout, stderr, os.Getenv)
}

// MainEnv is Main with the environment given explicitly (for tests).
func MainEnv(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	out := &watchedWriter{w: stdout}
	e := &env{stdin: stdin, stdout: out, stderr: stderr, getenv: getenv}
	err := run(ctx, e, args)
	if (err == nil || err == errHelpShown) && out.err != nil {
		// A command that printed its output without checking each
		// write: what it printed is cut short, which is no success.
		err = &exitError{code: ExitError, err: fmt.Errorf("writing standard output: %w", out.err)}
	}
	return report(e, err)
}

// watchedWriter is standard output, with the first error a write to it
// returned kept: a command that ignores it (a full disk, a closed pipe)
// still fails.
type watchedWriter struct {
	w   io.Writer
	err error
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

func run(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("dossier", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addGlobalFlags(fs, e)
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	// Global flags come before the command; the command's own flag set
	// accepts them too, so they may also come after it.
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			*help = true
		} else {
			return &usageError{msg: err.Error(), hint: "dossier --help lists the commands and global flags"}
		}
	}
	rest := fs.Args()
	if *help || len(rest) == 0 {
		printMainHelp(e.stdout)
		if len(rest) == 0 && !*help {
			return &usageError{msg: "no command given"}
		}
		return nil
	}
	name := rest[0]
	if name == "help" {
		if len(rest) < 2 {
			printMainHelp(e.stdout)
			return nil
		}
		c := findCommand(rest[1])
		if c == nil {
			return unknownCommand(rest[1])
		}
		c.run(ctx, e, []string{"--help"})
		return nil
	}
	c := findCommand(name)
	if c == nil {
		return unknownCommand(name)
	}
	return c.run(ctx, e, rest[1:])
}

func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func unknownCommand(name string) error {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	hint := "commands: " + strings.Join(names, ", ")
	if s := closest(name, names); s != "" {
		hint = fmt.Sprintf("did you mean %q? %s", s, hint)
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q", name), hint: hint}
}

// closest returns the name nearest to s by edit distance, if near enough.
func closest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(s, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// addGlobalFlags registers the flags every command accepts.
func addGlobalFlags(fs *flag.FlagSet, e *env) {
	fs.Func("db", "database `PATH` (default $DOSSIER_DB or ./"+DefaultDB+")", func(s string) error {
		if s == "" {
			return errors.New("empty path")
		}
		e.db = s
		return nil
	})
	fs.Func("log-level", "log `LEVEL` on stderr: debug, info, warn or error (default warn)", func(s string) error {
		switch strings.ToLower(s) {
		case "debug", "info", "warn", "error":
			e.logLevel = strings.ToLower(s)
			return nil
		}
		return fmt.Errorf("unknown log level %q (debug, info, warn, error)", s)
	})
}

// dbPath returns the database path the flags and environment choose.
func (e *env) dbPath() string {
	if e.db != "" {
		return e.db
	}
	if p := e.getenv("DOSSIER_DB"); p != "" {
		return p
	}
	return DefaultDB
}

// logger builds the one logger of this run.
// startCPUProfile writes a CPU profile of the command to the file
// DOSSIER_CPUPROFILE names, for performance reports; without it, it does
// nothing. The function it returns ends the profile.
//
// DOSSIER_TRACE likewise names a file for an execution trace (go tool
// trace), which shows what ran on which core when: the wall-clock path
// a CPU profile does not. DOSSIER_MEMPROFILE names one for the profile
// of what the command allocated (go tool pprof -sample_index=alloc_space),
// written when it ends: the memory the collector then clears again.
func startCPUProfile(e *env, cmd string) (func(), error) {
	stops := []func(){}
	var memTo io.Writer // DOSSIER_MEMPROFILE's file, written at the end
	stop := func() {
		for _, s := range slices.Backward(stops) {
			s()
		}
	}
	for _, v := range []struct {
		name  string
		start func(io.Writer) error
		end   func()
	}{
		{"DOSSIER_CPUPROFILE", pprof.StartCPUProfile, pprof.StopCPUProfile},
		{"DOSSIER_TRACE", trace.Start, trace.Stop},
		{"DOSSIER_MEMPROFILE", func(w io.Writer) error { memTo = w; return nil }, func() {
			// The profile is as of the last collection: without one
			// here it would leave out what was allocated since (for
			// an extraction, the whole bundle's building).
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(memTo, 0); err != nil {
				fmt.Fprintf(e.stderr, "dossier %s: DOSSIER_MEMPROFILE: %v\n", cmd, err)
			}
		}},
	} {
		p := e.getenv(v.name)
		if p == "" {
			continue
		}
		f, err := os.Create(p)
		if err == nil {
			if err = v.start(f); err != nil {
				f.Close()
			}
		}
		if err != nil {
			stop()
			return nil, &exitError{code: ExitError, err: fmt.Errorf("%s: %s: %w", cmd, v.name, err)}
		}
		stops = append(stops, func() {
			v.end()
			f.Close()
		})
	}
	return stop, nil
}

func (e *env) logger() *slog.Logger {
	if e.log != nil {
		return e.log
	}
	lvl := slog.LevelWarn
	switch e.logLevel {
	case "debug":
		lvl = slog.LevelDebug
	case "info":
		lvl = slog.LevelInfo
	case "error":
		lvl = slog.LevelError
	}
	e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: lvl}))
	return e.log
}

// usageError is a mistake in how dossier was called.
type usageError struct {
	msg  string
	hint string
}

func (e *usageError) Error() string { return e.msg }

// exitError carries an explicit exit status; msg may be empty when the
// command already said everything.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// report prints err (if any) and returns the exit status it stands for.
// This is the one place where errors become exit statuses.
func report(e *env, err error) int {
	if err == nil {
		return ExitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "dossier: %s\n", ue.msg)
		if ue.hint != "" {
			fmt.Fprintf(e.stderr, "  %s\n", ue.hint)
		}
		return ExitError
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.err != nil && xe.err.Error() != "" {
			fmt.Fprintf(e.stderr, "dossier: %s\n", xe.err)
		}
		return xe.code
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "dossier: interrupted")
		return ExitError
	}
	fmt.Fprintf(e.stderr, "dossier: %s\n", err)
	return ExitError
}

const mainHelp = `dossier — threat intelligence on state-sponsored cyber and influence
operations against elections, kept as STIX 2.1.

Usage:
  dossier [--db PATH] COMMAND [ARGS] [FLAGS]

Commands:
%s
Global flags (before or after the command):
  --db PATH          database file (default $DOSSIER_DB, else ./dossier.db)
  --log-level LEVEL  debug, info, warn or error, on stderr (default warn)
  -h, --help         this help; "dossier COMMAND --help" explains a command

Exit status: 0 done; 1 error (bad input, bad usage, not found);
2 partly done (some objects rejected, the rest kept and listed);
3 scan found alerts.

Start with:
  dossier ingest examples/           # load the sample reports shipped with dossier
  dossier actor "Mint Sandstorm"     # who is it, across vendors' names
  dossier show "APT1"                # an object by name, alias, ATT&CK id or STIX id
`

func printMainHelp(w io.Writer) {
	var sb strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&sb, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainHelp, sb.String())
}

func printCommandHelp(w io.Writer, c *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: dossier %s %s\n\n%s\n", c.name, c.usage, strings.TrimRight(c.help, "\n"))
	var flags strings.Builder
	fs.VisitAll(func(f *flag.Flag) {
		switch f.Name {
		case "db", "log-level", "help", "h":
			return
		}
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if len(f.Name) == 1 {
			left = "-" + f.Name // one-letter flags read like grep's: -f, -q
		}
		if name != "" {
			left += " " + name
		}
		fmt.Fprintf(&flags, "  %-20s %s", left, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			fmt.Fprintf(&flags, " (default %s)", f.DefValue)
		}
		flags.WriteByte('\n')
	})
	if flags.Len() > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", flags.String())
	}
	fmt.Fprint(w, `
Global flags:
  --db PATH          database file (default $DOSSIER_DB, else ./dossier.db)
  --log-level LEVEL  debug, info, warn or error (default warn)
`)
}

// parseArgs parses a command's flags, which may come before or after its
// positional arguments; everything after "--" is positional. --help prints
// the command's help and returns errHelpShown.
func parseArgs(e *env, c *command, fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	addGlobalFlags(fs, e)
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	var tail []string
	for i, a := range args {
		if a == "--" {
			tail = args[i+1:]
			args = args[:i]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				*help = true
				break
			}
			return nil, &usageError{msg: fmt.Sprintf("%s: %v", c.name, err), hint: fmt.Sprintf("dossier %s --help explains its flags", c.name)}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if *help {
		printCommandHelp(e.stdout, c, fs)
		return nil, errHelpShown
	}
	return append(pos, tail...), nil
}

// errHelpShown ends a command successfully after its help was printed.
var errHelpShown = &exitError{code: ExitOK}
