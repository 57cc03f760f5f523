"""What the PNG and the HTML map share: style, boundaries, Arabic display, timeline lookups."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasad.model import ControlInterval, Event

BOUNDARY_DIR = Path(str(resources.files("rasad") / "data" / "boundaries"))
STATIC_DIR = Path(str(resources.files("rasad") / "outputs" / "static"))

# Shipped layers, drawn bottom to top: (file, role)
SHIPPED_LAYERS = (
    ("context_countries.geojson", "context"),
    ("iraq_admin0.geojson", "admin0"),
    ("syria_admin0.geojson", "admin0"),
    ("syria_admin2.geojson", "admin2"),
    ("syria_admin1.geojson", "admin1"),
)
# Country outlines are filled at the bottom and stroked again on top of the admin lines.

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
KIND_RANK = {"correction": 3, "derived": 2, "observation": 1, "seed": 0}


@dataclass(slots=True)
class BoundaryLayer:
    name: str
    role: str  # context | admin0 | admin1 | admin2 | user
    features: list[dict[str, Any]]


@lru_cache(maxsize=1)
def load_style() -> dict[str, Any]:
    """The actor colours and event markers of ``outputs/static/map_style.yaml``."""
    return yaml.safe_load((STATIC_DIR / "map_style.yaml").read_text(encoding="utf-8"))


def actor_colour(code: str | None) -> str:
    style = load_style()
    entry = style["actors"].get(code or "")
    return str(entry["colour"]) if entry else str(style["unknown_colour"])


def actor_name(code: str, lang: str = "en") -> str:
    entry = load_style()["actors"].get(code)
    return str(entry.get(f"name_{lang}", code)) if entry else code


def event_style(sub_event_type: str) -> dict[str, str]:
    events = load_style()["events"]
    return dict(events.get(sub_event_type, events["default"]))


def has_arabic(text: str | None) -> bool:
    return bool(text and _ARABIC.search(text))


def visual_text(text: str) -> str:
    """Arabic shaped (joined presentation forms) and reordered right to left, line by line: what a
    renderer that draws code points left to right, one glyph each, must be given."""
    if not has_arabic(text):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return "\n".join(str(get_display(arabic_reshaper.reshape(line))) for line in text.split("\n"))


def renderer_shapes_text() -> bool:
    """True when matplotlib lays text out itself with libraqm (bidi + Arabic shaping, matplotlib
    >= 3.11): it must then get the text in logical order, or it would reverse it a second time."""
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", None))


def display_text(text: str, native: bool | None = None) -> str:
    """Text to hand to matplotlib: logical text where matplotlib shapes it (libraqm), otherwise
    the shaped, visually ordered form of ``visual_text``."""
    if native is None:
        native = renderer_shapes_text()
    return text if native else visual_text(text)


def load_boundaries(path: Path | None = None) -> list[BoundaryLayer]:
    """The shipped boundary layers, or the user's: a GeoJSON file or a folder of them."""
    if path is None:
        return [
            BoundaryLayer(name, role, _read_features(BOUNDARY_DIR / name))
            for name, role in SHIPPED_LAYERS
            if (BOUNDARY_DIR / name).exists()
        ]
    path = Path(path)
    files = sorted(path.glob("*.geojson")) + sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no GeoJSON files in {path}")
    return [BoundaryLayer(f.name, "user", _read_features(f)) for f in files]


def _read_features(path: Path) -> list[dict[str, Any]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("type") == "FeatureCollection":
        feats = data.get("features", [])
    elif data.get("type") == "Feature":
        feats = [data]
    else:  # a bare geometry
        feats = [{"type": "Feature", "properties": {}, "geometry": data}]
    return [f for f in feats if f.get("geometry") and f["geometry"]["type"] in ("Polygon", "MultiPolygon")]


def feature_label(props: dict[str, Any]) -> str:
    """A boundary's name, Arabic first where there is one (any of the usual property names)."""
    for key in ("name_ar", "NAME_AR", "ADM1_AR", "name_en", "NAME_EN", "ADM1_EN", "name", "NAME"):
        if props.get(key):
            return str(props[key])
    return ""


def snapshot_at(intervals: Sequence[ControlInterval], day: date) -> dict[str, ControlInterval]:
    """Who holds each place on ``day``: the control stage's ``snapshot`` where it exists."""
    try:
        from rasad.control.timeline import snapshot
    except ImportError:
        snapshot = None
    if snapshot is not None:
        return dict(snapshot(list(intervals), day))
    out: dict[str, ControlInterval] = {}
    for iv in intervals:
        if iv.valid_from <= day and (iv.valid_to is None or day < iv.valid_to):
            cur = out.get(iv.place_key)
            if cur is None or _rank(iv) > _rank(cur):
                out[iv.place_key] = iv
    return out


def _rank(iv: ControlInterval) -> tuple[int, date, float]:
    return (KIND_RANK.get(iv.kind, 1), iv.valid_from, iv.confidence)


def group_by_place(intervals: Iterable[ControlInterval]) -> dict[str, list[ControlInterval]]:
    out: dict[str, list[ControlInterval]] = defaultdict(list)
    for iv in intervals:
        out[iv.place_key].append(iv)
    for ivs in out.values():
        ivs.sort(key=lambda iv: (iv.valid_from, iv.valid_to or date.max))
    return dict(out)


def timeline_span(intervals: Iterable[ControlInterval], events: Iterable[Event] = ()) -> tuple[date, date]:
    """First and last date of the timeline (interval starts and ends, event dates)."""
    days: list[date] = []
    for iv in intervals:
        days.append(iv.valid_from)
        if iv.valid_to:
            days.append(iv.valid_to)
    days.extend(e.date for e in events if e.date)
    if not days:
        today = date.today()
        return today, today
    return min(days), max(days)


def events_in_period(events: Iterable[Event], day: date, period_days: int | None) -> list[Event]:
    """Events dated in ``(day - period_days, day]`` (all dated events up to day when None)."""
    start = date.min if period_days is None else day - timedelta(days=period_days - 1)
    return [e for e in events if e.date and start <= e.date <= day and located(e)]


def located(e: Event) -> bool:
    return bool(e.location and e.location.lat is not None and e.location.lon is not None)


def region_bbox(name: str, layers: list[BoundaryLayer]) -> tuple[float, float, float, float] | None:
    """Bounding box (lon0, lat0, lon1, lat1) of the boundary features named ``name`` (any language,
    any level, P-code too), or None."""
    from shapely.geometry import shape

    key = name.strip().casefold()
    hits = []
    for layer in layers:
        for f in layer.features:
            props = f.get("properties") or {}
            names = {
                str(v).strip().casefold()
                for k, v in props.items()
                if v and (k.lower().startswith("name") or k.lower() == "pcode")
            }
            if key in names:
                hits.append(shape(f["geometry"]).bounds)
    if not hits:
        return None
    return (
        min(h[0] for h in hits),
        min(h[1] for h in hits),
        max(h[2] for h in hits),
        max(h[3] for h in hits),
    )


def resolve_region(
    name: str, layers: list[BoundaryLayer], intervals: Sequence[ControlInterval] = ()
) -> tuple[float, float, float, float] | None:
    """The view (lon0, lat0, lon1, lat1) for ``--region NAME``: a boundary feature (name in any
    language, or P-code), else a region of the control stage's region sets (e.g. the wilayat:
    ``ولاية الخير``, ``khayr``), framed by its governorates/districts and the places it holds."""
    box = region_bbox(name, layers)
    if box is not None:
        return box
    try:
        from rasad.control.regions import BUILTIN, PlaceAdmin, admin_key, builtin_regions
    except ImportError:
        return None
    key = name.strip().casefold()
    for set_name in BUILTIN:
        for reg in builtin_regions(set_name):
            if key not in {str(x).strip().casefold() for x in (reg.id, reg.name_ar, reg.name_en) if x}:
                continue
            boxes = []
            for layer in layers:
                for f in layer.features:
                    props = f.get("properties") or {}
                    lvl = {"admin1": reg.admin1, "admin2": reg.admin2}.get(layer.role, frozenset())
                    if lvl and admin_key(props.get("name_en") or props.get("NAME_EN")) in lvl:
                        from shapely.geometry import shape

                        boxes.append(shape(f["geometry"]).bounds)
            for iv in intervals:
                pa = PlaceAdmin(iv.place_key, iv.place_name, iv.lat, iv.lon, iv.admin1, None)
                if iv.lat is not None and iv.lon is not None and reg.contains(pa):
                    boxes.append((iv.lon, iv.lat, iv.lon, iv.lat))
            if boxes:
                x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
                x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
                pad = 0.05 * max(x1 - x0, y1 - y0, 0.5)
                return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    return None


def dated_events(events: Iterable[Event], intervals: Iterable[ControlInterval]) -> list[Event]:
    """Events with no date of their own take the start of the control interval they are evidence
    for (where the control stage placed them, e.g. by the report's publication date), flagged
    ``date_flag="control"``; other undated events stay undated (and are never marked on a day)."""
    from dataclasses import replace

    placed: dict[str, ControlInterval] = {}
    for iv in intervals:
        for ev_id in iv.evidence:
            cur = placed.get(ev_id)
            if cur is None or iv.valid_from < cur.valid_from:
                placed[ev_id] = iv
    out = []
    for e in events:
        iv = placed.get(e.id) if e.date is None and e.id else None
        out.append(replace(e, date=iv.valid_from, date_flag=iv.date_flag or "control") if iv else e)
    return out
