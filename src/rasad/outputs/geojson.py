"""GeoJSON FeatureCollections (RFC 7946, WGS84 lon/lat) of events and of a control snapshot.

* ``write_events_geojson``: one Point feature per event; properties are the spec's fields with
  the location flattened (``location_name``, ``admin1``, ``geo_precision``, ``place_id``) and the
  evidence flattened (``evidence_text``, ``evidence_start``, ``evidence_end``). Events without
  coordinates get ``"geometry": null`` (allowed by RFC 7946 §3.2) so none is lost.
* ``write_control_geojson``: the places' control on ``day`` (default: the latest day the timeline
  knows), one feature per place, properties as the columns of ``control.csv``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rasad.model import ControlInterval, Document, Event
from rasad.outputs.control_csv import interval_row
from rasad.outputs.jsonl import event_json
from rasad.places.gazetteer import gazetteer_or_none


def _point(lat: float | None, lon: float | None) -> dict[str, Any] | None:
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}


def event_feature(
    ev: Event, documents: Mapping[str, Document] | None = None, gazetteer: Any | None = None
) -> dict[str, Any]:
    j = event_json(ev, documents, gazetteer)
    loc = j.pop("location") or {}
    evid = j.pop("evidence") or {}
    props: dict[str, Any] = {
        "id": j.pop("id"),
        **j,
        "location_name": loc.get("name"),
        "admin1": loc.get("admin1"),
        "geo_precision": loc.get("geo_precision"),
        "evidence_text": evid.get("text"),
        "evidence_start": evid.get("start"),
        "evidence_end": evid.get("end"),
    }
    props.setdefault("date_flag", None)
    feat: dict[str, Any] = {"type": "Feature", "geometry": _point(loc.get("lat"), loc.get("lon")),
                            "properties": props}
    if props["id"]:
        feat["id"] = props["id"]  # RFC 7946: a string or number when present
    return feat


def _write(features: list[dict[str, Any]], out: Path, extra: dict[str, Any] | None = None) -> int:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fc: dict[str, Any] = {"type": "FeatureCollection", **(extra or {}), "features": features}
    out.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    return len(features)


def write_events_geojson(
    events: Iterable[Event], out: Path, documents: Mapping[str, Document] | None = None
) -> int:
    gaz = gazetteer_or_none()
    return _write([event_feature(e, documents, gaz) for e in events], out)


def latest_day(intervals: Sequence[ControlInterval]) -> date:
    """The last day anything starts: the timeline's latest known state."""
    return max((iv.valid_from for iv in intervals), default=date.today())


def write_control_geojson(intervals: Iterable[ControlInterval], out: Path, day: date | None = None) -> int:
    from rasad.control.timeline import snapshot

    ivs = list(intervals)
    day = day or latest_day(ivs)
    feats = []
    for key, iv in sorted(snapshot(ivs, day).items()):
        row = interval_row(iv)
        row["lat"] = iv.lat
        row["lon"] = iv.lon
        feats.append({"type": "Feature", "id": key, "geometry": _point(iv.lat, iv.lon), "properties": row})
    return _write(feats, out, {"name": f"control {day.isoformat()}", "date": day.isoformat()})
