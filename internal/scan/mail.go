package scan

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/dossier-cti/dossier/internal/mail"
	"github.com/dossier-cti/dossier/internal/scan/events"
)

// ScanMail reads an EML file or an MBOX (compressed or not) and checks
// every message: its addresses and their domains, relay addresses, the
// Message-ID's domain, links and their hosts and attachment hashes
// against the index and the protected domains, and what internal/mail's
// checks found (Reply-To and display-name tricks, link text showing
// another domain, SPF/DKIM/DMARC failures), each an alert of kind mail.
// An alert's line is the message's Message-ID. A message that cannot be
// read is counted as malformed, with its number and line, and the
// messages after it are read all the same.
func (s *Scanner) ScanMail(ctx context.Context, in *events.Input, lim mail.Limits) (*events.Stats, error) {
	s.ctx = ctx
	st := &events.Stats{Source: in.Name, Format: events.FormatMail, Compression: in.Compression}
	head, err := in.Peek(5)
	if err != nil {
		return st, fmt.Errorf("%s: %w", in.Name, err)
	}
	var msgs iter.Seq2[*mail.Message, error]
	if string(head) == "From " {
		msgs = mail.ReadMBOX(in, in.Name, lim)
	} else {
		msgs = func(yield func(*mail.Message, error) bool) { yield(mail.ReadEML(in, in.Name, lim)) }
	}
	for m, err := range msgs {
		if cerr := ctx.Err(); cerr != nil {
			return st, cerr
		}
		st.Lines++
		if err != nil {
			var me *mail.MessageError
			if errors.As(err, &me) {
				st.Malformed.Add(in.Name, int64(me.Line), fmt.Sprintf("message %d: %v", me.Index, me.Err))
				continue
			}
			return st, err
		}
		if err := s.message(m, st); err != nil {
			return st, err
		}
	}
	return st, nil
}

// where names a message in alerts: its Message-ID, or its place in the
// file when it has none.
func where(m *mail.Message) Where {
	if m.MessageID != "" {
		return Where{ID: m.MessageID}
	}
	return Where{ID: fmt.Sprintf("(no Message-ID: message %d at line %d)", m.Index, m.Line)}
}

func (s *Scanner) message(m *mail.Message, st *events.Stats) error {
	w := where(m)
	ev := events.Event{Source: m.Source}
	if !m.Date.IsZero() {
		ev.Time = []byte(m.Date.UTC().Format(time.RFC3339Nano))
	}
	for _, o := range m.Observables() {
		var k events.Kind
		switch o.Kind {
		case "email-addr":
			k = events.Email
		case "domain-name":
			k = events.Domain
		case "ipv4-addr", "ipv6-addr":
			k = events.IP
		case "url":
			k = events.URL
		case "file":
			k = events.Hash
		default:
			continue
		}
		ev.Line, ev.Field, ev.Value, ev.Kind = int64(m.Line), o.Field, []byte(o.Value), k
		st.Events++
		if err := s.matchEvent(&ev, w); err != nil {
			return err
		}
	}
	return s.findings(m, w)
}

// findings reports the checks' findings of a message and of the messages
// attached to it.
func (s *Scanner) findings(m *mail.Message, w Where) error {
	for _, f := range m.Findings {
		if err := s.report(&Alert{
			Source: m.Source, Line: w, Field: f.Field, Value: f.Value, Kind: KindMail,
			Check: string(f.Check), Reason: f.Reason,
		}); err != nil {
			return err
		}
	}
	for _, a := range m.Attached {
		aw := w
		if a.MessageID != "" {
			aw = Where{ID: a.MessageID}
		}
		if err := s.findings(a, aw); err != nil {
			return err
		}
	}
	return nil
}
