"""Per-place control timelines: ``[valid_from, valid_to) -> controller`` with evidence.

``build_timelines`` turns events (+ observations, seeds, corrections) into ControlIntervals;
``snapshot`` answers "who holds what on day D" through a per-place bisect index;
``changes`` lists changes of hands in a period; ``history`` one place's timeline.

How evidence becomes claims (days, weights, undated evidence): :mod:`rasad.control.claims`.
How claims that disagree are weighed (multi-source, newer, observations, clashes):
:mod:`rasad.control.conflict`. How user corrections apply: :mod:`rasad.control.corrections`.

Interval kinds: ``derived`` (opened by a change of hands), ``observation`` (opened by a
statement of who holds the place), ``seed`` (user seed), ``contested`` (fighting reported, the
controller unchanged), ``correction`` (user correction), ``superseded`` (a claim that lost:
a zero-length record ``valid_from == valid_to`` that no snapshot ever returns, kept so that
history shows it). Within a place, the non-superseded intervals never overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from rasad.control.claims import CONTESTED, UNKNOWN, Claim, make_claims
from rasad.control.conflict import (
    CONTEST_DAYS,
    CONTEST_FACTOR,
    CONTRADICTION_DAYS,
    OBSERVATION_DOUBT,
    OBSERVATION_GRACE_DAYS,
    clamp,
    interval_kind,
    noisy_or,
    weigh,
)
from rasad.control.corrections import apply_corrections
from rasad.model import ControlInterval, Event

SUPERSEDED = "superseded"


@dataclass(slots=True)
class _Open:
    """The interval being built for a place."""

    controller: str
    start: date
    kind: str
    support: dict[str, float]
    evidence: list[str]
    sources: list[str]
    date_flag: str | None
    change_day: date | None  # day of the change of hands that opened it (None: other kinds)
    dispute: float = 1.0
    last_contest: date | None = None
    before_contest: _Open | None = None  # state to resume when the contest expires
    resumed: bool = False  # re-opened after a contested spell (no claim of its own)

    def add(self, claims: Iterable[Claim]) -> None:
        for c in claims:
            if c.weight > self.support.get(c.source, -1.0):
                self.support[c.source] = c.weight
            if c.ref not in self.evidence:
                self.evidence.append(c.ref)
            if c.source not in self.sources:
                self.sources.append(c.source)

    def confidence(self) -> float:
        conf = noisy_or(list(self.support.values())) * self.dispute
        if self.kind == "contested":
            conf *= CONTEST_FACTOR
        return clamp(conf)


@dataclass(slots=True)
class _PlaceBuilder:
    key: str
    info: Claim  # name/coordinates of the place (the first claim with coordinates)
    out: list[ControlInterval] = field(default_factory=list)
    cur: _Open | None = None

    def _emit(self, o: _Open, end: date | None) -> None:
        if o.resumed and end is not None and end <= o.start:
            return  # resumed and replaced the same day: nothing was claimed
        kind = SUPERSEDED if end is not None and end <= o.start else o.kind
        self.out.append(self._interval(o.controller, o.start, end if kind != SUPERSEDED else o.start,
                                       o.confidence(), o.evidence, o.sources, kind, o.date_flag))

    def _interval(self, ctrl: str, start: date, end: date | None, conf: float, evidence: list[str],
                  sources: list[str], kind: str, flag: str | None) -> ControlInterval:
        i = self.info
        return ControlInterval(self.key, i.place_name, i.lat, i.lon, i.admin1, ctrl, start, end,
                               round(conf, 4), list(evidence), list(sources), kind, flag)

    def _superseded(self, claims: list[Claim], day: date) -> None:
        ctrl = claims[0].controller or UNKNOWN
        w = noisy_or([c.weight for c in claims])
        self.out.append(self._interval(
            ctrl, day, day, clamp(w * 0.5), [c.ref for c in claims],
            list(dict.fromkeys(c.source for c in claims)), SUPERSEDED, _flag(claims)))

    def _close(self, day: date) -> None:
        if self.cur is not None:
            self._emit(self.cur, day)
            self.cur = None

    def _expire_contest(self, day: date | None) -> None:
        """End a contested interval whose last clash is CONTEST_DAYS old by ``day`` (None: at the end)."""
        o = self.cur
        if o is None or o.kind != "contested" or o.last_contest is None:
            return
        until = o.last_contest + timedelta(days=CONTEST_DAYS)
        if day is not None and day < until:
            return
        self._close(until)
        prev = o.before_contest
        if prev is not None and prev.controller != UNKNOWN:
            prev.start = until
            prev.resumed = True
            self.cur = prev

    def feed(self, day: date, group: list[Claim]) -> None:
        self._expire_contest(day)
        control = [c for c in group if c.controller is not None]
        contests = [c for c in group if c.kind == CONTESTED]
        opened_today = False
        if control:
            opened_today = self._control(day, control)
        if contests:
            self._contest(day, contests, opened_today)

    def _control(self, day: date, control: list[Claim]) -> bool:
        v = weigh(control)
        for claims in v.losers.values():
            self._superseded(claims, day)
        cur = self.cur
        if cur is not None and cur.controller == v.winner:
            cur.add(v.win_claims)
            cur.dispute *= v.dispute
            return False
        only_obs = all(c.kind == "observation" for c in v.win_claims)
        if (cur is not None and only_obs and cur.change_day is not None
                and (day - cur.change_day).days < OBSERVATION_GRACE_DAYS
                and v.score <= noisy_or(list(cur.support.values()))):
            self._superseded(v.win_claims, day)
            cur.dispute *= OBSERVATION_DOUBT
            return False
        dispute = v.dispute
        if (cur is not None and cur.change_day is not None
                and (day - cur.change_day).days <= CONTRADICTION_DAYS
                and not {c.source for c in v.win_claims} & set(cur.sources)):
            # newer wins, but a quick contradiction of a well-supported change is less sure
            s_cur = noisy_or(list(cur.support.values()))
            dispute *= v.score / (v.score + s_cur) if v.score + s_cur > 0 else 1.0
        self._close(day)
        kind = interval_kind(v.win_claims)
        o = _Open(v.winner, day, kind, {}, [], [], _flag(v.win_claims),
                  day if kind == "derived" else None, dispute)
        o.add(v.win_claims)
        self.cur = o
        return True

    def _contest(self, day: date, contests: list[Claim], opened_today: bool) -> None:
        cur = self.cur
        if cur is None:
            o = _Open(UNKNOWN, day, "contested", {}, [], [], _flag(contests), None, last_contest=day)
            o.add(contests)
            self.cur = o
            return
        if cur.kind == "contested":
            cur.last_contest = day
            for c in contests:
                if c.ref not in cur.evidence:
                    cur.evidence.append(c.ref)
                if c.source not in cur.sources:
                    cur.sources.append(c.source)
            return
        if opened_today or cur.start == day:
            return  # fighting on the day the place changed hands is part of that change
        self._close(day)
        o = _Open(cur.controller, day, "contested", dict(cur.support), list(cur.evidence),
                  list(cur.sources), _flag(contests), None, cur.dispute, last_contest=day,
                  before_contest=_Open(cur.controller, day, cur.kind, dict(cur.support),
                                       list(cur.evidence), list(cur.sources), cur.date_flag,
                                       cur.change_day, cur.dispute))
        for c in contests:
            o.evidence.append(c.ref)
            if c.source not in o.sources:
                o.sources.append(c.source)
        self.cur = o

    def finish(self) -> list[ControlInterval]:
        self._expire_contest(None)
        if self.cur is not None:
            self._emit(self.cur, None)
            self.cur = None
        return self.out


def _flag(claims: list[Claim]) -> str | None:
    best = max(claims, key=lambda c: c.weight)
    return best.date_flag if best.date_flag not in (None, "event") else None


def _place_info(claims: list[Claim]) -> Claim:
    for c in claims:
        if c.lat is not None:
            return c
    return claims[0]


def timelines_from_claims(claims: Sequence[Claim]) -> list[ControlInterval]:
    """Intervals of every place from claims sorted by (day, tier, seq)."""
    by_place: dict[str, list[Claim]] = {}
    for c in claims:
        by_place.setdefault(c.place_key, []).append(c)
    out: list[ControlInterval] = []
    for key, cl in by_place.items():
        b = _PlaceBuilder(key, _place_info(cl))
        for (day, _tier), grp in groupby(cl, key=lambda c: (c.day, c.tier)):
            b.feed(day, list(grp))
        out.extend(b.finish())
    return out


def build_timelines(
    events: Iterable[Event],
    seeds: Iterable[Mapping[str, Any]] = (),
    corrections: Iterable[Mapping[str, Any]] = (),
    observations: Iterable[Mapping[str, Any]] = (),
    *,
    published: Mapping[str, date | None] | None = None,
    today: date | None = None,
) -> list[ControlInterval]:
    """All places' intervals, corrections applied on top; sorted by place, then start.

    ``events`` in document order (their order breaks same-day ties: later reads win);
    ``published`` maps document ids to publication dates (for events without a date);
    ``seeds`` are ``Store.iter_control_seeds()`` rows; ``corrections`` are
    ``Store.iter_corrections("control")`` rows; ``observations`` are dicts of
    ``rasad.events.find_control_observations`` (place/location, controller, date, evidence, doc_id).
    """
    claims = make_claims(events, observations, seeds, published=published, today=today)
    intervals = timelines_from_claims(claims)
    intervals = apply_corrections(intervals, corrections)
    intervals.sort(key=lambda iv: (iv.place_key, iv.valid_from, iv.valid_to is not None and iv.valid_to
                                   == iv.valid_from, iv.valid_to or date.max))
    return intervals


# --------------------------------------------------------------------------- queries


class ControlIndex:
    """Intervals grouped by place with sorted starts: a snapshot is one bisect per place."""

    def __init__(self, intervals: Iterable[ControlInterval]):
        by_place: dict[str, list[ControlInterval]] = {}
        self.superseded: dict[str, list[ControlInterval]] = {}
        for iv in intervals:
            if iv.kind == SUPERSEDED or (iv.valid_to is not None and iv.valid_to <= iv.valid_from):
                self.superseded.setdefault(iv.place_key, []).append(iv)
            else:
                by_place.setdefault(iv.place_key, []).append(iv)
        self.places: dict[str, tuple[list[date], list[ControlInterval]]] = {}
        for key, ivs in by_place.items():
            ivs.sort(key=lambda iv: iv.valid_from)
            self.places[key] = ([iv.valid_from for iv in ivs], ivs)

    def at(self, day: date) -> dict[str, ControlInterval]:
        out: dict[str, ControlInterval] = {}
        for key, (starts, ivs) in self.places.items():
            i = bisect_right(starts, day) - 1
            if i >= 0:
                iv = ivs[i]
                if iv.valid_to is None or day < iv.valid_to:
                    out[key] = iv
        return out

    def history(self, key: str) -> list[ControlInterval]:
        ivs = list(self.places.get(key, ([], []))[1]) + self.superseded.get(key, [])
        ivs.sort(key=lambda iv: (iv.valid_from, iv.kind == SUPERSEDED))
        return ivs


_INDEX_CACHE: dict[int, tuple[Sequence[ControlInterval], int, ControlIndex]] = {}


def index(intervals: Sequence[ControlInterval]) -> ControlIndex:
    """A (cached) index of ``intervals``: rebuilt when a different list, or one of another length,
    is passed (do not mutate intervals in place between queries)."""
    hit = _INDEX_CACHE.get(id(intervals))
    if hit is not None and hit[0] is intervals and hit[1] == len(intervals):
        return hit[2]
    idx = ControlIndex(intervals)
    _INDEX_CACHE.clear()
    _INDEX_CACHE[id(intervals)] = (intervals, len(intervals), idx)
    return idx


def snapshot(intervals: Sequence[ControlInterval], day: date) -> dict[str, ControlInterval]:
    """place_key -> the interval in force on ``day`` (places of no known control are absent)."""
    if not isinstance(intervals, list | tuple):
        intervals = list(intervals)
    return index(intervals).at(day)


@dataclass(slots=True)
class Change:
    place_key: str
    place_name: str
    day: date
    before: ControlInterval | None
    after: ControlInterval


def changes(intervals: Sequence[ControlInterval], since: date, until: date,
            include_contested: bool = False) -> list[Change]:
    """Changes of hands with ``since <= day <= until``: intervals that start then with another
    controller than the place's previous interval (contested spells only when asked)."""
    if not isinstance(intervals, list | tuple):
        intervals = list(intervals)
    out: list[Change] = []
    for _key, (starts, ivs) in index(intervals).places.items():
        lo = bisect_right(starts, since - timedelta(days=1))
        for i in range(lo, len(ivs)):
            iv = ivs[i]
            if iv.valid_from > until:
                break
            prev = ivs[i - 1] if i > 0 else None
            if prev is not None and prev.valid_to is not None and prev.valid_to < iv.valid_from:
                prev_ctrl = None
            else:
                prev_ctrl = prev.controller if prev else None
            if iv.kind == "contested" and not include_contested and (prev_ctrl == iv.controller
                                                                     or iv.controller == UNKNOWN):
                continue
            if prev_ctrl != iv.controller or (include_contested and iv.kind == "contested"):
                out.append(Change(iv.place_key, iv.place_name, iv.valid_from, prev, iv))
    out.sort(key=lambda c: (c.day, c.place_key))
    return out


def history(intervals: Sequence[ControlInterval], place: str) -> list[ControlInterval]:
    """One place's intervals (superseded records included), by start; ``place`` is a key or a name."""
    if not isinstance(intervals, list | tuple):
        intervals = list(intervals)
    idx = index(intervals)
    key = resolve_place(intervals, place)
    return idx.history(key) if key else []


def resolve_place(intervals: Sequence[ControlInterval], place: str) -> str | None:
    """The place key meant by ``place``: a key itself, ``name:…``, or a place name (any spelling
    that normalises the same; the first such place when several share the name)."""
    keys = resolve_places(intervals, place)
    return keys[0] if keys else None


def resolve_places(intervals: Sequence[ControlInterval], place: str) -> list[str]:
    """All place keys meant by ``place`` (several places may share a name)."""
    from rasad.control.claims import norm_name

    if any(iv.place_key == place for iv in intervals):
        return [place]
    want = norm_name(place.removeprefix("name:"))
    out: dict[str, None] = {}
    for iv in intervals:
        if norm_name(iv.place_name) == want or iv.place_key == "name:" + want:
            out[iv.place_key] = None
    if not out:  # another spelling or language of a gazetteer place ("الباغوز فوقاني" / "Upper Baguz")
        keys = {iv.place_key for iv in intervals}
        try:
            from rasad.places.gazetteer import load_gazetteer

            out = {p.id: None for p in load_gazetteer().lookup(place) if p.id in keys}
        except Exception:  # no gazetteer: names as stored only
            pass
    return list(out)
