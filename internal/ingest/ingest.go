// Package ingest reads inputs (files, directories, standard input), detects
// their format by content, checks every object and writes what is valid to
// a store in one transaction: a failed ingest leaves the store exactly as it
// was.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dossier-cti/dossier/internal/ingest/ipsum"
	"github.com/dossier-cti/dossier/internal/ingest/maltrail"
	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/ingest/msnaming"
	"github.com/dossier-cti/dossier/internal/jsonin"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Options control an ingest.
type Options struct {
	// Strict refuses the whole ingest when any object is invalid; by
	// default valid objects are kept and the invalid ones listed.
	Strict bool
	// TLP, when set, is added as the object marking of every object that
	// arrives without any marking (object or granular). Marking
	// definitions themselves are left as they are.
	TLP *stix.TLP
	// Limits bound single values in the input; zero means stix.DefaultLimits.
	Limits stix.Limits
	// Progress, when set, is updated as input is read.
	Progress *Progress
	// Log receives a line per source; nil discards them.
	Log *slog.Logger
	// Reports says how reports in prose are read and who published them.
	Reports ReportOptions
}

// Progress counts what an ingest has done so far; it is safe to read from
// another goroutine while the ingest runs.
type Progress struct {
	Source    atomic.Pointer[string]
	Bytes     atomic.Int64 // bytes of the current source read
	Total     atomic.Int64 // size of the current source, -1 when unknown
	Objects   atomic.Int64 // objects read from all sources
	SourceNum atomic.Int64 // 1-based number of the current source
	Sources   atomic.Int64 // number of sources
}

// Report says what an ingest did. When Err is set nothing was stored.
type Report struct {
	Sources []*SourceReport `json:"sources"`
	Skipped []Skipped       `json:"skipped,omitempty"`
	Counts  Counts          `json:"counts"`
	ByType  map[string]int  `json:"by_type"` // objects read (valid or not), by type
	// Found lists, per type, the names of up to MaxFound objects that this
	// ingest added or updated, to show a newcomer what arrived.
	Found    map[string][]string `json:"found,omitempty"`
	Builtins []string            `json:"builtins,omitempty"` // fixed TLP definitions added because objects use them
	Duration time.Duration       `json:"-"`
	Seconds  float64             `json:"seconds"`
	Err      error               `json:"-"`
	Error    string              `json:"error,omitempty"`
}

// Counts totals the outcomes of every object read.
type Counts struct {
	Objects      int `json:"objects"`
	Added        int `json:"added"`
	NewVersions  int `json:"new_versions"`
	OlderVersion int `json:"older_versions"`
	Unchanged    int `json:"unchanged"`
	Rejected     int `json:"rejected"`
	Upgraded     int `json:"upgraded_from_2_0"`
	Marked       int `json:"marked_tlp"`
}

func (c *Counts) add(o Counts) {
	c.Objects += o.Objects
	c.Added += o.Added
	c.NewVersions += o.NewVersions
	c.OlderVersion += o.OlderVersion
	c.Unchanged += o.Unchanged
	c.Rejected += o.Rejected
	c.Upgraded += o.Upgraded
	c.Marked += o.Marked
}

// SourceReport says what happened to one source.
type SourceReport struct {
	Source      string      `json:"source"`
	Format      Format      `json:"format"`
	Form        stix.Form   `json:"form,omitempty"`
	BundleID    string      `json:"bundle_id,omitempty"`
	SpecVersion string      `json:"spec_version,omitempty"`
	Counts      Counts      `json:"counts"`
	Rejected    []Rejection `json:"rejected,omitempty"`
	Notes       []string    `json:"notes,omitempty"`
}

// Rejection is an object that was not stored, and why.
type Rejection struct {
	Index  int    `json:"index"`          // position in the source's objects list
	Offset int64  `json:"offset"`         // byte offset of the object in the source
	ID     string `json:"id,omitempty"`   // the object's id, when it has one
	Type   string `json:"type,omitempty"` // the object's type, when it has one
	Path   string `json:"path"`           // JSON path of the (first) offending property
	Reason string `json:"reason"`         // what is wrong there
	// Problems lists every problem found, "path: reason", when there are
	// several; the first is also in Path and Reason.
	Problems []string `json:"problems,omitempty"`
}

func (r Rejection) String() string {
	who := r.ID
	if who == "" {
		who = "object without id"
	}
	return fmt.Sprintf("%s (byte offset %d, %s): %s", r.Path, r.Offset, who, r.Reason)
}

// InputError is a fatal problem with one source: unreadable, not a format
// dossier reads, malformed or hostile JSON. It names the source and, where
// known, the byte offset.
type InputError struct {
	Source string
	Offset int64 // -1 when not known
	Err    error
}

func (e *InputError) Error() string {
	var se *stix.SyntaxError
	if errors.As(e.Err, &se) {
		return fmt.Sprintf("%s: byte offset %d: %s", e.Source, se.Offset, se.Msg)
	}
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: byte offset %d: %v", e.Source, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// StrictError is returned in strict mode when objects were invalid; nothing
// was stored.
type StrictError struct{ Rejected int }

func (e *StrictError) Error() string {
	return fmt.Sprintf("strict mode: %d object(s) rejected, so nothing was stored", e.Rejected)
}

// batchSize is how many checked objects travel together from the reading
// goroutine to the writing one; a few batches in flight keep both busy
// while memory stays bounded.
const (
	batchSize     = 256
	batchesInFlow = 4
)

// Run ingests the sources into st in one transaction and reports what it
// did. On any fatal error (unreadable or malformed input, a store failure,
// a cancelled context, or an invalid object in strict mode) nothing is
// stored, Report.Err is set and the same error is returned.
func Run(ctx context.Context, st store.Store, sources []Source, opt Options) (*Report, error) {
	start := time.Now()
	if opt.Limits == (stix.Limits{}) {
		opt.Limits = stix.DefaultLimits
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	rep := &Report{ByType: map[string]int{}, Found: map[string][]string{}}
	if opt.Progress != nil {
		opt.Progress.Sources.Store(int64(len(sources)))
	}
	err := st.Update(ctx, func(tx store.Tx) error {
		usedTLP := map[string]bool{}
		for i, src := range sources {
			if opt.Progress != nil {
				name := src.Name
				opt.Progress.Source.Store(&name)
				opt.Progress.SourceNum.Store(int64(i + 1))
				opt.Progress.Total.Store(src.Size)
				opt.Progress.Bytes.Store(0)
			}
			sr, skipped, err := ingestSource(ctx, tx, src, opt, usedTLP, rep)
			if skipped != nil {
				opt.Log.Info("skipped", "source", skipped.Name, "reason", skipped.Reason)
				rep.Skipped = append(rep.Skipped, *skipped)
				continue
			}
			if sr != nil {
				rep.Sources = append(rep.Sources, sr)
				rep.Counts.add(sr.Counts)
				opt.Log.Info("ingested", "source", sr.Source, "form", sr.Form, "objects", sr.Counts.Objects,
					"added", sr.Counts.Added, "new_versions", sr.Counts.NewVersions, "unchanged", sr.Counts.Unchanged,
					"rejected", sr.Counts.Rejected)
			}
			if err != nil {
				return err
			}
		}
		if opt.Strict && rep.Counts.Rejected > 0 {
			return &StrictError{Rejected: rep.Counts.Rejected}
		}
		// Keep the store self-contained: the fixed TLP definitions that
		// stored objects point at are stored too.
		ids := make([]string, 0, len(usedTLP))
		for id := range usedTLP {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		if len(ids) > 0 {
			if err := tx.Source(ctx, "dossier built-in TLP definitions"); err != nil {
				return err
			}
		}
		for _, id := range ids {
			res, err := tx.Put(ctx, stix.TLPByID(id).Object())
			if err != nil {
				return fmt.Errorf("storing the %s definition: %w", stix.TLPByID(id).Name, err)
			}
			if res == store.Added {
				rep.Builtins = append(rep.Builtins, stix.TLPByID(id).Name)
			}
		}
		return nil
	})
	rep.Duration = time.Since(start)
	rep.Seconds = rep.Duration.Seconds()
	if err != nil {
		rep.Err = err
		rep.Error = err.Error()
		return rep, err
	}
	return rep, nil
}

// prepared is one object read and checked, on its way to the store.
type prepared struct {
	item     *stix.Item
	obj      *stix.Object
	unmarked *stix.Object // the object before --tlp marked it
}

type batch struct {
	objs     []prepared
	rejected []Rejection
	counts   Counts
}

// ingestSource reads one source and puts its objects. It returns a skip
// record instead when a file found under a directory is not a format
// dossier reads.
func ingestSource(ctx context.Context, tx store.Tx, src Source, opt Options, usedTLP map[string]bool, rep *Report) (*SourceReport, *Skipped, error) {
	byType := rep.ByType
	rc, err := src.open()
	if err != nil {
		return nil, nil, &InputError{Source: src.Name, Offset: -1, Err: unwrapPathError(err)}
	}
	defer rc.Close()
	br, head, err := peek(rc)
	if err != nil {
		return nil, nil, &InputError{Source: src.Name, Offset: 0, Err: err}
	}
	format, why := Detect(head)
	switch {
	case mispgalaxy.Detect(head):
		return ingestConverted(ctx, tx, src, br, FormatMISPGalaxy, opt, usedTLP, rep)
	case msnaming.Detect(head):
		return ingestConverted(ctx, tx, src, br, FormatMicrosoftNaming, opt, usedTLP, rep)
	case maltrail.Detect(head):
		return ingestConverted(ctx, tx, src, br, FormatMaltrail, opt, usedTLP, rep)
	case ipsum.Detect(head):
		return ingestConverted(ctx, tx, src, br, FormatIPsum, opt, usedTLP, rep)
	}
	if format == FormatReport {
		if src.FromDir && isRepositoryFile(src.Name) {
			return nil, &Skipped{Name: src.Name, Reason: "a repository's documentation file, not a report (name it on its own to read it as a report)"}, nil
		}
		return ingestReport(ctx, tx, src, br, opt, usedTLP, rep)
	}
	if format == FormatUnknown {
		if src.FromDir {
			return nil, &Skipped{Name: src.Name, Reason: why}, nil
		}
		return nil, nil, &InputError{Source: src.Name, Offset: 0, Err: fmt.Errorf("not a format dossier reads: %s (expected STIX 2.x JSON, a MISP galaxy, Microsoft's naming map, or a report as text, Markdown, HTML or PDF)", why)}
	}
	sr := &SourceReport{Source: src.Name, Format: format}
	if err := tx.Source(ctx, src.Name); err != nil {
		return sr, nil, err
	}
	var counted io.Reader = br
	if bytes.HasPrefix(head, jsonin.BOM) {
		// A byte order mark is allowed before JSON text; read it as white
		// space so that byte offsets still count from the file's start.
		counted = io.MultiReader(strings.NewReader("   "), skipN(br, len(jsonin.BOM)))
	}
	if opt.Progress != nil {
		counted = &countingReader{r: counted, n: &opt.Progress.Bytes}
	}
	rd := stix.NewReader(counted, opt.Limits)

	// Read and check in one goroutine, write in this one.
	batches := make(chan *batch, batchesInFlow)
	readErr := make(chan error, 1)
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		readErr <- readObjects(rctx, rd, src, opt, batches)
	}()
	var writeErr error
	for b := range batches {
		if writeErr != nil {
			continue // drain so the reader can finish
		}
		sr.Rejected = append(sr.Rejected, b.rejected...)
		sr.Counts.add(b.counts)
		ids := make([]string, len(b.objs))
		for i, p := range b.objs {
			ids[i] = p.obj.ID
		}
		if err := tx.Prefetch(ctx, ids); err != nil {
			writeErr = err
			cancel()
			continue
		}
		for _, p := range b.objs {
			byType[p.obj.Type]++
			res, err := putOne(ctx, tx, p, sr)
			if err != nil {
				writeErr = err
				cancel()
				break
			}
			if name := p.obj.Name(); name != "" && (res == store.Added || res == store.NewVersion) &&
				len(rep.Found[p.obj.Type]) < MaxFound && !slices.Contains(rep.Found[p.obj.Type], name) {
				rep.Found[p.obj.Type] = append(rep.Found[p.obj.Type], name)
			}
			for _, r := range p.obj.Refs() {
				if r.Prop == "object_marking_refs" || r.Prop == "granular_markings.marking_ref" {
					if stix.TLPByID(r.To) != nil {
						usedTLP[r.To] = true
					}
				}
			}
		}
		for _, rj := range b.rejected {
			if rj.Type != "" {
				byType[rj.Type]++
			}
		}
	}
	rerr := <-readErr
	if writeErr != nil {
		return sr, nil, writeErr
	}
	if rerr != nil {
		var nse *notSTIXError
		if errors.As(rerr, &nse) && src.FromDir {
			return nil, &Skipped{Name: src.Name, Reason: nse.Error()}, nil
		}
		return sr, nil, &InputError{Source: src.Name, Offset: -1, Err: rerr}
	}
	sr.Form = rd.Form()
	sr.BundleID = rd.BundleID()
	sr.SpecVersion = rd.SpecVersion()
	for _, name := range rd.Ignored() {
		sr.Notes = append(sr.Notes, fmt.Sprintf("top-level member %q is not part of STIX and was not stored", name))
	}
	if sr.Counts.Upgraded > 0 {
		sr.Notes = append(sr.Notes, fmt.Sprintf("%d object(s) upgraded from STIX 2.0 to 2.1", sr.Counts.Upgraded))
	}
	return sr, nil, nil
}

// notSTIXError says a JSON document is not STIX at all.
type notSTIXError struct{ msg string }

func (e *notSTIXError) Error() string { return e.msg }

// MaxFound is how many names per type Report.Found keeps.
const MaxFound = 5

// putOne writes one checked object and counts the outcome.
func putOne(ctx context.Context, tx store.Tx, p prepared, sr *SourceReport) (store.PutResult, error) {
	res, err := tx.Put(ctx, p.obj)
	if err != nil && errors.Is(err, store.ErrConflict) {
		res, err = resolveMarkingConflict(ctx, tx, p, err)
	}
	switch {
	case err == nil:
	case errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrRevoked):
		sr.Counts.Rejected++
		sr.Rejected = append(sr.Rejected, Rejection{
			Index: p.item.Index, Offset: p.item.Offset, ID: p.obj.ID, Type: p.obj.Type,
			Path: itemPath(p.item.Index, "modified"), Reason: conflictReason(err, p.obj),
		})
		return 0, nil
	default:
		return 0, err
	}
	switch res {
	case store.Added:
		sr.Counts.Added++
	case store.NewVersion:
		sr.Counts.NewVersions++
	case store.OlderVersion:
		sr.Counts.OlderVersion++
	case store.Unchanged:
		sr.Counts.Unchanged++
	}
	return res, nil
}

func conflictReason(err error, o *stix.Object) string {
	if errors.Is(err, store.ErrRevoked) {
		return "a stored version revoked this object, and STIX allows no later version"
	}
	mod := o.Modified
	if mod == "" {
		return "an object with this id is already stored with other content, and objects without modified cannot be versioned"
	}
	return fmt.Sprintf("the version modified %s is already stored with other content (STIX requires a new modified time for every change)", mod)
}

// resolveMarkingConflict accepts, as the same version, an object that
// differs from the stored one only by the TLP marking an ingest with --tlp
// added (to this object or to the stored one).
func resolveMarkingConflict(ctx context.Context, tx store.Tx, p prepared, conflict error) (store.PutResult, error) {
	if p.unmarked != nil {
		if res, err := tx.Put(ctx, p.unmarked); err == nil {
			return res, nil
		}
		return 0, conflict
	}
	rec, err := tx.GetVersion(ctx, p.obj.ID, p.obj.Modified)
	if err != nil {
		return 0, conflict
	}
	stored, err := rec.Object()
	if err != nil {
		return 0, conflict
	}
	refs := stored.Props.Get("object_marking_refs")
	if refs == nil || refs.Kind != stix.KindArray || len(refs.Items) != 1 || stix.TLPByID(refs.Items[0].Str) == nil {
		return 0, conflict
	}
	if p.obj.Props.Get("object_marking_refs") != nil {
		return 0, conflict
	}
	stored.Props.Delete("object_marking_refs")
	a, err1 := stix.Canonical(stored.Props.AppendJSON(nil))
	b, err2 := stix.Canonical(p.obj.Raw)
	if err1 != nil || err2 != nil || string(a) != string(b) {
		return 0, conflict
	}
	return store.Unchanged, nil
}

func itemPath(index int, prop string) string {
	p := "objects[" + strconv.Itoa(index) + "]"
	if prop != "" {
		p += "." + prop
	}
	return p
}

// readObjects reads, upgrades, marks and validates the objects of one
// source and sends them on in batches. It runs in its own goroutine.
func readObjects(ctx context.Context, rd *stix.Reader, src Source, opt Options, out chan<- *batch) error {
	b := &batch{}
	flush := func() bool {
		if len(b.objs) == 0 && len(b.rejected) == 0 && b.counts == (Counts{}) {
			return true
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return false
		}
		b = &batch{}
		return true
	}
	first := true
	for {
		it, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if opt.Progress != nil {
			opt.Progress.Objects.Add(1)
		}
		if first && rd.Form() == stix.FormObject {
			// A lone JSON object that is not STIX at all is a wrong input,
			// not a rejected object.
			if _, ok := it.Value.GetString("type"); !ok || it.Value.Get("id") == nil {
				return &notSTIXError{msg: "not a STIX document: the top-level JSON object has no type and id (expected a STIX bundle, a STIX object or a TAXII envelope)"}
			}
		}
		first = false
		b.counts.Objects++
		p, rej, upgraded, marked := check(it, rd.SpecVersion(), opt)
		if upgraded {
			b.counts.Upgraded++
		}
		if marked {
			b.counts.Marked++
		}
		if rej != nil {
			b.counts.Rejected++
			b.rejected = append(b.rejected, *rej)
		} else {
			b.objs = append(b.objs, p)
		}
		if len(b.objs)+len(b.rejected) >= batchSize {
			if !flush() {
				return ctx.Err()
			}
		}
	}
	if !flush() {
		return ctx.Err()
	}
	return nil
}

// check turns one item into an object ready to store, or a rejection.
func check(it *stix.Item, bundleVersion string, opt Options) (p prepared, rej *Rejection, upgraded, marked bool) {
	reject := func(id, typ, prop, reason string) (prepared, *Rejection, bool, bool) {
		return prepared{}, &Rejection{Index: it.Index, Offset: it.Offset, ID: id, Type: typ, Path: itemPath(it.Index, prop), Reason: reason}, upgraded, marked
	}
	if it.Value.Kind != stix.KindObject {
		return reject("", "", "", "not a JSON object but a "+it.Value.Kind.String())
	}
	v := it.Value
	typ, _ := v.GetString("type")
	id, _ := v.GetString("id")
	raw := it.Raw
	// STIX 2.0 objects have no spec_version (2.1 requires it on everything
	// but SCOs, which 2.0 had only inside observed-data).
	if v.Get("spec_version") == nil && (bundleVersion == "2.0" || stix.ClassOf(typ) != stix.ClassSCO) {
		if typ != "" {
			stix.Upgrade20(&v)
			upgraded = true
			raw = nil
		}
	}
	obj := stix.NewObject(v, raw)
	if t := stix.TLPByID(obj.ID); t != nil {
		if err := stix.CheckFixedTLP(obj, t); err != nil {
			return reject(id, typ, "", err.Error())
		}
		obj = t.Object() // one stored form, whatever precision or order the producer used
	}
	var unmarked *stix.Object
	if opt.TLP != nil && obj.Type != "marking-definition" && obj.Props.Get("object_marking_refs") == nil && obj.Props.Get("granular_markings") == nil {
		unmarked = obj
		mv := obj.Props
		mv.Members = append(append([]stix.Member(nil), mv.Members...), stix.Member{Name: "object_marking_refs", Value: stix.StringList(opt.TLP.ID)})
		obj = stix.NewObject(mv, nil)
		marked = true
	}
	if probs := stix.Validate(obj); len(probs) > 0 {
		p, r, u, m := reject(obj.ID, obj.Type, probs[0].Path, probs[0].Msg)
		if len(probs) > 1 {
			for _, pr := range probs {
				r.Problems = append(r.Problems, itemPath(it.Index, pr.Path)+": "+pr.Msg)
			}
		}
		return p, r, u, m
	}
	return prepared{item: it, obj: obj, unmarked: unmarked}, nil, upgraded, marked
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// skipN returns br after discarding its first n bytes.
func skipN(br *bufio.Reader, n int) io.Reader {
	br.Discard(n)
	return br
}
