package scan

import (
	"fmt"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/pattern"
	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/scan/index"
	"github.com/dossier-cti/dossier/internal/stix"
)

// patternSet matches the indicators whose patterns the index cannot hold
// (LIKE, MATCHES, AND of several properties, qualifiers ...) with the
// Patterning engine: every event becomes an observation of one object
// (a domain-name, ipv4-addr or ipv6-addr, url, email-addr, or a file
// with the hash), dated when it was read.
type patternSet struct {
	set   *pattern.Set
	types map[string]bool      // object types the patterns name
	kinds [events.Any + 1]bool // kinds of events that can be one of those types
	src   map[string]string
	dst   []pattern.SetMatch
}

// maxPatternWarnings bounds the patterns named one by one as refused.
const maxPatternWarnings = 10

// newPatternSet compiles the patterns; it returns nil when there are none,
// and describes the ones that do not compile.
func newPatternSet(ps []index.ComplexPattern) (*patternSet, []string) {
	if len(ps) == 0 {
		return nil, nil
	}
	s := &patternSet{set: pattern.NewSet(), types: map[string]bool{}, src: map[string]string{}}
	var warnings []string
	bad := 0
	for _, p := range ps {
		if err := s.set.Add(p.ID, p.Pattern); err != nil {
			bad++
			if len(warnings) < maxPatternWarnings {
				warnings = append(warnings, fmt.Sprintf("%s: pattern not compiled: %v", p.ID, err))
			}
			continue
		}
		s.src[p.ID] = p.Pattern
		for _, typ := range []string{"domain-name", "ipv4-addr", "ipv6-addr", "url", "email-addr", "file"} {
			if strings.Contains(p.Pattern, typ+":") {
				s.types[typ] = true
			}
		}
	}
	if bad > len(warnings) {
		warnings = append(warnings, fmt.Sprintf("... and %d more patterns not compiled", bad-len(warnings)))
	}
	s.kinds[events.Domain] = s.types["domain-name"]
	s.kinds[events.IP] = s.types["ipv4-addr"] || s.types["ipv6-addr"]
	s.kinds[events.URL] = s.types["url"]
	s.kinds[events.Email] = s.types["email-addr"]
	s.kinds[events.Hash] = s.types["file"]
	if s.set.Len() == 0 || len(s.types) == 0 {
		// None of these patterns can match a value a log gives (they
		// name user accounts, network traffic, processes ...).
		return nil, warnings
	}
	return s, warnings
}

// observe returns the object an event stands for, or "" when no pattern
// names its type.
func (s *patternSet) object(ev *events.Event) (string, stix.Value) {
	if !s.kinds[ev.Kind] {
		return "", stix.Value{}
	}
	v := string(ev.Value)
	var typ string
	switch ev.Kind {
	case events.Domain:
		typ, v = "domain-name", strings.ToLower(strings.TrimSuffix(v, "."))
	case events.IP:
		a, ok := events.ParseIP(ev.Value)
		if !ok {
			return "", stix.Value{}
		}
		typ, v = "ipv4-addr", a.String()
		if a.Is6() {
			typ = "ipv6-addr"
		}
	case events.URL:
		typ = "url"
	case events.Email:
		typ = "email-addr"
	case events.Hash:
		alg := map[int]string{32: "MD5", 40: "SHA-1", 64: "SHA-256", 128: "SHA-512"}[len(v)]
		if alg == "" || !s.types["file"] {
			return "", stix.Value{}
		}
		return "file", stix.NewBuilder().Str("type", "file").Val("hashes", stix.NewBuilder().Str(alg, strings.ToLower(v)).Value()).Value()
	default:
		return "", stix.Value{}
	}
	if !s.types[typ] {
		return "", stix.Value{}
	}
	return typ, stix.NewBuilder().Str("type", typ).Str("value", v).Value()
}

// match returns the ids of the patterns the event matches.
func (s *patternSet) match(ev *events.Event, now time.Time) ([]string, error) {
	typ, obj := s.object(ev)
	if typ == "" {
		return nil, nil
	}
	o := &pattern.Observation{FirstObserved: now, LastObserved: now, NumberObserved: 1,
		Objects: []pattern.Object{{Key: "0", Type: typ, Value: &obj}}}
	var err error
	s.dst, err = s.set.Match(o, s.dst[:0])
	var ids []string
	for _, m := range s.dst {
		ids = append(ids, m.ID)
	}
	return ids, err
}
