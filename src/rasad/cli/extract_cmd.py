"""``rasad extract``: documents -> events (wiring only; the logic is rasad.events)."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import typer

from rasad.cli.common import DEFAULT_DB, EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, console, err_console, info, track
from rasad.model import Document


def _documents_from_paths(paths: list[Path], errors: list[tuple[str, str]]) -> Iterator[Document]:
    """Documents read by rasad.ingest (the ingest hash and source ride along in ``meta``)."""
    from rasad.ingest import read_inputs

    for res in read_inputs(paths):
        if res.ok and res.document is not None:
            res.document.meta.setdefault("_content_hash", res.content_hash)
            res.document.meta.setdefault("_source_path", res.source_path)
            yield res.document
        else:
            errors.append((res.source_path, res.error or "unreadable"))


def extract_documents(
    docs: Iterator[Document], out: Path | None, db: Path | None, store_docs: bool, total: int | None = None
) -> tuple[Counter[str], int, list[tuple[str, str]]]:
    """Extract events from ``docs``; write JSON Lines to ``out`` and/or the store ``db``.

    Returns (events per sub-type, number of documents, per-document errors)."""
    from rasad.events import EXTRACTOR_VERSION
    from rasad.events.extract import extract_document, warm_up

    warm_up()
    counts: Counter[str] = Counter()
    errors: list[tuple[str, str]] = []
    n_docs = 0
    fh = out.open("w", encoding="utf-8") if out else None
    store = None
    if db is not None:
        from rasad.store import Store

        store = Store(db)
        store.__enter__()
    try:
        for doc in track(docs, "extract", total=total):
            n_docs += 1
            try:
                events = extract_document(doc)
            except Exception as exc:
                errors.append((doc.id, f"{type(exc).__name__}: {exc}"))
                continue
            for ev in events:
                counts[ev.sub_event_type] += 1
                if fh:
                    fh.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
            if store is not None:
                if store_docs:
                    from rasad.ingest.ids import content_hash

                    digest = doc.meta.pop("_content_hash", None) or content_hash(doc.text)
                    store.upsert_document(doc, digest, doc.meta.pop("_source_path", None) or doc.source)
                store.replace_events(doc.id, events, EXTRACTOR_VERSION)
    finally:
        if fh:
            fh.close()
        if store is not None:
            store.__exit__(None, None, None)
    return counts, n_docs, errors


def register(app: typer.Typer) -> None:
    @app.command("extract")
    def extract(
        paths: list[Path] = typer.Argument(
            None, help="Files or folders of news (HTML, text, JSON Lines, WARC, .gz)."
        ),
        out: Path = typer.Option(
            None, "--out", "-o", help="Write the events as JSON Lines (spec/events.md) here."
        ),
        db: Path = typer.Option(
            None, "--db", help="SQLite store: read documents from it (no PATHS) and store events."
        ),
        all_docs: bool = typer.Option(
            False,
            "--all",
            help="With --db and no PATHS: re-extract every document, "
            "not only those new or extracted by another extractor version.",
        ),
    ) -> None:
        """Extract events (who did what, where, when, with evidence) from documents.

        With PATHS the documents are read from files (a gold JSONL of ../shared/eval keeps each
        document's doc_id); without PATHS they come from the store (--db, default rasad.db)."""
        t0 = time.perf_counter()
        read_errors: list[tuple[str, str]] = []
        if paths:
            missing = [p for p in paths if not p.exists()]
            if missing:
                err_console.print(f"[red]not found:[/red] {', '.join(map(str, missing))}")
                raise typer.Exit(EXIT_FATAL)
            counts, n_docs, errors = extract_documents(
                _documents_from_paths(list(paths), read_errors), out, db, store_docs=db is not None
            )
        else:
            from rasad.events import EXTRACTOR_VERSION
            from rasad.store import Store

            db = db or DEFAULT_DB
            if not db.exists():
                err_console.print(f"[red]no input:[/red] give PATHS or an existing --db (looked for {db})")
                raise typer.Exit(EXIT_FATAL)
            with Store(db) as store:
                ids = (
                    [d.id for d in store.iter_documents()]
                    if all_docs
                    else store.documents_needing_extraction(EXTRACTOR_VERSION)
                )
                docs = [d for d in (store.get_document(i) for i in ids) if d is not None]
            counts, n_docs, errors = extract_documents(iter(docs), out, db, store_docs=False, total=len(docs))
        errors = read_errors + errors
        dt = time.perf_counter() - t0
        n_ev = sum(counts.values())
        info(
            f"[bold]{n_docs}[/bold] documents -> [bold]{n_ev}[/bold] events in {dt:.1f}s"
            + (f" ({n_docs / dt:,.0f} docs/s)" if dt > 0 else "")
        )
        for sub, n in counts.most_common():
            info(f"  {sub:38s} {n}")
        if out:
            info(f"written: {out}")
        if errors:
            err_console.print(f"[yellow]{len(errors)} document(s) failed:[/yellow]")
            for src, err in errors[:20]:
                err_console.print(f"  {src}: {err}")
            raise typer.Exit(EXIT_PARTIAL)
        if not paths and n_docs == 0:
            console.print("nothing to extract (all documents are up to date; --all re-extracts)")
        raise typer.Exit(EXIT_OK)
