package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/dossier-cti/dossier/internal/ingest/ipsum"
	"github.com/dossier-cti/dossier/internal/ingest/maltrail"
	"github.com/dossier-cti/dossier/internal/ingest/mispgalaxy"
	"github.com/dossier-cti/dossier/internal/ingest/msnaming"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// converted is what a converter of another format made.
type converted struct {
	objects []*stix.Object
	notes   []string
	what    string // "MISP galaxy threat-actor (version 349)"
}

// convert runs the converter of format over r (from the source called
// name), dating new objects now.
func convert(format Format, name string, r io.Reader, now time.Time) (*converted, error) {
	switch format {
	case FormatMaltrail:
		res, err := maltrail.Convert(r, maltrail.Options{Tag: filepath.Base(name), Now: now})
		if err != nil {
			return nil, err
		}
		return &converted{res.Objects, res.Notes, fmt.Sprintf("Maltrail trail %q (%d entries)", res.Tag, res.Entries)}, nil
	case FormatIPsum:
		res, err := ipsum.Convert(r, now)
		if err != nil {
			return nil, err
		}
		return &converted{res.Objects, res.Notes, fmt.Sprintf("IPsum (%d addresses)", res.Entries)}, nil
	case FormatMISPGalaxy:
		res, err := mispgalaxy.Convert(r, mispgalaxy.Options{Now: now})
		if err != nil {
			return nil, err
		}
		return &converted{res.Objects, res.Notes, fmt.Sprintf("MISP galaxy %s %q (version %d)", res.GalaxyType, res.GalaxyName, res.Version)}, nil
	case FormatMicrosoftNaming:
		res, err := msnaming.Convert(r, msnaming.Options{Now: now})
		if err != nil {
			return nil, err
		}
		return &converted{res.Objects, res.Notes, fmt.Sprintf("Microsoft threat-actor naming map (%d entries)", res.Entries)}, nil
	}
	return nil, fmt.Errorf("no converter for %s", format)
}

// ingestConverted converts a whole input of another format to STIX and
// stores the objects. The objects dossier makes this way have no dates of
// their own: a new object is dated now, an object whose content is
// unchanged since the stored version keeps that version (so ingesting the
// same file again changes nothing), and a changed one becomes a new
// version dated now.
func ingestConverted(ctx context.Context, tx store.Tx, src Source, r io.Reader, format Format, opt Options, usedTLP map[string]bool, rep *Report) (*SourceReport, *Skipped, error) {
	now := time.Now().UTC().Truncate(time.Millisecond)
	conv, err := convert(format, src.Name, r, now)
	if err != nil {
		if src.FromDir && errors.Is(err, mispgalaxy.ErrUnsupportedType) {
			return nil, &Skipped{Name: src.Name, Reason: err.Error()}, nil
		}
		return nil, nil, &InputError{Source: src.Name, Offset: -1, Err: err}
	}
	sr := &SourceReport{Source: src.Name, Format: format, Notes: append([]string{"converted from " + conv.what}, conv.notes...)}
	if err := tx.Source(ctx, src.Name); err != nil {
		return sr, nil, err
	}
	return sr, nil, putMade(ctx, tx, conv.objects, now, opt, sr, usedTLP, rep)
}

// putMade checks and stores objects dossier made (by converting another
// format, or from a report), dating them with stamp.
func putMade(ctx context.Context, tx store.Tx, objs []*stix.Object, now time.Time, opt Options, sr *SourceReport, usedTLP map[string]bool, rep *Report) error {
	ids := make([]string, len(objs))
	for i, o := range objs {
		ids[i] = o.ID
	}
	if err := tx.Prefetch(ctx, ids); err != nil {
		return err
	}
	for i, o := range objs {
		if err := ctx.Err(); err != nil {
			return err
		}
		sr.Counts.Objects++
		if opt.Progress != nil {
			opt.Progress.Objects.Add(1)
		}
		it := &stix.Item{Index: i, Offset: -1, Value: o.Props, Raw: o.Raw}
		p, rej, _, marked := check(it, "2.1", opt)
		if marked {
			sr.Counts.Marked++
		}
		if rej != nil {
			sr.Counts.Rejected++
			sr.Rejected = append(sr.Rejected, *rej)
			continue
		}
		rep.ByType[p.obj.Type]++
		stamped, unchanged, err := stamp(ctx, tx, p.obj, now)
		if err != nil {
			return err
		}
		if unchanged {
			sr.Counts.Unchanged++
			continue
		}
		p.obj, p.unmarked = stamped, nil
		res, err := putOne(ctx, tx, p, sr)
		if err != nil {
			return err
		}
		if name := p.obj.Name(); name != "" && (res == store.Added || res == store.NewVersion) && len(rep.Found[p.obj.Type]) < MaxFound {
			rep.Found[p.obj.Type] = append(rep.Found[p.obj.Type], name)
		}
		for _, ref := range p.obj.Refs() {
			if stix.TLPByID(ref.To) != nil {
				usedTLP[ref.To] = true
			}
		}
	}
	return nil
}

// stamp dates an object a converter made. When the store holds the object
// and nothing but its dates differs, it reports unchanged. Otherwise it
// returns the object to put: with the stored created time, and a modified
// time after the stored one.
func stamp(ctx context.Context, tx store.Tx, o *stix.Object, now time.Time) (*stix.Object, bool, error) {
	rec, err := tx.Get(ctx, o.ID)
	if errors.Is(err, store.ErrNotFound) {
		return o, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	old, err := rec.Object()
	if err != nil {
		return nil, false, err
	}
	v := o.Props
	v.Members = append([]stix.Member(nil), v.Members...)
	if old.Created != "" {
		v.Set("created", stix.StringValue(old.Created))
	}
	// Times set to "now" when dossier made the object keep the first
	// version's value: an indicator valid from its first sighting, a
	// report published when first read.
	for _, k := range []string{"valid_from", "published"} {
		if pv := old.Props.Get(k); pv != nil && v.Get(k) != nil {
			v.Set(k, *pv)
		}
	}
	same, err := sameButModified(v, old.Props)
	if err != nil {
		return nil, false, err
	}
	if same {
		return nil, true, nil
	}
	if old.Modified != "" {
		prev, err := stix.ParseTimestamp(old.Modified)
		if err == nil && !now.After(prev.Time) {
			now = prev.Time.Add(time.Millisecond) // a clock behind the stored version
		}
		v.Set("modified", stix.StringValue(stix.FormatTimestamp(now)))
	}
	return stix.NewObject(v, nil), false, nil
}

// sameButModified reports whether two objects are equal when their
// modified properties are left out.
func sameButModified(a, b stix.Value) (bool, error) {
	strip := func(v stix.Value) ([]byte, error) {
		v.Members = append([]stix.Member(nil), v.Members...)
		v.Delete("modified")
		return stix.Canonical(v.AppendJSON(nil))
	}
	ca, err := strip(a)
	if err != nil {
		return false, err
	}
	cb, err := strip(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ca, cb), nil
}
