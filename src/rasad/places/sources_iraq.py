"""Iraq's places for the gazetteer build: IOM locations, Iraq's cities, and the admin units.

The IOM list names governorates and districts in English only and has no sub-districts;
``rasad/data/gazetteer/iraq_admin_ar.yaml`` (:func:`iraq_admin`) gives their Arabic names, the
press's spellings, each district's seat coordinates and the sub-districts (nahiya) the news
names. Used by :func:`rasad.places.sources.read_source_dir`.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from .sources import PlaceRecord, _f, _read_csv, admin_facts, slug
from .variants import split_compound

IRAQ_ADMIN = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "iraq_admin_ar.yaml"


@functools.cache
def iraq_admin() -> dict[str, Any]:
    """Arabic names, spellings and seats of Iraq's admin units (``iraq_admin_ar.yaml``)."""
    import yaml

    data = yaml.safe_load(IRAQ_ADMIN.read_text(encoding="utf-8")) or {}
    return {k: data.get(k) or ({} if k != "subdistricts" else []) for k in ("governorates", "districts",
                                                                          "subdistricts")}


def _names(v: object) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]  # type: ignore[union-attr]


def _apply_names(rec: PlaceRecord, facts: dict[str, Any]) -> None:
    """Arabic name (if the record has none) and alternates from an ``iraq_admin_ar.yaml`` entry."""
    ar = _names(facts.get("ar"))
    if ar and not rec.name_ar:
        rec.name_ar, ar = ar[0], ar[1:]
    for n in (*ar, *_names(facts.get("alt_ar")), *_names(facts.get("en")), *_names(facts.get("alt_en"))):
        rec.add_alt(n)


def read_iraq(src: Path) -> list[PlaceRecord]:
    """IOM locations, Iraq's cities, governorates, districts (seat coordinates) and sub-districts."""
    recs: list[PlaceRecord] = []
    loc_path = src / "iraq_locations.csv"
    rows = _read_csv(loc_path) if loc_path.is_file() else []
    for r in rows:
        lid = r["location id"].removesuffix(".0")
        # IOM names: "(...)" holds another name or a sub-area; dashes join sub-areas: not split
        ctx = (r["governorate"], r["district"])
        # a numbered sub-unit ("الميكانيك-830 (الحضر)") names its wider area in brackets: not an alias
        numbered = bool(re.search(r"\d", r["arabic name"] + r["location name"]))
        ar, alt_ar = split_compound(r["arabic name"], ctx, split_dash=False, paren_alt=not numbered)
        en, alt_en = split_compound(r["location name"], ctx, split_dash=False, paren_alt=not numbered)
        rec = PlaceRecord(id=f"IQ:{lid}", name_ar=ar or None, name_en=en or None, kind="town", country="IQ",
                          admin1=r["governorate"] or None, admin2=r["district"] or None,
                          lat=_f(r.get("latitude")), lon=_f(r.get("longitude")), source="iom")
        for a in (*alt_ar, *alt_en):
            rec.add_alt(a)
        recs.append(rec)

    city_path = src / "iraq_cities.csv"
    cities: dict[str, PlaceRecord] = {}
    for r in _read_csv(city_path) if city_path.is_file() else []:
        gov = admin_facts()["iraq"]["from_cities"].get(r["governorate_en"], r["governorate_en"])
        pop = int(float(r["population"])) if r.get("population") else None
        rec = PlaceRecord(id=f"IQC:{slug(r['name_en'])}", name_ar=r["name_ar"] or None, name_en=r["name_en"],
                          kind="town", country="IQ", admin1=gov,
                          admin2=(r.get("district_en") or "").removesuffix(" District") or None,
                          lat=_f(r["lat"]), lon=_f(r["lon"]), population=pop, source="cities")
        if rec.name_en:
            bare = re.sub(r"^(?:al|an|as|ad|ar|at)[- ]", "", rec.name_en, flags=re.I)
            rec.add_alt(bare if bare != rec.name_en else None)
        cities[rec.name_en or rec.id] = rec
        recs.append(rec)
    if rows or cities:
        recs += _admin_units(recs, rows, cities)
    return recs


def _mean(pts: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not pts:
        return None, None
    return round(sum(p[0] for p in pts) / len(pts), 5), round(sum(p[1] for p in pts) / len(pts), 5)


def _admin_units(recs: list[PlaceRecord], rows: list[dict[str, str]],
                 cities: dict[str, PlaceRecord]) -> list[PlaceRecord]:
    facts = iraq_admin()
    out: list[PlaceRecord] = []
    # governorates: the capital city's coordinates
    iq_govs: dict[str, dict[str, str]] = admin_facts()["iraq"]["governorates"]
    govs = sorted({r["governorate"] for r in rows} | {c.admin1 for c in cities.values() if c.admin1})
    for gov in govs:
        cap = cities.get(iq_govs.get(gov, {}).get("capital", ""))
        lat, lon = (cap.lat, cap.lon) if cap else (None, None)
        if lat is None:
            lat, lon = _mean([(x.lat, x.lon) for x in recs if x.admin1 == gov and x.lat is not None
                              and x.lon is not None])
        rec = PlaceRecord(id=f"IQA1:{slug(gov)}", name_ar=iq_govs.get(gov, {}).get("ar"), name_en=gov,
                          kind="governorate", country="IQ", admin1=gov, lat=lat, lon=lon, source="iom")
        _apply_names(rec, facts["governorates"].get(gov) or {})
        out.append(rec)
    # districts (IOM names): their seat town (iraq_admin_ar.yaml), else the centroid of their locations
    dists: dict[tuple[str, str], list[PlaceRecord]] = defaultdict(list)
    for x in recs:
        if x.source == "iom" and x.kind == "town" and x.admin1 and x.admin2:
            dists[(x.admin1, x.admin2)].append(x)
    for (gov, dist), members in sorted(dists.items()):
        d_facts = (facts["districts"].get(gov) or {}).get(dist) or {}
        seat = d_facts.get("seat")
        if seat:
            lat, lon = _f(str(seat[0])), _f(str(seat[1]))
        else:
            lat, lon = _mean([(m.lat, m.lon) for m in members if m.lat is not None and m.lon is not None])
        rec = PlaceRecord(id=f"IQA2:{slug(gov)}:{slug(dist)}", name_ar=None, name_en=dist, kind="district",
                          country="IQ", admin1=gov, admin2=dist, lat=lat, lon=lon, source="iom")
        _apply_names(rec, d_facts)
        out.append(rec)
    # sub-districts (nahiya) the news names
    seen: set[str] = set()
    for s in facts["subdistricts"]:
        en = str(s.get("en") or "")
        pid = f"IQA3:{slug(str(s['gov']))}:{slug(en or str(s['ar']))}"
        if pid in seen:
            raise ValueError(f"iraq_admin_ar.yaml: duplicate sub-district {pid}")
        seen.add(pid)
        rec = PlaceRecord(id=pid, name_ar=str(s["ar"]), name_en=en or None, kind="subdistrict", country="IQ",
                          admin1=str(s["gov"]), admin2=s.get("district"), admin3=en or None,
                          lat=_f(str(s.get("lat", ""))), lon=_f(str(s.get("lon", ""))), source="rasad")
        for n in (*_names(s.get("alt_ar")), *_names(s.get("alt_en"))):
            rec.add_alt(n)
        out.append(rec)
    return out
