-- 0004_event_log: events between processes sharing the SQLite file (folio
-- import or folio user grant beside a running folio serve). Publish appends
-- a row; every process with subscribers polls for rows of other origins.
CREATE TABLE event_log (
    id     INTEGER PRIMARY KEY,
    origin TEXT    NOT NULL,
    kind   TEXT    NOT NULL,
    keys   TEXT    NOT NULL, -- JSON array of strings
    ts     INTEGER NOT NULL
);
CREATE INDEX event_log_ts ON event_log (ts);
