"""From trigger hits to events: clause, places, actors, type, date, fatalities, evidence.

One pass over the triggers of a document, in text order. Each trigger's clause ends at the
next trigger of another family in its sentence. Background clauses, negations and statements of
control are dropped (background.py); every governed place gives one candidate event
(scope.py); actors come by role (roles.py). Candidates are then merged per document: a clash
in the sentence of a capture is part of it, a suicide attack explains its car bomb, a
withdrawal after fighting is the capture, and the same sub-type at the same place is one event.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from rasad.events.background import background_reason, state_of_control
from rasad.events.context import Context, Span
from rasad.events.dates_fat import event_date, fatalities_for
from rasad.events.roles import Roles, assign_roles, default_opponent, opponents
from rasad.events.rules import load_cues
from rasad.events.scope import PlaceChoice, anaphoric_hit, choose_places, place_key
from rasad.events.triggers import TriggerHit, find_triggers, has_cue, tokens_after, tokens_before
from rasad.model import Event, Evidence, Location, PlaceMention

EVENT_TYPE = {
    "armed_clash": "battles",
    "government_regains_territory": "battles",
    "non_state_actor_overtakes_territory": "battles",
    "air_drone_strike": "explosions_remote_violence",
    "shelling_artillery_missile_attack": "explosions_remote_violence",
    "remote_explosive_landmine_ied": "explosions_remote_violence",
    "suicide_bomb": "explosions_remote_violence",
    "grenade": "explosions_remote_violence",
    "chemical_weapon": "explosions_remote_violence",
    "attack": "violence_against_civilians",
    "abduction_forced_disappearance": "violence_against_civilians",
    "sexual_violence": "violence_against_civilians",
    "peaceful_protest": "protests",
    "protest_with_intervention": "protests",
    "excessive_force_against_protesters": "protests",
    "violent_demonstration": "riots",
    "mob_violence": "riots",
    "agreement": "strategic_developments",
    "arrests": "strategic_developments",
    "change_to_group_activity": "strategic_developments",
    "disrupted_weapons_use": "strategic_developments",
    "headquarters_or_base_established": "strategic_developments",
    "looting_property_destruction": "strategic_developments",
    "non_violent_transfer_of_territory": "strategic_developments",
    "other": "strategic_developments",
}
TERRITORY = ("government_regains_territory", "non_state_actor_overtakes_territory", "non_violent_transfer_of_territory")
PROTEST_SEVERITY = {
    "peaceful_protest": 0, "protest_with_intervention": 1, "violent_demonstration": 2,
    "excessive_force_against_protesters": 3,
}
PROTEST_ABSORBS = frozenset({"looting_property_destruction", "abduction_forced_disappearance", "attack", "arrests",
                             "armed_clash"})
# in one sentence, at one place, the key type explains (absorbs) the listed ones
ABSORBS = {
    "government_regains_territory": {"armed_clash"},
    "non_state_actor_overtakes_territory": {"armed_clash"},
    "non_violent_transfer_of_territory": {"armed_clash"},
    "suicide_bomb": {"remote_explosive_landmine_ied", "armed_clash"},
    "disrupted_weapons_use": {"remote_explosive_landmine_ied", "suicide_bomb", "shelling_artillery_missile_attack",
                              "air_drone_strike", "looting_property_destruction", "grenade"},
    "chemical_weapon": {"armed_clash", "air_drone_strike", "shelling_artillery_missile_attack", "attack"},
    "air_drone_strike": {"attack", "armed_clash"},
    "shelling_artillery_missile_attack": {"attack", "armed_clash"},
    "remote_explosive_landmine_ied": {"attack", "armed_clash"},
    "violent_demonstration": {"armed_clash", "looting_property_destruction", "attack"},
    "excessive_force_against_protesters": {"attack", "armed_clash"},
    "protest_with_intervention": {"attack", "arrests"},
    "attack": {"armed_clash"},
    "abduction_forced_disappearance": {"attack", "armed_clash"},
    "arrests": {"territory_raid"},
    "looting_property_destruction": set(),
}


def family(event: str) -> str:
    if event in ("territory", "withdrawal") or event in TERRITORY:
        return "territory"
    if event in PROTEST_SEVERITY:
        return "protest"
    return event


@dataclass(slots=True)
class Candidate:
    sub: str
    roles: Roles
    place: PlaceChoice | None
    date: date | None
    precision: int | None
    date_flag: str | None
    fatalities: int | None
    ev_start: int
    ev_end: int
    confidence: float
    rules: list[str] = field(default_factory=list)
    sentence: int = -1
    hit_start: int = 0
    headline: bool = False
    collective: bool = False


def _clause_end(hits: list[TriggerHit], i: int, s_hi: int) -> int:
    fam = family(hits[i].event)
    for h in hits[i + 1:]:
        if h.start >= s_hi:
            break
        if family(h.event) != fam and not h.observation and not h.rule.weak:
            return h.start - len(h.prefix)
    return s_hi


def _sentence_words(ctx: Context, pos: int) -> list[str]:
    s_lo, s_hi = ctx.sentence_of(pos)
    return ctx.t[s_lo:s_hi].split()


def _territory(ctx: Context, hit: TriggerHit, roles: Roles, settlement: bool) -> tuple[str, Roles] | None:
    cues = load_cues()
    words = _sentence_words(ctx, hit.start)
    if hit.event == "withdrawal":
        fight = has_cue(words, cues["fighting"])
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
    if has_cue(words, cues["no_fight"]) or (settlement and "nonviolent_in_settlement" in hit.rule.flags):
        if roles.actor2 is None:
            roles.actor2 = default_opponent(ctx, roles.actor1)
        return "non_violent_transfer_of_territory", roles
    if roles.actor2 is None:
        roles.actor2, roles.how2 = default_opponent(ctx, roles.actor1), "opponent"
    if roles.actor1 is None:
        if roles.actor2 is None:
            return None
        opp = opponents(ctx, roles.actor2)
        roles.actor1, roles.how1 = (opp[0] if opp else None), "opponent"
    sub = "government_regains_territory" if _state(roles.actor1) else "non_state_actor_overtakes_territory"
    return sub, roles


def _state(code: str | None) -> bool:
    from rasad.actors import is_state_side

    return bool(is_state_side(code))


def _carry(ctx: Context, pos: int, last: str | None) -> str | None:
    """The subject carried into a sentence without one: the last acting subject of the report."""
    return last


def candidates(ctx: Context) -> list[Candidate]:
    hits = find_triggers(ctx.t, ctx.lang, ctx.sents)
    cues = load_cues()
    settlement = has_cue(ctx.t[:4000].split(), cues["settlement"])
    out: list[Candidate] = []
    last_subject: str | None = None
    heads = _headlines(ctx)
    hit_sents = {ctx.sentence_index(h.start) for h in hits}
    unclaimed = has_cue(ctx.t.split(), cues["unclaimed"])
    dated: dict[str, tuple[int, date, int | None]] = {}
    for i, hit in enumerate(hits):
        if hit.observation:
            continue
        s_lo, s_hi = ctx.sentence_of(hit.start)
        hi = _clause_end(hits, i, s_hi)
        if hit.event in ("territory",) and state_of_control(ctx, hit):
            continue
        if background_reason(ctx, hit, hi):
            continue
        if _circumstantial(ctx, hit, hits, s_lo, s_hi):
            continue
        if anaphoric_hit(ctx, hit) and has_cue(tokens_before(ctx.t, hit.start - len(hit.prefix), 1, s_lo), TEMPORAL):
            continue  # "before the withdrawal", "the toll of the shelling": an event already told
        if anaphoric_hit(ctx, hit) and any(family(c.sub) == family(hit.event) for c in out) and has_cue(
                tokens_before(ctx.t, hit.start - len(hit.prefix), 2, s_lo), TOLL):
            continue
        places = choose_places(ctx, hit, hi)
        if len(places) == 1 and places[0].how == "frame":
            places = _refine_frame(ctx, hit, places, hit_sents) or places
        if not places and (hit.rule.weak or family(hit.event) == "territory"):
            continue
        carry = _carry(ctx, hit.start, last_subject)
        roles = assign_roles(ctx, hit, hit.event, hi, carry)
        if roles.how1 in ("subject", "agent"):
            last_subject = roles.actor1
        sub = hit.event
        if family(sub) == "territory":
            res = _territory(ctx, hit, roles, settlement)
            if res is None:
                continue
            sub, roles = res
        if sub not in EVENT_TYPE:
            continue
        if sub in ("shelling_artillery_missile_attack", "air_drone_strike") and roles.actor2 is None:
            opp = opponents(ctx, roles.actor1)
            if roles.actor1 and opp and _sentence_has_any(ctx, hit, opp[:1]):
                roles.actor2, roles.how2 = opp[0], "opponent"
        if sub == "shelling_artillery_missile_attack" and hit.rule.id.endswith("shelling.generic") \
                and roles.actor1 in AIR_ONLY:
            sub = "air_drone_strike"
        if sub == "peaceful_protest":
            roles.actor2 = None
        if sub == "arrests" and roles.actor2 in (None, "CIVILIANS") and _armed_detainees(ctx, hit):
            roles.actor2, roles.how2 = default_opponent(ctx, roles.actor1) or roles.actor2, "detainees"
        if unclaimed and roles.actor1 is None and sub in UNCLAIMED_TYPES:
            roles.actor1, roles.how1 = "OTHER_ARMED", "unclaimed"
        if not places:
            continue  # an event needs a place (a null location rarely matches anything)
        sent_idx = ctx.sentence_index(hit.start)
        choices: list[PlaceChoice | None] = list(places)
        d0, prec0, flag0 = event_date(ctx, hit, hi)
        fam = family(sub)
        if flag0 == "publication" and fam in dated and 0 < sent_idx - dated[fam][0] <= 3:
            d0, prec0, flag0 = dated[fam][1], dated[fam][2], "carried"
        elif flag0 == "text" and d0 is not None:
            dated[fam] = (sent_idx, d0, prec0)
        for pc in choices:
            d, prec, flag = d0, prec0, flag0
            fat = fatalities_for(ctx, hit, hi, pc.span if pc else None, len(choices))
            ev_s = hit.start - len(hit.prefix)
            ev_e = hit.end
            for a in ctx.actors:
                if s_lo <= a.start < hit.start and a.m.code == roles.actor1:
                    ev_s = min(ev_s, a.start)
                    break
            if pc is not None and s_lo <= pc.span.start < s_hi:
                ev_s = min(ev_s, pc.span.start)
                ev_e = max(ev_e, pc.span.end)
            conf = _confidence(hit, roles, pc, d)
            collective = pc is not None and pc.how == "frame" and has_cue(
                tokens_before(ctx.t, pc.span.start, 5, hit.end), cues["collective_places"])
            out.append(Candidate(sub, roles, pc, d, prec, flag, fat, ev_s, ev_e, conf,
                                 [hit.rule.id, f"actor1:{roles.how1 or 'none'}", f"place:{pc.how if pc else 'none'}"],
                                 sent_idx, hit.start, sent_idx in heads, collective))
    return out


UNCLAIMED_TYPES = frozenset({"remote_explosive_landmine_ied", "suicide_bomb", "shelling_artillery_missile_attack",
                             "air_drone_strike", "grenade", "attack", "abduction_forced_disappearance"})
# actors whose strikes in Syria and Iraq are air strikes when the text only says "قصف"
AIR_ONLY = frozenset({"USA_COAL", "RUS", "ISR"})
TEMPORAL = ("قبل", "بعد", "before", "after")
TOLL = ("ضحايا", "حصيلة", "toll", "victims")
CIRCUMSTANTIAL = ("بعد", "عقب", "اثر", "وسط", "خلال", "after", "following", "amid", "during")


def _circumstantial(ctx: Context, hit: TriggerHit, hits: list[TriggerHit], s_lo: int, s_hi: int) -> bool:
    """'after clashes / amid shelling': the means of another event of the sentence, not an event."""
    before = tokens_before(ctx.t, hit.start - len(hit.prefix), 2, s_lo)
    if not has_cue(before, CIRCUMSTANTIAL):
        return False
    return any(h is not hit and s_lo <= h.start < s_hi and family(h.event) != family(hit.event)
               and not h.observation and not h.rule.weak
               and not has_cue(tokens_before(ctx.t, h.start - len(h.prefix), 2, s_lo), CIRCUMSTANTIAL)
               for h in hits)


def _armed_detainees(ctx: Context, hit: TriggerHit) -> bool:
    s_lo, s_hi = ctx.sentence_of(hit.start)
    words = tokens_before(ctx.t, hit.start, 6, s_lo) + tokens_after(ctx.t, hit.end, 10, s_hi)
    return has_cue(words, load_cues()["armed_detainees"])


def _refine_frame(ctx: Context, hit: TriggerHit, places: list[PlaceChoice], hit_sents: set[int]) -> list[PlaceChoice]:
    """A frame-only event ("shelling in Idlib province") whose next sentence, telling no new
    event, names the place itself ("... a home in Maarat al-Naasan") takes that place."""
    from rasad.events.scope import is_frame

    idx = ctx.sentence_index(hit.start)
    if idx < 0 or idx + 1 >= len(ctx.sents) or (idx + 1) in hit_sents:
        return []
    n_lo, n_hi = ctx.sents[idx + 1]
    nxt = [p for p in ctx.places if n_lo <= p.start < n_hi and not is_frame(p.m)]
    if not nxt:
        return []
    return [PlaceChoice(nxt[0], "next", nxt[0].m.geo_precision or 1)]


def _headlines(ctx: Context) -> set[int]:
    """Indices of title lines at the head of the report (short, own line, no final full stop)."""
    out: set[int] = set()
    for i, (s, e) in enumerate(ctx.sents[:4]):
        if s > 400:
            break
        line = ctx.t[s:e].strip()
        if len(line) <= 200 and "\n" in ctx.t[e - 1:e + 1] + ctx.t[s:e].rstrip(" ")[-1:] and not line.endswith("."):
            out.add(i)
    return out


def _sentence_has_any(ctx: Context, hit: TriggerHit, codes: list[str]) -> bool:
    s_lo, s_hi = ctx.sentence_of(hit.start)
    return any(s_lo <= a.start < s_hi and a.m.code in codes for a in ctx.actors)


def _confidence(hit: TriggerHit, roles: Roles, pc: PlaceChoice | None, d: date | None) -> float:
    c = hit.rule.strength
    how = {"scope": 1.0, "anaphora": 0.9, "before": 0.85, "frame": 0.8}.get(pc.how if pc else "", 0.6)
    complete = sum((roles.actor1 is not None, pc is not None and pc.span.m.place is not None, d is not None)) / 3
    c = c * how * (0.75 + 0.25 * complete)
    if hit.rule.weak:
        c *= 0.9
    return max(0.05, min(0.99, c))


def _key(c: Candidate) -> str:
    return place_key(c.place.span.m) if c.place else "none"


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Absorb, then deduplicate (same family/sub-type at the same place within a document)."""
    # absorption within a sentence at the same place (or with no place)
    keep: list[Candidate] = []
    for c in cands:
        absorbed = False
        for o in cands:
            if o is c or o.sentence != c.sentence:
                continue
            if family(o.sub) == "protest" and c.sub in PROTEST_ABSORBS:
                absorbed = True  # grievances and incidents told inside a protest report
                break
            if c.sub in ABSORBS.get(o.sub, ()) and (
                    _key(o) == _key(c) or c.place is None or o.sub == "disrupted_weapons_use"
                    or (c.sub == "armed_clash" and (c.hit_start < o.hit_start or c.place.how != "scope"))):
                absorbed = True
                break
        if not absorbed:
            keep.append(c)
    # a headline repeats the report: its events go when the body tells the same kind of event
    body_fams = {family(c.sub) for c in keep if c.sentence > 0}
    keep = [c for c in keep if not (c.sentence == 0 and c.headline and family(c.sub) in body_fams)]
    # a frame-level event ("in the X countryside") goes when the report gives the same kind of
    # event at a specific place near it - unless it speaks of all villages of the region
    keep = [c for c in keep if not _frame_redundant(c, keep)]
    # withdrawal transfer at a place captured in the same report -> the capture
    captured = {_key(c) for c in keep if c.sub in TERRITORY[:2]}
    keep = [c for c in keep if not (c.sub == "non_violent_transfer_of_territory" and _key(c) in captured
                                   and c.rules[0].startswith(("ar.withdrawal", "en.withdrawal")))]
    best: dict[tuple[str, str, str], Candidate] = {}
    order: list[tuple[str, str, str]] = []
    for c in keep:
        fam = family(c.sub)
        k = (fam, _key(c), c.roles.actor1 or "") if fam in ("air_drone_strike", "shelling_artillery_missile_attack") else (fam, _key(c), "")
        if c.place is None:
            k = (fam, "none", str(c.sentence))
        if k not in best:
            best[k] = c
            order.append(k)
            continue
        b = best[k]
        if fam == "protest" and PROTEST_SEVERITY.get(c.sub, 0) != PROTEST_SEVERITY.get(b.sub, 0):
            winner = c if PROTEST_SEVERITY.get(c.sub, 0) > PROTEST_SEVERITY.get(b.sub, 0) else b
        else:
            winner = c if _better(c, b) else b
        best[k] = winner
    return [best[k] for k in order]


def _km(a: PlaceMention, b: PlaceMention) -> float | None:
    pa, pb = a.place or getattr(a, "anchor", None), b.place or getattr(b, "anchor", None)
    if pa is None or pb is None or pa.lat is None or pb.lat is None or pa.lon is None or pb.lon is None:
        return None
    import math

    la1, lo1, la2, lo2 = map(math.radians, (pa.lat, pa.lon, pb.lat, pb.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _frame_redundant(c: Candidate, keep: list[Candidate]) -> bool:
    if c.place is None or c.place.how != "frame" or c.collective:
        return False
    for o in keep:
        if o is c or o.place is None or o.place.how == "frame" or family(o.sub) != family(c.sub):
            continue
        d = _km(c.place.span.m, o.place.span.m)
        limit = 100 if c.place.geo_precision >= 3 else 60
        if d is None or d <= limit:
            return True
    return False


def _better(c: Candidate, b: Candidate) -> bool:
    score_c = c.confidence + (0.1 if c.fatalities is not None else 0) + (0.05 if c.roles.actor1 else 0)
    score_b = b.confidence + (0.1 if b.fatalities is not None else 0) + (0.05 if b.roles.actor1 else 0)
    return score_c > score_b + 1e-9


def location_of(ctx: Context, pc: PlaceChoice) -> Location:
    p: PlaceMention = pc.span.m
    if p.place is not None:
        pl = p.place
        name = (pl.name_ar if ctx.lang == "ar" else pl.name_en) or p.name
        return Location(name=_clean_name(p.name) or name, lat=pl.lat, lon=pl.lon, admin1=pl.admin1, geo_precision=pc.geo_precision,
                        place_id=pl.id)
    anchor = getattr(p, "anchor", None)
    if anchor is not None:
        return Location(name=p.name, lat=anchor.lat, lon=anchor.lon, admin1=anchor.admin1,
                        geo_precision=max(2, pc.geo_precision), place_id=None)
    return Location(name=_clean_name(p.name), lat=None, lon=None, admin1=None, geo_precision=pc.geo_precision,
                    place_id=None)


_TRAILING = ("شرقي", "غربي", "شمالي", "جنوبي", "شرق", "غرب", "شمال", "جنوب", "الاستراتيجية", "الاستراتيجي",
             "الإستراتيجية", "الإستراتيجي")


def _clean_name(name: str) -> str:
    """An unresolved name as written, without a trailing direction word or quotes/hashtags."""
    name = name.strip(" \"'«»“”#").replace("_", " ")
    words = name.split()
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return " ".join(words)


def to_events(ctx: Context, cands: list[Candidate]) -> list[Event]:
    out: list[Event] = []
    for c in cands:
        os_, oe = ctx.orig_span(c.ev_start, max(c.ev_end, c.ev_start + 1))
        loc = location_of(ctx, c.place) if c.place else None
        key = _key(c)
        eid = hashlib.sha1(f"{ctx.doc.id}|{c.sub}|{key}|{os_}".encode()).hexdigest()[:16]
        out.append(Event(
            doc_id=ctx.doc.id,
            event_type=EVENT_TYPE[c.sub],
            sub_event_type=c.sub,
            actor1=c.roles.actor1,
            actor2=c.roles.actor2,
            location=loc,
            date=c.date,
            time_precision=c.precision if c.date else None,
            fatalities=c.fatalities,
            evidence=Evidence(os_, oe, ctx.doc.text[os_:oe]),
            confidence=round(c.confidence, 3),
            rule="+".join(c.rules),
            id=eid,
            actor1_text=c.roles.actor1_text,
            actor2_text=c.roles.actor2_text,
            date_flag=c.date_flag,
        ))
    return out


__all__ = ["Candidate", "Span", "candidates", "merge", "to_events", "tokens_after", "tokens_before"]
