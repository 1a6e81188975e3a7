package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/dossier-cti/dossier/internal/ingest"
)

// isTerminal reports whether w is a terminal; progress bars are drawn only
// there, so pipes and logs never receive them.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// startProgress draws an ingest's progress on w (a terminal) ten times a
// second until the returned function is called, which clears the line.
func startProgress(w io.Writer, p *ingest.Progress) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	start := time.Now()
	go func() {
		defer wg.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-t.C:
				fmt.Fprint(w, "\r\033[K"+progressLine(p, time.Since(start), terminalWidth(w)))
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 20 {
			return cols
		}
	}
	return 80
}

// progressLine renders: "ingest [2/5] attack.json ███████░░░ 67% 34.2/50.7 MB 15,203 objects 1.2s".
func progressLine(p *ingest.Progress, elapsed time.Duration, width int) string {
	name := ""
	if s := p.Source.Load(); s != nil {
		name = filepath.Base(*s)
	}
	if len(name) > 30 {
		name = name[:29] + "…"
	}
	done, total := p.Bytes.Load(), p.Total.Load()
	var sb strings.Builder
	fmt.Fprintf(&sb, "ingest ")
	if n := p.Sources.Load(); n > 1 {
		fmt.Fprintf(&sb, "[%d/%d] ", p.SourceNum.Load(), n)
	}
	sb.WriteString(name + " ")
	if total > 0 {
		frac := float64(done) / float64(total)
		if frac > 1 {
			frac = 1
		}
		const barWidth = 20
		filled := int(frac * barWidth)
		sb.WriteString(strings.Repeat("█", filled) + strings.Repeat("░", barWidth-filled))
		fmt.Fprintf(&sb, " %3.0f%% %s/%s", frac*100, mb(done), mb(total))
	} else {
		fmt.Fprintf(&sb, "%s", mb(done))
	}
	fmt.Fprintf(&sb, " %s objects %.1fs", num(int(p.Objects.Load())), elapsed.Seconds())
	line := sb.String()
	if r := []rune(line); len(r) >= width {
		line = string(r[:width-1])
	}
	return line
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
