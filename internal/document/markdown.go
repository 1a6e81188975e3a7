package document

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unsafe"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdownParser parses CommonMark with GitHub's tables, strikethrough
// and task lists. It is safe for concurrent use. GitHub's bare-URL links
// (goldmark's Linkify) are left out: a bare URL or mail address is the
// same text either way, and what Links are read for (the words a link's
// anchor names a cited report by) a bare URL does not have; the
// extension tried every space of the text as a link's start, a third of
// the parse of a long report (bench/extract.sh: 63 ms of wall time to
// 44). indicatorText keeps the marks inside them that Linkify kept.
var markdownParser = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithParserOptions(parser.WithAttribute(),
		// Before emphasis (500) and strikethrough: the marks inside an
		// indicator are the indicator's (indicatorText).
		parser.WithInlineParsers(util.Prioritized(indicatorText{}, 450))),
).Parser()

// readMarkdown reads Markdown into plain text, walking goldmark's syntax
// tree:
//
//   - headings and paragraphs are paragraphs; soft line breaks are kept
//     as written (no reflowing);
//   - each list item is on its own line, after "- " or its number, nested
//     lists indented by two spaces a level;
//   - each table row is one line, its cells separated by " | ";
//   - code spans and code blocks are kept verbatim (indicators live there);
//   - a link keeps its text, and its URL goes to Links with the text's
//     span. When the URL is absolute and is not the link text itself it is
//     also kept visible after the text, as " (URL)": a Markdown report
//     shows its link targets to whoever reads its source, and indicators
//     often sit in them, so the text extraction reads must have them too;
//   - images keep their alt text; HTML blocks and inline HTML are reduced
//     to their text (<br> breaks lines, <a href> is a link);
//   - the Title is the first heading that opens the text or is of level
//     1; without one, the first line (textTitle, FirstLine).
//
// The input is read up to opt.MaxBytes and parsed only up to twice
// opt.MaxTextBytes (cut at a line end), which bounds the parser's memory.
func readMarkdown(r io.Reader, opt Options) (*Document, error) {
	doc, _, err := readMarkdownSplit(r, opt, defaultSplit())
	return doc, err
}

// readMarkdownSplit is readMarkdown with long sections parsed in pieces
// as split says (see sections); the stats say how, for tests.
func readMarkdownSplit(r io.Reader, opt Options, split markdownSplit) (*Document, splitStats, error) {
	data, over, err := readAll(r, opt.MaxBytes, opt.size)
	if err != nil {
		return nil, splitStats{}, err
	}
	src, warnings := decodeBytes(data)
	if over {
		warnings = append(warnings, fmt.Sprintf("the input is over the limit of %s: only the first %s were read", sizeText(opt.MaxBytes), sizeText(opt.MaxBytes)))
	}
	if limit := 2 * opt.MaxTextBytes; len(src) > limit {
		cut := strings.LastIndexByte(src[:limit], '\n')
		if cut < limit/2 {
			cut = limit
			for cut > 0 && !utf8RuneStart(src[cut]) {
				cut--
			}
		}
		warnings = append(warnings, fmt.Sprintf("the Markdown is over %s: only its first %s were parsed", sizeText(int64(limit)), sizeText(int64(cut))))
		src = src[:cut]
	}
	src, capped := capNesting(src, opt.MaxDepth)
	m := &mdRenderer{w: newBuilder(opt.MaxTextBytes), maxDepth: opt.MaxDepth}
	// The text is about as long as its source, less the markup: room for
	// it at once spares the copies of a growing buffer, 60 ms of a 5 MB
	// report.
	m.w.b = make([]byte, 0, min(len(src), max(opt.MaxTextBytes, 0))+1024)
	secs, cut := markdownSections(src, split.sectionSize())
	if cut {
		warnings = append(warnings, fmt.Sprintf("the Markdown has a line over %s: it was read in pieces", sizeText(int64(split.sectionSize()))))
	}
	if err := m.sections(secs, split); err != nil {
		return nil, m.stats, err
	}
	doc := &Document{Title: m.title}
	if m.deep || capped {
		warnings = append(warnings, fmt.Sprintf("the Markdown nests blocks deeper than %d: the deeper blocks were read as plain lines", opt.MaxDepth))
	}
	doc.Text, doc.Links, doc.Warnings = m.w.finish(warnings)
	return doc, m.stats, nil
}

func utf8RuneStart(c byte) bool { return c&0xc0 != 0x80 }

// markdownSection bounds the Markdown parsed at once. goldmark's syntax
// tree takes up to some fifty times its source (a line dense with
// emphasis and code spans), so a longer document is parsed a section at
// a time: 4 MiB of source costs at most a few hundred MiB. Reports are far
// smaller; one that is not loses only what crosses a section's edge (a
// reference link defined in another section keeps its text, not its URL).
// Sections parsed in pieces side by side (sections) hold little more:
// the pieces of one section, and of a quarter of the next, at most are
// parsed or held at once.
const markdownSection = 4 << 20

// markdownSections cuts src into sections of at most max bytes, each
// ending at a blank line, else at a line end, in their second half; split
// reports that a line longer than that had to be cut (at a character
// boundary).
func markdownSections(src string, max int) (secs []string, split bool) {
	for len(src) > max {
		cut := lastBlankLine(src[:max], max/2)
		if cut < max/2 {
			cut = strings.LastIndexByte(src[:max], '\n') + 1
		}
		if cut < max/2 {
			split = true
			for cut = max; cut > 0 && !utf8RuneStart(src[cut]); cut-- {
			}
		}
		secs, src = append(secs, src[:cut]), src[cut:]
	}
	return append(secs, src), split
}

// lastBlankLine returns strings.LastIndex(s, "\n\n")+2 (the offset just
// past the last blank line, 1 when there is none) when that is at least
// from, else a number under from. It searches forward from from, where
// strings.LastIndex scans backward, three times slower, over the
// megabytes of a section with few blank lines.
func lastBlankLine(s string, from int) int {
	last := -1
	for i := max(from-2, 0); ; {
		j := strings.Index(s[i:], "\n\n")
		if j < 0 {
			return last + 2
		}
		last = i + j
		i = last + 1
	}
}

// capNesting bounds the containers a line opens before the parser sees
// it: a line starting with more than max block quote or bullet markers
// (">>>>...", "- - - ...") keeps only max of them. The parser's work grows
// with the square of such nesting; the markers are not text.
func capNesting(src string, max int) (string, bool) {
	// The builder starts at the first line capped: most documents have
	// none, and are returned as they came, not copied.
	var b strings.Builder
	capped := false
	for rest := src; len(rest) > 0; {
		at := len(src) - len(rest)
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = ""
		}
		n, end := 0, 0
		for i := 0; i < len(line); {
			c := line[i]
			switch {
			case c == ' ' || c == '\t':
				i++
				continue
			case c == '>':
				i++
			case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
				i += 2
			default:
				i = len(line) // stop
				continue
			}
			n++
			if n == max {
				end = i
			}
		}
		if n > max {
			if !capped {
				capped = true
				b.Grow(len(src))
				b.WriteString(src[:at])
			}
			j := end
			for j < len(line) && (line[j] == ' ' || line[j] == '\t' || line[j] == '>' ||
				(line[j] == '-' || line[j] == '*' || line[j] == '+') && j+1 < len(line) && (line[j+1] == ' ' || line[j+1] == '\t')) {
				j++
			}
			b.WriteString(line[:end])
			b.WriteString(" ")
			b.WriteString(line[j:])
			continue
		}
		if capped {
			b.WriteString(line)
		}
	}
	if !capped {
		return src, false
	}
	return b.String(), true
}

// parseMarkdown parses source, recovering from a panic of the parser.
func parseMarkdown(source []byte) (n ast.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = nil, fmt.Errorf("the Markdown could not be read: the parser failed: %v", p)
		}
	}()
	return markdownParser.Parse(text.NewReader(source)), nil
}

// mdRenderer writes goldmark's syntax tree as text.
type mdRenderer struct {
	w        *builder
	src      []byte
	title    string
	maxDepth int
	deep     bool       // blocks deeper than maxDepth were flattened
	lists    []int      // open lists: the next number, 0 for bullets
	cell     int        // inside a table cell
	scratch  []byte     // a padded code block line, reused from line to line
	stats    splitStats // how the sections were parsed, for tests
}

// bytesText returns b as a string without copying it, for the builder's
// writers, which only read their argument (clean copies it into the
// text): b must not change while that string is in use.
func bytesText(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// stop reports whether n is not to be walked: the text is full, or n is
// deeper than maxDepth (then its text is written flat).
func (m *mdRenderer) stop(n ast.Node, depth int) bool {
	if m.w.full() {
		return true
	}
	if depth > m.maxDepth {
		m.deep = true
		m.flat(n)
		return true
	}
	return false
}

// block writes a block node and its children.
func (m *mdRenderer) block(n ast.Node, depth int) {
	if m.stop(n, depth) {
		return
	}
	switch n := n.(type) {
	case *ast.Document:
		m.blocks(n, depth)
	case *ast.Heading:
		m.paragraph()
		start := m.w.Len()
		m.inlines(n, depth)
		if m.title == "" && (start == 0 || n.Level == 1) {
			// The title is a heading that opens the text or a top-level
			// one; a section's heading after the first lines is not
			// ("### Key Takeaways" after "Operation SpoofedScholars: A
			// Conversation with TA453"), which then titles the text.
			m.title = trimSpace(string(m.w.b[start:]))
		}
		m.paragraph()
	case *ast.Paragraph:
		m.paragraph()
		m.inlines(n, depth)
		m.paragraph()
	case *ast.TextBlock:
		m.w.lineBreak()
		m.inlines(n, depth)
	case *ast.ThematicBreak:
		m.paragraph()
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		m.paragraph()
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			line := bytes.TrimRight(seg.Value(m.src), "\r\n")
			if i > 0 {
				m.w.verbatimNewline()
			}
			if seg.Padding == 0 {
				m.w.verbatim(bytesText(line))
				continue
			}
			// The line after its padding, in one write as before: a
			// scratch buffer reused from line to line, not a string each.
			b := m.scratch[:0]
			for range seg.Padding {
				b = append(b, ' ')
			}
			m.scratch = append(b, line...)
			m.w.verbatim(bytesText(m.scratch))
		}
		m.paragraph()
	case *ast.Blockquote:
		m.paragraph()
		m.blocks(n, depth)
		m.paragraph()
	case *ast.List:
		m.paragraph()
		next := 0
		if n.IsOrdered() {
			next = max(n.Start, 0)
			if next == 0 {
				next = -1 // numbered from 0: kept distinct from bullets
			}
		}
		m.lists = append(m.lists, next)
		m.blocks(n, depth)
		m.lists = m.lists[:len(m.lists)-1]
		m.paragraph()
	case *ast.ListItem:
		k := len(m.lists)
		marker := "- "
		if k > 0 && m.lists[k-1] != 0 {
			num := max(m.lists[k-1], 0)
			marker = strconv.Itoa(num) + ". "
			if m.lists[k-1] < 0 {
				m.lists[k-1] = 1
			} else {
				m.lists[k-1]++
			}
		}
		m.w.item(strings.Repeat("  ", max(k-1, 0)) + marker)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c != n.FirstChild() {
				m.w.lineBreak()
			}
			if p, ok := c.(*ast.Paragraph); ok {
				m.inlines(p, depth+1) // the item's first text follows its marker
				continue
			}
			if tb, ok := c.(*ast.TextBlock); ok {
				m.inlines(tb, depth+1)
				continue
			}
			m.block(c, depth+1)
		}
		m.w.lineBreak()
	case *ast.HTMLBlock:
		var b bytes.Buffer
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(m.src))
		}
		if n.HasClosure() {
			b.Write(n.ClosureLine.Value(m.src))
		}
		m.paragraph()
		stripHTML(m.w, b.String(), nil, false)
		m.paragraph()
	case *east.Table:
		m.paragraph()
		m.blocks(n, depth)
		m.paragraph()
	case *east.TableHeader, *east.TableRow:
		m.w.lineBreak()
		for c, i := n.FirstChild(), 0; c != nil; c, i = c.NextSibling(), i+1 {
			if i > 0 {
				m.w.sep()
			}
			m.cell++
			m.inlines(c, depth+1)
			m.cell--
		}
		m.w.lineBreak()
	default:
		if n.Type() == ast.TypeInline {
			m.inline(n, depth)
			return
		}
		m.paragraph()
		if n.Type() == ast.TypeBlock && n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline {
			m.inlines(n, depth)
		} else {
			m.blocks(n, depth)
		}
		m.paragraph()
	}
}

func (m *mdRenderer) blocks(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.block(c, depth+1)
	}
}

func (m *mdRenderer) paragraph() {
	switch {
	case m.cell > 0:
		m.w.spaceBreak()
	case len(m.lists) > 0:
		m.w.lineBreak()
	default:
		m.w.paragraph()
	}
}

// lineBreak breaks the line as written, or leaves a space in a table cell.
func (m *mdRenderer) lineBreak() {
	if m.cell > 0 {
		m.w.spaceBreak()
		return
	}
	m.w.lineBreak()
}

func (m *mdRenderer) inlines(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.inline(c, depth+1)
	}
}

// inline writes an inline node and its children.
func (m *mdRenderer) inline(n ast.Node, depth int) {
	if m.stop(n, depth) {
		return
	}
	switch n := n.(type) {
	case *ast.Text:
		m.w.clean(bytesText(unescapeMarkdown(n.Segment.Value(m.src))), false)
		if n.HardLineBreak() || n.SoftLineBreak() {
			m.lineBreak()
		}
	case *ast.String:
		m.w.clean(string(n.Value), false)
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(m.src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		m.w.clean(strings.ReplaceAll(b.String(), "\n", " "), false)
	case *ast.Link:
		dest := strings.TrimSpace(string(n.Destination))
		i := m.w.startLink(dest)
		m.inlines(n, depth)
		m.w.endLink(i)
		if showURL(dest, m.w.linkText(i)) {
			m.w.spaceBreak()
			m.w.clean("("+dest+")", false)
		}
	case *ast.AutoLink:
		u := string(n.URL(m.src))
		i := m.w.startLink(u)
		m.w.clean(string(n.Label(m.src)), false)
		m.w.endLink(i)
	case *ast.Image:
		m.inlines(n, depth) // the alt text
	case *ast.RawHTML:
		var b strings.Builder
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(m.src))
		}
		m.rawInlineHTML(b.String())
	case *east.TaskCheckBox:
		if n.IsChecked {
			m.w.clean("[x] ", false)
		} else {
			m.w.clean("[ ] ", false)
		}
	default:
		m.inlines(n, depth)
	}
}

// rawInlineHTML handles an inline HTML tag: <br> breaks the line, <a href>
// opens a link that </a> closes, <img alt> gives its alt text; other tags
// are dropped.
func (m *mdRenderer) rawInlineHTML(tag string) {
	z := html.NewTokenizer(strings.NewReader(tag))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		name, hasAttr := z.TagName()
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		switch a := atom.Lookup(name); {
		case tt == html.TextToken:
			m.w.text(string(z.Text()))
		case a == atom.Br:
			m.lineBreak()
		case a == atom.A && tt == html.StartTagToken && attrs["href"] != "":
			m.w.startLink(strings.TrimSpace(attrs["href"]))
		case a == atom.A && tt == html.EndTagToken:
			m.w.closeLink()
		case a == atom.Img && trimSpace(attrs["alt"]) != "":
			m.w.text(attrs["alt"])
		}
	}
}

// flat writes the text of a subtree too deep to walk as blocks: its text
// segments, each on its own line, without recursion.
func (m *mdRenderer) flat(n ast.Node) {
	stack := []ast.Node{n}
	for len(stack) > 0 && !m.w.full() {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch c := c.(type) {
		case *ast.Text:
			m.w.clean(string(c.Segment.Value(m.src)), false)
			if c.SoftLineBreak() || c.HardLineBreak() {
				m.w.lineBreak()
			}
			continue
		}
		if c.Type() == ast.TypeBlock {
			m.w.lineBreak()
			if lines := c.Lines(); lines != nil && c.FirstChild() == nil {
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					m.w.clean(string(seg.Value(m.src)), false)
					m.w.lineBreak()
				}
			}
		}
		var kids []ast.Node
		for k := c.FirstChild(); k != nil; k = k.NextSibling() {
			kids = append(kids, k)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, kids[i])
		}
	}
}

// unescapeMarkdown resolves backslash escapes and character references in
// a text segment, as a Markdown renderer would.
func unescapeMarkdown(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 && bytes.IndexByte(b, '&') < 0 {
		return b
	}
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	return util.ResolveEntityNames(b)
}

// showURL reports whether a link's URL is kept visible after its text:
// when it is absolute (has a scheme) and the text does not already say it.
func showURL(dest, anchor string) bool {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme == "" || dest == "" {
		return false
	}
	a := strings.TrimSpace(anchor)
	if a == "" {
		return true
	}
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSuffix(s, "/"))
		for _, p := range []string{"https://", "http://", "mailto:"} {
			s = strings.TrimPrefix(s, p)
		}
		return strings.TrimPrefix(s, "www.")
	}
	return norm(a) != norm(dest)
}
