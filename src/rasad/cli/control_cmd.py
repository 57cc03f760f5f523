"""``rasad control …`` (timelines, snapshots, history, seeds, corrections) and ``rasad export``."""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from rasad.cli import common
from rasad.cli.common import DEFAULT_DB, EXIT_FATAL, console, err_console, info
from rasad.model import ControlInterval, Document, Event

control_app = typer.Typer(help="Who holds which place, since when, on whose word.", no_args_is_help=True)

DB_OPT = typer.Option(DEFAULT_DB, "--db", help="The rasad database (env RASAD_DB).")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
FORMATS = ("jsonl", "acled-csv", "geojson", "control-csv", "control-geojson")


# ----------------------------------------------------------------------------- helpers


def show(text: str | None) -> str:
    """Arabic shaped and ordered right to left for terminals that do not do it themselves
    (on a terminal only; RASAD_BIDI=0 turns it off, =1 forces it)."""
    if not text or not _ARABIC.search(text):
        return text or ""
    mode = os.environ.get("RASAD_BIDI")
    if mode == "0" or (mode != "1" and not console.is_terminal):
        return text
    import arabic_reshaper
    from bidi.algorithm import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def _day(s: str | None, name: str) -> date | None:
    if s is None:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise typer.BadParameter(f"{name}: expected YYYY-MM-DD, got {s!r}") from None


def _open_store(db: Path, must_exist: bool = True) -> Any:
    try:
        from rasad.store import Store
    except ImportError:
        err_console.print("[red]the store is not available in this build[/red]")
        raise typer.Exit(EXIT_FATAL) from None
    if must_exist and not Path(db).exists():
        err_console.print(f"[red]no database at {db}[/red] (run `rasad ingest` first, or pass --db)")
        raise typer.Exit(EXIT_FATAL)
    return Store(db)


def _intervals(store: Any) -> list[ControlInterval]:
    ivs = list(store.iter_control())
    if not ivs:
        err_console.print("[yellow]no control intervals stored: run `rasad control build` first[/yellow]")
    return ivs


def build_from_store(store: Any) -> tuple[list[ControlInterval], dict[str, int]]:
    """Timelines from the stored events, seeds, corrections and the documents' observations."""
    from rasad.control.timeline import build_timelines

    docs: list[Document] = list(store.iter_documents())
    published = {d.id: d.published for d in docs}
    order = {d.id: i for i, d in enumerate(docs)}
    events: list[Event] = list(store.iter_events())
    events.sort(key=lambda e: (order.get(e.doc_id, len(order)), e.evidence.start))
    observations: list[dict[str, Any]] = []
    try:
        from rasad.events import find_control_observations  # type: ignore[attr-defined]
    except ImportError:
        find_control_observations = None
    if find_control_observations is not None:
        for d in common.track(docs, "observations", total=len(docs)):
            for obs in find_control_observations(d) or []:
                obs = dict(obs)
                obs.setdefault("doc_id", d.id)
                observations.append(obs)
    seeds = list(store.iter_control_seeds())
    corrections = list(store.iter_corrections("control"))
    intervals = build_timelines(events, seeds=seeds, corrections=corrections, observations=observations,
                                published=published)
    stats = {"documents": len(docs), "events": len(events), "observations": len(observations),
             "seeds": len(seeds), "corrections": len(corrections), "intervals": len(intervals),
             "places": len({iv.place_key for iv in intervals})}
    return intervals, stats


def _actor_label(code: str) -> str:
    try:
        from rasad.outputs.map_common import actor_name

        name = actor_name(code, "en")
        return code if name == code else f"{code} ({name})"
    except Exception:  # style file missing: the code alone
        return code


# ----------------------------------------------------------------------------- commands


@control_app.command("build")
def build_cmd(db: Path = DB_OPT) -> None:
    """Rebuild all timelines from stored events + seeds + corrections, and store them."""
    with _open_store(db) as store:
        intervals, stats = build_from_store(store)
        store.replace_control(intervals)
    info(", ".join(f"{k}: {v}" for k, v in stats.items()))


@control_app.command("at")
def at_cmd(
    day: str = typer.Argument(..., help="The day, YYYY-MM-DD."),
    region: str = typer.Option("governorates", "--region",
                               help="governorates | districts | wilayat | a YAML/GeoJSON region file."),
    actor: str | None = typer.Option(None, "--actor", help="Only this actor (code, e.g. ISIS)."),
    places: bool = typer.Option(False, "--places", help="Also list the places held."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
    db: Path = DB_OPT,
) -> None:
    """Per actor: places held on DAY and share of each region."""
    from rasad.control.claims import UNKNOWN
    from rasad.control.regions import region_shares
    from rasad.control.timeline import snapshot

    d = _day(day, "DATE")
    assert d is not None
    with _open_store(db) as store:
        ivs = _intervals(store)
    snap = snapshot(ivs, d)
    held: dict[str, list[ControlInterval]] = {}
    for iv in snap.values():
        held.setdefault(iv.controller, []).append(iv)
    if actor:
        held = {actor: held.get(actor, [])}
    if region not in ("governorates", "districts", "wilayat") and not Path(region).is_file():
        raise typer.BadParameter(f"--region: not a region set nor a file: {region}")
    shares = region_shares(ivs, snap, region)
    if as_json:
        out = {"date": d.isoformat(), "held": {a: len(v) for a, v in held.items()},
               "places": {a: [iv.place_name for iv in v] for a, v in held.items()} if places else None,
               "regions": [s.to_json() for s in shares if s.places_total]}
        console.print_json(json.dumps(out, ensure_ascii=False))
        return
    t = Table(title=f"Control on {d.isoformat()}: places held")
    t.add_column("actor")
    t.add_column("places", justify="right")
    t.add_column("share of known", justify="right")
    known = sum(len(v) for a, v in held.items() if a != UNKNOWN)
    for a, v in sorted(held.items(), key=lambda kv: -len(kv[1])):
        t.add_row(_actor_label(a), str(len(v)), f"{len(v) / known:.0%}" if known and a != UNKNOWN else "")
    console.print(t)
    if places:
        for a, v in sorted(held.items()):
            names = ", ".join(show(iv.place_name) for iv in sorted(v, key=lambda iv: iv.place_name))
            console.print(f"[bold]{a}[/bold]: {names}")
    actors = [actor] if actor else sorted({a for s in shares for a in s.held})
    r = Table(title=f"Share of each region ({region}): held / places with known control (held / all known)")
    r.add_column("region")
    r.add_column("known", justify="right")
    for a in actors:
        r.add_column(a, justify="right")
    for s in shares:
        if not s.places_total:
            continue
        cells = [f"{s.share_known(a):.0%} ({s.share_all(a):.0%})" if s.held.get(a) else "-" for a in actors]
        r.add_row(show(s.region), f"{s.known}/{s.places_total}", *cells)
    console.print(r)


@control_app.command("history")
def history_cmd(place: str = typer.Argument(..., help="Place key (C1234, name:…) or name."),
                db: Path = DB_OPT) -> None:
    """One place's timeline, with the evidence sentences behind each interval."""
    from rasad.control.timeline import history

    with _open_store(db) as store:
        ivs = _intervals(store)
        hist = history(ivs, place)
        if not hist:
            err_console.print(f"[yellow]no control known for {place!r}[/yellow]")
            raise typer.Exit(EXIT_FATAL)
        ids = {e for iv in hist for e in iv.evidence}
        docs = {s for iv in hist for s in iv.sources}
        evs: dict[str, Event] = {}
        for doc_id in docs:
            for ev in store.iter_events(doc_id):
                if ev.id in ids:
                    evs[ev.id] = ev
    console.print(f"[bold]{show(hist[0].place_name)}[/bold] ({hist[0].place_key})")
    t = Table()
    for col in ("from", "to", "controller", "kind", "conf.", "evidence"):
        t.add_column(col)
    for iv in hist:
        lines = []
        for e in iv.evidence:
            ev = evs.get(e)
            lines.append(f"{ev.doc_id}: {show(ev.evidence.text)}" if ev else e)
        t.add_row(iv.valid_from.isoformat() + (f" ({iv.date_flag})" if iv.date_flag else ""),
                  iv.valid_to.isoformat() if iv.valid_to else "", iv.controller, iv.kind,
                  f"{iv.confidence:.2f}", "\n".join(lines))
    console.print(t)


@control_app.command("changes")
def changes_cmd(since: str = typer.Option(..., "--since", help="First day, YYYY-MM-DD."),
                until: str = typer.Option(..., "--until", help="Last day, YYYY-MM-DD."),
                contested: bool = typer.Option(False, "--contested", help="Also list contested spells."),
                db: Path = DB_OPT) -> None:
    """Changes of hands between two days."""
    from rasad.control.timeline import changes

    s, u = _day(since, "--since"), _day(until, "--until")
    assert s is not None and u is not None
    with _open_store(db) as store:
        ivs = _intervals(store)
    t = Table(title=f"Changes of hands {s.isoformat()} – {u.isoformat()}")
    for col in ("day", "place", "from", "to", "kind", "conf.", "sources"):
        t.add_column(col)
    rows = changes(ivs, s, u, include_contested=contested)
    for c in rows:
        t.add_row(c.day.isoformat(), show(c.place_name), c.before.controller if c.before else "",
                  c.after.controller, c.after.kind, f"{c.after.confidence:.2f}", ", ".join(c.after.sources))
    console.print(t)
    info(f"{len(rows)} change(s)")


@control_app.command("seed")
def seed_cmd(file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                         help="CSV: place,controller,as_of[,lat,lon,admin1,place_key,note]"),
             db: Path = DB_OPT) -> None:
    """Store initial control: one row per place -> actor as of a date."""
    from rasad.control.claims import place_key_for_name

    n = 0
    with _open_store(db, must_exist=False) as store, open(file, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            name = (row.get("place") or row.get("place_name") or "").strip()
            ctrl = (row.get("controller") or "").strip()
            as_of = _day((row.get("as_of") or row.get("date") or "").strip() or None, f"line {i} as_of")
            if not name or not ctrl or as_of is None:
                err_console.print(f"[yellow]line {i}: needs place, controller and as_of; skipped[/yellow]")
                continue
            key = (row.get("place_key") or "").strip() or place_key_for_name(name)

            def num(v: str | None) -> float | None:
                return float(v) if v and v.strip() else None

            admin1 = (row.get("admin1") or "").strip() or None
            note = (row.get("note") or "").strip() or None
            lat, lon = num(row.get("lat")), num(row.get("lon"))
            store.add_control_seed(key, name, ctrl, as_of, lat, lon, admin1, note)
            n += 1
    info(f"{n} seed(s) stored; run `rasad control build` to apply them")


@control_app.command("correct")
def correct_cmd(
    place: str = typer.Argument(..., help="Place key or name."),
    controller: str = typer.Option(..., "--controller", help="Actor code, UNKNOWN, or NONE (delete)."),
    valid_from: str = typer.Option(..., "--from", help="First day, YYYY-MM-DD."),
    valid_to: str | None = typer.Option(None, "--to", help="Day it ends (exclusive); default: the corrected "
                                        "interval's own end."),
    note: str | None = typer.Option(None, "--note", help="Why (kept with the correction)."),
    db: Path = DB_OPT,
) -> None:
    """Correct who held a place; kept apart from derived data, re-applied at every build."""
    f, t = _day(valid_from, "--from"), _day(valid_to, "--to")
    assert f is not None
    if t is not None and t <= f:
        raise typer.BadParameter("--to must be after --from")
    payload: dict[str, Any] = {"controller": controller, "valid_from": f.isoformat(),
                               "valid_to": t.isoformat() if t else None}
    with _open_store(db, must_exist=False) as store:
        ivs = list(store.iter_control())
        from rasad.control.timeline import resolve_place

        key = resolve_place(ivs, place) if ivs else None
        if key:
            payload["place_name"] = next(iv.place_name for iv in ivs if iv.place_key == key)
        cid = store.add_correction("control", key or place, payload, note)
        intervals, _ = build_from_store(store)
        store.replace_control(intervals)
    info(f"correction {cid} stored for {show(key or place)}; timelines rebuilt")


@control_app.command("corrections")
def corrections_cmd(db: Path = DB_OPT) -> None:
    """List the stored control corrections."""
    with _open_store(db) as store:
        rows = list(store.iter_corrections("control"))
    t = Table(title="Control corrections")
    for col in ("id", "place", "controller", "from", "to", "note"):
        t.add_column(col)
    for r in rows:
        p = r.get("payload") or {}
        t.add_row(str(r.get("id", "")), show(str(r.get("target", ""))), str(p.get("controller", "")),
                  str(p.get("valid_from") or ""), str(p.get("valid_to") or ""), show(r.get("note") or ""))
    console.print(t)


def export_cmd(
    fmt: str = typer.Option(..., "--format", help=" | ".join(FORMATS)),
    out: Path = typer.Option(..., "--out", help="Output file."),
    day: str | None = typer.Option(None, "--date", help="control-geojson: the day (default: latest)."),
    db: Path = DB_OPT,
) -> None:
    """Export events (JSON Lines, ACLED-style CSV, GeoJSON) or control (CSV, GeoJSON snapshot)."""
    from rasad.outputs import acled_csv, control_csv, geojson, jsonl

    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    with _open_store(db) as store:
        if fmt.startswith("control"):
            ivs = _intervals(store)
            if fmt == "control-csv":
                n = control_csv.write_control_csv(ivs, out)
            else:
                n = geojson.write_control_geojson(ivs, out, _day(day, "--date"))
        else:
            events = list(store.iter_events())
            if fmt == "jsonl":
                n = jsonl.write_events_jsonl(events, out)
            elif fmt == "geojson":
                n = geojson.write_events_geojson(events, out)
            else:
                docs = {d.id: d for d in store.iter_documents()}
                n = acled_csv.write_events_acled_csv(events, out, docs)
    info(f"{n} row(s) written to {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(control_app, name="control")
    app.command("export")(export_cmd)
