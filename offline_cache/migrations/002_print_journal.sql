-- The print journal: one row per document to print, kept after it printed.
-- printed_at is set the first time the document is known to have come out; a
-- later copy (an explicit reprint) never clears it.
CREATE TABLE print_jobs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    reference   TEXT NOT NULL,
    title       TEXT NOT NULL,
    pdf_path    TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL
                CHECK (state IN ('pending', 'printing', 'printed', 'failed', 'unconfirmed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_detail TEXT NOT NULL DEFAULT '',
    device_job  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    printed_at  TEXT,
    UNIQUE (kind, reference)
);
CREATE INDEX print_jobs_state ON print_jobs (state);
