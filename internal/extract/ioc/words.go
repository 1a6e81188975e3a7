package ioc

import "strings"

// alone checks the word run t[st:e], which holds a digit, for the kinds
// that are one word: hashes, CVE ids, ATT&CK ids, wallet addresses.
func (s *scanner) alone(st, e int, or, and uint16) (Match, bool) {
	t := s.t
	w := t[st:e]
	L := len(w)
	// A hash is a whole run of hex digits of a hash's length, with a
	// letter and a digit (a run of 32 decimal digits is a number).
	if and&cHex != 0 {
		if end, k := s.wrappedHash(st, e); k != "" && !hashLikeContext(t, st) {
			v := w + strings.TrimLeft(t[e:end], " \t\r\n")
			return Match{Kind: k, Value: strings.ToLower(v), Start: st, End: end}, true
		}
	}
	if and&cHex != 0 && or&cHexLet != 0 {
		k := hashKind(L)
		if k != "" && !hashLikeContext(t, st) {
			v := w
			if !isLowerASCII(w) {
				v = strings.ToLower(w)
			}
			return Match{Kind: k, Value: v, Start: st, End: e}, true
		}
	}
	switch c := w[0]; {
	case (c == 'C' || c == 'c') && L >= 13 && hasFoldPrefix(w, "cve-"):
		return s.cve(st, e)
	case 'A' <= c && c <= 'Z' && (L == 5 || L == 6):
		return s.attackID(st, e)
	case c == '0' && L == 42 && (w[1] == 'x' || w[1] == 'X'):
		if eth(w[2:]) {
			return Match{Kind: ETH, Value: "0x" + strings.ToLower(w[2:]), Start: st, End: e}, true
		}
	case (c == '1' || c == '3') && 25 <= L && L <= 35 && and&cB58 != 0:
		if base58Check(w) {
			return Match{Kind: BTC, Value: w, Start: st, End: e}, true
		}
	case (c == 'b' || c == 'B') && 14 <= L && L <= 74 && hasFoldPrefix(w, "bc1"):
		if bech32Address(w) {
			return Match{Kind: BTC, Value: strings.ToLower(w), Start: st, End: e}, true
		}
	}
	return Match{}, false
}

// hashKind is the kind of hash of a run of hex digits that long, or "".
func hashKind(n int) Kind {
	switch n {
	case 32:
		return MD5
	case 40:
		return SHA1
	case 64:
		return SHA256
	case 128:
		return SHA512
	}
	return ""
}

// wrappedHash returns the end and kind of a hash that a line break cuts
// in two, as a narrow column or a wrapped line of a PDF or a mail does:
// the run of hex digits t[st:e] ends its line, the next line starts
// (past spaces) with a run of hex digits that is no hash alone, and the
// two together have a hash's length and hold a letter and a digit.
// "0a1b…2c3d" (40) then "4e5f…e8f9" (24) is one SHA-256, not a SHA-1 and
// a stray word. Two runs that are each a hash (an MD5 a line) stay two.
func (s *scanner) wrappedHash(st, e int) (int, Kind) {
	t := s.t
	a := e - st
	if a < 16 || e >= len(t) {
		return 0, ""
	}
	i := e
	if t[i] == '\r' {
		i++
	}
	if i >= len(t) || t[i] != '\n' {
		return 0, ""
	}
	i++
	for i < len(t) && (t[i] == ' ' || t[i] == '\t') {
		i++
	}
	j := i
	for j < len(t) && j-i <= 128 && class[t[j]]&cHex != 0 {
		j++
	}
	b := j - i
	if b < 4 || hashKind(b) != "" || !wordEndsAt(t, j) {
		return 0, ""
	}
	k := hashKind(a + b)
	if k == "" {
		return 0, ""
	}
	var letter, digit bool
	for _, part := range []string{t[st:e], t[i:j]} {
		for x := 0; x < len(part); x++ {
			if part[x] <= '9' {
				digit = true
			} else {
				letter = true
			}
		}
	}
	if !letter || !digit {
		return 0, ""
	}
	return j, k
}

// wordEndsAt reports whether a run of hex digits ending at j is a word
// of its own: the text ends there, or a space, or punctuation that
// closes (a dot or colon only before a space or the end, a closing
// quotation mark). The start of
// "00000000.ac", "deadbeef-2" or "cafe[.]ru" is no hash's tail.
func wordEndsAt(t string, j int) bool {
	if j >= len(t) {
		return true
	}
	switch t[j] {
	case ' ', '\t', '\r', '\n', ',', ';', ')', ']', '}', '"', '\'', '|', '>':
		return true
	case '.', ':':
		return j+1 >= len(t) || t[j+1] == ' ' || t[j+1] == '\t' || t[j+1] == '\r' || t[j+1] == '\n'
	}
	r := t[j:]
	return strings.HasPrefix(r, "”") || strings.HasPrefix(r, "’") || strings.HasPrefix(r, "»")
}

// hashLikeContext reports whether the word before a hash-shaped run at
// st names something else that is written in hex: "license:
// 9C98D5D4…", "key", "token", "GUID", "mutex".
func hashLikeContext(t string, st int) bool {
	j := st - 1
	for j >= 0 && st-j < 4 && (t[j] == ' ' || t[j] == ':' || t[j] == '=' || t[j] == '"' || t[j] == '\'' || t[j] == '\t') {
		j--
	}
	e := j + 1
	for j >= 0 && e-j <= 17 && (class[t[j]]&cAlpha != 0 || t[j] == '_') {
		j--
	}
	if e-(j+1) > 16 || e == j+1 {
		return false
	}
	var b [16]byte
	switch string(appendLower(b[:0], t[j+1:e])) {
	case "license", "licence", "key", "serial", "token", "guid", "uuid", "session", "sessionid", "nonce",
		"secret", "password", "passwd", "passwordhash", "passwordsalt", "salt", "hmac", "apikey", "api_key",
		"mutex", "hwid", "botid", "clsid":
		return true
	}
	return false
}

// cve checks for "CVE-YYYY-NNNN" (four or more digits after the year)
// starting at st, whose word run ends at e. The hyphens may be written as
// Unicode hyphens or dashes (U+2010, U+2011, U+2013).
func (s *scanner) cve(st, e int) (Match, bool) {
	t := s.t
	n := len(t)
	i := st + 3
	dash := func() bool {
		if i < n && t[i] == '-' {
			i++
			return true
		}
		if i+2 < n && t[i] == 0xE2 && t[i+1] == 0x80 && (t[i+2] == 0x90 || t[i+2] == 0x91 || t[i+2] == 0x93) {
			i += 3
			return true
		}
		return false
	}
	digits := func(lo, hi int) (int, bool) {
		j := i
		for i < n && isDigit(t[i]) && i-j < hi {
			i++
		}
		return j, i-j >= lo && (i == n || !isDigit(t[i]))
	}
	if !dash() {
		return Match{}, false
	}
	y, ok := digits(4, 4)
	if !ok || t[y] != '1' && t[y] != '2' || !dash() {
		return Match{}, false
	}
	num, ok := digits(4, 7)
	if !ok || i < n && isAlnum(t[i]) {
		return Match{}, false
	}
	return Match{Kind: CVE, Value: "CVE-" + t[y:y+4] + "-" + t[num:i], Start: st, End: i, Defanged: false}, true
}

// attackID checks the run t[st:e] for an ATT&CK id: T1566 (and
// T1566.001), TA0001, G0059, S0001, C0001, M1017, DS0015.
func (s *scanner) attackID(st, e int) (Match, bool) {
	t := s.t
	w := t[st:e]
	p := 1
	switch {
	case len(w) == 6 && (strings.HasPrefix(w, "TA") || strings.HasPrefix(w, "DS")):
		p = 2
	case len(w) == 5 && strings.IndexByte("TGSCM", w[0]) >= 0:
	default:
		return Match{}, false
	}
	if !isAllDigits(w[p:]) {
		return Match{}, false
	}
	// ATT&CK's ranges: tactics TA00xx, data sources DS00xx, campaigns
	// C00xx, groups, software, mitigations and techniques below 2000.
	// Proofpoint's TA2722 and model numbers such as S3000 are not ids.
	switch w[0] {
	case 'T', 'D', 'C':
		if w[0] != 'T' || p == 2 {
			if w[p] != '0' || w[p+1] != '0' {
				return Match{}, false
			}
		} else if w[1] != '0' && w[1] != '1' {
			return Match{}, false
		}
	default:
		if w[1] != '0' && w[1] != '1' {
			return Match{}, false
		}
	}
	end := e
	if w[0] == 'T' && p == 1 && e+4 <= len(t) && t[e] == '.' && isAllDigits(t[e+1:e+4]) && (e+4 == len(t) || !isAlnum(t[e+4])) {
		end = e + 4
	}
	return Match{Kind: AttackID, Value: t[st:end], Start: st, End: end}, true
}
