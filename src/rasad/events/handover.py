"""Changes of hands told with their sequel in one sentence.

- territory.withdraw_enter: "انسحب التنظيم من X ودخلتها قوات Y", "ISIS withdrew from X, and SDF
  units entered it": Y takes over a place left to it (non-violent transfer, actor2 the leaver).
- territory.transient: "ISIS briefly took control of X before being pushed back by the SDF",
  "سيطر التنظيم لساعات على X قبل أن تستعيدها قوات النظام": a clash between the two sides at X
  and the recapture, so the control stage ends with the side that took it back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rasad.events.context import Context, Span
from rasad.events.roles import NON_AGENTS, Roles, _lead, _oblique, _supporter, default_opponent, trial_cues
from rasad.events.rules import load_cues
from rasad.events.triggers import TriggerHit, has_cue, tokens_after, word_has_cue
from rasad.model import ActorMention


def after_withdrawal(ctx: Context, hit: TriggerHit) -> bool:
    """ "انسحب التنظيم من X ودخلتها قوات Y", "ISIS withdrew from X, and SDF units entered it":
    an entry told right after a withdrawal in its sentence (no fighting said) is the other side
    taking over a place left to it (rule territory.withdraw_enter)."""
    s_lo, s_hi = ctx.sentence_of(hit.start)
    if hit.event == "withdrawal":
        return False
    words = ctx.t[s_lo : hit.start].split() + tokens_after(ctx.t, hit.end, 12)
    if has_cue(words, load_cues()["fighting"]) and not has_cue(words, load_cues()["no_fight"]):
        return False
    if any(h.event == "withdrawal" and h.start < hit.start for h in ctx.hits_in(s_lo, hit.start)):
        return True
    # "Y took over X after the army withdrew from it": the withdrawal told after a link word
    cues = load_cues()
    after = tokens_after(ctx.t, hit.end, 12, s_hi)
    links = (cues["prior_event_links"], cues["when_links"])
    if not any(word_has_cue(w, c) for w in after for c in links):
        return False
    return any(h.event == "withdrawal" and h.start > hit.end for h in ctx.hits_in(hit.end, s_hi))


def retake_at(ctx: Context, hit: TriggerHit) -> int | None:
    """Where "before being pushed back", "قبل أن تستعيدها" starts after a territory trigger in
    its sentence: the place was held only briefly (rule territory.transient)."""
    _s_lo, s_hi = ctx.sentence_of(hit.start)
    cues = trial_cues()
    seg = ctx.t[hit.end : s_hi]
    for b in cues["before_words"]:
        i = seg.find(" " + b + " ")
        if i < 0:
            continue
        pos = hit.end + i + 1
        if has_cue(tokens_after(ctx.t, pos, 7, s_hi), cues["retake_words"]):
            return pos
    return None


def transient_retaker(ctx: Context, hit: TriggerHit, capturer: str | None) -> str | None:
    """The side that took the place back from ``capturer`` (named after "before", or the
    report's opponent of the capturer), when the capture was undone in the same sentence."""
    if hit.event != "territory" or capturer is None:
        return None
    pos = retake_at(ctx, hit)
    if pos is None:
        return None
    _, s_hi = ctx.sentence_of(hit.start)
    for a in ctx.actors_in(pos, s_hi):
        if a.m.code not in NON_AGENTS and a.m.code != capturer and not _supporter(a.m):
            return a.m.code
    return default_opponent(ctx, capturer)


def split_transient(cand: Any, retaker: str) -> list[Any]:
    """A capture undone in its sentence ("briefly took ... before being pushed back by X") is a
    clash between the two sides at the place, and X's recapture of it (rule territory.transient):
    the control stage ends with X."""
    from rasad.actors import is_state_side

    capturer = cand.roles.actor1
    clash = replace(
        cand,
        sub="armed_clash",
        roles=Roles(capturer, retaker, cand.roles.actor1_text, None, cand.roles.how1, "retaker"),
        rules=["territory.transient", *cand.rules],
    )
    sub = "government_regains_territory" if is_state_side(retaker) else "non_state_actor_overtakes_territory"
    back = replace(
        cand,
        sub=sub,
        roles=Roles(retaker, capturer, None, cand.roles.actor1_text, "retaker", "transient"),
        rules=["territory.retake", *cand.rules],
        confidence=cand.confidence * 0.9,
    )
    return [clash, back]


def leaver(
    ctx: Context, hit: TriggerHit, sent: list[Span[ActorMention]], s_lo: int
) -> Span[ActorMention] | None:
    """The subject of the withdrawal told before ``hit`` in its sentence."""
    w = [h for h in ctx.hits_in(s_lo, hit.start) if h.event == "withdrawal" and h.start < hit.start]
    if not w:
        return None
    h = w[-1]
    before = [
        a for a in sent if a.end <= h.start and a.m.code not in NON_AGENTS and not _oblique(ctx, a, s_lo)
    ]
    after = [a for a in sent if h.end <= a.start < hit.start and a.m.code not in NON_AGENTS]
    if before:
        return _lead(ctx, before[-1], sent)
    if after and not _oblique(ctx, after[0], h.end) and len(ctx.t[h.end : after[0].start].split()) <= 2:
        return after[0]  # VSO: "انسحب التنظيم من ..."
    return None


def entrant(ctx: Context, hit: TriggerHit) -> str | None:
    """The side that enters the place after the withdrawal ``hit`` in its sentence, if said."""
    from rasad.events.roles import assign_roles

    _s_lo, s_hi = ctx.sentence_of(hit.start)
    for h in ctx.hits_in(hit.end, s_hi):
        if h.event == "territory" and not h.observation and after_withdrawal(ctx, h):
            return assign_roles(ctx, h, "territory", s_hi, None).actor1
    return None
