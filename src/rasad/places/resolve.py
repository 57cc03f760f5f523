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
CAPITAL_BONUS = 0.8  # and more for the seat of a governorate
W_ADMIN1, W_ADMIN2, W_COUNTRY, W_NEAR, W_PREFER, W_EXACT = 1.6, 0.8, 1.2, 1.8, 1.5, 0.8
W_NO_NOUN = 1.5  # "ديالى" written alone is seldom the neighbourhood a list calls "حي ديالى"
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
    no_noun: set[str] = field(default_factory=set)  # ids named "حي X" in their list, "X" in the text


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


_PRIORS: dict[int, tuple[Place, float]] = {}


def prior(p: Place) -> float:
    """The prior of ``p`` (cached by object: places are immutable)."""
    hit = _PRIORS.get(id(p))
    if hit is not None and hit[0] is p:
        return hit[1]
    s = _prior(p)
    if len(_PRIORS) > 200_000:
        _PRIORS.clear()
    _PRIORS[id(p)] = (p, s)
    return s


def _prior(p: Place) -> float:
    s = KIND_PRIOR.get(p.kind, 0.6)
    if _seat(p):
        s += SEAT_BONUS
        if p.admin1 and p.name_en and p.name_en.lower().split(" (")[0] == p.admin1.lower():
            s += CAPITAL_BONUS  # the city that names its governorate (Quneitra, As-Sweida)
    if p.population:
        s += min(0.6, math.log10(max(p.population, 10)) / 10)
    if p.source in ("overlay", "cities", "user", "world"):
        s += 0.2
    return s


class _Votes:
    """For each item, the weight of each value of an attribute among the *other* strong items:
    ``get(i, v)`` = (weight of ``v`` over all strong items - item ``i``'s own share) / n."""

    __slots__ = ("n", "shares", "total")

    def __init__(self, items: list[Item], attr: str) -> None:
        self.shares: list[dict[str, float]] = []
        self.total: dict[str, float] = defaultdict(float)
        for it in items:
            share: dict[str, float] = {}
            if not it.strong:
                self.shares.append(share)
                continue
            vals = {v for p in it.cands if (v := getattr(p, attr))}
            if vals:
                w = 1.0 / len(vals)
                for v in vals:
                    share[v] = w
                    self.total[v] += w
            self.shares.append(share)
        self.n = sum(1 for it in items if it.strong) or 1

    def get(self, i: int, v: str) -> float:
        t = self.total.get(v)
        if t is None:
            return 0.0
        return (t - self.shares[i].get(v, 0.0)) / self.n


def resolve(items: list[Item], country_cues: dict[str, float] | None = None) -> list[Place | None]:
    """The chosen place of each item (None when it has no candidate)."""
    a1 = _Votes(items, "admin1")
    a2 = _Votes(items, "admin2")
    cc = _Votes(items, "country")
    cues = country_cues or {}
    chosen: list[Place | None] = [None] * len(items)
    # pass 1: without distances; pass 2: distance to the places chosen for the others (the
    # scores of pass 1 are kept: pass 2 only adds the distance term)
    base: dict[int, list[tuple[Place, float]]] = {}
    for i, it in enumerate(items):
        cands = it.cands[:MAX_CANDIDATES]
        if it.prefer and it.prefer[0] in STRICT_KINDS:
            cands = [p for p in cands if p.kind in it.prefer] or cands
        if not cands:
            continue
        if len(cands) == 1:
            chosen[i] = cands[0]
            continue
        scored = base[i] = []
        best, best_s = None, -1e9
        # (_Votes.get inlined: t1.get(v) is None -> 0.0, else (t1[v] - o1.get(v, 0.0)) / n1)
        t1, o1, t2, o2, tc, oc = a1.total, a1.shares[i], a2.total, a2.shares[i], cc.total, cc.shares[i]
        for p in cands:
            s = prior(p)
            if it.prefer and p.kind in it.prefer:
                s += W_PREFER * (1.0 - 0.1 * it.prefer.index(p.kind))
            v = p.admin1 or ""
            t = t1.get(v)
            s += W_ADMIN1 * min(1.0, (0.0 if t is None else (t - o1.get(v, 0.0)) / a1.n) * 3)
            v = p.admin2 or ""
            t = t2.get(v)
            s += W_ADMIN2 * min(1.0, (0.0 if t is None else (t - o2.get(v, 0.0)) / a2.n) * 3)
            v = p.country
            t = tc.get(v)
            s += W_COUNTRY * min(1.0, (0.0 if t is None else (t - oc.get(v, 0.0)) / cc.n) * 2
                                 + cues.get(v, 0.0))
            for q in it.near:
                s += 2 * W_NEAR * math.exp(-km(p, q) / 25.0)
            if p.id in it.exact and len(it.exact) < len(cands):
                s += W_EXACT
            if p.id in it.no_noun and len(it.no_noun) < len(cands):
                s -= W_NO_NOUN
            if it.region and p.admin1 in it.region:
                s += 2 * W_NEAR
            scored.append((p, s))
            if s > best_s:
                best, best_s = p, s
        chosen[i] = best
    if not any(len(it.cands) > 1 for it in items):
        return chosen
    anchors: list[tuple[int, Place]] = []
    seen: set[str] = set()
    for i, (it, pc) in enumerate(zip(items, chosen, strict=True)):
        if pc is not None and it.strong and pc.id not in seen and pc.kind != "governorate" \
                and pc.lat is not None and len(anchors) < MAX_ANCHORS:
            seen.add(pc.id)
            anchors.append((i, pc))
    if not anchors:
        return chosen
    coords = [(j, q.lat, q.lon) for j, q in anchors]
    for i, scored in base.items():
        best, best_s = None, -1e9
        others = [(y, x) for j, y, x in coords if j != i and y is not None and x is not None]
        for p, s in scored:
            s += W_NEAR * math.exp(-_nearest_of(p, others) / 30.0)
            if s > best_s:
                best, best_s = p, s
        chosen[i] = best
    return chosen


def _nearest_of(p: Place, anchors: list[tuple[float, float]]) -> float:
    """``min(km(p, q) for q in anchors)`` (1e9 when none), the anchors given as (lat, lon) and
    already filtered (the item's own and those without coordinates left out); the same
    arithmetic as :func:`km` (the square root and the scale are monotonic, so they are applied
    once, to the smallest sum of squares)."""
    plat, plon = p.lat, p.lon
    if plat is None or plon is None:
        return 1e9
    c = math.cos(math.radians(plat))
    best = -1.0
    for qlat, qlon in anchors:
        dy = qlat - plat
        dx = (qlon - plon) * c
        r = dx * dx + dy * dy
        if r < best or best < 0:
            best = r
    if best < 0:
        return 1e9
    return min(1e9, _KM_PER_DEG * math.sqrt(best))
