"""User corrections of control, applied on top of derived intervals at every build.

A correction says "place P was held by X from D (to E)". It is stored apart from derived data
(``Store.add_correction("control", target=place, payload=…)``) and re-applied after each
build, so it survives re-extraction. Semantics:

* ``valid_from`` is required. ``valid_to`` given: the correction covers ``[from, to)``.
  ``valid_to`` absent: it corrects *the interval in force on ``from``* — it lasts until that
  derived interval ends (the next change of hands), or, when nothing is known on ``from``,
  until the next known interval starts; with nothing after it, it stays open.
* Intervals overlapping the corrected span are cut around it (the part before ``from`` and the
  part after ``to`` stay, with their evidence). Superseded records are left as they are.
* Controller ``NONE`` deletes what is known in the span (a false extraction) without
  claiming anything.
* Corrections apply in the order given (the store's id order): a later one wins where they
  overlap.
* The place is a place key (``C1234``, ``name:…``) or a name matched like place names
  elsewhere; a correction for a place with no derived interval creates it (with the payload's
  ``place_name``/``lat``/``lon``/``admin1``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from rasad.control.claims import norm_name, place_key_for_name
from rasad.model import ControlInterval

DELETE = "NONE"


def _d(v: Any) -> date | None:
    if v in (None, ""):
        return None
    return v if isinstance(v, date) else date.fromisoformat(str(v)[:10])


def _flat(c: Mapping[str, Any]) -> dict[str, Any]:
    """A store row ``{id, kind, target, payload, note}`` or a flat dict, as one flat dict."""
    out = dict(c.get("payload") or {})
    for k in ("id", "target", "note", "place_key", "place", "controller", "valid_from", "valid_to"):
        if k in c and c[k] is not None and k not in out:
            out[k] = c[k]
    return out


def _resolve(target: str, by_key: dict[str, list[ControlInterval]], names: dict[str, str]) -> str:
    if target in by_key:
        return target
    n = norm_name(target.removeprefix("name:"))
    return names.get(n) or place_key_for_name(n)


def apply_corrections(intervals: list[ControlInterval], corrections: Iterable[Mapping[str, Any]]
                      ) -> list[ControlInterval]:
    rows = [_flat(c) for c in corrections]
    if not rows:
        return intervals
    by_key: dict[str, list[ControlInterval]] = {}
    for iv in intervals:
        by_key.setdefault(iv.place_key, []).append(iv)
    names = {norm_name(iv.place_name): iv.place_key for iv in intervals}
    for r in rows:
        target = str(r.get("place_key") or r.get("target") or r.get("place") or "")
        start = _d(r.get("valid_from"))
        if not target or start is None or not r.get("controller"):
            continue
        key = _resolve(target, by_key, names)
        ivs = by_key.setdefault(key, [])
        live = sorted((iv for iv in ivs if iv.kind != "superseded"), key=lambda iv: iv.valid_from)
        end = _d(r.get("valid_to"))
        if end is None:
            end = _default_end(live, start)
        by_key[key] = _cut(ivs, start, end) + ([] if str(r["controller"]).upper() == DELETE else [
            _corrected(key, r, start, end, live)])
        names.setdefault(norm_name(str(r.get("place_name") or target)), key)
    out = [iv for ivs in by_key.values() for iv in ivs]
    return out


def _default_end(live: list[ControlInterval], start: date) -> date | None:
    for iv in live:
        if iv.valid_from <= start and (iv.valid_to is None or start < iv.valid_to):
            return iv.valid_to
    later = [iv.valid_from for iv in live if iv.valid_from > start]
    return min(later) if later else None


def _cut(ivs: list[ControlInterval], start: date, end: date | None) -> list[ControlInterval]:
    out: list[ControlInterval] = []
    for iv in ivs:
        if iv.kind == "superseded":
            out.append(iv)
            continue
        iv_end = iv.valid_to or date.max
        span_end = end or date.max
        if iv_end <= start or iv.valid_from >= span_end:
            out.append(iv)
            continue
        if iv.valid_from < start:
            out.append(replace(iv, valid_to=start, evidence=list(iv.evidence), sources=list(iv.sources)))
        if end is not None and iv_end > end:
            out.append(replace(iv, valid_from=end, evidence=list(iv.evidence), sources=list(iv.sources)))
    return out


def _corrected(key: str, r: Mapping[str, Any], start: date, end: date | None,
               live: list[ControlInterval]) -> ControlInterval:
    ref = live[0] if live else None

    def num(v: Any) -> float | None:
        return float(v) if v not in (None, "") else None

    return ControlInterval(
        place_key=key,
        place_name=str(r.get("place_name") or (ref.place_name if ref else r.get("target") or key)),
        lat=num(r.get("lat")) if r.get("lat") not in (None, "") else (ref.lat if ref else None),
        lon=num(r.get("lon")) if r.get("lon") not in (None, "") else (ref.lon if ref else None),
        admin1=r.get("admin1") or (ref.admin1 if ref else None),
        controller=str(r["controller"]),
        valid_from=start,
        valid_to=end,
        confidence=1.0,
        evidence=[f"correction:{r['id']}" if r.get("id") is not None else "correction"],
        sources=["user"],
        kind="correction",
        date_flag=None,
    )
