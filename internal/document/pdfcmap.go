package document

import (
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// maxCMapEntries bounds the codes a ToUnicode map may define.
const maxCMapEntries = 1 << 17

// toUnicode is a font's ToUnicode map: how its byte codes split (the
// codespace ranges) and the text each code stands for. The PDF library
// has its own, but does not use it for fonts with an /Encoding dictionary
// (Type 3 fonts, subset Type 1 fonts), where it is the only reliable
// source of text; this one is read once and looked up in a map.
type toUnicode struct {
	space [4][][2]string // codespace ranges by code length - 1: low, high
	codes map[string]string
}

// readToUnicode reads a ToUnicode CMap stream (its size checked before);
// nil when it cannot be read. The CMap's PostScript needs dictionaries to
// "begin" (findresource, begincmap); scratch, a dictionary freshly read
// from the file (the font's), serves as those, as the library's own
// reader uses new ones.
func readToUnicode(strm, scratch pdf.Value) (m *toUnicode) {
	defer func() {
		if r := recover(); r != nil {
			if r == errPDFTime {
				panic(r)
			}
			m = nil
		}
	}()
	m = &toUnicode{codes: map[string]string{}}
	n := 0
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		switch op {
		case "findresource":
			stk.Pop()
			stk.Pop()
			stk.Push(scratch)
		case "begincmap":
			stk.Push(scratch)
		case "endcmap":
			stk.Pop()
		case "defineresource":
			stk.Pop()
			v := stk.Pop()
			stk.Pop()
			stk.Push(v)
		case "begincodespacerange", "beginbfchar", "beginbfrange":
			n = int(stk.Pop().Int64())
		case "endcodespacerange":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				hi, lo := stk.Pop().RawString(), stk.Pop().RawString()
				if len(lo) >= 1 && len(lo) <= 4 && len(lo) == len(hi) {
					m.space[len(lo)-1] = append(m.space[len(lo)-1], [2]string{lo, hi})
				}
			}
		case "endbfchar":
			for i := 0; i < n && stk.Len() >= 2; i++ {
				dst, src := stk.Pop(), stk.Pop().RawString()
				if len(m.codes) < maxCMapEntries {
					m.codes[src] = utf16Text(dst.RawString())
				}
			}
		case "endbfrange":
			for i := 0; i < n && stk.Len() >= 3; i++ {
				dst, hi, lo := stk.Pop(), stk.Pop().RawString(), stk.Pop().RawString()
				m.addRange(lo, hi, dst)
			}
		default:
			// findresource, begincmap, defineresource...: operands left
			// on the stack are dropped with it.
			for stk.Len() > 64 {
				stk.Pop()
			}
		}
	})
	return m
}

// addRange adds the codes lo..hi of a bfrange: consecutive text from a
// start string, or one string each from an array.
func (m *toUnicode) addRange(lo, hi string, dst pdf.Value) {
	if len(lo) == 0 || len(lo) != len(hi) || len(lo) > 4 {
		return
	}
	a, b := codeInt(lo), codeInt(hi)
	if b < a || b-a > 0xffff {
		return
	}
	start := dst.RawString()
	for c := a; c <= b && len(m.codes) < maxCMapEntries; c++ {
		code := intCode(c, len(lo))
		switch dst.Kind() {
		case pdf.String:
			if start == "" {
				continue
			}
			// The last character is incremented (PDF 32000 9.10.3).
			u := []byte(start)
			k := len(u) - 1
			v := int(u[k]) + int(c-a)
			if k > 0 {
				v += int(u[k-1]) << 8
				u[k-1] = byte(v >> 8)
			}
			u[k] = byte(v)
			m.codes[code] = utf16Text(string(u))
		case pdf.Array:
			m.codes[code] = utf16Text(dst.Index(int(c - a)).RawString())
		}
	}
}

// next returns the length of the code at the start of raw: the codespace
// range it falls in, else def bytes.
func (m *toUnicode) next(raw string, def int) int {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, r := range m.space[n-1] {
			if r[0] <= raw[:n] && raw[:n] <= r[1] {
				return n
			}
		}
	}
	return min(def, len(raw))
}

// hasSpace reports whether the map declares codespace ranges.
func (m *toUnicode) hasSpace() bool {
	return len(m.space[0])+len(m.space[1])+len(m.space[2])+len(m.space[3]) > 0
}

func codeInt(s string) uint32 {
	var v uint32
	for i := 0; i < len(s); i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func intCode(v uint32, n int) string {
	b := make([]byte, n)
	for i := n - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return string(b)
}

// utf16Text decodes the UTF-16BE text of a CMap destination.
func utf16Text(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// lookup returns the text of code; ok is false when the map (or m, nil)
// does not define it.
func (m *toUnicode) lookup(code string) (string, bool) {
	if m == nil {
		return "", false
	}
	s, ok := m.codes[code]
	return s, ok
}
