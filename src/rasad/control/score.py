"""The control score: does the map say who holds each place after the report?

``control_score(gold_docs, pred_events)``: over the territorial gold events of the gold documents
(the three territory sub-types), the share of gold *places* whose controller after the document
— per the timeline built from that document's predicted events alone (``build_timelines`` on
the events with the same ``doc_id``, in file order; the doc's ``published`` date used for
undated events) — is the gold's gaining actor (gold ``actor1``).

Decisions:

* **Per document**, as the issue words it ("after the document"); the whole-file timeline
  would let other reports' later events change the answer.
* **"After the document"** is the last interval of the place's timeline (the one in force at
  the latest day any of the document's evidence touches); a contested interval counts with its
  controller; superseded records never count.
* **Places**: gold events are grouped by place (coordinates within 1 km, or the same normalised
  name); when the document moves a place more than once, the last gold event (by evidence
  offset) gives the expected controller.
* **Matching a gold place to a predicted place** is the reference scorer's rule: within 5 km
  (gold geo_precision 1) or 30 km (2, 3) — the nearest predicted place wins — or, for gold places
  without coordinates, the same normalised name.
* Gold transfers with ``actor1`` null (nobody is said to gain) are **skipped** and counted in
  ``skipped_no_gainer``: they say nothing checkable about the controller.

Returns the totals — ``score`` (None when there are no places), ``places``, ``correct``,
``unmatched`` (gold places with no predicted controller), ``wrong`` (another controller),
``skipped_no_gainer``, ``documents`` (with territorial gold), ``misses`` (details) — and
``by_lang``: the same per document language (``{"ar": {...}, "en": {...}}``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from rasad.control.claims import TERRITORY, norm_name
from rasad.control.timeline import SUPERSEDED, build_timelines
from rasad.geo import haversine_km
from rasad.model import ControlInterval, Event, Evidence, Location

Json = Mapping[str, Any]


km = haversine_km


def _date(v: Any) -> date | None:
    if not v:
        return None
    return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])


def event_from_json(d: Json, doc_id: str | None = None, index: int = 0) -> Event:
    """A spec JSON event (gold or predicted) as an Event; the id is made up when missing."""
    loc = d.get("location")
    ev = d.get("evidence") or {}
    did = str(d.get("doc_id") or doc_id or "")
    start = int(ev.get("start") or 0)
    return Event(
        doc_id=did,
        event_type=str(d.get("event_type") or ""),
        sub_event_type=str(d.get("sub_event_type") or ""),
        actor1=d.get("actor1"),
        actor2=d.get("actor2"),
        location=Location(str(loc.get("name") or ""), loc.get("lat"), loc.get("lon"), loc.get("admin1"),
                          int(loc.get("geo_precision") or 1), d.get("place_id") or loc.get("place_id"))
        if loc else None,
        date=_date(d.get("date")),
        time_precision=d.get("time_precision"),
        fatalities=d.get("fatalities"),
        evidence=Evidence(start, int(ev.get("end") or start), str(ev.get("text") or "")),
        confidence=float(d.get("confidence") if d.get("confidence") is not None else 1.0),
        rule=str(d.get("rule") or ""),
        id=str(d.get("id") or f"{did}#{index}"),
        actor1_text=d.get("actor1_text"),
        actor2_text=d.get("actor2_text"),
        date_flag=d.get("date_flag"),
    )


def _final_by_place(intervals: Iterable[ControlInterval]) -> list[ControlInterval]:
    last: dict[str, ControlInterval] = {}
    for iv in intervals:
        if iv.kind == SUPERSEDED:
            continue
        cur = last.get(iv.place_key)
        end, cur_end = iv.valid_to or date.max, (cur.valid_to or date.max) if cur else date.min
        if cur is None or (iv.valid_from, end) >= (cur.valid_from, cur_end):
            last[iv.place_key] = iv
    return list(last.values())


def _same_place(a: Json, b: Json) -> bool:
    if a.get("lat") is not None and b.get("lat") is not None:
        return km(a["lat"], a["lon"], b["lat"], b["lon"]) <= 1.0
    return norm_name(a.get("name")) == norm_name(b.get("name"))


def _gold_places(doc: Json) -> tuple[list[tuple[Json, str]], int]:
    """(location, expected controller) per gold place, and the count of skipped gainer-less ones."""
    evs = [e for e in doc.get("events", []) if e.get("sub_event_type") in TERRITORY and e.get("location")]
    evs.sort(key=lambda e: (e.get("evidence") or {}).get("start") or 0)
    places: list[list[Any]] = []  # [location, actor1 or None]
    for e in evs:
        loc = e["location"]
        for p in places:
            if _same_place(p[0], loc):
                p[1] = e.get("actor1")
                break
        else:
            places.append([loc, e.get("actor1")])
    kept = [(p[0], p[1]) for p in places if p[1]]
    return kept, len(places) - len(kept)


def _match(loc: Json, finals: Sequence[ControlInterval]) -> ControlInterval | None:
    if loc.get("lat") is None:
        want = norm_name(loc.get("name"))
        for iv in finals:
            if norm_name(iv.place_name) == want or iv.place_key == "name:" + want:
                return iv
        return None
    limit = 5.0 if (loc.get("geo_precision") or 1) == 1 else 30.0
    best: tuple[float, ControlInterval] | None = None
    for iv in finals:
        if iv.lat is None or iv.lon is None:
            continue
        d = km(loc["lat"], loc["lon"], iv.lat, iv.lon)
        if d <= limit and (best is None or d < best[0]):
            best = (d, iv)
    return best[1] if best else None


def _empty() -> dict[str, Any]:
    return {"places": 0, "correct": 0, "unmatched": 0, "wrong": 0, "skipped_no_gainer": 0,
            "documents": 0, "misses": []}


def control_score(gold_docs: list[dict[str, Any]], pred_events: list[dict[str, Any]]) -> dict[str, Any]:
    """See the module docstring."""
    by_doc: dict[Any, list[Json]] = defaultdict(list)
    for e in pred_events:
        by_doc[e.get("doc_id")].append(e)
    parts: dict[str, dict[str, Any]] = {"all": _empty()}
    for doc in gold_docs:
        gold, skipped = _gold_places(doc)
        lang = str(doc.get("lang") or "other")
        tgt = [parts["all"], parts.setdefault(lang, _empty())]
        for t in tgt:
            t["skipped_no_gainer"] += skipped
            t["documents"] += 1 if gold else 0
        if not gold:
            continue
        preds = [event_from_json(p, doc["doc_id"], i) for i, p in enumerate(by_doc.get(doc["doc_id"], []))]
        pub = _date(doc.get("published"))
        intervals = build_timelines(preds, published={doc["doc_id"]: pub}, today=pub)
        finals = _final_by_place(intervals)
        for loc, want in gold:
            iv = _match(loc, finals)
            got = iv.controller if iv else None
            for t in tgt:
                t["places"] += 1
                if got == want:
                    t["correct"] += 1
                else:
                    t["unmatched" if iv is None else "wrong"] += 1
                    if t is tgt[-1]:
                        t["misses"].append({"doc_id": doc["doc_id"], "place": loc.get("name"),
                                            "expected": want, "got": got})
    for t in parts.values():
        t["score"] = round(t["correct"] / t["places"], 4) if t["places"] else None
    out = dict(parts.pop("all"))
    out["misses"] = [m for t in parts.values() for m in t["misses"]]
    out["by_lang"] = parts
    return out
