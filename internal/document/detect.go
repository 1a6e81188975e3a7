package document

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Detect tells the format of an input from its first bytes (Read gives it
// the first 8 KiB) and, as a hint only, the extension of its name. The
// content decides first: the PDF header anywhere in the first KiB, an
// HTML document's opening (doctype, <html>, <head>, <body>) or a page of
// HTML tags, Markdown's cues (headings, fences, tables, lists, links,
// emphasis). The name's extension tips the balance only when the content
// is not clear: a ".md" file needs fewer Markdown cues, a ".txt" file
// more, and a ".html" file is HTML when it has any tags at all. Anything
// else, binary input included, is FormatText (Read refuses binary input).
func Detect(head []byte, name string) Format {
	if bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")) {
		return FormatPDF
	}
	s := sniffString(head)
	ext := strings.ToLower(path.Ext(strings.SplitN(strings.SplitN(name, "?", 2)[0], "#", 2)[0]))
	body := strings.TrimLeft(s, " \t\r\n")
	low := strings.ToLower(body[:min(len(body), 512)])
	if strings.HasPrefix(low, "<!doctype html") || strings.HasPrefix(low, "<html") ||
		strings.HasPrefix(low, "<head") || strings.HasPrefix(low, "<body") ||
		strings.HasPrefix(low, "<?xml") && strings.Contains(low, "<html") ||
		strings.HasPrefix(low, "<!--") && strings.Contains(strings.ToLower(s), "<html") {
		return FormatHTML
	}
	tags := len(htmlTagRE.FindAllStringIndex(s, 50))
	md := markdownScore(s)
	switch ext {
	case ".html", ".htm", ".xhtml", ".shtml":
		if tags > 0 {
			return FormatHTML
		}
	}
	if tags >= 4 && tags > 2*md {
		return FormatHTML
	}
	need := 3
	switch ext {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn":
		need = 0
	case ".txt", ".text", ".log", ".csv", ".tsv":
		need = 6
	}
	if md >= max(need, 1) || need == 0 && !binaryHead(head) {
		return FormatMarkdown
	}
	return FormatText
}

var htmlTagRE = regexp.MustCompile(`(?i)</?(?:p|div|span|a|br|table|tr|td|th|ul|ol|li|h[1-6]|script|style|meta|link|title|img|article|section|header|footer|nav|main|strong|em|b|i|pre|code|blockquote)(?:\s[^<>]*)?/?>`)

// markdownScore adds up the weights of the Markdown cues found in s, line
// by line in one pass: headings, fences, table delimiter rows and link
// reference definitions weigh most; each kind counts at most twice, so
// that one cue repeated (a list) does not outweigh several kinds.
func markdownScore(s string) int {
	const (
		heading = iota
		fence
		table
		link
		list
		strong
		code
		quote
		setext
		refdef
		image
		kinds
	)
	weights := [kinds]int{heading: 2, fence: 2, table: 3, link: 2, list: 1, strong: 1, code: 1, quote: 1, setext: 2, refdef: 2, image: 2}
	var n [kinds]int
	prevText := false
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimRight(line, " \t\r")
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 {
			t = "" // indented code, not a cue
		}
		switch {
		case t == "":
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			n[fence]++
		case t[0] == '#':
			k := 0
			for k < len(t) && t[k] == '#' {
				k++
			}
			if k <= 6 && k < len(t) && (t[k] == ' ' || t[k] == '\t') {
				n[heading]++
			}
		case t[0] == '>':
			n[quote]++
		case isDelimiterRow(t):
			n[table]++
		case prevText && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "") && len(t) >= 2:
			n[setext]++
		case isListItem(t):
			n[list]++
		case t[0] == '[' && strings.Contains(t, "]:"):
			n[refdef]++
		}
		if i := strings.Index(line, "]("); i > 0 && strings.LastIndexByte(line[:i], '[') >= 0 && strings.IndexByte(line[i:], ')') > 0 {
			if strings.Contains(line[:i], "![") {
				n[image]++
			} else {
				n[link]++
			}
		}
		if strings.Count(line, "**") >= 2 || strings.Count(line, "__") >= 2 {
			n[strong]++
		}
		if strings.Count(line, "`") >= 2 && !strings.HasPrefix(t, "```") {
			n[code]++
		}
		prevText = t != "" && !isListItem(t)
	}
	score := 0
	for k := range n {
		score += min(n[k], 2) * weights[k]
	}
	return score
}

// isDelimiterRow reports a Markdown table's delimiter row: |, -, : and
// spaces only, with a pipe and three dashes.
func isDelimiterRow(t string) bool {
	if !strings.Contains(t, "|") || !strings.Contains(t, "---") {
		return false
	}
	return strings.Trim(t, "|-: \t") == ""
}

// isListItem reports a line starting like a list item: "- ", "* ", "+ ",
// "1. " or "1) ".
func isListItem(t string) bool {
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return true
	}
	k := 0
	for k < len(t) && k < 4 && t[k] >= '0' && t[k] <= '9' {
		k++
	}
	return k > 0 && k+1 < len(t) && (t[k] == '.' || t[k] == ')') && (t[k+1] == ' ' || t[k+1] == '\t')
}

// sniffString returns head as UTF-8 text good enough to look for cues:
// a byte order mark is dropped and UTF-16 reduced to its ASCII.
func sniffString(head []byte) string {
	switch utf16Order(head) {
	case "le":
		return asciiOfUTF16(head, 0)
	case "be":
		return asciiOfUTF16(head, 1)
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return string(head)
}

// utf16Order tells whether head is UTF-16, "le" or "be", by its byte
// order mark or, without one, by the zero bytes of ASCII characters
// falling on odd (little-endian) or even (big-endian) positions; "" when
// it is not UTF-16.
func utf16Order(head []byte) string {
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) {
		return "le"
	}
	if bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return "be"
	}
	n := min(len(head), 512) &^ 1
	if n < 8 {
		return ""
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	switch {
	case odd*10 >= half*7 && even*20 <= half:
		return "le"
	case even*10 >= half*7 && odd*20 <= half:
		return "be"
	}
	return ""
}

// asciiOfUTF16 keeps the ASCII characters of UTF-16 text whose low bytes
// are at positions low, low+2, ...
func asciiOfUTF16(b []byte, low int) string {
	var sb strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		lo, hi := b[i+low], b[i+1-low]
		if hi == 0 && lo < utf8.RuneSelf {
			sb.WriteByte(lo)
		}
	}
	return sb.String()
}

// binaryHead reports whether head looks like binary data rather than text
// (outside UTF-16): over one byte in 100 NUL, or over one in 10 another
// control character than white space and escape (at least 8 of them).
func binaryHead(head []byte) bool {
	if len(head) == 0 || utf16Order(head) != "" {
		return false
	}
	nul, controls := 0, 0
	for _, c := range head {
		switch {
		case c == 0:
			nul++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			controls++
		}
	}
	return nul > 0 && nul*100 >= len(head) || controls >= 8 && controls*10 > len(head)
}

// describeBinary names the common binary formats by their magic numbers.
func describeBinary(head []byte) string {
	for _, m := range []struct{ magic, what string }{
		{"PK\x03\x04", "a ZIP archive, such as a DOCX, XLSX or ODT file"},
		{"\xd0\xcf\x11\xe0", "an OLE2 compound file, such as a DOC or XLS file"},
		{"\x89PNG", "a PNG image"},
		{"\xff\xd8\xff", "a JPEG image"},
		{"GIF8", "a GIF image"},
		{"\x1f\x8b", "gzip-compressed data"},
		{"7z\xbc\xaf", "a 7-Zip archive"},
		{"Rar!", "a RAR archive"},
		{"\x7fELF", "an ELF executable"},
		{"MZ", "a Windows executable"},
	} {
		if bytes.HasPrefix(head, []byte(m.magic)) {
			return m.what
		}
	}
	return "unknown binary data"
}
