CREATE TABLE outbox (
    idempotency_key TEXT PRIMARY KEY,
    endpoint        TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'rejected')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    lease_until     REAL NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    response        TEXT,
    result_ref      TEXT,
    delivered_at    TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE catalogue_cache (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     TEXT NOT NULL,
    etag        TEXT,
    body        TEXT NOT NULL,
    fetched_at  TEXT NOT NULL
);
