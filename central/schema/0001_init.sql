-- Initial schema of the central sandbox. Times are ISO 8601 strings in UTC
-- (comparable as text); nonce times are Unix seconds.

CREATE TABLE enrolment_codes (
    code        TEXT PRIMARY KEY,
    kiosk_id    TEXT NOT NULL,
    site_json   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    key_id      TEXT
);

CREATE TABLE kiosk_keys (
    key_id       TEXT PRIMARY KEY,
    kiosk_id     TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    app_version  TEXT NOT NULL,
    code         TEXT NOT NULL REFERENCES enrolment_codes (code),
    enrolled_at  TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX kiosk_keys_by_kiosk ON kiosk_keys (kiosk_id);

CREATE TABLE nonces (
    nonce    TEXT PRIMARY KEY,
    seen_at  REAL NOT NULL
);
CREATE INDEX nonces_by_age ON nonces (seen_at);

CREATE TABLE central_keys (
    key_id       TEXT PRIMARY KEY,
    private_key  BLOB NOT NULL,
    public_key   BLOB NOT NULL,
    created_at   TEXT NOT NULL,
    not_after    TEXT NOT NULL
);

CREATE TABLE idempotency_keys (
    kiosk_id       TEXT NOT NULL,
    endpoint       TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_json   TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('processing', 'completed')),
    status         INTEGER,
    response_json  TEXT,
    claimed_at     TEXT NOT NULL,
    completed_at   TEXT,
    PRIMARY KEY (kiosk_id, endpoint, key)
);

CREATE TABLE counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
);

CREATE TABLE applications (
    application_no       TEXT PRIMARY KEY,
    kiosk_id             TEXT NOT NULL,
    idempotency_key      TEXT NOT NULL,
    service              TEXT NOT NULL,
    catalogue_version    TEXT NOT NULL,
    submitted_at         TEXT NOT NULL,
    received_at          TEXT NOT NULL,
    applicant_json       TEXT NOT NULL,
    applicant_id_number  TEXT NOT NULL,
    form_json            TEXT NOT NULL,
    attachments_json     TEXT NOT NULL,
    name_reservation     TEXT,
    status               TEXT NOT NULL
);
CREATE INDEX applications_by_kiosk ON applications (kiosk_id);

CREATE TABLE application_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    application_no  TEXT NOT NULL REFERENCES applications (application_no),
    status          TEXT NOT NULL,
    at              TEXT NOT NULL,
    note            TEXT
);
CREATE INDEX history_by_application ON application_history (application_no);

CREATE TABLE name_reservations (
    token              TEXT PRIMARY KEY,
    full_name          TEXT NOT NULL,
    region             TEXT NOT NULL,
    trade_name         TEXT NOT NULL,
    industry           TEXT NOT NULL,
    organisation_form  TEXT NOT NULL,
    kiosk_id           TEXT NOT NULL,
    reserved_at        TEXT NOT NULL,
    expires_at         TEXT NOT NULL,
    used_by            TEXT REFERENCES applications (application_no)
);

CREATE TABLE licences (
    uscc            TEXT PRIMARY KEY,
    application_no  TEXT NOT NULL UNIQUE REFERENCES applications (application_no),
    details_json    TEXT NOT NULL,
    issued_at       TEXT NOT NULL,
    prints_allowed  INTEGER NOT NULL DEFAULT 1,
    prints_made     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE print_jobs (
    print_job      TEXT PRIMARY KEY,
    uscc           TEXT NOT NULL REFERENCES licences (uscc),
    kiosk_id       TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('open', 'printed', 'failed')),
    created_at     TEXT NOT NULL,
    closed_at      TEXT,
    detail         TEXT,
    response_json  TEXT NOT NULL
);
CREATE INDEX print_jobs_by_licence ON print_jobs (uscc, state);

CREATE TABLE heartbeats (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kiosk_id     TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    state        TEXT NOT NULL,
    body_json    TEXT NOT NULL
);
CREATE INDEX heartbeats_by_kiosk ON heartbeats (kiosk_id, id);

CREATE TABLE commands (
    id            TEXT PRIMARY KEY,
    kiosk_id      TEXT NOT NULL,
    kind          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    result        TEXT,
    detail        TEXT,
    completed_at  TEXT
);
CREATE INDEX commands_by_kiosk ON commands (kiosk_id, created_at);

CREATE TABLE feedback (
    feedback_id     TEXT PRIMARY KEY,
    kiosk_id        TEXT NOT NULL,
    application_no  TEXT,
    service         TEXT NOT NULL,
    rating          INTEGER NOT NULL,
    body_json       TEXT NOT NULL,
    received_at     TEXT NOT NULL
);
