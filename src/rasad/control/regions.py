"""Control shares over regions: governorates, districts, ISIS's wilayat, or the user's own.

A region set is either computed from the places themselves (``governorates``: one region per
admin1; ``districts``: one per admin2) or read from a definition file: rasad's
``data/regions/wilayat.yaml`` (``wilayat``), a user YAML of the same form (regions given by
admin1/admin2 names, place keys or names, and/or GeoJSON polygons), or a GeoJSON
FeatureCollection whose features are the regions (name from ``name``/``name_ar``/``name_en``).

A place's admin1/admin2 come from the gazetteer (place id), else from the nearest gazetteer
place within ``NEAREST_KM`` of its coordinates, else from the interval's own ``admin1``.

Shares per actor and region on a day (``region_shares``):
* ``held``: places the actor holds that day;
* ``known``: places of the region with a known controller that day (not ``UNKNOWN``);
* ``share_known`` = held / known;
* ``share_all`` = held / places of the region that the timeline knows at all (any day).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasad.control.claims import UNKNOWN, norm_name
from rasad.model import ControlInterval

NEAREST_KM = 15.0
BUILTIN = {"wilayat": "wilayat.yaml"}
_PREFIX = re.compile(r"^(al|el|ad|as|ar|ash|ath|an|az|at)[-\s']+")


def admin_key(name: str | None) -> str:
    """Loose key of an admin name: 'Deir-ez-Zor' == 'deir ez zor'; "Al-Ka'im" == 'Kaim'."""
    s = _PREFIX.sub("", (name or "").strip().lower())
    s = re.sub(r"[^a-z0-9\u0600-\u06ff]", "", s)
    return s.removesuffix("district").removesuffix("governorate")


@dataclass(slots=True)
class Region:
    id: str
    name_ar: str | None = None
    name_en: str | None = None
    admin1: frozenset[str] = frozenset()
    admin2: frozenset[str] = frozenset()
    exclude_admin2: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    polygons: list[Any] = field(default_factory=list)  # shapely geometries
    note: str | None = None

    @property
    def name(self) -> str:
        return self.name_ar or self.name_en or self.id

    def contains(self, pa: PlaceAdmin) -> bool:
        a1, a2 = admin_key(pa.admin1), admin_key(pa.admin2)
        if a2 and a2 in self.admin2:
            return True
        if a1 and a1 in self.admin1 and not (a2 and a2 in self.exclude_admin2):
            return True
        if self.places and (pa.key in self.places or norm_name(pa.name) in self.places):
            return True
        if self.polygons and pa.lat is not None and pa.lon is not None:
            from shapely.geometry import Point

            pt = Point(pa.lon, pa.lat)
            return any(g.covers(pt) for g in self.polygons)
        return False


@dataclass(slots=True)
class PlaceAdmin:
    key: str
    name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    admin2: str | None


def _region_from_yaml(d: Mapping[str, Any]) -> Region:
    from shapely.geometry import shape

    def keys(v: Any) -> frozenset[str]:
        return frozenset(admin_key(x) for x in (v or []) if x)

    return Region(
        id=str(d["id"]), name_ar=d.get("name_ar"), name_en=d.get("name_en") or d.get("name"),
        admin1=keys(d.get("admin1")), admin2=keys(d.get("admin2")),
        exclude_admin2=keys(d.get("exclude_admin2")),
        places=frozenset(str(p) if ":" in str(p) else norm_name(str(p)) for p in d.get("places") or []),
        polygons=[shape(g) for g in d.get("polygons") or []], note=d.get("note"),
    )


def load_region_file(path: Path | str) -> list[Region]:
    """Regions of a YAML definition (``regions: [...]``) or a GeoJSON FeatureCollection."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if p.suffix.lower() in (".geojson", ".json"):
        from shapely.geometry import shape

        data = json.loads(text)
        feats = data.get("features", [data] if data.get("type") == "Feature" else [])
        out = []
        for i, f in enumerate(feats):
            props = f.get("properties") or {}
            name = props.get("name") or props.get("name_ar") or props.get("name_en") or f"region-{i + 1}"
            out.append(Region(id=str(props.get("id") or name), name_ar=props.get("name_ar") or name,
                              name_en=props.get("name_en"), polygons=[shape(f["geometry"])]))
        return out
    data = yaml.safe_load(text) or {}
    return [_region_from_yaml(r) for r in data.get("regions", [])]


@lru_cache(maxsize=4)
def builtin_regions(name: str) -> tuple[Region, ...]:
    path = resources.files("rasad") / "data" / "regions" / BUILTIN[name]
    return tuple(load_region_file(Path(str(path))))


class AdminResolver:
    """admin1/admin2 of places: gazetteer by id, else nearest gazetteer place, else the interval's."""

    def __init__(self, gazetteer: Any | None = None, use_gazetteer: bool = True):
        self._gaz = gazetteer
        self._use = use_gazetteer
        self._grid: dict[tuple[int, int], list[Any]] | None = None
        self._cache: dict[str, PlaceAdmin] = {}

    def _gazetteer(self) -> Any | None:
        if self._gaz is None and self._use:
            try:
                from rasad.places.gazetteer import load_gazetteer

                self._gaz = load_gazetteer()
            except Exception:  # no gazetteer built: admin from the intervals only
                self._use = False
        return self._gaz

    def _nearest(self, lat: float, lon: float) -> Any | None:
        gaz = self._gazetteer()
        if gaz is None:
            return None
        if self._grid is None:
            self._grid = {}
            for p in gaz.places:
                if p.lat is not None and p.lon is not None and p.admin1:
                    self._grid.setdefault((int(p.lat * 10), int(p.lon * 10)), []).append(p)
        from rasad.control.score import km

        best: tuple[float, Any] | None = None
        ci, cj = int(lat * 10), int(lon * 10)
        for i in range(ci - 2, ci + 3):
            for j in range(cj - 2, cj + 3):
                for p in self._grid.get((i, j), ()):
                    d = km(lat, lon, p.lat, p.lon)
                    if d <= NEAREST_KM and (best is None or d < best[0]):
                        best = (d, p)
        return best[1] if best else None

    def __call__(self, iv: ControlInterval) -> PlaceAdmin:
        hit = self._cache.get(iv.place_key)
        if hit is not None:
            return hit
        a1, a2 = iv.admin1, None
        gaz = self._gazetteer() if not iv.place_key.startswith("name:") else None
        place = gaz.get(iv.place_key) if gaz is not None else None
        if place is None and iv.lat is not None and iv.lon is not None:
            place = self._nearest(iv.lat, iv.lon)
        if place is not None:
            a1, a2 = place.admin1 or a1, place.admin2
        pa = PlaceAdmin(iv.place_key, iv.place_name, iv.lat, iv.lon, a1, a2)
        self._cache[iv.place_key] = pa
        return pa


@dataclass(slots=True)
class RegionShare:
    region: str
    region_id: str
    places_total: int  # places of the region known to the timeline (any day)
    known: int  # places with a known controller on the day
    held: dict[str, int]  # actor -> places held on the day

    def share_known(self, actor: str) -> float:
        return self.held.get(actor, 0) / self.known if self.known else 0.0

    def share_all(self, actor: str) -> float:
        return self.held.get(actor, 0) / self.places_total if self.places_total else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"region": self.region, "region_id": self.region_id, "places_total": self.places_total,
                "known": self.known, "held": dict(self.held),
                "share_known": {a: round(self.share_known(a), 4) for a in self.held},
                "share_all": {a: round(self.share_all(a), 4) for a in self.held}}


def region_members(regions: str | Path | Sequence[Region], places: Iterable[PlaceAdmin]
                   ) -> list[tuple[Region, set[str]]]:
    """Each region with the keys of its places. ``regions``: "governorates", "districts",
    "wilayat", a definition file, or Region objects."""
    places = list(places)
    if isinstance(regions, str) and regions in ("governorates", "districts"):
        level = "admin1" if regions == "governorates" else "admin2"
        groups: dict[str, set[str]] = {}
        for pa in places:
            name = getattr(pa, level)
            groups.setdefault(name or "(unknown)", set()).add(pa.key)
        return [(Region(id=n, name_en=n), keys) for n, keys in sorted(groups.items())]
    if isinstance(regions, str) and regions in BUILTIN:
        regs: Sequence[Region] = builtin_regions(regions)
    elif isinstance(regions, str | Path):
        regs = load_region_file(regions)
    else:
        regs = regions
    return [(r, {pa.key for pa in places if r.contains(pa)}) for r in regs]


def region_shares(intervals: Sequence[ControlInterval], snap: Mapping[str, ControlInterval],
                  regions: str | Path | Sequence[Region] = "governorates",
                  resolver: AdminResolver | None = None) -> list[RegionShare]:
    """Shares of each actor in each region on the snapshot's day (see the module docstring)."""
    resolver = resolver or AdminResolver()
    first: dict[str, ControlInterval] = {}
    for iv in intervals:
        if iv.kind != "superseded":
            first.setdefault(iv.place_key, iv)
    admins = [resolver(iv) for iv in first.values()]
    out = []
    for region, keys in region_members(regions, admins):
        held: dict[str, int] = {}
        known = 0
        for k in keys:
            iv = snap.get(k)
            if iv is None or iv.controller == UNKNOWN:
                continue
            known += 1
            held[iv.controller] = held.get(iv.controller, 0) + 1
        out.append(RegionShare(region.name, region.id, len(keys), known,
                               dict(sorted(held.items(), key=lambda kv: -kv[1]))))
    return out
