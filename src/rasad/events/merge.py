"""Merging candidates into a document's events, and writing them as :class:`Event` values.

A clash in the sentence of a capture is part of it, a suicide attack explains its car bomb, a
protest report's grievances are not events of their own, a headline repeats the body, a
frame-level event ("in the X countryside") yields to the same kind of event at a place near it,
a withdrawal from a place captured in the same report is the capture, and the same sub-type at
the same place is one event (the best evidenced one is kept).
"""

from __future__ import annotations

import hashlib
import math

from rasad.events.candidate import EVENT_TYPE, PROTEST_SEVERITY, TERRITORY, Candidate, family
from rasad.events.context import Context
from rasad.events.placeref import PlaceChoice, place_key
from rasad.model import Event, Evidence, Location, PlaceMention

PROTEST_ABSORBS = frozenset(
    {"looting_property_destruction", "abduction_forced_disappearance", "attack", "arrests", "armed_clash"}
)
HEADLINE_TOLL_RULES = frozenset({"ar.killed", "en.killed"})
# rockets and shells are how chemical agents are most often delivered ("rockets carrying
# chlorine"); air raids on a town hit by gas are usually told as raids of their own
CHEMICAL_MEANS = frozenset({"shelling_artillery_missile_attack"})
VIOLENT_TYPES = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians"})
CO_EVENT_RULES = frozenset({"ar.clash.ground", "territory.transient"})
# in one sentence, at one place, the key type explains (absorbs) the listed ones
ABSORBS = {
    # the fight for a place, or the column that entered it, is its capture
    "government_regains_territory": {"armed_clash", "change_to_group_activity"},
    "non_state_actor_overtakes_territory": {"armed_clash", "change_to_group_activity"},
    "non_violent_transfer_of_territory": {"armed_clash", "change_to_group_activity", "agreement"},
    "suicide_bomb": {"remote_explosive_landmine_ied", "armed_clash"},
    "disrupted_weapons_use": {
        "remote_explosive_landmine_ied",
        "suicide_bomb",
        "shelling_artillery_missile_attack",
        "air_drone_strike",
        "looting_property_destruction",
        "grenade",
    },
    "chemical_weapon": {"armed_clash", "air_drone_strike", "shelling_artillery_missile_attack", "attack"},
    "air_drone_strike": {"attack", "armed_clash"},
    "shelling_artillery_missile_attack": {"attack", "armed_clash"},
    "remote_explosive_landmine_ied": {"attack", "armed_clash"},
    "violent_demonstration": {"armed_clash", "looting_property_destruction", "attack"},
    "excessive_force_against_protesters": {"attack", "armed_clash"},
    "protest_with_intervention": {"attack", "arrests"},
    "attack": {"armed_clash"},
    "abduction_forced_disappearance": {"attack", "armed_clash"},
    "arrests": {"armed_clash", "disrupted_weapons_use"},
    "looting_property_destruction": set(),
}


def _co_event(c: Candidate) -> bool:
    """A rule for the second half of a two-sided attack ("هجمات جوية وبرية") is never absorbed."""
    return bool(c.rules) and c.rules[0] in CO_EVENT_RULES


def _key(c: Candidate) -> str:
    return place_key(c.place.span.m) if c.place else "none"


def merge(cands: list[Candidate]) -> list[Candidate]:
    """Absorb, then deduplicate (same family/sub-type at the same place within a document)."""
    cands = _refine_by_elaboration(cands)
    # a car bomb the report calls a suicide attack elsewhere is that suicide attack
    suicides = [c for c in cands if c.sub == "suicide_bomb"]
    for c in cands:
        if (
            c.sub == "remote_explosive_landmine_ied"
            and not c.another
            and any(_near(c, o, 5.0) for o in suicides)
        ):
            c.sub = "suicide_bomb"
            if c.roles.actor1 is None:
                c.roles.actor1 = next((o.roles.actor1 for o in suicides if o.roles.actor1), None)
    # absorption within a sentence at the same place (or with no place)
    keep: list[Candidate] = []
    by_sentence: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault(c.sentence, []).append(c)
    for c in cands:
        absorbed = False
        for o in by_sentence[c.sentence]:
            if o is c:
                continue
            if (
                family(o.sub) == "protest"
                and c.sub in PROTEST_ABSORBS
                and not (c.after_link and c.hit_start > o.hit_start)
            ):
                absorbed = True  # grievances and incidents told inside a protest report
                break
            if (
                c.sub in ABSORBS.get(o.sub, ())
                and not _co_event(c)
                and (
                    _key(o) == _key(c)
                    or c.place is None
                    or o.sub in ("disrupted_weapons_use", "arrests")
                    or (
                        c.sub == "armed_clash"
                        and o.sub in TERRITORY
                        and (c.hit_start < o.hit_start or c.place.how != "scope")
                    )
                )
            ):
                absorbed = True
                break
        if not absorbed:
            keep.append(c)
    # a chemical attack told in the report: the shells or rockets at its place are that attack
    chem = {_key(c) for c in keep if c.sub == "chemical_weapon"}
    if chem:
        keep = [
            c
            for c in keep
            if not (c.sub in CHEMICAL_MEANS and _key(c) in chem)
        ]
    # a headline repeats the report: its events go when the body tells the same kind of event
    body_fams = {family(c.sub) for c in keep if not c.headline}
    # a headline's bare toll ("Bomb kills civilians in X") is the body's violent event at X
    body_keys = {_key(c) for c in keep if not c.headline and EVENT_TYPE.get(c.sub) in VIOLENT_TYPES}
    keep = [
        c
        for c in keep
        if not (
            c.headline
            and (family(c.sub) in body_fams or (c.rules[0] in HEADLINE_TOLL_RULES and _key(c) in body_keys))
        )
    ]
    # a short text's event with no place is the same kind of event told at its places; an "other"
    # development (a curfew, a state of emergency) is kept only when the report tells nothing else
    placed = {family(c.sub) for c in keep if c.place is not None}
    _lift_protest_severity(keep)
    keep = [c for c in keep if c.place is not None or family(c.sub) not in placed]
    if any(c.sub != "other" for c in keep):
        keep = [c for c in keep if c.sub != "other"]
    # a frame-level event ("in the X countryside") goes when the report gives the same kind of
    # event at a specific place near it - unless it speaks of all villages of the region
    keep = [c for c in keep if not _frame_redundant(c, keep)]
    # withdrawal transfer at a place captured in the same report -> the capture
    captured = {_key(c) for c in keep if c.sub in TERRITORY[:2]}
    keep = [
        c
        for c in keep
        if not (
            c.sub == "non_violent_transfer_of_territory"
            and _key(c) in captured
            and c.rules[0].startswith(("ar.withdrawal", "en.withdrawal"))
        )
    ]
    best: dict[tuple[str, str, str], Candidate] = {}
    order: list[tuple[str, str, str]] = []
    for c in keep:
        fam = family(c.sub)
        k = (
            (fam, _key(c), c.roles.actor1 or "")
            if fam in ("air_drone_strike", "shelling_artillery_missile_attack")
            else (fam, _key(c), "")
        )
        if c.place is None:
            k = (fam, "none", str(c.sentence))
            if fam == "protest" and c.rules and c.rules[0].startswith("en."):
                # English snippet: a protest told over several sentences is one protest (its
                # strongest severity wins below)
                k = (fam, "none", "")
        elif fam in ("air_drone_strike", "shelling_artillery_missile_attack"):
            # an unattributed strike at a place and an attributed one there are one strike
            if k[2] == "":
                k = next((o for o in order if o[:2] == k[:2]), k)
            elif (k[0], k[1], "") in best:
                k = (k[0], k[1], "")
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
    result = _same_named([best[k] for k in order])
    # the toll told elsewhere in the report (headline, lead) for the report's only event of a kind
    for c in result:
        if c.fatalities is not None or sum(1 for x in result if x.sub == c.sub) != 1:
            continue
        tolls = {x.fatalities for x in cands if x.sub == c.sub and x.fatalities is not None}
        if len(tolls) == 1:
            c.fatalities = tolls.pop()
    return result


def _lift_protest_severity(keep: list[Candidate]) -> None:
    """A protest told at one place, and what the police or the crowd did told without a place
    ("Students marched in X. Police later fired live rounds at them"): the protest at that place
    takes the more severe sub-type (and its sides)."""
    protests = [c for c in keep if family(c.sub) == "protest"]
    keys = {_key(c) for c in protests if c.place is not None}
    if len(keys) != 1:
        return
    for c in protests:
        if c.place is not None:
            continue
        for o in protests:
            if o.place is not None and PROTEST_SEVERITY.get(c.sub, 0) > PROTEST_SEVERITY.get(o.sub, 0):
                o.sub, o.roles = c.sub, c.roles


def km(a: PlaceMention, b: PlaceMention) -> float | None:
    pa, pb = a.place or getattr(a, "anchor", None), b.place or getattr(b, "anchor", None)
    if pa is None or pb is None or pa.lat is None or pb.lat is None or pa.lon is None or pb.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (pa.lat, pa.lon, pb.lat, pb.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _near(a: Candidate, b: Candidate, limit: float = 30.0) -> bool:
    """Whether two candidates' places are the same area: within ``limit`` km, or one unresolved."""
    if a.place is None or b.place is None:
        return True
    d = km(a.place.span.m, b.place.span.m)
    return d is None or d <= limit


EXPLOSIONS = frozenset({"remote_explosive_landmine_ied", "suicide_bomb"})


def _group(sub: str) -> str:
    return "explosion" if sub in EXPLOSIONS else family(sub)


def _refine_by_elaboration(keep: list[Candidate]) -> list[Candidate]:
    """ "تفجير في قرية بمنطقة القنيطرة ... التفجير ... في بلدة حضر": a definite mention that gives
    the one place of an event told before (near it) places that event there; the mention goes."""
    out = list(keep)
    for e in keep:
        if not e.elaborates or e.place is None or e not in out:
            continue
        same = [x for x in keep if x.elaborates and _group(x.sub) == _group(e.sub)]
        if len({place_key(x.place.span.m) for x in same if x.place is not None}) != 1:
            continue  # told place by place: those are the events
        earlier = [
            o
            for o in out
            if not o.elaborates
            and _group(o.sub) == _group(e.sub)
            and o.hit_start < e.hit_start
            and o.place is not None
            and _near(o, e, 60.0)
        ]
        if not earlier or len({place_key(o.place.span.m) for o in earlier if o.place is not None}) != 1:
            continue  # (the same event may have several triggers there; one place only)
        for o in earlier:
            o.place = e.place
            if o.fatalities is None:
                o.fatalities = e.fatalities
            o.rules = [*o.rules, "place:elaborated"]
        out = [x for x in out if x is not e]
    return out


def _same_named(result: list[Candidate]) -> list[Candidate]:
    """Two mentions of one town resolved to two gazetteer entries (city and district, حمص and
    حمص) are one place: the same kind of event there is one event."""
    out: list[Candidate] = []
    for c in result:
        twin = next(
            (
                o
                for o in out
                if o.place is not None
                and c.place is not None
                and family(o.sub) == family(c.sub)
                and (o.roles.actor1 == c.roles.actor1 or None in (o.roles.actor1, c.roles.actor1))
                and _clean_name(o.place.span.m.name) == _clean_name(c.place.span.m.name)
                and (km(o.place.span.m, c.place.span.m) or 0.0) <= 15.0
            ),
            None,
        )
        if twin is None:
            out.append(c)
        elif _better(c, twin):
            out[out.index(twin)] = c
    return out


def _frame_redundant(c: Candidate, keep: list[Candidate]) -> bool:
    if c.place is None or c.place.how != "frame" or c.collective:
        return False
    for o in keep:
        if o is c or o.place is None or _group(o.sub) != _group(c.sub):
            continue
        if o.place.how == "frame" and o.place.geo_precision >= c.place.geo_precision:
            continue  # only a more specific place makes a frame-level event redundant
        if _same_admin1(c.place.span.m, o.place.span.m) and c.place.geo_precision >= 3:
            return True  # a governorate-level event yields to the same kind of event inside it
        d = km(c.place.span.m, o.place.span.m)
        limit = 100 if c.place.geo_precision >= 3 else 60
        if (d is None and abs(o.sentence - c.sentence) <= 2) or (d is not None and d <= limit):
            return True  # (with no coordinates to compare, only the same sentence tells)
    return False


def _same_admin1(a: PlaceMention, b: PlaceMention) -> bool:
    pa, pb = a.place or getattr(a, "anchor", None), b.place or getattr(b, "anchor", None)
    return bool(pa and pb and pa.admin1 and pa.admin1 == pb.admin1)


def _better(c: Candidate, b: Candidate) -> bool:
    score_c = c.confidence + (0.1 if c.fatalities is not None else 0) + (0.05 if c.roles.actor1 else 0)
    score_b = b.confidence + (0.1 if b.fatalities is not None else 0) + (0.05 if b.roles.actor1 else 0)
    return score_c > score_b + 1e-9


def location_of(ctx: Context, pc: PlaceChoice) -> Location:
    p: PlaceMention = pc.span.m
    if p.place is not None:
        pl = p.place
        name = (pl.name_ar if ctx.lang == "ar" else pl.name_en) or p.name
        return Location(
            name=_clean_name(p.name) or name,
            lat=pl.lat,
            lon=pl.lon,
            admin1=pl.admin1,
            geo_precision=pc.geo_precision,
            place_id=pl.id,
        )
    anchor = getattr(p, "anchor", None)
    if anchor is not None:
        return Location(
            name=p.name,
            lat=anchor.lat,
            lon=anchor.lon,
            admin1=anchor.admin1,
            geo_precision=max(2, pc.geo_precision),
            place_id=None,
        )
    return Location(
        name=_clean_name(p.name),
        lat=None,
        lon=None,
        admin1=None,
        geo_precision=pc.geo_precision,
        place_id=None,
    )


_TRAILING = (
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "الاستراتيجية",
    "الاستراتيجي",
    "الإستراتيجية",
    "الإستراتيجي",
)


def _clean_name(name: str) -> str:
    """An unresolved name as written, without a trailing direction word or quotes/hashtags."""
    name = name.strip(" \"'«»“”#").replace("_", " ")
    words = name.split()
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    # a settlement noun is not part of the name (حي الرومانية -> الرومانية; sites keep theirs)
    while len(words) > 1 and words[0] in _SETTLEMENT_NOUNS:
        words.pop(0)
    return " ".join(words)


_SETTLEMENT_NOUNS = frozenset({"حي", "قرية", "بلدة", "مدينة", "village", "town", "city"})


def to_events(ctx: Context, cands: list[Candidate]) -> list[Event]:
    out: list[Event] = []
    for c in cands:
        os_, oe = ctx.orig_span(c.ev_start, max(c.ev_end, c.ev_start + 1))
        loc = location_of(ctx, c.place) if c.place else None
        key = _key(c)
        eid = hashlib.sha1(f"{ctx.doc.id}|{c.sub}|{key}|{os_}".encode()).hexdigest()[:16]
        out.append(
            Event(
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
            )
        )
    return out
