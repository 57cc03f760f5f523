"""Builders for constructed gold / predicted events (short texts written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TYPES = {
    "armed_clash": "battles",
    "government_regains_territory": "battles",
    "non_state_actor_overtakes_territory": "battles",
    "non_violent_transfer_of_territory": "strategic_developments",
    "shelling_artillery_missile_attack": "explosions_remote_violence",
    "air_drone_strike": "explosions_remote_violence",
    "attack": "violence_against_civilians",
    "agreement": "strategic_developments",
    "arrests": "strategic_developments",
    "peaceful_protest": "protests",
    "protest_with_intervention": "protests",
}


def loc(name: str, lat: float | None, lon: float | None, gp: int = 1) -> dict[str, Any]:
    return {"name": name, "lat": lat, "lon": lon, "admin1": None, "geo_precision": gp}


def ev(
    sub: str,
    location: dict[str, Any] | None,
    actor1: str | None = None,
    actor2: str | None = None,
    date: str | None = None,
    fatalities: int | None = None,
    doc_id: str | None = None,
    confidence: float = 0.8,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "event_type": TYPES[sub],
        "sub_event_type": sub,
        "actor1": actor1,
        "actor2": actor2,
        "location": location,
        "date": date,
        "time_precision": 1 if date else None,
        "fatalities": fatalities,
        "evidence": {"start": 0, "end": 1, "text": "x"},
        "confidence": confidence,
    }
    if doc_id is not None:
        out["doc_id"] = doc_id
    return out


def gold_doc(doc_id: str, lang: str, text: str, events: list[dict[str, Any]], published: str | None = None):
    return {
        "doc_id": doc_id,
        "lang": lang,
        "url": None,
        "published": published,
        "text": text,
        "events": events,
    }


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
