-- The outbox counts what really happened, and knows when to stop and ask staff.
--
-- * attempts now counts requests actually sent (it counted claims, which a long
--   backlog or a drain cut short could repeat without sending anything).
-- * failures and first_failed_at count the central's 5xx answers since staff last
--   released the row: too many, or for too long, and the row becomes 'stuck'
--   (kept with its idempotency key and body, never sent again until staff release it).
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
-- Existing rows keep their key, body and state. A row still waiting that never
-- got an answer (no last_error) has its claim count reset to 0: it was never
-- truly sent, and its first real failure must back off from the base delay.
-- Rows that did fail keep their count (an upper bound of their sends); the 5xx
-- count starts afresh for every row.
CREATE TABLE outbox_new (
    idempotency_key TEXT PRIMARY KEY,
    endpoint        TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    state           TEXT NOT NULL
                    CHECK (state IN ('pending', 'sending', 'delivered', 'rejected', 'stuck')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    lease_until     REAL NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    response        TEXT,
    result_ref      TEXT,
    delivered_at    TEXT,
    reference       TEXT,
    failures        INTEGER NOT NULL DEFAULT 0,
    first_failed_at REAL
);
INSERT INTO outbox_new (
    idempotency_key, endpoint, body, created_at, state, attempts, next_attempt_at,
    lease_until, last_error, response, result_ref, delivered_at, reference
)
SELECT
    idempotency_key, endpoint, body, created_at, state,
    CASE WHEN state IN ('pending', 'sending') AND last_error = '' THEN 0 ELSE attempts END,
    next_attempt_at, lease_until, last_error, response, result_ref, delivered_at, reference
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE UNIQUE INDEX outbox_reference ON outbox (reference) WHERE reference IS NOT NULL;
CREATE INDEX outbox_result_ref ON outbox (result_ref);
