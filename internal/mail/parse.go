package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-cti/dossier/internal/extract/ioc"
	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode every charset golang.org/x/text knows
	gomail "github.com/emersion/go-message/mail"
)

// maxTextBytes bounds how much of one text or HTML part is read for links;
// the rest is skipped and noted as a problem.
const maxTextBytes = 8 << 20

// Parse reads one message, stored as raw (RFC 5322, CRLF or LF line
// ends). It returns an error when the header cannot be read or a limit is
// passed; a broken part further down is noted in Problems and the rest is
// kept. Position fields (Source, Index, Offset, Line) are left for the
// caller.
func Parse(raw []byte, lim Limits) (*Message, error) {
	parts := 0
	return parse(raw, lim.withDefaults(), 0, 0, &parts)
}

// parse reads a message nested depth levels deep (in attached messages
// and multipart bodies), with parts counted across the whole.
func parse(raw []byte, lim Limits, depth, level int, parts *int) (*Message, error) {
	if int64(len(raw)) > lim.MaxMessageBytes {
		return nil, fmt.Errorf("%w (%d bytes, limit %d)", ErrTooLarge, len(raw), lim.MaxMessageBytes)
	}
	if n := headerLen(raw); n > lim.MaxHeaderBytes {
		return nil, fmt.Errorf("%w (%d bytes, limit %d)", ErrHeaderTooLarge, n, lim.MaxHeaderBytes)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, errors.New("empty message")
	}
	e, err := message.ReadWithOptions(bytes.NewReader(raw), &message.ReadOptions{MaxHeaderBytes: lim.MaxHeaderBytes})
	m := &Message{Size: int64(len(raw))}
	if err != nil {
		if e == nil {
			return nil, fmt.Errorf("header: %w", cleanErr(err))
		}
		m.Problems = append(m.Problems, "message: "+cleanErr(err).Error())
	}
	if !looksLikeHeader(e.Header) {
		return nil, errors.New("header: no From, To, Subject, Date, Message-ID or Received field: not an email")
	}
	h := gomail.Header{Header: e.Header}
	m.readHeader(h)
	w := walker{m: m, lim: lim, depth: depth, level: level, parts: parts}
	if err := w.walk(e, nil); err != nil {
		return nil, err
	}
	m.check()
	return m, nil
}

// headerLen is the length of the header block: up to the first empty line.
func headerLen(raw []byte) int64 {
	if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		if j := bytes.Index(raw, []byte("\n\r\n")); j >= 0 && j < i {
			return int64(j)
		}
		return int64(i)
	}
	if j := bytes.Index(raw, []byte("\n\r\n")); j >= 0 {
		return int64(j)
	}
	return int64(len(raw))
}

// looksLikeHeader tells an email from any text that happens to parse as
// a header ("hello: world").
func looksLikeHeader(h message.Header) bool {
	for _, k := range []string{"From", "To", "Subject", "Date", "Message-Id", "Received", "Return-Path", "Mime-Version"} {
		if h.Has(k) {
			return true
		}
	}
	return false
}

// cleanErr drops go-message's "message: " prefix, which would repeat ours.
// It also drops the line end that go-message leaves at the end of a
// quoted header line.
func cleanErr(err error) error {
	s := err.Error()
	t := strings.TrimRight(strings.TrimPrefix(s, "message: "), "\r\n")
	if t != s {
		return errors.New(t)
	}
	return err
}

var addressFields = []string{"From", "Sender", "Reply-To", "Return-Path"}

func (m *Message) readHeader(h gomail.Header) {
	if id, err := h.MessageID(); err == nil && id != "" {
		m.MessageID = id
	} else if v := strings.TrimSpace(h.Get("Message-Id")); v != "" {
		m.MessageID = strings.Trim(v, "<>")
	}
	if i := strings.LastIndexByte(m.MessageID, '@'); i >= 0 {
		m.MessageIDDomain = asciiHost(m.MessageID[i+1:])
	}
	if s, err := h.Subject(); err == nil {
		m.Subject = s
	} else {
		m.Subject = h.Get("Subject")
	}
	if d, err := h.Date(); err == nil {
		m.Date = d
	}
	for _, f := range addressFields {
		for _, v := range h.Values(f) {
			m.readAddresses(f, v)
		}
	}
	m.readRelays(h.Header)
	m.readAuth(h.Header)
}

var wordDecoder = mime.WordDecoder{CharsetReader: func(cs string, r io.Reader) (io.Reader, error) {
	return message.CharsetReader(cs, r)
}}

// readAddresses parses one address header. Malformed lists are common in
// spam; then the addresses are taken one by one, and what is left noted.
func (m *Message) readAddresses(field, v string) {
	v = unfold(v)
	if strings.TrimSpace(v) == "" || strings.TrimSpace(v) == "<>" {
		return
	}
	list, err := gomail.ParseAddressList(v)
	if err != nil {
		// Fall back on each comma-separated piece and on bare addresses.
		list = nil
		for _, piece := range strings.Split(v, ",") {
			if a, err := gomail.ParseAddress(piece); err == nil {
				list = append(list, a)
			}
		}
		if len(list) == 0 {
			if a := nameAngleAddr(v); a != nil {
				// "name <addr>" with a name the RFC forbids, such as an
				// encoded word holding '@': common in phishing.
				list = append(list, a)
			}
		}
		if len(list) == 0 {
			m.Problems = append(m.Problems, fmt.Sprintf("%s: unreadable address %q", field, cut(v, 200)))
			for _, mt := range ioc.Scan(v) {
				if mt.Kind == ioc.Email {
					list = append(list, &gomail.Address{Address: mt.Value})
				}
			}
		}
	}
	for _, a := range list {
		name := a.Name
		if dec, err := wordDecoder.DecodeHeader(name); err == nil {
			name = dec
		}
		domain := ""
		if i := strings.LastIndexByte(a.Address, '@'); i >= 0 {
			domain = asciiHost(a.Address[i+1:])
		}
		m.Addresses = append(m.Addresses, Address{Field: field, Name: name, Address: a.Address, Domain: domain})
	}
}

// nameAngleAddr reads v as `name <local@domain>` whatever the name holds.
func nameAngleAddr(v string) *gomail.Address {
	v = strings.TrimSpace(v)
	i := strings.LastIndexByte(v, '<')
	if i < 0 || !strings.HasSuffix(v, ">") {
		return nil
	}
	addr := strings.TrimSpace(v[i+1 : len(v)-1])
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 || strings.ContainsAny(addr, " <>,\"") {
		return nil
	}
	name := strings.TrimSpace(v[:i])
	if len(name) >= 2 && name[0] == '"' && name[len(name)-1] == '"' {
		name = name[1 : len(name)-1]
	}
	return &gomail.Address{Name: name, Address: addr}
}

// walker visits the MIME tree within the limits.
type walker struct {
	m     *Message
	lim   Limits
	depth int  // nesting of the message itself, for attached messages
	level int  // how many attached messages deep the message is
	parts *int // parts seen in the outermost message
}

// maxAttachedLevels bounds how deep attached messages are read as
// messages; deeper ones are only hashed. Each level holds a copy of its
// message in memory, so this and MaxMessageBytes bound what a
// message-in-message bomb can take.
const maxAttachedLevels = 3

// walk visits e, whose IMAP part number is path (nil for the top).
func (w *walker) walk(e *message.Entity, path []int) error {
	*w.parts++
	if *w.parts > w.lim.MaxParts {
		return fmt.Errorf("%w (%d)", ErrTooManyParts, w.lim.MaxParts)
	}
	part := partName(path)
	if mr := e.MultipartReader(); mr != nil {
		if w.depth+len(path) >= w.lim.MaxDepth {
			return fmt.Errorf("%w (%d)", ErrTooDeep, w.lim.MaxDepth)
		}
		for i := 1; ; i++ {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil && p == nil {
				where := "message body"
				if part != "" {
					where = "part " + part
				}
				w.m.Problems = append(w.m.Problems, fmt.Sprintf("%s: %v", where, cleanErr(err)))
				return nil
			}
			if err != nil {
				w.m.Problems = append(w.m.Problems, fmt.Sprintf("part %s: %v", partName(append(path, i)), cleanErr(err)))
			}
			if err := w.walk(p, append(path[:len(path):len(path)], i)); err != nil {
				return err
			}
		}
	}
	return w.leaf(e, path, part)
}

// partName numbers parts as IMAP does: "1", "2.1"; "" for the top of a
// message that is not multipart.
func partName(path []int) string {
	s := make([]string, len(path))
	for i, n := range path {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ".")
}

func (w *walker) leaf(e *message.Entity, path []int, part string) error {
	ct, ctParams, _ := e.Header.ContentType()
	if ct == "" {
		ct = "text/plain"
	}
	disp, dParams, _ := e.Header.ContentDisposition()
	name := dParams["filename"]
	if name == "" {
		name = ctParams["name"]
	}
	if ct == "message/rfc822" && w.level < maxAttachedLevels {
		return w.attached(e, path, part, name)
	}
	isText := ct == "text/plain" || ct == "text/html"
	if disp == "attachment" || name != "" || !isText {
		return w.attachment(e, part, ct, name)
	}
	data, err := io.ReadAll(io.LimitReader(e.Body, maxTextBytes+1))
	where := "part " + part
	if part == "" {
		where = "message body"
	}
	if err != nil {
		w.m.Problems = append(w.m.Problems, fmt.Sprintf("%s: %v", where, cleanErr(err)))
	}
	if len(data) > maxTextBytes {
		data = data[:maxTextBytes]
		w.m.Problems = append(w.m.Problems, fmt.Sprintf("%s: only the first %d bytes read for links", where, maxTextBytes))
	}
	if ct == "text/html" {
		w.m.htmlLinks(data, part)
	} else {
		w.m.textLinks(string(data), "text/plain", part)
	}
	return nil
}

func (w *walker) attachment(e *message.Entity, part, ct, name string) error {
	if dec, err := wordDecoder.DecodeHeader(name); err == nil {
		name = dec
	}
	h := sha256.New()
	buf := copyBufs.Get().(*[]byte)
	n, err := io.CopyBuffer(h, io.LimitReader(e.Body, w.lim.MaxMessageBytes), *buf)
	copyBufs.Put(buf)
	a := Attachment{Name: name, ContentType: ct, Size: n, Part: part}
	if err != nil {
		w.m.Problems = append(w.m.Problems, fmt.Sprintf("part %s (%s): %v; no hash", part, ct, cleanErr(err)))
	} else {
		a.SHA256 = hex.EncodeToString(h.Sum(nil))
	}
	w.m.Attachments = append(w.m.Attachments, a)
	return nil
}

// attached reads a message/rfc822 part, such as a suspicious message
// forwarded as an attachment to the security team: it is an attachment
// (name, hash) and a message of its own in Attached.
func (w *walker) attached(e *message.Entity, path []int, part, name string) error {
	if dec, err := wordDecoder.DecodeHeader(name); err == nil {
		name = dec
	}
	data, err := io.ReadAll(io.LimitReader(e.Body, w.lim.MaxMessageBytes))
	a := Attachment{Name: name, ContentType: "message/rfc822", Size: int64(len(data)), Part: part}
	if err != nil {
		w.m.Problems = append(w.m.Problems, fmt.Sprintf("part %s (message/rfc822): %v; no hash", part, cleanErr(err)))
		w.m.Attachments = append(w.m.Attachments, a)
		return nil
	}
	sum := sha256.Sum256(data)
	a.SHA256 = hex.EncodeToString(sum[:])
	w.m.Attachments = append(w.m.Attachments, a)
	depth := w.depth + len(path) + 1
	if depth > w.lim.MaxDepth {
		return fmt.Errorf("%w (%d)", ErrTooDeep, w.lim.MaxDepth)
	}
	inner, err := parse(data, w.lim, depth, w.level+1, w.parts)
	switch {
	case errors.Is(err, ErrTooDeep) || errors.Is(err, ErrTooManyParts):
		return err
	case err != nil:
		w.m.Problems = append(w.m.Problems, fmt.Sprintf("part %s (attached message): %v", part, err))
	default:
		inner.Part = part
		w.m.Attached = append(w.m.Attached, inner)
	}
	return nil
}

// copyBufs holds buffers for hashing attachments: io.Copy would make a
// 32 KiB one per attachment.
var copyBufs = sync.Pool{New: func() any { b := make([]byte, 16<<10); return &b }}

// unfold joins a folded header value onto one line.
func unfold(v string) string {
	if !strings.ContainsAny(v, "\r\n") {
		return v
	}
	v = strings.ReplaceAll(v, "\r\n", "\n")
	var b strings.Builder
	for i, line := range strings.Split(v, "\n") {
		if i > 0 {
			line = strings.TrimLeft(line, " \t")
			b.WriteByte(' ')
		}
		b.WriteString(line)
	}
	return b.String()
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
