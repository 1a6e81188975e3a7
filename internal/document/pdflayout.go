package document

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// glyph is one character (or ligature) shown on a page.
type glyph struct {
	s      string  // its text; "" when its code has no Unicode meaning
	x, y   float64 // origin in the text's own frame (x along the baseline)
	ux, uy float64 // origin in user space, for link areas
	w      float64 // advance along the baseline
	size   float64 // font size in user space
	dir    int     // the baseline's direction, in quarter turns
	start  int     // code-point offsets of its text in the document, once written
	end    int
}

// pdfFont is what the interpreter needs of a font: how codes decode to
// text and how wide they are.
type pdfFont struct {
	enc     pdf.TextEncoding
	cmap    *toUnicode        // the font's ToUnicode map, which wins over enc
	twoByte bool              // Type0 fonts: two-byte codes
	widths  map[int]float64   // code -> width in glyph space
	dw      float64           // width of codes not in widths
	scale   float64           // glyph space to text space (1/1000, or a Type3 font's matrix)
	cache   map[string]string // decoded codes
	bad     bool              // its encoding could not be read
}

// errPageFull stops a page's interpretation at maxPDFGlyphs.
var errPageFull = errors.New("page full")

// pdfState is the graphics and text state the interpreter tracks.
type pdfState struct {
	ctm                   [6]float64
	tm, tlm               [6]float64
	font                  *pdfFont
	fontSize              float64
	tc, tw, th, tl, trise float64
}

var identity = [6]float64{1, 0, 0, 1, 0, 0}

// mul returns the product m×n of two affine matrices [a b c d e f].
func mul(m, n [6]float64) [6]float64 {
	return [6]float64{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// page interprets one page's content (and the forms it draws) into glyphs.
// ok is false when the page could not be read at all; what went wrong is
// added to the warnings. A failure of the PDF library on this page (an
// object that refers to itself, a damaged stream) costs this page only.
func (x *pdfExtractor) page(num int, v pdf.Value) (glyphs []glyph, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if r == errPDFTime {
				panic(r)
			}
			x.warnings = append(x.warnings, fmt.Sprintf("page %d could not be read: %v", num, r))
			glyphs, ok = nil, false
		}
	}()
	contents := v.Key("Contents")
	if contents.IsNull() {
		return nil, true
	}
	size, err := streamsSize(contents, maxPDFContentBytes)
	if err != nil {
		x.warnings = append(x.warnings, fmt.Sprintf("page %d could not be read: %v", num, err))
		return nil, false
	}
	if size > maxPDFContentBytes {
		x.warnings = append(x.warnings, fmt.Sprintf("page %d was not read: its content is over %s decompressed", num, sizeText(maxPDFContentBytes)))
		return nil, false
	}
	in := &pdfInterp{x: x, page: num, forms: 0, inflated: size}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if r == errPDFTime {
					panic(r)
				}
				switch {
				case r == errPageFull:
					x.warnings = append(x.warnings, fmt.Sprintf("page %d has over %d characters: the rest of it was not read", num, maxPDFGlyphs))
				default:
					x.warnings = append(x.warnings, fmt.Sprintf("page %d could not be read in full: %v", num, r))
				}
			}
		}()
		in.run(contents, x.resources(v), identity, 0)
	}()
	if in.formsCut {
		x.warnings = append(x.warnings, fmt.Sprintf("page %d: the forms it draws are over %s decompressed in all: the rest of them were not read", num, sizeText(maxPDFContentBytes)))
	}
	undecoded := 0
	for _, g := range in.glyphs {
		if g.s == "" {
			undecoded++
		}
	}
	if undecoded > 0 && undecoded*3 > len(in.glyphs) {
		x.warnings = append(x.warnings, fmt.Sprintf("page %d: %d of its %d characters use fonts without a Unicode mapping and could not be read", num, undecoded, len(in.glyphs)))
	}
	return in.glyphs, true
}

// resources returns a page's resources, its own or inherited from the
// page tree above it. Unlike the library's Page.Resources, it climbs at
// most opt.MaxDepth parents, so a page that is its own parent (or an
// ancestor's) ends the search instead of looping until the time limit.
func (x *pdfExtractor) resources(v pdf.Value) pdf.Value {
	for i := 0; i <= x.opt.MaxDepth && !v.IsNull(); i++ {
		if r := v.Key("Resources"); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// streamsSize returns the decompressed size of a content stream or array
// of streams, reading at most limit+1 bytes.
func streamsSize(v pdf.Value, limit int64) (n int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errPDFTime {
				panic(r)
			}
			err = fmt.Errorf("%v", r)
		}
	}()
	var streams []pdf.Value
	switch v.Kind() {
	case pdf.Stream:
		streams = []pdf.Value{v}
	case pdf.Array:
		for i := 0; i < v.Len() && i < 10_000; i++ {
			streams = append(streams, v.Index(i))
		}
	default:
		return 0, nil
	}
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		k, err := io.Copy(io.Discard, io.LimitReader(s.Reader(), limit+1-n))
		n += k
		if err != nil {
			return n, err
		}
		if n > limit {
			return n, nil
		}
	}
	return n, nil
}

// pdfInterp interprets content streams.
type pdfInterp struct {
	x      *pdfExtractor
	page   int
	glyphs []glyph
	forms  int
	ops    int
	// inflated counts the decompressed bytes of the page's content and
	// the forms drawn so far, bounded by maxPDFContentBytes in all: one
	// form may be drawn a thousand times, each time decompressed again.
	inflated int64
	formsCut bool // a form was skipped for that bound
}

// run interprets a content stream with its resources, under a base
// transformation (for forms).
func (in *pdfInterp) run(strm, res pdf.Value, base [6]float64, depth int) {
	g := pdfState{ctm: base, tm: identity, tlm: identity, th: 1}
	var stack []pdfState
	fonts := res.Key("Font")
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		in.ops++
		if in.ops&1023 == 0 {
			in.x.src.check()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		matrix := func() [6]float64 {
			return [6]float64{num(0), num(1), num(2), num(3), num(4), num(5)}
		}
		switch op {
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case "Q":
			if k := len(stack); k > 0 {
				g = stack[k-1]
				stack = stack[:k-1]
			}
		case "cm":
			if len(args) == 6 {
				g.ctm = mul(matrix(), g.ctm)
			}
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.font = in.x.font(fonts.Key(args[0].Name()))
				g.fontSize = num(1)
			}
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.trise = num(0)
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				g.tlm = mul([6]float64{1, 0, 0, 1, num(0), num(1)}, g.tlm)
				g.tm = g.tlm
			}
		case "Tm":
			if len(args) == 6 {
				g.tm = matrix()
				g.tlm = g.tm
			}
		case "T*":
			g.tlm = mul([6]float64{1, 0, 0, 1, 0, -g.tl}, g.tlm)
			g.tm = g.tlm
		case "Tj":
			if len(args) == 1 {
				in.show(&g, args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				args = args[2:]
			}
			g.tlm = mul([6]float64{1, 0, 0, 1, 0, -g.tl}, g.tlm)
			g.tm = g.tlm
			if len(args) == 1 {
				in.show(&g, args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				e := a.Index(i)
				if e.Kind() == pdf.String {
					in.show(&g, e.RawString())
					continue
				}
				tx := -(e.Float64()) / 1000 * g.fontSize * g.th
				g.tm = mul([6]float64{1, 0, 0, 1, tx, 0}, g.tm)
			}
		case "Do":
			if len(args) != 1 || depth >= maxPDFFormDepth || in.forms >= maxPDFForms {
				return
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Key("Subtype").Name() != "Form" {
				return
			}
			in.forms++
			size, err := streamsSize(xo, maxPDFContentBytes-in.inflated)
			if err != nil {
				return
			}
			if in.inflated += size; in.inflated > maxPDFContentBytes {
				in.formsCut = true
				return
			}
			m := identity
			if fm := xo.Key("Matrix"); fm.Len() == 6 {
				for i := range m {
					m[i] = fm.Index(i).Float64()
				}
			}
			fres := xo.Key("Resources")
			if fres.IsNull() {
				fres = res
			}
			in.run(xo, fres, mul(m, g.ctm), depth+1)
		}
	})
}

// show adds the glyphs of a shown string and advances the text matrix.
func (in *pdfInterp) show(g *pdfState, raw string) {
	f := g.font
	if f == nil {
		f = &pdfFont{enc: nil, scale: 0.001, dw: 500, bad: true, cache: map[string]string{}}
		g.font = f
	}
	def := 1
	if f.twoByte {
		def = 2
	}
	for i := 0; i < len(raw); {
		step := def
		if f.twoByte && f.cmap != nil && f.cmap.hasSpace() {
			step = f.cmap.next(raw[i:], def)
		}
		if i+step > len(raw) {
			break
		}
		code := raw[i : i+step]
		i += step
		c := int(codeInt(code))
		w, ok := f.widths[c]
		if !ok {
			w = f.dw
		}
		trm := mul([6]float64{g.fontSize * g.th, 0, 0, g.fontSize, 0, g.trise}, mul(g.tm, g.ctm))
		size := math.Hypot(trm[2], trm[3])
		dir := quarterTurns(trm[0], trm[1])
		gx, gy := frame(trm[4], trm[5], dir)
		adv := w * f.scale * math.Hypot(trm[0], trm[1])
		if len(in.glyphs) >= maxPDFGlyphs {
			panic(errPageFull)
		}
		in.glyphs = append(in.glyphs, glyph{s: f.decode(code), x: gx, y: gy, ux: trm[4], uy: trm[5], w: adv, size: size, dir: dir})
		tx := w*f.scale*g.fontSize + g.tc
		if step == 1 && c == ' ' {
			tx += g.tw
		}
		g.tm = mul([6]float64{1, 0, 0, 1, tx * g.th, 0}, g.tm)
	}
}

// quarterTurns returns the direction of a baseline (dx, dy) in quarter
// turns counter-clockwise: 0 for left to right, 1 for bottom to top...
func quarterTurns(dx, dy float64) int {
	switch {
	case math.Abs(dx) >= math.Abs(dy) && dx >= 0:
		return 0
	case math.Abs(dy) > math.Abs(dx) && dy > 0:
		return 1
	case math.Abs(dx) >= math.Abs(dy):
		return 2
	}
	return 3
}

// frame rotates a point into the frame of a baseline of direction dir, so
// that x runs along the line and y up the page of that text.
func frame(x, y float64, dir int) (float64, float64) {
	switch dir {
	case 1:
		return y, -x
	case 2:
		return -x, -y
	case 3:
		return -y, x
	}
	return x, y
}

// font returns the interpreter's view of a font dictionary, cached across
// pages by the dictionary's text (which names its streams by reference).
func (x *pdfExtractor) font(v pdf.Value) *pdfFont {
	key := v.String()
	if f, ok := x.fonts[key]; ok {
		return f
	}
	f := &pdfFont{scale: 0.001, dw: 1000, widths: map[int]float64{}, cache: map[string]string{}}
	if len(x.fonts) < 4096 {
		x.fonts[key] = f
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				if r == errPDFTime {
					panic(r)
				}
				f.bad = true
				f.enc = nil
			}
		}()
		sub := v.Key("Subtype").Name()
		if sub == "Type0" {
			f.twoByte = true
			d := v.Key("DescendantFonts").Index(0)
			if dw := d.Key("DW"); !dw.IsNull() {
				f.dw = dw.Float64()
			}
			cidWidths(d.Key("W"), f.widths)
		} else {
			f.dw = 0
			if mw := v.Key("FontDescriptor").Key("MissingWidth"); !mw.IsNull() {
				f.dw = mw.Float64()
			}
			first := int(v.Key("FirstChar").Int64())
			ws := v.Key("Widths")
			for i := 0; i < ws.Len() && i < 256; i++ {
				e := ws.Index(i)
				f.widths[first+i] = e.Float64()
			}
			if sub == "Type3" {
				if fm := v.Key("FontMatrix"); fm.Len() == 6 {
					f.scale = fm.Index(0).Float64()
				}
			}
			if f.dw == 0 && len(f.widths) == 0 {
				f.dw = 500 // a standard 14 font without widths: an average width
			}
		}
		if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
			if n, err := streamsSize(tu, maxPDFCMapBytes); err == nil && n <= maxPDFCMapBytes {
				f.cmap = readToUnicode(tu, v)
			}
		}
		if !f.twoByte {
			font := pdf.Font{V: v}
			f.enc = font.Encoder()
		}
	}()
	return f
}

// cidWidths reads a CID font's W array: c [w1 w2 ...] or c1 c2 w.
func cidWidths(w pdf.Value, out map[int]float64) {
	for i := 0; i+1 < w.Len() && len(out) < 1<<16; {
		c := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for k := 0; k < next.Len() && len(out) < 1<<16; k++ {
				e := next.Index(k)
				out[c+k] = e.Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			return
		}
		last := int(next.Int64())
		e := w.Index(i + 2)
		wd := e.Float64()
		for k := c; k <= last && len(out) < 1<<16; k++ {
			out[k] = wd
		}
		i += 3
	}
}

// decode returns the text of one code, "" when it has none.
func (f *pdfFont) decode(code string) string {
	if s, ok := f.cache[code]; ok {
		return s
	}
	s := ""
	if t, ok := f.cmap.lookup(code); ok {
		s = t
	} else if f.enc != nil && !f.bad {
		s = f.enc.Decode(code)
	} else if f.cmap == nil && !f.twoByte && len(code) == 1 && code[0] >= 0x20 && code[0] < 0x7f {
		s = code // no encoding: ASCII is the best guess
	}
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		s = ""
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' || r >= 0xe000 && r <= 0xf8ff {
			return -1 // control characters, and private-use codes that mean nothing outside the font
		}
		return r
	}, s)
	if len(f.cache) < 1<<16 {
		f.cache[code] = s
	}
	return s
}

// lineItem is a glyph placed on a line, with what separates it from the
// glyph before: 0 (nothing), ' ' or '\t'.
type lineItem struct {
	g   *glyph
	sep byte
}

// layout writes a page's glyphs as lines and paragraphs, in the order the
// page draws them (which is reading order for nearly every producer; a
// multi-column page's columns follow each other). A glyph starts a new
// line when its baseline moves by more than half its size or it jumps back
// left; the new line starts a paragraph when the gap above it is clearly
// larger than the page's usual line spacing or the text size changes (a
// heading), or when the text moves up (a new column). On a line a space
// is written where the page leaves a gap of over 0.15 em (or draws a
// space), and a tab where it leaves over 1.2 em (table columns, tab
// stops). Right-to-left scripts, which PDFs draw in visual order, are put
// back in reading order. It returns how many non-space glyphs it wrote.
func (x *pdfExtractor) layout(glyphs []glyph) int {
	written := 0
	var line []lineItem
	var prev *glyph
	lineY, lineSize, usual := 0.0, 0.0, 0.0
	gapSpace := false
	for i := range glyphs {
		g := &glyphs[i]
		g.start, g.end = -1, -1
		if strings.TrimSpace(g.s) == "" {
			if g.s != "" {
				gapSpace = true
			}
			continue
		}
		var sep byte
		if prev != nil {
			size := max(g.size, prev.size, 1)
			dy := lineY - g.y
			sameLine := g.dir == prev.dir && math.Abs(dy) < 0.5*size && g.x > prev.x-size
			if !sameLine {
				para := false
				switch {
				case g.dir != prev.dir, dy < -0.5*size:
					para = true // a new column, a new block
				case lineSize > 0 && math.Abs(g.size-lineSize) > 0.2*lineSize:
					para = true // the text size changes: a heading
				case usual > 0 && dy > 1.35*usual:
					para = true
				case usual == 0 && dy > 2*size:
					para = true
				}
				if !para && dy > 0 {
					if usual == 0 || dy < usual {
						usual = dy
					} else {
						usual = 0.9*usual + 0.1*dy
					}
				}
				written += x.writeLine(line)
				line = line[:0]
				if para {
					x.w.paragraph()
				} else {
					x.w.lineBreak()
				}
				lineY, lineSize = g.y, g.size
			} else {
				gap := g.x - (prev.x + prev.w)
				switch {
				case gap > 1.2*size:
					sep = '\t'
				case gapSpace || gap > 0.15*size:
					sep = ' '
				}
			}
		} else {
			lineY, lineSize = g.y, g.size
		}
		gapSpace = false
		line = append(line, lineItem{g, sep})
		prev = g
	}
	return written + x.writeLine(line)
}

// writeLine writes one line's glyphs, right-to-left runs reversed.
func (x *pdfExtractor) writeLine(line []lineItem) int {
	reorderRTL(line)
	w := x.w
	for _, it := range line {
		if w.full() {
			break
		}
		switch it.sep {
		case ' ':
			w.spaceBreak()
		case '\t':
			w.tab()
		}
		w.startText()
		it.g.start = w.runes
		w.clean(it.g.s, false)
		it.g.end = w.runes
	}
	return len(line)
}

// reorderRTL reverses, in place, each run of right-to-left glyphs on a
// line (with the neutral glyphs between two of them), keeping each
// separator between the same two glyphs.
func reorderRTL(line []lineItem) {
	for i := 0; i < len(line); {
		if !isRTL(line[i].g.s) {
			i++
			continue
		}
		j := i // the run's last right-to-left glyph
		for k := i + 1; k < len(line); k++ {
			if isRTL(line[k].g.s) {
				j = k
			} else if !isNeutral(line[k].g.s) {
				break
			}
		}
		if j > i {
			seps := make([]byte, j-i+1)
			for k := i; k <= j; k++ {
				seps[k-i] = line[k].sep
			}
			for a, b := i, j; a < b; a, b = a+1, b-1 {
				line[a], line[b] = line[b], line[a]
			}
			// The glyph now at i+k was at j-k; the separator before it is
			// the one that was between it and its right neighbour.
			line[i].sep = seps[0]
			for k := 1; k <= j-i; k++ {
				line[i+k].sep = seps[j-i-k+1]
			}
		}
		i = j + 1
	}
}

// isRTL reports whether a glyph's text starts with a right-to-left letter
// (Hebrew, Arabic and the scripts written with it).
func isRTL(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x0590 && r <= 0x08ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff
}

// isNeutral reports whether a glyph's text has no direction of its own.
func isNeutral(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '(' && r != ')' && r != '[' && r != ']'
}

// pageLinks returns the page's link annotations to URIs, each anchored on
// the text drawn inside its area.
func (x *pdfExtractor) pageLinks(v pdf.Value, glyphs []glyph) (links []Link) {
	defer func() {
		if r := recover(); r != nil {
			if r == errPDFTime {
				panic(r)
			}
		}
	}()
	annots := v.Key("Annots")
	for i := 0; i < annots.Len() && i < 10_000; i++ {
		a := annots.Index(i)
		if a.Key("Subtype").Name() != "Link" {
			continue
		}
		act := a.Key("A")
		if act.Key("S").Name() != "URI" {
			continue
		}
		uri := strings.TrimSpace(act.Key("URI").RawString())
		if uri == "" || !utf8.ValidString(uri) {
			continue
		}
		r := a.Key("Rect")
		if r.Len() != 4 {
			continue
		}
		var c [4]float64
		for k := range c {
			c[k] = r.Index(k).Float64()
		}
		x0, x1 := min(c[0], c[2])-1, max(c[0], c[2])+1
		y0, y1 := min(c[1], c[3])-1, max(c[1], c[3])+1
		start, end := -1, -1
		for _, g := range glyphs {
			if g.start < 0 {
				continue
			}
			cx, cy := g.ux+g.w/2, g.uy+g.size/3
			if cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1 {
				if start < 0 || g.start < start {
					start = g.start
				}
				end = max(end, g.end)
			}
		}
		if start < 0 {
			continue
		}
		links = append(links, Link{URL: uri, Start: start, End: end})
	}
	return links
}
