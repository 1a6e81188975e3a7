package pattern

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Observation is an observed-data object as patterns see it: its time
// interval, how many observations it stands for, and its cyber-observable
// objects. Nothing else of the observed-data is needed.
type Observation struct {
	ID             string    // the observed-data id ("" when it has none)
	FirstObserved  time.Time // start of the interval
	LastObserved   time.Time // end of the interval
	NumberObserved int       // how many observations it stands for, at least 1
	Objects        []Object  // the objects patterns are matched against, in document order
	Missing        []string  // object_refs that did not resolve

	resolve func(ref string) *stix.Value
}

// Object is one cyber-observable object of an observation.
type Object struct {
	Key   string // its key in a STIX 2.0 objects dictionary, or its id
	Type  string
	Value *stix.Value
}

// deref resolves a reference (a 2.0 dictionary key or a 2.1 id).
func (o *Observation) deref(ref string) *stix.Value {
	if o.resolve == nil {
		return nil
	}
	return o.resolve(ref)
}

// NewObservation builds an Observation from an observed-data object.
// It is lenient: only first_observed, last_observed, number_observed and
// the objects are read. Objects come from the 2.0 objects dictionary and
// from object_refs, which lookup resolves (it may be nil when there are
// none). Any object type is accepted, custom ones included.
func NewObservation(od *stix.Value, lookup func(id string) *stix.Value) (*Observation, error) {
	if od == nil || od.Kind != stix.KindObject {
		return nil, errors.New("observed-data is not a JSON object")
	}
	o := &Observation{}
	o.ID, _ = od.GetString("id")
	var err error
	if o.FirstObserved, err = timeProp(od, "first_observed"); err != nil {
		return nil, err
	}
	if o.LastObserved, err = timeProp(od, "last_observed"); err != nil {
		return nil, err
	}
	if o.LastObserved.Before(o.FirstObserved) {
		return nil, fmt.Errorf("last_observed %s is before first_observed %s", o.LastObserved.Format(time.RFC3339Nano), o.FirstObserved.Format(time.RFC3339Nano))
	}
	n := od.Get("number_observed")
	if n == nil {
		return nil, errors.New("no number_observed")
	}
	count, ok := n.Int()
	if !ok || count < 1 || count > 1<<31-1 {
		return nil, fmt.Errorf("number_observed %s is not a whole number from 1 to 2147483647", n.Str)
	}
	o.NumberObserved = int(count)

	var dict map[string]*stix.Value
	if objs := od.Get("objects"); objs != nil && objs.Kind == stix.KindObject {
		dict = make(map[string]*stix.Value, len(objs.Members))
		for i := range objs.Members {
			m := &objs.Members[i]
			dict[m.Name] = &m.Value
			if typ, ok := m.Value.GetString("type"); ok {
				o.Objects = append(o.Objects, Object{Key: m.Name, Type: typ, Value: &m.Value})
			}
		}
	}
	if refs := od.Get("object_refs"); refs != nil && refs.Kind == stix.KindArray {
		for i := range refs.Items {
			id := refs.Items[i].Str
			var v *stix.Value
			if lookup != nil && refs.Items[i].Kind == stix.KindString {
				v = lookup(id)
			}
			if v == nil {
				o.Missing = append(o.Missing, id)
				continue
			}
			if typ, ok := v.GetString("type"); ok {
				o.Objects = append(o.Objects, Object{Key: id, Type: typ, Value: v})
			}
		}
	}
	if len(o.Objects) == 0 && len(o.Missing) == 0 {
		return nil, errors.New("no objects and no object_refs")
	}
	o.resolve = func(ref string) *stix.Value {
		if v := dict[ref]; v != nil {
			return v
		}
		if lookup != nil {
			return lookup(ref)
		}
		return nil
	}
	return o, nil
}

// timeProp reads a timestamp property: a STIX timestamp, or any RFC 3339
// instant.
func timeProp(v *stix.Value, name string) (time.Time, error) {
	s, ok := v.GetString(name)
	if !ok {
		return time.Time{}, fmt.Errorf("no %s", name)
	}
	if ts, err := stix.ParseTimestamp(s); err == nil {
		return ts.Time, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q is not an RFC 3339 timestamp", name, s)
	}
	return t.UTC(), nil
}

// ReadError is an observed-data object that could not be used.
type ReadError struct {
	Index int    // position in the document's objects
	ID    string // its id, when it has one
	Err   error
}

func (e *ReadError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("object %d (%s): %v", e.Index, e.ID, e.Err)
	}
	return fmt.Sprintf("object %d: %v", e.Index, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// ReadObservations reads a STIX document (one object, a JSON array of
// objects, or a bundle, STIX 2.0 or 2.1) and returns its observed-data
// objects as Observations, sorted by first_observed (then
// last_observed, then document order). References in object_refs and
// *_ref properties resolve to any object of the document. Observed-data
// that cannot be used (no timestamps, no objects) are returned as
// *ReadError in bad; err is a malformed document or a read error.
func ReadObservations(r io.Reader) (obs []*Observation, bad []error, err error) {
	rd := stix.NewReader(r, stix.DefaultLimits)
	var items []*stix.Item
	byID := map[string]*stix.Value{}
	for {
		it, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		it.Raw = nil // the parsed Value is what is matched; the text would double the memory
		items = append(items, it)
		if id, ok := it.Value.GetString("id"); ok {
			byID[id] = &it.Value
		}
	}
	lookup := func(id string) *stix.Value { return byID[id] }
	for _, it := range items {
		if typ, _ := it.Value.GetString("type"); typ != "observed-data" {
			continue
		}
		o, err := NewObservation(&it.Value, lookup)
		if err != nil {
			id, _ := it.Value.GetString("id")
			bad = append(bad, &ReadError{Index: it.Index, ID: id, Err: err})
			continue
		}
		obs = append(obs, o)
	}
	SortObservations(obs)
	return obs, bad, nil
}

// SortObservations puts observations in timestamp order: by
// first_observed, then last_observed; the order is stable.
func SortObservations(obs []*Observation) {
	sort.SliceStable(obs, func(i, j int) bool {
		a, b := obs[i], obs[j]
		if !a.FirstObserved.Equal(b.FirstObserved) {
			return a.FirstObserved.Before(b.FirstObserved)
		}
		return a.LastObserved.Before(b.LastObserved)
	})
}
