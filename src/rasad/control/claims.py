"""Evidence about control, as dated *claims*: the single input of the timeline builder.

Every piece of evidence — a territorial event, a clash, a statement of who holds a place
(an *observation*), a user's seed — becomes one :class:`Claim` about one place on one day.
This module decides the place key, the day and the weight of each claim; ``timeline`` turns
the claims of a place into intervals.

Decisions (documented here because they shape every map):

* **Who gains.** ``government_regains_territory`` and ``non_state_actor_overtakes_territory``:
  ``actor1`` gains. ``non_violent_transfer_of_territory``: ``actor1`` gains when given; when it
  is null the place becomes ``UNKNOWN`` (the side that left, ``actor2``, is known to have lost
  it, nobody is known to hold it) — a weak claim, which any stated holder on the same day beats.
  A territorial event with neither actor says nothing about control and is ignored.
* **Clashes** (``armed_clash``) at a place are *contest* claims: they never change the
  controller, they mark the interval contested (see ``timeline``).
* **Place key**: the gazetteer place id when the event has one, else ``name:<normalised name>``
  (:func:`place_key_for_name`: no diacritics, unified alef/ya/ta marbuta, no article); a name key
  whose coordinates lie within 1 km of an id-keyed place of the same name joins that place.
* **Observations** about areas (a governorate, district, sub-district or country, or
  geo_precision 3: "80% of Daraa governorate") are ignored: they do not say who holds a place.
* **Days.** An event's own date; else its document's publication date (``date_flag``
  "publication"); else the latest date of any other dated evidence in the same document
  ("document"); else the claim is *undated* ("undated"): undated claims form the baseline of the
  timeline — they are placed on the earliest day of all dated evidence of the build (or the build
  day when nothing is dated), ordered among themselves by document order, and any dated claim
  for the same place on that day or later beats them.
* **Weights** (strength before the event's own confidence): change of hands 0.9, observation
  0.5, seed 0.6, UNKNOWN-after-withdrawal 0.3, clash 0.5; × 0.8 for geo_precision 2 and × 0.5
  for 3 (only the area is known); × 0.8 for a date taken from the publication/document and
  × 0.6 for undated claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasad.model import Event, Location
from rasad.text.normalize import scorer_name_key

TERRITORY_GAIN = frozenset({"government_regains_territory", "non_state_actor_overtakes_territory"})
TRANSFER = "non_violent_transfer_of_territory"
TERRITORY = TERRITORY_GAIN | {TRANSFER}
CONTEST = frozenset({"armed_clash"})

UNKNOWN = "UNKNOWN"  # pseudo-controller: left by its holder / fought over, holder not known

W_CHANGE = 0.9
W_OBSERVATION = 0.5
W_SEED = 0.6
W_UNKNOWN = 0.3
W_CONTEST = 0.5
MERGE_KM = 1.0
AREA_KINDS = frozenset({"country", "governorate", "district", "subdistrict"})
PRECISION_FACTOR = {1: 1.0, 2: 0.8, 3: 0.5}
DATE_FACTOR = {None: 1.0, "event": 1.0, "publication": 0.8, "document": 0.8, "undated": 0.6}

# claim kinds
CHANGE, OBSERVATION, SEED, CONTESTED = "change", "observation", "seed", "contest"

_SPACES = re.compile(r"\s+")


def norm_name(s: str | None) -> str:
    """Place-key form of a name: the scorer's loose key, spaces collapsed, "the " dropped."""
    s = _SPACES.sub(" ", scorer_name_key((s or "").replace("\u0670", "")))
    return s.removeprefix("the ")


def place_key_for_name(name: str) -> str:
    return "name:" + norm_name(name.removeprefix("name:"))


def canonical_key(key: str) -> str:
    """A user-given key in canonical form (``name:`` keys re-normalised, ids as they are)."""
    return place_key_for_name(key) if key.startswith("name:") else key


def place_key(loc: Location) -> str:
    return loc.place_id or place_key_for_name(loc.name)


@dataclass(slots=True)
class Claim:
    """One dated statement about who holds (or fights over) one place."""

    place_key: str
    place_name: str
    lat: float | None
    lon: float | None
    admin1: str | None
    day: date
    tier: int  # 0 undated baseline, 1 dated: undated claims sort before dated ones of the same day
    seq: int  # input order (documents in order, evidence offsets within them)
    kind: str  # change | observation | seed | contest
    controller: str | None  # None for contest claims
    weight: float
    ref: str  # event id (or "obs:…", "seed:…")
    source: str  # document id ("seed" for seeds)
    published: date | None = None
    date_flag: str | None = None
    parties: tuple[str, ...] = ()  # contest claims: the sides fighting


def _as_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def location_from_any(v: Any) -> Location | None:
    """A Location from a Location, a gazetteer Place, a PlaceMention, a spec dict or a plain name."""
    if v is None:
        return None
    if isinstance(v, Location):
        return v
    if isinstance(v, str):
        return Location(name=v, lat=None, lon=None, admin1=None, geo_precision=1)
    if isinstance(v, Mapping):
        return Location(
            name=str(v.get("name") or ""),
            lat=v.get("lat"),
            lon=v.get("lon"),
            admin1=v.get("admin1"),
            geo_precision=int(v.get("geo_precision") or 1),
            place_id=v.get("place_id") or v.get("id"),
        )
    place = getattr(v, "place", v)  # a PlaceMention carries the chosen Place
    if place is not None and hasattr(place, "lat") and hasattr(place, "id"):
        name = getattr(v, "name", None) or place.name_ar or place.name_en or place.id
        return Location(name=name, lat=place.lat, lon=place.lon, admin1=place.admin1,
                        geo_precision=getattr(v, "geo_precision", 1) or 1, place_id=place.id)
    if hasattr(v, "name"):  # an unresolved mention: coordinates of its anchor, if any
        anchor = getattr(v, "anchor", None)
        return Location(name=str(v.name), lat=getattr(anchor, "lat", None),
                        lon=getattr(anchor, "lon", None), admin1=getattr(anchor, "admin1", None),
                        geo_precision=getattr(v, "geo_precision", 1) or 1)
    return None


@dataclass(slots=True)
class _Raw:
    loc: Location
    day: date | None
    flag: str | None
    kind: str
    controller: str | None
    weight: float
    ref: str
    source: str
    parties: tuple[str, ...] = ()


def _event_raw(ev: Event) -> _Raw | None:
    if ev.location is None or not (ev.location.name or ev.location.place_id):
        return None
    if ev.location.geo_precision >= 3:
        return None  # only a district or governorate is known: no place to colour (as observations)
    sub = ev.sub_event_type
    if sub in TERRITORY_GAIN:
        if not ev.actor1:
            return None
        kind, ctrl, w = CHANGE, ev.actor1, W_CHANGE
    elif sub == TRANSFER:
        if ev.actor1:
            kind, ctrl, w = CHANGE, ev.actor1, W_CHANGE
        elif ev.actor2:
            kind, ctrl, w = CHANGE, UNKNOWN, W_UNKNOWN
        else:
            return None
    elif sub in CONTEST:
        kind, ctrl, w = CONTESTED, None, W_CONTEST
    else:
        return None
    w *= max(0.05, min(1.0, ev.confidence if ev.confidence is not None else 1.0))
    w *= PRECISION_FACTOR.get(ev.location.geo_precision, 1.0)
    parties = tuple(a for a in (ev.actor1, ev.actor2) if a)
    flag = ev.date_flag if ev.date is not None else None
    return _Raw(ev.location, ev.date, flag, kind, ctrl, w, ev.id or f"{ev.doc_id}:{ev.evidence.start}",
                ev.doc_id, parties)


def _observation_raw(obs: Mapping[str, Any], i: int) -> _Raw | None:
    where = obs.get("location") or obs.get("place")
    loc = location_from_any(where)
    ctrl = obs.get("controller")
    if loc is None or not ctrl:
        return None
    place = getattr(where, "place", where)
    if getattr(place, "kind", None) in AREA_KINDS or loc.geo_precision >= 3:
        return None  # "80% of Daraa governorate": a statement about an area, not a place
    w = W_OBSERVATION * float(obs.get("confidence") or 1.0) * PRECISION_FACTOR.get(loc.geo_precision, 1.0)
    doc = str(obs.get("doc_id") or "")
    s, e = _evidence_span(obs.get("evidence"))
    ref = str(obs.get("id") or f"obs:{doc}:{s}-{e}")
    return _Raw(loc, _as_date(obs.get("date")), obs.get("date_flag"), OBSERVATION, str(ctrl), w, ref, doc)


def _evidence_span(ev: Any) -> tuple[int, int]:
    if isinstance(ev, Mapping):
        return int(ev.get("start") or 0), int(ev.get("end") or 0)
    return int(getattr(ev, "start", 0) or 0), int(getattr(ev, "end", 0) or 0)


def parse_observation_ref(ref: str) -> tuple[str, int, int] | None:
    """(doc id, start, end) of an observation's evidence ref ``obs:<doc>:<start>-<end>``."""
    if not ref.startswith("obs:"):
        return None
    doc, _, span = ref[4:].rpartition(":")
    s, _, e = span.partition("-")
    return (doc, int(s), int(e)) if s.isdigit() and e.isdigit() else None


def make_claims(
    events: Iterable[Event],
    observations: Iterable[Mapping[str, Any]] = (),
    seeds: Iterable[Mapping[str, Any]] = (),
    published: Mapping[str, date | None] | None = None,
    today: date | None = None,
) -> list[Claim]:
    """All claims, with days placed as the module docstring says, sorted by (day, tier, seq)."""
    published = published or {}
    raws: list[_Raw] = []
    for ev in events:
        r = _event_raw(ev)
        if r is not None:
            raws.append(r)
    for i, obs in enumerate(observations):
        r = _observation_raw(obs, i)
        if r is not None:
            raws.append(r)
    # latest dated evidence per document: the fallback day of its undated claims
    doc_latest: dict[str, date] = {}
    for r in raws:
        if r.day is not None and r.source:
            cur = doc_latest.get(r.source)
            if cur is None or r.day > cur:
                doc_latest[r.source] = r.day
    placed: list[tuple[_Raw, date | None, str | None]] = []
    for r in raws:
        if r.day is not None:
            placed.append((r, r.day, r.flag))
        elif published.get(r.source):
            placed.append((r, published[r.source], "publication"))
        elif r.source in doc_latest:
            placed.append((r, doc_latest[r.source], "document"))
        else:
            placed.append((r, None, "undated"))
    seed_list = list(seeds)
    dated = [d for _, d, _ in placed if d is not None]
    dated += [d for s in seed_list if (d := _as_date(s.get("as_of"))) is not None]
    baseline = min(dated) if dated else (today or date.today())
    claims: list[Claim] = []
    for seq, (r, day, flag) in enumerate(placed):
        w = r.weight * DATE_FACTOR.get(flag, 1.0)
        claims.append(Claim(
            place_key(r.loc), r.loc.name, r.loc.lat, r.loc.lon, r.loc.admin1,
            day or baseline, 1 if day is not None else 0, seq, r.kind, r.controller, w, r.ref, r.source,
            published.get(r.source), flag, r.parties,
        ))
    base = len(claims)
    for i, s in enumerate(seed_list):
        claims.append(seed_claim(s, base + i, baseline))
    merge_name_keys(claims)
    claims.sort(key=lambda c: (c.day, c.tier, c.seq))
    return claims


def merge_name_keys(claims: list[Claim]) -> None:
    """Give a ``name:`` claim the gazetteer key of an id-keyed claim of the same normalised name
    within ``MERGE_KM`` (the same place, resolved in one report and not in another)."""
    by_name: dict[str, list[tuple[str, float, float]]] = {}
    for c in claims:
        if not c.place_key.startswith("name:") and c.lat is not None and c.lon is not None:
            by_name.setdefault(norm_name(c.place_name), []).append((c.place_key, c.lat, c.lon))
    if not by_name:
        return
    from rasad.control.score import km

    for c in claims:
        if c.place_key.startswith("name:") and c.lat is not None and c.lon is not None:
            for key, lat, lon in by_name.get(c.place_key[5:], ()):
                if km(c.lat, c.lon, lat, lon) <= MERGE_KM:
                    c.place_key = key
                    break


def seed_claim(s: Mapping[str, Any], seq: int, baseline: date) -> Claim:
    """A seed row (``Store.iter_control_seeds()`` dict or a CSV row) as a claim."""
    name = str(s.get("place_name") or s.get("place") or s.get("place_key") or "")
    key = canonical_key(str(s.get("place_key") or "")) or place_key_for_name(name)
    day = _as_date(s.get("as_of"))
    lat, lon = s.get("lat"), s.get("lon")
    return Claim(
        key, name or key, float(lat) if lat not in (None, "") else None,
        float(lon) if lon not in (None, "") else None, s.get("admin1") or None,
        day or baseline, 1 if day else 0, seq, SEED, str(s["controller"]), W_SEED,
        f"seed:{key}:{day.isoformat() if day else 'undated'}", "seed", None, None if day else "undated",
    )
