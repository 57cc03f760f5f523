"""Read inputs into a :class:`rasad.store.Store` (shared by ``rasad ingest`` and ``rasad run``).

Writes go through the Store API only. Files are read in order (in ``workers`` processes when
there are many), documents are committed every ``commit_every``, errors are logged per input,
and Ctrl-C stops cleanly: what was read is committed and the run is marked ``interrupted``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rasad.ingest.build import IngestOptions
from rasad.ingest.readers import iter_files, read_files
from rasad.ingest.result import IngestResult

if TYPE_CHECKING:
    from rasad.store import Store


@dataclass(slots=True)
class IngestSummary:
    counts: Counter[str] = field(default_factory=Counter)  # new | unchanged | updated | error
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source path, message)
    doc_ids: list[str] = field(default_factory=list)  # every document read fine, in order
    interrupted: bool = False
    n_files: int = 0  # inputs found (missing paths not counted)
    run_id: int = 0

    @property
    def n_documents(self) -> int:
        return sum(v for k, v in self.counts.items() if k != "error")


def auto_workers(n_files: int) -> int:
    """Reading processes: one per core (at most 4) when there are enough files to pay for
    starting them (each imports the HTML extractor: about a second)."""
    return 1 if n_files < 500 else max(1, min(4, os.cpu_count() or 1))


def ingest_into_store(
    paths: Sequence[Path],
    store: Store,
    options: IngestOptions | None = None,
    *,
    workers: int = 0,
    commit_every: int = 200,
    on_file: Callable[[int, int, IngestSummary], None] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into ``store``. ``on_file(done, total, summary)`` after each file
    (for progress bars). ``workers=0``: automatic. Never raises for a bad input."""
    options = options or IngestOptions()
    files = list(iter_files(paths))
    summary = IngestSummary(n_files=sum(1 for _, kind in files if kind != "missing"))
    summary.run_id = store.start_run([str(p) for p in paths])
    try:
        with store.batch(commit_every):
            for i, (path, results) in enumerate(
                read_files(files, options, workers or auto_workers(len(files)))
            ):
                store.clear_errors(str(path))  # errors of an earlier run on this file are stale now
                for res in results:
                    _store_result(store, res, summary)
                if on_file:
                    on_file(i + 1, len(files), summary)
    except KeyboardInterrupt:
        summary.interrupted = True  # the batch has committed what was done
    store.finish_run(summary.run_id, summary.counts, "interrupted" if summary.interrupted else "done")
    return summary


def _store_result(store: Store, res: IngestResult, summary: IngestSummary) -> None:
    if res.ok and res.document is not None:
        summary.counts[store.upsert_document(res.document, res.content_hash or "", res.source_path)] += 1
        summary.doc_ids.append(res.document.id)
    else:
        message = res.error or "unknown error"
        summary.counts["error"] += 1
        summary.errors.append((res.source_path, message))
        if res.kind != "missing":
            store.record_error(res.error_id, res.source_path, message, summary.run_id)
