package ioc

// Byte classes: one table lookup tells the scanner what a byte can be
// part of. A word run (the unit the scanner looks at) is a maximal run of
// cWord bytes; OR-ing and AND-ing the classes of its bytes while reading
// it tells, without a second pass, whether it holds a digit, whether it is
// all hex, all base58, and so on.
const (
	cLower  uint16 = 1 << iota // a-z
	cUpper                     // A-Z
	cDigit                     // 0-9
	cDashU                     // - _
	cHex                       // 0-9 a-f A-F
	cHexLet                    // a-f A-F
	cB58                       // the base58 alphabet: 1-9 A-H J-N P-Z a-k m-z
	cPath                      // a byte that may continue a URL
	cFile                      // a byte that may sit in a quoted file name besides letters and digits

	cAlpha = cLower | cUpper
	cAlnum = cLower | cUpper | cDigit
	cWord  = cAlnum | cDashU
)

var class = func() (t [256]uint16) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= cLower | cPath | cB58
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= cUpper | cPath | cB58
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit | cHex | cPath | cB58
	}
	for _, c := range "abcdefABCDEF" {
		t[c] |= cHex | cHexLet
	}
	for _, c := range "0OIl" {
		t[c] &^= cB58
	}
	t['-'] |= cDashU
	t['_'] |= cDashU
	// RFC 3986 reserved and unreserved characters and '%'; quotes,
	// backticks, angle brackets, braces, pipes, backslashes and carets
	// end a URL in prose.
	for _, c := range "-._~:/?#[]@!$&()*+,;=%" {
		t[c] |= cPath
	}
	for _, c := range " _-.()[],'&+!#$%~=;{}" {
		t[c] |= cFile
	}
	for c := 0x80; c < 0x100; c++ {
		t[c] |= cFile // UTF-8 letters in file names
	}
	return t
}()

func isAlnum(c byte) bool { return class[c]&cAlnum != 0 }
func isWord(c byte) bool  { return class[c]&cWord != 0 }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// lower returns c in lower case when it is an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasFoldPrefix reports whether s begins with prefix, ignoring ASCII case;
// prefix must be lower case.
func hasFoldPrefix(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lower(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// eqFold reports whether s equals t ignoring ASCII case; t must be lower case.
func eqFold(s, t string) bool { return len(s) == len(t) && hasFoldPrefix(s, t) }

// isLowerASCII reports whether s has no upper-case ASCII letter.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return false
		}
	}
	return true
}

// appendLower appends s to b in ASCII lower case.
func appendLower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		b = append(b, lower(s[i]))
	}
	return b
}
