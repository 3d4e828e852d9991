-- Provisional references: the short name a citizen can read out (K0001-000123)
-- while a submission waits for the central's application number. The number
-- comes from a durable counter bumped in the same transaction as the outbox
-- insert, so it is monotonic and never handed out twice, whatever is deleted.
-- Rows queued before this migration keep a NULL reference (their UUID names them).
CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
INSERT INTO sequences (name, last) VALUES ('outbox', 0);
ALTER TABLE outbox ADD COLUMN reference TEXT;
CREATE UNIQUE INDEX outbox_reference ON outbox (reference) WHERE reference IS NOT NULL;
CREATE INDEX outbox_result_ref ON outbox (result_ref);
