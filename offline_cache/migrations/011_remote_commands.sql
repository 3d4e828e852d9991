-- Remote commands the central sent with its heartbeats, once carried out here.
-- A command is repeated in every heartbeat until the central has its result, so
-- the kiosk remembers what it did: a command seen again is reported again, not
-- run again (also after a restart). reported_at is set once the central took the
-- result (NULL: to report again).
CREATE TABLE remote_commands (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    result      TEXT NOT NULL CHECK (result IN ('done', 'failed')),
    detail      TEXT NOT NULL DEFAULT '',
    done_at     TEXT NOT NULL,
    reported_at TEXT
);

-- What the kiosk must remember about itself across restarts, one JSON value per
-- name: "maintenance" (out of service by the central's command) and
-- "connection" (how it last stood with the central, for `kiosk status`).
CREATE TABLE kiosk_state (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
