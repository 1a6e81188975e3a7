package ioc

import "strings"

// riskyExt reports whether ext (lower case, no dot) is an extension that
// makes a file name an indicator: executables and libraries, scripts,
// shortcuts, disk images and installers, Office formats that carry macros
// or exploits, help and OneNote files, and the archives that deliver them.
func riskyExt(ext string) bool {
	switch ext {
	case "exe", "dll", "scr", "cpl", "ocx", "sys", "drv", "pif", "msi", "msp", "msix", "appx",
		"bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "wsc", "sct", "hta",
		"lnk", "url", "scf", "iso", "img", "vhd", "vhdx", "jar", "apk", "xapk", "dmg", "chm", "one", "reg",
		"docm", "dotm", "xlsm", "xltm", "xlam", "xll", "pptm", "potm", "ppam", "ppsm", "sldm",
		"doc", "dot", "xls", "xlt", "ppt", "pps", "rtf",
		"zip", "rar", "7z", "cab", "ace", "arj", "gz", "tgz",
		"sh", "py", "elf", "so", "dylib", "bin":
		return true
	}
	return false
}

// fileExtTLD reports whether a two-label name written without defanging,
// name.ext, is a file name rather than a domain although ext is a
// top-level domain: extensions of common files (.mov, .rs, .pm, .data,
// .docs, .run) and README.md-style names.
func fileExtTLD(ext, name string) bool {
	switch ext {
	case "mov", "rs", "pm", "ps", "cc", "mp", "data", "docs", "run":
		return true
	case "md":
		return isUpperOrDigits(name)
	}
	return false
}

// jsFramework reports whether name.js names a JavaScript framework
// ("Node.js", "Vue.js"), not a script file.
func jsFramework(name, ext string) bool {
	if ext != "js" || name == "" || name[0] < 'A' || name[0] > 'Z' || len(name) > 8 {
		return false
	}
	var b [8]byte
	switch string(appendLower(b[:0], name)) {
	case "node", "vue", "next", "nuxt", "react", "angular", "ember", "backbone", "three", "chart",
		"socket", "express", "knockout", "meteor", "d3", "alpine", "svelte", "solid", "preact", "nest":
		return true
	}
	return false
}

// codeWord reports whether the first label of a two-label name is a word
// (any case) that begins member accesses in code: "this.name",
// "console.info", "document.domains".
func codeWord(first string) bool {
	if len(first) > 9 {
		return false
	}
	var b [9]byte
	switch string(appendLower(b[:0], first)) {
	case "this", "self", "window", "document", "console", "math", "json", "object", "string", "array",
		"system", "module", "exports", "process", "navigator":
		return true
	}
	return false
}

// productName reports whether a dotted name is a product, not a domain.
func productName(s string) bool {
	return eqFold(s, "asp.net") || eqFold(s, "vb.net") || eqFold(s, "ado.net")
}

// filename returns the file-name match for the dotted run d at st,
// widened to the whole name when the name has spaces or other characters
// and is set off: quoted ("Invoice 2024 (1).exe"), in backticks, in
// «guillemets», or alone on a line of a list of file names.
func (s *scanner) filename(st int, d dotted) Match {
	t := s.t
	// The name may begin before the word run: "Checklist\_pdf.iso",
	// "_setup.exe".
	for st > s.last && st > 0 && (isWord(t[st-1]) || t[st-1] == '\\' && t[st] == '_') {
		st--
	}
	start := s.fileStart(st, d.end)
	return Match{Kind: Filename, Value: unescapeMD(t[start:d.end]), Start: start, End: d.end}
}

// fileStart returns where the file name that ends at e (whose last word
// run starts at st) begins.
func (s *scanner) fileStart(st, e int) int {
	t := s.t
	n := len(t)
	if st == 0 {
		return st
	}
	// The delimiters that may enclose a file name, closing → opening.
	var open1, open2 string
	switch {
	case e < n && t[e] == '`':
		open1 = "`"
	case e < n && t[e] == '"':
		open1, open2 = "\"", "\u201c"
	case strings.HasPrefix(t[e:], "\u201d"):
		open1, open2 = "\u201c", "\""
	case strings.HasPrefix(t[e:], "\u2019"):
		open1 = "\u2018"
	case strings.HasPrefix(t[e:], "\u00bb"):
		open1 = "\u00ab"
	case e < n && t[e] == '\'':
		open1 = "'"
	default:
		k := skipBlanks(t, e)
		if k == n || t[k] == '\n' || t[k] == '\r' {
			return s.listedFileStart(st, e)
		}
		return st
	}
	lo := max(st-200, s.last, 0)
	for j := st - 1; j >= lo; j-- {
		c := t[j]
		if c == '\n' {
			return st
		}
		if strings.HasPrefix(t[j:], open1) || open2 != "" && strings.HasPrefix(t[j:], open2) {
			w := len(open1)
			if !strings.HasPrefix(t[j:], open1) {
				w = len(open2)
			}
			if j+w < st && fileChars(t[j+w:st]) && t[j+w] != ' ' {
				return j + w
			}
			return st
		}
		if class[c]&(cAlnum|cFile) == 0 && !(c == '\\' && t[j+1] == '_') {
			return st
		}
	}
	return st
}

// fileChars reports whether s may be the beginning of a file name.
func fileChars(s string) bool {
	for i := 0; i < len(s); i++ {
		if class[s[i]]&(cAlnum|cFile) == 0 && !(s[i] == '\\' && i+1 < len(s) && s[i+1] == '_') {
			return false
		}
	}
	return true
}

// listedFileStart widens a file name that ends its line to the whole
// line when the line is one entry of a list of file names: the line
// before or after it also ends with a risky extension, or is a listing
// fence ("----", "```"). "Statement by the Spokesperson of European Union
// on the latest developments in eastern Ukraine.rtf" is one name there;
// "The attacker dropped evil.exe" in prose stays "evil.exe".
func (s *scanner) listedFileStart(st, e int) int {
	t := s.t
	ls := strings.LastIndexByte(t[:st], '\n') + 1
	b := ls
	if s.last > ls {
		// A table row: "SHA-256 <hash>   Debate Prep Notes.lnk". The
		// name follows the previous match after a wide gap.
		b = skipBlanks(t, s.last)
		if gap := t[s.last:b]; !strings.Contains(gap, "  ") && !strings.Contains(gap, "\t") {
			return st
		}
	}
	b = skipBlanks(t, b)
	if b >= st || !fileChars(t[b:st]) || strings.Contains(t[b:st], "  ") || st-b > 200 || innerDot(t[b:st]) {
		return st
	}
	if c := t[b]; class[c]&cAlnum == 0 && c < 0x80 {
		return st // bullets, table cells, quotes: not a bare listing
	}
	// The neighbouring lines.
	prev := ""
	if ls > 0 {
		ps := strings.LastIndexByte(t[:ls-1], '\n') + 1
		prev = strings.TrimRight(t[ps:ls-1], " \t\r")
	}
	next := ""
	e = skipBlanks(t, e)
	if e < len(t) {
		ns := e
		if t[ns] == '\r' {
			ns++
		}
		if ns < len(t) && t[ns] == '\n' {
			ns++
		}
		ne := strings.IndexByte(t[ns:], '\n')
		if ne < 0 {
			ne = len(t) - ns
		}
		next = strings.TrimRight(t[ns:ns+ne], " \t\r")
	}
	if listingLine(prev) || listingLine(next) {
		return b
	}
	return st
}

// innerDot reports whether s holds a dot between two word characters
// ("5.Executes", "file.zip"): a numbered step or another name, not the
// beginning of one file name.
func innerDot(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && isWord(s[i-1]) && isWord(s[i+1]) {
			return true
		}
	}
	return false
}

// skipBlanks returns the index of the first byte at or after i that is
// not a space, a tab or a no-break space (U+00A0).
func skipBlanks(t string, i int) int {
	for i < len(t) {
		switch {
		case t[i] == ' ' || t[i] == '\t':
			i++
		case t[i] == 0xC2 && i+1 < len(t) && t[i+1] == 0xA0:
			i += 2
		default:
			return i
		}
	}
	return i
}

// listingLine reports whether a line is a fence, introduces a list
// (ends with a colon), or ends with a file name: a dot and an extension of
// one to five letters or digits, as prose lines, which end with a full
// stop, do not.
func listingLine(l string) bool {
	l = strings.TrimSpace(l)
	if strings.HasPrefix(l, "----") || strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~~") || strings.HasSuffix(l, ":") {
		return true
	}
	dot := strings.LastIndexByte(l, '.')
	if dot < 1 || len(l)-dot-1 > 5 || dot == len(l)-1 || !isWord(l[dot-1]) {
		return false
	}
	for i := dot + 1; i < len(l); i++ {
		if !isAlnum(l[i]) {
			return false
		}
	}
	return true
}
