package stix

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// DecodeValue parses one complete JSON value from raw. raw is first checked
// as RFC 7493 JSON (no duplicate member names, valid UTF-8, no lone
// surrogates, nothing after the value); base is raw's byte offset in the
// whole input, used in error messages.
func DecodeValue(raw []byte, base int64, lim Limits) (Value, error) {
	if err := jsontext.Value(raw).IsValid(); !err {
		// Run a decoder over it for an error that says what and where.
		d := jsontext.NewDecoder(bytesReader(raw))
		_, rerr := d.ReadValue()
		if rerr == nil {
			_, rerr = d.ReadToken()
			if rerr == nil {
				rerr = fmt.Errorf("unexpected data after the JSON value")
			}
		}
		return Value{}, &SyntaxError{Offset: base, Msg: "invalid JSON: " + rerr.Error(), Err: rerr}
	}
	v, _, err := decodeValid(raw, base, lim, false)
	return v, err
}

// decodeValid builds the Value tree of raw, which must already be valid
// JSON (as jsontext.Decoder.ReadValue returns it), in one pass. With
// compact it also returns raw without insignificant white space, every
// other byte as written. It enforces lim's depth and string limits.
func decodeValid(raw []byte, base int64, lim Limits, compact bool) (Value, []byte, error) {
	var p fastParser
	return p.decode(raw, base, lim, compact)
}

// decode is decodeValid on a parser whose scratch space is reused from
// one call to the next (the Reader keeps one).
func (p *fastParser) decode(raw []byte, base int64, lim Limits, compact bool) (Value, []byte, error) {
	p.in, p.pos, p.base, p.lim, p.compact, p.out = raw, 0, base, lim, compact, nil
	if compact {
		p.out = make([]byte, 0, len(raw))
	}
	p.skipSpace()
	v, err := p.value(0)
	p.in = nil
	if err != nil {
		return Value{}, nil, err
	}
	out := p.out
	p.out = nil
	return v, out, nil
}

type fastParser struct {
	in      []byte
	pos     int
	base    int64
	lim     Limits
	out     []byte
	compact bool
	members [][]Member // scratch per depth, reused
	items   [][]Value
}

func (p *fastParser) skipSpace() {
	for p.pos < len(p.in) {
		switch p.in[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *fastParser) emit(b byte) {
	if p.compact {
		p.out = append(p.out, b)
	}
}

func (p *fastParser) limitErr(what string, limit int) error {
	return &LimitError{What: what, Limit: limit, Offset: p.base + int64(p.pos)}
}

func (p *fastParser) value(depth int) (Value, error) {
	if p.pos >= len(p.in) {
		return Value{}, &SyntaxError{Offset: p.base + int64(p.pos), Msg: "unexpected end of JSON value"}
	}
	switch c := p.in[p.pos]; c {
	case '{':
		if p.lim.MaxDepth > 0 && depth+1 > p.lim.MaxDepth {
			return Value{}, p.limitErr("nesting depth", p.lim.MaxDepth)
		}
		p.pos++
		p.emit('{')
		for len(p.members) <= depth {
			p.members = append(p.members, nil)
		}
		scratch := p.members[depth][:0]
		p.skipSpace()
		if p.in[p.pos] == '}' {
			p.pos++
			p.emit('}')
			return Value{Kind: KindObject, Members: []Member{}}, nil
		}
		for {
			name, err := p.str(true)
			if err != nil {
				return Value{}, err
			}
			p.skipSpace()
			p.pos++ // ':'
			p.emit(':')
			p.skipSpace()
			v, err := p.value(depth + 1)
			if err != nil {
				return Value{}, err
			}
			scratch = append(scratch, Member{Name: name, Value: v})
			p.skipSpace()
			c := p.in[p.pos]
			p.pos++
			p.emit(c)
			if c == '}' {
				break
			}
			p.skipSpace()
		}
		ms := make([]Member, len(scratch))
		copy(ms, scratch)
		clear(scratch)
		p.members[depth] = scratch[:0]
		return Value{Kind: KindObject, Members: ms}, nil
	case '[':
		if p.lim.MaxDepth > 0 && depth+1 > p.lim.MaxDepth {
			return Value{}, p.limitErr("nesting depth", p.lim.MaxDepth)
		}
		p.pos++
		p.emit('[')
		for len(p.items) <= depth {
			p.items = append(p.items, nil)
		}
		scratch := p.items[depth][:0]
		p.skipSpace()
		if p.in[p.pos] == ']' {
			p.pos++
			p.emit(']')
			return Value{Kind: KindArray, Items: []Value{}}, nil
		}
		for {
			v, err := p.value(depth + 1)
			if err != nil {
				return Value{}, err
			}
			scratch = append(scratch, v)
			p.skipSpace()
			c := p.in[p.pos]
			p.pos++
			p.emit(c)
			if c == ']' {
				break
			}
			p.skipSpace()
		}
		items := make([]Value, len(scratch))
		copy(items, scratch)
		clear(scratch)
		p.items[depth] = scratch[:0]
		return Value{Kind: KindArray, Items: items}, nil
	case '"':
		s, err := p.str(false)
		if err != nil {
			return Value{}, err
		}
		return Value{Kind: KindString, Str: s}, nil
	case 't':
		p.pos += 4
		if p.compact {
			p.out = append(p.out, "true"...)
		}
		return Value{Kind: KindBool, Bool: true}, nil
	case 'f':
		p.pos += 5
		if p.compact {
			p.out = append(p.out, "false"...)
		}
		return Value{Kind: KindBool}, nil
	case 'n':
		p.pos += 4
		if p.compact {
			p.out = append(p.out, "null"...)
		}
		return Value{Kind: KindNull}, nil
	default:
		start := p.pos
	number:
		for p.pos < len(p.in) {
			switch p.in[p.pos] {
			case '-', '+', '.', 'e', 'E', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
				p.pos++
			default:
				break number
			}
		}
		lit := p.in[start:p.pos]
		if p.compact {
			p.out = append(p.out, lit...)
		}
		return Value{Kind: KindNumber, Str: string(lit)}, nil
	}
}

// str reads a string starting at the opening quote. Member names are
// interned: the same few dozen property names recur in every object.
func (p *fastParser) str(name bool) (string, error) {
	start := p.pos
	p.pos++ // opening quote
	escaped := false
	for {
		// The input is valid JSON, so the string ends at the first quote
		// that is not escaped; IndexByte finds candidates fast.
		q := bytes.IndexByte(p.in[p.pos:], '"')
		bs := bytes.IndexByte(p.in[p.pos:p.pos+q], '\\')
		if bs < 0 {
			p.pos += q
			break
		}
		escaped = true
		p.pos += bs + 2 // skip the backslash and the byte it escapes
	}
	body := p.in[start+1 : p.pos]
	p.pos++ // closing quote
	if p.compact {
		p.out = append(p.out, p.in[start:p.pos]...)
	}
	if !escaped {
		if p.lim.MaxStringBytes > 0 && len(body) > p.lim.MaxStringBytes {
			p.pos = start
			return "", p.limitErr("string length", p.lim.MaxStringBytes)
		}
		if name {
			if s, ok := internedNames[string(body)]; ok {
				return s, nil
			}
		}
		return string(body), nil
	}
	s := unescape(body)
	if p.lim.MaxStringBytes > 0 && len(s) > p.lim.MaxStringBytes {
		p.pos = start
		return "", p.limitErr("string length", p.lim.MaxStringBytes)
	}
	return s, nil
}

// unescape decodes the body of a valid JSON string that holds escapes.
func unescape(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch b[i] {
		case '"', '\\', '/':
			out = append(out, b[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hex4(b[i+1 : i+5])
			i += 4
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if i+6 < len(b) && b[i+1] == '\\' && b[i+2] == 'u' {
					r2 = hex4(b[i+3 : i+7])
				}
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					r = d
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		}
	}
	return string(out)
}

func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		}
	}
	return r
}

// internedNames are the property names common enough in STIX content that
// sharing one copy saves an allocation per occurrence.
var internedNames = func() map[string]string {
	names := []string{
		"type", "spec_version", "id", "created", "modified", "created_by_ref", "revoked", "labels",
		"confidence", "lang", "external_references", "object_marking_refs", "granular_markings",
		"extensions", "source_name", "description", "url", "external_id", "hashes", "name", "aliases",
		"kill_chain_phases", "kill_chain_name", "phase_name", "relationship_type", "source_ref",
		"target_ref", "start_time", "stop_time", "first_seen", "last_seen", "objective", "pattern",
		"pattern_type", "pattern_version", "valid_from", "valid_until", "indicator_types", "value",
		"malware_types", "is_family", "tool_types", "object_refs", "published", "report_types",
		"identity_class", "sectors", "roles", "goals", "resource_level", "primary_motivation",
		"secondary_motivations", "threat_actor_types", "sophistication", "country", "region",
		"marking_ref", "selectors", "definition_type", "definition", "tlp", "statement", "extension_type",
		"x_mitre_version", "x_mitre_modified_by_ref", "x_mitre_domains", "x_mitre_attack_spec_version",
		"x_mitre_deprecated", "x_mitre_platforms", "x_mitre_aliases", "x_mitre_contributors",
		"x_mitre_detection", "x_mitre_is_subtechnique", "x_mitre_data_sources", "x_mitre_shortname",
		"x_mitre_log_source_references", "x_mitre_mutable_elements", "x_mitre_analytic_refs",
		"x_mitre_data_component_ref", "x_mitre_detection_strategy_ref", "x_mitre_remote_support",
		"x_mitre_permissions_required", "x_mitre_system_requirements", "x_mitre_effective_permissions",
		"x_mitre_defense_bypassed", "x_mitre_impact_type", "x_mitre_network_requirements",
		"x_mitre_first_seen_citation", "x_mitre_last_seen_citation", "x_mitre_collection_layers",
		"x_mitre_tactic_refs", "x_mitre_contents", "object_ref", "object_modified",
		"first_observed", "last_observed", "number_observed", "count", "sighting_of_ref",
		"where_sighted_refs", "observed_data_refs", "opinion", "explanation", "authors", "abstract",
		"content", "context", "infrastructure_types", "operating_system_refs", "architecture_execution_envs",
		"implementation_languages", "capabilities", "sample_refs", "resolves_to_refs", "belongs_to_refs",
		"MD5", "SHA-1", "SHA-256", "SHA-512", "channel", "keyword", "field",
	}
	m := make(map[string]string, len(names))
	for _, n := range names {
		m[n] = n
	}
	return m
}()

type byteReader struct {
	b []byte
	i int
}

func (r *byteReader) Read(p []byte) (int, error) {
	if r.i >= len(r.b) {
		return 0, io.EOF
	}
	n := copy(p, r.b[r.i:])
	r.i += n
	return n, nil
}

func bytesReader(b []byte) *byteReader { return &byteReader{b: b} }
