package mispgalaxy

import (
	"errors"
	"io"

	"github.com/dossier-cti/dossier/internal/jsonin"
	"github.com/dossier-cti/dossier/internal/stix"
)

// DefaultMaxBytes is the largest input Convert reads unless
// Options.MaxBytes says otherwise. The largest real galaxy file
// (threat-actor.json) is 1.4 MB.
const DefaultMaxBytes = 64 << 20

// Error is a problem that stops the conversion of a file: a required
// member that is missing or of the wrong kind, a cluster that cannot be
// converted, a galaxy type that is not supported. JSON that does not parse
// is reported as a *stix.SyntaxError instead.
type Error struct {
	Offset  int64  // byte offset in the input of the value at fault; -1 when not known
	Cluster int    // index of the cluster in the values list; -1 when the problem is not in one cluster
	UUID    string // the cluster's uuid, when known
	Msg     string // what is wrong
	Err     error  // ErrUnsupportedType for a galaxy type Convert does not read; else nil
}

// ErrUnsupportedType is wrapped by the Error of a galaxy whose type
// Convert does not read (see SupportedTypes).
var ErrUnsupportedType = errors.New("mispgalaxy: galaxy type not supported")

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// Error returns "mispgalaxy: cluster N (uuid U) at byte offset O: what is wrong",
// leaving out what is not known.
func (e *Error) Error() string {
	id := ""
	if e.UUID != "" {
		id = "uuid " + e.UUID
	}
	return jsonin.ErrorAt("mispgalaxy", "cluster", e.Cluster, id, e.Offset, e.Msg)
}

// member is one top-level member of the file, other than values.
type member struct {
	name   string
	value  stix.Value
	offset int64 // of the value
}

// rawCluster is one element of the values list, decoded.
type rawCluster struct {
	value  stix.Value
	offset int64
}

// document is a galaxy file read whole: its top-level members in order,
// and its clusters.
type document struct {
	members      []member
	clusters     []rawCluster
	hasValues    bool // a values member was present
	valuesKind   stix.Kind
	valuesOffset int64 // of the values member's value
}

func (d *document) get(name string) *member {
	for i := range d.members {
		if d.members[i].name == name {
			return &d.members[i]
		}
	}
	return nil
}

// readDocument reads a galaxy file: a JSON object whose "values" member is
// a list of clusters. It refuses what a strict JSON reader refuses
// (duplicate member names, invalid UTF-8, lone surrogates, data after the
// document) and what passes stix.DefaultLimits or maxBytes. Offsets count
// from the start of the input, a byte order mark included.
func readDocument(r io.Reader, maxBytes int64) (*document, error) {
	in, err := jsonin.Open(r, maxBytes)
	if err != nil {
		return nil, err
	}
	if err := in.Start('{', "a JSON object (a MISP galaxy cluster file)"); err != nil {
		return nil, err
	}
	doc := &document{}
	for in.PeekKind() != '}' {
		tok, err := in.ReadToken()
		if err != nil {
			return nil, in.Err(err)
		}
		name := tok.String()
		if name == "values" {
			doc.hasValues = true
			doc.valuesOffset = in.NextValueOffset()
			if in.PeekKind() == '[' {
				doc.valuesKind = stix.KindArray
				if err := readClusters(in, doc); err != nil {
					return nil, err
				}
				continue
			}
		}
		v, off, err := in.Value()
		if err != nil {
			return nil, err
		}
		if name == "values" {
			doc.valuesKind = v.Kind
			continue
		}
		doc.members = append(doc.members, member{name: name, value: v, offset: off})
	}
	if err := in.End(); err != nil {
		return nil, err
	}
	return doc, nil
}

// readClusters reads the values list, one cluster at a time.
func readClusters(in *jsonin.Input, doc *document) error {
	if _, err := in.ReadToken(); err != nil {
		return in.Err(err)
	}
	for in.PeekKind() != ']' {
		v, off, err := in.Value()
		if err != nil {
			return err
		}
		doc.clusters = append(doc.clusters, rawCluster{value: v, offset: off})
	}
	_, err := in.ReadToken()
	return in.Err(err)
}
