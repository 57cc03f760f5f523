"""``extract_document(doc) -> list[Event]``: the events stage as one pure function."""

from __future__ import annotations

from rasad.events import EXTRACTOR_VERSION
from rasad.events.assemble import candidates
from rasad.events.context import build_context
from rasad.events.merge import merge, to_events
from rasad.model import Document, Event

MAX_CHARS = 200_000  # longer texts are cut (bounded time per document)


def extract_document(doc: Document) -> list[Event]:
    """Events of ``doc`` in the format of spec/events.md, with evidence, rules and confidence.

    Pure: the same document gives the same events (ids are stable hashes). Never raises on
    odd text: empty, non-Arabic/English, very long or unpunctuated input yields [] or events.
    """
    if not doc.text or not doc.text.strip():
        return []
    if len(doc.text) > MAX_CHARS:
        doc = Document(
            doc.id,
            doc.text[:MAX_CHARS],
            doc.lang,
            doc.title,
            doc.url,
            doc.published,
            doc.source,
            doc.author,
            dict(doc.meta),
        )
    ctx = build_context(doc)
    events = to_events(ctx, merge(candidates(ctx)))
    for e in events:
        e.rule = f"{e.rule}@{EXTRACTOR_VERSION}"
    return events
