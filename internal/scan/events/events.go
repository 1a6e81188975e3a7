// Package events reads logs into events, the values a scan checks against
// indicators: JSON lines (Zeek, Suricata EVE, Elastic Common Schema, Entra
// ID and Okta sign-in logs, or any paths the caller names), CSV with a
// header, and plain lines (one value per line, or free text searched with
// the indicator scanner of internal/extract/ioc). Input compressed with
// gzip or zstd is recognised by its magic bytes.
//
// Readers call a function for every event and reuse their buffers: an
// Event and the bytes of its Value are valid only during the call. Lines
// that cannot be read (malformed JSON or CSV, too long) never stop a
// read: they are counted, and the first few are kept with their line
// numbers and the reason, in a Malformed.
package events

import (
	"bytes"
	"fmt"
	"net/netip"
)

// Kind is what an event's value is.
type Kind uint8

// The kinds of values.
const (
	Unknown Kind = iota // not a value a scan can match; Classify found nothing
	Domain              // a host name
	IP                  // an IPv4 or IPv6 address
	URL                 // an absolute URL, or host + path
	Hash                // MD5, SHA-1, SHA-256 or SHA-512 in hex
	Email               // an email address
	Any                 // decided per value by Classify
)

var kindNames = [...]string{"unknown", "domain", "ip", "url", "hash", "email", "any"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// ParseKind reads a kind's name.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s && Kind(i) != Unknown {
			return Kind(i), true
		}
	}
	return Unknown, false
}

// Event is one value seen in a log.
type Event struct {
	Source string // the file as named by the user, "-" for standard input
	Line   int64  // 1-based line (CSV: record) number
	Field  string // the path or column the value was read from
	Value  []byte // as written in the log (unescaped), valid only during the call
	Kind   Kind   // never Any: Any fields are classified per value
	// Time is the line's time as written (see ParseTime), when the line
	// gave it before this value (logs write it first); nil otherwise.
	// Like Value, it is valid only during the call.
	Time []byte
}

// Classify says what kind of value v looks like: an IP address (with or
// without a port), a URL (with a scheme), an email address, a hash, or a
// domain. It returns Unknown for anything else.
func Classify(v []byte) Kind {
	if len(v) == 0 || len(v) > 2048 {
		return Unknown
	}
	if _, ok := parseIPv4(v); ok {
		return IP // the commonest answer, and digits, dots and a port hold no "://"
	}
	if bytes.Contains(v, []byte("://")) {
		return URL
	}
	c := v[0]
	if c >= '0' && c <= '9' || c == ':' || c == '[' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') {
		if _, ok := ParseIP(v); ok {
			return IP
		}
		if isHash(v) {
			return Hash
		}
	}
	at := bytes.LastIndexByte(v, '@')
	if at > 0 && at < len(v)-1 && bytes.IndexByte(v[at+1:], '.') > 0 && !bytes.ContainsAny(v, " \t<>\"") {
		return Email
	}
	if looksDomain(v) {
		return Domain
	}
	if i := bytes.IndexByte(v, '/'); i > 0 && looksDomain(v[:i]) {
		return URL
	}
	return Unknown
}

// ParseIP reads an IP address, allowing a port after it ("1.2.3.4:80",
// "[2001:db8::1]:443") and an IPv6 zone.
func ParseIP(v []byte) (netip.Addr, bool) {
	if a, ok := parseIPv4(v); ok {
		return a, true
	}
	if len(v) == 0 || len(v) > 64 {
		return netip.Addr{}, false
	}
	if a, err := netip.ParseAddr(string(v)); err == nil {
		return a.WithZone("").Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(string(v)); err == nil {
		return ap.Addr().WithZone("").Unmap(), true
	}
	return netip.Addr{}, false
}

func isHash(v []byte) bool {
	switch len(v) {
	case 32, 40, 64, 128:
	default:
		return false
	}
	for _, c := range v {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// looksDomain: letters, digits, '-', '_' and dots, with a dot inside, a
// last label that is not all digits, and no empty label but a trailing
// dot. Non-ASCII letters are let through (IDN written in Unicode).
func looksDomain(v []byte) bool {
	if len(v) > 0 && v[len(v)-1] == '.' {
		v = v[:len(v)-1]
	}
	if len(v) < 3 || len(v) > 253 {
		return false
	}
	dots, lastDot := 0, -1
	for i, c := range v {
		switch {
		case c == '.':
			if i == 0 || i == lastDot+1 {
				return false
			}
			dots++
			lastDot = i
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c >= 0x80:
		default:
			return false
		}
	}
	if dots == 0 || lastDot == len(v)-1 {
		return false
	}
	for _, c := range v[lastDot+1:] {
		if c < '0' || c > '9' {
			return true
		}
	}
	return false
}

// LineError is one line that could not be read.
type LineError struct {
	Source string `json:"source"`
	Line   int64  `json:"line"`
	Reason string `json:"reason"`
}

func (e LineError) String() string { return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Reason) }

// MaxMalformedKept is how many malformed lines a Malformed keeps in full.
const MaxMalformedKept = 10

// Malformed counts the lines that could not be read and keeps the first
// MaxMalformedKept of them.
type Malformed struct {
	Count int64       `json:"count"`
	First []LineError `json:"first,omitempty"`
}

// Add records one malformed line.
func (m *Malformed) Add(source string, line int64, reason string) {
	m.Count++
	if len(m.First) < MaxMalformedKept {
		m.First = append(m.First, LineError{Source: source, Line: line, Reason: reason})
	}
}

// Merge adds another count to m.
func (m *Malformed) Merge(o Malformed) {
	m.Count += o.Count
	for _, e := range o.First {
		if len(m.First) < MaxMalformedKept {
			m.First = append(m.First, e)
		}
	}
}

// parseIPv4 reads a dotted quad, with an optional ":port", without
// allocating.
func parseIPv4(v []byte) (netip.Addr, bool) {
	var a [4]byte
	n, val, digits := 0, 0, 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			if digits > 0 && val == 0 {
				return netip.Addr{}, false // leading zero
			}
			val = val*10 + int(c-'0')
			digits++
			if val > 255 {
				return netip.Addr{}, false
			}
		case c == '.' || c == ':':
			if digits == 0 || n > 3 {
				return netip.Addr{}, false
			}
			a[n] = byte(val)
			n++
			val, digits = 0, 0
			if c == ':' {
				if n != 4 || !isPort(v[i+1:]) {
					return netip.Addr{}, false
				}
				return netip.AddrFrom4(a), true
			}
		default:
			return netip.Addr{}, false
		}
	}
	if digits == 0 || n != 3 {
		return netip.Addr{}, false
	}
	a[3] = byte(val)
	return netip.AddrFrom4(a), true
}

func isPort(p []byte) bool {
	if len(p) == 0 || len(p) > 5 {
		return false
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n <= 65535
}
