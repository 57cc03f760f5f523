"""Running an extractor over documents: records, errors, main event, worker processes."""

from __future__ import annotations

from datetime import date
from typing import Any

from evalbuild import ev, loc

from rasad.evaluation.runner import document_from_gold, main_event, run_extractor
from rasad.model import Document, Event, Evidence, Location


def test_document_from_gold_record() -> None:
    doc = document_from_gold(
        {
            "doc_id": "d1",
            "lang": "ar",
            "text": "قصف على البلدة.",
            "published": "2021-03-04T10:00:00",
            "url": "u",
        }
    )
    assert (doc.id, doc.lang, doc.published, doc.url) == ("d1", "ar", date(2021, 3, 4), "u")
    assert document_from_gold({"doc_id": 7, "text": "x", "published": None, "lang": "fr"}).lang == "other"


def test_event_objects_become_spec_dicts_with_doc_id() -> None:
    def extractor(doc: Document) -> list[Event]:
        return [
            Event(
                doc_id="wrong",
                event_type="battles",
                sub_event_type="armed_clash",
                actor1="SDF",
                actor2="ISIS",
                location=Location("Town", 35.0, 40.0, None, 1),
                date=date(2020, 1, 2),
                time_precision=1,
                fatalities=None,
                evidence=Evidence(0, 4, doc.text[:4]),
                confidence=0.7,
            )
        ]

    res = run_extractor([Document(id="d9", text="Clashes broke out.", lang="en")], extractor)
    (e,) = res.events
    assert e["doc_id"] == "d9" and e["date"] == "2020-01-02" and e["location"]["lat"] == 35.0


def test_main_event_is_the_lead_event_then_the_most_confident() -> None:
    def at(sub: str, start: int, confidence: float) -> dict[str, object]:
        e = ev(sub, None, confidence=confidence)
        e["evidence"] = {"start": start, "end": start + 10, "text": "x"}
        return e

    evs = [at("attack", 40, 0.9), at("armed_clash", 5, 0.5), at("arrests", 5, 0.7)]
    assert main_event(evs)["sub_event_type"] == "arrests"  # type: ignore[index]
    assert main_event([at("attack", 3, 0.4), at("armed_clash", 3, 0.4)])["sub_event_type"] == "attack"  # type: ignore[index]
    assert main_event([]) is None


def test_worker_processes_give_the_same_result_as_one() -> None:
    marker = "boom"  # a closure: inherited by the forked workers

    def extractor(doc: Document) -> list[dict[str, Any]]:
        if marker in doc.text:
            raise ValueError(marker)
        return [ev("armed_clash", loc(doc.text, 35.0, 40.0), "SDF", "ISIS")]

    docs = [Document(id=f"d{i}", text="boom" if i % 7 == 0 else f"place {i}", lang="en") for i in range(40)]
    done: list[int] = []
    one = run_extractor(docs, extractor)
    four = run_extractor(docs, extractor, progress=done.append, jobs=4)
    assert four.events_by_doc == one.events_by_doc
    assert four.errors == one.errors and len(one.errors) == 6
    assert sum(done) == four.documents == 40
