package msnaming

import (
	"io"

	"github.com/dossier-cti/dossier/internal/jsonin"
	"github.com/dossier-cti/dossier/internal/stix"
)

// rawValue is one element of the array, decoded, with its offset.
type rawValue struct {
	value  stix.Value
	offset int64
}

// readArray reads a JSON array whole, strictly (no duplicate member names,
// valid UTF-8, nothing after it, stix.DefaultLimits), with the offset of
// each element counted from the start of the input, a byte order mark
// included.
func readArray(r io.Reader, maxBytes int64) ([]rawValue, error) {
	in, err := jsonin.Open(r, maxBytes)
	if err != nil {
		return nil, err
	}
	if err := in.Start('[', "a JSON array (Microsoft's naming map)"); err != nil {
		return nil, err
	}
	var out []rawValue
	for in.PeekKind() != ']' {
		v, off, err := in.Value()
		if err != nil {
			return nil, err
		}
		out = append(out, rawValue{value: v, offset: off})
	}
	if err := in.End(); err != nil {
		return nil, err
	}
	return out, nil
}
