"""Build control timelines from what a store holds: events, seeds, corrections, observations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from rasad.control.timeline import build_timelines
from rasad.model import ControlInterval, Document, Event

Track = Callable[..., Iterator[Any]]


def _no_progress(items: Iterable[Any], *_args: Any, **_kw: Any) -> Iterator[Any]:
    yield from items


def _observation_finder() -> Any | None:
    try:
        from rasad.events import find_control_observations  # type: ignore[attr-defined]
    except ImportError:
        try:
            from rasad.events.background import find_control_observations
        except ImportError:
            return None
    return find_control_observations


def build_from_store(
    store: Any, observations: bool = True, track: Track = _no_progress
) -> tuple[list[ControlInterval], dict[str, Any]]:
    """Timelines from the stored events, seeds, corrections and (unless ``observations`` is
    False) the statements of control found in the stored documents."""
    docs: list[Document] = list(store.iter_documents())
    published = {d.id: d.published for d in docs}
    order = {d.id: i for i, d in enumerate(docs)}
    events: list[Event] = list(store.iter_events())
    events.sort(key=lambda e: (order.get(e.doc_id, len(order)), e.evidence.start))
    obs_list: list[dict[str, Any]] = []
    errors: list[tuple[str, str]] = []
    finder = _observation_finder() if observations else None
    if finder is not None:
        for d in track(docs, "observations", total=len(docs)):
            try:
                found = finder(d) or []
            except Exception as exc:  # one bad document must not stop the build
                errors.append((d.id, f"observations skipped ({type(exc).__name__}: {exc})"))
                continue
            for obs in found:
                obs = dict(obs)
                obs.setdefault("doc_id", d.id)
                obs_list.append(obs)
    seeds = list(store.iter_control_seeds())
    corrections = list(store.iter_corrections("control"))
    intervals = build_timelines(
        events, seeds=seeds, corrections=corrections, observations=obs_list, published=published
    )
    stats = {
        "documents": len(docs),
        "events": len(events),
        "observations": len(obs_list),
        "seeds": len(seeds),
        "corrections": len(corrections),
        "intervals": len(intervals),
        "places": len({iv.place_key for iv in intervals}),
        "errors": errors,
    }
    return intervals, stats
