// Package build makes dossier's knowledge pack (package knowledge) from
// the public reference data in ../shared/data: the ATT&CK Enterprise,
// Mobile and ICS bundles, the DISARM bundle, four MISP galaxies of actors
// and Microsoft's threat-actor naming map. It is what `go generate
// ./internal/knowledge/` runs (through knowledge/gen), and what the
// knowledge tests call to check that the committed pack is fresh.
//
// Every value read is kept as an inert string: nothing here resolves or
// contacts a name, domain or address found in the data. The output depends
// only on the input files, so two runs over the same data give the same
// bytes.
package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/dossier-cti/dossier/internal/knowledge"
	"github.com/dossier-cti/dossier/internal/stix"
)

// The files Build reads, relative to the data folder.
var (
	// AttackFiles are the ATT&CK bundles, in the order they are merged.
	AttackFiles = []string{
		"attack/enterprise-attack-18.1.json",
		"attack/mobile-attack-18.1.json",
		"attack/ics-attack-18.1.json",
	}
	// DISARMFile is the DISARM STIX bundle.
	DISARMFile = "disarm/DISARM.json"
	// GalaxyNames are the MISP galaxies of actors, each read from
	// misp-galaxy/clusters/<name>.json and misp-galaxy/galaxies/<name>.json.
	GalaxyNames = []string{"threat-actor", "microsoft-activity-group", "mitre-intrusion-set", "tidal-groups"}
	// MicrosoftFile is Microsoft's naming map.
	MicrosoftFile = "actor-names/microsoft-mapping.json"
)

// Inputs returns every file Build reads, relative to the data folder:
// the data files above plus each part's README.md and licence, which are
// checked against the provenance recorded in the pack.
func Inputs() []string {
	in := slices.Clone(AttackFiles)
	in = append(in, DISARMFile)
	for _, g := range GalaxyNames {
		in = append(in, "misp-galaxy/clusters/"+g+".json", "misp-galaxy/galaxies/"+g+".json")
	}
	in = append(in, MicrosoftFile)
	for _, s := range sources {
		in = append(in, s.dir+"/README.md", s.dir+"/"+s.licenceFile)
	}
	return in
}

// Build reads the reference data under dir and returns the pack, every
// list sorted as knowledge.Pack documents.
func Build(dir string) (*knowledge.Pack, error) {
	p := &knowledge.Pack{Version: knowledge.PackVersion}
	var err error
	var attackVersion string
	if p.Groups, p.Techniques, p.Software, p.Campaigns, attackVersion, err = readAttack(dir); err != nil {
		return nil, err
	}
	if p.DISARM, err = readDISARM(dir); err != nil {
		return nil, err
	}
	if p.Galaxies, err = readGalaxies(dir); err != nil {
		return nil, err
	}
	if p.Microsoft, err = readMicrosoft(dir); err != nil {
		return nil, err
	}
	if p.Sources, err = readSources(dir, attackVersion); err != nil {
		return nil, err
	}
	return p, nil
}

// Marshal returns the pack's JSON: compact, fields in the order the types
// declare them, empty fields left out, "&", "<" and ">" as written, and a
// final newline. The pack is embedded in knowledge.Encode's binary form;
// its JSON is what the freshness test compares, readably.
func Marshal(p *knowledge.Pack) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, fmt.Errorf("build: encoding the pack: %w", err)
	}
	return b.Bytes(), nil
}

// readValue reads the JSON file rel under dir into a Value, strictly
// (duplicate member names, invalid UTF-8 and trailing data are errors). A
// leading UTF-8 byte order mark is skipped; offsets in errors still count
// from the start of the file.
func readValue(dir, rel string) (stix.Value, error) {
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		return stix.Value{}, fmt.Errorf("build: %w", err)
	}
	var base int64
	if bom := []byte("\ufeff"); bytes.HasPrefix(b, bom) {
		b, base = b[len(bom):], int64(len(bom))
	}
	v, err := stix.DecodeValue(b, base, stix.DefaultLimits)
	if err != nil {
		// Say exactly where the JSON breaks, counted from the file's start.
		var se *jsontext.SyntacticError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF):
			return stix.Value{}, fmt.Errorf("build: %s: byte offset %d: invalid JSON: the file ends inside a value", rel, base+int64(len(b)))
		case errors.As(err, &se):
			where := ""
			if se.JSONPointer != "" {
				where = fmt.Sprintf(" (at JSON pointer %s)", se.JSONPointer)
			}
			return stix.Value{}, fmt.Errorf("build: %s: byte offset %d: invalid JSON%s: %w", rel, base+se.ByteOffset, where, se.Err)
		}
		return stix.Value{}, fmt.Errorf("build: %s: %w", rel, err)
	}
	return v, nil
}

// stringsOf returns the member name of v as a list of strings: a JSON list
// of strings, a single string, or a Python-style list written as a string
// ("['AU', 'BG']", as some MISP galaxies do). Items are trimmed; empty ones
// and repeats are dropped. ok is false when the member is present with
// another shape.
func stringsOf(v *stix.Value, name string) (out []string, ok bool) {
	m := v.Get(name)
	if m == nil || m.Kind == stix.KindNull {
		return nil, true
	}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	switch m.Kind {
	case stix.KindString:
		items, isList := pythonList(m.Str)
		if !isList {
			add(m.Str)
			return out, true
		}
		for _, s := range items {
			add(s)
		}
		return out, true
	case stix.KindArray:
		for i := range m.Items {
			if m.Items[i].Kind != stix.KindString {
				return nil, false
			}
			add(m.Items[i].Str)
		}
		return out, true
	}
	return nil, false
}

// pythonList parses s when it is a Python list literal of strings such as
// "['AU', 'BG']" or "[\"a\", 'b']" (no escapes inside the items). isList is
// false for anything else, which is then an ordinary string.
func pythonList(s string) (items []string, isList bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	rest := strings.TrimSpace(s[1 : len(s)-1])
	for rest != "" {
		q := rest[0]
		if q != '\'' && q != '"' {
			return nil, false
		}
		end := strings.IndexByte(rest[1:], q)
		if end < 0 {
			return nil, false
		}
		items = append(items, rest[1:1+end])
		rest = strings.TrimSpace(rest[2+end:])
		if rest == "" {
			break
		}
		if rest[0] != ',' {
			return nil, false
		}
		rest = strings.TrimSpace(rest[1:])
	}
	return items, true
}

// without returns list without the items equal to drop and without
// repeats, in its original order; nil when nothing is left.
func without(list []string, drop string) []string {
	var out []string
	for _, s := range list {
		if s != drop && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// sortedSet returns list sorted with repeats removed; nil when empty.
func sortedSet(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}
