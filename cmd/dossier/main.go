// Command dossier is a threat-intelligence platform for state-sponsored
// cyber and influence operations against elections. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	// No heap profiling but on request, from the start.
	_ "github.com/dossier-cti/dossier/internal/memprofile"
	// What extraction needs first is started while the other packages
	// initialise (see package ahead).
	_ "github.com/dossier-cti/dossier/internal/ahead"
	"github.com/dossier-cti/dossier/internal/cli"
	// The heap in huge pages from the start, where page faults are
	// costly: its init runs before the packages that build tables.
	"github.com/dossier-cti/dossier/internal/hugeheap"
)

func main() {
	hugeheap.Release() // what the init held to keep the inits' heap in huge pages
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
