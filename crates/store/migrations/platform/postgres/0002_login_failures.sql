-- Failed logins per (email, client address), so that password guessing is slowed down across
-- every server instance sharing this database. Rows older than the limit's window are deleted
-- as new failures arrive.

CREATE TABLE login_failures (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL,
    client TEXT NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (email, client, failed_at);
CREATE INDEX login_failures_age ON login_failures (failed_at);
