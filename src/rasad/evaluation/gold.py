"""Score predicted events against a gold JSONL file of the spec (``spec/events.md``).

This is a typed re-implementation of ``../shared/eval/score.py`` and must give exactly the same
numbers (``tests/evaluation/test_gold_agreement.py`` runs the reference script on the same files
and compares the JSON outputs). Events are the spec's JSON objects (dicts), as written by
``Event.to_json()`` or read from a JSON Lines file.

Matching, per document: predicted events are paired one-to-one with gold events, greedily by
distance (ties broken by gold index, then predicted index). A pair may match only when the key
(``event_type`` or ``sub_event_type``) is equal and the locations agree: both null, or within
5 km (gold geo_precision 1, or missing) / 30 km (2 or 3), or — for a gold place with no
coordinates — the same name under :func:`norm_name`.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rasad.geo import haversine_km
from rasad.text.normalize import scorer_name_key

Json = Mapping[str, Any]

TERRITORY = frozenset(
    {
        "government_regains_territory",
        "non_state_actor_overtakes_territory",
        "non_violent_transfer_of_territory",
    }
)
# Sub-event types whose two actors are parties of equal standing: the pair is compared unordered.
UNORDERED_ACTORS = frozenset(
    {"agreement", "armed_clash", "protest_with_intervention", "excessive_force_against_protesters"}
)
ATTRIBUTES = ("actor1", "actor2", "date", "fatalities")

_DIACRITICS = re.compile("[\u064b-\u0652\u0640]")
_ALEFS = re.compile("[إأآٱ]")
_ARTICLE = re.compile(r"^(ال|al[- ]|el[- ])")


def km(a: Json, b: Json) -> float:
    """Great-circle distance in km between two ``{"lat", "lon"}`` objects."""
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


norm_name = scorer_name_key


def loc_distance(gold: Json, pred: Json) -> float | None:
    """Distance used for matching, or None when the two locations cannot match."""
    gl, pl = gold.get("location"), pred.get("location")
    if not gl and not pl:
        return 0.0
    if not gl or not pl:
        return None
    if gl.get("lat") is None:  # a place the gazetteers lack: match by name
        return 0.0 if norm_name(gl.get("name")) == norm_name(pl.get("name")) else None
    if pl.get("lat") is None:
        return None
    d = km(gl, pl)
    limit = 5.0 if (gl.get("geo_precision") or 1) == 1 else 30.0
    return d if d <= limit else None


def match(
    golds: Sequence[Json], preds: Sequence[Json], key: str, need_actor1: bool = False
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by distance; returns (gold index, predicted index) pairs."""
    pairs: list[tuple[float, int, int]] = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if g.get(key) != p.get(key):
                continue
            if need_actor1 and g.get("actor1") != p.get("actor1"):
                continue
            d = loc_distance(g, p)
            if d is not None:
                pairs.append((d, i, j))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


def actor_hits(g: Json, p: Json) -> dict[str, bool]:
    """Whether actor1/actor2 are right for a matched pair (unordered for parties of equal standing)."""
    if g.get("sub_event_type") in UNORDERED_ACTORS:
        same = sorted(map(str, (g.get("actor1"), g.get("actor2")))) == sorted(
            map(str, (p.get("actor1"), p.get("actor2")))
        )
        return {"actor1": same, "actor2": same}
    return {f: g.get(f) == p.get(f) for f in ("actor1", "actor2")}


def group_by_doc(pred_events: Iterable[Json]) -> dict[Any, list[Json]]:
    by_doc: dict[Any, list[Json]] = defaultdict(list)
    for e in pred_events:
        by_doc[e.get("doc_id")].append(e)
    return by_doc


def score(gold_docs: Sequence[Json], pred_events: Iterable[Json]) -> dict[str, Any]:
    """The reference score: same keys, same rounding, same numbers as ``score.py --json --by-doc``."""
    by_doc = group_by_doc(pred_events)
    tot: dict[str, int] = defaultdict(int)
    attr: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_doc: dict[str, dict[str, int]] = {}
    for doc in gold_docs:
        gold = doc.get("events", [])
        pred = by_doc.get(doc["doc_id"], [])
        m_type = match(gold, pred, "event_type")
        m_sub = match(gold, pred, "sub_event_type")
        g_ter = [g for g in gold if g.get("sub_event_type") in TERRITORY]
        p_ter = [p for p in pred if p.get("sub_event_type") in TERRITORY]
        m_ter = match(g_ter, p_ter, "sub_event_type", need_actor1=True)
        tot["gold"] += len(gold)
        tot["pred"] += len(pred)
        tot["tp_type"] += len(m_type)
        tot["tp_sub"] += len(m_sub)
        tot["gold_ter"] += len(g_ter)
        tot["pred_ter"] += len(p_ter)
        tot["tp_ter"] += len(m_ter)
        for i, j in m_sub:
            g, p = gold[i], pred[j]
            hits = actor_hits(g, p)
            for field in ("actor1", "actor2"):
                attr[field][0] += hits[field]
                attr[field][1] += 1
            if g.get("date"):
                attr["date"][0] += g.get("date") == p.get("date")
                attr["date"][1] += 1
            if g.get("fatalities") is not None:
                attr["fatalities"][0] += g.get("fatalities") == p.get("fatalities")
                attr["fatalities"][1] += 1
        per_doc[doc["doc_id"]] = {"gold": len(gold), "pred": len(pred), "tp_sub": len(m_sub)}
    return {
        "documents": len(gold_docs),
        "event_type": prf(tot["tp_type"], tot["pred"], tot["gold"]),
        "sub_event_type": prf(tot["tp_sub"], tot["pred"], tot["gold"]),
        "territory": prf(tot["tp_ter"], tot["pred_ter"], tot["gold_ter"]),
        "matched_attribute_accuracy": {
            k: {"accuracy": round(v[0] / v[1], 4) if v[1] else None, "n": v[1]} for k, v in attr.items()
        },
        "per_doc": per_doc,
    }


def score_by_language(
    gold_docs: Sequence[Json], pred_events: Sequence[Json], langs: Sequence[str] = ("ar", "en")
) -> dict[str, dict[str, Any]]:
    """``score`` over all documents (key "all") and over each language's documents."""
    out = {"all": score(gold_docs, pred_events)}
    for lang in langs:
        docs = [d for d in gold_docs if d.get("lang") == lang]
        if docs:
            out[lang] = score(docs, pred_events)
    return out


def attribute_accuracy(result: Mapping[str, Any], field: str) -> tuple[float | None, int]:
    """(accuracy, n) of one matched attribute in a ``score`` result; (None, 0) when never scored."""
    v = result.get("matched_attribute_accuracy", {}).get(field)
    if not v:
        return None, 0
    return v["accuracy"], v["n"]


def read_jsonl(path: Path | str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path | str, rows: Iterable[Mapping[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
