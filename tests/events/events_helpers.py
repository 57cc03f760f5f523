"""Helpers for the events tests: run the whole stage on a sentence written for the tests."""

from __future__ import annotations

from datetime import date

from rasad.events.extract import extract_document
from rasad.model import Document, Event

PUBLISHED = date(2024, 3, 10)  # a Sunday


def run(text: str, lang: str = "ar", published: date | None = PUBLISHED) -> list[Event]:
    return extract_document(Document("test-doc", text, lang, published=published))


def places(events: list[Event]) -> list[str]:
    return [e.location.name if e.location else "" for e in events]


def of_type(events: list[Event], sub: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub]
