package pattern

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Node is any node of a pattern's syntax tree. Pos is the byte offset in
// the source where the node starts.
type Node interface {
	Pos() int
	String() string
}

// ObsExpr is an observation-level expression: an observation expression
// in brackets, a qualified expression, or two of them joined by AND, OR or
// FOLLOWEDBY.
type ObsExpr interface {
	Node
	obsExpr()
}

// CompExpr is a comparison-level expression, inside brackets: a
// comparison, EXISTS, or two of them joined by AND or OR.
type CompExpr interface {
	Node
	compExpr()
}

// ObsOp joins two observation expressions.
type ObsOp int

// The observation operators, from the loosest binding to the tightest.
const (
	FollowedBy ObsOp = iota
	ObsOr
	ObsAnd
)

func (op ObsOp) String() string {
	switch op {
	case FollowedBy:
		return "FOLLOWEDBY"
	case ObsOr:
		return "OR"
	}
	return "AND"
}

// ObsBinary is Left Op Right at the observation level.
type ObsBinary struct {
	Op          ObsOp
	Left, Right ObsExpr
	At          int
}

// Bracket is an observation expression: [comparison expression].
type Bracket struct {
	Expr CompExpr
	At   int
}

// Qualified is an observation expression with one qualifier after it.
type Qualified struct {
	X         ObsExpr
	Qualifier Qualifier
}

// Qualifier is WITHIN, REPEATS or START/STOP.
type Qualifier interface {
	Node
	qualifier()
}

// Within is WITHIN n SECONDS.
type Within struct {
	Seconds float64
	Text    string // the number as written
	At      int
}

// Repeats is REPEATS n TIMES.
type Repeats struct {
	N  int
	At int
}

// StartStop is START t'...' STOP t'...'.
type StartStop struct {
	Start, Stop Constant
	At          int
}

// CompOp joins two comparison expressions.
type CompOp int

// The boolean operators of comparison expressions.
const (
	CompOr CompOp = iota
	CompAnd
)

func (op CompOp) String() string {
	if op == CompOr {
		return "OR"
	}
	return "AND"
}

// CompBinary is Left Op Right inside brackets.
type CompBinary struct {
	Op          CompOp
	Left, Right CompExpr
	At          int
}

// Op is a comparison operator.
type Op int

// The comparison operators.
const (
	OpEq Op = iota
	OpNe
	OpLt
	OpLe
	OpGt
	OpGe
	OpIn
	OpLike
	OpMatches
	OpIsSubset
	OpIsSuperset
)

var opNames = [...]string{"=", "!=", "<", "<=", ">", ">=", "IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"}

func (op Op) String() string { return opNames[op] }

// Comparison is Path [NOT] Op Value (or Path [NOT] IN (Set...)).
type Comparison struct {
	Path  ObjectPath
	Not   bool
	Op    Op
	Value Constant   // every operator but IN
	Set   []Constant // IN
	OpAt  int        // where the operator (or NOT) starts
}

// Exists is EXISTS Path.
type Exists struct {
	Path ObjectPath
	At   int
}

// ObjectPath is type:property followed by steps: .key, [n] or [*].
type ObjectPath struct {
	Type  string
	Steps []Step // Steps[0] is the first property; never empty
	At    int
}

// StepKind says what a step of an object path does.
type StepKind int

// The kinds of steps.
const (
	StepKey   StepKind = iota // .key, or the first property
	StepIndex                 // [n]; a negative n counts from the end
	StepStar                  // [*]: every element of the list
)

// Step is one step of an object path.
type Step struct {
	Kind  StepKind
	Key   string // StepKey: the property or dictionary key
	Index int    // StepIndex
}

// ConstKind is the type of a constant.
type ConstKind int

// The constant types.
const (
	KindString ConstKind = iota
	KindInt
	KindFloat
	KindBool
	KindTimestamp
	KindBinary // b'...', and h'...' (Hex true)
)

var kindNames = [...]string{"string", "integer", "float", "boolean", "timestamp", "binary"}

func (k ConstKind) String() string { return kindNames[k] }

// Constant is a literal of the pattern.
type Constant struct {
	Kind  ConstKind
	Str   string    // KindString: the unescaped text
	Int   int64     // KindInt
	Float float64   // KindFloat
	Bool  bool      // KindBool
	Time  time.Time // KindTimestamp
	Bytes []byte    // KindBinary
	Hex   bool      // KindBinary written as h'...'
	Text  string    // as written in the pattern
	At    int
}

func (*ObsBinary) obsExpr()   {}
func (*Bracket) obsExpr()     {}
func (*Qualified) obsExpr()   {}
func (*CompBinary) compExpr() {}
func (*Comparison) compExpr() {}
func (*Exists) compExpr()     {}
func (*Within) qualifier()    {}
func (*Repeats) qualifier()   {}
func (*StartStop) qualifier() {}

// Pos returns the offset of the node's first byte.
func (e *ObsBinary) Pos() int  { return e.Left.Pos() }
func (e *Bracket) Pos() int    { return e.At }
func (e *Qualified) Pos() int  { return e.X.Pos() }
func (e *CompBinary) Pos() int { return e.Left.Pos() }
func (e *Comparison) Pos() int { return e.Path.At }
func (e *Exists) Pos() int     { return e.At }
func (q *Within) Pos() int     { return q.At }
func (q *Repeats) Pos() int    { return q.At }
func (q *StartStop) Pos() int  { return q.At }

// String prints the canonical form of the pattern: keywords in upper case,
// single spaces, parentheses only where precedence needs them. Parsing the
// result gives the same tree.
func (e *ObsBinary) String() string { return build(e.write) }

func (e *Bracket) String() string    { return build(e.write) }
func (e *Qualified) String() string  { return build(e.write) }
func (e *CompBinary) String() string { return build(e.write) }
func (e *Comparison) String() string { return build(e.write) }

// build runs a write method into a new string; writing into one builder
// keeps printing linear in the size of the tree.
func build(write func(*strings.Builder)) string {
	var b strings.Builder
	write(&b)
	return b.String()
}

// writer is a node that prints itself into a builder.
type writer interface {
	write(*strings.Builder)
}

func (e *ObsBinary) write(b *strings.Builder) {
	obsOperand(b, e.Left, e.Op, false)
	b.WriteString(" " + e.Op.String() + " ")
	obsOperand(b, e.Right, e.Op, true)
}

// obsOperand prints x as an operand of op, in parentheses when it binds
// more loosely than op, or as loosely and stands on the right (the
// operators associate to the left).
func obsOperand(b *strings.Builder, x ObsExpr, op ObsOp, right bool) {
	if o, ok := x.(*ObsBinary); ok && (o.Op < op || o.Op == op && right) {
		b.WriteByte('(')
		o.write(b)
		b.WriteByte(')')
		return
	}
	x.(writer).write(b)
}

func (e *Bracket) write(b *strings.Builder) {
	b.WriteByte('[')
	e.Expr.(writer).write(b)
	b.WriteByte(']')
}

func (e *Qualified) write(b *strings.Builder) {
	if _, ok := e.X.(*ObsBinary); ok {
		b.WriteByte('(')
		e.X.(writer).write(b)
		b.WriteByte(')')
	} else {
		e.X.(writer).write(b)
	}
	b.WriteByte(' ')
	b.WriteString(e.Qualifier.String())
}

func (q *Within) String() string  { return "WITHIN " + q.Text + " SECONDS" }
func (q *Repeats) String() string { return "REPEATS " + strconv.Itoa(q.N) + " TIMES" }
func (q *StartStop) String() string {
	return "START " + q.Start.String() + " STOP " + q.Stop.String()
}

func (e *CompBinary) write(b *strings.Builder) {
	compOperand(b, e.Left, e.Op, false)
	b.WriteString(" " + e.Op.String() + " ")
	compOperand(b, e.Right, e.Op, true)
}

func compOperand(b *strings.Builder, x CompExpr, op CompOp, right bool) {
	if c, ok := x.(*CompBinary); ok && (c.Op < op || c.Op == op && right) {
		b.WriteByte('(')
		c.write(b)
		b.WriteByte(')')
		return
	}
	x.(writer).write(b)
}

func (e *Comparison) write(b *strings.Builder) {
	b.WriteString(e.Path.String())
	b.WriteByte(' ')
	if e.Not {
		b.WriteString("NOT ")
	}
	b.WriteString(e.Op.String())
	b.WriteByte(' ')
	if e.Op == OpIn {
		b.WriteByte('(')
		for i, c := range e.Set {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(c.String())
		}
		b.WriteByte(')')
	} else {
		b.WriteString(e.Value.String())
	}
}

func (e *Exists) write(b *strings.Builder) { b.WriteString(e.String()) }

func (e *Exists) String() string { return "EXISTS " + e.Path.String() }

// String prints the path with keys quoted where they are not plain
// identifiers.
func (p ObjectPath) String() string {
	var b strings.Builder
	b.WriteString(p.Type)
	b.WriteByte(':')
	for i, s := range p.Steps {
		switch s.Kind {
		case StepStar:
			b.WriteString("[*]")
		case StepIndex:
			b.WriteString("[" + strconv.Itoa(s.Index) + "]")
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			if isPlainKey(s.Key) {
				b.WriteString(s.Key)
			} else {
				b.WriteString(quote(s.Key))
			}
		}
	}
	return b.String()
}

// Property returns the path after the type, as written in canonical form:
// "hashes.'SHA-256'", "extensions.'archive-ext'.contains_refs[*]".
func (p ObjectPath) Property() string {
	s := p.String()
	return s[len(p.Type)+1:]
}

func isPlainKey(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return false
	}
	return !isReserved(s)
}

// quote writes s as a pattern string literal.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// String prints the constant in the pattern's syntax.
func (c Constant) String() string {
	switch c.Kind {
	case KindString:
		return quote(c.Str)
	case KindInt:
		return strconv.FormatInt(c.Int, 10)
	case KindFloat:
		if c.Text != "" {
			return c.Text
		}
		s := strconv.FormatFloat(c.Float, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		return s
	case KindBool:
		return strconv.FormatBool(c.Bool)
	case KindTimestamp:
		return c.Text
	case KindBinary:
		if c.Hex {
			return "h'" + hex.EncodeToString(c.Bytes) + "'"
		}
		return "b'" + base64.StdEncoding.EncodeToString(c.Bytes) + "'"
	}
	return c.Text
}
