"""``rasad ingest`` and ``rasad docs list|show``: wiring only (logic in rasad.ingest/store)."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from rasad.cli.common import (
    DEFAULT_DB,
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    console,
    err_console,
    progress_bar,
    state,
)
from rasad.cli.display import has_arabic, rtl_wrapped, short
from rasad.ingest import DEFAULT_MAX_BYTES, IngestOptions
from rasad.ingest.to_store import IngestSummary, ingest_into_store
from rasad.store import Store

EXIT_INTERRUPTED = 130

docs_app = typer.Typer(help="Look at the ingested documents.", no_args_is_help=True)


def ingest_paths(
    paths: list[Path], db: Path, options: IngestOptions, commit_every: int = 200, workers: int = 0
) -> IngestSummary:
    """Ingest ``paths`` into ``db`` with a progress bar (files, documents, documents/s)."""
    with Store(db) as store, progress_bar() as prog:
        task = prog.add_task("ingest", total=None, rate="")
        t0 = time.perf_counter()

        def on_file(done: int, total: int, summary: IngestSummary) -> None:
            dt = time.perf_counter() - t0
            n = summary.n_documents + summary.counts["error"]
            rate = f"{n:,} docs · {n / dt:,.1f} docs/s" if dt > 0 else ""
            prog.update(task, completed=done, total=total, rate=rate)

        return ingest_into_store(
            paths, store, options, workers=workers, commit_every=commit_every, on_file=on_file
        )


def _summary(summary: IngestSummary, db: Path) -> None:
    counts, errors, interrupted = summary.counts, summary.errors, summary.interrupted
    table = Table(title=f"ingest into {db}" + (" — interrupted" if interrupted else ""))
    for col in ("new", "unchanged", "updated", "errors"):
        table.add_column(col, justify="right")
    table.add_row(*(str(counts.get(k, 0)) for k in ("new", "unchanged", "updated", "error")))
    if not state.quiet:
        console.print(table)
    if errors:
        et = Table(title=f"{len(errors)} input(s) failed", show_lines=False)
        et.add_column("path", overflow="fold")
        et.add_column("error", overflow="fold")
        for path, msg in errors:
            et.add_row(escape(path), escape(msg))
        err_console.print(et)


def ingest(
    paths: list[Path] = typer.Argument(
        ..., help="Files or folders: .html .txt .jsonl .warc (and .gz of them)."
    ),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database (created if missing; env RASAD_DB)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest file or record accepted."),
    keep_boilerplate: bool = typer.Option(False, "--keep-boilerplate", help="Do not drop boilerplate lines."),
    commit_every: int = typer.Option(200, "--commit-every", help="Documents per transaction."),
    workers: int = typer.Option(0, "--workers", help="Reading processes (0: automatic)."),
) -> None:
    """Read news files into the database: new, unchanged and updated documents, and errors.

    Exit codes: 0 all read; 1 some inputs failed (listed); 3 nothing found; 130 interrupted.
    """
    options = IngestOptions(max_bytes=max_bytes, clean=not keep_boilerplate)
    summary = ingest_paths(paths, db, options, commit_every, workers)
    if summary.n_files == 0:
        for path, msg in summary.errors:
            err_console.print(f"[red]{escape(path)}: {escape(msg)}")
        err_console.print("[red]nothing to ingest: no HTML, text, JSON Lines or WARC file found")
        raise typer.Exit(EXIT_FATAL)
    _summary(summary, db)
    if summary.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(EXIT_PARTIAL if summary.errors else EXIT_OK)


def _open_existing(db: Path) -> Store:
    if not db.exists():
        err_console.print(f"[red]no database at {db} (run rasad ingest first, or give --db)")
        raise typer.Exit(EXIT_FATAL)
    return Store(db)


@docs_app.command("list")
def docs_list(
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database."),
    lang: str | None = typer.Option(None, "--lang", help="Only this language: ar, en or other."),
    limit: int = typer.Option(50, "--limit", help="At most this many rows (0: all)."),
    errors: bool = typer.Option(False, "--errors", help="List the inputs that failed instead."),
) -> None:
    """List ingested documents (id, date, language, title, size, events) or failed inputs."""
    with _open_existing(db) as store:
        rows = store.list_documents(lang=lang, limit=limit or None, errors=errors)
        total = store.count_documents(lang=lang, status="error" if errors else "ok")
    table = Table(title=f"{'failed inputs' if errors else 'documents'}: {len(rows)} of {total}")
    if errors:
        for col in ("id", "source path", "error", "when"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["id"], r["source_path"] or "", r["error"] or "", r["updated_at"])
    else:
        # the short columns keep their width on a narrow terminal; the id and the title give way
        # (the title is cut before shaping, so an Arabic title keeps its start)
        id_w = max((len(r["id"]) for r in rows), default=2) if console.width >= 120 else 20
        title_w = max(10, min(48, console.width - id_w - 10 - 4 - 5 - 6 - 19))
        table.add_column("id", no_wrap=True, max_width=id_w, overflow="ellipsis")
        table.add_column("published", no_wrap=True, min_width=10)
        table.add_column("lang", min_width=4)
        table.add_column("title", no_wrap=True, max_width=title_w + 2, overflow="ellipsis")
        table.add_column("chars", justify="right", min_width=5)
        table.add_column("events", justify="right", min_width=6)
        for r in rows:
            table.add_row(
                r["id"],
                r["published"] or "",
                r["lang"],
                short(r["title"] or r["source"] or "", title_w),
                str(r["chars"]),
                str(r["n_events"]),
            )
    console.print(table)


@docs_app.command("show")
def docs_show(
    doc_id: str = typer.Argument(..., help="Document id (a unique prefix is enough)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", help="SQLite database."),
    raw: bool = typer.Option(False, "--raw", help="Print the text as stored (no shaping for the terminal)."),
) -> None:
    """Show one document: its metadata and its stored text."""
    with _open_existing(db) as store:
        info = store.document_info(doc_id)
    if info is None:
        err_console.print(f"[red]no document {doc_id!r}")
        raise typer.Exit(EXIT_FATAL)
    table = Table(show_header=False, title=info["id"])
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for key in (
        "status",
        "error",
        "title",
        "lang",
        "published",
        "url",
        "source",
        "author",
        "source_path",
        "ingested_at",
        "updated_at",
        "n_events",
    ):
        value = info.get(key)
        if value not in (None, ""):
            table.add_row(key, short(str(value), 200) if key == "title" and not raw else str(value))
    meta = info["meta"]
    for key in ("encoding", "input_kind", "boilerplate", "detected_lang"):
        if key in meta:
            table.add_row(key, str(meta[key]))
    extra = {
        k: v
        for k, v in meta.items()
        if k
        not in (
            "encoding",
            "input_kind",
            "boilerplate",
            "boilerplate_version",
            "offset_map",
            "raw_length",
            "detected_lang",
        )
    }
    if extra:
        table.add_row("meta", str(extra))
    console.print(table)
    if info["text"] and raw:
        console.print(info["text"], soft_wrap=True, markup=False)
    elif info["text"]:
        for line in rtl_wrapped(info["text"], console.width - 1):
            justify = "right" if has_arabic(line) else "left"
            console.print(line, justify=justify, markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.add_typer(docs_app, name="docs")
