-- Log lines a kiosk uploaded for the operators (extension: POST /v1/logs, the
-- remote command upload_logs). The kiosk scrubs them of personal data; the
-- sandbox refuses an upload holding a valid identity number or a mobile number.

CREATE TABLE kiosk_logs (
    log_id       TEXT PRIMARY KEY,
    kiosk_id     TEXT NOT NULL,
    command_id   TEXT,
    received_at  TEXT NOT NULL,
    line_count   INTEGER NOT NULL,
    lines_json   TEXT NOT NULL
);
CREATE INDEX kiosk_logs_by_kiosk ON kiosk_logs (kiosk_id, received_at);
