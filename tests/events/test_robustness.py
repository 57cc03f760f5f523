"""Extraction never fails and stays bounded on odd text (property-based, hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.events.extract import extract_document
from rasad.model import Document, Event

PIECES = [
    "سيطرت",
    "قوات النظام",
    "على",
    "قرية",
    "حطلة",
    "و",
    "مراط",
    "،",
    ".",
    "قصف",
    "مدفعي",
    "تنظيم داعش",
    "عليها",
    "من",
    "تحت سيطرة",
    "وكان",
    "قد",
    "أمس",
    "اليوم",
    "قتل",
    "5",
    "عشرات",
    "مدنيين",
    "اشتباكات",
    "captured",
    "the village of",
    "Palmyra",
    "airstrikes",
    "killed",
    "by",
    "SDF",
    "\n",
    "  ",
    "«",
    "»",
    "(",
    ")",
    "٣",
    "ـ",
    "\u200f",
    "🙂",
    "x" * 40,
]


def _check(events: list[Event], text: str) -> None:
    assert isinstance(events, list)
    for e in events:
        assert 0 <= e.evidence.start <= e.evidence.end <= len(text)
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert 0 < e.confidence <= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.sampled_from(["ar", "en", "other"]))
def test_random_mixtures_of_trigger_words(pieces: list[str], lang: str) -> None:
    text = " ".join(pieces)
    _check(extract_document(Document("h", text, lang, published=date(2024, 1, 2))), text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode(text: str) -> None:
    _check(extract_document(Document("u", text, "ar")), text)


def test_long_report_without_punctuation_and_a_repeated_trigger() -> None:
    text = ("سيطرت قوات النظام على قرية حطلة بعد اشتباكات مع تنظيم داعش " * 1800)[:100_000]
    evs = extract_document(Document("long", text, "ar", published=date(2024, 1, 2)))
    _check(evs, text)
    # the same place and type repeated thousands of times is one event
    assert len([e for e in evs if e.sub_event_type == "government_regains_territory"]) <= 2


def test_empty_and_non_text() -> None:
    assert extract_document(Document("e", "", "ar")) == []
    assert extract_document(Document("e", "   \n\t ", "en")) == []
    assert extract_document(Document("e", "1234 5678 ....", "other")) == []


def test_warm_up_loads_both_languages_and_tunes_the_collector_for_a_batch() -> None:
    import gc

    from rasad.events.extract import BATCH_GC_THRESHOLD, extract_document, warm_up
    from rasad.model import Document

    text = "Government forces shelled the town of Kafr Nabl in southern Idlib on Monday."
    before = [e.to_json() for e in extract_document(Document("w", text, "en"))]
    old = gc.get_threshold()
    try:
        warm_up()
        assert gc.get_threshold()[0] >= BATCH_GC_THRESHOLD[0]
        assert gc.get_freeze_count() > 0
        assert [e.to_json() for e in extract_document(Document("w", text, "en"))] == before
    finally:
        gc.unfreeze()
        gc.set_threshold(*old)
