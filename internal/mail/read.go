package mail

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Messages reads the messages at path: an MBOX file (it starts with a
// "From " line), an EML file (anything else), or a directory, whose .eml
// and .mbox files are read in lexical order, sub-directories included.
// "-" reads standard input.
//
// A message that cannot be read is yielded as a *MessageError naming the
// file and where the message starts, and the messages after it are read
// all the same; so are the other files of a directory after a file that
// cannot be opened (yielded as an error too). Stopping the loop stops the
// reading.
func Messages(path string, lim Limits) iter.Seq2[*Message, error] {
	return func(yield func(*Message, error) bool) {
		if path == "-" {
			readFile(os.Stdin, "-", lim, yield)
			return
		}
		st, err := os.Stat(path)
		if err != nil {
			yield(nil, fmt.Errorf("mail: %w", err))
			return
		}
		if !st.IsDir() {
			f, err := os.Open(path)
			if err != nil {
				yield(nil, fmt.Errorf("mail: %w", err))
				return
			}
			defer f.Close()
			readFile(f, path, lim, yield)
			return
		}
		var files []string
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if !yield(nil, fmt.Errorf("mail: %w", err)) {
					return fs.SkipAll
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			if d.Type().IsRegular() && (ext == ".eml" || ext == ".mbox") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return
		}
		slices.Sort(files)
		for _, p := range files {
			f, err := os.Open(p)
			if err != nil {
				if !yield(nil, fmt.Errorf("mail: %w", err)) {
					return
				}
				continue
			}
			more := readFile(f, p, lim, yield)
			f.Close()
			if !more {
				return
			}
		}
	}
}

// readFile reads an MBOX or an EML from r and reports whether the caller
// wants more.
func readFile(r io.Reader, source string, lim Limits, yield func(*Message, error) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(5)
	if err != nil && len(head) == 0 {
		if err == io.EOF {
			return yield(nil, &MessageError{Source: source, Index: 1, Line: 1, Err: errors.New("empty file")})
		}
		return yield(nil, fmt.Errorf("mail: %s: %w", source, err))
	}
	if string(head) == "From " {
		for m, err := range ReadMBOX(br, source, lim) {
			if !yield(m, err) {
				return false
			}
		}
		return true
	}
	return yield(ReadEML(br, source, lim))
}

// ReadEML reads one message from r, an EML file. Errors are
// *MessageError, except a read error of r.
func ReadEML(r io.Reader, source string, lim Limits) (*Message, error) {
	lim = lim.withDefaults()
	raw, err := io.ReadAll(io.LimitReader(r, lim.MaxMessageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("mail: %s: %w", source, err)
	}
	if int64(len(raw)) > lim.MaxMessageBytes {
		return nil, &MessageError{Source: source, Index: 1, Line: 1,
			Err: fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, lim.MaxMessageBytes)}
	}
	m, err := Parse(raw, lim)
	if err != nil {
		return nil, &MessageError{Source: source, Index: 1, Line: 1, Err: err}
	}
	m.Source, m.Index, m.Line = source, 1, 1
	return m, nil
}

// ReadMBOX reads the messages of an MBOX from r, streaming: only one
// message is held at a time, and a message over the size limit is skipped
// without being held. A message starts at a line beginning "From " that
// is the first line of the file or follows an empty line (RFC 4155); lines
// of its body written ">From ", ">>From " … lose one '>' (mboxrd, which
// also reads mboxo correctly except for a body line that began ">From "
// itself). CRLF and LF line ends are both read.
//
// Errors are *MessageError for a message that cannot be read, after
// which reading goes on, or the read error of r, which ends it.
func ReadMBOX(r io.Reader, source string, lim Limits) iter.Seq2[*Message, error] {
	lim = lim.withDefaults()
	return func(yield func(*Message, error) bool) {
		for raw, err := range splitMBOX(r, lim) {
			if err != nil {
				yield(nil, fmt.Errorf("mail: %s: %w", source, err))
				return
			}
			pos := &MessageError{Source: source, Index: raw.index, Offset: raw.offset, Line: raw.line, Err: raw.err}
			if raw.err != nil {
				if !yield(nil, pos) {
					return
				}
				continue
			}
			m, err := Parse(raw.data, lim)
			if err != nil {
				pos.Err = err
				if !yield(nil, pos) {
					return
				}
				continue
			}
			m.Source, m.Index, m.Offset, m.Line = source, raw.index, raw.offset, raw.line
			if !yield(m, nil) {
				return
			}
		}
	}
}

// rawMessage is one message of an MBOX, unescaped, without its From_
// line; data is valid until the next one is read. err is set, and data
// empty, for a message over the size limit.
type rawMessage struct {
	data   []byte
	index  int   // 1-based
	offset int64 // of its From_ line
	line   int   // of its From_ line
	err    error
}

// splitMBOX cuts an MBOX into messages; its error is r's read error.
func splitMBOX(r io.Reader, lim Limits) iter.Seq2[rawMessage, error] {
	return func(yield func(rawMessage, error) bool) {
		br, ok := r.(*bufio.Reader)
		if !ok {
			br = bufio.NewReaderSize(r, 64<<10)
		}
		var (
			buf       bytes.Buffer
			offset    int64 // byte offset of the next line
			lineNo    = 1   // number of the next line
			index     int   // messages started so far
			start     int64 // where the current message starts
			startLine int
			inMsg     bool // reading a message
			tooLarge  bool // the current message passed the limit: skip it
			prevBlank = true
			long      []byte
			dropped   int64 // bytes of an over-long line not kept
		)
		flush := func() bool {
			if !inMsg {
				return true
			}
			inMsg = false
			raw := rawMessage{index: index, offset: start, line: startLine}
			if tooLarge {
				tooLarge = false
				raw.err = fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, lim.MaxMessageBytes)
				return yield(raw, nil)
			}
			data := buf.Bytes()
			// The empty line before the next From_ line belongs to the
			// MBOX, not to the message.
			if bytes.HasSuffix(data, []byte("\r\n\r\n")) {
				data = data[:len(data)-2]
			} else if bytes.HasSuffix(data, []byte("\n\n")) {
				data = data[:len(data)-1]
			}
			raw.data = data
			more := yield(raw, nil)
			buf.Reset()
			return more
		}
		// line handles one line, with its line end.
		line := func(l []byte) bool {
			blank := len(bytes.TrimRight(l, "\r\n")) == 0
			n := int64(len(l)) // before l loses a '>'
			if dropped > 0 {
				// A line longer than a whole message: never a From_
				// line worth the name, and too large anyway.
				if !inMsg {
					index++
					inMsg, start, startLine = true, offset, lineNo
				}
				tooLarge = true
			}
			defer func() {
				offset += n + dropped
				dropped = 0
				lineNo++
				prevBlank = blank
			}()
			if prevBlank && dropped == 0 && bytes.HasPrefix(l, []byte("From ")) {
				if !flush() {
					return false
				}
				index++
				inMsg, start, startLine = true, offset, lineNo
				return true
			}
			if !inMsg {
				if blank {
					return true
				}
				// Text before the first From_ line: read it as a
				// message, which will most likely fail and say so.
				index++
				inMsg, start, startLine = true, offset, lineNo
			}
			if tooLarge {
				return true
			}
			if l[0] == '>' && bytes.HasPrefix(bytes.TrimLeft(l, ">"), []byte("From ")) {
				l = l[1:]
			}
			if int64(buf.Len()+len(l)) > lim.MaxMessageBytes {
				tooLarge = true
				buf.Reset()
				return true
			}
			buf.Write(l)
			return true
		}
		for {
			chunk, err := br.ReadSlice('\n')
			if err == bufio.ErrBufferFull {
				if int64(len(long)) < lim.MaxMessageBytes {
					long = append(long, chunk...)
				} else {
					dropped += int64(len(chunk))
				}
				continue
			}
			l := chunk
			if long != nil {
				l = append(long, chunk...)
				long = nil
			}
			if len(l) > 0 && !line(l) {
				return
			}
			if err == io.EOF {
				flush()
				return
			}
			if err != nil {
				yield(rawMessage{}, err)
				return
			}
		}
	}
}
