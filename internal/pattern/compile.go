package pattern

import (
	"net/netip"
	"regexp"
	"regexp/syntax"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Pattern is a compiled STIX pattern, safe for concurrent use.
type Pattern struct {
	src      string
	tree     ObsExpr
	root     *onode
	leaves   []*leaf
	maxObs   int // most observations one binding can need (capped)
	warnings []string
}

// leaf is one observation expression [...] of a pattern.
type leaf struct {
	text  string
	cond  *cond
	types []string // the object types its comparisons name
}

// condKind is the kind of a compiled comparison-expression node.
type condKind uint8

const (
	condCmp condKind = iota
	condAnd
	condOr
)

// cond is a compiled comparison expression; AND and OR chains are
// flattened, so evaluation does not recurse on long chains.
type cond struct {
	kind condKind
	kids []*cond
	cmp  *cmp
}

// cmp is a compiled comparison or EXISTS.
type cmp struct {
	typ    string
	steps  []cstep
	path   string // the property path in canonical form, for indexes
	op     Op     // OpNe never appears: it is OpEq with not
	not    bool
	exists bool
	binary bool // the path ends in a *_hex or *_bin property
	c      Constant
	set    []Constant
	re     *regexp.Regexp // LIKE and MATCHES
	lit    string         // LIKE and MATCHES: text every matching value contains
	prefix netip.Prefix   // ISSUBSET, ISSUPERSET
	src    *Comparison
}

// cstep is a compiled path step.
type cstep struct {
	kind  StepKind
	key   string
	index int
	deref bool // the value reached so far is a reference to follow first
}

// Compile parses src and compiles it. Beyond Parse it checks that hash
// values have their algorithm's form (an MD5 is 32 hex digits, a SHA-256
// 64), that ISSUBSET and ISSUPERSET name IP addresses or CIDR blocks, and
// that MATCHES expressions are regular expressions RE2 can run.
func Compile(src string) (*Pattern, error) {
	tree, err := Parse(src)
	if err != nil {
		return nil, err
	}
	p := &Pattern{src: src, tree: tree}
	c := compiler{p: p, src: src}
	root, err := c.obs(tree)
	if err != nil {
		return nil, err
	}
	p.root = root
	p.maxObs = root.maxObs()
	return p, nil
}

// MustCompile is Compile for patterns known to be valid; it panics on an
// error.
func MustCompile(src string) *Pattern {
	p, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the pattern as it was given.
func (p *Pattern) String() string { return p.src }

// Tree returns the pattern's syntax tree.
func (p *Pattern) Tree() ObsExpr { return p.tree }

// Warnings lists parts of a valid pattern that can never match, such as
// comparisons on two object types joined by AND.
func (p *Pattern) Warnings() []string { return p.warnings }

// Expressions returns the pattern's observation expressions [...] in
// order; Binding.Expr indexes this list.
func (p *Pattern) Expressions() []string {
	out := make([]string, len(p.leaves))
	for i, l := range p.leaves {
		out[i] = l.text
	}
	return out
}

// SingleObservation reports whether every match of the pattern is one
// observation (no AND or FOLLOWEDBY of observation expressions, no
// REPEATS above 1).
func (p *Pattern) SingleObservation() bool { return p.maxObs == 1 }

type compiler struct {
	p   *Pattern
	src string
}

func (c *compiler) obs(x ObsExpr) (*onode, error) {
	switch x := x.(type) {
	case *Bracket:
		l := &leaf{text: x.String()}
		cd, err := c.cond(x.Expr, l)
		if err != nil {
			return nil, err
		}
		l.cond = cd
		if ts := andTypes(cd); ts != "" {
			c.p.warnings = append(c.p.warnings, "column "+itoa(errorAt(c.src, x.At, "").Column)+": "+l.text+" joins comparisons on different object types ("+ts+") with AND: an observation expression is matched against one object, so this part never matches")
		}
		c.p.leaves = append(c.p.leaves, l)
		return &onode{kind: nLeaf, leaf: len(c.p.leaves) - 1}, nil
	case *ObsBinary:
		l, err := c.obs(x.Left)
		if err != nil {
			return nil, err
		}
		r, err := c.obs(x.Right)
		if err != nil {
			return nil, err
		}
		k := map[ObsOp]nodeKind{ObsAnd: nAnd, ObsOr: nOr, FollowedBy: nFollow}[x.Op]
		return &onode{kind: k, l: l, r: r}, nil
	case *Qualified:
		inner, err := c.obs(x.X)
		if err != nil {
			return nil, err
		}
		switch q := x.Qualifier.(type) {
		case *Within:
			if inner.maxObs() == 1 {
				c.p.warnings = append(c.p.warnings, "column "+itoa(errorAt(c.src, q.At, "").Column)+": WITHIN applies to "+x.X.String()+" alone, one observation, so it changes nothing; qualifiers bind to the expression just before them: put the expressions it should span in parentheses, as in ([a] FOLLOWEDBY [b]) WITHIN n SECONDS")
			}
			d := time.Duration(q.Seconds * float64(time.Second))
			if q.Seconds > float64(1<<62)/float64(time.Second) {
				d = 1<<63 - 1
			}
			return &onode{kind: nWithin, l: inner, within: d}, nil
		case *Repeats:
			return &onode{kind: nRepeat, l: inner, n: q.N}, nil
		case *StartStop:
			return &onode{kind: nStartStop, l: inner, start: q.Start.Time, stop: q.Stop.Time}, nil
		}
	}
	return nil, errorAt(c.src, x.Pos(), "unknown observation expression")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// andTypes returns "a, b" when an AND in cd joins comparisons on
// different object types, else "".
func andTypes(cd *cond) string {
	switch cd.kind {
	case condAnd:
		types := map[string]bool{}
		var order []string
		for _, k := range cd.kids {
			ts := condTypes(k)
			if len(ts) == 1 && !types[ts[0]] {
				types[ts[0]] = true
				order = append(order, ts[0])
			}
		}
		if len(order) > 1 {
			return strings.Join(order, ", ")
		}
		for _, k := range cd.kids {
			if s := andTypes(k); s != "" {
				return s
			}
		}
	case condOr:
		for _, k := range cd.kids {
			if s := andTypes(k); s != "" {
				return s
			}
		}
	}
	return ""
}

func condTypes(cd *cond) []string {
	if cd.kind == condCmp {
		return []string{cd.cmp.typ}
	}
	seen := map[string]bool{}
	var out []string
	for _, k := range cd.kids {
		for _, t := range condTypes(k) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

func (c *compiler) cond(e CompExpr, l *leaf) (*cond, error) {
	switch e := e.(type) {
	case *CompBinary:
		kind := condAnd
		if e.Op == CompOr {
			kind = condOr
		}
		out := &cond{kind: kind}
		// Flatten the left-leaning chain iteratively.
		var chain []CompExpr
		x := CompExpr(e)
		for {
			b, ok := x.(*CompBinary)
			if !ok || b.Op != e.Op {
				chain = append(chain, x)
				break
			}
			chain = append(chain, b.Right)
			x = b.Left
		}
		for i := len(chain) - 1; i >= 0; i-- {
			k, err := c.cond(chain[i], l)
			if err != nil {
				return nil, err
			}
			if k.kind == kind {
				out.kids = append(out.kids, k.kids...)
			} else {
				out.kids = append(out.kids, k)
			}
		}
		return out, nil
	case *Exists:
		m := &cmp{typ: e.Path.Type, exists: true}
		c.path(m, e.Path)
		c.addType(l, m.typ)
		return &cond{kind: condCmp, cmp: m}, nil
	case *Comparison:
		m, err := c.comparison(e)
		if err != nil {
			return nil, err
		}
		c.addType(l, m.typ)
		return &cond{kind: condCmp, cmp: m}, nil
	}
	return nil, errorAt(c.src, e.Pos(), "unknown comparison expression")
}

func (c *compiler) addType(l *leaf, t string) {
	for _, x := range l.types {
		if x == t {
			return
		}
	}
	l.types = append(l.types, t)
}

func (c *compiler) path(m *cmp, p ObjectPath) {
	m.typ = p.Type
	m.path = p.Property()
	lastKey := ""
	for _, s := range p.Steps {
		cs := cstep{kind: s.Kind, key: s.Key, index: s.Index}
		if s.Kind == StepKey {
			cs.deref = strings.HasSuffix(lastKey, "_ref") || strings.HasSuffix(lastKey, "_refs")
			lastKey = s.Key
		}
		m.steps = append(m.steps, cs)
	}
	m.binary = strings.HasSuffix(lastKey, "_hex") || strings.HasSuffix(lastKey, "_bin")
}

func (c *compiler) comparison(e *Comparison) (*cmp, error) {
	m := &cmp{op: e.Op, not: e.Not, c: e.Value, set: e.Set, src: e}
	c.path(m, e.Path)
	if m.op == OpNe {
		m.op, m.not = OpEq, !m.not
	}
	switch m.op {
	case OpEq, OpIn:
		vals := []Constant{e.Value}
		if m.op == OpIn {
			vals = e.Set
		}
		for _, v := range vals {
			if err := c.checkHash(e.Path, v); err != nil {
				return nil, err
			}
		}
	case OpLike:
		re, err := likeRegexp(nfc(e.Value.Str))
		if err != nil {
			return nil, errorAt(c.src, e.Value.At, "LIKE %s: %v", abbrev(e.Value.Text), err)
		}
		m.re = re
		m.lit = likeLiteral(nfc(e.Value.Str))
	case OpMatches:
		re, off, err := compileRegex(nfc(e.Value.Str))
		if err != nil {
			// off is in the regex; point into the literal when the
			// literal has no escapes before it.
			at := e.Value.At
			if off >= 0 {
				at += literalOffset(e.Value.Text, off)
			}
			return nil, errorAt(c.src, at, "%v", err)
		}
		m.re = re
		m.lit = requiredLiteral(nfc(e.Value.Str))
	case OpIsSubset, OpIsSuperset:
		pr, ok := parsePrefix(e.Value.Str)
		if !ok {
			return nil, errorAt(c.src, e.Value.At, "%s needs an IPv4 or IPv6 address or CIDR block such as '198.51.100.0/24', found %s", e.Op, abbrev(e.Value.Text))
		}
		m.prefix = pr
	}
	return m, nil
}

// parsePrefix reads an IP address (as a /32 or /128) or a CIDR block,
// masked to its network.
func parsePrefix(s string) (netip.Prefix, bool) {
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// hashForms are the hash algorithms of the STIX 2.1 vocabulary whose
// values have a fixed number of hex digits, by normalised name.
var hashForms = map[string]int{
	"MD5": 32, "SHA1": 40, "SHA224": 56, "SHA256": 64, "SHA384": 96, "SHA512": 128,
	"SHA3224": 56, "SHA3256": 64, "SHA3384": 96, "SHA3512": 128,
}

var (
	ssdeepRe = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9+/]+:[A-Za-z0-9+/]+(,.*)?$`)
	tlshRe   = regexp.MustCompile(`^(T1)?[0-9A-Fa-f]{70}$`)
)

// checkHash checks a value compared with a hashes.ALGORITHM path.
func (c *compiler) checkHash(p ObjectPath, v Constant) error {
	n := len(p.Steps)
	if n < 2 || p.Steps[n-2].Kind != StepKey || p.Steps[n-2].Key != "hashes" || p.Steps[n-1].Kind != StepKey || v.Kind != KindString {
		return nil
	}
	algo := p.Steps[n-1].Key
	name := strings.ToUpper(strings.NewReplacer("-", "", "_", "").Replace(algo))
	if want, ok := hashForms[name]; ok {
		if len(v.Str) != want || !isHex(v.Str) {
			return errorAt(c.src, v.At, "%s is not a %s hash: expected %d hex digits, found %d characters%s", abbrev(v.Text), algo, want, utf8.RuneCountInString(v.Str), nonHex(v.Str))
		}
		return nil
	}
	switch name {
	case "SSDEEP":
		if !ssdeepRe.MatchString(v.Str) {
			return errorAt(c.src, v.At, "%s is not an SSDEEP hash: expected blocksize:hash:hash", abbrev(v.Text))
		}
	case "TLSH":
		if !tlshRe.MatchString(v.Str) {
			return errorAt(c.src, v.At, "%s is not a TLSH hash: expected 70 hex digits, optionally after T1", abbrev(v.Text))
		}
	}
	return nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && !('a' <= c && c <= 'f') && !('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func nonHex(s string) string {
	if isHex(s) {
		return ""
	}
	return " (not all hex digits)"
}

// nfc returns the Unicode NFC normalisation of s.
func nfc(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return norm.NFC.String(s)
		}
	}
	return s
}

// likeRegexp turns a LIKE pattern (% any run of characters, _ one
// character) into an anchored RE2 expression.
func likeRegexp(like string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString(`^(?s:`)
	lit := 0
	for i, r := range like {
		switch r {
		case '%':
			b.WriteString(regexp.QuoteMeta(like[lit:i]))
			b.WriteString(`.*`)
			lit = i + 1
		case '_':
			b.WriteString(regexp.QuoteMeta(like[lit:i]))
			b.WriteString(`.`)
			lit = i + 1
		}
	}
	b.WriteString(regexp.QuoteMeta(like[lit:]))
	b.WriteString(`)$`)
	return regexp.Compile(b.String())
}

// likePrefix returns the literal text a LIKE pattern starts with.
func likePrefix(like string) string {
	if i := strings.IndexAny(like, "%_"); i >= 0 {
		return like[:i]
	}
	return like
}

// literalOffset maps an offset in the unescaped content of the string
// literal text to an offset in text itself.
func literalOffset(text string, off int) int {
	n := 0
	for i := 1; i < len(text)-1; i++ {
		if n == off {
			return i
		}
		if text[i] == '\\' {
			i++
		}
		n++
	}
	return 0
}

// likeSuffix returns the literal text a LIKE pattern ends with.
func likeSuffix(like string) string {
	if i := strings.LastIndexAny(like, "%_"); i >= 0 {
		return like[i+1:]
	}
	return like
}

// regexAnchors returns the case-sensitive literal text every match of
// the regular expression re starts the value with (re begins with ^ and a
// literal) and the text it ends the value with (a literal and $), or "".
func regexAnchors(re string) (prefix, suffix string) {
	t, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return "", ""
	}
	t = t.Simplify()
	if t.Op != syntax.OpConcat || len(t.Sub) < 2 {
		return "", ""
	}
	lit := func(x *syntax.Regexp) string {
		if x.Op == syntax.OpLiteral && x.Flags&syntax.FoldCase == 0 {
			return string(x.Rune)
		}
		return ""
	}
	subs := t.Sub
	if subs[0].Op == syntax.OpBeginText {
		prefix = lit(subs[1])
	}
	if n := len(subs); subs[n-1].Op == syntax.OpEndText {
		suffix = lit(subs[n-2])
	}
	return prefix, suffix
}

// likeLiteral returns the longest run of literal text in a LIKE pattern.
func likeLiteral(like string) string {
	best := ""
	for _, part := range strings.FieldsFunc(like, func(r rune) bool { return r == '%' || r == '_' }) {
		if len(part) > len(best) {
			best = part
		}
	}
	return best
}

// requiredLiteral returns the longest case-sensitive literal that a
// match of the regular expression re must contain, or "".
func requiredLiteral(re string) string {
	t, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return ""
	}
	t = t.Simplify()
	lit := func(x *syntax.Regexp) string {
		if x.Op == syntax.OpLiteral && x.Flags&syntax.FoldCase == 0 {
			return string(x.Rune)
		}
		return ""
	}
	if t.Op != syntax.OpConcat {
		return lit(t)
	}
	best := ""
	for _, sub := range t.Sub {
		if l := lit(sub); len(l) > len(best) {
			best = l
		}
	}
	return best
}
