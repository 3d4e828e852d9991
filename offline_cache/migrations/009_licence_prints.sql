-- Licences printed once (central-api.md "Licences (print once)"): one row per
-- print job the central opened for this kiosk. The print itself is a row of the
-- print journal (kind 'licence', reference = print_job); this row says what the
-- kiosk decided to report for it and whether the central has heard it.
-- result: NULL while undecided (not printed yet, or unconfirmed: left for
-- staff), then 'printed' or 'failed', set once and never changed, so the
-- central is never told two different things. reported_at: the central
-- answered 200 (or refused for good: report_problem says why). No personal
-- data: the credit code and the application number name a business's file.
CREATE TABLE licence_prints (
    print_job       TEXT PRIMARY KEY,
    uscc            TEXT NOT NULL,
    application_no  TEXT NOT NULL,
    result          TEXT CHECK (result IN ('printed', 'failed')),
    detail          TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    decided_at      TEXT,
    reported_at     TEXT,
    report_problem  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX licence_prints_unreported ON licence_prints (reported_at);
