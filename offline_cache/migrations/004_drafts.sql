-- Drafts: a citizen's unfinished form, kept so that they can resume it with the
-- same identity document. Nothing here names the citizen: owner_key is an HMAC
-- of the identity number under a kiosk secret (numbers are guessable, so never
-- the number nor a plain hash of it), and body is AES-GCM ciphertext whose
-- associated data binds it to this row's service, owner_key and expires_at.
-- Times are UTC ISO 8601 of fixed width, so that text order is time order.
CREATE TABLE drafts (
    service    TEXT NOT NULL,
    owner_key  BLOB NOT NULL,
    nonce      BLOB NOT NULL,
    body       BLOB NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    PRIMARY KEY (service, owner_key)
);
CREATE INDEX drafts_expiry ON drafts (expires_at);
