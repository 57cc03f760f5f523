"""Seed files: initial control given by the user as a CSV of place -> actor as of a date.

Columns (header names; extra columns are ignored)::

    place,controller,as_of[,lat,lon,admin1,place_key,note]

``place`` is a name in any spelling the gazetteer knows (or ``place_name``); ``as_of`` is
YYYY-MM-DD (or ``date``). The place is tied to a gazetteer place so that the seed and the
events about the same place share one timeline: ``place_key`` when given; else the gazetteer
place of that name nearest to ``lat``/``lon`` (within ``MATCH_KM``) when coordinates are given;
else the best-ranked place of that name when all places of the name lie within ``MATCH_KM`` of it
(optionally narrowed by ``admin1``); otherwise the seed stays on ``name:<normalised name>``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from rasad.control.claims import canonical_key, place_key_for_name
from rasad.control.score import km

MATCH_KM = 5.0


@dataclass(slots=True)
class SeedRow:
    place_key: str
    place_name: str
    controller: str
    as_of: date
    lat: float | None
    lon: float | None
    admin1: str | None
    note: str | None


def _num(v: str | None) -> float | None:
    return float(v) if v and v.strip() else None


def resolve_place(name: str, lat: float | None, lon: float | None, admin1: str | None,
                  gazetteer: Any | None) -> Any | None:
    """The gazetteer Place a seed names, or None (see the module docstring)."""
    if gazetteer is None:
        return None
    cands = [p for p in gazetteer.lookup(name) if p.lat is not None and p.lon is not None]
    if admin1:
        narrowed = [p for p in cands if (p.admin1 or "").lower() == admin1.lower()]
        cands = narrowed or cands
    if not cands:
        return None
    if lat is not None and lon is not None:
        d, best = min(((km(lat, lon, p.lat, p.lon), p) for p in cands), key=lambda t: t[0])
        return best if d <= MATCH_KM else None
    first = cands[0]
    return first if all(km(first.lat, first.lon, p.lat, p.lon) <= MATCH_KM for p in cands) else None


def read_seed_csv(path: Path, gazetteer: Any | None = None) -> tuple[list[SeedRow], list[str]]:
    """The rows of a seed CSV and the problems of the rows left out (``line N: why``)."""
    rows: list[SeedRow] = []
    problems: list[str] = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            name = (r.get("place") or r.get("place_name") or "").strip()
            ctrl = (r.get("controller") or "").strip()
            raw_day = (r.get("as_of") or r.get("date") or "").strip()
            try:
                day = date.fromisoformat(raw_day)
            except ValueError:
                problems.append(f"line {i}: as_of {raw_day!r} is not YYYY-MM-DD")
                continue
            if not name or not ctrl:
                problems.append(f"line {i}: needs place and controller")
                continue
            try:
                lat, lon = _num(r.get("lat")), _num(r.get("lon"))
            except ValueError:
                problems.append(f"line {i}: lat/lon are not numbers")
                continue
            admin1 = (r.get("admin1") or "").strip() or None
            key = canonical_key((r.get("place_key") or "").strip())
            if not key:
                place = resolve_place(name, lat, lon, admin1, gazetteer)
                if place is not None:
                    key = place.id
                    lat = lat if lat is not None else place.lat
                    lon = lon if lon is not None else place.lon
                    admin1 = admin1 or place.admin1
                else:
                    key = place_key_for_name(name)
            note = (r.get("note") or "").strip() or None
            rows.append(SeedRow(key, name, ctrl, day, lat, lon, admin1, note))
    return rows, problems
