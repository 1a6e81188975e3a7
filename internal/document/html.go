package document

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// maxHTMLElements is the most elements an HTML page may have for article
// extraction; a larger page is read by stripping tags, which streams.
// Real article pages have a few thousand.
const maxHTMLElements = 100_000

// readHTML reads an HTML page: its main article through readability, or,
// when readability finds none, the body's text; deeply nested or very
// large pages are read by stripping tags, in bounded memory. Metadata
// (title, byline, date, canonical URL) comes from the page's head and
// readability's reading of it.
func readHTML(r io.Reader, name string, opt Options) (*Document, error) {
	data, over, err := readAll(r, opt.MaxBytes, opt.size)
	if err != nil {
		return nil, err
	}
	src, warnings := decodeHTML(data)
	if over {
		warnings = append(warnings, fmt.Sprintf("the page is over the limit of %s: only the first %s were read", sizeText(opt.MaxBytes), sizeText(opt.MaxBytes)))
	}
	doc := &Document{}
	meta := scanHTML(src, opt.MaxDepth)
	base := baseURL(meta, name)
	doc.Title = meta.title
	doc.Byline = meta.author
	doc.Published = meta.published
	doc.URL = meta.canonical

	w := newBuilder(opt.MaxTextBytes)
	switch {
	case meta.depth > opt.MaxDepth:
		warnings = append(warnings, fmt.Sprintf("the page nests elements deeper than %d: read by stripping tags, without article extraction", opt.MaxDepth))
		stripHTML(w, src, base, true)
	case meta.elements > maxHTMLElements:
		warnings = append(warnings, fmt.Sprintf("the page has over %d elements: read by stripping tags, without article extraction", maxHTMLElements))
		stripHTML(w, src, base, true)
	default:
		art, readable, perr := parseArticle(src, base)
		if perr != nil {
			warnings = append(warnings, perr.Error()+": read by stripping tags")
			stripHTML(w, src, base, true)
			break
		}
		if readable && art.Node != nil {
			renderHTML(w, art.Node, base, false)
		}
		if w.Len() == 0 {
			warnings = append(warnings, "no article found in the page: the text is the whole body's, without navigation, header, footer and sidebars")
			w = newBuilder(opt.MaxTextBytes)
			if body, err := parseHTML(src); err == nil {
				renderHTML(w, body, base, true)
			} else {
				stripHTML(w, src, base, true)
			}
		}
		if t := trimSpace(art.Title()); t != "" {
			doc.Title = t
		}
		if b := trimSpace(art.Byline()); b != "" && doc.Byline == "" {
			doc.Byline = b
		}
		if t, err := art.PublishedTime(); err == nil && !t.IsZero() && doc.Published == "" {
			doc.Published = t.Format(time.DateOnly)
		}
	}
	doc.Byline = strings.TrimSpace(byPrefix.ReplaceAllString(doc.Byline, ""))
	if doc.Published == "" {
		doc.Published = meta.timeElement
	}
	doc.Text, doc.Links, doc.Warnings = w.finish(warnings)
	return doc, nil
}

// byPrefix is the "By " that bylines often start with.
var byPrefix = regexp.MustCompile(`(?i)^\s*by\s+`)

// parseHTML parses a page, recovering from a panic of the parser.
func parseHTML(src string) (n *html.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			n, err = nil, fmt.Errorf("the HTML parser failed: %v", p)
		}
	}()
	return html.Parse(strings.NewReader(src))
}

// parseArticle parses a page and extracts its main article with
// readability, recovering from a panic of either. readable is
// readability's own judgement of whether the page holds an article at
// all (enough paragraphs of prose); when it does not, whatever it would
// extract is a guess, and the page's body serves better.
func parseArticle(src string, base *url.URL) (art readability.Article, readable bool, err error) {
	doc, err := parseHTML(src)
	if err != nil {
		return art, false, err
	}
	defer func() {
		if p := recover(); p != nil {
			art, readable, err = readability.Article{}, false, fmt.Errorf("article extraction failed: %v", p)
		}
	}()
	ps := readability.NewParser()
	ps.MaxElemsToParse = maxHTMLElements
	readable = ps.CheckDocument(doc)
	art, err = ps.ParseAndMutate(doc, base)
	if err != nil {
		return art, false, fmt.Errorf("article extraction failed: %v", err)
	}
	return art, readable, nil
}

// metaCharset finds a charset declared in the page's first bytes.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decodeHTML decodes a page: its byte order mark; UTF-8 when the bytes are
// valid UTF-8, whatever the page declares (pages declaring ISO-8859-1 and
// serving UTF-8 are common); a charset declared in a <meta> tag; UTF-8
// with invalid bytes replaced when the page declares UTF-8 or its
// non-ASCII bytes are mostly UTF-8; else Windows-1252, as browsers read
// undeclared Western pages.
func decodeHTML(data []byte) (string, []string) {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return fixUTF8(string(data[3:]))
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			return fixUTF8(string(out))
		}
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	declared := ""
	if m := metaCharset.FindSubmatch(data[:min(len(data), 1024)]); m != nil {
		declared = string(m[1])
	}
	if declared != "" && !utf8Name(declared) {
		if e, _ := charset.Lookup(declared); e != nil {
			if out, err := e.NewDecoder().Bytes(data); err == nil {
				return fixUTF8(string(out))
			}
		}
	}
	if declared != "" || looksUTF8(data) {
		return fixUTF8(string(data))
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return fixUTF8(string(data))
	}
	s, w := fixUTF8(string(out))
	return s, append([]string{"the page is not UTF-8 and declares no charset: read as Windows-1252"}, w...)
}

// utf8Name reports whether a charset label means UTF-8.
func utf8Name(label string) bool {
	l := strings.ToLower(strings.TrimSpace(label))
	return l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8"
}

// htmlMeta is what a scan of the whole page finds: metadata, and the
// page's element count and deepest nesting, which decide whether it is
// parsed whole.
type htmlMeta struct {
	title, ogTitle, h1 string
	author             string
	published          string // YYYY-MM-DD from a meta tag
	timeElement        string // YYYY-MM-DD from the first <time datetime>
	canonical, ogURL   string
	base               string
	elements, depth    int
}

// optionalEnd are elements whose end tag may be left out; they do not
// count in the nesting estimate, which would otherwise grow with every
// unclosed <p> or <li>.
var optionalEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Option: true, atom.Optgroup: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Colgroup: true, atom.Caption: true, atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Rtc: true,
	atom.Html: true, atom.Head: true, atom.Body: true,
}

// voidElements have no content and no end tag.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true, atom.Param: true, atom.Keygen: true,
}

// publishedMeta are the meta names and properties that give a page's
// publication date, best first.
var publishedMeta = []string{
	"article:published_time", "og:published_time", "datepublished", "date", "pubdate",
	"publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created",
	"dcterms.date", "sailthru.date", "parsely-pub-date", "citation_publication_date",
}

// scanHTML reads the page with the tokenizer, which streams and nests
// nothing, for its metadata, element count and nesting depth (estimated
// the way a browser nests: an end tag closes the nearest open element of
// its name among the innermost 16, optional-end and void elements aside).
// It stops counting depth past maxDepth+1.
func scanHTML(src string, maxDepth int) htmlMeta {
	var m htmlMeta
	z := html.NewTokenizer(strings.NewReader(src))
	var stack []atom.Atom
	var inTitle, inH1 bool
	metas := map[string]string{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			m.title = trimSpace(m.title)
			if m.title == "" {
				m.title = trimSpace(m.ogTitle)
			}
			if m.title == "" {
				m.title = trimSpace(m.h1)
			}
			if m.canonical == "" {
				m.canonical = m.ogURL
			}
			for _, k := range publishedMeta {
				if d := isoDate(metas[k]); d != "" {
					m.published = d
					break
				}
			}
			m.author = trimSpace(metas["author"])
			if m.author == "" {
				m.author = trimSpace(metas["article:author"])
			}
			if strings.HasPrefix(m.author, "http") {
				m.author = ""
			}
			return m
		case html.TextToken:
			if inTitle {
				m.title += string(z.Text())
			} else if inH1 && len(m.h1) < 1024 {
				m.h1 += string(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			m.elements++
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if len(attrs) < 32 {
					attrs[string(k)] = string(v)
				}
			}
			switch a {
			case atom.Title:
				inTitle = m.title == "" && tt == html.StartTagToken
			case atom.H1:
				inH1 = m.h1 == "" && tt == html.StartTagToken
			case atom.Meta:
				key := strings.ToLower(attrs["property"])
				if key == "" {
					key = strings.ToLower(attrs["name"])
				}
				if key == "" {
					key = strings.ToLower(attrs["itemprop"])
				}
				if key != "" && metas[key] == "" {
					metas[key] = attrs["content"]
				}
				switch key {
				case "og:title":
					m.ogTitle = attrs["content"]
				case "og:url":
					m.ogURL = strings.TrimSpace(attrs["content"])
				}
			case atom.Link:
				if strings.EqualFold(strings.TrimSpace(attrs["rel"]), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attrs["href"])
				}
			case atom.Base:
				if m.base == "" {
					m.base = strings.TrimSpace(attrs["href"])
				}
			case atom.Time:
				if m.timeElement == "" {
					m.timeElement = isoDate(attrs["datetime"])
				}
			}
			if tt == html.StartTagToken && !voidElements[a] && !optionalEnd[a] && m.depth <= maxDepth {
				stack = append(stack, a)
				m.depth = max(m.depth, len(stack))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Title:
				inTitle = false
			case atom.H1:
				inH1 = false
			}
			for i := len(stack) - 1; i >= 0 && i >= len(stack)-16; i-- {
				if stack[i] == a {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// isoDateRE finds a date written YYYY-MM-DD at the start of a timestamp.
var isoDateRE = regexp.MustCompile(`^\s*(\d{4})-(\d{2})-(\d{2})`)

// isoDate returns the YYYY-MM-DD date a timestamp starts with, or "".
func isoDate(s string) string {
	m := isoDateRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	d := m[1] + "-" + m[2] + "-" + m[3]
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

// baseURL is the URL relative links are resolved against: <base href>,
// else the name the page was read from when it is an http(s) URL, else
// the canonical URL; nil when there is none.
func baseURL(m htmlMeta, name string) *url.URL {
	var doc *url.URL
	if u, err := url.Parse(name); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		doc = u
	} else if u, err := url.Parse(m.canonical); err == nil && u.IsAbs() {
		doc = u
	}
	if m.base != "" {
		if u, err := url.Parse(m.base); err == nil {
			if doc != nil {
				return doc.ResolveReference(u)
			}
			if u.IsAbs() {
				return u
			}
		}
	}
	return doc
}

// resolveLink returns href made absolute against base, or "" for a link
// that leads nowhere (empty, javascript:).
func resolveLink(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return ""
	}
	if base == nil {
		return href
	}
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	return base.ResolveReference(u).String()
}
