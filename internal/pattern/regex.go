package pattern

import (
	"fmt"
	"regexp"
	"strings"
)

// pcreFeature finds the first PCRE construct RE2 does not have in the
// regular expression re: it returns its byte offset in re and a sentence
// naming it, or -1.
func pcreFeature(re string) (int, string) {
	inClass := false
	for i := 0; i < len(re); i++ {
		c := re[i]
		if c == '\\' && i+1 < len(re) {
			n := re[i+1]
			switch {
			case n >= '1' && n <= '9' && !inClass:
				return i, fmt.Sprintf("backreference \\%c", n)
			case n == 'k' && i+2 < len(re) && (re[i+2] == '<' || re[i+2] == '{' || re[i+2] == '\''):
				return i, "named backreference \\k"
			case n == 'g' && !inClass:
				return i, "backreference or subroutine call \\g"
			case n == 'Z':
				return i, "\\Z (end of subject or before a final newline); use \\z or $"
			case n == 'G':
				return i, "\\G (start of match)"
			case n == 'K':
				return i, "\\K (reset match start)"
			case n == 'R':
				return i, "\\R (any newline sequence); use (?:\\r\\n|\\n|\\r)"
			case n == 'h' || n == 'H':
				return i, fmt.Sprintf("\\%c (horizontal white space)", n)
			case n == 'X':
				return i, "\\X (extended grapheme cluster)"
			case n == 'C':
				return i, "\\C (single byte)"
			case n == 'e':
				return i, "\\e (escape character); use \\x1b"
			case n == 'Q':
				// \Q...\E quotes; skip to \E.
				end := strings.Index(re[i+2:], `\E`)
				if end < 0 {
					return -1, ""
				}
				i += 2 + end + 1
				continue
			}
			i++
			continue
		}
		if inClass {
			if c == ']' {
				inClass = false
			}
			continue
		}
		switch c {
		case '[':
			inClass = true
			// A ] right after [ or [^ is a literal.
			if strings.HasPrefix(re[i+1:], "^]") {
				i += 2
			} else if strings.HasPrefix(re[i+1:], "]") {
				i++
			}
		case '(':
			rest := re[i+1:]
			switch {
			case strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "?!"):
				return i, "lookahead (" + rest[:2]
			case strings.HasPrefix(rest, "?<="), strings.HasPrefix(rest, "?<!"):
				return i, "lookbehind (" + rest[:3]
			case strings.HasPrefix(rest, "?>"):
				return i, "atomic group (?>...)"
			case strings.HasPrefix(rest, "?|"):
				return i, "branch reset group (?|...)"
			case strings.HasPrefix(rest, "?#"):
				return i, "comment group (?#...)"
			case strings.HasPrefix(rest, "?("):
				return i, "conditional group (?(...)...)"
			case strings.HasPrefix(rest, "?R"), strings.HasPrefix(rest, "?&"), strings.HasPrefix(rest, "?P>"),
				len(rest) > 1 && rest[0] == '?' && (rest[1] >= '0' && rest[1] <= '9' || rest[1] == '+' || rest[1] == '-' && len(rest) > 2 && rest[2] >= '0' && rest[2] <= '9'):
				return i, "recursion or subroutine call"
			case strings.HasPrefix(rest, "*"):
				return i, "backtracking control verb (*...)"
			}
		case '*', '+', '?', '}':
			if i+1 < len(re) && re[i+1] == '+' && (c != '}' || isQuantifierBrace(re[:i+1])) {
				return i, "possessive quantifier " + re[i:i+2]
			}
		}
	}
	return -1, ""
}

// isQuantifierBrace reports whether s ends with a counted repetition
// {n}, {n,} or {n,m}.
func isQuantifierBrace(s string) bool {
	j := strings.LastIndexByte(s, '{')
	if j < 0 {
		return false
	}
	body := s[j+1 : len(s)-1]
	if body == "" {
		return false
	}
	for k := 0; k < len(body); k++ {
		if !isDigit(body[k]) && body[k] != ',' {
			return false
		}
	}
	return isDigit(body[0])
}

// compileRegex compiles a MATCHES expression with RE2, refusing the PCRE
// features RE2 lacks with a message that names them.
func compileRegex(re string) (*regexp.Regexp, int, error) {
	if off, what := pcreFeature(re); off >= 0 {
		return nil, off, fmt.Errorf("unsupported regular expression feature: %s (MATCHES runs Go's RE2, which has no backtracking)", what)
	}
	r, err := regexp.Compile(re)
	if err != nil {
		off := -1
		msg := strings.TrimPrefix(err.Error(), "error parsing regexp: ")
		if strings.Contains(msg, "invalid or unsupported Perl syntax") || strings.Contains(msg, "invalid escape sequence") {
			return nil, off, fmt.Errorf("unsupported or invalid regular expression: %s (MATCHES runs Go's RE2)", msg)
		}
		return nil, off, fmt.Errorf("invalid regular expression: %s", msg)
	}
	return r, 0, nil
}
