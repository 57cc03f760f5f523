"""Everything the events stage reads about one document, in match-normalised offsets.

The other stages (sentences, actors, dates, numbers, places) give offsets into the stored text;
here they are mapped into the ``match`` view once, so the assembly code works on one string.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache, partial
from itertools import accumulate, islice, repeat
from operator import le
from typing import Any, Generic, TypeVar

from rasad.model import ActorMention, DateMention, Document, NumberMention, PlaceMention
from rasad.text.normalize import Normalized

M = TypeVar("M")


class Span(Generic[M]):
    """A mention of another stage, with its offsets in the normalised view.

    (What ``@dataclass(slots=True)`` would generate, written out: mypyc cannot compile a
    generic dataclass.)"""

    __slots__ = ("end", "m", "start")

    def __init__(self, start: int, end: int, m: M) -> None:
        self.start = start
        self.end = end
        self.m = m

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(start={self.start!r}, end={self.end!r}, m={self.m!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Span)
        return (self.start, self.end, self.m) == (other.start, other.end, other.m)

    __hash__ = None  # type: ignore[assignment]  # (as a dataclass with eq and not frozen)


@dataclass(slots=True)
class Context:
    doc: Document
    lang: str
    nz: Normalized
    t: str
    o2n: list[int]
    sents: list[tuple[int, int]]
    places: list[Span[PlaceMention]] = field(default_factory=list)
    actors: list[Span[ActorMention]] = field(default_factory=list)
    dates: list[Span[DateMention]] = field(default_factory=list)
    published: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence holding ``pos`` (the sentences are sorted and do not overlap), or the
        whole text."""
        i = bisect.bisect_right(self.extra.get("sent_starts") or self._starts(), pos) - 1
        if i >= 0:
            se = self.sents[i]
            if pos < se[1]:
                return se
        return (0, len(self.t))

    def sentence_index(self, pos: int) -> int:
        i = bisect.bisect_right(self.extra.get("sent_starts") or self._starts(), pos) - 1
        if 0 <= i < len(self.sents) and self.sents[i][0] <= pos < self.sents[i][1]:
            return i
        return -1

    def places_in(self, lo: int, hi: int) -> list[Span[PlaceMention]]:
        """Place mentions starting in [lo, hi) (binary search over the sorted mentions)."""
        return _window(self.places, self._index("place_starts", self.places), lo, hi)

    def actors_in(self, lo: int, hi: int) -> list[Span[ActorMention]]:
        return _window(self.actors, self._index("actor_starts", self.actors), lo, hi)

    def hits_in(self, lo: int, hi: int) -> list[Any]:
        """Trigger hits starting in [lo, hi) (the hits are sorted by start)."""
        hits = self.extra.get("hits") or []
        idx = self.extra.get("hit_starts")
        if idx is None or len(idx) != len(hits):
            idx = self.extra["hit_starts"] = [h.start for h in hits]
        return hits[bisect.bisect_left(idx, lo) : bisect.bisect_left(idx, hi)]

    def _index(self, key: str, items: list[Span[Any]]) -> list[int]:
        idx = self.extra.get(key)
        if idx is None or len(idx) != len(items):
            idx = self.extra[key] = [x.start for x in items]
        return idx

    def _starts(self) -> list[int]:
        starts = self.extra.get("sent_starts")
        if starts is None:
            starts = self.extra["sent_starts"] = [s for s, _ in self.sents]
        return starts

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        return self.nz.span(start, end)

    def numbers_in(self, s_lo: int, s_hi: int) -> list[Span[NumberMention]]:
        """Number mentions of the normalised span [s_lo, s_hi) (found on demand, cached)."""
        cache = self.extra.setdefault("numbers", {})
        if (s_lo, s_hi) not in cache:
            o_lo, o_hi = self.orig_span(s_lo, s_hi)
            find_numbers = _api("rasad.text.numbers", "find_numbers")
            found = _safe(self, "numbers", find_numbers, self.doc.text[o_lo:o_hi], self.lang)
            for m in found:
                m.start += o_lo
                m.end += o_lo
            cache[(s_lo, s_hi)] = _spans(found, self.o2n)
        return cache[(s_lo, s_hi)]


def _window(items: list[Span[Any]], starts: list[int], lo: int, hi: int) -> list[Span[Any]]:
    a = bisect.bisect_left(starts, lo)
    b = bisect.bisect_left(starts, hi, a)
    return items[a:b]


def _orig_to_norm(nz: Normalized) -> list[int]:
    n = len(nz.original)
    if len(nz.text) == n and nz.offsets == list(range(n + 1)):
        return list(range(n + 1))  # nothing dropped or composed: the identity
    offs = nz.offsets[:-1]
    if offs and offs[0] >= 0 and offs[-1] < n and all(map(le, offs, islice(offs, 1, None))):
        # offsets rising (the normal case): o2n[o] is the first i with offs[i] >= o, i.e. the
        # number of normalised characters that come from before o (counted in C, not a loop)
        counts = Counter(offs)
        o2n = list(accumulate(map(counts.get, range(n), repeat(0)), initial=0))
        o2n[n] = len(nz.text)
        return o2n
    o2n = [-1] * (n + 1)
    for i, o in enumerate(nz.offsets[:-1]):
        if o2n[o] == -1:
            o2n[o] = i
    o2n[n] = len(nz.text)
    nxt = len(nz.text)
    for o in range(n, -1, -1):
        if o2n[o] == -1:
            o2n[o] = nxt
        else:
            nxt = o2n[o]
    return o2n


def _api(name: str, attr: str) -> Callable[..., Any]:
    """A sibling stage's agreed API (imported lazily: the events stage loads without them)."""
    import importlib

    return getattr(importlib.import_module(name), attr)


def _spans(items: list[Any], o2n: list[int]) -> list[Span[Any]]:
    out = []
    n = len(o2n) - 1
    for m in items:
        s = o2n[min(max(m.start, 0), n)]
        e = o2n[min(max(m.end, 0), n)]
        if e <= s:
            e = s + 1
        out.append(Span(s, e, m))
    out.sort(key=lambda x: (x.start, -x.end))
    return out


def build_context(doc: Document, full: bool = False) -> Context:
    """The document in the ``match`` view with the other stages' mentions mapped into it.

    The trigger hits are found first (``extra["hits"]``); a document with no event trigger
    (most of a news stream) skips the other stages unless ``full``. Numbers are found lazily,
    only in sentences that speak of the dead (:meth:`Context.numbers_in`)."""
    text = doc.text or ""
    lang = doc.lang if doc.lang in ("ar", "en") else "ar"
    nz = _api("rasad.text.numbers", "match_view")(text)  # shared with the mention finders
    o2n = _orig_to_norm(nz)
    split_sentences = _api("rasad.text.sentences", "split_sentences")
    sents = []
    for s, e in split_sentences(text):
        ns, ne = o2n[s], o2n[min(e, len(text))]
        if ne > ns:
            sents.append((ns, ne))
    if not sents:
        sents = [(0, len(nz.text))]
    # make the sentence spans cover the text without gaps (simplifies lookups)
    fixed: list[tuple[int, int]] = []
    prev = 0
    for s, e in sorted(sents):
        s = max(s, prev)
        if e <= s:
            continue
        if fixed and s > prev:
            fixed[-1] = (fixed[-1][0], s)
        elif not fixed and s > 0:
            s = 0
        fixed.append((s, e))
        prev = e
    if fixed and fixed[-1][1] < len(nz.text):
        fixed[-1] = (fixed[-1][0], len(nz.text))
    ctx = Context(doc, lang, nz, nz.text, o2n, fixed or [(0, len(nz.text))], published=doc.published)
    from rasad.events.triggers import find_triggers

    hits = find_triggers(ctx.t, lang, ctx.sents) if text.strip() else []
    ctx.extra["hits"] = hits
    if not text.strip() or not (full or any(not h.observation for h in hits)):
        return ctx
    find_all_actors = _api("rasad.actors", "find_all_actors")
    find_dates = _api("rasad.text.dates", "find_dates")
    find_places = _api("rasad.places.geoparser", "find_places")
    places = _safe(ctx, "places", find_places, text, lang)
    ctx.places = _spans([p for p in places if not _not_a_place(p, lang)], o2n)
    country = _places_country(ctx.places)
    actors = partial(find_all_actors, fallback_country=country)
    ctx.actors = _spans(_safe(ctx, "actors", actors, text, lang), o2n)
    ctx.dates = _spans(_safe(ctx, "dates", find_dates, text, lang, doc.published), o2n)
    if lang == "ar":
        _direction_frames(ctx)
    else:
        _english_frames(ctx)
    return ctx


def _places_country(places: list[Span[PlaceMention]]) -> str | None:
    """Syria or Iraq, when the resolved places of the text lie mostly in one of them: the
    country of its generic actor names ("the police", "security forces") when no cue says."""
    counts = Counter(
        sp.m.place.country for sp in places if sp.m.place is not None and sp.m.place.country in ("SY", "IQ")
    )
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    return top if not rest or n > rest[0][1] else None


def _english_frames(ctx: Context) -> None:
    """ "the region of Idlib": a region named by its centre only frames the events; "Omar Haddad
    said": a name before a speech verb is a person."""
    from rasad.events.rules import load_cues
    from rasad.events.triggers import has_cue, tokens_after

    keep: list[Span[PlaceMention]] = []
    cues = load_cues()
    dropped_end = -10
    for sp in ctx.places:
        nxt = tokens_after(ctx.t, sp.end, 3)
        gap = ctx.t[sp.end : sp.end + 40]
        said = next((k for k, w in enumerate(nxt) if w in ("said", "says", "told", "added", "stated")), -1)
        if said >= 0 and sp.m.noun is None and "," not in gap.split(nxt[said])[0]:
            continue
        before = " ".join(ctx.t[max(0, sp.start - 40) : sp.start].split()[-3:])
        if sp.m.noun is None and (
            sp.start - dropped_end <= 1
            or any(before.endswith(w) for w in cues["english_source_before"])
            or (nxt and has_cue(nxt[:2], cues["reporter_words"]))
        ):
            dropped_end = sp.end  # "residents told Radio Fresh": a news outlet
            continue
        head = ctx.t[max(0, sp.start - 30) : sp.start].split()
        if not sp.m.frame and len(head) >= 2 and has_cue(head[-2:], load_cues()["region_of"]):
            sp = Span(
                sp.start, sp.end, replace(sp.m, frame="region", geo_precision=max(2, sp.m.geo_precision))
            )
        keep.append(sp)
    ctx.places = keep


def _direction_frames(ctx: Context) -> None:
    """ "جنوب مدينة كذا (الموصل)": a place after a direction word only frames the event
    (the geoparser marks most of these; a title or bracket between them hides it there)."""
    from rasad.events.rules import load_cues
    from rasad.events.triggers import has_cue, tokens_before

    cues = load_cues()
    for k, sp in enumerate(ctx.places):
        p = sp.m
        if p.frame or p.place is None or getattr(p, "frame_only", False):
            continue
        s_lo, _ = ctx.sentence_of(sp.start)
        words = tokens_before(ctx.t, sp.start, 4, s_lo)
        while words and has_cue(words[-1:], cues["frame_fillers"]):
            words.pop()
        if words and len(words[-1]) > 2 and has_cue(words[-1:], cues["frame_directions"]):
            m = replace(p, frame="direction", geo_precision=max(2, p.geo_precision or 1))
            ctx.places[k] = Span(sp.start, sp.end, m)
        elif _topic(ctx, sp, s_lo):
            m = replace(p, frame="topic", geo_precision=max(2, p.geo_precision or 1))
            ctx.places[k] = Span(sp.start, sp.end, m)


def _topic(ctx: Context, sp: Span[PlaceMention], s_lo: int) -> bool:
    """ "وفي إدلب، استشهد طفل ...": a sentence-initial topic place (a daily report's section)
    frames the sentence; the events in it are placed more exactly when the text says where."""
    head = ctx.t[s_lo : sp.start].strip(" \n\t\"'«»")
    if head not in ("في", "وفي", "ففي") or sp.m.place is None:
        return False
    if sp.m.place.kind not in ("city", "governorate", "town"):
        return False
    return ctx.t[sp.end : sp.end + 2].lstrip().startswith(("،", ","))


def _not_a_place(p: PlaceMention, lang: str) -> bool:
    """An unresolved one-word name that is an event word ("مدفعي", "خاضعة"), or a weak list
    member with one ("آمرلي وفكت الحصار"): no place."""
    if p.place is not None:
        return False
    from rasad.events.triggers import bare_key

    words = p.name.split()
    if len(words) > 1 and not p.rule.startswith("list"):
        return False
    vocab = _non_place_vocab(lang)
    return any(bare_key(w) in vocab for w in words)


@lru_cache(maxsize=4)
def _non_place_vocab(lang: str) -> frozenset[str]:
    from rasad.events.rules import load_cues, load_rules
    from rasad.events.triggers import bare_key

    cues = load_cues()
    words = set(load_rules(lang).single_forms)
    for key in ("not_place_words", "state_of_control", "affiliation_markers", "killed", "injured"):
        words.update(w for w in cues[key] if " " not in w)
    return frozenset(bare_key(w) for w in words)


def _safe(ctx: Context, what: str, fn: Callable[..., list[Any]], *args: Any) -> list[Any]:
    """A sibling stage's mentions; a failure there costs its mentions, never the document."""
    try:
        return list(fn(*args))
    except Exception as exc:
        ctx.extra.setdefault("errors", []).append(f"{what}: {type(exc).__name__}: {exc}")
        return []
