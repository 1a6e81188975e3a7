package warninglists

//go:generate go run ./gen

import (
	"bytes"
	_ "embed"
	"fmt"
	"math/bits"
	"net/netip"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/publicsuffix"

	"github.com/dossier-cti/dossier/internal/warninglists/format"
)

// listsBin is the lists as `go generate` wrote them: package format's
// tables, which Check searches where they lie. They are embedded as
// they are, not compressed: decompressing them took every dossier
// extract 2.4 ms and a 3 MB buffer for 1.3 MB less binary (zstd).
//
//go:embed lists.bin
var listsBin []byte

// Verdict is what one warning list says about a value.
type Verdict struct {
	List string // the list's id: MISP's folder name ("rfc1918", "dynamic-dns") or dossier's own ("dossier-special-ranges")
	Name string // the list's name as published
	// Benign is true when the value is almost certainly not malicious:
	// reserved, private and documentation ranges, special-use names, top
	// sites, vendors' own domains and ranges, CRL/OCSP, public DNS,
	// sinkholes, security vendors' sites, empty-file, EICAR and common
	// false-positive hashes. Such a value stays a plain observable,
	// marked with the reason.
	Benign bool
	// Context is a short tag naming what the list says the value is:
	// for benign lists the reason ("private-range", "top-site",
	// "vendor", "public-dns"), for the others the context an indicator
	// is tagged with and never suppressed for ("dynamic-dns",
	// "url-shortener", "ipfs-gateway", "lots", "cloud-range",
	// "cdn-range", "disposable-email", "link-in-bio", "parking").
	Context string
	// Exact is true when the list holds the name itself (a URL's host, an
	// address's domain), "www." aside, rather than only a name above it:
	// github.com and www.facebook.com are on the top-site lists, while
	// actor.wordpress.com only falls under wordpress.com. A service's own
	// host listed by name is the service, not what a customer put on it.
	Exact bool
}

// Suppress reports whether verdicts say a value should stay a plain
// observable rather than become an indicator: some list says it is
// benign and none gives it a context. drive.google.com is Google's
// (benign) and a living-off-trusted-sites service (context): it stays an
// indicator, tagged.
func Suppress(vs []Verdict) bool {
	benign := false
	for _, v := range vs {
		if !v.Benign {
			return false
		}
		benign = true
	}
	return benign
}

// Check returns the verdicts of every warning list that holds value,
// in list order; nil when none does. kind is an indicator kind as
// package ioc names them ("ipv4", "ipv6", "ipv4-cidr", "ipv6-cidr",
// "domain", "url", "email", "md5", "sha1", "sha256", "sha512"; "social"
// and the rest match no list). Each list applies to the kinds its MISP
// matching_attributes name; dossier's special-purpose ranges and names
// apply to every kind that holds an address or a name. How values match:
//
//   - hostname lists match the name and the names it is under; string
//     lists match exactly, except entries written with a leading dot
//     (".google.com"), which match like hostname ones; substring lists
//     (disposable-email, automated-malware-analysis hold domain names)
//     match like hostname ones, which is what a substring match of a
//     well-formed name finds, without "mail.com" matching "gmail.com".
//     A benign list's entry matches names under it only within one
//     owner's domain: "x.github.io" is not a top site because
//     "github.io" is (the public suffix list, private section included,
//     and a few multi-tenant services such as onmicrosoft.com draw the
//     line); context lists match across it, so every host under a
//     dynamic DNS provider is tagged.
//   - cidr lists match an address inside one of their blocks, and a
//     CIDR block inside one of them (all of its addresses);
//   - a URL is checked by its host (its address when it is one); an
//     email address by its domain, and whole against the regex list;
//   - hashes match by value (the first 64 bits are stored: a different
//     digest matches by chance with probability below 2^-48);
//   - regex lists match with Go's regexp where the PCRE translates (the
//     one in the data, common-contact-emails, does).
//
// Check is safe for concurrent use. The first call opens the embedded
// tables where they lie, checking them (well under a millisecond); it
// panics if they are corrupt or made from other built-in lists than
// special.go's, which a test rules out.
func Check(kind string, value string) []Verdict {
	t := tables()
	var m, exact uint64
	switch kind {
	case "ipv4", "ipv6":
		a, err := netip.ParseAddr(value)
		if err != nil {
			return nil
		}
		m = t.addr(a.Unmap()) & t.kinds[kIP]
	case "ipv4-cidr", "ipv6-cidr":
		p, err := netip.ParsePrefix(value)
		if err != nil {
			return nil
		}
		m = t.prefix(p) & t.kinds[kIP]
	case "domain":
		h := normHost(value)
		m, exact = t.host(h, kDomain)
	case "url":
		h := urlHost(value)
		if a, err := netip.ParseAddr(h); err == nil {
			m = t.addr(a.Unmap()) & t.kinds[kIP]
		} else {
			m, exact = t.host(h, kURL)
		}
	case "email":
		at := strings.LastIndexByte(value, '@')
		if at < 0 {
			return nil
		}
		h := normHost(value[at+1:])
		m, exact = t.host(h, kEmail)
		for _, r := range t.regexes {
			if r.re != nil && t.kinds[kEmail]&(1<<r.list) != 0 && r.re.MatchString(value) {
				m |= 1 << r.list
			}
		}
	case "md5", "sha1", "sha256", "sha512":
		m = t.hash(value) & t.kinds[kHash]
	default:
		return nil
	}
	if m == 0 {
		return nil
	}
	vs := make([]Verdict, 0, bits.OnesCount64(m))
	for ; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		l := &t.lists[i]
		vs = append(vs, Verdict{List: l.ID, Name: l.Name, Benign: l.Benign, Context: l.Context, Exact: exact&(1<<i) != 0})
	}
	return vs
}

// List describes one warning list dossier checks values against.
type List struct {
	ID      string
	Name    string
	Type    string // string, substring, hostname, cidr, regex; "cidr" or "hostname" for dossier's own
	Benign  bool
	Context string
	Reason  string   // why the list is benign or context
	Kinds   []string // the indicator kinds it applies to
	Entries int      // entries as published
	Version uint64   // as published; 0 for dossier's own
	// Untranslated lists regex patterns that Go's regexp cannot compile
	// (PCRE-only syntax), which therefore match nothing.
	Untranslated []string
}

// Lists returns every list, MISP's and dossier's own, in the order
// Check reports them.
func Lists() []List {
	t := tables()
	out := make([]List, len(t.lists))
	for i, l := range t.lists {
		out[i] = l.List
		for k := range kEnd {
			if t.kinds[k]&(1<<i) != 0 {
				out[i].Kinds = append(out[i].Kinds, kindNames[k]...)
			}
		}
	}
	return out
}

// Size returns the size in bytes of the embedded lists.
func Size() int { return len(listsBin) }

// Value kinds as the lists' matching attributes group them.
const (
	kIP = iota
	kDomain
	kURL
	kEmail
	kHash
	kEnd
)

var kindNames = [kEnd][]string{
	kIP:     {"ipv4", "ipv6", "ipv4-cidr", "ipv6-cidr"},
	kDomain: {"domain"},
	kURL:    {"url"},
	kEmail:  {"email"},
	kHash:   {"md5", "sha1", "sha256", "sha512"},
}

// attributeKinds maps MISP attribute types to the kinds above.
var attributeKinds = map[string]int{
	"ip-src": kIP, "ip-dst": kIP, "ip-src|port": kIP, "ip-dst|port": kIP,
	"hostname": kDomain, "domain": kDomain, "hostname|port": kDomain,
	"url": kURL, "uri": kURL,
	"email-src": kEmail, "email-dst": kEmail, "target-email": kEmail, "whois-registrant-email": kEmail, "dns-soa-email": kEmail,
	"md5": kHash, "sha1": kHash, "sha224": kHash, "sha256": kHash, "sha512": kHash,
	"filename|md5": kHash, "filename|sha1": kHash, "filename|sha224": kHash, "filename|sha256": kHash, "filename|sha512": kHash,
}

// tenantSuffixes are services that give each customer a name under
// theirs, missing from the public suffix list: a benign list's entry for
// the service does not make its customers benign.
var tenantSuffixes = []string{"onmicrosoft.com", "sharepoint.com", "sharepoint-df.com", "blob.core.windows.net", "web.core.windows.net", "myshopify.com", "wixsite.com", "weebly.com", "ngrok-free.app", "trycloudflare.com",
	// blog and site hosts: each customer's blog is a name under theirs
	"wordpress.com", "substack.com", "tumblr.com", "livejournal.com", "medium.com", "webflow.io", "godaddysites.com", "square.site", "squarespace.com", "jimdosite.com", "mystrikingly.com", "carrd.co", "teachable.com",
	// cloud and SaaS services that name each customer's database, app,
	// form or help desk under theirs: Volexity's APT29 report lists
	// "refreshauthtoken-default-rtdb.firebaseio.com" as the C2 of its
	// Freshfire malware, a top site's name only by its last two labels
	"firebaseio.com", "cloudapp.azure.com", "b-cdn.net", "typeform.com", "my.salesforce.com", "my.site.com", "force.com",
	"zendesk.com", "freshdesk.com", "atlassian.net"}

type listInfo struct {
	List
}

type regex struct {
	list int
	re   *regexp.Regexp
}

// lookup is the embedded tables opened in place (package format) and
// what Check needs of the lists: nothing in it grows with the data but
// the byte slices into it.
type lookup struct {
	lists   []listInfo
	kinds   [kEnd]uint64 // the lists that apply to each kind
	benign  uint64       // the lists that are benign
	zones   uint64       // benign lists of whole zones, which match across owners (special-use names)
	domains domainTable
	v4      v4Ranges
	v6      v6Ranges
	hashes  [format.MaxHashSize + 1]hashSet // by digest size in bytes
	masks   []uint64                        // the distinct list sets hashSet.masks index
	regexes []regex
}

// domainTable holds the names of the lists as the embedded data keeps
// them (format.Names): reversed ("moc.elgoog"), sorted, unique and
// front-coded in small blocks, each with its masks. A look-up is a
// binary search comparing bytes where they lie, and the names above a
// name are prefixes of its reversal, so one reversed key serves the name
// and all its parents. Loading builds nothing: a map of the 126,527
// names took 10 ms and 10 MB, decoding them into Go strings 20 ms and
// 8 MB that every GC cycle marked.
type domainTable struct {
	names format.Names
	dict  []uint64 // the list sets the names' masks index
}

// get returns the masks of the name whose reversal is key, and whether a
// list holds it.
func (t *domainTable) get(key []byte) (exact, subtree uint64, ok bool) {
	i, ok := t.names.Find(key)
	if !ok {
		return 0, 0, false
	}
	ex, sub := t.names.Lists(i)
	return t.dict[ex], t.dict[sub], true
}

// hashSet is the digests of one size: their first 64 bits, sorted, and
// the indices of their masks.
type hashSet struct {
	prefixes format.U64s
	masks    format.U16s
}

var tables = sync.OnceValue(func() *lookup {
	t, err := load(listsBin)
	if err != nil {
		panic(err)
	}
	return t
})

// load opens the embedded tables where they lie and adds what Check
// needs of the lists.
func load(b []byte) (*lookup, error) {
	tab, err := format.OpenTrusted(b) // TestEmbeddedLists opens it with every check
	if err != nil {
		return nil, fmt.Errorf("warninglists: embedded lists.bin: %w (run go generate ./internal/warninglists/)", err)
	}
	return newLookup(tab)
}

func newLookup(d *format.Tables) (*lookup, error) {
	if d.Own != BuiltinFingerprint() {
		return nil, fmt.Errorf("warninglists: embedded lists.bin holds other entries of dossier's own lists than special.go (fingerprint %016x, want %016x): run go generate ./internal/warninglists/", d.Own, BuiltinFingerprint())
	}
	t := &lookup{lists: make([]listInfo, 0, len(d.Lists)+ownLists)}
	for i, l := range d.Lists {
		c, ok := classes[l.ID]
		if !ok {
			return nil, fmt.Errorf("warninglists: list %q is not classified as benign or context", l.ID)
		}
		t.lists = append(t.lists, listInfo{List{ID: l.ID, Name: l.Name, Type: l.Type, Benign: c.benign, Context: c.tag, Reason: c.reason, Entries: int(l.Entries), Version: l.Version}})
		for _, a := range l.Attributes {
			if k, ok := attributeKinds[a]; ok {
				t.kinds[k] |= 1 << i
			} else if a == "domain|ip" {
				// MISP's "domain|ip" holds both: the domain for name
				// lists, the address for CIDR ones.
				if l.Type == "cidr" {
					t.kinds[kIP] |= 1 << i
				} else {
					t.kinds[kDomain] |= 1 << i
				}
			}
		}
		if c.benign {
			t.benign |= 1 << i
		}
	}
	// dossier's own lists, whose entries the generator merged into the
	// tables (BuiltinEntries) with these bits.
	n := len(t.lists)
	ranges, names, content := n+ownRanges, n+ownNames, n+ownContent
	t.lists = t.lists[:n+ownLists]
	t.lists[ranges] = listInfo{List: List{ID: specialRangesID, Name: specialRangesName, Type: "cidr", Benign: true, Context: "special-use-range",
		Reason: "not globally reachable, documentation or multicast: never an actor's host", Entries: len(specialRanges)}}
	t.lists[names] = listInfo{List: List{ID: specialNamesID, Name: specialNamesName, Type: "hostname", Benign: true, Context: "special-use-name",
		Reason: "reserved for tests, documentation and local use: never an actor's host", Entries: len(specialNames)}}
	t.lists[content] = listInfo{List: List{ID: userContentID, Name: userContentName, Type: "hostname", Context: "user-content",
		Reason: "serve files any customer uploads: a URL there is as suspicious as its file", Entries: len(userContentHosts)}}
	t.kinds[kIP] |= 1 << ranges
	t.kinds[kDomain] |= 1<<names | 1<<content
	t.kinds[kURL] |= 1<<names | 1<<content
	t.kinds[kEmail] |= 1 << names
	t.benign |= 1<<ranges | 1<<names
	t.zones = 1 << names

	t.domains = domainTable{d.Names, d.Masks}
	t.v4 = v4Ranges{d.V4Starts, d.V4Masks, d.Masks}
	t.v6 = v6Ranges{d.V6High, d.V6Low, d.V6Masks, d.Masks}
	for size, h := range d.Hashes {
		t.hashes[size] = hashSet{h.Prefixes, h.Masks}
	}
	for _, r := range d.Regexes {
		re, err := translatePCRE(r.Pattern)
		if err != nil {
			t.lists[r.List].Untranslated = append(t.lists[r.List].Untranslated, r.Pattern)
		}
		t.regexes = append(t.regexes, regex{r.List, re})
	}
	t.masks = d.Masks
	return t, nil
}

// translatePCRE compiles a MISP regex ("/^(security|noc)\@.*$/i") with
// Go's regexp: the delimiters are dropped and the flags i, m, s become
// (?ims). It fails for what RE2 lacks (lookaround, backreferences).
func translatePCRE(p string) (*regexp.Regexp, error) {
	if len(p) >= 2 && p[0] == '/' {
		if end := strings.LastIndexByte(p, '/'); end > 0 {
			flags := p[end+1:]
			body := p[1:end]
			var goFlags string
			for _, f := range flags {
				switch f {
				case 'i', 'm', 's':
					goFlags += string(f)
				default:
					return nil, fmt.Errorf("warninglists: PCRE flag %q has no Go equivalent", f)
				}
			}
			if goFlags != "" {
				body = "(?" + goFlags + ")" + body
			}
			p = body
		}
	}
	return regexp.Compile(p)
}

// normHost lower-cases a name and drops a trailing dot.
func normHost(h string) string {
	h = strings.TrimSuffix(h, ".")
	for i := 0; i < len(h); i++ {
		if 'A' <= h[i] && h[i] <= 'Z' {
			return strings.ToLower(h)
		}
	}
	return h
}

// urlHost returns the host of a URL (with or without a scheme), lower
// case, without port or brackets.
func urlHost(u string) string {
	if i := strings.Index(u, "://"); i >= 0 && !strings.ContainsAny(u[:i], "/?#@") {
		u = u[i+3:] // a scheme: no path, query or user before it ("vote-ledger-login.com/r?u=https://www.google.com" has none)
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '@'); i >= 0 {
		u = u[i+1:]
	}
	if strings.HasPrefix(u, "[") {
		if i := strings.IndexByte(u, ']'); i > 0 {
			return u[1:i]
		}
	}
	if i := strings.LastIndexByte(u, ':'); i >= 0 && strings.IndexByte(u, ':') == i {
		u = u[:i]
	}
	return normHost(u)
}

// host returns the lists that hold name h for the given kind: its own
// entry, then the entries of the names above it (see Check); and those
// that hold h itself, or h without a leading "www.", as an entry.
func (t *lookup) host(h string, kind int) (m, exact uint64) {
	if h == "" {
		return 0, 0
	}
	// The reversal of h: the key of the names table, whose prefixes
	// ending before a dot are the reversals of the names above h.
	var buf [256]byte
	key := buf[:0]
	if len(h) > len(buf) {
		key = make([]byte, 0, len(h))
	}
	for i := len(h) - 1; i >= 0; i-- {
		key = append(key, h[i])
	}
	owner := -1 // computed when first needed: most names have no benign parent entry
	for n := len(h); ; {
		if ex, sub, ok := t.domains.get(key[:n]); ok {
			switch {
			case n == len(h):
				m |= ex | sub
				exact |= ex | sub
			case sub&t.benign&^t.zones == 0:
				m |= sub
			default:
				if owner < 0 {
					owner = ownerLen(h)
				}
				if n >= owner {
					m |= sub
				} else {
					m |= sub &^ (t.benign &^ t.zones)
				}
			}
		}
		// The next name up: h after its first dot, whose reversal ends
		// before the last dot of this one's.
		if n = bytes.LastIndexByte(key[:n], '.'); n < 0 {
			break
		}
	}
	if len(h) >= 4 && h[:4] == "www." {
		ex, sub, _ := t.domains.get(key[:len(h)-4])
		exact |= ex | sub
	}
	return m & t.kinds[kind], exact
}

// ownerLen returns the length of the part of h that one owner controls:
// its registrable domain under the public suffix list (private section
// included) or under a tenant suffix; the whole of h when it is itself a
// suffix.
func ownerLen(h string) int {
	for _, s := range tenantSuffixes {
		if len(h) > len(s)+1 && strings.HasSuffix(h, s) && h[len(h)-len(s)-1] == '.' {
			rest := h[:len(h)-len(s)-1]
			return len(h) - len(rest) + strings.LastIndexByte(rest, '.') + 1
		}
	}
	e, err := publicsuffix.EffectiveTLDPlusOne(h)
	if err != nil {
		return len(h)
	}
	return len(e)
}

// hash returns the lists that hold a hex digest.
func (t *lookup) hash(hexValue string) uint64 {
	size := uint8(len(hexValue) / 2)
	if len(hexValue)%2 != 0 || len(hexValue) < 16 {
		return 0
	}
	var prefix uint64
	for i := 0; i < 16; i++ {
		c := hexValue[i]
		var v byte
		switch {
		case '0' <= c && c <= '9':
			v = c - '0'
		case 'a' <= c && c <= 'f':
			v = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			v = c - 'A' + 10
		default:
			return 0
		}
		prefix = prefix<<4 | uint64(v)
	}
	if int(size) >= len(t.hashes) {
		return 0
	}
	s := t.hashes[size]
	lo, hi := 0, s.prefixes.Len() // the first prefix >= prefix
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.prefixes.At(mid) < prefix {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == s.prefixes.Len() || s.prefixes.At(lo) != prefix {
		return 0
	}
	return t.masks[s.masks.At(lo)]
}

// addr returns the lists whose blocks hold a.
func (t *lookup) addr(a netip.Addr) uint64 {
	if a.Is4() {
		return t.v4.at(format.V4Key(a))
	}
	return t.v6.at(format.V6Key(a))
}

// prefix returns the lists whose blocks hold all of p.
func (t *lookup) prefix(p netip.Prefix) uint64 {
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	p = p.Masked()
	if p.Addr().Is4() {
		lo := format.V4Key(p.Addr())
		hi := lo | uint32(uint64(1)<<(32-p.Bits())-1)
		return t.v4.all(lo, hi)
	}
	lo, hi := format.V6Span(p)
	return t.v6.all(lo, hi)
}

// Raw returns a copy of the embedded lists, package format's encoding,
// for the freshness test and for tools: the tables Check reads lie in
// the embedded bytes, which must not change.
func Raw() ([]byte, error) { return bytes.Clone(listsBin), nil }
