package extract

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"github.com/dossier-cti/dossier/internal/document"
	"github.com/dossier-cti/dossier/internal/extract/ioc"
)

// referencesHeading starts a report's list of references or links: URLs
// under it are citations, not indicators. It is a line of its own, with
// Markdown or AsciiDoc heading marks or bold around it.
var referencesHeading = regexp.MustCompile(`(?im)^[#=*\s]*(references|sources|further reading|citations|endnotes|footnotes|bibliography|see also|cross[- ]?links|(?:related|external|useful|additional) (?:links|resources|reading|reports))[*\s]*:?[*\s]*$`)

// citeCue is what a sentence says just before a link it cites: a source
// ("according to", "reported by"), a pointer for the reader ("see our",
// "for more information", "you can visit"). Words an actor's own actions
// are told with ("posted", "published on", "hosted") are not cues: an
// actor's blog is a link too.
var citeCue = regexp.MustCompile(`(?i)\b(?:according to|reported (?:by|in)|as (?:reported|described|detailed|documented|noted|explained) (?:by|in)|(?:described|detailed|documented|discussed|explained|outlined|covered) (?:in|by|at)|see(?: also)?|refer to|recommend(?:s|ed)? reading|read (?:more|our|the|their|this|about)|for (?:more|further|additional) (?:information|details|context|guidance)|more (?:information|details) (?:is |are )?(?:available )?(?:at|in|on|from)|learn more|cf\.|source:|(?:you|readers?|users?) (?:can|may|should|could) (?:also )?(?:visit|read|see|find|consult|check|report|contact|get))\b`)

// clauseBreak starts a new clause between a cue and a link: "According to
// our telemetry, the loader fetched https://…" cites the telemetry, not
// the link.
var clauseBreak = regexp.MustCompile(`(?i)[,;:]\s+(?:the|a|an|it|its|they|their|this|these|those|we|he|she|our)\b`)

// maxCueWords is how many words may stand between a cue and the link it
// introduces ("see our GitHub repository", "according to the researcher,
// Andrei Soldatov").
const maxCueWords = 8

// citeBy is anchor text that names a document by whom it is by:
// "reporting by Group-IB", "an analysis from Volexity", "research of the
// Citizen Lab".
var citeBy = regexp.MustCompile(`(?i)^(?:(?:the|this|a|an|our|their|recent|previous|earlier|prior|public)\s+){0,3}(?:report|reports|reporting|research|analysis|analyses|blog ?post|write-?up|article|advisory|publication|study|investigation|whitepaper|white paper|paper)\s+(?:by|from|of)\s+\S+(?:\s+\S+){0,3}$`)

// citeAnchor is anchor text that names a document, not a place: "report",
// "story", "blog post", "here". "blog" alone is not one (an actor's blog
// is linked as "a WordPress blog").
var citeAnchor = regexp.MustCompile(`(?i)^(?:(?:the|this|a|an|our|their|his|her|its)\s+)?(?:[\w-]+\s+){0,3}(?:report|reports|reporting|story|article|articles|blog ?post|write-?up|advisory|advisories|alert|analysis|research|paper|white ?paper|publication|press release|statement|announcement|announced|reported|study|investigation|findings|documentation|here|this|source|sources)$`)

// citations decides which mentions of links cite a source (a news story,
// another vendor's report, a government page, the publisher's repository)
// rather than name an actor's infrastructure. Only links written as live
// links count: a defanged mention is an indicator by the author's own
// choice, and so is every other mention of the same value.
type citations struct {
	text     string
	refsFrom int         // where the references section starts; len(text) when none
	anchors  map[int]int // the byte end of a link's anchor text -> its start (Markdown and HTML documents)
	// index holds the links of an index table's rows to the reports of
	// the operations they name (indexTitles), in bytes; indexEnds their
	// anchors' ends.
	index     []document.Link
	indexEnds map[int]bool
	gov       map[string]bool // governmentHost by host
	// By the observable's index in the findings:
	fanged  map[int]bool
	cleared map[int]bool // values made benign here, which a defanged mention takes back
	checked map[int]int  // live mentions of a value read for a citation, up to maxCiteChecks
}

// maxCiteChecks is how many live mentions of one value are read for a
// citation: a value named more often than that is an indicator of the
// report, not a source it cites once (a text of a million repeats of one
// link read each one's words before it: 1.6 MB/s).
const maxCiteChecks = 1000

func newCitations(doc *document.Document) *citations {
	c := &citations{text: doc.Text, refsFrom: len(doc.Text), fanged: map[int]bool{}, cleared: map[int]bool{},
		checked: map[int]int{}, gov: map[string]bool{}}
	if loc := referencesHeading.FindStringIndex(doc.Text); loc != nil {
		c.refsFrom = loc[0]
	}
	if len(doc.Links) > 0 {
		c.anchors = make(map[int]int, len(doc.Links))
		for _, l := range doc.Links {
			if l.End > l.Start { // an anchor with text
				c.anchors[l.ByteEnd] = l.ByteStart
			}
		}
		c.index = indexTitles(doc.Text, doc.Links)
		if len(c.index) > 0 {
			c.indexEnds = make(map[int]bool, len(c.index))
			for _, l := range c.index {
				c.indexEnds[l.ByteEnd] = true
			}
		}
	}
	return c
}

// mark looks at one mention m of observable ob, the findings' key-th,
// and makes ob benign when the mention cites a source; a defanged
// mention undoes it.
func (c *citations) mark(key int, ob *Observable, m ioc.Match) {
	if ob.Kind != "url" && ob.Kind != "domain" && ob.Kind != "social" {
		return
	}
	if m.Defanged {
		c.fanged[key] = true
		if c.cleared[key] {
			ob.Benign = ""
			delete(c.cleared, key)
		}
		if ob.takenBack != "" && ob.Benign != "" {
			// The author defanged a link the lists clear only for its
			// popular host: an indicator by the author's choice.
			ob.Benign, ob.Tags, ob.takenBack = "", append(ob.Tags, ob.takenBack), ""
		}
		return
	}
	if ob.Benign != "" || c.fanged[key] {
		return
	}
	n := c.checked[key]
	if n >= maxCiteChecks {
		return
	}
	c.checked[key] = n + 1
	if why := c.reason(m); why != "" {
		ob.Benign = why
		c.cleared[key] = true
	}
}

// reason says why the live link m is a citation, or "".
func (c *citations) reason(m ioc.Match) string {
	if m.Start >= c.refsFrom {
		return "cited in the report's references"
	}
	if m.Kind != ioc.URL && m.Kind != ioc.Social {
		return "" // a name in prose or a mail address is not a link: a sender's domain may be spoofed
	}
	if m.Kind == ioc.URL && c.governmentHost(m.Host()) {
		return "a government site, linked as a source"
	}
	if c.image(m.Start) {
		return "an image the report shows"
	}
	anchor, from := c.anchor(m.Start)
	if anchor == "" {
		anchor = c.asciidocAnchor(m.End)
	}
	if anchor != "" {
		if m.Start >= 2 && c.indexEnds[m.Start-2] {
			return "cited as a source (the report of an operation a row of an index table names, \"" + anchor + "\")"
		}
		if citeAnchor.MatchString(anchor) || citeBy.MatchString(anchor) {
			return "cited as a source (the link of \"" + anchor + "\")"
		}
		if namesSite(anchor, m.Value) {
			return "a link to the site of " + anchor
		}
		if pdfLink(m.Value) && (namesHost(anchor, m.Value) || lowerWords(anchor)) {
			// "[ExaTrack](https://exatrack.com/public/winnti_EN.pdf)
			// released their analysis", "researchers [observed](…/A_Study_of_….pdf)":
			// a paper the words point to, not a lure (an actor's file is
			// named for what it is, and written defanged).
			return "cited as a source (a document linked from the words \"" + anchor + "\")"
		}
		if numberedRef.MatchString(anchor) {
			return "cited as a numbered reference (the link of \"" + anchor + "\")"
		}
		if proseAnchor(anchor) && deepPage(m.Value) {
			return "cited as a source (a page linked from the words \"" + anchor + "\")"
		}
	}
	if anchor == "" {
		if name := c.parenthesised(m.Start, m.End); name != "" {
			// Plain text, where a web page's link became "text (URL)" and
			// which words were its anchor is not known: a numbered
			// reference, or the name of the site, just before.
			if last := name[strings.LastIndexByte(name, ' ')+1:]; strings.HasSuffix(last, "]") && numberedRef.MatchString(last) {
				return "cited as a numbered reference (the link of \"" + last + "\")"
			}
			if site := siteNamedBefore(name, m.Value); site != "" {
				return "a link to the site of " + site
			}
		}
	}
	if cuedLink(c.sentenceBefore(from)) {
		return "cited as a source"
	}
	if c.footnote(from) {
		return "cited in a footnote"
	}
	return ""
}

// governmentHost is governmentHost of host, looked up once a host.
func (c *citations) governmentHost(host string) bool {
	g, ok := c.gov[host]
	if !ok {
		g = governmentHost(host)
		c.gov[host] = g
	}
	return g
}

// footnoteMark is what stands before a link on a line of notes: "[3]",
// "[^3]:", "^3".
var footnoteMark = regexp.MustCompile(`^[ \t]*(?:\[\^?\d{1,3}\]:?|\^\d{1,3})[ \t]*[<\[]?$`)

// footnote reports whether the link starting at from opens a footnote
// line: "[3] http://cve.circl.lu/cve/CVE-2017-0199".
func (c *citations) footnote(from int) bool {
	// The line's start is looked for no further back than a footnote's
	// mark can reach: a line of thousands of links is not read back to
	// its start for each of them.
	lo := max(0, from-13)
	// With no line break in reach, lineStart is lo, 13 bytes back: too far.
	lineStart := strings.LastIndexByte(c.text[lo:from], '\n') + 1 + lo
	return from-lineStart <= 12 && footnoteMark.MatchString(c.text[lineStart:from])
}

// cuedLink reports whether the words before a link end with a citing
// cue and at most maxCueWords words after it, in the same clause.
func cuedLink(before string) bool {
	if !mayCite(before) {
		return false
	}
	locs := citeCue.FindAllStringIndex(before, -1)
	if locs == nil {
		return false
	}
	tail := before[locs[len(locs)-1][1]:]
	return len(strings.Fields(tail)) <= maxCueWords && !clauseBreak.MatchString(tail)
}

// citeCueWords hold a word of each of citeCue's cues, in lower case: a
// text with none of them (in ASCII) holds no cue.
var citeCueWords = [][]byte{[]byte("accord"), []byte("report"), []byte("describ"), []byte("detail"), []byte("document"),
	[]byte("noted"), []byte("explain"), []byte("discuss"), []byte("outline"), []byte("cover"), []byte("see"), []byte("refer"),
	[]byte("recommend"), []byte("read"), []byte("for"), []byte("more"), []byte("learn"), []byte("cf."), []byte("source:"),
	[]byte("you"), []byte("user")}

// mayCite reports whether s may hold one of citeCue's cues: it holds one
// of citeCueWords in any case, as the expression folds case (ASCII, and
// the two letters outside it that fold into it: "ſ" is an s, the Kelvin
// sign a k). A link's few words before it are read for cues at every
// link, and the expression is slow to say no: a text of a million links
// took minutes.
func mayCite(s string) bool {
	var buf [256]byte
	if len(s) > len(buf) {
		return true
	}
	n := 0
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r == 'ſ':
			r = 's'
		case r == '\u212a':
			r = 'k'
		case r >= utf8.RuneSelf:
			r = 0 // no cue's letter: it parts words, as it does for the expression
		}
		buf[n] = byte(r)
		n++
	}
	low := buf[:n]
	for _, w := range citeCueWords {
		if bytes.Contains(low, w) {
			return true
		}
	}
	return false
}

// anchor returns the anchor text of the link whose URL starts at start,
// and where the link starts: "[text](URL)" written out, or a Markdown or
// HTML link that the document reader showed as "text (URL)". Without
// anchor text it returns "" and start.
func (c *citations) anchor(start int) (string, int) {
	t := c.text
	if start >= 2 && t[start-2:start] == "](" {
		end := start - 2
		lo := max(0, end-300)
		depth := 0
		for i := end - 1; i >= lo; i-- {
			switch t[i] {
			case '\n':
				return "", start
			case ']':
				depth++
			case '[':
				if depth == 0 {
					return cleanAnchor(t[i+1 : end]), i
				}
				depth--
			}
		}
		return "", start
	}
	if start >= 2 && t[start-2:start] == " (" && c.anchors != nil {
		if s, ok := c.anchors[start-2]; ok {
			return cleanAnchor(t[s : start-2]), s
		}
	}
	return "", start
}

// parenthesised returns, when the link text[start:end] stands alone in
// parentheses after words on its line ("Children International
// (https://www.children.org/)", "reports [1] (https://…)"), up to 60
// bytes of the line before the parenthesis; "" otherwise.
func (c *citations) parenthesised(start, end int) string {
	t := c.text
	if start < 3 || t[start-2:start] != " (" || end >= len(t) || t[end] != ')' {
		return ""
	}
	before := t[max(0, start-62) : start-2]
	return strings.TrimSpace(before[strings.LastIndexByte(before, '\n')+1:])
}

// siteNamedBefore returns the words at the end of before (one to four)
// that name the site link leads to (namesSite), or "".
func siteNamedBefore(before, link string) string {
	words := strings.Fields(before)
	for n := 1; n <= 4 && n <= len(words); n++ {
		if name := strings.Join(words[len(words)-n:], " "); namesSite(name, link) {
			return name
		}
	}
	return ""
}

// numberedRef is the anchor text of a numbered reference: "[1]", "1".
var numberedRef = regexp.MustCompile(`^\[?\d{1,3}\]?$`)

// proseAnchor reports whether anchor is words of the report's prose, as
// a web page links its sources from them ("a supply chain attack on
// Taiwanese government entities"): three words or more, two of them in
// lower case, none of them a link or an address itself. A name ("Liberty
// Front Press", an operation's outlet) is no prose.
func proseAnchor(anchor string) bool {
	words := strings.Fields(anchor)
	if len(words) < 3 {
		return false
	}
	lower := 0
	for _, w := range words {
		if strings.ContainsAny(strings.Trim(w, ".,;:!?()\"'"), "/@.") {
			return false // "evil.example", "a@b.example", "hxxp://…"
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			lower++
		}
	}
	return lower >= 2
}

// deepPage reports whether link is a page deep in a site, as a source
// is: a path of two parts or more, or one part that is an article's
// slug (three words or more joined by hyphens). A site's front page or
// a short path ("/gate", "/login") is not.
func deepPage(link string) bool {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" {
		return false
	}
	var parts []string
	for _, p := range strings.Split(u.Path, "/") {
		if p != "" {
			parts = append(parts, p)
		}
	}
	switch {
	case len(parts) >= 2:
		return true
	case len(parts) == 1:
		return strings.Count(parts[0], "-") >= 2
	}
	return false
}

// image reports whether the URL starting at start is the target of a
// Markdown image, "![alt](URL)": a figure of the report itself.
func (c *citations) image(start int) bool {
	t := c.text
	if start < 4 || t[start-2:start] != "](" {
		return false
	}
	for i := start - 3; i >= max(0, start-300); i-- {
		switch t[i] {
		case '\n', ']':
			return false
		case '[':
			return i > 0 && t[i-1] == '!'
		}
	}
	return false
}

// asciidocAnchor returns the text of an AsciiDoc link written
// "URL[text]", whose URL ends at end; "" when there is none.
func (c *citations) asciidocAnchor(end int) string {
	t := c.text
	if end >= len(t) || t[end] != '[' {
		return ""
	}
	close := strings.IndexByte(t[end:min(len(t), end+200)], ']')
	if close < 0 || strings.IndexByte(t[end:end+close], '\n') >= 0 {
		return ""
	}
	return cleanAnchor(t[end+1 : end+close])
}

// cleanAnchor drops emphasis marks and spaces around anchor text.
func cleanAnchor(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*_`"))
}

// sentenceBefore returns the words of the sentence before byte offset
// end, at most 160 bytes of them, without the link's opening marks.
func (c *citations) sentenceBefore(end int) string {
	// At most 160 bytes are read, after the marks trimmed, whose run is
	// cut short too: a link after a million brackets is not a million
	// bytes' work.
	s := strings.TrimRight(c.text[max(0, end-1024):end], "[(<*_ ")
	lo := max(0, len(s)-160)
	for i := len(s) - 1; i >= lo; i-- {
		switch s[i] {
		case '\n':
			return s[i+1:]
		case '.', '!', '?':
			if i+1 < len(s) && s[i+1] == ' ' {
				return s[i+1:]
			}
		}
	}
	return s[lo:]
}

// namesSite reports whether anchor text names the site a link leads to:
// "[Intel 471](https://intel471.com)", "[S2 Grupo](https://s2grupo.es/en/home/)".
// Only a link to the site's front page counts (homePath), of its
// registered domain itself (or www.): a link deeper in
// a site, or to a customer's name under a hosting service, names a page
// or a tenant, not the organisation.
func namesSite(anchor, link string) bool {
	u, err := url.Parse(link)
	if err != nil || !homePath.MatchString(u.Path) || u.RawQuery != "" {
		return false
	}
	return namesHost(anchor, link)
}

// homePath is the path of a site's front page: none, "/", or one in a
// language or named as the home ("/en/home/", "/en-us/", "/index.html").
var homePath = regexp.MustCompile(`(?i)^(?:/(?:[a-z]{2}(?:[-_][a-z]{2})?/?)?(?:(?:home|index\.html?|default\.aspx?)/?)?)?$`)

// pdfLink reports whether link is a PDF document on the web.
func pdfLink(link string) bool {
	u, err := url.Parse(link)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.HasSuffix(strings.ToLower(u.Path), ".pdf")
}

// lowerWords reports whether anchor is words of prose that start in
// lower case ("observed", "this study"), none a link or an address.
func lowerWords(anchor string) bool {
	r, _ := utf8.DecodeRuneInString(anchor)
	return unicode.IsLower(r) && !strings.ContainsAny(anchor, "/@.")
}

// namesHost reports whether anchor names the organisation whose
// registered domain link is on: "ExaTrack" for exatrack.com, "Children
// International" for children.org.
func namesHost(anchor, link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	reg, err := publicsuffix.EffectiveTLDPlusOne(host)
	if err != nil || reg != host {
		return false
	}
	label := reg[:strings.IndexByte(reg, '.')]
	var b strings.Builder
	for _, r := range anchor {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	a := b.String()
	if len(a) < 3 {
		return false
	}
	if a == label {
		return true
	}
	// "[MISP](https://www.misp-project.org)", "[Mandiant](mandiant-inc.com)":
	// the organisation's name and a word that says what it is, in the
	// domain or in the name ("[Children International](children.org)").
	if rest, ok := strings.CutPrefix(strings.ReplaceAll(label, "-", ""), a); ok && orgSuffixes[rest] {
		return true
	}
	rest, ok := strings.CutPrefix(a, strings.ReplaceAll(label, "-", ""))
	return ok && len(a)-len(rest) >= 3 && orgSuffixes[rest]
}

// orgSuffixes end the domain names of organisations after their name.
var orgSuffixes = map[string]bool{"project": true, "security": true, "labs": true, "lab": true, "research": true,
	"group": true, "inc": true, "corp": true, "hq": true, "org": true, "foundation": true, "institute": true, "news": true, "international": true}

// governmentSuffixes are the second-level labels that governments
// register under their country's code (gov.uk, gouv.fr, gob.mx, go.jp,
// gc.ca), and governmentDomains the registered domains of governments
// and intergovernmental bodies outside them.
var (
	governmentSuffixes = map[string]bool{"gov": true, "govt": true, "gouv": true, "gob": true, "go": true, "gv": true, "mil": true}
	governmentDomains  = map[string]bool{"europa.eu": true, "gc.ca": true, "canada.ca": true, "bund.de": true, "admin.ch": true, "overheid.nl": true}
)

// governmentHost reports whether host is a government's or an
// intergovernmental body's: under .gov, .mil or .int, under a country's
// government suffix (gov.uk, gouv.fr, go.jp: the ones the public suffix
// list holds), or on europa.eu and the like. Governments' sites are where reports send readers, and a live
// link to one is a source; a compromised one is written defanged like any
// other indicator.
func governmentHost(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if host == "" || strings.IndexByte(host, '.') < 0 {
		return false
	}
	labels := strings.Split(host, ".")
	n := len(labels)
	switch labels[n-1] {
	case "gov", "mil", "int":
		return true
	}
	// gov.uk, gouv.fr, go.jp: the government's label under a country
	// code, as the public suffix list has it (go.co is not Colombia's).
	if suf, icann := publicsuffix.PublicSuffix(host); icann && n >= 2 && len(labels[n-1]) == 2 && governmentSuffixes[labels[n-2]] && suf == labels[n-2]+"."+labels[n-1] {
		return true
	}
	for i := 0; i < n-1; i++ {
		if governmentDomains[strings.Join(labels[i:], ".")] {
			return true
		}
	}
	return false
}
