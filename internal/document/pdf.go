package document

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Limits on a PDF's structure, beyond Options: each bounds an allocation
// or a loop of the PDF library that the file itself sizes.
const (
	// maxPDFObjects bounds the object numbers a PDF may claim (/Size, the
	// cross-reference sections, object streams' /N): the library allocates
	// its cross-reference table by them. A 64 MiB PDF has far fewer.
	maxPDFObjects = 1 << 20
	// maxPDFContentBytes bounds a page's content streams, decompressed; a
	// larger page (a compression bomb, or a huge drawing) is skipped.
	maxPDFContentBytes = 32 << 20
	// maxPDFCMapBytes bounds a font's ToUnicode map, decompressed.
	maxPDFCMapBytes = 4 << 20
	// maxPDFGlyphs bounds the characters read from one page.
	maxPDFGlyphs = 200_000
	// maxPDFForms bounds the form XObjects drawn on one page (a form may
	// draw others, so their number can grow exponentially).
	maxPDFForms = 1000
	// maxPDFFormDepth bounds forms drawn inside forms.
	maxPDFFormDepth = 8
	// maxPDFPredictorColumns bounds the row width of a stream predictor,
	// which the library allocates.
	maxPDFPredictorColumns = 1 << 20
	// maxPDFObjStmBytes bounds an object stream, decompressed. The
	// library inflates an object stream whole for every object it reads
	// from it, and keeps a string or array in it whole however long; a
	// writer puts a hundred or so objects in each (dictionaries and
	// arrays, never page content), well under this.
	maxPDFObjStmBytes = 8 << 20
	// maxPDFObjectBytes bounds an object other than a stream, as written:
	// the library makes a value of every number, name and reference in
	// it, at some twenty-five times the bytes, and reads it again each
	// time it is referred to. Page trees, fonts and annotation lists of
	// real PDFs take a few hundred KB at most.
	maxPDFObjectBytes = 4 << 20
	// maxPDFInfoText bounds the title and author taken from the
	// information dictionary, in bytes.
	maxPDFInfoText = 4 << 10
)

// errPDFTime is raised (as a panic, caught by readPDF) when a PDF takes
// longer than Options.MaxTime.
var errPDFTime = errors.New("time limit reached")

// readPDF reads a PDF's text layer, page by page, with the pages
// separated by a blank line, and its information dictionary's Title,
// Author and CreationDate. Pages without text are said in Warnings; a PDF
// with no text at all is an error (a scan needs OCR, which dossier does
// not do). Link annotations become Links, their anchor the text under
// the link's area.
func readPDF(r io.Reader, opt Options) (doc *Document, err error) {
	data, over, err := readAll(r, opt.MaxBytes, opt.size)
	if err != nil {
		return nil, err
	}
	if over {
		return nil, fmt.Errorf("the PDF is over the limit of %s: it was not read", sizeText(opt.MaxBytes))
	}
	data, err = preparePDF(data)
	if err != nil {
		return nil, fmt.Errorf("the PDF could not be read: %w", err)
	}
	src := &pdfSource{data: data, deadline: time.Now().Add(opt.MaxTime)}
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, pdfFailure(src, opt, p)
		}
	}()
	rd, err := pdf.NewReader(src, int64(len(data)))
	if err != nil {
		if src.expired {
			return nil, pdfFailure(src, opt, errPDFTime)
		}
		if errors.Is(err, pdf.ErrInvalidPassword) {
			return nil, errors.New("the PDF is encrypted with a password: it cannot be read")
		}
		return nil, fmt.Errorf("the PDF could not be read: %v", err)
	}
	x := &pdfExtractor{rd: rd, src: src, opt: opt, w: newBuilder(opt.MaxTextBytes), fonts: map[string]*pdfFont{}}
	return x.extract()
}

// pdfFailure turns a panic or error out of the PDF library into the error
// Read returns.
func pdfFailure(src *pdfSource, opt Options, p any) error {
	if src.expired || p == errPDFTime {
		return fmt.Errorf("the PDF could not be read: it took longer than the limit of %v", opt.MaxTime)
	}
	if e, ok := p.(runtime.Error); ok {
		return fmt.Errorf("the PDF could not be read: the PDF library failed: %v", e)
	}
	return fmt.Errorf("the PDF could not be read: %v", p)
}

// pdfSource serves the PDF's bytes to the library and enforces the time
// budget: every read the library makes checks the clock, so a loop the
// file drives (a cycle of references, a bomb) ends when time is up.
type pdfSource struct {
	data     []byte
	deadline time.Time
	expired  bool
}

func (s *pdfSource) ReadAt(p []byte, off int64) (int, error) {
	s.check()
	if off < 0 || off >= int64(len(s.data)) {
		return 0, io.EOF
	}
	n := copy(p, s.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// check panics with errPDFTime once the deadline has passed.
func (s *pdfSource) check() {
	if s.expired || time.Now().After(s.deadline) {
		s.expired = true
		panic(errPDFTime)
	}
}

var (
	pdfSizeRE    = regexp.MustCompile(`/Size\s+(\d+)`)
	pdfCountRE   = regexp.MustCompile(`/N\s+(\d+)`)
	pdfIndexRE   = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	pdfWRE       = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	pdfColumnsRE = regexp.MustCompile(`/Columns\s+(\d+)`)
	pdfVersionRE = regexp.MustCompile(`^%PDF-1\.[0-7][\r\n]`)
)

// preparePDF checks and adjusts a PDF before the library reads it, and
// turns a failure of its own checks on a damaged file into an error. It
// drops anything before the header and after the last %%EOF (both common
// and harmless, both refused by the library), presents a PDF 2.0 or odd
// header as PDF 1.7 (the library reads only 1.x headers; the syntax is
// the same), and refuses files whose numbers would make the library
// allocate without bound: object counts over maxPDFObjects, cross-reference
// field widths over 8 bytes, predictor rows over maxPDFPredictorColumns.
func preparePDF(data []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("checking the file's structure failed: %v", p)
		}
	}()
	h := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if h < 0 {
		return nil, errors.New("no PDF header")
	}
	data = data[h:]
	e := bytes.LastIndex(data, []byte("%%EOF"))
	if e < 0 {
		return nil, errors.New("the file is truncated: it has no %%EOF marker")
	}
	data = data[:e+len("%%EOF")]
	if !pdfVersionRE.Match(data) && len(data) > 9 {
		fixed := make([]byte, len(data))
		copy(fixed, data)
		copy(fixed, "%PDF-1.7\n")
		data = fixed
	}
	tooMany := func(n int64, what string) error {
		return fmt.Errorf("the PDF claims %d %s, over the limit of %d", n, what, maxPDFObjects)
	}
	for _, m := range pdfSizeRE.FindAllSubmatch(data, -1) {
		if n := atoi64(m[1]); n > maxPDFObjects {
			return nil, tooMany(n, "objects (/Size)")
		}
	}
	for _, m := range pdfCountRE.FindAllSubmatch(data, -1) {
		if n := atoi64(m[1]); n > maxPDFObjects {
			return nil, tooMany(n, "objects in an object stream (/N)")
		}
	}
	for _, m := range pdfIndexRE.FindAllSubmatch(data, -1) {
		f := strings.Fields(string(m[1]))
		for i := 0; i+1 < len(f); i += 2 {
			if n := atoi64([]byte(f[i])) + atoi64([]byte(f[i+1])); n > maxPDFObjects {
				return nil, tooMany(n, "objects (/Index)")
			}
		}
	}
	for _, m := range pdfWRE.FindAllSubmatch(data, -1) {
		for _, f := range m[1:] {
			if atoi64(f) > 8 {
				return nil, fmt.Errorf("the PDF's cross-reference stream has fields of %s bytes, over the limit of 8", f)
			}
		}
	}
	for _, m := range pdfColumnsRE.FindAllSubmatch(data, -1) {
		if n := atoi64(m[1]); n > maxPDFPredictorColumns {
			return nil, fmt.Errorf("the PDF has a stream with rows of %d columns, over the limit of %d", n, maxPDFPredictorColumns)
		}
	}
	if err := checkXrefTables(data); err != nil {
		return nil, err
	}
	if err := checkObjectStreams(data); err != nil {
		return nil, err
	}
	if err := checkObjectSizes(data); err != nil {
		return nil, err
	}
	return data, nil
}

// checkObjectSizes refuses a PDF with an object over maxPDFObjectBytes
// from "obj" to "endobj" that is not a stream (whose data the library
// skips by its length). A span that starts at the letters "obj" inside a
// stream's data runs through its "endstream", so is never taken for one.
func checkObjectSizes(data []byte) error {
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte("obj"))
		if i < 0 {
			return nil
		}
		start := off + i
		off = start + len("obj")
		if start >= 3 && string(data[start-3:start]) == "end" {
			continue
		}
		n := bytes.Index(data[off:], []byte("endobj"))
		last := n < 0
		if last {
			n = len(data) - off // the last object, never ended
		}
		if n > maxPDFObjectBytes && !bytes.Contains(data[off:off+n], []byte("stream")) {
			return fmt.Errorf("the object at byte %d is %s long, over the limit of %s for an object that is not a stream", start, sizeText(int64(n)), sizeText(maxPDFObjectBytes))
		}
		if last {
			return nil
		}
		off += n + len("endobj")
	}
}

var pdfObjStmRE = regexp.MustCompile(`/Type\s*/ObjStm\b`)

// checkObjectStreams inflates every object stream (up to
// maxPDFObjStmBytes) and refuses a PDF with one over that bound: a few
// kilobytes can inflate to gigabytes, which the library would hold whole
// (a string in it that never ends becomes a gigabyte title). Streams it
// cannot inflate (encrypted, damaged) are left to the library, which
// cannot inflate them either.
func checkObjectStreams(data []byte) error {
	for _, loc := range pdfObjStmRE.FindAllIndex(data, -1) {
		// The dictionary runs from its object's "obj" to "stream".
		o := bytes.LastIndex(data[max(0, loc[0]-4096):loc[0]], []byte("obj"))
		k := bytes.Index(data[loc[1]:min(len(data), loc[1]+4096)], []byte("stream"))
		if o < 0 || k < 0 {
			continue
		}
		dict := data[max(0, loc[0]-4096)+o : loc[1]+k]
		p := loc[1] + k + len("stream")
		if p < len(data) && data[p] == '\r' {
			p++
		}
		if p < len(data) && data[p] == '\n' {
			p++
		}
		var r io.Reader = bytes.NewReader(data[p:])
		a85, fl := bytes.Index(dict, []byte("/ASCII85Decode")), bytes.Index(dict, []byte("/FlateDecode"))
		if a85 >= 0 && (fl < 0 || a85 < fl) {
			end := bytes.Index(data[p:], []byte("~>"))
			if end < 0 {
				continue
			}
			r = ascii85.NewDecoder(bytes.NewReader(data[p : p+end]))
		}
		if fl >= 0 {
			z, err := zlib.NewReader(r)
			if err != nil {
				continue
			}
			r = z
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(r, maxPDFObjStmBytes+1))
		if n > maxPDFObjStmBytes {
			return fmt.Errorf("the object stream at byte %d is over the limit of %s decompressed (a compression bomb?)", loc[0], sizeText(maxPDFObjStmBytes))
		}
	}
	return nil
}

// checkXrefTables reads the subsection headers ("first count") of every
// classic cross-reference table and refuses one that reaches past
// maxPDFObjects.
func checkXrefTables(data []byte) error {
	for off := 0; ; {
		i := bytes.Index(data[off:], []byte("xref"))
		if i < 0 {
			return nil
		}
		i += off
		off = i + 4
		if i >= 5 && string(data[i-5:i]) == "start" {
			continue
		}
		p := off
		for {
			first, n1 := pdfInt(data, p)
			count, n2 := pdfInt(data, p+n1)
			if n1 == 0 || n2 == 0 {
				break
			}
			if first+count > maxPDFObjects {
				return fmt.Errorf("the PDF's cross-reference table reaches object %d, over the limit of %d", first+count, maxPDFObjects)
			}
			p += n1 + n2
			// Skip the section's entries, 3 tokens each.
			for k := int64(0); k < 3*count; k++ {
				_, n := pdfToken(data, p)
				if n == 0 {
					break
				}
				p += n
			}
		}
	}
}

// pdfInt reads an unsigned integer after white space at data[p:], and
// how many bytes it took (0 when there is none).
func pdfInt(data []byte, p int) (int64, int) {
	q := p
	for q < len(data) && isPDFSpace(data[q]) {
		q++
	}
	s := q
	for q < len(data) && data[q] >= '0' && data[q] <= '9' && q-s < 18 {
		q++
	}
	if q == s || q < len(data) && !isPDFSpace(data[q]) {
		return 0, 0
	}
	return atoi64(data[s:q]), q - p
}

// pdfToken skips one token after white space, returning how many bytes.
func pdfToken(data []byte, p int) ([]byte, int) {
	q := p
	for q < len(data) && isPDFSpace(data[q]) {
		q++
	}
	s := q
	for q < len(data) && !isPDFSpace(data[q]) && q-s < 32 {
		q++
	}
	if q == s {
		return nil, 0
	}
	return data[s:q], q - p
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func atoi64(b []byte) int64 {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 1 << 62
	}
	return n
}

// pdfExtractor reads one PDF's pages into text.
type pdfExtractor struct {
	rd       *pdf.Reader
	src      *pdfSource
	opt      Options
	w        *builder
	fonts    map[string]*pdfFont // by font dictionary, across pages
	warnings []string
}

func (x *pdfExtractor) extract() (*Document, error) {
	doc := &Document{}
	info := x.rd.Trailer().Key("Info")
	doc.Title = infoText(info.Key("Title"))
	doc.Byline = infoText(info.Key("Author"))
	doc.Published = pdfDate(info.Key("CreationDate").Text())

	pages, claimed := x.pages()
	total := max(len(pages), claimed)
	if len(pages) == 0 {
		if len(x.warnings) > 0 {
			return nil, fmt.Errorf("the PDF could not be read: no pages found: %s", strings.Join(x.warnings, "; "))
		}
		return nil, errors.New("the PDF could not be read: it has no pages")
	}
	var empty []int
	var links []Link
	read := 0 // pages whose text is written (or which have none)
	late := false
	for i, p := range pages {
		if x.w.full() {
			break
		}
		if !x.timed(func() {
			x.w.paragraph()
			glyphs, ok := x.page(i+1, p)
			if !ok {
				read = i + 1
				return
			}
			n := x.layout(glyphs)
			read = i + 1
			if n == 0 {
				empty = append(empty, i+1)
				return
			}
			links = append(links, x.pageLinks(p, glyphs)...)
		}) {
			if read == 0 {
				panic(errPDFTime) // nothing to keep: readPDF's error
			}
			x.warnings = append(x.warnings, fmt.Sprintf("the PDF took longer than the limit of %v: only pages 1-%d of %d were read", x.opt.MaxTime, read, total))
			late = true
			break
		}
	}
	if len(pages) < total && !late {
		x.warnings = append(x.warnings, fmt.Sprintf("the PDF has %d pages: only the first %d were read", total, len(pages)))
	}
	text, _, warnings := x.w.finish(x.warnings)
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the PDF has no text layer (scanned?): %s, no text", plural(len(pages), "page", "pages"))
	}
	if len(empty) > 0 {
		warnings = append([]string{emptyPagesWarning(empty)}, warnings...)
	}
	doc.Text = text
	n := utf8.RuneCountInString(text)
	for _, l := range links {
		if l.Start <= n {
			l.End = min(l.End, n)
			doc.Links = append(doc.Links, l)
		}
	}
	sort.SliceStable(doc.Links, func(i, j int) bool { return doc.Links[i].Start < doc.Links[j].Start })
	// The links were placed on the text after it was written: their byte
	// offsets come from its code-point index.
	ix := NewIndex(doc.Text)
	for i := range doc.Links {
		l := &doc.Links[i]
		l.ByteStart, l.ByteEnd = ix.Bytes(l.Start), ix.Bytes(l.End)
	}
	doc.Warnings = warnings
	return doc, nil
}

// infoText returns a text string of the information dictionary with its
// spaces folded, cut to maxPDFInfoText bytes at a character boundary.
func infoText(v pdf.Value) string {
	s := v.Text()
	if len(s) > maxPDFInfoText {
		s = s[:completeRunes([]byte(s[:maxPDFInfoText]))]
	}
	return trimSpace(s)
}

// timed runs f, reporting false when the time limit stopped it. A page's
// text is written by layout at once, so a page stopped before it is not
// in the text at all, and one stopped after it (reading its links) is
// whole but for links.
func (x *pdfExtractor) timed(f func()) (done bool) {
	defer func() {
		if p := recover(); p != nil {
			if p != errPDFTime {
				panic(p)
			}
			done = false
		}
	}()
	f()
	return true
}

// emptyPagesWarning says which pages have no text, as "page 4 has no text
// layer" or "pages 2, 5-7 have no text layer".
func emptyPagesWarning(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf("page %d has no text layer", pages[0])
	}
	var parts []string
	for i := 0; i < len(pages); {
		j := i
		for j+1 < len(pages) && pages[j+1] == pages[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", pages[i], pages[j]))
		} else {
			parts = append(parts, strconv.Itoa(pages[i]))
		}
		i = j + 1
	}
	return fmt.Sprintf("pages %s have no text layer", strings.Join(parts, ", "))
}

// pages walks the page tree without recursion, depth-first in order, up
// to opt.MaxPages pages and opt.MaxDepth levels; it also returns the page
// count the document claims. A tree that loops is cut by a bound on the
// nodes visited.
func (x *pdfExtractor) pages() ([]pdf.Value, int) {
	root := x.rd.Trailer().Key("Root").Key("Pages")
	claimed := int(min(root.Key("Count").Int64(), 1<<30))
	type item struct {
		v     pdf.Value
		depth int
	}
	stack := []item{{root, 0}}
	var out []pdf.Value
	visits, maxVisits := 0, 4*x.opt.MaxPages+1000
	deep := false
	for len(stack) > 0 && len(out) < x.opt.MaxPages && visits < maxVisits {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visits++
		kids := it.v.Key("Kids")
		if it.v.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array && it.v.Key("Contents").IsNull() {
			if it.depth >= x.opt.MaxDepth {
				deep = true
				continue
			}
			for i := kids.Len() - 1; i >= 0; i-- {
				stack = append(stack, item{kids.Index(i), it.depth + 1})
			}
			continue
		}
		if it.v.Kind() == pdf.Dict {
			out = append(out, it.v)
		}
	}
	if deep {
		x.warnings = append(x.warnings, fmt.Sprintf("the page tree is deeper than %d levels: the pages below were not read", x.opt.MaxDepth))
	}
	if visits >= maxVisits && len(stack) > 0 {
		x.warnings = append(x.warnings, "the PDF's page tree loops or is too large: some pages were not read")
	}
	return out, claimed
}

// pdfDateRE reads the date of a PDF date string, D:YYYYMMDD...
var pdfDateRE = regexp.MustCompile(`^(?:D:)?(\d{4})(\d{2})?(\d{2})?`)

// pdfDate returns a PDF date (D:20240131120000+01'00') as YYYY-MM-DD, or
// "" when it is not one.
func pdfDate(s string) string {
	m := pdfDateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[2] == "" || m[3] == "" {
		return ""
	}
	d := m[1] + "-" + m[2] + "-" + m[3]
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}
