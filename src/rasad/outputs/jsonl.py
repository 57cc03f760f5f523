"""Events as JSON Lines, one spec object (``Event.to_json()``) per line, UTF-8, Arabic unescaped."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rasad.model import Document, Event, Place


def event_json(ev: Event, documents: Mapping[str, Document] | None = None) -> dict[str, Any]:
    """The spec object, plus the document's ``source`` and ``url`` when the document is known,
    and the gazetteer's Arabic and English names of the place (``place_name_ar``,
    ``place_name_en``: one name per place whatever the report's language; ``location.name``
    stays as written). Further fields are allowed by the spec and ignored by the scorer."""
    j = ev.to_json()
    doc = (documents or {}).get(ev.doc_id)
    if doc is not None:
        j["source"] = doc.source
        j["url"] = doc.url
    place = listed_place(ev)
    if place is not None:
        j["place_name_ar"] = place.name_ar
        j["place_name_en"] = place.name_en
    return j


def listed_place(ev: Event) -> Place | None:
    """The gazetteer entry of the event's place (None when unlisted or no gazetteer is built)."""
    if ev.location is None or not ev.location.place_id:
        return None
    try:
        from rasad.places.gazetteer import load_gazetteer

        return load_gazetteer().get(ev.location.place_id)
    except Exception:  # no gazetteer built: the names as written are all there is
        return None


def write_events_jsonl(
    events: Iterable[Event], out: Path, documents: Mapping[str, Document] | None = None
) -> int:
    """Write ``events`` to ``out``; returns the number written."""
    n = 0
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for ev in events:
            f.write(json.dumps(event_json(ev, documents), ensure_ascii=False) + "\n")
            n += 1
    return n
