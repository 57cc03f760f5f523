"""Subjects that are forces of countries outside the actor dictionary (rasad.actors.world).

"Afghan forces recaptured the district": actor1 stays null (no spec code) but the force is a
state one, so the capture is government_regains_territory; ``roles.how1`` is then
``WORLD_STATE``. An uncoded non-state subject ("Taliban fighters seized …") with no actor found
becomes OTHER_ARMED (``how1`` ``WORLD_NON_STATE``).
"""

from __future__ import annotations

from rasad.actors.world import WorldForce, has_foreign_cue, world_forces
from rasad.events.context import Context
from rasad.events.roles import Roles
from rasad.events.triggers import TriggerHit

WORLD_STATE = "world_state"
WORLD_NON_STATE = "world_non_state"
MAX_GAP = 80  # chars between the force phrase and its verb
FOREIGN_GENERIC = frozenset({"SYR_OPP"})  # dictionary readings of "rebels/insurgents" (Syria's)


def _foreign_cached(ctx: Context) -> bool:
    if "world_foreign" not in ctx.extra:
        ctx.extra["world_foreign"] = _foreign(ctx)
    return bool(ctx.extra["world_foreign"])


def _forces(ctx: Context) -> list[WorldForce]:
    key = "world_forces"
    if key not in ctx.extra:
        found = world_forces(ctx.t, ctx.lang)
        if found and not _foreign_cached(ctx):
            found = [w for w in found if not w.generic]
        ctx.extra[key] = found
    return ctx.extra[key]


def _foreign(ctx: Context) -> bool:
    """A report about a country outside the dictionary: a foreign cue and no Syria/Iraq cue."""
    from rasad.actors.finder import prepare, raw_hits
    from rasad.actors.lexicon import load_actors

    if not has_foreign_cue(ctx.t, ctx.lang):
        return False
    lex = load_actors()
    return not any(h.entry.code for h in raw_hits(prepare(ctx.doc.text), lex, frozenset({"cue"})))


def world_subject(ctx: Context, hit: TriggerHit) -> WorldForce | None:
    """The world force phrase acting as the subject of ``hit``, if any."""
    if ctx.lang != "en":
        return None
    forces = _forces(ctx)
    if not forces:
        return None
    s_lo, _ = ctx.sentence_of(hit.start)
    before = [w for w in forces if s_lo <= w.start and w.end <= hit.start and hit.start - w.end <= MAX_GAP]
    if not before:
        return None
    w = before[-1]
    for a in ctx.actors:
        if a.end <= w.start or a.start >= hit.start:
            continue
        if a.start >= w.end:
            return None  # a dictionary actor stands nearer the verb
        if not (a.m.anaphor or (a.m.rule or "").startswith("country:")):
            return None  # the phrase is part of a coded name ("Iraqi security forces")
    return w


def apply_world(ctx: Context, hit: TriggerHit, roles: Roles) -> None:
    """Territory events: null a generic actor1 under a world state force (marking it state,
    with actor2 OTHER_ARMED when an uncoded group follows), or fill OTHER_ARMED for an uncoded
    non-state subject. The subject of a withdrawal is the side that leaves (actor2): no gainer."""
    if hit.rule.subject == "actor2":
        return
    w = world_subject(ctx, hit)
    if w is None:
        return
    if w.side == "state":
        roles.actor1, roles.how1 = None, WORLD_STATE
        lo, hi = ctx.nz.span(w.start, w.end)
        roles.actor1_text = ctx.doc.text[lo:hi]
        if roles.actor2 is None or _generic(ctx, hit, roles.actor2):
            roles.actor2 = _non_state_after(ctx, hit)
            roles.how2 = WORLD_NON_STATE if roles.actor2 else ""
    elif roles.actor1 is None:
        roles.actor1, roles.how1 = "OTHER_ARMED", WORLD_NON_STATE


def _generic(ctx: Context, hit: TriggerHit, code: str) -> bool:
    """Whether ``code`` in the sentence of ``hit`` only comes from a by-country generic name."""
    if code in FOREIGN_GENERIC and _foreign_cached(ctx):
        return True  # "insurgents" in a report from Nigeria are not the Syrian opposition
    s_lo, s_hi = ctx.sentence_of(hit.start)
    named = [a for a in ctx.actors if s_lo <= a.start < s_hi and a.m.code == code]
    return not named or all(a.m.anaphor or (a.m.rule or "").startswith("country:") for a in named)


def _non_state_after(ctx: Context, hit: TriggerHit) -> str | None:
    """OTHER_ARMED when an uncoded non-state group follows the verb in its sentence."""
    _, s_hi = ctx.sentence_of(hit.start)
    if any(w.side == "non_state" and hit.end <= w.start < s_hi for w in _forces(ctx)):
        return "OTHER_ARMED"
    return None
