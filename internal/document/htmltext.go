package document

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// How HTML elements shape the text.
type blockKind uint8

const (
	inline    blockKind = iota
	lineBlock           // on its own line: div, li, tr, dt, dd
	paraBlock           // a paragraph, blank lines around it: p, h1, pre, table
	skipBlock           // not text: script, style, nav...
)

// elementKinds says how each element shapes the text; elements not listed
// are inline.
var elementKinds = map[atom.Atom]blockKind{
	atom.P: paraBlock, atom.H1: paraBlock, atom.H2: paraBlock, atom.H3: paraBlock, atom.H4: paraBlock,
	atom.H5: paraBlock, atom.H6: paraBlock, atom.Pre: paraBlock, atom.Table: paraBlock, atom.Blockquote: paraBlock,
	atom.Ul: paraBlock, atom.Ol: paraBlock, atom.Dl: paraBlock, atom.Figure: paraBlock, atom.Hr: paraBlock,
	atom.Header: paraBlock, atom.Footer: paraBlock, atom.Section: paraBlock, atom.Article: paraBlock,
	atom.Main: paraBlock, atom.Aside: paraBlock, atom.Address: paraBlock, atom.Details: paraBlock,
	atom.Fieldset: paraBlock, atom.Center: paraBlock,

	atom.Div: lineBlock, atom.Li: lineBlock, atom.Tr: lineBlock, atom.Dt: lineBlock, atom.Dd: lineBlock,
	atom.Figcaption: lineBlock, atom.Caption: lineBlock, atom.Summary: lineBlock, atom.Legend: lineBlock,
	atom.Thead: lineBlock, atom.Tbody: lineBlock, atom.Tfoot: lineBlock, atom.Br: lineBlock,
	atom.Form: lineBlock, atom.Nav: lineBlock, atom.Menu: lineBlock,

	atom.Script: skipBlock, atom.Style: skipBlock, atom.Noscript: skipBlock, atom.Template: skipBlock,
	atom.Svg: skipBlock, atom.Math: skipBlock, atom.Iframe: skipBlock, atom.Object: skipBlock,
	atom.Embed: skipBlock, atom.Canvas: skipBlock, atom.Button: skipBlock, atom.Select: skipBlock,
	atom.Textarea: skipBlock, atom.Input: skipBlock, atom.Head: skipBlock, atom.Title: skipBlock,
	atom.Audio: skipBlock, atom.Video: skipBlock, atom.Dialog: skipBlock,
}

// pageChrome are the elements left out of a whole page's text when no
// article was found: navigation, page headers and footers, sidebars.
var pageChrome = map[atom.Atom]bool{atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Header: true, atom.Menu: true}

// htmlRenderer writes an HTML tree's text into a builder.
type htmlRenderer struct {
	w     *builder
	base  *url.URL
	page  bool // a whole page: leave out its chrome
	pre   int  // inside <pre>
	cell  int  // inside a table cell: breaks become spaces
	lists []int
	cells []int // cells written in the open rows
}

// renderHTML writes the text of the tree at n. page says n is a whole
// page rather than an extracted article: its navigation, header, footer
// and sidebars are left out (a header inside an article is kept).
func renderHTML(w *builder, n *html.Node, base *url.URL, page bool) {
	r := &htmlRenderer{w: w, base: base, page: page}
	r.node(n, 0)
}

func (r *htmlRenderer) node(n *html.Node, depth int) {
	if r.w.full() {
		return
	}
	switch n.Type {
	case html.TextNode:
		switch {
		case r.pre > 0 && r.cell == 0:
			r.w.verbatim(n.Data)
		case r.pre > 0:
			r.w.clean(n.Data, false)
		default:
			r.w.text(n.Data)
		}
		return
	case html.DocumentNode:
		r.children(n, depth)
		return
	case html.ElementNode:
	default:
		return
	}
	kind := elementKinds[n.DataAtom]
	if kind == skipBlock {
		return
	}
	if r.page && pageChrome[n.DataAtom] && !(n.DataAtom == atom.Header && insideArticle(n)) {
		return
	}
	switch n.DataAtom {
	case atom.Br:
		r.lineBreak()
		return
	case atom.Hr:
		r.paragraph()
		return
	case atom.Img:
		if alt := trimSpace(attr(n, "alt")); alt != "" {
			r.w.spaceBreak()
			r.w.text(alt)
			r.w.spaceBreak()
		}
		return
	case atom.Td, atom.Th:
		if k := len(r.cells); k > 0 {
			if r.cells[k-1] > 0 {
				r.w.sep()
			}
			r.cells[k-1]++
		}
		r.cell++
		r.children(n, depth)
		r.cell--
		return
	case atom.Tr:
		r.lineBreak()
		r.cells = append(r.cells, 0)
		r.children(n, depth)
		r.cells = r.cells[:len(r.cells)-1]
		r.lineBreak()
		return
	case atom.Ul, atom.Ol:
		start := 1
		if n.DataAtom == atom.Ol {
			if s, err := strconv.Atoi(attr(n, "start")); err == nil {
				start = s
			}
		} else {
			start = 0
		}
		r.block(kind)
		r.lists = append(r.lists, start)
		r.children(n, depth)
		r.lists = r.lists[:len(r.lists)-1]
		r.block(kind)
		return
	case atom.Li:
		if r.cell > 0 {
			r.w.spaceBreak()
			r.children(n, depth)
			return
		}
		marker := "- "
		if k := len(r.lists); k > 0 {
			if r.lists[k-1] > 0 {
				marker = strconv.Itoa(r.lists[k-1]) + ". "
				r.lists[k-1]++
			}
			marker = strings.Repeat("  ", k-1) + marker
		}
		r.w.item(marker)
		r.children(n, depth)
		r.lineBreak()
		return
	case atom.A:
		href := resolveLink(attr(n, "href"), r.base)
		if href == "" {
			r.children(n, depth)
			return
		}
		i := r.w.startLink(href)
		r.children(n, depth)
		r.w.endLink(i)
		return
	case atom.Pre:
		r.block(paraBlock)
		r.pre++
		r.children(n, depth)
		r.pre--
		r.block(paraBlock)
		return
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		if r.pre == 0 {
			r.pre++
			r.cell++ // verbatim, but on one line
			r.children(n, depth)
			r.cell--
			r.pre--
			return
		}
	}
	r.block(kind)
	r.children(n, depth)
	r.block(kind)
}

func (r *htmlRenderer) children(n *html.Node, depth int) {
	if depth >= DefaultMaxDepth*4 {
		return // guarded by scanHTML already; a bound on recursion all the same
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c, depth+1)
	}
}

// block writes the break an element of kind asks for around it.
func (r *htmlRenderer) block(kind blockKind) {
	switch kind {
	case lineBlock:
		r.lineBreak()
	case paraBlock:
		r.paragraph()
	}
}

func (r *htmlRenderer) lineBreak() {
	if r.cell > 0 {
		r.w.spaceBreak()
		return
	}
	r.w.lineBreak()
}

func (r *htmlRenderer) paragraph() {
	if r.cell > 0 {
		r.w.spaceBreak()
		return
	}
	if len(r.lists) > 0 {
		r.w.lineBreak() // paragraphs inside list items stay in the list
		return
	}
	r.w.paragraph()
}

// insideArticle reports whether n is inside an <article> or <main>.
func insideArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main {
			return true
		}
	}
	return false
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// stripHTML writes the text of an HTML page or fragment by stripping its
// tags with the tokenizer: no tree is built, so memory stays bounded
// whatever the nesting, at the cost of article extraction. Scripts,
// styles and the like are left out, and so, when page is set, are
// navigation and footers; block elements still break lines, list items
// and table rows still take their own lines, <pre> is kept verbatim and
// links are recorded.
func stripHTML(w *builder, src string, base *url.URL, page bool) {
	z := html.NewTokenizer(strings.NewReader(src))
	var (
		skip     atom.Atom // inside an element left out, and its name
		skipName string
		skipN    int
		pre      int
		cells    int
		lists    []int
	)
	for !w.full() {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		if skipN > 0 {
			if string(name) == skipName && a == skip {
				switch tt {
				case html.StartTagToken:
					skipN++
				case html.EndTagToken:
					skipN--
				}
			}
			continue
		}
		switch tt {
		case html.TextToken:
			switch {
			case pre > 0:
				w.verbatim(string(z.Text()))
			default:
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			kind := elementKinds[a]
			if kind == skipBlock || page && pageChrome[a] && a != atom.Header {
				if tt == html.StartTagToken && !voidElements[a] {
					skip, skipName, skipN = a, string(name), 1
				}
				continue
			}
			var href, alt string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "href":
					href = string(v)
				case "alt":
					alt = string(v)
				}
			}
			switch a {
			case atom.A:
				if u := resolveLink(href, base); u != "" && tt == html.StartTagToken {
					w.startLink(u)
				}
				continue
			case atom.Img:
				if alt = trimSpace(alt); alt != "" {
					w.spaceBreak()
					w.text(alt)
					w.spaceBreak()
				}
				continue
			case atom.Td, atom.Th:
				if cells > 0 {
					w.sep()
				}
				cells++
				continue
			case atom.Tr:
				cells = 0
			case atom.Pre:
				pre++
			case atom.Ul:
				lists = append(lists, 0)
			case atom.Ol:
				lists = append(lists, 1)
			case atom.Li:
				marker := "- "
				if k := len(lists); k > 0 && lists[k-1] > 0 {
					marker = strconv.Itoa(lists[k-1]) + ". "
					lists[k-1]++
				}
				w.item(marker)
				continue
			}
			stripBlock(w, kind)
		case html.EndTagToken:
			switch a {
			case atom.A:
				w.closeLink()
				continue
			case atom.Pre:
				pre = max(0, pre-1)
			case atom.Ul, atom.Ol:
				if k := len(lists); k > 0 {
					lists = lists[:k-1]
				}
			case atom.Td, atom.Th:
				continue
			}
			stripBlock(w, elementKinds[a])
		}
	}
	for len(w.active) > 0 {
		w.closeLink()
	}
}

// stripBlock writes the break for an element of kind in stripHTML.
func stripBlock(w *builder, kind blockKind) {
	switch kind {
	case lineBlock:
		w.lineBreak()
	case paraBlock:
		w.paragraph()
	}
}
