"""Talking to the central: signed requests, enrolment, and the outbox sender."""
