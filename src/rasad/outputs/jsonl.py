"""Events as JSON Lines, one spec object (``Event.to_json()``) per line, UTF-8, Arabic unescaped."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from rasad.model import Event


def write_events_jsonl(events: Iterable[Event], out: Path) -> int:
    """Write ``events`` to ``out``; returns the number written."""
    n = 0
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for ev in events:
            f.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
            n += 1
    return n
