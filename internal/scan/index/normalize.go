package index

import (
	"bytes"
	"slices"

	"golang.org/x/net/idna"
)

// AppendDomain appends the canonical form of a host name to dst: lower
// case, without a trailing dot, internationalised names in their ASCII
// (punycode) form. ok is false when v is not a host name (empty labels,
// characters no host name has, too long).
func AppendDomain(dst, v []byte) (_ []byte, ok bool) {
	if len(v) > 0 && v[len(v)-1] == '.' {
		v = v[:len(v)-1]
	}
	if len(v) == 0 || len(v) > 253 {
		return dst, false
	}
	start := len(dst)
	dst = slices.Grow(dst, len(v))
	out := dst[start : start+len(v)]
	prev := byte('.')
	for i, c := range v {
		d := domainBytes[c]
		if d <= '.' { // all but '-' need a look
			switch d {
			case badByte:
				return dst[:start], false
			case highByte:
				return appendIDN(dst[:start], v)
			case '.':
				if prev == '.' {
					return dst[:start], false
				}
			}
		}
		out[i] = d
		prev = d
	}
	if prev == '.' {
		return dst[:start], false // an empty last label ("a..")
	}
	return dst[:start+len(v)], true
}

// domainBytes maps each byte of a host name to its canonical form:
// letters to lower case, digits, '-', '_' and '.' to themselves, bytes
// above 0x7f to highByte (an IDN written in Unicode), others to badByte.
var domainBytes = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case c >= 0x80:
			t[c] = highByte
		default:
			t[c] = badByte
		}
	}
	return t
}()

const (
	badByte  = 0
	highByte = 1
)

var idnaProfile = idna.New(idna.MapForLookup(), idna.Transitional(false), idna.StrictDomainName(false))

func appendIDN(dst, v []byte) ([]byte, bool) {
	a, err := idnaProfile.ToASCII(string(v))
	if err != nil || a == "" {
		return dst, false
	}
	return AppendDomain(dst, []byte(a))
}

// AppendEmail appends the canonical form of an email address: "mailto:"
// and angle brackets removed, lower case (local parts are compared
// case-insensitively, as nearly every mail system does), the domain as
// AppendDomain makes it. ok is false without exactly one usable '@'.
func AppendEmail(dst, v []byte) (_ []byte, at int, ok bool) {
	v = bytes.TrimSpace(v)
	if len(v) > 7 && asciiEqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	if len(v) > 1 && v[0] == '<' && v[len(v)-1] == '>' {
		v = v[1 : len(v)-1]
	}
	i := bytes.LastIndexByte(v, '@')
	if i <= 0 || i == len(v)-1 || len(v) > 320 {
		return dst, 0, false
	}
	start := len(dst)
	for _, c := range v[:i] {
		if c <= ' ' || c == '<' || c == '>' || c == '@' {
			return dst[:start], 0, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	dst = append(dst, '@')
	at = len(dst) - start - 1
	dst, ok = AppendDomain(dst, v[i+1:])
	if !ok {
		return dst[:start], 0, false
	}
	return dst, at, true
}

// AppendHash appends a hash in lower-case hex; ok is false unless v is 32,
// 40, 64 or 128 hex digits (MD5, SHA-1, SHA-256, SHA-512).
func AppendHash(dst, v []byte) ([]byte, bool) {
	switch len(v) {
	case 32, 40, 64, 128:
	default:
		return dst, false
	}
	start := len(dst)
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			c += 'a' - 'A'
		default:
			return dst[:start], false
		}
		dst = append(dst, c)
	}
	return dst, true
}

func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range b {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// URLParts locates the pieces of a normalised URL in the bytes
// AppendURL appended.
type URLParts struct {
	Host  [2]int // host (without brackets for IPv6), relative to the URL's start
	Query int    // offset of '?', or -1
}

var defaultPorts = map[string]string{"http": "80", "https": "443", "ftp": "21", "ws": "80", "wss": "443"}

// AppendURL appends the canonical form of a URL, so that the ways of
// writing one address compare equal:
//
//   - a URL written without a scheme ("evil.example/login.php") gets
//     "http://";
//   - the scheme and host are lower case, the host without a trailing dot,
//     an internationalised host in punycode;
//   - user information is dropped (the host is what a URL reaches);
//   - the scheme's default port is dropped (http 80, https 443, ftp 21);
//   - an empty path is "/"; "." and ".." segments are resolved; a trailing
//     slash after a non-empty path is dropped;
//   - percent-escapes of unreserved characters (letters, digits, "-._~")
//     are decoded, other escapes written in upper-case hex, and bytes that
//     must be escaped (spaces, controls, non-ASCII) are escaped;
//   - an empty query ("?") and the fragment are dropped.
//
// ok is false when v has no usable host.
func AppendURL(dst, v []byte) (_ []byte, parts URLParts, ok bool) {
	v = bytes.TrimSpace(v)
	start := len(dst)
	fail := func() ([]byte, URLParts, bool) { return dst[:start], URLParts{}, false }
	rest := v
	if i := bytes.Index(v, []byte("://")); i > 0 && isScheme(v[:i]) {
		for _, c := range v[:i] {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		rest = v[i+3:]
	} else {
		dst = append(dst, "http"...)
	}
	schemeEnd := len(dst)
	dst = append(dst, "://"...)
	end := len(rest)
	if i := bytes.IndexAny(rest, "/?#"); i >= 0 {
		end = i
	}
	auth, rest := rest[:end], rest[end:]
	if i := bytes.LastIndexByte(auth, '@'); i >= 0 {
		auth = auth[i+1:]
	}
	host, port := auth, []byte(nil)
	if len(auth) > 0 && auth[0] == '[' {
		j := bytes.IndexByte(auth, ']')
		if j < 0 {
			return fail()
		}
		host = auth[1:j]
		if r := auth[j+1:]; len(r) > 0 {
			if r[0] != ':' {
				return fail()
			}
			port = r[1:]
		}
		parts.Host[0] = len(dst) - start + 1
		dst = append(dst, '[')
		for _, c := range host {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.') {
				return fail()
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		parts.Host[1] = len(dst) - start
		dst = append(dst, ']')
	} else {
		if i := bytes.LastIndexByte(auth, ':'); i >= 0 {
			host, port = auth[:i], auth[i+1:]
		}
		parts.Host[0] = len(dst) - start
		var hok bool
		dst, hok = AppendDomain(dst, host)
		if !hok {
			return fail()
		}
		parts.Host[1] = len(dst) - start
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return fail()
		}
	}
	for len(port) > 1 && port[0] == '0' {
		port = port[1:]
	}
	if len(port) > 0 && defaultPorts[string(dst[start:schemeEnd])] != string(port) {
		dst = append(dst, ':')
		dst = append(dst, port...)
	}
	if i := bytes.IndexByte(rest, '#'); i >= 0 {
		rest = rest[:i]
	}
	path, query := rest, []byte(nil)
	if i := bytes.IndexByte(rest, '?'); i >= 0 {
		path, query = rest[:i], rest[i+1:]
	}
	pathStart := len(dst)
	dst = appendEscaped(dst, path)
	dst = removeDotSegments(dst, pathStart)
	if len(dst) == pathStart {
		dst = append(dst, '/')
	}
	for len(dst)-pathStart > 1 && dst[len(dst)-1] == '/' {
		dst = dst[:len(dst)-1]
	}
	parts.Query = -1
	if len(query) > 0 {
		parts.Query = len(dst) - start
		dst = append(dst, '?')
		dst = appendEscaped(dst, query)
	}
	return dst, parts, true
}

func isScheme(s []byte) bool {
	if len(s) == 0 || len(s) > 16 {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

const upperHex = "0123456789ABCDEF"

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// appendEscaped writes a path or query with escapes in one form.
func appendEscaped(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			h, ok1 := unhex(s[i+1])
			l, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b := h<<4 | l
				if unreserved(b) {
					dst = append(dst, b)
				} else {
					dst = append(dst, '%', upperHex[b>>4], upperHex[b&15])
				}
				i += 2
				continue
			}
		}
		if c <= ' ' || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '%' {
			dst = append(dst, '%', upperHex[c>>4], upperHex[c&15])
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

// removeDotSegments resolves "." and ".." segments of the path written
// at dst[start:] (RFC 3986 section 5.2.4), in place.
func removeDotSegments(dst []byte, start int) []byte {
	p := dst[start:]
	if !bytes.Contains(p, []byte("/.")) && !bytes.HasPrefix(p, []byte(".")) {
		return dst
	}
	segs := bytes.Split(p, []byte("/"))
	var out [][]byte
	for i, s := range segs {
		last := i == len(segs)-1
		switch string(s) {
		case ".":
			if last {
				out = append(out, nil)
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, nil)
			}
		default:
			out = append(out, s)
		}
	}
	joined := bytes.Join(out, []byte("/"))
	if len(joined) == 0 || joined[0] != '/' {
		joined = append([]byte("/"), joined...)
	}
	return append(dst[:start], joined...)
}
