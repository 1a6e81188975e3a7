package mispgalaxy

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/stix"
)

// stringList reads a meta value that stands for a list of strings, in any
// of the forms galaxies use: a JSON list of strings, a single string, or a
// Python-style list written as a string ("['AU', 'BG']", as in some Tidal
// exports). Items are trimmed; empty ones are left out. ok is false when v
// is of another kind or a list holds something other than strings.
func stringList(v *stix.Value) (items []string, ok bool) {
	if v == nil {
		return nil, true
	}
	switch v.Kind {
	case stix.KindArray:
		for i := range v.Items {
			if v.Items[i].Kind != stix.KindString {
				return nil, false
			}
			if s := strings.TrimSpace(v.Items[i].Str); s != "" {
				items = append(items, s)
			}
		}
		return items, true
	case stix.KindString:
		if l, ok := pythonList(v.Str); ok {
			return l, true
		}
		if s := strings.TrimSpace(v.Str); s != "" {
			return []string{s}, true
		}
		return nil, true
	}
	return nil, false
}

// pythonList parses the repr of a Python list of strings: "['a', "b's"]".
// It accepts single- and double-quoted items with backslash escapes of the
// quote and of the backslash, separated by commas; anything else makes ok
// false, and the caller treats the text as one string.
func pythonList(s string) (items []string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	body := s[1 : len(s)-1]
	i := 0
	skip := func() {
		for i < len(body) && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r') {
			i++
		}
	}
	skip()
	if i == len(body) {
		return nil, true // "[]"
	}
	for {
		skip()
		if i >= len(body) || body[i] != '\'' && body[i] != '"' {
			return nil, false
		}
		q := body[i]
		i++
		var sb strings.Builder
		closed := false
		for i < len(body) {
			c := body[i]
			if c == '\\' && i+1 < len(body) && (body[i+1] == q || body[i+1] == '\\') {
				sb.WriteByte(body[i+1])
				i += 2
				continue
			}
			i++
			if c == q {
				closed = true
				break
			}
			sb.WriteByte(c)
		}
		if !closed {
			return nil, false
		}
		if t := strings.TrimSpace(sb.String()); t != "" {
			items = append(items, t)
		}
		skip()
		if i == len(body) {
			return items, true
		}
		if body[i] != ',' {
			return nil, false
		}
		i++
		skip()
		if i == len(body) {
			return items, true // a trailing comma, as Python allows
		}
	}
}

// dedupe returns items without repeats and without any of the drop
// strings, in first-seen order.
func dedupe(items []string, drop ...string) []string {
	var out []string
	seen := make(map[string]bool, len(items)+len(drop))
	for _, d := range drop {
		seen[d] = true
	}
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// refValue returns the external reference for one entry of meta.refs: a
// url when the text is an absolute URL, its text as the description
// otherwise.
func refValue(ref string) stix.Value {
	r := stix.NewBuilder()
	r.Str("source_name", "misp-galaxy-ref")
	if isAbsoluteURL(ref) {
		r.Str("url", ref)
	} else {
		r.Str("description", ref)
	}
	return r.Value()
}

func isAbsoluteURL(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// likelihoodConfidence maps the MISP estimative-language likelihood tags
// (ICD 203 words) to STIX confidence values by the DNI scale of STIX 2.1
// Appendix A.
var likelihoodConfidence = map[string]int{
	"almost-no-chance":    5,
	"very-unlikely":       15,
	"unlikely":            30,
	"roughly-even-chance": 50,
	"likely":              70,
	"very-likely":         85,
	"almost-certain":      95,
}

// likelihoodTag is the machine-tag prefix of a likelihood in MISP.
const likelihoodTag = "estimative-language:likelihood-probability="

// likelihoodOf returns the likelihood word of a machine tag such as
// estimative-language:likelihood-probability="likely", or "".
func likelihoodOf(tag string) string {
	rest, ok := strings.CutPrefix(tag, likelihoodTag)
	if !ok {
		return ""
	}
	return strings.Trim(rest, `"`)
}

// isRelationshipType reports whether s may be a STIX relationship_type:
// ASCII a-z, 0-9 and hyphen only (section 5.1).
func isRelationshipType(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// slug writes a phrase as a lowercase, hyphenated kill-chain phase name:
// "Establish Legitimacy" becomes "establish-legitimacy".
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && sb.Len() > 0 {
				sb.WriteByte('-')
			}
			dash = false
			sb.WriteRune(r)
			continue
		}
		dash = true
	}
	return sb.String()
}

// isUUID reports whether s is a UUID in the 8-4-4-4-12 hexadecimal form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func number(n int) stix.Value {
	return stix.Value{Kind: stix.KindNumber, Str: strconv.Itoa(n)}
}

// short writes a value for a message: its JSON, cut at 80 bytes.
func short(v *stix.Value) string {
	s := v.String()
	if len(s) <= 80 {
		return s
	}
	cut := 77
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}
