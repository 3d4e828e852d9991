"""Paths into a form's values: ``registered_capital``, ``shareholders[2].id_number``.

The same spelling names a value for the typed setters and a problem for the
screens (which scroll to it) and speech (which reads it).
"""

from __future__ import annotations

import re

_STEP = re.compile(r"\[(\d+)\]|\.([A-Za-z_][A-Za-z0-9_]*)")
_HEAD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*")

Step = str | int


def parse_path(path: str) -> tuple[Step, ...]:
    """``"shareholders[2].id_number"`` as ``("shareholders", 2, "id_number")``.

    Raises:
        ValueError: not a path.
    """
    head = _HEAD.match(path)
    if head is None:
        raise ValueError(f"not a field path: {path!r}")
    steps: list[Step] = [head.group(0)]
    position = head.end()
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None:
            raise ValueError(f"not a field path: {path!r}")
        steps.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
        position = match.end()
    return tuple(steps)


def join_path(steps: tuple[Step, ...]) -> str:
    out = str(steps[0])
    for step in steps[1:]:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out
