"""How claims of the same place and day are weighed against each other and against the past.

* **Multi-source wins.** The support of a controller on a day is the noisy-or of its claims'
  weights, one (the strongest) per source document: two independent reports of a change beat
  one, and one report repeated in the same document does not count twice.
* **Newer wins ties**: equal support goes to the claim from the most recently published
  document, then to the one read last (later in the same report: "took X, then lost it").
* Controllers that lose on a day are kept as *superseded* records (zero-length intervals,
  ``kind="superseded"``, never part of a snapshot) and — when they come from another document
  than the winner's — lower the winner's confidence by the share of support they had.
* **Newer wins across days**, but a change that contradicts, within ``CONTRADICTION_DAYS``, a
  change reported by other documents opens its interval with its confidence scaled by its share
  of the two supports (a lone report against three is marked unsure; an even one loses at most
  half).
* **Observations are weaker than changes of hands**: an observation that contradicts a change
  made fewer than ``OBSERVATION_GRACE_DAYS`` days before, and has no more support than that
  change, does not open a new interval; it becomes a superseded record and lowers the current
  interval's confidence by ``OBSERVATION_DOUBT``.
* **Contested**: a clash at a place opens a new interval with the same controller,
  ``kind="contested"``, confidence × ``CONTEST_FACTOR``; it lasts until the next claim or
  ``CONTEST_DAYS`` after the last clash, when the previous state resumes. A clash at a place of
  no known controller opens an ``UNKNOWN`` contested interval that simply ends then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rasad.control.claims import CHANGE, OBSERVATION, SEED, Claim

OBSERVATION_GRACE_DAYS = 7
CONTRADICTION_DAYS = 3
OBSERVATION_DOUBT = 0.8
CONTEST_FACTOR = 0.6
CONTEST_DAYS = 30
MIN_CONFIDENCE = 0.01
MAX_CONFIDENCE = 0.99


def noisy_or(weights: list[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - min(max(w, 0.0), 0.999)
    return 1.0 - p


def support(claims: list[Claim]) -> dict[str, float]:
    """Strongest weight per source document."""
    out: dict[str, float] = {}
    for c in claims:
        if c.weight > out.get(c.source, -1.0):
            out[c.source] = c.weight
    return out


@dataclass(slots=True)
class DayVerdict:
    winner: str
    win_claims: list[Claim]
    score: float
    losers: dict[str, list[Claim]] = field(default_factory=dict)
    dispute: float = 1.0  # factor on the winner's confidence


def weigh(control: list[Claim]) -> DayVerdict:
    """The controller that the claims of one day (and tier) support best."""
    by_ctrl: dict[str, list[Claim]] = {}
    for c in control:
        assert c.controller is not None
        by_ctrl.setdefault(c.controller, []).append(c)
    scored = []
    for ctrl, cl in by_ctrl.items():
        s = noisy_or(list(support(cl).values()))
        newest = max((c.published or date.min) for c in cl)
        last = max(c.seq for c in cl)
        scored.append((round(s, 9), newest, last, ctrl))
    scored.sort(reverse=True)
    s_win, _, _, winner = scored[0]
    verdict = DayVerdict(winner, by_ctrl[winner], s_win)
    win_sources = {c.source for c in by_ctrl[winner]}
    for s_l, _, _, ctrl in scored[1:]:
        verdict.losers[ctrl] = by_ctrl[ctrl]
        if any(c.source not in win_sources for c in by_ctrl[ctrl]) and s_win + s_l > 0:
            verdict.dispute *= s_win / (s_win + s_l)
    return verdict


def interval_kind(claims: list[Claim]) -> str:
    kinds = {c.kind for c in claims}
    if CHANGE in kinds:
        return "derived"
    if OBSERVATION in kinds:
        return "observation"
    if SEED in kinds:
        return "seed"
    return "contested"


def clamp(x: float) -> float:
    return min(MAX_CONFIDENCE, max(MIN_CONFIDENCE, x))
