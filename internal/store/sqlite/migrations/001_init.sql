-- Every object id once, pointing at its latest version by modified key.
CREATE TABLE objects (
    oid     INTEGER PRIMARY KEY,
    id      TEXT    NOT NULL UNIQUE,
    type    TEXT    NOT NULL,
    mkey    TEXT    NOT NULL,            -- sort key of the latest version's modified ('' when none)
    revoked INTEGER NOT NULL DEFAULT 0,  -- the latest version is revoked
    name    TEXT    NOT NULL DEFAULT '',
    -- created_by_ref and object_marking_refs (space-separated) of the
    -- latest version: nearly every object has them, so they live here
    -- rather than as rows of refs.
    created_by TEXT NOT NULL DEFAULT '',
    markings   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX objects_type ON objects (type);
CREATE INDEX objects_created_by ON objects (created_by) WHERE created_by <> '';

-- Where objects came from: one row per source (file, stdin, URL) per ingest.
CREATE TABLE sources (
    sid       INTEGER PRIMARY KEY,
    source    TEXT NOT NULL,
    stored_at TEXT NOT NULL
);

-- Every version of every object, as received (compact JSON).
CREATE TABLE versions (
    vid      INTEGER PRIMARY KEY,
    oid      INTEGER NOT NULL REFERENCES objects (oid),
    mkey     TEXT    NOT NULL,
    modified TEXT    NOT NULL,           -- as written ('' when none)
    revoked  INTEGER NOT NULL DEFAULT 0,
    name     TEXT    NOT NULL DEFAULT '',
    json     BLOB    NOT NULL,
    sid      INTEGER REFERENCES sources (sid),
    UNIQUE (oid, mkey)
);

-- Names, aliases, external ids and SCO values of latest versions, folded
-- (case and accents) for lookup.
CREATE TABLE names (
    oid  INTEGER NOT NULL,
    kind TEXT    NOT NULL,
    name TEXT    NOT NULL,
    norm TEXT    NOT NULL,
    PRIMARY KEY (oid, kind, name)
) WITHOUT ROWID;
CREATE INDEX names_norm ON names (norm);

-- Embedded references (*_ref, *_refs, granular marking_ref) of latest
-- versions, except a relationship's source_ref and target_ref and the
-- created_by_ref and object_marking_refs kept in objects.
CREATE TABLE refs (
    oid   INTEGER NOT NULL,
    prop  TEXT    NOT NULL,
    to_id TEXT    NOT NULL,
    PRIMARY KEY (oid, prop, to_id)
) WITHOUT ROWID;
CREATE INDEX refs_to ON refs (to_id);

-- Relationship objects (latest versions), indexed from both ends.
CREATE TABLE relationships (
    oid       INTEGER PRIMARY KEY,
    rel_type  TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL
);
CREATE INDEX relationships_source ON relationships (source_id);
CREATE INDEX relationships_target ON relationships (target_id);

-- Full text of latest versions; rowid is objects.oid.
CREATE VIRTUAL TABLE fts USING fts5 (
    name, aliases, description,
    content = '',
    contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
