"""Assigning actor1 and actor2 by role, not by order of appearance.

actor1 (who acts) is, in this order: an agent phrase after the trigger (من قبل X، على يد X، "by
X", a ل-genitive قصف لطيران X, or من X right after a strike word), an attributive adjective
(قصف تركي، غارات روسية), the subject right after a verb (VSO: سيطر "مجلس منبج"), the nearest
actor before the trigger in the sentence that is not in an oblique position (its coalition's
leading actor), or the subject carried over from the sentences before.
actor2 (who is acted upon / who loses) is an actor after an oblique marker (من، ضد، مع، على حساب،
مواقع، عناصر، "against", "from"), civilians when the clause names civilian victims, the rule's
default, or for territory the document's opponent of actor1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from rasad.events.context import Context, Span
from rasad.events.rules import _norm_list, _read_yaml, load_cues
from rasad.events.triggers import TriggerHit, cue_words, has_cue, tokens_after, tokens_before
from rasad.model import ActorMention

NON_AGENTS = frozenset({"CIVILIANS", "PROTESTERS"})
REMOTE = frozenset(
    {
        "shelling_artillery_missile_attack",
        "air_drone_strike",
        "remote_explosive_landmine_ied",
        "suicide_bomb",
        "grenade",
        "chemical_weapon",
        "attack",
        "abduction_forced_disappearance",
        "sexual_violence",
    }
)


@lru_cache(maxsize=1)
def trial_cues() -> dict[str, tuple[str, ...]]:
    """Cue lists of src/rasad/data/events/user_trial.yaml (denials, failures, transient
    control, month names, clause links), match-normalised."""
    data = _read_yaml("events", "user_trial.yaml")
    return {k: _norm_list(v) for k, v in data.items() if isinstance(v, list)}


@dataclass(slots=True)
class Roles:
    actor1: str | None = None
    actor2: str | None = None
    actor1_text: str | None = None
    actor2_text: str | None = None
    how1: str = ""
    how2: str = ""


def _supporter(m: ActorMention) -> bool:
    return "|support" in (m.rule or "")


def _prefix_of(ctx: Context, sp: Span[ActorMention]) -> str:
    i = sp.start
    j = i
    while j > 0 and ctx.t[j - 1].isalpha():
        j -= 1
    return ctx.t[j:i]


def _prep(pre: str, which: str = "بل") -> bool:
    """Whether attached clitics hold a preposition (ب، ل; لل = ل + article), not just و/ف + ال."""
    if pre.endswith("لل"):
        return "ل" in which
    if pre.endswith("ال"):
        pre = pre[:-2]
    return bool(pre) and pre[-1] in which


def _oblique(ctx: Context, sp: Span[ActorMention], floor: int) -> bool:
    """Whether the mention stands after a preposition / object marker (not a subject)."""
    cues = load_cues()
    pre = _prefix_of(ctx, sp)
    if ctx.lang == "ar" and _prep(pre):
        return True
    before = tokens_before(ctx.t, sp.start - len(pre), 2, floor)
    if (
        len(before) == 2
        and has_cue(before[-1:], ("من", "of"))
        and has_cue(before[:1], cues["partitive_heads"])
    ):
        return False  # "وحدات من البيشمركة", "units of the army": the actor is the subject
    if has_cue(tokens_before(ctx.t, sp.start - len(pre), 3, floor), cues["killed"]):
        return True  # "قتل ثلاثة عناصر من قوات النظام": the dead, not the agent
    if has_cue(before[-2:], cues["actor2_markers"]) or has_cue(
        before[-1:], load_cues()["locative_prepositions"]
    ):
        return True
    return bool(has_cue(before[-2:], cues["agent_markers"]))


def _agentive(ctx: Context, sp: Span[ActorMention], floor: int) -> bool:
    cues = load_cues()
    pre = _prefix_of(ctx, sp)
    before = tokens_before(ctx.t, sp.start - len(pre), 2, floor)
    return has_cue(before[-2:], cues["agent_markers"])


def _lead(ctx: Context, sp: Span[ActorMention], sent_actors: list[Span[ActorMention]]) -> Span[ActorMention]:
    """Walk back over a coalition ('X و Y', 'X and Y') to its first member (spec rule 3)."""
    i = sent_actors.index(sp)
    cur = sp
    while i > 0:
        prev = sent_actors[i - 1]
        gap = ctx.t[prev.end : cur.start].strip(" ،,\"'«»“”")
        words = gap.split()
        if len(gap) <= 30 and (
            not words
            or all(
                w in ("و", "and", "مع", "with", "المتحالفه", "معها", "ومعها")
                or (w.startswith("و") and len(words) <= 2)
                for w in words
            )
        ):
            cur = prev
            i -= 1
            continue
        break
    # "قالت أنقرة إن قواتها وحلفاءها دخلوا X": "its forces" lead the coalition
    pre = tokens_before(ctx.t, cur.start, 2)
    if pre and pre[-1] in ("و", "and"):
        pre = pre[:-1]
    if pre and i > 0 and has_cue(pre[-1:], load_cues()["possessive_forces"]):
        return sent_actors[i - 1]
    return cur


def opponents(ctx: Context, code: str | None) -> list[str]:
    """Armed actors of the document that are not on ``code``'s side, most named first."""
    cues = load_cues()
    allies: set[str] = set()
    for group in cues["alliances"].values():
        if code in group:
            allies.update(group)
    allies.add(code or "")
    counts = Counter(a.m.code for a in ctx.actors if not _supporter(a.m))
    ranked = [c for c, _n in counts.most_common() if c not in allies and c not in NON_AGENTS]
    # a named side before the generic "armed group" label
    return sorted(ranked, key=lambda c: c == "OTHER_ARMED")


def _adjective_actor(ctx: Context, hit: TriggerHit, hi: int) -> str | None:
    words = tokens_after(ctx.t, hit.end, 2, hi) + tokens_before(ctx.t, hit.start - len(hit.prefix), 1)
    return _adjective_code(words)


def _nationality_after(ctx: Context, sp: Span[ActorMention]) -> str | None:
    return _adjective_code(tokens_after(ctx.t, sp.end, 1))


def _adjective_code(words: list[str]) -> str | None:
    """The first actor (in cues.yaml order) one of whose adjectives is among ``words``."""
    table: dict[str, tuple[str, ...]] = load_cues()["actor_adjectives"]
    if _ADJ_TABLE[0] is not table:
        _ADJ_TABLE[:] = [table, _adjective_table(table)]
    first = _ADJ_TABLE[1]
    if first is None:  # (a phrase among the adjectives: one list at a time)
        return next((code for code, adjs in table.items() if has_cue(words, adjs)), None)
    best = min((first[w] for w in words if w in first), default=None)
    return None if best is None else best[1]


_ADJ_TABLE: list[Any] = [None, None]  # the adjectives table and its look-up (built on first use)


def _adjective_table(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[int, str]] | None:
    """Every spelling of each one-word adjective -> (rank, actor) of the first actor it names
    (``w in cue_words(adjs)`` is ``has_cue([w], adjs)``); None when an adjective is a phrase."""
    out: dict[str, tuple[int, str]] = {}
    for k, (code, adjs) in enumerate(table.items()):
        if any(" " in a for a in adjs):
            return None
        for w in cue_words(adjs):
            out.setdefault(w, (k, code))
    return out


def _target_head(ctx: Context, sp: Span[ActorMention]) -> bool:
    head = ctx.t[sp.start : sp.end].split()[:1]
    if _prep(_prefix_of(ctx, sp), "ل"):  # "ثكنة للجيش السوري": the barracks of the army
        head += tokens_before(ctx.t, sp.start - len(_prefix_of(ctx, sp)), 1)
    return bool(head) and has_cue(head, load_cues()["target_heads"])


def _allied(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return any(a in g and b in g for g in load_cues()["alliances"].values())


def _source(ctx: Context, a: Span[ActorMention], hit: TriggerHit | None = None) -> bool:
    """An actor that only reports (X said, according to X): not the agent of the event, unless
    it reports its own deed ("the army said on Monday it had captured X": a subject pronoun
    between the speech verb and ``hit``, no other actor there; rule roles.self_report)."""
    nxt = tokens_after(ctx.t, a.end, 3)
    prev = tokens_before(ctx.t, a.start, 2)
    cues = load_cues()
    if has_cue(prev, ("according", "بحسب", "وفق", "حسب")):
        return True
    if not has_cue(nxt[:2], cues["speech_verbs"]):
        return False
    if hit is None or hit.start <= a.end:
        return True
    gap = ctx.t[a.end : hit.start - len(hit.prefix)]
    words = gap.split()
    if len(words) > 9 or "," in gap or "،" in gap or any(ctx.actors_in(a.end, hit.start)):
        return True
    return not has_cue(words, cues["self_report"])


def _reported_clause(ctx: Context, a: Span[ActorMention], s_lo: int) -> bool:
    """English "X said (on Monday) that rebels had captured Y": "that" after a speech verb opens
    the reported clause, whose subject is ``a`` (not a relative clause)."""
    if ctx.lang != "en":
        return False
    before = tokens_before(ctx.t, a.start, 6, s_lo)
    if "that" not in before[-2:]:
        return False
    k = len(before) - 1 - before[::-1].index("that")
    return has_cue(before[max(0, k - 3) : k], load_cues()["speech_verbs"])


def _relative_subject(ctx: Context, a: Span[ActorMention], hit: TriggerHit) -> bool:
    """English "X, which the army recaptured on Sunday": the actor inside the relative clause is
    the subject of the trigger that follows it (at most an auxiliary between them)."""
    if ctx.lang != "en":
        return False
    gap = ctx.t[a.end : hit.start - len(hit.prefix)]
    return "," not in gap and len(gap.split()) <= 2


def _passive_patient(ctx: Context, a: Span[ActorMention], hit: TriggerHit) -> bool:
    """English 'X were killed in airstrikes': the subject of a passive is acted upon."""
    if ctx.lang != "en":
        return False
    gap = ctx.t[a.end : hit.start].split()
    if gap[-1:] == ["to"]:
        return False  # "were able to capture": an infinitive, not a passive
    return any(w in ("was", "were", "been", "being") for w in gap[:4])


def _prev_hit_end(ctx: Context, hit: TriggerHit, s_lo: int) -> int:
    """Start of ``hit``'s own conjunct when a trigger before it in its sentence is joined to it
    by a conjunction ("withdrew from X, and SDF units entered it", "انسحب التنظيم من X ودخلتها
    قوات"): the second verb's subject is in its own conjunct (rule roles.own_conjunct)."""
    start = hit.start - len(hit.prefix)
    if not any(h is not hit and not h.observation and h.end <= start for h in ctx.hits_in(s_lo, start)):
        return s_lo
    if ctx.lang == "ar":
        return start if hit.prefix.startswith(("و", "ف")) else s_lo
    prev_end = max(h.end for h in ctx.hits_in(s_lo, start) if h is not hit and h.end <= start)
    gap = ctx.t[prev_end:start]
    for conj in (" and ", " then "):
        i = gap.rfind(conj)
        if i >= 0:
            return prev_end + i
    return s_lo


def _first_subject(
    ctx: Context, hit: TriggerHit, sent: list[Span[ActorMention]], s_lo: int, purposive: bool
) -> Span[ActorMention] | None:
    pool = [a for a in sent if a.end <= hit.start and a.m.code not in NON_AGENTS]
    floor = _prev_hit_end(ctx, hit, s_lo)
    own = [a for a in pool if a.start >= floor and not _oblique(ctx, a, floor)]
    if floor > s_lo and own:
        pool = own
    first_wins = purposive or ctx.lang == "en"
    order = pool if first_wins else list(reversed(pool))
    for a in order:
        if _oblique(ctx, a, s_lo) or _target_head(ctx, a) or _source(ctx, a, hit):
            continue
        if _passive_patient(ctx, a, hit):
            continue
        if has_cue(tokens_before(ctx.t, a.start, 2, s_lo), load_cues()["relative_pronouns"]) and not (
            _reported_clause(ctx, a, s_lo) or _relative_subject(ctx, a, hit)
        ):
            continue  # an actor inside a relative clause (التي تدعمها أنقرة)
        if ctx.lang == "ar" and not first_wins and _object_of_earlier_hit(ctx, hit, a, s_lo):
            continue
        return _lead(ctx, a, sent)
    return None


def _object_of_earlier_hit(ctx: Context, hit: TriggerHit, a: Span[ActorMention], s_lo: int) -> bool:
    """ "قصفت مقاتلات X مخزنا ...، كما ضربت بغارة ثكنة للجيش": an actor just
    after an earlier trigger (and its agent) is that event's target, not the next one's subject."""
    for h in ctx.hits_in(s_lo, a.start):
        if h is hit or h.observation:
            continue
        gap = ctx.t[h.end : a.start]
        if "،" in gap or "," in gap or len(gap.split()) > 3:
            continue
        own = [b for b in ctx.actors_in(h.start - 80, a.start) if b.end <= a.start and b.end >= h.start]
        if own and not has_cue(tokens_before(ctx.t, a.start, 1, h.end), ("و",)):
            return True  # the trigger has its agent (الطيران الإسرائيلي); this one follows it
    return False


def assign_roles(ctx: Context, hit: TriggerHit, event: str, hi: int, carry: str | None) -> Roles:
    """actor1/actor2 for ``hit`` whose clause ends at ``hi``; ``carry`` = subject carried over."""
    cues = load_cues()
    s_lo, s_hi = ctx.sentence_of(hit.start)
    sent = [a for a in ctx.actors_in(s_lo, s_hi) if not _supporter(a.m)]
    r = Roles()
    from rasad.events.handover import after_withdrawal, entrant, leaver, retake_at

    if event == "territory":
        hi = min(hi, retake_at(ctx, hit) or hi)  # "... before being pushed back by X": not X's
    after = [a for a in sent if hit.end <= a.start < hi]
    agent: Span[ActorMention] | None = None
    # "الاشتباكات بين X و Y", "clashes between X and Y": the two sides, in order
    if tokens_after(ctx.t, hit.end, 1, hi)[:1] in (["بين"], ["between"]):
        sides = [a for a in after if a.m.code not in NON_AGENTS]
        if len(sides) >= 2 and sides[1].m.code != sides[0].m.code:
            r.actor1, r.actor1_text, r.how1 = sides[0].m.code, sides[0].m.surface, "between"
            r.actor2, r.actor2_text, r.how2 = sides[1].m.code, sides[1].m.surface, "between"
            return r
    # 0. an actor mention that covers the trigger ("Russian artillery fire"): its agent
    for a in sent:
        if a.start <= hit.start < a.end and a.m.code not in NON_AGENTS:
            agent = a
    # 1. agent phrase after the trigger
    for a in after if agent is None else []:
        gap = ctx.t[hit.end : a.start]
        if len(gap) > 60 or any(not h.observation for h in ctx.hits_in(hit.end, a.start)):
            break  # ("took over positions vacated by the army": the agent of another verb)
        pre = _prefix_of(ctx, a)
        if (
            _agentive(ctx, a, hit.end)
            or (
                ctx.lang == "ar"
                and "beneficiary_l" not in hit.rule.flags
                and _prep(pre, "ل")
                and len(gap.split()) <= 2
                and event in REMOTE | {"armed_clash"}
                and not has_cue(gap.split()[-1:], cues["target_heads"])  # "ثكنة للجيش": its target
            )
            or (
                event in REMOTE
                and len(gap.split()) <= 2
                and has_cue(tokens_before(ctx.t, a.start - len(pre), 1, hit.end), ("من",))
            )
            or ("genitive_agent" in hit.rule.flags and not gap.strip() and a.m.code not in NON_AGENTS)
        ):
            agent = a
            break
    # 2. attributive adjective right after the trigger (قصف تركي، الغارات الروسية)
    adj = None if agent else _adjective_actor(ctx, hit, hi)
    # 3. subject right after a clause-initial verb (VSO)
    subj: Span[ActorMention] | None = None
    c_lo = max(
        ctx.t.rfind("،", s_lo, hit.start), ctx.t.rfind(",", s_lo, hit.start), _prev_hit_end(ctx, hit, s_lo)
    )
    before_in_clause = [a for a in sent if c_lo <= a.start and a.end <= hit.start and hit.start - a.end < 80]
    if agent is None and adj is None and after and ctx.lang == "ar":
        a = after[0]
        gap = ctx.t[hit.end : a.start]
        masdar = (
            "ال" in hit.prefix
            or hit.form.startswith("ال")
            or "علي" in gap.split()
            or hit.prefix.endswith("ب")  # "بغارة": a noun after a preposition has no VSO subject
        )
        if (
            len(gap.split()) <= 3
            and not _oblique(ctx, a, hit.end)
            and not _target_head(ctx, a)
            and a.m.code not in NON_AGENTS
            and not before_in_clause
            and not masdar
        ):
            if "object_after" in hit.rule.flags:
                r.actor2, r.actor2_text, r.how2 = a.m.code, a.m.surface, "object"
            else:
                subj = a
    # 4. the subject before the trigger; purposive ل + present: the main clause's subject
    purposive = ctx.lang == "ar" and (
        hit.prefix.endswith(("لت", "لي")) or (hit.rule.imperfect and "ل" in hit.prefix)
    )
    if agent is None and adj is None and subj is None:
        subj = _first_subject(ctx, hit, sent, s_lo, purposive)
        # an anaphor the carried subject contradicts: trust the discourse subject
        if (
            subj is not None
            and subj.m.anaphor
            and carry
            and carry != subj.m.code
            and not _allied(carry, subj.m.code)
            and hit.rule.subject == "actor1"
            and "tanzim" not in subj.m.rule
        ):
            subj = None
    role_subject = hit.rule.subject
    first = agent or subj
    if first is not None:
        # "طائرات حربية روسية": a nationality adjective right after a generic name decides it
        nat = _nationality_after(ctx, first)
        if nat and nat != first.m.code:
            first = Span(first.start, first.end, replace(first.m, code=nat))
    if first is not None:
        if role_subject == "actor2" and agent is None:
            r.actor2, r.actor2_text, r.how2 = first.m.code, first.m.surface, "subject"
        else:
            r.actor1, r.actor1_text, r.how1 = first.m.code, first.m.surface, "agent" if agent else "subject"
    elif adj and role_subject == "actor2":
        r.actor2, r.how2 = adj, "adjective"  # "انسحبت القوات الروسية من …": the side that left
    elif adj:
        r.actor1, r.how1 = adj, "adjective"
    elif event in REMOTE and _passive_instrument(ctx, hit, s_lo):
        # "the base was targeted by three rockets": a weapon without its user - someone unknown
        r.actor1, r.how1 = "OTHER_ARMED", "unknown_attacker"
    elif carry and role_subject == "actor1":
        r.actor1, r.how1 = carry, "carried"
    # actor2: an actor after an oblique marker (من، ضد، مع، مواقع ...) in the clause
    if r.actor2 is None:
        for a in after + [a for a in sent if a.end <= hit.start]:
            if a is first or a.m.code == r.actor1 or _allied(a.m.code, r.actor1):
                continue
            if a.m.code in NON_AGENTS and a.m.code != "CIVILIANS":
                continue
            if a.start >= hit.end and a.start - hit.end > 160:
                break
            pre = _prefix_of(ctx, a)
            if has_cue(tokens_before(ctx.t, a.start - len(pre), 2, s_lo), cues["affiliation_markers"]):
                continue  # "a radio close to the government": describes something else
            before = tokens_before(
                ctx.t, a.start - len(pre), 2, min(hit.end, a.start) if a.start >= hit.end else s_lo
            )
            if (
                has_cue(before, cues["actor2_markers"])
                or _target_head(ctx, a)
                or (
                    event in REMOTE
                    and has_cue(tokens_before(ctx.t, a.start - len(pre), 3, s_lo), cues["killed"])
                )
                or (
                    ctx.lang == "ar"
                    and "beneficiary_l" not in hit.rule.flags
                    and _prep(pre, "ل")
                    and a.start >= hit.end
                )
            ):
                r.actor2, r.actor2_text, r.how2 = a.m.code, a.m.surface, "marker"
                break
    # English passive: 'X fighters were killed in strikes' -> X is acted upon
    if r.actor2 is None and ctx.lang == "en":
        for a in [a for a in sent if a.end <= hit.start]:
            if a.m.code != r.actor1 and _passive_patient(ctx, a, hit) and a.m.code not in NON_AGENTS:
                r.actor2, r.actor2_text, r.how2 = a.m.code, a.m.surface, "passive"
                break
    # "لغم من مخلفات تنظيم داعش", "a mine left by IS": the group that left it is the agent
    if event == "remote_explosive_landmine_ied" and r.how1 not in ("subject", "agent"):
        for a in sent:
            if a.m.code not in NON_AGENTS and has_cue(
                tokens_before(ctx.t, a.start - len(_prefix_of(ctx, a)), 2, s_lo), cues["remnant_markers"]
            ):
                r.actor1, r.actor1_text, r.how1 = a.m.code, a.m.surface, "remnant"
                if r.actor2 == a.m.code:
                    r.actor2 = None
                break
    # civilians as victims
    if r.actor2 is None and event in REMOTE:
        c_lo = max(s_lo, ctx.t.rfind("،", s_lo, hit.start), ctx.t.rfind(",", s_lo, hit.start))
        clause = tokens_before(ctx.t, hit.start, 12, c_lo) + tokens_after(ctx.t, hit.end, 14, s_hi)
        if has_cue(clause, cues["civilian_victims"]):
            r.actor2, r.how2 = "CIVILIANS", "victims"
    # rule defaults: a rule's actor1 is fixed (protests: PROTESTERS); its actor2 a default
    if hit.rule.actor1:
        if r.actor1 and r.actor1 != hit.rule.actor1 and r.actor2 is None and r.actor1 not in NON_AGENTS:
            r.actor2, r.actor2_text, r.how2 = r.actor1, r.actor1_text, "counterpart"
        r.actor1, r.actor1_text, r.how1 = hit.rule.actor1, None, "rule"
    if r.actor2 is None and hit.rule.actor2:
        r.actor2, r.how2 = hit.rule.actor2, "default"
    if r.actor1 == r.actor2 and r.actor1 is not None and event != "armed_clash":
        r.actor2 = None
    if event == "withdrawal" and r.actor1 is None:
        gainer = entrant(ctx, hit)  # "... withdrew from X, and SDF units entered it"
        if gainer is not None and gainer != r.actor2:
            r.actor1, r.how1 = gainer, "entered"
    if event == "territory" and after_withdrawal(ctx, hit):
        left = leaver(ctx, hit, sent, s_lo)
        if left is not None and left != r.actor1:
            r.actor2, r.actor2_text, r.how2 = left.m.code, left.m.surface, "withdrew"
            if r.how1 == "subject" and r.actor1 == left.m.code:
                r.actor1, r.actor1_text, r.how1 = None, None, ""
    return r


def _passive_instrument(ctx: Context, hit: TriggerHit, s_lo: int) -> bool:
    """English "X was targeted/hit/struck (on Wednesday) by three rockets": the weapon is the
    passive's agent, so the attacker is not told."""
    if ctx.lang != "en":
        return False
    before = tokens_before(ctx.t, hit.start, 3, s_lo)
    if "by" not in before:
        return False
    words = tokens_before(ctx.t, hit.start, 12, s_lo)
    return any(w in ("was", "were") for w in words) and any(
        w in ("targeted", "hit", "struck", "attacked", "shelled") for w in words
    )


def default_opponent(ctx: Context, code: str | None) -> str | None:
    opp = opponents(ctx, code)
    return opp[0] if opp else None
