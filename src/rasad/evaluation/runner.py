"""Run an extractor over documents and collect its events as the spec's JSON objects.

The extractor is any callable ``Document -> list[Event]`` (or list of spec dicts, for fakes
in tests); by default ``rasad.events.extract.extract_document``. Nothing is cached on disk.
A document on which the extractor raises counts as an error (no events) and the run goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rasad.model import Document, Event

Extractor = Callable[[Document], Sequence[Any]]
ProgressHook = Callable[[int], None]  # called with the number of documents just done


class ExtractorUnavailable(RuntimeError):
    """The default extractor cannot be imported (the events stage is missing or broken)."""


def load_extractor() -> Extractor:
    """``rasad.events.extract.extract_document``, or ExtractorUnavailable with the reason."""
    try:
        from rasad.events.extract import extract_document
    except ImportError as exc:  # ModuleNotFoundError included
        raise ExtractorUnavailable(
            f"the event extractor rasad.events.extract.extract_document is not available ({exc})"
        ) from exc
    return extract_document


def extractor_version() -> str | None:
    try:
        from rasad.events import EXTRACTOR_VERSION  # type: ignore[attr-defined]
    except ImportError:
        return None
    return str(EXTRACTOR_VERSION)


def parse_day(value: Any) -> date | None:
    """An ISO day (``YYYY-MM-DD``, a longer ISO timestamp is cut to its day) or None."""
    if isinstance(value, date):
        return value
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def document_from_gold(rec: Mapping[str, Any]) -> Document:
    """A Document from a gold JSONL record (doc_id, text, lang, published, url, title)."""
    lang = rec.get("lang")
    return Document(
        id=str(rec["doc_id"]),
        text=rec.get("text") or "",
        lang=lang if lang in ("ar", "en") else "other",
        title=rec.get("title"),
        url=rec.get("url"),
        published=parse_day(rec.get("published")),
        source=rec.get("source"),
    )


def event_to_json(ev: Any, doc_id: str) -> dict[str, Any]:
    """The spec object of an Event (or a dict from a fake extractor), with ``doc_id`` set."""
    if isinstance(ev, Event):
        out = ev.to_json()
    elif isinstance(ev, Mapping):
        out = dict(ev)
    else:
        raise TypeError(f"extractor returned {type(ev).__name__}, expected Event or dict")
    out["doc_id"] = doc_id
    return out


@dataclass(slots=True)
class RunResult:
    """Events per document (spec dicts, in extractor order), errors and timing."""

    events_by_doc: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)  # doc_id -> "ExcType: message"
    seconds: float = 0.0
    documents: int = 0

    @property
    def events(self) -> list[dict[str, Any]]:
        return [e for evs in self.events_by_doc.values() for e in evs]

    @property
    def rate(self) -> float:
        """Documents per second (0 when nothing ran)."""
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def merge(self, other: RunResult) -> None:
        self.events_by_doc.update(other.events_by_doc)
        self.errors.update(other.errors)
        self.seconds += other.seconds
        self.documents += other.documents


def _extract_one(extractor: Extractor, doc: Document) -> tuple[str, list[dict[str, Any]], str | None]:
    try:
        return doc.id, [event_to_json(e, doc.id) for e in extractor(doc)], None
    except Exception as exc:  # the batch must go on; the error is reported
        return doc.id, [], f"{type(exc).__name__}: {exc}"


_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = extractor


def _work(doc: Document) -> tuple[str, list[dict[str, Any]], str | None]:
    assert _WORKER_EXTRACTOR is not None
    return _extract_one(_WORKER_EXTRACTOR, doc)


def run_extractor(
    docs: Iterable[Document], extractor: Extractor, progress: ProgressHook | None = None, jobs: int = 1
) -> RunResult:
    """Extract events from each document; per-document failures are recorded, not raised.

    ``jobs`` > 1 uses that many forked worker processes (POSIX only; the extractor, even a
    closure, is inherited by the fork, so only documents and events cross process boundaries).
    """
    res = RunResult()
    t0 = time.perf_counter()
    if jobs > 1 and "fork" in mp.get_all_start_methods():
        with mp.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(extractor,)) as pool:
            results: Iterable[tuple[str, list[dict[str, Any]], str | None]] = pool.imap(
                _work, docs, chunksize=8
            )
            _collect(res, results, progress)
    else:
        _collect(res, (_extract_one(extractor, d) for d in docs), progress)
    res.seconds = time.perf_counter() - t0
    return res


def _collect(
    res: RunResult,
    results: Iterable[tuple[str, list[dict[str, Any]], str | None]],
    progress: ProgressHook | None,
) -> None:
    for doc_id, evs, err in results:
        if err is not None:
            res.errors[doc_id] = err
        res.events_by_doc[doc_id] = evs
        res.documents += 1
        if progress is not None:
            progress(1)


def main_event(events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The document's main predicted event, for suites that give one label per text (ACLED notes,
    CASE snippets): the lead event - the one told first (its evidence starts first) -, the most
    confident one among those told at the same point, the first listed on full ties."""
    best: Mapping[str, Any] | None = None
    best_k: tuple[float, float] = (float("inf"), float("inf"))
    for e in events:
        c = e.get("confidence")
        c = float(c) if isinstance(c, (int, float)) else 0.0
        ev = e.get("evidence")
        start = ev.get("start") if isinstance(ev, Mapping) else None
        k = (float(start) if isinstance(start, (int, float)) else float("inf"), -c)
        if k < best_k:
            best, best_k = e, k
    return best
