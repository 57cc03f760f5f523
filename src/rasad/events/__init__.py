"""rasad.events: native Arabic and English extraction of ACLED-style events.

API: ``rasad.events.extract.extract_document(doc) -> list[Event]``; ``EXTRACTOR_VERSION``;
``rasad.events.background.find_control_observations(doc)`` for the control stage.
Rules and cue words are data (src/rasad/data/triggers/*.yaml, src/rasad/data/events/cues.yaml);
the version carries a digest of them, so changing a rule file makes stored events stale
(``Store.documents_needing_extraction``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_DATA = Path(__file__).resolve().parents[1] / "data"


def _data_digest() -> str:
    h = hashlib.sha1()
    for p in sorted([*(_DATA / "triggers").glob("*.yaml"), _DATA / "events" / "cues.yaml"]):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:8]


EXTRACTOR_VERSION = f"events-0.3+{_data_digest()}"
