// Package store defines how dossier keeps STIX objects: every version of
// every object, the latest version answering ordinary reads, names and
// aliases indexed for lookup, relationships indexed both ways and full-text
// search. The contract lives here; engines live in subpackages (sqlite, and
// later postgres) and all pass the same suite in storetest.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
)

// Errors returned by stores. Callers test them with errors.Is.
var (
	// ErrNotFound means no object has the requested id.
	ErrNotFound = errors.New("store: not found")
	// ErrConflict means an object arrived with the id and modified time of a
	// stored version but with other content. STIX requires a new modified
	// time for every change, so one of the two is wrong; the stored one is
	// kept.
	ErrConflict = errors.New("store: conflicts with the stored version")
	// ErrRevoked means a newer version of an object that a stored version
	// revoked was refused: STIX forbids versions after a revocation.
	ErrRevoked = errors.New("store: object was revoked")
	// ErrSchema means the database's schema is newer than this program.
	ErrSchema = errors.New("store: database schema is newer than this program")
)

// Store is a knowledge base of STIX objects. Implementations are safe for
// concurrent use. Reads never block on a writer: they see the last
// committed state.
type Store interface {
	Reader
	// Update runs fn in one write transaction. When fn returns an error, or
	// the context ends, nothing fn wrote is kept and the store is exactly as
	// it was. Only one Update runs at a time.
	Update(ctx context.Context, fn func(Tx) error) error
	// Close releases the store. Calls after Close fail.
	Close() error
}

// Reader answers questions about the latest committed state.
type Reader interface {
	// Get returns the latest version of the object with the given id, or
	// ErrNotFound.
	Get(ctx context.Context, id string) (*Record, error)
	// Versions returns every stored version of the object, oldest first, or
	// ErrNotFound.
	Versions(ctx context.Context, id string) ([]*Record, error)
	// Lookup returns the objects that carry name as a name, alias, external
	// id or SCO value, comparing case- and accent-insensitively; exact-case
	// matches and names before aliases, revoked objects last.
	Lookup(ctx context.Context, name string) ([]Match, error)
	// Search runs a full-text query over names, aliases and descriptions.
	Search(ctx context.Context, q Query) ([]Hit, error)
	// Stats counts objects by type.
	Stats(ctx context.Context) (Stats, error)
	// Relations returns the relationship objects whose source or target is
	// id (both directions), latest versions, in storage order.
	Relations(ctx context.Context, id string) ([]Relation, error)
	// Referrers returns the objects whose *_ref or *_refs properties point
	// at id (relationships excluded; see Relations).
	Referrers(ctx context.Context, id string) ([]Ref, error)
	// Scan calls fn for every object that f selects, in storage order. It
	// stops at the first error fn returns and returns it.
	Scan(ctx context.Context, f Filter, fn func(*Record) error) error
}

// Counter is a Reader that can tell how many objects and versions it
// holds without counting them by type as Stats does: Counts must return
// Stats' Total and Versions, at the cost of an index look-up rather than
// a pass over every object. A saved scan index compares them to tell
// whether the store changed since it was built.
type Counter interface {
	Counts(ctx context.Context) (objects, versions int, err error)
}

// Counts returns Stats' Total and Versions of st, cheaply when st is a
// Counter.
func Counts(ctx context.Context, st Reader) (objects, versions int, err error) {
	if c, ok := st.(Counter); ok {
		return c.Counts(ctx)
	}
	s, err := st.Stats(ctx)
	return s.Total, s.Versions, err
}

// OutgoingReader is a Reader that can return only the relationships
// whose source is id: what Relations returns with SourceID == id, in the
// same order. For an actor that thousands of indicators indicate, that
// is a few rows instead of thousands.
type OutgoingReader interface {
	RelationsFrom(ctx context.Context, id string) ([]Relation, error)
}

// RelationsFrom returns the relationships whose source is id, from an
// OutgoingReader's RelationsFrom when st is one, else from Relations.
func RelationsFrom(ctx context.Context, st Reader, id string) ([]Relation, error) {
	if o, ok := st.(OutgoingReader); ok {
		return o.RelationsFrom(ctx, id)
	}
	rels, err := st.Relations(ctx, id)
	if err != nil {
		return nil, err
	}
	out := rels[:0]
	for _, r := range rels {
		if r.SourceID == id {
			out = append(out, r)
		}
	}
	return out, nil
}

// BatchReader is a Reader that answers Get and RelationsFrom for many ids
// in one go, cheaper than one by one: a scan that finds thousands of
// indicators asks for what names them in batches.
type BatchReader interface {
	// GetMany returns the latest versions of the stored ones among ids,
	// by id; ids not stored are absent from the map.
	GetMany(ctx context.Context, ids []string) (map[string]*Record, error)
	// RelationsFromMany returns, by id, what RelationsFrom returns for
	// each of ids that is the source of a relationship.
	RelationsFromMany(ctx context.Context, ids []string) (map[string][]Relation, error)
}

// Tx is a write transaction. Its methods must be called from one
// goroutine, only inside the function given to Update.
type Tx interface {
	// Put stores o, which must be valid. Putting a version that is already
	// stored with the same content changes nothing (Unchanged); the same
	// version with other content is ErrConflict; a version newer than the
	// latest becomes the latest (NewVersion); an older one is kept as
	// history (OlderVersion). Objects without a modified property (SCOs,
	// marking definitions) have a single version.
	Put(ctx context.Context, o *stix.Object) (PutResult, error)
	// Prefetch tells the transaction the ids the next calls to Put will
	// write, so that it can look them up together instead of one by one.
	// It is an optimisation only: Put behaves the same without it.
	Prefetch(ctx context.Context, ids []string) error
	// Get returns the latest version of an object as this transaction sees
	// it, or ErrNotFound.
	Get(ctx context.Context, id string) (*Record, error)
	// GetVersion returns the version of an object whose modified property
	// is modified ("" for an object without one), or ErrNotFound.
	GetVersion(ctx context.Context, id, modified string) (*Record, error)
	// Source records where the objects put from now on came from (a file
	// name, "-" for stdin, a URL), kept with each version.
	Source(ctx context.Context, source string) error
}

// PutResult says what Put did.
type PutResult int

// The outcomes of Put.
const (
	Added        PutResult = iota + 1 // a new object
	NewVersion                        // a newer version of a stored object, now the latest
	OlderVersion                      // an older version of a stored object, kept as history
	Unchanged                         // that version was already stored, same content
)

func (r PutResult) String() string {
	switch r {
	case Added:
		return "added"
	case NewVersion:
		return "new version"
	case OlderVersion:
		return "older version"
	case Unchanged:
		return "unchanged"
	}
	return "unknown"
}

// Record is one stored version of an object.
type Record struct {
	ID       string
	Type     string
	Name     string
	Modified string // as written; "" for objects without one
	Revoked  bool
	JSON     []byte // the object's compact JSON
	Source   string // where this version came from
	Stored   time.Time
}

// Object decodes the record's JSON.
func (r *Record) Object() (*stix.Object, error) {
	v, err := stix.DecodeValue(r.JSON, 0, stix.DefaultLimits)
	if err != nil {
		return nil, err
	}
	return stix.NewObject(v, r.JSON), nil
}

// Match is one answer of Lookup.
type Match struct {
	ID      string
	Type    string
	Name    string        // the object's name property
	Matched string        // the name that matched, as written on the object
	Kind    stix.NameKind // how it matched
	Revoked bool
}

// Query is a full-text search.
type Query struct {
	Text    string   // words; a word ending in * matches as a prefix; "quoted phrases" match as phrases
	Types   []string // only these object types; all when empty
	Limit   int      // at most this many hits; 0 means 50
	Revoked bool     // include revoked objects
}

// Hit is one answer of Search.
type Hit struct {
	ID      string
	Type    string
	Name    string
	Snippet string // the matching text with matches between « and »
	// ExternalID is the object's first external id (an ATT&CK id such as
	// T1566.001, a CVE), or "".
	ExternalID string
	Revoked    bool
	Score      float64 // lower is better (SQLite bm25)
}

// Stats counts distinct object ids.
type Stats struct {
	Total    int
	Versions int // stored versions, all objects
	Revoked  int
	Types    map[string]int
}

// Relation is one relationship touching an object.
type Relation struct {
	ID       string // the relationship's id
	Type     string // relationship_type
	SourceID string
	TargetID string
	Revoked  bool
}

// Ref is one embedded reference to an object.
type Ref struct {
	FromID   string
	FromType string
	Prop     string
}

// Filter selects objects for Scan.
type Filter struct {
	Types       []string // only these types; all when empty
	Since       string   // only versions modified at or after this STIX timestamp (objects without modified are kept)
	AllVersions bool     // every stored version, not only the latest
}

// QueryError reports a search query that cannot be run as typed.
type QueryError struct{ Msg string }

func (e *QueryError) Error() string { return "search: " + e.Msg }
