// Package scan checks logs against the knowledge base: it reads inputs
// with package events, matches every value against the index of active
// indicators (package index), finds password spraying in sign-in logs,
// and turns what it finds into alerts that name the indicator and, where
// the knowledge base knows them, the actor, campaign and report behind
// it. Hits can be recorded as STIX sightings.
package scan

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/lookalike"
	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/scan/index"
)

// Scanner matches inputs against an index and reports alerts. It is not
// safe for concurrent use.
type Scanner struct {
	ix     *index.Index
	m      *index.Matcher
	attrib Attributor
	emit   func(*Alert) error
	spray  *sprayDetector
	pats   *patternSet
	// PatternWarnings lists the patterns the engine could not compile.
	PatternWarnings []string
	// Lookalike, when set, flags domains (and the hosts of URLs and
	// email addresses) that imitate protected ones.
	Lookalike *lookalike.Matcher

	// Sightings counts hits per indicator, for recording.
	Sightings map[string]*Sighting
	// Counts of this scan.
	Events int64
	Alerts int64

	line      lineKey
	lineSeen  map[string]bool
	lookSeen  map[string]*lookalike.Match
	ctx       context.Context
	lastCheck int64

	// Alerts wait in queue, in order, while batch is set (a file is read
	// and the attributor can prefetch): the indicators they need named
	// are then read from the store a batch at a time. pending lists the
	// queued alerts' indicators, each once (a Prefetcher skips those it
	// has answered before).
	batch     bool
	queue     []queued
	queuedAt  time.Time // when the first alert of the queue came
	pending   []string
	inPending map[string]bool
}

// queued is an alert waiting for its indicator to be attributed (when
// attrib is set) and finished (its reason written) before it is
// reported.
type queued struct {
	a      *Alert
	attrib bool
	finish func(*Alert)
}

// Bounds of the queue: how many indicators a prefetch reads at most, how
// many alerts may wait, and for how long (checked every checkEvery
// events): a long scan with few hits still shows each soon.
const (
	batchIndicators = 256
	maxQueued       = 4096
)

var maxWait = time.Second // a variable for tests

// Sighting is what a scan saw of one indicator.
type Sighting struct {
	IndicatorID string
	Count       int
	FirstSeen   time.Time
	LastSeen    time.Time
}

type lineKey struct {
	source string
	line   Where
}

// New returns a scanner of ix. attrib may be nil (alerts then name the
// indicator only); emit receives every alert, in order.
func New(ix *index.Index, attrib Attributor, spray SprayOptions, emit func(*Alert) error) *Scanner {
	s := &Scanner{
		ix: ix, m: index.NewMatcher(ix), attrib: attrib, emit: emit,
		spray:     newSprayDetector(spray),
		Sightings: map[string]*Sighting{},
		lineSeen:  map[string]bool{},
		lookSeen:  map[string]*lookalike.Match{},
		inPending: map[string]bool{},
	}
	s.pats, s.PatternWarnings = newPatternSet(ix.Info.Patterns)
	return s
}

// Patterns returns how many indicators are matched through the pattern
// engine.
func (s *Scanner) Patterns() int {
	if s.pats == nil {
		return 0
	}
	return s.pats.set.Len()
}

// ScanInput reads one input to the end and reports its alerts. Those of
// a file may wait, in order, up to a second for their indicators to be
// named a batch at a time; all are reported when it returns.
func (s *Scanner) ScanInput(ctx context.Context, in *events.Input, opt events.Options) (*events.Stats, error) {
	s.ctx = ctx
	sink := events.Sink{Event: s.event, SignIn: s.spray.add}
	// Alerts from a file wait for their indicators to be named in
	// batches; from standard input, which may be a live stream, each is
	// reported as soon as it is found.
	_, canPrefetch := s.attrib.(Prefetcher)
	s.batch = canPrefetch && in.Name != "-"
	st, err := events.Read(in, opt, sink)
	s.batch = false
	if ferr := s.flush(); err == nil {
		err = ferr
	}
	return st, err
}

// Finish reports what can only be told at the end: password spraying.
func (s *Scanner) Finish(ctx context.Context) error {
	s.ctx = ctx
	if err := s.flush(); err != nil {
		return err
	}
	for _, a := range s.spray.alerts() {
		if err := s.report(a); err != nil {
			return err
		}
	}
	return nil
}

// checkEvery is how many events pass between checks of the context.
const checkEvery = 1 << 14

func (s *Scanner) event(ev *events.Event) error {
	return s.matchEvent(ev, Where{N: ev.Line})
}

// matchEvent checks one value; w is where alerts say it was.
func (s *Scanner) matchEvent(ev *events.Event, w Where) error {
	s.Events++
	if s.Events-s.lastCheck >= checkEvery {
		s.lastCheck = s.Events
		if err := s.ctx.Err(); err != nil {
			return err
		}
		if len(s.queue) > 0 && time.Since(s.queuedAt) >= maxWait {
			if err := s.flush(); err != nil {
				return err
			}
		}
	}
	hits := s.m.Match(ev.Kind, ev.Value)
	if s.Lookalike != nil {
		if err := s.lookalike(ev, w); err != nil {
			return err
		}
	}
	if s.pats != nil {
		if err := s.patternHits(ev, w); err != nil {
			return err
		}
	}
	if len(hits) == 0 {
		return nil
	}
	if k := (lineKey{ev.Source, w}); k != s.line {
		s.line = k
		clear(s.lineSeen)
	}
	for i, h := range hits {
		dup := false
		for _, p := range hits[:i] {
			if p.Rule == h.Rule {
				dup = true // the same indicator through another way (URL and its host)
				break
			}
		}
		if dup {
			continue
		}
		rule := s.ix.Rule(h.Rule)
		key := ev.Field + "\x00" + string(ev.Value) + "\x00" + rule.ID
		if s.lineSeen[key] {
			continue // the same value twice in one field of one line
		}
		s.lineSeen[key] = true
		if err := s.hit(ev, w, h, rule); err != nil {
			return err
		}
	}
	return nil
}

// sight counts a hit of an indicator for --record, seen at t (the time
// the log gives the line, else now).
func (s *Scanner) sight(id string, t time.Time) {
	sg := s.Sightings[id]
	if sg == nil {
		sg = &Sighting{IndicatorID: id, FirstSeen: t, LastSeen: t}
		s.Sightings[id] = sg
	}
	sg.Count++
	if t.Before(sg.FirstSeen) {
		sg.FirstSeen = t
	}
	if t.After(sg.LastSeen) {
		sg.LastSeen = t
	}
}

// eventTime is when the log says an event happened, else now.
func eventTime(ev *events.Event) (time.Time, bool) {
	if t, ok := events.ParseTime(ev.Time); ok {
		return t, true
	}
	return time.Now().UTC(), false
}

// stamp sets an alert's time from its event and counts the sighting.
func (s *Scanner) stamp(a *Alert, ev *events.Event) {
	t, ok := eventTime(ev)
	if ok {
		a.Time = t.Format(time.RFC3339Nano)
	}
	s.sight(a.Indicator.ID, t)
}

// attribute fills in what the knowledge base ties the alert's indicator
// to.
func (s *Scanner) attribute(a *Alert) error {
	if s.attrib == nil {
		return nil
	}
	// An alert found is reported even when the scan is interrupted
	// meanwhile: naming it (or a batch of at most maxQueued) is a few
	// short look-ups, and the scan checks its context between events.
	at, err := s.attrib.Attribute(context.WithoutCancel(s.ctx), a.Indicator.ID)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	if at.Pattern != "" {
		a.Indicator.Pattern = at.Pattern
	}
	a.Indicator.Name = at.Name
	a.Actor, a.Actors, a.Campaign, a.Report, a.Labels = at.Actor, at.Actors, at.Campaign, at.Report, at.Labels
	a.Malware = at.Malware
	return nil
}

func (s *Scanner) hit(ev *events.Event, w Where, h index.Hit, rule index.Rule) error {
	a := &Alert{
		Source: ev.Source, Line: w, Field: ev.Field, Value: string(ev.Value),
		Kind: KindIndicator, Indicator: &IndicatorRef{ID: rule.ID},
		Matched: s.ix.Key(h), How: h.How.String(),
	}
	s.stamp(a, ev)
	return s.push(a, true, func(a *Alert) { a.Reason = reason(a, h, rule) })
}

// push reports an alert, or queues it while alerts are batched. attrib
// says it names an indicator to attribute; finish, when set, completes
// it once attributed.
func (s *Scanner) push(a *Alert, attrib bool, finish func(*Alert)) error {
	if !s.batch && len(s.queue) == 0 {
		return s.deliver(a, attrib, finish)
	}
	if len(s.queue) == 0 {
		s.queuedAt = time.Now()
	}
	s.queue = append(s.queue, queued{a, attrib, finish})
	if id := a.Indicator; attrib && !s.inPending[id.ID] {
		s.inPending[id.ID] = true
		s.pending = append(s.pending, id.ID)
	}
	if len(s.pending) >= batchIndicators || len(s.queue) >= maxQueued {
		return s.flush()
	}
	return nil
}

// flush prefetches the attribution of the queued alerts' indicators and
// reports the alerts in order.
func (s *Scanner) flush() error {
	if len(s.queue) == 0 {
		return nil
	}
	if p, ok := s.attrib.(Prefetcher); ok && len(s.pending) > 0 {
		if err := p.Prefetch(context.WithoutCancel(s.ctx), s.pending); err != nil {
			s.queue = s.queue[:0]
			return fmt.Errorf("scan: %w", err)
		}
	}
	s.pending = s.pending[:0]
	clear(s.inPending)
	q := s.queue
	s.queue = nil
	for _, it := range q {
		if err := s.deliver(it.a, it.attrib, it.finish); err != nil {
			return err
		}
	}
	clear(q)
	s.queue = q[:0]
	return nil
}

// deliver attributes, finishes and reports one alert.
func (s *Scanner) deliver(a *Alert, attrib bool, finish func(*Alert)) error {
	if attrib {
		if err := s.attribute(a); err != nil {
			return err
		}
	}
	if finish != nil {
		finish(a)
	}
	return s.report(a)
}

// patternHits reports the indicators whose full patterns the event's
// value matches.
func (s *Scanner) patternHits(ev *events.Event, w Where) error {
	ids, err := s.pats.match(ev, time.Now().UTC())
	if err != nil && len(ids) == 0 {
		return nil // too complex to finish for this event: the other patterns were still tried
	}
	for _, id := range ids {
		a := &Alert{
			Source: ev.Source, Line: w, Field: ev.Field, Value: string(ev.Value),
			Kind: KindIndicator, Indicator: &IndicatorRef{ID: id, Pattern: s.pats.src[id]}, How: "pattern",
		}
		s.stamp(a, ev)
		if err := s.push(a, true, func(a *Alert) { a.Reason = reason(a, index.Hit{}, index.Rule{}) }); err != nil {
			return err
		}
	}
	return nil
}

// lookalike checks the domain in an event (a domain, a URL's host, an
// address's domain) against the protected domains. Each distinct domain
// is judged once per scan; every event that shows a look-alike is an
// alert.
func (s *Scanner) lookalike(ev *events.Event, w Where) error {
	d := hostOf(ev.Kind, ev.Value)
	if d == "" {
		return nil
	}
	verdict, seen := s.lookSeen[d]
	if !seen {
		m, ok := s.Lookalike.Match(d)
		if ok {
			verdict = &m
		}
		if len(s.lookSeen) < 1<<20 {
			s.lookSeen[d] = verdict
		}
	}
	if verdict == nil {
		return nil
	}
	shown := verdict.Domain
	if verdict.Unicode != verdict.Domain {
		shown = verdict.Unicode + " (" + verdict.Domain + ")"
	}
	return s.push(&Alert{
		Source: ev.Source, Line: w, Field: ev.Field, Value: string(ev.Value),
		Kind: KindLookalike, Protected: verdict.Protected, Trick: verdict.Trick.String(),
		Reason: fmt.Sprintf("%s imitates the protected domain %s (%s: %s)", shown, verdict.Protected, verdict.Trick, verdict.Reason),
	}, false, nil)
}

// hostOf returns the domain an event's value names: the value itself, a
// URL's host or an address's domain; "" for IP addresses and hashes.
func hostOf(k events.Kind, v []byte) string {
	switch k {
	case events.Domain:
	case events.URL:
		u, parts, ok := index.AppendURL(nil, v)
		if !ok {
			return ""
		}
		v = u[parts.Host[0]:parts.Host[1]]
		if len(v) > 0 && (v[0] >= '0' && v[0] <= '9' || bytes.IndexByte(v, ':') >= 0) {
			return ""
		}
	case events.Email:
		i := bytes.LastIndexByte(v, '@')
		if i < 0 {
			return ""
		}
		v = v[i+1:]
	default:
		return ""
	}
	return strings.ToLower(strings.TrimSuffix(string(v), "."))
}

func (s *Scanner) report(a *Alert) error {
	s.Alerts++
	return s.emit(a)
}

// reason says in words why a value matched.
func reason(a *Alert, h index.Hit, rule index.Rule) string {
	var b strings.Builder
	if a.How == "pattern" {
		fmt.Fprintf(&b, "%s matches the pattern %s", a.Value, a.Indicator.Pattern)
	}
	switch h.How {
	case index.Exact:
		fmt.Fprintf(&b, "%s is an indicator", a.Matched)
	case index.Parent:
		fmt.Fprintf(&b, "%s is under %s, an indicator", strings.ToLower(a.Value), a.Matched)
	case index.InCIDR:
		fmt.Fprintf(&b, "%s is in %s, an indicator", a.Value, a.Matched)
	case index.URLNoQuery:
		fmt.Fprintf(&b, "the URL without its query is %s, an indicator", a.Matched)
	case index.HostOfURL:
		fmt.Fprintf(&b, "the URL's host is (under) %s, an indicator", a.Matched)
	case index.DomainOfEmail:
		fmt.Fprintf(&b, "the address's domain is (under) %s, an indicator", a.Matched)
	}
	if rule.Port > 0 {
		fmt.Fprintf(&b, " (the indicator names port %d too)", rule.Port)
	}
	switch {
	case a.Actor != nil && a.Report != nil:
		fmt.Fprintf(&b, " of %s, named in %q", a.Actor.Name, a.Report.Name)
	case a.Actor != nil:
		fmt.Fprintf(&b, " of %s", a.Actor.Name)
	case a.Malware != nil:
		fmt.Fprintf(&b, " of %s", a.Malware.Name)
	case a.Report != nil:
		fmt.Fprintf(&b, " named in %q", a.Report.Name)
	}
	return b.String()
}
