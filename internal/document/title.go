package document

import (
	"path"
	"path/filepath"
	"strings"
)

// FirstLine returns the first line of text a reader sees: blank lines,
// AsciiDoc attribute entries (":toc:", ":toclevels: 2") and comments
// ("// …") passed over, and a heading's marks ("= Title" in AsciiDoc,
// "## Title" in Markdown read as text) taken off, with the mark, '=' or
// '#' (0 when the line is no heading). It is "" for a text with no such
// line.
func FirstLine(text string) (line string, mark byte) {
	for l := range strings.Lines(text) {
		l = strings.TrimSpace(l)
		if l == "" || asciidocMeta(l) {
			continue
		}
		if t := strings.TrimLeft(l, "=#"); t != l && strings.HasPrefix(t, " ") {
			if t = strings.TrimSpace(t); t != "" {
				return t, l[0]
			}
			continue
		}
		return l, 0
	}
	return "", 0
}

// asciidocMeta reports whether a line is an AsciiDoc attribute entry
// (":toc:", ":toclevels: 2") or comment ("// …"), which says nothing a
// reader sees.
func asciidocMeta(l string) bool {
	if strings.HasPrefix(l, "//") {
		return true
	}
	if len(l) < 3 || l[0] != ':' {
		return false
	}
	name, _, ok := strings.Cut(l[1:], ":")
	return ok && name != "" && !strings.ContainsAny(name, " \t")
}

// textTitle is the title of a text read as plain text or Markdown that
// its first line gives: an AsciiDoc section title ("= Agrius Indicators
// of Compromise", after the attribute entries; the Markdown reader would
// take a listing's "----" underline for a heading instead), or, for a
// list of indicators, its file's name (listTitle). It is "" otherwise.
func textTitle(text, name string, f Format) string {
	line, mark := FirstLine(text)
	switch {
	case mark == '=':
		return line
	case f == FormatText && mark == 0 && name != "" && name != "-" && listRow(line):
		// A CSV file ("value,type,notes" and a row a value) or one value a
		// line: its file's name says what it lists
		// ("2016-11-09_PowerDuke_post-election_spearphishing_indicators.csv"),
		// where its header or first value would say nothing.
		return path.Base(filepath.ToSlash(name))
	}
	return ""
}

// listRow reports whether a line is a row of a list rather than a
// title: cells joined by tabs, or by commas with no space after them
// (prose puts one), or one value with no space in it that a title
// would not be ("ipfs.io", "198.51.100.7", "https://...", a hash).
func listRow(line string) bool {
	switch {
	case line == "":
		return false
	case strings.Contains(line, "\t"):
		return true
	case strings.Contains(line, ",") && !strings.Contains(line, ", "):
		return true
	case strings.ContainsAny(line, " \u00a0"):
		return false
	}
	return strings.ContainsAny(line, "./@") || len(line) >= 32 && strings.Trim(line, "0123456789abcdefABCDEF") == ""
}
