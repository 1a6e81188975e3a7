// Package sqlite is the embedded store engine: one SQLite file in WAL mode,
// through the pure-Go modernc.org/sqlite driver so that CGO_ENABLED=0 builds
// work everywhere. Writes go through a single connection (one writer at a
// time, as SQLite allows) and reads through a pool of read-only connections,
// so readers never wait for a writer and another process (a running server)
// can have the same file open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-cti/dossier/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is a store.Store on one SQLite file.
type DB struct {
	path string
	w    *sql.DB // one connection: the writer
	r    *sql.DB // a pool of query-only connections

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // the hottest reads, prepared once on r
}

var _ store.Store = (*DB)(nil)

// Options tune Open.
type Options struct {
	// Create makes a new database when the file does not exist. Without it,
	// opening a missing file is an error wrapping fs.ErrNotExist.
	Create bool
	// CacheKiB is SQLite's page cache per connection; 0 means 32 MiB.
	CacheKiB int
}

// Open opens (and, with Options.Create, creates) the database at path and
// brings its schema up to date.
func Open(ctx context.Context, dbPath string, opt Options) (*DB, error) {
	if _, err := os.Stat(dbPath); err != nil {
		if !errors.Is(err, fs.ErrNotExist) || !opt.Create {
			return nil, fmt.Errorf("sqlite: open %s: %w", dbPath, err)
		}
	}
	cache := opt.CacheKiB
	if cache <= 0 {
		cache = 32 << 10
	}
	// busy_timeout comes first so that the pragmas after it wait for a lock
	// instead of failing when another process holds one.
	pragmas := []string{
		"busy_timeout(10000)",
		"page_size(16384)",
		"journal_mode(WAL)",
		"synchronous(NORMAL)",
		"foreign_keys(ON)",
		"cache_size(-" + strconv.Itoa(cache) + ")",
		"temp_store(MEMORY)",
	}
	q := url.Values{}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	wq := cloneValues(q)
	wq.Set("_txlock", "immediate")
	w, err := sql.Open("sqlite", "file:"+dbPath+"?"+wq.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", dbPath, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	db := &DB{path: dbPath, w: w}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	rq := cloneValues(q)
	rq.Add("_pragma", "query_only(1)")
	r, err := sql.Open("sqlite", "file:"+dbPath+"?"+rq.Encode())
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", dbPath, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	db.r = r
	return db, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Close closes both connection pools.
func (db *DB) Close() error {
	var errs []error
	db.mu.Lock()
	for _, st := range db.stmts {
		errs = append(errs, st.Close())
	}
	db.stmts = nil
	db.mu.Unlock()
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	errs = append(errs, db.w.Close())
	return errors.Join(errs...)
}

// readStmt returns the query q prepared on the reader pool, once: the
// reads asked for again and again (Get, Relations: a scan asks them for
// every indicator it finds) would otherwise spend as long parsing and
// planning the SQL as running it.
func (db *DB) readStmt(ctx context.Context, q string) (*sql.Stmt, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if st, ok := db.stmts[q]; ok {
		return st, nil
	}
	st, err := db.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if db.stmts == nil {
		db.stmts = map[string]*sql.Stmt{}
	}
	db.stmts[q] = st
	return st, nil
}

// migrations returns the embedded migrations in order: 001_init.sql, ...
func migrations() ([]string, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// MigrationCount is how many schema migrations this program knows.
func MigrationCount() int {
	n, _ := migrations()
	return len(n)
}

// migrate applies the migrations the database has not seen, each in its own
// transaction, and refuses a database from a newer program.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("sqlite: %s: create schema_version: %w", db.path, err)
	}
	var have int
	if err := db.w.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return fmt.Errorf("sqlite: %s: read schema version: %w", db.path, err)
	}
	names, err := migrations()
	if err != nil {
		return err
	}
	if have > len(names) {
		return fmt.Errorf("%w: %s has schema %d, this program knows %d", store.ErrSchema, db.path, have, len(names))
	}
	for i := have; i < len(names); i++ {
		body, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return err
		}
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlite: %s: migration %s: %w", db.path, path.Base(names[i]), err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: %s: migration %s: %w", db.path, path.Base(names[i]), err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version) VALUES (?)`, i+1); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: %s: migration %s: %w", db.path, path.Base(names[i]), err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: %s: migration %s: %w", db.path, path.Base(names[i]), err)
		}
	}
	return nil
}

// placeholders returns "?,?,?" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// LibraryVersion returns the version of the SQLite library linked in.
func LibraryVersion(ctx context.Context) (string, error) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, `SELECT sqlite_version()`).Scan(&v); err != nil {
		return "", fmt.Errorf("sqlite: version: %w", err)
	}
	return v, nil
}
