// Package linecut cuts a long text into pieces at line breaks, for the
// stages of extraction that read a text in pieces side by side: what
// they look for never holds a line break, so each piece finds exactly
// what a pass over the whole text finds between its bounds.
package linecut

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Bounds returns the bounds of up to pieces pieces of text of about
// equal length: 0, then each cut (just after a line break, strictly
// increasing, inside the text), then len(text). A text with too few line
// breaks gets fewer pieces; pieces below 2 gives one.
func Bounds(text string, pieces int) []int {
	bounds := make([]int, 1, max(pieces, 1)+1)
	for p := 1; p < pieces; p++ {
		at := p * len(text) / pieces
		j := strings.IndexByte(text[at:], '\n')
		if j < 0 {
			break
		}
		if cut := at + j + 1; cut > bounds[len(bounds)-1] && cut < len(text) {
			bounds = append(bounds, cut)
		}
	}
	return append(bounds, len(text))
}

// Pieces is how many pieces side by side a stage reads n units of work
// in (bytes, tokens, sentences), each at least minPiece: twice the
// cores, since pieces of equal size take unequal times and more of them
// keep every core busy to the end; at most 8; at least one.
func Pieces(n, minPiece int) int {
	return max(min(2*runtime.GOMAXPROCS(0), 8, n/max(minPiece, 1)), 1)
}

// Many is Pieces for work whose pieces take very unequal times (a
// sentence may make no claim or ten): eight pieces a core, at most 64,
// each at least minPiece, at least one. Run them with Run, which keeps
// each core on the next piece as soon as it is done with one, so that
// the last piece to finish holds up the others by little.
func Many(n, minPiece int) int {
	return max(min(8*runtime.GOMAXPROCS(0), 64, n/max(minPiece, 1)), 1)
}

// Run calls f for each piece p in [0, pieces), on one goroutine a core
// (or fewer), each taking the next piece as it finishes one, and waits
// for all of them. One piece runs on the caller's goroutine alone.
func Run(pieces int, f func(p int)) {
	RunWith(pieces, func() struct{} { return struct{}{} }, func(p int, _ struct{}) { f(p) })
}

// RunWith is Run for work that keeps state of its own from piece to
// piece (a memo): each goroutine makes its state with state, once, and
// hands it to f with every piece it takes.
func RunWith[S any](pieces int, state func() S, f func(p int, s S)) {
	if pieces <= 1 {
		if pieces == 1 {
			f(0, state())
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), pieces) {
		wg.Go(func() {
			s := state()
			for {
				p := int(next.Add(1) - 1)
				if p >= pieces {
					return
				}
				f(p, s)
			}
		})
	}
	wg.Wait()
}
