"""Events as an ACLED-style CSV: ACLED's column names and category names, rasad's content.

Mapping (``rasad/data/acled_export.yaml``): event and sub-event types to ACLED's title-case
names; actor codes to ACLED-style actor names (by country and period) and ``inter`` codes;
``interaction`` = the two inter codes, smaller first (``inter1 * 10`` when there is no actor2);
``civilian_targeting`` = "Civilian targeting" when civilians are the target. ``event_date`` is
ISO (YYYY-MM-DD, empty when unknown); ``notes`` is the evidence sentence; ``fatalities`` is 0
when not stated (ACLED's convention), with ``fatalities=unstated`` in ``tags``. Other rasad
fields (rule, confidence, date flag, document id) go into ``tags``. ``admin2``/``admin3`` come
from the gazetteer when the event's place id is known to it.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasad.model import Document, Event
from rasad.places.gazetteer import gazetteer_or_none

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

SYRIAN_ADMIN1 = {
    "aleppo",
    "al-hasakeh",
    "ar-raqqa",
    "as-sweida",
    "damascus",
    "dar'a",
    "deir-ez-zor",
    "hama",
    "homs",
    "idleb",
    "lattakia",
    "quneitra",
    "rural damascus",
    "tartous",
}


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    path = resources.files("rasad") / "data" / "acled_export.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def actor_name(code: str | None, country: str | None, day: date | None) -> tuple[str, int | str]:
    """(ACLED-style name, inter code) of a rasad actor code; ("", "") for none."""
    if not code:
        return "", ""
    m = mapping()
    entry = m["actors"].get(code)
    cname = m["countries"].get(country or "", {}).get("name", "")
    if entry is None:
        return code, ""
    name = entry.get("name", code)
    for p in entry.get("periods") or []:
        until = p.get("until")
        if until is None or day is None or day < until:
            name = p["name"]
            break
    name = name.replace("({country})", f"({cname})" if cname else "").strip()
    return name, int(entry.get("inter", 0)) or ""


@lru_cache(maxsize=1)
def _country_shapes() -> list[tuple[str, Any]]:
    from shapely.geometry import shape

    out = []
    base = resources.files("rasad") / "data" / "boundaries"
    for iso, name in (("SY", "syria_admin0.geojson"), ("IQ", "iraq_admin0.geojson")):
        f = base / name
        if f.is_file():
            import json

            for feat in json.loads(f.read_text(encoding="utf-8"))["features"]:
                out.append((iso, shape(feat["geometry"])))
    return out


def country_of(ev: Event, place: Any | None = None) -> str | None:
    """ISO2 of the event's country: gazetteer place, place id prefix, admin1, then coordinates."""
    if place is not None and getattr(place, "country", None):
        return str(place.country)
    loc = ev.location
    if loc is None:
        return None
    pid = (loc.place_id or "").upper()
    if pid.startswith("SY"):
        return "SY"
    if pid.startswith("IQ"):
        return "IQ"
    if loc.admin1 and loc.admin1.strip().lower() in SYRIAN_ADMIN1:
        return "SY"
    if loc.lat is not None and loc.lon is not None:
        from shapely.geometry import Point

        pt = Point(loc.lon, loc.lat)
        for iso, geom in _country_shapes():
            if geom.covers(pt):
                return iso
    return None


def event_row(
    ev: Event,
    documents: Mapping[str, Document] | None = None,
    gazetteer: Any | None = None,
    timestamp: int | None = None,
) -> dict[str, Any]:
    m = mapping()
    loc = ev.location
    place = gazetteer.get(loc.place_id) if gazetteer is not None and loc and loc.place_id else None
    country = country_of(ev, place)
    cinfo = m["countries"].get(country or "", {})
    a1, i1 = actor_name(ev.actor1, country, ev.date)
    a2, i2 = actor_name(ev.actor2, country, ev.date)
    codes = sorted(i for i in (i1, i2) if isinstance(i, int))
    interaction = (codes[0] * 10 + codes[1]) if len(codes) == 2 else (codes[0] * 10 if codes else "")
    et = m["event_types"].get(ev.event_type, {})
    doc = (documents or {}).get(ev.doc_id)
    tags = [f"rasad_id={ev.id}", f"doc_id={ev.doc_id}", f"rule={ev.rule}", f"confidence={ev.confidence:.3f}"]
    if ev.date_flag:
        tags.append(f"date_flag={ev.date_flag}")
    if ev.fatalities is None:
        tags.append("fatalities=unstated")
    if loc and place and place.name_en and loc.name != place.name_en:
        tags.append(f"location_as_written={loc.name}")
    civ = ev.event_type == "violence_against_civilians" or ev.actor2 == "CIVILIANS"
    return {
        "event_id_cnty": f"{cinfo.get('iso3', 'XXX')}-{ev.id}",
        "event_date": ev.date.isoformat() if ev.date else "",
        "year": ev.date.year if ev.date else "",
        "time_precision": ev.time_precision or "",
        "disorder_type": et.get("disorder", ""),
        "event_type": et.get("name", ev.event_type),
        "sub_event_type": m["sub_event_types"].get(ev.sub_event_type, ev.sub_event_type),
        "actor1": a1,
        "assoc_actor_1": "",
        "inter1": i1,
        "actor2": a2,
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": cinfo.get("iso", ""),
        "region": m.get("region", "") if country else "",
        "country": cinfo.get("name", ""),
        "admin1": (loc.admin1 if loc else None) or (place.admin1 if place else "") or "",
        "admin2": (place.admin2 if place else "") or "",
        "admin3": (place.admin3 if place else "") or "",
        # ACLED names places in English: the gazetteer's name, whatever the report's language
        "location": ((place.name_en if place else None) or loc.name) if loc else "",
        "latitude": "" if not loc or loc.lat is None else loc.lat,
        "longitude": "" if not loc or loc.lon is None else loc.lon,
        "geo_precision": loc.geo_precision if loc else "",
        "source": (doc.source or doc.url or "") if doc else "",
        "source_scale": "",
        "notes": ev.evidence.text,
        "fatalities": ev.fatalities if ev.fatalities is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }


def write_events_acled_csv(
    events: Iterable[Event],
    out: Path,
    documents: Mapping[str, Document] | None = None,
    gazetteer: Any | None = None,
) -> int:
    """Write the ACLED-style CSV; ``gazetteer`` defaults to rasad's (for admin2/admin3)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    gaz = gazetteer if gazetteer is not None else gazetteer_or_none()
    ts = int(time.time())
    n = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel reads Arabic right
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for ev in events:
            w.writerow(event_row(ev, documents, gaz, ts))
            n += 1
    return n
