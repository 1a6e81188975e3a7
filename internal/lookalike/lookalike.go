package lookalike

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Trick is the way a look-alike imitates a protected domain.
type Trick uint8

// The tricks, in the order Match prefers them when several apply.
const (
	// Homoglyph: characters that look alike, from another script
	// (Cyrillic 'а' for Latin 'a'), with an accent, or ASCII ones ('0'
	// for 'o', '1' for 'l', "rn" for 'm'); the top-level domain may
	// differ too.
	Homoglyph Trick = iota + 1
	// OtherTLD: the same name under another public suffix
	// (campaign2024.net, campaign2024.co.uk).
	OtherTLD
	// Swap: two neighbouring characters swapped (campiagn2024.com).
	Swap
	// Double: one character doubled (campaiggn2024.com).
	Double
	// Edit: one or two characters replaced, inserted or left out
	// (campain2024.com, campaign2025.com).
	Edit
	// AddedWord: the name with words or hyphens added
	// (campaign2024-secure.com, secure-campaign2024.com).
	AddedWord
	// Labels: the protected name used as labels of another domain
	// (campaign2024.com.evil.net, campaign2024-com.evil.net).
	Labels
)

var trickNames = [...]string{
	Homoglyph: "homoglyph",
	OtherTLD:  "other-tld",
	Swap:      "swap",
	Double:    "double",
	Edit:      "edit",
	AddedWord: "added-word",
	Labels:    "labels",
}

// String returns the trick's name as used in alerts: "homoglyph",
// "other-tld", "swap", "double", "edit", "added-word", "labels".
func (t Trick) String() string {
	if int(t) < len(trickNames) && trickNames[t] != "" {
		return trickNames[t]
	}
	return fmt.Sprintf("Trick(%d)", uint8(t))
}

// Minimum lengths, in characters of the protected registrable label
// ("campaign2024" in campaign2024.com), below which a trick is not tried
// because it would fire on unrelated real names: one edit turns "party"
// into "parts" and "vote" into "note", and "vote" is a word in thousands
// of domains. Homoglyphs and other TLDs have no minimum: they need the
// name itself.
const (
	// MinEditLen is the shortest label for which one edit (Swap, Double,
	// Edit) is looked for.
	MinEditLen = 5
	// MinTwoEditsLen is the shortest label for which two edits are.
	MinTwoEditsLen = 9
	// MinAddedWordLen is the shortest label that is looked for between
	// hyphens of a longer label (party-secure.com) or as a label of
	// another domain without its suffix (campaign2024.evil.net).
	MinAddedWordLen = 5
	// MinJoinedLen is the shortest label that is looked for at the start
	// or end of a longer label with no hyphen (campaign2024secure.com).
	MinJoinedLen = 8
)

// Match is a seen domain that imitates a protected one.
type Match struct {
	// Domain is the seen domain, lower case, in ASCII (punycode) form.
	Domain string
	// Unicode is the seen domain with its IDN labels decoded; it equals
	// Domain when there are none.
	Unicode string
	// Protected is the protected registrable domain it imitates.
	Protected string
	Trick     Trick
	// Reason says what differs, for a human: "Cyrillic 'а' (U+0430) for
	// Latin 'a'", "'g' and 'n' swapped", "added 'secure'".
	Reason string
}

// protected is one protected registrable domain, prepared.
type protected struct {
	name     string // ASCII, lower case: campaign2024.com
	label    string // registrable label, Unicode: campaign2024
	suffix   string // public suffix, ASCII: com
	skel     []rune // skeleton of label
	skelStr  string
	maxEdits int
	joined   string // skeleton of the whole name, labels joined by '.' with '-' as '.'
}

// Matcher finds look-alikes of a fixed set of protected domains. It is
// built once and safe for concurrent use; Match allocates only when it
// finds something or when the seen domain is internationalised.
type Matcher struct {
	prot     []protected
	byName   map[string]bool    // protected registrable domains, ASCII
	bySkel   map[string][]int32 // skeleton of label -> protected
	byJoined map[string][]int32 // skeleton of whole name with '-' as '.' -> protected; and of labels of MinAddedWordLen or more
	dels     map[uint64][]int32 // deletion-variant key -> protected
	// delBits is a one-hash Bloom filter of the keys of dels, checked
	// before the map: nearly every variant of a seen label is a miss,
	// and a bit test costs a tenth of a map look-up.
	delBits  []uint64
	delShift uint
	// maxDel[n] is the most edits worth looking for in a seen skeleton of
	// n runes: the largest maxEdits of a protected label whose length is
	// within that many of n.
	maxDel [maxRunes + 1]uint8
	// joinLens are the distinct byte lengths of protected skeletons of
	// MinJoinedLen or more, for prefix and suffix look-ups.
	joinLens []int
}

// ErrNoProtected is returned by New for an empty list.
var ErrNoProtected = errors.New("lookalike: no protected domain")

// New builds a Matcher for the protected domains. Each is reduced to its
// registrable domain (protecting www.party.org protects party.org), may be
// given in Unicode or punycode, and must not be a public suffix, an IP
// address or malformed; New says which one is not acceptable.
func New(domains []string) (*Matcher, error) {
	if len(domains) == 0 {
		return nil, ErrNoProtected
	}
	m := &Matcher{
		byName:   map[string]bool{},
		bySkel:   map[string][]int32{},
		byJoined: map[string][]int32{},
		dels:     map[uint64][]int32{},
	}
	for _, d := range domains {
		s, err := split(d)
		if err != nil {
			return nil, fmt.Errorf("lookalike: protected domain %q: %w", d, err)
		}
		name := s.label + "." + s.suffix // ASCII registrable domain
		if m.byName[name] {
			continue
		}
		m.byName[name] = true
		p := protected{name: name, label: s.ulabel, suffix: s.suffix}
		p.skelStr = foldString(p.label)
		p.skel = []rune(p.skelStr)
		if len(p.skel) > maxRunes {
			return nil, fmt.Errorf("lookalike: protected domain %q: label too long", d)
		}
		switch n := utf8.RuneCountInString(p.label); {
		case n >= MinTwoEditsLen:
			p.maxEdits = 2
		case n >= MinEditLen:
			p.maxEdits = 1
		}
		p.joined = foldString(strings.ReplaceAll(p.label+"."+s.usuffix, "-", "."))
		m.prot = append(m.prot, p)
	}
	defer m.buildBits()
	for i := range m.prot {
		p := &m.prot[i]
		idx := int32(i)
		m.bySkel[p.skelStr] = appendOnce(m.bySkel[p.skelStr], idx)
		m.byJoined[p.joined] = appendOnce(m.byJoined[p.joined], idx)
		if utf8.RuneCountInString(p.label) >= MinAddedWordLen {
			l := strings.ReplaceAll(p.skelStr, "-", ".")
			m.byJoined[l] = appendOnce(m.byJoined[l], idx)
		}
		if utf8.RuneCountInString(p.label) >= MinJoinedLen {
			found := false
			for _, l := range m.joinLens {
				found = found || l == len(p.skelStr)
			}
			if !found {
				m.joinLens = append(m.joinLens, len(p.skelStr))
			}
		}
		if p.maxEdits > 0 {
			var h delHasher
			h.reset(p.skel)
			h.variants(p.maxEdits, func(k uint64) {
				m.dels[k] = appendOnce(m.dels[k], idx)
			})
			for n := max(0, len(p.skel)-p.maxEdits); n <= min(maxRunes, len(p.skel)+p.maxEdits); n++ {
				m.maxDel[n] = max(m.maxDel[n], uint8(p.maxEdits))
			}
		}
	}
	return m, nil
}

// buildBits sizes delBits at 16 bits or more per key, 2^16 bits at least.
func (m *Matcher) buildBits() {
	bits := uint(16)
	for 1<<bits < 16*len(m.dels) {
		bits++
	}
	m.delBits = make([]uint64, (1<<bits)/64)
	m.delShift = 64 - bits
	for k := range m.dels {
		b := m.bit(k)
		m.delBits[b/64] |= 1 << (b % 64)
	}
}

func (m *Matcher) bit(k uint64) uint64 { return (k * lenMix) >> m.delShift }

// mayHave is false when dels surely has no key k.
func (m *Matcher) mayHave(k uint64) bool {
	b := m.bit(k)
	return m.delBits[b/64]&(1<<(b%64)) != 0
}

func appendOnce(s []int32, v int32) []int32 {
	if len(s) > 0 && s[len(s)-1] == v {
		return s
	}
	return append(s, v)
}

// Protected returns the protected registrable domains, in the order given,
// without duplicates.
func (m *Matcher) Protected() []string {
	out := make([]string, len(m.prot))
	for i, p := range m.prot {
		out[i] = p.name
	}
	return out
}

// parts is a domain split around its public suffix.
type parts struct {
	ascii   string // whole name, ASCII, lower case, no trailing dot
	uni     string // whole name with IDN labels decoded
	sub     string // labels left of the registrable domain, Unicode ("" if none)
	label   string // registrable label, ASCII
	ulabel  string // registrable label, Unicode
	suffix  string // public suffix, ASCII
	usuffix string // public suffix, Unicode
}

var (
	errEmpty   = errors.New("empty name")
	errIP      = errors.New("an IP address, not a domain")
	errSuffix  = errors.New("a public suffix, which nobody owns")
	errInvalid = errors.New("not a valid domain name")
)

// split normalises a domain and splits it around its public suffix
// (ICANN and private sections of the public-suffix list, so that
// name.github.io is registrable). Only ASCII names without "xn--" avoid
// allocating.
func split(d string) (parts, error) {
	var s parts
	d = strings.TrimSuffix(strings.TrimSpace(d), ".")
	// A wildcard, as certificates and certificate-transparency logs
	// write them, names the domain below it.
	d = strings.TrimPrefix(d, "*.")
	if d == "" {
		return s, errEmpty
	}
	if len(d) > 253*4 {
		return s, errInvalid
	}
	if looksLikeIP(d) {
		if _, err := netip.ParseAddr(strings.Trim(d, "[]")); err == nil {
			return s, errIP
		}
	}
	ascii, uni := d, d
	if !isASCII(d) {
		uni = strings.ToLower(d)
		a, err := idna.Punycode.ToASCII(uni)
		if err != nil {
			return s, errInvalid
		}
		ascii = a
	} else {
		if hasUpper(d) {
			ascii = strings.ToLower(d)
		}
		uni = ascii
		if strings.Contains(ascii, "xn--") {
			u, err := idna.Punycode.ToUnicode(ascii)
			if err != nil {
				return s, errInvalid
			}
			uni = strings.ToLower(u)
		}
	}
	if len(ascii) > 253 || !validASCII(ascii) {
		return s, errInvalid
	}
	suffix, _ := publicsuffix.PublicSuffix(ascii)
	if len(suffix) >= len(ascii) {
		return s, errSuffix
	}
	rest := ascii[:len(ascii)-len(suffix)-1] // without ".suffix"
	label := rest[strings.LastIndexByte(rest, '.')+1:]
	s.ascii, s.uni, s.label, s.suffix = ascii, uni, label, suffix
	s.ulabel, s.usuffix = label, suffix
	if uni != ascii {
		// Labels correspond one to one; count them from the end.
		nsuf := strings.Count(suffix, ".") + 1
		ul := strings.Split(uni, ".")
		if len(ul) < nsuf+1 {
			return s, errInvalid
		}
		s.usuffix = strings.Join(ul[len(ul)-nsuf:], ".")
		s.ulabel = ul[len(ul)-nsuf-1]
		s.sub = strings.Join(ul[:len(ul)-nsuf-1], ".")
	} else if len(rest) > len(label) {
		s.sub = rest[:len(rest)-len(label)-1]
	}
	return s, nil
}

// looksLikeIP is true for names ending in a digit or holding a colon,
// the only ones worth handing to netip.ParseAddr (which allocates its
// error).
func looksLikeIP(d string) bool {
	c := d[len(d)-1]
	return c >= '0' && c <= '9' || c == ']' || strings.IndexByte(d, ':') >= 0
}

// registrable returns the registrable domain in ASCII: label.suffix.
func (s *parts) registrable() string {
	return s.ascii[len(s.ascii)-len(s.label)-1-len(s.suffix):]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// validASCII accepts letters, digits, '-', '_' and dots between non-empty
// labels of at most 63 octets.
func validASCII(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			if n == 0 {
				return false
			}
			n = 0
			continue
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_':
		default:
			return false
		}
		n++
		if n > 63 {
			return false
		}
	}
	return n > 0
}

// Match reports whether domain imitates a protected domain, and how. The
// domain may be in Unicode or punycode, in any case, with a trailing dot
// or a leading "*." (certificate names).
// A protected domain itself and names under any protected domain never
// match; neither do IP addresses and malformed names. When several tricks
// apply, the first in the order of the Trick constants is reported.
func (m *Matcher) Match(domain string) (Match, bool) {
	s, err := split(domain)
	if err != nil {
		return Match{}, false
	}
	if m.byName[s.registrable()] {
		return Match{}, false
	}
	var sk skeleton
	sk.fold(s.ulabel)
	if mt, ok := m.sameSkeleton(&s, &sk); ok {
		return mt, true
	}
	if mt, ok := m.edits(&s, &sk); ok {
		return mt, true
	}
	if mt, ok := m.addedWord(&s, &sk); ok {
		return mt, true
	}
	if s.sub != "" {
		if mt, ok := m.labels(&s); ok {
			return mt, true
		}
	}
	return Match{}, false
}

func (m *Matcher) match(s *parts, p *protected, t Trick, reason string) Match {
	return Match{Domain: s.ascii, Unicode: s.uni, Protected: p.name, Trick: t, Reason: reason}
}

// sameSkeleton finds Homoglyph and OtherTLD.
func (m *Matcher) sameSkeleton(s *parts, sk *skeleton) (Match, bool) {
	if sk.long {
		return Match{}, false
	}
	idx, ok := m.bySkel[string(sk.bytes())]
	if !ok {
		return Match{}, false
	}
	p := &m.prot[idx[0]]
	if s.ulabel == p.label {
		return m.match(s, p, OtherTLD, fmt.Sprintf("same name under .%s instead of .%s", s.usuffix, p.suffix)), true
	}
	reason := homoglyphReason(s.ulabel, p.label)
	if mixed := mixedScripts(s.ulabel); mixed != "" {
		reason += "; mixes " + mixed + " letters"
	}
	if s.suffix != p.suffix {
		reason += fmt.Sprintf("; under .%s instead of .%s", s.usuffix, p.suffix)
	}
	return m.match(s, p, Homoglyph, reason), true
}

// edits finds Swap, Double and Edit under the same public suffix.
func (m *Matcher) edits(s *parts, sk *skeleton) (Match, bool) {
	if sk.long || m.maxDel[sk.n] == 0 {
		return Match{}, false
	}
	seen := sk.runes[:sk.n]
	var h delHasher
	h.reset(seen)
	var tried [8]int32
	ntried := 0
	best, bestDist := int32(-1), 3
	h.variants(int(m.maxDel[sk.n]), func(k uint64) {
		if !m.mayHave(k) {
			return
		}
		for _, i := range m.dels[k] {
			dup := false
			for _, t := range tried[:ntried] {
				dup = dup || t == i
			}
			if dup {
				continue
			}
			if ntried < len(tried) {
				tried[ntried] = i
				ntried++
			}
			p := &m.prot[i]
			if p.suffix != s.suffix {
				continue
			}
			d := osa(seen, p.skel, p.maxEdits)
			if d >= 1 && d <= p.maxEdits && d < bestDist {
				best, bestDist = i, d
			}
		}
	})
	if best < 0 {
		return Match{}, false
	}
	p := &m.prot[best]
	ur := []rune(s.ulabel)
	orig := func(k int) string {
		if int(sk.from[k]) < len(ur) {
			return string(ur[sk.from[k]])
		}
		return string(seen[k])
	}
	t, reason := classify(seen, p.skel, bestDist, orig)
	if t == Edit && bestDist == 1 && len(seen) == len(p.skel) {
		if mt, ok := m.nearHomoglyph(s, p, sk, ur); ok {
			return mt, true
		}
	}
	return m.match(s, p, t, reason), true
}

// nearHomoglyph reports a one-character substitution by a non-ASCII
// character as a Homoglyph: UTS #39 maps Cyrillic 'ӏ' (U+04CF) to 'i', yet
// in аррӏе.com it stands for the 'l' of apple.com. A letter from another
// script put in a Latin name is an imitation whatever its prototype.
func (m *Matcher) nearHomoglyph(s *parts, p *protected, sk *skeleton, ur []rune) (Match, bool) {
	i := 0
	for i < sk.n && sk.runes[i] == p.skel[i] {
		i++
	}
	if i >= sk.n {
		return Match{}, false
	}
	k := int(sk.from[i])
	if k >= len(ur) || ur[k] < utf8.RuneSelf || len(proto(ur[k])) != 1 {
		return Match{}, false
	}
	// The label with that character put right has the protected
	// skeleton; the other substitutions are homoglyphs in the usual way.
	fixed := append([]rune{}, ur...)
	fixed[k] = p.skel[i]
	reason := describe(ur[k:k+1], p.skel[i:i+1]) + " (near look-alike)"
	if others := homoglyphReason(string(fixed), p.label); others != "" {
		reason += ", " + others
	}
	if mixed := mixedScripts(s.ulabel); mixed != "" {
		reason += "; mixes " + mixed + " letters"
	}
	return m.match(s, p, Homoglyph, reason), true
}

// addedWord finds the protected label between hyphens of the seen label,
// or at its start or end.
func (m *Matcher) addedWord(s *parts, sk *skeleton) (Match, bool) {
	b := sk.bytes()
	if strings.IndexByte(s.ulabel, '-') >= 0 && !sk.long {
		// Every run of whole hyphen-separated tokens shorter than the
		// label; look-ups use '.' for '-' as byJoined does.
		var buf [4 * maxRunes]byte
		t := append(buf[:0], b...)
		for i := range t {
			if t[i] == '-' {
				t[i] = '.'
			}
		}
		for a := 0; a < len(t); a++ {
			if a > 0 && t[a-1] != '.' {
				continue
			}
			for e := a + 1; e <= len(t); e++ {
				if (e < len(t) && t[e] != '.') || (a == 0 && e == len(t)) {
					continue
				}
				idx, ok := m.byJoined[string(t[a:e])]
				if !ok || utf8.RuneCountInString(m.prot[idx[0]].label) < MinAddedWordLen {
					continue
				}
				oa, oe := origOffset(sk, s.ulabel, a), origOffset(sk, s.ulabel, e)
				var added []string
				for _, w := range strings.Split(s.ulabel[:oa]+"-"+s.ulabel[oe:], "-") {
					if w != "" {
						added = append(added, w)
					}
				}
				return m.match(s, &m.prot[idx[0]], AddedWord, "added "+quoteAll(added)), true
			}
		}
	}
	for _, l := range m.joinLens {
		if len(b) <= l || sk.long {
			continue
		}
		if idx, ok := m.bySkel[string(b[:l])]; ok {
			cut := origOffset(sk, s.ulabel, l)
			return m.match(s, &m.prot[idx[0]], AddedWord, "added "+quoteAll([]string{s.ulabel[cut:]})), true
		}
		if idx, ok := m.bySkel[string(b[len(b)-l:])]; ok {
			cut := origOffset(sk, s.ulabel, len(b)-l)
			return m.match(s, &m.prot[idx[0]], AddedWord, "added "+quoteAll([]string{s.ulabel[:cut]})), true
		}
	}
	return Match{}, false
}

// origOffset maps a byte offset in the skeleton of label to the byte
// offset in label of the character it came from.
func origOffset(sk *skeleton, label string, off int) int {
	k := utf8.RuneCount(sk.buf[:off])
	if k >= sk.n {
		return len(label)
	}
	ri := int(sk.from[k])
	for i := range label {
		if ri == 0 {
			return i
		}
		ri--
	}
	return len(label)
}

func quoteAll(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(q, " and ")
}

// labels finds the protected name among the labels left of the seen
// registrable domain: the whole name (campaign2024.com.evil.net,
// campaign2024-com.evil.net) or, for labels of MinAddedWordLen or more,
// the label alone (campaign2024.evil.net, login-campaign2024.evil.net).
func (m *Matcher) labels(s *parts) (Match, bool) {
	var sk skeleton
	sk.fold(s.sub)
	t := sk.bytes()
	if sk.long {
		t = []byte(foldString(s.sub))
	}
	for i := range t {
		if t[i] == '-' {
			t[i] = '.'
		}
	}
	for a := 0; a < len(t); a++ {
		if a > 0 && t[a-1] != '.' {
			continue
		}
		for e := a + 1; e <= len(t); e++ {
			if e < len(t) && t[e] != '.' {
				continue
			}
			if idx, ok := m.byJoined[string(t[a:e])]; ok {
				p := &m.prot[idx[0]]
				return m.match(s, p, Labels, fmt.Sprintf("%q used as labels of %s", s.sub, s.label+"."+s.usuffix)), true
			}
		}
	}
	return Match{}, false
}
