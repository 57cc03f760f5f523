"""The control score in the scoreboard: a thin, tolerant wrapper of the control stage's scorer.

``rasad.control.score.control_score(gold_docs, pred_events) -> dict`` (written by the control
stage) measures, over the territorial gold events of a gold file, the share of places whose
controller after the document is the gold's gaining actor. This module calls it per language
and pulls out the headline number; when the control stage's scorer is missing it reports
"n/a" with the reason instead of failing the scoreboard.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

ControlScorer = Callable[[list[dict[str, Any]], list[dict[str, Any]]], Mapping[str, Any]]

_VALUE_KEYS = ("score", "control_score", "accuracy", "share", "value")
_N_KEYS = ("n", "places", "gold_places", "total")


def load_control_scorer() -> tuple[ControlScorer | None, str | None]:
    """The control stage's scorer, or (None, reason) when it cannot be imported."""
    try:
        from rasad.control.score import control_score  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        return None, f"rasad.control.score.control_score not available ({exc})"
    return control_score, None


def headline(result: Mapping[str, Any]) -> tuple[float | None, int | None]:
    """(value, n) from the control scorer's dict, whatever its exact keys."""
    value = next((float(result[k]) for k in _VALUE_KEYS if isinstance(result.get(k), (int, float))), None)
    n = next((int(result[k]) for k in _N_KEYS if isinstance(result.get(k), int)), None)
    return value, n


def score_control(
    gold_docs: Sequence[Mapping[str, Any]],
    pred_events: Sequence[Mapping[str, Any]],
    scorer: ControlScorer | None = None,
    langs: Sequence[str] = ("ar", "en"),
) -> dict[str, Any]:
    """``{"available": bool, "reason": str|None, "<lang>": {"value", "n", "raw"}}``."""
    if scorer is None:
        scorer, reason = load_control_scorer()
        if scorer is None:
            return {"available": False, "reason": reason}
    out: dict[str, Any] = {"available": True, "reason": None}
    for lang in langs:
        docs = [dict(d) for d in gold_docs if d.get("lang") == lang]
        if not docs:
            continue
        ids = {d["doc_id"] for d in docs}
        preds = [dict(e) for e in pred_events if e.get("doc_id") in ids]
        try:
            raw = dict(scorer(docs, preds))
        except Exception as exc:  # a failing scorer must not take the scoreboard down
            out[lang] = {"value": None, "n": None, "raw": None, "error": f"{type(exc).__name__}: {exc}"}
            continue
        value, n = headline(raw)
        out[lang] = {"value": value, "n": n, "raw": raw}
    return out
