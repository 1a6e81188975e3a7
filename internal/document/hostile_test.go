package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-cti/dossier/internal/document/pdftest"
	"github.com/dossier-cti/dossier/internal/heaptest"
)

// repeatReader yields n bytes of a repeated pattern without holding them.
type repeatReader struct {
	pattern []byte
	n, off  int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.off >= r.n {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.off < r.n {
		c := copy(p[k:], r.pattern[r.off%int64(len(r.pattern)):])
		c = int(min(int64(c), r.n-r.off))
		k += c
		r.off += int64(c)
	}
	return k, nil
}

// measure runs f and returns the heap growth it leaves (with its result
// alive), the bytes it allocated in all, and the peak of the heap's
// objects above where they stood before, sampled every millisecond while
// f runs (so a short spike between samples can be missed).
func measure(f func() any) (live, total, peak uint64, result any) {
	runtime.GC()
	var m1, m2 runtime.MemStats
	runtime.ReadMemStats(&m1)
	peak = heaptest.Peak(func() { result = f() })
	runtime.GC()
	runtime.ReadMemStats(&m2)
	live = m2.HeapAlloc - min(m1.HeapAlloc, m2.HeapAlloc)
	total = m2.TotalAlloc - m1.TotalAlloc
	runtime.KeepAlive(result)
	return live, total, peak, result
}

// TestHugeLine reads a 200 MB text of one line: it is streamed and cut at
// MaxTextBytes, in bounded memory and without reading the whole input.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("200 MB input")
	}
	in := &repeatReader{pattern: []byte("abcdefghij 192.0.2.1 évasion "), n: 200 << 20}
	var err error
	start := time.Now()
	live, total, peak, res := measure(func() any {
		d, e := Read(in, "huge.txt", Options{})
		err = e
		return d
	})
	if err != nil {
		t.Fatal(err)
	}
	d := res.(*Document)
	t.Logf("200 MiB line: %v, peak heap %d MiB, %d MiB live, %d MiB allocated, %d MiB of input read", time.Since(start).Round(time.Millisecond), peak>>20, live>>20, total>>20, in.off>>20)
	if len(d.Text) > DefaultMaxTextBytes || len(d.Text) < DefaultMaxTextBytes-8 {
		t.Errorf("text of %d bytes, want just under %d", len(d.Text), DefaultMaxTextBytes)
	}
	if !strings.Contains(strings.Join(d.Warnings, ";"), "the text was cut at 16 MiB") {
		t.Errorf("warnings %q do not say the text was cut", d.Warnings)
	}
	if live > 64<<20 {
		t.Errorf("%d MiB live after reading, want under 64 MiB", live>>20)
	}
	if total > 160<<20 {
		t.Errorf("%d MiB allocated, want under 160 MiB (the input is 200 MiB: it must not be buffered)", total>>20)
	}
	if in.off > 32<<20 {
		t.Errorf("read %d MiB of input after the text was full", in.off>>20)
	}
}

// TestHugeLineFormats reads 200 MB of one line as Markdown and as HTML:
// both are read up to MaxBytes and cut at MaxTextBytes, saying so, with
// the parsers' memory bounded (Markdown is parsed a section at a time: a
// 32 MiB line of emphasis and code spans parsed whole took 1.7 GiB).
func TestHugeLineFormats(t *testing.T) {
	if testing.Short() {
		t.Skip("200 MB inputs")
	}
	for _, c := range []struct{ name, head, pattern, warning string }{
		{"huge.md", "# Title\n\n", "word *evil*[.]example `192.0.2.1` ", "the Markdown has a line over 4 MiB: it was read in pieces"},
		{"huge.html", "<!DOCTYPE html><html><head><title>T</title></head><body><p>", "word <b>evil</b>[.]example 192.0.2.1 ", "the page is over the limit of 64 MiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := &repeatReader{pattern: []byte(c.pattern), n: 200 << 20}
			var err error
			start := time.Now()
			_, total, peak, res := measure(func() any {
				d, e := Read(io.MultiReader(strings.NewReader(c.head), in), c.name, Options{})
				err = e
				return d
			})
			if err != nil {
				t.Fatal(err)
			}
			d := res.(*Document)
			t.Logf("%s, 200 MiB line: %v, peak heap %d MiB, %d MiB allocated, %d MiB of input read", c.name, time.Since(start).Round(time.Millisecond), peak>>20, total>>20, in.off>>20)
			w := strings.Join(d.Warnings, "; ")
			if !strings.Contains(w, "the text was cut at 16 MiB") || !strings.Contains(w, c.warning) {
				t.Errorf("warnings %q, want the cut at 16 MiB and %q", w, c.warning)
			}
			if !strings.Contains(d.Text[:1000], "evil[.]example 192.0.2.1") {
				t.Errorf("text begins %q", d.Text[:100])
			}
			if peak > 1<<30 {
				t.Errorf("peak heap %d MiB, want under 1 GiB", peak>>20)
			}
		})
	}
}

func TestMarkdownSections(t *testing.T) {
	for _, c := range []struct {
		src   string
		want  []string
		split bool
	}{
		{"short", []string{"short"}, false},
		{"aaaa\n\nbbbb\ncc\n\ndddd", []string{"aaaa\n\n", "bbbb\ncc\n\n", "dddd"}, false},
		{"aaaaaa\nbbbbbbbbbbbbbb", []string{"aaaaaa\n", "bbbbbbbbbb", "bbbb"}, true},
		{"aéééééé", []string{"aéééé", "éé"}, true},
	} {
		got, split := markdownSections(c.src, 10)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || split != c.split {
			t.Errorf("markdownSections(%q) = %q %v, want %q %v", c.src, got, split, c.want, c.split)
		}
	}
}

// TestOverMaxBytes: text and Markdown past MaxBytes are read in part, a
// PDF is refused.
func TestOverMaxBytes(t *testing.T) {
	opt := Options{MaxBytes: 1000}
	d, err := Read(strings.NewReader(strings.Repeat("word ", 1000)), "x.txt", opt)
	if err != nil || len(d.Text) != 1000 || !strings.Contains(strings.Join(d.Warnings, ";"), "over the limit of 1000 bytes") {
		t.Errorf("text: %v, %d bytes, %q", err, len(d.Text), d.Warnings)
	}
	d, err = Read(strings.NewReader("# T\n\n"+strings.Repeat("word ", 1000)), "x.md", opt)
	if err != nil || !strings.Contains(strings.Join(d.Warnings, ";"), "over the limit") {
		t.Errorf("markdown: %v, %q", err, d.Warnings)
	}
	pdf := simplePDF("", textPage(strings.Repeat("long line ", 200)))
	_, err = Read(bytes.NewReader(pdf), "x.pdf", Options{MaxBytes: 500})
	if err == nil || !strings.Contains(err.Error(), "the PDF is over the limit of 500 bytes") {
		t.Errorf("pdf: %v", err)
	}
}

// TestMaxTextBytesCutsOnRune: the cut never splits a character.
func TestMaxTextBytesCutsOnRune(t *testing.T) {
	for _, format := range []string{"x.txt", "x.md", "x.html"} {
		in := strings.Repeat("é😀", 100)
		if format == "x.html" {
			in = "<html><body><p>" + in + "</p></body></html>"
		}
		d, err := Read(strings.NewReader(in), format, Options{MaxTextBytes: 11})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, d)
		if len(d.Text) > 11 || !strings.Contains(strings.Join(d.Warnings, ";"), "cut at 11 bytes") {
			t.Errorf("%s: %q %q", format, d.Text, d.Warnings)
		}
	}
}

// TestDeepHTML: nesting deeper than MaxDepth is read by stripping tags,
// with a warning, in bounded time.
func TestDeepHTML(t *testing.T) {
	for _, tag := range []string{"div", "b", "span", "x-custom", "table"} {
		depth := 200_000
		in := "<!DOCTYPE html><html><head><title>Deep</title></head><body>" +
			strings.Repeat("<"+tag+">", depth) + "the indicator evil[.]example" + strings.Repeat("</"+tag+">", depth) + "</body></html>"
		start := time.Now()
		var err error
		_, _, peak, res := measure(func() any {
			d, e := Read(strings.NewReader(in), "deep.html", Options{})
			err = e
			return d
		})
		if err != nil {
			t.Fatal(err)
		}
		d := res.(*Document)
		checkInvariants(t, d)
		if !strings.Contains(d.Text, "evil[.]example") || d.Title != "Deep" {
			t.Errorf("<%s>: text %q, title %q", tag, d.Text, d.Title)
		}
		if tag != "table" && !strings.Contains(strings.Join(d.Warnings, ";"), "deeper than 512") {
			t.Errorf("<%s>: warnings %q", tag, d.Warnings)
		}
		t.Logf("HTML <%s> nested %d deep: %v, peak heap %d MiB", tag, depth, time.Since(start).Round(time.Millisecond), peak>>20)
	}
}

// TestManyElements: a page with more elements than article extraction
// takes is read by stripping tags.
func TestManyElements(t *testing.T) {
	in := "<html><body>" + strings.Repeat("<p>x</p>", maxHTMLElements+10) + "</body></html>"
	d, err := Read(strings.NewReader(in), "big.html", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(d.Warnings, ";"), "over 100000 elements") {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestDeepMarkdown: pathological Markdown is read in bounded time.
func TestDeepMarkdown(t *testing.T) {
	for name, in := range map[string]string{
		"block quotes":   strings.Repeat(">", 50_000) + " deep\n",
		"nested lists":   strings.Repeat("- ", 5_000) + "deep\n",
		"brackets":       strings.Repeat("[", 100_000) + "x" + strings.Repeat("](y)", 100_000),
		"emphasis":       strings.Repeat("*a ", 100_000),
		"backticks":      strings.Repeat("`a", 100_000),
		"html":           strings.Repeat("<div>", 100_000),
		"table of pipes": "| a |\n|---|\n" + strings.Repeat("|", 100_000) + "\n",
	} {
		start := time.Now()
		var err error
		_, _, peak, res := measure(func() any {
			d, e := Read(strings.NewReader(in), "x.md", Options{})
			err = e
			return d
		})
		switch {
		case name == "html" && errors.Is(err, ErrNoText):
			// Tags around nothing: said as such, in bounded time.
		case err != nil:
			t.Fatalf("%s: %v", name, err)
		default:
			checkInvariants(t, res.(*Document))
		}
		t.Logf("Markdown %s: %v, peak heap %d MiB", name, time.Since(start).Round(time.Millisecond), peak>>20)
	}
}

func TestPDF(t *testing.T) {
	info := "<< /Title (Joint statement) /Author (Election Task Force) /CreationDate (D:20241106093000+01'00') >>"
	cases := []struct {
		name    string
		pdf     []byte
		opt     Options
		text    string // contained in Text
		warning string // contained in Warnings
		errMsg  string // contained in the error
		title   string
		pubDate string
	}{
		{name: "text", pdf: simplePDF(info, textPage("Iran targeted the campaigns.", "Second line.")),
			text: "Iran targeted the campaigns.\nSecond line.", title: "Joint statement", pubDate: "2024-11-06"},
		{name: "pages separated", pdf: simplePDF("", textPage("Page one."), textPage("Page two.")),
			text: "Page one.\n\nPage two."},
		{name: "empty pages", pdf: simplePDF("", textPage("One."), nil, imagePage, textPage("Four."), []byte{}),
			text: "One.\n\nFour.", warning: "pages 2-3, 5 have no text layer"},
		{name: "one empty page", pdf: simplePDF("", textPage("One."), imagePage),
			warning: "page 2 has no text layer"},
		{name: "image only", pdf: simplePDF("", imagePage),
			errMsg: "the PDF has no text layer (scanned?): 1 page, no text"},
		{name: "image only, three pages", pdf: simplePDF("", imagePage, imagePage, imagePage),
			errMsg: "the PDF has no text layer (scanned?): 3 pages, no text"},
		{name: "max pages", pdf: simplePDF("", manyPages(30)...), opt: Options{MaxPages: 10},
			text: "Page 10 of 30.", warning: "the PDF has 30 pages: only the first 10 were read"},
		{name: "time budget", pdf: simplePDF("", textPage("x")), opt: Options{MaxTime: time.Nanosecond},
			errMsg: "took longer than the limit of 1ns"},
		{name: "garbage", pdf: []byte("%PDF-1.4\nnot really a pdf\n%%EOF\n"),
			errMsg: "the PDF could not be read"},
		{name: "truncated", pdf: simplePDF("", textPage("x"))[:300],
			errMsg: "the PDF could not be read"},
		{name: "huge size", pdf: bytes.Replace(simplePDF("", textPage("x")), []byte("/Size 7"), []byte("/Size 900000000"), 1),
			errMsg: "over the limit of 1048576"},
		{name: "pdf 2.0 header", pdf: bytes.Replace(simplePDF("", textPage("Version two.")), []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1),
			text: "Version two."},
		{name: "junk after EOF", pdf: append(simplePDF("", textPage("Trailing junk.")), bytes.Repeat([]byte{0}, 500)...),
			text: "Trailing junk."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Read(bytes.NewReader(c.pdf), "x.pdf", c.opt)
			if c.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), c.errMsg) {
					t.Fatalf("error %v, want %q", err, c.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, d)
			if !strings.Contains(d.Text, c.text) {
				t.Errorf("text %q, want it to contain %q", d.Text, c.text)
			}
			if w := strings.Join(d.Warnings, "; "); c.warning != "" && !strings.Contains(w, c.warning) {
				t.Errorf("warnings %q, want %q", w, c.warning)
			}
			if c.title != "" && (d.Title != c.title || d.Published != c.pubDate || d.Byline != "Election Task Force") {
				t.Errorf("title %q published %q byline %q", d.Title, d.Published, d.Byline)
			}
		})
	}
}

func manyPages(n int) [][]byte {
	var out [][]byte
	for i := 1; i <= n; i++ {
		out = append(out, textPage(fmt.Sprintf("Page %d of %d.", i, n)))
	}
	return out
}

// TestPDFBombs: hostile PDFs end with a clear error or a partial result,
// in bounded time and memory.
func TestPDFBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	// A page whose content decompresses to 100 MiB (of spaces) beside a
	// page of text.
	bomb := simplePDF("", bytes.Repeat([]byte(" "), 100<<20), textPage("After the bomb."))
	// A page tree 2,000 levels deep.
	deep := func() []byte {
		var p testPDF
		catalog := p.Add("")
		font := p.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
		cs := p.Add(flate("", textPage("Deep page.")))
		leaf := p.Add(fmt.Sprintf("<< /Type /Page /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, cs))
		kid := leaf
		for i := 0; i < 2000; i++ {
			kid = p.Add(fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", kid))
		}
		p.Set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", kid))
		return p.Bytes(catalog, 0)
	}()
	// A page tree whose node lists itself among its kids.
	loop := func() []byte {
		var p testPDF
		catalog := p.Add("")
		pages := p.Add("")
		font := p.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
		cs := p.Add(flate("", textPage("Looping page.")))
		leaf := p.Add(fmt.Sprintf("<< /Type /Page /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, cs))
		p.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 >>", leaf, pages))
		p.Set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return p.Bytes(catalog, 0)
	}()
	// Forms drawing forms: 10 forms each drawing the next 10 times.
	forms := func() []byte {
		p := pdftest.NewDoc()
		next := p.Add(stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", []byte("BT /F1 1 Tf (x) Tj ET")))
		for i := 0; i < 10; i++ {
			next = p.Add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 %d 0 R >> /XObject << /X %d 0 R >> >>", pdftest.F1, next),
				[]byte(strings.Repeat("/X Do ", 10))))
		}
		cs := p.Add(stream("", append([]byte("/X Do "), textPage("Forms page.")...)))
		return p.Finish(p.Page(cs, fmt.Sprintf("/XObject << /X %d 0 R >>", next), ""))
	}()
	// Nesting deeper than the library's object depth in a content stream.
	nested := simplePDF("", append([]byte(strings.Repeat("[", 100_000)), textPage("After the brackets.")...))
	// An xref section claiming a billion objects.
	xrefBomb := bytes.Replace(simplePDF("", textPage("x")), []byte("xref\n0 "), []byte("xref\n999999990 "), 1)

	cases := []hostilePDF{
		{name: "compression bomb", pdf: bomb, text: "After the bomb.", warning: "page 1 was not read: its content is over 32 MiB decompressed"},
		{name: "deep page tree", pdf: deep, errMsg: "the page tree is deeper than 512 levels"},
		{name: "deep page tree, depth allowed", pdf: deep, opt: Options{MaxDepth: 5000}, text: "Deep page."},
		{name: "page tree loop", pdf: loop, text: "Looping page."},
		{name: "forms drawing forms", pdf: forms, text: "Forms page."},
		{name: "nested arrays", pdf: nested, text: "After the brackets."},
		{name: "xref bomb", pdf: xrefBomb, errMsg: "over the limit of 1048576"},
	}
	for _, c := range cases {
		t.Run(c.name, c.check)
	}
}

// hostilePDF is a hostile PDF and what reading it must give: an error
// containing errMsg, or a text containing text with a warning containing
// warning; in either case in bounded memory.
type hostilePDF struct {
	name, text, warning, errMsg string
	title                       string // the Title, when not ""
	pdf                         []byte
	opt                         Options
}

func (c hostilePDF) check(t *testing.T) {
	start := time.Now()
	var err error
	live, total, peak, res := measure(func() any {
		d, e := Read(bytes.NewReader(c.pdf), "bomb.pdf", c.opt)
		err = e
		return d
	})
	t.Logf("%s: %s PDF: %v, peak heap %d MiB, %d MiB live, %d MiB allocated", c.name, sizeText(int64(len(c.pdf))), time.Since(start).Round(time.Millisecond), peak>>20, live>>20, total>>20)
	if live > 64<<20 {
		t.Errorf("%d MiB live after reading", live>>20)
	}
	if peak > 256<<20 {
		t.Errorf("peak heap %d MiB while reading, want under 256 MiB", peak>>20)
	}
	if c.errMsg != "" {
		if err == nil || !strings.Contains(err.Error(), c.errMsg) {
			t.Fatalf("error %v, want %q", err, c.errMsg)
		}
		t.Logf("error: %v", err)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	d := res.(*Document)
	checkInvariants(t, d)
	if !strings.Contains(d.Text, c.text) {
		t.Errorf("text %q, want %q", d.Text, c.text)
	}
	if w := strings.Join(d.Warnings, "; "); !strings.Contains(w, c.warning) {
		t.Errorf("warnings %q, want %q", w, c.warning)
	}
	if c.title != "" && d.Title != c.title {
		t.Errorf("title %q, want %q", d.Title, c.title)
	}
	t.Logf("warnings: %q", d.Warnings)
}

// gigabyteBomb is a gigabyte of zeros after "5 0 (", compressed: as an
// object stream it holds object 5, a string that never ends.
var gigabyteBomb = sync.OnceValue(func() []byte { return pdftest.Bomb("5 0 (", 1<<30) })

// TestPDFHostile: the hostile PDFs of the issue — a gigabyte compression
// bomb in a page and in an object stream, thousands of pages, objects and
// page trees that refer to themselves, a truncated file, a scan — end in
// bounded time and memory with a partial result that says what it lost,
// or an error that says why.
func TestPDFHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses a gigabyte")
	}
	bomb := gigabyteBomb()
	t.Logf("the bomb: %s compressed, 1 GiB inflated", sizeText(int64(len(bomb))))
	font := pdftest.Font

	pageBomb := pdftest.PageBomb(bomb, "After the gigabyte.")
	objStreamTitle := pdftest.ObjStreamTitle(pdftest.ObjStream(5, strings.NewReader("(A title in an object stream)")), "Text beside an object stream.")
	objStreamBomb := pdftest.ObjStreamTitle(bomb, "Text beside an object stream.")

	// A page that is its own parent, with no resources of its own: the
	// library looks for inherited resources up the /Parent chain.
	parentLoop := func() []byte {
		var p testPDF
		catalog := p.Add("")
		pages := p.Add("")
		cs := p.Add(flate("", textPage("Orphan page.")))
		pg := p.Add("")
		p.Set(pg, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Contents %d 0 R >>", pg, cs))
		p.Set(pages, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", pg))
		p.Set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pages))
		return p.Bytes(catalog, 0)
	}()

	// Objects that are nothing but a reference to themselves, as a page's
	// resources and contents, beside a good page.
	selfRef := func() []byte {
		p := pdftest.NewDoc()
		self1 := p.Add("")
		p.Set(self1, fmt.Sprintf("%d 0 R", self1))
		self2 := p.Add("")
		p.Set(self2, fmt.Sprintf("%d 0 R", self2))
		bad := p.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Resources %d 0 R /Contents %d 0 R >>", pdftest.Root, self1, self2))
		good := p.Page(p.Add(flate("", textPage("The good page."))), "", "")
		return p.Finish(bad, good)
	}()

	// Two page tree nodes, each the other's kid.
	twoLoop := func() []byte {
		var p testPDF
		catalog := p.Add("")
		a := p.Add("")
		b := p.Add("")
		f := p.Add(font)
		cs := p.Add(flate("", textPage("Between two nodes.")))
		pg := p.Add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", a, f, cs))
		p.Set(a, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count 2 /Parent %d 0 R >>", pg, b, b))
		p.Set(b, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 /Parent %d 0 R >>", a, a))
		p.Set(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", a))
		return p.Bytes(catalog, 0)
	}()

	// A form that draws itself.
	selfForm := func() []byte {
		p := pdftest.NewDoc()
		form := p.Add("")
		p.Set(form, stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 %d 0 R >> /XObject << /X %d 0 R >> >>", pdftest.F1, form),
			[]byte("BT /F1 1 Tf (x) Tj ET /X Do /X Do")))
		cs := p.Add(stream("", append([]byte("/X Do "), textPage("Self-drawing form.")...)))
		return p.Finish(p.Page(cs, fmt.Sprintf("/XObject << /X %d 0 R >>", form), ""))
	}()

	// A form of 30 MiB of spaces, drawn a thousand times.
	formBomb := func() []byte {
		p := pdftest.NewDoc()
		form := p.Add(stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Filter /FlateDecode", deflate(&repeatReader{pattern: []byte(" "), n: 30 << 20})))
		cs := p.Add(flate("", append([]byte(strings.Repeat("/X Do ", 1000)), textPage("After the forms.")...)))
		return p.Finish(p.Page(cs, fmt.Sprintf("/XObject << /X %d 0 R >>", form), ""))
	}()

	// A title of a megabyte.
	longTitle := simplePDF("<< /Title ("+strings.Repeat("Title ", 200_000)+") >>", textPage("Under a long title."))

	// A page whose annotation list is 30 million numbers (60 MiB).
	hugeArray := func() []byte {
		p := pdftest.NewDoc()
		cs := p.Add(flate("", textPage("Under a long list.")))
		annots := p.Add("[" + strings.Repeat("0 ", 30<<20) + "]")
		return p.Finish(p.Page(cs, "", fmt.Sprintf("/Annots %d 0 R", annots)))
	}()

	thousands := simplePDF("", manyPages(5000)...)
	whole := simplePDF("", textPage("First page."), textPage("Second page."))

	cases := []hostilePDF{
		{name: "gigabyte bomb in a page", pdf: pageBomb, text: "After the gigabyte.", warning: "page 1 was not read: its content is over 32 MiB decompressed"},
		{name: "object stream", pdf: objStreamTitle, text: "Text beside an object stream.", title: "A title in an object stream"},
		{name: "gigabyte bomb in an object stream", pdf: objStreamBomb, errMsg: "object stream"},
		{name: "an array of 30 million numbers", pdf: hugeArray, errMsg: "is 60.0 MiB long, over the limit of 4 MiB for an object that is not a stream"},
		{name: "5000 pages", pdf: thousands, text: "Page 2000 of 5000.", warning: "the PDF has 5000 pages: only the first 2000 were read"},
		{name: "page is its own parent", pdf: parentLoop, opt: Options{MaxTime: 20 * time.Second}, text: "Orphan page."},
		{name: "objects that are references to themselves", pdf: selfRef, text: "The good page.", warning: "page 1"},
		{name: "page tree nodes each the other's kid", pdf: twoLoop, text: "Between two nodes."},
		{name: "form drawing itself", pdf: selfForm, text: "Self-drawing form."},
		{name: "a 30 MiB form drawn a thousand times", pdf: formBomb, text: "After the forms.", warning: "page 1: the forms it draws are over 32 MiB decompressed in all"},
		{name: "a megabyte title", pdf: longTitle, text: "Under a long title.", title: strings.TrimSpace(strings.Repeat("Title ", 4096/6+1)[:4096])},
		{name: "truncated in the middle", pdf: whole[:len(whole)/2], errMsg: "the PDF could not be read: the file is truncated: it has no %%EOF marker"},
		{name: "truncated, end marker kept", pdf: append(whole[:len(whole)/2:len(whole)/2], "\n%%EOF\n"...), errMsg: "the PDF could not be read"},
		{name: "no text layer", pdf: simplePDF("", imagePage, imagePage), errMsg: "the PDF has no text layer (scanned?): 2 pages, no text"},
	}
	for _, c := range cases {
		t.Run(c.name, c.check)
	}
}

// TestPDFTimeLimit: a PDF that takes longer than MaxTime keeps the pages
// read before the limit, and says which. Each page here refers to the
// same list of 1.5 million numbers (3 MiB), which the PDF library parses anew for
// every page: far more than the five seconds allowed for a thousand pages,
// far less for the first.
func TestPDFTimeLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("runs into a five-second limit")
	}
	p := pdftest.NewDoc()
	annots := p.Add("[" + strings.Repeat("0 ", 3<<19) + "]")
	var kids []int
	for i := 1; i <= 1000; i++ {
		kids = append(kids, p.Page(p.Add(flate("", textPage(fmt.Sprintf("Page %d.", i)))), "", fmt.Sprintf("/Annots %d 0 R", annots)))
	}
	start := time.Now()
	d, err := Read(bytes.NewReader(p.Finish(kids...)), "slow.pdf", Options{MaxTime: 5 * time.Second})
	t.Logf("%v", time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(d.Warnings, "; ")
	if !strings.Contains(d.Text, "Page 1.") || strings.Contains(d.Text, "Page 1000.") || !strings.Contains(w, "the PDF took longer than the limit of 5s: only pages 1-") {
		t.Errorf("text %.100q, warnings %q", d.Text, w)
	}
	t.Logf("warnings: %q", d.Warnings)
}

// TestPDFManyPages reads a PDF with more pages than the default limit.
func TestPDFManyPages(t *testing.T) {
	start := time.Now()
	d, err := Read(bytes.NewReader(simplePDF("", manyPages(150)...)), "many.pdf", Options{MaxPages: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(d.Warnings, ";"), "the PDF has 150 pages: only the first 100 were read") || !strings.Contains(d.Text, "Page 100 of 150.") || strings.Contains(d.Text, "Page 101 of 150.") {
		t.Errorf("warnings %q", d.Warnings)
	}
	el := time.Since(start)
	t.Logf("%v to read", el)
}

// TestCheckObjectSizes: the scan for oversized objects ends cleanly on
// every shape of input, an object never ended included.
func TestCheckObjectSizes(t *testing.T) {
	big := strings.Repeat("0 ", maxPDFObjectBytes)
	for _, c := range []struct {
		in     string
		refuse bool
	}{
		{"", false},
		{"1 0 obj", false},
		{"1 0 obj [1] endobj 2 0 obj", false},
		{"endobj obj", false},
		{"1 0 obj [" + big + "] endobj", true},
		{"1 0 obj [" + big, true},
		{"1 0 obj << /Length 5 >> stream\n" + big + "\nendstream endobj", false},
	} {
		err := checkObjectSizes([]byte(c.in))
		if (err != nil) != c.refuse {
			t.Errorf("checkObjectSizes(%.30q...): %v, want refused %v", c.in, err, c.refuse)
		}
	}
}

// TestMarkdownPiecesMemory: parsing a long Markdown document in pieces
// side by side takes about the memory of parsing it whole (one section's
// syntax trees at most at a time, and a quarter of the next one's), also
// when a cut is refused and the rest of a section is parsed again.
func TestMarkdownPiecesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("12 MB inputs")
	}
	dense := strings.Repeat("word *evil*[.]example `192.0.2.1` [link](http://x.example) ", 20) + "\n"
	var b strings.Builder
	for b.Len() < 12<<20 {
		b.WriteString("# Heading\n")
		for range 40 {
			b.WriteString(dense)
		}
	}
	for name, in := range map[string]string{
		"cut":     b.String(),
		"refused": "<!--\n" + b.String(), // every cut refused: an open comment
	} {
		pieces := markdownSplit{workers: 2, minSec: 0, minPiece: 64 << 10, perWorker: 4}
		var peaks [2]uint64
		var stats splitStats
		for i, sp := range []markdownSplit{wholeSplit, pieces} {
			_, _, peak, _ := measure(func() any {
				d, s, err := readMarkdownSplit(strings.NewReader(in), Options{}.withDefaults(), sp)
				if err != nil {
					t.Fatal(err)
				}
				stats = s
				return d
			})
			peaks[i] = peak
		}
		t.Logf("%s: peak heap %d MiB whole, %d MiB in pieces (%+v)", name, peaks[0]>>20, peaks[1]>>20, stats)
		if stats.pieces == 0 && stats.refused == 0 {
			t.Errorf("%s: not read in pieces", name)
		}
		// The peaks vary by a quarter from run to run (when the
		// collector runs); two sections' trees at once would be twice.
		if peaks[1] > peaks[0]+peaks[0]/2 {
			t.Errorf("%s: peak heap %d MiB in pieces, %d MiB whole: more than half as much again", name, peaks[1]>>20, peaks[0]>>20)
		}
	}
}
