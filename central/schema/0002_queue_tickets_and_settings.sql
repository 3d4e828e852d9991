-- Queue tickets for the service hall a kiosk stands in (QUEUE-TICKET service).

CREATE TABLE queue_tickets (
    ticket_id      TEXT PRIMARY KEY,
    kiosk_id       TEXT NOT NULL,
    site           TEXT NOT NULL,
    day            TEXT NOT NULL,
    business_type  TEXT NOT NULL,
    number         TEXT NOT NULL,
    issued_at      TEXT NOT NULL
);
CREATE INDEX queue_tickets_by_day ON queue_tickets (site, day, business_type);

-- Operator switches (e.g. maintenance mode), one row per name.
CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
