"""``rasad control …`` (timelines, snapshots, history, seeds, corrections) and ``rasad export``."""

from __future__ import annotations

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
from rasad.cli.display import rtl
from rasad.control.build import build_from_store
from rasad.model import ControlInterval

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
    return rtl(text)


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


def _actor_label(code: str) -> str:
    try:
        from rasad.outputs.map_common import actor_name

        name = actor_name(code, "en")
        return code if name == code else f"{code} ({name})"
    except Exception:  # style file missing: the code alone
        return code


# ----------------------------------------------------------------------------- commands


@control_app.command("build")
def build_cmd(
    db: Path = DB_OPT,
    observations: bool = typer.Option(True, "--observations/--no-observations",
                                      help="Also read statements of who holds a place from the documents."),
) -> None:
    """Rebuild all timelines from stored events + observations + seeds + corrections, and store them."""
    with _open_store(db) as store:
        intervals, stats = build_from_store(store, observations, track=common.track)
        store.replace_control(intervals)
    for doc_id, msg in stats.pop("errors"):
        err_console.print(f"[yellow]{doc_id}: {msg}[/yellow]")
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
    known = sum(len(v) for a, v in held.items() if a != UNKNOWN)
    if actor:
        held = {actor: held.get(actor, [])}
    if region not in ("governorates", "districts", "wilayat") and not Path(region).is_file():
        raise typer.BadParameter(f"--region: not a region set nor a file: {region}")
    shares = region_shares(ivs, snap, region)
    undated = sum(1 for iv in snap.values() if iv.date_flag == "undated")
    if as_json:
        out = {"date": d.isoformat(), "held": {a: len(v) for a, v in held.items()}, "undated": undated,
               "places": {a: [iv.place_name for iv in v] for a, v in held.items()} if places else None,
               "regions": [s.to_json() for s in shares if s.places_total]}
        console.print_json(json.dumps(out, ensure_ascii=False))
        return
    t = Table(title=f"Control on {d.isoformat()}: places held")
    t.add_column("actor")
    t.add_column("places", justify="right")
    t.add_column("share of known", justify="right")
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
    if undated:
        info(f"{undated} place(s) rest on undated reports only: they are placed at the start of the "
             "timeline (date flag 'undated'); see `rasad control history PLACE`")


def _evidence_lines(store: Any, hist: list[ControlInterval]) -> dict[str, str]:
    """A readable line per evidence ref: the event's sentence, the observation's words, the
    correction's note, the seed."""
    from rasad.control.claims import parse_observation_ref

    ids = {e for iv in hist for e in iv.evidence}
    out: dict[str, str] = {}
    for doc_id in {s for iv in hist for s in iv.sources if s not in ("user", "seed")}:
        for ev in store.iter_events(doc_id):
            if ev.id in ids:
                out[ev.id] = f"{ev.doc_id}: {show(ev.evidence.text)}"
    notes = {f"correction:{c.get('id')}": c.get("note") or "" for c in store.iter_corrections("control")}
    for ref in ids - set(out):
        obs = parse_observation_ref(ref)
        if obs is not None:
            doc = store.get_document(obs[0])
            if doc is not None:
                out[ref] = f"{obs[0]} (observation): {show(doc.text[obs[1]:obs[2]])}"
        elif ref in notes:
            out[ref] = f"user correction: {show(notes[ref])}"
        elif ref.startswith("seed:"):
            out[ref] = "user seed"
    return out


@control_app.command("history")
def history_cmd(place: list[str] = typer.Argument(..., help="Place key (SY:C1234, name:…) or name."),
                as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
                db: Path = DB_OPT) -> None:
    """A place's timeline, with the evidence sentences behind each interval (every place of
    that name when several share it)."""
    from rasad.control.timeline import history, resolve_places

    name = " ".join(place)
    with _open_store(db) as store:
        ivs = _intervals(store)
        keys = resolve_places(ivs, name)
        if not keys:
            err_console.print(f"[yellow]no control known for {name!r}[/yellow]")
            raise typer.Exit(EXIT_FATAL)
        hists = [history(ivs, k) for k in keys]
        lines_of = _evidence_lines(store, [iv for h in hists for iv in h])
    if as_json:
        from rasad.outputs.control_csv import interval_row

        out = [{**interval_row(iv), "evidence": [{"ref": e, "text": lines_of.get(e)} for e in iv.evidence],
                "sources": iv.sources} for h in hists for iv in h]
        console.print_json(json.dumps(out, ensure_ascii=False))
        return
    for hist in hists:
        _print_history(hist, lines_of)


def _print_history(hist: list[ControlInterval], lines_of: dict[str, str]) -> None:
    console.print(f"[bold]{show(hist[0].place_name)}[/bold] ({hist[0].place_key})")
    t = Table()
    for col in ("from", "to", "controller", "kind", "conf.", "evidence"):
        t.add_column(col)
    for iv in hist:
        lines = [lines_of.get(e, e) for e in iv.evidence]
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
    """Store initial control: one row per place -> actor as of a date (names tied to the gazetteer)."""
    from rasad.control.seeds import read_seed_csv

    try:
        from rasad.places.gazetteer import load_gazetteer

        gaz = load_gazetteer()
    except Exception:  # no gazetteer: seeds stay on their names
        gaz = None
    rows, problems = read_seed_csv(file, gaz)
    for p in problems:
        err_console.print(f"[yellow]{p}; skipped[/yellow]")
    with _open_store(db, must_exist=False) as store:
        for r in rows:
            store.add_control_seed(r.place_key, r.place_name, r.controller, r.as_of, r.lat, r.lon,
                                   r.admin1, r.note)
    info(f"{len(rows)} seed(s) stored; run `rasad control build` to apply them")
    if problems:
        raise typer.Exit(common.EXIT_PARTIAL)


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
    day: str | None = typer.Option(
        None, "--date", help="control-geojson: the day (default: the timeline's last date, as `rasad run`)."
    ),
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
                from rasad.outputs.map_common import timeline_span

                # the same default day as `rasad run` and `rasad map`: the timeline's last date
                the_day = _day(day, "--date") or timeline_span(ivs, store.iter_events())[1]
                n = geojson.write_control_geojson(ivs, out, the_day)
        else:
            events = list(store.iter_events())
            docs = {d.id: d for d in store.iter_documents()}
            if fmt == "jsonl":
                n = jsonl.write_events_jsonl(events, out, docs)
            elif fmt == "geojson":
                n = geojson.write_events_geojson(events, out, docs)
            else:
                n = acled_csv.write_events_acled_csv(events, out, docs)
    info(f"{n} row(s) written to {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(control_app, name="control")
    app.command("export")(export_cmd)
