"""An event's date and its fatalities, from the mentions around its trigger.

Date: the date mention of the trigger's sentence nearest to the trigger (an unresolvable one,
such as a weekday without a publication date, gives null); with none, the publication date
(flag ``publication``) unless the clause says "earlier" (في وقت سابق); with no publication date,
an explicit full date at the top of the document (a dateline), else null. A later sentence
that tells the same kind of event again without a day of its own takes the day given for it
(assemble.py), as does a sentence right after a dated one in the same paragraph.

Fatalities: a number tied to a word for the dead (قتلى، مقتل، استشهد، killed, dead...) in the
clause, never one tied to a word for the wounded; "dozens" gives null; a victim noun in the
singular or dual right after the word for the dead (مقتل امرأة، استشهد مدنيان) gives 1 or 2. With
several places in one event list, a number counts only for the place named right after it.
"""

from __future__ import annotations

from datetime import date

from rasad.events.context import Context, Span
from rasad.events.rules import load_cues
from rasad.events.scope_lists import cue_index
from rasad.events.triggers import TriggerHit, has_cue, tokens_after, tokens_before, word_has_cue
from rasad.model import DateMention, NumberMention, PlaceMention


def _doc_date(ctx: Context) -> tuple[date | None, int | None]:
    if "doc_date" in ctx.extra:
        return ctx.extra["doc_date"]
    res: tuple[date | None, int | None] = (None, None)
    if ctx.published is not None:
        res = (ctx.published, 1)
    else:
        head_end = ctx.sents[min(2, len(ctx.sents) - 1)][1] if ctx.sents else 0
        for d in ctx.dates:
            if d.start >= head_end:
                break
            if d.m.value is not None and (d.m.precision or 1) == 1:
                res = (d.m.value, 1)
                break
    ctx.extra["doc_date"] = res
    return res


def event_date(ctx: Context, hit: TriggerHit, hi: int) -> tuple[date | None, int | None, str | None]:
    s_lo, s_hi = ctx.sentence_of(hit.start)
    best: Span | None = None
    best_d = 10**9
    for d in ctx.dates:
        if d.start < s_lo or d.start >= s_hi:
            continue
        # prefer mentions in the trigger's own clause
        dist = abs(d.start - hit.start) + (0 if d.start < hi else 200)
        if dist < best_d:
            best, best_d = d, dist
    if best is not None:
        if best.m.value is None:
            return None, None, "unresolved"
        return best.m.value, best.m.precision or 1, "text"
    words = tokens_before(ctx.t, hit.start, 12, s_lo)
    if has_cue(words, ("في وقت سابق", "earlier")):
        return None, None, None
    dd, p = _doc_date(ctx)
    if dd is None:
        return None, None, "undated"  # (internal: a day told earlier may carry over)
    return dd, p, "publication"


def _killed_numbers(ctx: Context, s_lo: int, s_hi: int) -> list[tuple[int, int, int | None]]:
    """(start, end, value) of numbers tied to the dead in [s_lo, s_hi); value None = vague."""
    cache = ctx.extra.setdefault("killed_numbers", {})
    if (s_lo, s_hi) not in cache:
        cache[(s_lo, s_hi)] = _killed_numbers_uncached(ctx, s_lo, s_hi)
    return cache[(s_lo, s_hi)]


def _killed_numbers_uncached(ctx: Context, s_lo: int, s_hi: int) -> list[tuple[int, int, int | None]]:
    cues = load_cues()
    killed, injured, vague = cues["killed"], cues["injured"], cues["vague"]
    out: list[tuple[int, int, int | None]] = []
    words = ctx.t[s_lo:s_hi].split()
    if not has_cue(words, killed):
        return out
    numbers = ctx.numbers_in(s_lo, s_hi)
    dates = [d for d in ctx.dates if d.start < s_hi and d.end > s_lo]
    for n in numbers:
        if _part_of_date(ctx, n, dates):
            continue  # "on February 19, killing five": the day is no toll
        before = tokens_before(ctx.t, n.start, 4, s_lo)
        after = ctx.t[n.end : min(s_hi, n.end + 80)].split()[: 8 if ctx.lang == "en" else 5]
        after = [w.strip('،,.()"') for w in after]
        # the nearest cue word decides
        tie = None
        for w in reversed(before):
            if word_has_cue(w, injured):
                tie = "injured"
                break
            if word_has_cue(w, killed):
                tie = "killed"
                break
        if tie is None:
            for k, w in enumerate(after):
                if word_has_cue(w, injured):
                    tie = "injured"
                    break
                if word_has_cue(w, killed) or has_cue(after[k : k + 2], killed):
                    tie = "killed"
                    break
        if tie is None and out and before and before[-1] in ("and", "و"):
            tie = "killed"  # "three killed in X, and seven in Y": the same toll, told place by place
        if tie != "killed":
            continue
        value = n.m.value
        if has_cue(before[-2:], vague):
            value = None
        out.append((n.start, n.end, value))
    # victim nouns in the singular / dual after a word for the dead
    pos = s_lo
    spans: list[tuple[int, str]] = []
    for w in words:
        i = ctx.t.find(w, pos)
        spans.append((i, w))
        pos = i + len(w)
    for k, (_i, w) in enumerate(spans[:-1]):
        if word_has_cue(w.strip("،,."), killed):
            nxt = spans[k + 1][1].strip('،,.()"')
            if any(n.start == spans[k + 1][0] for n in numbers):
                continue
            if word_has_cue(nxt, cues["victim_dual"]):
                out.append((spans[k + 1][0], spans[k + 1][0] + len(nxt), 2))
            elif word_has_cue(nxt, cues["victim_singular"]):
                out.append((spans[k + 1][0], spans[k + 1][0] + len(nxt), 1))
    return sorted(out)


YEAR_WORDS = frozenset({"عام", "العام", "لعام", "سنة", "لسنة", "year", "in", "since", "of", "منذ"})


def _part_of_date(ctx: Context, n: Span[NumberMention], dates: list[Span[DateMention]]) -> bool:
    """A number inside a date mention (the day, the year), or a year in digits after a year
    word ("عام 2019", "in 2019"), is never a count of the dead."""
    if any(d.start < n.end and n.start < d.end for d in dates):
        return True
    text = ctx.t[n.start : n.end]
    if len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100:
        prev = tokens_before(ctx.t, n.start, 1)
        return bool(prev) and prev[-1] in YEAR_WORDS
    return False


def _by_place(
    ctx: Context, nums: list[tuple[int, int, int | None]], s_lo: int, s_hi: int
) -> tuple[dict[int, tuple[int, int, int | None]], list[tuple[int, int, int | None]]]:
    """Numbers followed closely by a place belong to that place; the rest are general (cached)."""
    cache = ctx.extra.setdefault("by_place", {})
    key = (s_lo, s_hi, tuple(nums))
    if key in cache:
        return cache[key]
    specific: dict[int, tuple[int, int, int | None]] = {}
    used: set[int] = set()
    for k, (ns, ne, v) in enumerate(nums):
        nxt = nums[k + 1][0] if k + 1 < len(nums) else s_hi
        for p in ctx.places_in(ne, min(ne + 120, nxt, s_hi)):
            specific.setdefault(p.start, (ns, ne, v))
            used.add(ns)
            break
    general = [x for x in nums if x[0] not in used] or nums
    cache[key] = (specific, general)
    return specific, general


def fatalities_for(
    ctx: Context, hit: TriggerHit, hi: int, place: Span[PlaceMention] | None, n_places: int
) -> int | None:
    cues = load_cues()
    s_lo, s_hi = ctx.sentence_of(hit.start)
    nums = _killed_numbers(ctx, s_lo, s_hi)
    # a toll told after "بعد / إثر / after" belongs to that other (earlier) event
    links = cue_index(ctx, "prior_event_links").firsts(hit.end, s_hi)  # (cue, ctx.t.find(cue, ...))
    link = min((i for _k, i in links), default=s_hi)
    if hit.event == "territory" and has_cue(tokens_after(ctx.t, link, 3, s_hi)[1:], cues["fighting"]):
        link = s_hi  # "سيطرت على X بعد معارك أسفرت عن مقتل 12": the battles that took X (user trial)
    nums = [x for x in nums if x[0] < link or x[0] < hit.start]
    nums = _own_clause(ctx, hit, nums, s_lo, s_hi)
    if not nums:
        # "there were no casualties", in the sentence or the one right after it
        idx = ctx.sentence_index(hit.start)
        nxt_hi = ctx.sents[idx + 1][1] if 0 <= idx < len(ctx.sents) - 1 else s_hi
        memo = ctx.extra.setdefault("fat.no_casualties", {})  # (per sentence pair)
        none_dead = memo.get((s_lo, nxt_hi))
        if none_dead is None:
            none_dead = memo[(s_lo, nxt_hi)] = has_cue(ctx.t[s_lo:nxt_hi].split(), cues["no_casualties"])
        return 0 if none_dead else None
    specific, general = _by_place(ctx, nums, s_lo, s_hi)
    if place is not None and place.start in specific:
        return specific[place.start][2]
    if n_places > 1:
        return None
    # the number nearest to the trigger
    _ns, _ne, v = min(general, key=lambda x: abs(x[0] - hit.start))
    return v


TOLL_RULES = frozenset({"ar.killed", "en.killed"})  # a word for the dead is no event of its own here
# events whose clause does not claim a toll told in it ("protest after the killing of ...")
NO_TOLL_EVENTS = frozenset(
    {
        "peaceful_protest",
        "protest_with_intervention",
        "violent_demonstration",
        "agreement",
        "arrests",
        "looting_property_destruction",
        "change_to_group_activity",
        "headquarters_or_base_established",
    }
)


def clause_of(ctx: Context, pos: int, s_lo: int) -> int:
    return max(ctx.t.rfind("،", s_lo, pos), ctx.t.rfind(",", s_lo, pos))


def _own_clause(
    ctx: Context, hit: TriggerHit, nums: list[tuple[int, int, int | None]], s_lo: int, s_hi: int
) -> list[tuple[int, int, int | None]]:
    """A toll told in a clause that has its own event trigger belongs to that event only
    ("..., بينما قتل 3 بغارة, ونفذ الطيران غارتين ..."); a toll in a clause without one is
    the sentence's."""
    hits = [
        h
        for h in ctx.hits_in(s_lo, s_hi)
        if not h.observation and h.rule.id not in TOLL_RULES and h.event not in NO_TOLL_EVENTS
    ]
    if len(hits) < 2:
        return nums
    mine = clause_of(ctx, hit.start, s_lo)
    clauses = {clause_of(ctx, h.start, s_lo) for h in hits}
    out = []
    for x in nums:
        c = clause_of(ctx, x[0], s_lo)
        if c == mine or c not in clauses:
            out.append(x)
    return out
