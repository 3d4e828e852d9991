-- A delivered submission keeps no personal data: once the central has answered
-- 2xx (and the configured retention is over) its body and the central's answer
-- are purged. The row stays, so that its provisional reference, application
-- number (result_ref) and idempotency key still name it and exactly-once holds;
-- body_sha256 (SHA-256 of the body as it was stored and sent, hex) proves what
-- was sent without keeping it. purged_at says when the body went (NULL: kept).
-- A purged body is the empty text; the column stays NOT NULL.
ALTER TABLE outbox ADD COLUMN body_sha256 TEXT;
ALTER TABLE outbox ADD COLUMN purged_at TEXT;
