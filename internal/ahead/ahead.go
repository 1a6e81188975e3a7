// Package ahead starts work that the command on the command line will
// need while the Go runtime is still initialising the program's
// packages. Those inits run one after another on one core, for some ten
// milliseconds of every run of dossier (regular expressions, tables,
// the libraries' own); the other core is idle meanwhile.
//
// dossier's command imports it for its init. Its import path sorts
// before most of the program's, and it needs only the name recogniser's
// package and heapstart, so the runtime initialises it as soon as those
// are: about halfway through the inits.
//
// What it starts is only ever a head start: the command makes what it
// needs all the same (once, sharing what is made already), whatever
// this package guessed from the command line.
package ahead

import (
	"os"
	"strings"

	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/heapstart"
)

func init() {
	args := os.Args[1:]
	if !extracts(args) {
		return
	}
	// The extraction's heap start comes first: the recogniser is
	// megabytes, which at the runtime's first goals (4 MB, 8 MB, ...)
	// would set collections going in the middle of the inits, and slow
	// them more than the head start saves. extract's own
	// heapstart.Start then finds this one in force.
	heapstart.Start(os.Getenv, heapstart.Extraction)
	// Without a database the recogniser is the built-in knowledge's
	// alone, made whole here; with one, its actors join the alias graph
	// after the database is opened, and only the parts that need the
	// pack alone are made here.
	_, err := os.Stat(dbPath(args, os.Getenv))
	names.Prestart(os.IsNotExist(err))
}

// extracts reports whether a command line (without the program's name)
// may run `dossier extract`, which builds the name recogniser of the
// built-in knowledge first thing: any argument is "extract". When
// "extract" was another word (`dossier search extract`), what is made is
// made for nothing, on the core the inits leave idle, and the heap of
// that one command starts large.
func extracts(args []string) bool {
	for _, a := range args {
		if a == "extract" {
			return true
		}
	}
	return false
}

// dbPath is the database a command line names as cli reads it: the last
// --db (or -db) before the command or after it, else $DOSSIER_DB, else
// dossier.db. A guess that is wrong costs only the head start.
func dbPath(args []string, getenv func(string) string) string {
	path := ""
	for i := 0; i < len(args); i++ {
		a := strings.TrimPrefix(strings.TrimPrefix(args[i], "-"), "-")
		switch {
		case a == "db" && i+1 < len(args):
			path = args[i+1]
			i++
		case strings.HasPrefix(a, "db="):
			path = a[len("db="):]
		case args[i] == "--":
			i = len(args)
		}
	}
	if path != "" {
		return path
	}
	if p := getenv("DOSSIER_DB"); p != "" {
		return p
	}
	return "dossier.db"
}
