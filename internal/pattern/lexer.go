package pattern

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a pattern that cannot be parsed or compiled: a syntax error, a
// constant that is not what its type or context requires (a SHA-256 that is
// not 64 hex digits, a timestamp that is no real instant), a regular
// expression RE2 cannot run, or a limit passed.
type Error struct {
	Offset int    // byte offset in the pattern
	Line   int    // 1-based line
	Column int    // 1-based column, counted in characters
	Msg    string // what is wrong, and what was expected
}

func (e *Error) Error() string {
	if e.Line > 1 {
		return fmt.Sprintf("pattern: line %d, column %d: %s", e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("pattern: column %d: %s", e.Column, e.Msg)
}

// errorAt builds an *Error at byte offset off of src.
func errorAt(src string, off int, format string, args ...any) *Error {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line, col := 1, 1
	for i, r := range src {
		if i >= off {
			break
		}
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return &Error{Offset: off, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tString
	tInt
	tFloat
	tTimestamp
	tBinary
	tHex
	tLBrack
	tRBrack
	tLParen
	tRParen
	tComma
	tColon
	tDot
	tStar
	tEq
	tNe
	tLt
	tLe
	tGt
	tGe
)

// token is one lexeme. text is the source text; val the unescaped content
// of a string literal (or of t”, b”, h” literals, without the quotes).
type token struct {
	kind   tokKind
	text   string
	val    string
	pos    int
	hyphen bool // an identifier with a hyphen (valid only as an object type)
}

// describe names a token for error messages.
func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the pattern"
	case tString:
		return "string " + abbrev(t.text)
	case tIdent:
		if isReserved(t.text) {
			return "keyword " + t.text
		}
		return "identifier " + abbrev(t.text)
	case tInt, tFloat:
		return "number " + t.text
	case tTimestamp:
		return "timestamp " + abbrev(t.text)
	case tBinary, tHex:
		return "binary constant " + abbrev(t.text)
	}
	return "'" + t.text + "'"
}

func abbrev(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:37]) + "..."
	}
	return s
}

// reserved are the keywords of STIX 2.1 Patterning; they are case
// sensitive.
var reserved = map[string]bool{
	"AND": true, "OR": true, "NOT": true, "FOLLOWEDBY": true, "LIKE": true, "MATCHES": true,
	"ISSUPERSET": true, "ISSUBSET": true, "EXISTS": true, "LAST": true, "IN": true, "START": true,
	"STOP": true, "SECONDS": true, "true": true, "false": true, "WITHIN": true, "REPEATS": true, "TIMES": true,
}

func isReserved(s string) bool { return reserved[s] }

// lexer turns a pattern into tokens, one at a time.
type lexer struct {
	src string
	pos int
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\r', '\n', '\f', 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

func isIdentStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }

// skip passes white space and comments.
func (l *lexer) skip() *Error {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				l.pos++
				continue
			case c == '/' && strings.HasPrefix(l.src[l.pos:], "/*"):
				end := strings.Index(l.src[l.pos+2:], "*/")
				if end < 0 {
					return errorAt(l.src, l.pos, "comment /* is not closed with */")
				}
				l.pos += 2 + end + 2
				continue
			case c == '/' && strings.HasPrefix(l.src[l.pos:], "//"):
				end := strings.IndexAny(l.src[l.pos:], "\r\n")
				if end < 0 {
					l.pos = len(l.src)
				} else {
					l.pos += end
				}
				continue
			}
			return nil
		}
		r, n := utf8.DecodeRuneInString(l.src[l.pos:])
		if !isSpace(r) {
			return nil
		}
		l.pos += n
	}
	return nil
}

// next returns the next token.
func (l *lexer) next() (token, *Error) {
	if err := l.skip(); err != nil {
		return token{}, err
	}
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tEOF, pos: start}, nil
	}
	c := l.src[l.pos]
	one := func(k tokKind) (token, *Error) {
		l.pos++
		return token{kind: k, text: l.src[start:l.pos], pos: start}, nil
	}
	two := func(k tokKind) (token, *Error) {
		l.pos += 2
		return token{kind: k, text: l.src[start:l.pos], pos: start}, nil
	}
	peek := byte(0)
	if l.pos+1 < len(l.src) {
		peek = l.src[l.pos+1]
	}
	switch c {
	case '[':
		return one(tLBrack)
	case ']':
		return one(tRBrack)
	case '(':
		return one(tLParen)
	case ')':
		return one(tRParen)
	case ',':
		return one(tComma)
	case ':':
		return one(tColon)
	case '*':
		return one(tStar)
	case '=':
		if peek == '=' {
			return two(tEq)
		}
		return one(tEq)
	case '!':
		if peek == '=' {
			return two(tNe)
		}
		return token{}, errorAt(l.src, start, "'!' must be followed by '=' (the operator !=)")
	case '<':
		switch peek {
		case '=':
			return two(tLe)
		case '>':
			return two(tNe)
		}
		return one(tLt)
	case '>':
		if peek == '=' {
			return two(tGe)
		}
		return one(tGt)
	case '\'':
		return l.str(start, tString, start)
	case '.':
		if isDigit(peek) {
			return l.number(start)
		}
		return one(tDot)
	case '+', '-':
		if isDigit(peek) || peek == '.' {
			return l.number(start)
		}
		return token{}, errorAt(l.src, start, "'%c' must start a number", c)
	}
	if isDigit(c) {
		return l.number(start)
	}
	if (c == 't' || c == 'b' || c == 'h') && peek == '\'' {
		kind := map[byte]tokKind{'t': tTimestamp, 'b': tBinary, 'h': tHex}[c]
		return l.str(start, kind, start+1)
	}
	if isIdentStart(c) {
		hyphen := false
		l.pos++
		for l.pos < len(l.src) {
			c := l.src[l.pos]
			if isIdentStart(c) || isDigit(c) {
				l.pos++
			} else if c == '-' {
				hyphen = true
				l.pos++
			} else {
				break
			}
		}
		return token{kind: tIdent, text: l.src[start:l.pos], pos: start, hyphen: hyphen}, nil
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.pos:])
	if r == utf8.RuneError {
		return token{}, errorAt(l.src, start, "invalid UTF-8")
	}
	if c == '"' {
		return token{}, errorAt(l.src, start, "strings are quoted with ' (single quotes), not \"")
	}
	return token{}, errorAt(l.src, start, "unexpected character %q", r)
}

// str reads a quoted literal whose opening quote is at q. In string
// literals \' and \\ are the only escapes; the other quoted literals
// (t”, b”, h”) have none.
func (l *lexer) str(start int, kind tokKind, q int) (token, *Error) {
	var b strings.Builder
	i := q + 1
	for {
		if i >= len(l.src) {
			return token{}, errorAt(l.src, start, "%s is not closed with '", literalName(kind))
		}
		c := l.src[i]
		if c == '\'' {
			break
		}
		if c == '\\' {
			if kind != tString {
				return token{}, errorAt(l.src, i, "a %s has no escapes", literalName(kind))
			}
			if i+1 >= len(l.src) {
				return token{}, errorAt(l.src, start, "string is not closed with '")
			}
			switch n := l.src[i+1]; n {
			case '\'', '\\':
				b.WriteByte(n)
				i += 2
				continue
			default:
				r, _ := utf8.DecodeRuneInString(l.src[i+1:])
				return token{}, errorAt(l.src, i, "invalid escape \\%c in a string: only \\' and \\\\ are escapes; write \\\\%c for a backslash followed by %c (as a regular expression's \\%c is written)", r, r, r, r)
			}
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(l.src[i:])
			if r == utf8.RuneError && n == 1 {
				return token{}, errorAt(l.src, i, "invalid UTF-8 in a string")
			}
			b.WriteString(l.src[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	l.pos = i + 1
	return token{kind: kind, text: l.src[start:l.pos], val: b.String(), pos: start}, nil
}

func literalName(k tokKind) string {
	switch k {
	case tTimestamp:
		return "timestamp t'...'"
	case tBinary:
		return "binary constant b'...'"
	case tHex:
		return "hex constant h'...'"
	}
	return "string"
}

// number reads an integer ([+-]?(0|[1-9][0-9]*)) or a float
// ([+-]?[0-9]*.[0-9]+).
func (l *lexer) number(start int) (token, *Error) {
	i := start
	if l.src[i] == '+' || l.src[i] == '-' {
		i++
	}
	digits := i
	for i < len(l.src) && isDigit(l.src[i]) {
		i++
	}
	intPart := l.src[digits:i]
	kind := tInt
	if i < len(l.src) && l.src[i] == '.' {
		i++
		frac := i
		for i < len(l.src) && isDigit(l.src[i]) {
			i++
		}
		if i == frac {
			return token{}, errorAt(l.src, start, "number %s needs digits after the decimal point", l.src[start:i])
		}
		kind = tFloat
	} else if len(intPart) > 1 && intPart[0] == '0' {
		return token{}, errorAt(l.src, start, "integer %s has a leading zero", l.src[start:i])
	}
	if i < len(l.src) && (isIdentStart(l.src[i]) || l.src[i] == '.') {
		return token{}, errorAt(l.src, i, "unexpected %q after the number %s", l.src[i], l.src[start:i])
	}
	l.pos = i
	return token{kind: kind, text: l.src[start:i], pos: start}, nil
}
