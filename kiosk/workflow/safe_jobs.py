"""A blocking job wrapped so the workflow always gets an answer it can explain.

`safely` is the one place the workflow's jobs catch a driver's bug: `KioskWorkflow`
wraps the jobs its parts give their ``run(job, fallback, done)`` with it, and
`kiosk.workflow.document_reading` the reader's calls inside a read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def safely(job: Callable[[], T], fallback: T) -> Callable[[], T]:
    """Run ``job``; on an unexpected exception log it and answer ``fallback``.

    A bug in a driver must not leave the citizen stuck on a spinner: the
    workflow always gets an answer it can explain.
    """

    def call() -> T:
        try:
            return job()
        except Exception:
            log.exception("background job failed")
            return fallback

    return call
