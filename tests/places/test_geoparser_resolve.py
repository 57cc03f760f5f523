"""The resolver's shortcuts (distance to the nearest anchor, votes of the other names, scores
kept from pass 1) give exactly what the plain formulas give."""

from __future__ import annotations

import random

from rasad.model import Place
from rasad.places.resolve import Item, _nearest_of, _Votes, km, resolve


def _place(i: int, rnd: random.Random, admin1: str | None = None) -> Place:
    lat = None if rnd.random() < 0.05 else 32 + rnd.random() * 5
    return Place(f"t:{i}", f"قرية {i}", f"Village {i}", rnd.choice(["town", "site", "district"]),
                 lat, 36 + rnd.random() * 6, rnd.choice(["SY", "IQ"]),
                 admin1=admin1 or rnd.choice(["Aleppo", "Idleb", "Anbar", None]),
                 admin2=rnd.choice(["A", "B", None]))


def test_nearest_equals_min_of_km() -> None:
    rnd = random.Random(7)
    for _ in range(200):
        anchors = [(j, _place(100 + j, rnd)) for j in range(rnd.randint(0, 6))]
        p = _place(1, rnd)
        i = rnd.randint(0, 6)
        coords = [(q.lat, q.lon) for j, q in anchors if j != i and q.lat is not None and q.lon is not None]
        assert _nearest_of(p, coords) == min((km(p, q) for j, q in anchors if j != i), default=1e9)


def test_votes_equal_shares_of_the_other_strong_items() -> None:
    rnd = random.Random(3)
    items = [Item([_place(10 * k + c, rnd) for c in range(rnd.randint(1, 4))], strong=rnd.random() < 0.7)
             for k in range(8)]
    votes = _Votes(items, "admin1")
    n = sum(1 for it in items if it.strong)
    for i in range(len(items)):
        for v in ("Aleppo", "Idleb", "Anbar", "Homs"):
            total = 0.0
            for k, other in enumerate(items):
                vals = {p.admin1 for p in other.cands if p.admin1}
                if k != i and other.strong and v in vals:
                    total += 1.0 / len(vals)
            assert abs(votes.get(i, v) - total / n) < 1e-12


def test_homonym_near_the_other_places_wins() -> None:
    rnd = random.Random(1)
    near = Place("t:a", "الطيبة", "Taybeh", "town", 36.0, 38.0, "SY", admin1="Aleppo")
    far = Place("t:b", "الطيبة", "Taybeh", "town", 33.0, 36.2, "SY", admin1="Dar'a")
    other = Place("t:c", "منبج", "Manbij", "town", 36.05, 38.05, "SY", admin1="Aleppo")
    lone = _place(9, rnd, admin1="Homs")
    chosen = resolve([Item([far, near]), Item([other]), Item([lone])])
    assert chosen[0] is near and chosen[1] is other and chosen[2] is lone
