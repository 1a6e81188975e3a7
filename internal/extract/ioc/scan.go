package ioc

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/dossier-cti/dossier/internal/extract/linecut"
)

// maxLabels bounds the labels of one dotted run (DNS allows 127; a run of
// more is not a name anyone writes).
const maxLabels = 127

// span is a byte range of the text.
type span struct{ start, end int }

// dotted describes a run of labels joined by dots or defanged dots,
// starting at a label: "www.example[.]com", "45[.]141[.]152[.]19",
// "SystemNetwork.exe". The labels themselves are in scanner.lab.
type dotted struct {
	end      int  // just after the last label
	n        int  // number of labels
	defanged bool // some separator was a defanged dot
	numeric  bool // every label is digits only
	rebuilt  bool // the value differs from the text beyond case (defanged or doubled dots)
}

// scanner holds the state of one Scan. It lives on Scan's stack: Scan
// allocates only the matches it returns and the values it must build.
type scanner struct {
	t      string
	lo, hi int // matches start in t[lo:hi]; t is read around them
	out    []Match
	last   int // End of the last match: no match starts before it
	dotEnd int // end of the last dotted run parsed: no name starts inside it
	lab    [maxLabels]span
	buf    [256]byte // a candidate domain refanged and lower-cased, for checking
	nbuf   int
}

// Scan returns the indicators in text, in text order, without overlaps.
//
// Each mention is reported once, as the most specific kind it is: a URL
// is reported as a URL (or as Social when it is an account's page), and
// the domain or IP address it holds is not reported again (Match.Host
// gives it); likewise an email address is not reported again as a domain,
// nor is a hash, ATT&CK id or CVE that sits inside a URL. A file name
// that is a hash followed by a risky extension is reported as the hash.
//
// Scan reads text once, left to right, looking at each run of letters,
// digits, '-' and '_' and at the bytes that follow it: see the package
// documentation for the rules. It never fails; text that is not UTF-8 is
// scanned as bytes. It is safe for concurrent use.
//
// A long text is read in pieces side by side, cut at line breaks: no
// indicator holds one, so each piece finds exactly the matches of its
// lines, with the whole text around it to look back at. The pieces are
// many (linecut.Many): a list of indicators is slower to read than
// prose, and four pieces of equal length left the last one alone for
// milliseconds.
func Scan(text string) []Match {
	return scanInPieces(text, linecut.Many(len(text), 256<<10))
}

// scanInPieces is Scan reading text in that many pieces (fewer when
// lines are too few).
func scanInPieces(text string, pieces int) []Match {
	if pieces <= 1 {
		return scanRange(text, 0, len(text)) // no bounds made: Scan of a short text allocates nothing of its own
	}
	bounds := linecut.Bounds(text, pieces)
	if len(bounds) == 2 {
		return scanRange(text, 0, len(text))
	}
	outs := make([][]Match, len(bounds)-1)
	var wg sync.WaitGroup
	for p := range outs {
		wg.Go(func() { outs[p] = scanRange(text, bounds[p], bounds[p+1]) })
	}
	wg.Wait()
	return slices.Concat(outs...)
}

// scanRange returns the matches of text that start in text[lo:hi]; hi
// is at a line break or the end.
func scanRange(text string, lo, hi int) []Match {
	s := scanner{t: text, lo: lo, hi: hi}
	s.run(lo)
	return s.out
}

// run is the single pass. Bytes that cannot begin an indicator are
// skipped with one table lookup each; each word run is read once while
// its byte classes are summarised, and only runs that can be an
// indicator (they hold a digit, or a dot, colon, at sign, backslash or
// defanging bracket follows them) are looked at further.
func (s *scanner) run(i int) {
	t := s.t
	n := len(t)
	for i < s.hi {
		c := t[i]
		if class[c]&cAlnum == 0 {
			switch c {
			case ':':
				if i+1 < n && t[i+1] == ':' && i >= s.last && (i == 0 || !isHexColon(t[i-1])) {
					if e := s.ipv6(i); e > i {
						i = e
						continue
					}
				}
			case '@':
				if i+1 < n && isWord(t[i+1]) && i >= s.last && (i == 0 || !isWord(t[i-1]) && t[i-1] != '.') {
					if e := s.handle(i); e > i {
						i = e
						continue
					}
				}
			}
			i++
			continue
		}
		st := i
		or, and := uint16(0), ^uint16(0)
		for i < n {
			cl := class[t[i]]
			if cl&cWord == 0 {
				break
			}
			or |= cl
			and &= cl
			i++
		}
		if st < s.last {
			continue
		}
		if e := s.word(st, i, or, and); e > i {
			i = e
		}
	}
}

// emit records m and returns where scanning resumes.
func (s *scanner) emit(m Match) int {
	if len(s.out) == cap(s.out) {
		s.grow(m.End)
	}
	s.out = append(s.out, m)
	s.last = m.End
	return m.End
}

// grow makes room for more matches, guessing from the density of matches
// so far (at byte pos) how many the whole text holds: IOC lists have one
// every hundred bytes, prose none, and copying a long slice again and
// again costs more than the scan.
func (s *scanner) grow(pos int) {
	n := 2*cap(s.out) + 16
	if pos > s.lo {
		if guess := len(s.out) * (s.hi - s.lo) / (pos - s.lo) * 9 / 8; guess > n {
			n = guess
		}
	}
	out := make([]Match, len(s.out), n)
	copy(out, s.out)
	s.out = out
}

// word looks at the word run t[st:e] whose bytes' classes OR to or and
// AND to and. It returns where scanning resumes: past a match, or e.
func (s *scanner) word(st, e int, or, and uint16) int {
	t := s.t
	n := len(t)
	var nx byte
	if e < n {
		nx = t[e]
	}
	// Can a name (domain, IP, URL, email, file name) start here? Not
	// inside a dotted run already looked at, nor right after a dot.
	named := st >= s.dotEnd && (st == 0 || t[st-1] != '.')
	if or&cDigit == 0 && !(named && (nx == ':' || follows(t, e, nx))) {
		switch {
		case nx == 0xE2 && e-st == 3 && eqFold(t[st:e], "cve"):
			if m, ok := s.cve(st, e); ok {
				return s.emit(m)
			}
		case st >= 2 && t[st-1] == '.' && (t[st-2] == ')' || t[st-2] == ']') && e-st <= 5:
			// "Invoice (1).exe": a name ending in a bracket, set off.
			var b [5]byte
			if riskyExt(string(appendLower(b[:0], t[st:e]))) {
				if fs := s.fileStart(st-1, e); fs < st-1 && fs >= s.last {
					return s.emit(Match{Kind: Filename, Value: unescapeMD(t[fs:e]), Start: fs, End: e})
				}
			}
		}
		return e
	}
	if named {
		switch nx {
		case ':', '[', '(':
			if m, ok := s.schemeURL(st, e); ok {
				return s.emit(m)
			}
		}
		switch nx {
		case '\\', ':':
			if m, ok := s.regKey(st, e); ok {
				return s.emit(m)
			}
		}
		if nx == ':' && and&cHex != 0 && e-st <= 4 {
			if end := s.ipv6(st); end > st {
				return end
			}
		}
	}
	alone, isAlone := Match{}, false
	if or&cDigit != 0 {
		alone, isAlone = s.alone(st, e, or, and)
	}
	if named && follows(t, e, nx) {
		if m, ok := s.compound(st); ok {
			if isAlone && m.Kind == Filename && alone.Kind.IsHash() {
				return s.emit(alone)
			}
			return s.emit(m)
		}
	}
	if isAlone {
		return s.emit(alone)
	}
	return e
}

// follows reports whether the byte nx at t[e], just after a word run, can
// continue a name: a dot, a defanged dot or at sign, an at sign, a
// backslash-escaped dot.
func follows(t string, e int, nx byte) bool {
	switch nx {
	case '.', '[', '(', '{', '\\', '@':
		return true
	case ' ':
		return e+4 < len(t) && (t[e+1] == 'd' || t[e+1] == 'D') && (t[e+4] == ' ')
	}
	return false
}

func isHexColon(c byte) bool { return class[c]&cHex != 0 || c == ':' }

// sep returns the width of the label separator at t[i] and whether it is
// a defanged form: ".", "[.]", "(.)", "{.}", "[dot]", "(dot)", "{dot}",
// "\.", " dot ". It returns 0 when there is none or when no label start
// follows it.
func (s *scanner) sep(i int) (w int, defanged bool) {
	t := s.t
	n := len(t)
	if i >= n {
		return 0, false
	}
	switch c := t[i]; c {
	case '.':
		w = 1
		if i+2 < n && t[i+1] == '.' && isAlnum(t[i+2]) && i > 0 && isAlnum(t[i-1]) {
			w = 2 // "rtdb..firebaseio.com": a doubled dot in an IOC list
		} else if i+2 < n && t[i+1] == ']' && isAlnum(t[i+2]) {
			w, defanged = 2, true // "miandfish.]store": "[.]" with its bracket lost
		}
	case '[', '(', '{':
		cl := closer(c)
		if i+2 < n && t[i+1] == '.' && t[i+2] == cl {
			w, defanged = 3, true
		} else if i+4 < n && eqFold(t[i+1:i+4], "dot") && t[i+4] == cl {
			w, defanged = 5, true
		} else if c == '[' && i+2 < n && t[i+1] == '.' && isAlnum(t[i+2]) {
			w, defanged = 2, true // "example[.com"
		}
	case '\\':
		if i+1 < n && t[i+1] == '.' {
			w, defanged = 2, true
		}
	case ' ':
		if i+4 < n && (t[i+1:i+4] == "dot" || t[i+1:i+4] == "DOT") && t[i+4] == ' ' {
			w, defanged = 5, true
		}
	}
	if w == 0 || i+w >= n || !isAlnum(t[i+w]) {
		return 0, false
	}
	return w, defanged
}

func closer(c byte) byte {
	switch c {
	case '[':
		return ']'
	case '(':
		return ')'
	}
	return '}'
}

// at returns the width of an at sign at t[i], plain or defanged: "@",
// "[@]", "(@)", "{@}", "[at]", "(at)", "{at}"; 0 when there is none.
func (s *scanner) at(i int) (w int, defanged bool) {
	t := s.t
	n := len(t)
	if i >= n {
		return 0, false
	}
	switch c := t[i]; c {
	case '@':
		return 1, false
	case '[', '(', '{':
		cl := closer(c)
		if i+2 < n && t[i+1] == '@' && t[i+2] == cl {
			return 3, true
		}
		if i+3 < n && eqFold(t[i+1:i+3], "at") && t[i+3] == cl {
			return 4, true
		}
	}
	return 0, false
}

// labels parses the dotted run that starts with a label at st, filling
// s.lab.
func (s *scanner) labels(st int) dotted {
	t := s.t
	n := len(t)
	d := dotted{numeric: true}
	i := st
	for {
		ls := i
		for i < n && class[t[i]]&cWord != 0 {
			if !isDigit(t[i]) {
				d.numeric = false
			}
			i++
		}
		s.lab[d.n] = span{ls, i}
		d.n++
		d.end = i
		w, df := s.sep(i)
		if w == 0 || d.n == maxLabels {
			break
		}
		d.defanged = d.defanged || df
		d.rebuilt = d.rebuilt || w > 1
		i += w
	}
	return d
}

// label returns the k-th label of the last dotted run parsed.
func (s *scanner) label(k int) string { return s.t[s.lab[k].start:s.lab[k].end] }

// refangLabels writes labels [from, to) of the last dotted run into s.buf,
// lower-cased and joined by '.', and reports whether they fit.
func (s *scanner) refangLabels(from, to int) bool {
	n := 0
	for k := from; k < to; k++ {
		l := s.label(k)
		if n+len(l)+1 > len(s.buf) {
			return false
		}
		if k > from {
			s.buf[n] = '.'
			n++
		}
		for i := 0; i < len(l); i++ {
			s.buf[n] = lower(l[i])
			n++
		}
	}
	s.nbuf = n
	return true
}

// bufString returns s.buf's content without copying. The string must not
// outlive the next change to s.buf: it is only passed to functions that
// do not keep it.
func (s *scanner) bufString() string {
	if s.nbuf == 0 {
		return ""
	}
	return unsafe.String(&s.buf[0], s.nbuf)
}

// validDomain reports whether labels [from, to) of the last dotted run
// form a domain name: two labels or more, each of letters, digits and
// inner hyphens, at most 63 bytes, the whole at most 253; a top-level
// label of letters (or an IDN "xn--" label) that is an ICANN suffix of
// the public suffix list; and a name below the public suffix, not the
// suffix itself ("co.uk" is not a domain, "blogspot.com" is one under
// ICANN's "com"). On success s.buf holds the name, refanged and
// lower-cased.
func (s *scanner) validDomain(from, to int) bool {
	if to-from < 2 {
		return false
	}
	for k := from; k < to; k++ {
		l := s.label(k)
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		if strings.IndexByte(l, '_') >= 0 {
			return false
		}
	}
	tld := s.label(to - 1)
	if len(tld) < 2 {
		return false
	}
	if !hasFoldPrefix(tld, "xn--") {
		for i := 0; i < len(tld); i++ {
			if class[tld[i]]&cAlpha == 0 {
				return false
			}
		}
	}
	if !icannTLD(tld) || !s.refangLabels(from, to) || s.nbuf > 253 {
		return false
	}
	// A name of two labels may itself be a public suffix ("co.uk",
	// "com.au", "x.ck" under "*.ck"); such second-level suffixes have
	// short first labels, so longer ones ("example.com") need no look-up.
	// Names of three labels or more that are whole suffixes (a few
	// Japanese and US geographic ones) are not looked for.
	if to-from == 2 && len(s.label(from)) <= 4 {
		return !icannSuffix(s.buf[:s.nbuf])
	}
	return true
}

// compound looks for a name starting at the word run at st: an email
// address, an IPv4 address or CIDR, a domain, a URL written without a
// scheme, or a file name.
func (s *scanner) compound(st int) (Match, bool) {
	t := s.t
	n := len(t)
	d := s.labels(st)
	s.dotEnd = max(s.dotEnd, d.end)
	if w, df := s.at(d.end); w > 0 && d.end+w < n && isAlnum(t[d.end+w]) {
		return s.email(st, d, w, df)
	}
	if d.n < 2 {
		return Match{}, false
	}
	if d.numeric {
		if d.n != 4 {
			return Match{}, false
		}
		return s.ipv4(st, d)
	}
	return s.name(st, d)
}

// ipv4 checks a run of four numeric labels: an address, a CIDR block, or
// the host of a URL written without a scheme.
func (s *scanner) ipv4(st int, d dotted) (Match, bool) {
	t := s.t
	n := len(t)
	for k := 0; k < 4; k++ {
		l := s.label(k)
		if len(l) > 3 || len(l) > 1 && l[0] == '0' {
			return Match{}, false
		}
		v := 0
		for i := 0; i < len(l); i++ {
			v = v*10 + int(l[i]-'0')
		}
		if v > 255 {
			return Match{}, false
		}
	}
	end := d.end
	if end+1 < n && t[end] == '/' && isDigit(t[end+1]) {
		j := end + 1
		bits := 0
		for j < n && isDigit(t[j]) && j-end <= 3 {
			bits = bits*10 + int(t[j]-'0')
			j++
		}
		if j-end <= 3 && (j == n || !isAlnum(t[j]) && t[j] != '/') {
			if bits <= 32 {
				return Match{Kind: IPv4CIDR, Value: s.joined(st, d, 0, 4, t[end:j]), Start: st, End: j, Defanged: d.defanged}, true
			}
			goto plain // "10.0.0.0/33": a bad prefix length, not a path
		}
	}
	if m, ok := s.hostPath(st, d, 0, 4); ok {
		return m, true
	}
plain:
	if !d.defanged && versionContext(t, st) {
		return Match{}, false
	}
	return Match{Kind: IPv4, Value: s.joined(st, d, 0, 4, ""), Start: st, End: end, Defanged: d.defanged}, true
}

// joined returns labels [from, to) of the last dotted run, lower-cased
// and joined by '.', followed by tail: the text as written when that is
// already the canonical form, a new string otherwise.
func (s *scanner) joined(st int, d dotted, from, to int, tail string) string {
	t := s.t
	a, b := s.lab[from].start, s.lab[to-1].end
	if !d.rebuilt && isLowerASCII(t[a:b]) && (tail == "" || b+len(tail) <= len(t) && t[b:b+len(tail)] == tail) {
		return t[a : b+len(tail)]
	}
	var out []byte
	for k := from; k < to; k++ {
		if k > from {
			out = append(out, '.')
		}
		out = appendLower(out, s.label(k))
	}
	return string(append(out, tail...))
}

// name checks a dotted run whose last label is not numeric: a file name
// with a risky extension, a domain, or the host of a URL written without
// a scheme.
func (s *scanner) name(st int, d dotted) (Match, bool) {
	t := s.t
	n := len(t)
	first, last := s.label(0), s.label(d.n-1)
	var extBuf [8]byte
	ext := ""
	if len(last) <= len(extBuf) {
		ext = string(appendLower(extBuf[:0], last)) // does not escape: compared only
	}
	nx := byte(0)
	if d.end < n {
		nx = t[d.end]
	}
	if !d.defanged && riskyExt(ext) && !eqFold(first, "www") && !jsFramework(first, ext) &&
		!(nx == '/' && d.end+1 < n && class[t[d.end+1]]&cPath != 0 && t[d.end+1] != '/') {
		return s.filename(st, d), true
	}
	// Detection names such as MSIL/Tiny.HU or Win64/Packed.Enigma.BV
	// have a capitalised or upper-case top-level label after lower-case
	// letters; so do sentences missing a space ("end.It").
	if !d.defanged && oddCase(s, d) || !s.validDomain(0, d.n) {
		return Match{}, false
	}
	// A path makes a URL whatever the name looks like.
	if m, ok := s.hostPath(st, d, 0, d.n); ok {
		return m, true
	}
	// Names in code (console.info(), this.name), product names (ASP.NET)
	// and files whose extension is also a top-level domain (clip.mov,
	// README.md) are not domains unless written defanged.
	if !d.defanged && (nx == '(' || d.n == 2 && (codeWord(first) || fileExtTLD(ext, first)) || productName(s.bufString())) {
		return Match{}, false
	}
	return Match{Kind: Domain, Value: s.joined(st, d, 0, d.n, ""), Start: st, End: d.end, Defanged: d.defanged}, true
}

// oddCase reports whether the last label's case marks the run as not a
// domain: "Enigma.BV", "Tiny.HU" (an upper-case top-level label after
// lower-case letters), "end.It" (a capitalised one).
func oddCase(s *scanner, d dotted) bool {
	last := s.label(d.n - 1)
	hasUpper, hasLower := false, false
	for i := 0; i < len(last); i++ {
		c := last[i]
		hasUpper = hasUpper || 'A' <= c && c <= 'Z'
		hasLower = hasLower || 'a' <= c && c <= 'z'
	}
	if !hasUpper {
		return false
	}
	if hasLower {
		return true // "It", "Com"
	}
	rest := s.t[s.lab[0].start:s.lab[d.n-2].end]
	return !isUpperOrDigits(rest)
}

func isUpperOrDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// hostPath returns the URL written without a scheme whose host is labels
// [from, to) of the last dotted run: the host followed by an optional
// port and a path ("evil[.]com/login.php", "tiktok[.]com/@name",
// "1.2.3.4:8080/x"). A host followed by a bare slash or a port alone is
// not a URL.
func (s *scanner) hostPath(st int, d dotted, from, to int) (Match, bool) {
	t := s.t
	n := len(t)
	j := d.end
	if j < n && t[j] == ':' {
		k := j + 1
		for k < n && isDigit(t[k]) && k-j <= 5 {
			k++
		}
		if k == j+1 || k-j > 6 {
			return Match{}, false
		}
		j = k
	}
	if j+1 >= n || t[j] != '/' || class[t[j+1]]&cPath == 0 || t[j+1] == '/' || strings.HasPrefix(t[j:], "/[/]") {
		return Match{}, false
	}
	end, pathDefanged, escaped := s.path(j)
	if end <= j+1 {
		return Match{}, false
	}
	defanged := d.defanged || pathDefanged
	var v string
	if !d.rebuilt && !pathDefanged && !escaped && isLowerASCII(t[st:d.end]) {
		v = t[st:end]
	} else {
		b := make([]byte, 0, end-st)
		for k := from; k < to; k++ {
			if k > from {
				b = append(b, '.')
			}
			b = appendLower(b, s.label(k))
		}
		b = append(b, t[d.end:j]...)
		b = appendRefangedPath(b, t[j:end])
		v = string(b)
	}
	m := Match{Kind: URL, Value: v, Start: st, End: end, Defanged: defanged}
	s.social(&m, s.hostOf(from, to), t[j:end])
	return m, true
}

// hostOf returns labels [from, to) as a lower-case host name: from s.buf
// when validDomain filled it, built otherwise.
func (s *scanner) hostOf(from, to int) string {
	if !s.refangLabels(from, to) {
		return ""
	}
	return s.bufString()
}

// path returns the end of the path, query and fragment of a URL that
// starts at t[j] ('/', '?' or '#'), and whether it holds a defanged dot.
// Parentheses and brackets belong to the URL only when balanced inside
// it, so that "(see hxxp://x[.]com/a)" and Markdown links end where they
// should; a comma ends it unless a digit follows; trailing punctuation is
// left out.
func (s *scanner) path(j int) (end int, defanged, escaped bool) {
	t := s.t
	n := len(t)
	paren, bracket := 0, 0
	// open is where the first parenthesis or bracket still open was
	// opened: one never closed ("/decoy/[Sednit", AsciiDoc's link macro
	// "URL[text]" with its text run on to the next line) is not the URL's.
	open := -1
	i := j
	for i < n {
		c := t[i]
		if class[c]&cPath == 0 {
			if c >= utf8.RuneSelf {
				// An IRI: letters and digits of any script stay in the path
				// ("/p/joão-lourenço"); punctuation such as curly quotes,
				// dashes and ellipses ends it, as in prose.
				r, size := utf8.DecodeRuneInString(t[i:])
				if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) {
					i += size
					continue
				}
				break
			}
			if c == '\\' && i+1 < n && mdEscaped(t[i+1]) {
				escaped = true // Markdown's "install\_flash\_player.exe"
				i += 2
				continue
			}
			break
		}
		switch c {
		case ',':
			// A comma separates list items and CSV fields far more often
			// than it sits in a URL; one followed by a digit ("?ids=1,2")
			// stays.
			if i+1 >= n || !isDigit(t[i+1]) {
				goto done
			}
		case '%':
			// A percent sign that escapes nothing ("%0X", a cut "%2")
			// is not part of a URL (RFC 3986): the URL ends before it.
			if i+2 >= n || class[t[i+1]]&cHex == 0 || class[t[i+2]]&cHex == 0 {
				goto done
			}
		case '(':
			if paren+bracket == 0 {
				open = i
			}
			paren++
		case ')':
			if paren == 0 {
				goto done
			}
			paren--
		case '[':
			if pathDefang(t, i) {
				defanged = true
				i += 3
				continue
			}
			if paren+bracket == 0 {
				open = i
			}
			bracket++
		case ']':
			if bracket == 0 {
				goto done
			}
			bracket--
		}
		i++
	}
done:
	if paren+bracket > 0 {
		i = open
	}
	for i > j {
		if i-3 > j && t[i-3] == '[' && t[i-1] == ']' {
			i -= 3 // a defanged full stop ends the sentence, not the URL
			continue
		}
		switch t[i-1] {
		case '.', ',', ';', ':', '!', '?', '*', '\'', '\\':
			i--
			continue
		case '(':
			i--
			continue
		case '[':
			i--
			continue
		}
		break
	}
	return i, defanged, escaped
}

// unescapeMD removes Markdown's backslash escapes from s.
func unescapeMD(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && mdEscaped(s[i+1]) {
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

// mdEscaped reports whether c is a character Markdown writers escape
// with a backslash inside URLs, addresses and file names ("\_").
func mdEscaped(c byte) bool {
	switch c {
	case '_', '-', '~', '#':
		return true
	}
	return false
}

// pathDefang reports whether t[i:] begins a defanged ".", ":" or "/" in
// a URL's path: "[.]", "[:]", "[/]", not nested in other brackets.
func pathDefang(t string, i int) bool {
	return i+2 < len(t) && t[i] == '[' && (t[i+1] == '.' || t[i+1] == ':' || t[i+1] == '/') && t[i+2] == ']' &&
		(i == 0 || t[i-1] != '[') && (i+3 == len(t) || t[i+3] != ']')
}

// appendRefangedPath appends a URL's path with "[.]", "[:]" and "[/]"
// refanged and Markdown's backslash escapes removed.
func appendRefangedPath(b []byte, p string) []byte {
	for i := 0; i < len(p); i++ {
		if p[i] == '\\' && i+1 < len(p) && mdEscaped(p[i+1]) {
			continue
		}
		if p[i] == '[' && pathDefang(p, i) {
			b = append(b, p[i+1])
			i += 2
			continue
		}
		b = append(b, p[i])
	}
	return b
}

// email checks an address whose local part ends at the dotted run d
// (followed by an at sign of width w).
func (s *scanner) email(st int, d dotted, w int, df bool) (Match, bool) {
	t := s.t
	n := len(t)
	// The local part may begin before the word run: "john+tag@", "o'brien@".
	ls := st
	for ls > s.last && (isLocalByte(t[ls-1]) || t[ls-1] == '\\' && t[ls] == '_') {
		ls--
	}
	for ls < st && t[ls] == '.' {
		ls++
	}
	local := t[ls:d.end]
	if len(local) > 64 || strings.HasSuffix(local, ".") {
		return Match{}, false
	}
	localDefanged := d.defanged
	ds := d.end + w
	dd := s.labels(ds)
	s.dotEnd = max(s.dotEnd, dd.end)
	if dd.numeric || !s.validDomain(0, dd.n) {
		return Match{}, false
	}
	// "git@github.com:org/repo.git" is an SSH remote, not an address.
	if dd.end+1 < n && t[dd.end] == ':' && (isAlnum(t[dd.end+1]) || t[dd.end+1] == '/') {
		return Match{}, false
	}
	defanged := df || localDefanged || dd.defanged
	domain := s.bufString()
	escaped := strings.IndexByte(local, '\\') >= 0
	var v string
	if !defanged && !escaped && t[dd.end-len(domain):dd.end] == domain {
		v = t[ls:dd.end]
	} else {
		b := make([]byte, 0, len(local)+1+len(domain))
		if localDefanged {
			b = appendRefangedLocal(b, local)
		} else {
			b = append(b, unescapeMD(local)...)
		}
		b = append(b, '@')
		b = append(b, domain...)
		v = string(b)
	}
	return Match{Kind: Email, Value: v, Start: ls, End: dd.end, Defanged: defanged}, true
}

// isLocalByte reports whether c may sit in an email local part before the
// word run the scanner found it by.
func isLocalByte(c byte) bool {
	return isWord(c) || c == '.' || c == '+' || c == '%' || c == '\''
}

// appendRefangedLocal appends a local part with its defanged dots refanged.
func appendRefangedLocal(b []byte, local string) []byte {
	for i := 0; i < len(local); i++ {
		c := local[i]
		switch c {
		case '[', '(', '{':
			cl := closer(c)
			if i+2 < len(local) && local[i+1] == '.' && local[i+2] == cl {
				b = append(b, '.')
				i += 2
				continue
			}
			if i+4 < len(local) && eqFold(local[i+1:i+4], "dot") && local[i+4] == cl {
				b = append(b, '.')
				i += 4
				continue
			}
		case '\\':
			if i+1 < len(local) && local[i+1] == '.' {
				b = append(b, '.')
				i++
				continue
			}
			if i+1 < len(local) && mdEscaped(local[i+1]) {
				continue
			}
		case ' ':
			if i+4 < len(local) && eqFold(local[i+1:i+4], "dot") && local[i+4] == ' ' {
				b = append(b, '.')
				i += 4
				continue
			}
		}
		b = append(b, c)
	}
	return b
}
