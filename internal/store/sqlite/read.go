package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-cti/dossier/internal/stix"
	"github.com/dossier-cti/dossier/internal/store"
)

const recordColumns = `o.id, o.type, v.name, v.modified, v.revoked, v.json, coalesce(s.source, ''), coalesce(s.stored_at, '')`

const getLatestSQL = `SELECT ` + recordColumns + `
FROM objects o JOIN versions v ON v.oid = o.oid AND v.mkey = o.mkey
LEFT JOIN sources s ON s.sid = v.sid
WHERE o.id = ?`

const getVersionSQL = `SELECT ` + recordColumns + `
FROM objects o JOIN versions v ON v.oid = o.oid
LEFT JOIN sources s ON s.sid = v.sid
WHERE o.id = ? AND v.mkey = ?`

type rowScanner interface{ Scan(dest ...any) error }

func scanRecordRow(row rowScanner) (*store.Record, error) {
	var (
		r      store.Record
		stored string
	)
	if err := row.Scan(&r.ID, &r.Type, &r.Name, &r.Modified, &r.Revoked, &r.JSON, &r.Source, &stored); err != nil {
		return nil, err
	}
	if stored != "" {
		r.Stored, _ = time.Parse(time.RFC3339Nano, stored)
	}
	return &r, nil
}

func scanRecord(row *sql.Row, id string) (*store.Record, error) {
	r, err := scanRecordRow(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: get %s: %w", id, err)
	}
	return r, nil
}

// Get returns the latest version of an object.
func (db *DB) Get(ctx context.Context, id string) (*store.Record, error) {
	st, err := db.readStmt(ctx, getLatestSQL)
	if err != nil {
		return nil, fmt.Errorf("sqlite: get %s: %w", id, err)
	}
	return scanRecord(st.QueryRowContext(ctx, id), id)
}

// Versions returns every version of an object, oldest first.
func (db *DB) Versions(ctx context.Context, id string) ([]*store.Record, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT `+recordColumns+`
FROM objects o JOIN versions v ON v.oid = o.oid
LEFT JOIN sources s ON s.sid = v.sid
WHERE o.id = ? ORDER BY v.mkey`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: versions %s: %w", id, err)
	}
	defer rows.Close()
	var out []*store.Record
	for rows.Next() {
		r, err := scanRecordRow(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: versions %s: %w", id, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: versions %s: %w", id, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: %s", store.ErrNotFound, id)
	}
	return out, nil
}

var kindRank = map[stix.NameKind]int{stix.NameName: 0, stix.NameAlias: 1, stix.NameExternalID: 2, stix.NameValue: 3}

// Lookup finds objects by name, alias, external id or SCO value.
func (db *DB) Lookup(ctx context.Context, name string) ([]store.Match, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT o.id, o.type, o.name, n.name, n.kind, o.revoked
FROM names n JOIN objects o ON o.oid = n.oid WHERE n.norm = ? ORDER BY o.oid`, store.FoldName(name))
	if err != nil {
		return nil, fmt.Errorf("sqlite: lookup %q: %w", name, err)
	}
	defer rows.Close()
	var out []store.Match
	seen := map[string]int{}
	for rows.Next() {
		var (
			m    store.Match
			kind string
		)
		if err := rows.Scan(&m.ID, &m.Type, &m.Name, &m.Matched, &kind, &m.Revoked); err != nil {
			return nil, fmt.Errorf("sqlite: lookup %q: %w", name, err)
		}
		m.Kind = stix.NameKind(kind)
		if i, ok := seen[m.ID]; ok {
			// One object can carry the name twice (as name and as alias);
			// keep the better kind.
			if kindRank[m.Kind] < kindRank[out[i].Kind] {
				out[i] = m
			}
			continue
		}
		seen[m.ID] = len(out)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: lookup %q: %w", name, err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Revoked != b.Revoked {
			return !a.Revoked
		}
		if ea, eb := a.Matched == name, b.Matched == name; ea != eb {
			return ea
		}
		return kindRank[a.Kind] < kindRank[b.Kind]
	})
	return out, nil
}

// Search runs a full-text query. Hits are ranked by BM25 with names
// weighing ten times and aliases five times a description; custom object
// types (x-...), such as ATT&CK's detection strategies and analytics, rank
// at half weight so that the standard objects they annotate come first.
func (db *DB) Search(ctx context.Context, q store.Query) ([]store.Hit, error) {
	match, terms, err := ftsQuery(q.Text)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	var sb strings.Builder
	args := []any{match}
	sb.WriteString(`SELECT o.id, o.type, o.name, o.revoked, v.json, bm25(fts, 10.0, 5.0, 1.0) * (CASE WHEN o.type LIKE 'x-%' THEN 0.5 ELSE 1.0 END) AS score
FROM fts JOIN objects o ON o.oid = fts.rowid
JOIN versions v ON v.oid = o.oid AND v.mkey = o.mkey
WHERE fts MATCH ?`)
	if !q.Revoked {
		sb.WriteString(` AND o.revoked = 0`)
	}
	if len(q.Types) > 0 {
		sb.WriteString(` AND o.type IN (` + placeholders(len(q.Types)) + `)`)
		for _, t := range q.Types {
			args = append(args, t)
		}
	}
	sb.WriteString(` ORDER BY score LIMIT ?`)
	args = append(args, limit)
	rows, err := db.r.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	defer rows.Close()
	var out []store.Hit
	for rows.Next() {
		var (
			h  store.Hit
			js []byte
		)
		if err := rows.Scan(&h.ID, &h.Type, &h.Name, &h.Revoked, &js, &h.Score); err != nil {
			return nil, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
		}
		h.Snippet, h.ExternalID = snippet(js, terms)
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: search %q: %w", q.Text, err)
	}
	return out, nil
}

// ftsQuery turns what a user types into an FTS5 query that cannot be a
// syntax error: every word and "quoted phrase" becomes a quoted string
// (all must match), and a word ending in * matches as a prefix. It also
// returns the plain terms, for snippets.
func ftsQuery(text string) (string, []string, error) {
	var (
		parts []string
		terms []string
	)
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	rest := strings.TrimSpace(text)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return "", nil, &store.QueryError{Msg: fmt.Sprintf("unterminated quoted phrase in %q", text)}
			}
			phrase := strings.TrimSpace(rest[1 : 1+end])
			if phrase != "" {
				parts = append(parts, quote(phrase))
				terms = append(terms, phrase)
			}
			rest = strings.TrimSpace(rest[end+2:])
			continue
		}
		end := strings.IndexFunc(rest, unicode.IsSpace)
		word := rest
		if end >= 0 {
			word, rest = rest[:end], strings.TrimSpace(rest[end:])
		} else {
			rest = ""
		}
		prefix := strings.HasSuffix(word, "*")
		word = strings.TrimRight(word, "*")
		if !hasWordChar(word) {
			continue
		}
		q := quote(word)
		if prefix {
			q += "*"
		}
		parts = append(parts, q)
		terms = append(terms, word)
	}
	if len(parts) == 0 {
		return "", nil, &store.QueryError{Msg: fmt.Sprintf("%q has no words to search for", text)}
	}
	return strings.Join(parts, " "), terms, nil
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// snippet returns up to ~160 characters of an object's description (or
// name) around the first search term, with the terms between « and », and
// the object's first external id.
func snippet(js []byte, terms []string) (string, string) {
	v, err := stix.DecodeValue(js, 0, stix.DefaultLimits)
	if err != nil {
		return "", ""
	}
	xid := ""
	if refs := v.Get("external_references"); refs != nil && refs.Kind == stix.KindArray {
		for i := range refs.Items {
			if s, ok := refs.Items[i].GetString("external_id"); ok {
				xid = s
				break
			}
		}
	}
	// The first of description, pattern and name that holds a term; else
	// the first that is not empty.
	var text string
	for _, prop := range []string{"description", "pattern", "name"} {
		s, _ := v.GetString(prop)
		if s == "" {
			continue
		}
		if text == "" {
			text = s
		}
		if containsAny(strings.ToLower(s), terms) {
			text = s
			break
		}
	}
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return "", xid
	}
	lower := strings.ToLower(text)
	first := -1
	for _, t := range terms {
		if i := strings.Index(lower, strings.ToLower(t)); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	const width = 160
	start := 0
	if first > width/3 {
		start = first - width/3
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	end := start + width
	if end > len(text) {
		end = len(text)
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	out := text[start:end]
	// Mark the terms (case-insensitively, ASCII-folded positions).
	lo := strings.ToLower(out)
	var b strings.Builder
	for i := 0; i < len(out); {
		matched := 0
		for _, t := range terms {
			lt := strings.ToLower(t)
			if lt != "" && strings.HasPrefix(lo[i:], lt) && len(lt) > matched {
				matched = len(lt)
			}
		}
		if matched > 0 && len(lo) == len(out) {
			b.WriteString("«")
			b.WriteString(out[i : i+matched])
			b.WriteString("»")
			i += matched
			continue
		}
		b.WriteByte(out[i])
		i++
	}
	s := b.String()
	if start > 0 {
		s = "…" + s
	}
	if end < len(text) {
		s += "…"
	}
	return s, xid
}

// Stats counts objects by type.
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{Types: map[string]int{}}
	rows, err := db.r.QueryContext(ctx, `SELECT type, count(*), sum(revoked) FROM objects GROUP BY type`)
	if err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			t       string
			n, nrev int
		)
		if err := rows.Scan(&t, &n, &nrev); err != nil {
			return st, fmt.Errorf("sqlite: stats: %w", err)
		}
		st.Types[t] = n
		st.Total += n
		st.Revoked += nrev
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM versions`).Scan(&st.Versions); err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
}

var _ store.Counter = (*DB)(nil)

// Counts returns the number of objects and of versions from the largest
// row ids, one index step each where count(*) would read every row (a
// second on a store of millions): objects and versions are never
// deleted, and SQLite gives a new row the largest id plus one, so the
// largest id is the count. testCounts in the suite holds it to Stats.
func (db *DB) Counts(ctx context.Context) (objects, versions int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT coalesce((SELECT max(oid) FROM objects), 0), coalesce((SELECT max(vid) FROM versions), 0)`).Scan(&objects, &versions)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite: counts: %w", err)
	}
	return objects, versions, nil
}

const relationsFromSQL = `SELECT o.id, r.rel_type, r.source_id, r.target_id, o.revoked
FROM relationships r JOIN objects o ON o.oid = r.oid WHERE r.source_id = ?`

const relationsSQL = relationsFromSQL + `
UNION ALL
SELECT o.id, r.rel_type, r.source_id, r.target_id, o.revoked
FROM relationships r JOIN objects o ON o.oid = r.oid WHERE r.target_id = ? AND r.source_id <> ?`

// Relations returns the relationships from or to id.
func (db *DB) Relations(ctx context.Context, id string) ([]store.Relation, error) {
	return db.relations(ctx, relationsSQL, id, id, id)
}

var _ store.OutgoingReader = (*DB)(nil)

// RelationsFrom returns the relationships whose source is id.
func (db *DB) RelationsFrom(ctx context.Context, id string) ([]store.Relation, error) {
	return db.relations(ctx, relationsFromSQL, id)
}

func (db *DB) relations(ctx context.Context, q string, args ...any) ([]store.Relation, error) {
	id := args[0]
	st, err := db.readStmt(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("sqlite: relations of %s: %w", id, err)
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: relations of %s: %w", id, err)
	}
	defer rows.Close()
	var out []store.Relation
	for rows.Next() {
		var r store.Relation
		if err := rows.Scan(&r.ID, &r.Type, &r.SourceID, &r.TargetID, &r.Revoked); err != nil {
			return nil, fmt.Errorf("sqlite: relations of %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

var _ store.BatchReader = (*DB)(nil)

// batchIDs is how many ids one GetMany or RelationsFromMany query asks
// for; shorter lists are padded with their last id, so that each query
// has one prepared form.
const batchIDs = 64

// inList returns the batchIDs query arguments for ids from i on, padded
// with the last.
func inList(ids []string, i int) []any {
	n := min(batchIDs, len(ids)-i)
	args := make([]any, batchIDs)
	for j := range args {
		args[j] = ids[i+min(j, n-1)]
	}
	return args
}

// distinct returns ids without repeats, in their first order.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

var batchMarks = strings.TrimSuffix(strings.Repeat("?, ", batchIDs), ", ")

// eachInBatches runs the prepared query st, whose IN list holds
// batchIDs marks, over ids batchIDs at a time, and hands each row to row.
// Repeats in ids are dropped first, so no row comes twice.
func eachInBatches(ctx context.Context, st *sql.Stmt, ids []string, row func(*sql.Rows) error) error {
	ids = distinct(ids)
	for i := 0; i < len(ids); i += batchIDs {
		if err := func() error {
			rows, err := st.QueryContext(ctx, inList(ids, i)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				if err := row(rows); err != nil {
					return err
				}
			}
			return rows.Err()
		}(); err != nil {
			return err
		}
	}
	return nil
}

// GetMany returns the latest versions of the stored ones among ids.
func (db *DB) GetMany(ctx context.Context, ids []string) (map[string]*store.Record, error) {
	out := make(map[string]*store.Record, len(ids))
	st, err := db.readStmt(ctx, `SELECT `+recordColumns+`
FROM objects o JOIN versions v ON v.oid = o.oid AND v.mkey = o.mkey
LEFT JOIN sources s ON s.sid = v.sid
WHERE o.id IN (`+batchMarks+`)`)
	if err == nil {
		err = eachInBatches(ctx, st, ids, func(rows *sql.Rows) error {
			r, err := scanRecordRow(rows)
			if err == nil {
				out[r.ID] = r
			}
			return err
		})
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: get: %w", err)
	}
	return out, nil
}

// RelationsFromMany returns, by source id, the relationships from each
// of ids, each list in the order of RelationsFrom.
func (db *DB) RelationsFromMany(ctx context.Context, ids []string) (map[string][]store.Relation, error) {
	out := map[string][]store.Relation{}
	st, err := db.readStmt(ctx, `SELECT o.id, r.rel_type, r.source_id, r.target_id, o.revoked
FROM relationships r JOIN objects o ON o.oid = r.oid WHERE r.source_id IN (`+batchMarks+`)
ORDER BY r.source_id, r.oid`)
	if err == nil {
		err = eachInBatches(ctx, st, ids, func(rows *sql.Rows) error {
			var r store.Relation
			if err := rows.Scan(&r.ID, &r.Type, &r.SourceID, &r.TargetID, &r.Revoked); err != nil {
				return err
			}
			out[r.SourceID] = append(out[r.SourceID], r)
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: relations: %w", err)
	}
	return out, nil
}

// Referrers returns the objects whose embedded references point at id.
func (db *DB) Referrers(ctx context.Context, id string) ([]store.Ref, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT oid, id, type, prop FROM (
SELECT o.oid, o.id, o.type, r.prop FROM refs r JOIN objects o ON o.oid = r.oid WHERE r.to_id = ?1
UNION ALL
SELECT oid, id, type, 'created_by_ref' FROM objects WHERE created_by = ?1
UNION ALL
SELECT oid, id, type, 'object_marking_refs' FROM objects WHERE markings <> '' AND instr(' ' || markings || ' ', ' ' || ?1 || ' ') > 0
) ORDER BY oid, prop`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: referrers of %s: %w", id, err)
	}
	defer rows.Close()
	var out []store.Ref
	for rows.Next() {
		var (
			oid int64
			r   store.Ref
		)
		if err := rows.Scan(&oid, &r.FromID, &r.FromType, &r.Prop); err != nil {
			return nil, fmt.Errorf("sqlite: referrers of %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Scan walks the selected objects in storage order.
func (db *DB) Scan(ctx context.Context, f store.Filter, fn func(*store.Record) error) error {
	var (
		sb   strings.Builder
		args []any
	)
	sb.WriteString(`SELECT ` + recordColumns + ` FROM objects o `)
	if f.AllVersions {
		sb.WriteString(`JOIN versions v ON v.oid = o.oid `)
	} else {
		sb.WriteString(`JOIN versions v ON v.oid = o.oid AND v.mkey = o.mkey `)
	}
	sb.WriteString(`LEFT JOIN sources s ON s.sid = v.sid WHERE 1 = 1`)
	if len(f.Types) > 0 {
		sb.WriteString(` AND o.type IN (` + placeholders(len(f.Types)) + `)`)
		for _, t := range f.Types {
			args = append(args, t)
		}
	}
	if f.Since != "" {
		key, err := modifiedKey(f.Since)
		if err != nil {
			return fmt.Errorf("sqlite: scan: since: %w", err)
		}
		sb.WriteString(` AND (v.mkey >= ? OR v.mkey = '')`)
		args = append(args, key)
	}
	sb.WriteString(` ORDER BY o.oid, v.mkey`)
	rows, err := db.r.QueryContext(ctx, sb.String(), args...)
	if err != nil {
		return fmt.Errorf("sqlite: scan: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecordRow(rows)
		if err != nil {
			return fmt.Errorf("sqlite: scan: %w", err)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func containsAny(lower string, terms []string) bool {
	for _, t := range terms {
		if strings.Contains(lower, strings.ToLower(t)) {
			return true
		}
	}
	return false
}
