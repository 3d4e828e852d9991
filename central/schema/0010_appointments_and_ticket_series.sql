-- Queue tickets of a series (P: priority, Y: appointment), complaint tickets'
-- call-back mobile and the service complained about; appointments booked online
-- and checked in at a kiosk (extensions, see central/README.md).

ALTER TABLE queue_tickets ADD COLUMN series TEXT NOT NULL DEFAULT '';
ALTER TABLE queue_tickets ADD COLUMN mobile TEXT;
ALTER TABLE queue_tickets ADD COLUMN about_service TEXT;

CREATE TABLE appointments (
    appointment_id  TEXT PRIMARY KEY,
    id_number       TEXT NOT NULL,
    business_type   TEXT NOT NULL,
    day             TEXT NOT NULL,
    slot_start      TEXT NOT NULL,
    slot_end        TEXT NOT NULL,
    booked_at       TEXT NOT NULL,
    ticket_id       TEXT REFERENCES queue_tickets (ticket_id),
    checked_in_at   TEXT
);
CREATE INDEX appointments_by_person ON appointments (id_number, day);
