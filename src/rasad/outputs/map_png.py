"""A static control map: places coloured by who holds them on a day, over admin boundaries.

``draw_map`` renders with matplotlib's Agg backend (no screen needed). Arabic labels are shaped
(``arabic_reshaper``) and put in visual right-to-left order (``bidi.algorithm.get_display``)
and drawn in DejaVu Sans, which matplotlib ships and which has the Arabic presentation forms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib import patheffects
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from rasad.model import ControlInterval, Event
from rasad.outputs.map_common import (
    BoundaryLayer,
    actor_colour,
    actor_name,
    dated_events,
    display_text,
    event_style,
    events_in_period,
    feature_label,
    group_by_place,
    load_boundaries,
    load_style,
    snapshot_at,
)

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = FontProperties(fname=str(FONT_DIR / "DejaVuSans.ttf"))
FONT_BOLD = FontProperties(fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))


def _sized(font: FontProperties, size: float) -> FontProperties:
    f = font.copy()
    f.set_size(size)
    return f


ATTRIBUTION = "Boundaries: OCHA Syria COD-AB (HDX); Natural Earth (Iraq, neighbours). Map: rasad"
DEFAULT_EXTENT = (35.5, 29.0, 48.8, 37.5)  # Syria and Iraq
LAYER_STYLE: dict[str, dict[str, Any]] = {
    "context": {"facecolor": "#e9e7e1", "edgecolor": "#c9c6bd", "linewidth": 0.5, "zorder": 1},
    "admin0": {"facecolor": "#fbfaf6", "edgecolor": "#55524a", "linewidth": 1.1, "zorder": 2},
    "admin2": {"facecolor": "none", "edgecolor": "#cfcabd", "linewidth": 0.4, "zorder": 3},
    "admin1": {"facecolor": "none", "edgecolor": "#8d877a", "linewidth": 0.8, "zorder": 4},
    "user": {"facecolor": "#fbfaf6", "edgecolor": "#6d685d", "linewidth": 0.7, "zorder": 2},
}


def draw_map(
    intervals: Iterable[ControlInterval],
    events: Iterable[Event],
    day: date,
    out: Path,
    boundaries: Path | Sequence[BoundaryLayer] | None = None,
    title: str | None = None,
    region_bbox: tuple[float, float, float, float] | None = None,
    period_days: int | None = 30,
    max_labels: int = 30,
    dpi: int = 130,
) -> dict[str, Any]:
    """Draw who holds which place on ``day`` into ``out`` (PNG, or any format matplotlib knows).

    ``events`` dated in the ``period_days`` up to ``day`` (all up to ``day`` when None) are marked.
    ``region_bbox`` (lon0, lat0, lon1, lat1) fixes the view; otherwise it fits the places drawn.
    Returns what was drawn: ``legend`` [(code, label, count)], ``labels`` [(name, drawn text)],
    ``places``, ``events``, ``extent``, ``unlocated`` (places held but without coordinates).
    """
    intervals = list(intervals)
    events = list(events)
    layers = list(boundaries) if isinstance(boundaries, Sequence) else load_boundaries(boundaries)
    events = dated_events(events, intervals)
    held = snapshot_at(intervals, day)
    by_place = group_by_place(intervals)
    period_events = events_in_period(events, day, period_days)

    points: list[tuple[str, str, float, float, str | None]] = []  # key, name, lon, lat, controller
    for key, ivs in by_place.items():
        iv = held.get(key)
        ref = iv or ivs[-1]
        if ref.lat is None or ref.lon is None:
            continue
        points.append((key, ref.place_name, ref.lon, ref.lat, iv.controller if iv else None))
    unlocated = sum(1 for k, iv in held.items() if iv.lat is None or iv.lon is None)

    extent = region_bbox or _fit_extent(
        [(p[2], p[3]) for p in points] + [(e.location.lon, e.location.lat) for e in period_events]  # type: ignore[union-attr,misc]
    )
    lon0, lat0, lon1, lat1 = extent
    aspect = 1.0 / math.cos(math.radians((lat0 + lat1) / 2))
    map_w = 9.5  # inches for the map; the legend sits in a column to its right
    map_h = max(4.5, min(10.0, map_w * (lat1 - lat0) * aspect / max(lon1 - lon0, 1e-6)))
    fig = plt.figure(figsize=(map_w + 4.2, map_h + 1.4))
    ax = fig.add_axes(
        (0.55 / (map_w + 4.2), 0.5 / (map_h + 1.4), map_w / (map_w + 4.2), map_h / (map_h + 1.4))
    )
    ax.set_facecolor("#dfe8ee")  # outside any polygon: sea or beyond the shipped countries
    _draw_layers(ax, layers, extent)
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_aspect(aspect)
    ax.apply_aspect()  # fix the axes' box now: labels are placed against its final size

    # the period's events under the places: territory changes as a star in the gaining side's
    # colour around the place's dot, fighting and strikes as dark marks beside it (one scatter
    # call per marker and colour: thousands of points stay fast)
    # dots shrink on crowded maps (full size up to 300 places in view)
    in_view = sum(1 for p in points if lon0 <= p[2] <= lon1 and lat0 <= p[3] <= lat1)
    k = min(1.0, max(0.2, math.sqrt(300 / max(in_view, 1))))
    ev_groups: Counter[str] = Counter()
    batches: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for e in period_events:
        st = event_style(e.sub_event_type)
        ev_groups[st["group"]] += 1
        loc = e.location
        assert loc is not None and loc.lon is not None and loc.lat is not None
        colour = actor_colour(e.actor1) if st["marker"] == "*" else "#222222"
        batches[(st["marker"], colour)].append((loc.lon, loc.lat))
    for (mk, colour), xy in batches.items():
        xs, ys = [p[0] for p in xy], [p[1] for p in xy]
        if mk == "*":
            ax.scatter(xs, ys, marker="*", s=400 * k, c=colour, edgecolors="#222", linewidths=0.7, zorder=6)
        elif mk == "x":
            ax.scatter(xs, ys, marker="x", s=110 * k, c=colour, linewidths=1.8, zorder=6)
        elif mk in ("X", "P"):
            ax.scatter(xs, ys, marker=mk, s=110 * k, c=colour, edgecolors="white", linewidths=0.5, zorder=6)
        else:
            ax.scatter(xs, ys, marker=mk, s=22 * k, c="#444444", zorder=6)

    # places: held ones coloured by controller, unknown ones as small grey rings
    # the legend counts the places held: all of them, or those in view when a region is asked for
    counts: Counter[str] = Counter(
        iv.controller
        for iv in held.values()
        if region_bbox is None
        or (iv.lon is not None and iv.lat is not None and lon0 <= iv.lon <= lon1 and lat0 <= iv.lat <= lat1)
    )
    by_ctrl: dict[str | None, list[tuple[float, float]]] = defaultdict(list)
    for _key, _name, lon, lat, ctrl in points:
        by_ctrl[ctrl].append((lon, lat))
    for ctrl, xy in by_ctrl.items():
        xs, ys = [p[0] for p in xy], [p[1] for p in xy]
        if ctrl is None:
            ax.scatter(xs, ys, s=22 * k, facecolors="white", edgecolors="#9e9e9e", linewidths=k, zorder=7)
        else:
            edge = "white" if ctrl == "ISIS" else "#222222"
            ax.scatter(xs, ys, s=60 * k, c=actor_colour(ctrl), edgecolors=edge, linewidths=0.9 * k, zorder=7)

    labels = _draw_labels(fig, ax, points, period_events, by_place, max_labels)
    legend = _draw_legend(ax, counts, ev_groups, any(p[4] is None for p in points))

    head = title or "Territorial control · السيطرة الميدانية"
    # the date on a line of its own: after Arabic, bidi would turn 2017-11-03 into 03-11-2017
    ax.set_title(f"{display_text(head)}\n{day.isoformat()}", fontproperties=FONT_BOLD, fontsize=14, pad=10)
    _degree_axes(ax, max(lon1 - lon0, lat1 - lat0))
    foot = ATTRIBUTION
    if period_events:
        foot = f"Events marked: {_period_text(day, period_days)}.  " + foot
    if unlocated:
        foot = f"{unlocated} held place(s) without coordinates not drawn.  " + foot
    ax.annotate(
        foot,
        (0, 0),
        xycoords="axes fraction",
        xytext=(0, -28),
        textcoords="offset points",
        fontproperties=_sized(FONT, 7),
        color="#555555",
        ha="left",
        va="top",
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=dpi, bbox_inches="tight", pad_inches=0.2, facecolor="white")
    plt.close(fig)
    return {
        "out": out,
        "legend": legend,
        "labels": labels,
        "places": len(points),
        "events": len(period_events),
        "extent": extent,
        "unlocated": unlocated,
    }


def _period_text(day: date, period_days: int | None) -> str:
    return f"the {period_days} days to {day.isoformat()}" if period_days else f"all up to {day.isoformat()}"


def _fit_extent(pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    pts = [(x, y) for x, y in pts if x is not None and y is not None]
    if not pts:
        return DEFAULT_EXTENT
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half_w = max((max(xs) - min(xs)) / 2 * 1.2, 0.3)
    half_h = max((max(ys) - min(ys)) / 2 * 1.2, 0.2)
    # keep the view from getting too tall or too flat
    half_w = max(half_w, half_h * 0.9)
    half_h = max(half_h, half_w * 0.45)
    pad = 0.06 * max(half_w, half_h)
    return (cx - half_w - pad, cy - half_h - pad, cx + half_w + pad, cy + half_h + pad)


def _geom_path(geom: dict[str, Any]) -> MplPath:
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    verts: list[tuple[float, float]] = []
    codes: list[int] = []
    for rings in polys:
        for ring in rings:
            if len(ring) < 3:
                continue
            verts.extend((float(x), float(y)) for x, y, *_ in ring)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY])
    return MplPath(verts, codes)


def _draw_layers(ax: Any, layers: Sequence[BoundaryLayer], extent: tuple[float, float, float, float]) -> None:
    from shapely.geometry import box, shape

    lon0, lat0, lon1, lat1 = extent
    view = box(lon0, lat0, lon1, lat1)
    span = max(lon1 - lon0, lat1 - lat0)
    for layer in layers:
        st = LAYER_STYLE.get(layer.role, LAYER_STYLE["user"])
        for f in layer.features:
            path = _geom_path(f["geometry"])
            if len(path.vertices) == 0:
                continue
            ax.add_patch(PathPatch(path, **st))
            if layer.role in ("admin0", "user"):  # the border again, over the admin lines
                ax.add_patch(
                    PathPatch(
                        path,
                        facecolor="none",
                        edgecolor=st["edgecolor"],
                        linewidth=st["linewidth"],
                        zorder=4.5,
                    )
                )
            # names: governorates on wide views, districts when zoomed in, countries always
            show = (
                (layer.role == "admin1" and span > 1.8)
                or (layer.role == "admin2" and span <= 1.8)
                or layer.role == "context"
            )
            if not show:
                continue
            g = shape(f["geometry"]).intersection(view)
            if g.is_empty or g.area < 0.02 * span * span * (0.05 if layer.role == "admin2" else 0.3):
                continue
            pt = g.representative_point()
            name = feature_label(f.get("properties") or {})
            colour = "#a39d8f" if layer.role != "context" else "#b1ada3"
            ax.text(
                pt.x,
                pt.y,
                display_text(name),
                fontproperties=FONT,
                fontsize=9 if span > 1.8 else 8,
                color=colour,
                ha="center",
                va="center",
                zorder=5,
                clip_on=True,
            )


def _draw_labels(
    fig: Any,
    ax: Any,
    points: list[tuple[str, str, float, float, str | None]],
    period_events: list[Event],
    by_place: dict[str, list[ControlInterval]],
    max_labels: int,
) -> list[tuple[str, str]]:
    """Label the places with events in the period first, then those with most evidence; a label
    goes right, left, above or below its dot, wherever it overlaps no other label or the legend."""
    ev_names = {e.location.name for e in period_events if e.location}
    ev_ids = {e.id for e in period_events}

    def priority(p: tuple[str, str, float, float, str | None]) -> tuple[int, int, int]:
        ivs = by_place[p[0]]
        in_period = p[1] in ev_names or any(ev_id in ev_ids for iv in ivs for ev_id in iv.evidence)
        return (
            0 if in_period else 1,
            0 if p[4] else 1,
            -sum(len(iv.evidence) + len(iv.sources) for iv in ivs),
        )

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    import numpy as np

    # the dots themselves are obstacles too (6 px around each, at the renderer's dpi)
    r = 6 * fig.dpi / 100
    starred = {
        (round(e.location.lon, 4), round(e.location.lat, 4))
        for e in period_events  # type: ignore[union-attr,arg-type]
        if event_style(e.sub_event_type)["marker"] == "*"
    }
    spots_xy = [(p[2], p[3]) for p in points] + [
        (e.location.lon, e.location.lat)
        for e in period_events  # type: ignore[union-attr]
        if (round(e.location.lon, 4), round(e.location.lat, 4)) not in starred
    ]  # type: ignore[union-attr,arg-type]
    dots = ax.transData.transform(spots_xy) if spots_xy else np.zeros((0, 2))
    placed: list[Any] = []  # the labels placed so far
    out: list[tuple[str, str]] = []
    # offsets in points: right, left, above, below
    spots = [
        ((7, 0), "left", "center"),
        ((-7, 0), "right", "center"),
        ((0, 7), "center", "bottom"),
        ((0, -7), "center", "top"),
    ]
    for n_tried, p in enumerate(sorted(points, key=priority)):
        if len(out) >= max_labels or n_tried >= 10 * max_labels:  # crowded maps: stop trying
            break
        _, name, lon, lat, _ctrl = p
        text = display_text(name)
        k = 1.7 if (round(lon, 4), round(lat, 4)) in starred else 1.0  # clear the star around the dot
        for (ox, oy), ha, va in spots:
            t = ax.annotate(
                text,
                (lon, lat),
                xytext=(ox * k, oy * k),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontproperties=_sized(FONT, 10),
                color="#1a1a1a",
                zorder=9,
                annotation_clip=True,
                path_effects=[patheffects.withStroke(linewidth=3, foreground="white")],
            )
            bb = t.get_window_extent(renderer).expanded(1.06, 1.15)
            inside = frame.contains(bb.x0, bb.y0) and frame.contains(bb.x1, bb.y1)
            hits_dot = bool(
                np.any(
                    (dots[:, 0] + r > bb.x0)
                    & (dots[:, 0] - r < bb.x1)
                    & (dots[:, 1] + r > bb.y0)
                    & (dots[:, 1] - r < bb.y1)
                )
            )
            if inside and not hits_dot and not any(bb.overlaps(o) for o in placed):
                placed.append(bb)
                out.append((name, text))
                break
            t.remove()
    return out


def _draw_legend(
    ax: Any, counts: Counter[str], ev_groups: Counter[str], unknown: bool
) -> list[tuple[str, str, int]]:
    style = load_style()
    handles: list[Any] = []
    legend: list[tuple[str, str, int]] = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        label = f"{actor_name(code, 'en')} ({n}) · {actor_name(code, 'ar')}"
        legend.append((code, label, n))
        edge = "white" if code == "ISIS" else "#222222"
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=9,
                markerfacecolor=actor_colour(code),
                markeredgecolor=edge,
                label=display_text(label),
            )
        )
    if unknown:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor="#9e9e9e",
                label=display_text("no information · لا معلومات"),
            )
        )
    markers = {"territory": "*", "clash": "P", "remote": "x", "other": "D"}
    for group, n in sorted(ev_groups.items()):
        g = style["event_groups"][group]
        kw: dict[str, Any] = {"markeredgewidth": 1.6} if markers[group] == "x" else {}
        handles.append(
            Line2D(
                [],
                [],
                marker=markers[group],
                linestyle="",
                markersize={"territory": 13, "other": 4}.get(group, 8),
                color="#444444",
                label=display_text(f"{g['name_en']} ({n}) · {g['name_ar']}"),
                **kw,
            )
        )
    if handles:
        leg = ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            prop=_sized(FONT, 9),
            frameon=False,
            title=display_text("Controller on this day · المسيطر"),
            borderpad=0.8,
        )
        leg.get_title().set_fontproperties(FONT_BOLD)
        leg.set_zorder(20)
    return legend


def _degree_axes(ax: Any, span: float) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    nd = 0 if span > 8 else 1 if span > 1.2 else 2
    for axis, hemi in ((ax.xaxis, "E"), (ax.yaxis, "N")):
        axis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10]))
        axis.set_major_formatter(FuncFormatter(lambda v, _, h=hemi: f"{v:.{nd}f}°{h}"))
    for lab in ax.get_xticklabels() + ax.get_yticklabels():
        lab.set_fontproperties(FONT)
    ax.tick_params(labelsize=8, colors="#555555")
    ax.grid(True, color="#ffffff", linewidth=0.5, alpha=0.6, zorder=0)
    ax.set_axisbelow(False)
