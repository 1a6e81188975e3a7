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
package ahead

import (
	"os"

	"github.com/dossier-cti/dossier/internal/extract/names"
	"github.com/dossier-cti/dossier/internal/heapstart"
)

func init() {
	if extracts(os.Args[1:]) {
		// The extraction's heap start comes first: the recogniser's
		// parts are megabytes, which at the runtime's first goals
		// (4 MB, 8 MB, ...) would set collections going in the
		// middle of the inits, and slow them more than the parts save.
		// extract's own heapstart.Start then finds this one in force.
		heapstart.Start(os.Getenv, heapstart.Extraction)
		names.Prestart()
	}
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
