package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/dossier-cti/dossier/internal/store/sqlite"
)

// Version is set at build time with
// -ldflags "-X github.com/dossier-cti/dossier/internal/cli.Version=v1.2.3";
// otherwise it comes from the module's build information.
var Version = ""

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print dossier's version",
		usage:   "[--json]",
		help: `Prints the version of dossier, the VCS revision it was built from when
known, the Go version and the SQLite version.

With --json: {"version": "...", "revision": "...", "go": "...",
"sqlite": "...", "schema": N}`,
		run: runVersion,
	}
}

func buildVersion() (version, revision string) {
	version = Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		if version == "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				revision = s.Value
			}
		}
	}
	if version == "" || version == "(devel)" {
		version = "devel"
	}
	return version, revision
}

func runVersion(ctx context.Context, e *env, args []string) error {
	c := versionCommand()
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON on stdout")
	pos, err := parseArgs(e, c, fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &usageError{msg: fmt.Sprintf("version: unexpected argument %q", pos[0])}
	}
	v, rev := buildVersion()
	sv, err := sqlite.LibraryVersion(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, map[string]any{
			"version": v, "revision": rev, "go": runtime.Version(), "sqlite": sv, "schema": sqlite.MigrationCount(),
		})
	}
	fmt.Fprintf(e.stdout, "dossier %s", v)
	if rev != "" {
		fmt.Fprintf(e.stdout, " (%s)", rev)
	}
	fmt.Fprintf(e.stdout, "\n%s, SQLite %s, schema %d\n", runtime.Version(), sv, sqlite.MigrationCount())
	return nil
}
