"""An interactive control map in ONE self-contained HTML file (no network needed to open it).

Leaflet 1.9.4 (BSD-2-Clause, bundled in ``outputs/static/leaflet``) is inlined with its images as
data URIs; the base map is rasad's shipped boundaries (no tile server). The data is embedded as
JSON: every place with its whole timeline (intervals, evidence sentences with document id and
URL) and the events; ``static/rasad_map.js`` draws them with a time slider over the timeline,
popups per place, a filter by actor and a legend.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rasad import __version__
from rasad.model import ControlInterval, Event
from rasad.outputs.map_common import (
    STATIC_DIR,
    BoundaryLayer,
    dated_events,
    event_style,
    group_by_place,
    load_boundaries,
    load_style,
    snapshot_at,
    timeline_span,
)

ATTRIBUTION = "Boundaries: OCHA Syria COD-AB (HDX), Natural Earth · rasad"
CREDITS = (
    "Map drawn offline with Leaflet 1.9.4 (BSD-2-Clause). Boundaries: OCHA Syria Common Operational "
    "Dataset (HDX); Iraq and neighbours: Natural Earth (public domain). Borders are drawn as the "
    "sources draw them."
)
DEFAULT_EXTENT = (35.5, 29.0, 48.8, 37.5)


def write_map_html(
    intervals: Iterable[ControlInterval],
    events: Iterable[Event],
    out: Path,
    documents: Mapping[str, Any] | None = None,
    title: str | None = None,
    boundaries: Path | Sequence[BoundaryLayer] | None = None,
    day: date | None = None,
    period_days: int = 30,
    region_bbox: tuple[float, float, float, float] | None = None,
) -> dict[str, Any]:
    """Write the map to ``out``; ``documents`` maps doc id to a Document or a dict with
    ``url``/``title``/``text`` (used for links and for the full sentence around each evidence).
    ``day`` is where the slider starts (default: the last date of the timeline); ``region_bbox``
    (lon0, lat0, lon1, lat1) the first view (default: all places).
    Returns ``{"out", "bytes", "places", "events", "start", "end"}``."""
    data = map_data(intervals, events, documents, title, boundaries, day, period_days)
    data["view"] = list(region_bbox) if region_bbox else None
    html = render_html(data)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return {
        "out": out,
        "bytes": len(html.encode("utf-8")),
        "places": len(data["places"]),
        "events": len(data["events"]),
        "start": data["start"],
        "end": data["end"],
    }


def map_data(
    intervals: Iterable[ControlInterval],
    events: Iterable[Event],
    documents: Mapping[str, Any] | None = None,
    title: str | None = None,
    boundaries: Path | Sequence[BoundaryLayer] | None = None,
    day: date | None = None,
    period_days: int = 30,
) -> dict[str, Any]:
    """The JSON the page embeds (see ``static/rasad_map.js`` for how it is read)."""
    intervals = list(intervals)
    events = list(events)
    documents = documents or {}
    layers = list(boundaries) if isinstance(boundaries, Sequence) else load_boundaries(boundaries)
    events = dated_events(events, intervals)
    style = load_style()
    first, last = timeline_span(intervals, events)
    first -= timedelta(days=1)  # the slider starts the day before anything is known
    events_by_id = {e.id: e for e in events if e.id}
    places = []
    change_days: set[date] = set()
    for key, ivs in group_by_place(intervals).items():
        segments = _segments(ivs)
        change_days.update(date.fromisoformat(s[0]) for s in segments if s[2])
        ref = ivs[-1]
        places.append(
            {
                "key": key,
                "name": ref.place_name,
                "lat": ref.lat,
                "lon": ref.lon,
                "admin1": ref.admin1,
                "segments": segments,
                "intervals": [_interval_json(iv, events_by_id, documents) for iv in ivs],
            }
        )
    ev_json = [_event_json(e, documents) for e in events]
    groups = {g: dict(v, symbol=_group_symbol(g)) for g, v in style["event_groups"].items()}
    return {
        "title": title or "Territorial control · السيطرة الميدانية",
        "start": first.isoformat(),
        "end": last.isoformat(),
        "initial": (day or last).isoformat(),
        "period_days": period_days,
        "unknown_colour": style["unknown_colour"],
        "actors": {
            code: {"colour": a["colour"], "name_en": a["name_en"], "name_ar": a["name_ar"]}
            for code, a in style["actors"].items()
        },
        "event_groups": groups,
        "attribution": ATTRIBUTION,
        "extent": list(DEFAULT_EXTENT),
        "boundaries": [
            {"role": layer.role, "name": layer.name, "features": layer.features} for layer in layers
        ],
        "places": places,
        "events": ev_json,
        "change_days": sorted(d.isoformat() for d in change_days),
    }


def _segments(ivs: list[ControlInterval]) -> list[list[Any]]:
    """Piecewise-constant control of one place: [from, to|None, controller|None, interval index],
    evaluated with the control stage's ``snapshot`` at every date where anything may change."""
    cuts = sorted({iv.valid_from for iv in ivs} | {iv.valid_to for iv in ivs if iv.valid_to})
    index = {id(iv): i for i, iv in enumerate(ivs)}
    out: list[list[Any]] = []
    for i, cut in enumerate(cuts):
        held = snapshot_at(ivs, cut).get(ivs[0].place_key)
        nxt = cuts[i + 1].isoformat() if i + 1 < len(cuts) else None
        ctrl, idx = (held.controller, index.get(id(held), -1)) if held else (None, -1)
        if out and out[-1][2] == ctrl and out[-1][3] == idx:
            out[-1][1] = nxt
            continue
        out.append([cut.isoformat(), nxt, ctrl, idx])
    return [s for s in out if s[2] is not None]


def _doc_field(doc: Any, name: str) -> Any:
    if doc is None:
        return None
    return doc.get(name) if isinstance(doc, Mapping) else getattr(doc, name, None)


def _sentence(text: str | None, start: int, end: int, fallback: str) -> tuple[str, list[int]]:
    """The sentence of ``text`` around [start, end) and the evidence span inside it."""
    if not text or not (0 <= start < end <= len(text)) or text[start:end] != fallback:
        return fallback, [0, len(fallback)]
    try:
        from rasad.text.sentences import split_sentences

        spans = split_sentences(text)
    except Exception:  # the sentence splitter is optional here
        spans = []
    for s, e in spans:
        if s <= start and end <= e:
            return text[s:e].strip(), [
                start - s - (len(text[s:e]) - len(text[s:e].lstrip())),
                end - s - (len(text[s:e]) - len(text[s:e].lstrip())),
            ]
    # fallback: cut at sentence punctuation or line breaks
    s = max(text.rfind(c, 0, start) for c in ".!?؟\n") + 1
    ends = [i for i in (text.find(c, end) for c in ".!?؟\n") if i != -1]
    e = min(ends) + 1 if ends else len(text)
    if e - s > 600:  # a run-on page: keep 200 characters either side
        s, e = max(s, start - 200), min(e, end + 200)
    chunk = text[s:e]
    lead = len(chunk) - len(chunk.lstrip())
    return chunk.strip(), [start - s - lead, end - s - lead]


def _evidence_json(e: Event, documents: Mapping[str, Any]) -> dict[str, Any]:
    doc = documents.get(e.doc_id)
    sentence, hl = _sentence(_doc_field(doc, "text"), e.evidence.start, e.evidence.end, e.evidence.text)
    return {
        "event_id": e.id,
        "doc_id": e.doc_id,
        "url": _doc_field(doc, "url"),
        "text": e.evidence.text,
        "sentence": sentence,
        "hl": hl,
        "date": e.date.isoformat() if e.date else None,
    }


def _interval_json(
    iv: ControlInterval, events_by_id: dict[str, Event], documents: Mapping[str, Any]
) -> dict[str, Any]:
    evidence = [_evidence_json(events_by_id[i], documents) for i in iv.evidence if i in events_by_id]
    cited = {ev["doc_id"] for ev in evidence}
    sources = [
        {
            "doc_id": d,
            "url": _doc_field(documents.get(d), "url"),
            "title": _doc_field(documents.get(d), "title"),
        }
        for d in iv.sources
        if d not in cited
    ]
    return {
        "controller": iv.controller,
        "from": iv.valid_from.isoformat(),
        "to": iv.valid_to.isoformat() if iv.valid_to else None,
        "confidence": round(iv.confidence, 3),
        "kind": iv.kind,
        "date_flag": iv.date_flag,
        "evidence": evidence,
        "sources": sources,
    }


def _event_json(e: Event, documents: Mapping[str, Any]) -> dict[str, Any]:
    st = event_style(e.sub_event_type)
    loc = e.location
    out = _evidence_json(e, documents)
    out.update(
        {
            "id": e.id,
            "type": e.event_type,
            "sub": e.sub_event_type,
            "group": st["group"],
            "symbol": st["symbol"],
            "actor1": e.actor1,
            "actor2": e.actor2,
            "name": loc.name if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "date_flag": e.date_flag,
        }
    )
    return out


def _group_symbol(group: str) -> str:
    for v in load_style()["events"].values():
        if v["group"] == group:
            return str(v["symbol"])
    return "•"


def _script_safe(text: str) -> str:
    """Text that can sit inside <script>/<style> without ending it early."""
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


def _inline_css_images(css: str, base: Path) -> str:
    def repl(m: re.Match[str]) -> str:
        ref = m.group(1).strip("'\"")
        path = base / ref
        if ref.startswith(("data:", "#")) or not path.is_file():
            return m.group(0)
        mime = "image/svg+xml" if path.suffix == ".svg" else f"image/{path.suffix.lstrip('.')}"
        return f"url(data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"

    return re.sub(r"url\(([^)]+)\)", repl, css)


def render_html(data: dict[str, Any]) -> str:
    leaflet = STATIC_DIR / "leaflet"
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # inside <script type="application/json">: no "<" at all, and no line separators
    payload = payload.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    parts = {
        "LEAFLET_CSS": _script_safe(
            _inline_css_images((leaflet / "leaflet.css").read_text(encoding="utf-8"), leaflet)
        ),
        "RASAD_CSS": _script_safe((STATIC_DIR / "rasad_map.css").read_text(encoding="utf-8")),
        "LEAFLET_JS": _script_safe((leaflet / "leaflet.js").read_text(encoding="utf-8")),
        "RASAD_JS": _script_safe((STATIC_DIR / "rasad_map.js").read_text(encoding="utf-8")),
        "DATA": payload,
        "TITLE": _html_escape(data["title"]),
        "CREDITS": _html_escape(CREDITS),
        "VERSION": __version__,
    }
    template = (STATIC_DIR / "map_template.html").read_text(encoding="utf-8")
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
