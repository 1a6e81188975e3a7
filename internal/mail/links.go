package mail

import (
	"bytes"
	"net/netip"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/extract/ioc"
	"golang.org/x/net/html"
	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// maxLinkText bounds the text kept for one HTML link.
const maxLinkText = 500

// textLinks adds the URLs in text: those whose host is written in
// Unicode (which the indicator scanner leaves out, as it reads names in
// their punycode form only) with the host turned to punycode, then those
// the indicator scanner finds in the rest, defanged ones included.
func (m *Message) textLinks(text, field, part string) {
	text = m.iriLinks(text, field, part)
	for _, mt := range ioc.Scan(text) {
		if mt.Kind != ioc.URL {
			continue
		}
		m.addLink(Link{URL: mt.Value, Host: asciiHost(mt.Host()), Field: field, Part: part})
	}
}

// iriLinks adds the URLs of text whose host has non-ASCII letters
// ("https://cаmpaign2024.com/sso", with a Cyrillic 'а') and returns text
// with them blanked out, so that the indicator scanner does not read a
// piece of one ("mpaign2024.com/sso") as a URL of its own.
func (m *Message) iriLinks(text, field, part string) string {
	var blanked []byte
	for from := 0; ; {
		i := strings.Index(text[from:], "://")
		if i < 0 {
			break
		}
		i += from
		from = i + 3
		s := i
		for s > 0 && isASCIILetter(text[s-1]) {
			s--
		}
		if !isWebScheme(text[s:i]) {
			continue
		}
		e := i + 3
		for e < len(text) {
			r, size := utf8.DecodeRuneInString(text[e:])
			if unicode.IsSpace(r) || strings.ContainsRune("<>\"'`", r) {
				break
			}
			e += size
		}
		for e > i+3 && strings.ContainsRune(".,;:!?)]}", rune(text[e-1])) {
			e--
		}
		from = e
		host := text[i+3 : e]
		if j := strings.IndexAny(host, "/?#"); j >= 0 {
			host = host[:j]
		}
		if j := strings.LastIndexByte(host, '@'); j >= 0 {
			host = host[j+1:]
		}
		if j := strings.LastIndexByte(host, ':'); j >= 0 {
			host = host[:j]
		}
		if isASCII(host) {
			continue
		}
		a := asciiHost(host)
		if a == "" {
			continue
		}
		hostStart := strings.Index(text[i+3:e], host) + i + 3
		u := strings.ToLower(text[s:i]) + "://" + text[i+3:hostStart] + a + text[hostStart+len(host):e]
		m.addLink(Link{URL: u, Host: a, Field: field, Part: part})
		if blanked == nil {
			blanked = []byte(text)
		}
		for k := s; k < e; k++ {
			blanked[k] = ' '
		}
	}
	if blanked == nil {
		return text
	}
	return string(blanked)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (m *Message) addLink(l Link) {
	for i := 0; i < 3; i++ { // a wrapper may wrap a wrapper
		target, ok := unwrap(l.URL)
		if !ok {
			break
		}
		host := ""
		if u, err := url.Parse(target); err == nil {
			host = asciiHost(u.Hostname())
		}
		if host == "" {
			break
		}
		if l.Wrapped == "" {
			l.Wrapped = l.URL
		}
		l.URL, l.Host = target, host
	}
	if m.seenLinks == nil {
		m.seenLinks = map[Link]bool{}
	}
	if m.seenLinks[l] {
		return
	}
	m.seenLinks[l] = true
	m.Links = append(m.Links, l)
}

// htmlLinks adds the targets of a and area elements with their text, form
// actions, and the URLs written in the visible text of an HTML part.
func (m *Message) htmlLinks(data []byte, part string) {
	z := html.NewTokenizer(bytes.NewReader(data))
	var (
		visible  strings.Builder
		inA      bool
		href     string
		linkText strings.Builder
		skip     int // inside script or style
	)
	finish := func() {
		if inA && href != "" {
			if u, host, ok := absURL(href); ok {
				m.addLink(Link{URL: u, Host: host, Text: collapse(linkText.String()), Field: "href", Part: part})
			}
		}
		inA, href = false, ""
		linkText.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			finish()
			m.textLinks(visible.String(), "text/html", part)
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if _, seen := attrs[string(k)]; !seen {
					attrs[string(k)] = string(v)
				}
			}
			switch string(name) {
			case "a":
				finish()
				inA, href = tt == html.StartTagToken, attrs["href"]
				if tt == html.SelfClosingTagToken {
					inA = true
					finish()
				}
			case "area":
				if u, host, ok := absURL(attrs["href"]); ok {
					m.addLink(Link{URL: u, Host: host, Text: collapse(attrs["alt"]), Field: "href", Part: part})
				}
			case "form":
				if u, host, ok := absURL(attrs["action"]); ok {
					m.addLink(Link{URL: u, Host: host, Field: "form action", Part: part})
				}
			case "script", "style":
				if tt == html.StartTagToken {
					skip++
				}
			case "br", "p", "div", "td", "tr", "li":
				visible.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "a":
				finish()
			case "script", "style":
				if skip > 0 {
					skip--
				}
			case "p", "div", "td", "tr", "li":
				visible.WriteByte('\n')
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			visible.Write(t)
			visible.WriteByte(' ')
			if inA && linkText.Len() < maxLinkText {
				linkText.Write(t)
			}
		}
	}
}

// absURL accepts absolute http, https and ftp URLs (and "//host/…") and
// returns the URL and its host in ASCII form. Relative links, anchors,
// mailto:, cid: and javascript: carry no host to check.
func absURL(s string) (string, string, bool) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "//") {
		s = "https:" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		// Browsers are lenient; take what looks like the host.
		scheme, rest, ok := strings.Cut(s, "://")
		if !ok || !isWebScheme(scheme) {
			return "", "", false
		}
		host := rest
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
		if h := asciiHost(host); h != "" {
			return s, h, true
		}
		return "", "", false
	}
	if !isWebScheme(u.Scheme) || u.Host == "" {
		return "", "", false
	}
	host := asciiHost(u.Hostname())
	if host == "" {
		return "", "", false
	}
	return s, host, true
}

func isWebScheme(s string) bool {
	s = strings.ToLower(s)
	return s == "http" || s == "https" || s == "ftp"
}

// asciiHost returns a host in lower case and ASCII (punycode) form, an IP
// address as netip prints it, or "" when it is neither.
func asciiHost(h string) string {
	h = strings.TrimSuffix(strings.TrimSpace(h), ".")
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if h == "" {
		return ""
	}
	if a, err := netip.ParseAddr(h); err == nil {
		return a.String()
	}
	a, err := idna.Punycode.ToASCII(strings.ToLower(h))
	if err != nil || !strings.Contains(a, ".") {
		return ""
	}
	for i := 0; i < len(a); i++ {
		c := a[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return ""
		}
	}
	return a
}

// registrable returns the registrable domain of an ASCII host
// (mail.campaign2024.co.uk → campaign2024.co.uk), the host itself for an
// IP address or a name with no registrable part.
func registrable(host string) string {
	if _, err := netip.ParseAddr(host); err == nil {
		return host
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// textHost finds the host a link's text shows: the whole text read as a
// URL or a host name ("https://portal.campaign2024.com/login",
// "www.campaign2024.com", Unicode names included), or else the first URL or
// domain the indicator scanner finds in it. "" when it shows none.
func textHost(text string) string {
	t := strings.TrimFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`<>()[]"'«»“”‘’`, r)
	})
	if t != "" && !strings.ContainsFunc(t, unicode.IsSpace) {
		// The scheme's "://" only: a link written without a scheme may
		// hold another URL in its query ("portal.example/r?u=https://…"),
		// and the host shown is the one before it.
		host := t[ioc.SchemeLen(t):]
		if i := strings.IndexAny(host, "/?#"); i >= 0 {
			host = host[:i]
		}
		if i := strings.LastIndexByte(host, '@'); i >= 0 {
			host = host[i+1:]
		}
		if h, _, ok := strings.Cut(host, ":"); ok && !strings.Contains(host, "[") {
			host = h
		}
		if a := asciiHost(host); a != "" && isICANNName(a) {
			return a
		}
	}
	for _, mt := range ioc.Scan(text) {
		switch mt.Kind {
		case ioc.URL:
			if h := asciiHost(mt.Host()); h != "" {
				return h
			}
		case ioc.Domain, ioc.IPv4, ioc.IPv6:
			return asciiHost(mt.Value)
		}
	}
	return ""
}

// isICANNName is true for IP addresses and names under an ICANN public
// suffix, so that "Mr.Smith" or "README.txt" in a link's text is no host.
func isICANNName(h string) bool {
	if _, err := netip.ParseAddr(h); err == nil {
		return true
	}
	suffix, icann := publicsuffix.PublicSuffix(h)
	return icann && len(suffix) < len(h)
}

// collapse trims a text and turns each run of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// unwrap returns the target of a URL rewritten by a link-protection
// service: Microsoft Safe Links (…safelinks.protection.outlook.com/?url=),
// Proofpoint URL Defense v2 (urldefense.proofpoint.com/v2/url?u=) and v3
// (urldefense.com/v3/__URL__;…), and Google's redirect
// (www.google.com/url?q=).
func unwrap(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	var target string
	switch {
	case strings.HasSuffix(host, ".safelinks.protection.outlook.com"):
		target = u.Query().Get("url")
	case host == "urldefense.proofpoint.com" && strings.HasPrefix(u.Path, "/v2/url"):
		v := u.Query().Get("u")
		v = strings.NewReplacer("-", "%", "_", "/").Replace(v)
		if t, err := url.PathUnescape(v); err == nil {
			target = t
		}
	case host == "urldefense.com" && strings.HasPrefix(u.EscapedPath(), "/v3/__"):
		rest := s[strings.Index(s, "/v3/__")+len("/v3/__"):]
		if i := strings.Index(rest, "__;"); i >= 0 {
			target = rest[:i]
		}
	case (host == "www.google.com" || host == "google.com") && u.Path == "/url":
		target = u.Query().Get("q")
		if target == "" {
			target = u.Query().Get("url")
		}
	}
	if _, _, ok := absURL(target); !ok {
		return "", false
	}
	return target, true
}
