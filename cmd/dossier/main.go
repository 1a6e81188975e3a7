// Command dossier is a threat-intelligence platform for state-sponsored
// cyber and influence operations against elections. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime"
	"syscall"

	"github.com/dossier-cti/dossier/internal/cli"
	// The heap in huge pages from the start, where page faults are
	// costly: its init runs before the packages that build tables.
	_ "github.com/dossier-cti/dossier/internal/hugeheap"
)

func main() {
	// The runtime samples the heap for a profile (a stack every 512 KB
	// allocated, kept in a table of buckets it touches page by page: 200
	// page faults of an extraction of 5 MB) that only DOSSIER_MEMPROFILE
	// writes.
	if os.Getenv("DOSSIER_MEMPROFILE") == "" {
		runtime.MemProfileRate = 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
