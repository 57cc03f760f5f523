"""Place lists in a trigger's scope: a region that is the place of its own conjunct, and admin
places that only contain the places of a list; dateline places (never an event place)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from rasad.events.context import Context, Span
from rasad.events.placeref import ADMIN_KINDS, PlaceChoice
from rasad.events.rules import load_cues
from rasad.events.triggers import has_cue, padded_cues
from rasad.model import PlaceMention


def conjunct_frames(
    ctx: Context, frames: list[Span[PlaceMention]], chosen: list[PlaceChoice]
) -> list[PlaceChoice]:
    """ "مواقع في ريف مدينة X شمال Y، ومواقع في قرية Z": a region that is the only place of its
    own conjunct, ahead of the specific places, is an event place too (at its precision)."""
    first = chosen[0].span.start
    before = [f for f in frames if f.end <= first]
    groups: list[list[Span[PlaceMention]]] = []
    for f in before:
        gap = ctx.t[groups[-1][-1].end : f.start] if groups else ""
        if groups and "،" not in gap and "," not in gap and len(gap) <= 30:
            groups[-1].append(f)  # "ريف تل أبيض شمال الرقة": the second only locates the first
        else:
            groups.append([f])
    out: list[PlaceChoice] = []
    for k, g in enumerate(groups):
        head = g[0]
        nxt = groups[k + 1][0].start if k + 1 < len(groups) else first
        gap = ctx.t[g[-1].end : nxt]
        if head.m.place is None:
            continue
        if _nominal_conjunct(gap):
            kind = head.m.place.kind
            prec = 3 if kind in ("governorate", "country") else max(2, head.m.geo_precision or 2)
            out.append(PlaceChoice(head, "conjunct", prec))
    return out


def _nominal_conjunct(gap: str) -> bool:
    """ "، ومواقع ..." / ", and positions ...": a second object of the verb (not a new clause)."""
    for sep in ("، و", ",و", ", and "):
        i = gap.find(sep)
        if i >= 0:
            nxt = gap[i + len(sep) :].split()[:1]
            if not nxt:
                return True  # "ريف X، وY": the next place itself is the second object
            cues = load_cues()
            return has_cue(nxt, cues["conjunct_heads"]) or has_cue(nxt, cues["place_nouns"])
    return False


def contains(p: PlaceMention, others: list[PlaceMention]) -> bool:
    pl = p.place
    if pl is None or pl.kind not in ADMIN_KINDS | {"town"}:
        return False
    for o in others:
        op = o.place
        if op is None or op.id == pl.id:
            continue
        names = {pl.name_en, pl.name_ar}
        if pl.kind == "governorate" and op.admin1 in names:
            return True
        if pl.kind in ("district", "subdistrict") and (op.admin2 in names or op.admin3 in names):
            return True
    return False


SpanTest = Callable[[Context, Span[PlaceMention]], bool]


def span_test(ctx: Context, name: str, sp: Span[PlaceMention], test: SpanTest) -> bool:
    """``test(ctx, sp)``, remembered per document and span (asked again for every trigger)."""
    table: dict[tuple[int, int], bool] = ctx.extra.setdefault(name, {})
    got = table.get((sp.start, sp.end))
    if got is None:
        got = table[(sp.start, sp.end)] = test(ctx, sp)
    return got


def dateline(ctx: Context, sp: Span[PlaceMention]) -> bool:
    """A dateline place at the head of a report (بغداد 11 ابريل / أربيل - ... / BEIRUT:)."""
    return span_test(ctx, "scope.dateline", sp, _dateline_now)


def _dateline_now(ctx: Context, sp: Span[PlaceMention]) -> bool:
    s_lo, _ = ctx.sentence_of(sp.start)
    head = ctx.t[s_lo : sp.start].strip(" \n\t\"'«»|-–:(),")
    if len(head.split()) > 3:
        return False
    nxt = ctx.t[sp.end : sp.end + 40]
    o_s, o_e = ctx.orig_span(sp.start, sp.end)
    written = ctx.doc.text[o_s:o_e]
    if ctx.lang == "en" and len(written) >= 3 and written.isupper():
        return True  # "BEIRUT Syrian forces ...": an upper-case dateline
    if not head:
        n4 = nxt[:4].lstrip()
        if n4 and (n4[0].isdigit() or n4[0] in "-–—:/("):
            return True
    # "MOSUL — ...", "كركوك - ..."
    return "—" in nxt[:25] or " - " in nxt[:6] or " – " in nxt[:6]


class CueIndex:
    """Where each padded cue (`` w ``) of one list occurs in one document's text: answers
    ``t.find(c, a, b)`` / ``t.rfind(c, a, b)`` for all the cues of the list at once."""

    __slots__ = ("lens", "occ", "starts")

    def __init__(self, t: str, padded: tuple[str, ...]) -> None:
        occ: list[tuple[int, int]] = []  # (start, cue index), every occurrence (overlaps too)
        for k, c in enumerate(padded):
            i = t.find(c)
            while i >= 0:
                occ.append((i, k))
                i = t.find(c, i + 1)
        occ.sort()
        self.occ = occ
        self.starts = [s for s, _k in occ]
        self.lens = [len(c) for c in padded]

    def firsts(self, a: int, b: int) -> list[tuple[int, int]]:
        """(cue index, ``t.find(cue, a, b)``) for each cue found, in the order of the list."""
        out: dict[int, int] = {}
        occ, lens = self.occ, self.lens
        for j in range(bisect_left(self.starts, a), len(occ)):
            s, k = occ[j]
            if s >= b:
                break
            if k not in out and s + lens[k] <= b:
                out[k] = s  # (the earliest start of a cue has its earliest end too)
        return sorted(out.items())

    def last_start(self, a: int, b: int) -> int:
        """``max(t.rfind(cue, a, b) for cue in the list)`` (-1 when none is found)."""
        occ, lens = self.occ, self.lens
        for j in range(bisect_left(self.starts, b) - 1, -1, -1):
            s, k = occ[j]
            if s < a:
                break
            if s + lens[k] <= b:
                return s
        return -1


def cue_index(ctx: Context, name: str) -> CueIndex:
    """The (per-document) :class:`CueIndex` of the padded cue list ``name`` of cues.yaml."""
    key = "scope.cue_index." + name
    got = ctx.extra.get(key)
    if got is None:
        got = ctx.extra[key] = CueIndex(ctx.t, padded_cues(load_cues()[name]))
    return got
