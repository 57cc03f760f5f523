-- rasad store, schema version 1. Described in docs/store.md.
-- Dates are ISO strings (YYYY-MM-DD), times ISO 8601 UTC; JSON columns hold JSON text.

-- Every document read, one row per id. status 'error' rows record inputs that failed (their
-- id is derived from the source path) and never replace an 'ok' row.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    source        TEXT,                 -- outlet or file name
    source_path   TEXT,                 -- file path (with #N for the N-th record of a JSONL/WARC file)
    url           TEXT,
    title         TEXT,
    author        TEXT,
    published     TEXT,                 -- YYYY-MM-DD or NULL
    lang          TEXT NOT NULL DEFAULT 'other' CHECK (lang IN ('ar', 'en', 'other')),
    text          TEXT NOT NULL DEFAULT '',
    meta          TEXT NOT NULL DEFAULT '{}',   -- JSON: encoding, boilerplate dropped, offset_map, extra fields
    content_hash  TEXT,
    ingested_at   TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'error')),
    error         TEXT
);
CREATE INDEX documents_lang ON documents (lang, status);
CREATE INDEX documents_source_path ON documents (source_path);
CREATE INDEX documents_published ON documents (published);

-- Every ingest run and what it did.
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
    paths        TEXT NOT NULL DEFAULT '[]',    -- JSON list of the inputs given
    n_new        INTEGER NOT NULL DEFAULT 0,
    n_unchanged  INTEGER NOT NULL DEFAULT 0,
    n_updated    INTEGER NOT NULL DEFAULT 0,
    n_errors     INTEGER NOT NULL DEFAULT 0
);

-- Each failure to read an input, per source path (a log: one row per failure and run).
CREATE TABLE ingest_errors (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    doc_id       TEXT,
    source_path  TEXT NOT NULL,
    error        TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX ingest_errors_path ON ingest_errors (source_path);

-- Gazetteer places that events point to (optional cache; events also carry their coordinates).
CREATE TABLE places (
    id        TEXT PRIMARY KEY,
    name_ar   TEXT,
    name_en   TEXT,
    names     TEXT NOT NULL DEFAULT '[]',       -- JSON list of variants
    kind      TEXT,
    lat       REAL,
    lon       REAL,
    country   TEXT,
    admin1    TEXT,
    admin2    TEXT,
    admin3    TEXT,
    source    TEXT
);

-- Extracted events, with evidence and provenance. Derived: deleted with their document, and
-- replaced whole per document by each extraction.
CREATE TABLE events (
    id                 TEXT PRIMARY KEY,
    doc_id             TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    event_type         TEXT NOT NULL,
    sub_event_type     TEXT NOT NULL,
    actor1             TEXT,
    actor2             TEXT,
    actor1_text        TEXT,
    actor2_text        TEXT,
    location_name      TEXT,
    lat                REAL,
    lon                REAL,
    admin1             TEXT,
    geo_precision      INTEGER,
    place_id           TEXT,
    date               TEXT,
    time_precision     INTEGER,
    date_flag          TEXT,
    fatalities         INTEGER,
    evidence_start     INTEGER NOT NULL,
    evidence_end       INTEGER NOT NULL,
    evidence_text      TEXT NOT NULL,
    rule               TEXT NOT NULL DEFAULT '',
    confidence         REAL NOT NULL,
    extractor_version  TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    json               TEXT NOT NULL               -- the spec's JSON object (Event.to_json())
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_sub_type ON events (sub_event_type);
CREATE INDEX events_date ON events (date);

-- Which extractor version last processed each document (also when it found no event).
CREATE TABLE extractions (
    doc_id             TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  TEXT NOT NULL,
    n_events           INTEGER NOT NULL,
    extracted_at       TEXT NOT NULL
);

-- Derived control timelines ([valid_from, valid_to) -> controller per place). Rebuilt whole by
-- the control stage; intervals that rest on an updated document are deleted with it.
CREATE TABLE control_intervals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    place_key   TEXT NOT NULL,
    place_name  TEXT NOT NULL,
    lat         REAL,
    lon         REAL,
    admin1      TEXT,
    controller  TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    confidence  REAL NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '[]',     -- JSON list of event ids
    sources     TEXT NOT NULL DEFAULT '[]',     -- JSON list of document ids
    kind        TEXT NOT NULL DEFAULT 'derived',
    date_flag   TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX control_place ON control_intervals (place_key, valid_from);

-- The documents each control interval rests on (to invalidate it when one changes).
CREATE TABLE control_sources (
    interval_id  INTEGER NOT NULL REFERENCES control_intervals (id) ON DELETE CASCADE,
    doc_id       TEXT NOT NULL,
    PRIMARY KEY (interval_id, doc_id)
);
CREATE INDEX control_sources_doc ON control_sources (doc_id);

-- User-given initial control (place -> actor as of a date). Never touched by derivation.
CREATE TABLE control_seeds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    place_key   TEXT NOT NULL,
    place_name  TEXT NOT NULL,
    controller  TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    lat         REAL,
    lon         REAL,
    admin1      TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL
);

-- User corrections (of events, places, control intervals...). Kept apart from derived data:
-- never deleted by re-ingest or re-extraction.
CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,                  -- e.g. event | control | place | actor
    target      TEXT NOT NULL,                  -- what it corrects (event id, place key, ...)
    payload     TEXT NOT NULL DEFAULT '{}',     -- JSON
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX corrections_kind ON corrections (kind, target);
