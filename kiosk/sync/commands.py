"""Remote commands: each carried out once, its result reported until the central has it.

The central repeats a command in every heartbeat until ``POST
/v1/commands/{id}/result`` reaches it. `CommandRunner` looks each id up in the
`offline_cache.remote_commands.CommandLog` (and in memory, should the disk
fail): a command seen before is only reported again, never run again. A
handler that raises, and a kind the kiosk does not know, are reported
``failed`` with a detail; a run never stops the commands after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kiosk.clock import Clock, rfc3339
from kiosk.scrub import scrub
from kiosk.sync.client import CentralClient
from kiosk.sync.errors import CentralRefused, SyncError
from kiosk.sync.heartbeat import Command, report_result
from offline_cache.remote_commands import CommandLog

log = logging.getLogger(__name__)

DONE = "done"
FAILED = "failed"
UNKNOWN_COMMAND = "unknown command"
_DETAIL_CHARS = 500


@dataclass(frozen=True, slots=True)
class CommandOutcome:
    result: str
    detail: str = ""

    @classmethod
    def done(cls, detail: str = "") -> CommandOutcome:
        return cls(DONE, detail)

    @classmethod
    def failed(cls, detail: str) -> CommandOutcome:
        return cls(FAILED, detail)


Handler = Callable[[Command], CommandOutcome]


@dataclass(frozen=True, slots=True)
class CommandReport:
    """What became of one command in this heartbeat."""

    command: Command
    outcome: CommandOutcome
    ran: bool
    """False: it was carried out before, and only its result was reported again."""
    reported: bool


class CommandRunner:
    def __init__(self, log_: CommandLog, handlers: Mapping[str, Handler], clock: Clock) -> None:
        self._log = log_
        self._handlers = dict(handlers)
        self._clock = clock
        self._done: dict[str, CommandOutcome] = {}

    def run(self, client: CentralClient, commands: tuple[Command, ...]) -> list[CommandReport]:
        """Carry out the commands not done before, in order, and report every result."""
        reports: list[CommandReport] = []
        seen: set[str] = set()
        for command in commands:
            if command.id in seen:
                continue
            seen.add(command.id)
            outcome, ran = self._carry_out(command)
            reports.append(
                CommandReport(command, outcome, ran, self._report(client, command, outcome))
            )
        return reports

    def _carry_out(self, command: Command) -> tuple[CommandOutcome, bool]:
        known = self._done.get(command.id)
        if known is not None:
            return known, False
        record = self._log.get(command.id)
        if record is not None:
            outcome = CommandOutcome(record.result, record.detail)
            self._done[command.id] = outcome
            return outcome, False
        outcome = self._execute(command)
        # Kept in memory first: should the disk refuse it, this process still never
        # runs the command twice.
        self._done[command.id] = outcome
        self._log.record(
            command.id, command.kind, outcome.result, outcome.detail, rfc3339(self._clock.now())
        )
        log.info("remote command %s (%s): %s %s", command.id, command.kind, *outcome_words(outcome))
        return outcome, True

    def _execute(self, command: Command) -> CommandOutcome:
        handler = self._handlers.get(command.kind)
        if handler is None:
            return CommandOutcome.failed(f"{UNKNOWN_COMMAND}: {scrub(command.kind)[:100]!r}")
        try:
            outcome = handler(command)
        except Exception as exc:  # noqa: BLE001 - any bug: the central hears of it
            log.exception("remote command %s (%s) raised", command.id, command.kind)
            outcome = CommandOutcome.failed(f"{type(exc).__name__}: {exc}")
        if outcome.result not in (DONE, FAILED):
            outcome = CommandOutcome.failed(f"the kiosk gave no result ({outcome.result!r})")
        # Details leave the kiosk: no personal data, and within the interface's length.
        return CommandOutcome(outcome.result, scrub(outcome.detail)[:_DETAIL_CHARS])

    def _report(self, client: CentralClient, command: Command, outcome: CommandOutcome) -> bool:
        try:
            report_result(client, command.id, outcome.result, outcome.detail)
        except CentralRefused as exc:
            if exc.status not in (404, 409):
                log.warning("the result of %s was refused: %s", command.id, exc)
                return False
            # 404: the central no longer has it; 409: it has another result. Either
            # way it will not send the command again: nothing more to report.
            log.warning("the result of %s was not taken: %s", command.id, exc)
        except SyncError as exc:
            log.warning("could not report the result of %s yet: %s", command.id, exc)
            return False
        self._log.mark_reported(command.id, rfc3339(self._clock.now()))
        return True


def outcome_words(outcome: CommandOutcome) -> tuple[str, str]:
    return outcome.result, f"({outcome.detail})" if outcome.detail else ""
