package mail

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/emersion/go-message"
)

// readRelays takes the bracketed addresses of every Received header
// ("from mx.example (mx.example [203.0.113.5])", "[IPv6:2001:db8::5]")
// and of X-Originating-IP, which webmail services add with the sender's
// own address.
func (m *Message) readRelays(h message.Header) {
	for hop, v := range h.Values("Received") {
		v = unfold(v)
		for _, ip := range bracketedIPs(v) {
			m.Relays = append(m.Relays, Relay{Field: "Received", Hop: hop, IP: ip, Header: cut(v, 300)})
		}
	}
	for _, v := range h.Values("X-Originating-Ip") {
		v = unfold(v)
		ips := bracketedIPs(v)
		if len(ips) == 0 {
			if ip, err := netip.ParseAddr(strings.TrimSpace(v)); err == nil {
				ips = append(ips, ip.Unmap())
			}
		}
		for _, ip := range ips {
			m.Relays = append(m.Relays, Relay{Field: "X-Originating-IP", IP: ip, Header: cut(v, 300)})
		}
	}
}

// maxIPsPerHeader bounds the addresses taken from one header: a real
// Received header names one or two.
const maxIPsPerHeader = 16

// bracketedIPs returns the IP addresses written between square brackets,
// with or without the "IPv6:" tag of RFC 5321, each once, in order.
func bracketedIPs(v string) []netip.Addr {
	var out []netip.Addr
	for {
		i := strings.IndexByte(v, '[')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(v[i:], ']')
		if j < 0 {
			return out
		}
		s := v[i+1 : i+j]
		v = v[i+j+1:]
		if len(s) > 5 && strings.EqualFold(s[:5], "ipv6:") {
			s = s[5:]
		}
		ip, err := netip.ParseAddr(s)
		if err != nil {
			continue
		}
		ip = ip.Unmap()
		if !slices.Contains(out, ip) && len(out) < maxIPsPerHeader {
			out = append(out, ip)
		}
	}
}

// readAuth parses the Authentication-Results headers (RFC 8601).
func (m *Message) readAuth(h message.Header) {
	for hop, v := range h.Values("Authentication-Results") {
		m.Auth = append(m.Auth, parseAuthResults(unfold(v), hop)...)
	}
}

// parseAuthResults parses one Authentication-Results value:
//
//	authserv-id [version] ; method[/version]=result [reason=…] [ptype.prop=value …] ; …
//
// or "authserv-id; none". Comments in parentheses (which may nest) are
// kept per method; quoted strings may hold ';' and spaces. Pieces that do
// not parse are skipped, never guessed.
func parseAuthResults(v string, hop int) []AuthResult {
	text, comments := stripComments(v)
	pieces := splitQuoted(text, ';')
	if len(pieces) == 0 {
		return nil
	}
	authserv := ""
	if f := strings.Fields(pieces[0]); len(f) > 0 {
		authserv = strings.ToLower(f[0])
	}
	var out []AuthResult
	for i, p := range pieces[1:] {
		tokens := fieldsQuoted(p)
		if len(tokens) == 0 {
			continue
		}
		method, result, ok := strings.Cut(tokens[0], "=")
		if !ok {
			continue // "none", or junk
		}
		method, _, _ = strings.Cut(method, "/")
		r := AuthResult{AuthServ: authserv, Method: strings.ToLower(strings.TrimSpace(method)),
			Result: strings.ToLower(unquote(strings.TrimSpace(result))), Hop: hop, Comment: comments[i+1]}
		for _, t := range tokens[1:] {
			k, val, ok := strings.Cut(t, "=")
			if !ok {
				continue
			}
			k = strings.ToLower(strings.TrimSpace(k))
			val = unquote(strings.TrimSpace(val))
			if k == "reason" {
				r.Reason = val
				continue
			}
			if r.Props == nil {
				r.Props = map[string]string{}
			}
			r.Props[k] = val
		}
		if r.Method != "" && r.Result != "" {
			out = append(out, r)
		}
	}
	return out
}

// stripComments removes parenthesised comments outside quoted strings and
// returns them grouped by the ';'-separated piece they were in.
func stripComments(v string) (string, map[int]string) {
	var b strings.Builder
	comments := map[int]string{}
	depth, piece := 0, 0
	inQuote, escaped := false, false
	var cur strings.Builder
	for _, r := range v {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && (inQuote || depth > 0):
			escaped = true
			continue
		case r == '"' && depth == 0:
			inQuote = !inQuote
		case r == '(' && !inQuote:
			depth++
			if depth == 1 {
				continue
			}
		case r == ')' && !inQuote && depth > 0:
			depth--
			if depth == 0 {
				c := strings.TrimSpace(cur.String())
				if c != "" {
					if comments[piece] != "" {
						comments[piece] += "; "
					}
					comments[piece] += c
				}
				cur.Reset()
				b.WriteByte(' ')
				continue
			}
		case r == ';' && !inQuote && depth == 0:
			piece++
		}
		if depth > 0 {
			cur.WriteRune(r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), comments
}

// splitQuoted splits s at sep outside double quotes.
func splitQuoted(s string, sep rune) []string {
	var out []string
	inQuote, start := false, 0
	for i, r := range s {
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == sep && !inQuote:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// fieldsQuoted splits s at white space outside double quotes, and joins
// "a = b" into "a=b".
func fieldsQuoted(s string) []string {
	var raw []string
	inQuote, start := false, -1
	for i, r := range s {
		space := r == ' ' || r == '\t'
		if r == '"' {
			inQuote = !inQuote
		}
		if space && !inQuote {
			if start >= 0 {
				raw = append(raw, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		raw = append(raw, s[start:])
	}
	var out []string
	for i := 0; i < len(raw); i++ {
		t := raw[i]
		switch {
		case t == "=" && len(out) > 0 && i+1 < len(raw):
			out[len(out)-1] += "=" + raw[i+1]
			i++
		case strings.HasSuffix(t, "=") && i+1 < len(raw) && !strings.Contains(raw[i+1], "="):
			out = append(out, t+raw[i+1])
			i++
		case strings.HasPrefix(t, "=") && len(out) > 0:
			out[len(out)-1] += t
		default:
			out = append(out, t)
		}
	}
	return out
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}
