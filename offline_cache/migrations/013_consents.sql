-- Consents: a citizen agreed, at this kiosk, that named items of one application
-- go to a named recipient (the bank of a bank-branch kiosk, to open the company's
-- account). The row is the proof of that consent and holds no personal data: the
-- application number (or provisional reference) it concerns, the recipient, which
-- items were shared (their names, never their values) and when. Declining stores
-- nothing. One row per purpose and application: asking again keeps the first.
CREATE TABLE consents (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    purpose    TEXT NOT NULL,
    reference  TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    shared     TEXT NOT NULL,
    given_at   TEXT NOT NULL,
    UNIQUE (purpose, reference)
);
