-- 0006_api_token_expiry: API tokens get an id, by which they are listed and
-- revoked, an expiry and the time of their last use. SQLite cannot add a
-- primary key to a table, so the table is rebuilt; tokens made before keep
-- working and never expire. AUTOINCREMENT: a revoked token's id is never
-- given to a newer token, so revoking a stale id cannot hit another.
CREATE TABLE api_token_new (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    hash      TEXT    NOT NULL UNIQUE,
    user_id   INTEGER NOT NULL REFERENCES users (id),
    name      TEXT    NOT NULL DEFAULT '',
    created   INTEGER NOT NULL,
    expires   INTEGER NOT NULL DEFAULT 0, -- microseconds; 0 = never
    last_used INTEGER NOT NULL DEFAULT 0  -- microseconds; 0 = never used
);
INSERT INTO api_token_new (hash, user_id, name, created)
    SELECT hash, user_id, name, created FROM api_token ORDER BY created, hash;
DROP TABLE api_token;
ALTER TABLE api_token_new RENAME TO api_token;
CREATE INDEX api_token_user ON api_token (user_id);
