package document

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/yuin/goldmark/ast"
)

// A long Markdown section is parsed in pieces side by side, one goldmark
// parse a core, while the pieces already parsed are rendered in order:
// parsing is most of the reading's work, and what the syntax tree of the
// whole section would be is the pieces' trees one after another, when
// the section is cut only where no block can span the cut (cutPoints).
//
// A cut point is the start of a line L of one of three kinds:
//
//   - L follows a blank line ("\n" or "\r\n") and starts at its first
//     column with a character that opens no container and continues none
//     (markdownCutStart): not a space or tab (an indented line may
//     continue a list item or an indented code block), not a list marker
//     (- + * or a digit, which may continue a list), not > (a block
//     quote). After a blank line no paragraph is open, so L is no lazy
//     continuation line either.
//   - L is an ATX heading ("# Title") at its first column. A heading
//     interrupts a paragraph, is never a lazy continuation line, and is
//     not indented enough to continue a list item. Reports often have no
//     blank lines at all (AnnoCTR's texts), only headings.
//   - L opens a fenced code block at its first column, outside one,
//     for the same reasons.
//
// Any of them closes whatever paragraph, list, list item, block quote or
// indented code block is still open, and starts a block at the top level,
// as it would at the start of a document. Only two kinds of block stay
// open across L: a fenced code block, and an HTML block (of any kind when
// L is a heading, as no blank line ended it; of the kinds that end at a
// closing mark, <!-- -->, <script> and the like, after a blank line), both
// at the top level (in a container they end with it). Those cannot be
// told from the text alone without parsing it all, so each piece's tree
// is checked instead (openAtEnd): a piece whose last top-level block is
// one of those and is still open at the piece's end holds content that
// the whole parse gives to that block, and the rest of the section is
// then parsed whole.
//
// Link reference definitions are the one thing of a Markdown document
// that is not local to its blocks (a link may use a definition made
// anywhere): a section that may hold one (it has "]:" in it, which every
// definition has, right after its label) is never cut.
//
// Everything else goldmark keeps while parsing (the parse context's
// caches) is either reset by the block that uses it or keyed by positions
// that only grow, and the inline parsers read no further back than the
// start of their block; both parses give the same tree, node for node,
// with positions relative to the piece (but for the flag that says a
// blank line came before a block, which goldmark sets on a document's
// first block, reads only for the children of list items, and the
// renderer not at all). The renderer reads each piece's
// tree with the piece as its source, so the text, links, title and
// warnings come out as from the whole section. TestMarkdownPieces and
// FuzzMarkdownPieces compare the two on every test document and on
// arbitrary input.

// markdownSplit says when and how finely sections are cut into pieces.
type markdownSplit struct {
	section   int // sections are at most this long (0: markdownSection)
	ahead     int // bytes of the next section parsed while one is written (0: a quarter of a section)
	workers   int // parses at once; under 2, sections are parsed whole
	minSec    int // sections shorter than this are parsed whole
	minPiece  int // pieces are at least this long, but the last
	perWorker int // pieces are about a section's length / workers / perWorker long, or longer; 0: no such floor
}

// defaultSplit parses a section over 256 KiB in pieces of at least 64 KiB,
// about four a worker (a few, so that the workers finish together, but
// not many: each parse has a cost of its own), as many at once as Go runs
// goroutines in parallel. Smaller inputs gain nothing worth the
// goroutines.
func defaultSplit() markdownSplit {
	return markdownSplit{workers: runtime.GOMAXPROCS(0), minSec: 256 << 10, minPiece: 64 << 10, perWorker: 4}
}

// sectionSize is the longest section sp reads.
func (sp markdownSplit) sectionSize() int {
	if sp.section > 0 {
		return sp.section
	}
	return markdownSection
}

// piecesAhead is how much of the next section sp parses while one is
// written.
func (sp markdownSplit) piecesAhead() int {
	if sp.ahead > 0 {
		return sp.ahead
	}
	return sp.sectionSize() / 4
}

// atxHeading reports whether line, at its first column, is an ATX
// heading as goldmark reads one: one to six #, then a space, a tab, the
// line's end or the input's.
func atxHeading(line string) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return false
	}
	return n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '\r' || line[n] == '\n'
}

// fenceLine reads line as the fence of a fenced code block: its
// indentation in spaces, then the fence's character (a backtick or a
// tilde) and length, 0 when it has not three of them, and the rest of
// the line after them. Reports whose paragraphs have no blank line
// between them, and code blocks between, have few cut points but at
// fences (AnnoCTR's texts run to hundreds of kilobytes without one).
func fenceLine(line string) (ind int, c byte, n int, rest string) {
	ind = len(line) - len(strings.TrimLeft(line, " "))
	f := line[ind:]
	if f == "" || f[0] != '`' && f[0] != '~' {
		return ind, 0, 0, ""
	}
	for n < len(f) && f[n] == f[0] {
		n++
	}
	if n < 3 {
		return ind, 0, 0, ""
	}
	return ind, f[0], n, f[n:]
}

// markdownCutStart reports whether a line starting with c after a blank
// line starts a top-level block whatever blocks were open before the
// blank line (see the comment above): a letter or punctuation that opens
// a paragraph, a heading, a table, a fenced code block or an HTML block,
// and that continues none.
func markdownCutStart(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return true
	}
	return strings.IndexByte("#=[|!`~<_(\"'", c) >= 0
}

// cutPoints returns the offsets in sec where it is cut into pieces: cut
// points (see above) at least sp.minPiece apart, and apart enough that
// there are about sp.perWorker pieces a worker. A fenced code
// block that starts up to three spaces in is skipped whole (blank lines
// and # comments are common in code; openAtEnd would catch a cut there,
// at the cost of parsing the rest of the section whole). It returns nil
// when sec is to be parsed whole.
func cutPoints(sec string, sp markdownSplit) []int {
	if sp.workers < 2 || len(sec) < sp.minSec || strings.Contains(sec, "]:") {
		return nil
	}
	gap := max(sp.minPiece, 1)
	if sp.perWorker > 0 {
		gap = max(gap, len(sec)/(sp.perWorker*sp.workers))
	}
	var cuts []int
	last := 0          // the last cut
	var fence byte     // the fence character of an open fenced code block, or 0
	fenceLen := 0      // its length
	prevBlank := false // the line before is blank
	for i := 0; i < len(sec); {
		end := strings.IndexByte(sec[i:], '\n')
		if end < 0 {
			end = len(sec)
		} else {
			end += i + 1
		}
		line := sec[i:end]
		ind, c, n, rest := fenceLine(line)
		// A line that opens a fenced code block at its first column, like
		// an ATX heading, interrupts a paragraph, is no lazy continuation
		// line and is not indented enough to continue a list item.
		opens := n > 0 && (c == '~' || strings.IndexByte(rest, '`') < 0) // a backtick fence's info string holds no backtick
		if fence == 0 && i-last >= gap && (prevBlank && markdownCutStart(line[0]) || atxHeading(line) || ind == 0 && opens) {
			cuts = append(cuts, i)
			last = i
		}
		prevBlank = line == "\n" || line == "\r\n"
		// A fence is looked for up to three spaces in, where goldmark
		// finds one at the top level.
		switch {
		case ind >= 4 || n == 0:
		case fence == 0 && opens:
			fence, fenceLen = c, n
		case c == fence && n >= fenceLen && strings.TrimRight(rest, " \t\r\n") == "":
			fence = 0
		}
		i = end
	}
	return cuts
}

// openAtEnd reports whether the last top-level block of a piece's tree is
// a fenced code block or an HTML block that may still be open at the
// piece's end, where the whole parse would have given it the next piece's
// first lines too. An open one takes every line up to the end as its
// content, so one whose last line of content is not the piece's last line
// was closed by the line after it (a closing fence or mark, or a blank
// line). One whose last line is the piece's last line may be open; so may
// a fenced code block with no content at all (its opening line may be the
// piece's last), and both are taken as open.
func openAtEnd(root ast.Node, piece []byte) bool {
	last := root.LastChild()
	switch last.(type) {
	case *ast.FencedCodeBlock, *ast.HTMLBlock:
	default:
		return false
	}
	lines := last.Lines()
	return lines.Len() == 0 || lines.At(lines.Len()-1).Stop >= len(piece)
}

// splitStats count how sections were parsed, for tests.
type splitStats struct {
	pieces  int // pieces parsed side by side and written
	refused int // cuts refused by openAtEnd (or a piece's parse failed)
}

// parsed is a piece's syntax tree, or the parser's failure.
type parsed struct {
	root ast.Node
	err  error
}

// sections parses the sections one after another and writes their
// text, each followed by a paragraph break, until the text is full:
// each whole, or in pieces (cutPoints) that sp.workers goroutines parse
// side by side while this one writes those parsed, in order. The workers
// go on from one section's pieces into the next one's while the last of
// a section are written (10 ms of one core alone, a section's end in
// bench/extract.sh's report), up to sp.ahead bytes of it (piecesAhead):
// the syntax trees of one section's pieces and of so much of the next
// one's at most are held at once.
func (m *mdRenderer) sections(secs []string, sp markdownSplit) error {
	if sp.workers < 2 {
		for _, sec := range secs {
			if m.w.full() {
				break
			}
			if err := m.whole(sec); err != nil {
				return err
			}
			m.w.paragraph()
		}
		return nil
	}
	p := &piecesOf{secs: secs, sp: sp, ahead: sp.piecesAhead()}
	p.cond.L = &p.mu
	first := p.section(0)
	if len(secs) == 1 && len(first.starts) == 1 {
		// One section, not cut: nothing to parse side by side.
		if err := m.whole(secs[0]); err != nil {
			return err
		}
		m.w.paragraph()
		return nil
	}
	var wg sync.WaitGroup
	for range sp.workers {
		wg.Go(p.work)
	}
	// The workers are stopped and waited for on every return: none
	// outlives the read.
	defer func() {
		p.mu.Lock()
		p.done = true
		p.cond.Broadcast()
		p.mu.Unlock()
		wg.Wait()
	}()
	for i := range secs {
		if m.w.full() {
			break
		}
		p.mu.Lock()
		p.rendering, p.aheadTaken = i, 0 // no piece of section i+1 was taken: it was two ahead
		sec := p.section(i)
		p.cond.Broadcast()
		p.mu.Unlock()
		if err := m.piecesIn(p, i, sec); err != nil {
			return err
		}
		m.w.paragraph()
		p.mu.Lock()
		p.pieces[i] = nil // its trees, held by its pieces' results, are let go of
		p.mu.Unlock()
	}
	return nil
}

// piecesIn writes the text of section i, sec, from its pieces' trees, in
// order, as p's workers parse them.
func (m *mdRenderer) piecesIn(p *piecesOf, i int, sec *secPieces) error {
	n := len(sec.starts)
	for k := range n {
		r := <-sec.results[k]
		src := sourceBytes(sec.piece(k))
		if r.err != nil && n == 1 {
			return r.err // the section, parsed whole, failed
		}
		if r.err != nil || k+1 < n && openAtEnd(r.root, src) {
			// The cut before piece k is sound, the one after it is not
			// (or the parser failed on the piece: the rest then fails,
			// or not, as it does whole): the rest is parsed whole. The
			// trees of the pieces parsed ahead are let go of first: one
			// section's at most at a time.
			m.stats.refused++
			p.stop(i, sec)
			sec.busy.Wait()
			for _, c := range sec.results[k+1:] {
				select {
				case <-c:
				default:
				}
			}
			return m.whole(sec.text[sec.starts[k]:])
		}
		if n > 1 {
			m.stats.pieces++
		}
		if !m.w.full() {
			m.src = src
			m.block(r.root, 0)
		}
	}
	return nil
}

// piecesOf hands the pieces of a document's sections to the workers that
// parse them, in order: all of the section being written
// (rendering) and up to ahead bytes of the next.
type piecesOf struct {
	sp          markdownSplit
	ahead       int
	mu          sync.Mutex
	cond        sync.Cond    // signalled when rendering moves on or done is set
	secs        []string     // the sections' texts
	pieces      []*secPieces // by section, made when first needed
	next, nextK int          // the next piece to take: section, piece
	rendering   int          // the section being written
	aheadTaken  int          // the bytes of section rendering+1 taken
	done        bool         // no more pieces are to be parsed
}

// secPieces is one section cut into pieces (one when it is not cut).
type secPieces struct {
	text    string
	starts  []int          // where each piece starts
	results []chan parsed  // by piece
	stopped atomic.Bool    // the rest of the section is parsed whole: pieces not yet parsed are left
	busy    sync.WaitGroup // the pieces being parsed
}

func (s *secPieces) piece(k int) string {
	if k+1 < len(s.starts) {
		return s.text[s.starts[k]:s.starts[k+1]]
	}
	return s.text[s.starts[k]:]
}

// section returns section i's pieces, cutting it the first time; p.mu
// is held, or no worker runs yet.
func (p *piecesOf) section(i int) *secPieces {
	if p.pieces == nil {
		p.pieces = make([]*secPieces, len(p.secs))
	}
	if sec := p.pieces[i]; sec != nil {
		return sec
	}
	text := p.secs[i]
	sec := &secPieces{text: text, starts: append([]int{0}, cutPoints(text, p.sp)...)}
	sec.results = make([]chan parsed, len(sec.starts))
	for k := range sec.results {
		sec.results[k] = make(chan parsed, 1)
	}
	p.pieces[i] = sec
	return sec
}

// take returns the next piece to parse, waiting while it is too far
// ahead of the section being written; ok is false when there are none.
func (p *piecesOf) take() (sec *secPieces, k int, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.done && p.next < len(p.secs) {
		if p.next > p.rendering+1 {
			p.cond.Wait()
			continue
		}
		sec := p.section(p.next)
		n := len(sec.piece(p.nextK))
		if p.next == p.rendering+1 {
			if p.aheadTaken+n > p.ahead {
				p.cond.Wait()
				continue
			}
			p.aheadTaken += n
		}
		k := p.nextK
		// On to the next section with the last piece, not at the next
		// take: a section written is let go of (sections).
		if p.nextK++; p.nextK == len(sec.starts) {
			p.next, p.nextK = p.next+1, 0
		}
		sec.busy.Add(1)
		return sec, k, true
	}
	return nil, 0, false
}

// stop leaves the pieces of section i not yet parsed: none is taken
// from now on, and those taken are not parsed unless they are already.
func (p *piecesOf) stop(i int, sec *secPieces) {
	p.mu.Lock()
	defer p.mu.Unlock()
	sec.stopped.Store(true)
	if p.next == i {
		p.next, p.nextK = i+1, 0
	}
}

// work parses pieces as take hands them out.
func (p *piecesOf) work() {
	for {
		sec, k, ok := p.take()
		if !ok {
			return
		}
		if sec.stopped.Load() {
			sec.busy.Done()
			continue
		}
		root, err := parseMarkdown(sourceBytes(sec.piece(k)))
		sec.results[k] <- parsed{root, err}
		sec.busy.Done()
		// The writer, waiting for this piece, was readied onto this
		// worker's processor: it writes now, beside the next parses, not
		// after every parse is done. Without the yield it waited for the
		// scheduler's 10 ms preemption or the last parse (a 5.6 MB report
		// ended its read with 10-12 ms of the writer alone; go tool
		// trace).
		runtime.Gosched()
	}
}

// whole parses source as one document and writes its text.
func (m *mdRenderer) whole(sec string) error {
	source := sourceBytes(sec)
	root, err := parseMarkdown(source)
	if err != nil {
		return err
	}
	m.src = source
	m.block(root, 0)
	return nil
}

// sourceBytes returns s's bytes for goldmark without copying them:
// goldmark only reads its source (its nodes are offsets into it). The one
// append it makes to a slice of it, Segment.Value adding a line end to a
// code block's last line when the source ends without one, finds no room
// past the end: the slice's capacity is its length, so append copies.
func sourceBytes(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }
