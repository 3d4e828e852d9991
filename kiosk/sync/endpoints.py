"""The central's endpoints the outbox queues requests for (central-api.md).

An outbox row says which endpoint it goes to; whatever names a citizen's
application (references, look-ups, receipts) reads only the applications' rows,
never a rating queued beside them.
"""

APPLICATIONS = "/v1/applications"
"""A citizen's application (201 ``application_no``)."""

FEEDBACK = "/v1/feedback"
"""A citizen's rating of a visit, 好差评 (201 ``feedback_id``)."""
