"""Builders of events and observations for the control tests (sentences written for rasad)."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from rasad.model import Event, Evidence, Location

_ids = count(1)

SUB_TYPE = {
    "government_regains_territory": "battles",
    "non_state_actor_overtakes_territory": "battles",
    "armed_clash": "battles",
    "non_violent_transfer_of_territory": "strategic_developments",
}

# name -> (place id, lat, lon, admin1) — made-up ids, real-looking coordinates
PLACES = {
    "الحمرا": ("T:1", 35.10, 40.40, "Deir-ez-Zor"),
    "تل الورد": ("T:2", 35.20, 40.30, "Deir-ez-Zor"),
    "الجسر": ("T:3", 34.50, 40.90, "Deir-ez-Zor"),
}


def make_event(
    sub: str,
    actor1: str | None,
    actor2: str | None,
    place: str,
    day: date | None,
    doc: str = "doc-1",
    text: str = "سيطرت قوات النظام على القرية بعد اشتباكات عنيفة",
    confidence: float = 0.9,
    geo_precision: int = 1,
    date_flag: str | None = None,
) -> Event:
    pid, lat, lon, admin1 = PLACES.get(place, (None, None, None, None))
    n = next(_ids)
    return Event(
        doc_id=doc,
        event_type=SUB_TYPE.get(sub, "battles"),
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        location=Location(place, lat, lon, admin1, geo_precision, pid),
        date=day,
        time_precision=1 if day else None,
        fatalities=None,
        evidence=Evidence(n * 10, n * 10 + len(text), text),
        confidence=confidence,
        rule="test",
        id=f"ev{n}",
        date_flag=date_flag,
    )


def take(
    actor: str, place: str, day: date | None, doc: str = "doc-1", loser: str | None = "ISIS", **kw: Any
) -> Event:
    sub = (
        "government_regains_territory"
        if actor in ("SYR_GOV", "IRQ_GOV", "PMF")
        else "non_state_actor_overtakes_territory"
    )
    return make_event(sub, actor, loser, place, day, doc, **kw)


def clash(a: str, b: str, place: str, day: date | None, doc: str = "doc-9") -> Event:
    return make_event("armed_clash", a, b, place, day, doc, text="اشتباكات بين الطرفين في محيط القرية")


def observation(place: str, controller: str, day: date | None, doc: str = "obs-1") -> dict[str, Any]:
    pid, lat, lon, admin1 = PLACES[place]
    return {
        "location": {
            "name": place,
            "lat": lat,
            "lon": lon,
            "admin1": admin1,
            "geo_precision": 1,
            "place_id": pid,
        },
        "controller": controller,
        "date": day,
        "doc_id": doc,
        "evidence": {"start": 0, "end": 30, "text": "القرى الخاضعة لسيطرة التنظيم"},
    }
