// Package pdftest builds small PDFs for tests: just enough PDF to
// exercise a reader, hostile cases included (compression bombs, object
// streams, references that loop). It is for tests only.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
)

// PDF is a PDF being built: objects are numbered from 1 in the order
// added, and Bytes writes them with a correct cross-reference table.
type PDF struct {
	objs []string
}

// Add adds an object's body and returns its number.
func (p *PDF) Add(body string) int {
	p.objs = append(p.objs, body)
	return len(p.objs)
}

// Set replaces the body of object n (for objects that refer forward).
func (p *PDF) Set(n int, body string) { p.objs[n-1] = body }

// Stream returns the body of a stream object with dict entries extra.
func Stream(extra string, data []byte) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// Flate returns the body of a FlateDecode stream of data.
func Flate(extra string, data []byte) string {
	return Stream("/Filter /FlateDecode "+extra, Deflate(bytes.NewReader(data)))
}

// Deflate returns the zlib compression of what r yields, read as a stream
// so that a bomb's gigabyte is never held.
func Deflate(r io.Reader) []byte {
	var b bytes.Buffer
	z, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	io.Copy(z, r)
	z.Close()
	return b.Bytes()
}

// Bytes writes the PDF with catalog root and information dictionary info
// (0 for none).
func (p *PDF) Bytes(root, info int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(p.objs))
	for i, o := range p.objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(p.objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R", len(p.objs)+1, root)
	if info > 0 {
		fmt.Fprintf(&b, " /Info %d 0 R", info)
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// BytesXref writes the PDF as version 1.5 with a cross-reference stream
// instead of a table, as current writers do. inStream maps the numbers of
// objects kept in an object stream (which the caller added, its body made
// whose content ObjStream makes) to that stream's number and their index in it; those
// objects' own bodies are not written.
func (p *PDF) BytesXref(root, info int, inStream map[int][2]int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	xrefNum := len(p.objs) + 1
	offs := make([]int, xrefNum+1)
	for i, o := range p.objs {
		if _, ok := inStream[i+1]; ok {
			continue
		}
		offs[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	offs[xrefNum] = b.Len()
	var rows []byte
	for i := 0; i <= xrefNum; i++ {
		if s, ok := inStream[i]; ok {
			rows = append(rows, 2)
			rows = binary.BigEndian.AppendUint32(rows, uint32(s[0]))
			rows = binary.BigEndian.AppendUint16(rows, uint16(s[1]))
		} else if i == 0 {
			rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff)
		} else {
			rows = append(rows, 1)
			rows = binary.BigEndian.AppendUint32(rows, uint32(offs[i]))
			rows = binary.BigEndian.AppendUint16(rows, 0)
		}
	}
	dict := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R", xrefNum+1, root)
	if info > 0 {
		dict += fmt.Sprintf(" /Info %d 0 R", info)
	}
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", xrefNum, Stream(dict, rows))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offs[xrefNum])
	return b.Bytes()
}

// ObjStream returns the compressed content of an object stream holding
// object num, whose body is what r yields.
func ObjStream(num int, r io.Reader) []byte {
	return Deflate(io.MultiReader(strings.NewReader(fmt.Sprintf("%d 0 ", num)), r))
}

// TextPage returns a content stream showing lines of text in Helvetica.
func TextPage(lines ...string) []byte {
	var b strings.Builder
	b.WriteString("BT /F1 12 Tf 14 TL 72 720 Td\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET\n")
	return []byte(b.String())
}

// Simple returns a PDF whose pages have the given content streams, a
// Helvetica font, an image XObject for pages that draw one, and info
// (a dictionary body, "" for none).
func Simple(info string, contents ...[]byte) []byte {
	p := NewDoc()
	img := p.Add(Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}))
	var kids []int
	for _, c := range contents {
		kids = append(kids, p.Page(p.Add(Flate("", c)), fmt.Sprintf("/XObject << /Im1 %d 0 R >>", img), "/MediaBox [0 0 612 792]"))
	}
	p.Tree(kids...)
	infoN := 0
	if info != "" {
		infoN = p.Add(info)
	}
	return p.Bytes(Catalog, infoN)
}

// ImagePage draws the image XObject over the page: a scan.
var ImagePage = []byte("q 612 0 0 792 0 0 cm /Im1 Do Q\n")

// Font is the body of a Helvetica font object.
const Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// The objects NewDoc starts a PDF with.
const (
	Catalog = 1 // the document catalog
	Root    = 2 // the root of the page tree
	F1      = 3 // the Helvetica font, /F1 on every page Page adds
)

// NewDoc starts a PDF with a catalog, the root of its page tree and the
// Helvetica font (objects Catalog, Root and F1); Page adds pages to it and
// Finish writes it.
func NewDoc() *PDF {
	p := &PDF{}
	p.Add("")
	p.Add("")
	p.Add(Font)
	return p
}

// Page adds a page under Root showing the content stream object
// contents, with F1 as /F1 and more resources (such as "/XObject << /X 5
// 0 R >>") and page entries (such as "/Annots 6 0 R"); it returns the
// page's number.
func (p *PDF) Page(contents int, resources, entries string) int {
	return p.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Resources << /Font << /F1 %d 0 R >> %s >> /Contents %d 0 R %s >>", Root, F1, resources, contents, entries))
}

// Tree makes kids the pages of Root, and Root the catalog's page tree.
func (p *PDF) Tree(kids ...int) {
	refs := make([]string, len(kids))
	for i, k := range kids {
		refs[i] = fmt.Sprintf("%d 0 R", k)
	}
	p.Set(Root, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(refs, " "), len(kids)))
	p.Set(Catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", Root))
}

// Finish makes kids the pages of Root and writes the PDF.
func (p *PDF) Finish(kids ...int) []byte {
	p.Tree(kids...)
	return p.Bytes(Catalog, 0)
}

// Zeros yields zero bytes without end.
type Zeros struct{}

func (Zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Bomb returns the zlib compression of prefix and n zero bytes: for n of
// a gigabyte, about a megabyte that a reader which trusts it inflates to
// a gigabyte. It takes a few seconds for a gigabyte.
func Bomb(prefix string, n int64) []byte {
	return Deflate(io.MultiReader(strings.NewReader(prefix), io.LimitReader(Zeros{}, n)))
}

// PageBomb returns a PDF of two pages: the first's content is the
// compressed stream bomb (as Bomb returns), the second shows the text
// after.
func PageBomb(bomb []byte, after string) []byte {
	p := NewDoc()
	p1 := p.Page(p.Add(Stream("/Filter /FlateDecode", bomb)), "", "")
	p2 := p.Page(p.Add(Flate("", TextPage(after))), "", "")
	return p.Finish(p1, p2)
}

// ObjStreamTitle returns a PDF 1.5 of one page showing text, whose title
// (object 5) is kept in an object stream whose compressed content is
// compressed: the zlib compression of "5 0 " and the title's string, as
// ObjStream or Bomb("5 0 (", n) make it.
func ObjStreamTitle(compressed []byte, text string) []byte {
	p := NewDoc()
	cs := p.Add(Flate("", TextPage(text)))
	title := p.Add("") // object 5
	strm := p.Add(Stream(fmt.Sprintf("/Type /ObjStm /N 1 /First %d /Filter /FlateDecode", len("5 0 ")), compressed))
	pg := p.Page(cs, "", "")
	info := p.Add(fmt.Sprintf("<< /Title %d 0 R >>", title))
	p.Tree(pg)
	return p.BytesXref(Catalog, info, map[int][2]int{title: {strm, 0}})
}
