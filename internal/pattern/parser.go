package pattern

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Limits on what Parse accepts, so that hostile patterns cannot exhaust
// memory or the stack.
const (
	// MaxPatternBytes is the longest pattern accepted.
	MaxPatternBytes = 1 << 20
	// MaxDepth is the deepest nesting of parentheses and brackets.
	MaxDepth = 100
)

// Parse parses a STIX 2.1 pattern into its syntax tree. The error, if any,
// is an *Error naming the position and what was expected there. Parse
// checks the syntax and the constants' own form (integers in range,
// timestamps that are real instants, base64 and hex); Compile checks the
// rest (hash lengths, CIDR blocks, regular expressions).
func Parse(src string) (ObsExpr, error) {
	if len(src) > MaxPatternBytes {
		return nil, errorAt(src, MaxPatternBytes, "pattern is longer than the limit of %d bytes", MaxPatternBytes)
	}
	if !utf8.ValidString(src) {
		i := 0
		for i < len(src) {
			r, n := utf8.DecodeRuneInString(src[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return nil, errorAt(src, i, "invalid UTF-8")
	}
	p := &parser{lex: lexer{src: src}, src: src}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind == tEOF {
		return nil, errorAt(src, p.tok.pos, "empty pattern: expected an observation expression such as [domain-name:value = 'example.com']")
	}
	x, err := p.followedBy()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, p.unexpected("AND, OR, FOLLOWEDBY, a qualifier (WITHIN, REPEATS, START) or the end of the pattern")
	}
	return x, nil
}

type parser struct {
	lex   lexer
	src   string
	tok   token
	depth int
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

// keyword reports whether the current token is the keyword kw.
func (p *parser) keyword(kw string) bool { return p.tok.kind == tIdent && p.tok.text == kw }

func (p *parser) unexpected(expected string) *Error {
	msg := "expected " + expected + ", found " + p.tok.describe()
	if p.tok.kind == tIdent && !isReserved(p.tok.text) && isReserved(strings.ToUpper(p.tok.text)) {
		msg += " (keywords are upper case: " + strings.ToUpper(p.tok.text) + ")"
	}
	return errorAt(p.src, p.tok.pos, "%s", msg)
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return errorAt(p.src, p.tok.pos, "nesting deeper than the limit of %d", MaxDepth)
	}
	return nil
}

// The binary operators, loosest first, each a left-associative chain of
// the next: FOLLOWEDBY of ORs of ANDs of qualified observations; within
// brackets, ORs of ANDs of comparisons.
func (p *parser) followedBy() (ObsExpr, error) {
	return chain(p, "FOLLOWEDBY", p.obsOr, func(l, r ObsExpr, at int) ObsExpr { return &ObsBinary{Op: FollowedBy, Left: l, Right: r, At: at} })
}

func (p *parser) obsOr() (ObsExpr, error) {
	return chain(p, "OR", p.obsAnd, func(l, r ObsExpr, at int) ObsExpr { return &ObsBinary{Op: ObsOr, Left: l, Right: r, At: at} })
}

func (p *parser) obsAnd() (ObsExpr, error) {
	return chain(p, "AND", p.qualified, func(l, r ObsExpr, at int) ObsExpr { return &ObsBinary{Op: ObsAnd, Left: l, Right: r, At: at} })
}

func (p *parser) compOr() (CompExpr, error) {
	return chain(p, "OR", p.compAnd, func(l, r CompExpr, at int) CompExpr { return &CompBinary{Op: CompOr, Left: l, Right: r, At: at} })
}

func (p *parser) compAnd() (CompExpr, error) {
	return chain(p, "AND", p.compPrimary, func(l, r CompExpr, at int) CompExpr { return &CompBinary{Op: CompAnd, Left: l, Right: r, At: at} })
}

// chain parses operands joined by the keyword, left to right.
func chain[T any](p *parser, keyword string, operand func() (T, error), join func(left, right T, at int) T) (T, error) {
	var zero T
	left, err := operand()
	if err != nil {
		return zero, err
	}
	for p.keyword(keyword) {
		at := p.tok.pos
		if err := p.advance(); err != nil {
			return zero, err
		}
		right, err := operand()
		if err != nil {
			return zero, err
		}
		left = join(left, right, at)
	}
	return left, nil
}

func (p *parser) qualified() (ObsExpr, error) {
	x, err := p.obsPrimary()
	if err != nil {
		return nil, err
	}
	for {
		var q Qualifier
		var err error
		switch {
		case p.keyword("WITHIN"):
			q, err = p.within()
		case p.keyword("REPEATS"):
			q, err = p.repeats()
		case p.keyword("START"):
			q, err = p.startStop()
		default:
			return x, nil
		}
		if err != nil {
			return nil, err
		}
		x = &Qualified{X: x, Qualifier: q}
	}
}

func (p *parser) obsPrimary() (ObsExpr, error) {
	switch p.tok.kind {
	case tLBrack:
		at := p.tok.pos
		if err := p.enter(); err != nil {
			return nil, err
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.tok.kind == tRBrack {
			return nil, errorAt(p.src, p.tok.pos, "empty observation expression []: expected a comparison such as domain-name:value = 'example.com'")
		}
		e, err := p.compOr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRBrack {
			return nil, p.unexpected("AND, OR or ']' to close the observation expression opened at column " + strconv.Itoa(errorAt(p.src, at, "").Column))
		}
		p.depth--
		if err := p.advance(); err != nil {
			return nil, err
		}
		return &Bracket{Expr: e, At: at}, nil
	case tLParen:
		at := p.tok.pos
		if err := p.enter(); err != nil {
			return nil, err
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		x, err := p.followedBy()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.unexpected("AND, OR, FOLLOWEDBY, a qualifier or ')' to close the parenthesis opened at column " + strconv.Itoa(errorAt(p.src, at, "").Column))
		}
		p.depth--
		if err := p.advance(); err != nil {
			return nil, err
		}
		return x, nil
	}
	if p.tok.kind == tIdent && !isReserved(p.tok.text) {
		return nil, p.unexpected("'[' to start an observation expression (comparisons go in brackets: [" + p.tok.text + ":... = ...])")
	}
	return nil, p.unexpected("'[' or '(' to start an observation expression")
}

func (p *parser) within() (Qualifier, error) {
	at := p.tok.pos
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tInt && p.tok.kind != tFloat {
		return nil, p.unexpected("a number of seconds after WITHIN")
	}
	text := p.tok.text
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || !(f > 0) || math.IsInf(f, 0) {
		return nil, errorAt(p.src, p.tok.pos, "WITHIN needs a positive number of seconds, found %s", text)
	}
	text = strings.TrimPrefix(text, "+")
	if err := p.advance(); err != nil {
		return nil, err
	}
	if !p.keyword("SECONDS") {
		if p.tok.kind == tIdent {
			switch strings.ToUpper(p.tok.text) {
			case "MILLISECONDS", "MINUTES", "HOURS", "DAYS", "MONTHS", "YEARS":
				return nil, errorAt(p.src, p.tok.pos, "WITHIN counts SECONDS; STIX 2.1 has no unit %s", p.tok.text)
			}
		}
		return nil, p.unexpected("SECONDS after WITHIN " + text)
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	return &Within{Seconds: f, Text: text, At: at}, nil
}

func (p *parser) repeats() (Qualifier, error) {
	at := p.tok.pos
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.tok.kind != tInt {
		return nil, p.unexpected("a whole number after REPEATS")
	}
	n, err := strconv.Atoi(p.tok.text)
	if err != nil || n < 1 || n > MaxRepeats {
		return nil, errorAt(p.src, p.tok.pos, "REPEATS needs a whole number from 1 to %d, found %s", MaxRepeats, p.tok.text)
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if !p.keyword("TIMES") {
		return nil, p.unexpected("TIMES after REPEATS " + strconv.Itoa(n))
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	return &Repeats{N: n, At: at}, nil
}

// MaxRepeats is the largest count REPEATS accepts.
const MaxRepeats = 10000

func (p *parser) startStop() (Qualifier, error) {
	at := p.tok.pos
	if err := p.advance(); err != nil {
		return nil, err
	}
	start, err := p.qualifierTime("START")
	if err != nil {
		return nil, err
	}
	if !p.keyword("STOP") {
		return nil, p.unexpected("STOP after START " + start.Text)
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	stop, err := p.qualifierTime("STOP")
	if err != nil {
		return nil, err
	}
	if !stop.Time.After(start.Time) {
		return nil, errorAt(p.src, stop.At, "STOP %s must be later than START %s", stop.Text, start.Text)
	}
	return &StartStop{Start: start, Stop: stop, At: at}, nil
}

// qualifierTime reads the timestamp after START or STOP: t'...', or the
// plain string STIX 2.0 used.
func (p *parser) qualifierTime(kw string) (Constant, error) {
	if p.tok.kind != tTimestamp && p.tok.kind != tString {
		return Constant{}, p.unexpected("a timestamp t'YYYY-MM-DDTHH:MM:SSZ' after " + kw)
	}
	tok := p.tok
	tok.kind = tTimestamp
	c, err := p.constantOf(tok)
	if err != nil {
		return Constant{}, err
	}
	c.Text = "t" + quote(tok.val)
	if err := p.advance(); err != nil {
		return Constant{}, err
	}
	return c, nil
}

func (p *parser) compPrimary() (CompExpr, error) {
	switch {
	case p.tok.kind == tLParen:
		at := p.tok.pos
		if err := p.enter(); err != nil {
			return nil, err
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		e, err := p.compOr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.unexpected("AND, OR or ')' to close the parenthesis opened at column " + strconv.Itoa(errorAt(p.src, at, "").Column))
		}
		p.depth--
		if err := p.advance(); err != nil {
			return nil, err
		}
		return e, nil
	case p.keyword("EXISTS"):
		at := p.tok.pos
		if err := p.advance(); err != nil {
			return nil, err
		}
		path, err := p.path()
		if err != nil {
			return nil, err
		}
		return &Exists{Path: path, At: at}, nil
	case p.keyword("NOT"):
		return nil, errorAt(p.src, p.tok.pos, "NOT goes between the object path and the operator, as in file:name NOT LIKE '%%.exe'")
	}
	path, err := p.path()
	if err != nil {
		return nil, err
	}
	return p.comparison(path)
}

// path reads type:property followed by .key, [n] and [*] steps.
func (p *parser) path() (ObjectPath, error) {
	if p.tok.kind != tIdent || isReserved(p.tok.text) {
		return ObjectPath{}, p.unexpected("an object path such as file:name or a '('")
	}
	path := ObjectPath{Type: p.tok.text, At: p.tok.pos}
	if err := p.advance(); err != nil {
		return ObjectPath{}, err
	}
	if p.tok.kind != tColon {
		return ObjectPath{}, p.unexpected("':' after the object type " + path.Type + " (an object path is type:property)")
	}
	if err := p.advance(); err != nil {
		return ObjectPath{}, err
	}
	key, err := p.key("a property name after " + path.Type + ":")
	if err != nil {
		return ObjectPath{}, err
	}
	path.Steps = append(path.Steps, Step{Kind: StepKey, Key: key})
	for {
		switch p.tok.kind {
		case tDot:
			if err := p.advance(); err != nil {
				return ObjectPath{}, err
			}
			key, err := p.key("a property or key after '.'")
			if err != nil {
				return ObjectPath{}, err
			}
			path.Steps = append(path.Steps, Step{Kind: StepKey, Key: key})
		case tLBrack:
			if err := p.advance(); err != nil {
				return ObjectPath{}, err
			}
			var st Step
			switch p.tok.kind {
			case tStar:
				st = Step{Kind: StepStar}
			case tInt:
				n, err := strconv.Atoi(p.tok.text)
				if err != nil || n > math.MaxInt32 || n < math.MinInt32 {
					return ObjectPath{}, errorAt(p.src, p.tok.pos, "list index %s is out of range", p.tok.text)
				}
				st = Step{Kind: StepIndex, Index: n}
			default:
				return ObjectPath{}, p.unexpected("a list index (a whole number or *) after '['")
			}
			if err := p.advance(); err != nil {
				return ObjectPath{}, err
			}
			if p.tok.kind != tRBrack {
				return ObjectPath{}, p.unexpected("']' after the list index")
			}
			if err := p.advance(); err != nil {
				return ObjectPath{}, err
			}
			path.Steps = append(path.Steps, st)
		default:
			return path, nil
		}
	}
}

// key reads a property name or a dictionary key: an identifier without a
// hyphen, or a quoted string.
func (p *parser) key(expected string) (string, error) {
	switch p.tok.kind {
	case tString:
		k := p.tok.val
		return k, p.advance()
	case tIdent:
		if p.tok.hyphen {
			return "", errorAt(p.src, p.tok.pos, "key %s contains '-': quote it, as in hashes.'SHA-256'", p.tok.text)
		}
		k := p.tok.text
		return k, p.advance()
	}
	return "", p.unexpected(expected)
}

func (p *parser) comparison(path ObjectPath) (CompExpr, error) {
	c := &Comparison{Path: path, OpAt: p.tok.pos}
	if p.keyword("NOT") {
		c.Not = true
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	switch p.tok.kind {
	case tEq:
		c.Op = OpEq
	case tNe:
		c.Op = OpNe
	case tLt:
		c.Op = OpLt
	case tLe:
		c.Op = OpLe
	case tGt:
		c.Op = OpGt
	case tGe:
		c.Op = OpGe
	case tIdent:
		switch p.tok.text {
		case "IN":
			c.Op = OpIn
		case "LIKE":
			c.Op = OpLike
		case "MATCHES":
			c.Op = OpMatches
		case "ISSUBSET":
			c.Op = OpIsSubset
		case "ISSUPERSET":
			c.Op = OpIsSuperset
		default:
			return nil, p.unexpected("an operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after " + path.String())
		}
	default:
		return nil, p.unexpected("an operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET) after " + path.String())
	}
	opText := p.tok.text
	if err := p.advance(); err != nil {
		return nil, err
	}
	switch c.Op {
	case OpIn:
		if p.tok.kind != tLParen {
			return nil, p.unexpected("'(' to start the list of values after IN")
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
		for p.tok.kind != tRParen {
			if len(c.Set) > 0 {
				if p.tok.kind != tComma {
					return nil, p.unexpected("',' or ')' in the list of values after IN")
				}
				if err := p.advance(); err != nil {
					return nil, err
				}
			}
			v, err := p.constant("a constant in the list of values after IN", true)
			if err != nil {
				return nil, err
			}
			c.Set = append(c.Set, v)
		}
		if err := p.advance(); err != nil {
			return nil, err
		}
	case OpLike, OpMatches, OpIsSubset, OpIsSuperset:
		if p.tok.kind != tString {
			return nil, p.unexpected("a string after " + opText)
		}
		v, err := p.constant("", false)
		if err != nil {
			return nil, err
		}
		c.Value = v
	case OpLt, OpLe, OpGt, OpGe:
		if p.tok.kind == tIdent && (p.tok.text == "true" || p.tok.text == "false") {
			return nil, errorAt(p.src, p.tok.pos, "booleans have no order: %s cannot compare with %s", opText, p.tok.text)
		}
		v, err := p.constant("a constant after "+opText, false)
		if err != nil {
			return nil, err
		}
		c.Value = v
	default:
		v, err := p.constant("a constant after "+opText, true)
		if err != nil {
			return nil, err
		}
		c.Value = v
	}
	return c, nil
}

// constant reads a literal; bools only where allowBool.
func (p *parser) constant(expected string, allowBool bool) (Constant, error) {
	switch p.tok.kind {
	case tString, tInt, tFloat, tTimestamp, tBinary, tHex:
	case tIdent:
		if !allowBool || p.tok.text != "true" && p.tok.text != "false" {
			if p.tok.text == "TRUE" || p.tok.text == "FALSE" || p.tok.text == "True" || p.tok.text == "False" {
				return Constant{}, errorAt(p.src, p.tok.pos, "booleans are written true and false, in lower case")
			}
			if expected == "" {
				expected = "a constant"
			}
			return Constant{}, p.unexpected(expected + " (strings are quoted: 'text')")
		}
	default:
		if expected == "" {
			expected = "a constant"
		}
		return Constant{}, p.unexpected(expected)
	}
	c, err := p.constantOf(p.tok)
	if err != nil {
		return Constant{}, err
	}
	return c, p.advance()
}

// constantOf converts a literal token into a Constant, checking its form.
func (p *parser) constantOf(t token) (Constant, error) {
	c := Constant{Text: t.text, At: t.pos}
	switch t.kind {
	case tString:
		c.Kind, c.Str = KindString, t.val
	case tInt:
		n, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return c, errorAt(p.src, t.pos, "integer %s is out of range (64 bits)", t.text)
		}
		c.Kind, c.Int = KindInt, n
	case tFloat:
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			return c, errorAt(p.src, t.pos, "float %s is out of range", t.text)
		}
		c.Kind, c.Float = KindFloat, f
	case tIdent:
		c.Kind, c.Bool = KindBool, t.text == "true"
	case tTimestamp:
		ts, err := stix.ParseTimestamp(t.val)
		if err != nil {
			// The reasons read "is not of the form ...", "is not a real
			// date and time: ...", "must be in UTC ...".
			return c, errorAt(p.src, t.pos, "%s %s", abbrev(t.text), strings.TrimPrefix(err.Error(), "timestamp "+strconv.Quote(t.val)+" "))
		}
		c.Kind, c.Time = KindTimestamp, ts.Time
	case tBinary:
		b, err := base64.StdEncoding.Strict().DecodeString(t.val)
		if err != nil {
			return c, errorAt(p.src, t.pos, "%s is not valid base64 (RFC 4648, with padding): %v", abbrev(t.text), err)
		}
		c.Kind, c.Bytes = KindBinary, b
	case tHex:
		b, err := hex.DecodeString(t.val)
		if err != nil {
			return c, errorAt(p.src, t.pos, "%s is not an even number of hex digits", abbrev(t.text))
		}
		c.Kind, c.Bytes, c.Hex = KindBinary, b, true
	}
	return c, nil
}
