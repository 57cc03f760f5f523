"""Which places a trigger governs (spec rule 1: one event per place).

The scope of a trigger runs from its end to the end of its clause: the sentence end, or the
next trigger of another kind in the same sentence. Inside it, every place mention is an event
place unless it only frames another place (direction, countryside, governorate), names where
forces or fire came from (من ... unless the rule takes places after من), a direction or
destination (باتجاه، نحو، إلى), or sits inside an actor's name. When the scope holds none:
an anaphor (عليها، القريتين، the villages) takes the list named just before; then places
before the trigger in the sentence; then a frame alone (geo_precision 2/3).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rasad.events.context import Context, Span
from rasad.events.placeref import ADMIN_KINDS, PlaceChoice, is_frame, place_key
from rasad.events.rules import load_cues
from rasad.events.scope_lists import conjunct_frames, contains, cue_index, span_test
from rasad.events.scope_lists import dateline as _dateline
from rasad.events.triggers import (
    TriggerHit,
    _strip_clitics,
    cue_words,
    has_cue,
    tokens_after,
    tokens_before,
)
from rasad.model import PlaceMention
from rasad.text.normalize import match_key

__all__ = [
    "ADMIN_KINDS",
    "PlaceChoice",
    "anaphoric_hit",
    "choose_places",
    "is_frame",
    "place_key",
    "scope_end",
]

PROTEST_EVENTS = frozenset(
    {
        "peaceful_protest",
        "protest_with_intervention",
        "excessive_force_against_protesters",
        "violent_demonstration",
    }
)
# events whose "من X" names where forces or fire came from, not where the event happened
SOURCE_SENSITIVE = frozenset(
    {
        "territory",
        "shelling_artillery_missile_attack",
        "air_drone_strike",
        "change_to_group_activity",
    }
)


def _inside_actor(ctx: Context, sp: Span[PlaceMention]) -> bool:
    """A place inside an actor's name or description ("المجموعات المدعومة من أنقرة")."""
    return span_test(ctx, "scope.inside_actor", sp, _inside_actor_now)


def _inside_actor_now(ctx: Context, sp: Span[PlaceMention]) -> bool:
    if has_cue(tokens_before(ctx.t, sp.start, 3), load_cues()["backing_markers"]):
        return True
    return any(a.start <= sp.start and sp.end <= a.end for a in ctx.actors_in(sp.start - 200, sp.start + 1))


def _gap_words(ctx: Context, lo: int, hi: int, n: int = 4) -> list[str]:
    return tokens_before(ctx.t, hi, n, lo)


# Arabic puts an event's place after its verb or noun; a place before it counts only close by
BEFORE_AR = 100
EN_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across"})


def _excluded(ctx: Context, hit: TriggerHit, sp: Span[PlaceMention], lo: int) -> bool:
    cues = load_cues()
    before = [w for w in _gap_words(ctx, lo, sp.start, 5) if len(w) > 1][
        -4:
    ]  # a bare clitic (لنهر) is no word
    if (
        has_cue(before[-3:], cues["direction_markers"])
        and not has_cue(before[-3:], cues["addition_words"])
        and not has_cue(tokens_before(ctx.t, hit.start - len(hit.prefix), 2), cues["extension_verbs"])
        # English: "set fire to tyres in X" - a locative preposition right before X wins
        and not (ctx.lang == "en" and before and before[-1] in EN_LOCATIVE)
    ):
        return True  # "towards X" (but "the strikes extended to X" reach X)
    if hit.event not in PROTEST_EVENTS and has_cue(before[-4:], cues["origin_markers"]):
        return True
    if has_cue(before[-3:], cues["solidarity_markers"]):
        return True
    if ctx.t[max(0, sp.start - 4) : sp.start] in ("pro-", "nti-") or ctx.t[sp.end : sp.end + 5] == "-held":
        return True  # "pro-Damascus media", "anti-Assad": a name inside an adjective
    if lo > hit.end and has_cue(before[-4:], cues["located_words"]):
        return True  # "X الواقعة جنوب غرب مدينة الموصل": Mosul only locates X
    if (
        not hit.rule.place_from
        and hit.event in SOURCE_SENSITIVE
        and _from_place(before, cues["source_markers"])
    ):
        return True
    if _reporter_place(ctx, sp):
        return True
    return _inside_actor(ctx, sp)


def _reporter_place(ctx: Context, sp: Span[PlaceMention]) -> bool:
    """ "ذكر مراسل وكالة سانا في القنيطرة": where a reporter is, not where the event was."""
    return span_test(ctx, "scope.reporter_place", sp, _reporter_place_now)


def _reporter_place_now(ctx: Context, sp: Span[PlaceMention]) -> bool:
    s_lo, _ = ctx.sentence_of(sp.start)
    lo = max(s_lo, sp.start - 60)
    for w in load_cues()["reporter_words"]:
        i = ctx.t.rfind(w, lo, sp.start)
        if i >= 0 and not ctx.hits_in(i, sp.start):
            return True
    return False


def _from_place(before: list[str], markers: tuple[str, ...]) -> bool:
    """ "من (بلدة|مواقعها في) X": the place is where forces or fire came from. A partitive
    "وحدات من الجيش ... بلدة X" is not: only place nouns and locatives may stand between."""
    for k in range(len(before) - 1, -1, -1):
        if has_cue(before[k : k + 1], markers):
            between = before[k + 1 :]
            return all(
                _locative(w) or _is_place_noun(w) or w.startswith(("مواقع", "مقرات", "قواعد"))
                for w in between
            )
    return False


def _groups(ctx: Context, spans: list[Span[PlaceMention]]) -> list[list[Span[PlaceMention]]]:
    """Runs of places joined only by list connectors and place nouns (a list of places)."""
    cues = load_cues()
    conn = set(cues["list_connectors"])
    out: list[list[Span[PlaceMention]]] = []
    for sp in spans:
        if out:
            prev = out[-1][-1]
            gap = ctx.t[prev.end : sp.start]
            words = [w.strip("\"'«»()،,.-") for w in gap.split()]
            words = [w for w in words if w]
            ok = [
                w in conn
                or w in ("al", "el", "ال")
                or (w.startswith("و") and len(w) > 1)
                or _is_place_noun(w)
                for w in words
            ]
            seps = gap.count(",") + gap.count("،") + sum(1 for w in words if w in ("و", "and"))
            # one unknown word between two separators is itself a list item ("Baka, Mardek, X, Arman")
            if len(gap) < 40 and (all(ok) or (ok.count(False) == 1 and seps >= 2 and len(words) <= 3)):
                out[-1].append(sp)
                continue
        out.append([sp])
    return out


def _cue(name: str) -> frozenset[str]:
    """A cue word list of data/events/cues.yaml as a set (cached by load_cues)."""
    return _CUE_SETS.get(name) or _CUE_SETS.setdefault(name, frozenset(load_cues()[name]))


_CUE_SETS: dict[str, frozenset[str]] = {}


def _locative(w: str) -> bool:
    """A word that only locates (في، بريف، الشرقي، "in the countryside of"), clitics allowed."""
    loc = _cue("locative_words")
    return w in loc or not loc.isdisjoint(_strip_clitics(w))


def _is_place_noun(w: str) -> bool:
    w2 = w[1:] if w[:1] in "وب" else w
    return w in _cue("place_nouns") or w2 in _cue("place_nouns")


def _joined(ctx: Context, prev_end: int, sp: Span[PlaceMention]) -> bool:
    """Whether ``sp`` continues a list whose previous member ends at ``prev_end``."""
    gap = ctx.t[prev_end : sp.start]
    words = [w.strip("\"'«»()،,.-") for w in gap.split()]
    words = [w for w in words if w]
    conn = set(load_cues()["list_connectors"])
    return len(gap) < 25 and all(w in conn or _is_place_noun(w) for w in words)


def _until_link(words: list[str], links: tuple[str, ...]) -> list[str]:
    """The words up to a link to another event (بعد، عقب، after)."""
    if not links:
        return words
    single = cue_words(links)  # (has_cue([w], links) for each word, one set)
    for k, w in enumerate(words):
        if w in single:
            return words[:k]
    return words


@lru_cache(maxsize=4)
def _anaphor_nouns_of(plural: tuple[str, ...], singular: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c for c in plural + singular if len(c) > 4)


def _anaphor_nouns(cues: Any) -> tuple[str, ...]:
    """Noun anaphors (القريتين، البلدة): the longer place-anaphora cues, built once."""
    return _anaphor_nouns_of(tuple(cues["place_anaphora_plural"]), tuple(cues["place_anaphora_singular"]))


def _anaphor_places(ctx: Context, hit: TriggerHit, lo_sent: int, hi: int) -> list[Span[PlaceMention]]:
    cues = load_cues()
    after = tokens_after(ctx.t, hit.end, 8, hi)
    if ctx.lang == "ar" and ctx.t[max(hit.start, hit.end - 2) : hit.end] == "ها" and hit.event != "protest":
        after = ["عليها", *after]  # "لتدخلها": the pronoun on the trigger points back
    _s_lo, s_hi = ctx.sentence_of(hit.start)
    rest = _until_link(tokens_after(ctx.t, hit.end, 40, s_hi), cues["prior_event_links"])
    # a noun anaphor later in the sentence (القريتين، البلدة) when the clause names no place
    plural = has_cue(after, cues["place_anaphora_plural"])
    singular = has_cue(after, cues["place_anaphora_singular"])
    if not plural and not singular and has_cue(rest, _anaphor_nouns(cues)):
        after = rest
        plural = has_cue(after, cues["place_anaphora_plural"])
        singular = has_cue(after, cues["place_anaphora_singular"])
    plural = plural or (ctx.lang == "ar" and any(w.endswith(("ها", "هما")) for w in after[:2]))
    singular = singular or _outskirts(ctx, hit, hi)
    if not (plural or singular):
        return []
    # look back up to two sentences for the last list of event-worthy places
    idx = ctx.sentence_index(hit.start)
    lo = ctx.sents[max(0, idx - 2)][0] if idx >= 0 else 0
    prev: list[Span[PlaceMention]] = []
    p_lo = lo
    for p in ctx.places_in(lo, hit.start):
        toward = has_cue(
            [w for w in tokens_before(ctx.t, p.start, 4, p_lo) if len(w) > 1][-3:], cues["direction_markers"]
        )
        p_lo = p.end
        if toward or is_frame(p.m) or _inside_actor(ctx, p) or (prev and _descriptor(ctx, prev[-1].end, p)):
            continue  # "بلدة الشحيل بريف دير الزور الشرقي": Deir ez-Zor only locates al-Shuhayl
        prev.append(p)
    if not prev:
        return []
    groups = _groups(ctx, prev)
    if plural:
        return groups[-1]
    # "the town" points back to the last place introduced as a town (بلدة كنصفرة), if any
    for w in after + rest:
        noun = w.removeprefix("ال") if w.startswith("ال") else ""
        if noun and _is_place_noun(noun):
            same = [p for p in prev if p.m.noun and match_key(p.m.noun).removeprefix("ال") == noun]
            if same:
                return [same[-1]]
            break
    return [groups[-1][-1]]


def _descriptor(ctx: Context, prev_end: int, sp: Span[PlaceMention]) -> bool:
    """A place that only locates the one named just before it (قرية كفرمز في محور شران، منبج بحلب)."""
    gap = ctx.t[prev_end : sp.start]
    # "اللطامنة، أكبر بلدة خاضعة لسيطرة الفصائل في ريف حماة": a place after a state-of-control
    # phrase about the one before it only locates it
    if len(gap) <= 90 and "،" not in gap and has_cue(gap.split(), load_cues()["state_of_control"]):
        return True
    if len(gap) > 40:
        return False
    parts = gap.split()
    # proclitic ب or ل on the place itself (بحلب، لمدينة الرقة): the word part before the span
    pre = parts.pop() if parts and gap and not gap[-1].isspace() else ""
    words = [w.strip("\"'«»()-،,") for w in parts]
    words = [w for w in words if w]
    if any(w == "و" or w.startswith("و") for w in words) or pre.startswith("و"):
        return False
    if not pre and ctx.t[sp.start : sp.start + 1] == "ب" and not match_key(sp.m.name).startswith("ب"):
        pre = "ب"  # the mention's span holds its clitic
    if pre.endswith(("ب", "بال")) and not words:
        return True
    # "بلدة كنصفرة الجبلية في جبل الزاوية": a nisba adjective of the first place is no break
    if words and all(_locative(w) for w in words):
        return True
    rest = [w for w in words if not (w.startswith("ال") and w.endswith(("يه", "ية")) and len(w) > 5)]
    return bool(rest) and len(rest) < len(words) and all(_locative(w) for w in rest)


def _clause_start(ctx: Context, hit: TriggerHit, s_lo: int) -> int:
    lo = s_lo
    i = cue_index(ctx, "clause_boundaries").last_start(s_lo, hit.start)
    if i >= 0:
        lo = max(lo, i + 1)
    return max(lo, _link_start(ctx, hit, lo))


def _link_start(ctx: Context, hit: TriggerHit, lo: int) -> int:
    """ "[main clause], وذلك بعد ساعات من هجوم": an earlier event told after a link word takes
    no place from the main clause before it; where that link starts (else ``lo``)."""
    i = cue_index(ctx, "prior_event_links").last_start(max(lo, hit.start - 40), hit.start)
    if i >= 0:
        lo = max(lo, i + 1)
    return lo


def scope_end(ctx: Context, hit: TriggerHit, hi: int) -> int:
    """Where the trigger's clause ends: ``hi`` or an earlier clause boundary word."""
    end = hi
    # (each cue in the list's order: ``ctx.t.find(c, hit.end, end)``, the end moving back)
    bounds = cue_index(ctx, "clause_boundaries")
    for k, i in bounds.firsts(hit.end, end):
        if i + bounds.lens[k] <= end:
            end = i
    # "... after [its storming of] X": a link word followed closely by another event trigger
    starts = [h.start for h in ctx.hits_in(hit.end + 1, end) if not h.observation]
    if starts:  # (no trigger after the hit: no link word moves the end)
        links = cue_index(ctx, "prior_event_links")
        for k, i in links.firsts(hit.end, end):
            n = links.lens[k]
            if i + n <= end and any(i < st <= i + n + 38 for st in starts):
                end = i
    # "...، وهي ثاني قاعدة تنشئها": an apposition describes what was told, names no new place
    for c in ("، وهي ", "، وهو ", ", which is "):
        i = ctx.t.find(c, hit.end, end)
        if i >= 0:
            end = i
    # "...، كما استهدف الطيران بلدة Y": a new clause with its own trigger has its own places
    for c in ("، كما ", ", كما ", "، و", "، and ") if starts else ():
        i = ctx.t.find(c, hit.end, end)
        while i >= 0:
            if any(i < st <= i + len(c) + 12 for st in starts):
                end = i
                break
            i = ctx.t.find(c, i + 1, end)
    return _subordinate_end(ctx, hit, end)


def _subordinate_end(ctx: Context, hit: TriggerHit, end: int) -> int:
    """ "Bomb kills civilians in Raqqa as SDF detains suspects in Busayrah": a subordinate clause
    (as / while / بينما / في حين) with its own subject right after the link governs the places
    after it (rule scope.subordinate_clause)."""
    from rasad.events.roles import trial_cues

    for c in trial_cues()["clause_links"]:
        i = ctx.t.find(" " + c + " ", hit.end, end)
        if i < 0 or has_cue(tokens_before(ctx.t, i, 1, hit.end), NOT_SUBORDINATE):
            continue
        subject_at = i + len(c) + 2
        if any(subject_at <= a.start <= subject_at + 12 for a in ctx.actors_in(subject_at, subject_at + 13)):
            end = i
    return end


def _outskirts(ctx: Context, hit: TriggerHit, hi: int) -> bool:
    """ "الاشتباكات مستمرة على أطرافها": the event is around the place told before it."""
    from rasad.events.roles import trial_cues

    return has_cue(tokens_after(ctx.t, hit.end, 6, hi), trial_cues()["outskirts_anaphora"])


# "known as X", "such as X", "as well as X": not a clause link
NOT_SUBORDINATE = ("known", "such", "well", "same", "so", "acting", "serve", "serves", "served")


def anaphoric_hit(ctx: Context, hit: TriggerHit) -> bool:
    """A definite generic noun (القصف، الاتفاق، المتظاهرين, "the attack") refers back to an event
    already told: it takes places only from its own clause, never from before it."""
    if hit.event in ("territory", "withdrawal"):
        return False
    form = hit.form
    if ctx.lang == "ar":
        return "ال" in hit.prefix or form.startswith("ال") or hit.prefix.endswith("لل")
    s_lo, _ = ctx.sentence_of(hit.start)
    before = ctx.t[s_lo : hit.start].split()
    return bool(before) and before[-1] in ("the", "these", "this", "those") and len(before) <= 2


def choose_places(ctx: Context, hit: TriggerHit, hi: int) -> list[PlaceChoice]:
    """The event places of ``hit``, whose clause ends at ``hi``."""
    s_lo, _s_hi = ctx.sentence_of(hit.start)
    hi = scope_end(ctx, hit, hi)
    cues = load_cues()
    before_words = tokens_before(ctx.t, hit.start - len(hit.prefix), 8, s_lo)
    if has_cue(before_words, cues["passive_target"]):
        # "X تعرض لقصف": the target is the first place after the passive verb
        k = max(ctx.t.rfind(w, s_lo, hit.start) for w in cues["passive_target"])
        first = [p for p in ctx.places_in(k, hit.start) if not is_frame(p.m) and not _inside_actor(ctx, p)]
        if first:
            return [PlaceChoice(first[0], "passive", first[0].m.geo_precision or 1)]
    in_scope = [p for p in ctx.places_in(hit.end, hi) if not _dateline(ctx, p)]
    chosen: list[PlaceChoice] = []
    frames: list[Span[PlaceMention]] = []
    seen: set[str] = set()
    lo = hit.end
    excluded_end = -1
    for sp in in_scope:
        if _excluded(ctx, hit, sp, lo) or (excluded_end >= 0 and _joined(ctx, excluded_end, sp)):
            # a list after "towards / in solidarity with / from" goes with its first member
            lo = excluded_end = sp.end
            continue
        excluded_end = -1
        if is_frame(sp.m):
            gap = ctx.t[chosen[-1].span.end : sp.start] if chosen else ""
            if chosen and _joined(ctx, chosen[-1].span.end, sp) and ("و" in gap.split() or " و" in " " + gap):
                # a region in a list of places ("حقل الورد وبادية الدوير") is one of the event places
                chosen.append(PlaceChoice(sp, "scope", max(2, sp.m.geo_precision or 2)))
                lo = sp.end
                continue
            frames.append(sp)
            lo = sp.end
            continue
        key = place_key(sp.m)
        if key in seen:
            continue
        if chosen and (
            _descriptor(ctx, chosen[-1].span.end, sp)
            or (frames and frames[-1].start > chosen[-1].span.end and _descriptor(ctx, frames[-1].end, sp))
        ):
            lo = sp.end  # "قرية الحمرا غرب مدينة الباب بحلب": Aleppo locates the chain
            continue
        # a containing admin place named after a place of the list is only its location
        if chosen and contains(sp.m, [c.span.m for c in chosen]):
            continue
        seen.add(key)
        chosen.append(PlaceChoice(sp, "scope", sp.m.geo_precision or 1))
        lo = sp.end
    if chosen:
        chosen = _drop_weak_members(ctx, chosen)
    if chosen:
        return conjunct_frames(ctx, frames, chosen) + chosen
    ana = _anaphor_places(ctx, hit, s_lo, hi)
    if ana:
        near = 2 if _outskirts(ctx, hit, hi) else 1  # "on its outskirts": around the place
        return [PlaceChoice(sp, "anaphora", max(near, sp.m.geo_precision or 1)) for sp in ana]
    c_lo = max(_clause_start(ctx, hit, s_lo), hit.start - (300 if ctx.lang == "en" else BEFORE_AR))
    before = [
        p for p in ctx.places_in(c_lo, hit.start) if not _inside_actor(ctx, p) and not _dateline(ctx, p)
    ]
    plain: list[Span[PlaceMention]] = []
    prev_end = c_lo
    for p in before:
        if (
            not is_frame(p.m)
            and not _excluded(ctx, hit, p, prev_end)
            and not (plain and _descriptor(ctx, plain[-1].end, p))
        ):
            plain.append(p)
        prev_end = p.end
    if plain and (anaphoric_hit(ctx, hit) or "no_before" in hit.rule.flags):
        plain = []
    if plain:
        groups = _groups(ctx, plain)
        return [PlaceChoice(sp, "before", sp.m.geo_precision or 1) for sp in groups[-1]]
    frames = frames or [p for p in before if is_frame(p.m)]
    if not frames:  # the frame of the whole sentence ("... بمحيط مدينة سراقب، حيث سبق ذلك قصف")
        f_lo = _link_start(ctx, hit, s_lo)
        frames = [p for p in ctx.places_in(f_lo, hit.start) if is_frame(p.m) and not _inside_actor(ctx, p)]
    if frames:
        f = frames[0]
        prec = f.m.geo_precision if f.m.geo_precision and f.m.geo_precision > 1 else 2
        if f.m.place is not None and f.m.place.kind in ("governorate", "country"):
            prec = 3
        return [PlaceChoice(f, "frame", prec)]
    return []


def _strong(p: PlaceMention) -> bool:
    return p.place is not None or p.noun is not None or not p.rule.startswith("list")


def _drop_weak_members(ctx: Context, chosen: list[PlaceChoice]) -> list[PlaceChoice]:
    """An unresolved name found only as a list member stays only in a list with a sure place."""
    if all(_strong(c.span.m) for c in chosen):
        return chosen
    groups = _groups(ctx, [c.span for c in chosen])
    keep_ids: set[int] = set()
    for g in groups:
        if any(_strong(sp.m) for sp in g):
            keep_ids.update(id(sp) for sp in g)
        else:
            keep_ids.update(id(sp) for sp in g if _strong(sp.m))
    return [c for c in chosen if id(c.span) in keep_ids]
