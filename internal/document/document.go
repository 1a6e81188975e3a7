// Package document reads a report — plain text, Markdown, HTML or PDF —
// into one plain text: the text dossier stores with the report and into
// which every piece of evidence points by character offsets.
//
// Read detects the format, decodes the input (byte order marks, declared
// and sniffed charsets, Windows-1252 for legacy text), and returns a
// Document whose Text is valid UTF-8 with \n line ends, paragraphs
// separated by a blank line, and no control characters but \n and \t.
// Markdown and HTML become readable text (headings, paragraphs, list items
// and table rows on their own lines, code kept verbatim); HTML is reduced
// to its main article first; a PDF gives its text layer page by page.
// Hyperlinks are kept in Links with the code-point span of their anchor
// text, and Index converts the byte offsets that extraction works in into
// the code-point offsets that STIX evidence uses.
//
// Every input is treated as hostile: sizes, nesting, pages and time are
// bounded by Options (whose zero values mean the Default* constants), the
// third-party parsers run under recover, and what could not be read or
// was cut is said in Document.Warnings rather than silently dropped.
package document

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
)

// Format is the kind of a report's input.
type Format string

// The formats Read understands.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
)

// Document is a report read into plain text.
type Document struct {
	// Text is the extracted text: valid UTF-8, \n line ends, paragraphs
	// separated by a blank line, no control characters but \n and \t.
	Text string
	// Format is the format the input was read as.
	Format Format
	// Title comes from <title>, og:title or the article's h1, the PDF
	// information dictionary, the first Markdown heading, or an AsciiDoc
	// document's title line ("= Title"); a list of indicators read as text
	// (a CSV file, one value a line) is titled by its file's name; ""
	// when none.
	Title string
	// Byline is the author or byline when the format says it (HTML
	// metadata, the PDF's Author); "" otherwise.
	Byline string
	// Published is the publication date as YYYY-MM-DD when the format says
	// it (HTML metadata or <time>, the PDF's CreationDate); "" otherwise.
	Published string
	// URL is the document's canonical URL when it says it
	// (<link rel=canonical>, og:url); "" otherwise.
	URL string
	// Links are the document's hyperlinks in the order of their anchors.
	Links []Link
	// Warnings say plainly what could not be read or was cut.
	Warnings []string
}

// Link is a hyperlink and where its anchor text is in Document.Text.
type Link struct {
	// URL is the link's target, made absolute when the document gives a
	// base (<base href>, the canonical URL, or a URL given as name to Read).
	URL string
	// Start and End are the code-point offsets (not byte offsets) of the
	// anchor text in Document.Text: Text's runes [Start, End). They are
	// equal when the link has no anchor text (an empty <a>, a PDF link
	// area with no text under it).
	Start int
	End   int
	// ByteStart and ByteEnd are the same span as byte offsets in
	// Document.Text, for readers that slice the text: the reader knows
	// both as it writes the text, where a reader of Links would walk the
	// text rune by rune to convert them (5 ms of a 5 MB report).
	ByteStart int
	ByteEnd   int
}

// Options bound the resources one Read may use. A zero field means the
// matching Default* constant.
type Options struct {
	// MaxBytes is the most input read. A PDF over it is an error (a PDF
	// cannot be read in part); text, Markdown and HTML are read up to it
	// and the cut is said in Warnings.
	MaxBytes int64
	// MaxTextBytes is the most text kept in Document.Text, in bytes; the
	// text is cut at a character boundary and the cut said in Warnings.
	MaxTextBytes int
	// MaxPages is the most PDF pages read; the others are said in Warnings.
	MaxPages int
	// MaxDepth is the deepest nesting read: HTML elements, Markdown block
	// nesting, the PDF page tree and form XObjects. Deeper HTML is read by
	// stripping tags instead of article extraction, with a warning.
	MaxDepth int
	// MaxTime bounds the time spent reading a PDF; past it the reading
	// stops, keeping the pages read so far with a warning, or with an
	// error when it had read none.
	MaxTime time.Duration

	// size is the input's size when Read can tell it (a regular file),
	// else -1: room for the whole input is then made at once.
	size int64
}

// The defaults for Options.
const (
	// DefaultMaxBytes is 64 MiB: the largest published reports (PDFs with
	// many images) are well under it.
	DefaultMaxBytes int64 = 64 << 20
	// DefaultMaxTextBytes is 16 MiB of text, several thousand pages.
	DefaultMaxTextBytes = 16 << 20
	// DefaultMaxPages is 2,000 PDF pages.
	DefaultMaxPages = 2000
	// DefaultMaxDepth is 512, the nesting depth at which browsers' HTML
	// parsers stop nesting elements.
	DefaultMaxDepth = 512
	// DefaultMaxTime is one minute for a PDF.
	DefaultMaxTime = time.Minute
)

// withDefaults returns opt with zero (or negative) fields set to the defaults.
func (opt Options) withDefaults() Options {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.MaxTextBytes <= 0 {
		opt.MaxTextBytes = DefaultMaxTextBytes
	}
	if opt.MaxPages <= 0 {
		opt.MaxPages = DefaultMaxPages
	}
	if opt.MaxDepth <= 0 {
		opt.MaxDepth = DefaultMaxDepth
	}
	if opt.MaxTime <= 0 {
		opt.MaxTime = DefaultMaxTime
	}
	return opt
}

// sniffLen is how much of the input Detect is given by Read.
const sniffLen = 8 << 10

// ErrBinary is returned (wrapped) by Read for input that is none of the
// formats: binary data that is not a PDF.
var ErrBinary = errors.New("the input is binary, not a text, Markdown, HTML or PDF document")

// ErrNoText is returned (wrapped, with the reason) by Read for input that
// holds no text to read: empty, white space alone, or markup around
// nothing. A report of no words has nothing to extract, and one stored
// or printed as an empty report would only look as if it had been read.
var ErrNoText = errors.New("no text to read")

// Read reads a report from r into a Document. name is the file name or
// URL the input came from, or ""; its extension is a hint for Detect only,
// and when it is an absolute http(s) URL it is the base for relative links
// in HTML that names no base of its own.
//
// Read returns an error when nothing useful can be read: binary input, a
// PDF that is damaged, encrypted, over MaxBytes, over MaxTime before its
// first page was read, or without a text layer. Anything read in part is
// returned with Warnings.
func Read(r io.Reader, name string, opt Options) (*Document, error) {
	opt = opt.withDefaults()
	opt.size = inputSize(r)
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("reading the input: %w", err)
	}
	f := Detect(head, name)
	if f != FormatPDF && binaryHead(head) {
		// Checked before the text formats: bytes of every value can
		// look like a tag or a Markdown mark by chance.
		return nil, fmt.Errorf("%w (%s)", ErrBinary, describeBinary(head))
	}
	var doc *Document
	switch f {
	case FormatPDF:
		doc, err = readPDF(br, opt)
	case FormatHTML:
		doc, err = readHTML(br, name, opt)
	case FormatMarkdown:
		doc, err = readMarkdown(br, opt)
	default:
		doc, err = readText(br, opt)
	}
	if err != nil {
		return nil, err
	}
	doc.Format = f
	if strings.TrimSpace(doc.Text) == "" {
		return nil, fmt.Errorf("%w: %s", ErrNoText, noTextWhy(f, head))
	}
	if f == FormatText || f == FormatMarkdown {
		if t := textTitle(doc.Text, name, f); t != "" {
			doc.Title = t
		}
	}
	return doc, nil
}

// noTextWhy says why a document of format f whose input starts with
// head has no text.
func noTextWhy(f Format, head []byte) string {
	switch {
	case len(head) == 0:
		return "the input is empty (0 bytes)"
	case len(bytes.TrimSpace(head)) == 0 && len(head) < sniffLen:
		return "the input holds only white space"
	case f == FormatHTML:
		return "the HTML page holds markup alone (no text outside tags, scripts and styles)"
	case f == FormatMarkdown:
		return "the Markdown holds markup alone (no text in its blocks)"
	case f == FormatPDF:
		return "the PDF's pages hold no text"
	}
	return "the input holds only white space and control characters"
}

// inputSize returns the size of r when it is a regular file, else -1.
func inputSize(r io.Reader) int64 {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return -1
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return -1
	}
	return fi.Size()
}

// readAll reads the whole input up to max bytes; over reports whether more
// was there. size is the input's size when known, else -1: a known size
// is read into one slice of that room, not one grown by doubling (a
// 5 MB report was copied and left behind four times over).
func readAll(r io.Reader, max, size int64) (data []byte, over bool, err error) {
	if size < 0 {
		data, err = io.ReadAll(io.LimitReader(r, max+1))
	} else {
		buf := bytes.NewBuffer(make([]byte, 0, min(size, max)+bytes.MinRead))
		_, err = buf.ReadFrom(io.LimitReader(r, max+1))
		data = buf.Bytes()
	}
	if err != nil {
		return nil, false, fmt.Errorf("reading the input: %w", err)
	}
	if int64(len(data)) > max {
		return data[:max], true, nil
	}
	return data, false, nil
}

// sizeText says a size in bytes the way people read it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 10<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// plural returns "1 page" or "2 pages".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
