"""From trigger hits to candidate events: clause, places, actors, type, date, fatalities.

One pass over the triggers of a document, in text order. Each trigger's clause ends at the
next (non-weak) trigger of another family in its sentence. Background clauses, negations and
statements of control are dropped (background.py); every governed place gives one candidate
(scope.py); actors come by role (roles.py); merge.py then makes the document's events.
"""

from __future__ import annotations

from datetime import date

from rasad.events.background import age_factor, background_reason, state_of_control
from rasad.events.candidate import EVENT_TYPE, Candidate, family
from rasad.events.context import Context
from rasad.events.dates_fat import NO_TOLL_EVENTS, TOLL_RULES, clause_of, event_date, fatalities_for
from rasad.events.handover import after_withdrawal, split_transient, transient_retaker
from rasad.events.merge import km
from rasad.events.roles import Roles, assign_roles, default_opponent, opponents
from rasad.events.rules import load_cues
from rasad.events.scope import PlaceChoice, anaphoric_hit, choose_places, place_key
from rasad.events.triggers import TriggerHit, find_triggers, has_cue, tokens_after, tokens_before
from rasad.events.world import WORLD_STATE, apply_world
from rasad.text.normalize import match_key

REMOTE_SCOPE = frozenset({"air_drone_strike", "shelling_artillery_missile_attack"})


def _scope_family(event: str) -> str:
    """Air strikes and shelling told together ("raids and shelling on the town") share places."""
    return "remote" if event in REMOTE_SCOPE else family(event)


def _clause_end(hits: list[TriggerHit], i: int, s_hi: int) -> int:
    fam = _scope_family(hits[i].event)
    for h in hits[i + 1 :]:
        if h.start >= s_hi:
            break
        if _scope_family(h.event) != fam and not h.observation and not h.rule.weak:
            return h.start - len(h.prefix)
    return s_hi


def _sentence_words(ctx: Context, pos: int) -> list[str]:
    s_lo, s_hi = ctx.sentence_of(pos)
    return ctx.t[s_lo:s_hi].split()


def _territory(ctx: Context, hit: TriggerHit, roles: Roles, settlement: bool) -> tuple[str, Roles] | None:
    cues = load_cues()
    words = _sentence_words(ctx, hit.start)
    if hit.event == "withdrawal":
        fight = has_cue(words, cues["fighting"]) and roles.actor2 not in cues["redeploying_actors"]
        if fight:
            gainer = roles.actor1 or default_opponent(ctx, roles.actor2)
            roles.actor1, roles.how1 = gainer, roles.how1 or "opponent"
            if gainer is None:
                return None
            sub = "government_regains_territory" if _state(gainer) else "non_state_actor_overtakes_territory"
            return sub, roles
        return "non_violent_transfer_of_territory", roles
    if "settlement_only" in hit.rule.flags and not settlement:
        return None
    withdrew = after_withdrawal(ctx, hit)  # "انسحب التنظيم من X ودخلتها قوات Y" (handover.py)
    if "after_withdrawal_only" in hit.rule.flags and not withdrew:
        return None
    if has_cue(words, cues["siege_broken"]):
        return None  # entering a besieged town is a battle, not a change of hands (see candidates)
    quiet = settlement and "nonviolent_in_settlement" in hit.rule.flags
    if withdrew or quiet or has_cue(words, cues["no_fight"]):
        if roles.actor2 is None:
            roles.actor2 = default_opponent(ctx, roles.actor1)
        return "non_violent_transfer_of_territory", roles
    if roles.actor2 is None and roles.how1 != WORLD_STATE:
        roles.actor2, roles.how2 = default_opponent(ctx, roles.actor1), "opponent"
    if roles.actor1 is None and roles.how1 != WORLD_STATE:
        opp = opponents(ctx, roles.actor2) if roles.actor2 else []
        if opp:
            roles.actor1, roles.how1 = opp[0], "opponent"
        elif has_cue(match_key(hit.form).split(), cues["regain_verbs"]) or (
            roles.actor2 and not _state(roles.actor2)
        ):
            # "X was recaptured (from the militants)": no gainer named; the verb, or a
            # non-state loser, says the state side took it
            return "government_regains_territory", roles
        elif roles.actor2 is None:
            return None
    state = _state(roles.actor1) or roles.how1 == WORLD_STATE
    sub = "government_regains_territory" if state else "non_state_actor_overtakes_territory"
    return sub, roles


def _state(code: str | None) -> bool:
    from rasad.actors import is_state_side

    return bool(is_state_side(code))


def _carry(ctx: Context, pos: int, last: str | None, event: str) -> str | None:
    """The subject carried into a sentence without one: the last acting subject of the report.

    Bombs are not carried (their authors are rarely the subject before); artillery told after
    an air force's raids is its ground ally's (Russian jets, Syrian guns)."""
    cues = load_cues()
    if event in NO_CARRY:
        return None
    if event == "shelling_artillery_missile_attack" and last in cues["air_only_actors"]:
        for group in cues["alliances"].values():
            if last in group:
                return next((c for c in group if c not in cues["air_only_actors"]), None)
    return last


def candidates(ctx: Context) -> list[Candidate]:
    hits = ctx.extra.get("hits")
    if hits is None:
        hits = find_triggers(ctx.t, ctx.lang, ctx.sents)
    cues = load_cues()
    settlement: bool | None = None  # (whole-text cues: looked up on first need)
    out: list[Candidate] = []
    last_subject: str | None = None
    heads = _headlines(ctx)
    hit_sents = {ctx.sentence_index(h.start) for h in hits}
    unclaimed: bool | None = None
    dated: dict[str, tuple[int, date, int | None]] = {}
    for i, hit in enumerate(hits):
        if hit.observation and not (ctx.lang == "ar" and ctx.sentence_index(hit.start) in heads):
            continue  # a statement of control; in a headline the present tense tells news
        s_lo, s_hi = ctx.sentence_of(hit.start)
        hi = _clause_end(hits, i, s_hi)
        if hit.event in ("territory",) and state_of_control(ctx, hit):
            continue
        if background_reason(ctx, hit, hi):
            continue
        if _circumstantial(ctx, hit, hits, s_lo, s_hi):
            continue
        if any(
            p.start < hit.start - len(hit.prefix) and hit.end <= p.end for p in ctx.places_in(s_lo, hit.start)
        ):
            continue  # a word of a place's name ("ساحة التحرير", "Liberation Square")
        if _toll_hit(hit) and _toll_of_other(ctx, hit, hits, s_lo, s_hi):
            continue  # "قتل 3 ... بغارة إسرائيلية": the dead are the air strike's toll
        definite = "ال" in hit.prefix or hit.form.startswith("ال") or anaphoric_hit(ctx, hit)
        if definite and has_cue(
            tokens_before(ctx.t, hit.start - len(hit.prefix), 1, s_lo), load_cues()["temporal_links"]
        ):
            continue  # "before the withdrawal", "after the attack": an event already told
        elaborates = False
        if (
            (ctx.lang == "en" or len(tokens_before(ctx.t, hit.start - len(hit.prefix), 3, s_lo)) <= 2)
            and anaphoric_hit(ctx, hit)
            and any(_kin(c.sub, hit.event) or hit.form in GENERIC_FORMS for c in out)
            and not has_cue(
                tokens_before(ctx.t, hit.start - len(hit.prefix), 2, s_lo), load_cues()["extension_verbs"]
            )
        ):
            if not _new_places(ctx, hit, hi, out):
                continue  # "The raid also damaged ...": the event told before, not a new one
            elaborates = True
        if (
            anaphoric_hit(ctx, hit)
            and any(family(c.sub) == family(hit.event) for c in out)
            and has_cue(tokens_before(ctx.t, hit.start - len(hit.prefix), 2, s_lo), load_cues()["toll_words"])
        ):
            continue
        places = choose_places(ctx, hit, hi)
        if len(places) == 1 and places[0].how == "frame":
            places = _refine_frame(ctx, hit, places, hit_sents) or places
        if (
            places
            and all(pc.how == "anaphora" and pc.span.start < s_lo for pc in places)
            and anaphoric_hit(ctx, hit)
            and any(_kin(c.sub, hit.event) for c in out)
        ):
            continue  # "شريط فيديو عن التظاهرة": the protest told before, at its places
        if family(hit.event) == "territory":
            # a country is never the place that changed hands
            places = [pc for pc in places if pc.span.m.place is None or pc.span.m.place.kind != "country"]
        snippet = len(ctx.t) <= SNIPPET_CHARS
        if not places and (hit.rule.weak or (not snippet and family(hit.event) == "territory")):
            continue
        carry = _carry(ctx, hit.start, last_subject, hit.event)
        roles = assign_roles(ctx, hit, hit.event, hi, carry)
        if family(hit.event) == "territory":
            apply_world(ctx, hit, roles)  # "Afghan forces …": state side with no spec code (world.py)
        if roles.how1 in ("subject", "agent"):
            last_subject = roles.actor1
        sub = hit.event
        if family(sub) == "territory":
            if settlement is None:
                settlement = has_cue(ctx.t[:4000].split(), cues["settlement"])
            res = _territory(ctx, hit, roles, settlement)
            if res is None:
                if not has_cue(_sentence_words(ctx, hit.start), cues["siege_broken"]):
                    continue
                sub = "armed_clash"
                roles.actor2 = roles.actor2 or default_opponent(ctx, roles.actor1)
            else:
                sub, roles = res
        retaker = transient_retaker(ctx, hit, roles.actor1) if family(sub) == "territory" else None
        if sub not in EVENT_TYPE:
            continue
        if sub in OPPONENT_TYPES and roles.actor2 is None:
            opp = opponents(ctx, roles.actor1)
            if roles.actor1 and opp and _near_has_any(ctx, hit, opp[:1], 0 if sub == "armed_clash" else 2):
                roles.actor2, roles.how2 = opp[0], "opponent"
        if (
            sub == "shelling_artillery_missile_attack"
            and hit.rule.id.endswith("shelling.generic")
            and roles.actor1 in load_cues()["air_only_actors"]
        ):
            sub = "air_drone_strike"
        if sub == "peaceful_protest":
            roles.actor2 = None
        if sub == "excessive_force_against_protesters" and roles.actor1 == "PROTESTERS":
            # the force acts on the protesters (who used it may not be named)
            roles.actor1, roles.actor2 = roles.actor2, "PROTESTERS"
        _turkish_backed(ctx, roles)
        if sub == "arrests" and roles.actor2 in (None, "CIVILIANS") and _armed_detainees(ctx, hit):
            roles.actor2, roles.how2 = default_opponent(ctx, roles.actor1) or roles.actor2, "detainees"
        if roles.actor1 is None and sub in UNCLAIMED_TYPES and roles.how1 != WORLD_STATE:
            if unclaimed is None:
                unclaimed = has_cue(ctx.t.split(), cues["unclaimed"])
            if unclaimed:
                roles.actor1, roles.how1 = "OTHER_ARMED", "unclaimed"
        if not places and not snippet:
            # an event needs a place; only a short text (a note, a snippet) keeps its strongly
            # triggered event with a null location when its clause names no place
            continue
        sent_idx = ctx.sentence_index(hit.start)
        choices: list[PlaceChoice | None] = list(places) or [None]
        d0, prec0, flag0 = event_date(ctx, hit, hi)
        fam = family(sub)
        if flag0 in ("publication", "undated") and fam in dated and sent_idx > dated[fam][0]:
            # the same kind of event told again later in the report: the day given for it
            d0, prec0, flag0 = dated[fam][1], dated[fam][2], "carried"
        elif (
            flag0 in ("publication", "undated")
            and "" in dated
            and sent_idx - dated[""][0] == 1
            and not _new_paragraph(ctx, sent_idx)
        ):
            d0, prec0, flag0 = dated[""][1], dated[""][2], "carried"
        elif flag0 == "text" and d0 is not None:
            dated[fam] = (sent_idx, d0, prec0)
            dated[""] = (sent_idx, d0, prec0)
        if flag0 == "undated":
            flag0 = None
        for pc in choices:
            d, prec, flag = d0, prec0, flag0
            fat = fatalities_for(ctx, hit, hi, pc.span if pc else None, len(choices))
            ev_s = hit.start - len(hit.prefix)
            ev_e = hit.end
            for a in ctx.actors_in(s_lo, hit.start):
                if s_lo <= a.start < hit.start and a.m.code == roles.actor1:
                    ev_s = min(ev_s, a.start)
                    break
            if pc is not None and s_lo <= pc.span.start < s_hi:
                ev_s = min(ev_s, pc.span.start)
                ev_e = max(ev_e, pc.span.end)
            conf = _confidence(hit, roles, pc, d) * age_factor(ctx.published, d)  # old dated news
            collective = (
                pc is not None
                and pc.how == "frame"
                and has_cue(tokens_before(ctx.t, pc.span.start, 5, hit.end), cues["collective_places"])
            )
            out.append(
                Candidate(
                    sub,
                    roles,
                    pc,
                    d,
                    prec,
                    flag,
                    fat,
                    ev_s,
                    ev_e,
                    conf,
                    [hit.rule.id, f"actor1:{roles.how1 or 'none'}", f"place:{pc.how if pc else 'none'}"],
                    sent_idx,
                    hit.start,
                    sent_idx in heads,
                    collective,
                    has_cue(tokens_after(ctx.t, hit.end, 2, s_hi), cues["another"]),
                    has_cue(ctx.t[s_lo : hit.start].split(), cues["prior_event_links"]),
                    elaborates,
                )
            )
            if retaker:
                out[-1:] = split_transient(out[-1], retaker)  # held briefly, then taken back
    return out


NO_CARRY = frozenset({"remote_explosive_landmine_ied", "suicide_bomb", "grenade"})
SNIPPET_CHARS = 600  # a text this short is a note or snippet, not a report
UNCLAIMED_TYPES = frozenset(
    {
        "remote_explosive_landmine_ied",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "air_drone_strike",
        "grenade",
        "attack",
        "abduction_forced_disappearance",
    }
)
# actors whose strikes in Syria and Iraq are air strikes when the text only says "قصف"


def _circumstantial(ctx: Context, hit: TriggerHit, hits: list[TriggerHit], s_lo: int, s_hi: int) -> bool:
    """'after clashes / amid shelling': the means of another event of the sentence, not an event."""
    before = tokens_before(ctx.t, hit.start - len(hit.prefix), 2, s_lo)
    if not has_cue(before, load_cues()["circumstantial"]):
        return False
    return any(
        h is not hit
        and s_lo <= h.start < s_hi
        and family(h.event) != family(hit.event)
        and not h.observation
        and not h.rule.weak
        and not has_cue(tokens_before(ctx.t, h.start - len(h.prefix), 2, s_lo), load_cues()["circumstantial"])
        for h in ctx.hits_in(s_lo, s_hi)
    )


def _armed_detainees(ctx: Context, hit: TriggerHit) -> bool:
    s_lo, s_hi = ctx.sentence_of(hit.start)
    words = tokens_before(ctx.t, hit.start, 6, s_lo) + tokens_after(ctx.t, hit.end, 16, s_hi)
    return has_cue(words, load_cues()["armed_detainees"])


def _refine_frame(
    ctx: Context, hit: TriggerHit, places: list[PlaceChoice], hit_sents: set[int]
) -> list[PlaceChoice]:
    """A frame-only event ("shelling in Idlib province") whose next sentence, telling no new
    event, names the place itself ("... a house in Kafr Nabl") takes that place."""
    from rasad.events.scope import is_frame

    idx = ctx.sentence_index(hit.start)
    if idx < 0 or idx + 1 >= len(ctx.sents) or (idx + 1) in hit_sents:
        return []
    n_lo, n_hi = ctx.sents[idx + 1]
    nxt = [p for p in ctx.places_in(n_lo, n_hi) if not is_frame(p.m)]
    if not nxt:
        return []
    d = km(places[0].span.m, nxt[0].m)
    if d is not None and d > 60:
        return []  # a resolved place far from the frame is another story
    return [PlaceChoice(nxt[0], "next", nxt[0].m.geo_precision or 1)]


def _new_paragraph(ctx: Context, idx: int) -> bool:
    """Whether sentence ``idx`` starts a new paragraph (a line break since the sentence before)."""
    if idx <= 0:
        return True
    p_lo, _ = ctx.sents[idx - 1]
    s_lo, _ = ctx.sents[idx]
    return "\n" in ctx.t[p_lo:s_lo]


def _headlines(ctx: Context) -> set[int]:
    """Indices of title lines at the head of the report (short, own line, no final full stop)."""
    out: set[int] = set()
    for i, (s, e) in enumerate(ctx.sents[:4]):
        if s > 400:
            break
        line = ctx.t[s:e].strip()
        if (
            len(line) <= 200
            and "\n" in ctx.t[e - 1 : e + 1] + ctx.t[s:e].rstrip(" ")[-1:]
            and not line.endswith(".")
        ):
            out.add(i)
    return out


# the side an attack is aimed at defaults to the opponent named around it
OPPONENT_TYPES = frozenset(
    {"shelling_artillery_missile_attack", "air_drone_strike", "armed_clash", "agreement"}
)


# "The attack comes as ...": a generic noun refers back to whatever event was told
GENERIC_FORMS = frozenset(
    {"attack", "attacks", "assault", "incident", "الهجوم", "الهجمات", "الاعتداء", "الحادث"}
)
IN_WORDS = ("in", "at", "near", "في", "بالقرب")


EXPLOSIONS = frozenset({"remote_explosive_landmine_ied", "suicide_bomb"})


def _kin(a: str, b: str) -> bool:
    """Same kind of event for coreference (a car bomb told later as "the explosion" may have been
    a suicide attack)."""
    return family(a) == family(b) or (a in EXPLOSIONS and b in EXPLOSIONS)


def _new_places(ctx: Context, hit: TriggerHit, hi: int, out: list[Candidate]) -> bool:
    """ "The strikes left two dead in the town of X and five in Y": the event told
    before, now told place by place (at places it did not have)."""
    told = {place_key(c.place.span.m) for c in out if _kin(c.sub, hit.event) and c.place is not None}
    mine = [
        pc
        for pc in choose_places(ctx, hit, hi)
        if pc.how == "scope" and has_cue(tokens_before(ctx.t, pc.span.start, 4, hit.end), IN_WORDS)
    ]
    return bool(mine) and all(place_key(pc.span.m) not in told for pc in mine)


def _toll_hit(hit: TriggerHit) -> bool:
    """A word for the dead ("قتل", "قتل مدني"): the toll of whatever event its clause tells."""
    words = hit.form.split()
    return hit.rule.id in TOLL_RULES or (bool(words) and has_cue(words[:1], load_cues()["killed"]))


def _toll_of_other(ctx: Context, hit: TriggerHit, hits: list[TriggerHit], s_lo: int, s_hi: int) -> bool:
    """Whether the dead of ``hit`` are the toll of another event of its clause (one that can
    stand: a weak trigger in a sentence without a place yields nothing)."""
    mine = clause_of(ctx, hit.start, s_lo)
    placeless = not ctx.places_in(s_lo, s_hi)
    return any(
        h is not hit
        and s_lo <= h.start < s_hi
        and not h.observation
        and not _toll_hit(h)
        and h.event not in NO_TOLL_EVENTS
        and not (placeless and h.rule.weak)
        and clause_of(ctx, h.start, s_lo) == mine
        for h in ctx.hits_in(s_lo, s_hi)
    )


def _turkish_backed(ctx: Context, roles: Roles) -> None:
    """Opposition factions fighting the SDF/PKK beside Turkey are the Turkish-backed Syrian
    National Army (formed at the end of 2017): "الجيش الحر" in a Turkish-led operation."""
    if "SYR_OPP" not in (roles.actor1, roles.actor2) or not ({roles.actor1, roles.actor2} & {"SDF", "PKK"}):
        return
    if not any(a.m.code == "TUR" for a in ctx.actors):
        return
    if ctx.published is not None and ctx.published < date(2017, 12, 30):
        return
    if roles.actor1 == "SYR_OPP":
        roles.actor1 = "SNA"
    else:
        roles.actor2 = "SNA"


def _near_has_any(ctx: Context, hit: TriggerHit, codes: list[str], near: int) -> bool:
    """One of ``codes`` is named in the trigger's sentence or the ``near`` ones around it."""
    i = ctx.sentence_index(hit.start)
    lo = ctx.sents[max(0, i - near)][0]
    hi = ctx.sents[min(len(ctx.sents) - 1, i + near)][1]
    return any(a.m.code in codes for a in ctx.actors_in(lo, hi))


def _confidence(hit: TriggerHit, roles: Roles, pc: PlaceChoice | None, d: date | None) -> float:
    c = hit.rule.strength
    # how the place was found, weighted by how often each way was right on the dev reports
    # (scope 0.69, anaphora 0.87, before 0.59, frame 0.45 precision)
    how = {
        "scope": 1.0,
        "anaphora": 1.0,
        "passive": 0.95,
        "before": 0.85,
        "next": 0.75,
        "frame": 0.7,
        "conjunct": 0.8,
    }.get(pc.how if pc else "", 0.6)
    complete = (
        sum((roles.actor1 is not None, pc is not None and pc.span.m.place is not None, d is not None)) / 3
    )
    c = c * how * (0.75 + 0.25 * complete)
    if hit.rule.weak:
        c *= 0.9
    return max(0.05, min(0.99, c))
