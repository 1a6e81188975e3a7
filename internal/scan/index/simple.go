package index

import (
	"strconv"
	"strings"
)

// Table is which table of the index a value goes to.
type Table uint8

// The tables.
const (
	TDomain Table = iota
	TURL
	THash
	TEmail
	TIP        // addresses and CIDR blocks
	TExactName // domains matched exactly, never as parents (see Builder)
	numTables
)

var tableNames = [...]string{"domain", "url", "hash", "email", "ip", "domain-exact"}

func (t Table) String() string { return tableNames[t] }

// Term is one value a simple pattern compares with.
type Term struct {
	Table Table
	Value string
	Port  int // for network-traffic with dst_port; 0 when none
}

// maxSimplePattern bounds the patterns read here; longer ones go to the
// pattern engine.
const maxSimplePattern = 1 << 20

// Simple reads a pattern made only of equality comparisons on values the
// index holds, joined by OR inside or between observation expressions:
//
//	[domain-name:value = 'evil.example']
//	[ipv4-addr:value = '203.0.113.0/24' OR ipv6-addr:value = '2001:db8::/32']
//	[url:value = 'http://evil.example/a'] OR [file:hashes.'SHA-256' = '…']
//	[email-addr:value = 'x@evil.example']
//	[network-traffic:dst_ref.value = '203.0.113.7' AND network-traffic:dst_port = 443]
//
// It returns ok false for anything else (other operators, AND between
// other comparisons, qualifiers, other object paths), which needs the
// pattern engine.
func Simple(p string) (terms []Term, ok bool) {
	if len(p) > maxSimplePattern {
		return nil, false
	}
	s := &lexer{s: p}
	for {
		s.ws()
		if !s.lit("[") {
			return nil, false
		}
		for {
			t, ok := s.comparison()
			if !ok {
				return nil, false
			}
			s.ws()
			if s.word("AND") {
				// Only network-traffic's address AND port.
				t2, ok := s.comparison()
				if !ok {
					return nil, false
				}
				switch {
				case t.Table == TIP && t.Port == -1 && t2.Port != 0 && t2.Value == "":
					t.Port = t2.Port
				case t2.Table == TIP && t2.Port == -1 && t.Port != 0 && t.Value == "":
					t2.Port = t.Port
					t = t2
				default:
					return nil, false
				}
				s.ws()
			}
			if t.Value == "" {
				return nil, false
			}
			if t.Port < 0 {
				t.Port = 0
			}
			terms = append(terms, t)
			if s.word("OR") {
				continue
			}
			if s.lit("]") {
				break
			}
			return nil, false
		}
		s.ws()
		if s.i == len(s.s) {
			return terms, true
		}
		if !s.word("OR") {
			return nil, false
		}
	}
}

type lexer struct {
	s string
	i int
}

func (l *lexer) ws() {
	for l.i < len(l.s) && (l.s[l.i] == ' ' || l.s[l.i] == '\t' || l.s[l.i] == '\n' || l.s[l.i] == '\r') {
		l.i++
	}
}

func (l *lexer) lit(t string) bool {
	l.ws()
	if strings.HasPrefix(l.s[l.i:], t) {
		l.i += len(t)
		return true
	}
	return false
}

// word reads a keyword followed by a space or a bracket.
func (l *lexer) word(w string) bool {
	l.ws()
	if !strings.HasPrefix(l.s[l.i:], w) {
		return false
	}
	j := l.i + len(w)
	if j < len(l.s) && l.s[j] != ' ' && l.s[j] != '[' && l.s[j] != '\t' && l.s[j] != '\n' {
		return false
	}
	l.i = j
	return true
}

// comparison reads "path = 'string'" or "network-traffic:dst_port = N".
// For network-traffic's address it returns Port -1 (a port may follow);
// for a port alone Value is "".
func (l *lexer) comparison() (Term, bool) {
	l.ws()
	start := l.i
	for l.i < len(l.s) {
		c := l.s[l.i]
		if c == '\'' {
			j := strings.IndexByte(l.s[l.i+1:], '\'')
			if j < 0 {
				return Term{}, false
			}
			l.i += j + 2
			continue
		}
		if c == ' ' || c == '=' || c == '!' || c == '\t' {
			break
		}
		l.i++
	}
	path := l.s[start:l.i]
	if !l.lit("=") {
		return Term{}, false
	}
	l.ws()
	if path == "network-traffic:dst_port" || path == "network-traffic:src_port" {
		j := l.i
		for j < len(l.s) && l.s[j] >= '0' && l.s[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(l.s[l.i:j])
		if err != nil || n < 0 || n > 65535 || path != "network-traffic:dst_port" {
			return Term{}, false
		}
		if n == 0 {
			n = -2 // port 0: no port at all, the address alone
		}
		l.i = j
		return Term{Table: TIP, Port: n}, true
	}
	v, ok := l.str()
	if !ok {
		return Term{}, false
	}
	switch path {
	case "domain-name:value":
		return Term{Table: TDomain, Value: v}, true
	case "ipv4-addr:value", "ipv6-addr:value":
		return Term{Table: TIP, Value: v}, true
	case "network-traffic:dst_ref.value", "network-traffic:src_ref.value":
		return Term{Table: TIP, Value: v, Port: -1}, true
	case "url:value":
		return Term{Table: TURL, Value: v}, true
	case "email-addr:value", "email-message:from_ref.value", "email-message:sender_ref.value":
		return Term{Table: TEmail, Value: v}, true
	}
	if h, ok := strings.CutPrefix(path, "file:hashes."); ok {
		h = strings.ToUpper(strings.ReplaceAll(strings.Trim(h, "'"), "-", ""))
		switch h {
		case "MD5", "SHA1", "SHA256", "SHA512":
			return Term{Table: THash, Value: v}, true
		}
	}
	return Term{}, false
}

// str reads a quoted string, with \' and \\ escapes.
func (l *lexer) str() (string, bool) {
	if l.i >= len(l.s) || l.s[l.i] != '\'' {
		return "", false
	}
	var b strings.Builder
	for j := l.i + 1; j < len(l.s); j++ {
		switch c := l.s[j]; c {
		case '\\':
			if j+1 >= len(l.s) || (l.s[j+1] != '\'' && l.s[j+1] != '\\') {
				return "", false
			}
			b.WriteByte(l.s[j+1])
			j++
		case '\'':
			l.i = j + 1
			return b.String(), true
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}
