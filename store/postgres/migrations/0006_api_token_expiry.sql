-- 0006_api_token_expiry: API tokens get an id, by which they are listed and
-- revoked, an expiry and the time of their last use. Tokens made before
-- keep working and never expire. An identity never gives a revoked token's
-- id to a newer token, so revoking a stale id cannot hit another.
ALTER TABLE api_token
    ADD COLUMN id        BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    ADD COLUMN expires   TIMESTAMPTZ, -- NULL = never
    ADD COLUMN last_used TIMESTAMPTZ; -- NULL = never used
