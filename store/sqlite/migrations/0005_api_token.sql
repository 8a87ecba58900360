-- 0005_api_token: bearer tokens of the JSON API; only a hash is kept.
CREATE TABLE api_token (
    hash    TEXT    PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    name    TEXT    NOT NULL DEFAULT '',
    created INTEGER NOT NULL
);
CREATE INDEX api_token_user ON api_token (user_id);
