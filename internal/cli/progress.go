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
	head := "ingest "
	if n := p.Sources.Load(); n > 1 {
		head += fmt.Sprintf("[%d/%d] ", p.SourceNum.Load(), n)
	}
	head += name + " "
	tail := fmt.Sprintf(" %s objects %.1fs", num(int(p.Objects.Load())), elapsed.Seconds())
	if total <= 0 {
		return fit(head+mb(done)+tail, width)
	}
	frac := float64(done) / float64(total)
	if frac > 1 {
		frac = 1
	}
	mid := fmt.Sprintf(" %3.0f%% %s/%s", frac*100, mb(done), mb(total))
	// The bar takes what room is left, 5 to 20 cells.
	barWidth := width - 1 - len([]rune(head+mid+tail))
	barWidth = max(5, min(20, barWidth))
	filled := int(frac * float64(barWidth))
	bar := strings.Repeat("█", filled) + strings.Repeat("░", barWidth-filled)
	return fit(head+bar+mid+tail, width)
}

// fit cuts line to fewer than width columns.
func fit(line string, width int) string {
	if r := []rune(line); len(r) >= width {
		return string(r[:width-1])
	}
	return line
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
