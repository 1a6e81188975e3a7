package stix

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// Form says what shape of JSON document a Reader found.
type Form string

// The document forms a Reader accepts.
const (
	FormBundle   Form = "bundle"   // {"type":"bundle","id":...,"objects":[...]}
	FormEnvelope Form = "envelope" // a TAXII 2.1 envelope: {"more":...,"objects":[...]}
	FormObject   Form = "object"   // a single STIX object
	FormArray    Form = "array"    // a JSON array of STIX objects
)

// SyntaxError reports input that is not acceptable JSON: malformed,
// truncated, hostile (duplicate member names, invalid UTF-8, lone
// surrogates, trailing data) or over a limit.
type SyntaxError struct {
	Offset int64  // byte offset in the input
	Msg    string // what is wrong
	Err    error  // the underlying error, if any
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("byte offset %d: %s", e.Offset, e.Msg) }

// Unwrap returns the underlying error.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Item is one element of a document's objects list, decoded.
type Item struct {
	Index  int    // position in the objects list (0 for a single object)
	Offset int64  // byte offset of the element in the input
	Value  Value  // the element; Kind is Object unless the input is wrong
	Raw    []byte // its compact JSON text
}

// Reader streams the objects of a STIX document one at a time, so that
// memory stays bounded by the largest single object, whatever the size of
// the document. It accepts a bundle (STIX 2.0 or 2.1), a TAXII envelope, a
// single object or a JSON array of objects, and refuses JSON that a lenient
// decoder would silently repair: duplicate member names, invalid UTF-8, lone
// surrogate escapes, data after the document, nesting deeper than
// Limits.MaxDepth, strings longer than Limits.MaxStringBytes and objects
// larger than Limits.MaxValueBytes.
type Reader struct {
	lr  *limitedReader
	dec *jsontext.Decoder
	lim Limits

	form        Form
	bundleID    string
	specVersion string
	ignored     []string // top-level members of the document that are not part of STIX

	state       readerState
	index       int
	streamed    bool        // the objects list has been read
	members     []rawMember // top-level members other than objects, kept until the end
	memberBytes int
	single      *Item
	parser      fastParser
}

// readerState is where a Reader is in its document.
type readerState int

const (
	atStart    readerState = iota // nothing read yet
	inObjects                     // inside the objects list (or the top-level array)
	inTopLevel                    // inside the top-level object, outside the objects list
	done                          // at the end, or after an error
)

// NewReader returns a Reader over r.
func NewReader(r io.Reader, lim Limits) *Reader {
	lr := &limitedReader{r: r, limit: -1}
	return &Reader{lr: lr, dec: jsontext.NewDecoder(lr), lim: lim}
}

// Form returns the document's form; it is known after the first call to Next.
func (r *Reader) Form() Form { return r.form }

// BundleID returns the bundle's id, or "" when there is none (yet).
func (r *Reader) BundleID() string { return r.bundleID }

// SpecVersion returns the spec_version written on the bundle ("2.0" for a
// STIX 2.0 bundle; 2.1 bundles have none).
func (r *Reader) SpecVersion() string { return r.specVersion }

// Ignored returns the top-level members of the document that carry no STIX
// objects and were skipped (for example a TAXII envelope's "more").
func (r *Reader) Ignored() []string { return r.ignored }

// Offset returns how many bytes of the input have been consumed.
func (r *Reader) Offset() int64 { return r.dec.InputOffset() }

// Next returns the next object. It returns io.EOF after the last one, once
// the whole document has been checked. Any other error is a *SyntaxError
// (or an error of the underlying reader) after which the Reader is done.
func (r *Reader) Next() (*Item, error) {
	for {
		switch r.state {
		case atStart:
			if err := r.start(); err != nil {
				r.state = done
				return nil, err
			}
		case inObjects:
			if r.dec.PeekKind() == ']' {
				if _, err := r.dec.ReadToken(); err != nil {
					r.state = done
					return nil, r.syntax(err)
				}
				if r.form == FormArray {
					if err := r.finish(); err != nil {
						r.state = done
						return nil, err
					}
					r.state = done
					return nil, io.EOF
				}
				r.state = inTopLevel
				continue
			}
			it, err := r.readElement()
			if err != nil {
				r.state = done
				return nil, err
			}
			return it, nil
		case inTopLevel:
			// Inside the top-level object, after or before the objects list.
			if r.dec.PeekKind() == '}' {
				if _, err := r.dec.ReadToken(); err != nil {
					r.state = done
					return nil, r.syntax(err)
				}
				if err := r.finish(); err != nil {
					r.state = done
					return nil, err
				}
				r.state = done
				if r.single != nil {
					it := r.single
					r.single = nil
					return it, nil
				}
				return nil, io.EOF
			}
			if err := r.member(); err != nil {
				r.state = done
				return nil, err
			}
		case done:
			if r.single != nil {
				it := r.single
				r.single = nil
				return it, nil
			}
			return nil, io.EOF
		}
	}
}

// start reads the opening of the document.
func (r *Reader) start() error {
	switch k := r.dec.PeekKind(); k {
	case '[':
		r.form = FormArray
		if _, err := r.dec.ReadToken(); err != nil {
			return r.syntax(err)
		}
		r.state = inObjects
		return nil
	case '{':
		if _, err := r.dec.ReadToken(); err != nil {
			return r.syntax(err)
		}
		r.state = inTopLevel
		r.members = nil
		return nil
	default:
		// Read the token to get the decoder's own error (EOF, bad character).
		_, err := r.dec.ReadToken()
		if err == nil || errors.Is(err, io.EOF) {
			if err == nil {
				return &SyntaxError{Offset: 0, Msg: "expected a JSON object or array (a STIX bundle or object), found a JSON " + kindName(k)}
			}
			return &SyntaxError{Offset: r.dec.InputOffset(), Msg: "empty input: expected a STIX bundle or object", Err: err}
		}
		return r.syntax(err)
	}
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "value"
}

// member reads one member of the top-level object. An "objects" list is
// streamed; anything else is kept whole until the end of the document tells
// whether it was a bundle or a single object.
func (r *Reader) member() error {
	tok, err := r.dec.ReadToken()
	if err != nil {
		return r.syntax(err)
	}
	name := tok.String()
	if name == "objects" && r.dec.PeekKind() == '[' {
		if r.streamed {
			return &SyntaxError{Offset: r.dec.InputOffset(), Msg: "second objects list"}
		}
		r.streamed = true
		if _, err := r.dec.ReadToken(); err != nil {
			return r.syntax(err)
		}
		r.state = inObjects
		return nil
	}
	off := r.dec.InputOffset()
	r.lr.limit = off + int64(r.lim.MaxValueBytes) + slack
	raw, err := r.dec.ReadValue()
	r.lr.limit = -1
	if err != nil {
		return r.valueError(err, off)
	}
	r.memberBytes += len(raw)
	if r.lim.MaxValueBytes > 0 && r.memberBytes > r.lim.MaxValueBytes {
		return &SyntaxError{Offset: off, Msg: fmt.Sprintf("the top-level object is over the limit of %s per object", sizeText(r.lim.MaxValueBytes))}
	}
	r.members = append(r.members, rawMember{name: name, raw: bytes.Clone(raw), offset: off})
	return nil
}

type rawMember struct {
	name   string
	raw    []byte
	offset int64
}

// slack is how far the decoder may read ahead of the value it is decoding.
const slack = 64 << 10

// readElement reads one element of the objects list.
func (r *Reader) readElement() (*Item, error) {
	off := r.dec.InputOffset()
	r.lr.limit = off + int64(r.lim.MaxValueBytes) + slack
	raw, err := r.dec.ReadValue()
	r.lr.limit = -1
	if err != nil {
		return nil, r.valueError(err, off)
	}
	// raw begins after the separator; find the value's own start for offsets.
	start := r.dec.InputOffset() - int64(len(raw))
	if r.lim.MaxValueBytes > 0 && len(raw) > r.lim.MaxValueBytes {
		return nil, &SyntaxError{Offset: start, Msg: fmt.Sprintf("object %d is %d bytes, over the limit of %s per object", r.index, len(raw), sizeText(r.lim.MaxValueBytes))}
	}
	it := &Item{Index: r.index, Offset: start}
	r.index++
	v, compacted, err := r.parser.decode(raw, start, r.lim, true)
	if err != nil {
		return nil, limitSyntax(err)
	}
	it.Value = v
	it.Raw = compacted
	return it, nil
}

// limitSyntax presents a LimitError as the SyntaxError callers expect.
func limitSyntax(err error) error {
	var le *LimitError
	if errors.As(err, &le) {
		return &SyntaxError{Offset: le.Offset, Msg: le.Problem(), Err: err}
	}
	return err
}

// finish checks the end of the document and settles its form.
func (r *Reader) finish() error {
	// Nothing but white space may follow the document.
	if _, err := r.dec.ReadToken(); err == nil {
		return &SyntaxError{Offset: r.dec.InputOffset(), Msg: "unexpected data after the end of the JSON document"}
	} else if !errors.Is(err, io.EOF) {
		return r.trailing(err)
	}
	if r.form == FormArray {
		return nil
	}
	get := func(name string) (string, bool) {
		for _, m := range r.members {
			if m.name == name {
				var s string
				v, err := DecodeValue(m.raw, m.offset, r.lim)
				if err == nil && v.Kind == KindString {
					s = v.Str
				}
				return s, true
			}
		}
		return "", false
	}
	typ, hasType := get("type")
	if r.streamed {
		switch {
		case typ == "bundle":
			r.form = FormBundle
			r.bundleID, _ = get("id")
			r.specVersion, _ = get("spec_version")
			for _, m := range r.members {
				if m.name != "type" && m.name != "id" && m.name != "spec_version" {
					r.ignored = append(r.ignored, m.name)
				}
			}
		case !hasType:
			r.form = FormEnvelope
			for _, m := range r.members {
				r.ignored = append(r.ignored, m.name)
			}
		default:
			return &SyntaxError{Offset: 0, Msg: fmt.Sprintf("the document has an objects list but its type is %q, not \"bundle\"", typ)}
		}
		return nil
	}
	// A single object: reassemble it from its members.
	r.form = FormObject
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range r.members {
		if i > 0 {
			buf.WriteByte(',')
		}
		q, _ := jsontext.AppendQuote(nil, m.name)
		buf.Write(q)
		buf.WriteByte(':')
		buf.Write(m.raw)
	}
	buf.WriteByte('}')
	raw := buf.Bytes()
	if r.lim.MaxValueBytes > 0 && len(raw) > r.lim.MaxValueBytes {
		return &SyntaxError{Offset: 0, Msg: fmt.Sprintf("the object is %d bytes, over the limit of %s per object", len(raw), sizeText(r.lim.MaxValueBytes))}
	}
	v, compacted, err := decodeValid(raw, 0, r.lim, true)
	if err != nil {
		return limitSyntax(err)
	}
	r.single = &Item{Index: 0, Offset: 0, Value: v, Raw: compacted}
	r.members = nil
	return nil
}

// valueError turns an error from reading one value into a SyntaxError that
// says what went wrong and where.
func (r *Reader) valueError(err error, off int64) error {
	if errors.Is(err, errTooLarge) {
		return &SyntaxError{Offset: off, Msg: fmt.Sprintf("a value starting here is over the limit of %s per object", sizeText(r.lim.MaxValueBytes)), Err: err}
	}
	return r.syntax(err)
}

// syntax converts a decoder error into a SyntaxError with its offset.
func (r *Reader) syntax(err error) error {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		msg := se.Err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "unexpected end of input: the document is truncated"
		}
		if se.JSONPointer != "" {
			msg += " (at JSON pointer " + string(se.JSONPointer) + ")"
		}
		return &SyntaxError{Offset: se.ByteOffset, Msg: msg, Err: err}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &SyntaxError{Offset: r.dec.InputOffset(), Msg: "unexpected end of input: the document is truncated", Err: err}
	}
	if errors.Is(err, errTooLarge) {
		return &SyntaxError{Offset: r.dec.InputOffset(), Msg: fmt.Sprintf("a value is over the limit of %s per object", sizeText(r.lim.MaxValueBytes)), Err: err}
	}
	return err
}

func (r *Reader) trailing(err error) error {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		return &SyntaxError{Offset: se.ByteOffset, Msg: "unexpected data after the end of the JSON document: " + se.Err.Error(), Err: err}
	}
	return err
}

var errTooLarge = errors.New("value over the size limit")

// limitedReader fails once more than limit bytes have been read in total,
// which bounds how much the decoder buffers for a single value. A negative
// limit means no limit.
type limitedReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.limit >= 0 {
		left := l.limit - l.n
		if left <= 0 {
			return 0, errTooLarge
		}
		if int64(len(p)) > left {
			p = p[:left]
		}
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}
