package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

// Update runs fn in one IMMEDIATE transaction on the writer connection.
func (db *DB) Update(ctx context.Context, fn func(store.Tx) error) (err error) {
	sqlTx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %s: begin: %w", db.path, err)
	}
	t := &tx{db: db, tx: sqlTx, stmts: map[string]*sql.Stmt{}}
	defer func() {
		for _, s := range t.stmts {
			s.Close()
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlite: %s: commit: %w", db.path, err)
	}
	return nil
}

type tx struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	sid   sql.NullInt64
	// ids whose objects row Prefetch looked up: the row, or nil when the
	// id is not stored. Put keeps it current.
	cache map[string]*objectRow
}

// objectRow is what Put needs to know of a stored object.
type objectRow struct {
	oid     int64
	mkey    string
	revoked bool
}

// prefetchChunk is how many ids one Prefetch query asks for; SQLite allows
// 32766 bound parameters.
const prefetchChunk = 500

// Prefetch looks up the objects rows of ids in a few queries.
func (t *tx) Prefetch(ctx context.Context, ids []string) error {
	t.cache = make(map[string]*objectRow, len(ids))
	for start := 0; start < len(ids); start += prefetchChunk {
		chunk := ids[start:min(start+prefetchChunk, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
			t.cache[id] = nil
		}
		s, err := t.stmt(ctx, `SELECT id, oid, mkey, revoked FROM objects WHERE id IN (`+placeholders(len(chunk))+`)`)
		if err != nil {
			return err
		}
		rows, err := s.QueryContext(ctx, args...)
		if err != nil {
			return fmt.Errorf("sqlite: prefetch: %w", err)
		}
		for rows.Next() {
			var (
				id string
				r  objectRow
			)
			if err := rows.Scan(&id, &r.oid, &r.mkey, &r.revoked); err != nil {
				rows.Close()
				return fmt.Errorf("sqlite: prefetch: %w", err)
			}
			t.cache[id] = &r
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("sqlite: prefetch: %w", err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("sqlite: prefetch: %w", err)
		}
	}
	return nil
}

// lookup returns the objects row of id, from the prefetched ones when
// Prefetch covered it, or nil when the id is not stored.
func (t *tx) lookup(ctx context.Context, id string) (*objectRow, error) {
	if r, ok := t.cache[id]; ok {
		return r, nil
	}
	s, err := t.stmt(ctx, `SELECT oid, mkey, revoked FROM objects WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	var r objectRow
	switch err := s.QueryRowContext(ctx, id).Scan(&r.oid, &r.mkey, &r.revoked); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("sqlite: put %s: %w", id, err)
	}
	return &r, nil
}

// remember records the objects row Put just wrote, if Prefetch covers id.
func (t *tx) remember(id string, r objectRow) {
	if _, ok := t.cache[id]; ok {
		t.cache[id] = &r
	}
}

// stmt returns the prepared form of query, preparing it once per transaction.
func (t *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("sqlite: prepare %q: %w", firstLine(query), err)
	}
	t.stmts[query] = s
	return s, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func (t *tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := s.ExecContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %s: %w", firstLine(query), err)
	}
	return res, nil
}

// Source records the origin of the versions put from now on.
func (t *tx) Source(ctx context.Context, source string) error {
	res, err := t.exec(ctx, `INSERT INTO sources (source, stored_at) VALUES (?, ?)`, source, time.Now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	t.sid = sql.NullInt64{Int64: id, Valid: true}
	return nil
}

// Put stores one object version; see store.Tx.
func (t *tx) Put(ctx context.Context, o *stix.Object) (store.PutResult, error) {
	mkey, err := modifiedKey(o.Modified)
	if err != nil {
		return 0, fmt.Errorf("sqlite: put %s: %w", o.ID, err)
	}
	row, err := t.lookup(ctx, o.ID)
	if err != nil {
		return 0, err
	}
	if row == nil {
		// A plain INSERT: an upsert (ON CONFLICT) would open a statement
		// journal, which makes FTS5 flush its pending data every time.
		createdBy, markings := ownership(o)
		res, err := t.exec(ctx, `INSERT INTO objects (id, type, mkey, revoked, name, created_by, markings) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			o.ID, o.Type, mkey, o.Revoked, o.Name(), createdBy, markings)
		if err != nil {
			return 0, err
		}
		oid, err := res.LastInsertId()
		if err != nil {
			return 0, err
		}
		if err := t.insertNew(ctx, oid, o, mkey); err != nil {
			return 0, err
		}
		t.remember(o.ID, objectRow{oid: oid, mkey: mkey, revoked: o.Revoked})
		return store.Added, nil
	}
	oid, curKey, curRevoked := row.oid, row.mkey, row.revoked

	// The object is known: is this version stored already?
	stored, err := t.versionJSON(ctx, oid, mkey)
	if err != nil {
		return 0, err
	}
	if stored != nil {
		same, err := sameContent(stored, o.Raw)
		if err != nil {
			return 0, fmt.Errorf("sqlite: put %s: %w", o.ID, err)
		}
		if same {
			return store.Unchanged, nil
		}
		return 0, fmt.Errorf("%w: %s version %q", store.ErrConflict, o.ID, o.Modified)
	}
	if mkey > curKey && curRevoked {
		return 0, fmt.Errorf("%w: %s was revoked in the version modified %s; STIX allows no later version", store.ErrRevoked, o.ID, keyText(curKey))
	}
	if _, err := t.exec(ctx, `INSERT INTO versions (oid, mkey, modified, revoked, name, json, sid) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		oid, mkey, o.Modified, o.Revoked, o.Name(), o.Raw, t.sid); err != nil {
		return 0, err
	}
	if mkey < curKey {
		return store.OlderVersion, nil
	}
	createdBy, markings := ownership(o)
	if _, err := t.exec(ctx, `UPDATE objects SET type = ?, mkey = ?, revoked = ?, name = ?, created_by = ?, markings = ? WHERE oid = ?`,
		o.Type, mkey, o.Revoked, o.Name(), createdBy, markings, oid); err != nil {
		return 0, err
	}
	if err := t.unindex(ctx, oid); err != nil {
		return 0, err
	}
	if err := t.index(ctx, oid, o); err != nil {
		return 0, err
	}
	t.remember(o.ID, objectRow{oid: oid, mkey: mkey, revoked: o.Revoked})
	return store.NewVersion, nil
}

// keyText turns a modified key back into readable form for messages.
func keyText(k string) string {
	if k == "" {
		return "(none)"
	}
	return k
}

func modifiedKey(modified string) (string, error) {
	if modified == "" {
		return "", nil
	}
	ts, err := stix.ParseTimestamp(modified)
	if err != nil {
		return "", err
	}
	return ts.Key(), nil
}

// sameContent reports whether two JSON texts are the same STIX object:
// equal bytes, or equal after RFC 8785 canonicalization (member order,
// white space, escapes and number forms do not count).
func sameContent(a, b []byte) (bool, error) {
	if bytes.Equal(a, b) {
		return true, nil
	}
	ca, err := stix.Canonical(a)
	if err != nil {
		return false, err
	}
	cb, err := stix.Canonical(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ca, cb), nil
}

func (t *tx) versionJSON(ctx context.Context, oid int64, mkey string) ([]byte, error) {
	s, err := t.stmt(ctx, `SELECT json FROM versions WHERE oid = ? AND mkey = ?`)
	if err != nil {
		return nil, err
	}
	var js []byte
	switch err := s.QueryRowContext(ctx, oid, mkey).Scan(&js); {
	case errors.Is(err, sql.ErrNoRows):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("sqlite: read version: %w", err)
	}
	return js, nil
}

func (t *tx) insertNew(ctx context.Context, oid int64, o *stix.Object, mkey string) error {
	if _, err := t.exec(ctx, `INSERT INTO versions (oid, mkey, modified, revoked, name, json, sid) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		oid, mkey, o.Modified, o.Revoked, o.Name(), o.Raw, t.sid); err != nil {
		return err
	}
	return t.index(ctx, oid, o)
}

// unindex removes the derived rows of an object's previous latest version.
func (t *tx) unindex(ctx context.Context, oid int64) error {
	for _, q := range []string{
		`DELETE FROM names WHERE oid = ?`,
		`DELETE FROM refs WHERE oid = ?`,
		`DELETE FROM relationships WHERE oid = ?`,
		`DELETE FROM fts WHERE rowid = ?`,
	} {
		if _, err := t.exec(ctx, q, oid); err != nil {
			return err
		}
	}
	return nil
}

// index writes the derived rows (names, references, relationship ends, full
// text) of an object's latest version.
func (t *tx) index(ctx context.Context, oid int64, o *stix.Object) error {
	// One row per statement: a multi-row INSERT opens a statement journal,
	// which makes FTS5 flush its pending index data on every object and
	// slows a bulk ingest down by half.
	names := o.Names()
	for _, n := range names {
		if _, err := t.exec(ctx, `INSERT INTO names (oid, kind, name, norm) VALUES (?, ?, ?, ?)`,
			oid, string(n.Kind), n.Name, store.FoldName(n.Name)); err != nil {
			return err
		}
	}
	isRel := o.Type == "relationship"
	var src, dst string
	seen := map[stix.Ref]bool{}
	for _, r := range o.Refs() {
		if seen[r] {
			continue // the same reference listed twice is one row
		}
		seen[r] = true
		if r.Prop == "created_by_ref" || r.Prop == "object_marking_refs" {
			continue // kept in objects
		}
		if isRel && (r.Prop == "source_ref" || r.Prop == "target_ref") {
			if r.Prop == "source_ref" {
				src = r.To
			} else {
				dst = r.To
			}
			continue
		}
		if _, err := t.exec(ctx, `INSERT INTO refs (oid, prop, to_id) VALUES (?, ?, ?)`, oid, r.Prop, r.To); err != nil {
			return err
		}
	}
	if isRel {
		rt, _ := o.Props.GetString("relationship_type")
		if _, err := t.exec(ctx, `INSERT INTO relationships (oid, rel_type, source_id, target_id) VALUES (?, ?, ?, ?)`,
			oid, rt, src, dst); err != nil {
			return err
		}
	}
	var aliases []string
	for _, n := range names {
		if n.Kind != stix.NameName {
			aliases = append(aliases, n.Name)
		}
	}
	name := o.Name()
	desc := o.Description()
	if p, ok := o.Props.GetString("pattern"); ok {
		// An indicator is found by what its pattern matches: an address, a
		// domain, a hash.
		desc = strings.TrimSpace(desc + "\n" + p)
	}
	if name == "" && desc == "" && len(aliases) == 0 {
		return nil
	}
	if stix.ClassOf(o.Type) == stix.ClassSRO {
		// Relationships and sightings are found through the objects they
		// join; their descriptions (60% of ATT&CK's text) would crowd the
		// results with unnamed hits and double the indexing time.
		return nil
	}
	if _, err := t.exec(ctx, `INSERT INTO fts (rowid, name, aliases, description) VALUES (?, ?, ?, ?)`,
		oid, name, strings.Join(aliases, "\n"), desc); err != nil {
		return err
	}
	return nil
}

// Get returns the latest version as this transaction sees it.
func (t *tx) Get(ctx context.Context, id string) (*store.Record, error) {
	s, err := t.stmt(ctx, getLatestSQL)
	if err != nil {
		return nil, err
	}
	return scanRecord(s.QueryRowContext(ctx, id), id)
}

// GetVersion returns one version as this transaction sees it.
func (t *tx) GetVersion(ctx context.Context, id, modified string) (*store.Record, error) {
	mkey, err := modifiedKey(modified)
	if err != nil {
		return nil, fmt.Errorf("sqlite: get %s: %w", id, err)
	}
	s, err := t.stmt(ctx, getVersionSQL)
	if err != nil {
		return nil, err
	}
	return scanRecord(s.QueryRowContext(ctx, id, mkey), id)
}

// ownership returns an object's created_by_ref and its object_marking_refs
// joined by spaces.
func ownership(o *stix.Object) (createdBy, markings string) {
	createdBy, _ = o.Props.GetString("created_by_ref")
	if l := o.Props.Get("object_marking_refs"); l != nil && l.Kind == stix.KindArray {
		var b strings.Builder
		for _, it := range l.Items {
			if it.Kind != stix.KindString {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(it.Str)
		}
		markings = b.String()
	}
	return createdBy, markings
}
