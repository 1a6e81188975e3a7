package index

import (
	"context"
	"fmt"
	"time"

	"github.com/dossier-cti/dossier/internal/scan/events"
	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Info describes an index: what it holds and the state of the store it
// was built from, so that a saved index can tell when it is stale.
type Info struct {
	Built time.Time `json:"built"`
	// StoreObjects and StoreVersions count the store's objects and
	// versions when the index was built: every ingest that changes
	// anything adds versions.
	StoreObjects  int `json:"store_objects"`
	StoreVersions int `json:"store_versions"`
	// NextChange is the earliest time after Built when an indicator
	// becomes valid or expires: the index is stale from then on. Zero when
	// none will.
	NextChange time.Time `json:"next_change,omitzero"`

	Indicators int              `json:"indicators"` // indicators read
	Active     int              `json:"active"`     // not revoked, valid at Built, pattern_type stix
	Rules      int              `json:"rules"`      // active indicators indexed by value
	Complex    int              `json:"complex"`    // active indicators whose patterns need the pattern engine
	Refused    int              `json:"refused"`    // values refused (see Warnings)
	ExactOnly  int              `json:"exact_only"` // domains under a wildcard public suffix, matched exactly only
	Keys       [numTables]int   `json:"-"`
	KeyCounts  map[string]int   `json:"keys"`
	Warnings   []string         `json:"warnings,omitempty"`
	Inactive   map[string]int   `json:"inactive,omitempty"` // why indicators were left out: revoked, expired, not yet valid, pattern type
	Patterns   []ComplexPattern `json:"-"`
}

// ComplexPattern is an active indicator whose pattern the index cannot
// hold: it needs the pattern engine.
type ComplexPattern struct {
	ID      string
	Pattern string
}

var indicatorPaths = events.NewPaths([]string{"pattern", "pattern_type", "valid_from", "valid_until"})

// FromStore builds the index of every active indicator in the store: not
// revoked, with pattern_type stix, valid_from at or before now and
// valid_until (when set) after now.
func FromStore(ctx context.Context, st store.Reader, now time.Time) (*Index, error) {
	objects, versions, err := store.Counts(ctx, st)
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	info := Info{Built: now.UTC(), StoreObjects: objects, StoreVersions: versions, Inactive: map[string]int{}}
	b := NewBuilder()
	x := events.NewExtractor(indicatorPaths)
	var vals [4][]byte
	var buf []byte
	later := func(t time.Time) {
		if t.After(now) && (info.NextChange.IsZero() || t.Before(info.NextChange)) {
			info.NextChange = t
		}
	}
	err = st.Scan(ctx, store.Filter{Types: []string{"indicator"}}, func(r *store.Record) error {
		info.Indicators++
		if r.Revoked {
			info.Inactive["revoked"]++
			return nil
		}
		vals = [4][]byte{}
		buf = buf[:0]
		xerr := x.Extract(r.JSON, func(f int, v []byte, str bool) {
			if str && vals[f] == nil {
				start := len(buf)
				buf = append(buf, v...)
				vals[f] = buf[start:len(buf):len(buf)]
			}
		})
		if xerr != nil {
			return fmt.Errorf("index: stored indicator %s is not valid JSON: %v", r.ID, xerr)
		}
		if string(vals[1]) != "stix" {
			info.Inactive["pattern type "+string(vals[1])]++
			return nil
		}
		if vals[2] != nil {
			ts, err := stix.ParseTimestamp(string(vals[2]))
			from := ts.Time
			if err == nil && from.After(now) {
				info.Inactive["not yet valid"]++
				later(from)
				return nil
			}
		}
		if vals[3] != nil {
			ts, err := stix.ParseTimestamp(string(vals[3]))
			until := ts.Time
			if err == nil {
				if !until.After(now) {
					info.Inactive["expired"]++
					return nil
				}
				later(until)
			}
		}
		info.Active++
		pattern := string(vals[0])
		terms, ok := Simple(pattern)
		if !ok {
			info.Complex++
			info.Patterns = append(info.Patterns, ComplexPattern{ID: r.ID, Pattern: pattern})
			return nil
		}
		b.AddRule(r.ID, terms)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ix := b.Build(info)
	ix.Info.KeyCounts = map[string]int{}
	for t, n := range ix.Info.Keys {
		ix.Info.KeyCounts[Table(t).String()] = n
	}
	return ix, nil
}
