"""Events as JSON Lines, one spec object (``Event.to_json()``) per line, UTF-8, Arabic unescaped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rasad.model import Document, Event
from rasad.places.gazetteer import gazetteer_or_none


def event_json(
    ev: Event, documents: Mapping[str, Document] | None = None, gazetteer: Any | None = None
) -> dict[str, Any]:
    """The spec object, plus the document's ``source`` and ``url`` when the document is known,
    and, with a ``gazetteer``, its Arabic and English names of the place (``place_name_ar``,
    ``place_name_en``: one name per place whatever the report's language; ``location.name``
    stays as written). Further fields are allowed by the spec and ignored by the scorer."""
    j = ev.to_json()
    doc = (documents or {}).get(ev.doc_id)
    if doc is not None:
        j["source"] = doc.source
        j["url"] = doc.url
    pid = ev.location.place_id if ev.location is not None else None
    place = gazetteer.get(pid) if gazetteer is not None and pid else None
    if place is not None:
        j["place_name_ar"] = place.name_ar
        j["place_name_en"] = place.name_en
    return j


def write_events_jsonl(
    events: Iterable[Event], out: Path, documents: Mapping[str, Document] | None = None
) -> int:
    """Write ``events`` to ``out``; returns the number written."""
    n = 0
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    gaz = gazetteer_or_none()
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for ev in events:
            f.write(json.dumps(event_json(ev, documents, gaz), ensure_ascii=False) + "\n")
            n += 1
    return n
