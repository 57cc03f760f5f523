"""Error analysis on top of the reference matching: what kind of mistake each miss is.

For each document, after the reference ``sub_event_type`` matching (``gold.match``):

- matched pairs are checked attribute by attribute: ``wrong_actor1`` / ``wrong_actor2`` (with
  the reference's unordered rule for parties of equal standing), ``wrong_date`` (gold date known
  and different), ``wrong_fatalities`` (gold states a number and the prediction differs);
- among what is left, a gold event and a predicted event *at the same place* (the reference
  location rule) but of another sub-type are paired as ``wrong_sub_type`` (gold → predicted);
- then a gold event and a predicted event of the *same sub-type* whose places do not match
  are paired as ``wrong_place`` (too far, no coordinates, another name, or no location);
- the gold events still unpaired are ``missed``; the predicted events still unpaired are
  ``false_positive``.

Pairings are greedy by distance, like the reference, so each event is explained once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasad.evaluation.gold import (
    TERRITORY,
    Json,
    actor_hits,
    group_by_doc,
    km,
    loc_distance,
    match,
    norm_name,
)

ERROR_KINDS = (
    "missed",
    "false_positive",
    "wrong_sub_type",
    "wrong_place",
    "wrong_actor1",
    "wrong_actor2",
    "wrong_date",
    "wrong_fatalities",
)
KIND_LABELS = {
    "missed": "missed event",
    "false_positive": "false positive",
    "wrong_sub_type": "wrong sub-type, right place",
    "wrong_place": "wrong place / too far",
    "wrong_actor1": "wrong actor1",
    "wrong_actor2": "wrong actor2",
    "wrong_date": "wrong date",
    "wrong_fatalities": "wrong fatalities",
}
_FAR = 1e9


@dataclass(slots=True)
class ErrorItem:
    doc_id: str
    kind: str  # one of ERROR_KINDS
    detail: str  # what to group by: a sub-type, "gold → predicted", ...
    note: str = ""  # free text for one item: distance, names, values
    gold: Json | None = None
    pred: Json | None = None
    lang: str | None = None  # the document's language

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "kind": self.kind,
            "detail": self.detail,
            "note": self.note,
        }


@dataclass(slots=True)
class DocRow:
    doc_id: str
    lang: str | None
    gold: int
    pred: int
    tp_sub: int
    gold_ter: int
    tp_ter: int
    errors: Counter[str] = field(default_factory=Counter)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "lang": self.lang,
            "gold": self.gold,
            "pred": self.pred,
            "tp_sub": self.tp_sub,
            "gold_ter": self.gold_ter,
            "tp_ter": self.tp_ter,
            "errors": dict(self.errors),
        }


@dataclass(slots=True)
class ErrorReport:
    items: list[ErrorItem]
    docs: list[DocRow]

    def by_kind(self) -> Counter[str]:
        return Counter(i.kind for i in self.items)

    def top(self, n: int = 10) -> list[tuple[str, str, int]]:
        """The n most common (kind, detail) pairs with their counts."""
        c = Counter((i.kind, i.detail) for i in self.items)
        return [(k, d, cnt) for (k, d), cnt in c.most_common(n)]

    def count_by_lang(self, kind: str, detail: str | None = None) -> Counter[str]:
        """How many items of a kind (and detail) each document language has."""
        return Counter(
            i.lang or "?" for i in self.items if i.kind == kind and (detail is None or i.detail == detail)
        )

    def to_json(self, n: int = 20) -> dict[str, Any]:
        return {
            "by_kind": dict(self.by_kind()),
            "top": [{"kind": k, "detail": d, "count": c} for k, d, c in self.top(n)],
            "items": [i.to_json() for i in self.items],
            "per_doc": [d.to_json() for d in self.docs],
        }


def _place_note(g: Json, p: Json) -> str:
    gl, pl = g.get("location"), p.get("location")
    if not pl:
        return "no predicted location"
    if not gl:
        return f"gold has no location; predicted {pl.get('name')}"
    if gl.get("lat") is None:
        return f"gold '{gl.get('name')}' (no coordinates) vs predicted '{pl.get('name')}'"
    if pl.get("lat") is None:
        return f"predicted '{pl.get('name')}' unresolved; gold '{gl.get('name')}'"
    return f"{km(gl, pl):.1f} km from gold '{gl.get('name')}' (predicted '{pl.get('name')}')"


def _rough_distance(g: Json, p: Json) -> float:
    gl, pl = g.get("location"), p.get("location")
    if gl and pl and gl.get("lat") is not None and pl.get("lat") is not None:
        return km(gl, pl)
    if gl and pl and norm_name(gl.get("name")) == norm_name(pl.get("name")):
        return 0.0
    return _FAR


def _pair(
    gi: list[int], pj: list[int], golds: Sequence[Json], preds: Sequence[Json], same_place: bool
) -> list[tuple[int, int]]:
    cand: list[tuple[float, int, int]] = []
    for i in gi:
        for j in pj:
            g, p = golds[i], preds[j]
            if same_place:
                if g.get("sub_event_type") == p.get("sub_event_type"):
                    continue
                d = loc_distance(g, p)
                if d is None:
                    continue
            else:
                if g.get("sub_event_type") != p.get("sub_event_type"):
                    continue
                d = _rough_distance(g, p)
            cand.append((d, i, j))
    cand.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in cand:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def analyse_doc(doc_id: str, golds: Sequence[Json], preds: Sequence[Json]) -> list[ErrorItem]:
    items: list[ErrorItem] = []
    m_sub = match(golds, preds, "sub_event_type")
    for i, j in m_sub:
        g, p = golds[i], preds[j]
        sub = str(g.get("sub_event_type"))
        hits = actor_hits(g, p)
        for f in ("actor1", "actor2"):
            if not hits[f]:
                items.append(ErrorItem(doc_id, f"wrong_{f}", f"{g.get(f)} → {p.get(f)}", f"in {sub}", g, p))
        if g.get("date") and g.get("date") != p.get("date"):
            note = f"gold {g.get('date')} vs predicted {p.get('date')}"
            detail = "no date predicted" if not p.get("date") else "different day"
            items.append(ErrorItem(doc_id, "wrong_date", detail, note, g, p))
        if g.get("fatalities") is not None and g.get("fatalities") != p.get("fatalities"):
            detail = "not stated" if p.get("fatalities") is None else "different number"
            note = f"gold {g.get('fatalities')} vs predicted {p.get('fatalities')}"
            items.append(ErrorItem(doc_id, "wrong_fatalities", detail, note, g, p))
    left_g = [i for i in range(len(golds)) if i not in {a for a, _ in m_sub}]
    left_p = [j for j in range(len(preds)) if j not in {b for _, b in m_sub}]
    for i, j in _pair(left_g, left_p, golds, preds, same_place=True):
        g, p = golds[i], preds[j]
        detail = f"{g.get('sub_event_type')} → {p.get('sub_event_type')}"
        name = (g.get("location") or {}).get("name")
        items.append(ErrorItem(doc_id, "wrong_sub_type", detail, f"at {name}", g, p))
        left_g.remove(i)
        left_p.remove(j)
    for i, j in _pair(left_g, left_p, golds, preds, same_place=False):
        g, p = golds[i], preds[j]
        items.append(ErrorItem(doc_id, "wrong_place", str(g.get("sub_event_type")), _place_note(g, p), g, p))
        left_g.remove(i)
        left_p.remove(j)
    for i in left_g:
        g = golds[i]
        name = (g.get("location") or {}).get("name")
        items.append(ErrorItem(doc_id, "missed", str(g.get("sub_event_type")), f"at {name}", g, None))
    for j in left_p:
        p = preds[j]
        name = (p.get("location") or {}).get("name")
        items.append(ErrorItem(doc_id, "false_positive", str(p.get("sub_event_type")), f"at {name}", None, p))
    return items


def analyse(gold_docs: Sequence[Json], pred_events: Iterable[Json]) -> ErrorReport:
    """Error items and per-document rows over the gold documents (other doc_ids are ignored)."""
    by_doc = group_by_doc(pred_events)
    items: list[ErrorItem] = []
    rows: list[DocRow] = []
    for doc in gold_docs:
        doc_id = doc["doc_id"]
        golds = doc.get("events", [])
        preds = by_doc.get(doc_id, [])
        doc_items = analyse_doc(doc_id, golds, preds)
        for it in doc_items:
            it.lang = doc.get("lang")
        items.extend(doc_items)
        g_ter = [g for g in golds if g.get("sub_event_type") in TERRITORY]
        p_ter = [p for p in preds if p.get("sub_event_type") in TERRITORY]
        rows.append(
            DocRow(
                doc_id=doc_id,
                lang=doc.get("lang"),
                gold=len(golds),
                pred=len(preds),
                tp_sub=len(match(golds, preds, "sub_event_type")),
                gold_ter=len(g_ter),
                tp_ter=len(match(g_ter, p_ter, "sub_event_type", need_actor1=True)),
                errors=Counter(i.kind for i in doc_items),
            )
        )
    return ErrorReport(items, rows)
