"""Tokens of a normalised text and the Aho-Corasick scan for gazetteer names.

The text is first cut into word tokens (letters and digits). The scan runs over a *view* of
the tokens: each Arabic token as written, each Latin token as its :func:`latin_key`
(articles dropped), each followed by ``\\x02``; tokens are joined by a space when only
whitespace or a hyphen separates them and by ``\\x03`` otherwise, so a multi-word name never
spans punctuation. Keys are the bare names (Arabic: first word without its article) in the
same form, so a hit always ends at a token end; its start must be a token start or follow a
proclitic string (وبال، لل، ف …) inside the token. The automaton is built once per gazetteer.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

import ahocorasick

from rasad.model import Place
from rasad.places.lexicon import (
    LATIN_ARTICLES,
    LATIN_HYPHEN_ARTICLES,
    PROCLITICS,
    arabic_key,
    bare_forms,
    is_arabic,
    latin_key,
    latin_name_key,
    strip_article,
    world_places,
)
from rasad.text.normalize import match_key
from rasad.text.numbers import match_view

TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")
_HAS_LATIN = re.compile("[a-z]")

# normalize(text, "match"), shared (cached) with the other mention finders of the document
match_normalize = match_view
_SPACE_GAP = re.compile(r"[\s\-\"']*")  # quotes are transparent: بلدة "السعن"
END, SEP_SPACE, SEP_PUNCT = "\x02", " ", "\x03"


@dataclass(slots=True)
class Tokens:
    """Word tokens of a normalised text (offsets into it)."""

    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    gaps: list[str]  # gaps[i]: the text between token i-1 and token i ("" before the first)
    upper: list[bool]  # Latin token written with a capital in the original
    spaces: list[bool] = field(default_factory=list)  # space_gap(i) for every i (computed once)
    memo: dict[str, Any] = field(default_factory=dict)  # per-document values the geoparser reuses

    def __post_init__(self) -> None:
        if len(self.spaces) != len(self.gaps):
            self.spaces = [g == " " or _space_only(g) for g in self.gaps]

    def __len__(self) -> int:
        return len(self.words)

    def space_gap(self, i: int) -> bool:
        """Only whitespace or a hyphen between token i-1 and token i."""
        return self.spaces[i]

    def list_sep(self, i: int) -> bool:
        """A list separator (comma) between token i-1 and token i."""
        g = self.gaps[i]
        return ("،" in g or "," in g) and not any(c in g for c in ".:;؛!?؟()\n")


@lru_cache(maxsize=4096)
def _space_only(gap: str) -> bool:
    return _SPACE_GAP.fullmatch(gap) is not None and "\n\n" not in gap


def tokenize(norm_text: str, original: str, offsets: list[int]) -> Tokens:
    parts = _TOKEN_SPLIT.split(norm_text)  # gap, word, gap, word, …, gap
    parts.pop()  # (the text after the last token)
    words = parts[1::2]
    gaps = parts[0::2]  # gaps[i]: the text before words[i]
    bounds = list(accumulate(map(len, parts)))
    starts = bounds[0::2]
    ends = bounds[1::2]
    n = len(original)
    upper = [original[o].isupper() if (o := offsets[s]) < n else False for s in starts]
    return Tokens(norm_text, starts, ends, words, gaps, upper)


@lru_cache(maxsize=65536)
def token_stems(word: str) -> frozenset[str]:
    """Bare readings of an Arabic token (proclitics and article removed), or the word itself."""
    if not is_arabic(word):
        return frozenset((word,))
    out = set()
    for _p, stem in bare_forms(word):
        out.add(stem)
        out.add(strip_article(stem)[0])
    return frozenset(out)


# first words written joined to or apart from the next one: كفر نبل / كفرنبل، دير سنبل / ديرسنبل
JOIN_HEADS = ("كفر", "دير", "عين", "بيت", "ابو", "ام", "خربه", "جسر", "راس", "بني", "بير", "قصر", "تل")


def _head_variants(key: str) -> list[str]:
    words = key.split(" ")
    if len(words) == 2 and words[0] in JOIN_HEADS and len(words[1]) >= 2 and not words[1].startswith("ال"):
        return [words[0] + words[1]]
    if len(words) == 1:
        for h in JOIN_HEADS:
            if key.startswith(h) and len(key) - len(h) >= 3 and not key[len(h):].startswith("ال"):
                return [h + " " + key[len(h):]]
    return []


@dataclass(slots=True)
class KeyInfo:
    key: str  # bare key, words joined by spaces
    latin: bool
    entries: list[tuple[Place, bool, str]] = field(default_factory=list)  # place, had article, variant kind
    memo: dict[str, Any] = field(default_factory=dict)  # facts about the entries (mention.py)


@dataclass(slots=True)
class Hit:
    t0: int  # first token
    t1: int  # last token (inclusive)
    prefix: str  # proclitics before the name inside token t0
    info: KeyInfo

    @property
    def article(self) -> bool:
        return PROCLITICS.get(self.prefix, False)


class NameIndex:
    """Aho-Corasick automaton over the bare keys of every gazetteer name variant."""

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        infos: dict[str, KeyInfo] = {}
        places = gazetteer.places
        names = [(n, places[i], k) for n, i, k in gazetteer.names()]
        names += world_names()
        seen: set[tuple[str, str]] = set()
        for name, place, vkind in names:
            if not name or (name, place.id) in seen:
                continue
            seen.add((name, place.id))
            if "\u0621" <= name[0] <= "\u064a":
                key, art = arabic_key(name)
                if len(key) < 2:
                    continue
                variants = (key, *_head_variants(key))
                latin = False
            elif _HAS_LATIN.search(name):
                key, art, latin = latin_name_key(name), False, True
                if len(key) < 3:
                    continue
                variants = (key,)
            else:
                continue
            for k2 in variants:
                info = infos.get(k2)
                if info is None:
                    info = infos[k2] = KeyInfo(k2, latin)
                info.entries.append((place, art, vkind if k2 == key else "joined"))
        self.infos = list(infos.values())
        auto = ahocorasick.Automaton()
        for i, info in enumerate(self.infos):
            view_key = (END + SEP_SPACE).join(info.key.split()) + END
            auto.add_word(view_key, (len(view_key), i))
        auto.make_automaton()
        self.automaton = auto
        # keys by bare text, for lookups of names found by other rules
        self.by_key = {info.key: info for info in self.infos}
        self._skeletons: dict[str, list[Place]] | None = None

    def by_skeleton(self, key: str) -> list[Place]:
        """Places whose Latin key has the same consonant skeleton (Binnish / Bennsh)."""
        if self._skeletons is None:
            sk: dict[str, list[Place]] = {}
            # the places of each skeleton by id (equal places share it: `in` on a short list)
            have: dict[tuple[str, str], list[Place]] = {}
            for info in self.infos:
                if info.latin:
                    s = skeleton(info.key)
                    if len(s.replace(" ", "")) >= 3:
                        lst = sk.setdefault(s, [])
                        for p, _a, _k in info.entries:
                            same = have.setdefault((s, p.id), [])
                            if p not in same:
                                same.append(p)
                                lst.append(p)
            self._skeletons = sk
        return self._skeletons.get(skeleton(key), [])

    def scan(self, toks: Tokens) -> list[Hit]:
        """All name hits on token boundaries (overlapping; the caller picks)."""
        words = toks.words
        view, vstarts, vtok, end_at = _view(toks)
        hits: list[Hit] = []
        infos = self.infos
        for p, (length, ki) in self.automaton.iter(view):
            t1 = end_at.get(p)
            if t1 is None:
                continue
            s = p - length + 1
            j = bisect_right(vstarts, s) - 1
            if j < 0:
                continue
            k = s - vstarts[j]
            t0 = vtok[j]
            info = infos[ki]
            if k:
                if info.latin or not is_arabic(words[t0]):
                    continue
                prefix = words[t0][:k]
                if prefix not in PROCLITICS:
                    continue
            else:
                prefix = ""
            hits.append(Hit(t0, t1, prefix, info))
        return hits


def _view(toks: Tokens) -> tuple[str, list[int], list[int], dict[int, int]]:
    """The scan view: each kept token's view word followed by END, separated by SEP_SPACE or
    (after punctuation) SEP_PUNCT; Latin articles before a space or hyphen are left out.
    Returns the view, each kept token's start in it, its token index, and end -> token."""
    pieces: list[str] = []
    vstarts: list[int] = []
    vtok: list[int] = []
    end_at: dict[int, int] = {}
    pos = 0
    pending_punct = False
    words = toks.words
    spaces = toks.spaces
    gaps = toks.gaps
    n = len(words)
    for i in range(n):
        w = words[i]
        if i and not spaces[i]:
            pending_punct = True
        if not ("\u0621" <= w[0] <= "\u064a"):  # not is_arabic(w)
            if w in LATIN_ARTICLES or w in LATIN_HYPHEN_ARTICLES:
                nxt = gaps[i + 1][:1] if i + 1 < n else ""
                if (w in LATIN_ARTICLES and nxt in (" ", "-")) or (
                    w in LATIN_HYPHEN_ARTICLES and nxt == "-"
                ):
                    continue
            if not w.isdigit():
                w = latin_key(w)
        if pieces:
            pieces.append(SEP_PUNCT if pending_punct else SEP_SPACE)
            pos += 1
        pending_punct = False
        vstarts.append(pos)
        vtok.append(i)
        pieces.append(w)
        pos += len(w)
        end_at[pos] = i
        pieces.append(END)
        pos += 1
    view = "".join(pieces)
    return view, vstarts, vtok, end_at


def skeleton(latin_key: str) -> str:
    """First letter and consonants of each word of a Latin key ("banash" -> "bnsh")."""
    return " ".join(w[:1] + w[1:].replace("a", "") for w in latin_key.split())


def world_names() -> list[tuple[str, Place, str]]:
    """(match key, place, "world") for the countries and cities of data/place_world.yaml."""
    out = []
    for p, names in world_places():
        for n in names:
            out.append((match_key(n), p, "world"))
    return out


_CACHE: dict[int, NameIndex] = {}
_LOCK = threading.Lock()


def name_index(gazetteer: Any) -> NameIndex:
    """The (cached) index of ``gazetteer``; built on first use."""
    key = id(gazetteer)
    idx = _CACHE.get(key)
    if idx is None or idx.gazetteer is not gazetteer:
        with _LOCK:
            idx = _CACHE.get(key)
            if idx is None or idx.gazetteer is not gazetteer:
                idx = NameIndex(gazetteer)
                _CACHE[key] = idx
    return idx


def select_longest(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, longest (in tokens, then characters) first; whole words before
    readings with proclitics."""
    hits = sorted(hits, key=lambda h: (-(h.t1 - h.t0), -len(h.info.key), len(h.prefix), h.t0))
    taken: set[int] = set()
    out: list[Hit] = []
    for h in hits:
        span = range(h.t0, h.t1 + 1)
        if any(t in taken for t in span):
            continue
        taken.update(span)
        out.append(h)
    out.sort(key=lambda h: h.t0)
    return out
