"""The store: migrations, idempotent upserts, updates invalidating derived rows, errors, batches."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from rasad.ingest import build_document
from rasad.model import ControlInterval, Document, Event, Evidence, Location
from rasad.store import SchemaError, Store
from rasad.store.migrate import available

AR_TEXT = "سيطرت قوات النظام، أمس، على قرية سعلو في ريف الميادين بعد اشتباكات مع عناصر تنظيم داعش."
AR_TEXT_2 = (
    "سيطرت قوات النظام، أمس، على قريتي سعلو والزباري في ريف الميادين بعد اشتباكات مع عناصر تنظيم داعش."
)


def doc(text: str = AR_TEXT, doc_id: str = "d-1") -> tuple[Document, str]:
    return build_document(text, doc_id=doc_id, published=date(2017, 10, 16), source="test")


def event(doc_id: str = "d-1", place: str = "سعلو", start: int = 0) -> Event:
    return Event(
        doc_id=doc_id,
        event_type="battles",
        sub_event_type="government_regains_territory",
        actor1="SYR_GOV",
        actor2="ISIS",
        location=Location(place, 35.1, 40.4, "Deir-ez-Zor", 1, "ocha:C5188"),
        date=date(2017, 10, 15),
        time_precision=1,
        fatalities=None,
        evidence=Evidence(start, start + 10, AR_TEXT[start : start + 10]),
        confidence=0.9,
        rule="ar.control.sayṭara",
    )


def interval(sources: list[str]) -> ControlInterval:
    return ControlInterval(
        "ocha:C5188",
        "سعلو",
        35.1,
        40.4,
        "Deir-ez-Zor",
        "SYR_GOV",
        date(2017, 10, 15),
        None,
        0.8,
        ["ev-1"],
        sources,
    )


def test_migrations_applied_once_with_schema_version(db_path: Path) -> None:
    with Store(db_path) as s:
        assert s.schema_version == max(v for v, _, _ in available())
        mode = s.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store(db_path) as s:  # reopening applies nothing twice
        n = s.conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
        assert n == len(available())


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    c = sqlite3.connect(db_path)
    c.execute("INSERT INTO schema_version VALUES (999, 'future', 'x')")
    c.commit()
    c.close()
    with pytest.raises(SchemaError):
        Store(db_path)


def test_upsert_new_unchanged_updated_and_round_trip(db_path: Path) -> None:
    d, h = doc()
    with Store(db_path) as s:
        assert s.upsert_document(d, h, "a.txt") == "new"
        assert s.upsert_document(d, h, "a.txt") == "unchanged"
        got = s.get_document("d-1")
        assert got == d
        d2, h2 = doc(AR_TEXT_2)
        assert h2 != h
        assert s.upsert_document(d2, h2, "a.txt") == "updated"
        assert s.get_document("d-1").text == AR_TEXT_2
        assert s.count_documents() == 1 and s.count_documents("ar") == 1 and s.count_documents("en") == 0


def test_updated_document_invalidates_its_events_and_control_but_not_corrections(db_path: Path) -> None:
    with Store(db_path) as s:
        d, h = doc()
        other, ho = doc(AR_TEXT, "d-2")
        s.upsert_document(d, h)
        s.upsert_document(other, ho)
        s.replace_events("d-1", [event(), event(place="الزباري", start=20)], "x1")
        s.replace_events("d-2", [event("d-2")], "x1")
        s.replace_control([interval(["d-1"]), interval(["d-2"])])
        cid = s.add_correction("control", "ocha:C5188", {"controller": "ISIS"}, "seen on video")
        s.add_control_seed("ocha:C5188", "سعلو", "ISIS", date(2017, 1, 1), note="start")
        assert s.documents_needing_extraction("x1") == []
        d2, h2 = doc(AR_TEXT_2)
        assert s.upsert_document(d2, h2) == "updated"
        assert [e.doc_id for e in s.iter_events()] == ["d-2"]
        assert [iv.sources for iv in s.iter_control()] == [["d-2"]]
        assert s.documents_needing_extraction("x1") == ["d-1"]
        assert [c["id"] for c in s.iter_corrections()] == [cid]
        assert [seed["controller"] for seed in s.iter_control_seeds()] == ["ISIS"]


def test_unchanged_reingest_keeps_events(db_path: Path) -> None:
    with Store(db_path) as s:
        d, h = doc()
        s.upsert_document(d, h)
        s.replace_events("d-1", [event()], "x1")
        assert s.upsert_document(d, h) == "unchanged"
        assert s.count_events() == 1


def test_events_round_trip_and_replace(db_path: Path) -> None:
    with Store(db_path) as s:
        d, h = doc()
        s.upsert_document(d, h)
        e1, e2 = event(), event(place="الزباري", start=20)
        s.replace_events("d-1", [e1, e2], "x1")
        got = list(s.iter_events("d-1"))
        assert [g.location.name for g in got] == ["سعلو", "الزباري"]
        assert got[0] == e1 and e1.id.startswith("ev-") and e1.id != e2.id
        s.replace_events("d-1", [event(start=5)], "x2")
        assert len(list(s.iter_events("d-1"))) == 1
        assert s.documents_needing_extraction("x2") == []
        assert s.documents_needing_extraction("x3") == ["d-1"]
        s.replace_events("d-1", [], "x3")  # no event is a result too
        assert s.documents_needing_extraction("x3") == []
        with pytest.raises(ValueError):
            s.replace_events("d-1", [event("d-9")], "x3")


def test_deleting_a_document_cascades_to_events(db_path: Path) -> None:
    with Store(db_path) as s:
        d, h = doc()
        s.upsert_document(d, h)
        s.replace_events("d-1", [event()], "x1")
        with s.conn:
            s.conn.execute("DELETE FROM documents WHERE id = 'd-1'")
        assert s.count_events() == 0


def test_errors_recorded_without_losing_a_good_document(db_path: Path) -> None:
    with Store(db_path) as s:
        d, h = doc()
        s.upsert_document(d, h, "feed.jsonl#1")
        s.record_error("d-1", "feed.jsonl#1", "not valid JSON")  # same id: the good row stays
        assert s.get_document("d-1") is not None
        s.record_error("e-123", "broken.txt", "binary file")
        assert [r["error"] for r in s.list_documents(errors=True)] == ["binary file"]
        assert s.count_documents(status="error") == 1
        # the path is later read fine: its error row goes
        d3, h3 = doc(AR_TEXT_2, "d-3")
        s.upsert_document(d3, h3, "broken.txt")
        assert s.count_documents(status="error") == 0
        assert s.conn.execute("SELECT COUNT(*) FROM ingest_errors").fetchone()[0] == 2  # the log stays


def test_batch_commits_every_n_and_rolls_back_a_half_written_document(db_path: Path) -> None:
    with Store(db_path) as s:
        reader = sqlite3.connect(db_path)
        with s.batch(commit_every=3):
            for i in range(4):
                d, h = doc(AR_TEXT + str(i), f"b-{i}")
                s.upsert_document(d, h)
            # 3 committed, the 4th still in the open transaction
            assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 3
            with pytest.raises(RuntimeError), s._write() as c:
                c.execute(
                    "INSERT INTO documents (id, text, ingested_at, updated_at) VALUES ('half', '', 'x', 'x')"
                )
                raise RuntimeError("crash in the middle of a document")
        assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4
        assert s.get_document("half") is None
        reader.close()


def test_interrupt_inside_a_batch_commits_what_was_done(db_path: Path) -> None:
    with Store(db_path) as s, pytest.raises(KeyboardInterrupt), s.batch(commit_every=100):
        for i in range(5):
            d, h = doc(AR_TEXT + str(i), f"k-{i}")
            s.upsert_document(d, h)
        raise KeyboardInterrupt
    with Store(db_path) as s:
        assert s.count_documents() == 5
        assert s.integrity_check() == "ok"


def test_iter_documents_by_language_in_pages(db_path: Path) -> None:
    with Store(db_path) as s, s.batch():
        for i in range(1203):
            text = (
                AR_TEXT
                if i % 3
                else "ISIS fighters withdrew from the village of Saalu on Monday, the SDF said."
            )
            d, h = build_document(text + f" {i}", doc_id=f"p-{i:05d}")
            s.upsert_document(d, h)
    with Store(db_path) as s:
        ids = [d.id for d in s.iter_documents()]
        assert len(ids) == 1203 and len(set(ids)) == 1203 and ids == sorted(ids)
        assert sum(1 for _ in s.iter_documents("en")) == 401
