package events

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"
)

// MaxLineBytes is the longest line a reader accepts; a longer line is
// counted as malformed and skipped, and the read goes on after it.
const MaxLineBytes = 1 << 20

// readBufferBytes is the size of a reader's buffer; lines up to this long
// are read without copying.
const readBufferBytes = 256 << 10

// Compression is how an input is compressed.
type Compression string

// The compressions recognised by their magic bytes.
const (
	None Compression = ""
	Gzip Compression = "gzip"
	Zstd Compression = "zstd"
)

// Decompress looks at the first bytes of r and, when they are gzip's or
// zstd's magic, returns a reader of the decompressed stream. Close
// releases the decoder (not r).
func Decompress(r io.Reader) (io.ReadCloser, Compression, error) {
	br := bufio.NewReaderSize(r, readBufferBytes)
	head, _ := br.Peek(4)
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, Gzip, fmt.Errorf("gzip: %w", err)
		}
		return zr, Gzip, nil
	case len(head) == 4 && bytes.Equal(head, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		// One decoder goroutine and a bounded window: a hostile frame
		// cannot ask for gigabytes.
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(128<<20), zstd.WithDecoderLowmem(true))
		if err != nil {
			return nil, Zstd, fmt.Errorf("zstd: %w", err)
		}
		return zr.IOReadCloser(), Zstd, nil
	}
	return plainInput{br}, None, nil
}

// plainInput is an uncompressed input, already buffered.
type plainInput struct{ *bufio.Reader }

func (plainInput) Close() error { return nil }

// Input is one opened source, decompressed.
type Input struct {
	Name        string // as the user named it; "-" for standard input
	Compression Compression
	r           io.ReadCloser
	br          *bufio.Reader // over r
	f           *os.File
}

// Open opens a file ("-" is stdin) and undoes its compression.
func Open(name string, stdin io.Reader) (*Input, error) {
	in := &Input{Name: name}
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			f.Close()
			return nil, fmt.Errorf("%s: is a directory", name)
		}
		in.f, r = f, f
	}
	rc, c, err := Decompress(r)
	if err != nil {
		if in.f != nil {
			in.f.Close()
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	in.r, in.Compression = rc, c
	if p, ok := rc.(plainInput); ok {
		in.br = p.Reader
	} else {
		in.br = bufio.NewReaderSize(rc, readBufferBytes)
	}
	return in, nil
}

// Read reads the decompressed input.
func (in *Input) Read(p []byte) (int, error) { return in.br.Read(p) }

// Peek returns the next n bytes of the decompressed input without
// consuming them (fewer at its end).
func (in *Input) Peek(n int) ([]byte, error) {
	b, err := in.br.Peek(n)
	if err == io.EOF || err == bufio.ErrBufferFull {
		err = nil
	}
	return b, err
}

// Close closes the decoder and the file.
func (in *Input) Close() error {
	err := in.r.Close()
	if in.f != nil {
		if e := in.f.Close(); err == nil {
			err = e
		}
	}
	return err
}

// lineReader splits a stream into lines without the newline (and a
// carriage return before it), numbering them from 1.
type lineReader struct {
	br   *bufio.Reader
	long []byte
	n    int64
}

func newLineReader(r io.Reader) *lineReader {
	if in, ok := r.(*Input); ok {
		return &lineReader{br: in.br}
	}
	if br, ok := r.(*bufio.Reader); ok && br.Size() >= readBufferBytes {
		return &lineReader{br: br}
	}
	return &lineReader{br: bufio.NewReaderSize(r, readBufferBytes)}
}

// errLineTooLong marks a line longer than MaxLineBytes, which was skipped.
var errLineTooLong = fmt.Errorf("line longer than %d bytes, skipped", MaxLineBytes)

// next returns the next line, valid until the following call;
// errLineTooLong for a line that was too long (the read can go on), or
// io.EOF at the end.
func (lr *lineReader) next() ([]byte, error) {
	line, err := lr.br.ReadSlice('\n')
	if err == nil || (err == io.EOF && len(line) > 0) {
		lr.n++
		return trimEOL(line), nil
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	lr.n++
	lr.long = append(lr.long[:0], line...)
	tooLong := false
	for {
		line, err = lr.br.ReadSlice('\n')
		if !tooLong {
			if len(lr.long)+len(line) > MaxLineBytes+2 {
				tooLong = true
				lr.long = lr.long[:0]
			} else {
				lr.long = append(lr.long, line...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		break
	}
	if tooLong {
		return nil, errLineTooLong
	}
	return trimEOL(lr.long), nil
}

func trimEOL(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}
