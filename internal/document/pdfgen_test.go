package document

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// testPDF builds small PDFs for tests: objects are numbered from 1 in
// the order added, and bytes writes them with a correct cross-reference
// table. It is just enough PDF to exercise the reader, hostile cases
// included.
type testPDF struct {
	objs []string
}

// add adds an object's body and returns its number.
func (p *testPDF) add(body string) int {
	p.objs = append(p.objs, body)
	return len(p.objs)
}

// set replaces the body of object n (for objects that refer forward).
func (p *testPDF) set(n int, body string) { p.objs[n-1] = body }

// stream returns the body of a stream object with dict entries extra.
func stream(extra string, data []byte) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), extra, data)
}

// flate returns the body of a FlateDecode stream of data.
func flate(extra string, data []byte) string {
	var b bytes.Buffer
	z, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	z.Write(data)
	z.Close()
	return stream("/Filter /FlateDecode "+extra, b.Bytes())
}

// bytes writes the PDF with catalog root and information dictionary info
// (0 for none).
func (p *testPDF) bytes(root, info int) []byte {
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

// textPage returns a content stream showing lines of text in Helvetica.
func textPage(lines ...string) []byte {
	var b strings.Builder
	b.WriteString("BT /F1 12 Tf 14 TL 72 720 Td\n")
	for _, l := range lines {
		l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET\n")
	return []byte(b.String())
}

// simplePDF returns a PDF whose pages have the given content streams, a
// Helvetica font, an image XObject for pages that draw one, and info
// (a dictionary body, "" for none).
func simplePDF(info string, contents ...[]byte) []byte {
	var p testPDF
	catalog := p.add("")
	pages := p.add("")
	font := p.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	img := p.add(stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}))
	var kids []string
	for _, c := range contents {
		cs := p.add(flate("", c))
		pg := p.add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", pages, font, img, cs))
		kids = append(kids, fmt.Sprintf("%d 0 R", pg))
	}
	p.set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
	p.set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids)))
	infoN := 0
	if info != "" {
		infoN = p.add(info)
	}
	return p.bytes(catalog, infoN)
}

// imagePage draws the image XObject over the page: a scan.
var imagePage = []byte("q 612 0 0 792 0 0 cm /Im1 Do Q\n")
