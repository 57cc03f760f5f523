"""Choosing among homonyms from the document: the governorate and district named in it, the
other places it names (distance), the country it speaks of, and a prior by kind.

Pure arithmetic over candidate lists; one sense per name and document.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rasad.model import Place

# prior of a kind for a plain mention (no frame, no noun): the town before the district or
# governorate of the same name (same coordinates anyway), bigger units before smaller ones
KIND_PRIOR = {"town": 1.0, "district": 0.8, "subdistrict": 0.75, "governorate": 0.7, "site": 0.7,
              "region": 0.7, "neighbourhood": 0.55, "country": 0.9}
SEAT_BONUS = 0.6  # a town that is the seat of its sub-district / district
W_ADMIN1, W_ADMIN2, W_COUNTRY, W_NEAR, W_PREFER, W_EXACT = 1.6, 0.8, 1.2, 1.8, 1.5, 0.8
MAX_CANDIDATES = 40
MAX_ANCHORS = 12
STRICT_KINDS = ("governorate", "district", "subdistrict")  # "محافظة X", "قضاء X", "ناحية X"


@dataclass(slots=True)
class Item:
    """One name to resolve: its candidates and the hints its context gives."""

    cands: list[Place]
    prefer: tuple[str, ...] = ()  # kinds favoured by a noun or frame
    strong: bool = True  # counts as context for the others
    near: list[Place] = field(default_factory=list)  # places the text locates it by
    region: set[str] = field(default_factory=set)  # governorates the text locates it in
    exact: set[str] = field(default_factory=set)  # ids of candidates spelt as in the text


_KM_PER_DEG = 111.195


def km(a: Place, b: Place) -> float:
    """Equirectangular distance (good to a fraction of a percent at these scales)."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return 1e9
    dy = b.lat - a.lat
    dx = (b.lon - a.lon) * math.cos(math.radians(a.lat))
    return _KM_PER_DEG * math.sqrt(dx * dx + dy * dy)


def _seat(p: Place) -> bool:
    if p.kind != "town" or not p.name_en:
        return False
    n = p.name_en.lower().split(" (")[0]
    return n in ((p.admin3 or "").lower(), (p.admin2 or "").lower(), (p.admin1 or "").lower())


def prior(p: Place) -> float:
    s = KIND_PRIOR.get(p.kind, 0.6)
    if _seat(p):
        s += SEAT_BONUS
    if p.population:
        s += min(0.6, math.log10(max(p.population, 10)) / 10)
    if p.source in ("overlay", "cities", "user", "world"):
        s += 0.2
    return s


def _votes(items: list[Item], attr: str) -> list[dict[str, float]]:
    """For each item, the weight of each value of ``attr`` among the *other* strong items."""
    per_item: list[dict[str, float]] = []
    total: dict[str, float] = defaultdict(float)
    for it in items:
        vals = {getattr(p, attr) for p in it.cands if getattr(p, attr)}
        share: dict[str, float] = {}
        if it.strong and vals:
            w = 1.0 / len(vals)
            for v in vals:
                share[v] = w
                total[v] += w
        per_item.append(share)
    out = []
    n = sum(1 for it in items if it.strong) or 1
    for share in per_item:
        out.append({v: (t - share.get(v, 0.0)) / n for v, t in total.items()})
    return out


def resolve(items: list[Item], country_cues: dict[str, float] | None = None) -> list[Place | None]:
    """The chosen place of each item (None when it has no candidate)."""
    a1 = _votes(items, "admin1")
    a2 = _votes(items, "admin2")
    cc = _votes(items, "country")
    cues = country_cues or {}
    chosen: list[Place | None] = [None] * len(items)
    # pass 1: without distances; pass 2: distance to the places chosen for the others
    for pass_no in (1, 2):
        anchors: list[tuple[int, Place]] = []
        if pass_no == 2:
            if not any(len(it.cands) > 1 for it in items):
                break
            seen: set[str] = set()
            for i, (it, p) in enumerate(zip(items, chosen, strict=True)):
                if p is not None and it.strong and p.id not in seen and p.kind != "governorate" \
                        and p.lat is not None and len(anchors) < MAX_ANCHORS:
                    seen.add(p.id)
                    anchors.append((i, p))
        for i, it in enumerate(items):
            cands = it.cands[:MAX_CANDIDATES]
            if it.prefer and it.prefer[0] in STRICT_KINDS:
                cands = [p for p in cands if p.kind in it.prefer] or cands
            if not cands:
                continue
            if len(cands) == 1:
                chosen[i] = cands[0]
                continue
            best, best_s = None, -1e9
            for p in cands:
                s = prior(p)
                if it.prefer and p.kind in it.prefer:
                    s += W_PREFER * (1.0 - 0.1 * it.prefer.index(p.kind))
                s += W_ADMIN1 * min(1.0, a1[i].get(p.admin1 or "", 0.0) * 3)
                s += W_ADMIN2 * min(1.0, a2[i].get(p.admin2 or "", 0.0) * 3)
                s += W_COUNTRY * min(1.0, cc[i].get(p.country, 0.0) * 2 + cues.get(p.country, 0.0))
                for q in it.near:
                    s += 2 * W_NEAR * math.exp(-km(p, q) / 25.0)
                if p.id in it.exact and len(it.exact) < len(cands):
                    s += W_EXACT
                if it.region and p.admin1 in it.region:
                    s += 2 * W_NEAR
                if anchors:
                    d = min((km(p, q) for j, q in anchors if j != i), default=1e9)
                    s += W_NEAR * math.exp(-d / 30.0)
                if s > best_s:
                    best, best_s = p, s
            chosen[i] = best
    return chosen
