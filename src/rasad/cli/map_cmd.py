"""``rasad map``: draw who holds which place on a day (PNG) or over time (self-contained HTML)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer

from rasad.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_USAGE, err_console, info
from rasad.model import ControlInterval, Event

PNG_SUFFIXES = (".png", ".svg", ".pdf", ".jpg", ".jpeg")
HTML_SUFFIXES = (".html", ".htm")


def _load(db: Path) -> tuple[list[ControlInterval], list[Event], Any]:
    """Stored intervals (or timelines rebuilt from the stored events) and the events."""
    from rasad.store import Store

    store = Store(db)
    events = list(store.iter_events())
    intervals = list(store.iter_control())
    if not intervals and events:
        info("no control intervals stored: building timelines from the stored events")
        from rasad.control.build import build_from_store

        intervals, _stats = build_from_store(store)
    return intervals, events, store


def _documents(store: Any, intervals: list[ControlInterval], events: list[Event]) -> dict[str, Any]:
    """The documents the map cites (for links and the sentence around each evidence span)."""
    ids = {e.doc_id for e in events} | {s for iv in intervals for s in iv.sources}
    docs: dict[str, Any] = {}
    for doc_id in sorted(ids):
        doc = store.get_document(doc_id)
        if doc is not None:
            docs[doc_id] = doc
    return docs


def map_cmd(
    out: Path = typer.Option(..., "--out", "-o", help="map.png (also .svg/.pdf) or map.html (interactive)."),
    day: str | None = typer.Option(
        None, "--date", "-d", help="The day, YYYY-MM-DD (default: the timeline's last date)."
    ),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="The rasad database (env RASAD_DB)."),
    boundaries: Path | None = typer.Option(
        None,
        "--boundaries",
        help="Your own boundaries: a GeoJSON file or a folder of them (default: shipped).",
    ),
    region: str | None = typer.Option(
        None,
        "--region",
        help="Zoom to a governorate/district (Arabic, English or P-code) or a wilaya (e.g. 'ولاية الخير').",
    ),
    period: int = typer.Option(30, "--period", help="Mark the events of the N days up to the date (0: all)."),
    title: str | None = typer.Option(None, "--title", help="Map title (the date is always shown)."),
) -> None:
    """Places coloured by who holds them, over governorate and district boundaries.

    The format follows the suffix of --out: a PNG for one day, or one self-contained HTML file
    (no network needed) with a time slider over the whole timeline, popups with each place's
    history and evidence, and a filter by actor.
    """
    from rasad.outputs.map_common import load_boundaries, resolve_region, timeline_span

    suffix = out.suffix.lower()
    if suffix not in PNG_SUFFIXES + HTML_SUFFIXES:
        err_console.print(f"[red]--out must end in .png, .svg, .pdf or .html, not {out.name!r}[/red]")
        raise typer.Exit(EXIT_USAGE)
    the_day: date | None = None
    if day:
        try:
            the_day = date.fromisoformat(day)
        except ValueError:
            raise typer.BadParameter(f"--date: expected YYYY-MM-DD, got {day!r}") from None
    if not Path(db).exists():
        err_console.print(f"[red]no database at {db}[/red] (run `rasad ingest` and `rasad extract` first)")
        raise typer.Exit(EXIT_FATAL)
    try:
        layers = load_boundaries(boundaries)
    except (OSError, ValueError) as exc:
        err_console.print(f"[red]cannot read boundaries {boundaries}: {exc}[/red]")
        raise typer.Exit(EXIT_FATAL) from None

    intervals, events, store = _load(db)
    try:
        if not intervals:
            err_console.print("[yellow]no control known yet: the map shows the boundaries only[/yellow]")
        the_day = the_day or timeline_span(intervals, events)[1]
        bbox = None
        if region:
            bbox = resolve_region(region, layers, intervals)
            if bbox is None:
                err_console.print(f"[red]unknown region {region!r}[/red] (a governorate, district or wilaya)")
                raise typer.Exit(EXIT_USAGE)
        if suffix in HTML_SUFFIXES:
            from rasad.outputs.map_html import write_map_html

            res = write_map_html(
                intervals,
                events,
                out,
                documents=_documents(store, intervals, events),
                title=title,
                boundaries=layers,
                day=the_day,
                period_days=period,
                region_bbox=bbox,
            )
            info(
                f"wrote {out} ({res['bytes'] // 1024} KB): {res['places']} places, {res['events']} events, "
                f"{res['start']} … {res['end']}"
            )
        else:
            from rasad.outputs.map_png import draw_map

            res = draw_map(
                intervals,
                events,
                the_day,
                out,
                boundaries=layers,
                title=title,
                region_bbox=bbox,
                period_days=period or None,
            )
            held = ", ".join(f"{code} {n}" for code, _, n in res["legend"]) or "none"
            info(
                f"wrote {out}: {the_day.isoformat()}, {res['places']} places drawn (held: {held}), "
                f"{res['events']} events marked"
            )
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    app.command("map")(map_cmd)
