-- Keys for checking signed slips offline (kiosk verify, "scan to verify").
-- central_keys_body: the central's last answer to GET /v1/keys, kept whole (one
-- row), replaced by each new answer: a key the central stops publishing is no
-- longer trusted. own_signing_keys: the public half of every key this kiosk
-- signed a receipt with; kept for good, because a re-enrolled kiosk (the
-- embedded sandbox enrols afresh at each start) must still recognise the
-- receipts its earlier keys signed. Nothing here is personal or secret.
CREATE TABLE central_keys_body (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE own_signing_keys (
    key_id         TEXT PRIMARY KEY,
    kiosk_id       TEXT NOT NULL,
    public_key     BLOB NOT NULL,
    first_used_at  TEXT NOT NULL
);
