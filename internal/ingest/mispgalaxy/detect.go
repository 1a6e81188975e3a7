package mispgalaxy

import (
	"github.com/dossier-cti/dossier/internal/jsonin"
	"github.com/go-json-experiment/json/jsontext"
)

// SniffSize is how many leading bytes of an input Detect needs at most.
const SniffSize = jsonin.SniffSize

// Detect reports whether head, the first bytes of an input (up to
// SniffSize; a UTF-8 byte order mark may precede), is the start of a MISP
// galaxy cluster file. It reads the top-level members with a JSON
// tokenizer, so a truncated head is fine, and answers yes only on positive
// evidence. The members only galaxy cluster files have together are uuid,
// type, authors, category and source; name, description and version are
// common to many formats and do not count. Detect wants a "values" list
// beside two of those members, or beside one when the list's first
// element has a cluster's "value" or "uuid"; or, when the head ends
// before "values", four of them. A member that only STIX documents
// ("objects", "spec_version", "id", "created", a "type" of "bundle") or
// MISP events ("Event", "response") have makes the answer no, as do a
// top-level array, a values list whose first element is not an object,
// and a complete object without "values" (a galaxy definition file, a
// warning list). MISP taxonomies, which have a values list but none of
// the galaxy's members, are not galaxy files.
func Detect(head []byte) bool {
	dec := jsonin.Sniff(head, '{')
	if dec == nil {
		return false
	}
	strong := 0             // galaxy members seen with the right kind
	sawValues := false      // a "values" member holding a list
	first := elementUnknown // what the first element of values looks like
scan:
	for {
		k := dec.PeekKind()
		if k == '}' {
			return false // the whole object was read: "values" would have stopped the scan
		}
		tok, err := dec.ReadToken()
		if err != nil {
			break scan // truncated: decide on what was seen
		}
		name := tok.String()
		switch name {
		case "objects", "spec_version", "id", "created", "modified", "Event", "response", "Attribute", "Object":
			return false
		}
		k = dec.PeekKind()
		if k == 0 {
			break scan
		}
		want := jsontext.Kind(0)
		switch name {
		case "uuid", "category", "source":
			want = '"'
		case "authors":
			want = '['
		case "name", "description":
			if k != '"' {
				return false
			}
		case "version":
			if k != '0' {
				return false
			}
		case "type":
			if k != '"' {
				return false
			}
			tok, err := dec.ReadToken()
			if err != nil {
				break scan
			}
			if tok.String() == "bundle" {
				return false
			}
			strong++
			continue
		case "values":
			if k != '[' {
				return false
			}
			sawValues = true
			first = firstElement(dec)
			break scan
		}
		if want != 0 {
			if k != want {
				return false
			}
			strong++
		}
		if err := dec.SkipValue(); err != nil {
			break scan
		}
	}
	switch {
	case !sawValues:
		return strong >= 4
	case first == elementOther:
		return false
	default:
		return strong >= 2 || strong >= 1 && first == elementCluster
	}
}

// What the first element of a values list looks like.
const (
	elementUnknown = iota // cut off before it said, or an empty list
	elementCluster        // an object with a "value" or "uuid" member
	elementOther          // not an object, or an object without either
)

// firstElement reads into a values list and says what its first element
// looks like.
func firstElement(dec *jsontext.Decoder) int {
	if _, err := dec.ReadToken(); err != nil {
		return elementUnknown
	}
	switch dec.PeekKind() {
	case '{':
	case 0, ']':
		return elementUnknown
	default:
		return elementOther
	}
	if _, err := dec.ReadToken(); err != nil {
		return elementUnknown
	}
	for {
		switch dec.PeekKind() {
		case '"':
		case '}':
			return elementOther
		default:
			return elementUnknown
		}
		tok, err := dec.ReadToken()
		if err != nil {
			return elementUnknown
		}
		switch tok.String() {
		case "value", "uuid":
			return elementCluster
		}
		if err := dec.SkipValue(); err != nil {
			return elementUnknown
		}
	}
}
