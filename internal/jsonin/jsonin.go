// Package jsonin reads whole JSON documents from outside strictly, for the
// converters of formats other than STIX: no duplicate member names, valid
// UTF-8 without lone surrogates, nothing after the document, a bound on
// the input's size, the limits of stix.DefaultLimits on each value, and
// errors as *stix.SyntaxError with the byte offset counted from the start
// of the input, a UTF-8 byte order mark included. Sniff starts their
// Detect functions on an input's first bytes.
package jsonin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/dossier-cti/dossier/internal/stix"
)

// BOM is the UTF-8 byte order mark some producers write before JSON.
var BOM = []byte("\xef\xbb\xbf")

// SniffSize is how many leading bytes of an input Sniff reads at most.
const SniffSize = 4096

// Sniff starts to read head, the first bytes of an input (up to
// SniffSize of them; a UTF-8 byte order mark may precede), for a
// converter's Detect: it returns a tokenizer past the opening token open
// ('{' or '['), or nil when head does not start with it. The tokenizer
// reads head only, so a head cut anywhere ends in an error there.
func Sniff(head []byte, open jsontext.Kind) *jsontext.Decoder {
	if len(head) > SniffSize {
		head = head[:SniffSize]
	}
	dec := jsontext.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, BOM)))
	if dec.PeekKind() != open {
		return nil
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil
	}
	return dec
}

// Input is a JSON document being read.
type Input struct {
	*jsontext.Decoder
	br *boundedReader
}

// Open starts reading a JSON document from r, refusing more than maxBytes
// of input. A leading byte order mark is read as white space.
func Open(r io.Reader, maxBytes int64) (*Input, error) {
	br := &boundedReader{r: r, limit: maxBytes}
	head := make([]byte, len(BOM))
	n, err := io.ReadFull(br, head)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	head = head[:n]
	if bytes.Equal(head, BOM) {
		head = []byte("   ")
	}
	return &Input{Decoder: jsontext.NewDecoder(io.MultiReader(bytes.NewReader(head), br)), br: br}, nil
}

// Start reads the opening token, which must be open ('{' or '['); what
// names the expected document in messages ("a MISP galaxy cluster file").
func (in *Input) Start(open jsontext.Kind, what string) error {
	switch k := in.PeekKind(); k {
	case open:
	case 0:
		_, err := in.ReadToken()
		if errors.Is(err, io.EOF) {
			return &stix.SyntaxError{Offset: in.InputOffset(), Msg: "empty input: expected " + what, Err: err}
		}
		return in.Err(err)
	default:
		return &stix.SyntaxError{Offset: in.InputOffset(), Msg: fmt.Sprintf("expected %s, found %s", what, KindPhrase(k))}
	}
	_, err := in.ReadToken()
	return in.Err(err)
}

// Value reads the next value and decodes it, with its offset.
func (in *Input) Value() (stix.Value, int64, error) {
	raw, err := in.ReadValue()
	if err != nil {
		return stix.Value{}, 0, in.Err(err)
	}
	off := in.InputOffset() - int64(len(raw))
	v, err := stix.DecodeValue(raw, off, stix.DefaultLimits)
	if err != nil {
		return stix.Value{}, off, limitError(err)
	}
	return v, off, nil
}

// End reads the closing token of the document and checks that nothing
// but white space follows it.
func (in *Input) End() error {
	if _, err := in.ReadToken(); err != nil {
		return in.Err(err)
	}
	if _, err := in.ReadToken(); err == nil {
		return &stix.SyntaxError{Offset: in.InputOffset(), Msg: "unexpected data after the end of the JSON document"}
	} else if !errors.Is(err, io.EOF) {
		err = in.Err(err)
		var se *stix.SyntaxError
		if errors.As(err, &se) {
			se.Msg = "unexpected data after the end of the JSON document: " + se.Msg
		}
		return err
	}
	return nil
}

// NextValueOffset returns the offset of the next value, after the white
// space and separator that precede it.
func (in *Input) NextValueOffset() int64 {
	off := in.InputOffset()
	for _, c := range in.UnreadBuffer() {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ':' && c != ',' {
			break
		}
		off++
	}
	return off
}

// Err turns an error of the decoder into a *stix.SyntaxError that says
// what is wrong and where; nil stays nil.
func (in *Input) Err(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errTooLarge) {
		return &stix.SyntaxError{Offset: in.br.limit, Msg: "the input is over the limit of " + sizeText(in.br.limit), Err: err}
	}
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		msg := se.Err.Error()
		if errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "unexpected end of input: the document is truncated"
		}
		if se.JSONPointer != "" {
			msg += " (at JSON pointer " + string(se.JSONPointer) + ")"
		}
		return &stix.SyntaxError{Offset: se.ByteOffset, Msg: msg, Err: err}
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &stix.SyntaxError{Offset: in.InputOffset(), Msg: "unexpected end of input: the document is truncated", Err: err}
	}
	return limitError(err)
}

// limitError presents a *stix.LimitError as a *stix.SyntaxError.
func limitError(err error) error {
	var le *stix.LimitError
	if errors.As(err, &le) {
		return &stix.SyntaxError{Offset: le.Offset, Msg: le.Problem(), Err: err}
	}
	return err
}

// KindPhrase names a JSON kind as the decoder peeks it: "a string".
func KindPhrase(k jsontext.Kind) string {
	switch k {
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	case '[':
		return "a list"
	}
	return "something else"
}

// ErrorAt is the text of a converter's error at a place in its input:
// "pkg: item N (id) at byte offset O: msg" for the item of index N (a
// cluster, an entry), leaving out the id when it is "" and the offset
// when it is negative; "pkg: byte offset O: msg" when the error is not
// about one item (index < 0); "pkg: msg" when nothing of the place is
// known.
func ErrorAt(pkg, item string, index int, id string, offset int64, msg string) string {
	var sb strings.Builder
	sb.WriteString(pkg + ": ")
	if index >= 0 {
		fmt.Fprintf(&sb, "%s %d", item, index)
		if id != "" {
			fmt.Fprintf(&sb, " (%s)", id)
		}
		if offset >= 0 {
			fmt.Fprintf(&sb, " at byte offset %d", offset)
		}
		sb.WriteString(": ")
	} else if offset >= 0 {
		fmt.Fprintf(&sb, "byte offset %d: ", offset)
	}
	sb.WriteString(msg)
	return sb.String()
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// errTooLarge reports input over the size given to Open.
var errTooLarge = errors.New("input over the size limit")

// boundedReader fails once more than limit bytes have been read.
type boundedReader struct {
	r     io.Reader
	n     int64
	limit int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.n >= b.limit {
		// A read at the limit that finds no more data is the clean end.
		var one [1]byte
		n, err := b.r.Read(one[:])
		if n > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if left := b.limit - b.n; int64(len(p)) > left {
		p = p[:left]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}
