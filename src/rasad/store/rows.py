"""Conversions between the model's values and table rows (the only place that knows both)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date
from typing import Any

from rasad.model import ControlInterval, Document, Event, Evidence, Location


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def to_date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def document_from_row(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        lang=row["lang"],
        title=row["title"],
        url=row["url"],
        published=to_date(row["published"]),
        source=row["source"],
        author=row["author"],
        meta=json.loads(row["meta"] or "{}"),
    )


def event_id(ev: Event) -> str:
    """Stable id from (document, sub-event type, place, evidence start)."""
    place = ""
    if ev.location:
        place = ev.location.place_id or ev.location.name
    key = f"{ev.doc_id}|{ev.sub_event_type}|{place}|{ev.evidence.start}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_row(ev: Event, extractor_version: str, created_at: str) -> dict[str, Any]:
    loc = ev.location
    return {
        "id": ev.id,
        "doc_id": ev.doc_id,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "actor1_text": ev.actor1_text,
        "actor2_text": ev.actor2_text,
        "location_name": loc.name if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "admin1": loc.admin1 if loc else None,
        "geo_precision": loc.geo_precision if loc else None,
        "place_id": loc.place_id if loc else None,
        "date": iso(ev.date),
        "time_precision": ev.time_precision,
        "date_flag": ev.date_flag,
        "fatalities": ev.fatalities,
        "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "evidence_text": ev.evidence.text,
        "rule": ev.rule,
        "confidence": float(ev.confidence),
        "extractor_version": extractor_version,
        "created_at": created_at,
        "json": json.dumps(ev.to_json(), ensure_ascii=False),
    }


def event_from_row(row: sqlite3.Row) -> Event:
    loc = None
    if row["location_name"] is not None:
        loc = Location(
            name=row["location_name"],
            lat=row["lat"],
            lon=row["lon"],
            admin1=row["admin1"],
            geo_precision=row["geo_precision"] or 1,
            place_id=row["place_id"],
        )
    return Event(
        doc_id=row["doc_id"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        actor1=row["actor1"],
        actor2=row["actor2"],
        location=loc,
        date=to_date(row["date"]),
        time_precision=row["time_precision"],
        fatalities=row["fatalities"],
        evidence=Evidence(row["evidence_start"], row["evidence_end"], row["evidence_text"]),
        confidence=row["confidence"],
        rule=row["rule"],
        id=row["id"],
        actor1_text=row["actor1_text"],
        actor2_text=row["actor2_text"],
        date_flag=row["date_flag"],
    )


def control_row(iv: ControlInterval, created_at: str) -> dict[str, Any]:
    return {
        "place_key": iv.place_key,
        "place_name": iv.place_name,
        "lat": iv.lat,
        "lon": iv.lon,
        "admin1": iv.admin1,
        "controller": iv.controller,
        "valid_from": iso(iv.valid_from),
        "valid_to": iso(iv.valid_to),
        "confidence": float(iv.confidence),
        "evidence": json.dumps(list(iv.evidence)),
        "sources": json.dumps(list(iv.sources)),
        "kind": iv.kind,
        "date_flag": iv.date_flag,
        "created_at": created_at,
    }


def control_from_row(row: sqlite3.Row) -> ControlInterval:
    return ControlInterval(
        place_key=row["place_key"],
        place_name=row["place_name"],
        lat=row["lat"],
        lon=row["lon"],
        admin1=row["admin1"],
        controller=row["controller"],
        valid_from=date.fromisoformat(row["valid_from"]),
        valid_to=to_date(row["valid_to"]),
        confidence=row["confidence"],
        evidence=json.loads(row["evidence"]),
        sources=json.loads(row["sources"]),
        kind=row["kind"],
        date_flag=row["date_flag"],
    )


def insert_sql(table: str, row: dict[str, Any]) -> str:
    cols = ", ".join(row)
    marks = ", ".join(f":{c}" for c in row)
    return f"INSERT INTO {table} ({cols}) VALUES ({marks})"
