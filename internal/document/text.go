package document

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textChunk is how much plain text is read and written at a time.
const textChunk = 64 << 10

// textSniff is how much of a plain text input decides its encoding.
const textSniff = 64 << 10

// readText reads plain text, streaming: the text is kept as written, its
// encoding decoded and its line ends normalised, up to opt.MaxTextBytes
// of text from at most opt.MaxBytes of input.
func readText(r io.Reader, opt Options) (*Document, error) {
	in := &countingReader{r: io.LimitReader(r, opt.MaxBytes)}
	br := bufio.NewReaderSize(in, textSniff)
	head, err := br.Peek(textSniff)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("reading the input: %w", err)
	}
	enc, skip, encName := sniffEncoding(head)
	if _, err := br.Discard(skip); err != nil {
		return nil, fmt.Errorf("reading the input: %w", err)
	}
	var src io.Reader = br
	if enc != nil {
		src = transform.NewReader(br, enc.NewDecoder())
	}
	var warnings []string
	if encName != "" {
		warnings = append(warnings, "the text is not UTF-8: read as "+encName)
	}
	w := newBuilder(opt.MaxTextBytes)
	buf := make([]byte, textChunk+utf8.UTFMax)
	carry := 0 // bytes of an incomplete character kept from the last chunk
	for !w.full() {
		n, err := src.Read(buf[carry : carry+textChunk])
		n += carry
		end := n
		if err == nil {
			end = completeRunes(buf[:n])
		}
		w.verbatim(string(buf[:end]))
		carry = copy(buf, buf[end:n])
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the input: %w", err)
		}
	}
	if !w.full() && in.n >= opt.MaxBytes && moreInput(r) {
		warnings = append(warnings, fmt.Sprintf("the input is over the limit of %s: only the first %s were read", sizeText(opt.MaxBytes), sizeText(opt.MaxBytes)))
	}
	doc := &Document{}
	doc.Text, doc.Links, doc.Warnings = w.finish(warnings)
	return doc, nil
}

// moreInput reports whether r has at least one more byte.
func moreInput(r io.Reader) bool {
	n, _ := io.ReadFull(r, make([]byte, 1))
	return n > 0
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// completeRunes returns the length of b without an incomplete UTF-8
// sequence at its end.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// sniffEncoding decides how to decode a text input from its first bytes:
// a byte order mark (UTF-8, UTF-16LE/BE), UTF-16 without one, UTF-8 when
// its multi-byte sequences are valid (a few invalid bytes among many
// valid sequences are errors, replaced and counted), else Windows-1252,
// the usual legacy encoding of Western text. It returns the decoder (nil
// for UTF-8), how many bytes of byte order mark to skip, and the name of
// a legacy encoding ("" for UTF-8 and UTF-16).
func sniffEncoding(head []byte) (enc encoding.Encoding, skip int, legacy string) {
	switch {
	case len(head) >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf:
		return nil, 3, ""
	}
	switch utf16Order(head) {
	case "le":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), 0, ""
	case "be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), 0, ""
	}
	if looksUTF8(head[:completeRunes(head)]) {
		return nil, 0, ""
	}
	return charmap.Windows1252, 0, "Windows-1252"
}

// looksUTF8 reports whether b is UTF-8: valid, or with at most as many
// invalid bytes as valid multi-byte sequences (a damaged UTF-8 text rather
// than a legacy one, where every non-ASCII byte is invalid UTF-8).
func looksUTF8(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	valid, invalid := 0, 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid >= invalid
}

// decodeBytes decodes a whole input held in memory, for the formats that
// parse it whole (Markdown, HTML without a declared charset): as
// sniffEncoding decides, with each invalid UTF-8 byte replaced by U+FFFD.
// The warnings say what was done. decodeBytes takes data over: UTF-8
// input becomes the string without a copy, so the caller must not change
// data afterwards.
func decodeBytes(data []byte) (string, []string) {
	sample := data[:min(len(data), textSniff)]
	enc, skip, legacy := sniffEncoding(sample)
	valid := false // data is known to be valid UTF-8
	if enc == nil && skip == 0 {
		// Validated once: a valid input (most are) is not looked over
		// again by fixUTF8, a pass over megabytes.
		if valid = utf8.Valid(data); !valid && !looksUTF8(data) {
			enc, legacy = charmap.Windows1252, "Windows-1252"
		}
	}
	var warnings []string
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(data[skip:])
		if err == nil {
			if legacy != "" {
				warnings = append(warnings, "the text is not UTF-8: read as "+legacy)
			}
			s, w := fixUTF8(string(out))
			return s, append(warnings, w...)
		}
	}
	data = data[skip:]
	if valid {
		return unsafe.String(unsafe.SliceData(data), len(data)), nil
	}
	return fixUTF8(unsafe.String(unsafe.SliceData(data), len(data)))
}

// fixUTF8 replaces each invalid byte of s with U+FFFD and says how many.
func fixUTF8(s string) (string, []string) {
	if utf8.ValidString(s) {
		return s, nil
	}
	var sb strings.Builder
	sb.Grow(len(s) + 16)
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			sb.WriteString("\uFFFD")
			n++
		} else {
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String(), []string{fmt.Sprintf("%s of invalid UTF-8 replaced with U+FFFD", plural(n, "byte", "bytes"))}
}
