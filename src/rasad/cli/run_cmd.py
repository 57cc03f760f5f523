"""``rasad run``: the main job in one go (wiring only; the logic is rasad.pipeline)."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from rasad.cli import common
from rasad.cli.common import EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, console, err_console, state
from rasad.ingest import DEFAULT_MAX_BYTES


def _summary_table(summary: object, out_dir: Path, seconds: float) -> None:
    from rasad.pipeline import RunSummary

    assert isinstance(summary, RunSummary)
    t = Table(title=f"rasad run — {out_dir} ({seconds:.1f} s)", show_header=False)
    t.add_column("what", style="bold")
    t.add_column("value", overflow="fold")
    ing = summary.ingest
    t.add_row(
        "documents",
        ", ".join(f"{k} {ing.get(k, 0)}" for k in ("new", "unchanged", "updated", "error")),
    )
    t.add_row("extracted", f"{summary.extracted} document(s)")
    n_events = sum(summary.events_by_type.values())
    t.add_row(
        "events",
        f"{n_events}: " + ", ".join(f"{k} {v}" for k, v in summary.events_by_type.most_common()),
    )
    cs = summary.control_stats
    t.add_row(
        "control",
        f"{cs.get('places', 0)} place(s), {cs.get('intervals', 0)} interval(s), "
        f"{cs.get('observations', 0)} observation(s)",
    )
    if summary.map_day:
        held = ", ".join(f"{k} {v}" for k, v in summary.held_by_actor.most_common()) or "none"
        t.add_row(f"held on {summary.map_day}", held)
    for name, path in summary.files.items():
        t.add_row(name, str(path))
    if not state.quiet:
        console.print(t)
    errors = summary.ingest_errors + summary.extract_errors
    if errors:
        et = Table(title=f"{len(errors)} document(s) with errors")
        et.add_column("document or file", overflow="fold")
        et.add_column("error", overflow="fold")
        for where, msg in errors:
            et.add_row(escape(where), escape(msg))
        err_console.print(et)


def register(app: typer.Typer) -> None:
    @app.command("run")
    def run_cmd(
        inputs: list[Path] = typer.Argument(
            ..., help="Files or folders of news: .html .txt .jsonl .warc (and .gz of them)."
        ),
        out: Path = typer.Option(Path("rasad-out"), "--out", "-o", help="Folder for the outputs."),
        db: Path | None = typer.Option(None, "--db", help="SQLite store (default: OUT/rasad.db)."),
        day: str | None = typer.Option(
            None, "--date", "-d", help="Day of the PNG map, YYYY-MM-DD (default: the timeline's last day)."
        ),
        max_bytes: int = typer.Option(
            DEFAULT_MAX_BYTES, "--max-bytes", help="Largest file or record accepted."
        ),
    ) -> None:
        """Ingest, extract events, build control timelines and write everything to OUT:
        events.jsonl, events.csv (ACLED columns), events.geojson, control.csv, map.png, map.html.

        Exit codes: 0 all went through; 1 some documents failed (listed); 3 no input found."""
        from rasad.ingest import IngestOptions
        from rasad.pipeline import RunSummary, derive_step, ingest_step
        from rasad.store import Store

        missing = [p for p in inputs if not p.exists()]
        if missing:
            err_console.print(f"[red]not found:[/red] {', '.join(map(str, missing))}")
            raise typer.Exit(EXIT_FATAL)
        try:
            the_day = date.fromisoformat(day) if day else None
        except ValueError:
            raise typer.BadParameter(f"--date: expected YYYY-MM-DD, got {day!r}") from None
        t0 = time.perf_counter()
        out.mkdir(parents=True, exist_ok=True)
        summary = RunSummary()
        with Store(db or out / "rasad.db") as store:
            with common.progress_bar() as prog:
                task = prog.add_task("ingest", total=None, rate="")

                def on_file(done: int, total: int, s: object) -> None:
                    dt = time.perf_counter() - t0
                    prog.update(
                        task, completed=done, total=total, rate=f"{done / dt:,.1f} files/s" if dt > 0 else ""
                    )

                n_files = ingest_step(
                    store, list(inputs), summary, on_file, IngestOptions(max_bytes=max_bytes)
                )
            if n_files == 0:
                err_console.print("[red]nothing to read: no HTML, text, JSON Lines or WARC file found")
                raise typer.Exit(EXIT_FATAL)
            derive_step(store, out, summary, common.track, the_day)
        _summary_table(summary, out, time.perf_counter() - t0)
        db_path = db or out / "rasad.db"
        if state.quiet:
            n_events = sum(summary.events_by_type.values())
            console.print(
                f"{n_events} events, {len(summary.files)} files in {out} ({summary.n_errors} errors)"
            )
        else:
            console.print(
                f"next: [bold]rasad control at {summary.map_day or 'YYYY-MM-DD'} --db {db_path}[/bold], "
                f"[bold]rasad control history PLACE --db {db_path}[/bold], open {out / 'map.html'}"
            )
        raise typer.Exit(EXIT_PARTIAL if summary.n_errors else EXIT_OK)
