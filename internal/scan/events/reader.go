package events

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/extract/ioc"
)

// Options say how to read an input.
type Options struct {
	// Format is the input's format; FormatAuto detects JSON formats from
	// the first lines and reads anything that is not JSON as lines.
	Format Format
	// Fields are paths (JSON) or column names (CSV) to read. For a known
	// JSON format they are read besides the format's own fields; FormatJSON
	// needs at least one; for CSV, no fields means every column.
	Fields []Field
}

// SignIn is one sign-in attempt read from an identity provider's log.
type SignIn struct {
	Source string
	Line   int64
	User   string
	IP     netip.Addr // zero when the log does not say
	Time   time.Time  // zero when the log does not say
	OK     bool
	Reason string // why it failed, as the log says
}

// Sink receives what a reader finds. Event must not keep the event or
// its value after returning; an error from it ends the read.
type Sink struct {
	Event  func(*Event) error
	SignIn func(SignIn) // may be nil
}

// Stats says what a read did.
type Stats struct {
	Source      string      `json:"source"`
	Format      Format      `json:"format"`
	Compression Compression `json:"compression,omitempty"`
	Lines       int64       `json:"lines"`
	Events      int64       `json:"events"`
	SignIns     int64       `json:"sign_ins,omitempty"`
	Malformed   Malformed   `json:"malformed"`
}

// detectWindow is how much of an input is looked at to tell its format.
const detectWindow = 64 << 10

// Read reads one input to the end, calling sink for what it finds. It
// returns an error only when the input cannot be read at all (an I/O or
// decompression error, a format it cannot tell, an error from the sink);
// malformed lines are counted in Stats.
func Read(in *Input, opt Options, sink Sink) (*Stats, error) {
	st := &Stats{Source: in.Name, Compression: in.Compression}
	lr := newLineReader(in)
	format := opt.Format
	if format == FormatAuto {
		head, err := lr.br.Peek(detectWindow)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return st, fmt.Errorf("%s: %w", in.Name, err)
		}
		format = detect(head, opt)
		if format == FormatJSON && len(opt.Fields) == 0 {
			return st, fmt.Errorf("%s: JSON lines, but not a format dossier knows (Zeek, Suricata EVE, ECS, Entra ID or Okta sign-ins): name the fields to read with --field, e.g. --field dns.rrname", in.Name)
		}
	}
	st.Format = format
	var err error
	switch format {
	case FormatCSV:
		err = readCSV(in.Name, lr, opt, sink, st)
	case FormatLines:
		err = readLines(in.Name, lr, sink, st)
	default:
		if format == FormatJSON && len(opt.Fields) == 0 {
			return st, fmt.Errorf("%s: --format json needs the fields to read: --field PATH", in.Name)
		}
		err = readJSON(in.Name, lr, format, opt, sink, st)
	}
	if err != nil {
		var ce *consumerError
		if errors.As(err, &ce) {
			return st, ce.err
		}
		if lr.n == 0 {
			return st, fmt.Errorf("%s: %w", in.Name, err)
		}
		return st, fmt.Errorf("%s: line %d: %w", in.Name, lr.n, err)
	}
	return st, nil
}

// consumerError is an error from the sink, passed on unchanged.
type consumerError struct{ err error }

func (e *consumerError) Error() string { return e.err.Error() }

// detect tells the format from the first lines: the first JSON object
// line whose format is known decides; JSON of no known format is
// FormatJSON; anything else is lines.
func detect(head []byte, opt Options) Format {
	x := NewExtractor(markerPaths)
	sawJSON := false
	for n := 0; len(head) > 0 && n < 50; n++ {
		i := bytes.IndexByte(head, '\n')
		line := head
		if i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil // maybe cut by the window: use it only if whole
			if len(line) == detectWindow {
				break
			}
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' {
			if !sawJSON {
				return FormatLines
			}
			continue
		}
		if f, ok := detectJSON(x, line); ok {
			if f != "" {
				return f
			}
			sawJSON = true
		}
	}
	if sawJSON {
		return FormatJSON
	}
	return FormatLines
}

// emitter turns field values into events.
type emitter struct {
	ev   Event
	sink Sink
	st   *Stats
	err  error
}

func (e *emitter) emit(field string, kind Kind, v []byte) {
	if e.err != nil || len(v) == 0 {
		return
	}
	if kind == Any {
		kind = Classify(v)
	}
	if kind == Unknown {
		return
	}
	e.ev.Field, e.ev.Value, e.ev.Kind = field, v, kind
	e.st.Events++
	if err := e.sink.Event(&e.ev); err != nil {
		e.err = &consumerError{err}
	}
}

func readJSON(name string, lr *lineReader, format Format, opt Options, sink Sink, st *Stats) error {
	fields := append(append([]Field(nil), profiles[format]...), opt.Fields...)
	paths := make([]string, len(fields))
	for i, f := range fields {
		paths[i] = f.Path
	}
	x := NewExtractor(NewPaths(paths))
	em := &emitter{ev: Event{Source: name}, sink: sink, st: st}
	signins := format == FormatEntra || format == FormatOkta
	// Values kept for the line: host and URI (joined into a URL), and
	// the parts of a sign-in.
	var (
		keep       []byte
		slot       [RoleFailReason + 1][2]int // offsets in keep; end 0 = absent
		hostField  string
		joinedName = map[string]string{}
	)
	setSlot := func(r Role, v []byte) {
		if slot[r][1] != 0 {
			return // the first value of a role counts
		}
		slot[r][0] = len(keep)
		keep = append(keep, v...)
		slot[r][1] = len(keep)
		if slot[r][1] == slot[r][0] {
			slot[r][1] = -1 // present but empty
		}
	}
	get := func(r Role) []byte {
		if slot[r][1] <= 0 {
			return nil
		}
		return keep[slot[r][0]:slot[r][1]]
	}
	onValue := func(fi int, v []byte, str bool) {
		f := &fields[fi]
		switch f.Role {
		case RoleMatch:
			if str {
				em.emit(f.Path, f.Kind, v)
			}
		case RoleSignInIP:
			if str {
				em.emit(f.Path, f.Kind, v)
				setSlot(f.Role, v)
			}
		case RoleHost:
			if str {
				em.emit(f.Path, f.Kind, v)
				setSlot(f.Role, v)
				if hostField == "" {
					hostField = f.Path
				}
			}
		case RoleTime:
			setSlot(f.Role, v)
			em.ev.Time = get(RoleTime)
		default:
			setSlot(f.Role, v)
		}
	}
	for {
		line, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err == errLineTooLong {
			st.Lines++
			st.Malformed.Add(name, lr.n, err.Error())
			continue
		}
		if err != nil {
			return err
		}
		st.Lines++
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		em.ev.Line, em.ev.Time = lr.n, nil
		keep, slot, hostField = keep[:0], [RoleFailReason + 1][2]int{}, ""
		xerr := x.Extract(line, onValue)
		if em.err != nil {
			return em.err
		}
		if xerr != nil {
			st.Malformed.Add(name, lr.n, "not valid JSON: "+xerr.Error())
			continue
		}
		if host, uri := get(RoleHost), get(RoleURI); host != nil && uri != nil {
			jn, ok := joinedName[hostField]
			if !ok {
				jn = hostField + "+uri"
				joinedName[hostField] = jn
			}
			if hasScheme(uri) {
				em.emit(jn, URL, uri)
			} else if uri[0] == '/' {
				u := append(append(append(keep[len(keep):], "http://"...), host...), uri...)
				em.emit(jn, URL, u)
			}
			if em.err != nil {
				return em.err
			}
		}
		if signins && sink.SignIn != nil {
			if s, ok := signIn(format, get); ok {
				s.Source, s.Line = name, lr.n
				st.SignIns++
				sink.SignIn(s)
			}
		}
	}
}

func hasScheme(u []byte) bool {
	return bytes.HasPrefix(u, []byte("http://")) || bytes.HasPrefix(u, []byte("https://"))
}

// signIn makes a sign-in of a line's values, when the line is one.
func signIn(format Format, get func(Role) []byte) (SignIn, bool) {
	user, result := get(RoleUser), get(RoleResult)
	if user == nil || result == nil {
		return SignIn{}, false
	}
	s := SignIn{User: strings.ToLower(string(user)), Reason: string(get(RoleFailReason))}
	switch format {
	case FormatOkta:
		et := string(get(RoleEventType))
		if et != "user.session.start" && !strings.HasPrefix(et, "user.authentication.") {
			return SignIn{}, false
		}
		s.OK = string(result) == "SUCCESS"
	case FormatEntra:
		s.OK = string(result) == "0"
	}
	if ip := get(RoleSignInIP); ip != nil {
		s.IP, _ = ParseIP(ip)
	}
	if t := get(RoleTime); t != nil {
		s.Time, _ = time.Parse(time.RFC3339Nano, string(t))
	}
	return s, true
}

func readLines(name string, lr *lineReader, sink Sink, st *Stats) error {
	em := &emitter{ev: Event{Source: name}, sink: sink, st: st}
	for {
		line, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err == errLineTooLong {
			st.Lines++
			st.Malformed.Add(name, lr.n, err.Error())
			continue
		}
		if err != nil {
			return err
		}
		st.Lines++
		em.ev.Line = lr.n
		v := bytes.TrimSpace(line)
		if len(v) == 0 || v[0] == '#' {
			continue
		}
		if !bytes.ContainsAny(v, " \t,;\"'<>()[]") {
			if k := Classify(v); k != Unknown {
				em.emit("line", k, v)
				if em.err != nil {
					return em.err
				}
				continue
			}
		}
		// Free text: every indicator the scanner finds, defanged ones
		// refanged.
		for _, m := range ioc.Scan(string(v)) {
			k := iocKind(m.Kind)
			if k == Unknown {
				continue
			}
			em.emit("text", k, []byte(m.Value))
			if em.err != nil {
				return em.err
			}
		}
	}
}

func iocKind(k ioc.Kind) Kind {
	switch k {
	case ioc.IPv4, ioc.IPv6:
		return IP
	case ioc.Domain:
		return Domain
	case ioc.URL:
		return URL
	case ioc.Email:
		return Email
	case ioc.MD5, ioc.SHA1, ioc.SHA256, ioc.SHA512:
		return Hash
	}
	return Unknown
}

// limitedLines fails a read when a line grows past MaxLineBytes, so that
// a CSV record cannot take all memory.
type limitedLines struct {
	r   io.Reader
	run int
}

var errCSVLineTooLong = fmt.Errorf("a CSV line longer than %d bytes", MaxLineBytes)

func (l *limitedLines) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
		} else if l.run++; l.run > MaxLineBytes {
			return 0, errCSVLineTooLong
		}
	}
	return n, err
}

func readCSV(name string, lr *lineReader, opt Options, sink Sink, st *Stats) error {
	cr := csv.NewReader(&limitedLines{r: lr.br})
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return fmt.Errorf("CSV header: %w", err)
	}
	type col struct {
		i    int
		name string
		kind Kind
	}
	var cols []col
	byName := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		byName[strings.ToLower(h)] = i
		header[i] = h
	}
	if len(opt.Fields) == 0 {
		for i, h := range header {
			cols = append(cols, col{i, strings.Clone(h), Any})
		}
	}
	for _, f := range opt.Fields {
		i, ok := byName[strings.ToLower(f.Path)]
		if !ok {
			if n, err := strconv.Atoi(f.Path); err == nil && n >= 1 && n <= len(header) {
				i, ok = n-1, true
			}
		}
		if !ok {
			return fmt.Errorf("CSV has no column %q (columns: %s)", f.Path, strings.Join(header, ", "))
		}
		cols = append(cols, col{i, strings.Clone(header[i]), f.Kind})
	}
	st.Lines++
	em := &emitter{ev: Event{Source: name}, sink: sink, st: st}
	line := 1 // of the last record read; the header's to start with
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			// FieldPos may not be asked after a failed read: it panics
			// when the read made no fields (a quote left open at the end).
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				st.Lines++
				st.Malformed.Add(name, int64(pe.StartLine), "CSV: "+pe.Err.Error())
				continue
			}
			if errors.Is(err, errCSVLineTooLong) {
				return fmt.Errorf("after record at line %d: %w", line, err)
			}
			return err
		}
		line, _ = cr.FieldPos(0)
		st.Lines++
		em.ev.Line = int64(line)
		for _, c := range cols {
			if c.i < len(rec) {
				em.emit(c.name, c.kind, []byte(strings.TrimSpace(rec[c.i])))
			}
		}
		if em.err != nil {
			return em.err
		}
	}
}
