"""The control stage on the gold events of ../shared/eval/dev (read from there, never copied)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rasad.control.regions import region_shares
from rasad.control.score import control_score, event_from_json
from rasad.control.timeline import build_timelines, history, snapshot


def docs(shared: Path, name: str) -> list[dict]:
    with open(shared / "eval" / "dev" / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_events(ds: list[dict]) -> list:
    return [event_from_json(e, d["doc_id"], i) for d in ds for i, e in enumerate(d["events"])]


SEED_PLACES = ["العشارة", "محكان", "القورية", "صبيخان", "دبلان", "غريبة"]  # al-Ashara ... Ghariba


def test_seed_report_places_held_by_the_regime_after_it(shared):
    ds = docs(shared, "seed.jsonl")
    ivs = build_timelines(gold_events(ds), today=date(2017, 11, 1))
    after = snapshot(ivs, date(2017, 11, 1))
    for name in SEED_PLACES:
        hist = history(ivs, name)
        assert hist, name
        final = hist[-1]
        assert final.controller == "SYR_GOV", name
        assert after[final.place_key].controller == "SYR_GOV"
        assert final.date_flag == "undated"  # the report carries no date at all
        assert final.evidence and final.sources == ["seed-0001"]
    # the shelling of al-Quriya and al-Ashara is not territorial: no ISIS interval appears
    assert {iv.controller for iv in ivs} == {"SYR_GOV"}


def test_seed_report_in_the_wilayat(shared):
    pytest.importorskip("rasad.places.gazetteer")
    ds = docs(shared, "seed.jsonl")
    ivs = build_timelines(gold_events(ds), today=date(2017, 11, 1))
    shares = {s.region_id: s for s in region_shares(ivs, snapshot(ivs, date(2017, 11, 1)), "wilayat")}
    khayr = shares["khayr"]
    assert khayr.held.get("SYR_GOV", 0) >= 6 and set(khayr.held) == {"SYR_GOV"}


def test_control_score_of_gold_as_predictions_is_perfect(shared):
    for name in ("ar_dev.jsonl", "en_dev.jsonl"):
        ds = docs(shared, name)
        preds = [dict(e, doc_id=d["doc_id"]) for d in ds for e in d["events"]]
        r = control_score(ds, preds)
        assert r["places"] > 0 and r["score"] == 1.0, r["misses"][:3]
        lang = name[:2]
        assert r["by_lang"][lang]["score"] == 1.0


def test_control_score_counts_wrong_and_missing_controllers(shared):
    ds = docs(shared, "seed.jsonl")
    preds = [dict(e, doc_id=d["doc_id"]) for d in ds for e in d["events"]]
    full = control_score(ds, preds)["places"]
    # drop one place's events and give another place to the wrong actor
    dropped = [p for p in preds if p["location"]["name"] != "حقل الورد"]  # no coordinates: by name
    for p in dropped:
        if p["location"]["name"] == "دبلان":
            p["actor1"] = "ISIS"
    r = control_score(ds, dropped)
    assert r["places"] == full and r["unmatched"] == 1 and r["wrong"] == 1
    assert r["score"] == round((full - 2) / full, 4)
    assert {m["place"] for m in r["misses"]} == {"حقل الورد", "دبلان"}
    assert control_score(ds, [])["score"] == 0.0


@pytest.mark.slow
def test_full_chain_on_the_seed_report(shared):
    """Extraction -> control on the seed report: the six places are the regime's, with evidence."""
    extract = pytest.importorskip("rasad.events.extract")
    from rasad.model import Document

    d = docs(shared, "seed.jsonl")[0]
    doc = Document(d["doc_id"], d["text"], d["lang"])
    events = extract.extract_document(doc)
    by_id = {e.id: e for e in events}
    ivs = build_timelines(events, today=date(2017, 11, 1))
    for name in SEED_PLACES:
        hist = [iv for iv in history(ivs, name) if iv.kind != "superseded"]
        assert hist and hist[-1].controller == "SYR_GOV", name
        sentences = [by_id[e].evidence.text for e in hist[-1].evidence if e in by_id]
        assert sentences and all(
            s == doc.text[by_id[e].evidence.start : by_id[e].evidence.end]
            for e, s in zip(hist[-1].evidence, sentences, strict=False)
        ), name
