"""The main job, as a library: ingest -> extract -> control -> exports and maps.

``rasad run`` is the command-line face of :func:`run`; each step is also a command of its own
(``ingest``, ``extract``, ``control build``, ``export``, ``map``) over the same SQLite store, so
a run can be resumed or redone step by step. Re-running over the same inputs is idempotent:
unchanged documents are skipped, documents already extracted by this extractor version are not
extracted again, and the derived control intervals are rebuilt from what is stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasad.model import ControlInterval, Event

Track = Callable[..., Iterator[Any]]

OUTPUT_FILES = ("events.jsonl", "events.csv", "events.geojson", "control.csv", "map.png", "map.html")


def _no_progress(items: Iterable[Any], *_args: Any, **_kw: Any) -> Iterator[Any]:
    yield from items


@dataclass
class RunSummary:
    ingest: dict[str, int] = field(default_factory=dict)
    ingest_errors: list[tuple[str, str]] = field(default_factory=list)
    extracted: int = 0
    extract_errors: list[tuple[str, str]] = field(default_factory=list)
    events_by_type: Counter[str] = field(default_factory=Counter)
    held_by_actor: Counter[str] = field(default_factory=Counter)
    map_day: date | None = None
    files: dict[str, Path] = field(default_factory=dict)
    control_stats: dict[str, Any] = field(default_factory=dict)

    @property
    def n_errors(self) -> int:
        return len(self.ingest_errors) + len(self.extract_errors)


def extract_into_store(
    store: Any, track: Track = _no_progress, redo: bool = False
) -> tuple[int, list[tuple[str, str]]]:
    """Extract events for the stored documents that need it (or all with ``redo``).

    A document whose extraction fails keeps its previous events and gets a per-document error."""
    from rasad.events import EXTRACTOR_VERSION
    from rasad.events.extract import extract_document, warm_up

    ids = (
        [d.id for d in store.iter_documents()]
        if redo
        else store.documents_needing_extraction(EXTRACTOR_VERSION)
    )
    if ids:
        warm_up()
    errors: list[tuple[str, str]] = []
    done = 0
    for doc_id in track(ids, "extract", total=len(ids)):
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        try:
            events = extract_document(doc)
        except Exception as exc:  # one bad document never stops the batch
            errors.append((doc_id, f"{type(exc).__name__}: {exc}"))
            continue
        store.replace_events(doc_id, events, EXTRACTOR_VERSION)
        done += 1
    return done, errors


def write_outputs(
    store: Any,
    out_dir: Path,
    intervals: list[ControlInterval],
    events: list[Event],
    day: date | None = None,
) -> tuple[dict[str, Path], date | None]:
    """Write every export and both maps into ``out_dir``; returns the files and the map's day."""
    from rasad.outputs.acled_csv import write_events_acled_csv
    from rasad.outputs.control_csv import write_control_csv
    from rasad.outputs.geojson import write_events_geojson
    from rasad.outputs.jsonl import write_events_jsonl
    from rasad.outputs.map_common import timeline_span
    from rasad.outputs.map_html import write_map_html
    from rasad.outputs.map_png import draw_map

    out_dir.mkdir(parents=True, exist_ok=True)
    files = {name: out_dir / name for name in OUTPUT_FILES}
    ids = {e.doc_id for e in events} | {s for iv in intervals for s in iv.sources}
    documents = {i: d for i in sorted(ids) if (d := store.get_document(i)) is not None}
    write_events_jsonl(events, files["events.jsonl"], documents)
    write_events_acled_csv(events, files["events.csv"], documents)
    write_events_geojson(events, files["events.geojson"], documents)
    write_control_csv(intervals, files["control.csv"])
    if day is None and (intervals or events):
        day = timeline_span(intervals, events)[1]
    day = day or date.today()
    draw_map(intervals, events, day, files["map.png"])
    write_map_html(intervals, events, files["map.html"], documents=documents)
    return files, day


def ingest_step(
    store: Any,
    inputs: list[Path],
    summary: RunSummary,
    on_file: Callable[[int, int, Any], None] | None = None,
    options: Any | None = None,
) -> int:
    """Ingest ``inputs``; returns the number of input files found."""
    from rasad.ingest import IngestOptions
    from rasad.ingest.to_store import ingest_into_store

    ing = ingest_into_store(inputs, store, options or IngestOptions(), on_file=on_file)
    summary.ingest = dict(ing.counts)
    summary.ingest_errors = list(ing.errors)
    return ing.n_files


def derive_step(
    store: Any, out_dir: Path, summary: RunSummary, track: Track = _no_progress, day: date | None = None
) -> None:
    """Extraction, control timelines and outputs over what ``store`` holds."""
    from rasad.control.build import build_from_store
    from rasad.control.timeline import snapshot

    summary.extracted, summary.extract_errors = extract_into_store(store, track)
    intervals, stats = build_from_store(store, track=track)
    summary.extract_errors += stats.pop("errors")
    summary.control_stats = stats
    store.replace_control(intervals)
    events = list(store.iter_events())
    summary.events_by_type = Counter(e.sub_event_type for e in events)
    summary.files, summary.map_day = write_outputs(store, out_dir, intervals, events, day)
    if summary.map_day:
        for iv in snapshot(intervals, summary.map_day).values():
            summary.held_by_actor[iv.controller] += 1


def run(
    inputs: list[Path],
    out_dir: Path,
    db: Path | None = None,
    track: Track = _no_progress,
    on_file: Callable[[int, int, Any], None] | None = None,
    day: date | None = None,
) -> RunSummary:
    """Ingest ``inputs``, extract events, build control timelines, write exports and maps."""
    from rasad.store import Store

    out_dir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    with Store(db or out_dir / "rasad.db") as store:
        ingest_step(store, inputs, summary, on_file)
        derive_step(store, out_dir, summary, track, day)
    return summary
